// Executing a study: parallel child processes, resume after a kill, shards, interrupts and MPI all give the same
// files as one uninterrupted study.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include "tests/support/test_support.hpp"

using namespace gvsim::test;

namespace fs = std::filesystem;

namespace {

// Two variants x three replications: six runs of a fraction of a second each.
const char* const kStudy =
    "replications: 3\n"
    "sweep:\n"
    "  variants:\n"
    "    - {name: near, baseline: true, set: {policies.placement.name: nearest}}\n"
    "    - {name: balanced, set: {policies.placement.name: least_loaded}}\n";

std::vector<std::string> run_folders(const std::string& out) {
  std::vector<std::string> names;
  if (!fs::exists(out + "/runs")) return names;
  for (const auto& entry : fs::directory_iterator(out + "/runs"))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

/// Run folders with a manifest; a hidden staging folder (`.RUN_ID.tmp-PID`, still being written) is no run.
std::size_t complete_runs(const std::string& out) {
  std::size_t n = 0;
  for (const auto& name : run_folders(out))
    n += name.front() != '.' && fs::exists(out + "/runs/" + name + "/manifest.json") ? 1 : 0;
  return n;
}

std::size_t count(const std::string& text, const std::string& word) {
  std::size_t n = 0;
  for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + 1))
    ++n;
  return n;
}

/// Every file of every run except manifest.json (which holds wall times) must be byte-identical.
void require_same_runs(const std::string& a, const std::string& b) {
  REQUIRE(run_folders(a) == run_folders(b));
  REQUIRE(run_folders(a).size() == 6);
  CHECK(read_text(a + "/study.csv") == read_text(b + "/study.csv"));
  CHECK(read_text(a + "/factors.csv") == read_text(b + "/factors.csv"));
  for (const auto& run : run_folders(a)) {
    for (const auto& entry : fs::directory_iterator(a + "/runs/" + run)) {
      const std::string file = entry.path().filename().string();
      INFO(run + "/" + file);
      if (file == "manifest.json") {
        CHECK(fs::exists(b + "/runs/" + run + "/manifest.json"));
        continue;
      }
      CHECK(read_text(entry.path().string()) == read_text(b + "/runs/" + run + "/" + file));
    }
  }
}

