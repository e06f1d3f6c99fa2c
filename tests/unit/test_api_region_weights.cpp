// The API segments' volume by region (sim/users/api_region_weights.cpp): the weights follow price_index^k and
// average 1 per addressable user, k = 0 leaves every region at exactly 1, and in the global baseline the weight
// moves API revenue out of the low-purchasing-power regions (India's API share of revenue falls).
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

/// API share of gross revenue per region, from region_daily.csv of a short, coarse global baseline run.
std::map<std::string, double> api_shares(const gvsim::test::TempDir& dir, const std::string& exponent) {
  const std::string out = dir.path() + "/k" + exponent;
  const auto result = gvsim::test::run_gvsim(gvsim::test::with_sets(
      {"run", source_dir() + "/experiments/global_baseline.yaml", "--out", out, "--quiet"},
      {"horizon_days=120", "scale=1000", "workload.users.api_demand.price_index_exponent=" + exponent}));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::map<std::string, double> api;
  std::map<std::string, double> all;
  for (const auto& row : gvsim::test::read_csv(out + "/region_daily.csv")) {
    const double a = std::stod(row.at("revenue_api_usd"));
    api[row.at("region")] += a;
    all[row.at("region")] +=
        a + std::stod(row.at("revenue_subscriptions_usd")) + std::stod(row.at("revenue_packs_usd"));
  }
  std::map<std::string, double> share;
  for (const auto& [region, total] : all)
    share[region] = total > 0.0 ? api[region] / total : 0.0;
  return share;
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

TEST_CASE("weighting API volume by purchasing power lowers India's API share of revenue", "[market][api]") {
  gvsim::test::TempDir dir;
  const auto flat = api_shares(dir, "0");
  const auto weighted = api_shares(dir, "1");
  INFO("India API share: " << flat.at("india") << " -> " << weighted.at("india") << "; North America "
                           << flat.at("north_america") << " -> " << weighted.at("north_america"));
  // India's API volume per user x 0.25 / 0.47 (the addressable-weighted mean price index), North America's x 2.1.
  CHECK(weighted.at("india") < flat.at("india") - 0.03);
  CHECK(weighted.at("north_america") > flat.at("north_america") + 0.03);
}
