#pragma once

#include "sim/model/scenario.hpp"
#include "sim/schema/diagnostics.hpp"

namespace gvsim::config {

/// @brief Warns about a renewal recovery share that cannot act: no subscription renewal can be declined, because
/// every segment is billed per use or no region taking part declines a payment (decline_rate or method_share 0).
void check_renewal_retry(const model::Scenario& scenario, schema::Diagnostics& diagnostics);

}  // namespace gvsim::config
