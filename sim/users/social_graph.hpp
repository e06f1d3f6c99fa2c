#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "sim/rng/random_stream.hpp"

namespace gvsim::users {

/// @brief Word-of-mouth adoption on a small-world social graph of a region's potential users.
///
/// The graph is a Watts-Strogatz ring lattice (each node linked to its `mean_degree` nearest nodes) whose edges
/// are rewired to a uniform node with probability `rewiring`, drawn from the project's own stream and stored as a
/// Boost.Graph compressed sparse row graph (both directions of every edge). A potential user who has not adopted
/// adopts at hazard `p + q n / k`, where `n` counts neighbours who adopted and `k` is the mean degree; with full
/// mixing this is the Bass hazard. The process is sampled exactly, event by event: the total hazard is
/// `p x pending + (q / k) x active edges`, active edges joining an adopter to a node still pending.
class SocialAdoption {
 public:
  /// @brief A graph of `nodes` potential users; `mean_degree` even and >= 2, `rewiring` in [0, 1].
  SocialAdoption(std::uint32_t nodes, std::uint32_t mean_degree, double rewiring, rng::RandomStream& stream);
  /// @brief A copy of the graph and of the adoption state.
  SocialAdoption(const SocialAdoption& other);
  /// @brief Copies the graph and the adoption state.
  SocialAdoption& operator=(const SocialAdoption& other);
  /// @brief Takes over the graph and the adoption state.
  SocialAdoption(SocialAdoption&& other) noexcept;
  /// @brief Takes over the graph and the adoption state.
  SocialAdoption& operator=(SocialAdoption&& other) noexcept;
  ~SocialAdoption();

  /// @brief Total adoption hazard per unit time for innovation rate p and imitation rate q (same unit).
  double hazard(double p, double q) const;
  /// @brief Draws the next adopter (innovator with probability of its share of the hazard, else along a uniformly
  /// chosen active edge), marks it adopted and returns it. Requires hazard(p, q) > 0.
  std::uint32_t adopt_next(double p, double q, rng::RandomStream& stream);
  /// @brief True when the last adopter came through the innovation term p (not along an edge).
  bool last_innovator() const { return last_innovator_; }
  /// @brief Potential users who have not adopted.
  std::size_t pending() const { return pending_.size(); }
  /// @brief Edges from an adopter to a pending node.
  std::uint64_t active_edges() const { return active_edges_; }

 private:
  /// The Boost.Graph graph, defined in the source file only: Boost.Graph's headers are heavy to compile.
  struct Graph;
  void mark_adopted(std::uint32_t v);

  std::unique_ptr<Graph> graph_;
  double mean_degree_;
  std::uint32_t max_degree_ = 0;
  std::vector<std::uint8_t> adopted_;
  std::vector<std::uint32_t> pending_;       ///< pending nodes, swap-removed
  std::vector<std::uint32_t> pending_slot_;  ///< position of each node in pending_
  std::vector<std::uint32_t> adopters_;
  std::uint64_t active_edges_ = 0;
  bool last_innovator_ = false;
};

}  // namespace gvsim::users
