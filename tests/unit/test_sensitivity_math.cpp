#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

#include "sim/rng/random_stream.hpp"
#include "sim/sensitivity/morris.hpp"
#include "sim/sensitivity/sobol.hpp"

using gvsim::rng::RandomStream;
namespace gsa = gvsim::sensitivity;

namespace {

/// Ishigami and Homma (1990): f = sin x1 + a sin^2 x2 + b x3^4 sin x1 on [-pi, pi]^3.
double ishigami(const std::vector<double>& unit) {
  constexpr double a = 7.0, b = 0.1, pi = std::numbers::pi;
  const double x1 = -pi + 2.0 * pi * unit[0], x2 = -pi + 2.0 * pi * unit[1], x3 = -pi + 2.0 * pi * unit[2];
  return std::sin(x1) + a * std::sin(x2) * std::sin(x2) + b * std::pow(x3, 4) * std::sin(x1);
}

/// The exact value lies within 1.5 half-widths of the estimate's bootstrap interval (about 3 standard errors),
/// and that interval is narrow enough for the check to mean something.
void check_against(const gsa::Estimate& e, double exact) {
  const double half = (e.ci_hi - e.ci_lo) / 2.0;
  INFO("estimate " << e.value << " [" << e.ci_lo << ", " << e.ci_hi << "], exact " << exact);
  CHECK(e.ci_lo <= e.value);
  CHECK(e.value <= e.ci_hi);
  CHECK(half < 0.05);
  CHECK(std::abs(e.value - exact) <= 1.5 * half);
}

}  // namespace

TEST_CASE("Sobol indices of the Ishigami function match the exact ones", "[sensitivity]") {
  RandomStream stream(20261202, 0, "test/saltelli");
  const std::size_t n = 8192, k = 3;
  const gsa::SaltelliPlan plan = gsa::sample_saltelli(n, k, stream);
  std::vector<double> f_a(n), f_b(n);
  std::vector<std::vector<double>> f_ab(k, std::vector<double>(n));
  for (std::size_t j = 0; j < n; ++j) {
    f_a[j] = ishigami(plan.a[j]);
    f_b[j] = ishigami(plan.b[j]);
    for (std::size_t i = 0; i < k; ++i)
      f_ab[i][j] = ishigami(plan.ab(j, i));
  }
  RandomStream resampling(20261202, 0, "test/bootstrap");
  const auto s = gsa::sobol_indices(f_a, f_b, f_ab, 400, resampling);
  REQUIRE(s.size() == 3);
  // Exact values for a = 7, b = 0.1 (Saltelli et al. 2008, "Global Sensitivity Analysis: The Primer", 4.6).
  check_against(s[0].first, 0.3139);
  check_against(s[1].first, 0.4424);
  check_against(s[2].first, 0.0);
  check_against(s[0].total, 0.5576);
  check_against(s[1].total, 0.4424);
  check_against(s[2].total, 0.2437);
}

TEST_CASE("A Saltelli design's AB_i rows take factor i from B and the rest from A", "[sensitivity]") {
  RandomStream stream(7, 0, "test/saltelli");
  const auto plan = gsa::sample_saltelli(5, 4, stream);
  for (std::size_t j = 0; j < 5; ++j) {
    for (std::size_t i = 0; i < 4; ++i) {
      const auto row = plan.ab(j, i);
      for (std::size_t c = 0; c < 4; ++c)
        CHECK(row[c] == (c == i ? plan.b[j][c] : plan.a[j][c]));
    }
  }
}