/// Starts a study in the background and returns once its first run is complete (its pid).
int start_and_wait_for_first_run(const std::vector<std::string>& args, const TempDir& tmp, const std::string& out) {
  const int pid = gvsim::test::spawn_gvsim(args, tmp.path() + "/bg.out", tmp.path() + "/bg.err");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  while (complete_runs(out) == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return pid;
}

int wait_exit_code(int pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("a study writes the study files and one results folder per run", "[study]") {
  TempDir tmp;
  const auto file = write_tiny_experiment(tmp, kStudy);
  const auto result = run_gvsim({"run", file, "--out", tmp.path() + "/out", "-j", "2"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const auto runs = gvsim::test::read_csv(tmp.path() + "/out/study.csv");
  REQUIRE(runs.size() == 6);
  CHECK(runs[0].at("run_id") == "near-r000");
  CHECK(runs[0].at("baseline") == "1");
  CHECK(runs[5].at("run_id") == "balanced-r002");
  CHECK(runs[5].at("variant") == "balanced");
  CHECK(runs[5].at("baseline") == "0");
  CHECK(runs[5].at("replication") == "2");
  CHECK(runs[5].at("seed") == "7");
  const auto factors = gvsim::test::read_csv(tmp.path() + "/out/factors.csv");
  REQUIRE(factors.size() == 6);
  CHECK(factors[3].at("run_id") == "balanced-r000");
  CHECK(factors[3].at("key") == "policies.placement.name");
  CHECK(factors[3].at("value") == "least_loaded");
  const std::string manifest = read_text(tmp.path() + "/out/runs/balanced-r002/manifest.json");
  CHECK(manifest.find("\"config_hash\": \"" + runs[5].at("config_hash") + "\"") != std::string::npos);
  const auto summary = gvsim::test::read_csv(tmp.path() + "/out/runs/balanced-r002/summary.csv");
  REQUIRE(summary.size() == 1);
  CHECK(summary[0].at("replication") == "2");
  CHECK(read_text(tmp.path() + "/out/study.json").find("\"status\": \"complete\"") != std::string::npos);
  CHECK(result.out.find("6 ran, 0 skipped, 0 failed") != std::string::npos);
}

TEST_CASE("two processes at a time give the same files as one", "[study]") {
  TempDir tmp;
  const auto file = write_tiny_experiment(tmp, kStudy);
  REQUIRE(run_gvsim({"run", file, "--out", tmp.path() + "/one", "-j", "1", "--quiet"}).exit_code == 0);
  REQUIRE(run_gvsim({"run", file, "--out", tmp.path() + "/two", "-j", "2", "--quiet"}).exit_code == 0);
  require_same_runs(tmp.path() + "/one", tmp.path() + "/two");
  CHECK(read_text(tmp.path() + "/one/study.json") == read_text(tmp.path() + "/two/study.json"));
}

TEST_CASE("a study killed midway resumes with only the missing runs and ends identical", "[study]") {
  TempDir tmp;
  const auto file = write_tiny_experiment(tmp, kStudy);
  REQUIRE(run_gvsim({"run", file, "--out", tmp.path() + "/whole", "-j", "1", "--quiet"}).exit_code == 0);

  const std::string out = tmp.path() + "/resumed";
  const int pid = start_and_wait_for_first_run({"run", file, "--out", out, "-j", "1"}, tmp, out);
  ::kill(pid, SIGKILL);
  CHECK(wait_exit_code(pid) == 128 + SIGKILL);
  const std::size_t done_before = complete_runs(out);
  CHECK(done_before >= 1);

  const auto rerun = run_gvsim({"run", file, "--out", out, "-j", "1"});
  INFO(rerun.err);
  REQUIRE(rerun.exit_code == 0);
  CHECK(count(rerun.err, "skipped: already complete") == done_before);
  CHECK(count(rerun.err, " done in ") == 6 - done_before);
  require_same_runs(tmp.path() + "/whole", out);
  CHECK(read_text(tmp.path() + "/whole/study.json") == read_text(out + "/study.json"));
}

TEST_CASE("a run folder without manifest is removed and run again", "[study]") {
  TempDir tmp;
  const auto file = write_tiny_experiment(tmp, kStudy);
  const std::string out = tmp.path() + "/out";
  REQUIRE(run_gvsim({"run", file, "--out", out, "--quiet"}).exit_code == 0);
  const std::string summary = read_text(out + "/runs/balanced-r001/summary.csv");
  fs::remove(out + "/runs/balanced-r001/manifest.json");
  tmp.write("out/runs/balanced-r001/summary.csv.tmp.12345", "partial");
  const auto rerun = run_gvsim({"run", file, "--out", out});
  INFO(rerun.err);
  REQUIRE(rerun.exit_code == 0);
  CHECK(rerun.err.find("balanced-r001: removing an unfinished earlier attempt") != std::string::npos);
  CHECK(count(rerun.err, "skipped: already complete") == 5);
  CHECK_FALSE(fs::exists(out + "/runs/balanced-r001/summary.csv.tmp.12345"));
  CHECK(read_text(out + "/runs/balanced-r001/summary.csv") == summary);
}

TEST_CASE("a resumed study clears what killed runs left beside complete run folders", "[study]") {
  TempDir tmp;
  const auto file = write_tiny_experiment(tmp, kStudy);
  const std::string out = tmp.path() + "/out";
  REQUIRE(run_gvsim({"run", file, "--out", out, "--quiet"}).exit_code == 0);
  const auto before = run_folders(out);
  const int dead = ::fork();  // a process id that no longer exists
  if (dead == 0) ::_exit(0);
  ::waitpid(dead, nullptr, 0);
  // A child killed after its folder was swapped in: the old folder under its staging name, and the lock file.
  tmp.write("out/runs/.near-r001.tmp-" + std::to_string(dead) + "/summary.csv", "old");
  tmp.write("out/runs/.near-r001.lock", std::to_string(dead) + "\n");
  const auto rerun = run_gvsim({"run", file, "--out", out});
  INFO(rerun.err);
  REQUIRE(rerun.exit_code == 0);
  CHECK(count(rerun.err, "skipped: already complete") == 6);
  CHECK(run_folders(out) == before);
}

TEST_CASE("shards 1/2 and 2/2 into one folder equal the unsharded study", "[study]") {
  TempDir tmp;
  const auto file = write_tiny_experiment(tmp, kStudy);
  REQUIRE(run_gvsim({"run", file, "--out", tmp.path() + "/whole", "--quiet"}).exit_code == 0);
  const std::string out = tmp.path() + "/sharded";
  const auto first = run_gvsim({"run", file, "--out", out, "--shard", "1/2", "-j", "1"});
  REQUIRE(first.exit_code == 0);
  CHECK(run_folders(out) == std::vector<std::string>{"balanced-r001", "near-r000", "near-r002"});  // runs 0, 2, 4
  const std::string partial = read_text(out + "/study.json");
  CHECK(partial.find("\"status\": \"partial\"") != std::string::npos);
  CHECK(partial.find("\"shard\": \"1/2\"") != std::string::npos);
  REQUIRE(run_gvsim({"run", file, "--out", out, "--shard", "2/2", "-j", "1", "--quiet"}).exit_code == 0);
  require_same_runs(tmp.path() + "/whole", out);
  CHECK(read_text(out + "/study.json").find("\"status\": \"complete\"") != std::string::npos);
  CHECK(run_gvsim({"run", file, "--out", out, "--shard", "3/2"}).exit_code == 2);
}

TEST_CASE("SIGINT stops a study with exit 130, keeping the finished runs", "[study]") {
  TempDir tmp;
  const auto file = write_tiny_experiment(tmp, kStudy);
  const std::string out = tmp.path() + "/out";
  const int pid = start_and_wait_for_first_run({"run", file, "--out", out, "-j", "1"}, tmp, out);
  ::kill(pid, SIGINT);
  CHECK(wait_exit_code(pid) == 130);
  const std::size_t kept = complete_runs(out);
  CHECK(kept >= 1);
  CHECK(run_folders(out).size() == kept);  // the interrupted run's folder is gone
  CHECK(read_text(out + "/study.json").find("\"status\": \"interrupted\"") != std::string::npos);
  CHECK(read_text(tmp.path() + "/bg.err").find("interrupted") != std::string::npos);
  CHECK(gvsim::test::read_csv(out + "/study.csv").size() == 6);
}

TEST_CASE("results of another configuration are replaced", "[study]") {
  TempDir tmp;
  const auto file = write_tiny_experiment(tmp, kStudy);
  const std::string out = tmp.path() + "/out";
  tmp.write("out/runs/near-r001/manifest.json", "{\"config_hash\": \"0000000000000000\"}");
  const auto result = run_gvsim({"run", file, "--out", out, "-j", "2"});
  CHECK(result.exit_code == 0);
  CHECK(result.err.find("near-r001: replacing results of a different configuration") != std::string::npos);
  CHECK(complete_runs(out) == 6);
}

TEST_CASE("a failing run is reported with its stderr, the others go on and the study exits 1", "[study]") {
  TempDir tmp;
  const auto file = write_tiny_experiment(tmp, kStudy);
  const std::string out = tmp.path() + "/out";
  fs::create_directories(out + "/runs");
  fs::create_symlink("/nonexistent/folder", out + "/runs/near-r001");  // the run cannot create its folder
  const auto result = run_gvsim({"run", file, "--out", out, "-j", "2"});
  INFO(result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("near-r001 FAILED after") != std::string::npos);
  CHECK(result.err.find("exit 1") != std::string::npos);
  CHECK(result.err.find("gvsim: run failed:") != std::string::npos);  // the child's own message
  CHECK(complete_runs(out) == 5);
  const std::string status = read_text(out + "/study.json");
  CHECK(status.find("\"status\": \"failed\"") != std::string::npos);
  CHECK(status.find("\"failed_runs\": [\n    \"near-r001\"\n  ]") != std::string::npos);
}

#ifdef GVSIM_MPIEXEC
TEST_CASE("mpirun -np 2 with --mpi gives the same files as an unsharded study", "[study][mpi]") {
  TempDir tmp;
  const auto file = write_tiny_experiment(tmp, kStudy);
  REQUIRE(run_gvsim({"run", file, "--out", tmp.path() + "/whole", "--quiet"}).exit_code == 0);
  const auto result = gvsim::test::run_program({GVSIM_MPIEXEC, "--allow-run-as-root", "--oversubscribe", "-np", "2",
                                                GVSIM_BINARY, "run", file, "--out", tmp.path() + "/mpi", "--mpi"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  require_same_runs(tmp.path() + "/whole", tmp.path() + "/mpi");
  CHECK(read_text(tmp.path() + "/whole/study.json") == read_text(tmp.path() + "/mpi/study.json"));
  CHECK(count(result.out, "3 in this shard") == 2);
}
#endif
