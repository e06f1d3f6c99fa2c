#include "policies/registry.hpp"

#include <functional>
#include <utility>

#include "policies/fifo_scheduling.hpp"
#include "policies/least_loaded_placement.hpp"
#include "policies/nearest_placement.hpp"
#include "policies/purchasing_power_pricing.hpp"
#include "policies/scheduled_entry.hpp"
#include "policies/triggered_entry.hpp"
#include "policies/uniform_pricing.hpp"

namespace gvsim::policies {

namespace {

template <class Base>
using Factory = std::pair<std::string, std::function<std::unique_ptr<Base>()>>;

// Built-in policies are registered here explicitly, in the order users see them listed.
const std::vector<Factory<PlacementPolicy>>& placement_factories() {
  static const std::vector<Factory<PlacementPolicy>> factories = {
      {"nearest", [] { return std::make_unique<NearestPlacement>(); }},
      {"least_loaded", [] { return std::make_unique<LeastLoadedPlacement>(); }},
  };
  return factories;
}

const std::vector<Factory<SchedulingPolicy>>& scheduling_factories() {
  static const std::vector<Factory<SchedulingPolicy>> factories = {
      {"fifo", [] { return std::make_unique<FifoScheduling>(); }},
  };
  return factories;
}

template <class Base, class Setup>
using SetupFactory = std::pair<std::string, std::function<std::unique_ptr<Base>(const Setup&)>>;

const std::vector<SetupFactory<PricingPolicy, PricingSetup>>& pricing_factories() {
  static const std::vector<SetupFactory<PricingPolicy, PricingSetup>> factories = {
      {"uniform", [](const PricingSetup& s) { return std::make_unique<UniformPricing>(s.promotions); }},
      {"purchasing_power",
       [](const PricingSetup& s) {
         return std::make_unique<PurchasingPowerPricing>(s.purchasing_power, s.price_index, s.promotions);
       }},
  };
  return factories;
}

const std::vector<SetupFactory<MarketEntryPolicy, MarketEntrySetup>>& market_entry_factories() {
  static const std::vector<SetupFactory<MarketEntryPolicy, MarketEntrySetup>> factories = {
      {"scheduled", [](const MarketEntrySetup& s) { return std::make_unique<ScheduledEntry>(s.entry_days); }},
      {"triggered",
       [](const MarketEntrySetup& s) { return std::make_unique<TriggeredEntry>(s.entry_days, s.triggers); }},
  };
  return factories;
}

template <class Base>
std::vector<std::string> names_of(const std::vector<Factory<Base>>& factories) {
  std::vector<std::string> names;
  for (const auto& f : factories)
    names.push_back(f.first);
  return names;
}

template <class Base>
std::unique_ptr<Base> make(const std::vector<Factory<Base>>& factories, const std::string& kind,
                           const std::string& name) {
  std::string valid;
  for (const auto& f : factories) {
    if (f.first == name) return f.second();
    valid += (valid.empty() ? "" : ", ") + f.first;
  }
  throw std::invalid_argument("unknown " + kind + " policy '" + name + "'. Valid values are: " + valid);
}

template <class Base, class Setup>
std::vector<std::string> names_of(const std::vector<SetupFactory<Base, Setup>>& factories) {
  std::vector<std::string> names;
  for (const auto& f : factories)
    names.push_back(f.first);
  return names;
}

template <class Base, class Setup>
std::unique_ptr<Base> make_with(const std::vector<SetupFactory<Base, Setup>>& factories, const std::string& kind,
                                const Setup& setup) {
  std::string valid;
  for (const auto& f : factories) {
    if (f.first == setup.name) return f.second(setup);
    valid += (valid.empty() ? "" : ", ") + f.first;
  }
  throw std::invalid_argument("unknown " + kind + " policy '" + setup.name + "'. Valid values are: " + valid);
}

}  // namespace

const std::vector<std::string>& placement_names() {
  static const std::vector<std::string> names = names_of(placement_factories());
  return names;
}

const std::vector<std::string>& scheduling_names() {
  static const std::vector<std::string> names = names_of(scheduling_factories());
  return names;
}

std::unique_ptr<PlacementPolicy> make_placement(const std::string& name) {
  return make(placement_factories(), "placement", name);
}

std::unique_ptr<SchedulingPolicy> make_scheduling(const std::string& name) {
  return make(scheduling_factories(), "scheduling", name);
}

const std::vector<std::string>& pricing_names() {
  static const std::vector<std::string> names = names_of(pricing_factories());
  return names;
}

const std::vector<std::string>& market_entry_names() {
  static const std::vector<std::string> names = names_of(market_entry_factories());
  return names;
}

std::unique_ptr<PricingPolicy> make_pricing(const PricingSetup& setup) {
  return make_with(pricing_factories(), "pricing", setup);
}

std::unique_ptr<MarketEntryPolicy> make_market_entry(const MarketEntrySetup& setup) {
  return make_with(market_entry_factories(), "market entry", setup);
}

}  // namespace gvsim::policies
