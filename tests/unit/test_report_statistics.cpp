#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "sim/report/csv_file.hpp"
#include "sim/report/report_error.hpp"
#include "sim/report/statistics.hpp"

using namespace gvsim::report;

TEST_CASE("Student t quantiles match closed forms and tables", "[report][statistics]") {
  const double pi = std::acos(-1.0);
  // df = 1 is the Cauchy distribution: t_p = tan(pi (p - 1/2)).
  for (double p : {0.6, 0.9, 0.975, 0.995})
    CHECK(student_t_quantile(p, 1) == Approx(std::tan(pi * (p - 0.5))).epsilon(1e-12));
  // df = 2: t_p = (2p - 1) / sqrt(2 p (1 - p)).
  for (double p : {0.6, 0.9, 0.975, 0.995})
    CHECK(student_t_quantile(p, 2) == Approx((2 * p - 1) / std::sqrt(2 * p * (1 - p))).epsilon(1e-12));
  // Even df: values from bisection on the closed-form CDF.
  CHECK(student_t_quantile(0.975, 4) == Approx(2.776445105197791).epsilon(1e-12));
  CHECK(student_t_quantile(0.975, 10) == Approx(2.228138851986273).epsilon(1e-12));
  CHECK(student_t_quantile(0.95, 30) == Approx(1.697260886593956).epsilon(1e-12));
  CHECK(student_t_quantile(0.025, 10) == Approx(-2.228138851986273).epsilon(1e-12));
  CHECK(student_t_quantile(0.975, 1e7) == Approx(1.959963984540054).epsilon(1e-6));  // tends to the normal
  CHECK_THROWS_AS(student_t_quantile(1.0, 3), std::invalid_argument);
  CHECK_THROWS_AS(student_t_quantile(0.5, 0), std::invalid_argument);
}

TEST_CASE("the confidence interval of a known sample is computed by hand", "[report][statistics]") {
  const SampleSummary s = summarize({1, 2, 3, 4, 5});
  CHECK(s.n == 5);
  CHECK(s.mean == 3.0);
  CHECK(s.sd == Approx(std::sqrt(2.5)).epsilon(1e-15));
  const double half = 2.776445105197791 * std::sqrt(2.5) / std::sqrt(5.0);  // t(0.975, 4) sd / sqrt(n)
  CHECK(s.ci95_low == Approx(3.0 - half).epsilon(1e-12));
  CHECK(s.ci95_high == Approx(3.0 + half).epsilon(1e-12));
  CHECK(s.excludes_zero());

  const SampleSummary zero = summarize({0.0, 0.0, 0.0});
  CHECK(zero.mean == 0.0);
  CHECK(zero.sd == 0.0);
  CHECK(zero.ci95_low == 0.0);
  CHECK(zero.ci95_high == 0.0);
  CHECK_FALSE(zero.excludes_zero());

  const SampleSummary straddle = summarize({-1.0, 1.0, -2.0, 2.0});
  CHECK(straddle.mean == 0.0);
  CHECK_FALSE(straddle.excludes_zero());

  const SampleSummary one = summarize({7.5});
  CHECK(one.n == 1);
  CHECK(one.mean == 7.5);
  CHECK(std::isnan(one.sd));
  CHECK(std::isnan(one.ci95_low));
  CHECK_FALSE(one.excludes_zero());
  CHECK(std::isnan(summarize({}).mean));
}

namespace {
double sd(const std::vector<double>& v) {
  double m = 0.0;
  for (double x : v)
    m += x;
  m /= static_cast<double>(v.size());
  double s = 0.0;
  for (double x : v)
    s += (x - m) * (x - m);
  return std::sqrt(s / static_cast<double>(v.size() - 1));
}
}  // namespace

TEST_CASE("standardized regression recovers known coefficients and R^2 = 1 for an exact linear relation",
          "[report][statistics]") {
  std::vector<double> x1, x2, y, noisy;
  for (int i = 0; i < 20; ++i) {
    x1.push_back(i);
    x2.push_back((i * 7) % 11);
    y.push_back(3.0 + 2.0 * x1.back() - 5.0 * x2.back());
    noisy.push_back(y.back() + ((i * 13) % 5 - 2) * 1.5);  // bounded, deterministic noise
  }
  const Regression exact = standardized_regression({x1, x2}, y);
  REQUIRE(exact.coefficients.size() == 2);
  CHECK(exact.n == 20);
  CHECK(exact.rank == 2);
  CHECK(exact.coefficients[0] == Approx(2.0 * sd(x1) / sd(y)).epsilon(1e-10));
  CHECK(exact.coefficients[1] == Approx(-5.0 * sd(x2) / sd(y)).epsilon(1e-10));
  CHECK(exact.r_squared == Approx(1.0).epsilon(1e-12));

  const Regression fit = standardized_regression({x1, x2}, noisy);
  CHECK(fit.r_squared < 1.0);
  CHECK(fit.r_squared > 0.9);
  CHECK(fit.coefficients[0] > 0.0);
  CHECK(fit.coefficients[1] < 0.0);

  // One factor: the coefficient is the correlation and R^2 its square.
  const Regression single = standardized_regression({x1}, noisy);
  CHECK(single.r_squared == Approx(single.coefficients[0] * single.coefficients[0]).epsilon(1e-12));

  std::vector<double> twice;
  for (double v : x1)
    twice.push_back(2.0 * v + 1.0);
  CHECK(standardized_regression({x1, twice}, y).rank == 1);  // collinear factors are reported, not hidden
  CHECK_THROWS_AS(standardized_regression({std::vector<double>(20, 1.0)}, y), std::invalid_argument);
  CHECK_THROWS_AS(standardized_regression({x1}, std::vector<double>(20, 4.0)), std::invalid_argument);
}

TEST_CASE("the Pareto front keeps exactly the non-dominated points", "[report][statistics]") {
  // Objectives: first maximised, second minimised.
  const std::vector<std::vector<double>> points = {{1, 1}, {2, 2}, {2, 1}, {0, 0}, {2, 1}, {1, 3}};
  std::vector<std::size_t> dominated_by;
  const auto front = pareto_front(points, {true, false}, &dominated_by);
  CHECK(front == std::vector<bool>{false, false, true, true, true, false});
  CHECK(dominated_by == std::vector<std::size_t>{2, 2, 0, 0, 0, 4});
}

TEST_CASE("CSV files with quoted cells are read and malformed ones are named errors", "[report][csv]") {
  const CsvFile f = CsvFile::parse("a,b,c\n1,\"x, \"\"y\"\"\",\n2,plain,3.5\n", "t.csv");
  REQUIRE(f.size() == 2);
  CHECK(f.at(0, f.column("b")) == "x, \"y\"");
  CHECK(std::isnan(f.number(0, f.column("c"))));
  CHECK(f.number(1, f.column("c")) == 3.5);
  CHECK_THROWS_WITH(f.column("d"), "t.csv: no column 'd'");
  CHECK_THROWS_WITH(f.number(1, f.column("b")), Catch::Contains("expected a number, got \"plain\""));
  CHECK_THROWS_AS(CsvFile::parse("a,b\n1,2,3\n", "t.csv"), ReportError);
  CHECK_THROWS_AS(CsvFile::parse("", "t.csv"), ReportError);
  CHECK_THROWS_AS(CsvFile::parse("a\n\"open\n", "t.csv"), ReportError);
  CHECK_THROWS_WITH(CsvFile::read("/no/such/file.csv"), "/no/such/file.csv: cannot be read");
}
