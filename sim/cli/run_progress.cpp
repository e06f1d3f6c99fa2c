#include "sim/cli/run_progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "sim/engine/simulation.hpp"
#include "sim/study/progress_bar.hpp"

namespace gvsim::cli {

namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(250);
constexpr auto kLineInterval = std::chrono::seconds(5);

std::string rate_text(double per_s) {
  char buffer[32];
  if (per_s >= 1e6) {
    std::snprintf(buffer, sizeof buffer, "%.2fM", per_s / 1e6);
  } else if (per_s >= 1e3) {
    std::snprintf(buffer, sizeof buffer, "%.1fk", per_s / 1e3);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.0f", per_s);
  }
  return buffer;
}

/// Feeds a progress display from the engine's hook for as long as it lives (an exception included).
class HookedProgress {
 public:
  explicit HookedProgress(RunProgress& progress) {
    engine::set_progress_hook(
        [&progress](double simulated_s, std::uint64_t events) { progress.update(simulated_s, events); });
  }
  ~HookedProgress() { engine::set_progress_hook({}); }
  HookedProgress(const HookedProgress&) = delete;
  HookedProgress& operator=(const HookedProgress&) = delete;
};

}  // namespace

RunProgress::Mode RunProgress::mode_for(bool forced, bool quiet, bool terminal) {
  if (quiet && !forced) return Mode::kOff;
  if (terminal) return Mode::kRedraw;
  return forced ? Mode::kLines : Mode::kOff;
}

RunProgress::RunProgress(double horizon_days, Mode mode)
    : horizon_days_(horizon_days), mode_(mode), started_(std::chrono::steady_clock::now()), last_shown_(started_) {}

std::string RunProgress::line(double simulated_s, std::uint64_t events, double wall_s) {
  const double day = simulated_s / 86400.0;
  const double share = horizon_days_ > 0.0 ? std::min(1.0, day / horizon_days_) : 1.0;
  const double rate = wall_s > 0.0 ? static_cast<double>(events) / wall_s : 0.0;
  // Days per wall second over the latest stretch, smoothed: later days of a growing market take longer.
  const double stretch_s = wall_s - shown_wall_s_;
  if (stretch_s > 0.0 && day > shown_day_) {
    const double recent = (day - shown_day_) / stretch_s;
    days_per_s_ = days_per_s_ > 0.0 ? 0.5 * (recent + days_per_s_) : recent;
  }
  shown_day_ = day;
  shown_wall_s_ = wall_s;
  const std::string eta =
      days_per_s_ > 0.0 ? study::duration_text(std::max(0.0, horizon_days_ - day) / days_per_s_) : std::string("-");
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "gvsim: day %.1f of %g (%.0f %%), %s events/s, ETA %s", day, horizon_days_,
                100.0 * share, rate_text(rate).c_str(), eta.c_str());
  return buffer;
}

void RunProgress::update(double simulated_s, std::uint64_t events) {
  if (mode_ == Mode::kOff) return;
  const auto now = std::chrono::steady_clock::now();
  const std::chrono::steady_clock::duration interval =
      mode_ == Mode::kRedraw ? std::chrono::steady_clock::duration(kRedrawInterval) : kLineInterval;
  if (now - last_shown_ < interval) return;
  last_shown_ = now;
  const std::string text = line(simulated_s, events, std::chrono::duration<double>(now - started_).count());
  if (mode_ == Mode::kRedraw) {
    std::fprintf(stderr, "\r\033[K%s", text.c_str());
    drawn_ = true;
  } else {
    std::fprintf(stderr, "%s\n", text.c_str());
  }
  std::fflush(stderr);
}

RunProgress::~RunProgress() {
  if (drawn_) std::fputs("\r\033[K", stderr);  // the run failed: its message starts a clean line
}

void RunProgress::finish(double simulated_s, std::uint64_t events) {
  if (mode_ == Mode::kRedraw && drawn_) {
    std::fputs("\r\033[K", stderr);
  } else if (mode_ == Mode::kLines) {
    const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    std::fprintf(stderr, "gvsim: simulated %g days in %s, %s events/s\n", simulated_s / 86400.0,
                 study::duration_text(wall_s).c_str(),
                 rate_text(wall_s > 0.0 ? static_cast<double>(events) / wall_s : 0.0).c_str());
  }
  std::fflush(stderr);
  drawn_ = false;
}

observe::RunOutcome simulate_with_progress(const model::Scenario& scenario, bool forced, bool quiet) {
  const auto mode = RunProgress::mode_for(forced, quiet, ::isatty(STDERR_FILENO) != 0);
  RunProgress progress(scenario.experiment.horizon_days, mode);
  if (mode == RunProgress::Mode::kOff) return engine::run_simulation(scenario);
  observe::RunOutcome outcome = [&] {
    const HookedProgress hooked(progress);
    return engine::run_simulation(scenario);
  }();
  progress.finish(outcome.recorder.horizon_s(), outcome.events);
  return outcome;
}

}  // namespace gvsim::cli
