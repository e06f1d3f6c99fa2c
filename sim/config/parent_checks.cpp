// Checks of the parent platform keys that need the experiment and its regions together.
#include "sim/config/parent_checks.hpp"

namespace gvsim::config {

void check_parent(const model::Scenario& scenario, schema::Diagnostics& diagnostics) {
  const auto& mark = scenario.experiment.parent.where;
  if (mark.line == 0 || scenario.experiment.workload.mode != "users") return;
  for (const auto& region : scenario.regions) {
    if (region.parent.users_share > 0.0) return;
  }
  diagnostics.warning(mark, "parent",
                      "set, but no region taking part has the parent platform (regions' parent.users_share is 0), "
                      "so it has no effect in this run");
}

}  // namespace gvsim::config
