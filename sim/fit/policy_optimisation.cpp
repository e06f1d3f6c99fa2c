#include "sim/fit/policy_optimisation.hpp"

#include <chrono>
#include <cmath>
#include <cstdlib>

#include "sim/fit/fit_problem.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/report/run_metrics.hpp"
#include "sim/report/statistics.hpp"

namespace gvsim::fit {

namespace {

const schema::SourceMark kCommandLine{"command line", 0, 0};

std::vector<std::string> metric_names() {
  std::vector<std::string> names;
  for (const auto& m : report::metric_catalogue())
    names.push_back(m.name);
  return names;
}

void check_metric(const std::string& metric, const std::string& option, schema::Diagnostics& d) {
  if (report::find_metric(metric) != nullptr) return;
  const std::string close = schema::closest_match(metric, metric_names());
  d.error(kCommandLine, option,
          "expected a report metric (" + schema::join_names(metric_names()) + "), got \"" + metric + "\"" +
              (close.empty() ? std::string() : " (did you mean \"" + close + "\"?)"));
}

bool parse_constraint(const std::string& text, Constraint& c) {
  for (const char* op : {"<=", ">="}) {
    const auto at = text.find(op);
    if (at == std::string::npos || at == 0) continue;
    c.metric = text.substr(0, at);
    c.at_most = op[0] == '<';
    const std::string bound = text.substr(at + 2);
    char* end = nullptr;
    c.bound = std::strtod(bound.c_str(), &end);
    return !bound.empty() && *end == '\0' && std::isfinite(c.bound);
  }
  return false;
}

std::vector<double> run_values(const std::string& dir, const std::vector<std::string>& names) {
  const report::RunMetrics metrics = report::read_run_metrics(dir);
  std::vector<double> values(names.size(), std::nan(""));
  for (const auto& o : metrics.values) {
    if (o.region != "all") continue;
    for (std::size_t k = 0; k < names.size(); ++k) {
      if (o.metric == names[k]) values[k] = o.value;
    }
  }
  return values;
}

MetricEstimate estimate(const std::string& metric, const Evaluator::PointValues& values, std::size_t k) {
  std::vector<double> sample;
  for (const auto& replication : values)
    sample.push_back(replication[k]);
  const report::SampleSummary s = report::summarize(sample);
  return {metric, s.mean, s.ci95_low, s.ci95_high};
}

}  // namespace

OptimisationResult optimise(const OptimisationOptions& o) {
  const auto started = std::chrono::steady_clock::now();
  schema::Diagnostics d;
  Method method = Method::kBobyqa;
  if (!parse_method(o.method, method)) d.expected(kCommandLine, "--method", "bobyqa or neldermead", o.method);
  const auto colon = o.objective.rfind(':');
  const std::string objective = o.objective.substr(0, colon);
  const std::string sense = colon == std::string::npos ? std::string() : o.objective.substr(colon + 1);
  if (sense != "max" && sense != "min") {
    d.expected(kCommandLine, "--objective", "metric:max or metric:min", o.objective);
  } else {
    check_metric(objective, "--objective", d);
  }
  std::vector<Constraint> constraints;
  for (const auto& text : o.constraints) {
    Constraint c;
    if (!parse_constraint(text, c)) {
      d.expected(kCommandLine, "--constraint", "metric<=value or metric>=value", text);
      continue;
    }
    check_metric(c.metric, "--constraint", d);
    constraints.push_back(c);
  }
  if (!d.empty()) throw schema::ConfigError(d);
  const FitProblem problem = prepare_problem(o.experiment, o.overrides, o.free, o.replications);
  OptimisationResult r;
  r.free = problem.free;
  r.out_dir = o.out_dir.empty() ? "results/" + problem.base.experiment.name + "-optimise" : o.out_dir;
  std::string measured = "objective " + o.objective + "\n";
  for (const auto& c : o.constraints)
    measured += "constraint " + c + "\n";
  claim_fit_folder(r.out_dir, fit_arguments(problem, o.free, measured));

  EvaluatorOptions eo = evaluator_options(problem, o.jobs, r.out_dir);
  eo.value_names = {objective};
  for (const auto& c : constraints)
    eo.value_names.push_back(c.metric);
  const std::vector<std::string> names = eo.value_names;
  Evaluator evaluator(eo, [&](const std::string& dir) { return run_values(dir, names); });
  // The objective is divided by its magnitude at the start so that a relative constraint violation of 10 % weighs
  // as much as the whole objective: penalties stay comparable whatever the metric's unit.
  std::vector<double> start;
  for (const auto& f : problem.free)
    start.push_back(f.start);
  const double at_start = mean_values(evaluator.evaluate({start}).front())[0];
  const double scale = std::isfinite(at_start) && at_start != 0.0 ? std::fabs(at_start) : 1.0;
  const double sign = sense == "max" ? -1.0 : 1.0;
  const Criterion criterion = [&](const std::vector<double>& values) {
    double f = std::isfinite(values[0]) ? sign * values[0] / scale : 1e6;
    for (std::size_t k = 0; k < constraints.size(); ++k) {
      const Constraint& c = constraints[k];
      const double excess = c.at_most ? values[k + 1] - c.bound : c.bound - values[k + 1];
      const double relative = excess / std::max(std::fabs(c.bound), 1e-12);
      if (!std::isfinite(values[k + 1])) {
        f += 1e6;
      } else if (relative > 0.0) {
        f += kConstraintPenalty * relative * relative;
      }
    }
    return f;
  };
  SearchOptions so;
  so.method = method;
  so.max_evals = o.max_evals;
  so.quiet = o.quiet;
  r.search = search(evaluator, criterion, so);
  for (std::size_t k = 0; k < names.size(); ++k)
    r.estimates.push_back(estimate(names[k], r.search.best_values, k));
  for (std::size_t k = 0; k < constraints.size(); ++k) {
    const double v = r.estimates[k + 1].mean;
    r.feasible = r.feasible && (constraints[k].at_most ? v <= constraints[k].bound : v >= constraints[k].bound);
  }
  std::vector<std::vector<double>> profile_points;
  for (const auto& row : r.search.profile) {
    std::vector<double> point = r.search.trajectory[r.search.best].params;
    point[row.parameter] = row.value;
    profile_points.push_back(point);
  }
  for (const auto& values : evaluator.evaluate(profile_points))
    r.profile_metric.push_back(mean_values(values)[0]);

  write_best_csv(r.out_dir, problem.free, r.search.trajectory[r.search.best].params);
  std::string text = "metric,mean,ci95_low,ci95_high\n";
  for (const auto& e : r.estimates)
    text += e.metric + "," + exact_text(e.mean) + "," + exact_text(e.ci_low) + "," + exact_text(e.ci_high) + "\n";
  output::write_file_atomically(r.out_dir + "/optimum.csv", text);
  mark_fit_complete(r.out_dir);
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

}  // namespace gvsim::fit
