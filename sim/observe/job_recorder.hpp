#pragma once

#include <cstdint>
#include <vector>

namespace gvsim::observe {

/// @brief Daily observations of one cluster.
struct ClusterDay {
  std::int64_t jobs_arrived = 0;
  std::int64_t jobs_started = 0;
  std::int64_t jobs_completed = 0;
  std::int64_t jobs_abandoned = 0;
  double wait_sum_s = 0.0;
  std::vector<double> waits_s;  ///< waits of jobs started that day (for percentiles)
  double busy_gpu_s = 0.0;
  double queue_area_s = 0.0;                ///< integral of the queue length over the day
  double egress_gb = 0.0;                   ///< video data sent out of the cluster's datacenter
  std::vector<double> busy_by_origin_s;     ///< busy GPU-seconds per region the jobs came from
  std::vector<double> egress_by_origin_gb;  ///< egress per region the videos went to
  double provisioned_gpu_s = 0.0;           ///< GPU time in service (integral of the GPUs in service)
  double reserved_gpu_s = 0.0;              ///< GPU time on reserved contracts
  double on_demand_gpu_s = 0.0;             ///< GPU time in service beyond the reserved GPUs
};

/// @brief Everything observed on one cluster during a run.
struct ClusterObservation {
  std::int64_t gpus = 1;          ///< GPUs in service at the start
  std::int64_t in_service = 1;    ///< GPUs in service now
  std::int64_t reserved = 1;      ///< GPUs on reserved contracts now
  double capacity_since_s = 0.0;  ///< time of the last change of in_service or reserved
  std::vector<ClusterDay> days;
  // State.
  std::int64_t queued = 0;
  std::int64_t running = 0;
  double last_event_s = 0.0;
  double queued_submit_sum_s = 0.0;         ///< sum of submit times of jobs still waiting
  std::vector<double> running_since_s;      ///< per GPU slot: start of the running job, or -1 when idle
  std::vector<std::size_t> running_origin;  ///< per GPU slot: region of the running job
  // Whole-run totals.
  std::int64_t arrived = 0;
  std::int64_t started = 0;
  std::int64_t completed = 0;
  std::int64_t abandoned = 0;
  double wait_sum_all_s = 0.0;  ///< time in queue of started and abandoned jobs
  double queue_area_all_s = 0.0;
  // After warm-up (jobs submitted at or after the warm-up end; areas over [warmup, horizon]).
  std::int64_t arrived_post = 0;
  std::int64_t started_post = 0;
  double wait_sum_post_s = 0.0;
  std::vector<double> waits_post_s;
  std::vector<std::uint8_t> paid_post;  ///< per entry of waits_post_s: 1 when the job was a paying user's
  double queue_area_post_s = 0.0;
  double busy_post_gpu_s = 0.0;
  double provisioned_post_gpu_s = 0.0;
  double provisioned_all_gpu_s = 0.0;
};

/// @brief Turns job events into daily and whole-run observations; knows nothing of SimGrid.
///
/// Time-integrals (queue length, busy GPUs) are accumulated exactly between events and split at day
/// boundaries, so Little's law holds on every sample path: the queue-length integral equals the sum of waits.
class JobRecorder {
 public:
  /// @brief One entry per cluster with its GPU count; days = ceil(horizon / 86400); `regions` origins of jobs.
  JobRecorder(const std::vector<std::int64_t>& gpus_per_cluster, double horizon_s, double warmup_s,
              std::size_t regions = 1);

  /// @brief A job joined the queue of `cluster` at time t.
  void on_arrival(std::size_t cluster, double t);
  /// @brief GPU `slot` of `cluster` started a job from region `origin` (of a paying user if `paid`) submitted at
  /// `submit_s`, at time t.
  void on_start(std::size_t cluster, std::size_t slot, double submit_s, double t, std::size_t origin = 0,
                bool paid = false);
  /// @brief A job submitted at `submit_s` left the queue of `cluster` unserved at time t (patience exceeded).
  void on_abandon(std::size_t cluster, double submit_s, double t);
  /// @brief `gb` of video left `cluster`'s datacenter at time t.
  void on_egress(std::size_t cluster, double t, double gb, std::size_t origin = 0);
  /// @brief GPU `slot` of `cluster` finished its job at time t.
  void on_complete(std::size_t cluster, std::size_t slot, double t);
  /// @brief From time t, `cluster` has `in_service` GPUs serving, `reserved` of its GPUs on reserved contracts.
  void on_capacity(std::size_t cluster, double t, std::int64_t in_service, std::int64_t reserved);
  /// @brief Makes room for `slots` GPU slots in `cluster` (GPUs that may enter service later).
  void set_slot_count(std::size_t cluster, std::size_t slots);
  /// @brief Busy GPU-seconds of `cluster` from the start up to time t (running jobs included).
  double busy_gpu_s_until(std::size_t cluster, double t) const;
  /// @brief GPU-seconds in service of `cluster` from the start up to time t.
  double provisioned_gpu_s_until(std::size_t cluster, double t) const;
  /// @brief Closes all integrals at the horizon; call once after the run.
  void finish();

  /// @brief Jobs waiting at `cluster`.
  std::int64_t queued(std::size_t cluster) const { return clusters_[cluster].queued; }
  /// @brief Jobs running at `cluster`.
  std::int64_t running(std::size_t cluster) const { return clusters_[cluster].running; }
  /// @brief Observations per cluster.
  const std::vector<ClusterObservation>& clusters() const { return clusters_; }
  /// @brief Simulated horizon in seconds.
  double horizon_s() const { return horizon_s_; }
  /// @brief Warm-up length in seconds.
  double warmup_s() const { return warmup_s_; }
  /// @brief Number of days in the time series (the last may be partial).
  std::size_t day_count() const { return day_count_; }
  /// @brief Seconds of day `day` that lie inside the horizon.
  double day_length_s(std::size_t day) const;

 private:
  void advance(ClusterObservation& c, double t);
  void add_busy(ClusterObservation& c, double from, double to, std::size_t origin);
  void add_capacity(ClusterObservation& c, double to);
  std::size_t day_of(double t) const;
  /// Calls body(day, seconds) for each day piece of [from, to].
  template <class Body>
  void for_each_day(double from, double to, Body body) const;

  std::vector<ClusterObservation> clusters_;
  double horizon_s_;
  double warmup_s_;
  std::size_t day_count_;
  bool finished_ = false;
};

}  // namespace gvsim::observe
