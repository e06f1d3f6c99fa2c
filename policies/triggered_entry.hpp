#pragma once

#include <vector>

#include "policies/market_entry_policy.hpp"

namespace gvsim::policies {

/// @brief Listed regions open once a condition on their home region holds at a UTC midnight (home adopters and/or
/// home 30-day gross margin), `lag_days` later and not before `not_before_day`; other regions keep their
/// `market.entry_day`.
class TriggeredEntry final : public MarketEntryPolicy {
 public:
  /// @brief Scheduled entry days for unlisted regions, and the triggers of the waiting ones.
  TriggeredEntry(std::vector<double> entry_days, std::vector<EntryTrigger> triggers);
  std::optional<double> planned_entry_day(std::size_t region) const override;
  std::size_t home_of(std::size_t region) const override;
  bool needs_margin() const override;
  std::optional<double> decide(std::size_t region, double day, const HomeState& home) const override;

 private:
  const EntryTrigger* trigger_of(std::size_t region) const;

  std::vector<double> entry_days_;
  std::vector<EntryTrigger> triggers_;
};

}  // namespace gvsim::policies
