#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "sim/rng/random_stream.hpp"

using gvsim::rng::RandomStream;
using gvsim::rng::Xoshiro256;

// Expected values below were computed with an independent Python transcription of the published reference code
// (Vigna, prng.di.unimi.it: splitmix64.c and xoshiro256starstar.c; FNV-1a 64 from its published definition),
// using arbitrary-precision integers masked to 64 bits. That transcription was itself checked against published
// vectors before use: splitmix64 from state 0 first gives 0xe220a8397b1dcdaf; xoshiro256** from state {1, 2, 3, 4}
// gives 11520, 0, 1509978240, 1215971899390074240, ...; FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c.

TEST_CASE("splitmix64 matches the reference implementation", "[rng]") {
  std::uint64_t state = 0;
  const std::array<std::uint64_t, 5> from_zero{0xe220a8397b1dcdafULL, 0x6e789e6aa1b965f4ULL, 0x06c45d188009454fULL,
                                               0xf88bb8a8724c81ecULL, 0x1b39896a51a8749bULL};
  for (std::uint64_t expected : from_zero)
    CHECK(gvsim::rng::splitmix64(state) == expected);
  CHECK(state == 0x1715609f7c746c69ULL);  // five additions of the golden-ratio increment

  state = 1234567;
  const std::array<std::uint64_t, 5> from_1234567{0x599ed017fb08fc85ULL, 0x2c73f08458540fa5ULL, 0x883ebce5a3f27c77ULL,
                                                  0x3fbef740e9177b3fULL, 0xe3b8346708cb5ecdULL};
  for (std::uint64_t expected : from_1234567)
    CHECK(gvsim::rng::splitmix64(state) == expected);
}

