// Bad input to gvsim fit-table, calibrate and optimise is refused before any run, with the place and a suggestion;
// a results folder of another fit is not reused.
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/test_support.hpp"

namespace {

using gvsim::test::run_gvsim;
using gvsim::test::TempDir;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("fit commands: malformed or refused free keys exit 2 before any run", "[fit]") {
  TempDir dir;
  const std::string experiment = gvsim::test::write_tiny_experiment(dir, "");
  const std::string targets =
      dir.write("t.yaml", "targets:\n  - {metric: users_adopted, day: 0, value: 5, source: EST}\n");
  const std::string out = dir.path() + "/fit";
  SECTION("reversed bounds") {
    const auto r =
        run_gvsim({"calibrate", experiment, "--targets", targets, "--free", "workload.synthetic=[5,1]", "--out", out});
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "command line: --free: workload.synthetic: expected numbers low < high"));
  }
  SECTION("a bound the key refuses") {
    const auto r = run_gvsim({"calibrate", experiment, "--targets", targets, "--free", "scale=[-5,10]", "--out", out});
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "scale"));
  }
  SECTION("a misspelt objective metric") {
    const auto r = run_gvsim(
        {"optimise", experiment, "--objective", "mean_wiat_s:min", "--free", "scale=[100,300]", "--out", out});
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "did you mean \"mean_wait_s\""));
  }
  SECTION("a constraint without a bound") {
    const auto r = run_gvsim({"optimise", experiment, "--objective", "mean_wait_s:min", "--constraint",
                              "utilisation<0.8", "--free", "scale=[100,300]", "--out", out});
    CHECK(r.exit_code == 2);
    CHECK(has(r.err, "--constraint: expected metric<=value or metric>=value"));
  }
  CHECK_FALSE(std::filesystem::exists(out + "/runs.csv"));
}

TEST_CASE("fit-table: a target after the horizon and a misspelt region are located", "[fit]") {
  TempDir dir;
  const std::string experiment = gvsim::test::write_tiny_experiment(dir, "");
  const std::string targets = dir.write("t.yaml",
                                        "targets:\n"
                                        "  - {metric: users_adopted, day: 30, value: 5, source: EST}\n"
                                        "  - {metric: conversion, region: europa, value: 0.1, source: S2}\n");
  const auto r = run_gvsim({"fit-table", experiment, "--targets", targets, "--run", dir.path()});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "t.yaml:3:"));
  CHECK(has(r.err, "did you mean \"europe\""));
}

TEST_CASE("fit-table: the horizon must reach every target's day", "[fit]") {
  TempDir dir;
  const std::string experiment = gvsim::test::write_tiny_experiment(dir, "");
  const std::string targets =
      dir.write("t.yaml", "targets:\n  - {metric: users_adopted, day: 30, value: 5, source: EST}\n");
  const auto r = run_gvsim({"fit-table", experiment, "--targets", targets, "--run", dir.path()});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "t.yaml:2:"));
  CHECK(has(r.err, "the target needs day 30"));
}
