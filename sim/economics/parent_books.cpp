// The parent platform's books of a run: the run's day records become the inputs of parent_value_series, region by
// region; the whole run adds the channels up and sets the verdict beside the standalone profit.
#include "sim/economics/parent_books.hpp"

#include <algorithm>
#include <cmath>

namespace gvsim::economics {

std::vector<ParentDayInputs> parent_day_inputs(const model::Scenario& scenario, const observe::RunOutcome& outcome,
                                               std::size_t region) {
  const double scale = scenario.experiment.scale;
  const auto& segments = scenario.experiment.workload.users.segments;
  const auto& region_days = outcome.market->days()[region];
  const auto& segment_days = outcome.market->segment_days().days(region);
  const double entry_day = outcome.market->entry_day(region);
  const std::size_t days = outcome.recorder.day_count();
  std::vector<ParentDayInputs> inputs(days);
  for (std::size_t d = 0; d < days; ++d) {
    ParentDayInputs& in = inputs[d];
    if (d < segment_days.size()) {
      for (std::size_t g = 0; g < segments.size(); ++g) {
        const std::string& role = segments[g].parent_role;
        if (role == "none") continue;
        for (std::size_t tier = 0; tier < users::kSegmentTiers; ++tier) {
          const users::SegmentDay& cell = segment_days[d][g * users::kSegmentTiers + tier];
          const double active = scale * static_cast<double>(cell.users_active);
          in.users_active += active;
          if (role == "creator") in.creators_active += active;
          if (role == "merchant") in.merchant_clips += scale * static_cast<double>(cell.jobs_delivered);
        }
      }
    }
    // The service runs on a day it had opened by the day's end and was neither suspended nor gone at its end.
    in.available = std::isfinite(entry_day) && static_cast<double>(d) + 1.0 > entry_day;
    if (d < region_days.size()) {
      const auto& day = region_days[d];
      in.incidents = day.trust_weighted_incidents;  // each class weighted by its advertiser-trust weight
      in.poor_share =
          day.jobs_delivered > 0 ? static_cast<double>(day.jobs_poor) / static_cast<double>(day.jobs_delivered) : 0.0;
      in.available = in.available && !day.moderation.suspended && !day.moderation.exited;
    }
  }
  return inputs;
}

namespace {

/// The channels of a run summed, the lowest trust where the parent is present kept in `value.trust`.
void add_days(ParentKpis& k, const std::vector<ParentValueDay>& days, bool present) {
  for (const auto& v : days) {
    k.value.creators_usd += v.creators_usd;
    k.value.merchants_usd += v.merchants_usd;
    k.value.advertisers_usd += v.advertisers_usd;
    k.value.production_usd += v.production_usd;
    if (present) k.value.trust = std::min(k.value.trust, v.trust);
  }
}

void close(const model::ParentSpec& parent, const Kpis& standalone, const std::vector<double>& daily_profit,
           ParentKpis& k) {
  const CashCurve cash = cash_curve(daily_profit);
  k.profit_usd = cash.final_usd;
  k.break_even_day = cash.break_even_day;
  k.verdict = classify(parent, standalone.revenue_net_usd, standalone.cost_usd, k.value.total_usd());
}

}  // namespace

ParentBooks build_parent_books(const model::Scenario& scenario, const observe::RunOutcome& outcome,
                               const Ledger& ledger, const std::vector<Kpis>& kpis) {
  const auto& parent = scenario.experiment.parent;
  const std::size_t regions = scenario.regions.size();
  ParentBooks books;
  books.kpis.resize(regions + 1);
  ParentKpis& all = books.kpis.back();
  for (std::size_t r = 0; r < regions; ++r) {
    const auto& presence = scenario.regions[r].parent;
    books.days.push_back(parent_value_series(parent, presence, parent_day_inputs(scenario, outcome, r)));
    ParentKpis& k = books.kpis[r];
    const bool present = presence.users_share > 0.0;
    add_days(k, books.days[r], present);
    add_days(all, books.days[r], present);
    if (!books.days[r].empty()) k.trust_end = books.days[r].back().trust;
    if (present) all.trust_end = std::min(all.trust_end, k.trust_end);
    std::vector<double> profit;
    for (const auto& money : ledger[r])
      profit.push_back(money.revenue_net_usd() - money.cost_usd());
    close(parent, kpis[r], profit, k);
  }
  close(parent, kpis.back(), platform_daily_profit(ledger), all);
  return books;
}

}  // namespace gvsim::economics
