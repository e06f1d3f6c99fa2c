#include "sim/economics/books.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "sim/economics/moderation_books.hpp"
#include "sim/economics/parent_books.hpp"
#include "sim/model/invariant.hpp"
#include "sim/observe/cluster_day_cost.hpp"

namespace gvsim::economics {

Ledger build_ledger(const model::Scenario& scenario, const observe::RunOutcome& outcome) {
  const auto& recorder = outcome.recorder;
  const double scale = scenario.experiment.scale;
  Ledger ledger(scenario.regions.size(), std::vector<RegionLedgerDay>(recorder.day_count()));
  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    const auto& days = outcome.market->days()[r];
    for (std::size_t d = 0; d < ledger[r].size() && d < days.size(); ++d) {
      auto& row = ledger[r][d];
      row.revenue_subscriptions_usd = scale * days[d].revenue_subscriptions_usd;
      row.revenue_packs_usd = scale * days[d].revenue_packs_usd;
      row.revenue_api_usd = scale * days[d].revenue_api_usd;
      row.store_fees_usd = scale * days[d].store_fees_usd;
      row.payment_fees_usd = scale * days[d].payment_fees_usd;
      row.revenue_enterprise_usd = scale * days[d].revenue_enterprise_usd;
      row.invoice_costs_usd = scale * days[d].invoice_costs_usd;
      row.sla_penalties_usd = scale * days[d].sla_penalties_usd;
      row.moderation_usd = scale * days[d].moderation.review_usd;  // simulated items x price per item
      row.fines_usd = days[d].moderation.fines_usd;                // incidents and fines are real-world already
      row.marketing_usd = days[d].marketing_usd;                   // a real-world spend per region and day
    }
  }
  for (std::size_t c = 0; c < outcome.clusters.size(); ++c) {
    const auto& observed = recorder.clusters()[c];
    for (std::size_t d = 0; d < recorder.day_count(); ++d) {
      const auto shares = observe::allocate_cluster_day(scenario, outcome.clusters[c], observed.days[d]);
      for (std::size_t origin = 0; origin < shares.size(); ++origin) {
        auto& row = ledger[origin][d];
        row.gpu_reserved_usd += shares[origin].gpu_reserved_usd;
        row.gpu_on_demand_usd += shares[origin].gpu_on_demand_usd;
        row.energy_usd += shares[origin].energy_usd;
        row.egress_usd += shares[origin].egress_usd;
        row.gpu_hours_busy += shares[origin].gpu_hours_busy;
      }
    }
  }
  return ledger;
}

Kpis compute_kpis(const model::Scenario& scenario, const observe::RunOutcome& outcome, const Ledger& ledger,
                  std::size_t region) {
  const double scale = scenario.experiment.scale;
  const auto& market_days = outcome.market->days();
  Kpis k;
  double delivered = 0.0;
  double gross = 0.0;
  double net = 0.0;
  double window_net = 0.0;
  double window_cost = 0.0;
  double window_paying_revenue = 0.0;
  double window_active_days = 0.0;
  double window_paid_days = 0.0;
  double window_paid_churn = 0.0;
  std::size_t window_days = 0;
  const std::size_t days = outcome.recorder.day_count();
  const std::size_t window_start = days > 30 ? days - 30 : 0;
  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    if (region != kAllRegions && r != region) continue;
    for (std::size_t d = 0; d < days && d < market_days[r].size(); ++d) {
      const auto& day = market_days[r][d];
      const auto& money = ledger[r][d];
      delivered += scale * static_cast<double>(day.jobs_delivered);
      gross += money.revenue_gross_usd();
      net += money.revenue_net_usd();
      k.cost_usd += money.cost_usd();
      k.revenue_api_usd += money.revenue_api_usd;
      k.revenue_enterprise_usd += money.revenue_enterprise_usd;
      k.sla_penalties_usd += money.sla_penalties_usd;
      if (d >= window_start) {
        window_net += money.revenue_net_usd();
        window_cost += money.cost_usd();
        window_paying_revenue += money.revenue_subscriptions_usd + money.revenue_packs_usd;
        window_active_days += scale * static_cast<double>(day.users_free + day.users_paid);
        window_paid_days += scale * static_cast<double>(day.users_paid);
        window_paid_churn += scale * static_cast<double>(day.paid_churn_voluntary + day.paid_churn_involuntary);
      }
    }
    if (!market_days[r].empty()) {
      const auto& last = market_days[r][std::min(days, market_days[r].size()) - 1];
      k.users_adopted += scale * static_cast<double>(last.users_adopted);
      k.users_active_end += scale * static_cast<double>(last.users_free + last.users_paid);
      k.users_paid_end += scale * static_cast<double>(last.users_paid);
    }
  }
  window_days = days - window_start;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double month = 30.0 / static_cast<double>(std::max<std::size_t>(window_days, 1));
  k.revenue_net_usd = net;
  k.gross_margin = window_net > 0.0 ? (window_net - window_cost) / window_net : nan;
  k.gross_margin_run = net > 0.0 ? (net - k.cost_usd) / net : nan;
  k.cost_per_generation_usd = delivered > 0.0 ? k.cost_usd / delivered : nan;
  const double mean_active = window_active_days / static_cast<double>(std::max<std::size_t>(window_days, 1));
  const double mean_paid = window_paid_days / static_cast<double>(std::max<std::size_t>(window_days, 1));
  k.arpu_usd_month = mean_active > 0.0 ? window_net * month / mean_active : nan;
  k.arppu_usd_month = mean_paid > 0.0 ? window_paying_revenue * month / mean_paid : nan;
  k.conversion = k.users_active_end > 0.0 ? k.users_paid_end / k.users_active_end : nan;
  k.paid_churn_month = mean_paid > 0.0 ? window_paid_churn * month / mean_paid : nan;
  const double net_share = gross > 0.0 ? net / gross : nan;
  k.ltv_usd = k.paid_churn_month > 0.0 ? k.arppu_usd_month * net_share * k.gross_margin / k.paid_churn_month : nan;
  k.arr_usd = window_net * 365.0 / static_cast<double>(std::max<std::size_t>(window_days, 1));
  const auto latency = outcome.latency.run(region == kAllRegions ? scenario.regions.size() : region);
  k.mean_latency_s = latency.mean_latency_s();
  k.p95_latency_s = latency.latency.quantile(0.95);
  k.mean_delivery_s = latency.mean_delivery_s();
  return k;
}

