#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace gvsim::report {

struct Study;

/// @brief One factor of a sensitivity design: its key and the range it was sampled from.
struct GsaFactor {
  std::string key;
  double min = 0.0;
  double max = 1.0;
};

/// @brief Where a variant sits in the design: Morris trajectory and step, or Saltelli row and matrix.
struct GsaRole {
  std::size_t group = 0;
  std::string role;  ///< "step", "a", "b" or "ab"
  std::size_t index = 0;
};

/// @brief The `sensitivity` member of study.json (written by `gvsim run` for a `sweep.sensitivity` block).
struct GsaDesign {
  std::string method;  ///< morris or sobol; empty when the study is not a sensitivity design
  std::int64_t bootstrap = 0;
  std::vector<GsaFactor> factors;
  std::map<std::string, GsaRole> variants;
};

/// @brief Reads the design from study.json's `sensitivity` member; throws ReportError naming `file` when malformed.
GsaDesign read_gsa_design(const nlohmann::json& member, const std::string& file);

/// @brief One row of sensitivity_indices.csv.
struct IndexRow {
  std::string metric;
  std::string factor;
  std::string index;  ///< Morris: mu_star, mu, sigma; Sobol: S1, ST
  double value = 0.0;
  double ci_lo = 0.0;  ///< bootstrap 95% percentile interval; NaN when not computed
  double ci_hi = 0.0;
};

/// @brief The indices of every metric in `metrics` (region `all`), from the study's design and the variant means.
///
/// Replications of a variant are averaged first (common random numbers make the average the design point's output).
/// A Morris trajectory or a Saltelli row with a missing run leaves out only its steps or row. `notes` receives why
/// a metric was left out.
std::vector<IndexRow> sensitivity_indices(const Study& study, const std::vector<std::string>& metrics,
                                          std::vector<std::string>& notes);

/// @brief sensitivity_indices.csv: metric,factor,index,value,ci_lo,ci_hi.
std::string sensitivity_indices_csv(const std::vector<IndexRow>& rows);

/// @brief The ranking index of a method: ST for sobol, mu_star for morris.
std::string ranking_index(const std::string& method);

}  // namespace gvsim::report
