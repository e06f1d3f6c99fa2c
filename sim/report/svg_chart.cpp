// Inline SVG charts for report.html: no scripts, no external resources, so the file opens from disk anywhere.
#include "sim/report/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/report/report_format.hpp"

namespace gvsim::report {

namespace {

constexpr double kWidth = 720.0;
constexpr double kHeight = 280.0;
constexpr double kLeft = 70.0;
constexpr double kRight = 170.0;  // room for the legend
constexpr double kTop = 30.0;
constexpr double kBottom = 40.0;

const char* colour(std::size_t i) {
  static const char* palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                  "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
  return palette[i % (sizeof palette / sizeof palette[0])];
}

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

/// Maps data values to pixels along one axis.
struct Axis {
  double lo = 0.0;
  double hi = 1.0;
  double from = 0.0;  ///< pixel of lo
  double to = 1.0;    ///< pixel of hi
  double at(double v) const { return from + (v - lo) / (hi - lo) * (to - from); }
};

/// A value range that holds every finite value given and zero, padded so that lines do not touch the frame.
Axis value_axis(const std::vector<double>& values) {
  double lo = 0.0;
  double hi = 0.0;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  if (hi - lo <= 0.0) hi = lo + 1.0;
  const double pad = 0.05 * (hi - lo);
  return Axis{lo < 0.0 ? lo - pad : lo, hi + pad, kHeight - kBottom, kTop};
}

std::string frame(const std::string& title, const std::string& unit, const Axis& y) {
  std::string svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + num(kWidth) +
                    "\" height=\"" + num(kHeight) + "\" viewBox=\"0 0 " + num(kWidth) + " " + num(kHeight) +
                    "\" role=\"img\" aria-label=\"" + html_escape(title) + "\">\n";
  svg += "<text x=\"" + num(kLeft) + "\" y=\"18\" class=\"title\">" + html_escape(title) + " (" + html_escape(unit) +
         ")</text>\n";
  for (int k = 0; k <= 4; ++k) {
    const double v = y.lo + (y.hi - y.lo) * k / 4.0;
    const double py = y.at(v);
    svg += "<line x1=\"" + num(kLeft) + "\" x2=\"" + num(kWidth - kRight) + "\" y1=\"" + num(py) + "\" y2=\"" +
           num(py) + "\" class=\"grid\"/><text x=\"" + num(kLeft - 6) + "\" y=\"" + num(py + 4) +
           "\" class=\"tick\" text-anchor=\"end\">" + human(v) + "</text>\n";
  }
  if (y.lo < 0.0) {
    svg += "<line x1=\"" + num(kLeft) + "\" x2=\"" + num(kWidth - kRight) + "\" y1=\"" + num(y.at(0.0)) + "\" y2=\"" +
           num(y.at(0.0)) + "\" class=\"zero\"/>\n";
  }
  return svg;
}

std::string legend_entry(std::size_t i, const std::string& label) {
  const double y = kTop + 8.0 + 18.0 * static_cast<double>(i);
  const double x = kWidth - kRight + 12.0;
  return "<rect x=\"" + num(x) + "\" y=\"" + num(y - 9) + "\" width=\"12\" height=\"12\" fill=\"" + colour(i) +
         "\"/><text x=\"" + num(x + 18) + "\" y=\"" + num(y + 1) + "\" class=\"tick\">" + html_escape(label) +
         "</text>\n";
}

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string svg_band_chart(const std::string& title, const std::string& unit, const std::vector<BandLine>& lines) {
  std::vector<double> all;
  std::size_t days = 0;
  for (const auto& l : lines) {
    all.insert(all.end(), l.mean.begin(), l.mean.end());
    all.insert(all.end(), l.low.begin(), l.low.end());
    all.insert(all.end(), l.high.begin(), l.high.end());
    days = std::max(days, l.mean.size());
  }
  if (days == 0) return "";
  const Axis y = value_axis(all);
  const Axis x{0.0, std::max(1.0, static_cast<double>(days - 1)), kLeft, kWidth - kRight};
  std::string svg = frame(title, unit, y);
  const int step = std::max(1, static_cast<int>(std::ceil(static_cast<double>(days) / 8.0 / 10.0)) * 10);
  for (int d = 0; d < static_cast<int>(days); d += step) {
    svg += "<text x=\"" + num(x.at(d)) + "\" y=\"" + num(kHeight - kBottom + 16) +
           "\" class=\"tick\" text-anchor=\"middle\">" + std::to_string(d) + "</text>\n";
  }
  svg += "<text x=\"" + num((kLeft + kWidth - kRight) / 2) + "\" y=\"" + num(kHeight - 6) +
         "\" class=\"tick\" text-anchor=\"middle\">simulated day</text>\n<g class=\"marks\">\n";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = lines[i];
    std::string upper;
    std::string lower;
    for (std::size_t d = 0; d < l.mean.size(); ++d) {
      if (d < l.high.size() && std::isfinite(l.high[d]) && std::isfinite(l.low[d])) {
        upper += num(x.at(static_cast<double>(d))) + "," + num(y.at(l.high[d])) + " ";
        lower = num(x.at(static_cast<double>(d))) + "," + num(y.at(l.low[d])) + " " + lower;
      }
    }
    if (!upper.empty()) {
      svg += "<polygon points=\"" + upper + lower + "\" fill=\"" + colour(i) + "\" fill-opacity=\"0.18\"/>\n";
    }
    std::string path;
    for (std::size_t d = 0; d < l.mean.size(); ++d) {
      if (!std::isfinite(l.mean[d])) continue;
      path += (path.empty() ? "M" : " L") + num(x.at(static_cast<double>(d))) + " " + num(y.at(l.mean[d]));
    }
    if (!path.empty()) svg += "<path d=\"" + path + "\" stroke=\"" + colour(i) + "\" class=\"line\"/>\n";
    if (path.find('L') == std::string::npos && !path.empty()) {  // a single day: a dot, since a line has no length
      const auto day = static_cast<double>(
          std::find_if(l.mean.begin(), l.mean.end(), [](double v) { return std::isfinite(v); }) - l.mean.begin());
      svg += "<circle cx=\"" + num(x.at(day)) + "\" cy=\"" + num(y.at(l.mean[static_cast<std::size_t>(day)])) +
             "\" r=\"4\" fill=\"" + colour(i) + "\"/>\n";
    }
  }
  svg += "</g>\n";
  for (std::size_t i = 0; i < lines.size(); ++i)
    svg += legend_entry(i, lines[i].label);
  return svg + "</svg>\n";
}

std::string svg_bar_chart(const std::string& title, const std::string& unit, const std::vector<Bar>& bars) {
  if (bars.empty()) return "";
  std::vector<double> all;
  for (const auto& b : bars) {
    all.push_back(b.mean);
    all.push_back(b.low);
    all.push_back(b.high);
  }
  const Axis y = value_axis(all);
  std::string svg = frame(title, unit, y);
  const double slot = (kWidth - kRight - kLeft) / static_cast<double>(bars.size());
  const double width = std::min(60.0, slot * 0.6);
  svg += "<g class=\"marks\">\n";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    if (!std::isfinite(b.mean)) continue;
    const double cx = kLeft + slot * (static_cast<double>(i) + 0.5);
    const double top = std::min(y.at(b.mean), y.at(0.0));
    const double height = std::max(1.0, std::fabs(y.at(b.mean) - y.at(0.0)));
    svg += "<rect x=\"" + num(cx - width / 2) + "\" y=\"" + num(top) + "\" width=\"" + num(width) + "\" height=\"" +
           num(height) + "\" fill=\"" + colour(i) + "\"><title>" + html_escape(b.label) + ": " + human(b.mean) +
           "</title></rect>\n";
    if (std::isfinite(b.low) && std::isfinite(b.high)) {
      svg += "<path d=\"M" + num(cx) + " " + num(y.at(b.low)) + " L" + num(cx) + " " + num(y.at(b.high)) + " M" +
             num(cx - 8) + " " + num(y.at(b.low)) + " L" + num(cx + 8) + " " + num(y.at(b.low)) + " M" + num(cx - 8) +
             " " + num(y.at(b.high)) + " L" + num(cx + 8) + " " + num(y.at(b.high)) + "\" class=\"whisker\"/>\n";
    }
  }
  svg += "</g>\n";
  for (std::size_t i = 0; i < bars.size(); ++i)
    svg += legend_entry(i, bars[i].label);
  return svg + "</svg>\n";
}

}  // namespace gvsim::report
