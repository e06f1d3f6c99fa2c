#include "sim/study/progress_bar.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

namespace gvsim::study {

std::string duration_text(double s) {
  char buffer[32];
  const long long whole = std::llround(s);
  if (whole >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", whole / 3600, whole / 60 % 60, whole % 60);
  } else if (whole >= 60) {
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld", whole / 60, whole % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f s", s);
  }
  return buffer;
}

ProgressBar::ProgressBar(std::size_t total, std::size_t parallel, bool quiet, std::string label)
    : label_(std::move(label)),
      total_(total),
      parallel_(std::max<std::size_t>(1, parallel)),
      quiet_(quiet),
      terminal_(::isatty(STDERR_FILENO)) {}

std::string ProgressBar::eta_text() const {
  if (done_ >= total_) return "0 s";
  if (measured_ == 0) return "-";
  const double remaining = static_cast<double>(total_ - done_);
  const double lanes = std::min(static_cast<double>(parallel_), remaining);
  return duration_text(measured_seconds_ / static_cast<double>(measured_) * remaining / lanes);
}

std::string ProgressBar::counts_text() const {
  return std::to_string(done_) + "/" + std::to_string(total_) + " runs, " + std::to_string(failed_) + " failed";
}

void ProgressBar::clear_line() {
  if (terminal_ && drawn_) std::fputs("\r\033[K", stderr);
  drawn_ = false;
}

void ProgressBar::draw() {
  if (!terminal_ || quiet_) return;
  constexpr int kWidth = 30;
  const int filled = total_ == 0 ? kWidth : static_cast<int>(kWidth * done_ / total_);
  std::fprintf(stderr, "\r\033[K[%s%s] %s, %zu running, ETA %s",
               std::string(static_cast<std::size_t>(filled), '#').c_str(),
               std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), counts_text().c_str(), running_,
               eta_text().c_str());
  std::fflush(stderr);
  drawn_ = true;
  last_draw_ = std::chrono::steady_clock::now();
}

void ProgressBar::skipped(const std::string& run_id, const std::string& why) {
  ++done_;
  if (quiet_) return;
  clear_line();
  std::fprintf(stderr, "%s: [%zu/%zu] %s skipped: %s\n", label_.c_str(), done_, total_, run_id.c_str(), why.c_str());
  draw();
}

void ProgressBar::finished(const std::string& run_id, double seconds, bool ok, const std::string& detail) {
  ++done_;
  if (ok) {
    ++measured_;
    measured_seconds_ += seconds;
  } else {
    ++failed_;
  }
  if (quiet_ && ok) return;
  clear_line();
  if (ok) {
    if (!terminal_) {
      std::fprintf(stderr, "%s: [%zu/%zu] %s done in %s (%zu failed, ETA %s)\n", label_.c_str(), done_, total_,
                   run_id.c_str(), duration_text(seconds).c_str(), failed_, eta_text().c_str());
    }
  } else {
    std::fprintf(stderr, "%s: [%zu/%zu] %s FAILED after %s: %s\n", label_.c_str(), done_, total_, run_id.c_str(),
                 duration_text(seconds).c_str(), detail.c_str());
  }
  std::fflush(stderr);
  draw();
}

void ProgressBar::note(const std::string& text) {
  if (quiet_) return;
  clear_line();
  std::fprintf(stderr, "%s: %s\n", label_.c_str(), text.c_str());
  draw();
}

void ProgressBar::tick(std::size_t running) {
  running_ = running;
  if (!terminal_ || quiet_) return;
  if (std::chrono::steady_clock::now() - last_draw_ < std::chrono::milliseconds(250) && drawn_) return;
  draw();
}

void ProgressBar::close() {
  if (terminal_ && drawn_ && !quiet_) std::fputs("\n", stderr);
  drawn_ = false;
}

}  // namespace gvsim::study
