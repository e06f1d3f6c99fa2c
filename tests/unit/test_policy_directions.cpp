// Direction tests of the placement and capacity policies with pinned seeds: residency is never broken by any
// placement policy (and the same scenario without residency does move jobs, so the check has power), local_only
// is refused for a region without a cluster, and autoscaling lowers the p95 wait of a demand surge.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "tests/support/test_support.hpp"

namespace {

using gvsim::test::TempDir;

/// Three regions: `home` (4 GPUs, optionally with data residency) carries all the load, `near` and `far` have
/// 8 GPUs each, cheaper in `far`.
void write_regions(const TempDir& dir, bool residency) {
  dir.write("regions/gpus.yaml",
            "gpus:\n  h100_sxm: {relative_speed: 1.0, reserved_usd_per_gpu_hour: 2.0}\n"
            "  cheap_gpu: {relative_speed: 1.0, reserved_usd_per_gpu_hour: 1.0}\n");
  dir.write("regions/wan.yaml",
            "links:\n  - {from: home, to: near, latency_ms: 10, bandwidth_gbps: 100}\n  - {from: home, to: far, "
            "latency_ms: 80, bandwidth_gbps: 100}\n"
            "  - {from: near, to: far, latency_ms: 80, bandwidth_gbps: 100}\n");
  auto region = [&](const std::string& name, const std::string& gpu, int gpus, bool resident) {
    dir.write("regions/" + name + ".yaml",
              "region:\n  name: " + name + "\n  data_residency: " + (resident ? "true" : "false") +
                  "\n  datacenters:\n    - name: " + name + "_dc\n      clusters:\n        - {name: " + name +
                  "_gpus, gpu: " + gpu + ", gpu_count: " + std::to_string(gpus) + "}\n");
  };
  region("home", "h100_sxm", 4, residency);
  region("near", "h100_sxm", 8, false);
  region("far", "cheap_gpu", 8, false);
}

std::string placement_experiment(const std::string& placement, const std::string& loaded) {
  return "name: residency\nseed: 11\nhorizon_days: 1\n"
         "platform: {regions_dir: regions, regions: [home, near, far]}\n"
         "workload:\n  synthetic:\n    - region: " +
         loaded + "\n      arrivals: {process: poisson, rate_per_hour: " + (loaded == "home" ? "200" : "400") +
         "}\n      service: {distribution: exponential, mean_s: 120}\n"
         "policies:\n  placement: {name: " +
         placement + ", spill_over: {load_threshold: 1.2}}\n";
}

/// Jobs that arrived at each cluster over the run.
std::map<std::string, long> jobs_by_cluster(const std::string& out) {
  std::map<std::string, long> jobs;
  for (const auto& row : gvsim::test::read_csv(out + "/timeseries.csv"))
    jobs[row.at("cluster")] += std::stol(row.at("jobs_arrived"));
  return jobs;
}

}  // namespace

TEST_CASE("no placement policy serves a residency region's jobs outside it", "[policies][placement]") {
  for (const std::string placement : {"nearest", "least_loaded", "local_only", "cheapest", "spill_over"}) {
    for (const bool residency : {true, false}) {
      TempDir dir;
      write_regions(dir, residency);
      const std::string file = dir.write("e.yaml", placement_experiment(placement, "home"));
      const auto result = gvsim::test::run_gvsim({"run", file, "--out", dir.path() + "/out", "--quiet"});
      REQUIRE(result.exit_code == 0);
      const auto jobs = jobs_by_cluster(dir.path() + "/out");
      INFO(placement << (residency ? " with" : " without") << " residency: home " << jobs.at("home_gpus") << ", near "
                     << jobs.at("near_gpus") << ", far " << jobs.at("far_gpus"));
      if (residency || placement != "cheapest") CHECK(jobs.at("home_gpus") > 0);
      if (residency || placement == "local_only" || placement == "nearest") {
        CHECK(jobs.at("near_gpus") + jobs.at("far_gpus") == 0);
      } else {
        // Without residency these policies do move the overload away: the check above can fail.
        CHECK(jobs.at("near_gpus") + jobs.at("far_gpus") > 0);
      }
      if (!residency && placement == "cheapest") CHECK(jobs.at("far_gpus") > jobs.at("home_gpus"));
    }
  }
}

TEST_CASE("a residency region's clusters serve no other region's jobs", "[policies][placement]") {
  // The load is at `near`, 1.7 times its 8 GPUs; `home` is the nearest and idle.
  for (const std::string placement : {"nearest", "least_loaded", "cheapest", "spill_over"}) {
    for (const bool residency : {true, false}) {
      TempDir dir;
      write_regions(dir, residency);
      const std::string file = dir.write("e.yaml", placement_experiment(placement, "near"));
      const auto result = gvsim::test::run_gvsim({"run", file, "--out", dir.path() + "/out", "--quiet"});
      REQUIRE(result.exit_code == 0);
      const auto jobs = jobs_by_cluster(dir.path() + "/out");
      INFO(placement << (residency ? " with" : " without") << " residency at home: home " << jobs.at("home_gpus")
                     << ", near " << jobs.at("near_gpus") << ", far " << jobs.at("far_gpus"));
      if (residency) {
        CHECK(jobs.at("home_gpus") == 0);
      } else if (placement == "least_loaded" || placement == "spill_over") {
        CHECK(jobs.at("home_gpus") > 0);
      }
    }
  }
}

