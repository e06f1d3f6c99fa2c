#pragma once

#include <functional>

#include <map>
#include <string>
#include <vector>
#include "sim/users/region_day.hpp"

namespace gvsim::test {

/// @brief The repository root (for regions/ and experiments/).
std::string source_dir();

/// @brief A fresh temporary folder, removed when the object goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// @brief Absolute path of the folder.
  const std::string& path() const { return path_; }
  /// @brief Writes `content` to `relative` inside the folder (creating sub-folders); returns the full path.
  std::string write(const std::string& relative, const std::string& content) const;

 private:
  std::string path_;
};

/// @brief Runs `body` in a forked child process and returns what it wrote to the given string.
///
/// Each simulation needs its own process (SimGrid's Engine is a singleton); this lets one test case run
/// several replications. A child that throws or crashes makes the call throw std::runtime_error.
std::string run_in_child(const std::function<std::string()>& body);

/// @brief Loads a users-mode experiment, runs it in a child process and returns, for each requested field, its
/// value in every day record of region 0 (`series[field][day]`).
std::vector<std::vector<double>> region_day_series(
    const std::string& experiment_path, const std::vector<std::function<double(const users::RegionDay&)>>& fields);

/// @brief Writes regions/gpus.yaml (one reference-speed GPU model, h100_sxm) and regions/wan.yaml with `links`
/// (YAML, e.g. "[]") into `dir`: the catalogs every small test platform shares.
void write_catalogs(const TempDir& dir, const std::string& links);

/// @brief Result of running the gvsim executable.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// @brief Runs the built gvsim binary with `args` (no shell), capturing stdout and stderr.
CommandResult run_gvsim(const std::vector<std::string>& args);
/// @brief `args` followed by `--set S` for each S of `sets`.
std::vector<std::string> with_sets(std::vector<std::string> args, const std::vector<std::string>& sets);

/// @brief Runs the program `argv[0]` (a path) with `argv` (no shell), capturing stdout and stderr.
CommandResult run_program(const std::vector<std::string>& argv);

/// @brief Starts the built gvsim binary with `args` without waiting; stdout and stderr go to the given files.
/// Returns the child's process id (wait for it with waitpid).
int spawn_gvsim(const std::vector<std::string>& args, const std::string& out_path, const std::string& err_path);

/// @brief Writes a small two-region synthetic experiment (19 lines, runs in well under a second) followed by
/// `extra` (from line 20) into `dir`/study.yaml and returns its path.
std::string write_tiny_experiment(const TempDir& dir, const std::string& extra);
/// @brief Starts the built gvsim binary with `args` (no shell, output discarded); returns its process id.
int start_gvsim(const std::vector<std::string>& args);

/// @brief Waits up to `limit_s` seconds for child `pid` to end and returns its wait status; a child still running
/// then is killed (SIGKILL), reaped, and -1 is returned. A guard against hangs, not a timing check.
int wait_for_exit(int pid, double limit_s);

/// @brief Sets an environment variable for as long as the object lives (children started meanwhile inherit it).
class ScopedEnv {
 public:
  ScopedEnv(std::string name, const std::string& value);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
};

/// @brief Waits until child `pid`, started with GVSIM_TEST_PAUSE=STEP:FIFO, reaches its pause point (it writes
/// its PID into `fifo`) and returns that PID; throws std::runtime_error if the child ends first or after 300 s
/// (a hang guard, not a timing check). The child stays paused until resume_paused.
int wait_for_pause(const std::string& fifo, int pid);

/// @brief Lets child `pid` paused at its pause point (wait_for_pause) go on.
void resume_paused(const std::string& fifo, int pid);

/// @brief Reads a whole file; empty string if it does not exist.
std::string read_text(const std::string& path);

/// @brief The text of the file `path` between the lines `<!-- NAME:begin -->` and `<!-- NAME:end -->` (a generated
/// section of a README); empty when a marker is missing.
std::string generated_section(const std::string& path, const std::string& name);

/// @brief Parses a CSV with a header into rows of column -> text.
std::vector<std::map<std::string, std::string>> read_csv(const std::string& path);

/// @brief Erlang C mean waiting time in queue of an M/M/c queue with arrival rate lambda and service rate mu.
double erlang_c_mean_wait(double lambda, double mu, int servers);

/// @brief Probability of waiting (Erlang C formula) of an M/M/c queue with offered load a = lambda / mu.
double erlang_c_probability(double offered_load, int servers);

}  // namespace gvsim::test
