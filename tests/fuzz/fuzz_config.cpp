// libFuzzer target over experiment loading and validation: what `gvsim validate` does, minus the printing.
//
// Input format: the experiment file, then optionally further files and --set assignments, each introduced by a
// line of its own:
//   #@file regions/NAME.yaml      the following lines replace (or add) that file, relative to the experiment
//   #@file ../regions/NAME.yaml   (folder and file names: lower-case letters, digits and '_' only)
//   #@set key.path=value          an override, as with `gvsim validate --set` (not part of any file)
// The files live in a workspace under /dev/shm (a tmpfs, so no disk writes) that holds a copy of the repository's
// regions/ both beside the experiment and one level up, so experiments with `regions_dir: regions` and with the
// default `../regions` both find region data. Files an input changed are restored after it.
//
// Only schema::ConfigError may leave the loader: any other exception aborts, so the fuzzer reports it.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/scenario_loader.hpp"
#include "sim/engine/job_source.hpp"
#include "sim/model/cluster_index.hpp"
#include "sim/model/region_graph.hpp"
#include "sim/output/results_writer.hpp"

namespace fs = std::filesystem;

namespace {

struct Workspace {
  fs::path root;                          ///< the workspace; the experiment is root/e/experiment.yaml
  std::map<fs::path, std::string> files;  ///< pristine content of every file the workspace starts with
  std::set<fs::path> directories;         ///< folders the workspace starts with
};

Workspace* g_workspace = nullptr;

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_whole(const fs::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) {
    std::fprintf(stderr, "fuzz: cannot write %s\n", path.c_str());
    std::abort();
  }
}

void remove_workspace() {
  if (g_workspace == nullptr) return;
  std::error_code ignored;
  fs::remove_all(g_workspace->root, ignored);
}

void copy_regions(const fs::path& from, const fs::path& to, Workspace& workspace) {
  fs::create_directories(to);
  workspace.directories.insert(to);
  for (const auto& entry : fs::directory_iterator(from)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".yaml") continue;
    const std::string content = read_whole(entry.path());
    write_whole(to / entry.path().filename(), content);
    workspace.files[to / entry.path().filename()] = content;
  }
}

/// One input split into the experiment text, extra files (workspace-relative paths) and overrides.
struct Parts {
  std::string experiment;
  std::vector<std::pair<fs::path, std::string>> files;
  std::vector<std::string> overrides;
};

