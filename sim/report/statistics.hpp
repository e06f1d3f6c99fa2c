#pragma once

#include <cstddef>
#include <vector>

namespace gvsim::report {

/// @brief Mean, standard deviation and 95% Student-t confidence interval of a sample.
struct SampleSummary {
  std::size_t n = 0;
  double mean = 0.0;
  double sd = 0.0;         ///< sample standard deviation (n - 1); NaN when n < 2
  double ci95_low = 0.0;   ///< NaN when n < 2
  double ci95_high = 0.0;  ///< NaN when n < 2

  /// @brief True when the interval is defined and lies strictly on one side of zero.
  bool excludes_zero() const;
};

/// @brief Quantile of Student's t distribution with `df` degrees of freedom at probability `p` in (0, 1).
double student_t_quantile(double p, double df);

/// @brief Summary of `values` (NaN mean when empty); the interval is mean +- t(0.975, n - 1) sd / sqrt(n).
SampleSummary summarize(const std::vector<double>& values);

/// @brief Standardized regression coefficients of y on several factors, with the fit's R^2.
struct Regression {
  std::vector<double> coefficients;  ///< one per factor: effect of +1 sd of the factor in sd of y
  double r_squared = 0.0;
  std::size_t n = 0;
  std::size_t rank = 0;  ///< rank of the z-scored factor matrix (< factors when factors are collinear)
};

/// @brief Least squares (Eigen) of z-scored y on z-scored factors; `factors[j][i]` is factor j of observation i.
///
/// Every factor and y must vary (sd > 0) and have y.size() values; throws std::invalid_argument otherwise.
Regression standardized_regression(const std::vector<std::vector<double>>& factors, const std::vector<double>& y);

/// @brief For each point (rows of `points`, one column per objective), whether no other point dominates it.
///
/// `maximize[j]` tells the direction of objective j. A point dominates another when it is at least as good in
/// every objective and better in one; equal points do not dominate each other. `dominated_by[i]` receives the
/// number of points that dominate point i.
std::vector<bool> pareto_front(const std::vector<std::vector<double>>& points, const std::vector<bool>& maximize,
                               std::vector<std::size_t>* dominated_by = nullptr);

}  // namespace gvsim::report
