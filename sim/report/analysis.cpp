#include "sim/report/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "sim/report/csv_file.hpp"
#include "sim/report/report_error.hpp"

namespace gvsim::report {

namespace {

// values[variant][region][metric] = (replication, value) in study.csv order.
using Series = std::vector<std::pair<long long, double>>;
using Table = std::map<std::string, std::map<std::string, std::map<std::string, Series>>>;

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names)
    out += (out.empty() ? "" : ", ") + n;
  return out;
}

template <class T>
bool contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::vector<double> values_of(const Series& s) {
  std::vector<double> v;
  for (const auto& p : s)
    v.push_back(p.second);
  return v;
}

const Series* find_series(const Table& t, const std::string& variant, const std::string& region,
                          const std::string& metric) {
  const auto v = t.find(variant);
  if (v == t.end()) return nullptr;
  const auto r = v->second.find(region);
  if (r == v->second.end()) return nullptr;
  const auto m = r->second.find(metric);
  return m == r->second.end() ? nullptr : &m->second;
}

std::vector<Objective> parse_objectives(const std::string& text, const Analysis& a) {
  std::vector<Objective> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    const std::string item = text.substr(start, end - start);
    start = end + 1;
    const std::size_t colon = item.rfind(':');
    const std::string metric = colon == std::string::npos ? item : item.substr(0, colon);
    const std::string direction = colon == std::string::npos ? "" : item.substr(colon + 1);
    if (direction != "max" && direction != "min") {
      throw ReportError("--objectives: expected metric:max or metric:min, got \"" + item + "\"");
    }
    if (find_metric(metric) == nullptr) {
      std::vector<std::string> known;
      for (const auto& m : metric_catalogue())
        known.push_back(m.name);
      throw ReportError("--objectives: unknown metric '" + metric + "'; known: " + join(known));
    }
    if (!contains(a.metrics, metric)) {
      throw ReportError("--objectives: metric '" + metric +
                        "' is not measured in these runs; measured: " + join(a.metrics));
    }
    for (const auto& o : out) {
      if (o.metric == metric) throw ReportError("--objectives: metric '" + metric + "' is given twice");
    }
    out.push_back(Objective{metric, direction == "max"});
  }
  return out;
}

void add_sensitivity(const Study& study, Analysis& a) {
  if (study.factors.empty()) return;
  std::set<std::string> keys;
  for (const auto& run : study.runs) {
    const auto f = study.factors.find(run.entry.run_id);
    if (f == study.factors.end()) continue;
    for (const auto& [key, value] : f->second)
      keys.insert(key);
  }
  std::vector<std::vector<double>> columns;  // per used factor, per run in study.runs order
  for (const auto& key : keys) {
    if (key == "replication" || key == "seed") continue;
    std::vector<double> column;
    bool numeric = true;
    for (const auto& run : study.runs) {
      const auto f = study.factors.find(run.entry.run_id);
      double v = 0.0;
      if (f == study.factors.end() || f->second.count(key) == 0 || !parse_number(f->second.at(key), v) ||
          !std::isfinite(v)) {
        numeric = false;
        break;
      }
      column.push_back(v);
    }
    if (!numeric) {
      a.notes.push_back("factor " + key + " left out: not a number in every complete run");
    } else if (std::all_of(column.begin(), column.end(), [&](double v) { return v == column.front(); })) {
      a.notes.push_back("factor " + key + " left out: the same in every complete run");
    } else {
      a.factors.push_back(key);
      columns.push_back(std::move(column));
    }
  }
  if (a.factors.empty()) return;
  const std::size_t k = a.factors.size();
  for (const auto& region : a.regions) {
    for (const auto& metric : a.metrics) {
      std::vector<double> y;
      std::vector<std::vector<double>> x(k);
      for (std::size_t i = 0; i < study.runs.size(); ++i) {
        for (const auto& o : study.runs[i].metrics.values) {
          if (o.region != region || o.metric != metric) continue;
          y.push_back(o.value);
          for (std::size_t j = 0; j < k; ++j)
            x[j].push_back(columns[j][i]);
        }
      }
      if (y.size() < k + 2) continue;
      auto constant = [](const std::vector<double>& v) {
        return std::all_of(v.begin(), v.end(), [&](double e) { return e == v.front(); });
      };
      if (constant(y) || std::any_of(x.begin(), x.end(), constant)) continue;
      const Regression r = standardized_regression(x, y);
      if (r.rank < k) {
        if (region == "all") a.notes.push_back(metric + ": factors are collinear in these runs; no coefficients");
        continue;
      }
      for (std::size_t j = 0; j < k; ++j)
        a.sensitivity.push_back(SensitivityRow{region, metric, a.factors[j], r.coefficients[j], r.r_squared, r.n});
    }
  }
}

}  // namespace

