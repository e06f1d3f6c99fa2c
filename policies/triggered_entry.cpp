#include "policies/triggered_entry.hpp"

#include <algorithm>
#include <utility>

namespace gvsim::policies {

TriggeredEntry::TriggeredEntry(std::vector<double> entry_days, std::vector<EntryTrigger> triggers)
    : entry_days_(std::move(entry_days)), triggers_(std::move(triggers)) {}

const EntryTrigger* TriggeredEntry::trigger_of(std::size_t region) const {
  for (const auto& t : triggers_) {
    if (t.region == region) return &t;
  }
  return nullptr;
}

std::optional<double> TriggeredEntry::planned_entry_day(std::size_t region) const {
  if (trigger_of(region) != nullptr) return std::nullopt;
  return entry_days_[region];
}

std::size_t TriggeredEntry::home_of(std::size_t region) const {
  const EntryTrigger* t = trigger_of(region);
  return t != nullptr ? t->home : region;
}

bool TriggeredEntry::needs_margin() const {
  return std::any_of(triggers_.begin(), triggers_.end(),
                     [](const EntryTrigger& t) { return t.gross_margin_30d_at_least.has_value(); });
}

std::optional<double> TriggeredEntry::decide(std::size_t region, double day, const HomeState& home) const {
  const EntryTrigger* t = trigger_of(region);
  if (t == nullptr) return std::nullopt;
  bool all = true;
  bool any = false;
  auto consider = [&](bool holds) {
    all = all && holds;
    any = any || holds;
  };
  if (t->users_adopted_at_least) consider(home.users_adopted >= *t->users_adopted_at_least);
  // An undefined margin (no net revenue yet) never satisfies a margin condition (NaN compares false).
  if (t->gross_margin_30d_at_least) consider(home.gross_margin_30d >= *t->gross_margin_30d_at_least);
  if (!(t->require_all ? all && any : any)) return std::nullopt;
  return std::max(day + static_cast<double>(t->lag_days), t->not_before_day);
}

}  // namespace gvsim::policies
