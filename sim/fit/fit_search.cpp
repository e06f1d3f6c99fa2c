#include "sim/fit/fit_search.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

#include "sim/output/atomic_file.hpp"

namespace gvsim::fit {

namespace {

double objective_of(const Criterion& criterion, const Evaluator::PointValues& values,
                    std::vector<double>& per_replication) {
  per_replication.clear();
  for (const auto& replication : values)
    per_replication.push_back(criterion(replication));
  return criterion(mean_values(values));
}

void write_trajectory(const std::string& out_dir, const std::vector<FreeParameter>& free,
                      const std::vector<TrajectoryRow>& rows) {
  std::string text = "eval";
  for (const auto& p : free)
    text += "," + p.key;
  text += ",objective";
  const std::size_t replications = rows.empty() ? 0 : rows.front().replication_objectives.size();
  for (std::size_t r = 0; r < replications; ++r)
    text += ",objective_r" + std::to_string(r);
  text += "\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    text += std::to_string(i + 1);
    for (const double v : rows[i].params)
      text += "," + exact_text(v);
    text += "," + exact_text(rows[i].objective);
    for (const double v : rows[i].replication_objectives)
      text += "," + exact_text(v);
    text += "\n";
  }
  output::write_file_atomically(out_dir + "/trajectory.csv", text);
}

double standard_error(const std::vector<double>& values) {
  const auto n = static_cast<double>(values.size());
  if (values.size() < 2) return std::numeric_limits<double>::quiet_NaN();
  double mean = 0.0;
  for (const double v : values)
    mean += v / n;
  double ss = 0.0;
  for (const double v : values)
    ss += (v - mean) * (v - mean);
  return std::sqrt(ss / (n - 1) / n);
}

/// Profiles each parameter at the optimum +- step (scaled), all points in one batch of runs.
void profile(Evaluator& evaluator, const Criterion& criterion, const SearchOptions& options, SearchResult& r) {
  const auto& free = evaluator.options().free;
  const TrajectoryRow& best = r.trajectory[r.best];
  std::vector<std::vector<double>> points;
  for (std::size_t i = 0; i < free.size(); ++i) {
    for (const double sign : {-1.0, 1.0}) {
      ProfileRow row;
      row.parameter = i;
      row.scaled = std::clamp(free[i].scale(best.params[i]) + sign * options.profile_step, 0.0, 1.0);
      row.value = free[i].unscale(row.scaled);
      std::vector<double> point = best.params;
      point[i] = row.value;
      points.push_back(point);
      r.profile.push_back(row);
    }
  }
  const auto values = evaluator.evaluate(points);
  std::vector<double> ignored;
  for (std::size_t k = 0; k < points.size(); ++k) {
    r.profile[k].objective = objective_of(criterion, values[k], ignored);
    r.profile[k].delta = r.profile[k].objective - best.objective;
  }
  // Flat: neither step moves the objective by more than twice its standard error, nor (without replications to
  // measure noise) by more than 1 % of 1 + the optimum's value.
  const double floor = 0.01 * (1.0 + std::fabs(best.objective));
  const double threshold = std::isnan(r.noise) ? floor : std::max(2.0 * r.noise, floor);
  std::vector<std::string> flat_names;
  r.flat.assign(free.size(), false);
  for (std::size_t i = 0; i < free.size(); ++i) {
    const double change = std::max(std::fabs(r.profile[2 * i].delta), std::fabs(r.profile[2 * i + 1].delta));
    r.flat[i] = change <= threshold;
    if (r.flat[i]) flat_names.push_back(free[i].key);
  }
  if (flat_names.size() >= 2) {
    r.identifiability = "identifiability: ";
    for (std::size_t i = 0; i < flat_names.size(); ++i)
      r.identifiability += (i == 0 ? "" : i + 1 == flat_names.size() ? " and " : ", ") + flat_names[i];
    r.identifiability +=
        " trade off: the objective is flat within noise along each of them around the optimum, so "
        "the targets do not pin them down";
  } else if (flat_names.size() == 1) {
    r.identifiability = "identifiability: " + flat_names[0] +
                        " is not identified: the objective is flat within noise along it around the optimum";
  }
  std::string text = "parameter,scaled,value,objective,delta,flat\n";
  for (const auto& row : r.profile)
    text += free[row.parameter].key + "," + exact_text(row.scaled) + "," + exact_text(row.value) + "," +
            exact_text(row.objective) + "," + exact_text(row.delta) + "," + (r.flat[row.parameter] ? "1" : "0") + "\n";
  output::write_file_atomically(evaluator.options().out_dir + "/profile.csv", text);
}

}  // namespace

std::vector<double> mean_values(const Evaluator::PointValues& values) {
  std::vector<double> mean(values.empty() ? 0 : values.front().size(), 0.0);
  for (const auto& replication : values) {
    for (std::size_t k = 0; k < mean.size(); ++k)
      mean[k] += replication[k] / static_cast<double>(values.size());
  }
  return mean;
}

SearchResult search(Evaluator& evaluator, const Criterion& criterion, const SearchOptions& options) {
  const auto& free = evaluator.options().free;
  SearchResult r;
  const auto started = std::chrono::steady_clock::now();
  const Optimiser::Function f = [&](const std::vector<double>& scaled) {
    TrajectoryRow row;
    for (std::size_t i = 0; i < free.size(); ++i)
      row.params.push_back(free[i].unscale(scaled[i]));
    const auto values = evaluator.evaluate({row.params});
    row.objective = objective_of(criterion, values.front(), row.replication_objectives);
    r.trajectory.push_back(row);
    write_trajectory(evaluator.options().out_dir, free, r.trajectory);
    if (!options.quiet) {
      const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::fprintf(stderr, "gvsim: eval %zu/%zu: objective %.6g (%zu runs made, %zu reused, %.0f s)\n",
                   r.trajectory.size(), options.max_evals, row.objective, evaluator.runs_made(),
                   evaluator.runs_reused(), wall);
    }
    return row.objective;
  };
  std::vector<double> start;
  for (const auto& p : free)
    start.push_back(p.scale(p.start));
  const OptimiserResult found = Optimiser(options.method, options.max_evals).minimise(f, start);
  r.stop_reason = found.stop_reason;
  for (std::size_t i = 0; i < r.trajectory.size(); ++i) {
    if (r.trajectory[i].objective < r.trajectory[r.best].objective) r.best = i;
  }
  r.best_values = evaluator.evaluate({r.trajectory[r.best].params}).front();
  r.best_mean_values = mean_values(r.best_values);
  r.noise = standard_error(r.trajectory[r.best].replication_objectives);
  profile(evaluator, criterion, options, r);
  return r;
}

}  // namespace gvsim::fit
