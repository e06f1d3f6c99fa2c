// Inference optimisation, poor outputs and idle power: the policy's effect by day, and direction tests with pinned
// seeds (global_baseline, seed 2024): distillation lowers the GPU time per clip and raises poor outputs; poor
// outputs and a higher sensitivity to them lower satisfaction; idle GPUs in service raise the energy bill.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "policies/inference_policy.hpp"
#include "sim/observe/cluster_day_cost.hpp"
#include "tests/support/policy_reading.hpp"
#include "tests/support/test_support.hpp"

using gvsim::test::read_csv;
using gvsim::test::run_gvsim;
using gvsim::test::source_dir;
using gvsim::test::TempDir;

TEST_CASE("distilled inference divides the work and adds poor outputs from its days on", "[policies][inference]") {
  const auto none = gvsim::test::read_policy<gvsim::policies::InferenceSelection>("{name: none}").make();
  CHECK(none->effect(100.0).work_factor == 1.0);
  CHECK(none->effect(100.0).poor_probability == 0.0);
  const auto distilled = gvsim::test::read_policy<gvsim::policies::InferenceSelection>(
                             "{name: distilled, distilled: {steps: {factor: 0.5, poor_per_doubling: 0.04, from_day: "
                             "10}, quantisation: {speedup: 1.5, poor_per_doubling: 0.02, from_day: 20}}}")
                             .make();
  CHECK(distilled->effect(9.99).work_factor == 1.0);
  CHECK(distilled->effect(10.0).work_factor == Approx(0.5));
  CHECK(distilled->effect(10.0).poor_probability == Approx(0.04));
  CHECK(distilled->effect(20.0).work_factor == Approx(0.5 / 1.5));
  CHECK(distilled->effect(20.0).poor_probability == Approx(0.04 + 0.02 * std::log2(1.5)));
  // Defaults: ~30% less work per clip (K11), caching and quantisation off.
  const auto turbo = gvsim::test::read_policy<gvsim::policies::InferenceSelection>("{name: distilled}").make();
  CHECK(turbo->effect(0.0).work_factor == Approx(0.7));
}

namespace {

struct Totals {
  double busy_h = 0.0;
  double finished = 0.0;  ///< delivered + failed
  double delivered = 0.0;
  double poor = 0.0;
  double satisfaction = 0.0;  ///< mean over region-days with a value
  double energy_usd = 0.0;
};

Totals run_baseline(const std::vector<std::string>& sets) {
  TempDir tmp;
  std::vector<std::string> args = {"run",    source_dir() + "/experiments/global_baseline.yaml",
                                   "--set",  "horizon_days=60",
                                   "--out",  tmp.path() + "/out",
                                   "--quiet"};
  for (const auto& s : sets)
    args.insert(args.end(), {"--set", s});
  const auto result = run_gvsim(args);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  Totals t;
  double days = 0.0;
  for (const auto& row : read_csv(tmp.path() + "/out/region_daily.csv")) {
    t.busy_h += std::stod(row.at("gpu_hours_busy"));
    t.delivered += std::stod(row.at("jobs_delivered"));
    t.finished += std::stod(row.at("jobs_delivered")) + std::stod(row.at("jobs_failed"));
    t.poor += std::stod(row.at("jobs_poor"));
    t.energy_usd += std::stod(row.at("energy_usd"));
    if (!row.at("satisfaction_mean").empty()) {
      t.satisfaction += std::stod(row.at("satisfaction_mean"));
      days += 1.0;
    }
  }
  t.satisfaction /= days;
  return t;
}

}  // namespace

