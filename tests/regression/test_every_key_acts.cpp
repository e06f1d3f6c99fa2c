// Every key has an effect or says why not: each numeric value of the resolved configuration of an experiment with
// every feature switched on (tests/data/all_features/experiment.yaml; region files, GPU catalog, WAN links and
// video models included)
// is changed alone with --set, and the run's output fingerprint must change. A key may instead draw gvsim's own
// "set, but ... no effect" warning, or be listed with its reason in tests/data/all_features/inactive_keys.txt;
// a listed key that does act is an error too, so the list cannot go stale.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <future>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/test_support.hpp"

using gvsim::test::read_text;
using gvsim::test::run_gvsim;
using gvsim::test::source_dir;
using gvsim::test::TempDir;
using Json = nlohmann::json;

namespace {

/// One numeric value of the resolved configuration and how to change it from the command line.
struct Lever {
  std::string key;                                  ///< path in the resolved configuration
  Json value;                                       ///< its value in the experiment
  std::function<std::string(const Json&)> setting;  ///< the --set argument that gives it another value
  /// Further --set arguments that keep a sum constraint when the value changes (shares summing to 1).
  std::function<std::vector<std::string>(const Json&)> balance;
};

/// What changing one lever did.
struct Outcome {
  std::string setting;  ///< the --set that ran (empty when every candidate value was refused)
  std::string fingerprint;
  bool warned = false;  ///< gvsim said the key has no effect in this run
  std::string refusal;  ///< gvsim's message when no candidate value was accepted
};

std::string experiment_file() {
  return source_dir() + "/tests/data/all_features/experiment.yaml";
}

std::string fingerprint_of(const std::string& dir) {
  const Json manifest = Json::parse(read_text(dir + "/manifest.json"));
  return manifest.at("fingerprint").get<std::string>();
}

/// Collects the numeric leaves below `node`. Outside lists a leaf is set by its own path; inside a list the whole
/// list is given again with the one value changed (`replace` rebuilds the setting from the changed node). Lists of
/// named items in region files are addressed by name, as the region levers allow.
void collect(const Json& node, const std::string& key, const std::string& path,
             const std::function<std::string(const Json&)>& replace, bool by_name, std::vector<Lever>& out) {
  using Setter = std::function<std::string(const Json&)>;
  auto direct = [](const std::string& at) -> Setter {
    return [at](const Json& changed) { return at + "=" + changed.dump(); };
  };
  if (node.is_object()) {
    for (const auto& [k, v] : node.items()) {
      Setter child = [replace, node, k = k](const Json& changed) {
        Json copy = node;
        copy[k] = changed;
        return replace(copy);
      };
      collect(v, key + "." + k, path + "." + k, replace ? child : nullptr, by_name, out);
    }
  } else if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i) {
      const Json& item = node[i];
      if (by_name && !replace && item.is_object() && item.contains("name")) {
        const std::string name = item["name"].get<std::string>();
        collect(item, key + "." + name, path + "." + name, nullptr, by_name, out);
        continue;
      }
      const Setter base = replace ? replace : direct(path);
      Setter element = [base, node, i](const Json& changed) {
        Json copy = node;
        copy[i] = changed;
        return base(copy);
      };
      collect(item, key + "." + std::to_string(i), path + "." + std::to_string(i), element, by_name, out);
    }
  } else if (node.is_number()) {
    out.push_back(Lever{key, node, replace ? replace : direct(path), nullptr});
  }
}

