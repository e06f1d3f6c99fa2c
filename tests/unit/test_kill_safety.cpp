// Nothing lost on SIGKILL: a run killed at any point leaves, in its output folder, only complete result files
// (each byte-identical to the one of an uninterrupted run) and hidden temporaries that are recognisable as such;
// the next run into that folder clears the temporaries of dead processes.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "sim/output/atomic_file.hpp"
#include "tests/support/test_support.hpp"

namespace fs = std::filesystem;
using gvsim::test::read_text;
using gvsim::test::source_dir;
using gvsim::test::TempDir;

namespace {

const std::vector<std::string> kCsvFiles = {"timeseries.csv",    "summary.csv",      "region_daily.csv", "kpis.csv",
                                            "segment_daily.csv", "segment_kpis.csv", "rivals_daily.csv"};

/// A users-mode run (all seven CSV files: the baseline has rivals) short enough to be repeated many times.
std::vector<std::string> run_args(const std::string& out) {
  return {
      "run", source_dir() + "/experiments/global_baseline.yaml", "--out", out, "--quiet", "--set", "horizon_days=10"};
}

/// What a killed run left in its folder.
struct Leftovers {
  std::set<std::string> results;
  int temporaries = 0;
};

/// Checks every file in `out` against the reference run; returns what was found.
Leftovers check_folder(const std::string& out, const std::map<std::string, std::string>& reference,
                       const std::string& fingerprint) {
  Leftovers found;
  if (!fs::exists(out)) return found;
  for (const auto& entry : fs::directory_iterator(out)) {
    const std::string name = entry.path().filename().string();
    INFO("file " << name);
    if (gvsim::output::is_temporary_name(name)) {
      CHECK(name.front() == '.');  // hidden: no `*.csv` glob or results reader picks it up
      ++found.temporaries;
      continue;
    }
    found.results.insert(name);
    if (name == "manifest.json") {
      const auto manifest = nlohmann::json::parse(read_text(entry.path().string()));  // complete, valid JSON
      CHECK(manifest.at("fingerprint").get<std::string>() == fingerprint);
      continue;
    }
    REQUIRE(reference.count(name) == 1);  // nothing but results and temporaries
    CHECK(read_text(entry.path().string()) == reference.at(name));
  }
  if (found.results.count("manifest.json") != 0) {
    for (const auto& csv : kCsvFiles)
      CHECK(found.results.count(csv) == 1);  // the manifest is written last
  }
  return found;
}

}  // namespace

TEST_CASE("SIGKILL at 20 seeded random points never leaves a partial or stray result file", "[cli][kill]") {
  TempDir tmp;
  const std::string reference_dir = tmp.path() + "/reference";
  const auto started = std::chrono::steady_clock::now();
  const auto reference_run = gvsim::test::run_gvsim(run_args(reference_dir));
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  INFO(reference_run.err);
  REQUIRE(reference_run.exit_code == 0);
  std::map<std::string, std::string> reference;
  for (const auto& csv : kCsvFiles)
    reference[csv] = read_text(reference_dir + "/" + csv);
  const std::string fingerprint =
      nlohmann::json::parse(read_text(reference_dir + "/manifest.json")).at("fingerprint").get<std::string>();

  // Kill points are drawn from a pinned seed as fractions of the reference run's wall time: even draws anywhere
  // in a run, odd ones in its last fifth, where the result files are written.
  std::mt19937_64 draws(20250606);
  std::uniform_real_distribution<double> anywhere(0.0, 1.05);
  std::uniform_real_distribution<double> writing(0.8, 1.1);
  int dead_pid = 0;
  int with_results = 0;
  int with_temporaries = 0;
  for (int i = 0; i < 20; ++i) {
    const double fraction = i % 2 == 0 ? anywhere(draws) : writing(draws);
    const std::string out = tmp.path() + "/kill" + std::to_string(i);
    const int pid = gvsim::test::start_gvsim(run_args(out));
    ::usleep(static_cast<useconds_t>(fraction * wall_s * 1e6));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    dead_pid = pid;
    INFO("kill " << i << " at " << fraction << " of the run");
    const Leftovers found = check_folder(out, reference, fingerprint);
    if (!found.results.empty()) ++with_results;
    if (found.temporaries > 0) ++with_temporaries;
  }
  INFO("folders with results: " << with_results << ", with temporaries: " << with_temporaries);

  // A complete run into a folder holding a dead process's temporary removes it and writes everything.
  const std::string rerun = tmp.path() + "/kill0";
  fs::create_directories(rerun);
  const std::string stale = rerun + "/" + gvsim::output::temporary_name("summary.csv", dead_pid);
  gvsim::test::TempDir scratch;
  fs::copy_file(scratch.write("partial", "scenario,repl"), stale, fs::copy_options::overwrite_existing);
  const auto complete = gvsim::test::run_gvsim(run_args(rerun));
  REQUIRE(complete.exit_code == 0);
  const Leftovers after = check_folder(rerun, reference, fingerprint);
  CHECK(after.temporaries == 0);
  CHECK(after.results.size() == kCsvFiles.size() + 1);
  CHECK_FALSE(fs::exists(stale));
}

TEST_CASE("temporary names are hidden, carry the process id and are told apart from results", "[output]") {
  using gvsim::output::is_temporary_name;
  using gvsim::output::temporary_name;
  CHECK(temporary_name("summary.csv", 4242) == ".summary.csv.tmp-4242");
  CHECK(is_temporary_name(".summary.csv.tmp-4242"));
  CHECK(is_temporary_name(temporary_name("manifest.json", 1)));
  CHECK_FALSE(is_temporary_name("summary.csv"));
  CHECK_FALSE(is_temporary_name("summary.csv.tmp-4242"));
  CHECK_FALSE(is_temporary_name(".summary.csv.tmp-"));
  CHECK_FALSE(is_temporary_name(".summary.csv.tmp-12x"));
  CHECK_FALSE(is_temporary_name(".tmp-12"));

  TempDir tmp;
  tmp.write(temporary_name("a.csv", static_cast<long>(::getpid())), "mine");  // this process: kept
  tmp.write("b.csv", "result");
  const int child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  tmp.write(temporary_name("c.csv", child), "dead");
  CHECK(gvsim::output::remove_stale_temporaries(tmp.path()) == 1);
  CHECK(fs::exists(tmp.path() + "/" + temporary_name("a.csv", static_cast<long>(::getpid()))));
  CHECK(fs::exists(tmp.path() + "/b.csv"));
  CHECK_FALSE(fs::exists(tmp.path() + "/" + temporary_name("c.csv", child)));
}
