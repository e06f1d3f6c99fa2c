#include "sim/observe/latency_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace gvsim::observe {

namespace {
constexpr double kLowest = 0.01;  // lower edge of the first regular bin, seconds
constexpr double kBinsPerDecade = 20.0;
constexpr std::size_t kRegular = 180;  // 9 decades: 0.01 s to 10^7 s

double lower_edge(std::size_t regular) {
  return kLowest * std::pow(10.0, static_cast<double>(regular) / kBinsPerDecade);
}
}  // namespace

LatencyHistogram::LatencyHistogram() : bins_(kRegular + 2, 0) {}

void LatencyHistogram::add(double seconds) {
  std::size_t bin = 0;  // below kLowest
  if (seconds >= kLowest) {
    const double k = std::floor(std::log10(seconds / kLowest) * kBinsPerDecade);
    bin = 1 + std::min(kRegular, static_cast<std::size_t>(k));
  }
  ++bins_[bin];
  ++count_;
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  for (std::size_t b = 0; b < bins_.size(); ++b)
    bins_[b] += other.bins_[b];
  count_ += other.count_;
}

double LatencyHistogram::quantile(double q) const {
  if (count_ == 0) return std::nan("");
  const double target = q * static_cast<double>(count_);
  double below = 0.0;
  for (std::size_t b = 0; b < bins_.size(); ++b) {
    const auto n = static_cast<double>(bins_[b]);
    if (n == 0.0 || below + n < target) {
      below += n;
      continue;
    }
    if (b == 0) return kLowest;                              // below the range: reported at its lower edge
    if (b == bins_.size() - 1) return lower_edge(kRegular);  // above the range: at its upper edge
    const double from = lower_edge(b - 1);
    const double to = lower_edge(b);
    return from * std::pow(to / from, std::clamp((target - below) / n, 0.0, 1.0));
  }
  return lower_edge(kRegular);
}

}  // namespace gvsim::observe
