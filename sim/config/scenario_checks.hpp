#pragma once

#include <string>
#include <vector>

#include "sim/model/scenario.hpp"
#include "sim/schema/diagnostics.hpp"

namespace gvsim::config {

/// @brief Checks what no single key can: references between files, unique names, consistent parameters and
/// that every region with load can reach a cluster it is allowed to use. Keeps the WAN links between
/// participating regions in `scenario.links`.
void check_scenario(model::Scenario& scenario, const std::vector<model::WanLink>& all_links,
                    const std::string& regions_dir, schema::Diagnostics& diagnostics);

}  // namespace gvsim::config
