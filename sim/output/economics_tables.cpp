#include "sim/output/economics_tables.hpp"

#include <cmath>

#include "sim/output/csv_table.hpp"
#include "sim/output/moderation_report.hpp"
#include "sim/output/results_writer.hpp"

namespace gvsim::output {

namespace {
double ratio(double a, double b) {
  return b > 0.0 ? a / b : std::nan("");
}
}  // namespace

std::string region_daily_csv(const model::Scenario& scenario, const observe::RunOutcome& outcome,
                             const economics::Ledger& ledger) {
  CsvTable table({"scenario",
                  "replication",
                  "seed",
                  "day",
                  "region",
                  "users_new",
                  "users_adopted",
                  "users_free",
                  "users_paid",
                  "users_churned",
                  "upgrade_offers",
                  "conversions",
                  "paid_churn_voluntary",
                  "paid_churn_involuntary",
                  "free_lapsed",
                  "requests",
                  "requests_no_credits",
                  "jobs_submitted",
                  "jobs_abandoned",
                  "jobs_failed",
                  "jobs_delivered",
                  "mean_wait_s",
                  "share_fast",
                  "satisfaction_mean",
                  "revenue_subscriptions_usd",
                  "revenue_packs_usd",
                  "revenue_api_usd",
                  "store_fees_usd",
                  "payment_fees_usd",
                  "revenue_net_usd",
                  "gpu_reserved_usd",
                  "gpu_on_demand_usd",
                  "energy_usd",
                  "egress_usd",
                  "moderation_usd",
                  "fines_usd",
                  "cost_usd",
                  "profit_usd",
                  "gpu_hours_busy"});
  // Moderation columns only when a moderation policy is active, so runs without one keep their exact output.
  const bool moderated = outcome.market->moderation() != nullptr;
  if (moderated) table.add_columns(moderation_columns());
  const double scale = scenario.experiment.scale;
  auto scaled = [scale](std::int64_t n) { return static_cast<double>(n) * scale; };
  for (std::size_t d = 0; d < outcome.recorder.day_count(); ++d) {
    for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
      const auto& day = outcome.market->days()[r][d];
      const auto& money = ledger[r][d];
      table.row();
      append_run_keys(table, scenario);
      table.cell(static_cast<long long>(d))
          .cell(scenario.regions[r].name)
          .cell(scaled(day.new_users))
          .cell(scaled(day.users_adopted))
          .cell(scaled(day.users_free))
          .cell(scaled(day.users_paid))
          .cell(scaled(day.users_churned))
          .cell(scaled(day.upgrade_offers))
          .cell(scaled(day.conversions))
          .cell(scaled(day.paid_churn_voluntary))
          .cell(scaled(day.paid_churn_involuntary))
          .cell(scaled(day.free_lapsed))
          .cell(scaled(day.requests))
          .cell(scaled(day.requests_no_credits))
          .cell(scaled(day.jobs_submitted))
          .cell(scaled(day.jobs_abandoned))
          .cell(scaled(day.jobs_failed))
          .cell(scaled(day.jobs_delivered))
          .cell(ratio(day.wait_sum_s, static_cast<double>(day.jobs_delivered)))
          .cell(ratio(static_cast<double>(day.jobs_fast), static_cast<double>(day.jobs_delivered)))
          .cell(day.users_adopted > day.users_churned ? day.satisfaction_mean : std::nan(""))
          .cell(money.revenue_subscriptions_usd)
          .cell(money.revenue_packs_usd)
          .cell(money.revenue_api_usd)
          .cell(money.store_fees_usd)
          .cell(money.payment_fees_usd)
          .cell(money.revenue_net_usd())
          .cell(money.gpu_reserved_usd)
          .cell(money.gpu_on_demand_usd)
          .cell(money.energy_usd)
          .cell(money.egress_usd)
          .cell(money.moderation_usd)
          .cell(money.fines_usd)
          .cell(money.cost_usd())
          .cell(money.revenue_net_usd() - money.cost_usd())
          .cell(money.gpu_hours_busy);
      if (moderated) append_moderation_cells(table, day.moderation, scale);
    }
  }
  return table.str();
}

std::string kpis_csv(const model::Scenario& scenario, const economics::RunBooks& books) {
  CsvTable table({"scenario", "replication", "seed", "region", "users_adopted", "users_active_end", "users_paid_end",
                  "revenue_net_usd", "cost_usd", "gross_margin", "gross_margin_run", "cost_per_generation_usd",
                  "arpu_usd_month", "arppu_usd_month", "conversion", "paid_churn_month", "ltv_usd", "arr_usd"});
  for (std::size_t r = 0; r < books.kpis.size(); ++r) {
    const auto& k = books.kpis[r];
    table.row();
    append_run_keys(table, scenario);
    table.cell(r < scenario.regions.size() ? scenario.regions[r].name : std::string("all"))
        .cell(k.users_adopted)
        .cell(k.users_active_end)
        .cell(k.users_paid_end)
        .cell(k.revenue_net_usd)
        .cell(k.cost_usd)
        .cell(k.gross_margin)
        .cell(k.gross_margin_run)
        .cell(k.cost_per_generation_usd)
        .cell(k.arpu_usd_month)
        .cell(k.arppu_usd_month)
        .cell(k.conversion)
        .cell(k.paid_churn_month)
        .cell(k.ltv_usd)
        .cell(k.arr_usd);
  }
  return table.str();
}

}  // namespace gvsim::output
