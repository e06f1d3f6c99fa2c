// The work of a clip computed from what is generated: the fitted formula against the published timings it was fitted
// to, its directions, and the shipped clip classes against the GPU time the baselines were calibrated with.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "sim/config/scenario_loader.hpp"
#include "sim/model/scenario.hpp"
#include "tests/support/test_support.hpp"

using gvsim::test::source_dir;

namespace {

const gvsim::model::Scenario& baseline() {
  static const auto scenario =
      gvsim::config::load_scenario(source_dir() + "/experiments/global_baseline.yaml", gvsim::config::LoadOptions{});
  return scenario;
}

const gvsim::model::VideoModel& video_model(const std::string& name) {
  for (const auto& m : baseline().video_models) {
    if (m.name == name) return m;
  }
  FAIL("no video model " << name);
  throw std::logic_error("unreachable");
}

double relative_speed(const std::string& gpu) {
  for (const auto& g : baseline().gpus) {
    if (g.name == gpu) return g.relative_speed;
  }
  FAIL("no GPU " << gpu);
  return 0.0;
}

}  // namespace

// docs/model.md ("Work of a clip") states the fit: rms error 13% of the log, each fitted point within 30%.
TEST_CASE("clip work matches the cited timings within the stated fit error", "[clip_work]") {
  struct Point {
    const char* model;
    double pixels, seconds, steps, cited_s, gpu_speed;
  };
  const double h200 = relative_speed("h200_sxm");
  const Point points[] = {
      {"wan2_1_14b", 1280.0 * 720.0, 5.0, 40.0, 974.0, h200},                 // C10
      {"wan2_1_14b", 832.0 * 480.0, 5.0, 40.0, 366.0, h200},                  // C10
      {"hunyuanvideo_13b", 1280.0 * 720.0, 128.0 / 24.0, 50.0, 1904.0, 1.0},  // C1
      {"cogvideox_5b", 720.0 * 480.0, 6.0, 50.0, 90.0, 1.0},                  // C2
      {"fastwan2_2_5b", 1280.0 * 704.0, 5.0, 3.0, 16.0, 1.0},                 // C11
  };
  double sum_sq = 0.0;
  for (const auto& p : points) {
    const double work = gvsim::model::clip_work_s(video_model(p.model), p.seconds, p.pixels, p.steps);
    const double error = std::log(work / (p.cited_s * p.gpu_speed));
    INFO(p.model << " " << p.pixels << " px: computed " << work << " reference-GPU s, cited " << p.cited_s
                 << " s on a GPU of speed " << p.gpu_speed);
    CHECK(std::fabs(error) <= std::log(1.3));
    sum_sq += error * error;
  }
  CHECK(std::sqrt(sum_sq / 5.0) <= 0.13);
}

TEST_CASE("longer clips, higher resolutions and more steps take more work", "[clip_work]") {
  const auto& m = video_model("platform_13b");
  const double p720 = gvsim::model::resolution_pixels("720p");
  double previous = 0.0;
  for (double s = 1.0; s <= 20.0; s += 0.25) {  // smooth and increasing, also across the 5 s window
    const double w = gvsim::model::clip_work_s(m, s, p720, 10.0);
    CHECK(w > previous);
    if (previous > 0.0) CHECK(w / previous < 1.35);
    previous = w;
  }
  CHECK(gvsim::model::clip_work_s(m, 10.0, p720, 10.0) ==
        Approx(2.0 * gvsim::model::clip_work_s(m, 5.0, p720, 10.0)));  // two 5 s windows
  previous = 0.0;
  for (const char* r : {"480p", "720p", "1080p", "4k"}) {
    const double w = gvsim::model::clip_work_s(m, 5.0, gvsim::model::resolution_pixels(r), 10.0);
    CHECK(w > previous * 2.0);  // more than linear in pixels (attention), 2.25x or more pixels each step
    previous = w;
  }
  // Linear in steps, apart from the decode term that does not depend on them.
  const double w10 = gvsim::model::clip_work_s(m, 5.0, p720, 10.0);
  const double w20 = gvsim::model::clip_work_s(m, 5.0, p720, 20.0);
  const double w30 = gvsim::model::clip_work_s(m, 5.0, p720, 30.0);
  CHECK(w20 > w10);
  CHECK(w30 - w20 == Approx(w20 - w10));
}

TEST_CASE(
    "platform_13b at its own steps keeps the GPU time the baselines were calibrated with, the global "
    "baseline's 7 and 10 steps cut it to between 0.6 and 0.75 of that",
    "[clip_work]") {
  const std::pair<const char*, double> calibrated[] = {
      {"std_5s_720p", 300.0}, {"std_10s_720p", 600.0}, {"pro_5s_1080p", 1900.0}, {"pro_10s_1080p", 3800.0}};
  static const auto levers =
      gvsim::config::load_scenario(source_dir() + "/experiments/levers.yaml", gvsim::config::LoadOptions{});
  for (const auto& [name, work] : calibrated) {
    int found = 0;
    for (const auto& clip : levers.experiment.workload.clip_classes) {
      if (clip.name != name) continue;
      ++found;
      INFO(name << " (levers, the model's steps): " << clip.work_s);
      CHECK(std::fabs(clip.work_s / work - 1.0) <= 0.03);
    }
    for (const auto& clip : baseline().experiment.workload.clip_classes) {
      if (clip.name != name) continue;
      ++found;
      // 7 of 10 steps (standard) and 10 of 15 (pro): the steps' share of the work scales by 0.7 or 0.67, the
      // decode does not.
      INFO(name << " (global baseline): " << clip.work_s);
      CHECK(clip.work_s / work >= 0.6);
      CHECK(clip.work_s / work <= 0.75);
    }
    CHECK(found == 2);
  }
}

TEST_CASE("spec keys beside an explicit gpu_seconds are reported as having no effect", "[clip_work]") {
  gvsim::test::TempDir tmp;
  const auto experiment = gvsim::test::write_tiny_experiment(tmp, "");
  const auto result =
      gvsim::test::run_gvsim({"validate", experiment, "--set", "workload.clip_classes.std.video_seconds=10", "--set",
                              "workload.clip_classes.std.steps=20"});
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.err.find("workload.clip_classes.std.video_seconds: has no effect") != std::string::npos);
  CHECK(result.err.find("workload.clip_classes.std.steps: has no effect") != std::string::npos);
}
