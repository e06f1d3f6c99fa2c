#include "sim/economics/moderation_books.hpp"

#include <cmath>
#include <string>

#include "sim/model/invariant.hpp"

namespace gvsim::economics {

namespace {
void require(bool ok, const std::string& what) {
  if (!ok) throw InvariantViolation("moderation does not add up: " + what);
}
std::string n(std::int64_t v) {
  return std::to_string(v);
}
/// The risk classes of a day add up to its harmful requests, harmful videos, incidents and fines.
void check_classes(const users::ModerationDay& m) {
  std::int64_t requests = 0;
  std::int64_t published = 0;
  std::int64_t incidents = 0;
  double fines = 0.0;
  for (std::size_t c = 0; c < model::kRiskClassCount; ++c) {
    requests += m.class_requests[c];
    published += m.class_published[c];
    incidents += m.class_incidents[c];
    fines += m.class_fines_usd[c];
  }
  require(requests == m.harmful_requests && published == m.harmful_published && incidents == m.incidents &&
              std::fabs(fines - m.fines_usd) <= 1e-6 * std::max(1.0, m.fines_usd),
          "risk classes sum to " + n(requests) + " requests, " + n(published) + " videos, " + n(incidents) +
              " incidents, " + std::to_string(fines) + " USD; the day has " + n(m.harmful_requests) + ", " +
              n(m.harmful_published) + ", " + n(m.incidents) + ", " + std::to_string(m.fines_usd));
}
}  // namespace

void check_moderation_books(const model::Scenario&, const observe::RunOutcome& outcome, std::int64_t videos_checked) {
  const auto& market = *outcome.market;
  const auto& flow = *market.moderation();
  users::ModerationDay total;
  std::int64_t backlog_end = 0;
  std::int64_t delivered = 0;
  for (const auto& days : market.days()) {
    if (!days.empty()) backlog_end += days.back().moderation.review_backlog;
    for (const auto& day : days) {
      const auto& m = day.moderation;
      delivered += day.jobs_delivered;
      for (auto [sum, value] : {std::pair{&total.prompt_tp, m.prompt_tp},
                                {&total.prompt_fp, m.prompt_fp},
                                {&total.prompt_tn, m.prompt_tn},
                                {&total.prompt_fn, m.prompt_fn},
                                {&total.video_tp, m.video_tp},
                                {&total.video_fp, m.video_fp},
                                {&total.video_tn, m.video_tn},
                                {&total.video_fn, m.video_fn},
                                {&total.review_queued, m.review_queued},
                                {&total.reviewed, m.reviewed},
                                {&total.overturned, m.overturned},
                                {&total.confirmed, m.confirmed},
                                {&total.jobs_blocked_prompt, m.jobs_blocked_prompt},
                                {&total.jobs_blocked_video, m.jobs_blocked_video},
                                {&total.blocked_benign, m.blocked_benign},
                                {&total.harmful_published, m.harmful_published},
                                {&total.harmful_requests, m.harmful_requests}}) {
        *sum += value;
      }
      total.review_usd += m.review_usd;
      total.fines_usd += m.fines_usd;
      check_classes(m);
    }
  }
  const std::int64_t prompt_checks = total.prompt_tp + total.prompt_fp + total.prompt_tn + total.prompt_fn;
  const std::int64_t video_checks = total.video_tp + total.video_fp + total.video_tn + total.video_fn;
  require(prompt_checks == (flow.checks_prompts() ? market.jobs_submitted() : 0),
          "prompt checks " + n(prompt_checks) + " != jobs accepted " + n(market.jobs_submitted()));
  require(video_checks == (flow.checks_videos() ? videos_checked : 0),
          "video checks " + n(video_checks) + " != videos generated without failure " + n(videos_checked));
  const std::int64_t flagged = total.prompt_tp + total.prompt_fp + total.video_tp + total.video_fp;
  const std::int64_t blocked = total.jobs_blocked_prompt + total.jobs_blocked_video;
  require(flagged == blocked - total.confirmed + total.review_queued,
          "flagged " + n(flagged) + " != blocked at once " + n(blocked - total.confirmed) + " + sent to review " +
              n(total.review_queued));
  const std::int64_t under_review = flow.in_review(policies::ModerationStage::kPrompt) +
                                    flow.in_review(policies::ModerationStage::kVideo) - backlog_end;
  require(total.review_queued == total.reviewed + backlog_end, "sent to review " + n(total.review_queued) +
                                                                   " != taken up " + n(total.reviewed) + " + backlog " +
                                                                   n(backlog_end));
  require(total.reviewed == total.overturned + total.confirmed + under_review,
          "taken up " + n(total.reviewed) + " != overturned " + n(total.overturned) + " + confirmed " +
              n(total.confirmed) + " + under review " + n(under_review));
  require(total.blocked_benign <= blocked && total.harmful_published <= delivered &&
              total.harmful_published <= total.harmful_requests,
          "blocked benign " + n(total.blocked_benign) + " of " + n(blocked) + ", harmful published " +
              n(total.harmful_published) + " of " + n(delivered) + " delivered and " + n(total.harmful_requests) +
              " harmful requests");
  const auto close = [](double a, double b) { return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(a)); };
  require(close(total.review_usd, flow.review_charged_usd()), "review costs in the day records " +
                                                                  std::to_string(total.review_usd) + " USD, charged " +
                                                                  std::to_string(flow.review_charged_usd()));
  require(close(total.fines_usd, flow.fines_charged_usd()), "fines in the day records " +
                                                                std::to_string(total.fines_usd) + " USD, charged " +
                                                                std::to_string(flow.fines_charged_usd()));
}

}  // namespace gvsim::economics
