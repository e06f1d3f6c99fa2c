#include "sim/report/report_files.hpp"

#include <filesystem>

#include "sim/output/atomic_file.hpp"
#include "sim/output/csv_table.hpp"
#include "sim/report/tornado_chart.hpp"

namespace gvsim::report {

namespace {

void summary_cells(output::CsvTable& t, const SampleSummary& s) {
  t.cell(static_cast<long long>(s.n)).cell(s.mean).cell(s.sd).cell(s.ci95_low).cell(s.ci95_high);
}

}  // namespace

std::string metrics_csv(const Study& study, const Analysis& analysis) {
  output::CsvTable t({"run_id", "variant", "replication", "region", "metric", "value"});
  for (const auto& run : study.runs) {
    for (const auto& region : analysis.regions) {
      for (const auto& metric : analysis.metrics) {
        for (const auto& o : run.metrics.values) {
          if (o.region != region || o.metric != metric) continue;
          t.row()
              .cell(run.entry.run_id)
              .cell(run.entry.variant)
              .cell(run.entry.replication)
              .cell(region)
              .cell(metric)
              .cell(o.value);
        }
      }
    }
  }
  return t.str();
}

std::string aggregate_csv(const Analysis& analysis) {
  output::CsvTable t({"variant", "region", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"});
  for (const auto& r : analysis.aggregate) {
    t.row().cell(r.variant).cell(r.region).cell(r.metric);
    summary_cells(t, r.summary);
  }
  return t.str();
}

std::string paired_csv(const Analysis& analysis) {
  output::CsvTable t({"variant", "baseline", "region", "metric", "n", "baseline_mean", "variant_mean", "mean_diff",
                      "sd_diff", "ci95_low", "ci95_high", "ci_excludes_zero"});
  for (const auto& r : analysis.paired) {
    const auto& d = r.difference;
    t.row()
        .cell(r.variant)
        .cell(analysis.baseline)
        .cell(r.region)
        .cell(r.metric)
        .cell(static_cast<long long>(d.n))
        .cell(r.baseline_mean)
        .cell(r.variant_mean)
        .cell(d.mean)
        .cell(d.sd)
        .cell(d.ci95_low)
        .cell(d.ci95_high)
        .cell(d.n < 2 ? std::string() : std::string(d.excludes_zero() ? "1" : "0"));
  }
  return t.str();
}

std::string pareto_csv(const Analysis& analysis) {
  std::vector<std::string> columns{"variant"};
  for (const auto& o : analysis.objectives)
    columns.push_back(o.metric);
  columns.insert(columns.end(), {"on_front", "dominated_by"});
  output::CsvTable t(columns);
  for (const auto& r : analysis.pareto) {
    t.row().cell(r.variant);
    for (double m : r.means)
      t.cell(m);
    if (r.complete) {
      t.cell(r.on_front ? 1LL : 0LL).cell(static_cast<long long>(r.dominated_by));
    } else {
      t.cell(std::string()).cell(std::string());
    }
  }
  return t.str();
}

std::string sensitivity_csv(const Analysis& analysis) {
  output::CsvTable t({"region", "metric", "factor", "src", "r2", "n"});
  for (const auto& r : analysis.sensitivity)
    t.row()
        .cell(r.region)
        .cell(r.metric)
        .cell(r.factor)
        .cell(r.src)
        .cell(r.r_squared)
        .cell(static_cast<long long>(r.n));
  return t.str();
}

std::string default_report_dir(const std::vector<std::string>& directories) {
  if (directories.empty()) return "report";
  const std::filesystem::path first = std::filesystem::path(directories.front()).lexically_normal();
  if (std::filesystem::exists(first / "study.csv")) return (first / "report").string();
  const auto parent = first.has_filename() ? first.parent_path() : first.parent_path().parent_path();
  return (parent.empty() ? std::filesystem::path("report") : parent / "report").string();
}

ReportResult write_report(const ReportOptions& options) {
  ReportResult result;
  result.study = load_inputs(options.directories);
  result.analysis = analyze(result.study, options.baseline, options.objectives);
  result.out_dir = options.out_dir.empty() ? default_report_dir(options.directories) : options.out_dir;
  std::vector<std::pair<std::string, std::string>> files = {
      {"report.md", report_markdown(result.study, result.analysis)},
      {"report.html", report_html(result.study, result.analysis)},
      {"metrics.csv", metrics_csv(result.study, result.analysis)},
      {"aggregate.csv", aggregate_csv(result.analysis)},
      {"paired.csv", paired_csv(result.analysis)},
      {"pareto.csv", pareto_csv(result.analysis)}};
  const bool sensitivity = !result.analysis.sensitivity.empty();
  if (sensitivity) files.emplace_back("sensitivity.csv", sensitivity_csv(result.analysis));
  std::filesystem::create_directories(result.out_dir);
  for (const auto& [name, content] : files) {
    output::write_file_atomically(result.out_dir + "/" + name, content);
    result.files.push_back(name);
  }
  if (!sensitivity) std::filesystem::remove(result.out_dir + "/sensitivity.csv");  // from an earlier report
  write_index_files(result.out_dir, result.study.design.method, result.analysis.indices, result.files);
  return result;
}

}  // namespace gvsim::report
