#include "sim/observe/small_cluster_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/model/erlang_c.hpp"

namespace gvsim::observe {

namespace {
/// Busy share of the GPU time in service on the busiest day after the warm-up: queues form in the busy periods, and
/// a mean over a run whose demand ramps up from nothing would hide them.
double busiest_day_utilisation(const ClusterObservation& c, double warmup_s) {
  double busiest = 0.0;
  for (std::size_t d = 0; d < c.days.size(); ++d) {
    const auto& day = c.days[d];
    if (static_cast<double>(d + 1) * 86400.0 <= warmup_s || day.provisioned_gpu_s <= 0.0) continue;
    busiest = std::max(busiest, day.busy_gpu_s / day.provisioned_gpu_s);
  }
  return busiest;
}
}  // namespace

std::string SmallCluster::message(double scale) const {
  char text[512];
  if (largest_scale >= 1.0) {
    std::snprintf(
        text, sizeof text,
        "cluster %s simulates %lld GPU%s at scale %g (busiest-day utilisation %.2f): below %lld GPUs, its waits "
        "overstate the real cluster's; scale %g or below simulates at least %lld",
        cluster.c_str(), static_cast<long long>(simulated_gpus), simulated_gpus == 1 ? "" : "s", scale, utilisation,
        static_cast<long long>(threshold), std::floor(largest_scale), static_cast<long long>(threshold));
  } else {
    std::snprintf(
        text, sizeof text,
        "cluster %s simulates %lld GPU%s at scale %g (busiest-day utilisation %.2f): below %lld GPUs, its waits "
        "overstate those of a large cluster; the real cluster has only %lld GPUs, no scale reaches it",
        cluster.c_str(), static_cast<long long>(simulated_gpus), simulated_gpus == 1 ? "" : "s", scale, utilisation,
        static_cast<long long>(threshold), static_cast<long long>(real_gpus));
  }
  return text;
}

std::vector<SmallCluster> SmallClusterCheck::find(const std::vector<model::ClusterInfo>& clusters,
                                                  const JobRecorder& recorder) {
  std::vector<SmallCluster> out;
  const auto& observed = recorder.clusters();
  for (std::size_t c = 0; c < clusters.size() && c < observed.size(); ++c) {
    SmallCluster s;
    s.cluster = clusters[c].name;
    s.simulated_gpus = clusters[c].gpus;
    s.real_gpus = clusters[c].real_gpus;
    s.utilisation = busiest_day_utilisation(observed[c], recorder.warmup_s());
    s.threshold = model::erlang_c_servers_within(s.utilisation, kTolerance);
    if (s.simulated_gpus >= s.threshold) continue;
    // round(real / scale) >= threshold  <=>  scale <= real / (threshold - 1/2)
    s.largest_scale = static_cast<double>(s.real_gpus) / (static_cast<double>(s.threshold) - 0.5);
    out.push_back(s);
  }
  return out;
}

}  // namespace gvsim::observe
