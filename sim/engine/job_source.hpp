#pragma once

#include <cstdint>
#include <vector>

#include "sim/model/scenario.hpp"
#include "sim/rng/random_stream.hpp"

namespace gvsim::engine {

/// @brief Draws the arrival times and work of one region's synthetic jobs from its named streams.
///
/// Streams: `arrivals/REGION` for inter-arrival times, `service/REGION` for work and clip class, so changing the
/// service of one region leaves every arrival time unchanged.
class JobSource {
 public:
  /// @brief A source for `load` with streams under (master_seed, replication).
  JobSource(const model::RegionLoad& load, const std::vector<model::ClipClass>& clip_classes, std::uint64_t master_seed,
            std::uint64_t replication);

  /// @brief Time of the next arrival after one at time t, in seconds (infinity if none).
  double next_arrival_after(double t);
  /// @brief Work of the next job in reference-GPU seconds; `clip_class` receives its class index (0 if none).
  double next_work_s(std::uint32_t& clip_class);
  /// @brief Whether the next job comes from a paying user (stream `tiers/REGION`, drawn only when the share is
  /// strictly between 0 and 1).
  bool next_paid();
  /// @brief Mean work per job in reference-GPU seconds (for load estimates).
  double mean_work_s() const;
  /// @brief Mean arrivals per second.
  double rate_per_s() const { return rate_per_s_; }

 private:
  double sample_class(std::size_t index);

  double rate_per_s_;
  bool poisson_;
  enum class Service { kExponential, kDeterministic, kLognormal, kClipMix };
  Service service_kind_;
  double mean_s_ = 0.0;
  double cv_ = 0.0;
  std::vector<double> class_work_s_;
  std::vector<double> class_cv_;
  std::vector<std::uint32_t> class_index_;
  std::vector<double> cumulative_share_;
  double next_interarrival_s();
  double paid_share_;
  std::vector<model::PathPoint> multiplier_;
  double multiplier_max_ = 0.0;
  rng::RandomStream arrivals_;
  rng::RandomStream service_;
  rng::RandomStream tiers_;
};

}  // namespace gvsim::engine
