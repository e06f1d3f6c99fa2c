#include "sim/study/sensitivity_points.hpp"

#include <cmath>
#include <cstdio>

#include "sim/rng/random_stream.hpp"
#include "sim/sensitivity/morris.hpp"
#include "sim/sensitivity/sobol.hpp"

namespace gvsim::study {

namespace {

constexpr std::size_t kMaxPoints = 100000;
constexpr const char* kEntry = "sweep.sensitivity";

std::string padded(std::size_t value, int width) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%0*zu", width, value);
  return buffer;
}

/// The unit-cube point `unit` mapped onto the ranges (rounded where a range is integer).
std::vector<double> scaled(const std::vector<double>& unit, const std::vector<model::SweepRange>& ranges) {
  std::vector<double> out;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const double v = ranges[i].min + (ranges[i].max - ranges[i].min) * unit[i];
    out.push_back(ranges[i].integer ? std::round(v) : v);
  }
  return out;
}

/// The keys of the other method that a block must not set, and the required count of its own.
bool check_counts(const model::SensitivitySpec& s, schema::Diagnostics& d) {
  const std::string entry = kEntry;
  bool ok = true;
  if (s.method.empty()) {
    d.expected(s.where, entry + ".method", "morris or sobol", "no method");
    return false;
  }
  const bool morris = s.method == "morris";
  if (morris && s.trajectories == 0) {
    d.expected(s.where, entry + ".trajectories", "the number of Morris trajectories (>= 2) with method morris", "none");
    ok = false;
  }
  if (!morris && s.samples == 0) {
    d.expected(s.where, entry + ".samples", "the number of base samples N (>= 2) with method sobol", "none");
    ok = false;
  }
  const auto refuse = [&](bool set, const schema::SourceMark& at, const std::string& key, const std::string& owner) {
    if (!set) return;
    d.error(at, entry + "." + key, "'" + key + "' belongs to method " + owner + ", but method is '" + s.method + "'");
    ok = false;
  };
  refuse(morris && s.samples != 0, s.samples_where, "samples", "sobol");
  refuse(!morris && s.trajectories != 0, s.trajectories_where, "trajectories", "morris");
  refuse(!morris && s.levels != 0, s.levels_where, "levels", "morris");
  if (morris && s.levels % 2 != 0) {
    d.expected(s.levels_where, entry + ".levels", "an even number of levels (the step is p / (2 (p - 1)))",
               std::to_string(s.levels));
    ok = false;
  }
  const std::size_t k = s.ranges.size();
  const std::size_t runs =
      morris ? static_cast<std::size_t>(s.trajectories) * (k + 1) : static_cast<std::size_t>(s.samples) * (k + 2);
  if (ok && runs > kMaxPoints) {
    d.error(s.where, entry,
            "the design has " + std::to_string(runs) + " variants, more than " + std::to_string(kMaxPoints));
    ok = false;
  }
  return ok;
}

}  // namespace

SensitivityDesign sensitivity_points(const model::SensitivitySpec& spec, std::uint64_t seed, schema::Diagnostics& d) {
  SensitivityDesign design;
  if (spec.where.line == 0 || !check_counts(spec, d)) return design;
  design.method = spec.method;
  design.levels = spec.levels == 0 ? 4 : spec.levels;
  design.bootstrap = spec.bootstrap;
  design.ranges = spec.ranges;
  const std::size_t k = spec.ranges.size();
  rng::RandomStream stream(seed, 0, "sweep/sensitivity");
  if (spec.method == "morris") {
    const auto trajectories = sensitivity::sample_morris(k, static_cast<std::size_t>(spec.trajectories),
                                                         static_cast<std::size_t>(design.levels), stream);
    for (std::size_t t = 0; t < trajectories.size(); ++t) {
      for (std::size_t s = 0; s < trajectories[t].points.size(); ++s) {
        design.points.push_back(SensitivityPoint{"mor_t" + padded(t + 1, 3) + "_s" + padded(s, 2),
                                                 SensitivityRole{t, "step", s},
                                                 scaled(trajectories[t].points[s], spec.ranges)});
      }
    }
    return design;
  }
  const auto plan = sensitivity::sample_saltelli(static_cast<std::size_t>(spec.samples), k, stream);
  for (std::size_t j = 0; j < plan.a.size(); ++j) {
    const std::string row = "sob_" + padded(j + 1, 4);
    design.points.push_back(SensitivityPoint{row + "_a", SensitivityRole{j, "a", 0}, scaled(plan.a[j], spec.ranges)});
    design.points.push_back(SensitivityPoint{row + "_b", SensitivityRole{j, "b", 0}, scaled(plan.b[j], spec.ranges)});
    for (std::size_t i = 0; i < k; ++i) {
      design.points.push_back(SensitivityPoint{row + "_ab" + padded(i + 1, 2), SensitivityRole{j, "ab", i},
                                               scaled(plan.ab(j, i), spec.ranges)});
    }
  }
  return design;
}

}  // namespace gvsim::study
