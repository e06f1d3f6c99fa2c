#include "sim/engine/event_calendar.hpp"

#include <simgrid/engine.h>  // simgrid_get_clock(): s4u/Engine.hpp takes seconds to compile
#include <simgrid/kernel/Timer.hpp>

#include <algorithm>
#include <utility>

namespace gvsim::engine {

bool EventCalendar::later(const Entry& a, const Entry& b) {
  return a.t > b.t || (a.t == b.t && a.order > b.order);
}

EventCalendar::~EventCalendar() {
  if (timer_ != nullptr) timer_->remove();
}

void EventCalendar::at(double t, Callback callback) {
  if (!(t < horizon_s_)) return;
  std::uint32_t slot = 0;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(callbacks_.size());
    callbacks_.push_back(std::move(callback));
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
    callbacks_[slot] = std::move(callback);
  }
  heap_.push_back(Entry{t, next_order_++, slot});
  std::push_heap(heap_.begin(), heap_.end(), later);
  if (!firing_) arm();
}

void EventCalendar::arm() {
  if (heap_.empty()) return;
  const double next = heap_.front().t;
  if (timer_ != nullptr) {
    if (armed_s_ <= next) return;
    timer_->remove();
  }
  armed_s_ = next;
  timer_ = simgrid::kernel::timer::Timer::set(next, [this] { fire(); });
}

void EventCalendar::fire() {
  // SimGrid deletes this timer once the callback returns: forget it first, set the next one at the end.
  timer_ = nullptr;
  firing_ = true;
  const double now = simgrid_get_clock();
  while (!heap_.empty() && heap_.front().t <= now) {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const std::uint32_t slot = heap_.back().slot;
    heap_.pop_back();
    Callback callback = std::move(callbacks_[slot]);
    free_slots_.push_back(slot);
    callback();
  }
  firing_ = false;
  arm();
}

}  // namespace gvsim::engine
