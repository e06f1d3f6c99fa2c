#pragma once

#include <cstddef>
#include <string>

#include "sim/study/mpi_world.hpp"
#include "sim/study/study_plan.hpp"

namespace gvsim::study {

/// @brief How to execute a study.
struct StudyOptions {
  std::string out_dir;
  std::size_t jobs = 1;         ///< child processes at a time
  std::size_t shard_index = 1;  ///< this invocation runs the runs i with i % shard_count == shard_index - 1
  std::size_t shard_count = 1;
  bool quiet = false;
  MpiWorld* mpi = nullptr;  ///< set under --mpi: rank k runs shard k+1 of size, rank 0 writes the study files
  std::string executable = "/proc/self/exe";
};

/// @brief Runs the study's runs (its shard's), one child process each, and writes OUT/study.csv, OUT/factors.csv
/// and OUT/study.json.
///
/// Complete runs (manifest.json with the same config hash) are skipped; folders of unfinished runs are removed and
/// the runs done again. SIGINT or SIGTERM stop the children and leave the finished runs. Returns 0 when every run
/// succeeded, 1 when some failed, 130 when interrupted.
int run_study(const StudyPlan& plan, const StudyOptions& options);

}  // namespace gvsim::study
