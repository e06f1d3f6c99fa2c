#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/study/study_plan.hpp"

namespace gvsim::study {

/// @brief What a run's folder in a study's output holds.
enum class RunState {
  kMissing,     ///< no folder
  kComplete,    ///< manifest.json with the run's config hash: the run is done
  kIncomplete,  ///< a folder without manifest.json: the run was killed
  kStale,       ///< manifest.json of another configuration (the experiment changed)
};

/// @brief The state of the folder of a run whose configuration hashes to `config_hash`.
RunState run_state(const std::string& run_dir, const std::string& config_hash);

/// @brief OUT/runs/RUN_ID.
std::string run_dir(const std::string& out_dir, const StudyRun& run);

/// @brief How many runs of the plan are complete in `out_dir`.
std::size_t count_complete(const std::string& out_dir, const StudyPlan& plan);

/// @brief Writes OUT/study.csv (one row per run) and OUT/factors.csv (run_id, key, value), atomically.
void write_study_tables(const std::string& out_dir, const StudyPlan& plan);

/// @brief The state of a study recorded in OUT/study.json.
struct StudyStatus {
  std::string status;  ///< running, complete, partial, failed or interrupted
  std::string shard;   ///< "K/N" when written by one shard, empty otherwise
  std::size_t complete = 0;
  std::vector<std::string> failed;  ///< run ids that failed in this invocation
};

/// @brief The `sensitivity` member of study.json: method, levels, bootstrap, factors and each variant's
/// [group, role, index] (see SensitivityRole).
nlohmann::ordered_json sensitivity_json(const SensitivityDesign& design);

/// @brief Writes OUT/study.json atomically; its content depends only on the plan and `status` (no times).
void write_study_json(const std::string& out_dir, const StudyPlan& plan, const StudyStatus& status);

}  // namespace gvsim::study