/// True for 1 to `max` characters out of lower-case letters, digits and '_'.
bool is_plain_name(std::string_view name, std::size_t max) {
  return !name.empty() && name.size() <= max && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

/// The workspace-relative path of a `#@file` header (without the prefix), or an empty path if it is not valid.
fs::path header_path(std::string_view spec) {
  const bool up = spec.rfind("../", 0) == 0;
  if (up) spec.remove_prefix(3);
  const std::size_t slash = spec.find('/');
  if (slash == std::string_view::npos) return {};
  const std::string_view folder = spec.substr(0, slash);
  std::string_view file = spec.substr(slash + 1);
  if (file.size() < 6 || file.substr(file.size() - 5) != ".yaml") return {};
  file.remove_suffix(5);
  if (!is_plain_name(folder, 32) || !is_plain_name(file, 40)) return {};
  const fs::path relative = fs::path(std::string(folder)) / (std::string(file) + ".yaml");
  return up ? relative : fs::path("e") / relative;
}

Parts split_input(std::string_view input) {
  Parts parts;
  parts.files.reserve(16);  // `current` points into it
  std::string* current = &parts.experiment;
  std::string discarded;
  std::size_t begin = 0;
  while (begin < input.size()) {
    std::size_t end = input.find('\n', begin);
    const bool last = end == std::string_view::npos;
    if (last) end = input.size();
    const std::string_view line = input.substr(begin, end - begin);
    if (line.rfind("#@set ", 0) == 0) {
      if (parts.overrides.size() < 16) parts.overrides.emplace_back(line.substr(6));
    } else if (line.rfind("#@file ", 0) == 0) {
      const fs::path relative = header_path(line.substr(7));
      if (parts.files.size() < 16 && !relative.empty()) {
        parts.files.emplace_back(relative, std::string());
        current = &parts.files.back().second;
      } else {
        discarded.clear();
        current = &discarded;
      }
    } else {
      current->append(line);
      if (!last) current->push_back('\n');
    }
    begin = end + 1;
  }
  return parts;
}

/// Puts back every file and folder an input changed.
void restore(const Workspace& workspace, const std::vector<fs::path>& touched, const std::vector<fs::path>& made) {
  for (const auto& path : touched) {
    const auto it = workspace.files.find(path);
    if (it != workspace.files.end()) {
      write_whole(path, it->second);
    } else {
      fs::remove(path);
    }
  }
  for (auto it = made.rbegin(); it != made.rend(); ++it)
    fs::remove_all(*it);
}

/// What `gvsim validate` and the manifest do with a loaded scenario.
void exercise(const gvsim::model::Scenario& scenario) {
  const auto clusters = gvsim::model::list_clusters(scenario);
  const gvsim::model::RegionGraph graph(scenario);
  double busy = 0.0;
  for (const auto& load : scenario.experiment.workload.synthetic) {
    gvsim::engine::JobSource source(load, scenario.experiment.workload.clip_classes, 0, 0);
    busy += source.rate_per_s() * source.mean_work_s();
    const std::size_t r = gvsim::model::region_index(scenario, load.region.name);
    if (r >= scenario.regions.size() || graph.serving_regions(r).empty()) std::abort();  // checks let it through
  }
  const std::string json = gvsim::output::resolved_config_json(scenario);
  if (json.empty() || clusters.size() > 1000000 || busy < 0.0) std::abort();
}

/// Removes workspaces of fuzzer processes that are gone (a crash or a kill skips the exit-time clean-up).
void remove_stale_workspaces(const fs::path& base) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(base, error)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("gvsim-fuzz-", 0) != 0) continue;
    const long pid = std::strtol(name.c_str() + 11, nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), error);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const fs::path base = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
  remove_stale_workspaces(base);
  g_workspace = new Workspace;
  g_workspace->root = base / ("gvsim-fuzz-" + std::to_string(::getpid()));
  fs::remove_all(g_workspace->root);
  const fs::path regions = fs::path(GVSIM_SOURCE_DIR) / "regions";
  copy_regions(regions, g_workspace->root / "regions", *g_workspace);
  copy_regions(regions, g_workspace->root / "e" / "regions", *g_workspace);
  g_workspace->directories.insert(g_workspace->root / "e");
  std::atexit(remove_workspace);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Workspace& workspace = *g_workspace;
  const Parts parts = split_input(std::string_view(reinterpret_cast<const char*>(data), size));
  const fs::path experiment = workspace.root / "e" / "experiment.yaml";
  write_whole(experiment, parts.experiment);
  std::vector<fs::path> touched;
  std::vector<fs::path> made;
  for (const auto& [relative, content] : parts.files) {
    const fs::path path = workspace.root / relative;
    if (!workspace.directories.count(path.parent_path()) &&
        std::find(made.begin(), made.end(), path.parent_path()) == made.end()) {
      if (fs::exists(path.parent_path())) continue;  // e.g. a name that is a file here
      fs::create_directory(path.parent_path());
      made.push_back(path.parent_path());
    }
    write_whole(path, content);
    touched.push_back(path);
  }
  try {
    gvsim::config::LoadOptions options;
    options.overrides = parts.overrides;
    exercise(gvsim::config::load_scenario(experiment.string(), options));
  } catch (const gvsim::schema::ConfigError& e) {
    if (e.diagnostics().empty()) std::abort();  // a refusal must say why
    for (const auto& d : e.diagnostics().items()) {
      if (d.message.empty()) std::abort();
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz: exception other than ConfigError escaped: %s\n", e.what());
    std::abort();
  }
  restore(workspace, touched, made);
  return 0;
}
