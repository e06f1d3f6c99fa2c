// report.html: the study report as one self-contained page (inline CSS and SVG), readable from disk offline.
#include <algorithm>
#include <cmath>
#include <map>

#include "sim/report/report_files.hpp"
#include "sim/report/report_format.hpp"
#include "sim/report/run_series.hpp"
#include "sim/report/svg_chart.hpp"
#include "sim/report/tornado_chart.hpp"

namespace gvsim::report {

namespace {

const char* kStyle =
    "body{font-family:sans-serif;margin:2em;max-width:1100px;color:#222}"
    "table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;"
    "text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}"
    ".title{font-size:14px;font-weight:bold}.tick{font-size:11px;fill:#444}.grid{stroke:#e5e5e5}"
    ".zero{stroke:#555;stroke-dasharray:4 3}.line{fill:none;stroke-width:2}.whisker{stroke:#222;stroke-width:1.5}"
    "ul.assumptions{font-family:monospace;font-size:12px}";

// After layout, counts the charts whose marks have a visible size: a browser check that the charts are drawn.
const char* kDrawnCheck =
    "<script>(function(){var charts=document.querySelectorAll('svg.chart'),n=0;"
    "charts.forEach(function(s){var g=s.querySelector('.marks');if(!g)return;var b=g.getBBox();"
    "if(b.width>0&&b.height>0){n++;s.setAttribute('data-drawn','1');}});"
    "document.body.setAttribute('data-charts-total',String(charts.length));"
    "document.body.setAttribute('data-charts-drawn',String(n));})();</script>\n";

/// Each variant's runs' daily series, in the study's variant order.
std::map<std::string, std::vector<RunSeries>> series_by_variant(const Study& study) {
  std::map<std::string, std::vector<RunSeries>> out;
  for (const auto& run : study.runs)
    out[run.entry.variant].push_back(read_run_series(run.dir));
  return out;
}

/// Mean and 95% interval per day of series `k` over the runs of one variant.
BandLine band_of(const std::string& variant, const std::vector<RunSeries>& runs, std::size_t k) {
  BandLine line{variant, {}, {}, {}};
  std::size_t days = 0;
  for (const auto& r : runs)
    days = std::max(days, r.series[k].values.size());
  for (std::size_t d = 0; d < days; ++d) {
    std::vector<double> values;
    for (const auto& r : runs) {
      if (d < r.series[k].values.size() && std::isfinite(r.series[k].values[d]))
        values.push_back(r.series[k].values[d]);
    }
    const SampleSummary s = summarize(values);
    line.mean.push_back(s.mean);
    line.low.push_back(s.ci95_low);
    line.high.push_back(s.ci95_high);
  }
  return line;
}

std::string row(const std::vector<std::string>& cells, const char* tag = "td") {
  std::string html = "<tr>";
  for (const auto& c : cells)
    html += std::string("<") + tag + ">" + html_escape(c) + "</" + tag + ">";
  return html + "</tr>\n";
}

const AggregateRow* aggregate_of(const Analysis& a, const std::string& variant, const std::string& metric) {
  for (const auto& r : a.aggregate) {
    if (r.variant == variant && r.region == "all" && r.metric == metric) return &r;
  }
  return nullptr;
}

std::string headline_table(const Study& study, const Analysis& a) {
  const auto metrics = headline_metrics(study, a);
  std::vector<std::string> header = {"variant", "runs"};
  header.insert(header.end(), metrics.begin(), metrics.end());
  std::string html = "<table>\n" + row(header, "th");
  for (const auto& v : study.variants) {
    std::size_t runs = 0;
    for (const auto& r : study.runs)
      runs += r.entry.variant == v ? 1 : 0;
    std::vector<std::string> cells = {v, std::to_string(runs)};
    for (const auto& m : metrics) {
      const auto* agg = aggregate_of(a, v, m);
      cells.push_back(agg == nullptr ? "-" : with_interval(agg->summary));
    }
    html += row(cells);
  }
  return html + "</table>\n";
}

std::string cash_table(const Study& study, const std::map<std::string, std::vector<RunSeries>>& series) {
  std::string html = "<table>\n" + row({"variant", "runs", "cumulative profit, USD", "cash minimum, USD",
                                        "day of the minimum", "runs that break even", "break-even day"},
                                       "th");
  for (const auto& v : study.variants) {
    const auto found = series.find(v);
    if (found == series.end()) continue;
    std::vector<double> profit, minimum, minimum_day, break_even;
    for (const auto& r : found->second) {
      profit.push_back(r.cash.final_usd);
      minimum.push_back(r.cash.minimum_usd);
      if (r.cash.minimum_day >= 0) minimum_day.push_back(r.cash.minimum_day);
      if (r.cash.break_even_day >= 0) break_even.push_back(r.cash.break_even_day);
    }
    html += row({v, std::to_string(profit.size()), with_interval(summarize(profit)), with_interval(summarize(minimum)),
                 minimum_day.empty() ? "-" : with_interval(summarize(minimum_day)),
                 std::to_string(break_even.size()) + " of " + std::to_string(profit.size()),
                 break_even.empty() ? "never" : with_interval(summarize(break_even))});
  }
  return html + "</table>\n";
}

std::string paired_table(const Study& study, const Analysis& a) {
  const auto metrics = headline_metrics(study, a);
  std::string html = "<table>\n" + row({"variant", "metric", "n", "difference", "95% CI", "excludes 0"}, "th");
  for (const auto& p : a.paired) {
    if (p.region != "all" || std::find(metrics.begin(), metrics.end(), p.metric) == metrics.end()) continue;
    const SampleSummary& d = p.difference;
    html += row({p.variant, p.metric, std::to_string(d.n), human(d.mean), interval(d.ci95_low, d.ci95_high),
                 d.n < 2 ? "-" : (d.excludes_zero() ? "yes" : "no")});
  }
  return html + "</table>\n";
}

std::string assumptions_list(const Study& study) {
  std::string html;
  for (const auto& v : study.variants) {
    html += "<h3>" + html_escape(v) + "</h3>\n<ul class=\"assumptions\">\n";
    const auto found = study.assumptions.find(v);
    if (found == study.assumptions.end() || found->second.empty()) {
      html += "<li>the base experiment, nothing changed</li>\n";
    } else {
      for (const auto& line : found->second)
        html += "<li>" + html_escape(line) + "</li>\n";
    }
    html += "</ul>\n";
  }
  return html;
}

std::string metric_bars(const Study& study, const Analysis& a) {
  std::string html;
  for (const auto& m : headline_metrics(study, a)) {
    std::vector<Bar> bars;
    for (const auto& v : study.variants) {
      const auto* agg = aggregate_of(a, v, m);
      if (agg != nullptr) bars.push_back(Bar{v, agg->summary.mean, agg->summary.ci95_low, agg->summary.ci95_high});
    }
    const MetricInfo* info = find_metric(m);
    html += svg_bar_chart(m, info != nullptr ? info->meaning : "", bars);
  }
  return html;
}

}  // namespace

std::string report_html(const Study& study, const Analysis& analysis) {
  const auto series = series_by_variant(study);
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                     html_escape(study.name) + "</title><style>" + kStyle + "</style></head>\n<body>\n";
  html += "<h1>Report: " + html_escape(study.name) + "</h1>\n<p>" + std::to_string(study.runs.size()) + " runs, " +
          std::to_string(study.variants.size()) + " variants; baseline <b>" + html_escape(analysis.baseline) +
          "</b> (" + html_escape(analysis.baseline_reason) +
          "). Means with 95% confidence intervals (Student t) over replications; differences are paired by "
          "replication (common random numbers). Money and users are real-world equivalents (simulated counts "
          "times the scale); jobs are simulated counts.</p>\n";
  html += "<h2>Headline</h2>\n" + headline_table(study, analysis);
  if (study.users_mode) html += "<h2>Whole-run cash</h2>\n" + cash_table(study, series);
  html += "<h2>Over time</h2>\n";
  const auto& first = series.begin()->second.front();
  for (std::size_t k = 0; k < first.series.size(); ++k) {
    std::vector<BandLine> lines;
    for (const auto& v : study.variants) {
      const auto found = series.find(v);
      if (found != series.end()) lines.push_back(band_of(v, found->second, k));
    }
    html += svg_band_chart(first.series[k].name, first.series[k].unit, lines);
  }
  html += "<h2>Variants compared</h2>\n" + metric_bars(study, analysis);
  html +=
      "<h2>Paired differences against " + html_escape(analysis.baseline) + "</h2>\n" + paired_table(study, analysis);
  if (!analysis.indices.empty()) {
    html += "<h2>Global sensitivity (" + html_escape(study.design.method) + ")</h2>\n" +
            svg_tornado(analysis.indices, tornado_metrics(analysis.indices), ranking_index(study.design.method));
  }
  html += "<h2>Key assumptions of each variant</h2>\n" + assumptions_list(study);
  return html + kDrawnCheck + "</body></html>\n";
}

}  // namespace gvsim::report
