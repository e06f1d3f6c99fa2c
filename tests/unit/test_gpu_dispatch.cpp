// The run's event calendar (one SimGrid kernel timer for the earliest event) and the GPU dispatch built on it:
// events run in time order and, at equal times, in the order they were scheduled; nothing runs at or after the
// horizon; a GPU released while it runs a job finishes that job, delivers its clip and then leaves service.
#include <catch2/catch.hpp>

#include <simgrid/engine.h>
#include <simgrid/s4u/Actor.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>
#include <simgrid/s4u/NetZone.hpp>

#include <cstdint>
#include <sstream>
#include <string>

#include "sim/config/scenario_loader.hpp"
#include "sim/engine/event_calendar.hpp"
#include "sim/engine/simulation.hpp"
#include "tests/support/test_support.hpp"

namespace sg4 = simgrid::s4u;
using gvsim::engine::EventCalendar;
using gvsim::test::TempDir;

TEST_CASE("event calendar: time order, simultaneous events in scheduling order, none at or after the horizon",
          "[engine]") {
  const std::string log = gvsim::test::run_in_child([] {
    int argc = 2;
    char name[] = "calendar";
    char quiet[] = "--log=root.thres:critical";
    char* argv[] = {name, quiet, nullptr};
    sg4::Engine engine(&argc, argv);
    auto* zone = sg4::create_full_zone("world");
    sg4::Host* host = zone->create_host("h", 1e9)->seal();
    zone->seal();
    std::ostringstream out;
    EventCalendar calendar(10.0);
    auto note = [&out](const char* what) { out << what << '@' << simgrid_get_clock() << ' '; };
    calendar.at(3.0, [&] {
      note("c");
      calendar.at(3.0, [&] { note("c2"); });  // same time, from inside an event: after d
      calendar.at(5.0, [&] { note("e"); });
    });
    calendar.at(1.0, [&] { note("a"); });
    calendar.at(1.0, [&] { note("b"); });
    calendar.at(3.0, [&] { note("d"); });
    calendar.at(10.0, [&] { note("horizon"); });  // dropped
    calendar.at(12.0, [&] { note("late"); });     // dropped
    // An actor schedules an event earlier than the one the timer waits for.
    sg4::Actor::create("early", host, [&] {
      sg4::this_actor::sleep_until(4.0);
      calendar.at(4.5, [&] { note("x"); });
      sg4::this_actor::sleep_until(10.0);
    });
    engine.run();
    return out.str();
  });
  CHECK(log == "a@1 b@1 c@3 d@3 c2@3 x@4.5 e@5 ");
}

namespace {

/// A users-mode experiment on one cluster of 4 GPUs kept busy (more requests than it can serve, patient users), from
/// which a scheduled expansion of -3 GPUs on day 2 removes 3 GPUs while all of them run a job.
std::string write_retiring_scenario(const TempDir& dir) {
  gvsim::test::write_catalogs(dir, "[]");
  dir.write("regions/home.yaml",
            "region:\n"
            "  name: home\n"
            "  utc_offset_h: 0\n"
            "  market:\n"
            "    addressable_users_millions: 0.2\n"
            "    bass_p_per_year: 10\n"
            "    bass_q_per_year: 40\n"
            "  datacenters:\n"
            "    - name: home_dc\n"
            "      clusters:\n"
            "        - {name: home_gpus, gpu: h100_sxm, gpu_count: 4}\n");
  return dir.write("experiment.yaml",
                   "name: retiring_gpus\n"
                   "seed: 5\n"
                   "horizon_days: 4\n"
                   "scale: 1\n"
                   "platform:\n"
                   "  regions_dir: regions\n"
                   "  regions: [home]\n"
                   "workload:\n"
                   "  mode: users\n"
                   "  clip_classes:\n"
                   "    clip: {gpu_seconds: 300, gpu_seconds_cv: 0.3, credits: 1, video_megabytes: 8}\n"
                   "  users:\n"
                   "    segments:\n"
                   "      casual:\n"
                   "        share: 1\n"
                   "        requests_per_day: 1\n"
                   "        clip_mix: {clip: 1}\n"
                   "        patience_s_median: 10000000\n"
                   "        patience_log_sd: 0\n"
                   "    pricing:\n"
                   "      free_daily_credits: 100\n"
                   "      tiers:\n"
                   "        standard: {usd_per_month: 7, credits_per_month: 300}\n"
                   "policies:\n"
                   "  expansions:\n"
                   "    - {day: 2, cluster: home_gpus, gpus: -3}\n");
}

}  // namespace

TEST_CASE("GPUs released while running a job finish it, deliver its clip, then leave service", "[engine][users]") {
  TempDir dir;
  const auto scenario = gvsim::config::load_scenario(write_retiring_scenario(dir));
  std::istringstream report(gvsim::test::run_in_child([&] {
    const auto outcome = gvsim::engine::run_simulation(scenario);
    const auto& cluster = outcome.recorder.clusters()[0];
    double delivered = 0.0;
    for (const auto& day : outcome.market->days()[0])
      delivered += static_cast<double>(day.jobs_delivered);
    std::ostringstream out;
    out << cluster.started << ' ' << cluster.completed << ' ' << cluster.abandoned << ' ' << cluster.queued << ' '
        << outcome.recorder.running(0) << ' ' << delivered;
    return out.str();
  }));
  std::int64_t started = 0;
  std::int64_t completed = 0;
  std::int64_t abandoned = 0;
  std::int64_t queued = 0;
  std::int64_t running = 0;
  double delivered = 0.0;
  report >> started >> completed >> abandoned >> queued >> running >> delivered;
  INFO("started " << started << ", completed " << completed << ", queued " << queued << ", running " << running
                  << ", delivered " << delivered);
  REQUIRE(queued > 100);  // the cluster never ran out of work: all 4 GPUs were busy when 3 were released
  CHECK(abandoned == 0);
  CHECK(running == 1);                    // one GPU left in service at the horizon, busy
  CHECK(completed == started - running);  // every job a released GPU started was finished
  // Every finished clip was delivered, except the few still on the wire at the horizon (8 delivery slots).
  CHECK(delivered <= static_cast<double>(completed));
  CHECK(delivered >= static_cast<double>(completed - 8));
  // 4 GPUs for 2 days, then 1 for 2 days: about (4 + 1) x 2 x 86400 / 300 jobs of 300 s (cv 0.3).
  CHECK(completed > 2400);
  CHECK(completed < 3400);
}
