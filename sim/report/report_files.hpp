#pragma once

#include <string>
#include <vector>

#include "sim/report/analysis.hpp"
#include "sim/report/study.hpp"

namespace gvsim::report {

/// @brief Options of `gvsim report`.
struct ReportOptions {
  std::vector<std::string> directories;  ///< study output folders (shards)
  std::string out_dir;                   ///< empty: FIRST_DIR/report
  std::string baseline;                  ///< empty: flagged in study.csv
  std::string objectives;                ///< empty: defaults of the workload mode
};

/// @brief What a report run produced, for the command's summary line.
struct ReportResult {
  std::string out_dir;
  std::vector<std::string> files;
  Study study;
  Analysis analysis;
};

/// @brief metrics.csv: run_id,variant,replication,region,metric,value.
std::string metrics_csv(const Study& study, const Analysis& analysis);
/// @brief aggregate.csv: variant,region,metric,n,mean,sd,ci95_low,ci95_high.
std::string aggregate_csv(const Analysis& analysis);
/// @brief paired.csv: differences variant - baseline paired by replication.
std::string paired_csv(const Analysis& analysis);
/// @brief pareto.csv: one row per variant with the objective means, on_front and dominated_by.
std::string pareto_csv(const Analysis& analysis);
/// @brief sensitivity.csv: region,metric,factor,src,r2,n.
std::string sensitivity_csv(const Analysis& analysis);
/// @brief report.md: the readable summary.
std::string report_markdown(const Study& study, const Analysis& analysis);

/// @brief Reads the study, analyses it and writes every report file atomically into the output folder.
///
/// Throws ReportError on bad input (nothing is written then) and std::exception when writing fails.
ReportResult write_report(const ReportOptions& options);

}  // namespace gvsim::report
