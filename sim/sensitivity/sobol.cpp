#include "sim/sensitivity/sobol.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace gvsim::sensitivity {

std::vector<double> SaltelliPlan::ab(std::size_t j, std::size_t i) const {
  std::vector<double> row = a.at(j);
  row.at(i) = b.at(j).at(i);
  return row;
}

SaltelliPlan sample_saltelli(std::size_t samples, std::size_t factors, rng::RandomStream& stream) {
  SaltelliPlan plan;
  plan.a.assign(samples, std::vector<double>(factors));
  plan.b.assign(samples, std::vector<double>(factors));
  for (std::size_t j = 0; j < samples; ++j) {
    for (auto& v : plan.a[j])
      v = stream.uniform();
    for (auto& v : plan.b[j])
      v = stream.uniform();
  }
  return plan;
}

std::vector<SobolIndex> sobol_indices(const std::vector<double>& f_a, const std::vector<double>& f_b,
                                      const std::vector<std::vector<double>>& f_ab, std::size_t resamples,
                                      rng::RandomStream& stream) {
  const std::size_t n = f_a.size();
  const std::size_t k = f_ab.size();
  if (f_b.size() != n) throw std::invalid_argument("sobol_indices: A and B differ in size");
  for (const auto& column : f_ab) {
    if (column.size() != n) throw std::invalid_argument("sobol_indices: an AB_i differs in size from A");
  }
  std::vector<std::size_t> rows;  // rows whose every output is finite
  for (std::size_t j = 0; j < n; ++j) {
    bool finite = std::isfinite(f_a[j]) && std::isfinite(f_b[j]);
    for (const auto& column : f_ab)
      finite = finite && std::isfinite(column[j]);
    if (finite) rows.push_back(j);
  }
  const auto statistics = [&](const std::vector<std::size_t>& chosen) {
    const double m = static_cast<double>(chosen.size());
    double sum = 0.0, sum_sq = 0.0;
    for (std::size_t c : chosen) {
      const std::size_t j = rows[c];
      sum += f_a[j] + f_b[j];
      sum_sq += f_a[j] * f_a[j] + f_b[j] * f_b[j];
    }
    const double mean = sum / (2.0 * m);
    const double variance = sum_sq / (2.0 * m) - mean * mean;
    std::vector<double> out;
    for (std::size_t i = 0; i < k; ++i) {
      double first = 0.0, total = 0.0;
      for (std::size_t c : chosen) {
        const std::size_t j = rows[c];
        first += (f_b[j] - mean) * (f_ab[i][j] - f_a[j]);
        total += (f_a[j] - f_ab[i][j]) * (f_a[j] - f_ab[i][j]);
      }
      const bool ok = m > 1.0 && variance > 0.0;
      out.push_back(ok ? first / m / variance : std::numeric_limits<double>::quiet_NaN());
      out.push_back(ok ? total / (2.0 * m) / variance : std::numeric_limits<double>::quiet_NaN());
    }
    return out;
  };
  const auto estimates = bootstrap(rows.size(), resamples, stream, statistics);
  std::vector<SobolIndex> out(k);
  for (std::size_t i = 0; i < k; ++i)
    out[i] = SobolIndex{estimates[2 * i], estimates[2 * i + 1]};
  return out;
}

}  // namespace gvsim::sensitivity
