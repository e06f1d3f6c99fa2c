#include "sim/platform/platform_builder.hpp"

#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/Link.hpp>
#include <simgrid/s4u/NetZone.hpp>

namespace gvsim::platform {

namespace sg4 = simgrid::s4u;
using simgrid::kernel::routing::NetPoint;

namespace {
struct Endpoint {
  sg4::NetZone* zone;
  NetPoint* gateway;
  std::size_t region;
};
}  // namespace

BuiltPlatform build_platform(const model::Scenario& scenario, const std::vector<model::ClusterInfo>& clusters,
                             const model::RegionGraph& graph) {
  BuiltPlatform built;
  auto* world = sg4::create_full_zone("world");
  std::vector<Endpoint> endpoints;

  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    const std::string& name = scenario.regions[r].name;
    auto* zone = sg4::create_star_zone("region/" + name);
    zone->set_parent(world);
    auto* gateway = zone->create_router("region/" + name + "/gw");
    built.region_edges.push_back(zone->create_host("region/" + name + "/edge", kReferenceFlops)->seal());
    zone->seal();
    endpoints.push_back(Endpoint{zone, gateway, r});
  }
  for (const auto& cluster : clusters) {
    auto* zone = sg4::create_star_zone("cluster/" + cluster.name);
    zone->set_parent(world);
    auto* gateway = zone->create_router("cluster/" + cluster.name + "/gw");
    std::vector<sg4::Host*> hosts;
    hosts.reserve(static_cast<std::size_t>(cluster.gpus));
    for (std::int64_t g = 0; g < cluster.gpus; ++g) {
      hosts.push_back(
          zone->create_host(cluster.name + "/gpu" + std::to_string(g), cluster.relative_speed * kReferenceFlops)
              ->seal());
    }
    zone->seal();
    built.cluster_hosts.push_back(std::move(hosts));
    endpoints.push_back(Endpoint{zone, gateway, cluster.region});
  }

  // The platform is a 1/scale replica: like the GPU hosts, every link has 1/scale of its real bandwidth, and a
  // delivery sends one real video's bytes (see "Scaling" in docs/model.md).
  const double scale = scenario.experiment.scale;
  std::vector<sg4::Link*> metro;
  for (const auto& region : scenario.regions) {
    const double metro_gbps = region.metro_bandwidth_gbps * scenario.experiment.platform.metro_bandwidth_scale;
    metro.push_back(world->create_link("metro/" + region.name, metro_gbps * 1e9 / 8.0 / scale)
                        ->set_latency(region.metro_latency_ms / 1000.0)
                        ->seal());
  }
  std::vector<sg4::Link*> wan;
  for (const auto& link : scenario.links) {
    const double gbps = link.bandwidth_gbps * scenario.experiment.platform.wan_bandwidth_scale;
    wan.push_back(world->create_link("wan/" + link.from.name + "-" + link.to.name, gbps * 1e9 / 8.0 / scale)
                      ->set_latency(link.latency_ms / 1000.0)
                      ->seal());
  }
  for (std::size_t a = 0; a < endpoints.size(); ++a) {
    for (std::size_t b = a + 1; b < endpoints.size(); ++b) {
      const auto& from = endpoints[a];
      const auto& to = endpoints[b];
      if (!graph.reachable(from.region, to.region)) continue;
      // Every route leaves through the source region's metro network and enters through the destination's.
      std::vector<sg4::LinkInRoute> links{sg4::LinkInRoute(metro[from.region])};
      for (std::size_t l : graph.route(from.region, to.region))
        links.emplace_back(wan[l]);
      if (to.region != from.region) links.emplace_back(metro[to.region]);
      world->add_route(from.zone->get_netpoint(), to.zone->get_netpoint(), from.gateway, to.gateway, links, true);
    }
  }
  world->seal();
  return built;
}

}  // namespace gvsim::platform