// Over 60 days the baseline delivers ~10^6 real-world clips (10^4 simulated): a poor share's standard error is
// below 0.005, so the margins below are many standard errors wide.
TEST_CASE("distillation lowers GPU time per clip and raises poor outputs", "[policies][inference]") {
  const Totals none = run_baseline({});  // the baseline's cheaper model comes on day 474, after these 60 days
  const Totals distilled = run_baseline(
      {"policies.inference.name=distilled", "policies.inference.distilled.steps.factor=0.5",
       "policies.inference.distilled.steps.poor_per_doubling=0.1", "policies.inference.distilled.steps.from_day=0"});
  REQUIRE(none.finished > 1e5);
  CHECK(none.poor == 0.0);
  const double ratio = (distilled.busy_h / distilled.finished) / (none.busy_h / none.finished);
  INFO("GPU time per clip, distilled / none: " << ratio);
  CHECK(ratio == Approx(0.5).margin(0.05));
  const double poor_share = distilled.poor / distilled.delivered;
  INFO("poor share " << poor_share);
  CHECK(poor_share == Approx(0.1).margin(0.02));
}

TEST_CASE("poor outputs lower satisfaction, more so for sensitive users", "[users][quality]") {
  const std::vector<std::string> distilled = {"policies.inference.name=distilled",
                                              "policies.inference.distilled.steps.factor=0.5",
                                              "policies.inference.distilled.steps.from_day=0"};
  auto with = [&](std::vector<std::string> extra) {
    extra.insert(extra.begin(), distilled.begin(), distilled.end());
    return run_baseline(extra);
  };
  const Totals good = with({"policies.inference.distilled.steps.poor_per_doubling=0"});
  const Totals poor = with({"policies.inference.distilled.steps.poor_per_doubling=0.4"});
  std::vector<std::string> sensitive = {"policies.inference.distilled.steps.poor_per_doubling=0.4"};
  for (const char* s : {"casual", "creator", "merchant", "enterprise"})
    sensitive.push_back(std::string("workload.users.segments.") + s + ".quality_sensitivity=2.5");
  const Totals touchy = with(sensitive);
  INFO("satisfaction: good " << good.satisfaction << ", poor " << poor.satisfaction << ", sensitive "
                             << touchy.satisfaction);
  CHECK(good.poor == 0.0);
  CHECK(poor.satisfaction < good.satisfaction - 0.02);
  CHECK(touchy.satisfaction < poor.satisfaction - 0.01);
}

TEST_CASE("idle GPUs in service draw a share of board power", "[economics]") {
  gvsim::model::Scenario scenario;
  gvsim::model::Region region;
  region.name = "home";
  region.market.energy_usd_per_kwh = 0.1;
  gvsim::model::Datacenter dc;
  dc.name = "dc";
  dc.pue = 1.5;
  region.datacenters.push_back(dc);
  scenario.regions.push_back(region);
  gvsim::model::GpuModel gpu;
  gpu.board_power_w = 700.0;
  scenario.gpus.push_back(gpu);
  gvsim::model::ClusterInfo cluster{"c", "dc", 0, 0, 1, 1.0};
  auto energy = [&](double idle_share, double busy_share) {
    scenario.gpus[0].idle_power_share = idle_share;
    gvsim::observe::ClusterDay day;
    day.provisioned_gpu_s = 86400.0;
    day.busy_gpu_s = busy_share * 86400.0;
    day.busy_by_origin_s = {day.busy_gpu_s};
    day.egress_by_origin_gb = {0.0};
    return gvsim::observe::allocate_cluster_day(scenario, cluster, day)[0].energy_usd;
  };
  const double busy_day = 24.0 * 0.7 * 1.5 * 0.1;  // kWh x PUE x price of one GPU busy all day
  CHECK(energy(0.0, 0.1) == Approx(0.1 * busy_day));
  CHECK(energy(0.2, 0.1) == Approx((0.1 + 0.2 * 0.9) * busy_day));  // low utilisation: 2.8 times the busy energy
  CHECK(energy(0.2, 1.0) == Approx(busy_day));                      // a GPU busy all day has no idle time
  CHECK(energy(0.2, 0.0) == Approx(0.2 * busy_day));                // nor does an idle day cost nothing
}
