// Number formatting and metric choices shared by report.md and report.html.
#include "sim/report/report_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gvsim::report {

std::string format(const char* pattern, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

// About four significant figures without exponents for everyday magnitudes; k, M, B suffixes for large ones.
std::string human(double v) {
  if (!std::isfinite(v)) return "-";
  const double a = std::fabs(v);
  if (a >= 1e4) {
    const double divisor = a >= 1e9 ? 1e9 : (a >= 1e6 ? 1e6 : 1e3);
    const char* suffix = a >= 1e9 ? "B" : (a >= 1e6 ? "M" : "k");
    const double scaled = a / divisor;
    const int decimals = scaled >= 100.0 ? 0 : (scaled >= 10.0 ? 1 : 2);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f%s", decimals, v / divisor, suffix);
    return buffer;
  }
  if (a >= 1000) return format("%.0f", v);
  if (a == 0.0) return "0";
  if (a < 1e-3) return format("%.2e", v);
  return format("%.4g", v);
}

std::string three_decimals(double v) {
  return std::fabs(v) < 0.0005 ? "0.000" : format("%.3f", v);
}

std::string interval(double low, double high) {
  if (!std::isfinite(low) || !std::isfinite(high)) return "-";
  return "[" + human(low) + ", " + human(high) + "]";
}

std::string with_interval(const SampleSummary& s) {
  return s.n < 2 ? human(s.mean) : human(s.mean) + " " + interval(s.ci95_low, s.ci95_high);
}

std::vector<std::string> headline_metrics(const Study& study, const Analysis& a) {
  const std::vector<std::string> wanted =
      study.users_mode ? std::vector<std::string>{"paying_users",     "revenue_usd",    "profit_usd",
                                                  "gross_margin_run", "gross_margin",   "monthly_paid_churn",
                                                  "p95_wait_s",       "blocked_benign", "incidents"}
                       : std::vector<std::string>{"jobs", "mean_wait_s", "p95_wait_s", "utilisation"};
  std::vector<std::string> out;
  for (const auto& m : wanted) {
    if (std::find(a.metrics.begin(), a.metrics.end(), m) != a.metrics.end()) out.push_back(m);
  }
  return out;
}

}  // namespace gvsim::report
