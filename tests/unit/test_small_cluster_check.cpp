#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/erlang_c.hpp"
#include "sim/observe/small_cluster_check.hpp"

using gvsim::model::erlang_c_excess;
using gvsim::model::erlang_c_servers_within;
using gvsim::observe::JobRecorder;
using gvsim::observe::SmallClusterCheck;

TEST_CASE("Erlang C excess agrees with the closed forms for one and two servers", "[scale]") {
  // M/M/1: Wq / S = rho / (1 - rho).  M/M/2: Wq / S = rho^2 / (1 - rho^2).
  for (double rho : {0.1, 0.5, 0.85, 0.95}) {
    CHECK(erlang_c_excess(rho, 1) == Approx(rho / (1.0 - rho)).epsilon(1e-12));
    CHECK(erlang_c_excess(rho, 2) == Approx(rho * rho / (1.0 - rho * rho)).epsilon(1e-12));
  }
}

TEST_CASE("The small-cluster threshold is the first size within the tolerance and grows with utilisation", "[scale]") {
  std::int64_t previous = 0;
  for (double rho : {0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95}) {
    const std::int64_t n = erlang_c_servers_within(rho, 0.02);
    CHECK(erlang_c_excess(rho, n) <= 0.02);
    if (n > 1) CHECK(erlang_c_excess(rho, n - 1) > 0.02);
    CHECK(n >= previous);
    previous = n;
  }
  CHECK(erlang_c_servers_within(0.9, 0.02) > erlang_c_servers_within(0.7, 0.02));
  CHECK(erlang_c_servers_within(0.85, 0.01) > erlang_c_servers_within(0.85, 0.05));  // tighter: larger
  CHECK(erlang_c_servers_within(1.5, 0.02) == erlang_c_servers_within(0.99, 0.02));  // saturated: capped
  CHECK(erlang_c_servers_within(0.0, 0.02) == 1);
}

namespace {
gvsim::model::ClusterInfo cluster(const char* name, std::int64_t gpus, std::int64_t real) {
  gvsim::model::ClusterInfo info;
  info.name = name;
  info.gpus = gpus;
  info.real_gpus = real;
  return info;
}

/// Keeps every GPU of `cluster` busy for `share` of every day (one job per GPU and day, from midnight).
void occupy(JobRecorder& recorder, std::size_t cluster, std::int64_t gpus, double share, int days) {
  for (int d = 0; d < days; ++d) {
    const double midnight = 86400.0 * d;
    for (std::int64_t g = 0; g < gpus; ++g) {
      recorder.on_arrival(cluster, midnight);
      recorder.on_start(cluster, static_cast<std::size_t>(g), midnight, midnight);
      recorder.on_complete(cluster, static_cast<std::size_t>(g), midnight + share * 86400.0);
    }
  }
}
}  // namespace

TEST_CASE("A busy cluster of few simulated GPUs is flagged with the scale that reaches the threshold", "[scale]") {
  JobRecorder recorder({4, 200, 4}, 10.0 * 86400.0, 0.0);
  occupy(recorder, 0, 4, 0.85, 10);    // small and busy: flagged
  occupy(recorder, 1, 200, 0.85, 10);  // large and busy: fine
  occupy(recorder, 2, 4, 0.10, 10);    // small and idle: fine
  recorder.finish();
  const auto flagged = SmallClusterCheck::find(
      {cluster("small_busy", 4, 400), cluster("large", 200, 20000), cluster("small_idle", 4, 400)}, recorder);
  REQUIRE(flagged.size() == 1);
  const auto& s = flagged[0];
  CHECK(s.cluster == "small_busy");
  CHECK(s.simulated_gpus == 4);
  CHECK(s.utilisation == Approx(0.85).epsilon(1e-9));
  CHECK(s.threshold == erlang_c_servers_within(0.85, SmallClusterCheck::kTolerance));
  // At the suggested scale the cluster reaches the threshold; slightly coarser it does not.
  const double scale = std::floor(s.largest_scale);
  CHECK(std::llround(400.0 / scale) >= s.threshold);
  CHECK(std::llround(400.0 / (s.largest_scale * 1.05)) < s.threshold);
  const std::string text = s.message(100.0);
  CHECK(text.find("small_busy") != std::string::npos);
  CHECK(text.find("4 GPUs") != std::string::npos);
  CHECK(text.find("scale " + std::to_string(static_cast<long long>(scale))) != std::string::npos);
}
