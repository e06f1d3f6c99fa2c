#include "sim/study/study_plan.hpp"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "sim/config/config_node.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/output/results_writer.hpp"
#include "sim/rng/random_stream.hpp"
#include "sim/study/latin_hypercube.hpp"
#include "sim/study/sensitivity_points.hpp"

namespace gvsim::study {

namespace {

using config::Assignment;
using config::ConfigNode;
using schema::Diagnostics;
using schema::SourceMark;

constexpr std::size_t kMaxRuns = 100000;
constexpr std::size_t kMaxNameLength = 120;

/// Part of a variant contributed by one kind of sweep entry (a named variant, a grid point or an LHS point).
struct Part {
  std::string name;
  bool baseline = false;
  std::vector<Assignment> assignments;
  std::vector<std::pair<std::string, std::string>> factors;
};

std::string first_step(const std::string& path) {
  return path.substr(0, path.find_first_of(".["));
}

/// The last component of a key path, or the last two joined when the last is `name` (policies.placement.name ->
/// placement).
std::string last_step(const std::string& path) {
  const std::size_t dot = path.find_last_of('.');
  if (dot == std::string::npos) return path;
  const std::string last = path.substr(dot + 1);
  if (last != "name") return last;
  const std::size_t before = path.find_last_of('.', dot - 1);
  return before == std::string::npos ? path.substr(0, dot) : path.substr(before + 1, dot - before - 1);
}

std::shared_ptr<const ConfigNode> scalar_node(std::string text, const SourceMark& mark) {
  auto node = std::make_shared<ConfigNode>();
  node->kind = ConfigNode::Kind::kScalar;
  node->scalar = std::move(text);
  node->mark = mark;
  return node;
}

std::string number_text(double v, bool integer) {
  char buffer[64];
  if (integer) {
    std::snprintf(buffer, sizeof buffer, "%.0f", std::round(v));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.10g", v);
  }
  return buffer;
}

/// Sets each range's key to its value of a sampled point (rounded for integer ranges).
void assign_values(Part& p, const std::vector<model::SweepRange>& ranges, const std::vector<double>& values) {
  for (std::size_t k = 0; k < ranges.size(); ++k) {
    const auto& r = ranges[k];
    const std::string text = number_text(values[k], r.integer);
    p.assignments.push_back(Assignment{r.key, scalar_node(text, r.key_where), r.key_where});
    p.factors.emplace_back(r.key, text);
  }
}

/// Checks a swept key path once: not empty and not one of the keys that define the study itself.
bool sweepable(const std::string& key, const SourceMark& where, std::string_view entry, Diagnostics& d) {
  static const std::vector<std::string> refused = {"name", "replication", "replications", "sweep"};
  const std::string head = first_step(key);
  if (key.empty() || head.empty()) {
    d.expected(where, entry, "a key path such as policies.scheduling.name", "\"" + key + "\"");
    return false;
  }
  if (std::find(refused.begin(), refused.end(), head) != refused.end()) {
    d.error(where, entry, "'" + key + "' cannot be swept (name, replication, replications and sweep define the study)");
    return false;
  }
  return true;
}

class Expander {
 public:
  Expander(const model::Experiment& e, Diagnostics& d) : e_(e), d_(d) {}

  std::vector<Part> named() {
    std::vector<Part> parts;
    const auto& variants = e_.sweep.variants;
    std::size_t baselines = 0;
    std::string first_baseline;
    std::set<std::string> names;
    for (std::size_t i = 0; i < variants.size(); ++i) {
      const auto& v = variants[i];
      const std::string entry = "sweep.variants[" + std::to_string(i) + "]";
      if (!names.insert(v.name).second) d_.error(v.where, entry + ".name", "variant '" + v.name + "' is named twice");
      if (v.baseline && ++baselines > 1) {
        d_.error(v.where, entry + ".baseline", "only one variant can be the baseline; '" + first_baseline + "' is");
      }
      if (v.baseline && baselines == 1) first_baseline = v.name;
      Part part{v.name, v.baseline, {}, {}};
      if (v.set.node != nullptr) {
        for (const auto& s : v.set.node->entries) {
          const std::string key_entry = entry + ".set." + s.key;
          if (!sweepable(s.key, s.key_mark, key_entry, d_)) continue;
          if (swept_elsewhere_.count(s.key) != 0) {
            d_.error(s.key_mark, key_entry, "'" + s.key + "' is also swept by the " + swept_elsewhere_.at(s.key));
            continue;
          }
          part.assignments.push_back(Assignment{s.key, s.value->clone(), s.key_mark});
          part.factors.emplace_back(s.key, config::flow_text(*s.value));
        }
      }
      parts.push_back(std::move(part));
    }
    if (!parts.empty() && baselines == 0) parts.front().baseline = true;
    return parts;
  }

