// `gvsim report` on hand-made study folders: figures checked by hand, and bad input refused with exit 2.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/test_support.hpp"

using namespace gvsim::test;

namespace fs = std::filesystem;

namespace {

void write_file(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// A run folder with the columns the report reads: one cluster in `europe`, one day.
void fake_run(const std::string& dir, double mean_wait_s, double utilisation) {
  const std::string w = std::to_string(mean_wait_s), u = std::to_string(utilisation);
  write_file(dir + "/summary.csv",
             "scenario,replication,seed,horizon_days,warmup_days,jobs_arrived,mean_wait_s,p95_wait_s,"
             "mean_queue_length,utilisation\ntoy,0,1,1,0,100," +
                 w + ",50,1," + u + "\n");
  write_file(dir + "/timeseries.csv",
             "day,region,cluster,jobs_arrived,jobs_started,mean_wait_s,gpu_hours_busy,gpu_hours_provisioned\n"
             "0,europe,eu1,100,100," +
                 w + "," + std::to_string(24 * utilisation) + ",24\n");
  write_file(dir + "/manifest.json", "{\"scenario\": \"toy\", \"files\": [\"timeseries.csv\", \"summary.csv\"]}\n");
}

// Variant base (baseline) waits 10, 12, 14 s; variant other 11, 15, 13 s in replications 0, 1, 2.
std::string toy_study(const TempDir& tmp) {
  const std::string dir = tmp.path() + "/study";
  std::string study = "run_id,variant,baseline,replication,seed,config_hash\n";
  const double base[] = {10, 12, 14};
  const double other[] = {11, 15, 13};
  for (int r = 0; r < 3; ++r) {
    const std::string b = "base-r00" + std::to_string(r), o = "other-r00" + std::to_string(r);
    fake_run(dir + "/runs/" + b, base[r], 0.5);
    fake_run(dir + "/runs/" + o, other[r], 0.5 + 0.1 * r);
    study += b + ",base,1," + std::to_string(r) + ",1,aaa\n" + o + ",other,0," + std::to_string(r) + ",1,bbb\n";
  }
  write_file(dir + "/study.csv", study);
  return dir;
}

}  // namespace

TEST_CASE("report figures on a hand-made study match hand computation", "[report]") {
  TempDir tmp;
  const std::string dir = toy_study(tmp);
  fs::create_directories(dir + "/runs/stray-r000");
  const auto result = run_gvsim({"report", dir});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.err.find("runs/stray-r000 is not listed in study.csv; ignored") != std::string::npos);
  CHECK(result.out.find("gvsim report: toy: 6 of 6 runs, 2 variants, baseline base") != std::string::npos);

  const double t2 = 4.302652729749464;  // t(0.975, 2) = 0.95 / sqrt(2 x 0.975 x 0.025)
  const auto aggregate = read_csv(dir + "/report/aggregate.csv");
  REQUIRE(aggregate.size() == 2 * 5 + 2 * 3);  // 5 metrics for all, 3 for europe
  const auto& wait = aggregate[1];
  CHECK(wait.at("variant") == "base");
  CHECK(wait.at("region") == "all");
  CHECK(wait.at("metric") == "mean_wait_s");
  CHECK(wait.at("n") == "3");
  CHECK(std::stod(wait.at("mean")) == 12.0);
  CHECK(std::stod(wait.at("sd")) == 2.0);
  CHECK(std::stod(wait.at("ci95_low")) == Approx(12.0 - t2 * 2.0 / std::sqrt(3.0)).epsilon(1e-14));
  CHECK(std::stod(wait.at("ci95_high")) == Approx(12.0 + t2 * 2.0 / std::sqrt(3.0)).epsilon(1e-14));

  // Differences by replication: 1, 3, -1: mean 1, sd 2.
  const auto paired = read_csv(dir + "/report/paired.csv");
  bool seen = false;
  for (const auto& r : paired) {
    if (r.at("region") != "all" || r.at("metric") != "mean_wait_s") continue;
    seen = true;
    CHECK(r.at("variant") == "other");
    CHECK(r.at("baseline") == "base");
    CHECK(std::stod(r.at("mean_diff")) == 1.0);
    CHECK(std::stod(r.at("sd_diff")) == 2.0);
    CHECK(std::stod(r.at("ci95_low")) == Approx(1.0 - t2 * 2.0 / std::sqrt(3.0)).epsilon(1e-14));
    CHECK(r.at("ci_excludes_zero") == "0");
  }
  CHECK(seen);
  // Default objectives in synthetic mode: mean_wait_s:min, utilisation:max; other has higher utilisation.
  const auto pareto = read_csv(dir + "/report/pareto.csv");
  REQUIRE(pareto.size() == 2);
  CHECK(pareto[0].at("on_front") == "1");
  CHECK(pareto[1].at("on_front") == "1");
  CHECK(std::stod(pareto[1].at("utilisation")) == Approx(0.6).epsilon(1e-12));

  // Deterministic: a second report is byte-identical.
  const std::string first = read_text(dir + "/report/report.md") + read_text(dir + "/report/aggregate.csv");
  REQUIRE(run_gvsim({"report", dir}).exit_code == 0);
  CHECK(read_text(dir + "/report/report.md") + read_text(dir + "/report/aggregate.csv") == first);
}

TEST_CASE("report refuses bad input with exit 2 and writes nothing", "[report]") {
  TempDir tmp;
  const std::string dir = toy_study(tmp);
  const std::string out = tmp.path() + "/out";
  auto refused = [&](const std::vector<std::string>& extra, const std::string& message) {
    std::vector<std::string> args{"report", dir, "--out", out};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_gvsim(args);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(message) != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  };
  refused({"--baseline", "nope"}, "--baseline: unknown variant 'nope'; variants: base, other");
  refused({"--objectives", "speed:max"}, "--objectives: unknown metric 'speed'");
  refused({"--objectives", "gross_margin:max"}, "metric 'gross_margin' is not measured in these runs");
  refused({"--objectives", "mean_wait_s:lowest"}, "expected metric:max or metric:min");

  write_file(dir + "/runs/other-r001/summary.csv", "a,b\n1,2,3\n");
  refused({}, "summary.csv: row 2 has 3 cells, expected 2");
  write_file(dir + "/runs/other-r001/summary.csv", "scenario,mean_wait_s\ntoy,1\n");
  refused({}, "summary.csv: no column 'jobs_arrived'");
  write_file(dir + "/runs/other-r001/manifest.json", "{not json");
  refused({}, "manifest.json: not valid JSON");

  for (int r = 0; r < 3; ++r) {
    fs::remove(dir + "/runs/base-r00" + std::to_string(r) + "/manifest.json");
    fs::remove(dir + "/runs/other-r00" + std::to_string(r) + "/manifest.json");
  }
  refused({}, "none of the 6 runs listed in study.csv is complete");
  refused({"--baseline", "base"}, "none of the 6 runs");

  fs::create_directories(tmp.path() + "/empty");
  const auto no_study = run_gvsim({"report", tmp.path() + "/empty"});
  CHECK(no_study.exit_code == 2);
  CHECK(no_study.err.find("neither a study folder (study.csv) nor a complete run folder") != std::string::npos);
  CHECK(run_gvsim({"report", tmp.path() + "/no_such_folder"}).exit_code == 2);
  CHECK(run_gvsim({"report"}).exit_code == 2);
  write_file(tmp.path() + "/file", "x");
  CHECK(run_gvsim({"report", dir, "--out", tmp.path() + "/file"}).exit_code == 2);
}
