// The binormal classifier and the samplers of the content and incident models, against closed forms.
//
// A threshold t of a binormal classifier with separation d' flags benign items with probability 1 - Phi(t) and
// harmful ones with 1 - Phi(t - d'). Over n = 200,000 draws a binomial proportion has a standard error below
// 0.0012, so a tolerance of 0.006 is five standard errors. Seeds are pinned.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "policies/binormal_moderation.hpp"
#include "sim/config/moderation_checks.hpp"
#include "sim/rng/random_stream.hpp"
#include "sim/users/moderation_flow.hpp"
#include "tests/support/policy_reading.hpp"

using namespace gvsim::policies;
using gvsim::rng::RandomStream;

namespace {

/// Share of items flagged over n draws of the classifier's noise.
double flagged_share(const BinormalModeration& policy, ModerationStage stage, std::size_t region, bool harmful,
                     double tightening, RandomStream& stream, int n) {
  int flagged = 0;
  for (int i = 0; i < n; ++i) {
    if (policy.flag(ModerationItem{stage, region, harmful, stream.standard_normal(), tightening})) ++flagged;
  }
  return static_cast<double>(flagged) / n;
}

const gvsim::policies::ModerationContext kRegions{{"home", "away"}};

}  // namespace

TEST_CASE("binormal false- and true-positive rates match 1 - Phi(t) and 1 - Phi(t - d')", "[moderation]") {
  const int n = 200000;
  RandomStream stream(7, 0, "test/binormal");
  for (double d_prime : {1.0, 2.5, 4.0}) {
    for (double threshold : {0.0, 1.0, 2.0, 3.0}) {
      BinormalParams params;
      params.prompt = {true, d_prime, threshold, 0.0};
      const BinormalModeration policy(params, kRegions);
      const double fpr = flagged_share(policy, ModerationStage::kPrompt, 0, false, 0.0, stream, n);
      const double tpr = flagged_share(policy, ModerationStage::kPrompt, 0, true, 0.0, stream, n);
      INFO("d' " << d_prime << " threshold " << threshold << ": FPR " << fpr << ", TPR " << tpr);
      CHECK(std::fabs(fpr - (1.0 - standard_normal_cdf(threshold))) < 0.006);
      CHECK(std::fabs(tpr - (1.0 - standard_normal_cdf(threshold - d_prime))) < 0.006);
    }
  }
}

TEST_CASE("per-region thresholds and regulatory tightening shift the threshold, disabled stages flag nothing",
          "[moderation]") {
  const int n = 200000;
  RandomStream stream(8, 0, "test/binormal");
  BinormalParams params;
  params.prompt = {true, 2.5, 2.0, 0.0};
  params.video = {false, 3.0, 2.5, 10.0};
  params.regions = {{"away", 1.0, std::nullopt, {}}};
  const BinormalModeration policy(params, kRegions);
  CHECK(policy.threshold(ModerationStage::kPrompt, 0) == 2.0);
  CHECK(policy.threshold(ModerationStage::kPrompt, 1) == 1.0);
  CHECK(policy.threshold(ModerationStage::kVideo, 1) == 2.5);
  CHECK(policy.video_check_gpu_s() == 0.0);
  const double away = flagged_share(policy, ModerationStage::kPrompt, 1, false, 0.0, stream, n);
  CHECK(std::fabs(away - (1.0 - standard_normal_cdf(1.0))) < 0.006);
  // A tightening of 0.5 in the home region: threshold 1.5.
  const double tightened = flagged_share(policy, ModerationStage::kPrompt, 0, false, 0.5, stream, n);
  CHECK(std::fabs(tightened - (1.0 - standard_normal_cdf(1.5))) < 0.006);
  CHECK(flagged_share(policy, ModerationStage::kVideo, 0, true, 0.0, stream, 1000) == 0.0);
  CHECK_FALSE(policy.checks(ModerationStage::kVideo));
}

TEST_CASE("the registry lists moderation policies and refuses unknown names and regions", "[moderation]") {
  using gvsim::policies::ModerationSelection;
  const auto names = gvsim::policies::ModerationRegistry::instance().names();
  REQUIRE(names.size() == 2);
  CHECK(names[0] == "none");
  CHECK(names[1] == "binormal");
  CHECK_FALSE(ModerationSelection("none").make(kRegions)->active());
  CHECK(ModerationSelection("binormal").make(kRegions)->active());
  CHECK_THROWS_WITH(ModerationSelection("strict").make(kRegions),
                    Catch::Matchers::Contains("Valid values are: none, binormal"));
  BinormalParams params;
  params.regions = {{"mars", 1.0, std::nullopt, {}}};
  CHECK_THROWS_WITH(BinormalModeration(params, kRegions), Catch::Matchers::Contains("unknown region 'mars'"));
  // The policy's own rule names the region with its position and a suggestion, only when it is chosen.
  const std::string away = "binormal: {regions: {awya: {prompt_threshold: 1}}}}";
  CHECK_THROWS_WITH(
      gvsim::test::read_policy<ModerationSelection>("{name: binormal, " + away, kRegions, "policies.moderation"),
      Catch::Matchers::Contains("policies.moderation.binormal.regions.awya: unknown region 'awya' (did you mean "
                                "'away'?); regions taking part: home, away"));
  CHECK(gvsim::test::read_policy<ModerationSelection>("{name: none, " + away, kRegions).name == "none");
}

TEST_CASE("gamma and Poisson samplers have the right mean and variance", "[moderation]") {
  const int n = 200000;
  RandomStream stream(9, 0, "test/samplers");
  for (double shape : {0.1, 0.7, 2.5}) {
    double sum = 0.0;
    double squares = 0.0;
    for (int i = 0; i < n; ++i) {
      const double x = gvsim::users::gamma_draw(stream, shape);
      sum += x;
      squares += x * x;
    }
    const double mean = sum / n;
    const double variance = squares / n - mean * mean;
    INFO("shape " << shape << ": mean " << mean << ", variance " << variance);
    // Mean and variance both equal the shape; the sd of the sample mean is sqrt(shape / n).
    CHECK(std::fabs(mean - shape) < 6.0 * std::sqrt(shape / n));
    CHECK(std::fabs(variance / shape - 1.0) < 0.05);
  }
  for (double mean_in : {0.05, 3.0, 80.0}) {
    double sum = 0.0;
    double squares = 0.0;
    for (int i = 0; i < n; ++i) {
      const auto k = static_cast<double>(gvsim::users::poisson(stream, mean_in));
      sum += k;
      squares += k * k;
    }
    const double mean = sum / n;
    const double variance = squares / n - mean * mean;
    INFO("Poisson mean " << mean_in << ": mean " << mean << ", variance " << variance);
    CHECK(std::fabs(mean - mean_in) < 6.0 * std::sqrt(mean_in / n));
    CHECK(std::fabs(variance / mean_in - 1.0) < 0.05);
  }
}

TEST_CASE("a beta propensity exists only below its cv limit", "[moderation]") {
  CHECK(gvsim::config::beta_cv_limit(0.01) == Approx(std::sqrt(99.0)));
  CHECK(gvsim::config::beta_cv_limit(0.5) == Approx(1.0));
  CHECK(std::isinf(gvsim::config::beta_cv_limit(0.0)));
}
