// `gvsim report` over any mix of study folders and plain run folders.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/report/json_file.hpp"
#include "sim/report/report_error.hpp"
#include "sim/report/study.hpp"

namespace gvsim::report {

namespace fs = std::filesystem;

std::string read_file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ReportError(path + ": cannot be read");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

nlohmann::json read_json_file(const std::string& path) {
  try {
    return nlohmann::json::parse(read_file_bytes(path));
  } catch (const nlohmann::json::exception& e) {
    throw ReportError(path + ": not valid JSON (" + std::string(e.what()) + ")");
  }
}

namespace {

/// At most this many differing keys are listed per plain run; the rest are counted.
constexpr std::size_t kMaxAssumptions = 12;

/// A folder label that is a plain name and differs from those already taken.
std::string unique_label(std::string label, const std::vector<std::string>& taken) {
  std::replace(label.begin(), label.end(), '/', '_');
  if (label.empty() || label == "." || label == "..") label = "run";
  std::string candidate = label;
  for (int k = 2; std::find(taken.begin(), taken.end(), candidate) != taken.end(); ++k)
    candidate = label + "_" + std::to_string(k);
  return candidate;
}

/// Leaves of a JSON value as dotted key paths ("a.b[2].c") with their compact text.
void flatten(const nlohmann::json& value, const std::string& path, std::map<std::string, std::string>& out) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.items())
      flatten(child, path.empty() ? key : path + "." + key, out);
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i)
      flatten(value[i], path + "[" + std::to_string(i) + "]", out);
  } else {
    out[path] = value.dump();
  }
}

/// What sets a plain run's resolved configuration apart from the first plain run's, as "key = value" lines.
std::vector<std::string> config_differences(const std::map<std::string, std::string>& reference,
                                            const std::map<std::string, std::string>& run) {
  std::vector<std::string> lines;
  std::size_t more = 0;
  for (const auto& [key, value] : run) {
    const auto found = reference.find(key);
    if (found != reference.end() && found->second == value) continue;
    if (lines.size() < kMaxAssumptions) {
      lines.push_back(key + " = " + value);
    } else {
      ++more;
    }
  }
  for (const auto& [key, value] : reference) {
    if (run.count(key) == 0 && lines.size() < kMaxAssumptions) lines.push_back(key + " not set (was " + value + ")");
  }
  if (more > 0) lines.push_back("and " + std::to_string(more) + " more keys");
  return lines;
}

/// Appends `part` to `into`, its variants and runs renamed PREFIX/NAME.
void append_study(Study& into, Study part, const std::string& prefix) {
  auto renamed = [&](const std::string& name) { return prefix + "/" + name; };
  for (auto& e : part.listed) {
    e.run_id = renamed(e.run_id);
    e.variant = renamed(e.variant);
    into.listed.push_back(e);
  }
  for (auto& run : part.runs) {
    run.entry.run_id = renamed(run.entry.run_id);
    run.entry.variant = renamed(run.entry.variant);
    into.users_mode = into.users_mode || run.metrics.users_mode;
    into.runs.push_back(std::move(run));
  }
  for (const auto& id : part.missing)
    into.missing.push_back(renamed(id));
  for (const auto& v : part.variants)
    into.variants.push_back(renamed(v));
  for (const auto& v : part.baseline_variants)
    into.baseline_variants.push_back(renamed(v));
  for (auto& [id, keys] : part.factors)
    into.factors[renamed(id)] = std::move(keys);
  for (auto& [variant, lines] : part.assumptions)
    into.assumptions[renamed(variant)] = std::move(lines);
  for (const auto& w : part.warnings)
    into.warnings.push_back(prefix + ": " + w);
}

}  // namespace

Study load_inputs(const std::vector<std::string>& directories) {
  if (directories.empty()) throw ReportError("no study or run folder given");
  std::vector<std::pair<std::string, std::vector<std::string>>> studies;  // name -> its folders, in given order
  std::vector<std::string> order;                                         // "s:NAME" or "r:DIR", in the order given
  for (const auto& dir : directories) {
    if (!fs::is_directory(dir)) throw ReportError(dir + ": not a folder");
    if (fs::exists(dir + "/study.csv")) {
      // Shards of one study list the same runs: identical study.csv files group into one study.
      const std::string name = read_file_bytes(dir + "/study.csv");
      auto found = std::find_if(studies.begin(), studies.end(), [&](const auto& s) { return s.first == name; });
      if (found == studies.end()) {
        studies.emplace_back(name, std::vector<std::string>{dir});
        order.push_back("s:" + std::to_string(studies.size() - 1));
      } else {
        found->second.push_back(dir);
      }
    } else if (fs::exists(dir + "/manifest.json")) {
      order.push_back("r:" + dir);
    } else {
      throw ReportError(dir + ": neither a study folder (study.csv) nor a complete run folder (manifest.json)");
    }
  }
  if (studies.size() == 1 && order.size() == 1) return load_study(studies.front().second);

  Study merged;
  std::vector<std::string> labels;
  std::map<std::string, std::string> reference;  // the first plain run's resolved configuration
  for (const auto& item : order) {
    const std::string what = item.substr(2);
    if (item[0] == 's') {
      const auto& folders = studies[std::stoul(what)].second;
      const std::string prefix = unique_label(fs::path(folders.front()).lexically_normal().filename().string(), labels);
      labels.push_back(prefix);
      append_study(merged, load_study(folders), prefix);
      continue;
    }
    const nlohmann::json manifest = read_json_file(what + "/manifest.json");
    const std::string label = unique_label(fs::path(what).lexically_normal().filename().string(), labels);
    labels.push_back(label);
    StudyEntry entry;
    entry.run_id = label;
    entry.variant = label;
    entry.replication = manifest.value("replication", 0LL);
    entry.seed = manifest.contains("seed") ? manifest["seed"].dump() : "";
    entry.config_hash = manifest.value("config_hash", std::string());
    std::map<std::string, std::string> config;
    if (manifest.contains("resolved_config")) flatten(manifest["resolved_config"], "", config);
    if (reference.empty()) {
      reference = config;
      merged.assumptions[label] = {"reference run (" + manifest.value("scenario", std::string("?")) + ", seed " +
                                   entry.seed + ")"};
    } else {
      merged.assumptions[label] = config_differences(reference, config);
    }
    CompletedRun run{entry, read_run_metrics(what), what};
    merged.users_mode = merged.users_mode || run.metrics.users_mode;
    merged.listed.push_back(entry);
    merged.variants.push_back(label);
    merged.runs.push_back(std::move(run));
  }
  // The first folder given supplies the baseline: its flagged variant, else its first variant (or the plain run).
  const std::string first = labels.front();
  auto from_first = [&](const std::string& v) { return v == first || v.rfind(first + "/", 0) == 0; };
  std::erase_if(merged.baseline_variants, [&](const std::string& v) { return !from_first(v); });
  merged.baseline_origin = "from the first folder given";
  if (merged.baseline_variants.empty()) {
    merged.baseline_variants.push_back(*std::find_if(merged.variants.begin(), merged.variants.end(), from_first));
  }
  merged.name = order.size() == 1 ? labels.front() : "comparison of " + std::to_string(order.size()) + " inputs";
  return merged;
}

}  // namespace gvsim::report
