#include "sim/sensitivity/morris.hpp"

#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <utility>

namespace gvsim::sensitivity {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The elementary effects of one trajectory: (factor, EE) per step that moved exactly one factor.
std::vector<std::pair<std::size_t, double>> trajectory_effects(const std::vector<std::vector<double>>& points,
                                                               const std::vector<double>& outputs) {
  std::vector<std::pair<std::size_t, double>> effects;
  for (std::size_t s = 1; s < points.size() && s < outputs.size(); ++s) {
    std::size_t moved = points[s].size();
    std::size_t count = 0;
    for (std::size_t i = 0; i < points[s].size(); ++i) {
      if (points[s][i] != points[s - 1][i]) {
        moved = i;
        ++count;
      }
    }
    if (count != 1 || !std::isfinite(outputs[s]) || !std::isfinite(outputs[s - 1])) continue;
    effects.emplace_back(moved, (outputs[s] - outputs[s - 1]) / (points[s][moved] - points[s - 1][moved]));
  }
  return effects;
}

}  // namespace

std::vector<MorrisTrajectory> sample_morris(std::size_t factors, std::size_t trajectories, std::size_t levels,
                                            rng::RandomStream& stream) {
  if (levels < 2 || levels % 2 != 0) throw std::invalid_argument("sample_morris: levels must be even and >= 2");
  const double top = static_cast<double>(levels - 1);
  const double delta = static_cast<double>(levels) / (2.0 * top);
  std::vector<MorrisTrajectory> out(trajectories);
  for (auto& t : out) {
    std::vector<double> x(factors);
    for (auto& v : x)
      v = static_cast<double>(stream.bits() % levels) / top;
    std::vector<std::size_t> order(factors);
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = factors; i > 1; --i)
      std::swap(order[i - 1], order[static_cast<std::size_t>(stream.bits() % i)]);
    t.points.push_back(x);
    for (std::size_t i : order) {
      // Levels below 1/2 can only go up by Delta (>= 1/2) and those above only down; the sum is exact on the grid.
      x[i] = x[i] < 0.5 ? std::round((x[i] + delta) * top) / top : std::round((x[i] - delta) * top) / top;
      t.points.push_back(x);
      t.moved.push_back(i);
    }
  }
  return out;
}

std::vector<MorrisEffect> morris_effects(const std::vector<std::vector<std::vector<double>>>& points,
                                         const std::vector<std::vector<double>>& outputs, std::size_t resamples,
                                         rng::RandomStream& stream) {
  if (points.size() != outputs.size()) throw std::invalid_argument("morris_effects: points and outputs differ");
  const std::size_t k = points.empty() || points.front().empty() ? 0 : points.front().front().size();
  std::vector<std::vector<std::pair<std::size_t, double>>> effects;
  for (std::size_t t = 0; t < points.size(); ++t)
    effects.push_back(trajectory_effects(points[t], outputs[t]));
  const auto statistics = [&](const std::vector<std::size_t>& chosen) {
    std::vector<std::vector<double>> by_factor(k);
    for (std::size_t t : chosen) {
      for (const auto& [i, ee] : effects[t])
        by_factor[i].push_back(ee);
    }
    std::vector<double> out;
    for (const auto& ees : by_factor) {
      const double n = static_cast<double>(ees.size());
      double sum = 0.0, sum_abs = 0.0;
      for (double ee : ees) {
        sum += ee;
        sum_abs += std::abs(ee);
      }
      const double mean = n > 0.0 ? sum / n : kNaN;
      double squares = 0.0;  // two passes: sigma of a linear function is exactly 0
      for (double ee : ees)
        squares += (ee - mean) * (ee - mean);
      out.insert(out.end(), {n > 0.0 ? sum_abs / n : kNaN, mean, n > 1.0 ? std::sqrt(squares / (n - 1.0)) : kNaN});
    }
    return out;
  };
  const auto estimates = bootstrap(points.size(), resamples, stream, statistics);
  std::vector<MorrisEffect> out(k);
  for (std::size_t i = 0; i < k; ++i)
    out[i] = MorrisEffect{estimates[3 * i], estimates[3 * i + 1], estimates[3 * i + 2]};
  return out;
}

}  // namespace gvsim::sensitivity
