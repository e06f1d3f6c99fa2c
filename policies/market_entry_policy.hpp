#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace gvsim::policies {

/// @brief When a waiting region opens: a condition on its home region, checked at each UTC midnight.
struct EntryTrigger {
  std::size_t region = 0;                           ///< the region that waits
  std::size_t home = 0;                             ///< the region whose state decides
  std::optional<double> users_adopted_at_least;     ///< home adopters so far (real-world users)
  std::optional<double> gross_margin_30d_at_least;  ///< home gross margin over the last 30 closed days
  bool require_all = true;                          ///< both given conditions must hold (else either)
  std::int64_t lag_days = 0;                        ///< days from the midnight the condition holds to the entry
  double not_before_day = 0.0;                      ///< earliest entry day
};

/// @brief Everything a market-entry policy is built from.
struct MarketEntrySetup {
  std::string name = "scheduled";
  std::vector<double> entry_days;      ///< each region's `market.entry_day`
  std::vector<EntryTrigger> triggers;  ///< triggered: the regions that wait for a condition
};

/// @brief What the entry decision sees of a home region at a UTC midnight.
struct HomeState {
  double users_adopted = 0.0;  ///< real-world users adopted so far (churned included)
  double gross_margin_30d = std::numeric_limits<double>::quiet_NaN();  ///< NaN when no net revenue
};

/// @brief Decides when each region opens (adoption starts).
class MarketEntryPolicy {
 public:
  virtual ~MarketEntryPolicy() = default;
  /// @brief Entry day fixed before the run, or nullopt when `region` waits for a condition.
  virtual std::optional<double> planned_entry_day(std::size_t region) const = 0;
  /// @brief Home region whose state decides the entry of a waiting `region`.
  virtual std::size_t home_of(std::size_t region) const = 0;
  /// @brief True when a condition needs a home region's running gross margin (and so the daily costs).
  virtual bool needs_margin() const = 0;
  /// @brief At the UTC midnight that begins `day`, with the home region's state: the entry day of the waiting
  /// `region` if its condition holds, else nullopt.
  virtual std::optional<double> decide(std::size_t region, double day, const HomeState& home) const = 0;
};

}  // namespace gvsim::policies
