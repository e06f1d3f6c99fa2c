// The API segments' volume by region (sim/users/api_region_weights.cpp): the weights follow price_index^k and
// average 1 per addressable user, k = 0 leaves every region at exactly 1, and on a two-region market the weight
// moves API revenue from a region of low purchasing power to a richer one, keeping the total.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "sim/config/scenario_loader.hpp"
#include "sim/model/region_graph.hpp"
#include "sim/users/api_region_weights.hpp"
#include "tests/support/test_support.hpp"

using gvsim::test::source_dir;

namespace {

gvsim::model::Scenario baseline_with(const std::string& exponent) {
  return gvsim::config::load_scenario(source_dir() + "/experiments/global_baseline.yaml",
                                      {{"workload.users.api_demand.price_index_exponent=" + exponent}});
}

/// Two regions alike but for their price index (rich 1, poor 0.25), each with 2,000 potential users who adopt
/// within days, half of them API accounts; plenty of GPUs. Returns the API revenue per region over 30 days.
std::map<std::string, double> api_revenue(const gvsim::test::TempDir& dir, const std::string& exponent) {
  gvsim::test::write_catalogs(dir, "[]");
  for (const auto& [name, index] : std::vector<std::pair<std::string, std::string>>{{"rich", "1"}, {"poor", "0.25"}}) {
    dir.write("regions/" + name + ".yaml",
              "region:\n  name: " + name +
                  "\n  market: {addressable_users_millions: 0.002, bass_p_per_year: 3, bass_q_per_year: 30, "
                  "price_index: " +
                  index + "}\n  datacenters:\n    - name: " + name + "_dc\n      clusters:\n        - {name: " + name +
                  "_gpus, gpu: h100_sxm, gpu_count: 40}\n");
  }
  const std::string file = dir.write(
      "e.yaml",
      "name: api_regions\nseed: 5\nhorizon_days: 30\nscale: 1\n"
      "platform: {regions_dir: regions, regions: [rich, poor]}\n"
      "workload:\n  mode: users\n  clip_classes:\n    short: {gpu_seconds: 30, credits: 10, video_megabytes: 5}\n"
      "  users:\n    segments:\n"
      "      maker: {share: 0.5, requests_per_day: 1, clip_mix: {short: 1}, wtp_usd_median: 15, "
      "patience_s_median: 100000, free_lapse_per_day: 0.01, paid_churn_per_month: 0.2, pack_propensity: 0}\n"
      "      api: {share: 0.5, requests_per_day: 5, clip_mix: {short: 1}, patience_s_median: 100000, "
      "api_billing: true, free_lapse_per_day: 0.0}\n"
      "    pricing:\n      free_daily_credits: 66\n      tiers: {basic: {usd_per_month: 8, credits_per_month: 700}}\n"
      "      api_usd_per_credit: 0.028\n"
      "policies:\n  placement: {name: nearest}\n");
  const std::string out = dir.path() + "/k" + exponent;
  const auto result = gvsim::test::run_gvsim(gvsim::test::with_sets(
      {"run", file, "--out", out, "--quiet"}, {"workload.users.api_demand.price_index_exponent=" + exponent}));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::map<std::string, double> api;
  for (const auto& row : gvsim::test::read_csv(out + "/region_daily.csv"))
    api[row.at("region")] += std::stod(row.at("revenue_api_usd"));
  return api;
}

}  // namespace

TEST_CASE("API region weights follow the price index and average 1 per addressable user", "[market][api]") {
  for (const std::string k : {"0.5", "1", "2"}) {
    const auto scenario = baseline_with(k);
    const gvsim::users::ApiRegionWeights weights(scenario);
    double weighted = 0.0;
    double users = 0.0;
    for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
      weighted += scenario.regions[r].market.addressable_users_millions * weights.weight(r);
      users += scenario.regions[r].market.addressable_users_millions;
    }
    INFO("k = " << k);
    CHECK(weighted / users == Approx(1.0).epsilon(1e-12));
    const std::size_t india = gvsim::model::region_index(scenario, "india");
    const std::size_t america = gvsim::model::region_index(scenario, "north_america");
    // India's price index is 0.25 of North America's (1.0): the weights keep that ratio to the power k.
    CHECK(weights.weight(india) / weights.weight(america) == Approx(std::pow(0.25, std::stod(k))).epsilon(1e-12));
  }
  const auto flat = baseline_with("0");
  const gvsim::users::ApiRegionWeights ones(flat);
  for (std::size_t r = 0; r < flat.regions.size(); ++r)
    CHECK(ones.weight(r) == 1.0);
}

TEST_CASE("weighting API volume by purchasing power moves API revenue to the richer region", "[market][api]") {
  gvsim::test::TempDir dir;
  const auto flat = api_revenue(dir, "0");
  const auto weighted = api_revenue(dir, "1");
  const double before = flat.at("poor") / flat.at("rich");
  const double after = weighted.at("poor") / weighted.at("rich");
  INFO("API revenue poor / rich: " << before << " at k = 0, " << after << " at k = 1");
  // Same users in both regions: about 1 at k = 0, and 0.25 (the price index ratio) at k = 1, with a few per cent
  // of Poisson noise on ~1,000 API accounts.
  CHECK(before == Approx(1.0).epsilon(0.15));
  CHECK(after == Approx(0.25).epsilon(0.15));
  // The weights average 1 per addressable user: (1 + 0.25) / 2 -> 1.6 and 0.4, so the total stays put.
  CHECK(weighted.at("rich") + weighted.at("poor") == Approx(flat.at("rich") + flat.at("poor")).epsilon(0.1));
}
