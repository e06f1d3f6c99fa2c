// Validation of the user model's adoption process against the Bass diffusion closed form.
//
// One region with one small cluster, scale 1, a market of M = 20,000 simulated users, Bass p = 1.5 / yr and
// q = 75 / yr over 30 days: F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}) runs from 0.061 at day 7 to 0.913 at
// day 30. One segment, no lapses, 0.001 requests per user and day (a few hundred jobs in all).
//
// The market draws each adoption from the exact hazard f(A) = (p + q A/M)(M - A) (redrawn after every adoption),
// so the adopters A(t) form a pure-birth Markov chain. Its mean is not exactly M F(t): f being quadratic,
//   d E[A]/dt   = f(E[A]) - (q/M) Var[A]                  (exact),
//   d Var[A]/dt = 2 f'(E[A]) Var[A] + f(E[A])              (normal closure: drops the third central moment).
// Integrated below (RK4, 1,000 steps a day), the finite-M correction E[A] - M F(t) stays within 7.6 users (0.04 %
// of M) on days 7..30; the master equation of the 20,001-state chain, solved separately by Crank-Nicolson, gives
// the same mean to 0.01 user and the same standard deviation to 0.2 user.
//
// Acceptance at each checkpoint t in {7, 10, 14, 18, 22, 26, 30} days, over R = 60 replications:
//   (a) |mean A(t) - M F(t)| <= 4 SE + |E[A](t) - M F(t)| (the finite-M allowance, computed here), and
//   (b) the replications' variance lies inside the 99.9 % chi-square interval around the closure's Var[A](t).
// Power: a daily-step Bass model, A_{n+1} = A_n + (p + q A_n/M)(M - A_n), lags the continuous process by 180 to
// 1,300 users (over 20 SE at every checkpoint); the same rule (a) must reject it at every checkpoint.
#include <catch2/catch.hpp>

#include <boost/math/distributions/chi_squared.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "sim/config/scenario_loader.hpp"
#include "sim/engine/simulation.hpp"
#include "tests/support/test_support.hpp"

