// A results folder is written as a unit: a full disk, a SIGKILL at any step of the write phase or a second run
// writing the same --out never leaves a folder mixing two runs' files; an unusable --out is refused before
// anything is simulated. The runs stop at named steps (GVSIM_TEST_PAUSE, sim/output/results_folder.hpp) and the
// tests synchronise on a FIFO, so nothing depends on the machine's speed.
#include <catch2/catch.hpp>

#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "sim/cli/run_progress.hpp"
#include "sim/output/atomic_file.hpp"
#include "tests/support/test_support.hpp"

namespace fs = std::filesystem;
using namespace gvsim::test;

namespace {

/// Every file of a folder, name -> content; the manifest without its wall time (the one thing two runs of the
/// same configuration write differently).
using Folder = std::map<std::string, std::string>;

Folder read_folder(const std::string& dir) {
  Folder files;
  if (!fs::exists(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    std::string content = read_text(entry.path().string());
    if (name == "manifest.json") {
      auto manifest = nlohmann::json::parse(content);
      manifest.erase("wall_time_s");
      content = manifest.dump();
    }
    files[name] = content;
  }
  return files;
}

/// Names in `dir` (hidden ones included).
std::set<std::string> entries(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir))
    names.insert(entry.path().filename().string());
  return names;
}

/// A users-mode run (five files) of three days; `seed` tells two runs' files apart.
std::vector<std::string> run_args(const std::string& out, int seed) {
  return {"run",
          source_dir() + "/experiments/global_baseline.yaml",
          "--out",
          out,
          "--quiet",
          "--seed",
          std::to_string(seed),
          "--set",
          "horizon_days=3"};
}

/// Two complete reference folders of different runs, written once per test.
struct References {
  TempDir dir;
  Folder seed1;
  Folder seed2;
  References() {
    for (const int seed : {1, 2}) {
      const auto result = run_gvsim(run_args(dir.path() + "/seed" + std::to_string(seed), seed));
      INFO(result.err);
      REQUIRE(result.exit_code == 0);
    }
    seed1 = read_folder(dir.path() + "/seed1");
    seed2 = read_folder(dir.path() + "/seed2");
    REQUIRE(seed1.size() == 8);  // six CSV files of a users-mode run, rivals_daily.csv and the manifest
    REQUIRE(seed1 != seed2);
  }
  std::string path(int seed) const { return dir.path() + "/seed" + std::to_string(seed); }
};

/// Starts a run paused at `step` (with or without exchange) and returns its pid once it is there.
int start_paused(const std::vector<std::string>& args, const std::string& step, const std::string& fifo,
                 const TempDir& logs, bool exchange = true) {
  const ScopedEnv pause("GVSIM_TEST_PAUSE", step + ":" + fifo);
  const ScopedEnv no_exchange("GVSIM_TEST_NO_EXCHANGE", exchange ? "0" : "1");
  const int pid = gvsim::test::spawn_gvsim(args, logs.path() + "/paused.out", logs.path() + "/paused.err");
  INFO(step);
  CHECK(gvsim::test::wait_for_pause(fifo, pid) == pid);
  return pid;
}

int exit_code_of(int pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// A FIFO for GVSIM_TEST_PAUSE in a fresh folder.
std::string make_fifo(const TempDir& dir) {
  const std::string fifo = dir.path() + "/pause.fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  return fifo;
}

/// A tmpfs of `bytes` mounted on `dir` in a mount namespace of this test process alone (it vanishes with it);
/// mounted() is false where that is not permitted (not root).
class SmallTmpfs {
 public:
  SmallTmpfs(const std::string& dir, std::size_t bytes) : dir_(dir) {
    if (::unshare(CLONE_NEWNS) != 0) return;
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return;
    const std::string options = "size=" + std::to_string(bytes);
    mounted_ = ::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) == 0;
  }
  ~SmallTmpfs() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  SmallTmpfs(const SmallTmpfs&) = delete;
  SmallTmpfs& operator=(const SmallTmpfs&) = delete;
  bool mounted() const { return mounted_; }

 private:
  std::string dir_;
  bool mounted_ = false;
};

/// Bytes a folder takes on a tmpfs: whole 4 KiB pages per file.
std::size_t pages_bytes(const std::string& dir) {
  std::size_t bytes = 0;
  for (const auto& entry : fs::directory_iterator(dir))
    bytes += (fs::file_size(entry.path()) + 4095) / 4096 * 4096;
  return bytes;
}

