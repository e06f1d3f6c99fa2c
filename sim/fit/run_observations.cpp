#include "sim/fit/run_observations.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/report/csv_file.hpp"
#include "sim/report/report_error.hpp"

namespace gvsim::fit {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool selected(const std::string& name, const std::string& region, const std::vector<std::string>& except) {
  if (region != "all") return name == region;
  return std::find(except.begin(), except.end(), name) == except.end();
}

double ratio(double part, double whole) {
  return whole > 0.0 ? part / whole : kNaN;
}

}  // namespace

RunObservations RunObservations::read(const std::string& run_dir) {
  static const char* const kColumns[kSeriesCount] = {
      "users_new",         "jobs_delivered",  "revenue_net_usd", "revenue_subscriptions_usd",
      "revenue_packs_usd", "revenue_api_usd", "cost_usd",        "gpu_hours_busy"};
  RunObservations r;
  const report::CsvFile daily = report::CsvFile::read(run_dir + "/region_daily.csv");
  const std::size_t day_col = daily.column("day");
  const std::size_t region_col = daily.column("region");
  std::size_t cols[kSeriesCount];
  for (int s = 0; s < kSeriesCount; ++s)
    cols[s] = daily.column(kColumns[s]);
  for (std::size_t row = 0; row < daily.size(); ++row) {
    const double day_value = daily.number(row, day_col);
    if (!(day_value >= 0.0)) throw report::ReportError(daily.name() + ": row " + std::to_string(row + 2) + ": bad day");
    const auto day = static_cast<std::size_t>(day_value);
    const std::string& region = daily.at(row, region_col);
    auto [it, added] = r.series_.try_emplace(region);
    if (added) r.regions_.push_back(region);
    for (int s = 0; s < kSeriesCount; ++s) {
      auto& values = it->second[static_cast<std::size_t>(s)];
      if (values.size() <= day) values.resize(day + 1, 0.0);
      const double v = daily.number(row, cols[s]);
      values[day] += std::isnan(v) ? 0.0 : v;
    }
    r.days_ = std::max(r.days_, day + 1);
  }
  for (auto& [region, all] : r.series_) {
    for (auto& values : all)
      values.resize(r.days_, 0.0);
  }
  const report::CsvFile kpis = report::CsvFile::read(run_dir + "/kpis.csv");
  const std::size_t kpi_region = kpis.column("region");
  for (const char* column : {"arppu_usd_month", "conversion", "paid_churn_month"}) {
    const std::size_t c = kpis.column(column);
    for (std::size_t row = 0; row < kpis.size(); ++row)
      r.kpis_[kpis.at(row, kpi_region)][column] = kpis.number(row, c);
  }
  return r;
}

double RunObservations::sum(Series series, int first, int last, const std::string& region,
                            const std::vector<std::string>& except) const {
  double total = 0.0;
  for (const auto& [name, all] : series_) {
    if (!selected(name, region, except)) continue;
    const auto& values = all[static_cast<std::size_t>(series)];
    for (int d = std::max(first, 0); d <= last; ++d)
      total += values[static_cast<std::size_t>(d)];
  }
  return total;
}

double RunObservations::gross(int first, int last, const std::string& region,
                              const std::vector<std::string>& except) const {
  return sum(kSubscriptions, first, last, region, except) + sum(kPacks, first, last, region, except) +
         sum(kApi, first, last, region, except);
}

double RunObservations::gpu_hours_per_video(int first, int last, const std::string& region,
                                            const std::vector<std::string>& except) const {
  return ratio(sum(kGpuBusy, first, last, region, except), sum(kDelivered, first, last, region, except));
}

double RunObservations::value(const Target& t) const {
  const std::string& m = t.metric;
  if (m == "arppu_usd_month" || m == "conversion" || m == "paid_churn_month") {
    const auto row = kpis_.find(t.region);
    if (row == kpis_.end()) return kNaN;
    const auto cell = row->second.find(m);
    return cell == row->second.end() ? kNaN : cell->second;
  }
  if (t.last_day > last_day() || t.first_day < 0) return kNaN;
  const int a = t.first_day;
  const int b = t.last_day;
  static const std::vector<std::string> kNone;
  if (m == "users_adopted") return sum(kUsersNew, 0, b, t.region, t.except);
  if (m == "users_share") return ratio(sum(kUsersNew, 0, b, t.region, t.except), sum(kUsersNew, 0, b, "all", kNone));
  if (m == "videos_delivered") return sum(kDelivered, 0, b, t.region, t.except);
  if (m == "arr_net_usd") return b < 29 ? kNaN : sum(kNet, b - 29, b, t.region, t.except) * 365.0 / 30.0;
  if (m == "revenue_gross_usd") return gross(a, b, t.region, t.except);
  if (m == "revenue_share") return ratio(gross(a, b, t.region, t.except), gross(a, b, "all", kNone));
  if (m == "revenue_mix_subscriptions_packs")
    return ratio(sum(kSubscriptions, a, b, t.region, t.except) + sum(kPacks, a, b, t.region, t.except),
                 gross(a, b, t.region, t.except));
  if (m == "revenue_mix_api") return ratio(sum(kApi, a, b, t.region, t.except), gross(a, b, t.region, t.except));
  if (m == "gpu_hours_per_video_change") {
    // The window against the equally long period just before it: the change of the per-video GPU time.
    const int before = a - (b - a + 1);
    if (before < 0) return kNaN;
    return ratio(gpu_hours_per_video(a, b, t.region, t.except),
                 gpu_hours_per_video(before, a - 1, t.region, t.except)) -
           1.0;
  }
  if (m == "gross_margin") {
    const double net = sum(kNet, a, b, t.region, t.except);
    return ratio(net - sum(kCost, a, b, t.region, t.except), net);
  }
  return kNaN;
}

}  // namespace gvsim::fit
