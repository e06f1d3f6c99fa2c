#pragma once

#include <utility>
#include <vector>

#include "policies/market_entry_policy.hpp"

namespace gvsim::policies {

/// @brief Every region opens on its `market.entry_day`.
class ScheduledEntry final : public MarketEntryPolicy {
 public:
  /// @brief Entry on `entry_days[region]`.
  explicit ScheduledEntry(std::vector<double> entry_days) : entry_days_(std::move(entry_days)) {}
  std::optional<double> planned_entry_day(std::size_t region) const override { return entry_days_[region]; }
  std::size_t home_of(std::size_t region) const override { return region; }
  bool needs_margin() const override { return false; }
  std::optional<double> decide(std::size_t, double, const HomeState&) const override { return std::nullopt; }

 private:
  std::vector<double> entry_days_;
};

}  // namespace gvsim::policies
