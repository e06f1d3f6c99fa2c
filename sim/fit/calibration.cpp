#include "sim/fit/calibration.hpp"

#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>

#include "sim/fit/fit_problem.hpp"
#include "sim/fit/fitted_experiment.hpp"
#include "sim/output/atomic_file.hpp"

namespace gvsim::fit {

namespace {

std::string file_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string uncertainty_csv(const CalibrationResult& r) {
  const TrajectoryRow& best = r.search.trajectory[r.search.best];
  std::string text = "replication,objective\n";
  for (std::size_t k = 0; k < best.replication_objectives.size(); ++k)
    text += std::to_string(k) + "," + exact_text(best.replication_objectives[k]) + "\n";
  return text;
}

std::vector<std::string> fitted_header(const CalibrationOptions& o, const FitProblem& p, const CalibrationResult& r) {
  const TrajectoryRow& best = r.search.trajectory[r.search.best];
  std::string command = "gvsim calibrate " + o.experiment + " --targets " + o.targets_file;
  for (const auto& set : o.overrides)
    command += " --set " + set;
  for (const auto& free : o.free)
    command += " --free " + free;
  std::vector<std::string> h = {"Fitted by `" + command + "`: " + std::to_string(r.search.trajectory.size()) +
                                    " evaluations x " + std::to_string(p.replications) + " replications, objective " +
                                    exact_text(best.objective) + " (sum of (error / tolerance)^2).",
                                "Fitted keys (bounds):"};
  for (std::size_t i = 0; i < p.free.size(); ++i)
    h.push_back("  " + p.free[i].key + " = " + exact_text(best.params[i]) + "  [" + exact_text(p.free[i].low) + ", " +
                exact_text(p.free[i].high) + "]");
  h.push_back("Targets (" + o.targets_file + "):");
  for (const auto& row : r.table.rows)
    h.push_back("  " + std::string(row.target->fit ? "" : "check: ") + row.target->label + " (" + row.target->source +
                "): " + row.target->shown + ", model " + format_metric(row.target->metric, row.model) +
                (row.within ? ", within tolerance" : ", outside tolerance"));
  if (!r.search.identifiability.empty()) h.push_back(r.search.identifiability);
  return h;
}

}  // namespace

TargetSet read_experiment_targets(const std::string& targets_file, const model::Scenario& scenario) {
  std::vector<std::string> regions;
  for (const auto& region : scenario.regions)
    regions.push_back(region.name);
  TargetSet targets = read_targets(targets_file, regions);
  schema::Diagnostics d;
  const double horizon = scenario.experiment.horizon_days;
  for (const auto& t : targets.targets) {
    if (t.last_day >= 0 && static_cast<double>(t.last_day + 1) > horizon)
      d.error(t.where, t.label,
              "the target needs day " + std::to_string(t.last_day) + ", but " + scenario.experiment_file +
                  " simulates " + schema::shortest(horizon) + " days (days 0-" +
                  std::to_string(static_cast<long>(std::ceil(horizon)) - 1) + ")");
  }
  if (!d.empty()) throw schema::ConfigError(d);
  return targets;
}

CalibrationResult calibrate(const CalibrationOptions& o) {
  const auto started = std::chrono::steady_clock::now();
  Method method = Method::kBobyqa;
  if (!parse_method(o.method, method)) {
    schema::Diagnostics d;
    d.expected({"command line", 0, 0}, "--method", "bobyqa or neldermead", o.method);
    throw schema::ConfigError(d);
  }
  const FitProblem problem = prepare_problem(o.experiment, o.overrides, o.free, o.replications);
  CalibrationResult r;
  r.free = problem.free;
  r.targets = read_experiment_targets(o.targets_file, problem.base);
  r.out_dir = o.out_dir.empty() ? "results/" + problem.base.experiment.name + "-calibration" : o.out_dir;
  claim_fit_folder(r.out_dir, fit_arguments(problem, o.free, "targets\n" + file_text(o.targets_file)));

  EvaluatorOptions eo = evaluator_options(problem, o.jobs, r.out_dir);
  for (const auto& t : r.targets.targets)
    eo.value_names.push_back(t.label);
  const TargetSet& targets = r.targets;
  Evaluator evaluator(eo, [&](const std::string& dir) { return model_values(targets, RunObservations::read(dir)); });
  const Criterion criterion = [&](const std::vector<double>& values) { return compare(targets, values).objective; };
  SearchOptions so;
  so.method = method;
  so.max_evals = o.max_evals;
  so.quiet = o.quiet;
  r.search = search(evaluator, criterion, so);
  r.table = compare(r.targets, r.search.best_mean_values);
  r.runs_made = evaluator.runs_made();
  r.runs_reused = evaluator.runs_reused();

  const TrajectoryRow& best = r.search.trajectory[r.search.best];
  write_best_csv(r.out_dir, problem.free, best.params);
  output::write_file_atomically(r.out_dir + "/fit_table.md", fit_table_markdown(r.table));
  output::write_file_atomically(r.out_dir + "/fit_table.csv", fit_table_csv(r.table));
  output::write_file_atomically(r.out_dir + "/uncertainty.csv", uncertainty_csv(r));
  std::vector<std::string> fitted = o.overrides;
  for (const auto& a : assignments(problem.free, best.params))
    fitted.push_back(a);
  output::write_file_atomically(r.out_dir + "/fitted.yaml",
                                fitted_experiment_text(o.experiment, fitted, r.out_dir, fitted_header(o, problem, r)));
  mark_fit_complete(r.out_dir);
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return r;
}

}  // namespace gvsim::fit
