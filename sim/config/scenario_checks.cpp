#include "sim/config/scenario_checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "sim/config/market_policy_checks.hpp"
#include "sim/config/moderation_checks.hpp"
#include "sim/config/policy_checks.hpp"
#include "sim/config/revenue_stream_checks.hpp"
#include "sim/model/cluster_index.hpp"
#include "sim/model/policy_contexts.hpp"
#include "sim/model/region_graph.hpp"

namespace gvsim::config {

namespace {

void check_clip_refs(const model::Experiment& experiment, const std::vector<schema::Share>& mix,
                     const std::string& path, schema::Diagnostics& diagnostics);

void check_names_unique(const model::Scenario& scenario, schema::Diagnostics& diagnostics) {
  std::map<std::string, schema::SourceMark> seen;
  auto claim = [&](const std::string& name, const schema::SourceMark& mark, const std::string& path) {
    auto [it, fresh] = seen.emplace(name, mark);
    if (!fresh) {
      diagnostics.error(
          mark, path,
          "name '" + name + "' is already used at " + it->second.file + ":" + std::to_string(it->second.line));
    }
  };
  for (const auto& region : scenario.regions) {
    for (std::size_t d = 0; d < region.datacenters.size(); ++d) {
      const auto& dc = region.datacenters[d];
      const std::string dc_path = "region.datacenters[" + std::to_string(d) + "]";
      claim(dc.name, dc.where, dc_path + ".name");
      for (std::size_t c = 0; c < dc.clusters.size(); ++c) {
        const auto& cluster = dc.clusters[c];
        const std::string cluster_path = dc_path + ".clusters[" + std::to_string(c) + "]";
        claim(cluster.name, cluster.where, cluster_path + ".name");
        if (model::simulated_gpus(cluster.gpu_count, scenario.experiment.scale) < 1) {
          diagnostics.expected(cluster.where, cluster_path + ".gpu_count",
                               "at least scale / 2 GPUs (scale is " + schema::shortest(scenario.experiment.scale) +
                                   ") so that one simulated GPU remains",
                               std::to_string(cluster.gpu_count));
        }
        const bool known = std::any_of(scenario.gpus.begin(), scenario.gpus.end(),
                                       [&](const model::GpuModel& g) { return g.name == cluster.gpu.name; });
        if (!known) {
          std::vector<std::string> names;
          for (const auto& g : scenario.gpus)
            names.push_back(g.name);
          diagnostics.error(
              cluster.gpu.mark, cluster_path + ".gpu",
              "unknown GPU model '" + cluster.gpu.name + "'; defined in gpus.yaml: " + schema::join_names(names));
        }
      }
    }
  }
}

void select_links(model::Scenario& scenario, const std::vector<model::WanLink>& all_links,
                  const std::string& regions_dir, schema::Diagnostics& diagnostics) {
  std::set<std::pair<std::string, std::string>> pairs;
  for (std::size_t i = 0; i < all_links.size(); ++i) {
    const auto& link = all_links[i];
    const std::string path = "links[" + std::to_string(i) + "]";
    bool ok = true;
    for (const auto* end : {&link.from, &link.to}) {
      if (!std::filesystem::is_regular_file(std::filesystem::path(regions_dir) / (end->name + ".yaml"))) {
        diagnostics.error(end->mark, path + (end == &link.from ? ".from" : ".to"),
                          "unknown region '" + end->name + "' (no file " + end->name + ".yaml beside wan.yaml)");
        ok = false;
      }
    }
    if (link.from.name == link.to.name) {
      diagnostics.error(link.where, path, "a link must join two different regions");
      ok = false;
    }
    const auto key = std::minmax(link.from.name, link.to.name);
    if (!pairs.insert(key).second) {
      diagnostics.error(link.where, path, "second link between " + key.first + " and " + key.second);
      ok = false;
    }
    const bool participating = model::region_index(scenario, link.from.name) < scenario.regions.size() &&
                               model::region_index(scenario, link.to.name) < scenario.regions.size();
    if (ok && participating) scenario.links.push_back(link);
  }
}

void check_service(const model::Experiment& experiment, const model::ServiceSpec& service, const std::string& path,
                   schema::Diagnostics& diagnostics) {
  const std::string kind = "'" + service.distribution + "'";
  // A key counts as given when it is written, even if its value was rejected (and reported) already.
  auto check = [&](bool needed, const schema::SourceMark& given, const std::string& key) {
    if (needed && given.line == 0) {
      diagnostics.error(service.where, path + "." + key, "required by distribution " + kind);
    } else if (!needed && given.line > 0) {
      diagnostics.error(given, path + "." + key, "does not apply to distribution " + kind);
    }
  };
  check(service.distribution != "clip_mix", service.mean_where, "mean_s");
  check(service.distribution == "lognormal", service.cv_where, "cv");
  check(service.distribution == "clip_mix", service.mix_where, "mix");
  check_clip_refs(experiment, service.mix, path + ".mix", diagnostics);
}

void check_clip_refs(const model::Experiment& experiment, const std::vector<schema::Share>& mix,
                     const std::string& path, schema::Diagnostics& diagnostics) {
  for (const auto& share : mix) {
    const auto& classes = experiment.workload.clip_classes;
    const bool known = std::any_of(classes.begin(), classes.end(),
                                   [&](const model::ClipClass& c) { return c.name == share.ref.name; });
    if (!known) {
      std::vector<std::string> names;
      for (const auto& c : classes)
        names.push_back(c.name);
      diagnostics.error(share.ref.mark, path + "." + share.ref.name,
                        "unknown clip class; defined in workload.clip_classes: " +
                            (names.empty() ? std::string("none") : schema::join_names(names)));
    }
  }
}

void check_reachable(const model::Scenario& scenario, const model::RegionGraph& graph, std::size_t r,
                     const schema::SourceMark& mark, const std::string& path, schema::Diagnostics& diagnostics) {
  if (!graph.serving_regions(r).empty()) return;
  const auto& region = scenario.regions[r];
  diagnostics.error(mark, path,
                    region.data_residency ? "region '" + region.name + "' requires data residency but has no datacenter"
                                          : "region '" + region.name + "' reaches no datacenter over the WAN links");
}

/// Bass cumulative adoption fraction F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}).
double bass_fraction(double p, double q, double t) {
  if (p <= 0.0) return 0.0;
  const double e = std::exp(-(p + q) * t);
  return (1.0 - e) / (1.0 + (q / p) * e);
}

void check_user_model(const model::Scenario& scenario, const model::RegionGraph& graph,
                      schema::Diagnostics& diagnostics) {
  const auto& workload = scenario.experiment.workload;
  const auto& users = workload.users;
  if (users.segments.empty()) {
    diagnostics.error(workload.where, "workload.users", "required when workload.mode is 'users' (segments, pricing)");
    return;
  }
  double share_sum = 0.0;
  for (const auto& segment : users.segments) {
    share_sum += segment.share;
    const std::string path = "workload.users.segments." + segment.name;
    if (segment.clip_mix.empty())
      diagnostics.error(segment.where, path + ".clip_mix", "required: what clips the segment requests");
    check_clip_refs(scenario.experiment, segment.clip_mix, path + ".clip_mix", diagnostics);
  }
  if (std::fabs(share_sum - 1.0) > 1e-6) {
    diagnostics.expected(users.segments.front().where, "workload.users.segments", "segment shares summing to 1",
                         "a sum of " + schema::shortest(share_sum));
  }
  if (!users.diurnal.empty()) {
    double total = 0.0;
    for (double d : users.diurnal)
      total += d;
    if (total <= 0.0) diagnostics.expected(workload.where, "workload.users.diurnal", "some hour > 0", "all zeros");
  }
  double agents = 0.0;
  const auto entry = scenario.experiment.policies.market_entry.make(model::market_entry_context(scenario));
  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    const auto& region = scenario.regions[r];
    const double entry_day = entry->earliest_entry_day(r);
    const double years = std::max(0.0, scenario.experiment.horizon_days - entry_day) / 365.0;
    const double potential = scenario.experiment.market.adoption.potential_share;
    agents += bass_fraction(region.market.bass_p_per_year / potential, region.market.bass_q_per_year, years) *
              potential * region.market.addressable_users_millions * 1e6 / scenario.experiment.scale;
    check_reachable(scenario, graph, r, region.where, "region", diagnostics);
  }
  if (users.social_graph.enabled) {
    double edge_slots = 0.0;
    for (const auto& region : scenario.regions) {
      const double nodes = std::floor(scenario.experiment.market.adoption.potential_share *
                                      region.market.addressable_users_millions * 1e6 / scenario.experiment.scale);
      edge_slots += nodes * static_cast<double>(users.social_graph.mean_degree);
      if (nodes <= static_cast<double>(users.social_graph.mean_degree) || nodes >= 4e9) {
        diagnostics.expected(region.where, "region.market.addressable_users_millions",
                             "more simulated potential users than social_graph.mean_degree (and fewer than 4e9)",
                             schema::shortest(nodes));
      }
    }
    if (users.social_graph.mean_degree % 2 != 0) {
      diagnostics.expected(workload.where, "workload.users.social_graph.mean_degree", "an even number",
                           std::to_string(users.social_graph.mean_degree));
    }
    if (edge_slots > 2e8) {
      diagnostics.expected(workload.where, "workload.users.social_graph",
                           "at most 2e8 edge slots (potential users x mean_degree, about 800 MB); raise scale",
                           schema::shortest(edge_slots));
    }
  }
  if (agents > static_cast<double>(users.population.max_agents)) {
    diagnostics.expected(workload.where, "workload.users.population",
                         "at most max_agents (" + std::to_string(users.population.max_agents) +
                             ") simulated users expected by the horizon; raise scale",
                         std::to_string(static_cast<long long>(agents)));
  }
}

void check_workload(const model::Scenario& scenario, schema::Diagnostics& diagnostics) {
  const auto& experiment = scenario.experiment;
  const model::RegionGraph graph(scenario);
  if (experiment.workload.mode == "users") {
    check_user_model(scenario, graph, diagnostics);
    return;
  }
  if (experiment.workload.synthetic.empty()) {
    diagnostics.error(experiment.workload.where, "workload.synthetic",
                      "required when workload.mode is 'synthetic' (at least one stream)");
  }
  std::set<std::string> loaded;
  for (std::size_t i = 0; i < experiment.workload.synthetic.size(); ++i) {
    const auto& load = experiment.workload.synthetic[i];
    const std::string path = "workload.synthetic[" + std::to_string(i) + "]";
    check_service(experiment, load.service, path + ".service", diagnostics);
    const auto& multiplier = load.arrivals.rate_multiplier;
    if (!multiplier.empty() && load.arrivals.process != "poisson") {
      diagnostics.error(load.arrivals.where, path + ".arrivals.rate_multiplier",
                        "a rate path needs process 'poisson' (got '" + load.arrivals.process + "')");
    }
    for (std::size_t k = 1; k < multiplier.size(); ++k) {
      if (multiplier[k].day < multiplier[k - 1].day) {
        diagnostics.error(load.arrivals.where, path + ".arrivals.rate_multiplier[" + std::to_string(k) + "].day",
                          "days must not decrease along the path");
      }
    }
    const std::size_t r = model::region_index(scenario, load.region.name);
    const auto& listed = experiment.platform.regions;
    const bool is_listed = std::any_of(listed.begin(), listed.end(),
                                       [&](const schema::NameRef& ref) { return ref.name == load.region.name; });
    if (r >= scenario.regions.size()) {
      if (!load.region.name.empty() && !is_listed) {  // a listed region whose file failed is reported already
        diagnostics.error(load.region.mark, path + ".region",
                          "region '" + load.region.name + "' is not listed in platform.regions");
      }
      continue;
    }
    if (!loaded.insert(load.region.name).second) {
      diagnostics.error(load.region.mark, path + ".region", "region '" + load.region.name + "' has a second stream");
    }
    check_reachable(scenario, graph, r, load.region.mark, path + ".region", diagnostics);
  }
}

}  // namespace

void check_scenario(model::Scenario& scenario, const std::vector<model::WanLink>& all_links,
                    const std::string& regions_dir, schema::Diagnostics& diagnostics) {
  const auto& experiment = scenario.experiment;
  if (experiment.warmup_days >= experiment.horizon_days) {
    diagnostics.expected(experiment.warmup_where, "warmup_days",
                         "a value below horizon_days (" + schema::shortest(experiment.horizon_days) + ")",
                         schema::shortest(experiment.warmup_days));
  }
  check_names_unique(scenario, diagnostics);
  select_links(scenario, all_links, regions_dir, diagnostics);
  check_workload(scenario, diagnostics);
  check_policies(scenario, diagnostics);
  check_market_policies(scenario, diagnostics);
  check_moderation(scenario, diagnostics);
  if (scenario.experiment.workload.mode == "users") check_revenue_streams(scenario, diagnostics);
}

}  // namespace gvsim::config
