// Every configuration key of gvsim is declared here, once: type, default, unit, range and meaning.
#include "sim/model/scenario.hpp"
#include "sim/model/schema_terms.hpp"

namespace gvsim::model {

void describe(Fields& f, GpuModel& v) {
  f.here(v.where);
  f.number("relative_speed", v.relative_speed, NumberRule::between(0.01, 100.0),
           "throughput relative to the reference GPU (H100 SXM = 1); service time = gpu_seconds / relative_speed");
  f.number("board_power_w", v.board_power_w, NumberRule::between(1.0, 5000.0, "W"), "board power at full load");
  f.number("idle_power_share", v.idle_power_share, NumberRule::probability(),
           "power a GPU in service draws while idle, as a share of board power (estimate: an idle H100 draws about "
           "70-100 W plus its share of the host, ~0.2)");
  f.number("reserved_usd_per_gpu_hour", v.reserved_usd_per_gpu_hour, NumberRule::between(0.0, 1000.0, "USD/GPU-h"),
           "price of a reserved GPU-hour");
  f.number("on_demand_usd_per_gpu_hour", v.on_demand_usd_per_gpu_hour, NumberRule::between(0.0, 1000.0, "USD/GPU-h"),
           "price of an on-demand GPU-hour");
  f.text("source", v.source, "where the figures come from (calibration.md source key or 'estimate')");
}

void describe(Fields& f, GpuCluster& v) {
  f.here(v.where);
  f.identifier("name", v.name, "cluster name, unique across all regions", Presence::kRequired);
  f.reference("gpu", v.gpu, "GPU model (regions/gpus.yaml)", "GPU model of every server in the cluster");
  f.integer("gpu_count", v.gpu_count, NumberRule::whole(1, 10000000),
            "number of real GPUs; the run simulates round(gpu_count / scale), one host each", Presence::kRequired);
}

void describe(Fields& f, Datacenter& v) {
  f.here(v.where);
  f.identifier("name", v.name, "datacenter name, unique across all regions", Presence::kRequired);
  f.number("pue", v.pue, NumberRule::between(1.0, 3.0), "power usage effectiveness (calibration.md C8)");
  f.number("egress_usd_per_gb", v.egress_usd_per_gb, NumberRule::between(0.0, 10.0, "USD/GB"),
           "price of data leaving the datacenter");
  f.list("clusters", v.clusters, "GPU clusters of this datacenter", 1);
}

void describe(Fields& f, Region& v) {
  f.here(v.where);
  f.identifier("name", v.name, "region name; must equal the file name without .yaml", Presence::kRequired);
  f.here_of("name", v.name_where);
  f.text("display_name", v.display_name, "human-readable name for reports");
  f.number("utc_offset_h", v.utc_offset_h, NumberRule::between(-12.0, 14.0, "h"), "local time offset from UTC");
  f.flag("data_residency", v.data_residency,
         "true: jobs of this region may only run on clusters inside it; false: on any reachable cluster");
  f.number("metro_latency_ms", v.metro_latency_ms, NumberRule::between(0.0, 500.0, "ms"),
           "latency between the region's gateway and its datacenters or users (estimate)");
  f.number("metro_bandwidth_gbps", v.metro_bandwidth_gbps, NumberRule::between(0.001, 100000.0, "Gbit/s"),
           "capacity of the region's metro network (estimate)");
  f.nested("market", v.market, "market size, adoption and prices");
  f.nested("payments", v.payments, "payment friction and fees");
  f.nested("regulation", v.regulation, "what the regulator does about published harmful clips");
  f.list("datacenters", v.datacenters, "datacenters located in this region (may be empty)");
  f.nested("parent", v.parent, "the parent short-video platform's presence and business in this region");
}

void describe(Fields& f, WanLink& v) {
  f.here(v.where);
  f.reference("from", v.from, "region", "one end of the link");
  f.reference("to", v.to, "region", "the other end of the link");
  f.number("latency_ms", v.latency_ms, NumberRule::between(0.0, 2000.0, "ms"), "one-way latency", Presence::kRequired);
  f.number("bandwidth_gbps", v.bandwidth_gbps, NumberRule::between(0.001, 100000.0, "Gbit/s"), "link capacity",
           Presence::kRequired);
}

void describe(Fields& f, ClipClass& v) {
  f.here(v.where);
  f.reference("model", v.model, "video model",
              "video model that generates the clip (regions/video_models.yaml); its work follows from the keys below "
              "(docs/model.md, Work of a clip)",
              Presence::kOptional);
  f.number("video_seconds", v.video_seconds, NumberRule::between(0.5, 600.0, "s"), "length of the clip");
  f.here_of("video_seconds", v.video_seconds_where);
  f.choice("resolution", v.resolution, {"480p", "720p", "1080p", "4k"},
           "output resolution (16:9: 854x480, 1280x720, 1920x1080, 3840x2160 pixels)");
  f.here_of("resolution", v.resolution_where);
  f.choice("mode", v.mode, {"standard", "pro"},
           "generation mode: the model's steps and poor-output probability for that mode");
  f.here_of("mode", v.mode_where);
  f.optional_number("steps", v.steps, NumberRule::between(1.0, 1000.0, "steps"),
                    "denoising steps, replacing the model's steps for the mode (the work is linear in them)");
  f.here_of("steps", v.steps_where);
  f.optional_number("gpu_seconds", v.gpu_seconds, NumberRule::between(0.01, 1e6, "s"),
                    "mean work on one reference GPU, replacing the work computed from model, video_seconds, "
                    "resolution, mode and steps (which are then not to be written)");
  f.here_of("gpu_seconds", v.gpu_seconds_where);
  f.number("gpu_seconds_cv", v.gpu_seconds_cv, NumberRule::between(0.0, 10.0),
           "coefficient of variation of the work (lognormal); 0 = deterministic");
  f.number("video_megabytes", v.video_megabytes, NumberRule::between(0.0, 100000.0, "MB"), "size of the result");
  f.number("credits", v.credits, NumberRule::between(0.0, 1e6), "credits charged for the clip (calibration P1)");
  f.number("failure_probability", v.failure_probability, NumberRule::probability(),
           "chance a generation fails after using its GPU time (no video; credits refunded, not billed)");
}

void describe(Fields& f, ArrivalSpec& v) {
  f.choice("process", v.process, {"poisson", "deterministic"}, "arrival process of jobs");
  f.here(v.where);
  f.number("rate_per_hour", v.rate_per_hour, NumberRule::positive_up_to(1e9, "1/h"), "mean number of jobs per hour",
           Presence::kRequired);
  f.list("rate_multiplier", v.rate_multiplier,
         "piecewise-linear multiplier of the rate over simulated days, e.g. a demand surge (poisson only; sampled "
         "exactly by thinning)");
}

void describe(Fields& f, ServiceSpec& v) {
  f.here(v.where);
  f.choice("distribution", v.distribution, {"exponential", "deterministic", "lognormal", "clip_mix"},
           "distribution of reference-GPU seconds per job");
  f.optional_number("mean_s", v.mean_s, NumberRule::positive("s"),
                    "mean reference-GPU seconds (exponential, deterministic, lognormal)");
  f.optional_number("cv", v.cv, NumberRule::positive(), "coefficient of variation (lognormal only)");
  f.shares("mix", v.mix, "clip class", "clip class shares (clip_mix only); each class gives its own work");
  f.here_of("mean_s", v.mean_where);
  f.here_of("cv", v.cv_where);
  f.here_of("mix", v.mix_where);
}

void describe(Fields& f, RegionLoad& v) {
  f.here(v.where);
  f.reference("region", v.region, "region", "region the jobs come from");
  f.nested("arrivals", v.arrivals, "arrival process", Presence::kRequired);
  f.nested("service", v.service, "service-time distribution", Presence::kRequired);
  f.number("paid_share", v.paid_share, NumberRule::probability(),
           "share of the jobs submitted by paying users (what tier-aware scheduling policies see)");
}

void describe(Fields& f, Workload& v) {
  f.here(v.where);
  f.choice("mode", v.mode, {"synthetic", "users"},
           "synthetic: fixed job streams per region; users: agent-based users who adopt, pay and churn");
  f.named("clip_classes", v.clip_classes, "clip classes by name");
  f.list("synthetic", v.synthetic, "synthetic job streams, one per region at most (mode synthetic)");
  f.nested("users", v.users, "agent-based user model (mode users)");
}

void describe(Fields& f, PlatformSpec& v) {
  f.here(v.where);
  f.text("regions_dir", v.regions_dir,
         "folder with gpus.yaml, wan.yaml, video_models.yaml (optional) and one NAME.yaml per region, relative to "
         "the experiment file");
  f.references("regions", v.regions, "region", "regions that take part (files regions_dir/NAME.yaml)", 1);
  f.number("wan_bandwidth_scale", v.wan_bandwidth_scale, NumberRule::between(1e-6, 1e6),
           "multiplies the bandwidth of every link of wan.yaml, to sweep WAN capacity at once (estimate: 1 = the "
           "file's values)");
  f.number("metro_bandwidth_scale", v.metro_bandwidth_scale, NumberRule::between(1e-6, 1e6),
           "multiplies every region's metro_bandwidth_gbps (the last leg to the users, which carries every "
           "delivery, also within a region; estimate: 1 = the region files' values)");
}

void describe(Fields& f, EngineSpec& v) {
  f.integer("actor_stack_kib", v.actor_stack_kib, NumberRule::whole(16, 8192, "KiB"),
            "stack of each simulated actor (one per GPU)");
}

void describe(Fields& f, SweepAxis& v) {
  f.here(v.where);
  f.text("key", v.key, "key path to vary, as for --set (e.g. policies.scheduling.name)", Presence::kRequired);
  f.here_of("key", v.key_where);
  f.raw("values", v.values, schema::RawShape::kList, "values the key takes, each checked like the file");
}

void describe(Fields& f, SweepVariant& v) {
  f.here(v.where);
  f.identifier("name", v.name, "variant name (part of each run's folder name)", Presence::kRequired);
  f.flag("baseline", v.baseline, "the variant others are compared with (one at most; default the first)");
  f.raw("set", v.set, schema::RawShape::kMapping, "key path -> value overrides of this variant");
}

void describe(Fields& f, SweepRange& v) {
  f.here(v.where);
  f.text("key", v.key, "numeric key path to sample", Presence::kRequired);
  f.here_of("key", v.key_where);
  f.number("min", v.min, NumberRule{}, "lower end of the range", Presence::kRequired);
  f.number("max", v.max, NumberRule{}, "upper end of the range (> min)", Presence::kRequired);
  f.flag("integer", v.integer, "round each sampled value to the nearest integer");
}

void describe(Fields& f, LatinHypercube& v) {
  f.here(v.where);
  f.integer("samples", v.samples, NumberRule::whole(1, 100000), "number of design points (variants)",
            Presence::kRequired);
  f.list("ranges", v.ranges, "one range per key; values come from the stream sweep/lhs of the master seed", 1);
}

void describe(Fields& f, SensitivitySpec& v) {
  f.here(v.where);
  f.choice("method", v.method, {"morris", "sobol"},
           "morris: elementary effects on r trajectories (screening, r (k + 1) variants); sobol: first-order and "
           "total indices from Saltelli's design (N (k + 2) variants)");
  f.integer("trajectories", v.trajectories, NumberRule::whole(2, 10000),
            "Morris: number of trajectories r (required with method morris)");
  f.here_of("trajectories", v.trajectories_where);
  f.integer("levels", v.levels, NumberRule::whole(2, 100), "Morris: grid levels p, even (0 = 4)");
  f.here_of("levels", v.levels_where);
  f.integer("samples", v.samples, NumberRule::whole(2, 100000), "Sobol: base samples N (required with method sobol)");
  f.here_of("samples", v.samples_where);
  f.integer("bootstrap", v.bootstrap, NumberRule::whole(0, 100000),
            "resamples of the report's bootstrap 95% intervals (0: none)");
  f.list("ranges", v.ranges,
         "one range per factor (key, min, max, integer); draws come from the stream sweep/sensitivity of the master "
         "seed",
         1);
}

void describe(Fields& f, Sweep& v) {
  f.here(v.where);
  f.list("grid", v.grid, "axes whose cartesian product gives the variants (crossed with `variants`)");
  f.list("variants", v.variants, "named override sets");
  f.nested("latin_hypercube", v.latin_hypercube, "sampled variants (not with `grid`; crossed with `variants`)");
  f.nested("sensitivity", v.sensitivity,
           "a global sensitivity design (alone: not with grid, latin_hypercube or variants); `gvsim report` writes "
           "its indices");
}

void describe(Fields& f, Experiment& v) {
  f.here(v.where);
  f.identifier("name", v.name, "experiment name; default output folder is results/NAME", Presence::kRequired);
  f.text("description", v.description, "what the experiment shows");
  f.integer("seed", v.seed, NumberRule::whole(0, 1e15), "master seed of all random streams");
  f.integer("replication", v.replication, NumberRule::whole(0, 1e9),
            "replication index; with the seed it selects the random streams");
  f.number("horizon_days", v.horizon_days, NumberRule::between(0.001, 3650.0, "d"), "simulated time",
           Presence::kRequired);
  f.number("warmup_days", v.warmup_days, NumberRule::between(0.0, 3650.0, "d"),
           "initial period left out of summary statistics (must be < horizon_days)");
  f.here_of("warmup_days", v.warmup_where);
  f.number("scale", v.scale, NumberRule::between(1.0, 1e7),
           "real users and real GPUs each simulated one stands for: GPU counts in region files are divided by it "
           "(rounded), and user, job and money figures in results are multiplied by it");
  f.nested("platform", v.platform, "regions, datacenters and WAN", Presence::kRequired);
  f.raw("regions", v.region_overrides, schema::RawShape::kMapping,
        "per-region replacements of region-file keys, by region name: any key of regions/NAME.yaml below `region:` "
        "(market, payments, regulation, datacenters and their clusters, addressed by name), e.g. "
        "regions.india.payments.method_share or regions.india.datacenters.in_west.clusters.in_west_h100.gpu_count");
  f.raw("gpus", v.gpu_overrides, schema::RawShape::kMapping,
        "replacements of GPU catalog keys (regions/gpus.yaml), by GPU model name, e.g. "
        "gpus.h100_sxm.reserved_usd_per_gpu_hour");
  f.raw("wan", v.wan_overrides, schema::RawShape::kMapping,
        "replacements of WAN link keys (regions/wan.yaml), by link named FROM-TO in either order, e.g. "
        "wan.china-europe.bandwidth_gbps");
  f.raw("video_models", v.video_model_overrides, schema::RawShape::kMapping,
        "replacements of video-model catalogue keys (regions/video_models.yaml), by model name, e.g. "
        "video_models.platform_13b.standard.steps");
  f.nested("workload", v.workload, "what jobs arrive", Presence::kRequired);
  f.nested("policies", v.policies, "policy modules by name");
  f.nested("engine", v.engine, "simulation engine settings");
  f.integer("replications", v.replications, NumberRule::whole(1, 100000),
            "runs per variant; run r sets replication to the file's replication + r, same master seed (common "
            "random numbers)");
  f.nested("sweep", v.sweep, "variants of the experiment to run as one study (see Studies)");
  f.nested("market", v.market, "rival platforms, the choice among them, word of mouth and marketing (mode users)");
  f.nested("parent", v.parent,
           "what the tool is worth to its parent platform by channel, and the product / feature / cost-centre "
           "verdict's thresholds (mode users)");
  if (v.workload.mode != "users") f.inactive("parent", "workload mode is not users (no users, no parent value)");
}

void describe(Fields& f, GpuCatalog& v) {
  f.named("gpus", v.gpus, "GPU models by name", 1);
}

void describe(Fields& f, WanCatalog& v) {
  f.list("links", v.links, "WAN links between regions");
}

void describe(Fields& f, RegionFile& v) {
  f.nested("region", v.region, "the region", Presence::kRequired);
}

}  // namespace gvsim::model
