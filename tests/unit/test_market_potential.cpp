// The Bass market potential (market.adoption.potential_share): adoption saturates at the potential share of the
// addressable users, while the first adoptions, p x addressable users a year, stay as they are.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/users/region_day.hpp"
#include "tests/support/test_support.hpp"

namespace {

using gvsim::test::TempDir;

std::string number(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

/// One region of `addressable` million users with Bass p and q per year, one small cluster.
void write_region(const TempDir& dir, double addressable, double p, double q) {
  gvsim::test::write_catalogs(dir, "[]");
  dir.write("regions/lab.yaml",
            "region:\n"
            "  name: lab\n"
            "  data_residency: false\n"
            "  market:\n"
            "    addressable_users_millions: " +
                number(addressable) + "\n    bass_p_per_year: " + number(p) + "\n    bass_q_per_year: " + number(q) +
                "\n"
                "  datacenters:\n"
                "    - name: lab_dc\n"
                "      clusters:\n"
                "        - {name: lab_gpus, gpu: h100_sxm, gpu_count: 2}\n");
}

/// A 40-day users-mode experiment with no lapses and the given potential share (empty: key not written).
std::string write_experiment(const TempDir& dir, const std::string& potential) {
  std::string text =
      "name: potential\n"
      "seed: 7\n"
      "horizon_days: 40\n"
      "scale: 1\n"
      "platform:\n"
      "  regions_dir: regions\n"
      "  regions: [lab]\n"
      "workload:\n"
      "  mode: users\n"
      "  clip_classes:\n"
      "    clip: {gpu_seconds: 60, credits: 10, video_megabytes: 1}\n"
      "  users:\n"
      "    segments:\n"
      "      everyone:\n"
      "        share: 1\n"
      "        requests_per_day: 0.001\n"
      "        clip_mix: {clip: 1}\n"
      "        free_lapse_per_day: 0\n"
      "    pricing:\n"
      "      tiers:\n"
      "        basic: {usd_per_month: 10, credits_per_month: 1000}\n";
  if (!potential.empty()) text += "market:\n  adoption:\n    potential_share: " + potential + "\n";
  return dir.write("experiment.yaml", text);
}

/// Adopters at the end of each day.
std::vector<double> adopted(const std::string& experiment) {
  return gvsim::test::region_day_series(
      experiment, {[](const gvsim::users::RegionDay& d) { return static_cast<double>(d.users_adopted); }})[0];
}

}  // namespace

TEST_CASE("Market potential: a share of twice the users with half p is the same Bass process, day by day",
          "[users][bass]") {
  // m = 0.5 x 40,000 = 20,000 potential adopters, p per addressable user 0.75 / yr = 1.5 / yr per potential
  // adopter: the hazard (p + q A/m)(m - A) is the one of 20,000 users at p = 1.5, draw for draw.
  TempDir reference;
  write_region(reference, 0.02, 1.5, 60.0);
  TempDir halved;
  write_region(halved, 0.04, 0.75, 60.0);
  const auto a = adopted(write_experiment(reference, ""));
  const auto b = adopted(write_experiment(halved, "0.5"));
  REQUIRE(a.size() == 40);
  CHECK(a.back() > 0.9 * 20000.0);
  CHECK(a == b);
}

TEST_CASE("Market potential: a smaller potential saturates lower and leaves the first adoptions alone",
          "[users][bass]") {
  TempDir dir;
  write_region(dir, 0.04, 1.5, 60.0);  // 40,000 addressable users
  const std::vector<double> shares = {1.0, 0.5, 0.25};
  std::vector<std::vector<double>> runs;
  for (double share : shares)
    runs.push_back(adopted(write_experiment(dir, number(share))));
  for (std::size_t k = 0; k < shares.size(); ++k) {
    const double potential = shares[k] * 40000.0;
    INFO("potential share " << shares[k]);
    CHECK(runs[k].back() <= potential);
    if (k > 0) {
      CHECK(runs[k].back() < runs[k - 1].back());  // saturates lower
      // Day 1 (record 0): about p x 40,000 / 365 = 164 innovators plus their first imitators, in every run
      // (the potential is at most 0.4 % used; Poisson SD about 13).
      CHECK(std::abs(runs[k][0] - runs[0][0]) <= 0.25 * runs[0][0]);
    }
  }
  CHECK(runs[2].back() > 0.9 * 0.25 * 40000.0);  // reaches its ceiling within 40 days
}
