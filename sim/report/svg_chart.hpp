#pragma once

#include <string>
#include <vector>

namespace gvsim::report {

/// @brief One variant's line in a time-series chart: the mean per day and its 95% interval (NaN where undefined).
struct BandLine {
  std::string label;
  std::vector<double> mean;
  std::vector<double> low;
  std::vector<double> high;
};

/// @brief One variant's bar: mean and 95% interval (NaN when undefined).
struct Bar {
  std::string label;
  double mean = 0.0;
  double low = 0.0;
  double high = 0.0;
};

/// @brief An inline SVG chart of daily lines with shaded 95% bands, x in days; draws nothing for empty input.
std::string svg_band_chart(const std::string& title, const std::string& unit, const std::vector<BandLine>& lines);

/// @brief An inline SVG bar chart with 95% interval whiskers, bars from zero (negative values go down).
std::string svg_bar_chart(const std::string& title, const std::string& unit, const std::vector<Bar>& bars);

/// @brief Text made safe inside HTML and SVG (&, <, >, ").
std::string html_escape(const std::string& text);

}  // namespace gvsim::report