std::string default_objectives(bool users_mode) {
  return users_mode ? "gross_margin_run:max,monthly_paid_churn:min,p95_wait_s:min" : "mean_wait_s:min,utilisation:max";
}

Analysis analyze(const Study& study, const std::string& baseline, const std::string& objectives) {
  Analysis a;
  if (!baseline.empty()) {
    if (!contains(study.variants, baseline)) {
      throw ReportError("--baseline: unknown variant '" + baseline + "'; variants: " + join(study.variants));
    }
    a.baseline = baseline;
    a.baseline_reason = "given with --baseline";
  } else if (!study.baseline_variants.empty()) {
    a.baseline = study.baseline_variants.front();
    a.baseline_reason = study.baseline_origin;
  } else {
    a.baseline = study.variants.front();
    a.baseline_reason = "the first variant; study.csv flags none";
  }

  Table table;
  a.regions.push_back("all");
  std::set<std::string> measured;
  for (const auto& run : study.runs) {
    for (const auto& o : run.metrics.values) {
      Series& s = table[run.entry.variant][o.region][o.metric];
      for (const auto& p : s) {
        if (p.first == run.entry.replication) {
          throw ReportError("variant " + run.entry.variant + " has replication " +
                            std::to_string(run.entry.replication) + " more than once in study.csv");
        }
      }
      s.emplace_back(run.entry.replication, o.value);
      if (!contains(a.regions, o.region)) a.regions.push_back(o.region);
      measured.insert(o.metric);
    }
  }
  for (const auto& m : metric_catalogue()) {
    if (measured.count(m.name) > 0) a.metrics.push_back(m.name);
  }

  for (const auto& variant : study.variants) {
    for (const auto& region : a.regions) {
      for (const auto& metric : a.metrics) {
        const Series* s = find_series(table, variant, region, metric);
        if (s != nullptr) a.aggregate.push_back(AggregateRow{variant, region, metric, summarize(values_of(*s))});
      }
    }
  }

  for (const auto& variant : study.variants) {
    if (variant == a.baseline) continue;
    for (const auto& region : a.regions) {
      for (const auto& metric : a.metrics) {
        const Series* base = find_series(table, a.baseline, region, metric);
        const Series* other = find_series(table, variant, region, metric);
        if (base == nullptr || other == nullptr) continue;
        std::vector<double> b, v, d;
        for (const auto& [rep, value] : *other) {
          for (const auto& [base_rep, base_value] : *base) {
            if (base_rep != rep) continue;
            b.push_back(base_value);
            v.push_back(value);
            d.push_back(value - base_value);
          }
        }
        if (d.empty()) continue;
        a.paired.push_back(PairedRow{variant, region, metric, summarize(b).mean, summarize(v).mean, summarize(d)});
      }
    }
  }

  a.objectives = parse_objectives(objectives.empty() ? default_objectives(study.users_mode) : objectives, a);
  std::vector<std::vector<double>> points;
  std::vector<std::size_t> ranked;
  for (const auto& variant : study.variants) {
    ParetoRow row;
    row.variant = variant;
    row.complete = true;
    for (const auto& o : a.objectives) {
      const Series* s = find_series(table, variant, "all", o.metric);
      row.means.push_back(s == nullptr ? std::nan("") : summarize(values_of(*s)).mean);
      row.complete = row.complete && std::isfinite(row.means.back());
    }
    if (row.complete) {
      ranked.push_back(a.pareto.size());
      points.push_back(row.means);
    }
    a.pareto.push_back(std::move(row));
  }
  std::vector<bool> maximize;
  for (const auto& o : a.objectives)
    maximize.push_back(o.maximize);
  std::vector<std::size_t> dominated_by;
  const std::vector<bool> front = pareto_front(points, maximize, &dominated_by);
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    a.pareto[ranked[i]].on_front = front[i];
    a.pareto[ranked[i]].dominated_by = dominated_by[i];
  }

  add_sensitivity(study, a);
  a.indices = sensitivity_indices(study, a.metrics, a.notes);
  return a;
}

}  // namespace gvsim::report
