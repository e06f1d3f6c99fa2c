// Command-line parsing (CLI11) and signal handling; the work itself lives in commands.cpp.
#include <unistd.h>
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstring>

#include "gvsim/version.hpp"
#include "sim/cli/commands.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/study/mpi_world.hpp"

namespace gvsim::cli {

namespace {

extern "C" void on_interrupt(int) {
  output::remove_pending_temporaries();
  static const char message[] = "\ngvsim: interrupted; no results written for the unfinished run\n";
  [[maybe_unused]] const auto ignored = ::write(STDERR_FILENO, message, sizeof message - 1);
  ::_exit(kInterrupted);
}

void install_signal_handlers() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  engine::set_interrupt_handler(on_interrupt);  // SimGrid's Engine installs its own SIGINT handler
}

/// The options `gvsim calibrate` and `gvsim optimise` share.
void add_fit_options(CLI::App* cmd, std::vector<std::string>& overrides, std::size_t& replications, std::size_t& jobs,
                     std::size_t& max_evals, std::string& method, std::string& out_dir, bool& quiet) {
  cmd->add_option("--set", overrides, "Override a key: key.path=value (repeatable)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--replications", replications,
                  "Runs per point, common random numbers (default: the experiment's replications)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("-j,--jobs", jobs, "Runs at a time, one process each (default: one per core)")
      ->check(CLI::Range(1, 4096));
  cmd->add_option("--max-evals", max_evals, "Evaluation budget of the optimiser (default 30)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--method", method, "bobyqa (default) or neldermead");
  cmd->add_option("--out", out_dir, "Results folder (default: results/NAME-calibration or results/NAME-optimise)");
  cmd->add_flag("--quiet", quiet, "No line per evaluation on stderr");
}

}  // namespace

int main_entry(int argc, char** argv) {
  install_signal_handlers();
  CLI::App app{"gvsim: discrete-event simulator of a global AI-video-generation platform"};
  app.set_version_flag("--version", std::string("gvsim ") + kVersion + " (" + kGitCommit + ")");
  app.require_subcommand(1);

  RunOptions run;
  std::string seed;
  auto* run_cmd = app.add_subcommand("run", "Simulate an experiment and write CSV results and a manifest");
  run_cmd->add_option("experiment", run.experiment, "Experiment YAML file")->required()->check(CLI::ExistingFile);
  run_cmd->add_option("--out", run.out_dir, "Output folder (default: results/NAME)");
  run_cmd->add_option("--seed", seed, "Master seed, overriding the experiment's seed");
  run_cmd->add_option("--set", run.overrides, "Override a key: key.path=value (repeatable)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  run_cmd->add_flag("--quiet", run.quiet, "Print only the results folder (a study: no progress, only failures)");
  run_cmd->add_flag("--progress", run.progress,
                    "Single run: show the progress line (day, events/s, ETA) on stderr even when not a terminal");
  run_cmd->add_option("-j,--jobs", run.jobs, "Study: runs at a time, one process each (default: one per core)")
      ->check(CLI::Range(1, 4096));
  run_cmd->add_option("--shard", run.shard, "Study: run only share K of N (runs i with i % N == K-1), e.g. 2/4");
  if (study::mpi_available())
    run_cmd->add_flag("--mpi", run.mpi, "Study under mpirun: rank k runs shard k+1/N; rank 0 writes the study files");
  run_cmd->add_option("--study-run", run.study_run, "one run of a study (used by the study itself)")->group("");
  run_cmd->add_option("--study-hash", run.study_hash, "config hash of that run")->group("");

  std::string validate_file;
  std::vector<std::string> validate_overrides;
  auto* validate_cmd = app.add_subcommand("validate", "Check an experiment and its region files; print a summary");
  validate_cmd->add_option("experiment", validate_file, "Experiment YAML file")->required()->check(CLI::ExistingFile);
  validate_cmd->add_option("--set", validate_overrides, "Override a key: key.path=value (repeatable)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);

  auto* keys_cmd = app.add_subcommand("keys", "Print every configuration key with type, default, unit and meaning");
  auto* columns_cmd =
      app.add_subcommand("columns", "Print every column of the results CSV files with unit, meaning and row grain");

  ReportCommandOptions report;
  auto* report_cmd = app.add_subcommand(
      "report", "Compare studies and runs: report.md, report.html and CSV tables with confidence intervals");
  report_cmd
      ->add_option("directories", report.directories,
                   "Study folders (shards of one study, or several studies) and plain run folders, in any mix")
      ->required()
      ->check(CLI::ExistingDirectory);
  report_cmd->add_option("--out", report.out_dir,
                         "Report folder (default: FIRST/report for a study, report/ beside the first run folder)");
  report_cmd->add_option("--baseline", report.baseline, "Variant the others are compared with");
  report_cmd->add_option("--objectives", report.objectives,
                         "Pareto objectives metric:max|min,... (default by workload mode)");

  std::string schema_kind = "experiment";
  auto* schema_cmd = app.add_subcommand("schema", "Print the JSON Schema (draft 2020-12) of a configuration file");
  schema_cmd->add_option("file", schema_kind, "Kind of file: experiment (default), region, gpus, wan or video_models")
      ->check(CLI::IsMember({"experiment", "region", "gpus", "wan", "video_models"}));

  FitTableOptions fit_table;
  auto* fit_table_cmd = app.add_subcommand(
      "fit-table", "Compare run folders of an experiment with a targets file: model, target, error, tolerance");
  fit_table_cmd->add_option("experiment", fit_table.experiment, "Experiment YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  fit_table_cmd->add_option("--targets", fit_table.targets_file, "Targets YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  fit_table_cmd->add_option("--run", fit_table.runs, "Run folder (repeatable: values averaged; default results/NAME)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->check(CLI::ExistingDirectory);
  fit_table_cmd->add_option("--csv", fit_table.csv, "Also write the table as CSV to this file");
  fit_table_cmd->add_option("--set", fit_table.overrides, "Override a key: key.path=value (repeatable)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);

  fit::CalibrationOptions calibrate;
  auto* calibrate_cmd = app.add_subcommand("calibrate", "Fit free keys to a targets file (NLopt, resumable)");
  calibrate_cmd->add_option("experiment", calibrate.experiment, "Experiment YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  calibrate_cmd->add_option("--targets", calibrate.targets_file, "Targets YAML file")
      ->required()
      ->check(CLI::ExistingFile);
  fit::OptimisationOptions optimise;
  auto* optimise_cmd =
      app.add_subcommand("optimise", "Maximise or minimise a run metric over free keys, under constraints");
  optimise_cmd->add_option("experiment", optimise.experiment, "Experiment or study YAML file (no sweep)")
      ->required()
      ->check(CLI::ExistingFile);
  optimise_cmd->add_option("--objective", optimise.objective, "metric:max or metric:min (report metrics, region all)")
      ->required();
  optimise_cmd->add_option("--constraint", optimise.constraints, "metric<=value or metric>=value (repeatable)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  for (auto [cmd, o] : {std::pair{calibrate_cmd, &calibrate.free}, std::pair{optimise_cmd, &optimise.free}}) {
    cmd->add_option("--free", *o, "A key to fit: key.path=[low,high] or key.path=[low,high]@start (repeatable)")
        ->required()
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  }
  add_fit_options(calibrate_cmd, calibrate.overrides, calibrate.replications, calibrate.jobs, calibrate.max_evals,
                  calibrate.method, calibrate.out_dir, calibrate.quiet);
  add_fit_options(optimise_cmd, optimise.overrides, optimise.replications, optimise.jobs, optimise.max_evals,
                  optimise.method, optimise.out_dir, optimise.quiet);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kBadInput;
  }
  if (!seed.empty()) run.overrides.push_back("seed=" + seed);
  if (run_cmd->parsed()) return run_command(run);
  if (validate_cmd->parsed()) return validate_command(validate_file, validate_overrides);
  if (keys_cmd->parsed()) return keys_command();
  if (columns_cmd->parsed()) return columns_command();
  if (report_cmd->parsed()) return report_command(report);
  if (schema_cmd->parsed()) return schema_command(schema_kind);
  if (fit_table_cmd->parsed()) return fit_table_command(fit_table);
  if (calibrate_cmd->parsed()) return calibrate_command(calibrate);
  if (optimise_cmd->parsed()) return optimise_command(optimise);
  return kBadInput;
}

}  // namespace gvsim::cli
