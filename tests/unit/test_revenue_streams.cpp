// Direction tests of upgrade offers, API demand and enterprise contracts with pinned seeds: conversions change
// smoothly with the free daily credits, a lower tier price gives more paying users, the API price moves API revenue
// by its elasticity, a missed p95 wait SLA costs penalties, the contracts' row completes the segment books, and
// contract clips are moderated.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "tests/support/test_support.hpp"

namespace {

using gvsim::test::TempDir;

/// One region of 4,000 potential users who adopt within days; makers request short and long clips, API accounts
/// are billed per use. Plenty of GPUs unless `gpus` says otherwise.
std::string write_experiment(const TempDir& dir, int gpus = 40, const std::string& extra = "") {
  dir.write("regions/gpus.yaml", "gpus:\n  h100_sxm: {relative_speed: 1.0, reserved_usd_per_gpu_hour: 2.0}\n");
  dir.write("regions/wan.yaml", "links: []\n");
  dir.write("regions/home.yaml",
            "region:\n  name: home\n  market: {addressable_users_millions: 0.004, bass_p_per_year: 3, "
            "bass_q_per_year: 30}\n  payments: {method_share: 1, decline_rate: 0, app_store_share: 0}\n"
            "  datacenters:\n    - name: home_dc\n      clusters:\n        - {name: home_gpus, gpu: h100_sxm, "
            "gpu_count: " +
                std::to_string(gpus) + "}\n");
  return dir.write("e.yaml",
                   "name: revenue_streams\nseed: 3\nhorizon_days: 40\n"
                   "platform: {regions_dir: regions, regions: [home]}\n"
                   "workload:\n  mode: users\n  clip_classes:\n"
                   "    short: {gpu_seconds: 30, credits: 10, video_megabytes: 5}\n"
                   "    long: {gpu_seconds: 60, credits: 70, video_megabytes: 10}\n"
                   "  users:\n    segments:\n"
                   "      maker: {share: 0.9, requests_per_day: 2, clip_mix: {short: 0.7, long: 0.3}, "
                   "wtp_usd_median: 15, patience_s_median: 100000, free_lapse_per_day: 0.01, "
                   "paid_churn_per_month: 0.2, pack_propensity: 0}\n"
                   "      api: {share: 0.1, requests_per_day: 5, clip_mix: {short: 1}, patience_s_median: 100000, "
                   "api_billing: true, free_lapse_per_day: 0.0}\n"
                   "    pricing:\n      free_daily_credits: 66\n      tiers:\n"
                   "        basic: {usd_per_month: 8, credits_per_month: 700}\n"
                   "        pro: {usd_per_month: 25, credits_per_month: 3000}\n"
                   "      api_usd_per_credit: 0.028\n"
                   "    upgrade_offers: {periodic_per_day: 0.02}\n" +
                       extra + "policies:\n  placement: {name: nearest}\n");
}

/// Column `column` of region_daily.csv summed over the run, and the kpis.csv row of the whole platform.
struct Outcome {
  std::map<std::string, double> totals;
  std::map<std::string, std::string> kpis;
};

Outcome run(const std::string& file, const std::string& out, const std::vector<std::string>& sets) {
  const auto result = gvsim::test::run_gvsim(gvsim::test::with_sets({"run", file, "--out", out, "--quiet"}, sets));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  Outcome o;
  for (const auto& row : gvsim::test::read_csv(out + "/region_daily.csv")) {
    for (const auto& [k, v] : row) {
      if (k != "region" && k != "scenario" && !v.empty()) o.totals[k] += std::stod(v);
    }
  }
  for (const auto& row : gvsim::test::read_csv(out + "/kpis.csv")) {
    if (row.at("region") == "all") o.kpis = row;
  }
  return o;
}

}  // namespace

TEST_CASE("conversions change smoothly as free daily credits cross the dearest clip's cost", "[market][offers]") {
  TempDir dir;
  const std::string file = write_experiment(dir);
  std::vector<double> conversions;
  for (int credits = 0; credits <= 150; credits += 10) {
    // The reference follows the credits, so that only the conversion side moves here (adoption and lapse answer
    // the free credits in tests/unit/test_free_offer.cpp).
    const auto o = run(file, dir.path() + "/out" + std::to_string(credits),
                       {"workload.users.pricing.free_daily_credits=" + std::to_string(credits),
                        "workload.users.pricing.free_credits_reference=" + std::to_string(credits)});
    conversions.push_back(o.totals.at("conversions"));
  }
  for (std::size_t i = 0; i + 1 < conversions.size(); ++i) {
    INFO("free credits " << 10 * i << ": " << conversions[i] << " conversions, " << 10 * (i + 1) << ": "
                         << conversions[i + 1]);
    // A 10-credit step moves the shortfall trigger's logit by 10 / softness (1 at the default 10), so a request's
    // offer chance changes by at most a factor e, and in this small market most makers convert within the 40 days
    // anyway (about 11 % per step at most, sampling noise about 2 %). Neighbours within 20 % of each other: the
    // old rule switched every offer of a clip class on or off at its cost (a factor 6 measured at 69 -> 70).
    CHECK(conversions[i] > 20.0);
    CHECK(std::min(conversions[i], conversions[i + 1]) >= 0.8 * std::max(conversions[i], conversions[i + 1]));
  }
  std::string curve;
  for (double c : conversions)
    curve += " " + std::to_string(static_cast<long>(c));
  WARN("conversions at 0, 10 .. 150 free credits:" << curve);
  CHECK(conversions.front() > 1.5 * conversions.back());  // free credits do hold conversion back
}

