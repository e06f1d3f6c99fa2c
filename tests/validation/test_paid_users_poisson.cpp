// Validation of the paying-user count against an immigration-death process.
//
// Set-up (one region, one small cluster, scale 1). A market of 20,000 simulated users adopts during the first weeks
// (Bass p = 10 / yr, q = 100 / yr: 99.994 % have adopted by day 40, i.e. 1.3 users are still to come on average)
// and never lapses. Until day D = 40 a rival gate (a rival of quality 1.5 against the platform's 0, prices and
// latency out of the choice: its advantage beyond the switching cost 0.5 is 1, x weight 50 lowers the conversion
// logit to -53.4; it also multiplies churn hazards by e^50, which touches nobody: lapses are 0 and nobody pays
// yet; the reference share is the platform's share then, so adoption is Bass as given) keeps everyone free; from
// the midnight of day 40 on the rival's quality is 0, its advantage 0, and nothing couples users or changes in
// time: one segment, flat diurnal profile, 0.05 requests per user and day, free_daily_credits 0 (every request of
// a free user meets an upgrade offer, at most one per local day; UTC offset 0; the hard shortfall rule, no periodic
// offers, and with one tier the choice logit is logistic(intercept)), satisfaction frozen (learning rate
// 0), conversion logit = intercept = -3.4 for everyone (price and satisfaction weights 0, one tier), method_share 1
// and decline_rate 0 (conversions and renewals always pay), no credit packs, dissatisfaction and overprice churn
// weights 0, so the paid hazard is h = paid_churn_per_month / 30 = 0.9 / 30 per day; a paying user who cancels
// stays a free user of the platform (paid_cancel_to_rival 0) instead of leaving for the rival.
//
// Continuous-time idealisation: conversions at the constant rate lambda = K r c (K users, r requests per day, c =
// logistic(-3.4)) and departures at hazard h give N(t) ~ Poisson((lambda / h)(1 - e^{-h t})), mean = variance.
// The implementation runs a discrete-time version whose law is known exactly: each user is an independent
// two-state chain (its own Poisson requests, independent choice and churn draws), and
//   - a user free at the start of a UTC day converts during it with probability a = c (1 - e^{-r}) (only the
//     day's first request meets the offer);
//   - at each UTC midnight every paying user, including those who converted that day, leaves with probability
//     pi = 1 - e^{-h} and is free again (converting users leave the free pool, churned ones rejoin it).
// With s_0 = 0 on day D and s_{n+1} = (1 - pi)(s_n + (1 - s_n) a), the record of day D + n, snapshot after the
// midnight sweep, holds N ~ Binomial(K, s_{n+1}); the last record, closed at the horizon without a sweep, holds
// Binomial(K, s_n + (1 - s_n) a). Mean K s, variance K s (1 - s), dispersion index 1 - s (0.96 here; exactly 1,
// the Poisson value, only as s -> 0). K is taken per replication as the users adopted by day D; each of the few
// later adopters can add at most one paying user, which is the allowance below.
//
// Acceptance at days D + {10, 30, 60} (after the sweep) and at the horizon D + 61 (before it), over R = 60
// replications:
//   (a) |mean (N - K s)| <= 4 SE + mean number of users adopted after day D, and
//   (b) the dispersion index (sample variance of N / mean N) over 1 - s lies in the 99.9 % chi-square interval of
//       a sample variance with R - 1 degrees of freedom ([0.50, 1.72] for R = 60; N is nearly normal, mean > 250).
// Power: rule (a) rejects the continuous-time Poisson mean, 4 % to 8 % too high (it has no daily offer limit, no
// depletion of the free pool, and departures in continuous time instead of one draw at each midnight), at every
// checkpoint, and rejects reading the horizon record as if it had been swept (3 % fewer payers).
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

