#include "sim/fit/fit_problem.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/config/scenario_loader.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/folder_lock.hpp"
#include "sim/output/results_writer.hpp"
#include "sim/study/study_plan.hpp"

namespace gvsim::fit {

namespace {

namespace fs = std::filesystem;

const schema::SourceMark kCommandLine{"command line", 0, 0};

model::Scenario load_single(const FitProblem& p, const std::vector<std::string>& extra) {
  config::LoadOptions options;
  options.overrides = p.overrides;
  options.overrides.insert(options.overrides.end(), extra.begin(), extra.end());
  options.single_run = true;
  return config::load_scenario(p.experiment, options);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

FitProblem prepare_problem(const std::string& experiment, const std::vector<std::string>& overrides,
                           const std::vector<std::string>& free_texts, std::size_t replications) {
  FitProblem p;
  p.experiment = experiment;
  p.overrides = overrides;
  schema::Diagnostics d;
  for (const auto& text : free_texts) {
    FreeParameter parameter;
    std::string why;
    if (!parse_free_parameter(text, parameter, why)) {
      d.error(kCommandLine, "--free", why);
      continue;
    }
    for (const auto& other : p.free) {
      if (other.key == parameter.key) d.error(kCommandLine, "--free", parameter.key + " is given twice");
    }
    p.free.push_back(parameter);
  }
  if (free_texts.empty()) d.error(kCommandLine, "--free", "expected at least one --free key.path=[low,high]");
  if (!d.empty()) throw schema::ConfigError(d);
  const study::StudyPlan plan = study::expand_study(experiment, overrides);
  if (plan.variants.size() > 1)
    d.error(kCommandLine, "sweep",
            "the experiment has a sweep of " + std::to_string(plan.variants.size()) +
                " variants; a fit chooses the values itself: give an experiment without `sweep`");
  if (!d.empty()) throw schema::ConfigError(d);
  p.replications = replications > 0 ? replications : static_cast<std::size_t>(plan.replications);
  p.base = load_single(p, {});
  // Both corners of the box must be valid configurations: the runs would fail part-way otherwise.
  std::vector<double> low;
  std::vector<double> high;
  for (const auto& f : p.free) {
    low.push_back(f.low);
    high.push_back(f.high);
  }
  load_single(p, assignments(p.free, low));
  load_single(p, assignments(p.free, high));
  return p;
}

std::string fit_arguments(const FitProblem& problem, const std::vector<std::string>& free_texts,
                          const std::string& extra) {
  std::string text = "experiment " + problem.experiment + "\nconfig_hash " + output::config_hash(problem.base) + "\n";
  for (const auto& o : problem.overrides)
    text += "set " + o + "\n";
  for (const auto& f : free_texts)
    text += "free " + f + "\n";
  text += "replications " + std::to_string(problem.replications) + "\n" + extra;
  if (!text.empty() && text.back() != '\n') text += "\n";
  return text;
}

EvaluatorOptions evaluator_options(const FitProblem& problem, std::size_t jobs, const std::string& out_dir) {
  EvaluatorOptions eo;
  eo.experiment = problem.experiment;
  eo.overrides = problem.overrides;
  eo.free = problem.free;
  eo.replications = problem.replications;
  eo.first_replication = problem.base.experiment.replication;
  eo.jobs = jobs;
  eo.out_dir = out_dir;
  return eo;
}

void claim_fit_folder(const std::string& out_dir, const std::string& arguments) {
  if (fs::exists(out_dir) && !fs::is_directory(out_dir))
    throw output::OutputRefused("--out " + out_dir + ": expected a folder, got an existing file");
  fs::create_directories(out_dir);
  const std::string path = out_dir + "/arguments.txt";
  if (fs::exists(out_dir + "/runs.csv") && read_text(path) != arguments)
    throw output::OutputRefused(out_dir + " holds the runs of a fit with other arguments (" + path +
                                "); choose another --out or remove it");
  output::write_file_atomically(path, arguments);
  output::write_file_atomically(out_dir + "/status", "running\n");
}

void mark_fit_complete(const std::string& out_dir) {
  output::write_file_atomically(out_dir + "/status", "complete\n");
}

void write_best_csv(const std::string& out_dir, const std::vector<FreeParameter>& free,
                    const std::vector<double>& values) {
  std::string text = "parameter,value,low,high,scaled\n";
  for (std::size_t i = 0; i < free.size(); ++i)
    text += free[i].key + "," + exact_text(values[i]) + "," + exact_text(free[i].low) + "," + exact_text(free[i].high) +
            "," + exact_text(free[i].scale(values[i])) + "\n";
  output::write_file_atomically(out_dir + "/best.csv", text);
}

}  // namespace gvsim::fit
