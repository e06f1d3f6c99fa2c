// Tornado charts of sensitivity indices: one panel per metric, factors ranked by the method's ranking index.
#include "sim/report/tornado_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "sim/output/atomic_file.hpp"
#include "sim/report/svg_chart.hpp"

namespace gvsim::report {

namespace {

constexpr double kWidth = 760.0;
constexpr double kLabel = 330.0;  // room for the key paths
constexpr double kRight = 30.0;
constexpr double kBar = 18.0;
constexpr double kTitle = 34.0;
constexpr double kAxis = 26.0;

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

std::string tick(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", v);
  return buffer;
}

/// One panel's rows of `index`, largest value first.
std::vector<IndexRow> ranked(const std::vector<IndexRow>& rows, const std::string& metric, const std::string& index,
                             std::size_t top) {
  std::vector<IndexRow> out;
  for (const auto& r : rows) {
    if (r.metric == metric && r.index == index && std::isfinite(r.value)) out.push_back(r);
  }
  std::stable_sort(out.begin(), out.end(), [](const IndexRow& a, const IndexRow& b) { return a.value > b.value; });
  if (out.size() > top) out.resize(top);
  return out;
}

std::string panel(const std::vector<IndexRow>& bars, const std::string& metric, const std::string& index, double y0) {
  double lo = 0.0, hi = 0.0;
  for (const auto& b : bars) {
    for (double v : {b.value, b.ci_lo, b.ci_hi}) {
      if (std::isfinite(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
  }
  if (!(hi > lo)) hi = lo + 1.0;
  const double x0 = kLabel, x1 = kWidth - kRight;
  const auto x = [&](double v) { return x0 + (v - lo) / (hi - lo) * (x1 - x0); };
  std::string s = "<text x=\"10\" y=\"" + num(y0 + 20) + "\" font-weight=\"bold\">" + html_escape(metric) + ": " +
                  html_escape(index) + " (95% bootstrap interval)</text>\n";
  double y = y0 + kTitle;
  for (const auto& b : bars) {
    const double left = x(std::min(0.0, b.value)), right = x(std::max(0.0, b.value));
    s += "<text x=\"" + num(x0 - 6) + "\" y=\"" + num(y + kBar * 0.7) + "\" text-anchor=\"end\">" +
         html_escape(b.factor) + "</text>\n";
    s += "<rect x=\"" + num(left) + "\" y=\"" + num(y + 2) + "\" width=\"" + num(std::max(0.5, right - left)) +
         "\" height=\"" + num(kBar - 4) + "\" fill=\"#1f77b4\"/>\n";
    if (std::isfinite(b.ci_lo) && std::isfinite(b.ci_hi)) {
      const std::string mid = num(y + kBar / 2);
      s += "<line x1=\"" + num(x(b.ci_lo)) + "\" y1=\"" + mid + "\" x2=\"" + num(x(b.ci_hi)) + "\" y2=\"" + mid +
           "\" stroke=\"#333\"/>\n";
    }
    y += kBar;
  }
  const std::string axis_y = num(y + 4);
  s += "<line x1=\"" + num(x0) + "\" y1=\"" + axis_y + "\" x2=\"" + num(x1) + "\" y2=\"" + axis_y +
       "\" stroke=\"#999\"/>\n";
  for (double v : {lo, 0.0, hi}) {
    s += "<text x=\"" + num(x(v)) + "\" y=\"" + num(y + 18) + "\" text-anchor=\"middle\" font-size=\"10\">" + tick(v) +
         "</text>\n";
  }
  return s;
}

}  // namespace

std::vector<std::string> tornado_metrics(const std::vector<IndexRow>& rows) {
  std::vector<std::string> present;
  for (const auto& r : rows) {
    if (std::find(present.begin(), present.end(), r.metric) == present.end()) present.push_back(r.metric);
  }
  std::vector<std::string> out;
  for (const char* headline : {"profit_usd", "paying_users", "monthly_paid_churn"}) {
    if (std::find(present.begin(), present.end(), headline) != present.end()) out.emplace_back(headline);
  }
  if (out.empty())
    out.assign(present.begin(), present.begin() + static_cast<long>(std::min<std::size_t>(3, present.size())));
  return out;
}

std::string svg_tornado(const std::vector<IndexRow>& rows, const std::vector<std::string>& metrics,
                        const std::string& index, std::size_t top) {
  std::string body;
  double y = 0.0;
  for (const auto& metric : metrics) {
    const auto bars = ranked(rows, metric, index, top);
    if (bars.empty()) continue;
    body += panel(bars, metric, index, y);
    y += kTitle + kBar * static_cast<double>(bars.size()) + kAxis + 10.0;
  }
  if (body.empty()) return "";
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(kWidth) + "\" height=\"" + num(y) +
         "\" viewBox=\"0 0 " + num(kWidth) + " " + num(y) + "\" font-family=\"sans-serif\" font-size=\"12\">\n" +
         "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + body + "</svg>\n";
}

void write_index_files(const std::string& out_dir, const std::string& method, const std::vector<IndexRow>& rows,
                       std::vector<std::string>& files) {
  const std::string svg = rows.empty() ? "" : svg_tornado(rows, tornado_metrics(rows), ranking_index(method));
  const std::vector<std::pair<std::string, std::string>> outputs = {
      {"sensitivity_indices.csv", rows.empty() ? "" : sensitivity_indices_csv(rows)}, {"sensitivity_tornado.svg", svg}};
  for (const auto& [name, content] : outputs) {
    if (content.empty()) {
      std::filesystem::remove(out_dir + "/" + name);  // from an earlier report
      continue;
    }
    output::write_file_atomically(out_dir + "/" + name, content);
    files.push_back(name);
  }
}

}  // namespace gvsim::report
