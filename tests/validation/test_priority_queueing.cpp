// Validation of tier-aware scheduling against the closed form for M/M/c with two non-preemptive priority
// classes of equal service rate (Cobham's formula): with total load rho = lambda / (c mu), Erlang C waiting
// probability P_W and paid share of load rho_1,
//   W_paid = P_W / (c mu (1 - rho_1)),   W_free = P_W / (c mu (1 - rho_1)(1 - rho)),
// while FIFO gives every job W = P_W / (c mu (1 - rho)) (Erlang C). Replications use the same seed with
// replication indexes 0..R-1; a case passes when |sim - theory| <= 4 standard errors of the replication means, and
// the same rule rejects the theory perturbed by +-20 % (the test has power).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "tests/support/test_support.hpp"

namespace {

using gvsim::test::TempDir;

constexpr int kServers = 8;
constexpr double kMeanServiceS = 100.0;
constexpr double kPaidShare = 0.3;
constexpr int kReplications = 8;

std::string experiment(const std::string& scheduling, double rho, int replication) {
  const double rate_per_hour = rho * kServers / kMeanServiceS * 3600.0;
  return "name: priority_validation\nseed: 7719\nreplication: " + std::to_string(replication) +
         "\nhorizon_days: 6\nwarmup_days: 0.5\n"
         "platform: {regions_dir: regions, regions: [lab]}\n"
         "workload:\n"
         "  synthetic:\n"
         "    - region: lab\n"
         "      paid_share: " +
         std::to_string(kPaidShare) +
         "\n      arrivals: {process: poisson, rate_per_hour: " + std::to_string(rate_per_hour) +
         "}\n      service: {distribution: exponential, mean_s: " + std::to_string(kMeanServiceS) +
         "}\npolicies: {scheduling: {name: " + scheduling + "}}\n";
}

struct Sample {
  double mean = 0.0;
  double se = 0.0;
};

Sample sample_of(const std::vector<double>& xs) {
  double sum = 0.0;
  for (double x : xs)
    sum += x;
  const double mean = sum / static_cast<double>(xs.size());
  double ss = 0.0;
  for (double x : xs)
    ss += (x - mean) * (x - mean);
  return {mean, std::sqrt(ss / static_cast<double>(xs.size() - 1) / static_cast<double>(xs.size()))};
}

/// Mean paid and free waits of each replication of `scheduling` at load rho.
std::pair<Sample, Sample> simulate(const std::string& scheduling, double rho) {
  TempDir dir;
  gvsim::test::write_catalogs(dir, "[]");
  dir.write("regions/lab.yaml",
            "region:\n  name: lab\n  datacenters:\n    - name: lab_dc\n      clusters:\n"
            "        - {name: lab_gpus, gpu: h100_sxm, gpu_count: " +
                std::to_string(kServers) + "}\n");
  std::vector<double> paid;
  std::vector<double> free;
  for (int r = 0; r < kReplications; ++r) {
    const std::string file = dir.write("e" + std::to_string(r) + ".yaml", experiment(scheduling, rho, r));
    const std::string out = dir.path() + "/out" + std::to_string(r);
    const auto result = gvsim::test::run_gvsim({"run", file, "--out", out, "--quiet"});
    REQUIRE(result.exit_code == 0);
    const auto rows = gvsim::test::read_csv(out + "/summary.csv");
    REQUIRE(rows.size() == 1);
    paid.push_back(std::stod(rows[0].at("mean_wait_paid_s")));
    free.push_back(std::stod(rows[0].at("mean_wait_free_s")));
  }
  return {sample_of(paid), sample_of(free)};
}

bool agrees(const Sample& s, double theory) {
  return std::fabs(s.mean - theory) <= 4.0 * s.se;
}

}  // namespace

TEST_CASE("paid priority matches the M/M/c non-preemptive priority formula and beats FIFO for paid jobs",
          "[validation][scheduling]") {
  const double rho = GENERATE(0.8, 0.9);
  const double c_mu = kServers / kMeanServiceS;
  const double p_wait = gvsim::test::erlang_c_probability(rho * kServers, kServers);
  const double rho_paid = kPaidShare * rho;
  const double paid_theory = p_wait / (c_mu * (1.0 - rho_paid));
  const double free_theory = p_wait / (c_mu * (1.0 - rho_paid) * (1.0 - rho));
  const double fifo_theory = p_wait / (c_mu * (1.0 - rho));

  const auto [paid, free] = simulate("paid_priority", rho);
  INFO("rho " << rho << ": paid " << paid.mean << " +- " << paid.se << " s vs " << paid_theory << "; free " << free.mean
              << " +- " << free.se << " s vs " << free_theory);
  CHECK(agrees(paid, paid_theory));
  CHECK(agrees(free, free_theory));
  CHECK_FALSE(agrees(paid, 1.2 * paid_theory));
  CHECK_FALSE(agrees(paid, 0.8 * paid_theory));
  CHECK_FALSE(agrees(free, 1.2 * free_theory));
  CHECK_FALSE(agrees(free, 0.8 * free_theory));

  // The same arrivals and work (common random numbers) under FIFO: every job sees Erlang C, paid jobs wait longer.
  const auto [fifo_paid, fifo_free] = simulate("fifo", rho);
  INFO("fifo: paid " << fifo_paid.mean << " s, free " << fifo_free.mean << " s vs Erlang C " << fifo_theory);
  CHECK(agrees(fifo_paid, fifo_theory));
  CHECK(agrees(fifo_free, fifo_theory));
  CHECK(paid.mean < 0.5 * fifo_paid.mean);
}

TEST_CASE("weighted share and the relaxed free queue sit between FIFO and strict priority for paid jobs",
          "[validation][scheduling]") {
  const double rho = 0.9;
  const auto [fifo_paid, fifo_free] = simulate("fifo", rho);
  const auto [prio_paid, prio_free] = simulate("paid_priority", rho);
  const auto [weighted_paid, weighted_free] = simulate("weighted_share", rho);
  const auto [relaxed_paid, relaxed_free] = simulate("relaxed_free", rho);
  INFO("paid waits: fifo " << fifo_paid.mean << ", priority " << prio_paid.mean << ", weighted " << weighted_paid.mean
                           << ", relaxed " << relaxed_paid.mean);
  INFO("free waits: fifo " << fifo_free.mean << ", priority " << prio_free.mean << ", weighted " << weighted_free.mean
                           << ", relaxed " << relaxed_free.mean);
  CHECK(prio_paid.mean < weighted_paid.mean);
  CHECK(weighted_paid.mean < fifo_paid.mean);
  CHECK(weighted_free.mean > fifo_free.mean);
  CHECK(weighted_free.mean < prio_free.mean);
  // Capping free jobs at half the GPUs keeps GPUs idle for paid arrivals: paid jobs wait no longer than under
  // strict priority, free jobs wait longer than under it.
  CHECK(relaxed_paid.mean <= prio_paid.mean);
  CHECK(relaxed_free.mean > prio_free.mean);
}
