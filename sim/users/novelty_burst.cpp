#include "sim/users/novelty_burst.hpp"

#include <algorithm>

#include "sim/users/market_time.hpp"
#include "sim/users/moderation_flow.hpp"

namespace gvsim::users {

NoveltyBurst::NoveltyBurst(const model::Scenario& scenario, std::uint64_t seed, std::uint64_t replication)
    : innovator_clips_(scenario.experiment.workload.users.behaviour.novelty_clips_innovator),
      imitator_clips_(scenario.experiment.workload.users.behaviour.novelty_clips),
      mean_age_s_(scenario.experiment.workload.users.behaviour.novelty_days * kDay),
      enabled_(innovator_clips_ > 0.0 || imitator_clips_ > 0.0) {
  for (const auto& region : scenario.regions)
    regions_.push_back({{}, rng::RandomStream(seed, replication, "users/" + region.name + "/novelty")});
}

bool NoveltyBurst::draw_innovator(std::size_t region, double share) {
  return splits() && regions_[region].stream.bernoulli(share);
}

void NoveltyBurst::on_adopt(std::size_t region, std::uint32_t user, bool innovator, double t) {
  const double mean = innovator ? innovator_clips_ : imitator_clips_;
  if (!(mean > 0.0)) return;
  auto& burst = regions_[region];
  const std::int64_t clips = poisson(burst.stream, mean);
  for (std::int64_t k = 0; k < clips; ++k) {
    burst.heap.push_back({t + burst.stream.exponential(mean_age_s_), user});
    std::push_heap(burst.heap.begin(), burst.heap.end(), later);
  }
  pending_ += static_cast<std::size_t>(clips);
  peak_pending_ = std::max(peak_pending_, pending_);
}

std::uint32_t NoveltyBurst::pop(std::size_t region) {
  auto& heap = regions_[region].heap;
  std::pop_heap(heap.begin(), heap.end(), later);
  const std::uint32_t user = heap.back().user;
  heap.pop_back();
  --pending_;
  return user;
}

bool NoveltyBurst::later(const Pending& a, const Pending& b) {
  return a.t > b.t || (a.t == b.t && a.user > b.user);
}

}  // namespace gvsim::users
