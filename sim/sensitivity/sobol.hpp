#pragma once

#include <cstddef>
#include <vector>

#include "sim/rng/random_stream.hpp"
#include "sim/sensitivity/bootstrap.hpp"

namespace gvsim::sensitivity {

/// @brief Saltelli's design: two independent N x k samples of the unit cube; run AB_i is A with column i of B.
struct SaltelliPlan {
  std::vector<std::vector<double>> a;  ///< a[j][i]
  std::vector<std::vector<double>> b;  ///< b[j][i]

  /// @brief Row j of AB_i: A's row with factor i taken from B.
  std::vector<double> ab(std::size_t j, std::size_t i) const;
};

/// @brief The N (k + 2) points of a Saltelli design: `samples` rows of A and B, uniform on [0, 1)^k from `stream`.
SaltelliPlan sample_saltelli(std::size_t samples, std::size_t factors, rng::RandomStream& stream);

/// @brief First-order and total Sobol indices of one factor.
struct SobolIndex {
  Estimate first;  ///< S_i = E[(f(B) - f0) (f(AB_i) - f(A))] / V (Saltelli et al. 2010, outputs centred)
  Estimate total;  ///< ST_i = E[(f(A) - f(AB_i))^2] / 2V (Jansen 1999)
};

/// @brief Sobol indices from the outputs of a Saltelli design: f_a[j], f_b[j], f_ab[i][j].
///
/// V is the variance and f0 the mean of the 2N outputs of A and B together; centring f(B) on f0 leaves the
/// estimator's expectation unchanged (E[f(AB_i) - f(A)] = 0) and removes the variance a large mean adds. Rows with a
/// non-finite output are left out. Bootstrap: `resamples` resamples of the rows j (each row brings its A, B and AB_i
/// outputs) drawn from `stream`.
std::vector<SobolIndex> sobol_indices(const std::vector<double>& f_a, const std::vector<double>& f_b,
                                      const std::vector<std::vector<double>>& f_ab, std::size_t resamples,
                                      rng::RandomStream& stream);

}  // namespace gvsim::sensitivity
