#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/report/run_metrics.hpp"
#include "sim/report/sensitivity_indices.hpp"

namespace gvsim::report {

/// @brief One row of study.csv.
struct StudyEntry {
  std::string run_id;
  std::string variant;
  bool baseline = false;
  long long replication = 0;
  std::string seed;
  std::string config_hash;
};

/// @brief A run whose folder is complete (manifest.json present), with its metrics.
struct CompletedRun {
  StudyEntry entry;
  RunMetrics metrics;
  std::string dir;  ///< the run's results folder
};

/// @brief A study merged from one or more output folders (shards).
struct Study {
  std::string name;                                                   ///< from study.json, else the runs' scenario name
  std::vector<StudyEntry> listed;                                     ///< every run of study.csv, in its order
  std::vector<CompletedRun> runs;                                     ///< complete runs, in study.csv order
  std::vector<std::string> missing;                                   ///< run ids listed but complete in no folder
  std::vector<std::string> variants;                                  ///< in order of first appearance in study.csv
  std::vector<std::string> baseline_variants;                         ///< variants flagged baseline = 1
  std::map<std::string, std::map<std::string, std::string>> factors;  ///< run_id -> key -> value (factors.csv)
  std::map<std::string, std::vector<std::string>> assumptions;        ///< variant -> what sets it apart, as key = value
  std::vector<std::string> warnings;                                  ///< problems that do not stop the report
  bool users_mode = false;                                            ///< some run has users-mode results
  std::string baseline_origin = "flagged in study.csv";               ///< why baseline_variants holds what it holds
  GsaDesign design;                                                   ///< a sensitivity design (study.json), if any
};

/// @brief Reads and merges the folders of one study: study.csv, factors.csv, study.json and runs/RUN_ID/.
///
/// A run is identified by run_id and config_hash; the same run listed differently in two folders, or present
/// complete in two folders with different CSV files, is an error. Runs without manifest.json are missing.
/// Throws ReportError on unreadable or inconsistent input and when no run is complete.
Study load_study(const std::vector<std::string>& directories);

/// @brief Reads any mix of study folders and plain run folders (`gvsim run --out DIR` of a single run) as one study.
///
/// Study folders with the same study name are shards of one study (load_study). With several studies or plain
/// runs, each study's variants are named STUDY/VARIANT and each plain run is a variant of its own named after its
/// folder; the first folder given supplies the baseline. A folder with neither study.csv nor manifest.json is an
/// error.
Study load_inputs(const std::vector<std::string>& directories);

}  // namespace gvsim::report
