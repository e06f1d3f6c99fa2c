#include "sim/report/sensitivity_indices.hpp"

#include <cmath>
#include <limits>

#include "sim/output/csv_table.hpp"
#include "sim/report/report_error.hpp"
#include "sim/report/study.hpp"
#include "sim/rng/random_stream.hpp"
#include "sim/sensitivity/morris.hpp"
#include "sim/sensitivity/sobol.hpp"

namespace gvsim::report {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Mean of `metric` (region all) per variant over its complete runs.
std::map<std::string, double> variant_means(const Study& study, const std::string& metric) {
  std::map<std::string, std::pair<double, double>> sums;
  for (const auto& run : study.runs) {
    for (const auto& o : run.metrics.values) {
      if (o.region != "all" || o.metric != metric) continue;
      auto& [sum, n] = sums[run.entry.variant];
      sum += o.value;
      n += 1.0;
    }
  }
  std::map<std::string, double> means;
  for (const auto& [variant, s] : sums)
    means[variant] = s.first / s.second;
  return means;
}

/// The unit-cube coordinates of a variant from its factors.csv values (any run of the variant).
std::vector<double> unit_point(const Study& study, const GsaDesign& design, const std::string& variant) {
  std::vector<double> unit(design.factors.size(), kNaN);
  for (const auto& run : study.runs) {
    if (run.entry.variant != variant) continue;
    const auto f = study.factors.find(run.entry.run_id);
    if (f == study.factors.end()) break;
    for (std::size_t i = 0; i < design.factors.size(); ++i) {
      const auto& factor = design.factors[i];
      const auto v = f->second.find(factor.key);
      if (v != f->second.end()) unit[i] = (std::stod(v->second) - factor.min) / (factor.max - factor.min);
    }
    break;
  }
  return unit;
}

void add(std::vector<IndexRow>& rows, const std::string& metric, const std::string& factor, const std::string& index,
         const sensitivity::Estimate& e) {
  rows.push_back(IndexRow{metric, factor, index, e.value, e.ci_lo, e.ci_hi});
}

void morris_rows(const Study& study, const GsaDesign& design, const std::string& metric,
                 const std::map<std::string, double>& means, std::vector<IndexRow>& rows) {
  std::map<std::size_t, std::map<std::size_t, std::string>> trajectories;  // group -> step -> variant
  for (const auto& [variant, role] : design.variants)
    trajectories[role.group][role.index] = variant;
  std::vector<std::vector<std::vector<double>>> points;
  std::vector<std::vector<double>> outputs;
  for (const auto& [group, steps] : trajectories) {
    points.emplace_back();
    outputs.emplace_back();
    for (const auto& [step, variant] : steps) {
      const auto m = means.find(variant);
      points.back().push_back(unit_point(study, design, variant));
      outputs.back().push_back(m == means.end() ? kNaN : m->second);
    }
  }
  rng::RandomStream stream(0, 0, "report/bootstrap/" + metric);
  const auto effects = sensitivity::morris_effects(points, outputs, static_cast<std::size_t>(design.bootstrap), stream);
  for (std::size_t i = 0; i < effects.size(); ++i) {
    add(rows, metric, design.factors[i].key, "mu_star", effects[i].mu_star);
    add(rows, metric, design.factors[i].key, "mu", effects[i].mu);
    add(rows, metric, design.factors[i].key, "sigma", effects[i].sigma);
  }
}

void sobol_rows(const GsaDesign& design, const std::string& metric, const std::map<std::string, double>& means,
                std::vector<IndexRow>& rows) {
  std::size_t n = 0;
  for (const auto& [variant, role] : design.variants)
    n = std::max(n, role.group + 1);
  const std::size_t k = design.factors.size();
  std::vector<double> f_a(n, kNaN), f_b(n, kNaN);
  std::vector<std::vector<double>> f_ab(k, std::vector<double>(n, kNaN));
  for (const auto& [variant, role] : design.variants) {
    const auto m = means.find(variant);
    const double y = m == means.end() ? kNaN : m->second;
    if (role.role == "a") f_a[role.group] = y;
    if (role.role == "b") f_b[role.group] = y;
    if (role.role == "ab" && role.index < k) f_ab[role.index][role.group] = y;
  }
  rng::RandomStream stream(0, 0, "report/bootstrap/" + metric);
  const auto indices = sensitivity::sobol_indices(f_a, f_b, f_ab, static_cast<std::size_t>(design.bootstrap), stream);
  for (std::size_t i = 0; i < k; ++i) {
    add(rows, metric, design.factors[i].key, "S1", indices[i].first);
    add(rows, metric, design.factors[i].key, "ST", indices[i].total);
  }
}

}  // namespace

GsaDesign read_gsa_design(const nlohmann::json& member, const std::string& file) {
  const auto bad = [&](const std::string& what) {
    return ReportError(file + ": sensitivity: " + what + " (expected the design written by gvsim run)");
  };
  GsaDesign d;
  try {
    d.method = member.at("method").get<std::string>();
    if (d.method != "morris" && d.method != "sobol") throw bad("method must be morris or sobol, got " + d.method);
    d.bootstrap = member.at("bootstrap").get<std::int64_t>();
    for (const auto& f : member.at("factors"))
      d.factors.push_back(
          GsaFactor{f.at("key").get<std::string>(), f.at("min").get<double>(), f.at("max").get<double>()});
    for (const auto& [variant, role] : member.at("variants").items()) {
      d.variants[variant] =
          GsaRole{role.at(0).get<std::size_t>(), role.at(1).get<std::string>(), role.at(2).get<std::size_t>()};
    }
  } catch (const nlohmann::json::exception& e) {
    throw bad(e.what());
  }
  return d;
}

std::string ranking_index(const std::string& method) {
  return method == "sobol" ? "ST" : "mu_star";
}

std::vector<IndexRow> sensitivity_indices(const Study& study, const std::vector<std::string>& metrics,
                                          std::vector<std::string>& notes) {
  std::vector<IndexRow> rows;
  const GsaDesign& design = study.design;
  if (design.method.empty()) return rows;
  for (const auto& metric : metrics) {
    const auto means = variant_means(study, metric);
    if (means.size() < 2) {
      notes.push_back(metric + ": measured in fewer than two design points; no sensitivity indices");
      continue;
    }
    if (design.method == "morris") {
      morris_rows(study, design, metric, means, rows);
    } else {
      sobol_rows(design, metric, means, rows);
    }
  }
  return rows;
}

std::string sensitivity_indices_csv(const std::vector<IndexRow>& rows) {
  output::CsvTable t({"metric", "factor", "index", "value", "ci_lo", "ci_hi"});
  for (const auto& r : rows)
    t.row().cell(r.metric).cell(r.factor).cell(r.index).cell(r.value).cell(r.ci_lo).cell(r.ci_hi);
  return t.str();
}

}  // namespace gvsim::report