TEST_CASE("FNV-1a 64 matches its published test vectors", "[rng]") {
  CHECK(gvsim::rng::fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(gvsim::rng::fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(gvsim::rng::fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("xoshiro256** seeded by splitmix64 matches the reference implementation", "[rng]") {
  SECTION("seed 0") {
    Xoshiro256 g(0);
    // The state is the first four splitmix64 outputs from the seed.
    CHECK(g.state() == std::array<std::uint64_t, 4>{0xe220a8397b1dcdafULL, 0x6e789e6aa1b965f4ULL, 0x06c45d188009454fULL,
                                                    0xf88bb8a8724c81ecULL});
    const std::array<std::uint64_t, 5> outputs{0x99ec5f36cb75f2b4ULL, 0xbf6e1f784956452aULL, 0x1a5f849d4933e6e0ULL,
                                               0x6aa594f1262d2d2cULL, 0xbba5ad4a1f842e59ULL};
    for (std::uint64_t expected : outputs)
      CHECK(g.next() == expected);
    CHECK(g.state() == std::array<std::uint64_t, 4>{0x6cc1418bddeeb4acULL, 0xfdd27c6c3e2070e1ULL, 0xc78b8ae1ad2f49f2ULL,
                                                    0x96f09ba527152248ULL});
  }
  SECTION("seed 42") {
    Xoshiro256 g(42);
    CHECK(g.state() == std::array<std::uint64_t, 4>{0xbdd732262feb6e95ULL, 0x28efe333b266f103ULL, 0x47526757130f9f52ULL,
                                                    0x581ce1ff0e4ae394ULL});
    const std::array<std::uint64_t, 5> outputs{0x15780b2e0c2ec716ULL, 0x6104d9866d113a7eULL, 0xae17533239e499a1ULL,
                                               0xecb8ad4703b360a1ULL, 0xfde6dc7fe2ec5e64ULL};
    for (std::uint64_t expected : outputs)
      CHECK(g.next() == expected);
    CHECK(g.state() == std::array<std::uint64_t, 4>{0x7e3fedbea92a13a5ULL, 0xc9a25ba0f11c828cULL, 0xc38346747039f414ULL,
                                                    0xcf55c271f2386fa5ULL});
  }
}

TEST_CASE("a named stream is xoshiro256** seeded by the documented mix of seed, replication and name", "[rng]") {
  // stream_seed = splitmix64(splitmix64(splitmix64(seed) ^ rep * 0xd1b54a32d192ed03) ^ fnv1a64(name)), each
  // splitmix64 applied to the value as a fresh state; computed by the same Python transcription.
  CHECK(gvsim::rng::stream_seed(42, 3, "arrivals/europe") == 0xfbbf6ee3a4ff11daULL);
  RandomStream s(42, 3, "arrivals/europe");
  CHECK(s.bits() == 0x5b447f1b135f2818ULL);
  CHECK(s.bits() == 0x3f6113ca5f1411e9ULL);
  CHECK(s.bits() == 0x2bb597fa75659c37ULL);
  // uniform() keeps the top 53 bits: (0x... >> 11) * 2^-53 of the fourth output.
  CHECK(s.uniform() == 0.40127681766450474);
}

TEST_CASE("streams: same (seed, replication, name) repeat, any difference gives an unrelated sequence", "[rng]") {
  auto draw = [](std::uint64_t seed, std::uint64_t replication, const char* name) {
    RandomStream s(seed, replication, name);
    std::vector<std::uint64_t> v(1000);
    for (auto& x : v)
      x = s.bits();
    return v;
  };
  const auto base = draw(7, 0, "arrivals/europe");
  CHECK(draw(7, 0, "arrivals/europe") == base);
  const std::vector<std::vector<std::uint64_t>> others{draw(7, 0, "arrivals/europf"), draw(7, 0, "service/europe"),
                                                       draw(7, 1, "arrivals/europe"), draw(8, 0, "arrivals/europe")};
  for (const auto& other : others) {
    // Not merely different: not even one of 1000 outputs coincides at the same position.
    int equal = 0;
    for (std::size_t i = 0; i < base.size(); ++i)
      equal += base[i] == other[i] ? 1 : 0;
    CHECK(equal == 0);
  }

  // Uniforms of two neighbouring names are uncorrelated: |Pearson r| < 5 / sqrt(n) (5 standard errors).
  RandomStream a(7, 0, "service/eu");
  RandomStream b(7, 0, "service/ev");
  const int n = 100000;
  double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (int i = 0; i < n; ++i) {
    const double x = a.uniform();
    const double y = b.uniform();
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
  }
  const double dn = n;
  const double cov = sab / dn - (sa / dn) * (sb / dn);
  const double r = cov / std::sqrt((saa / dn - (sa / dn) * (sa / dn)) * (sbb / dn - (sb / dn) * (sb / dn)));
  INFO("correlation " << r);
  CHECK(std::fabs(r) < 5.0 / std::sqrt(dn));
}

namespace {
/// Mean and (n-1) variance of a sample.
struct Moments {
  double mean = 0.0;
  double variance = 0.0;
};

template <class Draw>
Moments moments(int n, Draw draw) {
  // Welford's update keeps the variance accurate for large means.
  Moments m;
  double m2 = 0.0;
  for (int i = 1; i <= n; ++i) {
    const double x = draw();
    const double delta = x - m.mean;
    m.mean += delta / i;
    m2 += delta * (x - m.mean);
  }
  m.variance = m2 / (n - 1);
  return m;
}
}  // namespace

// All sampler tolerances are 5 standard errors of the estimator for the stated n (seeds pinned, so deterministic).
TEST_CASE("uniform: values in 0 <= u < 1, mean 1/2 and variance 1/12 within 5 SE (n = 10^6)", "[rng][samplers]") {
  RandomStream s(2024, 0, "test/uniform");
  const int n = 1000000;
  double lo = 1.0;
  double hi = 0.0;
  const Moments m = moments(n, [&] {
    const double u = s.uniform();
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    return u;
  });
  CHECK(lo >= 0.0);
  CHECK(hi < 1.0);
  // SE(mean) = sqrt(1/12 / n); SE(variance) = sqrt((1/80 - 1/144) / n).
  CHECK(std::fabs(m.mean - 0.5) <= 5.0 * std::sqrt(1.0 / 12.0 / n));
  CHECK(std::fabs(m.variance - 1.0 / 12.0) <= 5.0 * std::sqrt((1.0 / 80.0 - 1.0 / 144.0) / n));
  RandomStream p(2024, 0, "test/uniform");
  int outside = 0;
  for (int i = 0; i < 100000; ++i) {
    const double u = p.uniform_positive();
    outside += (u > 0.0 && u <= 1.0) ? 0 : 1;
  }
  CHECK(outside == 0);
}

TEST_CASE("exponential: mean and variance within 5 SE (n = 10^6, mean 3)", "[rng][samplers]") {
  RandomStream s(2024, 0, "test/exponential");
  const int n = 1000000;
  const double mean = 3.0;
  const Moments m = moments(n, [&] { return s.exponential(mean); });
  // SE(mean) = mean / sqrt(n); SE(variance) = mean^2 sqrt(8 / n) (fourth central moment 9 mean^4).
  CHECK(std::fabs(m.mean - mean) <= 5.0 * mean / std::sqrt(n));
  CHECK(std::fabs(m.variance - mean * mean) <= 5.0 * mean * mean * std::sqrt(8.0 / n));
}

TEST_CASE("standard normal: mean 0 and variance 1 within 5 SE (n = 10^6)", "[rng][samplers]") {
  RandomStream s(2024, 0, "test/normal");
  const int n = 1000000;
  int beyond_two = 0;
  const Moments m = moments(n, [&] {
    const double z = s.standard_normal();
    beyond_two += std::fabs(z) > 2.0 ? 1 : 0;
    return z;
  });
  CHECK(std::fabs(m.mean) <= 5.0 / std::sqrt(n));
  CHECK(std::fabs(m.variance - 1.0) <= 5.0 * std::sqrt(2.0 / n));
  // Tail mass P(|Z| > 2) = 0.0455003 within 5 binomial SE: checks the shape, not just two moments.
  const double p = 0.04550026389635842;
  CHECK(std::fabs(beyond_two / static_cast<double>(n) - p) <= 5.0 * std::sqrt(p * (1 - p) / n));
}

TEST_CASE("lognormal: mean within 5 SE, coefficient of variation within 0.5 % at cv 0.3 and 2 % at cv 1 (n = 10^6)",
          "[rng][samplers]") {
  for (const double cv : {0.3, 1.0}) {
    RandomStream s(2024, 0, "test/lognormal");
    const int n = 1000000;
    const double mean = 600.0;
    const Moments m = moments(n, [&] { return s.lognormal(mean, cv); });
    INFO("cv " << cv << ": sample mean " << m.mean << ", sample cv " << std::sqrt(m.variance) / m.mean);
    CHECK(std::fabs(m.mean - mean) <= 5.0 * mean * cv / std::sqrt(n));
    // The sample cv of a lognormal has SE ~ 0.1 % of cv at cv = 0.3 and ~ 0.3 % at cv = 1 for this n, so the
    // bounds are about 5 and 6 SE.
    CHECK(std::fabs(std::sqrt(m.variance) / m.mean - cv) <= (cv < 0.5 ? 0.005 : 0.02) * cv);
  }
}

TEST_CASE("discrete: frequencies pass a chi-square test (3 df, bound 16.27 = 99.9 % quantile), zero weight never drawn",
          "[rng][samplers]") {
  RandomStream s(2024, 0, "test/discrete");
  const std::vector<double> weights{0.6, 0.2, 0.0, 0.15, 0.05};
  std::vector<double> cumulative;
  double running = 0.0;
  for (double w : weights)
    cumulative.push_back(running += w);
  const int n = 200000;
  std::vector<int> counts(weights.size(), 0);
  for (int i = 0; i < n; ++i)
    ++counts.at(s.discrete(cumulative));
  CHECK(counts[2] == 0);
  double chi2 = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] == 0.0) continue;
    const double expected = n * weights[i] / running;
    chi2 += (counts[i] - expected) * (counts[i] - expected) / expected;
  }
  INFO("chi-square " << chi2);
  CHECK(chi2 < 16.266);
  // Unnormalised weights work the same: only ratios matter.
  RandomStream t(2024, 0, "test/discrete");
  std::vector<double> scaled;
  for (double c : cumulative)
    scaled.push_back(c * 7.0);
  RandomStream u(2024, 0, "test/discrete");
  int mismatches = 0;
  for (int i = 0; i < 10000; ++i)
    mismatches += t.discrete(scaled) == u.discrete(cumulative) ? 0 : 1;
  CHECK(mismatches == 0);
}

TEST_CASE("bernoulli: frequency within 5 SE (n = 10^6, p = 0.3)", "[rng][samplers]") {
  RandomStream s(2024, 0, "test/bernoulli");
  const int n = 1000000;
  int hits = 0;
  for (int i = 0; i < n; ++i)
    hits += s.bernoulli(0.3) ? 1 : 0;
  CHECK(std::fabs(hits / static_cast<double>(n) - 0.3) <= 5.0 * std::sqrt(0.3 * 0.7 / n));
}
