#pragma once

#include <cstdint>

namespace gvsim::model {

/// @brief Probability that a job waits in an M/M/c queue with `servers` servers and offered load `load` (Erlang C).
double erlang_c_probability(double load, std::int64_t servers);

/// @brief Mean M/M/c wait in queue in units of the mean service time, at utilisation `rho` (< 1) on `servers`.
///
/// This is how far the mean time in system exceeds its limit for an infinitely large cluster at the same
/// utilisation (the service time alone): the queueing that exists only because the cluster is finite.
double erlang_c_excess(double rho, std::int64_t servers);

/// @brief Smallest cluster whose Erlang C excess at utilisation `rho` is at most `tolerance`.
///
/// Utilisations at or above `max_rho` are taken as `max_rho` (a saturated queue has no finite answer).
std::int64_t erlang_c_servers_within(double rho, double tolerance, double max_rho = 0.99);

}  // namespace gvsim::model
