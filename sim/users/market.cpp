#include "sim/users/market.hpp"

#include <algorithm>
#include <cmath>

#include "sim/users/market_time.hpp"

namespace gvsim::users {

Market::Market(const model::Scenario& scenario, std::uint64_t seed, std::uint64_t replication)
    : scenario_(scenario),
      spec_(scenario.experiment.workload.users),
      imitation_from_active_(scenario.experiment.workload.users.imitation_from == "active"),
      policies_(scenario),
      offer_scratch_(scenario.experiment.workload.users.pricing.tiers.size()),
      active_(scenario.regions.size() * scenario.experiment.workload.users.segments.size()),
      moderation_(ModerationFlow::create(scenario, seed, replication)),
      quality_(scenario, seed, replication),
      segment_days_(scenario.experiment.workload.users.segments, scenario.regions.size()),
      rivals_(scenario, seed, replication),
      drive_(scenario.experiment.market.adoption, scenario.regions.size()),
      free_offer_(scenario),
      adoption_varies_(rivals_.any() || drive_.dynamic()),
      platform_latency_s_(scenario.regions.size(), scenario.experiment.market.choice.platform_generation_s),
      offers_(scenario),
      api_demand_(scenario),
      contracts_(scenario, seed, replication),
      novelty_(scenario, seed, replication) {
  const auto& classes = scenario.experiment.workload.clip_classes;
  double share = 0.0;
  for (const auto& segment : spec_.segments) {
    // New users' segments by share, times the free offer's pull on the segment (1 at the reference).
    share += segment.share * free_offer_.segment_adoption(segments_.size());
    segments_.push_back(&segment);
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
    state.market_size = static_cast<std::int64_t>(std::floor(scenario.experiment.market.adoption.potential_share *
                                                             region.market.addressable_users_millions * 1e6 /
                                                             scenario.experiment.scale));
    if (spec_.social_graph.enabled) {
      rng::RandomStream graph_stream(seed, replication, "users/" + name + "/social");
      state.network.emplace(static_cast<std::uint32_t>(state.market_size),
                            static_cast<std::uint32_t>(spec_.social_graph.mean_degree), spec_.social_graph.rewiring,
                            graph_stream);
    }
    regions_.push_back(std::move(state));
    refresh_choice(r, 0.0);
    schedule_adoption(r, 0.0);
    api_demand_.update(r, policies_.api_price_per_credit(spec_.pricing.api_usd_per_credit, r, 0.0));
    contracts_.schedule(r, 0.0, policies_.entry_s(r));
    expected_users += static_cast<std::size_t>(regions_.back().market_size);
  }
  days_.resize(scenario.regions.size());
  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    if (rivals_.present(r)) today(r, 0.0).platform_share = rivals_.platform_share(r);
  }
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
  const auto [p, q] = adoption_coefficients(region);
  const double m = static_cast<double>(s.market_size);
  const double a = static_cast<double>(s.adopted);
  const double rate = s.network.has_value() ? s.network->hazard(p, q) : (p + q * imitators(region) / m) * (m - a);
  // Between adoptions the hazard is constant, so an exponential draw gives the exact next adoption time.
  s.next_adoption_s = rate > 0.0 ? std::max(now, s.entry_s) + s.adoption.exponential(1.0 / rate)
                                 : std::numeric_limits<double>::infinity();
}

double Market::imitators(std::size_t region) const {
  const auto& s = regions_[region];
  return static_cast<double>(imitation_from_active_ ? s.adopted - s.churned : s.adopted);
}

void Market::schedule_request(std::size_t region, double now) {
  auto& s = regions_[region];
  double rate = 0.0;
  for (std::size_t g = 0; g < segments_.size(); ++g) {
    rate += static_cast<double>(active_.count(group(region, g))) * request_rate(region, g) / kDay;
  }
  rate *= diurnal_max_;
  // Poisson superposition is memoryless: after any change of the active set, redraw from now.
  s.next_request_s = rate > 0.0 ? now + s.requests.exponential(1.0 / rate) : std::numeric_limits<double>::infinity();
}

double Market::next_event_time(std::size_t region) const {
  const auto& s = regions_[region];
  const double review = moderation_ ? moderation_->next_release_s(region) : std::numeric_limits<double>::infinity();
  return std::min({s.next_adoption_s, s.next_request_s, s.next_midnight_s, review, contracts_.next_job_s(region),
                   novelty_.next_s(region)});
}

std::optional<JobRequest> Market::step(std::size_t region) {
  auto& s = regions_[region];
  const double t = next_event_time(region);
  if (t == s.next_midnight_s) {
    midnight(region, t);
    s.next_midnight_s += kDay;
    if (contracts_.any() && static_cast<std::int64_t>(std::llround(t / kDay)) % 30 == 0)
      today(region, t - 1.0).sla_penalties_usd += contracts_.close_month(region);
    api_demand_.update(region, policies_.api_price_per_credit(spec_.pricing.api_usd_per_credit, region, t));
    schedule_request(region, t);
    if (open_if_due(region, t) || imitation_from_active_ || adoption_varies_) schedule_adoption(region, t);
    const bool opened = open_if_due(region, t);
    if (opened) contracts_.schedule(region, t, regions_[region].entry_s);
    if (opened || imitation_from_active_) schedule_adoption(region, t);  // hazard changed
    return std::nullopt;
  }
  if (moderation_ && t == moderation_->next_release_s(region)) return review_event(region, t);
  if (moderation_ && moderation_->suspended(region, t)) {  // no adoptions or requests until the service resumes
    if (t == s.next_adoption_s) {
      schedule_adoption(region, moderation_->resume_s(region));
    } else if (t == novelty_.next_s(region)) {
      novelty_.pop(region);  // the new user finds the service down: the burst clip is lost
    } else {
      schedule_request(region, moderation_->resume_s(region));
    }
    return std::nullopt;
  }
  if (t == contracts_.next_job_s(region)) return contract_job(region, t);
  if (t == novelty_.next_s(region)) return novelty_request(region, t);
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

double Market::pressure(std::size_t region, double /*t*/) const {
  return rivals_.advantage(region);  // refreshed at each midnight
}

double Market::payment_success(std::uint32_t u) const {
  const auto& payments = scenario_.regions[table_.region[u]].payments;
  return table_.has_payment[u] != 0 ? 1.0 - payments.decline_rate : 0.0;
}

void Market::adopt(std::size_t region, double t) {
  auto& s = regions_[region];
  const auto& market = scenario_.regions[region].market;
  const auto [p, q] = adoption_coefficients(region);
  if (s.network.has_value()) s.network->adopt_next(p, q, s.adoption);
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
  if (novelty_.enabled() && !spec.api_billing) {
    // Innovator with the innovation term's share of the hazard in force (the social graph knows which term it was).
    const double hazard = p + q * imitators(region) / static_cast<double>(s.market_size);
    const bool innovator = s.network.has_value() ? s.network->last_innovator()
                                                 : novelty_.draw_innovator(region, hazard > 0.0 ? p / hazard : 1.0);
    novelty_.on_adopt(region, u, innovator, t);
  }
  ++s.adopted;
  ++today(region, t).new_users;
  ++segment_days_.of_user(table_, u, t).new_users;
}

}  // namespace gvsim::users
