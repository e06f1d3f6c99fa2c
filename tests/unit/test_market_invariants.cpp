// The books of a users-mode run: users, flows, jobs and money add up on every day record, and
// economics::check_books refuses outcomes whose books were broken on purpose.
//
// The scenario exercises every path of the market: two regions in different time zones (one served over the WAN),
// a diurnal profile, free, creator and API-billed segments, free credits, upgrade offers, credit packs, card
// declines (so renewals after 30 days can fail), free lapses to a rival offered in one region (and win-backs from
// it), marketing spend, and a small cluster loaded
// enough for impatient users to abandon queued jobs. The horizon ends mid-day, so the last record is closed by
// Market::finish. Each run is in a forked child (one SimGrid Engine per process); the child sends back the
// numbers and the parent checks them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "sim/config/scenario_loader.hpp"
#include "sim/economics/books.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/model/invariant.hpp"
#include "sim/observe/running_costs.hpp"
#include "sim/output/run_summary.hpp"
#include "tests/support/test_support.hpp"

namespace {

using gvsim::observe::RunOutcome;
using gvsim::test::TempDir;

constexpr double kHorizonDays = 40.5;

/// Writes the regions and the experiment; `patient` users never abandon (patience 10^6 s for everyone).
std::string write_scenario(const TempDir& dir, bool patient) {
  gvsim::test::write_catalogs(dir, "[{from: home, to: away, latency_ms: 60, bandwidth_gbps: 10}]");
  dir.write("regions/home.yaml",
            "region:\n"
            "  name: home\n"
            "  utc_offset_h: 8\n"
            "  market:\n"
            "    addressable_users_millions: 0.002\n"
            "    bass_p_per_year: 2\n"
            "    bass_q_per_year: 40\n"
            "  payments: {method_share: 0.8, decline_rate: 0.3}\n"
            "  datacenters:\n"
            "    - name: home_dc\n"
            "      clusters:\n"
            "        - {name: home_gpus, gpu: h100_sxm, gpu_count: 2}\n");
  dir.write("regions/away.yaml",
            "region:\n"
            "  name: away\n"
            "  utc_offset_h: -5\n"
            "  market:\n"
            "    entry_day: 5\n"
            "    addressable_users_millions: 0.0015\n"
            "    bass_p_per_year: 3\n"
            "    bass_q_per_year: 50\n"
            "    price_index: 0.6\n"
            "  payments: {method_share: 0.5, decline_rate: 0.4}\n"
            "  datacenters: []\n");
  const std::string patience =
      patient ? "        patience_s_median: 1000000\n        patience_log_sd: 0\n" : "        patience_s_median: 900\n";
  const std::string text =
      "name: market_books\n"
      "seed: 11\n"
      "horizon_days: " +
      std::to_string(kHorizonDays) +
      "\n"
      "scale: 1\n"
      "platform:\n"
      "  regions_dir: regions\n"
      "  regions: [home, away]\n"
      "workload:\n"
      "  mode: users\n"
      "  clip_classes:\n"
      "    short: {gpu_seconds: 120, gpu_seconds_cv: 0.3, credits: 10, video_megabytes: 8}\n"
      "    long: {gpu_seconds: 480, gpu_seconds_cv: 0.3, credits: 40, video_megabytes: 30}\n"
      "  users:\n"
      "    diurnal: [0.5, 0.4, 0.3, 0.3, 0.3, 0.4, 0.6, 0.8, 1, 1, 1.1, 1.1,\n"
      "              1.2, 1.2, 1.1, 1.1, 1.2, 1.3, 1.5, 1.6, 1.7, 1.6, 1.3, 0.9]\n"
      "    segments:\n"
      "      casual:\n"
      "        share: 0.8\n"
      "        requests_per_day: 0.4\n"
      "        clip_mix: {short: 0.9, long: 0.1}\n"
      "        wtp_usd_median: 8\n"
      "        free_lapse_per_day: 0.03\n"
      "        paid_churn_per_month: 0.3\n"
      "        pack_propensity: 0.3\n" +
      patience +
      "      creator:\n"
      "        share: 0.19\n"
      "        requests_per_day: 2\n"
      "        clip_mix: {short: 0.5, long: 0.5}\n"
      "        wtp_usd_median: 30\n"
      "        free_lapse_per_day: 0.01\n"
      "        paid_churn_per_month: 0.2\n"
      "        pack_propensity: 0.5\n" +
      patience +
      "      api:\n"
      "        share: 0.01\n"
      "        requests_per_day: 5\n"
      "        clip_mix: {short: 1}\n"
      "        api_billing: true\n"
      "        free_lapse_per_day: 0.002\n" +
      patience +
      "    pricing:\n"
      "      free_daily_credits: 20\n"
      "      tiers:\n"
      "        standard: {usd_per_month: 7, credits_per_month: 300}\n"
      "        pro: {usd_per_month: 25, credits_per_month: 1500}\n"
      "      pack_usd: 5\n"
      "      pack_credits: 200\n"
      "      api_usd_per_credit: 0.02\n"
      "    behaviour:\n"
      "      conversion_intercept: -1\n"
      "market:\n"
      "  rivals:\n"
      "    rival:\n"
      "      price: [{day: 0, usd_per_month: 10}, {day: 40, usd_per_month: 5}]\n"
      "      quality: [{day: 0, value: 1}]\n"
      "      regions: [home]\n"
      "  choice: {winback_max_per_day: 0.2, reference_share: 0.5}\n"
      "  adoption: {marketing_usd_per_day: 1000}\n";
  return dir.write("experiment.yaml", text);
}

/// The fields of a day record the checks need, in a fixed order.
const std::vector<std::string> kFields = {
    "new_users",      "users_adopted",     "users_free",          "users_paid",           "users_churned",
    "paid_start",     "upgrade_offers",    "conversions",         "paid_churn_voluntary", "paid_churn_involuntary",
    "free_lapsed",    "requests",          "requests_no_credits", "jobs_submitted",       "jobs_abandoned",
    "jobs_delivered", "revenue_packs_usd", "revenue_api_usd",     "users_to_rivals",      "users_won_back",
    "paid_to_rivals"};

std::vector<double> fields_of(const gvsim::users::RegionDay& d) {
  auto n = [](std::int64_t v) { return static_cast<double>(v); };
  return {n(d.new_users),
          n(d.users_adopted),
          n(d.users_free),
          n(d.users_paid),
          n(d.users_churned),
          n(d.paid_start),
          n(d.upgrade_offers),
          n(d.conversions),
          n(d.paid_churn_voluntary),
          n(d.paid_churn_involuntary),
          n(d.free_lapsed),
          n(d.requests),
          n(d.requests_no_credits),
          n(d.jobs_submitted),
          n(d.jobs_abandoned),
          n(d.jobs_delivered),
          d.revenue_packs_usd,
          d.revenue_api_usd,
          n(d.users_to_rivals),
          n(d.users_won_back),
          n(d.paid_to_rivals)};
}

/// What check_books says about an outcome: "ok" or the message of the InvariantViolation.
std::string verdict(const gvsim::model::Scenario& scenario, const RunOutcome& outcome) {
  try {
    gvsim::economics::check_books(scenario, outcome);
  } catch (const gvsim::InvariantViolation& e) {
    return std::string("violation: ") + e.what();
  }
  return "ok";
}

/// An independent copy of a finished run (cluster list, recorder and market), to be tampered with.
RunOutcome copy_of(const RunOutcome& outcome) {
  return RunOutcome{outcome.clusters, outcome.recorder,
                    outcome.events,   std::make_unique<gvsim::users::Market>(*outcome.market),
                    outcome.latency,  outcome.segment_gpu};
}

/// Parses "key value" lines and "day REGION DAY v1 v2 ..." lines.
struct Report {
  std::map<std::string, std::string> values;
  std::vector<std::vector<std::vector<double>>> days;  // [region][day][field]
};

Report parse(const std::string& text) {
  Report report;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream row(line);
    std::string key;
    row >> key;
    if (key == "day") {
      std::size_t region = 0;
      std::size_t day = 0;
      row >> region >> day;
      if (report.days.size() <= region) report.days.resize(region + 1);
      std::vector<double> values(kFields.size());
      for (auto& v : values)
        row >> v;
      report.days[region].push_back(values);
      REQUIRE(report.days[region].size() == day + 1);
    } else {
      std::string rest;
      std::getline(row >> std::ws, rest);
      report.values[key] = rest;
    }
  }
  return report;
}