TEST_CASE("a lower tier price gives more paying users and a higher one fewer", "[market][offers]") {
  TempDir dir;
  const std::string file = write_experiment(dir);
  double previous_paid = std::numeric_limits<double>::infinity();
  double previous_arppu = 0.0;
  for (const double factor : {0.5, 0.75, 1.0, 1.5, 2.0}) {
    const auto o = run(file, dir.path() + "/out" + std::to_string(factor),
                       {"workload.users.pricing.tiers.basic.usd_per_month=" + std::to_string(8 * factor),
                        "workload.users.pricing.tiers.pro.usd_per_month=" + std::to_string(25 * factor)});
    const double paid = std::stod(o.kpis.at("users_paid_end"));
    const double arppu = std::stod(o.kpis.at("arppu_usd_month"));
    INFO("price x" << factor << ": " << paid << " paying, ARPPU " << arppu << ", subscriptions "
                   << o.totals.at("revenue_subscriptions_usd") << " USD");
    CHECK(paid < previous_paid);
    CHECK(arppu > previous_arppu);
    previous_paid = paid;
    previous_arppu = arppu;
  }
}

TEST_CASE("doubling the API price changes API revenue by its elasticity, not x2", "[market][api]") {
  TempDir dir;
  const std::string file = write_experiment(dir);
  const auto base = run(file, dir.path() + "/base", {});
  const auto dear = run(file, dir.path() + "/dear", {"workload.users.pricing.api_usd_per_credit=0.056"});
  const double ratio = dear.totals.at("revenue_api_usd") / base.totals.at("revenue_api_usd");
  INFO("API revenue " << base.totals.at("revenue_api_usd") << " -> " << dear.totals.at("revenue_api_usd"));
  // Volume x 2^-1.2 at twice the price: revenue x 2^-0.2 = 0.87 (a few per cent of sampling noise).
  CHECK(ratio == Approx(std::pow(2.0, -0.2)).epsilon(0.06));
  // Invoiced: the collection cost and bad debt (3 % by default) and no payment fees.
  CHECK(base.totals.at("invoice_costs_usd") == Approx(0.03 * base.totals.at("revenue_api_usd")).epsilon(1e-6));
}

TEST_CASE("enterprise contracts bill their committed volume and pay penalties only when the p95 wait misses the SLA",
          "[market][enterprise]") {
  TempDir dir;
  auto contract = [](double sla_s) {
    return "    enterprise_contracts:\n      studio: {contracts: 20, clip_class: long, clips_per_month: 300, "
           "usd_per_credit: 0.02, sla_p95_wait_s: " +
           std::to_string(sla_s) + ", penalty_share: 0.2}\n";
  };
  // Two GPUs: the queue builds up in the second month, so the p95 wait is above 60 s and far below a day.
  const auto breached = run(write_experiment(dir, 2, contract(60.0)), dir.path() + "/breached", {});
  const auto kept = run(write_experiment(dir, 2, contract(86400.0)), dir.path() + "/kept", {});
  INFO("contract revenue " << breached.totals.at("revenue_enterprise_usd") << ", penalties "
                           << breached.totals.at("sla_penalties_usd") << " vs " << kept.totals.at("sla_penalties_usd"));
  // 20 contracts x 300 clips per 30 days x 70 credits x 0.02 USD over 40 days, Poisson noise of ~8,000 clips.
  const double committed = 20 * 300 * 70 * 0.02 * 40.0 / 30.0;
  CHECK(breached.totals.at("revenue_enterprise_usd") == Approx(committed).epsilon(0.05));
  CHECK(breached.totals.at("sla_penalties_usd") > 0.0);
  CHECK(breached.totals.at("sla_penalties_usd") <= 0.2 * breached.totals.at("revenue_enterprise_usd") + 1e-9);
  CHECK(kept.totals.at("sla_penalties_usd") == 0.0);
  CHECK(std::stod(breached.kpis.at("sla_penalties_usd")) == Approx(breached.totals.at("sla_penalties_usd")));
}

namespace {

/// The whole-platform rows of segment_kpis.csv in `out`, by "segment/tier".
std::map<std::string, std::map<std::string, std::string>> platform_segments(const std::string& out) {
  std::map<std::string, std::map<std::string, std::string>> rows;
  for (const auto& row : gvsim::test::read_csv(out + "/segment_kpis.csv")) {
    if (row.at("region") == "all") rows[row.at("segment") + "/" + row.at("tier")] = row;
  }
  return rows;
}

const std::string kStudio =
    "    enterprise_contracts:\n      studio: {contracts: 20, clip_class: long, clips_per_month: 300}\n";

}  // namespace

