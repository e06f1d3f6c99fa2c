#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "policies/moderation_policy.hpp"
#include "sim/model/scenario.hpp"
#include "sim/rng/random_stream.hpp"
#include "sim/users/content_risk.hpp"
#include "sim/users/job_request.hpp"
#include "sim/users/region_day.hpp"

namespace gvsim::users {

/// @brief What a moderation check decided about a job.
enum class ModerationVerdict : std::uint8_t {
  kPass = 0,     ///< not flagged: the job runs or the video is delivered
  kBlocked = 1,  ///< flagged and blocked at once (no review)
  kHeld = 2,     ///< flagged and held for human review; released or blocked later by a review event
};

/// @brief A flagged item waiting for, or under, human review.
struct ReviewItem {
  JobRequest job;
  policies::ModerationStage stage = policies::ModerationStage::kPrompt;
  std::uint32_t cluster = 0;                                   ///< video stage: cluster that generated the video
  double wait_s = 0.0;                                         ///< video stage: the job's queue wait
  double release_s = std::numeric_limits<double>::infinity();  ///< decision time once taken up
};

/// @brief A review decision due in a region's event calendar.
struct ReviewDecision {
  ReviewItem item;
  bool released = false;  ///< overturned: the job runs or the video is delivered; else blocked
};

/// @brief Content moderation and regulation of every region, driven by the market's event calendar.
///
/// Each user draws a risky-prompt propensity at adoption (stream `moderation/REGION/content`); each accepted
/// request is risky with that probability, falls in a content-risk class (ContentRisk) and its prompt is scored
/// (stream `moderation/REGION`), each finished
/// video scored again (stream `moderation/REGION/video`), by the moderation policy. Flagged items are blocked, or
/// wait for reviewers (FIFO, a daily capacity, a delay to the decision; stream `moderation/REGION/review`).
/// Published harmful clips cause regulatory incidents (stream `moderation/REGION/incidents`): fines, forced
/// strictness, suspensions, exit. Plain C++; it never touches SimGrid.
class ModerationFlow {
 public:
  /// @brief Moderation for `scenario` with the policy it names, or nothing when that policy is inactive (`none`).
  static std::optional<ModerationFlow> create(const model::Scenario& scenario, std::uint64_t seed,
                                              std::uint64_t replication);
  /// @brief Moderation of all regions of `scenario` with `policy`, streams under (seed, replication).
  ModerationFlow(const model::Scenario& scenario, std::shared_ptr<const policies::ModerationPolicy> policy,
                 std::uint64_t seed, std::uint64_t replication);

  /// @brief Draws the content propensity of user `u` (the next user index) of `region` and `segment`.
  void on_adopt(std::uint32_t u, std::size_t region, std::size_t segment);
  /// @brief Draws whether the accepted request `job` is harmful and checks its prompt at time t. On a pass, adds
  /// the video check's GPU time to the job's work. `propensity` (a contract job's) replaces the user's when given.
  ModerationVerdict check_prompt(JobRequest& job, std::size_t region, double t, RegionDay& day,
                                 std::optional<double> propensity = std::nullopt);
  /// @brief Checks the finished video of `job` at time t (generated on `cluster` after waiting `wait_s`).
  ModerationVerdict check_video(const JobRequest& job, std::size_t region, std::uint32_t cluster, double wait_s,
                                double t, RegionDay& day);
  /// @brief Time of the region's next review decision (infinity if none).
  double next_release_s(std::size_t region) const;
  /// @brief Takes the region's next due review decision at time t and counts it in `day`.
  ReviewDecision release(std::size_t region, double t, RegionDay& day);
  /// @brief The video of `job` was delivered in `region` at time t: labels counted; when harmful, incidents, fines,
  /// forced strictness, suspension.
  void on_published(const JobRequest& job, std::size_t region, double t, RegionDay& day);
  /// @brief Closes the region's day at UTC midnight t and opens the next one (new review capacity).
  void midnight(std::size_t region, double t, RegionDay& closing, RegionDay& opening);
  /// @brief Records the end-of-day state in the region's last (possibly partial) day at time t.
  void snapshot(std::size_t region, double t, RegionDay& day) const;

  /// @brief True while the region's service is suspended (or after the platform left it).
  bool suspended(std::size_t region, double t) const;
  /// @brief When the region's current suspension ends (infinity after an exit).
  double resume_s(std::size_t region) const;
  /// @brief True when the policy checks prompts.
  bool checks_prompts() const { return policy_->checks(policies::ModerationStage::kPrompt); }
  /// @brief True when the policy checks finished videos.
  bool checks_videos() const { return policy_->checks(policies::ModerationStage::kVideo); }

  /// @brief Items of `stage` flagged and not yet decided (waiting or under review).
  std::int64_t in_review(policies::ModerationStage stage) const;
  /// @brief Fines charged over the run (real-world USD), summed at each incident.
  double fines_charged_usd() const { return fines_charged_usd_; }
  /// @brief Review costs charged over the run (simulated items x usd_per_item), summed at each take-up.
  double review_charged_usd() const { return review_charged_usd_; }
  /// @brief Content propensity of user `u`.
  float propensity(std::uint32_t u) const { return propensity_[u]; }

 private:
  struct RegionState {
    rng::RandomStream checks;
    rng::RandomStream videos;
    rng::RandomStream review;
    rng::RandomStream incidents;
    rng::RandomStream content;
    rng::RandomStream classes;
    std::deque<ReviewItem> waiting;                                ///< flagged, no reviewer capacity yet (FIFO)
    std::deque<ReviewItem> scheduled;                              ///< taken up; release times never decrease
    std::int64_t capacity_left = 0;                                ///< items reviewers can still take up today
    std::deque<std::pair<double, std::int64_t>> recent_incidents;  ///< (time, count) within the window
    double forced_until_s = -std::numeric_limits<double>::infinity();
    double suspended_until_s = -std::numeric_limits<double>::infinity();
    std::int64_t suspensions = 0;
    bool exited = false;
  };

  ModerationVerdict flagged(ReviewItem item, bool harmful, std::size_t region, double t, RegionDay& day);
  void take_up(std::size_t region, ReviewItem item, double t, RegionDay& day);
  double tightening(std::size_t region, double t) const;
  std::int64_t day_capacity(std::int64_t day) const;
  float draw_propensity(rng::RandomStream& stream, double mean);
  /// The moderation item of `job` at `stage`, with the classifier noise drawn by the caller.
  policies::ModerationItem item(policies::ModerationStage stage, const JobRequest& job, std::size_t region,
                                double noise, double t) const;
  /// GPU seconds a job that passed its prompt check gains: the video check and the label.
  double added_work_s(const JobRequest& job) const;

  const model::Scenario& scenario_;
  std::shared_ptr<const policies::ModerationPolicy> policy_;
  const model::ModerationSpec& spec_;
  ContentRisk risk_;
  std::vector<RegionState> regions_;
  std::vector<float> propensity_;      ///< per user: share of risky prompts
  std::vector<std::uint8_t> segment_;  ///< per user: segment index
  double fines_charged_usd_ = 0.0;
  double review_charged_usd_ = 0.0;
};

/// @brief Poisson draw with mean `mean` (inversion; normal approximation above a mean of 50).
std::int64_t poisson(rng::RandomStream& stream, double mean);
/// @brief Gamma draw with shape `shape` and scale 1 (Marsaglia and Tsang 2000).
double gamma_draw(rng::RandomStream& stream, double shape);

}  // namespace gvsim::users
