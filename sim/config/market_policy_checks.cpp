#include "sim/config/market_policy_checks.hpp"

#include <cstdio>
#include <set>
#include <string>

#include "sim/model/policy_contexts.hpp"
#include "sim/model/region_graph.hpp"

namespace gvsim::config {

namespace {

std::string participating(const model::Scenario& scenario) {
  std::vector<std::string> names;
  for (const auto& r : scenario.regions)
    names.push_back(r.name);
  return names.empty() ? std::string("none") : schema::join_names(names);
}

/// True when `ref` names a participating region; reports it otherwise (unless empty: reported by the reader).
bool check_region(const model::Scenario& scenario, const schema::NameRef& ref, const std::string& path,
                  schema::Diagnostics& diagnostics) {
  if (ref.name.empty()) return false;
  if (model::region_index(scenario, ref.name) < scenario.regions.size()) return true;
  diagnostics.error(ref.mark, path,
                    "unknown region '" + ref.name + "'; regions taking part: " + participating(scenario));
  return false;
}

void check_pricing(const model::Scenario& scenario, schema::Diagnostics& diagnostics) {
  const auto& pricing = scenario.experiment.policies.pricing;
  const std::string base = "policies.pricing";
  pricing.check(model::pricing_context(scenario), base, pricing.where, diagnostics);
  std::set<std::string> names;
  for (std::size_t i = 0; i < pricing.promotions.size(); ++i) {
    const auto& p = pricing.promotions[i];
    const std::string path = base + ".promotions[" + std::to_string(i) + "]";
    if (!p.name.empty() && !names.insert(p.name).second) {
      diagnostics.error(p.where, path + ".name", "promotion name '" + p.name + "' is used twice");
    }
    if (p.end_where.line > 0 && p.end_day <= p.start_day) {
      diagnostics.expected(p.end_where, path + ".end_day",
                           "a day after start_day (" + schema::shortest(p.start_day) + ")",
                           schema::shortest(p.end_day));
    }
    for (std::size_t k = 0; k < p.regions.size(); ++k)
      check_region(scenario, p.regions[k], path + ".regions[" + std::to_string(k) + "]", diagnostics);
  }
}

/// Reports a path (of PathPoint or PricePoint) whose days decrease.
template <typename Point>
void check_days(const std::vector<Point>& path, const schema::SourceMark& where, const std::string& key,
                schema::Diagnostics& diagnostics) {
  for (std::size_t i = 1; i < path.size(); ++i) {
    if (path[i].day < path[i - 1].day) {
      diagnostics.error(where, key + "[" + std::to_string(i) + "].day", "days must not decrease along the path");
    }
  }
}

void check_rivals(const model::Scenario& scenario, schema::Diagnostics& diagnostics) {
  const auto& market = scenario.experiment.market;
  for (const auto& rival : market.rivals) {
    const std::string path = "market.rivals." + rival.name;
    check_days(rival.price, rival.where, path + ".price", diagnostics);
    check_days(rival.quality, rival.where, path + ".quality", diagnostics);
    for (std::size_t k = 0; k < rival.regions.size(); ++k)
      check_region(scenario, rival.regions[k], path + ".regions[" + std::to_string(k) + "]", diagnostics);
  }
  check_days(market.choice.platform_quality, scenario.experiment.where, "market.choice.platform_quality", diagnostics);
}

}  // namespace

void check_market_policies(const model::Scenario& scenario, schema::Diagnostics& diagnostics) {
  check_pricing(scenario, diagnostics);
  check_rivals(scenario, diagnostics);
  const auto& entry = scenario.experiment.policies.market_entry;
  entry.check(model::market_entry_context(scenario), "policies.market_entry", entry.where, diagnostics);
}

}  // namespace gvsim::config
