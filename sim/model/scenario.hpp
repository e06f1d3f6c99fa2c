#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "policies/inference_policy.hpp"
#include "policies/market_entry_policy.hpp"
#include "sim/model/market_spec.hpp"
#include "sim/model/moderation_spec.hpp"
#include "sim/model/parent_spec.hpp"
#include "sim/model/policy_schema.hpp"
#include "sim/model/pricing_policy_spec.hpp"
#include "sim/model/rival_spec.hpp"
#include "sim/model/video_model.hpp"
#include "sim/schema/fields.hpp"

namespace gvsim::model {

using schema::NameRef;
using schema::Share;
using schema::SourceMark;

/// @brief A GPU model: speed relative to the reference GPU, power and price.
struct GpuModel {
  std::string name;
  double relative_speed = 1.0;
  double board_power_w = 700.0;
  double idle_power_share = 0.2;  ///< power drawn in service but idle, as a share of board power
  double reserved_usd_per_gpu_hour = 2.0;
  double on_demand_usd_per_gpu_hour = 3.5;
  std::string source;
  SourceMark where;
};

/// @brief A pool of identical GPUs in one datacenter; each GPU is one SimGrid host.
struct GpuCluster {
  std::string name;
  NameRef gpu;
  std::int64_t gpu_count = 1;
  SourceMark where;
};

/// @brief A datacenter: PUE, egress price and its GPU clusters.
struct Datacenter {
  std::string name;
  double pue = 1.3;
  double egress_usd_per_gb = 0.05;
  std::vector<GpuCluster> clusters;
  SourceMark where;
};

/// @brief A market and jurisdiction: time zone, data residency and its datacenters.
struct Region {
  std::string name;
  std::string display_name;
  double utc_offset_h = 0.0;
  bool data_residency = false;
  double metro_latency_ms = 2.0;
  double metro_bandwidth_gbps = 400.0;
  MarketSpec market;
  PaymentSpec payments;
  RegulationSpec regulation;
  std::vector<Datacenter> datacenters;
  SourceMark where;
  SourceMark name_where;
  ParentPresenceSpec parent;  ///< the parent platform's presence and business in this region
};

/// @brief A WAN link between two regions' gateways.
struct WanLink {
  NameRef from;
  NameRef to;
  double latency_ms = 50.0;
  double bandwidth_gbps = 100.0;
  SourceMark where;
};

/// @brief A kind of clip users ask for: what is generated, and the work it takes on the reference GPU.
struct ClipClass {
  std::string name;
  NameRef model;  ///< video model (regions/video_models.yaml); empty when gpu_seconds is given
  double video_seconds = 5.0;
  std::string resolution = "720p";
  std::string mode = "standard";
  std::optional<double> steps;        ///< replaces the mode's steps
  std::optional<double> gpu_seconds;  ///< replaces the computed work
  double gpu_seconds_cv = 0.0;
  double video_megabytes = 10.0;
  double credits = 10.0;
  double failure_probability = 0.0;
  SourceMark where;
  SourceMark video_seconds_where;  ///< line 0 when not written (same for the marks below)
  SourceMark resolution_where;
  SourceMark mode_where;
  SourceMark steps_where;
  SourceMark gpu_seconds_where;
  // Resolved when the scenario is loaded (sim/config/clip_work_checks).
  double work_s = 0.0;            ///< mean reference-GPU seconds of one generation
  double poor_probability = 0.0;  ///< chance a generation that did not fail gives a poor video
};

/// @brief How a region's synthetic jobs arrive.
struct ArrivalSpec {
  std::string process = "poisson";
  double rate_per_hour = 60.0;
  std::vector<PathPoint> rate_multiplier;  ///< demand path over days (Poisson only); empty: constant rate
  SourceMark where;
};

/// @brief How much reference-GPU work a synthetic job needs.
struct ServiceSpec {
  std::string distribution = "exponential";
  std::optional<double> mean_s;
  std::optional<double> cv;
  std::vector<Share> mix;
  SourceMark where;
  SourceMark mean_where;  ///< position of mean_s when given
  SourceMark cv_where;    ///< position of cv when given
  SourceMark mix_where;   ///< position of mix when given
};

/// @brief Synthetic job stream of one region, for validation and benchmarks.
struct RegionLoad {
  NameRef region;
  ArrivalSpec arrivals;
  ServiceSpec service;
  double paid_share = 0.0;  ///< share of the jobs submitted by paying users (for tier-aware scheduling)
  SourceMark where;
};

/// @brief Job workload: clip classes and the synthetic per-region streams.
struct Workload {
  std::string mode = "synthetic";
  std::vector<ClipClass> clip_classes;
  std::vector<RegionLoad> synthetic;
  UserModelSpec users;
  SourceMark where;
};

/// @brief GPUs added to (or, if negative, retired from) a cluster on a given day, on reserved contracts.
struct CapacityExpansion {
  double day = 0.0;
  NameRef cluster;
  std::int64_t gpus = 0;  ///< real-world GPUs (divided by the scale like the region files' counts)
  SourceMark where;
};

/// @brief Policies that replace the experiment-wide ones for one region: placement for the jobs coming from it,
/// scheduling and capacity for the clusters located in it. Kinds left out inherit the experiment-wide choice.
struct RegionPolicies {
  std::string name;
  policies::PlacementSelection placement;
  policies::SchedulingSelection scheduling;
  CapacitySpec capacity;
  SourceMark where;
  SourceMark placement_where;   ///< line 0 when not overridden
  SourceMark scheduling_where;  ///< line 0 when not overridden
  SourceMark capacity_where;    ///< line 0 when not overridden
};

/// @brief Which policy module handles each decision, by registered name, with its parameters.
struct PolicyChoice {
  policies::PlacementSelection placement;
  policies::SchedulingSelection scheduling;
  CapacitySpec capacity;
  std::vector<CapacityExpansion> expansions;
  std::vector<RegionPolicies> regions;
  SourceMark where;
  SourceMark placement_where;
  SourceMark capacity_where;
  PricingPolicySpec pricing;
  policies::MarketEntrySelection market_entry;
  ModerationSpec moderation;
  policies::InferenceSelection inference;
};

/// @brief Infrastructure selection: where region files live and which regions take part.
struct PlatformSpec {
  std::string regions_dir = "../regions";
  std::vector<NameRef> regions;
  double wan_bandwidth_scale = 1.0;    ///< multiplies the bandwidth of every WAN link of wan.yaml
  double metro_bandwidth_scale = 1.0;  ///< multiplies every region's metro_bandwidth_gbps
  SourceMark where;
};

/// @brief Simulation engine settings.
struct EngineSpec {
  std::int64_t actor_stack_kib = 128;
};

/// @brief One axis of a sweep grid: a key path and the values it takes.
struct SweepAxis {
  std::string key;
  schema::RawValue values;  ///< a list
  SourceMark where;
  SourceMark key_where;
};

/// @brief A named set of overrides; one variant of a study is the baseline the others are compared with.
struct SweepVariant {
  std::string name;
  bool baseline = false;
  schema::RawValue set;  ///< a mapping of key path -> value
  SourceMark where;
};

/// @brief The range a Latin hypercube samples one numeric key from.
struct SweepRange {
  std::string key;
  double min = 0.0;
  double max = 1.0;
  bool integer = false;
  SourceMark where;
  SourceMark key_where;
};

/// @brief A Latin hypercube design: `samples` points, each key's range cut into as many strata, one point each.
struct LatinHypercube {
  std::int64_t samples = 0;
  std::vector<SweepRange> ranges;
  SourceMark where;
};

/// @brief A global sensitivity design: Morris trajectories (screening) or Saltelli samples (Sobol indices).
struct SensitivitySpec {
  std::string method;              ///< morris or sobol; empty when the block is absent
  std::int64_t trajectories = 0;   ///< Morris r
  std::int64_t levels = 0;         ///< Morris p (even); 0 = 4
  std::int64_t samples = 0;        ///< Saltelli N
  std::int64_t bootstrap = 1000;   ///< resamples for the 95% intervals
  std::vector<SweepRange> ranges;  ///< the factors
  SourceMark where;
  SourceMark trajectories_where;
  SourceMark levels_where;
  SourceMark samples_where;
};

/// @brief What a study varies: a grid (cartesian product), named variants, or a Latin hypercube.
struct Sweep {
  std::vector<SweepAxis> grid;
  std::vector<SweepVariant> variants;
  LatinHypercube latin_hypercube;
  SourceMark where;
  SensitivitySpec sensitivity;
};

/// @brief One experiment as written in its YAML file.
struct Experiment {
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  std::int64_t replication = 0;
  double horizon_days = 1.0;
  double warmup_days = 0.0;
  SourceMark warmup_where;
  double scale = 1.0;
  PlatformSpec platform;
  schema::RawValue region_overrides;       ///< `regions:` block, merged into the region files when they are read
  schema::RawValue gpu_overrides;          ///< `gpus:` block, merged into the GPU catalog by GPU model name
  schema::RawValue wan_overrides;          ///< `wan:` block, merged into the WAN links by `FROM-TO` name
  schema::RawValue video_model_overrides;  ///< `video_models:` block, merged into the video-model catalogue by name
  Workload workload;
  PolicyChoice policies;
  EngineSpec engine;
  std::int64_t replications = 1;
  Sweep sweep;
  SourceMark where;
  RivalMarketSpec market;  ///< rival platforms and the adoption drive (mode users)
  ParentSpec parent;       ///< value for the parent platform and the verdict's thresholds (mode users)
};

/// @brief Contents of regions/gpus.yaml.
struct GpuCatalog {
  std::vector<GpuModel> gpus;
};

/// @brief Contents of regions/wan.yaml.
struct WanCatalog {
  std::vector<WanLink> links;
};

/// @brief Contents of one regions/NAME.yaml file.
struct RegionFile {
  Region region;
};

/// @brief Everything a run needs, resolved and checked; immutable once built.
struct Scenario {
  Experiment experiment;
  std::vector<Region> regions;  ///< in the order the experiment lists them
  std::vector<GpuModel> gpus;
  std::vector<WanLink> links;  ///< only links between participating regions
  std::vector<VideoModel> video_models;
  std::string experiment_file;
  std::vector<schema::Diagnostic> warnings;  ///< keys written that have no effect in this run (Fields::inactive)
};

void describe(schema::Fields& f, GpuModel& v);
void describe(schema::Fields& f, GpuCluster& v);
void describe(schema::Fields& f, Datacenter& v);
void describe(schema::Fields& f, Region& v);
void describe(schema::Fields& f, WanLink& v);
void describe(schema::Fields& f, ClipClass& v);
void describe(schema::Fields& f, ArrivalSpec& v);
void describe(schema::Fields& f, ServiceSpec& v);
void describe(schema::Fields& f, RegionLoad& v);
void describe(schema::Fields& f, Workload& v);
void describe(schema::Fields& f, CapacityExpansion& v);
void describe(schema::Fields& f, RegionPolicies& v);
void describe(schema::Fields& f, PolicyChoice& v);
void describe(schema::Fields& f, PlatformSpec& v);
void describe(schema::Fields& f, EngineSpec& v);
void describe(schema::Fields& f, SweepAxis& v);
void describe(schema::Fields& f, SweepVariant& v);
void describe(schema::Fields& f, SweepRange& v);
void describe(schema::Fields& f, LatinHypercube& v);
void describe(schema::Fields& f, Sweep& v);
void describe(schema::Fields& f, SensitivitySpec& v);
void describe(schema::Fields& f, Experiment& v);
void describe(schema::Fields& f, GpuCatalog& v);
void describe(schema::Fields& f, WanCatalog& v);
void describe(schema::Fields& f, RegionFile& v);

}  // namespace gvsim::model
