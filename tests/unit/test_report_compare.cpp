// `gvsim report` compares any runs: plain run folders, several studies, or a mix, and writes report.html, a
// self-contained page whose charts a headless browser (Debian's chromium) must actually draw.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "tests/support/test_support.hpp"

namespace {

using gvsim::test::read_csv;
using gvsim::test::read_text;
using gvsim::test::run_gvsim;
using gvsim::test::TempDir;
using gvsim::test::write_tiny_experiment;

/// Runs the tiny experiment into `out` with extra overrides; requires success.
void run_tiny(const TempDir& dir, const std::string& out, const std::vector<std::string>& sets) {
  std::vector<std::string> args = {"run", write_tiny_experiment(dir, ""), "--out", out, "--quiet"};
  for (const auto& s : sets) {
    args.push_back("--set");
    args.push_back(s);
  }
  const auto result = run_gvsim(args);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
}

}  // namespace

TEST_CASE("report compares two plain runs, each a variant, with what sets them apart", "[report]") {
  TempDir tmp;
  run_tiny(tmp, tmp.path() + "/busy", {});
  run_tiny(tmp, tmp.path() + "/quiet", {"workload.synthetic[1].arrivals.rate_per_hour=20"});
  const auto result = run_gvsim({"report", tmp.path() + "/busy", tmp.path() + "/quiet", "--out", tmp.path() + "/r"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const auto aggregate = read_csv(tmp.path() + "/r/aggregate.csv");
  double jobs_busy = -1.0;
  double jobs_quiet = -1.0;
  for (const auto& row : aggregate) {
    if (row.at("region") != "all" || row.at("metric") != "jobs") continue;
    (row.at("variant") == "busy" ? jobs_busy : jobs_quiet) = std::stod(row.at("mean"));
  }
  CHECK(jobs_quiet > 0.0);
  CHECK(jobs_busy > jobs_quiet);  // Europe at 60 jobs/h against 20
  const std::string md = read_text(tmp.path() + "/r/report.md");
  CHECK_THAT(md, Catch::Matchers::Contains("baseline: busy (from the first folder given)"));
  const std::string html = read_text(tmp.path() + "/r/report.html");
  CHECK_THAT(html, Catch::Matchers::Contains("workload.synthetic[1].arrivals.rate_per_hour = 20"));
  // Self-contained: nothing is fetched from elsewhere.
  CHECK_FALSE(std::regex_search(html, std::regex(R"((src|href)\s*=\s*"(https?:)?//)")));
}

TEST_CASE("report compares a study with a plain run and names variants after their folders", "[report]") {
  TempDir tmp;
  const auto study = write_tiny_experiment(tmp,
                                           "replications: 2\n"
                                           "sweep:\n"
                                           "  grid:\n"
                                           "    - {key: policies.placement.name, values: [nearest, least_loaded]}\n");
  REQUIRE(run_gvsim({"run", study, "--out", tmp.path() + "/s", "--quiet", "-j", "1"}).exit_code == 0);
  run_tiny(tmp, tmp.path() + "/single", {});
  const auto result = run_gvsim({"report", tmp.path() + "/s", tmp.path() + "/single", "--out", tmp.path() + "/r"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Matchers::Contains("5 of 5 runs, 3 variants, baseline s/placement=nearest"));
  const auto pareto = read_csv(tmp.path() + "/r/pareto.csv");
  REQUIRE(pareto.size() == 3);
  CHECK(pareto[2].at("variant") == "single");
  // A folder that is neither a study nor a run is refused, and nothing is written.
  const auto bad = run_gvsim({"report", tmp.path() + "/s", tmp.path(), "--out", tmp.path() + "/r2"});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Matchers::Contains("neither a study folder"));
  CHECK(read_text(tmp.path() + "/r2/report.md").empty());
}

TEST_CASE("report.html draws every chart in a headless browser", "[report][browser]") {
  TempDir tmp;
  run_tiny(tmp, tmp.path() + "/a", {});
  run_tiny(tmp, tmp.path() + "/b", {"workload.synthetic[0].arrivals.rate_per_hour=80"});
  REQUIRE(run_gvsim({"report", tmp.path() + "/a", tmp.path() + "/b", "--out", tmp.path() + "/r"}).exit_code == 0);
  const auto page = gvsim::test::run_program({"/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                                              "--user-data-dir=" + tmp.path() + "/profile", "--dump-dom",
                                              "file://" + tmp.path() + "/r/report.html"});
  INFO(page.err.substr(0, 2000));
  REQUIRE(page.exit_code == 0);
  std::smatch total;
  std::smatch drawn;
  REQUIRE(std::regex_search(page.out, total, std::regex(R"(data-charts-total="([0-9]+)\")")));
  REQUIRE(std::regex_search(page.out, drawn, std::regex(R"(data-charts-drawn="([0-9]+)\")")));
  // Two daily series and the headline metrics as bars, each with visible marks after layout.
  CHECK(std::stoi(total[1].str()) >= 6);
  CHECK(drawn[1].str() == total[1].str());
}
