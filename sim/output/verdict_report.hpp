#pragma once

#include <string>

#include "sim/economics/books.hpp"
#include "sim/model/scenario.hpp"

namespace gvsim::output {

/// @brief The run's verdict for the terminal: standalone profit, parent value by channel, total value and the class
/// with the thresholds that set it, for the whole platform and each region where the parent is present.
std::string verdict_report(const model::Scenario& scenario, const economics::RunBooks& books);

}  // namespace gvsim::output
