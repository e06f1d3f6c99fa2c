#include "sim/config/market_policy_checks.hpp"

#include <cstdio>
#include <map>
#include <set>
#include <string>

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
  if (pricing.purchasing_power.floor > pricing.purchasing_power.cap) {
    diagnostics.expected(pricing.purchasing_power_where, base + ".purchasing_power.floor",
                         "a floor <= cap (" + schema::shortest(pricing.purchasing_power.cap) + ")",
                         schema::shortest(pricing.purchasing_power.floor));
  }
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
  const auto& path = pricing.competitor_pressure;
  for (std::size_t i = 1; i < path.size(); ++i) {
    if (path[i].day < path[i - 1].day) {
      diagnostics.error(pricing.where, base + ".competitor_pressure[" + std::to_string(i) + "].day",
                        "days must not decrease along the path");
    }
  }
}

void check_entry(const model::Scenario& scenario, schema::Diagnostics& diagnostics) {
  const auto& entry = scenario.experiment.policies.market_entry;
  const std::string base = "policies.market_entry";
  // The parameters of a policy not chosen are kept and checked, so that `--set ...name=` switches policies.
  if (entry.name == "triggered" && entry.triggered_where.line == 0) {
    diagnostics.error(entry.where, base + ".triggered", "required when name is triggered (which regions wait)");
    return;
  }
  std::map<std::size_t, std::size_t> home_of;
  for (std::size_t i = 0; i < entry.triggered.regions.size(); ++i) {
    const auto& t = entry.triggered.regions[i];
    const std::string path = base + ".triggered.regions[" + std::to_string(i) + "]";
    const bool region_ok = check_region(scenario, t.region, path + ".region", diagnostics);
    const bool home_ok = check_region(scenario, t.home, path + ".home", diagnostics);
    if (!t.users_adopted_at_least && !t.gross_margin_30d_at_least) {
      diagnostics.error(t.where, path, "needs a condition: users_adopted_at_least and/or gross_margin_30d_at_least");
    }
    if (!region_ok || !home_ok) continue;
    if (t.region.name == t.home.name) {
      diagnostics.error(t.home.mark, path + ".home", "a region cannot wait for itself");
      continue;
    }
    const std::size_t r = model::region_index(scenario, t.region.name);
    if (!home_of.emplace(r, model::region_index(scenario, t.home.name)).second) {
      diagnostics.error(t.region.mark, path + ".region", "region '" + t.region.name + "' has a second trigger");
    }
  }
  // A chain of homes that comes back to its start would never open.
  for (const auto& [start, first_home] : home_of) {
    std::size_t at = first_home;
    for (std::size_t steps = 0; steps <= home_of.size(); ++steps) {
      if (at == start) {
        const auto& t = entry.triggered.regions.front();
        diagnostics.error(t.where, base + ".triggered.regions",
                          "region '" + scenario.regions[start].name + "' waits, through its homes, for itself");
        return;
      }
      const auto next = home_of.find(at);
      if (next == home_of.end()) break;
      at = next->second;
    }
  }
}

}  // namespace

void check_market_policies(const model::Scenario& scenario, schema::Diagnostics& diagnostics) {
  check_pricing(scenario, diagnostics);
  check_entry(scenario, diagnostics);
}

}  // namespace gvsim::config