TEST_CASE("Morris trajectories move one factor by Delta per step and stay on the grid", "[sensitivity]") {
  RandomStream stream(3, 0, "test/morris");
  const std::size_t k = 6, levels = 4;
  const double delta = 4.0 / 6.0;
  const auto trajectories = gsa::sample_morris(k, 25, levels, stream);
  REQUIRE(trajectories.size() == 25);
  std::vector<int> ups(k, 0), downs(k, 0);
  for (const auto& t : trajectories) {
    REQUIRE(t.points.size() == k + 1);
    std::vector<bool> seen(k, false);
    for (std::size_t s = 1; s <= k; ++s) {
      const std::size_t i = t.moved[s - 1];
      CHECK_FALSE(seen[i]);  // every factor moves exactly once
      seen[i] = true;
      for (std::size_t c = 0; c < k; ++c) {
        const double x = t.points[s][c];
        CHECK(x >= 0.0);
        CHECK(x <= 1.0);
        CHECK(std::abs(x * 3.0 - std::round(x * 3.0)) < 1e-12);
        if (c != i) CHECK(x == t.points[s - 1][c]);
      }
      const double step = t.points[s][i] - t.points[s - 1][i];
      CHECK(std::abs(std::abs(step) - delta) < 1e-12);
      (step > 0 ? ups : downs)[i]++;
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    CHECK(ups[i] > 0);  // both directions occur
    CHECK(downs[i] > 0);
  }
  CHECK_THROWS(gsa::sample_morris(3, 2, 3, stream));  // odd levels have no symmetric step
}

TEST_CASE("Morris mu* of a linear function is |coefficient| x range, with sigma 0", "[sensitivity]") {
  const std::vector<double> coefficient = {3.0, -2.0, 0.5, 0.0};
  const std::vector<double> lo = {0.0, 10.0, -1.0, 5.0}, hi = {1.0, 12.0, 3.0, 6.0};
  RandomStream stream(11, 0, "test/morris");
  const auto trajectories = gsa::sample_morris(4, 12, 6, stream);
  std::vector<std::vector<std::vector<double>>> points;
  std::vector<std::vector<double>> outputs;
  for (const auto& t : trajectories) {
    points.push_back(t.points);
    outputs.emplace_back();
    for (const auto& u : t.points) {
      double y = 0.0;
      for (std::size_t i = 0; i < 4; ++i)
        y += coefficient[i] * (lo[i] + (hi[i] - lo[i]) * u[i]);
      outputs.back().push_back(y);
    }
  }
  RandomStream resampling(11, 0, "test/bootstrap");
  const auto effects = gsa::morris_effects(points, outputs, 200, resampling);
  REQUIRE(effects.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    const double exact = coefficient[i] * (hi[i] - lo[i]);
    CHECK(effects[i].mu_star.value == Approx(std::abs(exact)).margin(1e-9));
    CHECK(effects[i].mu.value == Approx(exact).margin(1e-9));
    CHECK(effects[i].sigma.value == Approx(0.0).margin(1e-9));
  }
  // The ranking by mu*: factor 0 (3), factor 1 (4), factor 2 (2), factor 3 (0).
  CHECK(effects[1].mu_star.value > effects[0].mu_star.value);
  CHECK(effects[0].mu_star.value > effects[2].mu_star.value);
  CHECK(effects[2].mu_star.value > effects[3].mu_star.value);
}

TEST_CASE("Morris sigma reveals an interaction and mu* ranks Ishigami's inert-alone factor last", "[sensitivity]") {
  RandomStream stream(5, 0, "test/morris");
  const auto trajectories = gsa::sample_morris(4, 40, 4, stream);
  std::vector<std::vector<std::vector<double>>> points;
  std::vector<std::vector<double>> product, ish;
  for (const auto& t : trajectories) {
    points.push_back(t.points);
    product.emplace_back();
    ish.emplace_back();
    for (const auto& u : t.points) {
      product.back().push_back(u[0] * u[1] + 0.0 * u[3]);
      ish.back().push_back(ishigami(u));
    }
  }
  RandomStream resampling(5, 0, "test/bootstrap");
  const auto p = gsa::morris_effects(points, product, 200, resampling);
  CHECK(p[0].sigma.value > 0.1);  // the effect of x1 depends on x2
  CHECK(p[1].sigma.value > 0.1);
  CHECK(p[2].mu_star.value == 0.0);
  CHECK(p[3].mu_star.value == 0.0);
  CHECK(p[0].mu_star.ci_lo <= p[0].mu_star.value);
  CHECK(p[0].mu_star.value <= p[0].mu_star.ci_hi);
  const auto e = gsa::morris_effects(points, ish, 200, resampling);
  CHECK(e[3].mu_star.value == 0.0);  // the fourth factor is not an input of the function
  CHECK(e[0].mu_star.value > e[3].mu_star.value);
  CHECK(e[1].mu_star.value > 0.0);
}
