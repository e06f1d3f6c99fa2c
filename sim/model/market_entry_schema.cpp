// Declarations of the market-entry policy keys (policies.market_entry).
#include "policies/registry.hpp"
#include "sim/model/market_entry_spec.hpp"

namespace gvsim::model {

using schema::Fields;
using schema::NumberRule;
using schema::Presence;

void describe(Fields& f, EntryTriggerSpec& v) {
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

void describe(Fields& f, TriggeredEntrySpec& v) {
  f.list("regions", v.regions, "regions that open on a condition of their home region", 1);
}

void describe(Fields& f, MarketEntrySpec& v) {
  f.here(v.where);
  f.choice("name", v.name, policies::market_entry_names(),
           "scheduled: each region opens on its market.entry_day; triggered: listed regions open when a "
           "condition on their home region holds at a UTC midnight");
  f.nested("triggered", v.triggered, "parameters of the triggered policy (checked, and ignored under another name)");
  f.here_of("triggered", v.triggered_where);
}

double earliest_entry_day(const MarketEntrySpec& spec, const std::string& region, double entry_day) {
  if (spec.name != "triggered") return entry_day;
  for (const auto& t : spec.triggered.regions) {
    if (t.region.name == region) return t.not_before_day;
  }
  return entry_day;
}

}  // namespace gvsim::model
