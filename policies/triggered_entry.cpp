// Regions that open once a condition on their home region holds.
#include <algorithm>
#include <map>

#include "policies/market_entry_policy.hpp"

namespace gvsim::policies {
namespace {

using schema::NumberRule;

/// One waiting region, as written in the experiment file.
struct TriggerSpec {
  schema::NameRef region;
  schema::NameRef home;
  std::optional<double> users_adopted_at_least;
  std::optional<double> gross_margin_30d_at_least;
  std::string require = "all";
  std::int64_t lag_days = 0;
  double not_before_day = 0.0;
  schema::SourceMark where;
};

/// Parameters of the triggered entry policy.
struct TriggeredParams {
  std::vector<TriggerSpec> regions;
};

void describe(schema::Fields& f, TriggerSpec& v) {
  f.here(v.where);
  f.reference("region", v.region, "region", "the region that waits (its market.entry_day is not used)");
  f.reference("home", v.home, "region", "the region whose users or margin decide");
  f.optional_number("users_adopted_at_least", v.users_adopted_at_least, NumberRule::between(0.0, 1e12, "users"),
                    "condition: real-world users adopted in the home region so far (churned included) >= this");
  f.optional_number("gross_margin_30d_at_least", v.gross_margin_30d_at_least, NumberRule::between(-1000.0, 1.0),
                    "condition: home gross margin (net revenue - cost) / net revenue over the last 30 closed days "
                    ">= this");
  f.choice("require", v.require, {"all", "any"}, "all: every given condition must hold; any: one is enough");
  f.integer("lag_days", v.lag_days, NumberRule::whole(0, 3650, "d"),
            "days from the UTC midnight at which the condition first holds to the entry");
  f.number("not_before_day", v.not_before_day, NumberRule::between(0.0, 36500.0, "d"),
           "the region never opens before this day");
}

void describe(schema::Fields& f, TriggeredParams& v) {
  f.list("regions", v.regions, "regions that open on a condition of their home region", 1);
}

/// Index of region `name` in `names` (names.size() when it does not take part).
std::size_t index_of(const std::vector<std::string>& names, const std::string& name) {
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

/// True when `ref` names a region taking part; reports it otherwise (unless empty: reported by the reader).
bool check_region(const MarketEntryContext& context, const schema::NameRef& ref, const std::string& path,
                  schema::Diagnostics& diagnostics) {
  if (ref.name.empty()) return false;
  if (index_of(context.region_names, ref.name) < context.region_names.size()) return true;
  const auto& names = context.region_names;
  diagnostics.error(ref.mark, path,
                    "unknown region '" + ref.name +
                        "'; regions taking part: " + (names.empty() ? std::string("none") : schema::join_names(names)));
  return false;
}

/// A chain of homes that comes back to its start would never open.
void check_cycles(const TriggeredParams& p, const MarketEntryContext& context, const std::string& base,
                  const std::map<std::size_t, std::size_t>& home_of, schema::Diagnostics& diagnostics) {
  for (const auto& [start, first_home] : home_of) {
    std::size_t at = first_home;
    for (std::size_t steps = 0; steps <= home_of.size(); ++steps) {
      if (at == start) {
        diagnostics.error(p.regions.front().where, base + ".triggered.regions",
                          "region '" + context.region_names[start] + "' waits, through its homes, for itself");
        return;
      }
      const auto next = home_of.find(at);
      if (next == home_of.end()) break;
      at = next->second;
    }
  }
}

/// The chosen policy needs its block; every trigger names regions taking part, has a condition, waits for another
/// region, is the only one of its region, and no chain of homes comes back to its start.
void check(const TriggeredParams& p, const MarketEntryContext& context, const BlockSite& site,
           schema::Diagnostics& diagnostics) {
  if (site.chosen && site.block.line == 0) {
    diagnostics.error(site.owner, site.path + ".triggered", "required when name is triggered (which regions wait)");
    return;
  }
  std::map<std::size_t, std::size_t> home_of;
  for (std::size_t i = 0; i < p.regions.size(); ++i) {
    const auto& t = p.regions[i];
    const std::string path = site.path + ".triggered.regions[" + std::to_string(i) + "]";
    const bool region_ok = check_region(context, t.region, path + ".region", diagnostics);
    const bool home_ok = check_region(context, t.home, path + ".home", diagnostics);
    if (!t.users_adopted_at_least && !t.gross_margin_30d_at_least) {
      diagnostics.error(t.where, path, "needs a condition: users_adopted_at_least and/or gross_margin_30d_at_least");
    }
    if (!region_ok || !home_ok) continue;
    if (t.region.name == t.home.name) {
      diagnostics.error(t.home.mark, path + ".home", "a region cannot wait for itself");
      continue;
    }
    const std::size_t r = index_of(context.region_names, t.region.name);
    if (!home_of.emplace(r, index_of(context.region_names, t.home.name)).second) {
      diagnostics.error(t.region.mark, path + ".region", "region '" + t.region.name + "' has a second trigger");
    }
  }
  check_cycles(p, context, site.path, home_of, diagnostics);
}

/// When a waiting region opens: a condition on its home region, checked at each UTC midnight.
struct EntryTrigger {
  std::size_t region = 0;  ///< the region that waits (region_names.size() when it does not take part)
  std::size_t home = 0;    ///< the region whose state decides
  std::optional<double> users_adopted_at_least;
  std::optional<double> gross_margin_30d_at_least;
  bool require_all = true;  ///< both given conditions must hold (else either)
  std::int64_t lag_days = 0;
  double not_before_day = 0.0;
};

/// Listed regions open once a condition on their home region holds at a UTC midnight (home adopters and/or home
/// 30-day gross margin), `lag_days` later and not before `not_before_day`; other regions keep their
/// `market.entry_day`.
class TriggeredEntry final : public MarketEntryPolicy {
 public:
  TriggeredEntry(const TriggeredParams& params, const MarketEntryContext& context) : entry_days_(context.entry_days) {
    for (const auto& t : params.regions) {
      triggers_.push_back(EntryTrigger{index_of(context.region_names, t.region.name),
                                       index_of(context.region_names, t.home.name), t.users_adopted_at_least,
                                       t.gross_margin_30d_at_least, t.require == "all", t.lag_days, t.not_before_day});
    }
  }

  std::optional<double> planned_entry_day(std::size_t region) const override {
    if (trigger_of(region) != nullptr) return std::nullopt;
    return entry_days_[region];
  }

  double earliest_entry_day(std::size_t region) const override {
    const EntryTrigger* t = trigger_of(region);
    return t != nullptr ? t->not_before_day : entry_days_[region];
  }

  std::size_t home_of(std::size_t region) const override {
    const EntryTrigger* t = trigger_of(region);
    return t != nullptr ? t->home : region;
  }

  bool needs_margin() const override {
    return std::any_of(triggers_.begin(), triggers_.end(),
                       [](const EntryTrigger& t) { return t.gross_margin_30d_at_least.has_value(); });
  }

  std::optional<double> decide(std::size_t region, double day, const HomeState& home) const override {
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

 private:
  const EntryTrigger* trigger_of(std::size_t region) const {
    for (const auto& t : triggers_) {
      if (t.region == region) return &t;
    }
    return nullptr;
  }

  std::vector<double> entry_days_;
  std::vector<EntryTrigger> triggers_;
};

[[maybe_unused]] const bool registered = MarketEntryRegistry::add<TriggeredEntry, TriggeredParams>(
    {"triggered", 20, "listed regions open when a condition on their home region holds at a UTC midnight",
     "parameters of the triggered policy (checked, and ignored under another name)"},
    &check);

}  // namespace
}  // namespace gvsim::policies