RunBooks close_books(const model::Scenario& scenario, const observe::RunOutcome& outcome) {
  RunBooks books;
  books.ledger = build_ledger(scenario, outcome);
  for (std::size_t r = 0; r < scenario.regions.size(); ++r)
    books.kpis.push_back(compute_kpis(scenario, outcome, books.ledger, r));
  books.kpis.push_back(compute_kpis(scenario, outcome, books.ledger, kAllRegions));
  books.parent = build_parent_books(scenario, outcome, books.ledger, books.kpis);
  return books;
}

void check_books(const model::Scenario& scenario, const observe::RunOutcome& outcome) {
  const auto& market = *outcome.market;
  const auto& table = market.table();
  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    std::int64_t counted[3] = {0, 0, 0};
    for (std::size_t u = 0; u < table.size(); ++u) {
      if (table.region[u] == r) ++counted[static_cast<int>(table.state[u])];
    }
    const auto& days = market.days()[r];
    if (days.empty()) continue;
    // Each day's closing counts follow from the previous day's and the day's flows.
    std::int64_t adopted_before = 0;
    std::int64_t paid_before = 0;
    std::int64_t churned_before = 0;
    for (std::size_t d = 0; d < days.size(); ++d) {
      const auto& day = days[d];
      const std::int64_t paid_expected =
          paid_before + day.conversions - day.paid_churn_voluntary - day.paid_churn_involuntary;
      if (day.users_adopted != adopted_before + day.new_users || day.users_paid != paid_expected ||
          day.users_churned != churned_before + day.free_lapsed + day.paid_to_rivals - day.users_won_back ||
          day.users_adopted != day.users_free + day.users_paid + day.users_churned) {
        throw InvariantViolation(
            "day " + std::to_string(d) + " of region '" + scenario.regions[r].name +
            "' does not follow from its flows: adopted " + std::to_string(day.users_adopted) + " (expected " +
            std::to_string(adopted_before + day.new_users) + "), paid " + std::to_string(day.users_paid) +
            " (expected " + std::to_string(paid_expected) + "), churned " + std::to_string(day.users_churned) +
            " (expected " + std::to_string(churned_before + day.free_lapsed + day.paid_to_rivals - day.users_won_back) +
            ")");
      }
      adopted_before = day.users_adopted;
      paid_before = day.users_paid;
      churned_before = day.users_churned;
    }
    const auto& last = days.back();
    const std::int64_t adopted = counted[0] + counted[1] + counted[2];
    if (adopted != last.users_adopted || counted[0] != last.users_free || counted[1] != last.users_paid ||
        counted[2] != last.users_churned) {
      throw InvariantViolation("users of region '" + scenario.regions[r].name + "' do not add up: table has " +
                               std::to_string(counted[0]) + " free + " + std::to_string(counted[1]) + " paid + " +
                               std::to_string(counted[2]) + " churned, day records say " +
                               std::to_string(last.users_free) + " + " + std::to_string(last.users_paid) + " + " +
                               std::to_string(last.users_churned) + " of " + std::to_string(last.users_adopted));
    }
  }
  std::int64_t arrived = 0;
  std::int64_t abandoned = 0;
  std::int64_t on_clusters = 0;  // queued or running at the horizon
  std::int64_t completed = 0;
  for (const auto& c : outcome.recorder.clusters()) {
    arrived += c.arrived;
    abandoned += c.abandoned;
    on_clusters += c.queued + c.running;
    completed += c.completed;
  }
  std::int64_t delivered = 0;
  std::int64_t market_abandoned = 0;
  std::int64_t failed = 0;
  std::int64_t blocked_prompt = 0;
  std::int64_t blocked_video = 0;
  double gross = 0.0;
  for (const auto& days : market.days()) {
    for (const auto& day : days) {
      delivered += day.jobs_delivered;
      market_abandoned += day.jobs_abandoned;
      failed += day.jobs_failed;
      blocked_prompt += day.moderation.jobs_blocked_prompt;
      blocked_video += day.moderation.jobs_blocked_video;
      gross += day.revenue_subscriptions_usd + day.revenue_packs_usd + day.revenue_api_usd + day.revenue_enterprise_usd;
    }
  }
  // Every accepted job is delivered, blocked, abandoned, failed or still in flight: queued or running on a cluster,
  // in review, or generated and awaiting delivery (on its way over the WAN).
  const auto* moderation = market.moderation();
  const std::int64_t review_prompt = moderation ? moderation->in_review(policies::ModerationStage::kPrompt) : 0;
  const std::int64_t review_video = moderation ? moderation->in_review(policies::ModerationStage::kVideo) : 0;
  const std::int64_t awaiting = completed - delivered - failed - blocked_video - review_video;
  const std::int64_t in_flight = on_clusters + review_prompt + review_video + awaiting;
  const std::int64_t submitted = market.jobs_submitted();
  if (submitted != arrived + blocked_prompt + review_prompt || market_abandoned != abandoned || awaiting < 0 ||
      submitted != delivered + blocked_prompt + blocked_video + abandoned + failed + in_flight) {
    throw InvariantViolation("jobs do not add up: market accepted " + std::to_string(submitted) +
                             ", clusters received " + std::to_string(arrived) + ", blocked before the GPU " +
                             std::to_string(blocked_prompt) + ", in prompt review " + std::to_string(review_prompt) +
                             ", delivered " + std::to_string(delivered) + ", blocked after generation " +
                             std::to_string(blocked_video) + ", failed " + std::to_string(failed) + ", abandoned " +
                             std::to_string(market_abandoned) + " (clusters saw " + std::to_string(abandoned) +
                             "), generated and awaiting delivery " + std::to_string(awaiting));
  }
  if (std::fabs(gross - market.charged_gross_usd()) > 1e-6 * std::max(1.0, gross)) {
    throw InvariantViolation("money does not add up: day records hold " + std::to_string(gross) +
                             " USD of revenue, charges summed to " + std::to_string(market.charged_gross_usd()));
  }
  if (moderation != nullptr) check_moderation_books(scenario, outcome, completed - failed);
}

CashCurve cash_curve(const std::vector<double>& daily_profit_usd) {
  CashCurve c;
  double cash = 0.0;
  for (std::size_t d = 0; d < daily_profit_usd.size(); ++d) {
    cash += daily_profit_usd[d];
    c.cumulative_usd.push_back(cash);
    if (cash < c.minimum_usd) {
      c.minimum_usd = cash;
      c.minimum_day = static_cast<int>(d);
    }
  }
  c.final_usd = cash;
  for (std::size_t d = c.cumulative_usd.size(); d-- > 0;) {
    if (c.cumulative_usd[d] < 0.0) break;
    c.break_even_day = static_cast<int>(d);
  }
  return c;
}

std::vector<double> platform_daily_profit(const Ledger& ledger) {
  std::vector<double> profit;
  for (const auto& region : ledger) {
    if (profit.size() < region.size()) profit.resize(region.size(), 0.0);
    for (std::size_t d = 0; d < region.size(); ++d)
      profit[d] += region[d].revenue_net_usd() - region[d].cost_usd();
  }
  return profit;
}

}  // namespace gvsim::economics