  std::vector<Part> grid() {
    const auto& axes = e_.sweep.grid;
    std::vector<std::string> labels;
    for (const auto& axis : axes)
      labels.push_back(last_step(axis.key));
    for (std::size_t a = 0; a < axes.size(); ++a) {
      if (std::count(labels.begin(), labels.end(), last_step(axes[a].key)) > 1) labels[a] = axes[a].key;
    }
    std::vector<Part> parts(1);
    for (std::size_t a = 0; a < axes.size(); ++a) {
      const auto& axis = axes[a];
      const std::string entry = "sweep.grid[" + std::to_string(a) + "]";
      if (!sweepable(axis.key, axis.key_where, entry + ".key", d_)) continue;
      if (!swept_elsewhere_.emplace(axis.key, "grid").second) {
        d_.error(axis.key_where, entry + ".key", "'" + axis.key + "' is swept twice");
        continue;
      }
      if (axis.values.node == nullptr || axis.values.node->items.empty()) {
        d_.expected(axis.where, entry + ".values", "a list of at least one value", "none");
        continue;
      }
      std::vector<Part> crossed;
      for (const auto& part : parts) {
        for (const auto& item : axis.values.node->items) {
          Part p = part;
          const std::string text = config::flow_text(*item);
          p.name += (p.name.empty() ? "" : ",") + labels[a] + "=" + text;
          p.assignments.push_back(Assignment{axis.key, item->clone(), axis.key_where});
          p.factors.emplace_back(axis.key, text);
          crossed.push_back(std::move(p));
          if (crossed.size() > kMaxRuns) return too_many(axis.where);
        }
      }
      parts = std::move(crossed);
    }
    return axes.empty() ? std::vector<Part>{} : parts;
  }

  std::vector<Part> latin_hypercube() {
    const auto& lhs = e_.sweep.latin_hypercube;
    if (lhs.where.line == 0) return {};
    if (!e_.sweep.grid.empty()) {
      d_.error(lhs.where, "sweep.latin_hypercube", "a Latin hypercube cannot be combined with a grid");
      return {};
    }
    std::vector<Interval> ranges;
    const bool ok = check_ranges(lhs.ranges, "sweep.latin_hypercube", "latin_hypercube", ranges);
    if (!ok || lhs.samples < 1) return {};
    rng::RandomStream stream(e_.seed, 0, "sweep/lhs");
    const auto points = sample_latin_hypercube(static_cast<std::size_t>(lhs.samples), ranges, stream);
    const std::size_t width = std::max<std::size_t>(3, std::to_string(points.size()).size());
    std::vector<Part> parts;
    for (std::size_t i = 0; i < points.size(); ++i) {
      std::string index = std::to_string(i + 1);
      Part p{"lhs" + std::string(width - index.size(), '0') + index, false, {}, {}};
      assign_values(p, lhs.ranges, points[i]);
      parts.push_back(std::move(p));
    }
    return parts;
  }

