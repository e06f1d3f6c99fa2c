#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace gvsim::study {

/// @brief A wall-clock duration for progress lines: "12.3 s", "4:05" or "1:02:03".
std::string duration_text(double seconds);

/// @brief Progress of a study on stderr: a bar redrawn in place on a terminal, plain lines otherwise.
class ProgressBar {
 public:
  /// @brief Progress over `total` runs executed `parallel` at a time; `quiet` prints only failures. Lines start
  /// with `label` (e.g. "gvsim rank 1").
  ProgressBar(std::size_t total, std::size_t parallel, bool quiet, std::string label = "gvsim");

  /// @brief A run that needed no work (already complete).
  void skipped(const std::string& run_id, const std::string& why);
  /// @brief A run that ended after `seconds`; `ok` false for a failure (reported with `detail`).
  void finished(const std::string& run_id, double seconds, bool ok, const std::string& detail = {});
  /// @brief A line of information above the bar.
  void note(const std::string& text);
  /// @brief Redraws the bar (terminal only) with the number of runs in progress.
  void tick(std::size_t running);
  /// @brief Ends the bar's line.
  void close();

  /// @brief Runs accounted for (done, skipped or failed).
  std::size_t done() const { return done_; }
  /// @brief Runs that failed.
  std::size_t failed() const { return failed_; }

 private:
  std::string eta_text() const;
  std::string counts_text() const;
  void clear_line();
  void draw();

  std::string label_;
  std::size_t total_;
  std::size_t parallel_;
  bool quiet_;
  bool terminal_;
  std::size_t done_ = 0;
  std::size_t failed_ = 0;
  std::size_t measured_ = 0;
  double measured_seconds_ = 0.0;
  std::size_t running_ = 0;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace gvsim::study