TEST_CASE("local_only placement is refused for a region without a cluster", "[policies][placement]") {
  TempDir dir;
  write_regions(dir, false);
  dir.write("regions/empty.yaml", "region:\n  name: empty\n");
  dir.write("regions/wan.yaml",
            "links:\n  - {from: home, to: near, latency_ms: 10, bandwidth_gbps: 100}\n  - {from: home, to: far, "
            "latency_ms: 80, bandwidth_gbps: 100}\n"
            "  - {from: near, to: far, latency_ms: 80, bandwidth_gbps: 100}\n  - {from: empty, to: near, latency_ms: "
            "20, bandwidth_gbps: 100}\n");
  const std::string file =
      dir.write("e.yaml",
                "name: local\nhorizon_days: 1\nplatform: {regions_dir: regions, regions: [home, near, far, empty]}\n"
                "workload:\n  synthetic:\n    - region: empty\n      arrivals: {process: poisson, rate_per_hour: 10}\n"
                "      service: {distribution: exponential, mean_s: 120}\n"
                "policies:\n  placement: {name: local_only}\n  regions:\n    nowhere: {placement: {name: nearest}}\n");
  const auto result = gvsim::test::run_gvsim({"validate", file});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Matchers::Contains("e.yaml:10:14: policies.placement.name: local_only placement needs "
                                                   "a cluster in every region it applies to, and region 'empty'"));
  CHECK_THAT(result.err, Catch::Matchers::Contains("policies.regions.nowhere: region 'nowhere' does not take part"));
  // A per-region override repairs it.
  const std::string fixed =
      dir.write("f.yaml",
                "name: local\nhorizon_days: 1\nplatform: {regions_dir: regions, regions: [home, near, far, empty]}\n"
                "workload:\n  synthetic:\n    - region: empty\n      arrivals: {process: poisson, rate_per_hour: 10}\n"
                "      service: {distribution: exponential, mean_s: 120}\n"
                "policies:\n  placement: {name: local_only}\n  regions:\n    empty: {placement: {name: nearest}}\n");
  CHECK(gvsim::test::run_gvsim({"validate", fixed}).exit_code == 0);
}

namespace {

std::string surge_experiment(const std::string& capacity) {
  // 8 GPUs at 60 % load; demand grows 1.8-fold between days 3 and 4 and stays there until day 10.
  return "name: surge\nseed: 5\nhorizon_days: 14\nwarmup_days: 1\n"
         "platform: {regions_dir: regions, regions: [near]}\n"
         "workload:\n  synthetic:\n    - region: near\n"
         "      arrivals:\n        process: poisson\n        rate_per_hour: 144\n"
         "        rate_multiplier: [{day: 0, value: 1}, {day: 3, value: 1}, {day: 4, value: 1.8}, {day: 10, value: "
         "1.8}, {day: 10.5, value: 1}]\n"
         "      service: {distribution: exponential, mean_s: 120}\n"
         "policies:\n  capacity:\n    name: " +
         capacity +
         "\n    autoscale: {metric: utilisation, check_interval_hours: 1, scale_up_above: 0.85, scale_down_below: 0.5,"
         " step_share: 0.25, lead_time_days: 0.5, max_share: 2}\n";
}

}  // namespace

TEST_CASE("autoscaling lowers the p95 wait of a demand surge and gives the GPUs back after it",
          "[policies][capacity]") {
  TempDir dir;
  write_regions(dir, false);
  std::map<std::string, std::map<std::string, std::string>> summary;
  std::map<std::string, std::vector<double>> gpus_by_day;
  for (const std::string capacity : {"fixed", "autoscale"}) {
    const std::string file = dir.write(capacity + ".yaml", surge_experiment(capacity));
    const std::string out = dir.path() + "/" + capacity;
    const auto result = gvsim::test::run_gvsim({"run", file, "--out", out, "--quiet"});
    REQUIRE(result.exit_code == 0);
    summary[capacity] = gvsim::test::read_csv(out + "/summary.csv").at(0);
    for (const auto& row : gvsim::test::read_csv(out + "/timeseries.csv"))
      gpus_by_day[capacity].push_back(std::stod(row.at("gpu_hours_provisioned")) / 24.0);
  }
  const double fixed_p95 = std::stod(summary["fixed"].at("p95_wait_s"));
  const double scaled_p95 = std::stod(summary["autoscale"].at("p95_wait_s"));
  INFO("p95 wait: fixed " << fixed_p95 << " s, autoscale " << scaled_p95 << " s");
  CHECK(scaled_p95 < 0.5 * fixed_p95);
  // Same arrivals (common random numbers): the same jobs arrived in both runs.
  CHECK(summary["fixed"].at("jobs_arrived") == summary["autoscale"].at("jobs_arrived"));
  const auto& fixed = gpus_by_day["fixed"];
  const auto& scaled = gpus_by_day["autoscale"];
  for (double g : fixed)
    CHECK(g == Approx(8.0));
  INFO("autoscaled GPUs in service on days 2, 7, 13: " << scaled[2] << ", " << scaled[7] << ", " << scaled[13]);
  CHECK(scaled[2] == Approx(8.0));  // before the surge: nothing to add
  CHECK(scaled[7] > 12.0);          // during the surge
  CHECK(scaled[7] <= 16.0);         // never above max_share
  CHECK(scaled[13] < scaled[7]);    // released after it
}
