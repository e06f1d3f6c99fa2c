// Validation of the simulator against closed-form queueing theory.
//
// Every run is a single region with one cluster of identical reference-speed GPUs fed by one synthetic stream,
// placement and FIFO scheduling being trivial there. Each load case runs R independent replications (same seed,
// replication index 0..R-1, so independent random streams), deletes a warm-up, and compares the mean of the
// per-replication means with theory. A case passes when BOTH hold:
//   (a) |sim - theory| <= max(4 standard errors, a tiny absolute floor), and
//   (b) theory lies inside the two-sided 99.9 % Student-t confidence interval of the replication means.
// Seeds are pinned, so each case is deterministic; the statistical criteria say how far from theory a correct
// simulator may land. Every case also shows the rule has power: applied to the same replications, it rejects the
// theoretical value perturbed by +20 % and by -20 % (computed, not re-run). Every single run must in addition
// balance its books exactly: output::check_invariants passes and Little's law holds as a sample-path identity.
#include <catch2/catch.hpp>

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "sim/config/scenario_loader.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/output/run_summary.hpp"
#include "tests/support/test_support.hpp"

namespace {

using gvsim::test::TempDir;

constexpr std::uint64_t kSeed = 20240611;

/// One synthetic single-cluster queue.
struct QueueSpec {
  std::string arrivals = "poisson";     ///< poisson | deterministic
  std::string service = "exponential";  ///< exponential | deterministic
  int servers = 1;
  double rate_per_hour = 1.0;
  double mean_service_s = 600.0;
  double horizon_days = 1.0;
  double warmup_days = 0.0;
};

std::string number(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

std::string short_number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

/// Writes the regions folder: one region with one cluster of `servers` reference-speed GPUs, no WAN links.
void write_platform(const TempDir& dir, int servers) {
  gvsim::test::write_catalogs(dir, "[]");
  dir.write("regions/lab.yaml",
            "region:\n"
            "  name: lab\n"
            "  data_residency: false\n"
            "  datacenters:\n"
            "    - name: lab_dc\n"
            "      clusters:\n"
            "        - {name: lab_gpus, gpu: h100_sxm, gpu_count: " +
                std::to_string(servers) + "}\n");
}

/// Writes the experiment file of replication `replication` and returns its path.
std::string write_experiment(const TempDir& dir, const QueueSpec& q, int replication) {
  const std::string text =
      "name: queue_validation\n"
      "seed: " +
      std::to_string(kSeed) + "\nreplication: " + std::to_string(replication) +
      "\nhorizon_days: " + number(q.horizon_days) + "\nwarmup_days: " + number(q.warmup_days) +
      "\n"
      "platform:\n"
      "  regions_dir: regions\n"
      "  regions: [lab]\n"
      "workload:\n"
      "  synthetic:\n"
      "    - region: lab\n"
      "      arrivals: {process: " +
      q.arrivals + ", rate_per_hour: " + number(q.rate_per_hour) +
      "}\n"
      "      service: {distribution: " +
      q.service + ", mean_s: " + number(q.mean_service_s) +
      "}\n"
      "policies: {placement: {name: nearest}, scheduling: {name: fifo}}\n";
  return dir.write("experiment_" + std::to_string(replication) + ".yaml", text);
}

/// The run-level summary and the sample-path books of the single cluster, parsed back from the child.
using Numbers = std::map<std::string, double>;

std::string serialize(const gvsim::observe::RunOutcome& outcome) {
  const auto s = gvsim::output::summarize(outcome, {0}, "all");
  const auto& obs = outcome.recorder.clusters()[0];
  std::string invariants = "1";
  try {
    gvsim::output::check_invariants(outcome);
  } catch (const gvsim::output::InvariantViolation&) {
    invariants = "0";
  }
  std::ostringstream out;
  auto put = [&](const char* key, double v) { out << key << ' ' << number(v) << '\n'; };
  put("jobs_arrived", static_cast<double>(s.jobs_arrived));
  put("jobs_started", static_cast<double>(s.jobs_started));
  put("jobs_measured", static_cast<double>(s.jobs_measured));
  put("mean_wait_s", s.mean_wait_s);
  put("max_wait_s", s.max_wait_s);
  put("mean_queue_length", s.mean_queue_length);
  put("arrival_rate_per_s", s.arrival_rate_per_s);
  put("utilisation", s.utilisation);
  put("horizon_s", outcome.recorder.horizon_s());
  put("queue_area_all_s", obs.queue_area_all_s);
  put("wait_sum_all_s", obs.wait_sum_all_s);
  put("queued", static_cast<double>(obs.queued));
  put("queued_submit_sum_s", obs.queued_submit_sum_s);
  out << "invariants_ok " << invariants << '\n';
  return out.str();
}

Numbers parse(const std::string& text) {
  Numbers n;
  std::istringstream in(text);
  std::string key;
  double value = 0.0;
  while (in >> key >> value)
    n[key] = value;
  return n;
}

/// Books that must balance exactly on every run: output::check_invariants passed in the child, and Little's law
/// as a sample-path identity recomputed here from the cluster's fields (to 1e-9 relative).
void check_sample_path(const Numbers& run) {
  REQUIRE(run.count("invariants_ok") == 1);
  CHECK(run.at("invariants_ok") == 1.0);
  const double area = run.at("queue_area_all_s");
  const double waited =
      run.at("wait_sum_all_s") + run.at("queued") * run.at("horizon_s") - run.at("queued_submit_sum_s");
  INFO("queue-length integral " << number(area) << " s, total waiting time " << number(waited) << " s");
  CHECK(std::fabs(area - waited) <= 1e-9 * std::max(1.0, area));
}

/// Runs replications 0..count-1 of `q`, each in its own process.
std::vector<Numbers> replicate(const QueueSpec& q, int count) {
  TempDir dir;
  write_platform(dir, q.servers);
  std::vector<Numbers> runs;
  for (int r = 0; r < count; ++r) {
    const auto scenario = gvsim::config::load_scenario(write_experiment(dir, q, r));
    REQUIRE(scenario.experiment.replication == r);
    std::cout.flush();  // the child inherits unflushed output buffers
    std::fflush(nullptr);
    runs.push_back(parse(gvsim::test::run_in_child([&] {
      const auto outcome = gvsim::engine::run_simulation(scenario);
      return serialize(outcome);
    })));
    check_sample_path(runs.back());
  }
  return runs;
}

std::vector<double> column(const std::vector<Numbers>& runs, const std::string& key) {
  std::vector<double> v;
  for (const auto& r : runs)
    v.push_back(r.at(key));
  return v;
}

/// Mean and standard error of independent replication estimates.
struct Estimate {
  double mean = 0.0;
  double standard_error = 0.0;
  int replications = 0;
};

Estimate estimate(const std::vector<double>& values) {
  Estimate e;
  e.replications = static_cast<int>(values.size());
  for (double v : values)
    e.mean += v;
  e.mean /= static_cast<double>(values.size());
  double ss = 0.0;
  for (double v : values)
    ss += (v - e.mean) * (v - e.mean);
  const double n = static_cast<double>(values.size());
  e.standard_error = std::sqrt(ss / (n - 1.0) / n);
  return e;
}

/// Half-width of the two-sided 99.9 % Student-t interval of the mean.
double t_half_width(const Estimate& e) {
  const boost::math::students_t t(e.replications - 1);
  return boost::math::quantile(t, 1.0 - 0.001 / 2.0) * e.standard_error;
}

/// The acceptance rule of every statistical case (see the file comment).
bool within_four_se(const Estimate& e, double theory, double absolute_floor) {
  return std::fabs(e.mean - theory) <= std::max(4.0 * e.standard_error, absolute_floor);
}
bool inside_t_interval(const Estimate& e, double theory) {
  return std::fabs(e.mean - theory) <= t_half_width(e);
}

/// Both acceptance criteria at once.
bool accepted(const Estimate& e, double theory, double absolute_floor) {
  return within_four_se(e, theory, absolute_floor) && inside_t_interval(e, theory);
}

std::string describe(const std::string& what, const Estimate& e, double theory) {
  std::ostringstream out;
  out << what << ": sim " << e.mean << " +- " << e.standard_error << " (SE, R=" << e.replications << "), theory "
      << theory << ", |sim - theory| = " << std::fabs(e.mean - theory) << " = "
      << std::fabs(e.mean - theory) / e.standard_error << " SE; tolerance 4 SE = " << 4.0 * e.standard_error
      << ", 99.9% t half-width = " << t_half_width(e);
  return out.str();
}

/// Asserts that the estimate agrees with theory, and that the same rule would reject theory off by 20 %.
void check_against_theory(const std::string& what, const Estimate& e, double theory, double absolute_floor) {
  WARN(describe(what, e, theory));
  CHECK(within_four_se(e, theory, absolute_floor));
  CHECK(inside_t_interval(e, theory));
  // Power: the tolerance is tight enough that a 20 % error in the predicted value is detected.
  CHECK_FALSE(accepted(e, 1.2 * theory, absolute_floor));
  CHECK_FALSE(accepted(e, 0.8 * theory, absolute_floor));
}

/// M/M/c with c reference GPUs, mean service 600 s and utilisation rho.
QueueSpec mmc(int servers, double rho, double horizon_days, double warmup_days) {
  QueueSpec q;
  q.servers = servers;
  q.mean_service_s = 600.0;
  q.rate_per_hour = rho * servers * 3600.0 / q.mean_service_s;
  q.horizon_days = horizon_days;
  q.warmup_days = warmup_days;
  return q;
}

double lambda_per_s(const QueueSpec& q) {
  return q.rate_per_hour / 3600.0;
}

/// M/M/8 mean wait in queue against Erlang C.
void check_erlang_c(double rho, double horizon_days, double warmup_days) {
  const auto q = mmc(8, rho, horizon_days, warmup_days);
  const auto runs = replicate(q, 10);
  const double theory = gvsim::test::erlang_c_mean_wait(lambda_per_s(q), 1.0 / q.mean_service_s, q.servers);
  check_against_theory("M/M/8 rho=" + short_number(rho) + " mean wait [s] vs Erlang C",
                       estimate(column(runs, "mean_wait_s")), theory, 1e-6);
}

}  // namespace

// Tolerance of every M/M/c case: |sim - Erlang C| <= max(4 SE, 1e-6 s) over 10 replications AND Erlang C inside
// the 99.9 % t-interval; the same rule must reject Erlang C x 1.2 and x 0.8. Horizons keep each case under ~10 s.
TEST_CASE("M/M/8 at rho=0.5: mean wait equals Erlang C within 4 SE and the 99.9% t-interval", "[queueing][mmc]") {
  check_erlang_c(0.5, 100.0, 2.0);
}

TEST_CASE("M/M/8 at rho=0.8: mean wait equals Erlang C within 4 SE and the 99.9% t-interval", "[queueing][mmc]") {
  check_erlang_c(0.8, 120.0, 2.0);
}

TEST_CASE("M/M/8 at rho=0.9: mean wait equals Erlang C within 4 SE and the 99.9% t-interval", "[queueing][mmc]") {
  check_erlang_c(0.9, 150.0, 3.0);
}

TEST_CASE("M/M/8 at rho=0.95: mean wait equals Erlang C within 4 SE and the 99.9% t-interval", "[queueing][mmc]") {
  check_erlang_c(0.95, 200.0, 5.0);
}

// Tolerance: |sim - P-K| <= max(4 SE, 1e-6 s) over 10 replications AND P-K inside the 99.9 % t-interval.
TEST_CASE("M/D/1 at rho=0.9: mean wait equals Pollaczek-Khinchine within 4 SE and the 99.9% t-interval",
          "[queueing][md1]") {
  QueueSpec q;
  q.service = "deterministic";
  q.servers = 1;
  q.mean_service_s = 60.0;
  const double rho = 0.9;
  q.rate_per_hour = rho * 3600.0 / q.mean_service_s;
  q.horizon_days = 60.0;
  q.warmup_days = 2.0;
  const auto runs = replicate(q, 10);
  const double mu = 1.0 / q.mean_service_s;
  const double theory = rho / (2.0 * mu * (1.0 - rho));
  check_against_theory("M/D/1 rho=0.9 mean wait [s] vs Pollaczek-Khinchine", estimate(column(runs, "mean_wait_s")),
                       theory, 1e-6);
}

// Tolerance: 4 SE (floor 1e-9) and the 99.9 % t-interval, for utilisation, arrival rate and mean wait.
TEST_CASE("M/M/1 at rho=0.8: utilisation equals rho, arrival rate equals lambda, wait equals rho/(mu-lambda)",
          "[queueing][mm1]") {
  QueueSpec q;
  q.servers = 1;
  q.mean_service_s = 60.0;
  const double rho = 0.8;
  q.rate_per_hour = rho * 3600.0 / q.mean_service_s;
  q.horizon_days = 40.0;
  q.warmup_days = 1.0;
  const auto runs = replicate(q, 10);
  const double lambda = lambda_per_s(q);
  const double mu = 1.0 / q.mean_service_s;
  check_against_theory("M/M/1 rho=0.8 utilisation vs rho", estimate(column(runs, "utilisation")), rho, 1e-9);
  check_against_theory("M/M/1 rho=0.8 arrival rate [1/s] vs lambda", estimate(column(runs, "arrival_rate_per_s")),
                       lambda, 1e-12);
  check_against_theory("M/M/1 rho=0.8 mean wait [s] vs rho/(mu-lambda)", estimate(column(runs, "mean_wait_s")),
                       rho / (mu - lambda), 1e-6);
}

// Tolerance: per replication |L - lambda W| <= 0.5 % of L (only edge effects at the warm-up and the horizon
// separate the two); over replications |mean L - mean lambda W| <= max(4 SE of the paired differences, 0.1 % of L).
TEST_CASE("Little's law L = lambda W holds statistically after warm-up and exactly on every sample path",
          "[queueing][little]") {
  QueueSpec q = mmc(4, 0.85, 120.0, 2.0);
  const auto runs = replicate(q, 10);  // replicate() also checks the sample-path identity on every run
  std::vector<double> queue_length;
  std::vector<double> lambda_w;
  std::vector<double> difference;
  for (const auto& r : runs) {
    const double l = r.at("mean_queue_length");
    const double lw = r.at("arrival_rate_per_s") * r.at("mean_wait_s");
    CHECK(std::fabs(l - lw) <= 0.005 * l);
    queue_length.push_back(l);
    lambda_w.push_back(lw);
    difference.push_back(l - lw);
  }
  const Estimate l = estimate(queue_length);
  const Estimate d = estimate(difference);
  WARN(describe("M/M/4 rho=0.85 L - lambda W", d, 0.0)
       << "; mean L = " << l.mean << ", mean lambda W = " << estimate(lambda_w).mean);
  CHECK(std::fabs(d.mean) <= std::max(4.0 * d.standard_error, 1e-3 * l.mean));
  // And L itself against lambda times the Erlang C wait.
  const double lq = lambda_per_s(q) * gvsim::test::erlang_c_mean_wait(lambda_per_s(q), 1.0 / q.mean_service_s, 4);
  check_against_theory("M/M/4 rho=0.85 mean queue length vs lambda x Erlang C", l, lq, 1e-9);
}

// Exact: no randomness at all, so no job ever waits and the books are known in closed form.
TEST_CASE("D/D/1 at rho=0.75: every job starts on arrival, zero wait exactly", "[queueing][dd1]") {
  QueueSpec q;
  q.arrivals = "deterministic";
  q.service = "deterministic";
  q.servers = 1;
  q.rate_per_hour = 14.0625;  // one arrival every 256 s (exact in binary)
  q.mean_service_s = 192.0;   // rho = 0.75
  q.horizon_days = 3.0;       // 259200 s: arrivals at 256 k for k = 1..1012, the last still running at the end
  q.warmup_days = 0.0;
  const auto runs = replicate(q, 1);
  const auto& r = runs.front();
  const double horizon = 3.0 * 86400.0;
  const double jobs = std::floor(horizon / 256.0);
  CHECK(r.at("jobs_arrived") == jobs);
  CHECK(r.at("jobs_started") == jobs);
  CHECK(r.at("jobs_measured") == jobs);
  CHECK(r.at("mean_wait_s") == 0.0);
  CHECK(r.at("max_wait_s") == 0.0);
  CHECK(r.at("wait_sum_all_s") == 0.0);
  CHECK(r.at("queue_area_all_s") == 0.0);
  CHECK(r.at("mean_queue_length") == 0.0);
  const double busy = (jobs - 1.0) * 192.0 + std::min(192.0, horizon - jobs * 256.0);
  CHECK(r.at("utilisation") == Approx(busy / horizon).epsilon(1e-12));
}
