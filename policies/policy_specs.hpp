#pragma once

#include <cstdint>
#include <string>

namespace gvsim::policies {

/// @brief Parameters of the spill-over placement: a primary rule until its choice is too loaded.
struct SpillOverParams {
  std::string primary = "nearest";  ///< nearest or cheapest
  double load_threshold = 1.5;      ///< jobs per GPU (queued + running) at which the primary choice spills over
};

/// @brief Which placement policy decides where a region's jobs run, with its parameters.
struct PlacementSpec {
  std::string name = "nearest";
  SpillOverParams spill_over;
};

/// @brief Parameters of weighted sharing between paid and free jobs.
struct WeightedShareParams {
  double paid_weight = 3.0;  ///< paid jobs started per free job when both wait
};

/// @brief Parameters of the relaxed free-tier queue.
struct RelaxedFreeParams {
  double free_gpu_share = 0.5;  ///< largest share of the cluster's GPUs free jobs may occupy at once
};

/// @brief Which scheduling policy orders each cluster's queue, with its parameters.
struct SchedulingSpec {
  std::string name = "fifo";
  WeightedShareParams weighted_share;
  RelaxedFreeParams relaxed_free;
};

/// @brief Parameters of reactive autoscaling of one cluster.
struct AutoscaleParams {
  std::string metric = "utilisation";  ///< utilisation or queue_wait
  double check_interval_hours = 1.0;
  double scale_up_above = 0.85;   ///< utilisation share, or mean wait in seconds for queue_wait
  double scale_down_below = 0.4;  ///< same unit as scale_up_above
  double step_share = 0.1;        ///< GPUs per order as a share of the cluster's base fleet (at least one)
  double lead_time_days = 14.0;   ///< procurement delay between an order and the GPUs serving
  double min_share = 1.0;         ///< fewest GPUs as a share of the base fleet
  double max_share = 2.0;         ///< most GPUs as a share of the base fleet
};

/// @brief Which capacity policy sizes each cluster, with its parameters.
struct CapacitySpec {
  std::string name = "fixed";
  double reserved_share = 1.0;  ///< share of the base fleet on reserved contracts; the rest is billed on demand
  AutoscaleParams autoscale;
};

}  // namespace gvsim::policies
