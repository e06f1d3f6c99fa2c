#include "sim/model/region_graph.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

namespace gvsim::model {

namespace {
struct EdgeData {
  double latency_s = 0.0;
  std::size_t link = 0;
};
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property, EdgeData>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using Edge = boost::graph_traits<Graph>::edge_descriptor;
}  // namespace

std::size_t region_index(const Scenario& scenario, const std::string& name) {
  for (std::size_t i = 0; i < scenario.regions.size(); ++i) {
    if (scenario.regions[i].name == name) return i;
  }
  return scenario.regions.size();
}

RegionGraph::RegionGraph(const Scenario& scenario) {
  const std::size_t n = scenario.regions.size();
  Graph graph(n);
  for (std::size_t l = 0; l < scenario.links.size(); ++l) {
    const auto& link = scenario.links[l];
    const std::size_t a = region_index(scenario, link.from.name);
    const std::size_t b = region_index(scenario, link.to.name);
    if (a >= n || b >= n) continue;
    boost::add_edge(a, b, EdgeData{link.latency_ms / 1000.0, l}, graph);
  }
  latency_s_.assign(n, std::vector<double>(n, std::numeric_limits<double>::infinity()));
  routes_.assign(n, std::vector<std::vector<std::size_t>>(n));
  for (std::size_t source = 0; source < n; ++source) {
    std::vector<double> distance(n);
    std::vector<Vertex> predecessor(n);
    boost::dijkstra_shortest_paths(
        graph, source,
        boost::weight_map(boost::get(&EdgeData::latency_s, graph))
            .distance_map(boost::make_iterator_property_map(distance.begin(), boost::get(boost::vertex_index, graph)))
            .predecessor_map(
                boost::make_iterator_property_map(predecessor.begin(), boost::get(boost::vertex_index, graph))));
    for (std::size_t target = 0; target < n; ++target) {
      if (distance[target] == std::numeric_limits<double>::max()) continue;
      latency_s_[source][target] = distance[target];
      std::vector<std::size_t> links;
      for (Vertex v = target; v != source; v = predecessor[v]) {
        // Among parallel edges the lowest-latency one lies on the shortest path.
        double best = std::numeric_limits<double>::infinity();
        std::size_t best_link = 0;
        auto [it, end] = boost::out_edges(predecessor[v], graph);
        for (; it != end; ++it) {
          if (boost::target(*it, graph) == v && graph[*it].latency_s < best) {
            best = graph[*it].latency_s;
            best_link = graph[*it].link;
          }
        }
        links.push_back(best_link);
      }
      std::reverse(links.begin(), links.end());
      routes_[source][target] = std::move(links);
    }
  }
  serving_.resize(n);
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t s = 0; s < n; ++s) {
      // Residency binds both ways: a residency region's jobs stay in it, and its datacenters, run under its
      // rules, serve no other region's jobs.
      const bool resident = scenario.regions[r].data_residency || scenario.regions[s].data_residency;
      const bool allowed = s == r || (!resident && reachable(r, s));
      if (allowed && !scenario.regions[s].datacenters.empty()) serving_[r].push_back(s);
    }
  }
}

}  // namespace gvsim::model
