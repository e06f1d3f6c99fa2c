#pragma once

#include <vector>

#include "sim/economics/parent_value.hpp"
#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::economics {

/// @brief One region's profit and loss for one day, in real-world units (simulated x population scale).
///
/// Revenue belongs to the region of the paying user; GPU, energy and egress costs to the regions whose users'
/// jobs used the GPUs, in proportion to the GPU time they took.
struct RegionLedgerDay {
  double revenue_subscriptions_usd = 0.0;
  double revenue_packs_usd = 0.0;
  double revenue_api_usd = 0.0;
  double store_fees_usd = 0.0;
  double payment_fees_usd = 0.0;
  double gpu_reserved_usd = 0.0;
  double gpu_on_demand_usd = 0.0;  ///< GPU time in service beyond the reserved GPUs, at on-demand prices
  double energy_usd = 0.0;
  double egress_usd = 0.0;
  double moderation_usd = 0.0;  ///< human review; zero until a moderation policy charges it
  double fines_usd = 0.0;       ///< regulatory fines; zero until a moderation policy incurs them
  double marketing_usd = 0.0;   ///< marketing spend (market.adoption.marketing_usd_per_day)
  double gpu_hours_busy = 0.0;
  double revenue_enterprise_usd = 0.0;  ///< enterprise contracts, gross
  double invoice_costs_usd = 0.0;       ///< API and contract invoicing cost and bad debt
  double sla_penalties_usd = 0.0;       ///< contract revenue credited back for missed SLAs

  /// @brief Gross revenue of all kinds.
  double revenue_gross_usd() const {
    return revenue_subscriptions_usd + revenue_packs_usd + revenue_api_usd + revenue_enterprise_usd;
  }
  /// @brief Revenue after store and payment fees, invoicing costs and SLA credits.
  double revenue_net_usd() const {
    return revenue_gross_usd() - store_fees_usd - payment_fees_usd - invoice_costs_usd - sla_penalties_usd;
  }
  /// @brief All costs of the day.
  double cost_usd() const {
    return gpu_reserved_usd + gpu_on_demand_usd + energy_usd + egress_usd + moderation_usd + fines_usd + marketing_usd;
  }
};

/// @brief Ledger per region and day: `[region][day]`.
using Ledger = std::vector<std::vector<RegionLedgerDay>>;

/// @brief Builds the ledger from the market's day records and the clusters' daily observations.
///
/// Per cluster and day: GPU cost = GPUs x hours x reserved price; energy = (busy + idle_power_share x idle in-service)
/// GPU-hours x board power (kW) x PUE x the hosting region's energy price; both shared among origin regions by their
/// busy GPU time. Egress = GB sent to each origin region x the datacenter's egress price.
Ledger build_ledger(const model::Scenario& scenario, const observe::RunOutcome& outcome);

/// @brief Headline unit economics of a run, in real-world units.
struct Kpis {
  double users_adopted = 0.0;
  double users_active_end = 0.0;
  double users_paid_end = 0.0;
  double revenue_net_usd = 0.0;
  double cost_usd = 0.0;
  double gross_margin = 0.0;             ///< (net revenue - cost) / net revenue, last 30 days
  double gross_margin_run = 0.0;         ///< (net revenue - cost) / net revenue, whole run
  double cost_per_generation_usd = 0.0;  ///< cost / delivered clips
  double arpu_usd_month = 0.0;           ///< net revenue per active user per 30 days, last 30 days
  double arppu_usd_month = 0.0;          ///< subscription + pack revenue per paying user per 30 days, last 30 days
  double conversion = 0.0;               ///< paying / active users at the end
  double paid_churn_month = 0.0;         ///< paid users lost per paying user per 30 days, last 30 days
  double ltv_usd = 0.0;                  ///< ARPPU x (net / gross) x gross margin / monthly paid churn
  double arr_usd = 0.0;                  ///< annualised net revenue of the last 30 days
  double mean_latency_s = 0.0;           ///< end-to-end latency of the delivered videos (queue, GPU, delivery)
  double p95_latency_s = 0.0;            ///< its 95th percentile (log-spaced histogram)
  double mean_delivery_s = 0.0;          ///< the delivery part of it
  double revenue_api_usd = 0.0;          ///< gross API revenue, whole run
  double revenue_enterprise_usd = 0.0;   ///< gross enterprise contract revenue, whole run
  double sla_penalties_usd = 0.0;        ///< contract revenue credited back for missed SLAs, whole run
};

/// @brief KPIs of the whole platform (all regions) or, with `region` < regions, of one region.
Kpis compute_kpis(const model::Scenario& scenario, const observe::RunOutcome& outcome, const Ledger& ledger,
                  std::size_t region);

/// @brief The cumulative cash of a run: profit (net revenue - costs) summed day by day from day 0.
struct CashCurve {
  std::vector<double> cumulative_usd;  ///< after each day
  double final_usd = 0.0;              ///< after the last day: the whole run's profit
  double minimum_usd = 0.0;            ///< lowest point, 0 when it never goes below zero
  int minimum_day = -1;                ///< day of the lowest point; -1 when it never goes below zero
  int break_even_day = -1;             ///< first day from which the cumulative cash stays >= 0; -1 if none
};

/// @brief The cash curve of daily profits (USD per day, day 0 first): the one formula for break-even and minimum.
CashCurve cash_curve(const std::vector<double>& daily_profit_usd);

/// @brief Daily profit of the whole platform (all regions) from the ledger, day 0 first.
std::vector<double> platform_daily_profit(const Ledger& ledger);

/// @brief The books of a run, computed once and shared by the results files and the console summary.
struct RunBooks {
  Ledger ledger;
  std::vector<Kpis> kpis;  ///< one per region in scenario order, then the whole platform
  ParentBooks parent;      ///< value for the parent platform and the verdict, laid out like `kpis`
};

/// @brief The ledger and the KPIs of every region and of the whole platform (workload mode `users` only).
RunBooks close_books(const model::Scenario& scenario, const observe::RunOutcome& outcome);

/// @brief Checks that users, jobs and money add up: every day's closing counts follow from the previous day's and
/// the day's flows (adoptions, conversions, paid churn, lapses), adopted = free + paid + churned per region
/// (counted from the user table), jobs accepted by the market = jobs that reached a cluster + jobs blocked before the
/// GPU + prompts in review, accepted = delivered + blocked + abandoned + failed + in flight, the revenue in the day
/// records equals the revenue summed at each charge, and (with moderation) check_moderation_books. Throws
/// InvariantViolation.
void check_books(const model::Scenario& scenario, const observe::RunOutcome& outcome);

/// @brief Pass as `region` to compute_kpis for the whole platform.
inline constexpr std::size_t kAllRegions = static_cast<std::size_t>(-1);

}  // namespace gvsim::economics
