#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/config/overrides.hpp"
#include "sim/model/scenario.hpp"
#include "sim/study/sensitivity_points.hpp"

namespace gvsim::study {

/// @brief One variant of a study: a name and the overrides that turn the base experiment into it.
struct StudyVariant {
  std::string name;
  bool baseline = false;
  std::vector<config::Assignment> assignments;
  std::vector<std::pair<std::string, std::string>> factors;  ///< key path, value as flow YAML
};

/// @brief One run of a study: a variant under one replication.
struct StudyRun {
  std::string id;  ///< VARIANT-rNNN, also the run's folder name
  std::size_t variant = 0;
  std::int64_t replication = 0;
  std::uint64_t seed = 0;
  std::string config_hash;  ///< filled by validate_study
};

/// @brief An experiment expanded into its variants and runs (variant-major, replications inner).
struct StudyPlan {
  std::string experiment_file;
  std::vector<std::string> overrides;  ///< the command line's --set assignments, applied to the base
  std::string name;
  std::string description;
  std::int64_t replications = 1;
  std::vector<StudyVariant> variants;
  std::vector<StudyRun> runs;
  SensitivityDesign sensitivity;  ///< the design of a `sweep.sensitivity` block (method empty otherwise)
};

/// @brief True when the experiment (with `overrides`) asks for several runs: a `sweep` block or replications > 1.
bool is_study(const std::string& experiment_file, const std::vector<std::string>& overrides);

/// @brief Expands the sweep and replications into runs; checks the sweep's own structure (no region files read).
///
/// Throws schema::ConfigError when the experiment's keys are wrong. Problems of sweep entries are added to
/// `problems` (the faulty entries left out) when given, otherwise thrown; each is located at its sweep entry.
StudyPlan expand_study(const std::string& experiment_file, const std::vector<std::string>& overrides,
                       schema::Diagnostics* problems = nullptr);

/// @brief Loads every variant as a full scenario, fills each run's seed and config hash, and returns the baseline's
/// scenario. Throws schema::ConfigError with `earlier` and every problem of every variant (each reported once).
model::Scenario validate_study(StudyPlan& plan, const schema::Diagnostics& earlier = {});

/// @brief The resolved scenario of run `index`, and the text of the assignments that made it (for the manifest).
model::Scenario load_run(const StudyPlan& plan, std::size_t index, std::vector<std::string>* assignment_texts);

/// @brief The folder-safe form of a variant name: characters outside [A-Za-z0-9._=,+-] become '_'.
std::string folder_safe(const std::string& text);

}  // namespace gvsim::study