/// Shares that must sum to 1 (a segment's clip mix, the segments' shares) change in pairs: what one share gains, the
/// largest other share gives up.
void balance_shares(std::vector<Lever>& levers, const Json& experiment) {
  const Json& segments = experiment.at("workload").at("users").at("segments");
  auto pair_with = [](const std::string& prefix, const std::map<std::string, double>& shares, Lever& lever,
                      const std::string& own, const std::string& suffix) {
    std::string largest;
    for (const auto& [name, share] : shares) {
      if (name != own && (largest.empty() || share > shares.at(largest))) largest = name;
    }
    if (largest.empty()) return;
    const double own_share = shares.at(own);
    const double other = shares.at(largest);
    lever.balance = [=](const Json& changed) {
      return std::vector<std::string>{prefix + largest + suffix + "=" +
                                      Json(other - (changed.get<double>() - own_share)).dump()};
    };
  };
  std::map<std::string, double> segment_shares;
  for (const auto& [name, segment] : segments.items())
    segment_shares[name] = segment.at("share").get<double>();
  for (auto& lever : levers) {
    for (const auto& [name, segment] : segments.items()) {
      const std::string at = "experiment.workload.users.segments." + name;
      if (lever.key == at + ".share") pair_with("workload.users.segments.", segment_shares, lever, name, ".share");
      if (lever.key.rfind(at + ".clip_mix.", 0) != 0) continue;
      std::map<std::string, double> mix;
      for (const auto& [clip, share] : segment.at("clip_mix").items())
        mix[clip] = share.get<double>();
      pair_with("workload.users.segments." + name + ".clip_mix.", mix, lever,
                lever.key.substr(at.size() + std::string(".clip_mix.").size()), "");
    }
  }
}

std::vector<Lever> levers_of(const Json& resolved) {
  std::vector<Lever> levers;
  for (const auto& [k, v] : resolved.at("experiment").items()) {
    // Replications and sweeps shape a study, not a run; the study tests cover them.
    if (k == "replications" || k == "sweep") continue;
    // The experiment's own regions, gpus and wan blocks are merged into the catalogs, perturbed there below.
    if (k == "regions" || k == "gpus" || k == "wan") continue;
    collect(v, "experiment." + k, k, nullptr, false, levers);
  }
  for (const auto& [name, region] : resolved.at("regions").items()) {
    for (const auto& [k, v] : region.items())
      collect(v, "regions." + name + "." + k, "regions." + name + "." + k, nullptr, true, levers);
  }
  for (const auto& [name, gpu] : resolved.at("gpus").items())
    collect(gpu, "gpus." + name, "gpus." + name, nullptr, false, levers);
  for (const auto& link : resolved.at("links")) {
    const std::string name = link.at("from").get<std::string>() + "-" + link.at("to").get<std::string>();
    collect(link, "links." + name, "wan." + name, nullptr, false, levers);
  }
  if (resolved.contains("video_models")) {
    for (const auto& [name, model] : resolved.at("video_models").items())
      collect(model, "video_models." + name, "video_models." + name, nullptr, false, levers);
  }
  balance_shares(levers, resolved.at("experiment"));
  return levers;
}

/// Other values to try, nearest first: a quarter up, a fifth down, then one step for integers and zeros.
std::vector<Json> candidates(const Json& value) {
  std::vector<Json> out;
  if (value.is_number_integer()) {
    const auto v = value.get<std::int64_t>();
    for (std::int64_t c : {static_cast<std::int64_t>(std::llround(static_cast<double>(v) * 1.25)),
                           static_cast<std::int64_t>(std::llround(static_cast<double>(v) * 0.8)), v + 1, v - 1}) {
      if (c != v && std::find(out.begin(), out.end(), Json(c)) == out.end()) out.emplace_back(c);
    }
    return out;
  }
  const double v = value.get<double>();
  if (v != 0.0) return {Json(v * 1.25), Json(v * 0.8)};
  return {Json(0.1), Json(1.0), Json(0.01)};
}

Outcome perturb(const Lever& lever, const std::string& scratch) {
  Outcome outcome;
  for (const Json& c : candidates(lever.value)) {
    std::string setting = lever.setting(c);
    std::vector<std::string> args{"run", experiment_file(), "--set", setting, "--out", scratch, "--quiet"};
    if (lever.balance) {
      for (const auto& extra : lever.balance(c)) {
        args.insert(args.end(), {"--set", extra});
        setting += " --set " + extra;
      }
    }
    const auto result = run_gvsim(args);
    const auto clean = [&scratch] { std::filesystem::remove_all(scratch); };
    if (result.exit_code == 2) {
      outcome.refusal = result.err;
      continue;
    }
    outcome.setting = setting;
    if (result.exit_code != 0) {
      outcome.refusal = "exit " + std::to_string(result.exit_code) + ": " + result.err;
      return outcome;
    }
    outcome.fingerprint = fingerprint_of(scratch);
    clean();
    outcome.warned = result.err.find("set, but") != std::string::npos;
    outcome.refusal.clear();
    return outcome;
  }
  return outcome;
}

