// End-to-end latency and the books by segment and tier, through the gvsim executable on a small two-region
// platform (`away` has no datacenter, so its videos cross the WAN): the latency histogram's percentiles, the
// segment rows adding up to the region rows (users, flows, revenue, deliveries, GPU time and compute cost, exactly
// split), and the direction of the levers with a pinned seed: a slower network raises the end-to-end latency and
// lowers satisfaction; counting more of the generation time as delay lowers it too.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "sim/observe/latency_histogram.hpp"
#include "tests/support/test_support.hpp"

namespace {

using gvsim::test::TempDir;
using Rows = std::vector<std::map<std::string, std::string>>;

std::string write_experiment(const TempDir& dir) {
  gvsim::test::write_catalogs(dir, "[{from: home, to: away, latency_ms: 60, bandwidth_gbps: 10}]");
  dir.write("regions/home.yaml",
            "region:\n  name: home\n  market: {addressable_users_millions: 0.003, bass_p_per_year: 3, "
            "bass_q_per_year: 40}\n  payments: {method_share: 0.8, decline_rate: 0.2}\n  datacenters:\n"
            "    - name: home_dc\n      clusters:\n        - {name: home_gpus, gpu: h100_sxm, gpu_count: 6}\n");
  dir.write("regions/away.yaml",
            "region:\n  name: away\n  utc_offset_h: -5\n  market: {addressable_users_millions: 0.002, "
            "bass_p_per_year: 3, bass_q_per_year: 40}\n  datacenters: []\n");
  return dir.write("experiment.yaml",
                   "name: segments\nseed: 5\nhorizon_days: 30.5\nscale: 5\n"
                   "platform: {regions_dir: regions, regions: [home, away]}\n"
                   "workload:\n  mode: users\n  clip_classes:\n"
                   "    short: {gpu_seconds: 120, gpu_seconds_cv: 0.3, credits: 10, video_megabytes: 100}\n"
                   "    long: {gpu_seconds: 480, gpu_seconds_cv: 0.3, credits: 40, video_megabytes: 300}\n"
                   "  users:\n    segments:\n"
                   "      casual: {share: 0.7, requests_per_day: 0.5, clip_mix: {short: 0.9, long: 0.1}, "
                   "wtp_usd_median: 8, free_lapse_per_day: 0.03, pack_propensity: 0.3, patience_s_median: 900}\n"
                   "      creator: {share: 0.27, requests_per_day: 2, clip_mix: {short: 0.5, long: 0.5}, "
                   "wtp_usd_median: 30, free_lapse_per_day: 0.01, pack_propensity: 0.5, patience_s_median: 1800}\n"
                   "      studio: {share: 0.03, requests_per_day: 4, clip_mix: {short: 1}, api_billing: true, "
                   "free_lapse_per_day: 0.002, patience_s_median: 1800}\n"
                   "    pricing:\n      free_daily_credits: 20\n      tiers:\n"
                   "        standard: {usd_per_month: 7, credits_per_month: 300}\n"
                   "      api_usd_per_credit: 0.02\n    behaviour: {conversion_intercept: -1}\n");
}

/// Runs the experiment with `sets` and returns the results folder.
std::string run(const TempDir& dir, const std::string& name, const std::vector<std::string>& sets) {
  const auto result = gvsim::test::run_gvsim(
      gvsim::test::with_sets({"run", write_experiment(dir), "--out", dir.path() + "/" + name, "--quiet"}, sets));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return dir.path() + "/" + name;
}

double num(const std::map<std::string, std::string>& row, const std::string& column) {
  const std::string& text = row.at(column);
  return text.empty() ? 0.0 : std::stod(text);
}

/// What the direction tests compare: the platform's mean latency, the share of fast deliveries and the mean
/// end-of-day satisfaction over all region-days (weighted by active users).
struct Felt {
  double latency_s = 0.0;
  double share_fast = 0.0;
  double satisfaction = 0.0;
};

Felt felt(const std::string& out) {
  Felt f;
  for (const auto& row : gvsim::test::read_csv(out + "/kpis.csv")) {
    if (row.at("region") == "all") f.latency_s = num(row, "mean_latency_s");
  }
  double delivered = 0.0;
  double fast = 0.0;
  double active = 0.0;
  double satisfaction = 0.0;
  for (const auto& row : gvsim::test::read_csv(out + "/region_daily.csv")) {
    delivered += num(row, "jobs_delivered");
    fast += num(row, "share_fast") * num(row, "jobs_delivered");
    const double users = num(row, "users_free") + num(row, "users_paid");
    active += users;
    satisfaction += num(row, "satisfaction_mean") * users;
  }
  f.share_fast = fast / delivered;
  f.satisfaction = satisfaction / active;
  return f;
}

void check_close(double a, double b, const std::string& what) {
  INFO(what << ": " << a << " vs " << b);
  CHECK(std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b)));
}

}  // namespace

TEST_CASE("latency histogram: percentiles within a bin of the exact value", "[latency]") {
  gvsim::observe::LatencyHistogram h;
  CHECK(std::isnan(h.quantile(0.95)));
  for (int i = 1; i <= 1000; ++i)
    h.add(static_cast<double>(i));  // 1 .. 1000 s: the exact 95th percentile is 950 s
  CHECK(h.count() == 1000);
  CHECK(h.quantile(0.95) == Approx(950.0).epsilon(0.12));
  CHECK(h.quantile(0.5) == Approx(500.0).epsilon(0.12));
  CHECK(h.quantile(0.5) < h.quantile(0.95));
  gvsim::observe::LatencyHistogram tiny;
  tiny.add(0.0);  // below the range: reported at its lower edge
  CHECK(tiny.quantile(0.95) == Approx(0.01));
}