  /// Checks the ranges of a sampled design (keys sweepable and swept once, max > min); fills `intervals`.
  bool check_ranges(const std::vector<model::SweepRange>& ranges, const std::string& block, const std::string& owner,
                    std::vector<Interval>& intervals) {
    bool ok = true;
    for (std::size_t k = 0; k < ranges.size(); ++k) {
      const auto& r = ranges[k];
      const std::string entry = block + ".ranges[" + std::to_string(k) + "]";
      if (!sweepable(r.key, r.key_where, entry + ".key", d_)) {
        ok = false;
      } else if (!swept_elsewhere_.emplace(r.key, owner).second) {
        d_.error(r.key_where, entry + ".key", "'" + r.key + "' is swept twice");
        ok = false;
      }
      if (!(r.max > r.min)) {
        d_.expected(r.where, entry + ".max", "a number > min (" + number_text(r.min, false) + ")",
                    number_text(r.max, false));
        ok = false;
      }
      intervals.push_back(Interval{r.min, r.max});
    }
    return ok;
  }

  /// The variants of a `sensitivity` block (alone in the sweep); `design` receives the roles for study.json.
  std::vector<Part> sensitivity(SensitivityDesign& design) {
    const auto& spec = e_.sweep.sensitivity;
    if (spec.where.line == 0) return {};
    if (!e_.sweep.grid.empty() || e_.sweep.latin_hypercube.where.line != 0 || !e_.sweep.variants.empty()) {
      d_.error(spec.where, "sweep.sensitivity",
               "a sensitivity design stands alone: remove grid, latin_hypercube and variants from the sweep");
      return {};
    }
    std::vector<Interval> unused;
    if (!check_ranges(spec.ranges, "sweep.sensitivity", "sensitivity", unused)) return {};
    design = sensitivity_points(spec, e_.seed, d_);
    std::vector<Part> parts;
    for (const auto& point : design.points) {
      Part p{point.name, parts.empty(), {}, {}};
      assign_values(p, spec.ranges, point.values);
      parts.push_back(std::move(p));
    }
    return parts;
  }

 private:
  std::vector<Part> too_many(const SourceMark& where) {
    d_.error(where, "sweep", "the sweep has more than " + std::to_string(kMaxRuns) + " variants");
    return {};
  }

  const model::Experiment& e_;
  Diagnostics& d_;
  std::map<std::string, std::string> swept_elsewhere_;  // key path -> "grid", "latin_hypercube" or "sensitivity"
};

std::string bounded_name(const std::string& name) {
  if (name.size() <= kMaxNameLength) return name;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, rng::fnv1a64(name));
  return name.substr(0, 100) + "_" + std::string(hex, 8);
}

void make_unique_names(std::vector<StudyVariant>& variants) {
  std::set<std::string> taken;
  for (auto& v : variants) {
    std::string candidate = v.name;
    for (int n = 2; !taken.insert(candidate).second; ++n)
      candidate = v.name + "_" + std::to_string(n);
    v.name = candidate;
  }
}

void add_unique(Diagnostics& into, const Diagnostics& from, std::set<std::string>& seen) {
  for (const auto& d : from.items()) {
    if (seen.insert(schema::format_diagnostic(d)).second) into.error(d.mark, d.key_path, d.message);
  }
}

config::Assignment replication_assignment(const StudyPlan& plan, std::int64_t replication) {
  return Assignment{"replication",
                    scalar_node(std::to_string(replication), {plan.experiment_file, 0, 0}),
                    {plan.experiment_file, 0, 0}};
}

}  // namespace

std::string folder_safe(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("._=,+-").find(c) != std::string_view::npos;
    if (!ok) c = '_';
  }
  return out;
}

bool is_study(const std::string& experiment_file, const std::vector<std::string>& overrides) {
  Diagnostics ignored;  // problems are reported by whoever loads the experiment
  const auto root = config::experiment_document(experiment_file, overrides, ignored);
  return root != nullptr && config::is_study_document(*root);
}

