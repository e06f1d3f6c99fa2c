#pragma once

#include <cstdint>
#include <functional>

#include "sim/model/scenario.hpp"
#include "sim/observe/run_outcome.hpp"

namespace gvsim::engine {

/// @brief Signal handler for SIGINT and SIGTERM, installed again once the SimGrid Engine (which installs its own
/// SIGINT handler) exists; nullptr keeps SimGrid's.
using InterruptHandler = void (*)(int);
/// @brief Sets the handler run_simulation installs after creating the Engine.
void set_interrupt_handler(InterruptHandler handler);

/// @brief Observer of a run's progress: simulated seconds so far and events so far. It must only read: what it
/// does cannot change the run.
using ProgressHook = std::function<void(double simulated_s, std::uint64_t events)>;
/// @brief Sets the hook run_simulation calls every kProgressStride advances of the simulated clock (a counter
/// test, not a call per event); empty: none.
void set_progress_hook(ProgressHook hook);
/// @brief Clock advances between two calls of the progress hook.
inline constexpr std::uint64_t kProgressStride = 1024;

/// @brief Runs one scenario on a fresh SimGrid Engine (one per process: SimGrid's Engine is a singleton).
///
/// In users mode one market actor per region steps its users' events; synthetic arrivals and GPU jobs are events
/// of the run's calendar (one SimGrid kernel timer): a queued job starts at once on the cluster's longest-idle GPU
/// slot and ends after its work over the slot's host speed. In users mode a few delivery actors per cluster send
/// finished videos over the WAN (SimGrid communications on the platform's links).
observe::RunOutcome run_simulation(const model::Scenario& scenario);

}  // namespace gvsim::engine
