#include "sim/users/market.hpp"

#include <algorithm>
#include <cmath>

#include "sim/users/market_time.hpp"

namespace gvsim::users {

bool Market::offer_upgrade(std::uint32_t u, double t, double wanted_credits, double feature_utility) {
  const std::size_t region = table_.region[u];
  auto& s = regions_[region];
  const auto& tiers = spec_.pricing.tiers;
  // Every tier is offered at the price the pricing policy sets for this region and day (promotions included); the
  // user chooses among staying free and the tiers (UpgradeOffers), then pays if the payment goes through.
  auto& offer = offer_scratch_;
  for (std::size_t k = 0; k < tiers.size(); ++k)
    offer[k] = policies_.subscription_offer(tiers[k].usd_per_month, region, t);
  const OfferContext context{table_.wtp_usd[u], table_.satisfaction[u], pressure(region, t), wanted_credits,
                             feature_utility};
  RegionDay& day = today(region, t);
  ++day.upgrade_offers;
  const std::optional<std::size_t> chosen = offers_.choose(context, offer, s.choice);
  if (!chosen || !s.choice.bernoulli(payment_success(u))) return false;
  const std::size_t tier = *chosen;
  table_.state[u] = UserState::kPaid;
  table_.tier[u] = static_cast<std::uint8_t>(tier);
  table_.credits[u] += static_cast<float>(tiers[tier].credits_per_month);
  table_.renewal_day[u] = static_cast<std::int32_t>(t / kDay) + 30;
  ++s.paid;
  ++day.conversions;
  policies_.on_subscribed(u, offer[tier], region, t);
  charge_subscription(u, offer[tier].usd, day, t);
  return true;
}

void Market::make_periodic_offers(std::size_t region, double t) {
  // After the closing day's snapshot, so that these conversions belong to the opening day.
  const std::int32_t local_day = day_index(t, scenario_.regions[region].utc_offset_h);
  for (std::uint32_t u : periodic_) {
    if (table_.offer_day[u] >= local_day) continue;
    table_.offer_day[u] = local_day;
    offer_upgrade(u, t, offers_.mean_clip_credits(table_.segment[u]), 0.0);
  }
  periodic_.clear();
}

void Market::charge_subscription(std::uint32_t u, double price, RegionDay& day, double t) {
  const auto& payments = scenario_.regions[table_.region[u]].payments;
  day.revenue_subscriptions_usd += price;
  segment_days_.of_user(table_, u, t).revenue_subscriptions_usd += price;
  charged_gross_usd_ += price;
  day.store_fees_usd += price * payments.app_store_share * payments.app_store_fee;
  day.payment_fees_usd += price * (1.0 - payments.app_store_share) * payments.payment_fee;
}

std::uint32_t Market::pick_requester(std::size_t region) {
  auto& s = regions_[region];
  double total = 0.0;
  for (std::size_t g = 0; g < segments_.size(); ++g) {
    total += static_cast<double>(active_.count(group(region, g))) * request_rate(region, g);
    segment_weight_scratch_[g] = total;
  }
  const std::size_t segment = s.requests.discrete(segment_weight_scratch_);
  const auto& members = active_.members(group(region, segment));
  return members[std::min<std::size_t>(
      static_cast<std::size_t>(s.requests.uniform() * static_cast<double>(members.size())), members.size() - 1)];
}

std::optional<JobRequest> Market::novelty_request(std::size_t region, double t) {
  const std::uint32_t u = novelty_.pop(region);
  if (table_.state[u] == UserState::kChurned) return std::nullopt;  // lapsed or gone to a rival: no burst left
  ++today(region, t).novelty_requests;
  return serve(u, t, novelty_.stream(region));
}

std::optional<JobRequest> Market::serve(std::uint32_t u, double t, rng::RandomStream& service) {
  const std::size_t region = table_.region[u];
  const std::size_t segment = table_.segment[u];
  auto& s = regions_[region];
  const auto& spec = *segments_[segment];
  const std::size_t pick = service.discrete(segment_clip_cumulative_[segment]);
  const auto& clip = scenario_.experiment.workload.clip_classes[segment_clip_index_[segment][pick]];
  const double work = clip.gpu_seconds_cv > 0.0 ? service.lognormal(clip.work_s, clip.gpu_seconds_cv) : clip.work_s;
  RegionDay& day = today(region, t);
  ++day.requests;
  const GenerationPlan plan = quality_.plan(region, clip, t);
  JobRequest job{u, segment_clip_index_[segment][pick], work * plan.work_factor, table_.patience_s[u], 0.0F, false};
  job.poor = plan.poor;
  const auto& payments = scenario_.regions[region].payments;
  if (spec.api_billing) {  // billed on delivery: failed or abandoned API tasks are not charged (P3)
    job.paid = true;
    ++day.jobs_submitted;
    ++jobs_submitted_;
    return moderate(job, region, t);
  }
  const std::int32_t local_day = day_index(t, scenario_.regions[region].utc_offset_h);
  if (table_.state[u] == UserState::kFree && table_.credit_day[u] < local_day) {
    table_.credits[u] = static_cast<float>(spec_.pricing.free_daily_credits);  // no rollover
    table_.credit_day[u] = local_day;
  }
  bool enough = table_.credits[u] >= clip.credits;
  if (table_.state[u] == UserState::kFree && table_.offer_day[u] < local_day) {
    // Triggers: the credits left barely or do not cover the clip (smoothly), or the request wants a paid feature.
    const double features = offers_.wanted_features(segment, s.choice);
    if (features > 0.0 || s.choice.bernoulli(offers_.shortfall_chance(clip.credits - table_.credits[u]))) {
      table_.offer_day[u] = local_day;
      enough = offer_upgrade(u, t, clip.credits, features) ? table_.credits[u] >= clip.credits : enough;
    }
  } else if (!enough && table_.state[u] == UserState::kPaid &&
             s.choice.bernoulli(spec.pack_propensity * payment_success(u))) {
    const double pack_usd = policies_.pack_charge(spec_.pricing.pack_usd, region, t);
    table_.credits[u] += static_cast<float>(spec_.pricing.pack_credits);
    day.revenue_packs_usd += pack_usd;
    segment_days_.of_user(table_, u, t).revenue_packs_usd += pack_usd;
    charged_gross_usd_ += pack_usd;
    day.payment_fees_usd += pack_usd * payments.payment_fee;
    enough = table_.credits[u] >= clip.credits;
  }
  if (!enough) {
    ++day.requests_no_credits;
    satisfy(u, spec_.behaviour.outcome_no_credits);
    return std::nullopt;
  }
  table_.credits[u] -= static_cast<float>(clip.credits);
  job.credits = static_cast<float>(clip.credits);
  job.paid = table_.state[u] == UserState::kPaid;
  ++day.jobs_submitted;
  ++jobs_submitted_;
  return moderate(job, region, t);
}

double Market::request_rate(std::size_t region, std::size_t segment) const {
  const auto& spec = *segments_[segment];
  return spec.api_billing ? spec.requests_per_day * api_demand_.volume_factor(region) : spec.requests_per_day;
}

std::size_t Market::region_of(const JobRequest& job) const {
  return job.from_contract() ? contracts_.region_of(job) : table_.region[job.user];
}

std::size_t Market::segment_group(const JobRequest& job) const {
  return job.from_contract() ? segment_days_.contract_group(contracts_.region_of(job))
                             : segment_days_.job_group(table_, job.user, job.paid);
}

std::optional<JobRequest> Market::contract_job(std::size_t region, double t) {
  const ContractJob issued = contracts_.issue(region, t);
  RegionDay& day = today(region, t);
  ++day.requests;
  ++day.contract_jobs;
  ++day.jobs_submitted;
  ++jobs_submitted_;
  day.revenue_enterprise_usd += issued.usd;
  segment_days_.contracts(region, t).revenue_api_usd += issued.usd;
  charged_gross_usd_ += issued.usd;
  day.invoice_costs_usd += issued.usd * api_demand_.collection_share();
  // The inference optimisation in force applies to contract clips as to every other clip.
  const GenerationPlan plan =
      quality_.plan(region, scenario_.experiment.workload.clip_classes[issued.job.clip_class], t);
  JobRequest job = issued.job;
  job.work_gpu_s *= plan.work_factor;
  job.poor = plan.poor;
  return moderate(job, region, t);  // checked like every clip, at the contract's harmful share
}

void Market::satisfy(std::uint32_t u, double score) {
  const double rate = spec_.behaviour.satisfaction_learning_rate;
  table_.satisfaction[u] = static_cast<float>(table_.satisfaction[u] + rate * (score - table_.satisfaction[u]));
}

void Market::satisfy_poor(std::uint32_t u) {
  // A poor video weighs on the user's view by the segment's sensitivity to quality.
  const double rate =
      std::min(1.0, spec_.behaviour.satisfaction_learning_rate * segments_[table_.segment[u]]->quality_sensitivity);
  table_.satisfaction[u] =
      static_cast<float>(table_.satisfaction[u] + rate * (spec_.behaviour.outcome_poor - table_.satisfaction[u]));
}

std::optional<JobRequest> Market::moderate(JobRequest job, std::size_t region, double t) {
  if (!moderation_) return job;
  const std::optional<double> propensity =
      job.from_contract() ? std::optional<double>(contracts_.harmful_share(job)) : std::nullopt;
  switch (moderation_->check_prompt(job, region, t, today(region, t), propensity)) {
    case ModerationVerdict::kPass:
      return job;
    case ModerationVerdict::kBlocked:
      block(job);
      return std::nullopt;
    case ModerationVerdict::kHeld:
      break;
  }
  return std::nullopt;
}

std::optional<JobRequest> Market::review_event(std::size_t region, double t) {
  const ReviewDecision decision = moderation_->release(region, t, today(region, t));
  if (!decision.released) {
    block(decision.item.job);
    return std::nullopt;
  }
  if (decision.item.stage == policies::ModerationStage::kPrompt) return decision.item.job;
  released_video_ = decision.item;
  return std::nullopt;
}

void Market::block(const JobRequest& job) {
  if (job.from_contract()) return;  // committed volume: billed at issue, nothing to refund
  if (table_.state[job.user] != UserState::kChurned) table_.credits[job.user] += job.credits;  // not charged
  satisfy(job.user, spec_.behaviour.outcome_blocked);
}

ModerationVerdict Market::check_video(const JobRequest& job, std::uint32_t cluster, double wait_s, double t) {
  if (!moderation_) return ModerationVerdict::kPass;
  const std::size_t region = region_of(job);
  const ModerationVerdict verdict = moderation_->check_video(job, region, cluster, wait_s, t, today(region, t));
  if (verdict == ModerationVerdict::kBlocked) block(job);
  return verdict;
}

std::optional<ReviewItem> Market::take_released_video() {
  std::optional<ReviewItem> video = released_video_;
  released_video_.reset();
  return video;
}

void Market::on_abandoned(const JobRequest& job, double t) {
  ++today(region_of(job), t).jobs_abandoned;
  if (job.from_contract()) return contracts_.on_abandoned(job);
  if (table_.state[job.user] != UserState::kChurned) table_.credits[job.user] += job.credits;  // not charged
  satisfy(job.user, spec_.behaviour.outcome_abandoned);
}

void Market::on_failed(const JobRequest& job, double t) {
  ++today(region_of(job), t).jobs_failed;
  if (job.from_contract()) return;  // committed volume: billed at issue, nothing to refund
  if (table_.state[job.user] != UserState::kChurned) table_.credits[job.user] += job.credits;
  satisfy(job.user, spec_.behaviour.outcome_failed);
}

void Market::on_delivered(const JobRequest& job, const DeliveryTiming& timing, double t) {
  RegionDay& day = today(region_of(job), t);
  ++day.jobs_delivered;
  if (job.from_contract()) {
    contracts_.on_delivered(job, timing.wait_s);
    ++segment_days_.contracts(contracts_.region_of(job), t).jobs_delivered;
  } else {
    SegmentDay& segment_day = segment_days_.at(table_.region[job.user], t, table_.segment[job.user],
                                               segment_days_.job_tier(table_, job.user, job.paid));
    ++segment_day.jobs_delivered;
    if (segments_[table_.segment[job.user]]->api_billing) {
      const auto& clip = scenario_.experiment.workload.clip_classes[job.clip_class];
      const double usd =
          clip.credits * policies_.api_price_per_credit(spec_.pricing.api_usd_per_credit, table_.region[job.user], t);
      day.revenue_api_usd += usd;
      segment_day.revenue_api_usd += usd;
      charged_gross_usd_ += usd;
      day.invoice_costs_usd += usd * api_demand_.collection_share();  // invoiced: no consumer payment rails
    }
  }
  if (moderation_) moderation_->on_published(job, region_of(job), t, day);
  day.wait_sum_s += timing.wait_s;
  day.delivery_gb += scenario_.experiment.workload.clip_classes[job.clip_class].video_megabytes / 1000.0;
  const bool fast =
      felt_delay_s(timing, spec_.behaviour) <= spec_.behaviour.fast_wait_share_of_patience * job.patience_s;
  if (fast) ++day.jobs_fast;
  if (job.poor) ++day.jobs_poor;
  if (job.from_contract()) return;
  if (job.poor) {
    satisfy_poor(job.user);
    return;
  }
  satisfy(job.user, fast ? spec_.behaviour.outcome_fast : spec_.behaviour.outcome_slow);
}

}  // namespace gvsim::users
