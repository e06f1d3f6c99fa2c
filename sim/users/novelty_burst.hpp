#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "sim/model/scenario.hpp"
#include "sim/rng/random_stream.hpp"

namespace gvsim::users {

/// @brief The burst of extra clips new consumer users request in their first days (novelty).
///
/// At adoption a user draws N ~ Poisson(B) extra clips, B = behaviour.novelty_clips_innovator for a user who
/// adopted through the Bass innovation term and behaviour.novelty_clips for an imitator, each at the adoption time
/// plus an exponential age of mean behaviour.novelty_days: exactly an inhomogeneous Poisson process of intensity
/// B f(age), f the exponential density. Only the pending clips are held, in a min-heap per region. With both B
/// at 0 nothing is drawn and nothing is held.
class NoveltyBurst {
 public:
  /// @brief Burst parameters of `scenario`, with one stream per region under (seed, replication).
  NoveltyBurst(const model::Scenario& scenario, std::uint64_t seed, std::uint64_t replication);

  /// @brief True when some new user may draw a burst (either mean is positive).
  bool enabled() const { return enabled_; }
  /// @brief True when innovators and imitators have different means (so the kind of adopter must be drawn).
  bool splits() const { return innovator_clips_ != imitator_clips_; }
  /// @brief Draws whether an adoption in `region` came through the innovation term, which holds `share` of the
  /// hazard; draws nothing (false) unless splits().
  bool draw_innovator(std::size_t region, double share);
  /// @brief Draws and schedules the burst of `user`, adopted in `region` at time t (s).
  void on_adopt(std::size_t region, std::uint32_t user, bool innovator, double t);

  /// @brief Time (s) of the region's next pending burst clip (infinity if none).
  double next_s(std::size_t region) const {
    const auto& heap = regions_[region].heap;
    return heap.empty() ? std::numeric_limits<double>::infinity() : heap.front().t;
  }
  /// @brief Removes the region's next pending burst clip and returns its user.
  std::uint32_t pop(std::size_t region);
  /// @brief The stream that draws the clip class and work of the region's burst clips.
  rng::RandomStream& stream(std::size_t region) { return regions_[region].stream; }
  /// @brief Burst clips pending over all regions.
  std::size_t pending() const { return pending_; }
  /// @brief Largest number of burst clips pending at once over the run (all regions).
  std::size_t peak_pending() const { return peak_pending_; }

 private:
  struct Pending {
    double t;
    std::uint32_t user;
  };
  /// Later first, so that the std heap functions keep the earliest clip at the front (ties by user).
  static bool later(const Pending& a, const Pending& b);
  struct RegionBurst {
    std::vector<Pending> heap;  ///< min-heap on (t, user)
    rng::RandomStream stream;
  };

  double innovator_clips_;
  double imitator_clips_;
  double mean_age_s_;
  bool enabled_;
  std::vector<RegionBurst> regions_;
  std::size_t pending_ = 0;
  std::size_t peak_pending_ = 0;
};

}  // namespace gvsim::users
