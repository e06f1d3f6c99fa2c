// Direction tests of the parent platform value and the verdict on whole runs with pinned seeds: more incidents lower
// advertiser trust and the parent's ad lift; creators who keep using the tool raise the parent's creator value; the
// verdict's class boundaries move with their thresholds.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "tests/support/test_support.hpp"

using gvsim::test::read_csv;
using gvsim::test::run_gvsim;
using gvsim::test::source_dir;
using gvsim::test::TempDir;
using gvsim::test::with_sets;

namespace {

/// kpis.csv of a run of `experiment` (60 days unless `sets` say otherwise), by region.
std::map<std::string, std::map<std::string, std::string>> kpis_of(const std::string& experiment,
                                                                  const std::vector<std::string>& sets) {
  TempDir tmp;
  std::vector<std::string> all = {"horizon_days=60"};
  all.insert(all.end(), sets.begin(), sets.end());
  const auto result = run_gvsim(
      with_sets({"run", source_dir() + "/experiments/" + experiment, "--out", tmp.path() + "/out", "--quiet"}, all));
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  std::map<std::string, std::map<std::string, std::string>> rows;
  for (const auto& row : read_csv(tmp.path() + "/out/kpis.csv"))
    rows[row.at("region")] = row;
  return rows;
}

double number(const std::map<std::string, std::string>& row, const std::string& column) {
  return std::stod(row.at(column));
}

}  // namespace

// China's regulator made to act on 100x more of the published harmful clips (suspensions off, so the service runs
// throughout): hundreds more real-world incidents, each costing trust_per_incident of trust; the margins are many
// times the trust an incident costs.
TEST_CASE("more incidents lower advertiser trust and the parent's ad lift", "[parent][direction]") {
  const std::vector<std::string> common = {"regions.china.regulation.suspension_after_incidents=0",
                                           "regions.china.regulation.forced_threshold_decrease=0",
                                           "parent.trust_per_incident=0.01"};
  auto few = common;
  for (const char* c : {"copyright", "likeness", "political", "commercial_misuse"})
    few.push_back(std::string("regions.china.regulation.classes.") + c + ".incident_probability=0.0005");
  auto many = common;
  for (const char* c : {"copyright", "likeness", "political", "commercial_misuse"})
    many.push_back(std::string("regions.china.regulation.classes.") + c + ".incident_probability=0.05");
  const auto low = kpis_of("policy_moderation.yaml", few).at("china");
  const auto high = kpis_of("policy_moderation.yaml", many).at("china");
  INFO("trust min: few incidents " << low.at("advertiser_trust_min") << ", many " << high.at("advertiser_trust_min"));
  CHECK(number(high, "advertiser_trust_min") < number(low, "advertiser_trust_min") - 0.05);
  INFO("ad lift: few incidents " << low.at("parent_advertisers_usd") << ", many " << high.at("parent_advertisers_usd"));
  CHECK(number(high, "parent_advertisers_usd") < number(low, "parent_advertisers_usd"));
  CHECK(number(high, "parent_value_usd") < number(low, "parent_value_usd"));
}

// Creators who keep using the tool (free creators lapse at a third of the baseline's daily rate): more of them are
// active each day, and the parent's creator channel grows with them (China, where the parent is present, 60 days).
// Five times the free daily credits alone barely moves it: creators request 0.16 clips a day and seldom run out.
TEST_CASE("creators who keep using the tool raise the parent's creator value", "[parent][direction]") {
  const auto base = kpis_of("global_baseline.yaml", {}).at("china");
  const auto loyal =
      kpis_of("global_baseline.yaml", {"workload.users.segments.creator.free_lapse_per_day=0.004"}).at("china");
  INFO("creator value: lapse 0.012/d " << base.at("parent_creators_usd") << ", 0.004/d "
                                       << loyal.at("parent_creators_usd"));
  CHECK(number(loyal, "parent_creators_usd") > 1.05 * number(base, "parent_creators_usd"));
  CHECK(number(loyal, "parent_value_usd") > number(base, "parent_value_usd"));
}

// The thresholds set just on either side of the run's own margin and cover ratio (the run is the same whatever the
// thresholds: they only classify it).
TEST_CASE("the verdict's class boundaries move with their thresholds", "[parent][direction]") {
  const auto base = kpis_of("global_baseline.yaml", {}).at("all");
  const double margin = number(base, "gross_margin_run");
  const double loss = -number(base, "profit_usd");
  const double value = number(base, "parent_value_usd");
  REQUIRE(loss > 0.0);
  REQUIRE(value > 0.0);
  CHECK(base.at("verdict") == (value >= loss ? "feature" : "cost_centre"));
  auto verdict = [](const std::vector<std::string>& sets) {
    return kpis_of("global_baseline.yaml", sets).at("all").at("verdict");
  };
  CHECK(verdict({"parent.product_margin_at_least=" + std::to_string(margin - 0.01)}) == "product");
  CHECK(verdict({"parent.product_margin_at_least=" + std::to_string(margin + 0.01)}) != "product");
  const double cover = value / loss;
  CHECK(verdict({"parent.feature_cover_at_least=" + std::to_string(cover * 0.99)}) == "feature");
  CHECK(verdict({"parent.feature_cover_at_least=" + std::to_string(cover * 1.01)}) == "cost_centre");
}
