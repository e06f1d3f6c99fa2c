#include "sim/users/market.hpp"

#include <algorithm>
#include <cmath>

namespace gvsim::users {

namespace {
constexpr double kDay = 86400.0;
constexpr double kYear = 365.0 * kDay;

double logistic(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}

std::int32_t day_index(double t, double offset_h) {
  return static_cast<std::int32_t>(std::floor((t + offset_h * 3600.0) / kDay));
}
}  // namespace

Market::Market(const model::Scenario& scenario, std::uint64_t seed, std::uint64_t replication)
    : scenario_(scenario),
      spec_(scenario.experiment.workload.users),
      imitation_from_active_(scenario.experiment.workload.users.imitation_from == "active"),
      policies_(scenario),
      offer_scratch_(scenario.experiment.workload.users.pricing.tiers.size()),
      active_(scenario.regions.size() * scenario.experiment.workload.users.segments.size()),
      moderation_(ModerationFlow::create(scenario, seed, replication)) {
  const auto& classes = scenario.experiment.workload.clip_classes;
  double share = 0.0;
  for (const auto& segment : spec_.segments) {
    segments_.push_back(&segment);
    share += segment.share;
    segment_share_cumulative_.push_back(share);
    std::vector<double> cumulative;
    std::vector<std::uint32_t> index;
    double running = 0.0;
    for (const auto& mix : segment.clip_mix) {
      for (std::size_t c = 0; c < classes.size(); ++c) {
        if (classes[c].name != mix.ref.name) continue;
        running += mix.value;
        cumulative.push_back(running);
        index.push_back(static_cast<std::uint32_t>(c));
      }
    }
    segment_clip_cumulative_.push_back(std::move(cumulative));
    segment_weight_scratch_.push_back(0.0);
    segment_clip_index_.push_back(std::move(index));
  }
  diurnal_ = spec_.diurnal.empty() ? std::vector<double>(24, 1.0) : spec_.diurnal;
  double total = 0.0;
  for (double d : diurnal_)
    total += d;
  for (double& d : diurnal_)
    d *= 24.0 / total;
  diurnal_max_ = *std::max_element(diurnal_.begin(), diurnal_.end());

  std::size_t expected_users = 0;
  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    const auto& region = scenario.regions[r];
    const std::string& name = region.name;
    RegionState state{0,
                      0,
                      policies_.entry_s(r),
                      std::numeric_limits<double>::infinity(),
                      std::numeric_limits<double>::infinity(),
                      kDay,
                      0,
                      0,
                      rng::RandomStream(seed, replication, "users/" + name + "/adoption"),
                      rng::RandomStream(seed, replication, "users/" + name + "/traits"),
                      rng::RandomStream(seed, replication, "users/" + name + "/requests"),
                      rng::RandomStream(seed, replication, "service/" + name),
                      rng::RandomStream(seed, replication, "users/" + name + "/choice"),
                      rng::RandomStream(seed, replication, "users/" + name + "/churn"),
                      std::nullopt};
    state.market_size = static_cast<std::int64_t>(
        std::floor(region.market.addressable_users_millions * 1e6 / scenario.experiment.scale));
    if (spec_.social_graph.enabled) {
      rng::RandomStream graph_stream(seed, replication, "users/" + name + "/social");
      state.network.emplace(static_cast<std::uint32_t>(state.market_size),
                            static_cast<std::uint32_t>(spec_.social_graph.mean_degree), spec_.social_graph.rewiring,
                            graph_stream);
    }
    regions_.push_back(std::move(state));
    schedule_adoption(r, 0.0);
    expected_users += static_cast<std::size_t>(regions_.back().market_size);
  }
  days_.resize(scenario.regions.size());
  table_.reserve(std::min<std::size_t>(expected_users, 1u << 20));
}

std::int64_t Market::active(std::size_t region) const {
  std::int64_t n = 0;
  for (std::size_t s = 0; s < segments_.size(); ++s)
    n += static_cast<std::int64_t>(active_.count(group(region, s)));
  return n;
}

RegionDay& Market::today(std::size_t region, double t) {
  auto& days = days_[region];
  const auto d = static_cast<std::size_t>(t / kDay);
  if (days.size() <= d) days.resize(d + 1);
  return days[d];
}