/// A rerun (seed 2) into `out`, which holds seed 1's complete folder, fails on a full disk: it exits 1 naming the
/// cause, and `out` is exactly the old folder with nothing left beside it.
void check_failed_rerun(const References& refs, const std::string& out) {
  const Folder before = read_folder(out);
  const std::set<std::string> beside = entries(fs::path(out).parent_path().string());
  const auto rerun = run_gvsim(run_args(out, 2));
  INFO(rerun.err);
  CHECK(rerun.exit_code == 1);
  CHECK(rerun.err.find("No space left on device") != std::string::npos);
  CHECK(read_folder(out) == before);
  CHECK(read_folder(out) == refs.seed1);
  CHECK(entries(fs::path(out).parent_path().string()) == beside);  // no staging folder, no lock file
}

}  // namespace

TEST_CASE("a rerun that runs out of disk space leaves the old complete folder untouched", "[cli][write]") {
  const References refs;
  SECTION("the N-th file write fails with ENOSPC (GVSIM_TEST_FAIL_WRITE), for every N") {
    TempDir tmp;
    const std::string out = tmp.path() + "/out";
    fs::copy(refs.path(1), out);
    for (int n = 1; n <= 5; ++n) {
      INFO("failing write " << n);
      const ScopedEnv fail("GVSIM_TEST_FAIL_WRITE", std::to_string(n));
      check_failed_rerun(refs, out);
    }
  }
  SECTION("a real full tmpfs (where this process may mount one)") {
    TempDir tmp;
    // Room for the old folder, its lock file and half of a second folder: the rerun cannot fit beside it.
    const std::size_t old_bytes = pages_bytes(refs.path(1));
    const SmallTmpfs disk(tmp.path(), old_bytes + 4096 + old_bytes / 2);
    if (!disk.mounted()) {
      WARN("tmpfs not mountable here (needs root): the injected ENOSPC above covers the same path");
      return;
    }
    const std::string out = tmp.path() + "/out";
    fs::copy(refs.path(1), out);
    check_failed_rerun(refs, out);
  }
}

TEST_CASE("SIGKILL at every step of a rerun's write phase leaves the old or the new complete folder",
          "[cli][write][kill]") {
  const References refs;
  struct Point {
    std::string step;
    bool exchange;
  };
  std::vector<Point> points;
  for (const char* step : {"write-1", "write-2", "write-3", "write-4", "write-5", "staged", "swapped", "replaced"})
    points.push_back({step, true});
  for (const char* step : {"staged", "aside", "replaced"})  // a file system without RENAME_EXCHANGE
    points.push_back({step, false});

  for (const auto& point : points) {
    INFO("killed at " << point.step << (point.exchange ? "" : " (old folder set aside)"));
    TempDir tmp;
    const std::string fifo = make_fifo(tmp);
    TempDir parent;
    const std::string out = parent.path() + "/out";
    fs::copy(refs.path(1), out);
    const int pid = start_paused(run_args(out, 2), point.step, fifo, tmp, point.exchange);
    ::kill(pid, SIGKILL);
    CHECK(exit_code_of(pid) == 128 + SIGKILL);

    const Folder left = read_folder(out);
    const bool before_swap = point.step.rfind("write-", 0) == 0 || point.step == "staged";
    if (point.step == "aside") {
      CHECK(left.empty());  // between the renames: the old folder is aside, the next run puts it back
    } else {
      CHECK(left == (before_swap ? refs.seed1 : refs.seed2));
    }

    // The next run clears what is left: paused at its own swap, the folder is the complete old or new one and
    // only its own staging folder and lock file are beside it.
    const int next = start_paused(run_args(out, 1), "staged", fifo, tmp);
    const Folder seen = read_folder(out);
    CHECK(seen == (before_swap || point.step == "aside" ? refs.seed1 : refs.seed2));
    CHECK(entries(parent.path()) == std::set<std::string>{"out", ".out.lock", ".out.tmp-" + std::to_string(next)});
    gvsim::test::resume_paused(fifo, next);
    CHECK(exit_code_of(next) == 0);
    CHECK(read_folder(out) == refs.seed1);
    CHECK(entries(parent.path()) == std::set<std::string>{"out"});
  }
}

TEST_CASE("a second run writing the same --out refuses at once, naming the folder and the holder", "[cli][write]") {
  const References refs;
  TempDir tmp;
  const std::string fifo = make_fifo(tmp);
  TempDir parent;
  const std::string out = parent.path() + "/out";
  fs::copy(refs.path(2), out);  // an earlier run's results, replaced by the slow run

  const int slow = start_paused(run_args(out, 1), "staged", fifo, tmp);  // holds the lock, files staged
  const std::set<std::string> during = entries(parent.path());
  const auto second = run_gvsim(run_args(out, 2));
  INFO(second.err);
  CHECK(second.exit_code == 2);
  CHECK(second.err.find("--out " + out + " is being written by another gvsim run (process " + std::to_string(slow)) !=
        std::string::npos);
  CHECK(second.err.find("nothing was run or written") != std::string::npos);
  CHECK(entries(parent.path()) == during);  // the second run wrote nothing
  CHECK(read_folder(out) == refs.seed2);

  gvsim::test::resume_paused(fifo, slow);
  CHECK(exit_code_of(slow) == 0);
  CHECK(read_folder(out) == refs.seed1);  // one run's files only
  CHECK(entries(parent.path()) == std::set<std::string>{"out"});
  CHECK(run_gvsim(run_args(out, 2)).exit_code == 0);  // the lock went with the run
  CHECK(read_folder(out) == refs.seed2);
}

