// Sensitivity designs in studies: expansion of sweep.sensitivity, its located errors, and the indices of the report.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/study/study_plan.hpp"
#include "tests/support/test_support.hpp"

using namespace gvsim::test;

namespace fs = std::filesystem;

namespace {

const char* const kRanges =
    "    ranges:\n"
    "      - key: workload.synthetic[0].arrivals.rate_per_hour\n"
    "        min: 20\n"
    "        max: 80\n"
    "      - {key: scale, min: 100, max: 400, integer: true}\n";

double factor_value(const gvsim::study::StudyVariant& v, const std::string& key) {
  for (const auto& [k, value] : v.factors) {
    if (k == key) return std::stod(value);
  }
  FAIL("no factor " << key);
  return 0.0;
}

void write_file(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

/// A study folder of a Morris design over two factors in [0, 10] and [0, 1], whose runs' mean_wait_s is
/// 3 x1 - 20 x2 + 5 (so mu* is 30 and 20 on unit-scaled inputs, mu 30 and -20, sigma 0).
std::string linear_morris_study(const TempDir& tmp) {
  const std::string dir = tmp.path() + "/study";
  // Two trajectories of 3 points on a 4-level grid (Delta = 2/3).
  const std::vector<std::vector<std::vector<double>>> unit = {{{0, 1.0 / 3}, {2.0 / 3, 1.0 / 3}, {2.0 / 3, 1}},
                                                              {{1, 1}, {1, 1.0 / 3}, {1.0 / 3, 1.0 / 3}}};
  std::string study = "run_id,variant,baseline,replication,seed,config_hash\n";
  std::string factors = "run_id,key,value\n";
  std::string roles;
  for (std::size_t t = 0; t < unit.size(); ++t) {
    for (std::size_t s = 0; s < unit[t].size(); ++s) {
      const std::string variant = "mor_t00" + std::to_string(t + 1) + "_s0" + std::to_string(s);
      const std::string run = variant + "-r000";
      const double x1 = 10.0 * unit[t][s][0], x2 = unit[t][s][1];
      const double y = 3.0 * x1 - 20.0 * x2 + 5.0;
      std::ostringstream w;
      w.precision(17);
      w << y;
      write_file(dir + "/runs/" + run + "/summary.csv",
                 "scenario,replication,seed,horizon_days,warmup_days,jobs_arrived,mean_wait_s,p95_wait_s,"
                 "mean_queue_length,utilisation\ntoy,0,1,1,0,100," +
                     w.str() + ",50,1,0.5\n");
      write_file(dir + "/runs/" + run + "/timeseries.csv",
                 "day,region,cluster,jobs_arrived,jobs_started,mean_wait_s,gpu_hours_busy,gpu_hours_provisioned\n"
                 "0,europe,eu1,100,100," +
                     w.str() + ",12,24\n");
      write_file(dir + "/runs/" + run + "/manifest.json",
                 "{\"scenario\": \"toy\", \"files\": [\"timeseries.csv\", \"summary.csv\"]}\n");
      study += run + "," + variant + "," + (t + s == 0 ? "1" : "0") + ",0,1,h" + variant + "\n";
      std::ostringstream f;
      f.precision(17);
      f << run << ",a.x1," << x1 << "\n" << run << ",a.x2," << x2 << "\n";
      factors += f.str();
      roles += std::string(roles.empty() ? "" : ", ") + "\"" + variant + "\": [" + std::to_string(t) + ", \"step\", " +
               std::to_string(s) + "]";
    }
  }
  write_file(dir + "/study.csv", study);
  write_file(dir + "/factors.csv", factors);
  write_file(dir + "/study.json",
             "{\"experiment\": {\"name\": \"toy\"}, \"sensitivity\": {\"method\": \"morris\", \"levels\": 4, "
             "\"bootstrap\": 50, \"factors\": [{\"key\": \"a.x1\", \"min\": 0, \"max\": 10}, {\"key\": \"a.x2\", "
             "\"min\": 0, \"max\": 1}], \"variants\": {" +
                 roles + "}}}\n");
  return dir;
}

}  // namespace

TEST_CASE("a Morris block expands into r (k + 1) variants, one factor moved per step", "[study][sensitivity]") {
  TempDir tmp;
  const auto file = write_tiny_experiment(tmp, std::string("sweep:\n  sensitivity:\n    method: morris\n"
                                                           "    trajectories: 3\n") +
                                                   kRanges);
  auto plan = gvsim::study::expand_study(file, {});
  REQUIRE(plan.variants.size() == 9);
  CHECK(plan.variants[0].name == "mor_t001_s00");
  CHECK(plan.variants[0].baseline);
  CHECK(plan.variants[8].name == "mor_t003_s02");
  REQUIRE(plan.sensitivity.method == "morris");
  REQUIRE(plan.sensitivity.points.size() == 9);
  const std::string rate = "workload.synthetic[0].arrivals.rate_per_hour";
  for (std::size_t v = 0; v < 9; ++v) {
    const double r = factor_value(plan.variants[v], rate), s = factor_value(plan.variants[v], "scale");
    CHECK(r >= 20.0);
    CHECK(r <= 80.0);
    CHECK(s == std::round(s));  // integer: true
    if (v % 3 == 0) continue;
    const bool rate_moved = r != factor_value(plan.variants[v - 1], rate);
    const bool scale_moved = s != factor_value(plan.variants[v - 1], "scale");
    CHECK(rate_moved != scale_moved);
    if (rate_moved) CHECK(std::abs(std::abs(r - factor_value(plan.variants[v - 1], rate)) - 40.0) < 1e-6);
  }
  gvsim::study::validate_study(plan);  // every point is a valid experiment
}

TEST_CASE("a Sobol block expands into N (k + 2) variants: rows of A, B and the AB_i", "[study][sensitivity]") {
  TempDir tmp;
  const auto file =
      write_tiny_experiment(tmp, std::string("sweep:\n  sensitivity:\n    method: sobol\n    samples: 4\n") + kRanges);
  const auto plan = gvsim::study::expand_study(file, {});
  REQUIRE(plan.variants.size() == 16);
  CHECK(plan.variants[0].name == "sob_0001_a");
  CHECK(plan.variants[1].name == "sob_0001_b");
  CHECK(plan.variants[2].name == "sob_0001_ab01");
  CHECK(plan.variants[3].name == "sob_0001_ab02");
  const std::string rate = "workload.synthetic[0].arrivals.rate_per_hour";
  for (std::size_t j = 0; j < 4; ++j) {
    const auto& a = plan.variants[4 * j];
    const auto& b = plan.variants[4 * j + 1];
    const auto& ab1 = plan.variants[4 * j + 2];
    CHECK(factor_value(ab1, rate) == factor_value(b, rate));
    CHECK(factor_value(ab1, "scale") == factor_value(a, "scale"));
  }
}

TEST_CASE("bad sensitivity blocks are located errors: exit 2 and nothing written", "[study][sensitivity]") {
  struct Case {
    std::string sweep;
    const char* expected;
  };
  const std::string head = "sweep:\n  sensitivity:\n";
  const std::vector<Case> cases = {
      {head + "    trajectories: 3\n" + kRanges, "study.yaml:22:5: sweep.sensitivity.method: expected morris or sobol"},
      {head + "    method: morris\n" + kRanges,
       "study.yaml:22:5: sweep.sensitivity.trajectories: expected the number of Morris trajectories"},
      {head + "    method: sobol\n    samples: 8\n    levels: 4\n" + kRanges,
       "study.yaml:24:13: sweep.sensitivity.levels: 'levels' belongs to method morris, but method is 'sobol'"},
      {head + "    method: morris\n    trajectories: 3\n    levels: 5\n" + kRanges,
       "study.yaml:24:13: sweep.sensitivity.levels: expected an even number of levels"},
      {head + "    method: morris\n    trajectories: 3\n    samples: 8\n" + kRanges,
       "study.yaml:24:14: sweep.sensitivity.samples: 'samples' belongs to method sobol"},
      {head + "    method: morris\n    trajectories: 3\n    ranges:\n      - {key: scale, min: 300, max: 100}\n",
       "study.yaml:25:9: sweep.sensitivity.ranges[0].max: expected a number > min (300), got 100"},
      {head + "    method: morris\n    trajectories: 3\n    ranges:\n      - {key: scael, min: 100, max: 300}\n",
       "scael: unknown key; did you mean 'scale'?"},
      {head + "    method: sobl\n    samples: 4\n" + kRanges, "study.yaml:22:13: sweep.sensitivity.method:"},
      {head + "    method: sobol\n    samples: 4\n" + kRanges + "  variants:\n    - {name: a}\n",
       "study.yaml:22:5: sweep.sensitivity: a sensitivity design stands alone"},
  };
  TempDir tmp;  // each case rewrites study.yaml; a refused study writes no output folder
  for (const auto& c : cases) {
    const auto result = run_gvsim({"run", write_tiny_experiment(tmp, c.sweep), "--out", tmp.path() + "/out"});
    INFO(c.sweep << "\n" << result.err);
    CHECK((result.exit_code == 2 && result.err.find(c.expected) != std::string::npos));
    CHECK_FALSE(fs::exists(tmp.path() + "/out"));
  }
}

TEST_CASE("the report's Morris indices of a linear metric are exact, ranked in the chart", "[report][sensitivity]") {
  TempDir tmp;
  const std::string dir = linear_morris_study(tmp);
  const auto result = run_gvsim({"report", dir, "--out", tmp.path() + "/report"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::map<std::string, double> value;
  std::istringstream csv(read_text(tmp.path() + "/report/sensitivity_indices.csv"));
  std::string line;
  std::getline(csv, line);
  CHECK(line == "metric,factor,index,value,ci_lo,ci_hi");
  while (std::getline(csv, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');)
      cells.push_back(cell);
    if (cells[0] == "mean_wait_s") value[cells[1] + " " + cells[2]] = std::stod(cells[3]);
  }
  CHECK(value["a.x1 mu_star"] == Approx(30.0));
  CHECK(value["a.x1 mu"] == Approx(30.0));
  CHECK(value["a.x2 mu_star"] == Approx(20.0));
  CHECK(value["a.x2 mu"] == Approx(-20.0));
  CHECK(value["a.x1 sigma"] == Approx(0.0).margin(1e-9));
  const std::string svg = read_text(tmp.path() + "/report/sensitivity_tornado.svg");
  CHECK(svg.find("a.x1") < svg.find("a.x2"));  // ranked by mu*, largest on top
  CHECK(read_text(tmp.path() + "/report/report.md").find("## Global sensitivity (morris)") != std::string::npos);
}
