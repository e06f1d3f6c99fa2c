#include "sim/fit/fit_table.hpp"

#include <cmath>
#include <cstdio>

#include "sim/fit/free_parameter.hpp"
#include "sim/schema/diagnostics.hpp"

namespace gvsim::fit {

namespace {

bool is_share(const std::string& metric) {
  return metric == "users_share" || metric == "revenue_share" || metric.rfind("revenue_mix", 0) == 0 ||
         metric == "gross_margin" || metric == "conversion" || metric == "paid_churn_month" ||
         metric == "gpu_hours_per_video_change";
}

std::string printf_text(const char* format, double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, v);
  return buffer;
}

std::string format_error(const FitRow& row) {
  if (std::isnan(row.error)) return "n/a";
  const Target& t = *row.target;
  if (row.error == 0.0)
    return t.kind == TargetKind::kRange ? "0 (in range)" : t.kind == TargetKind::kAbove ? "0 (above)" : "+0.0%";
  if (t.kind == TargetKind::kAbove && t.value == 0.0)
    return is_share(t.metric) ? printf_text("%+.1f pts", 100.0 * row.error) : printf_text("%+.3g", row.error);
  return printf_text("%+.1f%%", 100.0 * row.error);
}

std::string csv_number(double v) {
  return std::isnan(v) ? std::string() : printf_text("%.10g", v);
}

}  // namespace

double target_error(const Target& t, double model) {
  if (std::isnan(model)) return model;
  switch (t.kind) {
    case TargetKind::kPoint:
      return (model - t.value) / t.value;
    case TargetKind::kRange:
      if (model < t.value) return (model - t.value) / t.value;
      if (model > t.high) return (model - t.high) / t.high;
      return 0.0;
    case TargetKind::kAbove:
      if (model >= t.value) return 0.0;
      return t.value == 0.0 ? model : (model - t.value) / std::fabs(t.value);
  }
  return model;
}

std::vector<double> model_values(const TargetSet& targets, const RunObservations& run) {
  std::vector<double> values;
  for (const auto& t : targets.targets)
    values.push_back(run.value(t));
  return values;
}

FitTable compare(const TargetSet& targets, const std::vector<double>& values) {
  FitTable table;
  for (std::size_t i = 0; i < targets.targets.size(); ++i) {
    const Target& t = targets.targets[i];
    FitRow row{&t, i < values.size() ? values[i] : std::nan(""), 0.0, false};
    row.error = target_error(t, row.model);
    row.within = !std::isnan(row.error) && std::fabs(row.error) <= t.tolerance;
    if (t.fit) table.objective += std::isnan(row.error) ? kMissingPenalty : std::pow(row.error / t.tolerance, 2);
    table.rows.push_back(row);
  }
  return table;
}

std::string format_metric(const std::string& metric, double v) {
  if (std::isnan(v)) return "n/a";
  if (is_share(metric)) return printf_text("%.1f%%", 100.0 * v);
  const bool usd = metric.find("usd") != std::string::npos;
  if (std::fabs(v) >= 1e6) return (usd ? "$" : "") + printf_text(usd ? "%.1fM" : "%.2fM", v / 1e6);
  return (usd ? "$" : "") + printf_text("%.2f", v);
}

std::string fit_table_markdown(const FitTable& table) {
  std::string out = "| target | public value | source | model | error | tolerance | within |\n";
  out += "|---|---|---|---|---|---|---|\n";
  for (const auto& row : table.rows) {
    const Target& t = *row.target;
    out += "| " + std::string(t.fit ? "" : "check: ") + t.label + " | " + t.shown + " | " + t.source + " | " +
           format_metric(t.metric, row.model) + " | " + format_error(row) + " | " +
           (t.kind == TargetKind::kAbove && t.value == 0.0
                ? (is_share(t.metric) ? printf_text("%.0f pts", 100.0 * t.tolerance) : schema::shortest(t.tolerance))
                : printf_text("%.0f%%", 100.0 * t.tolerance)) +
           " | " + (row.within ? "yes" : "no") + " |\n";
  }
  out += "\nObjective (sum over fitted rows of (error / tolerance)^2): " + printf_text("%.4g", table.objective) + "\n";
  return out;
}

std::string fit_table_csv(const FitTable& table) {
  std::string out = "label,metric,region,first_day,last_day,public,source,fit,model,error,tolerance,within\n";
  for (const auto& row : table.rows) {
    const Target& t = *row.target;
    out += csv_field(t.label) + "," + t.metric + "," + t.region + "," + std::to_string(t.first_day) + "," +
           std::to_string(t.last_day) + "," + csv_field(t.shown) + "," + csv_field(t.source) + "," +
           (t.fit ? "1" : "0") + "," + csv_number(row.model) + "," + csv_number(row.error) + "," +
           csv_number(t.tolerance) + "," + (row.within ? "1" : "0") + "\n";
  }
  return out;
}

}  // namespace gvsim::fit