void Market::schedule_adoption(std::size_t region, double now) {
  auto& s = regions_[region];
  const double p = scenario_.regions[region].market.bass_p_per_year / kYear;
  const double q = scenario_.regions[region].market.bass_q_per_year / kYear;
  const double m = static_cast<double>(s.market_size);
  const double a = static_cast<double>(s.adopted);
  const double imitators = imitation_from_active_ ? static_cast<double>(s.adopted - s.churned) : a;
  const double rate = s.network.has_value() ? s.network->hazard(p, q) : (p + q * imitators / m) * (m - a);
  // Between adoptions the hazard is constant, so an exponential draw gives the exact next adoption time.
  s.next_adoption_s = rate > 0.0 ? std::max(now, s.entry_s) + s.adoption.exponential(1.0 / rate)
                                 : std::numeric_limits<double>::infinity();
}

void Market::schedule_request(std::size_t region, double now) {
  auto& s = regions_[region];
  double rate = 0.0;
  for (std::size_t g = 0; g < segments_.size(); ++g) {
    rate += static_cast<double>(active_.count(group(region, g))) * segments_[g]->requests_per_day / kDay;
  }
  rate *= diurnal_max_;
  // Poisson superposition is memoryless: after any change of the active set, redraw from now.
  s.next_request_s = rate > 0.0 ? now + s.requests.exponential(1.0 / rate) : std::numeric_limits<double>::infinity();
}

double Market::next_event_time(std::size_t region) const {
  const auto& s = regions_[region];
  const double review = moderation_ ? moderation_->next_release_s(region) : std::numeric_limits<double>::infinity();
  return std::min({s.next_adoption_s, s.next_request_s, s.next_midnight_s, review});
}

std::optional<JobRequest> Market::step(std::size_t region) {
  auto& s = regions_[region];
  const double t = next_event_time(region);
  if (t == s.next_midnight_s) {
    midnight(region, t);
    s.next_midnight_s += kDay;
    schedule_request(region, t);
    if (open_if_due(region, t) || imitation_from_active_) schedule_adoption(region, t);  // hazard changed
    return std::nullopt;
  }
  if (moderation_ && t == moderation_->next_release_s(region)) return review_event(region, t);
  if (moderation_ && moderation_->suspended(region, t)) {  // no adoptions or requests until the service resumes
    if (t == s.next_adoption_s) {
      schedule_adoption(region, moderation_->resume_s(region));
    } else {
      schedule_request(region, moderation_->resume_s(region));
    }
    return std::nullopt;
  }
  if (t == s.next_adoption_s) {
    adopt(region, t);
    schedule_adoption(region, t);
    schedule_request(region, t);
    return std::nullopt;
  }
  schedule_request(region, t);  // the next candidate, drawn before this one is thinned
  if (s.requests.uniform() * diurnal_max_ >= diurnal(region, t)) return std::nullopt;
  return request(region, t);
}

bool Market::open_if_due(std::size_t region, double t) {
  if (!policies_.waiting(region)) return false;
  const std::size_t home = policies_.home_of(region);
  if (!policies_.decide_entry(region, t, regions_[home].adopted, days_[home])) return false;
  regions_[region].entry_s = policies_.entry_s(region);
  return true;
}

double Market::diurnal(std::size_t region, double t) const {
  const double local_h = t / 3600.0 + scenario_.regions[region].utc_offset_h;
  const auto hour = static_cast<std::size_t>(std::fmod(std::fmod(local_h, 24.0) + 24.0, 24.0));
  return diurnal_[std::min<std::size_t>(hour, 23)];
}

double Market::pressure(std::size_t region, double t) const {
  return policies_.pressure(region, t);
}

double Market::payment_success(std::uint32_t u) const {
  const auto& payments = scenario_.regions[table_.region[u]].payments;
  return table_.has_payment[u] != 0 ? 1.0 - payments.decline_rate : 0.0;
}

