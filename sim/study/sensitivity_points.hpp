#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/scenario.hpp"
#include "sim/schema/diagnostics.hpp"

namespace gvsim::study {

/// @brief Where a variant sits in a sensitivity design (what the report needs to compute the indices).
struct SensitivityRole {
  std::size_t group = 0;  ///< Morris trajectory or Saltelli row, from 0
  std::string role;       ///< Morris: "step"; Sobol: "a", "b" or "ab"
  std::size_t index = 0;  ///< Morris: the step (0 = start); Sobol "ab": the factor taken from B
};

/// @brief One design point of a sensitivity study: its variant name, role and factor values.
struct SensitivityPoint {
  std::string name;
  SensitivityRole role;
  std::vector<double> values;  ///< one per range, in the ranges' order (rounded for `integer` ranges)
};

/// @brief The design of a `sweep.sensitivity` block, as recorded in study.json for the report.
struct SensitivityDesign {
  std::string method;  ///< empty: the study is not a sensitivity design
  std::int64_t levels = 0;
  std::int64_t bootstrap = 0;
  std::vector<model::SweepRange> ranges;
  std::vector<SensitivityPoint> points;
};

/// @brief Checks `spec` (located errors into `d`) and draws its points from the stream sweep/sensitivity of `seed`.
///
/// Morris variants are named mor_tTTT_sSS (trajectory, step), Sobol variants sob_NNNN_a, sob_NNNN_b and
/// sob_NNNN_abII (row, factor). Returns an empty design when the block is absent or has errors.
SensitivityDesign sensitivity_points(const model::SensitivitySpec& spec, std::uint64_t seed, schema::Diagnostics& d);

}  // namespace gvsim::study