TEST_CASE("an unusable --out is refused with exit 2 before anything is simulated", "[cli][write]") {
  TempDir tmp;
  const std::string file = tmp.write("file", "not a folder");
  const std::string experiment = source_dir() + "/experiments/quickstart.yaml";
  struct Case {
    std::string out;
    std::string message;
  };
  for (const auto& c :
       {Case{file, "expected a folder, got an existing file"}, Case{file + "/sub", "cannot create the folder " + file},
        Case{file + "/deeper/sub", "cannot create the folder " + file + "/deeper"}}) {
    // --progress prints a last line when a simulation ends: its absence shows none ran.
    const auto result = run_gvsim({"run", experiment, "--out", c.out, "--progress"});
    INFO(c.out << ": " << result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("--out " + c.out + ": " + c.message) != std::string::npos);
    CHECK(result.err.find("simulated") == std::string::npos);
    CHECK(result.out.empty());
  }
  CHECK(entries(tmp.path()) == std::set<std::string>{"file"});

  // A run replaces the whole folder: one holding anything else than results is not touched.
  tmp.write("notes/notes.txt", "mine");
  tmp.write("study/runs/base-r000/summary.csv", "a study's run");
  for (const auto& [folder, foreign] : {std::pair<std::string, std::string>{"notes", "notes.txt"}, {"study", "runs"}}) {
    const std::string out = tmp.path() + "/" + folder;
    const auto before = read_folder(out);
    const auto result = run_gvsim({"run", experiment, "--out", out, "--progress"});
    INFO(result.err);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("--out " + out + ": holds " + foreign + ", which is no gvsim result") != std::string::npos);
    CHECK(result.err.find("simulated") == std::string::npos);
    CHECK(read_folder(out) == before);
  }
  CHECK(entries(tmp.path()) == std::set<std::string>{"file", "notes", "study"});
  const auto study = run_gvsim({"run", source_dir() + "/experiments/replications_demo.yaml", "--out", file + "/s"});
  CHECK(study.exit_code == 2);
  CHECK(study.err.find("cannot create the folder") != std::string::npos);
}

TEST_CASE("progress lines off a terminal only with --progress, and results unchanged", "[cli][progress]") {
  TempDir tmp;
  const std::string experiment = source_dir() + "/experiments/quickstart.yaml";
  const auto plain = run_gvsim({"run", experiment, "--out", tmp.path() + "/plain"});
  const auto shown = run_gvsim({"run", experiment, "--out", tmp.path() + "/shown", "--progress"});
  REQUIRE(plain.exit_code == 0);
  REQUIRE(shown.exit_code == 0);
  CHECK(plain.err.find("events/s") == std::string::npos);  // stderr is a file: no progress unless asked
  const auto last = shown.err.find("gvsim: simulated ");
  REQUIRE(last != std::string::npos);
  CHECK(shown.err.find(" events/s\n", last) != std::string::npos);
  CHECK(shown.err.find('\r') == std::string::npos);  // plain lines, not redrawn ones
  for (const auto& name : {"timeseries.csv", "summary.csv"})
    CHECK(read_text(tmp.path() + "/plain/" + name) == read_text(tmp.path() + "/shown/" + name));
  const auto fingerprint = [&](const std::string& dir) {
    return nlohmann::json::parse(read_text(dir + "/manifest.json")).at("fingerprint").get<std::string>();
  };
  CHECK(fingerprint(tmp.path() + "/plain") == fingerprint(tmp.path() + "/shown"));
}

TEST_CASE("the progress line is redrawn on a terminal, plain only when forced, off when quiet", "[cli][progress]") {
  using gvsim::cli::RunProgress;
  using Mode = RunProgress::Mode;
  //                              forced quiet  terminal
  CHECK(RunProgress::mode_for(false, false, true) == Mode::kRedraw);
  CHECK(RunProgress::mode_for(false, false, false) == Mode::kOff);
  CHECK(RunProgress::mode_for(true, false, false) == Mode::kLines);
  CHECK(RunProgress::mode_for(true, false, true) == Mode::kRedraw);
  CHECK(RunProgress::mode_for(false, true, true) == Mode::kOff);
  CHECK(RunProgress::mode_for(true, true, false) == Mode::kLines);
}
