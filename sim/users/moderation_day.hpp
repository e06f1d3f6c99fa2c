#pragma once

#include <array>
#include <cstdint>

#include "sim/model/risk_class_spec.hpp"

namespace gvsim::users {

/// @brief What moderation and regulation did in one region during one UTC day. Counts are simulated (results
/// multiply them by scale) except `incidents` and `fines_usd`, which are real-world figures.
struct ModerationDay {
  std::int64_t harmful_requests = 0;  ///< accepted requests whose prompt was harmful
  std::int64_t prompt_tp = 0;         ///< harmful prompts flagged
  std::int64_t prompt_fp = 0;         ///< benign prompts flagged
  std::int64_t prompt_tn = 0;         ///< benign prompts passed
  std::int64_t prompt_fn = 0;         ///< harmful prompts passed
  std::int64_t video_tp = 0;
  std::int64_t video_fp = 0;
  std::int64_t video_tn = 0;
  std::int64_t video_fn = 0;
  std::int64_t review_queued = 0;        ///< flagged items sent to human review
  std::int64_t reviewed = 0;             ///< items reviewers took up (capacity used, cost charged)
  std::int64_t overturned = 0;           ///< review decisions that released the item
  std::int64_t confirmed = 0;            ///< review decisions that blocked the item
  std::int64_t review_backlog = 0;       ///< end of day: flagged items still waiting for reviewers
  std::int64_t jobs_blocked_prompt = 0;  ///< jobs blocked before the GPU (credits refunded)
  std::int64_t jobs_blocked_video = 0;   ///< videos generated but not delivered (credits refunded)
  std::int64_t blocked_benign = 0;       ///< blocked jobs whose content was benign
  std::int64_t harmful_published = 0;    ///< harmful videos delivered
  std::int64_t incidents = 0;            ///< real-world regulatory incidents
  std::int64_t suspensions = 0;          ///< suspensions that started during the day
  bool suspended = false;                ///< service suspended at the end of the day
  bool exited = false;                   ///< the platform has left the region for good
  bool forced_strictness = false;        ///< regulator-forced stricter thresholds at the end of the day
  double review_usd = 0.0;               ///< simulated items taken up x usd_per_item
  double fines_usd = 0.0;                ///< real-world fines
  // Per content-risk class (index: class number - 1; sim/model/risk_class_spec.hpp).
  std::array<std::int64_t, model::kRiskClassCount> class_requests{};   ///< accepted risky requests of the class
  std::array<std::int64_t, model::kRiskClassCount> class_published{};  ///< videos of the class delivered
  std::array<std::int64_t, model::kRiskClassCount> class_incidents{};  ///< real-world incidents
  std::array<double, model::kRiskClassCount> class_fines_usd{};        ///< real-world fines
  std::int64_t labelled_published = 0;                                 ///< labelled videos delivered
};

}  // namespace gvsim::users
