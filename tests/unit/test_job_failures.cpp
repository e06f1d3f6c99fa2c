#include <catch2/catch.hpp>

#include <cmath>

#include "tests/support/test_support.hpp"

using gvsim::test::read_csv;
using gvsim::test::run_gvsim;
using gvsim::test::source_dir;
using gvsim::test::TempDir;

// With failure_probability f on every clip class, the share of failed generations among finished ones is a
// binomial proportion: over ~10^5 finished jobs its standard error is below 0.0015, so |share - f| <= 0.01 is
// more than 6 standard errors. Failed jobs are never delivered; the books still balance (check_books).
TEST_CASE("failed generations match failure_probability and are not delivered", "[users]") {
  TempDir tmp;
  const double f = 0.2;
  std::vector<std::string> args = {"run",    source_dir() + "/experiments/global_baseline.yaml",
                                   "--set",  "horizon_days=100",
                                   "--out",  tmp.path() + "/out",
                                   "--quiet"};
  for (const char* clip : {"std_5s_720p", "std_10s_720p", "pro_5s_1080p", "pro_10s_1080p"}) {
    args.push_back("--set");
    args.push_back(std::string("workload.clip_classes.") + clip + ".failure_probability=0.2");
  }
  const auto result = run_gvsim(args);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);  // check_books also holds: delivered + failed + abandoned <= accepted
  double failed = 0.0;
  double delivered = 0.0;
  for (const auto& row : read_csv(tmp.path() + "/out/region_daily.csv")) {
    failed += std::stod(row.at("jobs_failed"));
    delivered += std::stod(row.at("jobs_delivered"));
  }
  REQUIRE(failed + delivered > 1e6);  // real-world units: x100 simulated
  const double share = failed / (failed + delivered);
  INFO("failed share " << share);
  CHECK(std::fabs(share - f) <= 0.01);
}
