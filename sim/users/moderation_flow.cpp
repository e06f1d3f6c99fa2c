#include "sim/users/moderation_flow.hpp"

#include <algorithm>
#include <cmath>

#include "sim/model/policy_contexts.hpp"

namespace gvsim::users {

namespace {
constexpr double kDay = 86400.0;
constexpr double kInfinity = std::numeric_limits<double>::infinity();
using policies::ModerationStage;
/// Risky prompts of enterprise contracts are commercial misuse (claims in product and advertising clips; estimate).
const std::uint8_t kContractRiskClass = model::risk_class_number("commercial_misuse");

void count_check(ModerationStage stage, bool harmful, bool flag, ModerationDay& m) {
  const bool prompt = stage == ModerationStage::kPrompt;
  if (harmful) {
    ++(flag ? (prompt ? m.prompt_tp : m.video_tp) : (prompt ? m.prompt_fn : m.video_fn));
  } else {
    ++(flag ? (prompt ? m.prompt_fp : m.video_fp) : (prompt ? m.prompt_tn : m.video_tn));
  }
}

void count_blocked(ModerationStage stage, bool harmful, ModerationDay& m) {
  ++(stage == ModerationStage::kPrompt ? m.jobs_blocked_prompt : m.jobs_blocked_video);
  if (!harmful) ++m.blocked_benign;
}
}  // namespace

std::int64_t poisson(rng::RandomStream& stream, double mean) {
  if (!(mean > 0.0)) return 0;
  if (mean > 50.0) {
    return std::max<std::int64_t>(0, std::llround(mean + std::sqrt(mean) * stream.standard_normal()));
  }
  const double u = stream.uniform();
  double p = std::exp(-mean);
  double cumulative = p;
  std::int64_t k = 0;
  while (u >= cumulative && k < 1000) {
    ++k;
    p *= mean / static_cast<double>(k);
    cumulative += p;
  }
  return k;
}

double gamma_draw(rng::RandomStream& stream, double shape) {
  if (shape < 1.0) return gamma_draw(stream, shape + 1.0) * std::pow(stream.uniform_positive(), 1.0 / shape);
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = stream.standard_normal();
    const double root = 1.0 + c * x;
    if (root <= 0.0) continue;
    const double v = root * root * root;
    if (std::log(stream.uniform_positive()) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
  }
}

std::optional<ModerationFlow> ModerationFlow::create(const model::Scenario& scenario, std::uint64_t seed,
                                                     std::uint64_t replication) {
  std::shared_ptr<const policies::ModerationPolicy> policy =
      scenario.experiment.policies.moderation.make(model::moderation_context(scenario));
  if (!policy->active()) return std::nullopt;
  return ModerationFlow(scenario, std::move(policy), seed, replication);
}

ModerationFlow::ModerationFlow(const model::Scenario& scenario,
                               std::shared_ptr<const policies::ModerationPolicy> policy, std::uint64_t seed,
                               std::uint64_t replication)
    : scenario_(scenario), policy_(std::move(policy)), spec_(scenario.experiment.policies.moderation), risk_(scenario) {
  for (const auto& region : scenario.regions) {
    const std::string prefix = "moderation/" + region.name;
    regions_.push_back(RegionState{rng::RandomStream(seed, replication, prefix),
                                   rng::RandomStream(seed, replication, prefix + "/video"),
                                   rng::RandomStream(seed, replication, prefix + "/review"),
                                   rng::RandomStream(seed, replication, prefix + "/incidents"),
                                   rng::RandomStream(seed, replication, prefix + "/content"),
                                   rng::RandomStream(seed, replication, prefix + "/class"),
                                   {},
                                   {},
                                   day_capacity(0),
                                   {},
                                   -kInfinity,
                                   -kInfinity,
                                   0,
                                   false});
  }
}

std::int64_t ModerationFlow::day_capacity(std::int64_t day) const {
  // Simulated items per day c = capacity / scale, spread so that every run of days gets floor or ceil of its share.
  const double c = spec_.review.capacity_per_day / scenario_.experiment.scale;
  const auto d = static_cast<double>(day);
  return static_cast<std::int64_t>(std::floor((d + 1.0) * c) - std::floor(d * c));
}

float ModerationFlow::draw_propensity(rng::RandomStream& stream, double mean) {
  const double cv = spec_.content.cv;
  if (mean <= 0.0 || cv == 0.0) return static_cast<float>(mean);
  if (spec_.content.distribution == "lognormal") return static_cast<float>(std::min(1.0, stream.lognormal(mean, cv)));
  // Beta with this mean and cv: concentration a + b = (1 - m) / (cv^2 m) - 1 (> 0, checked at load time).
  const double concentration = (1.0 - mean) / (cv * cv * mean) - 1.0;
  const double x = gamma_draw(stream, mean * concentration);
  const double y = gamma_draw(stream, (1.0 - mean) * concentration);
  return static_cast<float>(x + y > 0.0 ? x / (x + y) : mean);
}

void ModerationFlow::on_adopt(std::uint32_t u, std::size_t region, std::size_t segment) {
  if (propensity_.size() <= u) {
    propensity_.resize(u + 1, 0.0F);
    segment_.resize(u + 1, 0);
  }
  propensity_[u] = draw_propensity(regions_[region].content, risk_.segment_mean(segment));
  segment_[u] = static_cast<std::uint8_t>(segment);
}

double ModerationFlow::tightening(std::size_t region, double t) const {
  return t < regions_[region].forced_until_s ? scenario_.regions[region].regulation.forced_threshold_decrease : 0.0;
}

ModerationVerdict ModerationFlow::check_prompt(JobRequest& job, std::size_t region, double t, RegionDay& day,
                                               std::optional<double> propensity) {
  auto& s = regions_[region];
  const bool contract = propensity.has_value();  // contract jobs carry no user record
  job.harmful = s.checks.bernoulli(contract ? *propensity : propensity_[job.user]);
  if (job.harmful) {
    ++day.moderation.harmful_requests;
    job.risk_class = contract ? kContractRiskClass : risk_.draw_class(s.classes, segment_[job.user]);
    ++day.moderation.class_requests[job.risk_class - 1U];
  }
  job.labelled = contract ? risk_.labelled(region, t) : risk_.labelled(job.paid, segment_[job.user], region, t);
  if (policy_->checks(ModerationStage::kPrompt)) {
    const double noise = s.checks.standard_normal();
    const bool flag = policy_->flag(item(ModerationStage::kPrompt, job, region, noise, t));
    count_check(ModerationStage::kPrompt, job.harmful, flag, day.moderation);
    if (flag) return flagged(ReviewItem{job, ModerationStage::kPrompt, 0, 0.0, kInfinity}, job.harmful, region, t, day);
  }
  job.work_gpu_s += added_work_s(job);
  return ModerationVerdict::kPass;
}

policies::ModerationItem ModerationFlow::item(ModerationStage stage, const JobRequest& job, std::size_t region,
                                              double noise, double t) const {
  return policies::ModerationItem{
      stage, region, job.harmful, noise, tightening(region, t), risk_.separability(job.risk_class)};
}

double ModerationFlow::added_work_s(const JobRequest& job) const {
  return policy_->video_check_gpu_s() + (job.labelled ? risk_.label_gpu_s() : 0.0);
}

ModerationVerdict ModerationFlow::check_video(const JobRequest& job, std::size_t region, std::uint32_t cluster,
                                              double wait_s, double t, RegionDay& day) {
  if (!policy_->checks(ModerationStage::kVideo)) return ModerationVerdict::kPass;
  const double noise = regions_[region].videos.standard_normal();
  const bool flag = policy_->flag(item(ModerationStage::kVideo, job, region, noise, t));
  count_check(ModerationStage::kVideo, job.harmful, flag, day.moderation);
  if (!flag) return ModerationVerdict::kPass;
  return flagged(ReviewItem{job, ModerationStage::kVideo, cluster, wait_s, kInfinity}, job.harmful, region, t, day);
}

ModerationVerdict ModerationFlow::flagged(ReviewItem item, bool harmful, std::size_t region, double t, RegionDay& day) {
  if (!spec_.review.enabled) {
    count_blocked(item.stage, harmful, day.moderation);
    return ModerationVerdict::kBlocked;
  }
  ++day.moderation.review_queued;
  auto& s = regions_[region];
  if (s.capacity_left > 0) {
    take_up(region, item, t, day);
  } else {
    s.waiting.push_back(item);
  }
  return ModerationVerdict::kHeld;
}

void ModerationFlow::take_up(std::size_t region, ReviewItem item, double t, RegionDay& day) {
  auto& s = regions_[region];
  --s.capacity_left;
  ++day.moderation.reviewed;
  day.moderation.review_usd += spec_.review.usd_per_item;
  review_charged_usd_ += spec_.review.usd_per_item;
  item.release_s = t + spec_.review.delay_hours * 3600.0;
  s.scheduled.push_back(item);  // taken up in time order with one delay: release times never decrease
}

double ModerationFlow::next_release_s(std::size_t region) const {
  const auto& s = regions_[region];
  return s.scheduled.empty() ? kInfinity : s.scheduled.front().release_s;
}

ReviewDecision ModerationFlow::release(std::size_t region, double, RegionDay& day) {
  auto& s = regions_[region];
  ReviewDecision decision{s.scheduled.front(), false};
  s.scheduled.pop_front();
  const bool right = s.review.bernoulli(spec_.review.accuracy);
  decision.released = decision.item.job.harmful ? !right : right;
  if (decision.released) {
    ++day.moderation.overturned;
    if (decision.item.stage == ModerationStage::kPrompt)
      decision.item.job.work_gpu_s += added_work_s(decision.item.job);
  } else {
    ++day.moderation.confirmed;
    count_blocked(decision.item.stage, decision.item.job.harmful, day.moderation);
  }
  return decision;
}

bool ModerationFlow::suspended(std::size_t region, double t) const {
  return regions_[region].exited || t < regions_[region].suspended_until_s;
}

double ModerationFlow::resume_s(std::size_t region) const {
  return regions_[region].exited ? kInfinity : regions_[region].suspended_until_s;
}

void ModerationFlow::on_published(const JobRequest& job, std::size_t region, double t, RegionDay& day) {
  if (job.labelled) ++day.moderation.labelled_published;
  if (!job.harmful) return;
  auto& s = regions_[region];
  ++day.moderation.harmful_published;
  const auto& rules = scenario_.regions[region].regulation;
  const double fines_before = day.moderation.fines_usd;
  const std::int64_t n = risk_.on_published(job.risk_class, job.labelled, region, s.incidents, day);
  if (n == 0) return;
  fines_charged_usd_ += day.moderation.fines_usd - fines_before;
  if (rules.forced_days > 0.0) s.forced_until_s = std::max(s.forced_until_s, t + rules.forced_days * kDay);
  if (rules.suspension_after_incidents <= 0) return;
  s.recent_incidents.emplace_back(t, n);
  while (s.recent_incidents.front().first <= t - rules.suspension_window_days * kDay)
    s.recent_incidents.pop_front();
  std::int64_t recent = 0;
  for (const auto& entry : s.recent_incidents)
    recent += entry.second;
  if (recent < rules.suspension_after_incidents || suspended(region, t)) return;
  s.recent_incidents.clear();  // the next suspension needs new incidents
  ++s.suspensions;
  ++day.moderation.suspensions;
  s.suspended_until_s = t + rules.suspension_days * kDay;
  if (rules.exit_after_suspensions > 0 && s.suspensions >= rules.exit_after_suspensions) s.exited = true;
}

void ModerationFlow::snapshot(std::size_t region, double t, RegionDay& day) const {
  const auto& s = regions_[region];
  day.moderation.review_backlog = static_cast<std::int64_t>(s.waiting.size());
  day.moderation.suspended = suspended(region, t);
  day.moderation.exited = s.exited;
  day.moderation.forced_strictness = t < s.forced_until_s;
}

void ModerationFlow::midnight(std::size_t region, double t, RegionDay& closing, RegionDay& opening) {
  snapshot(region, t, closing);
  auto& s = regions_[region];
  s.capacity_left = day_capacity(std::llround(t / kDay));
  while (s.capacity_left > 0 && !s.waiting.empty()) {
    take_up(region, s.waiting.front(), t, opening);
    s.waiting.pop_front();
  }
}

std::int64_t ModerationFlow::in_review(ModerationStage stage) const {
  std::int64_t n = 0;
  for (const auto& s : regions_) {
    for (const auto* queue : {&s.waiting, &s.scheduled}) {
      n += std::count_if(queue->begin(), queue->end(), [stage](const ReviewItem& i) { return i.stage == stage; });
    }
  }
  return n;
}

}  // namespace gvsim::users
