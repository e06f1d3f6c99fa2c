#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "policies/registry.hpp"

namespace gvsim::policies {

/// @brief What the run gives every market-entry policy: the regions, in scenario order, and their entry days.
struct MarketEntryContext {
  std::vector<std::string> region_names;
  std::vector<double> entry_days;  ///< each region's `market.entry_day`
};

/// @brief What the entry decision sees of a home region at a UTC midnight.
struct HomeState {
  double users_adopted = 0.0;  ///< real-world users adopted so far (churned included)
  double gross_margin_30d = std::numeric_limits<double>::quiet_NaN();  ///< NaN when no net revenue
};

/// @brief Decides when each region opens (adoption starts).
class MarketEntryPolicy {
 public:
  /// @brief The kind's name in messages.
  static constexpr const char* kKind = "market entry";
  virtual ~MarketEntryPolicy() = default;
  /// @brief Entry day fixed before the run, or nullopt when `region` waits for a condition.
  virtual std::optional<double> planned_entry_day(std::size_t region) const = 0;
  /// @brief Earliest day `region` can open (its planned day, or the first day a waiting region may open).
  virtual double earliest_entry_day(std::size_t region) const = 0;
  /// @brief Home region whose state decides the entry of a waiting `region`.
  virtual std::size_t home_of(std::size_t region) const = 0;
  /// @brief True when a condition needs a home region's running gross margin (and so the daily costs).
  virtual bool needs_margin() const = 0;
  /// @brief At the UTC midnight that begins `day`, with the home region's state: the entry day of the waiting
  /// `region` if its condition holds, else nullopt.
  virtual std::optional<double> decide(std::size_t region, double day, const HomeState& home) const = 0;
};

/// @brief The market-entry implementations.
using MarketEntryRegistry = Registry<MarketEntryPolicy, MarketEntryContext>;
/// @brief A market-entry choice with the parameters of every implementation.
using MarketEntrySelection = Selection<MarketEntryPolicy, MarketEntryContext>;

}  // namespace gvsim::policies
