#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::cli {

/// @brief The progress line of a single run on stderr: simulated day, events per second and ETA.
///
/// Redrawn in place when stderr is a terminal; off when it is not, unless forced (`--progress`), which prints a
/// plain line every few seconds of wall time and a last one when the simulation ends. It is fed by the engine's
/// progress hook (every engine::kProgressStride clock advances), reads only, and so cannot change results.
class RunProgress {
 public:
  /// @brief How the progress is shown.
  enum class Mode { kOff, kRedraw, kLines };

  /// @brief The mode for `--progress` (`forced`) and `--quiet` given whether stderr is a terminal.
  static Mode mode_for(bool forced, bool quiet, bool terminal);

  /// @brief Progress of a run of `horizon_days` simulated days shown as `mode`.
  RunProgress(double horizon_days, Mode mode);
  ~RunProgress();
  RunProgress(const RunProgress&) = delete;
  RunProgress& operator=(const RunProgress&) = delete;

  /// @brief Shows the progress if it is due: simulated seconds and events so far.
  void update(double simulated_s, std::uint64_t events);
  /// @brief Ends the display: clears the redrawn line, or prints the last plain line.
  void finish(double simulated_s, std::uint64_t events);

 private:
  std::string line(double simulated_s, std::uint64_t events, double wall_s);

  double horizon_days_;
  Mode mode_;
  bool drawn_ = false;
  double shown_day_ = 0.0;     ///< simulated day at the last line shown
  double shown_wall_s_ = 0.0;  ///< wall seconds at the last line shown
  double days_per_s_ = 0.0;    ///< smoothed simulated days per wall second, for the ETA
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_shown_;
};

/// @brief Runs the simulation of `scenario` with the progress line `--progress` (`forced`) and `--quiet` ask for.
observe::RunOutcome simulate_with_progress(const model::Scenario& scenario, bool forced, bool quiet);

}  // namespace gvsim::cli
