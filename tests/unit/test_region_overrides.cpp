// Region levers from the experiment: a `regions:` block, `--set regions.NAME.KEY=...` and sweeps over region keys
// reach every region-file key, list items by name; typos in names are refused with the closest name.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "sim/config/scenario_loader.hpp"
#include "sim/schema/diagnostics.hpp"
#include "tests/support/test_support.hpp"

namespace {

using gvsim::test::read_csv;
using gvsim::test::run_gvsim;
using gvsim::test::TempDir;
using gvsim::test::write_tiny_experiment;

const gvsim::model::Region& region_named(const gvsim::model::Scenario& scenario, const std::string& name) {
  for (const auto& r : scenario.regions) {
    if (r.name == name) return r;
  }
  FAIL("no region " << name);
  return scenario.regions.front();
}

/// The problems loading reports, one per line; empty when it loads.
std::string load_error(const std::string& file, const std::vector<std::string>& overrides) {
  try {
    gvsim::config::load_scenario(file, {overrides});
  } catch (const gvsim::schema::ConfigError& e) {
    std::string lines;
    for (const auto& d : e.diagnostics().items())
      lines += gvsim::schema::format_diagnostic(d) + "\n";
    return lines;
  }
  return "";
}

}  // namespace

TEST_CASE("a regions block and --set regions.NAME change region-file keys, list items by name", "[config][regions]") {
  TempDir tmp;
  const auto plain = gvsim::config::load_scenario(write_tiny_experiment(tmp, ""));
  const auto& europe = region_named(plain, "europe");
  REQUIRE(europe.payments.method_share != 0.37);
  REQUIRE(europe.datacenters.front().clusters.front().gpu_count != 800);

  TempDir with_block;
  const auto file = write_tiny_experiment(with_block,
                                          "regions:\n"
                                          "  europe:\n"
                                          "    payments: {method_share: 0.37}\n"
                                          "    datacenters:\n"
                                          "      eu_central:\n"
                                          "        clusters: {eu_central_h100: {gpu_count: 800}}\n");
  const auto from_file = gvsim::config::load_scenario(file);
  const auto& changed = region_named(from_file, "europe");
  CHECK(changed.payments.method_share == 0.37);
  CHECK(changed.datacenters.front().clusters.front().gpu_count == 800);
  // Everything else stays as the region file has it.
  CHECK(changed.payments.decline_rate == europe.payments.decline_rate);
  CHECK(changed.market.addressable_users_millions == europe.market.addressable_users_millions);
  CHECK(region_named(from_file, "north_america").payments.method_share ==
        region_named(plain, "north_america").payments.method_share);

  const auto from_set =
      gvsim::config::load_scenario(write_tiny_experiment(tmp, ""),
                                   {{"regions.europe.payments.method_share=0.37",
                                     "regions.europe.datacenters.eu_central.clusters.eu_central_h100.gpu_count=800"}});
  CHECK(region_named(from_set, "europe").payments.method_share == 0.37);
  CHECK(region_named(from_set, "europe").datacenters.front().clusters.front().gpu_count == 800);
}

