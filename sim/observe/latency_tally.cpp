#include "sim/observe/latency_tally.hpp"

#include <algorithm>
#include <cmath>

namespace gvsim::observe {

double LatencyDay::mean_latency_s() const {
  return delivered > 0 ? latency_sum_s / static_cast<double>(delivered) : std::nan("");
}

double LatencyDay::mean_delivery_s() const {
  return delivered > 0 ? delivery_sum_s / static_cast<double>(delivered) : std::nan("");
}

void LatencyDay::merge(const LatencyDay& other) {
  delivered += other.delivered;
  latency_sum_s += other.latency_sum_s;
  delivery_sum_s += other.delivery_sum_s;
  latency.merge(other.latency);
}

LatencyTally::LatencyTally(std::size_t regions, std::size_t days) : days_(regions, std::vector<LatencyDay>(days)) {}

void LatencyTally::on_delivered(std::size_t region, double t, double latency_s, double delivery_s) {
  auto& days = days_[region];
  if (days.empty()) return;
  auto& day = days[std::min(days.size() - 1, static_cast<std::size_t>(t / 86400.0))];
  ++day.delivered;
  day.latency_sum_s += latency_s;
  day.delivery_sum_s += delivery_s;
  day.latency.add(latency_s);
}

LatencyDay LatencyTally::run(std::size_t region) const {
  LatencyDay total;
  for (std::size_t r = 0; r < days_.size(); ++r) {
    if (region < days_.size() && r != region) continue;
    for (const auto& day : days_[r])
      total.merge(day);
  }
  return total;
}

}  // namespace gvsim::observe
