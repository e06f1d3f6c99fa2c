// `gvsim fit-table`, `gvsim calibrate` and `gvsim optimise`: the comparison with public targets and the fits.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <thread>

#include "sim/cli/commands.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/fit/calibration.hpp"
#include "sim/fit/policy_optimisation.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/folder_lock.hpp"
#include "sim/report/report_error.hpp"

namespace gvsim::cli {

namespace {

std::size_t default_jobs(std::size_t jobs) {
  return jobs > 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());
}

void print_search(const fit::SearchResult& s, const std::vector<fit::FreeParameter>& free) {
  const fit::TrajectoryRow& best = s.trajectory[s.best];
  std::printf("best of %zu evaluations (eval %zu; %s):\n", s.trajectory.size(), s.best + 1, s.stop_reason.c_str());
  for (std::size_t i = 0; i < free.size(); ++i)
    std::printf("  %s = %s  [%s, %s]\n", free[i].key.c_str(), fit::exact_text(best.params[i]).c_str(),
                fit::exact_text(free[i].low).c_str(), fit::exact_text(free[i].high).c_str());
  std::printf("profile (one parameter at a time, +-%.2g of its range):\n", 0.1);
  for (const auto& row : s.profile)
    std::printf("  %s = %s: objective %+.4g%s\n", free[row.parameter].key.c_str(), fit::exact_text(row.value).c_str(),
                row.delta, s.flat[row.parameter] ? " (flat)" : "");
  if (!s.identifiability.empty()) std::printf("%s\n", s.identifiability.c_str());
}

}  // namespace

int fit_table_command(const FitTableOptions& options) {
  try {
    config::LoadOptions load;
    load.overrides = options.overrides;
    load.single_run = true;
    const model::Scenario scenario = config::load_scenario(options.experiment, load);
    const fit::TargetSet targets = fit::read_experiment_targets(options.targets_file, scenario);
    std::vector<std::string> runs = options.runs;
    if (runs.empty()) runs.push_back("results/" + scenario.experiment.name);
    std::vector<double> mean(targets.targets.size(), 0.0);
    for (const auto& dir : runs) {
      const auto values = fit::model_values(targets, fit::RunObservations::read(dir));
      for (std::size_t k = 0; k < mean.size(); ++k)
        mean[k] += values[k] / static_cast<double>(runs.size());
    }
    const fit::FitTable table = fit::compare(targets, mean);
    std::string heading = "Runs:";
    for (const auto& dir : runs)
      heading += " " + dir;
    std::printf("%s%s\n\n%s", heading.c_str(), runs.size() > 1 ? " (values averaged over the runs)" : "",
                fit::fit_table_markdown(table).c_str());
    if (!options.csv.empty()) output::write_file_atomically(options.csv, fit::fit_table_csv(table));
    return kSuccess;
  } catch (const schema::ConfigError& e) {
    return report_config_error(e);
  } catch (const report::ReportError& e) {
    std::cerr << "gvsim fit-table: " << e.what() << "\n";
    return kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "gvsim fit-table: failed: " << e.what() << "\n";
    return kRuntimeFailure;
  }
}

int calibrate_command(fit::CalibrationOptions options) {
  try {
    options.jobs = default_jobs(options.jobs);
    const fit::CalibrationResult r = fit::calibrate(options);
    std::printf("gvsim calibrate: %zu runs made, %zu reused, %.1f s wall\n", r.runs_made, r.runs_reused,
                r.wall_seconds);
    print_search(r.search, r.free);
    const fit::TrajectoryRow& best = r.search.trajectory[r.search.best];
    if (best.replication_objectives.size() > 1) {
      double low = best.replication_objectives.front();
      double high = low;
      for (const double v : best.replication_objectives) {
        low = std::min(low, v);
        high = std::max(high, v);
      }
      std::printf("objective at the best point: %.4g (over replications %.4g to %.4g, standard error %.3g)\n",
                  best.objective, low, high, r.search.noise);
    }
    std::printf(
        "\n%s\nresults: %s/ (fitted.yaml, best.csv, fit_table.md, trajectory.csv, profile.csv, "
        "uncertainty.csv, runs.csv)\n",
        fit::fit_table_markdown(r.table).c_str(), r.out_dir.c_str());
    return kSuccess;
  } catch (const schema::ConfigError& e) {
    return report_config_error(e);
  } catch (const output::OutputRefused& e) {
    std::cerr << "gvsim calibrate: " << e.what() << "; nothing was run\n";
    return kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "gvsim calibrate: failed: " << e.what() << "\n";
    return kRuntimeFailure;
  }
}

int optimise_command(fit::OptimisationOptions options) {
  try {
    options.jobs = default_jobs(options.jobs);
    const fit::OptimisationResult r = fit::optimise(options);
    std::printf("gvsim optimise: %.1f s wall\n", r.wall_seconds);
    print_search(r.search, r.free);
    for (const auto& e : r.estimates)
      std::printf("  %s at the optimum: %.6g, 95%% CI [%.6g, %.6g]\n", e.metric.c_str(), e.mean, e.ci_low, e.ci_high);
    for (std::size_t k = 0; k < r.search.profile.size(); ++k) {
      const auto& row = r.search.profile[k];
      const double base = r.estimates.front().mean;
      std::printf("  %s = %s: %s %.6g (%+.2f%% of the optimum)\n", r.free[row.parameter].key.c_str(),
                  fit::exact_text(row.value).c_str(), r.estimates.front().metric.c_str(), r.profile_metric[k],
                  100.0 * (r.profile_metric[k] - base) / std::fabs(base));
    }
    if (!r.feasible) std::printf("warning: a constraint does not hold at the best point found\n");
    std::printf("results: %s/ (best.csv, optimum.csv, trajectory.csv, profile.csv, runs.csv)\n", r.out_dir.c_str());
    return kSuccess;
  } catch (const schema::ConfigError& e) {
    return report_config_error(e);
  } catch (const output::OutputRefused& e) {
    std::cerr << "gvsim optimise: " << e.what() << "; nothing was run\n";
    return kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "gvsim optimise: failed: " << e.what() << "\n";
    return kRuntimeFailure;
  }
}

}  // namespace gvsim::cli
