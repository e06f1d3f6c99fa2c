#include "policies/registry.hpp"

#include <functional>
#include <utility>

#include "policies/fifo_scheduling.hpp"
#include "policies/least_loaded_placement.hpp"
#include "policies/nearest_placement.hpp"

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

template <class Entry>
std::vector<std::string> names_of(const std::vector<Entry>& factories) {
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

}  // namespace

const std::vector<std::string>& placement_names() {
  static const std::vector<std::string> names = names_of(placement_factories());
  return names;
}

const std::vector<std::string>& scheduling_names() {
  static const std::vector<std::string> names = names_of(scheduling_factories());
  return names;
}

const std::vector<std::string>& moderation_names() {
  static const std::vector<std::string> names = names_of(moderation_factories());
  return names;
}

std::unique_ptr<PlacementPolicy> make_placement(const std::string& name) {
  return make(placement_factories(), "placement", name);
}

std::unique_ptr<SchedulingPolicy> make_scheduling(const std::string& name) {
  return make(scheduling_factories(), "scheduling", name);
}

}  // namespace gvsim::policies

namespace gvsim::policies {

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
