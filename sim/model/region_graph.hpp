#pragma once

#include <cstddef>
#include <limits>
#include <vector>

#include "sim/model/scenario.hpp"

namespace gvsim::model {

/// @brief Regions as vertices and WAN links as latency-weighted edges (Boost.Graph), with all shortest routes.
class RegionGraph {
 public:
  /// @brief Builds the graph of `scenario.regions` and `scenario.links` and solves all shortest paths.
  explicit RegionGraph(const Scenario& scenario);

  /// @brief Number of regions.
  std::size_t size() const { return latency_s_.size(); }
  /// @brief Shortest one-way latency between two regions in seconds; infinity when unreachable.
  double latency_s(std::size_t from, std::size_t to) const { return latency_s_[from][to]; }
  /// @brief True when a route exists.
  bool reachable(std::size_t from, std::size_t to) const {
    return latency_s_[from][to] < std::numeric_limits<double>::infinity();
  }
  /// @brief Indices into scenario.links along the shortest route from `from` to `to`, in travel order.
  const std::vector<std::size_t>& route(std::size_t from, std::size_t to) const { return routes_[from][to]; }
  /// @brief Regions whose clusters may serve jobs of `region` (itself only under data residency).
  const std::vector<std::size_t>& serving_regions(std::size_t region) const { return serving_[region]; }

 private:
  std::vector<std::vector<double>> latency_s_;
  std::vector<std::vector<std::vector<std::size_t>>> routes_;
  std::vector<std::vector<std::size_t>> serving_;
};

/// @brief Index of a region by name in scenario.regions, or scenario.regions.size() if absent.
std::size_t region_index(const Scenario& scenario, const std::string& name);

}  // namespace gvsim::model
