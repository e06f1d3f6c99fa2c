// Floor of the canonical job benchmark: the model of bench/canonical_jobs.yaml (six independent FIFO M/M/c
// queues at rho = 0.85, mean service 120 s) as a bare event loop over one std::priority_queue, with no engine,
// no actors and no per-day bookkeeping. It shows how fast this model can be simulated at all.
//
// It draws from the same named random streams as gvsim (gvsim::rng::RandomStream, streams arrivals/REGION and
// service/REGION of the experiment's seed and replication 0), so it follows the same sample path as
// `gvsim run bench/canonical_jobs.yaml`: its mean waits must equal gvsim's up to rounding of event times.
//
// Usage: gvsim_bench_floor [--days N] [--warmup-days W] [--seed S]
// Prints CSV on stdout: cluster,gpus,jobs_arrived,jobs_measured,mean_wait_s. A job is measured if it started
// at or after the warm-up (gvsim's timeseries.csv counts waits by start day, the same rule).
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <queue>
#include <string>
#include <vector>

#include "sim/rng/random_stream.hpp"

namespace {

struct ClusterSpec {
  const char* region;
  const char* cluster;
  int gpus;
  double rate_per_hour;
};

// Must match bench/canonical_jobs.yaml and bench/regions/.
constexpr std::array<ClusterSpec, 6> kClusters{{{"site64", "site64_h100", 64, 1632.0},
                                                {"site32a", "site32a_h100", 32, 816.0},
                                                {"site32b", "site32b_h100", 32, 816.0},
                                                {"site16a", "site16a_h100", 16, 408.0},
                                                {"site16b", "site16b_h100", 16, 408.0},
                                                {"site8", "site8_h100", 8, 204.0}}};
constexpr double kMeanServiceS = 120.0;
constexpr double kDayS = 86400.0;

enum class Kind : std::uint32_t { kArrival, kCompletion };

struct Event {
  double time;
  std::uint64_t sequence;  // ties broken in scheduling order
  std::uint32_t cluster;
  Kind kind;
};

struct Later {
  bool operator()(const Event& a, const Event& b) const {
    return a.time != b.time ? a.time > b.time : a.sequence > b.sequence;
  }
};

struct Waiting {
  double submit_s;
  double work_s;
};

struct Cluster {
  Cluster(std::uint64_t seed, const ClusterSpec& spec)
      : arrivals(seed, 0, std::string("arrivals/") + spec.region),
        service(seed, 0, std::string("service/") + spec.region),
        mean_interarrival_s(1.0 / (spec.rate_per_hour / 3600.0)),
        gpus(spec.gpus) {}

  gvsim::rng::RandomStream arrivals;
  gvsim::rng::RandomStream service;
  double mean_interarrival_s;
  int gpus;
  int busy = 0;
  std::deque<Waiting> queue;
  std::int64_t arrived = 0;
  std::int64_t measured = 0;
  double wait_sum_s = 0.0;
};

double parse_number(const char* flag, const char* text) {
  char* end = nullptr;
  const double value = std::strtod(text, &end);
  if (end == text || *end != '\0' || !(value >= 0.0)) {
    std::fprintf(stderr, "gvsim_bench_floor: %s expects a non-negative number, got '%s'\n", flag, text);
    std::exit(2);
  }
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  double days = 10.0;
  double warmup_days = 1.0;
  double seed = 1.0;
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (std::strcmp(argv[i], "--days") == 0 && has_value) {
      days = parse_number(argv[i], argv[i + 1]);
      ++i;
    } else if (std::strcmp(argv[i], "--warmup-days") == 0 && has_value) {
      warmup_days = parse_number(argv[i], argv[i + 1]);
      ++i;
    } else if (std::strcmp(argv[i], "--seed") == 0 && has_value) {
      seed = parse_number(argv[i], argv[i + 1]);
      ++i;
    } else {
      std::fprintf(stderr, "usage: gvsim_bench_floor [--days N] [--warmup-days W] [--seed S]\n");
      return 2;
    }
  }
  const auto started = std::chrono::steady_clock::now();
  const double horizon_s = days * kDayS;
  const double warmup_s = warmup_days * kDayS;
  const auto master_seed = static_cast<std::uint64_t>(seed);

  std::vector<Cluster> clusters;
  clusters.reserve(kClusters.size());
  for (const auto& spec : kClusters)
    clusters.emplace_back(master_seed, spec);

  std::priority_queue<Event, std::vector<Event>, Later> events;
  std::uint64_t sequence = 0;
  std::uint64_t processed = 0;
  for (std::uint32_t c = 0; c < clusters.size(); ++c) {
    const double first = clusters[c].arrivals.exponential(clusters[c].mean_interarrival_s);
    if (first < horizon_s) events.push(Event{first, sequence++, c, Kind::kArrival});
  }
  auto start_job = [&](Cluster& cluster, std::uint32_t c, double now, double submit_s, double work_s) {
    ++cluster.busy;
    if (now >= warmup_s) {
      ++cluster.measured;
      cluster.wait_sum_s += now - submit_s;
    }
    events.push(Event{now + work_s, sequence++, c, Kind::kCompletion});
  };

  while (!events.empty()) {
    const Event event = events.top();
    if (event.time > horizon_s) break;
    events.pop();
    ++processed;
    Cluster& cluster = clusters[event.cluster];
    const double now = event.time;
    if (event.kind == Kind::kArrival) {
      ++cluster.arrived;
      const double work_s = cluster.service.exponential(kMeanServiceS);
      if (cluster.busy < cluster.gpus) {
        start_job(cluster, event.cluster, now, now, work_s);
      } else {
        cluster.queue.push_back(Waiting{now, work_s});
      }
      const double next = now + cluster.arrivals.exponential(cluster.mean_interarrival_s);
      if (next < horizon_s) events.push(Event{next, sequence++, event.cluster, Kind::kArrival});
    } else {
      --cluster.busy;
      if (!cluster.queue.empty()) {
        const Waiting job = cluster.queue.front();
        cluster.queue.pop_front();
        start_job(cluster, event.cluster, now, job.submit_s, job.work_s);
      }
    }
  }

  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("cluster,gpus,jobs_arrived,jobs_measured,mean_wait_s\n");
  std::int64_t total = 0;
  for (std::size_t c = 0; c < clusters.size(); ++c) {
    const Cluster& cluster = clusters[c];
    total += cluster.arrived;
    std::printf("%s,%d,%lld,%lld,%.9g\n", kClusters[c].cluster, cluster.gpus, static_cast<long long>(cluster.arrived),
                static_cast<long long>(cluster.measured),
                cluster.measured > 0 ? cluster.wait_sum_s / static_cast<double>(cluster.measured) : 0.0);
  }
  std::fprintf(stderr, "gvsim_bench_floor: %lld jobs, %llu events, %.3f s in the event loop\n",
               static_cast<long long>(total), static_cast<unsigned long long>(processed), wall_s);
  return 0;
}
