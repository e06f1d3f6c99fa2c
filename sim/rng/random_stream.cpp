#include "sim/rng/random_stream.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace gvsim::rng {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

namespace {
std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}
}  // namespace

Xoshiro256::Xoshiro256(std::uint64_t seed) {
  std::uint64_t sm = seed;
  for (auto& word : s_)
    word = splitmix64(sm);
}

std::uint64_t Xoshiro256::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

std::uint64_t stream_seed(std::uint64_t master_seed, std::uint64_t replication, std::string_view name) {
  std::uint64_t state = master_seed;
  std::uint64_t mixed = splitmix64(state);
  state = mixed ^ (replication * 0xd1b54a32d192ed03ULL);
  mixed = splitmix64(state);
  state = mixed ^ fnv1a64(name);
  return splitmix64(state);
}

RandomStream::RandomStream(std::uint64_t master_seed, std::uint64_t replication, std::string_view name)
    : engine_(stream_seed(master_seed, replication, name)) {}

double RandomStream::uniform() {
  return static_cast<double>(engine_.next() >> 11) * 0x1.0p-53;
}

double RandomStream::exponential(double mean) {
  return -mean * std::log(uniform_positive());
}

double RandomStream::standard_normal() {
  const double radius = std::sqrt(-2.0 * std::log(uniform_positive()));
  const double angle = 2.0 * std::numbers::pi * uniform();
  return radius * std::cos(angle);
}

double RandomStream::lognormal(double mean, double cv) {
  const double sigma2 = std::log1p(cv * cv);
  const double mu = std::log(mean) - 0.5 * sigma2;
  return std::exp(mu + std::sqrt(sigma2) * standard_normal());
}

std::size_t RandomStream::discrete(const std::vector<double>& cumulative) {
  const double target = uniform() * cumulative.back();
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), target);
  return std::min<std::size_t>(static_cast<std::size_t>(it - cumulative.begin()), cumulative.size() - 1);
}

}  // namespace gvsim::rng