TEST_CASE("enterprise contracts have their own row in the segment books, and the books add up",
          "[market][enterprise]") {
  TempDir dir;
  const std::string out = dir.path() + "/contracts";
  const auto o = run(write_experiment(dir, 40, kStudio), out, {});
  const auto rows = platform_segments(out);
  REQUIRE(rows.count("enterprise_contracts/api") == 1);
  const auto& contracts = rows.at("enterprise_contracts/api");
  CHECK(std::stod(contracts.at("revenue_gross_usd")) == Approx(o.totals.at("revenue_enterprise_usd")));
  CHECK(std::stod(contracts.at("jobs_delivered")) > 0.0);
  CHECK(std::stod(contracts.at("compute_usd")) > 0.0);
  // Every tier row (and the idle row) together: the region books' revenue, deliveries, GPU time and compute cost.
  double revenue = 0.0, jobs = 0.0, gpu_hours = 0.0, compute = 0.0;
  for (const auto& [key, row] : rows) {
    if (row.at("tier") == "all") continue;
    revenue += std::stod(row.at("revenue_gross_usd"));
    jobs += std::stod(row.at("jobs_delivered"));
    gpu_hours += std::stod(row.at("gpu_hours_busy"));
    compute += std::stod(row.at("compute_usd"));
  }
  const auto& t = o.totals;
  CHECK(revenue == Approx(t.at("revenue_subscriptions_usd") + t.at("revenue_packs_usd") + t.at("revenue_api_usd") +
                          t.at("revenue_enterprise_usd")));
  CHECK(jobs == Approx(t.at("jobs_delivered")));
  CHECK(gpu_hours == Approx(t.at("gpu_hours_busy")));
  CHECK(compute == Approx(t.at("gpu_reserved_usd") + t.at("gpu_on_demand_usd") + t.at("energy_usd")));
}

TEST_CASE("enterprise contracts run under moderation, and a harmful share blocks some of their clips",
          "[market][enterprise][moderation]") {
  TempDir dir;
  const std::string file = write_experiment(dir, 40, kStudio);
  auto contract_row = [&](const std::string& share, const std::string& name) {
    const std::string out = dir.path() + "/" + name;
    run(file, out,
        {"policies.moderation.name=binormal", "workload.users.enterprise_contracts.studio.harmful_share=" + share});
    return platform_segments(out).at("enterprise_contracts/api");
  };
  const auto clean = contract_row("0", "clean");
  const auto harmful = contract_row("0.5", "harmful");
  INFO("contract clips delivered: clean " << clean.at("jobs_delivered") << ", half harmful "
                                          << harmful.at("jobs_delivered"));
  // Committed volume is billed at issue, from its own stream: the same revenue whatever is blocked.
  CHECK(std::stod(harmful.at("revenue_gross_usd")) == Approx(std::stod(clean.at("revenue_gross_usd"))));
  // The default prompt check (d' 2.5, threshold 2) flags about 70 % of harmful prompts: a third of the clips.
  CHECK(std::stod(harmful.at("jobs_delivered")) < 0.9 * std::stod(clean.at("jobs_delivered")));
}

TEST_CASE("offers and contracts name known segments, regions and clip classes, and contracts take moderation",
          "[market][enterprise][config]") {
  TempDir dir;
  std::string text = gvsim::test::read_text(
      write_experiment(dir, 4, "    enterprise_contracts:\n      studio: {regions: [hom], clip_class: longg}\n"));
  const std::string offers = "    upgrade_offers: {periodic_per_day: 0.02}\n";
  text.replace(text.find(offers), offers.size(),
               "    upgrade_offers:\n      paid_features:\n        no_watermark: {segments: [makr]}\n");
  const std::string file = dir.write("bad.yaml", text);
  const auto bad = gvsim::test::run_gvsim({"validate", file});
  INFO(bad.err);
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("workload.users.upgrade_offers.paid_features.no_watermark.segments[0]: unknown segment 'makr'; "
                     "did you mean 'maker'?") != std::string::npos);
  CHECK(bad.err.find("workload.users.enterprise_contracts.studio.regions[0]: unknown region 'hom'") !=
        std::string::npos);
  CHECK(bad.err.find("enterprise_contracts.studio.clip_class: unknown clip class 'longg'; did you mean 'long'?") !=
        std::string::npos);
  const std::string good = write_experiment(dir, 4, "    enterprise_contracts:\n      studio: {clip_class: long}\n");
  CHECK(gvsim::test::run_gvsim({"validate", good}).exit_code == 0);
  const auto moderated = gvsim::test::run_gvsim({"validate", good, "--set", "policies.moderation.name=binormal"});
  INFO(moderated.err);
  CHECK(moderated.exit_code == 0);
}
