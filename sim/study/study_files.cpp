#include "sim/study/study_files.hpp"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "gvsim/version.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/output/csv_table.hpp"

namespace gvsim::study {

namespace fs = std::filesystem;

RunState run_state(const std::string& dir, const std::string& config_hash) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return RunState::kMissing;
  std::ifstream in(dir + "/manifest.json");
  if (!in) return RunState::kIncomplete;
  std::stringstream text;
  text << in.rdbuf();
  const auto manifest = nlohmann::json::parse(text.str(), nullptr, false);
  if (manifest.is_discarded() || !manifest.is_object()) return RunState::kIncomplete;
  const auto hash = manifest.find("config_hash");
  if (hash == manifest.end() || !hash->is_string() || hash->get<std::string>() != config_hash) return RunState::kStale;
  return RunState::kComplete;
}

std::string run_dir(const std::string& out_dir, const StudyRun& run) {
  return out_dir + "/runs/" + run.id;
}

std::size_t count_complete(const std::string& out_dir, const StudyPlan& plan) {
  std::size_t complete = 0;
  for (const auto& run : plan.runs) {
    if (run_state(run_dir(out_dir, run), run.config_hash) == RunState::kComplete) ++complete;
  }
  return complete;
}

void write_study_tables(const std::string& out_dir, const StudyPlan& plan) {
  output::CsvTable runs({"run_id", "variant", "baseline", "replication", "seed", "config_hash"});
  output::CsvTable factors({"run_id", "key", "value"});
  for (const auto& run : plan.runs) {
    const auto& variant = plan.variants[run.variant];
    runs.row()
        .cell(run.id)
        .cell(variant.name)
        .cell(std::string(variant.baseline ? "1" : "0"))
        .cell(static_cast<long long>(run.replication))
        .cell(std::to_string(run.seed))
        .cell(run.config_hash);
    for (const auto& [key, value] : variant.factors)
      factors.row().cell(run.id).cell(key).cell(value);
  }
  output::write_file_atomically(out_dir + "/study.csv", runs.str());
  output::write_file_atomically(out_dir + "/factors.csv", factors.str());
}

nlohmann::ordered_json sensitivity_json(const SensitivityDesign& design) {
  nlohmann::ordered_json factors = nlohmann::ordered_json::array();
  for (const auto& r : design.ranges)
    factors.push_back({{"key", r.key}, {"min", r.min}, {"max", r.max}, {"integer", r.integer}});
  nlohmann::ordered_json roles = nlohmann::ordered_json::object();
  for (const auto& p : design.points)
    roles[p.name] = {p.role.group, p.role.role, p.role.index};
  return {{"method", design.method},
          {"levels", design.levels},
          {"bootstrap", design.bootstrap},
          {"factors", factors},
          {"variants", roles}};
}

void write_study_json(const std::string& out_dir, const StudyPlan& plan, const StudyStatus& status) {
  nlohmann::ordered_json root = nlohmann::ordered_json::object();
  root["gvsim_version"] = kVersion;
  root["experiment"] = {{"name", plan.name}, {"description", plan.description}, {"file", plan.experiment_file}};
  root["overrides"] = plan.overrides;
  root["status"] = status.status;
  root["shard"] = status.shard.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(status.shard);
  root["runs"] = {{"total", plan.runs.size()},
                  {"variants", plan.variants.size()},
                  {"replications", plan.replications},
                  {"complete", status.complete},
                  {"failed", status.failed.size()}};
  root["failed_runs"] = status.failed;
  if (!plan.sensitivity.method.empty()) root["sensitivity"] = sensitivity_json(plan.sensitivity);
  output::write_file_atomically(out_dir + "/study.json", root.dump(2) + "\n");
}

}  // namespace gvsim::study