/// Keys listed as having no effect in the all-features experiment, with their reasons (`key  # reason`).
std::map<std::string, std::string> listed_inactive() {
  std::map<std::string, std::string> keys;
  std::istringstream in(read_text(source_dir() + "/tests/data/all_features/inactive_keys.txt"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto hash = line.find('#');
    std::string key = line.substr(0, line.find_first_of(" \t#"));
    keys[key] = hash == std::string::npos ? "" : line.substr(hash + 1);
  }
  return keys;
}

}  // namespace

TEST_CASE("every numeric key of the all-features experiment changes the results or is declared inactive",
          "[regression][keys]") {
  TempDir tmp;
  const auto base = run_gvsim({"run", experiment_file(), "--out", tmp.path() + "/base", "--quiet"});
  INFO(base.err);
  REQUIRE(base.exit_code == 0);
  // the experiment itself sets nothing inactive (the small-cluster warnings of its coarse scale are expected)
  REQUIRE(base.err.find("set, but") == std::string::npos);
  const std::string reference = fingerprint_of(tmp.path() + "/base");
  const Json resolved = Json::parse(read_text(tmp.path() + "/base/manifest.json")).at("resolved_config");
  const std::vector<Lever> levers = levers_of(resolved);
  REQUIRE(levers.size() > 200);

  // Two runs at a time; each lever's outcome is checked on this thread afterwards.
  std::vector<Outcome> outcomes(levers.size());
  const std::size_t workers = std::max(2u, std::thread::hardware_concurrency());
  std::vector<std::future<void>> pool;
  for (std::size_t w = 0; w < workers; ++w) {
    pool.push_back(std::async(std::launch::async, [&, w] {
      for (std::size_t i = w; i < levers.size(); i += workers)
        outcomes[i] = perturb(levers[i], tmp.path() + "/w" + std::to_string(w));
    }));
  }
  for (auto& f : pool)
    f.get();

  const auto listed = listed_inactive();
  std::vector<std::string> silent, stale, refused;
  std::size_t acting = 0, warned = 0;
  for (std::size_t i = 0; i < levers.size(); ++i) {
    const auto& lever = levers[i];
    const auto& outcome = outcomes[i];
    const bool is_listed = listed.count(lever.key) != 0;
    if (outcome.setting.empty() || !outcome.refusal.empty()) {
      refused.push_back(lever.key + ": " + outcome.refusal);
    } else if (outcome.fingerprint != reference) {
      ++acting;
      if (is_listed) stale.push_back(lever.key + " (listed as inactive, but --set " + outcome.setting + " acts)");
    } else if (outcome.warned) {
      ++warned;
    } else if (!is_listed) {
      silent.push_back(lever.key + " (--set " + outcome.setting + ")");
    }
  }
  for (const auto& [key, reason] : listed) {
    const bool exists = std::any_of(levers.begin(), levers.end(), [&](const Lever& l) { return l.key == key; });
    if (!exists) stale.push_back(key + " (listed, but not a numeric key of the experiment)");
  }
  WARN(levers.size() << " numeric keys: " << acting << " change the results, " << warned
                     << " are reported inactive by gvsim, " << listed.size() << " listed inactive");
  auto lines = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v)
      s += "\n  " + x;
    return s;
  };
  INFO("keys that change nothing and are neither reported nor listed:" << lines(silent));
  CHECK(silent.empty());
  INFO("inactive_keys.txt entries that are wrong:" << lines(stale));
  CHECK(stale.empty());
  INFO("keys no value could be given to:" << lines(refused));
  CHECK(refused.empty());
}
