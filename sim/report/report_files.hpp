#pragma once

#include <string>
#include <vector>

#include "sim/report/analysis.hpp"
#include "sim/report/study.hpp"

namespace gvsim::report {

/// @brief Options of `gvsim report`.
struct ReportOptions {
  std::vector<std::string> directories;  ///< study folders (shards or several studies) and plain run folders
  std::string out_dir;                   ///< empty: default_report_dir(directories)
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
/// @brief report.html: one self-contained page (inline CSS and SVG charts with 95% bands), opens from disk offline.
std::string report_html(const Study& study, const Analysis& analysis);

/// @brief Where a report goes without --out: FIRST/report for a study folder, else report/ beside the first run folder.
std::string default_report_dir(const std::vector<std::string>& directories);

/// @brief Reads the study, analyses it and writes every report file atomically into the output folder.
///
/// Throws ReportError on bad input (nothing is written then) and std::exception when writing fails.
ReportResult write_report(const ReportOptions& options);

}  // namespace gvsim::report