constexpr std::uint64_t kSeed = 20250417;
constexpr int kReplications = 60;
constexpr int kOpenDay = 40;       // D: first day on which conversions are possible
constexpr int kHorizonDays = 101;  // records 0..100; the last one is closed at the horizon
constexpr double kRequestsPerDay = 0.05;
constexpr double kConversionIntercept = -3.4;
constexpr double kPaidChurnPerMonth = 0.9;
const std::vector<int> kCheckpoints = {kOpenDay + 9, kOpenDay + 29, kOpenDay + 59, kHorizonDays - 1};

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
            "  utc_offset_h: 0\n"
            "  data_residency: false\n"
            "  market:\n"
            "    addressable_users_millions: 0.02\n"
            "    bass_p_per_year: 10\n"
            "    bass_q_per_year: 100\n"
            "  payments: {method_share: 1, decline_rate: 0}\n"
            "  datacenters:\n"
            "    - name: lab_dc\n"
            "      clusters:\n"
            "        - {name: lab_gpus, gpu: h100_sxm, gpu_count: 2}\n");
}

std::string write_experiment(const TempDir& dir, int replication) {
  const std::string gate = number(kOpenDay - 0.5);  // seen by the sweep of day D - 1, gone at the midnight of D
  const std::string text =
      "name: paid_users_validation\n"
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
      "        requests_per_day: " +
      number(kRequestsPerDay) +
      "\n"
      "        clip_mix: {clip: 1}\n"
      "        wtp_log_sd: 0\n"
      "        free_lapse_per_day: 0\n"
      "        paid_churn_per_month: " +
      number(kPaidChurnPerMonth) +
      "\n"
      "        pack_propensity: 0\n"
      "    pricing:\n"
      "      free_daily_credits: 0\n"
      "      free_credits_reference: 0\n"  // the Bass and lapse rates hold at these credits: pure Bass adoption
      "      tiers:\n"
      "        basic: {usd_per_month: 10, credits_per_month: 1000}\n"
      "    behaviour:\n"
      "      conversion_intercept: " +
      number(kConversionIntercept) +
      "\n"
      "      conversion_price_weight: 0\n"
      "      conversion_satisfaction_weight: 0\n"
      "      churn_dissatisfaction_weight: 0\n"
      "      churn_overprice_weight: 0\n"
      "      churn_competitor_weight: 50\n"
      "      satisfaction_learning_rate: 0\n"
      "    upgrade_offers: {shortfall_softness_credits: 0, periodic_per_day: 0}\n"
      "market:\n"
      "  rivals:\n"
      "    gate:\n"
      "      price: [{day: 0, usd_per_month: 10}]\n"
      "      quality: [{day: 0, value: 1.5}, {day: " +
      gate + ", value: 1.5}, {day: " + gate +
      ", value: 0}]\n"
      "  choice: {price_weight: 0, latency_weight_per_min: 0, switching_cost: 0.5, paid_cancel_to_rival: 0, "
      "reference_share: " +
      number(1.0 / (1.0 + std::exp(1.5))) + "}\n";
  return dir.write("experiment_" + std::to_string(replication) + ".yaml", text);
}

/// Adopted and paying users at the close of each day record.
struct Days {
  std::vector<double> adopted;
  std::vector<double> paid;
};

Days run_replication(const TempDir& dir, int replication) {
  const auto series = gvsim::test::region_day_series(
      write_experiment(dir, replication),
      {[](const gvsim::users::RegionDay& d) { return static_cast<double>(d.users_adopted); },
       [](const gvsim::users::RegionDay& d) { return static_cast<double>(d.users_paid); }});
  return Days{series[0], series[1]};
}

/// Probability that a user adopted by day D is paying in the record of `day` (see the file comment).
double paying_probability(int day, double a, double pi) {
  double s = 0.0;  // paying at the start of day D + n
  for (int d = kOpenDay; d < day; ++d)
    s = (1.0 - pi) * (s + (1.0 - s) * a);
  const double before_sweep = s + (1.0 - s) * a;
  return day == kHorizonDays - 1 ? before_sweep : (1.0 - pi) * before_sweep;
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

double mean_of(const std::vector<double>& values) {
  double sum = 0.0;
  for (double v : values)
    sum += v;
  return sum / static_cast<double>(values.size());
}

}  // namespace

