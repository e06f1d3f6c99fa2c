#include "sim/observe/running_costs.hpp"

#include <algorithm>

namespace gvsim::observe {

std::vector<double> closed_day_costs(const model::Scenario& scenario, const std::vector<model::ClusterInfo>& clusters,
                                     const observe::JobRecorder& recorder, std::size_t day) {
  constexpr double kDay = 86400.0;
  const std::size_t regions = scenario.regions.size();
  std::vector<double> reserved_by(regions, 0.0);
  std::vector<double> energy_by(regions, 0.0);
  std::vector<double> egress_by(regions, 0.0);
  std::vector<double> busy_by_origin(regions, 0.0);
  if (day >= recorder.day_count()) return std::vector<double>(regions, 0.0);
  const double scale = scenario.experiment.scale;
  const double day_start = static_cast<double>(day) * kDay;
  const double day_end = day_start + kDay;
  std::size_t cluster = 0;
  for (std::size_t host = 0; host < regions; ++host) {
    const auto& region = scenario.regions[host];
    for (const auto& dc : region.datacenters) {
      for (std::size_t k = 0; k < dc.clusters.size(); ++k, ++cluster) {
        const auto& info = clusters[cluster];
        const auto& gpu = scenario.gpus[info.gpu_model];
        const auto& observed = recorder.clusters()[cluster];
        const auto& booked = observed.days[day];
        // GPU time booked so far, plus the part of the day spent on jobs still running.
        double busy = booked.busy_gpu_s;
        busy_by_origin = booked.busy_by_origin_s;
        for (std::size_t slot = 0; slot < observed.running_since_s.size(); ++slot) {
          const double since = observed.running_since_s[slot];
          if (since < 0.0) continue;
          const double a = std::max(since, day_start);
          if (day_end > a) {
            busy += day_end - a;
            busy_by_origin[observed.running_origin[slot]] += day_end - a;
          }
        }
        // GPU time in service: booked up to the last capacity change, then at the current levels to the day's end.
        const double tail = std::max(0.0, day_end - std::max(day_start, observed.capacity_since_s));
        const double reserved_s = booked.reserved_gpu_s + static_cast<double>(observed.reserved) * tail;
        const double on_demand_s =
            booked.on_demand_gpu_s +
            static_cast<double>(std::max<std::int64_t>(0, observed.in_service - observed.reserved)) * tail;
        const double reserved = scale * (reserved_s / 3600.0 * gpu.reserved_usd_per_gpu_hour +
                                         on_demand_s / 3600.0 * gpu.on_demand_usd_per_gpu_hour);
        const double energy =
            scale * busy / 3600.0 * gpu.board_power_w / 1000.0 * dc.pue * region.market.energy_usd_per_kwh;
        for (std::size_t origin = 0; origin < regions; ++origin) {
          const double share = busy > 0.0 ? busy_by_origin[origin] / busy : (origin == host ? 1.0 : 0.0);
          reserved_by[origin] += share * reserved;
          energy_by[origin] += share * energy;
          egress_by[origin] += scale * booked.egress_by_origin_gb[origin] * dc.egress_usd_per_gb;
        }
      }
    }
  }
  std::vector<double> cost(regions, 0.0);
  for (std::size_t r = 0; r < regions; ++r)
    cost[r] = reserved_by[r] + energy_by[r] + egress_by[r];
  return cost;
}

}  // namespace gvsim::observe
