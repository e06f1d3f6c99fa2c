// Targets files (reading, located errors, the calendar), the fit table's errors and the optimiser wrapper on
// functions whose minimum is known in closed form.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "sim/fit/fit_table.hpp"
#include "sim/fit/free_parameter.hpp"
#include "sim/fit/optimiser.hpp"
#include "sim/fit/run_observations.hpp"
#include "sim/fit/targets.hpp"
#include "tests/support/test_support.hpp"

namespace {

using gvsim::fit::Target;
using gvsim::fit::TargetKind;
using gvsim::test::TempDir;

const std::vector<std::string> kRegions = {"china", "europe", "north_america"};

/// The text of the ConfigError that reading `yaml` throws (empty when it reads without error).
std::string read_error(const std::string& yaml) {
  TempDir dir;
  const std::string path = dir.write("targets.yaml", yaml);
  try {
    gvsim::fit::read_targets(path, kRegions);
  } catch (const gvsim::schema::ConfigError& e) {
    std::string text = e.diagnostics().format();
    for (auto at = text.find(path); at != std::string::npos; at = text.find(path))
      text.replace(at, path.size(), "targets.yaml");
    return text;
  }
  return {};
}

}  // namespace

TEST_CASE("targets: dates count from day0 across months and years", "[fit]") {
  int days = 0;
  REQUIRE(gvsim::fit::days_between("2024-06-06", "2024-09-01", days));
  CHECK(days == 87);
  REQUIRE(gvsim::fit::days_between("2024-06-06", "2025-04-01", days));
  CHECK(days == 299);
  REQUIRE(gvsim::fit::days_between("2024-02-28", "2024-03-01", days));
  CHECK(days == 2);  // 2024 is a leap year
  CHECK_FALSE(gvsim::fit::days_between("2024-06-06", "2025-02-29", days));
  CHECK_FALSE(gvsim::fit::days_between("2024-06-06", "2025-13-01", days));
}

TEST_CASE("targets: a file reads into metrics, days, windows and kinds", "[fit]") {
  TempDir dir;
  const std::string path = dir.write("t.yaml",
                                     "day0: 2024-06-06\n"
                                     "targets:\n"
                                     "  - {metric: users_adopted, date: 2024-09-01, value: 1.6e6, tolerance: 0.1, "
                                     "source: K2}\n"
                                     "  - {metric: revenue_share, except: [china], window: [2025-01-01, 2025-03-31], "
                                     "value: 0.7, source: K8}\n"
                                     "  - {metric: conversion, range: [0.01, 0.05], source: S2, fit: false}\n"
                                     "  - {metric: gross_margin, window: [299, 389], above: 0, source: K12}\n");
  const auto set = gvsim::fit::read_targets(path, kRegions);
  REQUIRE(set.targets.size() == 4);
  CHECK(set.targets[0].first_day == 87);
  CHECK(set.targets[0].last_day == 87);
  CHECK(set.targets[1].first_day == 209);
  CHECK(set.targets[1].last_day == 298);
  CHECK(set.targets[1].except == std::vector<std::string>{"china"});
  CHECK(set.targets[1].tolerance == 0.1);  // the default
  CHECK(set.targets[2].kind == TargetKind::kRange);
  CHECK_FALSE(set.targets[2].fit);
  CHECK(set.targets[3].kind == TargetKind::kAbove);
  CHECK(set.last_day_needed() == 389);
}

TEST_CASE("targets: the shipped global baseline targets read against its regions", "[fit]") {
  const auto set = gvsim::fit::read_targets(gvsim::test::source_dir() + "/experiments/targets/global_baseline.yaml",
                                            {"china", "north_america", "europe", "southeast_asia", "japan_korea",
                                             "india", "latin_america", "middle_east_africa"});
  CHECK(set.targets.size() == 23);
  CHECK(set.last_day_needed() == 573);
}