double field(const std::vector<double>& day, const std::string& name) {
  for (std::size_t i = 0; i < kFields.size(); ++i) {
    if (kFields[i] == name) return day[i];
  }
  FAIL("unknown field " << name);
  return 0.0;
}

}  // namespace

TEST_CASE("market books: check_books passes and every day record balances users, flows and jobs",
          "[users][market][invariants]") {
  TempDir dir;
  const auto scenario = gvsim::config::load_scenario(write_scenario(dir, false));
  const Report report = parse(gvsim::test::run_in_child([&] {
    const RunOutcome outcome = gvsim::engine::run_simulation(scenario);
    std::ostringstream out;
    out << "books " << verdict(scenario, outcome) << '\n';
    std::string clusters = "ok";
    try {
      gvsim::output::check_invariants(outcome);
    } catch (const gvsim::InvariantViolation& e) {
      clusters = e.what();
    }
    out << "clusters " << clusters << '\n';
    std::int64_t arrived = 0;
    std::int64_t abandoned = 0;
    std::int64_t completed = 0;
    for (const auto& c : outcome.recorder.clusters()) {
      arrived += c.arrived;
      abandoned += c.abandoned;
      completed += c.completed;
    }
    out << "market_jobs_submitted " << outcome.market->jobs_submitted() << '\n';
    out << "cluster_arrived " << arrived << "\ncluster_abandoned " << abandoned << "\ncluster_completed " << completed
        << '\n';
    out.precision(17);
    out << "charged_gross_usd " << outcome.market->charged_gross_usd() << '\n';
    out << "day_count " << outcome.recorder.day_count() << '\n';
    // The running costs the market reads (market entry on margin) allocate a cluster-day like the books do.
    const auto ledger = gvsim::economics::build_ledger(scenario, outcome);
    double running_cost_gap = 0.0;
    double running_cost_total = 0.0;
    for (std::size_t d = 0; d + 1 < outcome.recorder.day_count(); ++d) {
      const auto running = gvsim::observe::closed_day_costs(scenario, outcome.clusters, outcome.recorder, d);
      for (std::size_t r = 0; r < running.size(); ++r) {
        const auto& row = ledger[r][d];
        const double booked = row.gpu_reserved_usd + row.gpu_on_demand_usd + row.energy_usd + row.egress_usd;
        running_cost_gap = std::max(running_cost_gap, std::abs(running[r] - booked));
        running_cost_total += running[r];
      }
    }
    out << "running_cost_gap_usd " << running_cost_gap << "\nrunning_cost_total_usd " << running_cost_total << '\n';
    const auto& days = outcome.market->days();
    for (std::size_t r = 0; r < days.size(); ++r) {
      out << "adopted_" << r << ' ' << outcome.market->adopted(r) << '\n';
      out << "active_" << r << ' ' << outcome.market->active(r) << '\n';
      for (std::size_t d = 0; d < days[r].size(); ++d) {
        out << "day " << r << ' ' << d;
        for (double v : fields_of(days[r][d]))
          out << ' ' << v;
        const double gross =
            days[r][d].revenue_subscriptions_usd + days[r][d].revenue_packs_usd + days[r][d].revenue_api_usd;
        out << '\n' << "gross_" << r << '_' << d << ' ' << gross << '\n';
      }
    }
    return out.str();
  }));

  INFO(report.values.at("books"));
  CHECK(report.values.at("books") == "ok");
  CHECK(report.values.at("clusters") == "ok");
  CHECK(std::stod(report.values.at("running_cost_total_usd")) > 0.0);
  CHECK(std::stod(report.values.at("running_cost_gap_usd")) <
        1e-9 * std::stod(report.values.at("running_cost_total_usd")));
  REQUIRE(report.days.size() == 2);
  const auto days = static_cast<std::size_t>(std::stod(report.values.at("day_count")));
  REQUIRE(days == 41);

  std::map<std::string, double> total;
  double gross = 0.0;
  for (std::size_t r = 0; r < 2; ++r) {
    REQUIRE(report.days[r].size() == days);
    double adopted = 0.0;
    double paid = 0.0;
    double churned = 0.0;
    for (std::size_t d = 0; d < days; ++d) {
      const auto& day = report.days[r][d];
      INFO("region " << r << ", day " << d);
      auto f = [&](const char* name) { return field(day, name); };
      // Stocks at the close of the day.
      CHECK(f("users_adopted") == f("users_free") + f("users_paid") + f("users_churned"));
      // Stocks follow their flows: adopters from new users, payers from conversions and paid churn, churned users
      // from lapses and cancellations to a rival less win-backs; the day opens with the previous day's payers. Every
      // lapse and every voluntary cancellation of `home` goes to its rival, none of `away` (no rival offered there).
      adopted += f("new_users");
      CHECK(f("users_adopted") == adopted);
      CHECK(f("paid_start") == paid);
      paid += f("conversions") - f("paid_churn_voluntary") - f("paid_churn_involuntary");
      CHECK(f("users_paid") == paid);
      churned += f("free_lapsed") + f("paid_to_rivals") - f("users_won_back");
      CHECK(f("users_churned") == churned);
      CHECK(f("paid_to_rivals") == (r == 0 ? f("paid_churn_voluntary") : 0.0));
      CHECK(f("users_to_rivals") == f("free_lapsed") * (r == 0 ? 1.0 : 0.0) + f("paid_to_rivals"));
      // Every request is either refused for lack of credits or becomes a job; offers precede conversions.
      CHECK(f("requests") == f("jobs_submitted") + f("requests_no_credits"));
      CHECK(f("conversions") <= f("upgrade_offers"));
      for (const auto& name : kFields)
        total[name] += field(day, name);
      gross += std::stod(report.values.at("gross_" + std::to_string(r) + "_" + std::to_string(d)));
    }
    CHECK(adopted == std::stod(report.values.at("adopted_" + std::to_string(r))));
    const auto& last = report.days[r].back();
    CHECK(field(last, "users_free") + field(last, "users_paid") ==
          std::stod(report.values.at("active_" + std::to_string(r))));
  }

  // Jobs: the market's accepted jobs are exactly those that reached a cluster.
  const double submitted = std::stod(report.values.at("market_jobs_submitted"));
  CHECK(submitted == std::stod(report.values.at("cluster_arrived")));
  CHECK(submitted == total["jobs_submitted"]);
  CHECK(total["jobs_abandoned"] == std::stod(report.values.at("cluster_abandoned")));
  CHECK(total["jobs_delivered"] <= std::stod(report.values.at("cluster_completed")));
  CHECK(total["jobs_delivered"] + total["jobs_abandoned"] <= submitted);
  // Money: the day records hold every charge.
  CHECK(gross == Approx(std::stod(report.values.at("charged_gross_usd"))).epsilon(1e-9));

  // The scenario reaches every path, so none of the identities above holds vacuously.
  WARN("adopted " << total["new_users"] << ", requests " << total["requests"] << " (" << total["requests_no_credits"]
                  << " refused), jobs " << submitted << " (" << total["jobs_abandoned"] << " abandoned, "
                  << total["jobs_delivered"] << " delivered), conversions " << total["conversions"] << ", paid churn "
                  << total["paid_churn_voluntary"] << " voluntary + " << total["paid_churn_involuntary"]
                  << " involuntary, lapses " << total["free_lapsed"] << ", gross revenue " << gross << " USD");
  CHECK(total["conversions"] > 0);
  CHECK(total["paid_churn_voluntary"] > 0);
  CHECK(total["paid_churn_involuntary"] > 0);
  CHECK(total["free_lapsed"] > 0);
  CHECK(total["users_won_back"] > 0);
  CHECK(total["requests_no_credits"] > 0);
  CHECK(total["jobs_abandoned"] > 0);
  CHECK(total["revenue_packs_usd"] > 0);
  CHECK(total["revenue_api_usd"] > 0);
  CHECK(field(report.days[1][4], "users_adopted") == 0.0);  // region away opens on day 5
  CHECK(field(report.days[1][5], "users_adopted") > 0.0);
}

