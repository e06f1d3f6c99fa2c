#include "sim/fit/fitted_experiment.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>

namespace gvsim::fit {

namespace {

namespace fs = std::filesystem;

void assign(YAML::Node root, const std::string& assignment) {
  const auto equals = assignment.find('=');
  const std::string path = assignment.substr(0, equals);
  YAML::Node node;
  node.reset(root);
  std::size_t begin = 0;
  while (true) {
    const auto dot = path.find('.', begin);
    const std::string part = path.substr(begin, dot == std::string::npos ? std::string::npos : dot - begin);
    YAML::Node child = node[part];  // creates the key when it is missing
    node.reset(child);
    if (dot == std::string::npos) break;
    begin = dot + 1;
  }
  node = YAML::Load(assignment.substr(equals + 1));
}

}  // namespace

std::string fitted_experiment_text(const std::string& experiment, const std::vector<std::string>& assignments,
                                   const std::string& out_dir, const std::vector<std::string>& header) {
  YAML::Node root = YAML::LoadFile(experiment);
  for (const auto& a : assignments)
    assign(root, a);
  if (root["platform"] && root["platform"]["regions_dir"]) {
    const fs::path from =
        fs::absolute(fs::path(experiment).parent_path()) / root["platform"]["regions_dir"].as<std::string>();
    root["platform"]["regions_dir"] =
        fs::relative(fs::weakly_canonical(from), fs::weakly_canonical(fs::absolute(out_dir))).string();
  }
  std::string text;
  for (const auto& line : header)
    text += "# " + line + "\n";
  YAML::Emitter emitter;
  emitter << root;
  return text + emitter.c_str() + "\n";
}

}  // namespace gvsim::fit