TEST_CASE("paid users: immigration-death law of the daily-swept implementation, mean and dispersion index",
          "[users][paid]") {
  TempDir dir;
  write_platform(dir);
  std::vector<Days> runs;
  for (int r = 0; r < kReplications; ++r) {
    runs.push_back(run_replication(dir, r));
    REQUIRE(runs.back().paid.size() == static_cast<std::size_t>(kHorizonDays));
    // The gate holds: nobody pays before day D.
    CHECK(runs.back().paid[kOpenDay - 1] == 0.0);
  }

  const double c = 1.0 / (1.0 + std::exp(-kConversionIntercept));
  const double a = c * (1.0 - std::exp(-kRequestsPerDay));
  const double h = kPaidChurnPerMonth / 30.0;
  const double pi = 1.0 - std::exp(-h);
  std::vector<double> pool;  // K per replication: users adopted when conversions open
  std::vector<double> late;  // users adopted after that
  for (const auto& run : runs) {
    pool.push_back(run.adopted[kOpenDay - 1]);
    late.push_back(run.adopted.back() - run.adopted[kOpenDay - 1]);
  }
  const double k = mean_of(pool);
  const double allowance = mean_of(late);
  const double lambda = k * kRequestsPerDay * c;  // conversions per day of the continuous-time idealisation
  const double df = kReplications - 1.0;
  const boost::math::chi_squared chi2(df);
  const double ratio_low = boost::math::quantile(chi2, 0.0005) / df;
  const double ratio_high = boost::math::quantile(chi2, 0.9995) / df;
  WARN("K = " << k << " users adopted by day " << kOpenDay << ", " << allowance
              << " adopted later on average; per free user and day a = " << a << " (r c = " << kRequestsPerDay * c
              << "), per paying user and midnight pi = " << pi << " (h = " << h << ")");
  CHECK(allowance < 5.0);

  for (int day : kCheckpoints) {
    const double s = paying_probability(day, a, pi);
    std::vector<double> paid;
    std::vector<double> residual;
    for (std::size_t r = 0; r < runs.size(); ++r) {
      paid.push_back(runs[r].paid[static_cast<std::size_t>(day)]);
      residual.push_back(paid.back() - pool[r] * s);
    }
    const Estimate n = estimate(paid);
    const Estimate e = estimate(residual);
    const double theory = k * s;
    const double tolerance = 4.0 * e.standard_error + allowance;
    const double dispersion = n.variance / n.mean;
    const double dispersion_ratio = dispersion / (1.0 - s);
    // The record of day D + n is taken at t = n + 1 days after conversions open (at the horizon for the last one).
    const double t = day + 1 - kOpenDay;
    const double poisson = lambda / h * (1.0 - std::exp(-h * t));
    std::ostringstream line;
    line << "record of day " << day << " (t = " << t << " d after opening): paying sim " << n.mean << " +- "
         << e.standard_error << " (SE), theory K s = " << theory << " (s = " << s
         << "), |sim - theory| = " << std::fabs(e.mean) / e.standard_error << " SE, tolerance " << tolerance
         << "; variance " << n.variance << " vs K s (1 - s) = " << k * s * (1.0 - s) << "; dispersion index "
         << dispersion << " vs 1 - s = " << 1.0 - s << " (ratio " << dispersion_ratio << ", 99.9% in [" << ratio_low
         << ", " << ratio_high << "]); continuous-time Poisson mean " << poisson << " is "
         << std::fabs(n.mean - poisson) / e.standard_error << " SE off";
    WARN(line.str());
    CHECK(std::fabs(e.mean) <= tolerance);
    CHECK(dispersion_ratio >= ratio_low);
    CHECK(dispersion_ratio <= ratio_high);
    // Power: the continuous-time Poisson law misses the discrete implementation by more than the tolerance.
    CHECK(std::fabs(n.mean - poisson) > tolerance);
    if (day == kHorizonDays - 1) {
      // The horizon record is not swept; reading it as swept would be rejected too.
      const double swept = k * (1.0 - pi) * s;
      INFO("horizon record read as swept: " << swept);
      CHECK(std::fabs(n.mean - swept) > tolerance);
    }
  }
}
