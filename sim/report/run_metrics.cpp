#include "sim/report/run_metrics.hpp"

#include <cmath>
#include <filesystem>
#include <map>

#include "sim/output/columns.hpp"
#include "sim/report/csv_file.hpp"
#include "sim/report/report_error.hpp"

namespace gvsim::report {

namespace {

// Per-region sums in first-appearance order.
template <class T>
class Ordered {
 public:
  T& operator[](const std::string& key) {
    for (auto& [k, v] : items_) {
      if (k == key) return v;
    }
    items_.emplace_back(key, T{});
    return items_.back().second;
  }
  const std::vector<std::pair<std::string, T>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, T>> items_;
};

struct ServingSums {
  double jobs = 0.0;
  double started = 0.0;
  double wait_sum_s = 0.0;
  double busy_h = 0.0;
  double provisioned_h = 0.0;
};

struct JobSums {
  double submitted = 0.0;
  double abandoned = 0.0;
  double failed = 0.0;
  std::vector<double> moderation;  ///< sums of kModerationColumns, when region_daily.csv has them
};

namespace summary_columns = output::columns::summary;
namespace timeseries_columns = output::columns::timeseries;
namespace daily_columns = output::columns::region_daily;
namespace kpi_columns = output::columns::kpis;

/// Moderation outcomes summed over the run from region_daily.csv, when a moderation policy is active (then the
/// moderation columns are there); each is also the name of its metric.
const std::vector<const output::Column*> kModerationColumns = {
    &output::columns::moderation::kBlockedBenign, &output::columns::moderation::kHarmfulPublished,
    &output::columns::moderation::kIncidents, &daily_columns::kFinesUsd};

double ratio(double a, double b) {
  return b > 0.0 ? a / b : std::nan("");
}

void add(RunMetrics& out, const std::string& region, const std::string& metric, double value) {
  if (std::isfinite(value)) out.values.push_back(Observation{region, metric, value});
}

// summary.csv: the run as a whole (after warm-up for waits and utilisation). Returns warmup_days.
double read_summary(const std::string& dir, RunMetrics& out) {
  const CsvFile f = CsvFile::read(dir + "/summary.csv");
  if (f.size() != 1) throw ReportError(f.name() + ": expected one data row, got " + std::to_string(f.size()));
  add(out, "all", "jobs", f.number(0, f.column(summary_columns::kJobsArrived)));
  add(out, "all", "mean_wait_s", f.number(0, f.column(summary_columns::kMeanWaitS)));
  add(out, "all", "p95_wait_s", f.number(0, f.column(summary_columns::kP95WaitS)));
  add(out, "all", "mean_queue_length", f.number(0, f.column(summary_columns::kMeanQueueLength)));
  add(out, "all", "utilisation", f.number(0, f.column(summary_columns::kUtilisation)));
  const double warmup = f.number(0, f.column(summary_columns::kWarmupDays));
  return std::isfinite(warmup) ? warmup : 0.0;
}

// timeseries.csv by serving region: jobs over the whole run; waits and utilisation over the days that end after
// the warm-up (the table has whole days, so a day that straddles the warm-up counts whole).
void read_timeseries(const std::string& dir, double warmup_days, RunMetrics& out) {
  const CsvFile f = CsvFile::read(dir + "/timeseries.csv");
  const std::size_t day = f.column(output::columns::keys::kDay), region = f.column(timeseries_columns::kRegion),
                    arrived = f.column(timeseries_columns::kJobsArrived),
                    started = f.column(timeseries_columns::kJobsStarted),
                    wait = f.column(timeseries_columns::kMeanWaitS), busy = f.column(timeseries_columns::kGpuHoursBusy),
                    provisioned = f.column(timeseries_columns::kGpuHoursProvisioned);
  Ordered<ServingSums> sums;
  for (std::size_t r = 0; r < f.size(); ++r) {
    ServingSums& s = sums[f.at(r, region)];
    s.jobs += f.number(r, arrived);
    if (f.number(r, day) + 1.0 <= warmup_days) continue;
    const double n = f.number(r, started);
    const double mean = f.number(r, wait);
    if (n > 0.0 && std::isfinite(mean)) {
      s.started += n;
      s.wait_sum_s += n * mean;
    }
    s.busy_h += f.number(r, busy);
    s.provisioned_h += f.number(r, provisioned);
  }
  for (const auto& [name, s] : sums.items()) {
    add(out, name, "jobs", s.jobs);
    add(out, name, "mean_wait_s", ratio(s.wait_sum_s, s.started));
    add(out, name, "utilisation", ratio(s.busy_h, s.provisioned_h));
  }
}

// The parent value and the verdict from kpis.csv, when it has them (results written before they existed do not):
// each class as a 0/1 metric, so its mean over replications is the share of runs in that class.
void read_verdict(const CsvFile& k, RunMetrics& out) {
  if (!k.has_column(kpi_columns::kVerdict)) return;
  const std::size_t kr = k.column(kpi_columns::kRegion), verdict = k.column(kpi_columns::kVerdict),
                    parent = k.column(kpi_columns::kParentValueUsd), total = k.column(kpi_columns::kTotalValueUsd),
                    trust = k.column(kpi_columns::kAdvertiserTrustMin);
  for (std::size_t r = 0; r < k.size(); ++r) {
    const std::string& name = k.at(r, kr);
    add(out, name, "parent_value_usd", k.number(r, parent));
    add(out, name, "total_value_usd", k.number(r, total));
    add(out, name, "advertiser_trust_min", k.number(r, trust));
    for (const char* c : {"product", "feature", "cost_centre"})
      add(out, name, std::string("verdict_") + c, k.at(r, verdict) == c ? 1.0 : 0.0);
  }
}

// kpis.csv (one row per user region plus `all`) and region_daily.csv (job outcomes over the whole run).
void read_users(const std::string& dir, RunMetrics& out) {
  const CsvFile daily = CsvFile::read(dir + "/region_daily.csv");
  const std::size_t region = daily.column(daily_columns::kRegion),
                    submitted = daily.column(daily_columns::kJobsSubmitted),
                    abandoned = daily.column(daily_columns::kJobsAbandoned),
                    failed = daily.column(daily_columns::kJobsFailed);
  const bool moderated = daily.has_column(*kModerationColumns.front());
  std::vector<std::size_t> moderation_columns;
  if (moderated) {
    for (const output::Column* c : kModerationColumns)
      moderation_columns.push_back(daily.column(*c));
  }
  Ordered<JobSums> jobs;
  JobSums all;
  all.moderation.assign(moderation_columns.size(), 0.0);
  for (std::size_t r = 0; r < daily.size(); ++r) {
    JobSums& s = jobs[daily.at(r, region)];
    s.submitted += daily.number(r, submitted);
    s.abandoned += daily.number(r, abandoned);
    s.failed += daily.number(r, failed);
    s.moderation.resize(moderation_columns.size(), 0.0);
    for (std::size_t m = 0; m < moderation_columns.size(); ++m)
      s.moderation[m] += daily.number(r, moderation_columns[m]);
  }
  for (const auto& [name, s] : jobs.items()) {
    all.submitted += s.submitted;
    all.abandoned += s.abandoned;
    all.failed += s.failed;
    for (std::size_t m = 0; m < moderation_columns.size(); ++m)
      all.moderation[m] += s.moderation[m];
  }
  const CsvFile k = CsvFile::read(dir + "/kpis.csv");
  const std::size_t kr = k.column(kpi_columns::kRegion);
  // Metrics read straight from a kpis.csv column.
  const std::vector<std::pair<std::string, const output::Column*>> direct = {
      {"adopted_users", &kpi_columns::kUsersAdopted},
      {"active_users", &kpi_columns::kUsersActiveEnd},
      {"paying_users", &kpi_columns::kUsersPaidEnd},
      {"conversion", &kpi_columns::kConversion},
      {"revenue_usd", &kpi_columns::kRevenueNetUsd},
      {"cost_usd", &kpi_columns::kCostUsd},
      {"gross_margin", &kpi_columns::kGrossMargin},
      {"gross_margin_run", &kpi_columns::kGrossMarginRun},
      {"monthly_paid_churn", &kpi_columns::kPaidChurnMonth},
      {"arppu_usd", &kpi_columns::kArppuUsdMonth},
      {"arr_usd", &kpi_columns::kArrUsd},
      {"cost_per_clip_usd", &kpi_columns::kCostPerGenerationUsd}};
  std::vector<std::size_t> columns;
  for (const auto& d : direct)
    columns.push_back(k.column(*d.second));
  const std::size_t revenue = k.column(kpi_columns::kRevenueNetUsd), cost = k.column(kpi_columns::kCostUsd);
  for (std::size_t r = 0; r < k.size(); ++r) {
    const std::string& name = k.at(r, kr);
    const JobSums s = name == "all" ? all : jobs[name];
    add(out, name, "abandoned_share", ratio(s.abandoned, s.submitted));
    add(out, name, "failed_share", ratio(s.failed, s.submitted));
    for (std::size_t i = 0; i < direct.size(); ++i)
      add(out, name, direct[i].first, k.number(r, columns[i]));
    add(out, name, "profit_usd", k.number(r, revenue) - k.number(r, cost));
    for (std::size_t m = 0; m < s.moderation.size(); ++m)
      add(out, name, std::string(kModerationColumns[m]->name), s.moderation[m]);
  }
  read_verdict(k, out);
}

}  // namespace

const std::vector<MetricInfo>& metric_catalogue() {
  static const std::vector<MetricInfo> catalogue = {
      {"jobs", "jobs submitted in the whole run (simulated count; per serving region)", false},
      {"mean_wait_s", "mean queue wait after warm-up, s (per serving region: days ending after warm-up)", false},
      {"p95_wait_s", "95th percentile of queue waits after warm-up, s (all regions only)", false},
      {"mean_queue_length", "time-average number of waiting jobs after warm-up (all regions only)", false},
      {"utilisation", "busy / provisioned GPU time after warm-up, 0-1 (per serving region: days ending after warm-up)",
       false},
      {"abandoned_share", "jobs abandoned in the queue / jobs submitted, whole run (per user region)", true},
      {"failed_share", "failed generations / jobs submitted, whole run (per user region)", true},
      {"adopted_users", "users who adopted by the horizon (real-world equivalents)", true},
      {"active_users", "users active at the horizon", true},
      {"paying_users", "paying users at the horizon", true},
      {"conversion", "paying / active users at the horizon, 0-1", true},
      {"revenue_usd", "net revenue (after store and payment fees), whole run, USD", true},
      {"cost_usd", "costs, whole run, USD", true},
      {"profit_usd", "net revenue - costs, whole run, USD", true},
      {"gross_margin", "(net revenue - cost) / net revenue, last 30 days", true},
      {"gross_margin_run", "(net revenue - cost) / net revenue, whole run", true},
      {"monthly_paid_churn", "paying users lost per paying user per 30 days, last 30 days", true},
      {"arppu_usd", "revenue per paying user per 30 days, last 30 days, USD", true},
      {"arr_usd", "net revenue of the last 30 days x 365 / 30, USD", true},
      {"cost_per_clip_usd", "cost per delivered clip, whole run, USD", true},
      {"blocked_benign", "benign jobs blocked by moderation (false positives), whole run (moderation on)", true},
      {"harmful_published", "harmful clips published (false negatives), whole run (moderation on)", true},
      {"incidents", "moderation incidents, whole run (moderation on)", true},
      {"fines_usd", "regulatory fines, whole run, USD (moderation on)", true},
      {"parent_value_usd", "value for the parent platform, all channels, whole run, USD", true},
      {"total_value_usd", "profit_usd + parent_value_usd, whole run, USD", true},
      {"advertiser_trust_min", "lowest advertiser trust of the run, 0-1 (where the parent is present)", true},
      {"verdict_product", "1 when the run's verdict is product, else 0 (mean: share of runs)", true},
      {"verdict_feature", "1 when the run's verdict is feature, else 0 (mean: share of runs)", true},
      {"verdict_cost_centre", "1 when the run's verdict is cost centre, else 0 (mean: share of runs)", true},
  };
  return catalogue;
}

const MetricInfo* find_metric(const std::string& name) {
  for (const auto& m : metric_catalogue()) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

RunMetrics read_run_metrics(const std::string& run_dir) {
  RunMetrics out;
  const double warmup = read_summary(run_dir, out);
  out.users_mode = std::filesystem::exists(run_dir + "/kpis.csv");
  if (out.users_mode) read_users(run_dir, out);  // before timeseries: user regions list every region in order
  read_timeseries(run_dir, warmup, out);
  return out;
}

}  // namespace gvsim::report
