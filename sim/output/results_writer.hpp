#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/economics/books.hpp"
#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"
#include "sim/output/csv_table.hpp"
#include "sim/output/declared_table.hpp"
#include "sim/output/results_folder.hpp"

namespace gvsim::output {

/// @brief Facts about a run that are not in the scenario: how it was invoked and how long it took.
struct RunInfo {
  double wall_time_s = 0.0;
  std::vector<std::string> overrides;
};

/// @brief Paths and fingerprint of the files a run wrote.
struct WrittenResults {
  std::string directory;
  std::string fingerprint;         ///< FNV-1a 64 of all CSV files in the order written, as 16 hex digits
  std::vector<std::string> files;  ///< the CSV files written, in order
};

/// @brief Appends the run's key cells (scenario, replication, seed) that start every row of every results table.
void append_run_keys(DeclaredTable& table, const model::Scenario& scenario);

/// @brief The per day x cluster time series as CSV text.
std::string timeseries_csv(const model::Scenario& scenario, const observe::RunOutcome& outcome);
/// @brief The one-row run summary as CSV text.
std::string summary_csv(const model::Scenario& scenario, const observe::RunOutcome& outcome);
/// @brief The resolved configuration (experiment, regions, GPU models, links) as JSON.
std::string resolved_config_json(const model::Scenario& scenario);

/// @brief 16 hex digits of FNV-1a 64 over the resolved configuration JSON, the seed and the replication: equal
/// hashes mean the same run.
std::string config_hash(const model::Scenario& scenario);

/// @brief Writes timeseries.csv, summary.csv (and in users mode region_daily.csv, kpis.csv, with promotions
/// promotions_daily.csv, then segment_daily.csv and segment_kpis.csv, with rivals rivals_daily.csv), then manifest.json
/// (with each region's entry day in users mode) into `folder` and commits it: the folder appears or replaces an earlier
/// one as a unit. `books` are the run's books (close_books) in users mode, else null.
WrittenResults write_results(ResultsFolder& folder, const model::Scenario& scenario, const observe::RunOutcome& outcome,
                             const RunInfo& info, const economics::RunBooks* books);

}  // namespace gvsim::output
