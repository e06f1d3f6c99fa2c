#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace gvsim::study {

/// @brief How one child process ended.
struct ChildResult {
  std::size_t tag = 0;      ///< what the caller started it for (a run index)
  int exit_code = 0;        ///< exit status, or 128 + signal number
  std::string stderr_tail;  ///< the last few KB the child wrote to stderr
  double seconds = 0.0;     ///< wall time from start to exit
};

/// @brief Runs commands as child processes (fork + exec), at most `capacity` at a time, collecting their stderr.
///
/// Children read /dev/null, write stdout to /dev/null and stderr into a pipe, and are killed if this process
/// dies (PR_SET_PDEATHSIG), so a killed study leaves no orphan simulations behind.
class ProcessPool {
 public:
  /// @brief A pool running at most `capacity` (>= 1) children.
  explicit ProcessPool(std::size_t capacity);
  ~ProcessPool();
  ProcessPool(const ProcessPool&) = delete;
  ProcessPool& operator=(const ProcessPool&) = delete;

  /// @brief True when another child may start.
  bool has_room() const { return children_.size() < capacity_; }
  /// @brief Number of children running.
  std::size_t running() const { return children_.size(); }
  /// @brief Tags of the running children.
  std::vector<std::size_t> running_tags() const;
  /// @brief Starts `argv[0]` with `argv`; throws std::runtime_error when fork or pipe fail.
  void start(std::size_t tag, const std::vector<std::string>& argv);
  /// @brief Waits up to `timeout_ms` (less if a signal arrives) and returns the children that ended.
  std::vector<ChildResult> wait_some(int timeout_ms);
  /// @brief Sends `signal` to every child, waits up to `grace_ms` for them, then kills the rest; returns them all.
  std::vector<ChildResult> stop_all(int signal, int grace_ms);

 private:
  struct Child {
    std::size_t tag = 0;
    pid_t pid = -1;
    int err_fd = -1;
    std::string tail;
    std::chrono::steady_clock::time_point started;
  };
  void drain(Child& child);
  bool reap(Child& child, ChildResult& result, bool block);

  std::size_t capacity_;
  std::vector<Child> children_;
};

}  // namespace gvsim::study
