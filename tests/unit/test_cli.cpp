#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include "policies/placement_policy.hpp"
#include "sim/output/atomic_file.hpp"
#include "tests/support/test_support.hpp"

using gvsim::test::read_csv;
using gvsim::test::run_gvsim;
using gvsim::test::source_dir;
using gvsim::test::TempDir;

TEST_CASE("version and per-subcommand help exit 0", "[cli]") {
  const auto version = run_gvsim({"--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out.find("gvsim 0.") == 0);
  for (const char* sub : {"run", "validate", "keys", "columns", "report", "schema"}) {
    const auto help = run_gvsim({sub, "--help"});
    INFO(sub);
    CHECK(help.exit_code == 0);
    CHECK(help.out.find(sub) != std::string::npos);
  }
  CHECK(run_gvsim({"run", "--help"}).out.find("--seed") != std::string::npos);
}

TEST_CASE("usage errors exit 2", "[cli]") {
  CHECK(run_gvsim({}).exit_code == 2);
  CHECK(run_gvsim({"frobnicate"}).exit_code == 2);
  CHECK(run_gvsim({"run"}).exit_code == 2);
  CHECK(run_gvsim({"run", "/no/such/experiment.yaml"}).exit_code == 2);
  CHECK(run_gvsim({"run", source_dir() + "/experiments/quickstart.yaml", "--bogus"}).exit_code == 2);
}

TEST_CASE("set overrides change keys, and a bad override is a located error that writes nothing", "[cli]") {
  TempDir tmp;
  const std::string experiment = source_dir() + "/experiments/quickstart.yaml";
  const auto ok = run_gvsim({"run", experiment, "--out", tmp.path() + "/short", "--quiet", "--set", "horizon_days=1",
                             "--set", "warmup_days=0.25"});
  INFO(ok.err);
  REQUIRE(ok.exit_code == 0);
  const auto summary = read_csv(tmp.path() + "/short/summary.csv");
  REQUIRE(summary.size() == 1);
  CHECK(summary[0].at("horizon_days") == "1");
  CHECK(read_csv(tmp.path() + "/short/timeseries.csv").size() == 4);  // 1 day x 4 clusters

  const auto bad = run_gvsim({"run", experiment, "--out", tmp.path() + "/bad", "--set", "horizon_days=-3", "--set",
                              "workload.synthetic[9].region=europe", "--set", "policies.placment=nearest"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("--set workload.synthetic[9].region:1:1: workload.synthetic[9]: no such list item to override") !=
        std::string::npos);
  CHECK(bad.err.find("horizon_days: expected a number in [0.001, 3650], got -3") != std::string::npos);
  CHECK(bad.err.find("policies.placment: unknown key; did you mean 'placement'?") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(tmp.path() + "/bad"));
}

TEST_CASE("validate prints the resolved scenario and its offered load", "[cli]") {
  const auto result = run_gvsim({"validate", source_dir() + "/experiments/quickstart.yaml"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("valid") != std::string::npos);
  CHECK(result.out.find("5 regions, 4 clusters, 144 GPUs") != std::string::npos);
  CHECK(result.out.find("offered load:") != std::string::npos);
}

TEST_CASE("an unknown policy name lists the valid ones", "[cli]") {
  const auto result =
      run_gvsim({"validate", source_dir() + "/experiments/quickstart.yaml", "--set", "policies.placement.name=random"});
  CHECK(result.exit_code == 2);
  const auto names = gvsim::policies::PlacementRegistry::instance().names();
  REQUIRE(names.size() >= 5);
  CHECK(names.front() == "nearest");
  CHECK(result.err.find("policies.placement.name: expected one of " + gvsim::schema::join_names(names) +
                        ", got \"random\"") != std::string::npos);
}

TEST_CASE("the key reference in experiments/README.md is the one gvsim declares", "[cli][docs]") {
  const auto keys = run_gvsim({"keys"});
  REQUIRE(keys.exit_code == 0);
  const std::string section = gvsim::test::generated_section(source_dir() + "/experiments/README.md", "keys");
  REQUIRE_FALSE(section.empty());
  // Regenerate with: gvsim keys, pasted between the markers (see experiments/README.md).
  CHECK(section == keys.out);
}

TEST_CASE("SIGINT and SIGTERM end a run with exit 130, no results and no temporaries", "[cli]") {
  // The full baseline runs for many seconds; the signal arrives long before it could finish. The handler exits at
  // once (about 0.02 s in practice, see docs/hardening.md); the 60 s bound only keeps a hang from blocking the suite.
  for (const int signal_number : {SIGINT, SIGTERM}) {
    TempDir tmp;
    const std::string out = tmp.path() + "/out";
    const int pid = gvsim::test::start_gvsim({"run", source_dir() + "/experiments/global_baseline.yaml", "--out", out});
    ::usleep(1500 * 1000);
    ::kill(pid, signal_number);
    const int status = gvsim::test::wait_for_exit(pid, 60.0);
    INFO("signal " << signal_number);
    REQUIRE(status != -1);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 130);
    CHECK_FALSE(std::filesystem::exists(out + "/manifest.json"));
    CHECK_FALSE(std::filesystem::exists(out + "/summary.csv"));
    if (std::filesystem::exists(out)) {
      for (const auto& entry : std::filesystem::directory_iterator(out))
        CHECK_FALSE(gvsim::output::is_temporary_name(entry.path().filename().string()));
    }
    for (const auto& entry : std::filesystem::directory_iterator(tmp.path()))  // no staging folder, no lock file
      CHECK(entry.path().filename() == "out");
  }
}

TEST_CASE("every shipped experiment validates", "[cli][docs]") {
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() + "/experiments")) {
    if (entry.path().extension() != ".yaml") continue;
    const auto result = run_gvsim({"validate", entry.path().string()});
    INFO(entry.path().string() << "\n" << result.err);
    CHECK(result.exit_code == 0);
    ++checked;
  }
  CHECK(checked >= 9);
}
