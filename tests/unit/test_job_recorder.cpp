#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/observe/job_recorder.hpp"
#include "sim/output/run_summary.hpp"

using gvsim::observe::JobRecorder;
using gvsim::observe::RunOutcome;
using gvsim::output::InvariantViolation;

namespace {

RunOutcome outcome_of(const JobRecorder& recorder, std::int64_t gpus) {
  gvsim::model::ClusterInfo info;
  info.name = "lab_gpus";
  info.datacenter = "lab_dc";
  info.gpus = gpus;
  return RunOutcome{{info}, recorder, 0, nullptr, {}, {}};
}

std::vector<double> sorted(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

// A hand-played day and a half on one cluster of 2 GPUs; warm-up 21600 s (0.25 d), horizon 129600 s (1.5 d).
//
//   job  submit   start    slot  wait    end       notes
//   J1     1000    1000     0       0      5000
//   J2     2000    2000     1       0     22000    busy across the warm-up end
//   J3     3000    5000     0    2000     40000
//   J4    20000   22000     1    2000     90000    queued across the warm-up end, runs across midnight
//   J5    30000   40000     0   10000    110000    first measured job; runs across midnight
//   J6    80000   90000     1   10000   (running)  queued across midnight
//   J7   105000  110000     0    5000   (running)
//   J8   120000       -     -       -        -     still queued at the horizon
//   J9   125000       -     -       -        -     still queued at the horizon (queue length 2 from 125000)
//
// Queue length is 1 on [3000,5000], [20000,22000], [30000,40000], [80000,90000], [105000,110000], [120000,125000]
// and 2 on [125000,129600]. Both GPUs are busy without a gap from 2000 s (slot 1) and 1000 s (slot 0) onwards.
TEST_CASE("JobRecorder books a hand-computed day and a half: days, midnight, warm-up and the horizon", "[recorder]") {
  JobRecorder rec({2}, 129600.0, 21600.0);
  REQUIRE(rec.day_count() == 2);
  CHECK(rec.day_length_s(0) == 86400.0);
  CHECK(rec.day_length_s(1) == 43200.0);

  rec.on_arrival(0, 1000);
  rec.on_start(0, 0, 1000, 1000);
  rec.on_arrival(0, 2000);
  rec.on_start(0, 1, 2000, 2000);
  rec.on_arrival(0, 3000);
  CHECK(rec.queued(0) == 1);
  CHECK(rec.running(0) == 2);
  rec.on_complete(0, 0, 5000);
  rec.on_start(0, 0, 3000, 5000);
  rec.on_arrival(0, 20000);
  rec.on_complete(0, 1, 22000);
  rec.on_start(0, 1, 20000, 22000);
  rec.on_arrival(0, 30000);
  rec.on_complete(0, 0, 40000);
  rec.on_start(0, 0, 30000, 40000);
  rec.on_arrival(0, 80000);
  rec.on_complete(0, 1, 90000);
  rec.on_start(0, 1, 80000, 90000);
  rec.on_arrival(0, 105000);
  rec.on_complete(0, 0, 110000);
  rec.on_start(0, 0, 105000, 110000);
  rec.on_arrival(0, 120000);
  rec.on_arrival(0, 125000);
  rec.finish();
  rec.finish();  // idempotent

  const auto& c = rec.clusters().at(0);
  // Day 0 = [0, 86400).
  const auto& d0 = c.days.at(0);
  CHECK(d0.jobs_arrived == 6);      // J1..J6
  CHECK(d0.jobs_started == 5);      // J1..J5
  CHECK(d0.jobs_completed == 3);    // J1, J2, J3
  CHECK(d0.wait_sum_s == 14000.0);  // 0 + 0 + 2000 + 2000 + 10000
  CHECK(sorted(d0.waits_s) == std::vector<double>{0, 0, 2000, 2000, 10000});
  CHECK(d0.queue_area_s == 20400.0);  // 2000 + 2000 + 10000 + (86400 - 80000)
  CHECK(d0.busy_gpu_s == 169800.0);   // (86400 - 1000) + (86400 - 2000)
  // Day 1 = [86400, 129600], a half day.
  const auto& d1 = c.days.at(1);
  CHECK(d1.jobs_arrived == 3);      // J7, J8, J9
  CHECK(d1.jobs_started == 2);      // J6, J7
  CHECK(d1.jobs_completed == 2);    // J4, J5
  CHECK(d1.wait_sum_s == 15000.0);  // 10000 + 5000
  CHECK(sorted(d1.waits_s) == std::vector<double>{5000, 10000});
  CHECK(d1.queue_area_s == 22800.0);  // (90000 - 86400) + 5000 + 5000 + 2 * 4600
  CHECK(d1.busy_gpu_s == 86400.0);    // both GPUs all 43200 s

  // End state.
  CHECK(c.queued == 2);
  CHECK(c.running == 2);
  CHECK(c.queued_submit_sum_s == 245000.0);  // J8 + J9
  CHECK(c.last_event_s == 129600.0);
  CHECK(c.running_since_s == std::vector<double>{110000, 90000});
  // Whole run.
  CHECK(c.arrived == 9);
  CHECK(c.started == 7);
  CHECK(c.completed == 5);
  CHECK(c.wait_sum_all_s == 29000.0);
  CHECK(c.queue_area_all_s == 43200.0);
  // Little's law on the sample path: 29000 + 2 * 129600 - 245000 = 43200.
  CHECK(c.wait_sum_all_s + static_cast<double>(c.queued) * 129600.0 - c.queued_submit_sum_s == c.queue_area_all_s);
  // After warm-up: jobs submitted at or after 21600 s (J5..J9); areas over [21600, 129600].
  CHECK(c.arrived_post == 5);
  CHECK(c.started_post == 3);  // J5, J6, J7; J4 (submitted 20000) is not measured
  CHECK(c.wait_sum_post_s == 25000.0);
  CHECK(sorted(c.waits_post_s) == std::vector<double>{5000, 10000, 10000});
  CHECK(c.queue_area_post_s == 39600.0);  // (22000 - 21600) + 10000 + 10000 + 5000 + 5000 + 9200
  CHECK(c.busy_post_gpu_s == 216000.0);   // 2 GPUs x 108000 s

  const RunOutcome outcome = outcome_of(rec, 2);
  CHECK_NOTHROW(gvsim::output::check_invariants(outcome));
  const auto s = gvsim::output::summarize(outcome, {0}, "lab");
  CHECK(s.name == "lab");
  CHECK(s.gpus == 2);
  CHECK(s.jobs_arrived == 9);
  CHECK(s.jobs_started == 7);
  CHECK(s.jobs_completed == 5);
  CHECK(s.jobs_queued_end == 2);
  CHECK(s.jobs_running_end == 2);
  CHECK(s.jobs_measured == 3);
  CHECK(s.mean_wait_s == Approx(25000.0 / 3.0).epsilon(1e-15));
  CHECK(s.p95_wait_s == 10000.0);  // nearest rank ceil(0.95 * 3) = 3 of {5000, 10000, 10000}
  CHECK(s.max_wait_s == 10000.0);
  CHECK(s.mean_queue_length == Approx(39600.0 / 108000.0).epsilon(1e-15));
  CHECK(s.arrival_rate_per_s == Approx(5.0 / 108000.0).epsilon(1e-15));
  CHECK(s.utilisation == Approx(1.0).epsilon(1e-15));
  CHECK(s.gpu_hours_busy == Approx((169800.0 + 86400.0) / 3600.0).epsilon(1e-15));
  CHECK(s.gpu_hours_provisioned == Approx(2.0 * 129600.0 / 3600.0).epsilon(1e-15));
}

TEST_CASE("JobRecorder: an event exactly at midnight belongs to the new day, and a partial last day", "[recorder]") {
  JobRecorder rec({1}, 2.5 * 86400.0, 0.0);
  REQUIRE(rec.day_count() == 3);
  rec.on_arrival(0, 86400.0);
  rec.on_start(0, 0, 86400.0, 86400.0);
  rec.on_complete(0, 0, 2.0 * 86400.0);
  rec.finish();
  const auto& days = rec.clusters()[0].days;
  CHECK(days[0].jobs_arrived == 0);
  CHECK(days[1].jobs_arrived == 1);
  CHECK(days[1].jobs_started == 1);
  CHECK(days[1].busy_gpu_s == 86400.0);
  CHECK(days[2].jobs_completed == 1);
  CHECK(days[2].busy_gpu_s == 0.0);
  CHECK(rec.day_length_s(2) == 43200.0);
  const auto s = gvsim::output::summarize(outcome_of(rec, 1), {0}, "lab");
  CHECK(s.utilisation == Approx(86400.0 / (2.5 * 86400.0)).epsilon(1e-15));
  CHECK(s.mean_wait_s == 0.0);
}

TEST_CASE("check_invariants throws InvariantViolation with the numbers when the books do not balance",
          "[recorder][invariants]") {
  auto message_of = [](const RunOutcome& outcome) -> std::string {
    try {
      gvsim::output::check_invariants(outcome);
    } catch (const InvariantViolation& e) {
      return e.what();
    }
    return "no violation";
  };

  SECTION("an extra arrival without queue accounting") {
    JobRecorder rec({1}, 1000.0, 0.0);
    rec.on_arrival(0, 100);
    rec.on_start(0, 0, 100, 100);
    rec.finish();
    RunOutcome outcome = outcome_of(rec, 1);
    REQUIRE(message_of(outcome) == "no violation");
    // Count one more arrival but leave the queue untouched (the recorder object is not const, so this is legal).
    ++const_cast<gvsim::observe::ClusterObservation&>(outcome.recorder.clusters()[0]).arrived;
    const std::string m = message_of(outcome);
    INFO(m);
    CHECK(m.find("cluster 'lab_gpus'") != std::string::npos);
    CHECK(m.find("jobs arrived 2 != started 1") != std::string::npos);
    CHECK(m.find("queued 0") != std::string::npos);
  }
  SECTION("a wait that the queue never saw (Little's law)") {
    JobRecorder rec({1}, 1000.0, 0.0);
    rec.on_arrival(0, 100);
    rec.on_start(0, 0, 100, 300);  // queue-length integral 200 s, wait 200 s
    rec.finish();
    RunOutcome outcome = outcome_of(rec, 1);
    REQUIRE(message_of(outcome) == "no violation");
    const_cast<gvsim::observe::ClusterObservation&>(outcome.recorder.clusters()[0]).wait_sum_all_s += 60.0;
    CHECK(message_of(outcome) ==
          "invariant violated on cluster 'lab_gpus': Little's law: queue-length integral 200.000000 s != total "
          "waiting time 260.000000 s");
  }
  SECTION("a start without an arrival") {
    JobRecorder rec({1}, 1000.0, 0.0);
    rec.on_start(0, 0, 0, 10);
    rec.finish();
    CHECK(message_of(outcome_of(rec, 1)) == "invariant violated on cluster 'lab_gpus': queue -1, running 1 on 1 GPUs");
  }
  SECTION("more jobs running than GPUs") {
    JobRecorder rec({1}, 1000.0, 0.0);
    rec.on_arrival(0, 10);
    rec.on_arrival(0, 20);
    rec.on_start(0, 0, 10, 10);
    rec.on_start(0, 0, 20, 20);
    rec.finish();
    CHECK(message_of(outcome_of(rec, 1)) == "invariant violated on cluster 'lab_gpus': queue 0, running 2 on 1 GPUs");
  }
  SECTION("a completion without a start") {
    JobRecorder rec({2}, 1000.0, 0.0);
    rec.on_arrival(0, 10);
    rec.on_start(0, 0, 10, 10);
    rec.on_complete(0, 0, 50);
    rec.on_complete(0, 1, 60);  // slot 1 never started anything
    rec.finish();
    CHECK(message_of(outcome_of(rec, 2)) == "invariant violated on cluster 'lab_gpus': queue 0, running -1 on 2 GPUs");
  }
}