namespace {

using gvsim::test::TempDir;

constexpr std::uint64_t kSeed = 20250301;
constexpr int kReplications = 60;
constexpr double kMarket = 20000.0;  // simulated users (addressable_users_millions 0.02 at scale 1)
constexpr double kPPerYear = 1.5;
constexpr double kQPerYear = 75.0;
constexpr int kHorizonDays = 30;
const std::vector<int> kCheckpointDays = {7, 10, 14, 18, 22, 26, 30};

std::string number(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

void write_platform(const TempDir& dir) {
  gvsim::test::write_catalogs(dir, "[]");
  dir.write("regions/lab.yaml",
            "region:\n"
            "  name: lab\n"
            "  data_residency: false\n"
            "  market:\n"
            "    addressable_users_millions: " +
                number(kMarket / 1e6) + "\n    bass_p_per_year: " + number(kPPerYear) +
                "\n    bass_q_per_year: " + number(kQPerYear) +
                "\n"
                "  datacenters:\n"
                "    - name: lab_dc\n"
                "      clusters:\n"
                "        - {name: lab_gpus, gpu: h100_sxm, gpu_count: 2}\n");
}

std::string write_experiment(const TempDir& dir, int replication) {
  const std::string text =
      "name: bass_validation\n"
      "seed: " +
      std::to_string(kSeed) + "\nreplication: " + std::to_string(replication) +
      "\nhorizon_days: " + std::to_string(kHorizonDays) +
      "\n"
      "scale: 1\n"
      "platform:\n"
      "  regions_dir: regions\n"
      "  regions: [lab]\n"
      "workload:\n"
      "  mode: users\n"
      "  clip_classes:\n"
      "    clip: {gpu_seconds: 60, credits: 10, video_megabytes: 1}\n"
      "  users:\n"
      "    segments:\n"
      "      everyone:\n"
      "        share: 1\n"
      "        requests_per_day: 0.001\n"
      "        clip_mix: {clip: 1}\n"
      "        free_lapse_per_day: 0\n"
      "    pricing:\n"
      "      tiers:\n"
      "        basic: {usd_per_month: 10, credits_per_month: 1000}\n";
  return dir.write("experiment_" + std::to_string(replication) + ".yaml", text);
}

/// Adopters at the end of each day (day record snapshot) and the new users of each day.
struct Days {
  std::vector<double> adopted;
  std::vector<double> new_users;
};

Days run_replication(const TempDir& dir, int replication) {
  const auto series = gvsim::test::region_day_series(
      write_experiment(dir, replication),
      {[](const gvsim::users::RegionDay& d) { return static_cast<double>(d.users_adopted); },
       [](const gvsim::users::RegionDay& d) { return static_cast<double>(d.new_users); }});
  return Days{series[0], series[1]};
}

/// Bass cumulative adoption fraction; p and q per day, t in days.
double bass_fraction(double p, double q, double t) {
  const double e = std::exp(-(p + q) * t);
  return (1.0 - e) / (1.0 + (q / p) * e);
}

/// Mean and variance of the pure-birth chain at the end of each day 0..days (second-order moment equations).
struct Moments {
  std::vector<double> mean;
  std::vector<double> variance;
};

Moments chain_moments(double m, double p, double q, int days) {
  auto f = [&](double a) { return (p + q * a / m) * (m - a); };
  auto f_prime = [&](double a) { return (q - p) - 2.0 * q * a / m; };
  auto rhs = [&](double a, double v, double& da, double& dv) {
    da = f(a) - (q / m) * v;
    dv = 2.0 * f_prime(a) * v + f(a);
  };
  Moments out{{0.0}, {0.0}};
  double a = 0.0;
  double v = 0.0;
  const int steps = 1000;
  const double h = 1.0 / steps;
  for (int d = 1; d <= days; ++d) {
    for (int k = 0; k < steps; ++k) {
      double a1 = 0, v1 = 0, a2 = 0, v2 = 0, a3 = 0, v3 = 0, a4 = 0, v4 = 0;
      rhs(a, v, a1, v1);
      rhs(a + 0.5 * h * a1, v + 0.5 * h * v1, a2, v2);
      rhs(a + 0.5 * h * a2, v + 0.5 * h * v2, a3, v3);
      rhs(a + h * a3, v + h * v3, a4, v4);
      a += h / 6.0 * (a1 + 2.0 * a2 + 2.0 * a3 + a4);
      v += h / 6.0 * (v1 + 2.0 * v2 + 2.0 * v3 + v4);
    }
    out.mean.push_back(a);
    out.variance.push_back(v);
  }
  return out;
}

/// The discrete (daily-step) Bass model: adopters at the end of each day 0..days.
std::vector<double> daily_step_bass(double m, double p, double q, int days) {
  std::vector<double> a{0.0};
  for (int d = 1; d <= days; ++d)
    a.push_back(a.back() + (p + q * a.back() / m) * (m - a.back()));
  return a;
}

struct Estimate {
  double mean = 0.0;
  double variance = 0.0;  ///< sample variance (n - 1)
  double standard_error = 0.0;
};

Estimate estimate(const std::vector<double>& values) {
  const double n = static_cast<double>(values.size());
  Estimate e;
  for (double v : values)
    e.mean += v;
  e.mean /= n;
  for (double v : values)
    e.variance += (v - e.mean) * (v - e.mean);
  e.variance /= n - 1.0;
  e.standard_error = std::sqrt(e.variance / n);
  return e;
}

}  // namespace

TEST_CASE("Bass adoption: mean adopters of 60 replications equal M F(t) within 4 SE plus the finite-M term",
          "[users][bass]") {
  TempDir dir;
  write_platform(dir);
  std::vector<Days> runs;
  for (int r = 0; r < kReplications; ++r) {
    runs.push_back(run_replication(dir, r));
    const auto& days = runs.back();
    REQUIRE(days.adopted.size() == static_cast<std::size_t>(kHorizonDays));
    // Each day record closes with all adopters so far: the running sum of its new users.
    double cumulative = 0.0;
    for (std::size_t d = 0; d < days.adopted.size(); ++d) {
      cumulative += days.new_users[d];
      INFO("replication " << r << ", day " << d);
      REQUIRE(days.adopted[d] == cumulative);
    }
  }

  const double p = kPPerYear / 365.0;
  const double q = kQPerYear / 365.0;
  const auto moments = chain_moments(kMarket, p, q, kHorizonDays);
  const auto daily = daily_step_bass(kMarket, p, q, kHorizonDays);
  const double df = kReplications - 1.0;
  const boost::math::chi_squared chi2(df);
  const double ratio_low = boost::math::quantile(chi2, 0.0005) / df;
  const double ratio_high = boost::math::quantile(chi2, 0.9995) / df;

  int daily_rejected = 0;
  for (int t : kCheckpointDays) {
    std::vector<double> adopted;
    for (const auto& run : runs)
      adopted.push_back(run.adopted[static_cast<std::size_t>(t - 1)]);  // record t-1 ends at t
    const Estimate e = estimate(adopted);
    const auto at = static_cast<std::size_t>(t);
    const double mean_field = kMarket * bass_fraction(p, q, t);
    const double finite_m = moments.mean[at] - mean_field;
    const double tolerance = 4.0 * e.standard_error + std::fabs(finite_m);
    const double variance_ratio = e.variance / moments.variance[at];
    std::ostringstream line;
    line << "day " << t << ": F = " << mean_field / kMarket << ", sim " << e.mean << " +- " << e.standard_error
         << " (SE), M F(t) " << mean_field << ", |sim - M F| = " << std::fabs(e.mean - mean_field) / e.standard_error
         << " SE; finite-M term " << finite_m << "; tolerance " << tolerance << "; daily-step " << daily[at] << " is "
         << std::fabs(e.mean - daily[at]) / e.standard_error << " SE off; SD sim " << std::sqrt(e.variance)
         << " vs chain " << std::sqrt(moments.variance[at]) << " (variance ratio " << variance_ratio << ", 99.9% in ["
         << ratio_low << ", " << ratio_high << "])";
    WARN(line.str());
    CHECK(mean_field / kMarket >= 0.05);
    CHECK(std::fabs(finite_m) <= 1e-3 * kMarket);
    CHECK(std::fabs(e.mean - mean_field) <= tolerance);
    CHECK(variance_ratio >= ratio_low);
    CHECK(variance_ratio <= ratio_high);
    if (std::fabs(e.mean - daily[at]) > tolerance) ++daily_rejected;
  }
  CHECK(kMarket * bass_fraction(p, q, kCheckpointDays.back()) >= 0.9 * kMarket);
  // The rule has power: a daily-step Bass model is rejected at every checkpoint.
  CHECK(daily_rejected == static_cast<int>(kCheckpointDays.size()));
}