// Each case tampers with an independent copy of one consistent run through public interfaces only, the way a
// defect would: the copy passes before tampering, fails after, and the run itself still passes.
TEST_CASE("market books: check_books throws InvariantViolation on tampered copies of a consistent run",
          "[users][market][invariants]") {
  TempDir dir;
  const auto scenario = gvsim::config::load_scenario(write_scenario(dir, true));
  const Report report = parse(gvsim::test::run_in_child([&] {
    const RunOutcome outcome = gvsim::engine::run_simulation(scenario);
    const double horizon = outcome.recorder.horizon_s();
    std::ostringstream out;
    out << "original " << verdict(scenario, outcome) << '\n';
    {
      // A job reaches a cluster without the market having accepted it.
      RunOutcome copy = copy_of(outcome);
      out << "copy " << verdict(scenario, copy) << '\n';
      copy.recorder.on_arrival(0, horizon - 1.0);
      out << "extra_arrival " << verdict(scenario, copy) << '\n';
    }
    {
      // The market books an abandonment that no cluster saw.
      RunOutcome copy = copy_of(outcome);
      gvsim::users::JobRequest job;
      job.user = 0;
      copy.market->on_abandoned(job, horizon - 1.0);
      out << "phantom_abandonment " << verdict(scenario, copy) << '\n';
    }
    {
      // A user adopts after the books were closed at the horizon.
      RunOutcome copy = copy_of(outcome);
      const std::int64_t before = copy.market->adopted(0);
      for (int k = 0; k < 100000 && copy.market->adopted(0) == before; ++k)
        copy.market->step(0);
      out << "late_adopters " << copy.market->adopted(0) - before << '\n';
      out << "late_adoption " << verdict(scenario, copy) << '\n';
    }
    {
      // The books are closed five days early: the revenue of the last days is missing from the day records.
      RunOutcome copy = copy_of(outcome);
      copy.market->finish(horizon - 5.0 * 86400.0);
      out << "early_close " << verdict(scenario, copy) << '\n';
    }
    out << "original_after " << verdict(scenario, outcome) << '\n';
    return out.str();
  }));
  const auto& v = report.values;
  CHECK(v.at("original") == "ok");
  CHECK(v.at("copy") == "ok");
  CHECK(v.at("original_after") == "ok");
  auto violation = [&](const std::string& key, const std::string& message) {
    INFO(key << ": " << v.at(key));
    CHECK(v.at(key).rfind("violation: " + message, 0) == 0);
  };
  violation("extra_arrival", "jobs do not add up: market accepted");
  violation("phantom_abandonment", "jobs do not add up: market accepted");
  CHECK(v.at("late_adopters") == "1");
  // Both are caught by the day-by-day flow identities before the end-of-run totals are compared.
  violation("late_adoption", "day 40 of region 'home' does not follow from its flows");
  violation("early_close", "day 35 of region 'home' does not follow from its flows");
}
