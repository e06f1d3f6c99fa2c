// `gvsim run` and `gvsim validate` of a study: an experiment with a sweep block or several replications.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>

#include "sim/cli/commands.hpp"
#include "sim/output/results_folder.hpp"
#include "sim/output/results_writer.hpp"
#include "sim/study/mpi_world.hpp"
#include "sim/study/study_plan.hpp"
#include "sim/study/study_runner.hpp"

namespace gvsim::cli {

namespace {

/// Reads "K/N" with 1 <= K <= N; false when malformed.
bool parse_shard(const std::string& text, std::size_t& index, std::size_t& count) {
  unsigned long k = 0;
  unsigned long n = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%lu/%lu%c", &k, &n, &tail) != 2 || k < 1 || n < 1 || k > n) return false;
  index = k;
  count = n;
  return true;
}

}  // namespace

int study_command(const RunOptions& options) {
  std::unique_ptr<study::MpiWorld> mpi;
  try {
    study::StudyOptions run;
    if (!options.shard.empty() && !parse_shard(options.shard, run.shard_index, run.shard_count)) {
      std::cerr << "gvsim: --shard " << options.shard << ": expected K/N with 1 <= K <= N; nothing was run\n";
      return kBadInput;
    }
    if (options.mpi) {
      if (!options.shard.empty()) {
        std::cerr << "gvsim: --mpi chooses each rank's shard; do not give --shard with it\n";
        return kBadInput;
      }
      mpi = std::make_unique<study::MpiWorld>();
      run.mpi = mpi.get();
      run.shard_index = static_cast<std::size_t>(mpi->rank()) + 1;
      run.shard_count = static_cast<std::size_t>(mpi->size());
    }
    const bool speaker = mpi == nullptr || mpi->rank() == 0;
    study::StudyPlan plan;
    try {
      schema::Diagnostics problems;
      plan = study::expand_study(options.experiment, options.overrides, &problems);
      study::validate_study(plan, problems);
    } catch (const schema::ConfigError& e) {
      return speaker ? report_config_error(e) : kBadInput;
    }
    run.out_dir = options.out_dir.empty() ? "results/" + plan.name : options.out_dir;
    if (std::filesystem::exists(run.out_dir) && !std::filesystem::is_directory(run.out_dir)) {
      if (speaker) std::cerr << "gvsim: --out " << run.out_dir << ": expected a folder, got an existing file\n";
      return kBadInput;
    }
    try {
      output::make_writable_folder(run.out_dir, run.out_dir);  // before any run starts
    } catch (const output::OutputRefused& e) {
      if (speaker) std::cerr << "gvsim: " << e.what() << "; nothing was run\n";
      return kBadInput;
    }
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    run.jobs = options.jobs > 0 ? options.jobs : mpi != nullptr ? 1 : cores;
    run.quiet = options.quiet;
    return study::run_study(plan, run);
  } catch (const std::exception& e) {
    std::cerr << "gvsim: study failed: " << e.what() << "\n";
    return kRuntimeFailure;
  }
}

int study_run_command(const RunOptions& options) {
  try {
    const study::StudyPlan plan = study::expand_study(options.experiment, options.overrides);
    const auto index = static_cast<std::size_t>(options.study_run);
    if (index >= plan.runs.size()) {
      std::cerr << "gvsim: the study has " << plan.runs.size() << " runs; there is no run " << index << "\n";
      return kBadInput;
    }
    std::vector<std::string> overrides = options.overrides;
    const model::Scenario scenario = study::load_run(plan, index, &overrides);
    const std::string hash = output::config_hash(scenario);
    if (!options.study_hash.empty() && hash != options.study_hash) {
      std::cerr << "gvsim: run " << plan.runs[index].id << " now has config hash " << hash << ", not "
                << options.study_hash << ": the experiment changed after the study started\n";
      return kRuntimeFailure;
    }
    const std::string directory =
        options.out_dir.empty() ? "results/" + plan.name + "/runs/" + plan.runs[index].id : options.out_dir;
    return simulate_and_write(scenario, directory, overrides, options.quiet, options.progress);
  } catch (const schema::ConfigError& e) {
    return report_config_error(e);
  } catch (const std::exception& e) {
    std::cerr << "gvsim: run failed: " << e.what() << "\n";
    return kRuntimeFailure;
  }
}

int validate_study_command(const std::string& experiment, const std::vector<std::string>& overrides) {
  try {
    schema::Diagnostics problems;
    study::StudyPlan plan = study::expand_study(experiment, overrides, &problems);
    const model::Scenario baseline = study::validate_study(plan, problems);
    print_scenario_summary(experiment, baseline);
    std::string baseline_name;
    for (const auto& v : plan.variants) {
      if (v.baseline && baseline_name.empty()) baseline_name = v.name;
    }
    std::printf("study: %zu runs = %zu variants x %lld replications; baseline %s (shown above)\n", plan.runs.size(),
                plan.variants.size(), static_cast<long long>(plan.replications), baseline_name.c_str());
    constexpr std::size_t kShown = 20;
    for (std::size_t v = 0; v < plan.variants.size() && v < kShown; ++v) {
      std::string factors;
      for (const auto& [key, value] : plan.variants[v].factors)
        factors += (factors.empty() ? "" : ", ") + key + "=" + value;
      std::printf("  %s%s%s\n", plan.variants[v].name.c_str(), factors.empty() ? "" : ": ", factors.c_str());
    }
    if (plan.variants.size() > kShown) std::printf("  ... and %zu more\n", plan.variants.size() - kShown);
    return kSuccess;
  } catch (const schema::ConfigError& e) {
    return report_config_error(e);
  } catch (const std::exception& e) {
    std::cerr << "gvsim: validation failed: " << e.what() << "\n";
    return kRuntimeFailure;
  }
}

}  // namespace gvsim::cli
