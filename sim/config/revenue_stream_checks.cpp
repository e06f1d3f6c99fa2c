#include "sim/config/revenue_stream_checks.hpp"

#include <string>
#include <vector>

namespace gvsim::config {

namespace {

/// Reports `ref` unless it names one of `names` (an empty name was reported by the reader).
void check_name(const schema::NameRef& ref, const std::vector<std::string>& names, const std::string& kind,
                const std::string& path, schema::Diagnostics& diagnostics) {
  if (ref.name.empty()) return;
  for (const auto& name : names)
    if (name == ref.name) return;
  const std::string guess = schema::closest_match(ref.name, names);
  diagnostics.error(ref.mark, path,
                    "unknown " + kind + " '" + ref.name + "'" +
                        (guess.empty() ? "" : "; did you mean '" + guess + "'?") +
                        " known: " + (names.empty() ? std::string("none") : schema::join_names(names)));
}

}  // namespace

void check_revenue_streams(const model::Scenario& scenario, schema::Diagnostics& diagnostics) {
  const auto& users = scenario.experiment.workload.users;
  std::vector<std::string> segments;
  for (const auto& s : users.segments)
    segments.push_back(s.name);
  std::vector<std::string> regions;
  for (const auto& r : scenario.regions)
    regions.push_back(r.name);
  std::vector<std::string> clips;
  for (const auto& c : scenario.experiment.workload.clip_classes)
    clips.push_back(c.name);
  const std::string base = "workload.users.";
  for (const auto& feature : users.upgrade_offers.paid_features) {
    const std::string path = base + "upgrade_offers.paid_features." + feature.name + ".segments";
    for (std::size_t k = 0; k < feature.segments.size(); ++k)
      check_name(feature.segments[k], segments, "segment", path + "[" + std::to_string(k) + "]", diagnostics);
  }
  for (const auto& contract : users.enterprise_contracts) {
    const std::string path = base + "enterprise_contracts." + contract.name;
    for (std::size_t k = 0; k < contract.regions.size(); ++k)
      check_name(contract.regions[k], regions, "region", path + ".regions[" + std::to_string(k) + "]", diagnostics);
    check_name(contract.clip_class, clips, "clip class", path + ".clip_class", diagnostics);
  }
}

}  // namespace gvsim::config