TEST_CASE("gpus and wan blocks change the GPU catalog and WAN links by name", "[config][regions]") {
  TempDir tmp;
  const auto plain = gvsim::config::load_scenario(write_tiny_experiment(tmp, ""));
  REQUIRE(!plain.links.empty());
  const auto& link = plain.links.front();
  const std::string forward = link.from.name + "-" + link.to.name;
  const std::string backward = link.to.name + "-" + link.from.name;
  const auto& gpu = plain.gpus.front();
  REQUIRE(gpu.reserved_usd_per_gpu_hour != 9.5);
  REQUIRE(link.bandwidth_gbps != 0.25);

  TempDir with_block;
  const auto changed = gvsim::config::load_scenario(
      write_tiny_experiment(with_block, "gpus:\n  " + gpu.name + ": {reserved_usd_per_gpu_hour: 9.5}\nwan:\n  " +
                                            backward + ": {bandwidth_gbps: 0.25}\n"));
  CHECK(changed.gpus.front().reserved_usd_per_gpu_hour == 9.5);
  CHECK(changed.gpus.front().board_power_w == gpu.board_power_w);
  CHECK(changed.links.front().bandwidth_gbps == 0.25);
  CHECK(changed.links.front().latency_ms == link.latency_ms);

  const auto from_set =
      gvsim::config::load_scenario(write_tiny_experiment(tmp, ""), {{"wan." + forward + ".latency_ms=7"}});
  CHECK(from_set.links.front().latency_ms == 7.0);

  const std::string file = write_tiny_experiment(tmp, "");
  CHECK_THAT(load_error(file, {"gpus." + gpu.name + "x.board_power_w=100"}),
             Catch::Matchers::Contains("is not a GPU model of regions/gpus.yaml; did you mean '" + gpu.name + "'?"));
  CHECK_THAT(
      load_error(file, {"wan." + forward + "x.latency_ms=7"}),
      Catch::Matchers::Contains("is not a WAN link of regions/wan.yaml (FROM-TO); did you mean '" + forward + "'?"));
  CHECK_THAT(load_error(file, {"video_models.platform_13c.layers=3"}),
             Catch::Matchers::Contains("is not a video model of regions/video_models.yaml; did you mean "
                                       "'platform_13b'?"));
  const auto models = gvsim::config::load_scenario(file, {{"video_models.platform_13b.layers=7"}}).video_models;
  const auto model = std::find_if(models.begin(), models.end(), [](const auto& m) { return m.name == "platform_13b"; });
  REQUIRE(model != models.end());
  CHECK(model->layers == 7.0);
  CHECK_THAT(load_error(file, {"gpus." + gpu.name + ".board_power_w=-1"}),
             Catch::Matchers::Contains("gpus." + gpu.name + ".board_power_w"));
}

TEST_CASE("names in region levers and named entries are checked, with the closest name", "[config][regions]") {
  TempDir tmp;
  const auto file = write_tiny_experiment(tmp, "");
  CHECK_THAT(load_error(file, {"regions.europa.payments.method_share=0.5"}),
             Catch::Matchers::Contains("'europa' is not a region of this experiment; did you mean 'europe'?"));
  CHECK_THAT(load_error(file, {"regions.europe.datacenters.eu_centrl.pue=1.2"}),
             Catch::Matchers::Contains("no item named 'eu_centrl'") &&
                 Catch::Matchers::Contains("did you mean 'eu_central'?"));
  CHECK_THAT(load_error(file, {"platform.regions.europe.payments.method_share=0.5"}),
             Catch::Matchers::Contains("a region's keys are set under regions.NAME"));
  CHECK_THAT(load_error(file, {"regions.europe.payments.method_share=2"}),
             Catch::Matchers::Contains("expected a number in [0, 1], got 2"));
  // A misspelt clip class reached through an override is refused alone, not defined as a new incomplete entry.
  const std::string typo = load_error(file, {"workload.clip_classes.sdt.gpu_seconds=100"});
  CHECK_THAT(typo, Catch::Matchers::Contains("no entry named 'sdt'; did you mean 'std'?"));
  CHECK(std::count(typo.begin(), typo.end(), '\n') == 1);
}

TEST_CASE("a sweep over a region's GPU count moves waits the way capacity should", "[config][regions][study]") {
  TempDir tmp;
  const auto file =
      write_tiny_experiment(tmp,
                            "sweep:\n"
                            "  grid:\n"
                            "    - key: regions.europe.datacenters.eu_central.clusters.eu_central_h100.gpu_count\n"
                            "      values: [400, 1600]\n");
  const auto result = run_gvsim({"run", file, "--out", tmp.path() + "/out", "-j", "1", "--quiet"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const auto factors = read_csv(tmp.path() + "/out/factors.csv");
  REQUIRE(factors.size() == 2);
  double wait_small = -1.0;
  double wait_large = -1.0;
  for (const auto& f : factors) {
    const auto summary = read_csv(tmp.path() + "/out/runs/" + f.at("run_id") + "/summary.csv");
    REQUIRE(summary.size() == 1);
    (f.at("value") == "400" ? wait_small : wait_large) = std::stod(summary[0].at("mean_wait_s"));
  }
  // A quarter of the GPUs under the same arrivals: Europe's jobs wait longer.
  CHECK(wait_small > wait_large);
}
