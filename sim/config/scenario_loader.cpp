#include "sim/config/scenario_loader.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <set>

#include "sim/config/clip_work_checks.hpp"
#include "sim/config/config_node.hpp"
#include "sim/config/config_reader.hpp"
#include "sim/config/free_offer_checks.hpp"
#include "sim/config/overrides.hpp"
#include "sim/config/parent_checks.hpp"
#include "sim/config/region_overrides.hpp"
#include "sim/config/renewal_checks.hpp"
#include "sim/config/scenario_checks.hpp"

namespace gvsim::config {

namespace fs = std::filesystem;

namespace {

void drop_study_keys(ConfigNode& root) {
  std::erase_if(root.entries, [](const ConfigNode::Entry& e) { return e.key == "replications" || e.key == "sweep"; });
}

/// Reads a whole file into a structure declared by `describe`; returns false if the file could not be parsed.
/// `merge_override`, when given, merges the experiment's block for this file (`regions:`, `gpus:`, `wan:`) into
/// the parsed file before it is read.
template <class T>
bool read_file(const std::string& path, T& out, schema::Diagnostics& diagnostics, const LoadOptions& options = {},
               const std::function<void(ConfigNode&)>& merge_override = {}) {
  auto root = parse_yaml_file(path, diagnostics);
  if (root == nullptr) return false;
  apply_overrides(*root, options.overrides, diagnostics);
  if (root->kind != ConfigNode::Kind::kMap) {
    diagnostics.expected(root->mark, "", "a mapping at the top of the file", root->describe());
    return false;
  }
  if (options.single_run) drop_study_keys(*root);
  for (const auto& a : options.assignments)
    apply_assignment(*root, a, diagnostics);
  if (merge_override) merge_override(*root);
  ConfigReader reader(root.get(), "", diagnostics);
  describe(reader, out);
  reader.finish();
  return true;
}

}  // namespace

std::unique_ptr<ConfigNode> experiment_document(const std::string& experiment_path,
                                                const std::vector<std::string>& overrides,
                                                schema::Diagnostics& diagnostics) {
  auto root = parse_yaml_file(experiment_path, diagnostics);
  if (root != nullptr) apply_overrides(*root, overrides, diagnostics);
  return root;
}

void read_experiment(const std::string& experiment_path, const std::vector<std::string>& overrides,
                     model::Experiment& out, schema::Diagnostics& diagnostics) {
  read_file(experiment_path, out, diagnostics, LoadOptions{overrides, false, {}});
}

bool is_study_document(const ConfigNode& root) {
  if (root.kind != ConfigNode::Kind::kMap) return false;
  if (root.find("sweep") != nullptr) return true;
  const ConfigNode* replications = root.find("replications");
  return replications != nullptr && !(replications->kind == ConfigNode::Kind::kScalar && replications->scalar == "1");
}

model::Scenario load_scenario(const std::string& experiment_path, const LoadOptions& options) {
  schema::Diagnostics diagnostics;
  model::Scenario scenario;
  scenario.experiment_file = experiment_path;
  if (!read_file(experiment_path, scenario.experiment, diagnostics, options)) {
    throw schema::ConfigError(std::move(diagnostics));
  }
  const auto& platform = scenario.experiment.platform;
  if (platform.where.line == 0)
    throw schema::ConfigError(std::move(diagnostics));  // no platform mapping: reported above
  const fs::path regions_dir = fs::path(experiment_path).parent_path() / platform.regions_dir;
  if (!fs::is_directory(regions_dir)) {
    diagnostics.error(platform.where, "platform.regions_dir", "folder '" + regions_dir.string() + "' does not exist");
    throw schema::ConfigError(std::move(diagnostics));
  }

  // Each catalog merges the experiment's block for it below its top-level key (`gpus`, `links`, `region`).
  using Merge = std::function<void(ConfigNode&, const ConfigNode&, schema::Diagnostics&)>;
  const auto merging = [&diagnostics](const schema::RawValue& block, const char* key, Merge merge) {
    return [&diagnostics, &block, key, merge](ConfigNode& root) {
      ConfigNode* target = root.find(key);
      if (block.node != nullptr && target != nullptr) merge(*target, *block.node, diagnostics);
    };
  };
  const auto catalog = [](const char* path, const char* what) -> Merge {
    return [path, what](ConfigNode& entries, const ConfigNode& block, schema::Diagnostics& d) {
      merge_catalog_override(entries, block, path, what, d);
    };
  };
  model::GpuCatalog gpus;
  const bool gpus_read = read_file(
      (regions_dir / "gpus.yaml").string(), gpus, diagnostics, {},
      merging(scenario.experiment.gpu_overrides, "gpus", catalog("gpus", "a GPU model of regions/gpus.yaml")));
  model::WanCatalog wan;
  const bool wan_read = read_file((regions_dir / "wan.yaml").string(), wan, diagnostics, {},
                                  merging(scenario.experiment.wan_overrides, "links", merge_wan_override));

  const ConfigNode* region_overrides = scenario.experiment.region_overrides.node.get();
  if (region_overrides != nullptr) {
    std::vector<std::string> names;
    for (const auto& ref : platform.regions)
      names.push_back(ref.name);
    check_region_override_names(*region_overrides, names, diagnostics);
  }
  for (const auto& ref : platform.regions) {
    const fs::path file = regions_dir / (ref.name + ".yaml");
    if (!fs::is_regular_file(file)) {
      diagnostics.error(ref.mark, "platform.regions", "no region file '" + file.string() + "' for '" + ref.name + "'");
      continue;
    }
    model::RegionFile region_file;
    const ConfigNode* region_override = region_overrides != nullptr ? region_overrides->find(ref.name) : nullptr;
    const auto merge_region = [&](ConfigNode& root) {
      ConfigNode* region = root.find("region");
      if (region_override != nullptr && region != nullptr) {
        merge_region_override(*region, *region_override, "regions." + ref.name, diagnostics);
      }
    };
    if (!read_file(file.string(), region_file, diagnostics, {}, merge_region)) continue;
    if (region_file.region.name != ref.name && !region_file.region.name.empty()) {
      diagnostics.expected(region_file.region.name_where, "region.name", "'" + ref.name + "' (the file name)",
                           "'" + region_file.region.name + "'");
    }
    scenario.regions.push_back(std::move(region_file.region));
  }
  scenario.gpus = std::move(gpus.gpus);
  // The video-model catalogue is optional: clip classes that give gpu_seconds need none.
  const fs::path video_models_file = regions_dir / "video_models.yaml";
  model::VideoModelCatalog video_models;
  const schema::RawValue& video_model_overrides = scenario.experiment.video_model_overrides;
  if (fs::is_regular_file(video_models_file)) {
    read_file(video_models_file.string(), video_models, diagnostics, {},
              merging(video_model_overrides, "video_models",
                      catalog("video_models", "a video model of regions/video_models.yaml")));
  } else if (video_model_overrides.node != nullptr) {
    diagnostics.error(video_model_overrides.node->mark, "video_models",
                      "no video-model catalogue '" + video_models_file.string() + "' to change");
  }
  scenario.video_models = std::move(video_models.models);
  resolve_clip_work(scenario, diagnostics);
  check_parent(scenario, diagnostics);
  check_free_offer(scenario, diagnostics);
  check_renewal_retry(scenario, diagnostics);
  if (gpus_read && wan_read) {
    check_scenario(scenario, wan.links, regions_dir.string(), diagnostics);
  }
  if (!diagnostics.empty()) throw schema::ConfigError(std::move(diagnostics));
  scenario.warnings = diagnostics.warnings();
  return scenario;
}

}  // namespace gvsim::config
