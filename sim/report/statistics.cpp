#include "sim/report/statistics.hpp"

#include <Eigen/Dense>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <stdexcept>

namespace gvsim::report {

namespace {

double mean_of(const std::vector<double>& v) {
  double sum = 0.0;
  for (double x : v)
    sum += x;
  return sum / static_cast<double>(v.size());
}

double sd_of(const std::vector<double>& v, double mean) {
  double squares = 0.0;
  for (double x : v)
    squares += (x - mean) * (x - mean);
  return std::sqrt(squares / static_cast<double>(v.size() - 1));
}

}  // namespace

bool SampleSummary::excludes_zero() const {
  return std::isfinite(ci95_low) && std::isfinite(ci95_high) && (ci95_low > 0.0 || ci95_high < 0.0);
}

double student_t_quantile(double p, double df) {
  if (!(p > 0.0 && p < 1.0) || !(df > 0.0)) throw std::invalid_argument("student_t_quantile: p or df out of range");
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
}

SampleSummary summarize(const std::vector<double>& values) {
  SampleSummary s;
  const double nan = std::nan("");
  s.n = values.size();
  s.mean = values.empty() ? nan : mean_of(values);
  s.sd = nan;
  s.ci95_low = nan;
  s.ci95_high = nan;
  if (s.n < 2) return s;
  s.sd = sd_of(values, s.mean);
  const double half =
      student_t_quantile(0.975, static_cast<double>(s.n - 1)) * s.sd / std::sqrt(static_cast<double>(s.n));
  s.ci95_low = s.mean - half;
  s.ci95_high = s.mean + half;
  return s;
}

Regression standardized_regression(const std::vector<std::vector<double>>& factors, const std::vector<double>& y) {
  const std::size_t n = y.size();
  const std::size_t k = factors.size();
  if (n < 2 || k == 0) throw std::invalid_argument("standardized_regression: needs >= 2 observations and a factor");
  auto z_scores = [n](const std::vector<double>& v, const char* what) {
    if (v.size() != n) throw std::invalid_argument(std::string("standardized_regression: ") + what + " size");
    const double m = mean_of(v);
    const double sd = sd_of(v, m);
    if (!(sd > 0.0)) throw std::invalid_argument(std::string("standardized_regression: ") + what + " is constant");
    Eigen::VectorXd z(static_cast<Eigen::Index>(n));
    for (std::size_t i = 0; i < n; ++i)
      z(static_cast<Eigen::Index>(i)) = (v[i] - m) / sd;
    return z;
  };
  Eigen::MatrixXd x(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(k));
  for (std::size_t j = 0; j < k; ++j)
    x.col(static_cast<Eigen::Index>(j)) = z_scores(factors[j], "a factor");
  const Eigen::VectorXd zy = z_scores(y, "y");
  const Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd> decomposition(x);
  const Eigen::VectorXd beta = decomposition.solve(zy);
  const Eigen::VectorXd residual = zy - x * beta;
  Regression r;
  r.n = n;
  r.rank = static_cast<std::size_t>(decomposition.rank());
  r.r_squared = 1.0 - residual.squaredNorm() / zy.squaredNorm();
  for (std::size_t j = 0; j < k; ++j)
    r.coefficients.push_back(beta(static_cast<Eigen::Index>(j)));
  return r;
}

std::vector<bool> pareto_front(const std::vector<std::vector<double>>& points, const std::vector<bool>& maximize,
                               std::vector<std::size_t>* dominated_by) {
  const std::size_t count = points.size();
  std::vector<bool> front(count, true);
  if (dominated_by != nullptr) dominated_by->assign(count, 0);
  auto dominates = [&](const std::vector<double>& a, const std::vector<double>& b) {
    bool better_somewhere = false;
    for (std::size_t j = 0; j < maximize.size(); ++j) {
      const double gain = maximize[j] ? a[j] - b[j] : b[j] - a[j];
      if (gain < 0.0) return false;
      if (gain > 0.0) better_somewhere = true;
    }
    return better_somewhere;
  };
  for (std::size_t i = 0; i < count; ++i) {
    for (std::size_t other = 0; other < count; ++other) {
      if (other == i || !dominates(points[other], points[i])) continue;
      front[i] = false;
      if (dominated_by != nullptr) ++(*dominated_by)[i];
    }
  }
  return front;
}

}  // namespace gvsim::report
