#include "sim/report/study.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "sim/report/csv_file.hpp"
#include "sim/report/json_file.hpp"
#include "sim/report/report_error.hpp"

namespace gvsim::report {

namespace fs = std::filesystem;

namespace {

bool same_entry(const StudyEntry& a, const StudyEntry& b) {
  return a.variant == b.variant && a.baseline == b.baseline && a.replication == b.replication && a.seed == b.seed &&
         a.config_hash == b.config_hash;
}

std::vector<StudyEntry> read_study_csv(const std::string& dir) {
  const std::string path = dir + "/study.csv";
  if (!fs::exists(path)) throw ReportError(dir + ": no study.csv; expected the output folder of a study");
  const CsvFile f = CsvFile::read(path);
  const std::size_t id = f.column("run_id"), variant = f.column("variant"), baseline = f.column("baseline"),
                    replication = f.column("replication"), seed = f.column("seed"), hash = f.column("config_hash");
  std::vector<StudyEntry> entries;
  for (std::size_t r = 0; r < f.size(); ++r) {
    StudyEntry e;
    e.run_id = f.at(r, id);
    e.variant = f.at(r, variant);
    const std::string& flag = f.at(r, baseline);
    if (flag != "0" && flag != "1") {
      throw ReportError(path + ": row " + std::to_string(r + 2) + ": baseline must be 0 or 1, got \"" + flag + "\"");
    }
    e.baseline = flag == "1";
    const double rep = f.number(r, replication);
    if (!(rep >= 0.0) || rep != static_cast<double>(static_cast<long long>(rep))) {
      throw ReportError(path + ": row " + std::to_string(r + 2) + ": replication must be a whole number");
    }
    e.replication = static_cast<long long>(rep);
    e.seed = f.at(r, seed);
    e.config_hash = f.at(r, hash);
    if (e.run_id.empty() || e.variant.empty() || e.run_id.find('/') != std::string::npos || e.run_id == "." ||
        e.run_id == "..") {
      throw ReportError(path + ": row " + std::to_string(r + 2) + ": run_id and variant must be plain names");
    }
    entries.push_back(std::move(e));
  }
  return entries;
}

// The CSV files of a complete run folder, by name (the manifest's list).
std::map<std::string, std::string> run_csv_files(const std::string& run_dir, const std::string& config_hash) {
  const nlohmann::json manifest = read_json_file(run_dir + "/manifest.json");
  if (manifest.contains("config_hash") && manifest["config_hash"].is_string() &&
      manifest["config_hash"].get<std::string>() != config_hash) {
    throw ReportError(run_dir + "/manifest.json: config_hash " + manifest["config_hash"].get<std::string>() +
                      " differs from study.csv (" + config_hash + ")");
  }
  std::map<std::string, std::string> files;
  if (manifest.contains("files") && manifest["files"].is_array()) {
    for (const auto& name : manifest["files"]) {
      if (!name.is_string()) continue;
      const std::string file = name.get<std::string>();
      files[file] = read_file_bytes(run_dir + "/" + file);
    }
  }
  return files;
}

}  // namespace

Study load_study(const std::vector<std::string>& directories) {
  if (directories.empty()) throw ReportError("no study folder given");
  Study study;
  std::map<std::string, std::size_t> index;  // run_id -> position in listed
  std::set<std::string> names;
  for (const auto& dir : directories) {
    if (!fs::is_directory(dir)) throw ReportError(dir + ": not a folder");
    for (auto& e : read_study_csv(dir)) {
      const auto found = index.find(e.run_id);
      if (found == index.end()) {
        index.emplace(e.run_id, study.listed.size());
        study.listed.push_back(std::move(e));
      } else if (!same_entry(study.listed[found->second], e)) {
        throw ReportError(dir + "/study.csv: run " + e.run_id +
                          " differs from the same run in another folder (variant, replication, seed or config_hash)");
      }
    }
    if (fs::exists(dir + "/study.json")) {
      const nlohmann::json meta = read_json_file(dir + "/study.json");
      // The name: "experiment" (text, or an object with "name") or "name".
      const nlohmann::json* name = nullptr;
      if (meta.contains("experiment") && meta["experiment"].is_string()) name = &meta["experiment"];
      if (name == nullptr && meta.contains("experiment") && meta["experiment"].is_object() &&
          meta["experiment"].contains("name") && meta["experiment"]["name"].is_string())
        name = &meta["experiment"]["name"];
      if (name == nullptr && meta.contains("name") && meta["name"].is_string()) name = &meta["name"];
      if (name != nullptr) names.insert(name->get<std::string>());
      if (meta.contains("sensitivity")) study.design = read_gsa_design(meta["sensitivity"], dir + "/study.json");
    }
    if (fs::exists(dir + "/factors.csv")) {
      const CsvFile f = CsvFile::read(dir + "/factors.csv");
      const std::size_t id = f.column("run_id"), key = f.column("key"), value = f.column("value");
      for (std::size_t r = 0; r < f.size(); ++r) {
        auto& slot = study.factors[f.at(r, id)];
        const auto existing = slot.find(f.at(r, key));
        if (existing != slot.end() && existing->second != f.at(r, value)) {
          throw ReportError(dir + "/factors.csv: run " + f.at(r, id) + ", " + f.at(r, key) + " = " + f.at(r, value) +
                            " differs from " + existing->second + " given before");
        }
        slot[f.at(r, key)] = f.at(r, value);
      }
    }
  }
  if (names.size() > 1) throw ReportError("the folders belong to different studies (study.json names differ)");
  if (!names.empty()) study.name = *names.begin();

  for (const auto& e : study.listed) {
    if (std::find(study.variants.begin(), study.variants.end(), e.variant) == study.variants.end())
      study.variants.push_back(e.variant);
    if (e.baseline && std::find(study.baseline_variants.begin(), study.baseline_variants.end(), e.variant) ==
                          study.baseline_variants.end())
      study.baseline_variants.push_back(e.variant);
  }

  for (const auto& e : study.listed) {
    std::string first_dir;
    std::map<std::string, std::string> first_files;
    for (const auto& dir : directories) {
      const std::string run_dir = dir + "/runs/" + e.run_id;
      if (!fs::exists(run_dir + "/manifest.json")) continue;
      auto files = run_csv_files(run_dir, e.config_hash);
      if (first_dir.empty()) {
        first_dir = run_dir;
        first_files = std::move(files);
      } else if (files != first_files) {
        throw ReportError("run " + e.run_id + " is complete in " + first_dir + " and " + run_dir +
                          " with different results");
      }
    }
    if (first_dir.empty()) {
      study.missing.push_back(e.run_id);
      continue;
    }
    CompletedRun run{e, read_run_metrics(first_dir), first_dir};
    study.users_mode = study.users_mode || run.metrics.users_mode;
    study.runs.push_back(std::move(run));
  }

  std::set<std::string> listed_ids;
  for (const auto& e : study.listed)
    listed_ids.insert(e.run_id);
  std::set<std::string> strays;
  for (const auto& dir : directories) {
    if (!fs::is_directory(dir + "/runs")) continue;
    for (const auto& item : fs::directory_iterator(dir + "/runs")) {
      const std::string id = item.path().filename().string();
      if (item.is_directory() && listed_ids.count(id) == 0) strays.insert(id);
    }
  }
  for (const auto& id : strays)
    study.warnings.push_back("runs/" + id + " is not listed in study.csv; ignored");

  for (const auto& run : study.runs) {
    auto& said = study.assumptions[run.entry.variant];
    const auto f = study.factors.find(run.entry.run_id);
    if (!said.empty() || f == study.factors.end()) continue;
    for (const auto& [key, value] : f->second)
      said.push_back(key + " = " + value);
  }
  if (study.listed.empty()) throw ReportError("study.csv lists no runs");
  if (study.runs.empty()) {
    throw ReportError("none of the " + std::to_string(study.listed.size()) +
                      " runs listed in study.csv is complete (no runs/RUN_ID/manifest.json)");
  }
  if (study.name.empty()) {
    const nlohmann::json manifest = read_json_file([&] {
      for (const auto& dir : directories) {
        const std::string path = dir + "/runs/" + study.runs.front().entry.run_id + "/manifest.json";
        if (fs::exists(path)) return path;
      }
      return std::string();
    }());
    if (manifest.contains("scenario") && manifest["scenario"].is_string())
      study.name = manifest["scenario"].get<std::string>();
  }
  return study;
}

}  // namespace gvsim::report