void Market::adopt(std::size_t region, double t) {
  auto& s = regions_[region];
  const auto& market = scenario_.regions[region].market;
  if (s.network.has_value()) {
    s.network->adopt_next(market.bass_p_per_year / kYear, market.bass_q_per_year / kYear, s.adoption);
  }
  const std::size_t segment = s.traits.discrete(segment_share_cumulative_);
  const auto& spec = *segments_[segment];
  const bool payment = s.traits.bernoulli(scenario_.regions[region].payments.method_share);
  const double wtp = market.price_index * spec.wtp_usd_median * std::exp(spec.wtp_log_sd * s.traits.standard_normal());
  const double patience = spec.patience_s_median * std::exp(spec.patience_log_sd * s.traits.standard_normal());
  const std::int32_t local_day = day_index(t, scenario_.regions[region].utc_offset_h);
  const std::uint32_t u = table_.add(static_cast<std::uint16_t>(region), static_cast<std::uint8_t>(segment), payment,
                                     static_cast<float>(wtp), static_cast<float>(patience),
                                     static_cast<float>(spec_.behaviour.satisfaction_initial),
                                     static_cast<float>(spec_.pricing.free_daily_credits), local_day);
  active_.add(table_, group(region, segment), u);
  if (moderation_) moderation_->on_adopt(u, region, segment);
  ++s.adopted;
  ++today(region, t).new_users;
}

bool Market::offer_upgrade(std::uint32_t u, double t) {
  const std::size_t region = table_.region[u];
  auto& s = regions_[region];
  const auto& tiers = spec_.pricing.tiers;
  // The offer is the dearest tier within the user's willingness to pay, or the cheapest tier if none is, at the
  // prices the pricing policy sets for this region and day (promotions included).
  auto& offer = offer_scratch_;
  for (std::size_t k = 0; k < tiers.size(); ++k)
    offer[k] = policies_.subscription_offer(tiers[k].usd_per_month, region, t);
  std::size_t cheapest = 0;
  std::optional<std::size_t> affordable;
  for (std::size_t k = 0; k < tiers.size(); ++k) {
    if (offer[k].usd < offer[cheapest].usd) cheapest = k;
    if (offer[k].usd <= table_.wtp_usd[u] && (!affordable || offer[k].usd > offer[*affordable].usd)) {
      affordable = k;
    }
  }
  const std::size_t tier = affordable.value_or(cheapest);
  const auto& b = spec_.behaviour;
  const double logit = b.conversion_intercept +
                       b.conversion_price_weight * std::log(table_.wtp_usd[u] / offer[tier].usd) +
                       b.conversion_satisfaction_weight * (table_.satisfaction[u] - 0.5) -
                       b.churn_competitor_weight * pressure(region, t);
  RegionDay& day = today(region, t);
  ++day.upgrade_offers;
  if (!s.choice.bernoulli(logistic(logit) * payment_success(u))) return false;
  table_.state[u] = UserState::kPaid;
  table_.tier[u] = static_cast<std::uint8_t>(tier);
  table_.credits[u] += static_cast<float>(tiers[tier].credits_per_month);
  table_.renewal_day[u] = static_cast<std::int32_t>(t / kDay) + 30;
  ++s.paid;
  ++day.conversions;
  policies_.on_subscribed(u, offer[tier], region, t);
  charge_subscription(u, offer[tier].usd, day);
  return true;
}

void Market::charge_subscription(std::uint32_t u, double price, RegionDay& day) {
  const auto& payments = scenario_.regions[table_.region[u]].payments;
  day.revenue_subscriptions_usd += price;
  charged_gross_usd_ += price;
  day.store_fees_usd += price * payments.app_store_share * payments.app_store_fee;
  day.payment_fees_usd += price * (1.0 - payments.app_store_share) * payments.payment_fee;
}

