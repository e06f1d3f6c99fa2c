// report.md: the readable summary of a study report.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "sim/report/report_files.hpp"
#include "sim/report/report_format.hpp"
#include "sim/report/report_verdict.hpp"
#include "sim/report/tornado_chart.hpp"

namespace gvsim::report {

namespace {

std::string table_header(const std::vector<std::string>& columns) {
  std::string line = "|";
  std::string rule = "|";
  for (const auto& c : columns) {
    line += " " + c + " |";
    rule += "---|";
  }
  return line + "\n" + rule + "\n";
}

std::string table_row(const std::vector<std::string>& cells) {
  std::string line = "|";
  for (const auto& c : cells)
    line += " " + c + " |";
  return line + "\n";
}

void study_section(const Study& study, const Analysis& a, std::string& md) {
  md += "# Study report: " + study.name + "\n\n";
  md += "- runs: " + std::to_string(study.runs.size()) + " of " + std::to_string(study.listed.size()) +
        " listed are complete";
  if (study.missing.empty()) {
    md += "; none missing\n";
  } else {
    md += "; " + std::to_string(study.missing.size()) + " missing:";
    const std::size_t shown = std::min<std::size_t>(study.missing.size(), 20);
    for (std::size_t i = 0; i < shown; ++i)
      md += " " + study.missing[i];
    md += shown < study.missing.size() ? " ...\n" : "\n";
  }
  md += std::string("- workload mode: ") + (study.users_mode ? "users" : "synthetic") + "\n";
  md += "- variants: " + std::to_string(study.variants.size()) + "; baseline: " + a.baseline + " (" +
        a.baseline_reason + ")\n";
  std::map<std::string, std::size_t> runs_of;
  for (const auto& r : study.runs)
    ++runs_of[r.entry.variant];
  md += "- complete runs per variant:";
  for (const auto& v : study.variants)
    md += " " + v + " " + std::to_string(runs_of[v]) + (v == study.variants.back() ? "" : ",");
  md += "\n\n";
}

void headline_section(const Study& study, const Analysis& a, std::string& md) {
  const auto metrics = headline_metrics(study, a);
  md += "## Headline\n\nAll regions; mean and 95% confidence interval (Student t) over replications.\n\n";
  std::vector<std::string> columns{"variant", "runs"};
  columns.insert(columns.end(), metrics.begin(), metrics.end());
  md += table_header(columns);
  for (const auto& v : study.variants) {
    std::size_t runs = 0;
    for (const auto& r : study.runs)
      runs += r.entry.variant == v ? 1 : 0;
    std::vector<std::string> cells{v, std::to_string(runs)};
    for (const auto& m : metrics) {
      std::string cell = "-";
      for (const auto& r : a.aggregate) {
        if (r.variant == v && r.region == "all" && r.metric == m) cell = with_interval(r.summary);
      }
      cells.push_back(cell);
    }
    md += table_row(cells);
  }
  md += "\n";
}

void paired_section(const Analysis& a, std::string& md) {
  md += "## Paired differences against " + a.baseline + "\n\n";
  md +=
      "All regions; variant - baseline for the same replication (common random numbers), mean and 95% "
      "confidence interval. `yes`: the interval excludes 0.\n\n";
  bool any = false;
  std::string body =
      table_header({"variant", "metric", "n", "baseline", "variant mean", "difference", "95% CI", "excludes 0"});
  for (const auto& r : a.paired) {
    if (r.region != "all") continue;
    any = true;
    const auto& d = r.difference;
    body += table_row({r.variant, r.metric, std::to_string(d.n), human(r.baseline_mean), human(r.variant_mean),
                       human(d.mean), interval(d.ci95_low, d.ci95_high),
                       d.n < 2 ? "-" : (d.excludes_zero() ? "yes" : "no")});
  }
  md += any ? body + "\n" : "No other variant shares replications with the baseline.\n\n";
}

void pareto_section(const Analysis& a, std::string& md) {
  md += "## Pareto front\n\nVariant means (all regions) of the objectives";
  for (std::size_t i = 0; i < a.objectives.size(); ++i) {
    md += (i == 0 ? ": " : ", ") + a.objectives[i].metric + " (" + (a.objectives[i].maximize ? "max" : "min") + ")";
  }
  md += ". A variant is on the front when no other is at least as good in every objective and better in one.\n\n";
  std::vector<std::string> columns{"variant"};
  for (const auto& o : a.objectives)
    columns.push_back(o.metric);
  columns.insert(columns.end(), {"on front", "dominated by (variants)"});
  md += table_header(columns);
  for (const auto& r : a.pareto) {
    std::vector<std::string> cells{r.variant};
    for (double m : r.means)
      cells.push_back(human(m));
    cells.push_back(r.complete ? (r.on_front ? "yes" : "no") : "-");
    cells.push_back(r.complete ? std::to_string(r.dominated_by) : "-");
    md += table_row(cells);
  }
  md += "\n";
}

void sensitivity_section(const Analysis& a, std::string& md) {
  md += "## Sensitivity\n\n";
  bool any = false;
  for (const auto& r : a.sensitivity)
    any = any || r.region == "all";
  if (a.factors.empty()) {
    md += "No numeric factor varies between the complete runs (factors.csv); no regression.\n";
  } else if (!any) {
    md += "Too few runs for " + std::to_string(a.factors.size()) + " factor(s): a regression needs at least " +
          std::to_string(a.factors.size() + 2) + " runs with the metric.\n";
  } else {
    md +=
        "Standardized regression coefficients (all regions): the change of the metric, in standard deviations, "
        "for one standard deviation of the factor; least squares on z-scored factors and metric.\n\n";
    std::vector<std::string> columns{"metric"};
    columns.insert(columns.end(), a.factors.begin(), a.factors.end());
    columns.insert(columns.end(), {"R^2", "n"});
    md += table_header(columns);
    for (const auto& metric : a.metrics) {
      std::vector<std::string> cells{metric};
      double r2 = 0.0;
      std::size_t n = 0;
      for (const auto& r : a.sensitivity) {
        if (r.region != "all" || r.metric != metric) continue;
        cells.push_back(three_decimals(r.src));
        r2 = r.r_squared;
        n = r.n;
      }
      if (cells.size() == 1) continue;
      cells.push_back(three_decimals(r2));
      cells.push_back(std::to_string(n));
      md += table_row(cells);
    }
  }
  for (const auto& note : a.notes)
    md += "\n- " + note;
  md += a.notes.empty() ? "\n" : "\n\n";
}

/// The indices of a sensitivity design: the top factors of each headline metric by the method's ranking index.
std::string indices_markdown(const std::string& method, const std::vector<IndexRow>& rows) {
  if (rows.empty()) return "";
  const std::string index = ranking_index(method);
  std::string md = "## Global sensitivity (" + method + ")\n\n";
  md += method == "sobol"
            ? "Total Sobol index ST (share of the output variance due to the factor, interactions included) and "
              "first-order S1, with bootstrap 95% intervals; all indices in sensitivity_indices.csv, chart in "
              "sensitivity_tornado.svg.\n\n"
            : "Morris mu* (mean absolute elementary effect: the change of the metric over the factor's whole range), "
              "mu and sigma, with bootstrap 95% intervals of mu*; all indices in sensitivity_indices.csv, chart in "
              "sensitivity_tornado.svg.\n\n";
  for (const auto& metric : tornado_metrics(rows)) {
    std::vector<const IndexRow*> ranked;
    for (const auto& r : rows) {
      if (r.metric == metric && r.index == index && std::isfinite(r.value)) ranked.push_back(&r);
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const IndexRow* a, const IndexRow* b) { return a->value > b->value; });
    md += "**" + metric + "**\n\n" + table_header({"rank", "factor", index, "95% interval"});
    for (std::size_t i = 0; i < ranked.size() && i < 10; ++i) {
      md += table_row({std::to_string(i + 1), ranked[i]->factor, human(ranked[i]->value),
                       interval(ranked[i]->ci_lo, ranked[i]->ci_hi)});
    }
    md += "\n";
  }
  return md;
}

}  // namespace

std::string report_markdown(const Study& study, const Analysis& analysis) {
  std::string md;
  study_section(study, analysis, md);
  headline_section(study, analysis, md);
  md += verdict_markdown(study, analysis);
  paired_section(analysis, md);
  pareto_section(analysis, md);
  sensitivity_section(analysis, md);
  md += indices_markdown(study.design.method, analysis.indices);
  md += "## Metrics\n\n" + table_header({"metric", "meaning"});
  for (const auto& m : analysis.metrics)
    md += table_row({m, find_metric(m)->meaning});
  md +=
      "\nPer-region values, every metric and every variant are in aggregate.csv and paired.csv; per-run values in "
      "metrics.csv (results/README.md describes the columns).\n";
  return md;
}

}  // namespace gvsim::report
