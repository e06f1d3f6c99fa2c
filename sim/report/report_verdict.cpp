// Product, feature or cost centre per variant: the whole-run verdict of every replication summarised.
#include "sim/report/report_verdict.hpp"

#include <algorithm>
#include <cmath>

#include "sim/report/report_format.hpp"

namespace gvsim::report {

namespace {

const AggregateRow* find_row(const Analysis& a, const std::string& variant, const std::string& metric) {
  for (const auto& r : a.aggregate) {
    if (r.variant == variant && r.region == "all" && r.metric == metric) return &r;
  }
  return nullptr;
}

std::string share(const AggregateRow* row) {
  if (row == nullptr) return "-";
  return std::to_string(static_cast<int>(std::lround(100.0 * row->summary.mean))) + " %";
}

}  // namespace

std::string verdict_markdown(const Study& study, const Analysis& analysis) {
  if (std::find(analysis.metrics.begin(), analysis.metrics.end(), "verdict_product") == analysis.metrics.end())
    return "";
  std::string md =
      "## Product, feature or cost centre\n\nAll regions, whole run; mean and 95% confidence interval (Student t) "
      "over replications; class shares are the share of runs (docs/model.md, Parent platform value).\n\n"
      "| variant | runs | standalone profit USD | parent value USD | total value USD | product | feature | cost "
      "centre |\n|---|---|---|---|---|---|---|---|\n";
  for (const auto& v : study.variants) {
    const AggregateRow* profit = find_row(analysis, v, "profit_usd");
    const AggregateRow* parent = find_row(analysis, v, "parent_value_usd");
    const AggregateRow* total = find_row(analysis, v, "total_value_usd");
    auto cell = [](const AggregateRow* row) { return row == nullptr ? std::string("-") : with_interval(row->summary); };
    md += "| " + v + " | " + (profit == nullptr ? std::string("0") : std::to_string(profit->summary.n)) + " | " +
          cell(profit) + " | " + cell(parent) + " | " + cell(total) + " | " +
          share(find_row(analysis, v, "verdict_product")) + " | " + share(find_row(analysis, v, "verdict_feature")) +
          " | " + share(find_row(analysis, v, "verdict_cost_centre")) + " |\n";
  }
  return md + "\n";
}

}  // namespace gvsim::report
