// The parent platform's value by channel and the verdict: each channel follows its formula (docs/model.md, Parent
// platform), advertiser trust falls with incidents and poor clips and recovers, and the verdict's classes meet at
// their thresholds.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "sim/economics/parent_value.hpp"

using gvsim::economics::classify;
using gvsim::economics::parent_value_series;
using gvsim::economics::ParentDayInputs;
using gvsim::economics::Verdict;
using gvsim::economics::verdict_name;

namespace {

gvsim::model::ParentPresenceSpec present() {
  gvsim::model::ParentPresenceSpec p;
  p.users_share = 0.5;
  p.ad_usd_per_creator_day = 2.0;
  p.ad_usd_per_user_day = 0.04;
  p.gmv_usd_per_merchant_clip = 50.0;
  p.take_rate = 0.02;
  p.campaign_usd_saved_per_day = 1000.0;
  return p;
}

ParentDayInputs day(double incidents = 0.0) {
  ParentDayInputs d;
  d.creators_active = 1000.0;
  d.users_active = 10000.0;
  d.merchant_clips = 200.0;
  d.incidents = incidents;
  return d;
}

}  // namespace

TEST_CASE("parent value per channel follows its formula at full trust", "[economics][parent]") {
  gvsim::model::ParentSpec parent;
  const auto v = parent_value_series(parent, present(), {day()}).front();
  CHECK(v.trust == 1.0);
  CHECK(v.creators_usd == Approx(0.5 * 1000.0 * 2.0 * (parent.creator_output_lift + parent.creator_retention_lift)));
  CHECK(v.merchants_usd == Approx(0.5 * 200.0 * 50.0 * 0.02));
  CHECK(v.advertisers_usd == Approx(0.5 * 10000.0 * 0.04 * parent.ai_ad_lift));
  CHECK(v.production_usd == Approx(1000.0));
  CHECK(v.total_usd() == Approx(v.creators_usd + v.merchants_usd + v.advertisers_usd + v.production_usd));

  auto absent = present();
  absent.users_share = 0.0;
  CHECK(parent_value_series(parent, absent, {day()}).front().total_usd() == 0.0);
}

TEST_CASE("advertiser trust falls with incidents, turns the ad channel negative and recovers", "[economics][parent]") {
  gvsim::model::ParentSpec parent;
  parent.trust_per_incident = 0.05;
  std::vector<ParentDayInputs> days{day(), day(15.0)};
  for (int i = 0; i < 60; ++i)
    days.push_back(day());
  const auto series = parent_value_series(parent, present(), days);
  CHECK(series[1].trust == 1.0);  // the incidents of day 1 are felt from day 2
  CHECK(series[2].trust == Approx(1.0 - 0.75).margin(1e-12));
  CHECK(series[2].advertisers_usd < 0.0);  // 0.01 x 0.25 - 0.05 x 0.75 < 0
  CHECK(series[2].creators_usd < series[0].creators_usd);
  for (std::size_t d = 3; d < series.size(); ++d)
    CHECK(series[d].trust > series[d - 1].trust);  // recovers day by day
  // Geometric recovery: the gap shrinks by (1 - recovery) each day.
  const double gap = 0.75 * std::pow(1.0 - parent.trust_recovery_per_day, static_cast<double>(series.size() - 3));
  CHECK(series.back().trust == Approx(1.0 - gap).margin(1e-9));

  // More incidents, lower trust and value: the direction the channel's doc states.
  const auto worse = parent_value_series(parent, present(), {day(), day(30.0), day()});
  CHECK(worse[2].trust < series[2].trust);
  CHECK(worse[2].total_usd() < series[2].total_usd());
}

TEST_CASE("a suspended service adds no value but distrust still costs", "[economics][parent]") {
  gvsim::model::ParentSpec parent;
  parent.trust_per_incident = 0.05;
  auto down = day();
  down.available = false;
  const auto series = parent_value_series(parent, present(), {day(10.0), down});
  CHECK(series[1].creators_usd == 0.0);
  CHECK(series[1].merchants_usd == 0.0);
  CHECK(series[1].production_usd == 0.0);
  CHECK(series[1].advertisers_usd == Approx(-0.5 * 10000.0 * 0.04 * parent.distrust_penalty * 0.5));
}

TEST_CASE("the verdict's classes meet at their thresholds", "[economics][parent]") {
  gvsim::model::ParentSpec parent;  // product from a margin of 0, feature when parent value covers the loss
  CHECK(classify(parent, 100.0, 90.0, 0.0) == Verdict::kProduct);
  CHECK(classify(parent, 100.0, 100.0, 0.0) == Verdict::kProduct);
  CHECK(classify(parent, 100.0, 150.0, 50.0) == Verdict::kFeature);
  CHECK(classify(parent, 100.0, 150.0, 49.9) == Verdict::kCostCentre);
  CHECK(classify(parent, 0.0, 10.0, 0.0) == Verdict::kCostCentre);
  parent.product_margin_at_least = 0.2;  // a 10 % margin is no longer a product, but it is no loss either
  CHECK(classify(parent, 100.0, 90.0, 0.0) == Verdict::kFeature);
  parent.feature_cover_at_least = 2.0;
  CHECK(classify(parent, 100.0, 150.0, 50.0) == Verdict::kCostCentre);
  CHECK(classify(parent, 100.0, 150.0, 100.0) == Verdict::kFeature);
  CHECK(verdict_name(Verdict::kProduct) == "product");
  CHECK(verdict_name(Verdict::kFeature) == "feature");
  CHECK(verdict_name(Verdict::kCostCentre) == "cost_centre");
}
