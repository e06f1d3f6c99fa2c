// Every region opens on its market.entry_day.
#include "policies/market_entry_policy.hpp"

namespace gvsim::policies {
namespace {

/// Every region opens on its `market.entry_day`.
class ScheduledEntry final : public MarketEntryPolicy {
 public:
  explicit ScheduledEntry(const MarketEntryContext& context) : entry_days_(context.entry_days) {}
  std::optional<double> planned_entry_day(std::size_t region) const override { return entry_days_[region]; }
  double earliest_entry_day(std::size_t region) const override { return entry_days_[region]; }
  std::size_t home_of(std::size_t region) const override { return region; }
  bool needs_margin() const override { return false; }
  std::optional<double> decide(std::size_t, double, const HomeState&) const override { return std::nullopt; }

 private:
  std::vector<double> entry_days_;
};

[[maybe_unused]] const bool registered =
    MarketEntryRegistry::add<ScheduledEntry>({"scheduled", 10, "each region opens on its market.entry_day"});

}  // namespace
}  // namespace gvsim::policies