TEST_CASE("segment rows add up to the region rows, and compute cost is split exactly", "[segments]") {
  TempDir dir;
  const std::string out = run(dir, "base", {});
  const Rows regions = gvsim::test::read_csv(out + "/region_daily.csv");
  const Rows segments = gvsim::test::read_csv(out + "/segment_daily.csv");
  std::map<std::string, std::map<std::string, double>> sums;  // day/region -> column -> sum over segment rows
  std::map<std::string, double> free_compute;                 // compute of free-tier jobs, per region
  for (const auto& row : segments) {
    auto& s = sums[row.at("day") + "/" + row.at("region")];
    for (const char* column :
         {"users_active", "users_new", "free_lapsed", "paid_churned", "revenue_subscriptions_usd", "revenue_packs_usd",
          "revenue_api_usd", "jobs_delivered", "gpu_hours_busy", "compute_usd"})
      s[column] += num(row, column);
    if (row.at("tier") == "free") free_compute[row.at("region")] += num(row, "compute_usd");
  }
  double delivered = 0.0;
  for (const auto& row : regions) {
    const auto& s = sums.at(row.at("day") + "/" + row.at("region"));
    const std::string where = "day " + row.at("day") + " " + row.at("region");
    check_close(s.at("users_active"), num(row, "users_free") + num(row, "users_paid"), where + " active");
    check_close(s.at("users_new"), num(row, "users_new"), where + " new");
    check_close(s.at("free_lapsed"), num(row, "free_lapsed"), where + " lapsed");
    check_close(s.at("paid_churned"), num(row, "paid_churn_voluntary") + num(row, "paid_churn_involuntary"),
                where + " paid churn");
    for (const char* column :
         {"revenue_subscriptions_usd", "revenue_packs_usd", "revenue_api_usd", "jobs_delivered", "gpu_hours_busy"})
      check_close(s.at(column), num(row, column), where + " " + column);
    check_close(s.at("compute_usd"),
                num(row, "gpu_reserved_usd") + num(row, "gpu_on_demand_usd") + num(row, "energy_usd"),
                where + " compute");
    delivered += num(row, "jobs_delivered");
  }
  CHECK(delivered > 1000.0);  // the checks above had deliveries to split
  CHECK(free_compute["home"] > 0.0);
  CHECK(free_compute["away"] > 0.0);  // away's jobs run in home's cluster: their cost follows them

  // Whole-run rows: each segment's `all` row sums its tiers, and the platform's rows sum the regions'.
  std::map<std::string, double> compute_by_region;
  std::map<std::string, double> tiers_sum;
  std::map<std::string, double> all_rows;
  for (const auto& row : gvsim::test::read_csv(out + "/segment_kpis.csv")) {
    const std::string key = row.at("region") + "/" + row.at("segment");
    if (row.at("tier") == "all") {
      all_rows[key] = num(row, "compute_usd");
    } else {
      tiers_sum[key] += num(row, "compute_usd");
      compute_by_region[row.at("region")] += num(row, "compute_usd");
    }
    const double retention = num(row, "monthly_retention");
    CHECK(retention >= 0.0);
    CHECK(retention <= 1.0);
  }
  for (const auto& [key, usd] : all_rows)
    check_close(usd, tiers_sum.at(key), key + " all = sum of tiers");
  check_close(compute_by_region.at("all"), compute_by_region.at("home") + compute_by_region.at("away"),
              "platform compute = sum of regions");
}

TEST_CASE("a slower network raises the end-to-end latency and lowers satisfaction", "[latency][direction]") {
  TempDir dir;
  const Felt fast = felt(run(dir, "fast", {}));
  const Felt slow =
      felt(run(dir, "slow", {"platform.wan_bandwidth_scale=0.001", "platform.metro_bandwidth_scale=0.001"}));
  INFO("latency " << fast.latency_s << " -> " << slow.latency_s << ", fast share " << fast.share_fast << " -> "
                  << slow.share_fast << ", satisfaction " << fast.satisfaction << " -> " << slow.satisfaction);
  CHECK(slow.latency_s > fast.latency_s + 60.0);
  CHECK(slow.share_fast < fast.share_fast - 0.05);
  CHECK(slow.satisfaction < fast.satisfaction - 0.01);
  // The WAN alone: only `away`'s videos cross it, so its delivery time rises most (home's rises too: its videos wait
  // for delivery slots that away's slow transfers hold).
  const std::string wan = run(dir, "wan", {"platform.wan_bandwidth_scale=0.001"});
  std::map<std::string, double> base_delivery;
  for (const auto& row : gvsim::test::read_csv(dir.path() + "/fast/kpis.csv"))
    base_delivery[row.at("region")] = num(row, "mean_delivery_s");
  std::map<std::string, double> wan_delivery;
  for (const auto& row : gvsim::test::read_csv(wan + "/kpis.csv"))
    wan_delivery[row.at("region")] = num(row, "mean_delivery_s");
  CHECK(wan_delivery.at("away") > 10.0 * base_delivery.at("away"));
  CHECK(wan_delivery.at("away") > wan_delivery.at("home"));
}

TEST_CASE("counting more of the generation time as delay lowers satisfaction", "[latency][direction]") {
  TempDir dir;
  const Felt expected = felt(run(dir, "expected", {}));
  const Felt felt_all = felt(run(dir, "felt", {"workload.users.behaviour.generation_allowance_share=0"}));
  INFO("fast share " << expected.share_fast << " -> " << felt_all.share_fast << ", satisfaction "
                     << expected.satisfaction << " -> " << felt_all.satisfaction);
  CHECK(felt_all.share_fast < expected.share_fast - 0.05);
  CHECK(felt_all.satisfaction < expected.satisfaction - 0.01);
  CHECK(felt_all.latency_s > 0.0);
}
