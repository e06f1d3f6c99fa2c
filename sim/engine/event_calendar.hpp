#pragma once

#include <simgrid/forward.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace gvsim::engine {

/// @brief The run's own events (job completions, synthetic arrivals) on one SimGrid kernel timer.
///
/// Events are kept in a binary heap ordered by (time, order of scheduling), so events at the same time run in the
/// order they were scheduled. Only the earliest one has a kernel timer
/// (`simgrid::kernel::timer::Timer`): SimGrid advances its clock to that date, as for any activity, and the timer
/// runs every due event in the maestro, without an actor, a context switch or an activity. Events at or after the
/// horizon are dropped (the run ends there).
class EventCalendar {
 public:
  /// @brief What an event does; small captures (two words) are stored without allocation.
  using Callback = std::function<void()>;

  /// @brief A calendar for a run that ends at `horizon_s`.
  explicit EventCalendar(double horizon_s) : horizon_s_(horizon_s) {}
  ~EventCalendar();
  EventCalendar(const EventCalendar&) = delete;
  EventCalendar& operator=(const EventCalendar&) = delete;

  /// @brief Runs `callback` at simulated time t (not before the current time); dropped if t >= the horizon.
  void at(double t, Callback callback);
  /// @brief The end of the run, in seconds.
  double horizon_s() const { return horizon_s_; }

 private:
  struct Entry {
    double t;
    std::uint64_t order;
    std::uint32_t slot;  ///< index in callbacks_
  };
  /// Heap order: the earliest time first, then the earliest scheduled (std heaps keep the largest on top).
  static bool later(const Entry& a, const Entry& b);
  /// Runs every due event, then arms the timer for the next one.
  void fire();
  /// Makes the kernel timer ring at the earliest event.
  void arm();

  double horizon_s_;
  std::vector<Entry> heap_;
  std::vector<Callback> callbacks_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_order_ = 0;
  simgrid::kernel::timer::Timer* timer_ = nullptr;
  double armed_s_ = 0.0;
  bool firing_ = false;
};

}  // namespace gvsim::engine