TEST_CASE("targets: errors name file, line, column and key path, with suggestions", "[fit]") {
  SECTION("a misspelt metric") {
    const std::string e = read_error("targets:\n  - {metric: user_adopted, day: 3, value: 5, source: K2}\n");
    CHECK(e.find("targets.yaml:2:") != std::string::npos);
    CHECK(e.find("targets[0].metric") != std::string::npos);
    CHECK(e.find("did you mean \"users_adopted\"") != std::string::npos);
  }
  SECTION("a misspelt region") {
    const std::string e = read_error("targets:\n  - {metric: conversion, region: chna, value: 0.02, source: S2}\n");
    CHECK(e.find("targets[0].region") != std::string::npos);
    CHECK(e.find("did you mean \"china\"") != std::string::npos);
  }
  SECTION("a misspelt key") {
    const std::string e = read_error("targets:\n  - {metric: conversion, valeu: 0.02, source: S2}\n");
    CHECK(e.find("targets[0].valeu") != std::string::npos);
    CHECK(e.find("did you mean \"value\"") != std::string::npos);
    CHECK(e.find("exactly one of value, range or above, got 0") != std::string::npos);
  }
  SECTION("a date without day0, and a window given to a date metric") {
    const std::string e = read_error(
        "targets:\n  - {metric: users_adopted, date: 2024-09-01, value: 5, source: K2}\n"
        "  - {metric: users_adopted, window: [1, 2], day: 3, value: 5, source: K2}\n");
    CHECK(e.find("targets.yaml:2:") != std::string::npos);
    CHECK(e.find("needs `day0:`") != std::string::npos);
    CHECK(e.find("targets[1].window") != std::string::npos);
  }
  SECTION("a reversed window, a bad range and a missing source") {
    const std::string e = read_error(
        "day0: 2024-06-06\ntargets:\n  - {metric: revenue_gross_usd, window: [2025-03-31, 2025-01-01], value: 5}\n"
        "  - {metric: conversion, range: [0.05, 0.01], source: S2}\n");
    CHECK(e.find("first <= last") != std::string::npos);
    CHECK(e.find("0 < low < high") != std::string::npos);
    CHECK(e.find("expected `source:`") != std::string::npos);
    CHECK(e.find("targets.yaml:4:") != std::string::npos);
  }
  SECTION("a date before day0 and an invalid date") {
    const std::string e = read_error(
        "day0: 2024-06-06\ntargets:\n  - {metric: users_adopted, date: 2024-06-01, value: 5, source: K2}\n"
        "  - {metric: users_adopted, date: 2024-02-30, value: 5, source: K2}\n");
    CHECK(e.find("targets[0].date") != std::string::npos);
    CHECK(e.find("targets[1].date") != std::string::npos);
  }
}

TEST_CASE("fit table: errors of points, ranges and thresholds", "[fit]") {
  Target point;
  point.value = 200.0;
  CHECK(gvsim::fit::target_error(point, 250.0) == Approx(0.25));
  Target range;
  range.kind = TargetKind::kRange;
  range.value = 20.0;
  range.high = 30.0;
  CHECK(gvsim::fit::target_error(range, 25.0) == 0.0);
  CHECK(gvsim::fit::target_error(range, 33.0) == Approx(0.1));
  CHECK(gvsim::fit::target_error(range, 15.0) == Approx(-0.25));
  Target above;
  above.kind = TargetKind::kAbove;
  CHECK(gvsim::fit::target_error(above, 0.02) == 0.0);
  CHECK(gvsim::fit::target_error(above, -0.05) == Approx(-0.05));  // absolute shortfall against 0
  CHECK(std::isnan(gvsim::fit::target_error(point, std::nan(""))));

  gvsim::fit::TargetSet set;
  point.tolerance = 0.1;
  set.targets = {point, range};
  set.targets[1].tolerance = 0.2;
  const auto table = gvsim::fit::compare(set, {220.0, 36.0});
  CHECK(table.objective == Approx(1.0 + 1.0));  // (0.1/0.1)^2 + (0.2/0.2)^2
  CHECK(table.rows[0].within);
  CHECK(table.rows[1].within);
  const auto missing = gvsim::fit::compare(set, {std::nan(""), 25.0});
  CHECK(missing.objective == gvsim::fit::kMissingPenalty);
}

TEST_CASE("fit metrics: the change of GPU time per video compares a window with the period before it", "[fit]") {
  // Two regions, six days: 1 busy GPU-hour per delivered video on days 0-2, then 0.7 on days 3-5 in China and
  // 0.5 in Europe.
  TempDir dir;
  std::string daily =
      "day,region,users_new,jobs_delivered,revenue_net_usd,revenue_subscriptions_usd,revenue_packs_usd,"
      "revenue_api_usd,cost_usd,gpu_hours_busy\n";
  for (int day = 0; day < 6; ++day) {
    daily += std::to_string(day) + ",china,0,10,0,0,0,0,0," + (day < 3 ? "10" : "7") + "\n";
    daily += std::to_string(day) + ",europe,0,20,0,0,0,0,0," + (day < 3 ? "20" : "10") + "\n";
  }
  dir.write("run/region_daily.csv", daily);
  dir.write("run/kpis.csv", "region,arppu_usd_month,conversion,paid_churn_month\nall,25,0.02,0.2\n");
  const auto run = gvsim::fit::RunObservations::read(dir.path() + "/run");
  Target t;
  t.metric = "gpu_hours_per_video_change";
  t.first_day = 3;
  t.last_day = 5;
  CHECK(run.value(t) == Approx((21.0 + 30.0) / (30.0 + 60.0) - 1.0));  // 51 h for 90 videos against 90 h
  t.region = "china";
  CHECK(run.value(t) == Approx(-0.3));
  t.region = "all";
  t.except = {"china"};
  CHECK(run.value(t) == Approx(-0.5));
  t.first_day = 2;  // the period before would start on day -2
  CHECK(std::isnan(run.value(t)));
  t.first_day = 3;
  t.last_day = 6;  // beyond the run
  CHECK(std::isnan(run.value(t)));
  t.value = -0.3;
  t.last_day = 5;
  CHECK(gvsim::fit::target_error(t, run.value(t)) == Approx((-0.5 + 0.3) / -0.3));
}

