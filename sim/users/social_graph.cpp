#include "sim/users/social_graph.hpp"

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <algorithm>
#include <numeric>
#include <utility>

namespace gvsim::users {

struct SocialAdoption::Graph {
  using Csr = boost::compressed_sparse_row_graph<boost::directedS>;
  Csr csr;
};

namespace {

std::vector<std::pair<std::uint32_t, std::uint32_t>> small_world_edges(std::uint32_t nodes, std::uint32_t degree,
                                                                       double rewiring, rng::RandomStream& stream) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  edges.reserve(static_cast<std::size_t>(nodes) * degree);
  for (std::uint32_t v = 0; v < nodes; ++v) {
    for (std::uint32_t j = 1; j <= degree / 2; ++j) {
      std::uint32_t w = (v + j) % nodes;
      if (stream.bernoulli(rewiring)) {
        // Rewire to a uniform node other than v (a rare duplicate edge is kept: it counts twice, as in a multigraph).
        do {
          w = static_cast<std::uint32_t>(stream.uniform() * static_cast<double>(nodes));
        } while (w == v || w >= nodes);
      }
      edges.emplace_back(v, w);
      edges.emplace_back(w, v);
    }
  }
  return edges;
}

}  // namespace

SocialAdoption::SocialAdoption(std::uint32_t nodes, std::uint32_t mean_degree, double rewiring,
                               rng::RandomStream& stream)
    : graph_(std::make_unique<Graph>()),
      mean_degree_(static_cast<double>(mean_degree)),
      adopted_(nodes, 0),
      pending_(nodes),
      pending_slot_(nodes) {
  const auto edges = small_world_edges(nodes, mean_degree, rewiring, stream);
  graph_->csr = Graph::Csr(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), nodes);
  std::iota(pending_.begin(), pending_.end(), 0U);
  std::iota(pending_slot_.begin(), pending_slot_.end(), 0U);
  for (std::uint32_t v = 0; v < nodes; ++v) {
    max_degree_ = std::max(max_degree_, static_cast<std::uint32_t>(boost::out_degree(
                                            static_cast<Graph::Csr::vertex_descriptor>(v), graph_->csr)));
  }
}

SocialAdoption::SocialAdoption(const SocialAdoption& other)
    : graph_(std::make_unique<Graph>(*other.graph_)),
      mean_degree_(other.mean_degree_),
      max_degree_(other.max_degree_),
      adopted_(other.adopted_),
      pending_(other.pending_),
      pending_slot_(other.pending_slot_),
      adopters_(other.adopters_),
      active_edges_(other.active_edges_),
      last_innovator_(other.last_innovator_) {}

SocialAdoption& SocialAdoption::operator=(const SocialAdoption& other) {
  if (this != &other) *this = SocialAdoption(other);
  return *this;
}

SocialAdoption::SocialAdoption(SocialAdoption&& other) noexcept = default;
SocialAdoption& SocialAdoption::operator=(SocialAdoption&& other) noexcept = default;
SocialAdoption::~SocialAdoption() = default;

double SocialAdoption::hazard(double p, double q) const {
  return p * static_cast<double>(pending_.size()) + q / mean_degree_ * static_cast<double>(active_edges_);
}

std::uint32_t SocialAdoption::adopt_next(double p, double q, rng::RandomStream& stream) {
  const double innovation = p * static_cast<double>(pending_.size());
  std::uint32_t chosen = 0;
  last_innovator_ = stream.uniform() * hazard(p, q) < innovation;
  if (last_innovator_) {
    chosen = pending_[std::min<std::size_t>(
        static_cast<std::size_t>(stream.uniform() * static_cast<double>(pending_.size())), pending_.size() - 1)];
  } else {
    // Uniform over active edges by rejection: an adopter with probability proportional to its degree, then one
    // of its edges; edges that lead to another adopter are rejected.
    for (;;) {
      const std::uint32_t u = adopters_[std::min<std::size_t>(
          static_cast<std::size_t>(stream.uniform() * static_cast<double>(adopters_.size())), adopters_.size() - 1)];
      const auto degree =
          static_cast<std::uint32_t>(boost::out_degree(static_cast<Graph::Csr::vertex_descriptor>(u), graph_->csr));
      if (stream.uniform() * static_cast<double>(max_degree_) >= static_cast<double>(degree)) continue;
      auto [first, last] = boost::adjacent_vertices(static_cast<Graph::Csr::vertex_descriptor>(u), graph_->csr);
      const auto pick = std::min<std::uint32_t>(
          static_cast<std::uint32_t>(stream.uniform() * static_cast<double>(degree)), degree - 1);
      const std::uint32_t v = static_cast<std::uint32_t>(*(first + pick));
      (void)last;
      if (adopted_[v] == 0) {
        chosen = v;
        break;
      }
    }
  }
  mark_adopted(chosen);
  return chosen;
}

void SocialAdoption::mark_adopted(std::uint32_t v) {
  adopted_[v] = 1;
  const std::uint32_t slot = pending_slot_[v];
  const std::uint32_t last = pending_.back();
  pending_[slot] = last;
  pending_slot_[last] = slot;
  pending_.pop_back();
  adopters_.push_back(v);
  for (auto [it, end] = boost::adjacent_vertices(static_cast<Graph::Csr::vertex_descriptor>(v), graph_->csr); it != end;
       ++it) {
    if (adopted_[*it] != 0) {
      --active_edges_;  // the edge from that adopter to v is no longer active
    } else {
      ++active_edges_;
    }
  }
}

}  // namespace gvsim::users
