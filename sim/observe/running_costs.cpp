#include "sim/observe/running_costs.hpp"

#include <algorithm>

#include "sim/observe/cluster_day_cost.hpp"

namespace gvsim::observe {

std::vector<double> closed_day_costs(const model::Scenario& scenario, const std::vector<model::ClusterInfo>& clusters,
                                     const observe::JobRecorder& recorder, std::size_t day) {
  constexpr double kDay = 86400.0;
  std::vector<double> cost(scenario.regions.size(), 0.0);
  if (day >= recorder.day_count()) return cost;
  const double day_start = static_cast<double>(day) * kDay;
  const double day_end = day_start + kDay;
  for (std::size_t c = 0; c < clusters.size(); ++c) {
    const auto& observed = recorder.clusters()[c];
    const auto& booked = observed.days[day];
    // The day as booked so far, plus the part of it spent on jobs still running (booked when they complete).
    ClusterDay closed;
    closed.busy_gpu_s = booked.busy_gpu_s;
    closed.busy_by_origin_s = booked.busy_by_origin_s;
    closed.egress_by_origin_gb = booked.egress_by_origin_gb;
    for (std::size_t slot = 0; slot < observed.running_since_s.size(); ++slot) {
      const double since = observed.running_since_s[slot];
      if (since < 0.0) continue;
      const double a = std::max(since, day_start);
      if (day_end > a) {
        closed.busy_gpu_s += day_end - a;
        closed.busy_by_origin_s[observed.running_origin[slot]] += day_end - a;
      }
    }
    // GPU time in service: booked up to the last capacity change, then at the current levels to the day's end.
    const double tail = std::max(0.0, day_end - std::max(day_start, observed.capacity_since_s));
    closed.reserved_gpu_s = booked.reserved_gpu_s + static_cast<double>(observed.reserved) * tail;
    closed.provisioned_gpu_s = booked.provisioned_gpu_s + static_cast<double>(observed.in_service) * tail;
    closed.on_demand_gpu_s =
        booked.on_demand_gpu_s +
        static_cast<double>(std::max<std::int64_t>(0, observed.in_service - observed.reserved)) * tail;
    const auto shares = allocate_cluster_day(scenario, clusters[c], closed);
    for (std::size_t origin = 0; origin < cost.size(); ++origin)
      cost[origin] += shares[origin].total_usd();
  }
  return cost;
}

}  // namespace gvsim::observe