std::optional<JobRequest> Market::request(std::size_t region, double t) {
  auto& s = regions_[region];
  double total = 0.0;
  for (std::size_t g = 0; g < segments_.size(); ++g) {
    total += static_cast<double>(active_.count(group(region, g))) * segments_[g]->requests_per_day;
    segment_weight_scratch_[g] = total;
  }
  const std::size_t segment = s.requests.discrete(segment_weight_scratch_);
  const auto& members = active_.members(group(region, segment));
  const std::uint32_t u = members[std::min<std::size_t>(
      static_cast<std::size_t>(s.requests.uniform() * static_cast<double>(members.size())), members.size() - 1)];
  const auto& spec = *segments_[segment];
  const std::size_t pick = s.service.discrete(segment_clip_cumulative_[segment]);
  const auto& clip = scenario_.experiment.workload.clip_classes[segment_clip_index_[segment][pick]];
  const double work =
      clip.gpu_seconds_cv > 0.0 ? s.service.lognormal(clip.gpu_seconds, clip.gpu_seconds_cv) : clip.gpu_seconds;
  RegionDay& day = today(region, t);
  ++day.requests;
  JobRequest job{u, segment_clip_index_[segment][pick], work, table_.patience_s[u], 0.0F, false};
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
  if (!enough && table_.state[u] == UserState::kFree && table_.offer_day[u] < local_day) {
    table_.offer_day[u] = local_day;
    enough = offer_upgrade(u, t) && table_.credits[u] >= clip.credits;
  } else if (!enough && table_.state[u] == UserState::kPaid &&
             s.choice.bernoulli(spec.pack_propensity * payment_success(u))) {
    const double pack_usd = policies_.pack_charge(spec_.pricing.pack_usd, region, t);
    table_.credits[u] += static_cast<float>(spec_.pricing.pack_credits);
    day.revenue_packs_usd += pack_usd;
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

void Market::satisfy(std::uint32_t u, double score) {
  const double rate = spec_.behaviour.satisfaction_learning_rate;
  table_.satisfaction[u] = static_cast<float>(table_.satisfaction[u] + rate * (score - table_.satisfaction[u]));
}

std::optional<JobRequest> Market::moderate(JobRequest job, std::size_t region, double t) {
  if (!moderation_) return job;
  switch (moderation_->check_prompt(job, region, t, today(region, t))) {
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
  if (table_.state[job.user] != UserState::kChurned) table_.credits[job.user] += job.credits;  // not charged
  satisfy(job.user, spec_.behaviour.outcome_blocked);
}

ModerationVerdict Market::check_video(const JobRequest& job, std::uint32_t cluster, double wait_s, double t) {
  if (!moderation_) return ModerationVerdict::kPass;
  const std::size_t region = table_.region[job.user];
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
  ++today(table_.region[job.user], t).jobs_abandoned;
  if (table_.state[job.user] != UserState::kChurned) table_.credits[job.user] += job.credits;  // not charged
  satisfy(job.user, spec_.behaviour.outcome_abandoned);
}

void Market::on_failed(const JobRequest& job, double t) {
  ++today(table_.region[job.user], t).jobs_failed;
  if (table_.state[job.user] != UserState::kChurned) table_.credits[job.user] += job.credits;
  satisfy(job.user, spec_.behaviour.outcome_failed);
}

void Market::on_delivered(const JobRequest& job, double wait_s, double t) {
  RegionDay& day = today(table_.region[job.user], t);
  ++day.jobs_delivered;
  if (segments_[table_.segment[job.user]]->api_billing) {
    const auto& clip = scenario_.experiment.workload.clip_classes[job.clip_class];
    const double usd =
        clip.credits * policies_.api_price_per_credit(spec_.pricing.api_usd_per_credit, table_.region[job.user], t);
    day.revenue_api_usd += usd;
    charged_gross_usd_ += usd;
    day.payment_fees_usd += usd * scenario_.regions[table_.region[job.user]].payments.payment_fee;
  }
  if (moderation_ && job.harmful) moderation_->on_published(table_.region[job.user], t, day);
  day.wait_sum_s += wait_s;
  day.delivery_gb += scenario_.experiment.workload.clip_classes[job.clip_class].video_megabytes / 1000.0;
  const bool fast = wait_s <= spec_.behaviour.fast_wait_share_of_patience * table_.patience_s[job.user];
  if (fast) ++day.jobs_fast;
  satisfy(job.user, fast ? spec_.behaviour.outcome_fast : spec_.behaviour.outcome_slow);
}

void Market::midnight(std::size_t region, double t) {
  auto& s = regions_[region];
  const auto& b = spec_.behaviour;
  // Open the new day first: growing days_ would leave a reference to the closing day dangling.
  RegionDay& opening = today(region, t);
  RegionDay& closing = today(region, t - 1.0);
  const double competitor = b.churn_competitor_weight * pressure(region, t);
  const auto utc_day = static_cast<std::int32_t>(t / kDay);
  const bool suspended = moderation_ && moderation_->suspended(region, t);
  double satisfaction_sum = 0.0;
  for (std::size_t g = 0; g < segments_.size(); ++g) {
    const auto& spec = *segments_[g];
    const std::size_t grp = group(region, g);
    // Backwards, so that a swap-removal only moves an already visited user.
    for (std::size_t i = active_.count(grp); i-- > 0;) {
      const std::uint32_t u = active_.members(grp)[i];
      const double dissatisfaction = b.churn_dissatisfaction_weight * (1.0 - table_.satisfaction[u]);
      if (table_.state[u] == UserState::kPaid) {
        const double list = spec_.pricing.tiers[table_.tier[u]].usd_per_month;
        const double price = policies_.next_renewal_price(u, list, region, t);
        const double overprice = b.churn_overprice_weight * std::max(0.0, price / table_.wtp_usd[u] - 1.0);
        const double hazard = spec.paid_churn_per_month / 30.0 * std::exp(dissatisfaction + overprice + competitor);
        if (s.churn.bernoulli(1.0 - std::exp(-hazard))) {
          table_.state[u] = UserState::kFree;
          --s.paid;
          ++closing.paid_churn_voluntary;
        } else if (table_.renewal_day[u] <= utc_day && suspended) {
          table_.renewal_day[u] = utc_day + 1;  // not billed while the service is suspended
        } else if (table_.renewal_day[u] <= utc_day) {
          if (s.churn.bernoulli(payment_success(u))) {
            table_.credits[u] = static_cast<float>(spec_.pricing.tiers[table_.tier[u]].credits_per_month);
            table_.renewal_day[u] += 30;
            charge_subscription(u, policies_.renewal_charge(u, list, region, t), opening);
          } else {
            table_.state[u] = UserState::kFree;
            --s.paid;
            ++closing.paid_churn_involuntary;
          }
        }
      } else {
        const double hazard = spec.free_lapse_per_day * std::exp(dissatisfaction + competitor);
        if (s.churn.bernoulli(1.0 - std::exp(-hazard))) {
          table_.state[u] = UserState::kChurned;
          active_.remove(table_, grp, u);
          ++s.churned;
          ++closing.free_lapsed;
          continue;
        }
      }
      satisfaction_sum += table_.satisfaction[u];
    }
  }
  closing.users_adopted = s.adopted;
  closing.users_paid = s.paid;
  closing.users_churned = s.churned;
  closing.users_free = s.adopted - s.paid - s.churned;
  const std::int64_t active_users = s.adopted - s.churned;
  closing.satisfaction_mean = active_users > 0 ? satisfaction_sum / static_cast<double>(active_users) : 0.0;
  opening.paid_start = s.paid;
  if (moderation_) moderation_->midnight(region, t, closing, opening);
}

void Market::finish(double horizon_s) {
  policies_.finish(horizon_s);
  for (std::size_t r = 0; r < regions_.size(); ++r) {
    auto& s = regions_[r];
    const auto days = static_cast<std::size_t>(std::ceil(horizon_s / kDay));
    if (days_[r].size() < days) days_[r].resize(days);
    if (days_[r].size() > days) days_[r].resize(days);
    // The last day closes at the horizon: snapshot without a sweep (no churn draws past the horizon).
    if (s.next_midnight_s >= horizon_s && !days_[r].empty()) {
      RegionDay& last = days_[r].back();
      last.users_adopted = s.adopted;
      last.users_paid = s.paid;
      last.users_churned = s.churned;
      last.users_free = s.adopted - s.paid - s.churned;
      double sum = 0.0;
      for (std::size_t g = 0; g < segments_.size(); ++g) {
        for (std::uint32_t u : active_.members(group(r, g)))
          sum += table_.satisfaction[u];
      }
      const std::int64_t active_users = s.adopted - s.churned;
      last.satisfaction_mean = active_users > 0 ? sum / static_cast<double>(active_users) : 0.0;
      if (moderation_) moderation_->snapshot(r, horizon_s, last);
    }
  }
}

}  // namespace gvsim::users