TEST_CASE("free parameters: bounds, start and malformed texts", "[fit]") {
  gvsim::fit::FreeParameter p;
  std::string why;
  REQUIRE(gvsim::fit::parse_free_parameter("regions.china.market.bass_p_per_year=[0.001,0.003]", p, why));
  CHECK(p.key == "regions.china.market.bass_p_per_year");
  CHECK(p.start == Approx(0.002));
  CHECK(p.unscale(p.scale(0.0025)) == Approx(0.0025));
  REQUIRE(gvsim::fit::parse_free_parameter("a.b=[1,5]@4", p, why));
  CHECK(p.start == 4.0);
  CHECK_FALSE(gvsim::fit::parse_free_parameter("a.b=[5,1]", p, why));
  CHECK(why.find("low < high") != std::string::npos);
  CHECK_FALSE(gvsim::fit::parse_free_parameter("a.b=[1,5]@9", p, why));
  CHECK_FALSE(gvsim::fit::parse_free_parameter("a.b=1", p, why));
  CHECK(gvsim::fit::exact_text(0.1) == "0.1");
  CHECK(std::stod(gvsim::fit::exact_text(1.0 / 3.0)) == 1.0 / 3.0);
}

TEST_CASE("optimiser: a price on linear demand reaches the closed-form optimum a / 2b", "[fit]") {
  // Revenue p (a - b p) with a = 120 clips/day and b = 4 clips/day per USD is largest at p* = a / 2b = 15 USD.
  const double a = 120.0;
  const double b = 4.0;
  const gvsim::fit::FreeParameter price{"price", 0.0, 30.0, 3.0};
  for (const auto method : {gvsim::fit::Method::kBobyqa, gvsim::fit::Method::kNelderMead}) {
    const gvsim::fit::Optimiser optimiser(method, 200, 1e-7);
    const auto r = optimiser.minimise(
        [&](const std::vector<double>& u) {
          const double p = price.unscale(u[0]);
          return -p * (a - b * p);
        },
        {price.scale(price.start)});
    CHECK(price.unscale(r.best[0]) == Approx(a / (2 * b)).margin(1e-3));
    CHECK(-r.best_value == Approx(a * a / (4 * b)).epsilon(1e-6));
    CHECK(r.evaluations <= 200);
  }
}

TEST_CASE("optimiser: two prices with cross-elastic demand reach the closed-form optimum", "[fit]") {
  // Demand q1 = 100 - 4 p1 + p2, q2 = 80 + p1 - 3 p2; revenue p1 q1 + p2 q2 has the gradient
  // (100 - 8 p1 + 2 p2, 80 + 2 p1 - 6 p2) = 0 at p1 = 190 / 11, p2 = 210 / 11
  const gvsim::fit::Optimiser optimiser(gvsim::fit::Method::kBobyqa, 300, 1e-8);
  const auto r = optimiser.minimise(
      [](const std::vector<double>& u) {
        const double p1 = 50.0 * u[0];
        const double p2 = 50.0 * u[1];
        return -(p1 * (100 - 4 * p1 + p2) + p2 * (80 + p1 - 3 * p2));
      },
      {0.1, 0.9});
  CHECK(50.0 * r.best[0] == Approx(190.0 / 11.0).margin(1e-3));
  CHECK(50.0 * r.best[1] == Approx(210.0 / 11.0).margin(1e-3));
}

TEST_CASE("optimiser: a budget stops the search and an exception in the function is passed on", "[fit]") {
  const gvsim::fit::Optimiser optimiser(gvsim::fit::Method::kBobyqa, 7);
  std::size_t calls = 0;
  const auto r = optimiser.minimise(
      [&](const std::vector<double>& u) {
        ++calls;
        return std::pow(u[0] - 0.3, 2) + std::pow(u[1] - 0.8, 2);
      },
      {0.5, 0.5});
  CHECK(calls == 7);
  CHECK(r.evaluations == 7);
  CHECK(r.stop_reason == "evaluation budget reached");
  CHECK_THROWS_WITH(
      optimiser.minimise([](const std::vector<double>&) -> double { throw std::runtime_error("run 3 failed"); },
                         {0.5, 0.5}),
      "run 3 failed");
}