StudyPlan expand_study(const std::string& experiment_file, const std::vector<std::string>& overrides,
                       Diagnostics* problems) {
  model::Experiment e;
  {
    Diagnostics base;
    config::read_experiment(experiment_file, overrides, e, base);
    if (!base.empty()) throw schema::ConfigError(std::move(base));
  }
  Diagnostics local;
  Diagnostics& d = problems != nullptr ? *problems : local;
  Expander expander(e, d);
  std::vector<Part> points = expander.grid();
  std::vector<Part> sampled = expander.latin_hypercube();
  if (!sampled.empty()) points = std::move(sampled);
  SensitivityDesign design;
  std::vector<Part> designed = expander.sensitivity(design);
  if (!designed.empty()) points = std::move(designed);
  std::vector<Part> named = expander.named();
  if (problems == nullptr && !d.empty()) throw schema::ConfigError(std::move(d));
  if (points.empty()) points.push_back(Part{});
  const bool has_named = !named.empty();
  if (!has_named) named.push_back(Part{});

  StudyPlan plan;
  plan.experiment_file = experiment_file;
  plan.overrides = overrides;
  plan.name = e.name;
  plan.description = e.description;
  plan.replications = e.replications;
  plan.sensitivity = std::move(design);
  if (named.size() * points.size() * static_cast<std::size_t>(e.replications) > kMaxRuns) {
    d.error(e.sweep.where, "sweep", "the study has more than " + std::to_string(kMaxRuns) + " runs");
    throw schema::ConfigError(std::move(d));  // too large to check run by run
  }
  for (const auto& v : named) {
    for (std::size_t g = 0; g < points.size(); ++g) {
      const auto& point = points[g];
      StudyVariant variant;
      variant.name = v.name.empty() ? point.name : point.name.empty() ? v.name : v.name + "," + point.name;
      variant.name = variant.name.empty() ? "base" : bounded_name(folder_safe(variant.name));
      variant.baseline = has_named ? v.baseline : plan.variants.empty();
      variant.assignments = v.assignments;
      variant.assignments.insert(variant.assignments.end(), point.assignments.begin(), point.assignments.end());
      variant.factors = v.factors;
      variant.factors.insert(variant.factors.end(), point.factors.begin(), point.factors.end());
      plan.variants.push_back(std::move(variant));
    }
  }
  make_unique_names(plan.variants);
  const std::size_t width = std::max<std::size_t>(3, std::to_string(e.replication + e.replications - 1).size());
  for (std::size_t v = 0; v < plan.variants.size(); ++v) {
    for (std::int64_t k = 0; k < e.replications; ++k) {
      const std::string r = std::to_string(e.replication + k);
      plan.runs.push_back(StudyRun{plan.variants[v].name + "-r" + std::string(width - r.size(), '0') + r, v,
                                   e.replication + k, e.seed, ""});
    }
  }
  return plan;
}

model::Scenario validate_study(StudyPlan& plan, const Diagnostics& earlier) {
  Diagnostics all;
  std::set<std::string> seen;
  add_unique(all, earlier, seen);
  model::Scenario baseline;
  for (std::size_t v = 0; v < plan.variants.size(); ++v) {
    try {
      const model::Scenario scenario =
          config::load_scenario(plan.experiment_file, {plan.overrides, true, plan.variants[v].assignments});
      for (auto& run : plan.runs) {
        if (run.variant != v) continue;
        model::Scenario copy = scenario;
        copy.experiment.replication = run.replication;
        run.seed = copy.experiment.seed;
        run.config_hash = output::config_hash(copy);
      }
      if (plan.variants[v].baseline && baseline.experiment.name.empty()) baseline = scenario;
    } catch (const schema::ConfigError& e) {
      add_unique(all, e.diagnostics(), seen);
    }
  }
  if (!all.empty()) throw schema::ConfigError(std::move(all));
  return baseline;
}

model::Scenario load_run(const StudyPlan& plan, std::size_t index, std::vector<std::string>* assignment_texts) {
  const StudyRun& run = plan.runs.at(index);
  config::LoadOptions options{plan.overrides, true, plan.variants[run.variant].assignments};
  options.assignments.push_back(replication_assignment(plan, run.replication));
  if (assignment_texts != nullptr) {
    for (const auto& a : options.assignments)
      assignment_texts->push_back(a.path + "=" + config::flow_text(*a.value));
  }
  return config::load_scenario(plan.experiment_file, options);
}

}  // namespace gvsim::study
