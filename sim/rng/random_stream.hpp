#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace gvsim::rng {

/// @brief SplitMix64 step: advances `state` and returns the next output (Steele, Lea, Flood 2014).
std::uint64_t splitmix64(std::uint64_t& state);

/// @brief FNV-1a 64-bit hash of a stream name.
std::uint64_t fnv1a64(std::string_view text);

/// @brief xoshiro256** 1.0 generator (Blackman, Vigna 2018): fast, 256-bit state, identical on every platform.
class Xoshiro256 {
 public:
  /// @brief Seeds the four state words from SplitMix64(seed), as the reference implementation advises.
  explicit Xoshiro256(std::uint64_t seed);
  /// @brief Next 64 random bits.
  std::uint64_t next();
  /// @brief Current state (for known-answer tests).
  const std::array<std::uint64_t, 4>& state() const { return s_; }

 private:
  std::array<std::uint64_t, 4> s_{};
};

/// @brief A named random stream with the project's own samplers (std distributions differ between libraries).
///
/// The stream for (master seed, replication, name) is always the same sequence, so two runs or two policy
/// variants that draw from `arrivals/eu` see the same numbers (common random numbers).
class RandomStream {
 public:
  /// @brief The stream `name` of replication `replication` under `master_seed`.
  RandomStream(std::uint64_t master_seed, std::uint64_t replication, std::string_view name);

  /// @brief Uniform on [0, 1) with 53 random bits.
  double uniform();
  /// @brief Uniform on (0, 1]: safe for logarithms.
  double uniform_positive() { return 1.0 - uniform(); }
  /// @brief Exponential with the given mean (inversion).
  double exponential(double mean);
  /// @brief Standard normal (Box-Muller, one value per pair of uniforms).
  double standard_normal();
  /// @brief Lognormal with the given mean and coefficient of variation.
  double lognormal(double mean, double cv);
  /// @brief True with probability p.
  bool bernoulli(double p) { return uniform() < p; }
  /// @brief Index i drawn with probability weights[i] / sum; `cumulative` holds running sums of the weights.
  std::size_t discrete(const std::vector<double>& cumulative);
  /// @brief Raw 64 bits.
  std::uint64_t bits() { return engine_.next(); }

 private:
  Xoshiro256 engine_;
};

/// @brief The 64-bit seed of stream `name` in `replication` under `master_seed`.
std::uint64_t stream_seed(std::uint64_t master_seed, std::uint64_t replication, std::string_view name);

}  // namespace gvsim::rng
