#include "policies/registry.hpp"

#include <functional>
#include <utility>

#include "policies/autoscale_capacity.hpp"
#include "policies/cheapest_placement.hpp"
#include "policies/fifo_scheduling.hpp"
#include "policies/fixed_capacity.hpp"
#include "policies/least_loaded_placement.hpp"
#include "policies/local_only_placement.hpp"
#include "policies/nearest_placement.hpp"
#include "policies/paid_priority_scheduling.hpp"
#include "policies/purchasing_power_pricing.hpp"
#include "policies/relaxed_free_scheduling.hpp"
#include "policies/scheduled_entry.hpp"
#include "policies/spill_over_placement.hpp"
#include "policies/triggered_entry.hpp"
#include "policies/uniform_pricing.hpp"
#include "policies/weighted_share_scheduling.hpp"

namespace gvsim::policies {

namespace {

template <class Base, class Spec>
using Factory = std::pair<std::string, std::function<std::unique_ptr<Base>(const Spec&)>>;

// Built-in policies are registered here explicitly, in the order users see them listed.
const std::vector<Factory<PlacementPolicy, PlacementSpec>>& placement_factories() {
  static const std::vector<Factory<PlacementPolicy, PlacementSpec>> factories = {
      {"nearest", [](const PlacementSpec&) { return std::make_unique<NearestPlacement>(); }},
      {"least_loaded", [](const PlacementSpec&) { return std::make_unique<LeastLoadedPlacement>(); }},
      {"local_only", [](const PlacementSpec&) { return std::make_unique<LocalOnlyPlacement>(); }},
      {"cheapest", [](const PlacementSpec&) { return std::make_unique<CheapestPlacement>(); }},
      {"spill_over", [](const PlacementSpec& s) { return std::make_unique<SpillOverPlacement>(s.spill_over); }},
  };
  return factories;
}

const std::vector<Factory<SchedulingPolicy, SchedulingSpec>>& scheduling_factories() {
  static const std::vector<Factory<SchedulingPolicy, SchedulingSpec>> factories = {
      {"fifo", [](const SchedulingSpec&) { return std::make_unique<FifoScheduling>(); }},
      {"paid_priority", [](const SchedulingSpec&) { return std::make_unique<PaidPriorityScheduling>(); }},
      {"weighted_share",
       [](const SchedulingSpec& s) { return std::make_unique<WeightedShareScheduling>(s.weighted_share); }},
      {"relaxed_free", [](const SchedulingSpec& s) { return std::make_unique<RelaxedFreeScheduling>(s.relaxed_free); }},
  };
  return factories;
}

const std::vector<Factory<CapacityPolicy, CapacitySpec>>& capacity_factories() {
  static const std::vector<Factory<CapacityPolicy, CapacitySpec>> factories = {
      {"fixed", [](const CapacitySpec&) { return std::make_unique<FixedCapacity>(); }},
      {"autoscale", [](const CapacitySpec& s) { return std::make_unique<AutoscaleCapacity>(s.autoscale); }},
  };
  return factories;
}

const std::vector<Factory<PricingPolicy, PricingSetup>>& pricing_factories() {
  static const std::vector<Factory<PricingPolicy, PricingSetup>> factories = {
      {"uniform", [](const PricingSetup& s) { return std::make_unique<UniformPricing>(s.promotions); }},
      {"purchasing_power",
       [](const PricingSetup& s) {
         return std::make_unique<PurchasingPowerPricing>(s.purchasing_power, s.price_index, s.promotions);
       }},
  };
  return factories;
}

using ModerationFactory =
    std::pair<std::string,
              std::function<std::unique_ptr<ModerationPolicy>(const BinormalParams&, std::span<const std::string>)>>;

const std::vector<ModerationFactory>& moderation_factories() {
  static const std::vector<ModerationFactory> factories = {
      {"none", [](const BinormalParams&, std::span<const std::string>) { return std::make_unique<NoModeration>(); }},
      {"binormal",
       [](const BinormalParams& params, std::span<const std::string> regions) {
         return std::make_unique<BinormalModeration>(params, regions);
       }},
  };
  return factories;
}

const std::vector<Factory<MarketEntryPolicy, MarketEntrySetup>>& market_entry_factories() {
  static const std::vector<Factory<MarketEntryPolicy, MarketEntrySetup>> factories = {
      {"scheduled", [](const MarketEntrySetup& s) { return std::make_unique<ScheduledEntry>(s.entry_days); }},
      {"triggered",
       [](const MarketEntrySetup& s) { return std::make_unique<TriggeredEntry>(s.entry_days, s.triggers); }},
  };
  return factories;
}

template <class Entry>
std::vector<std::string> names_of(const std::vector<Entry>& factories) {
  std::vector<std::string> names;
  for (const auto& f : factories)
    names.push_back(f.first);
  return names;
}

template <class Base, class Spec>
std::unique_ptr<Base> make(const std::vector<Factory<Base, Spec>>& factories, const std::string& kind,
                           const Spec& spec) {
  std::string valid;
  for (const auto& f : factories) {
    if (f.first == spec.name) return f.second(spec);
    valid += (valid.empty() ? "" : ", ") + f.first;
  }
  throw std::invalid_argument("unknown " + kind + " policy '" + spec.name + "'. Valid values are: " + valid);
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

const std::vector<std::string>& capacity_names() {
  static const std::vector<std::string> names = names_of(capacity_factories());
  return names;
}

const std::vector<std::string>& moderation_names() {
  static const std::vector<std::string> names = names_of(moderation_factories());
  return names;
}

std::unique_ptr<PlacementPolicy> make_placement(const PlacementSpec& spec) {
  return make(placement_factories(), "placement", spec);
}

std::unique_ptr<SchedulingPolicy> make_scheduling(const SchedulingSpec& spec) {
  return make(scheduling_factories(), "scheduling", spec);
}

std::unique_ptr<CapacityPolicy> make_capacity(const CapacitySpec& spec) {
  return make(capacity_factories(), "capacity", spec);
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
  return make(pricing_factories(), "pricing", setup);
}

std::unique_ptr<MarketEntryPolicy> make_market_entry(const MarketEntrySetup& setup) {
  return make(market_entry_factories(), "market entry", setup);
}

std::unique_ptr<ModerationPolicy> make_moderation(const std::string& name, const BinormalParams& binormal,
                                                  std::span<const std::string> region_names) {
  std::string valid;
  for (const auto& f : moderation_factories()) {
    if (f.first == name) return f.second(binormal, region_names);
    valid += (valid.empty() ? "" : ", ") + f.first;
  }
  throw std::invalid_argument("unknown moderation policy '" + name + "'. Valid values are: " + valid);
}

}  // namespace gvsim::policies
