// The pricing and market-entry policies on their own: regional prices, promotions (window, regions, products,
// first months, best discount) and the entry decision (conditions, require all/any, lag, not_before_day).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "policies/market_entry_policy.hpp"
#include "policies/pricing_policy.hpp"
#include "tests/support/policy_reading.hpp"

using namespace gvsim::policies;
using gvsim::test::read_policy;

namespace {

PriceQuery query(Product product, double list, std::size_t region, double day) {
  PriceQuery q;
  q.product = product;
  q.list_usd = list;
  q.region = region;
  q.day = day;
  return q;
}

PricingContext context(std::vector<Promotion> promotions = {}) {
  return PricingContext{std::move(promotions), {1.0, 0.25, 0.6, 2.0}};
}

const MarketEntryContext kRegions{{"home", "near", "middle", "far"}, {0.0, 48.0, 48.0, 48.0}};

}  // namespace

TEST_CASE("uniform pricing charges the list price in every region", "[policies][pricing]") {
  const auto policy = PricingSelection("uniform").make(context());
  for (std::size_t r = 0; r < 4; ++r) {
    CHECK(policy->quote(query(Product::kSubscription, 25.99, r, 10.0)).usd == 25.99);
    CHECK(policy->quote(query(Product::kPack, 5.0, r, 10.0)).usd == 5.0);
    CHECK(policy->quote(query(Product::kApiCredit, 0.028, r, 10.0)).usd == 0.028);
  }
}

TEST_CASE("purchasing_power charges list price x price index within floor and cap", "[policies][pricing]") {
  const std::string bounds = "{name: purchasing_power, purchasing_power: {floor: 0.3, cap: 1.5";
  const auto policy = read_policy<PricingSelection>(bounds + "}}").make(context());
  CHECK(policy->quote(query(Product::kSubscription, 10.0, 0, 0.0)).usd == Approx(10.0));
  CHECK(policy->quote(query(Product::kSubscription, 10.0, 1, 0.0)).usd == Approx(3.0));  // 0.25 raised to the floor
  CHECK(policy->quote(query(Product::kSubscription, 10.0, 2, 0.0)).usd == Approx(6.0));
  CHECK(policy->quote(query(Product::kSubscription, 10.0, 3, 0.0)).usd == Approx(15.0));  // 2.0 lowered to the cap
  CHECK(policy->quote(query(Product::kPack, 5.0, 2, 0.0)).usd == Approx(3.0));
  CHECK(policy->quote(query(Product::kApiCredit, 0.02, 2, 0.0)).usd == 0.02);  // API stays in USD by default
  const auto with_api = read_policy<PricingSelection>(bounds + ", api: true}}").make(context());
  CHECK(with_api->quote(query(Product::kApiCredit, 0.02, 2, 0.0)).usd == Approx(0.012));
  // floor above cap is refused whichever policy is chosen (its block is read either way).
  CHECK_THROWS_WITH(read_policy<PricingSelection>("{name: uniform, purchasing_power: {floor: 2, cap: 1}}", context(),
                                                  "policies.pricing"),
                    "policy.yaml:1:35: policies.pricing.purchasing_power.floor: expected a floor <= cap (1), got 2\n");
}

TEST_CASE("a promotion discounts new subscriptions in its window and regions for first_months", "[policies][pricing]") {
  Promotion launch;
  launch.name = "launch";
  launch.start_day = 10.0;
  launch.end_day = 20.0;
  launch.discount = 0.5;
  launch.regions = {2};
  launch.packs = false;
  launch.first_months = 3;
  const auto policy = PricingSelection("purchasing_power").make(context({launch}));

  const auto in_window = policy->quote(query(Product::kSubscription, 10.0, 2, 12.5));
  CHECK(in_window.usd == Approx(3.0));  // 10 x 0.6 x (1 - 0.5)
  CHECK(in_window.regional_usd == Approx(6.0));
  CHECK(in_window.promotion == 0);
  CHECK(in_window.discounted_months == 3);
  CHECK(policy->quote(query(Product::kSubscription, 10.0, 2, 9.99)).promotion == -1);  // before
  CHECK(policy->quote(query(Product::kSubscription, 10.0, 2, 20.0)).promotion == -1);  // end is exclusive
  CHECK(policy->quote(query(Product::kSubscription, 10.0, 0, 12.5)).promotion == -1);  // other region
  CHECK(policy->quote(query(Product::kPack, 5.0, 2, 12.5)).usd == Approx(3.0));        // packs not included
  CHECK(policy->quote(query(Product::kApiCredit, 0.02, 2, 12.5)).promotion == -1);     // never the API

  // Renewals keep the discount while months are left, after the window too; then the regional price.
  auto renewal = query(Product::kSubscription, 10.0, 2, 45.0);
  renewal.renewal = true;
  renewal.promotion = 0;
  renewal.discounted_months_left = 2;
  CHECK(policy->quote(renewal).usd == Approx(3.0));
  CHECK(policy->quote(renewal).discounted_months == 0);
  renewal.discounted_months_left = 0;
  CHECK(policy->quote(renewal).usd == Approx(6.0));
  renewal.promotion = -1;
  renewal.day = 12.5;  // a renewal inside the window is not a new subscription: no discount
  CHECK(policy->quote(renewal).usd == Approx(6.0));
}

TEST_CASE("of several promotions the largest discount applies, the first listed on ties", "[policies][pricing]") {
  Promotion a;
  a.name = "a";
  a.start_day = 0.0;
  a.end_day = 30.0;
  a.discount = 0.2;
  Promotion b = a;
  b.name = "b";
  b.discount = 0.3;
  b.start_day = 5.0;
  Promotion c = b;
  c.name = "c";
  const auto policy = PricingSelection("uniform").make(context({a, b, c}));
  CHECK(policy->quote(query(Product::kPack, 10.0, 1, 1.0)).promotion == 0);
  CHECK(policy->quote(query(Product::kPack, 10.0, 1, 6.0)).promotion == 1);
  CHECK(policy->quote(query(Product::kPack, 10.0, 1, 6.0)).usd == Approx(7.0));
}

TEST_CASE("unknown pricing or entry policy names list the valid ones", "[policies]") {
  CHECK_THROWS_WITH(PricingSelection("dynamic").make(context()),
                    "unknown pricing policy 'dynamic'. Valid values are: uniform, purchasing_power");
  CHECK_THROWS_WITH(MarketEntrySelection("random").make(kRegions),
                    "unknown market entry policy 'random'. Valid values are: scheduled, triggered");
  CHECK_THROWS_WITH(MarketEntrySelection("trigered").make(kRegions),
                    Catch::Matchers::Contains("(did you mean 'triggered'?)"));
}

TEST_CASE("scheduled entry opens each region on its entry day", "[policies][entry]") {
  const auto policy = MarketEntrySelection("scheduled").make(kRegions);
  CHECK(policy->planned_entry_day(1) == 48.0);
  CHECK(policy->earliest_entry_day(1) == 48.0);
  CHECK_FALSE(policy->needs_margin());
  CHECK_FALSE(policy->decide(1, 10.0, HomeState{1e12, 1.0}));
}

TEST_CASE("triggered entry opens after lag_days once its conditions hold, not before not_before_day",
          "[policies][entry]") {
  const auto policy = read_policy<MarketEntrySelection>(
                          "name: triggered\n"
                          "triggered:\n"
                          "  regions:\n"
                          "    - {region: near, home: home, users_adopted_at_least: 1.0e6, lag_days: 7}\n"
                          "    - {region: middle, home: home, users_adopted_at_least: 1.0e6, lag_days: 7,\n"
                          "       gross_margin_30d_at_least: 0.1, not_before_day: 60}\n"
                          "    - {region: far, home: home, users_adopted_at_least: 1.0e6, lag_days: 7,\n"
                          "       gross_margin_30d_at_least: 0.1, not_before_day: 60, require: any}\n",
                          kRegions)
                          .make(kRegions);
  CHECK(policy->planned_entry_day(0) == 0.0);
  CHECK_FALSE(policy->planned_entry_day(1));
  CHECK(policy->earliest_entry_day(2) == 60.0);
  CHECK(policy->home_of(2) == 0);
  CHECK(policy->needs_margin());
  const double nan = std::numeric_limits<double>::quiet_NaN();

  CHECK_FALSE(policy->decide(1, 20.0, HomeState{999999.0, nan}));
  CHECK(policy->decide(1, 20.0, HomeState{1e6, nan}) == 27.0);
  // Both conditions: an undefined margin (no revenue) never holds.
  CHECK_FALSE(policy->decide(2, 20.0, HomeState{2e6, nan}));
  CHECK_FALSE(policy->decide(2, 20.0, HomeState{2e6, 0.05}));
  CHECK(policy->decide(2, 20.0, HomeState{2e6, 0.1}) == 60.0);  // 27 is before not_before_day
  CHECK(policy->decide(2, 70.0, HomeState{2e6, 0.1}) == 77.0);
  // Either condition.
  CHECK(policy->decide(3, 70.0, HomeState{0.0, 0.2}) == 77.0);
  CHECK(policy->decide(3, 70.0, HomeState{2e6, nan}) == 77.0);
  CHECK_FALSE(policy->decide(3, 70.0, HomeState{0.0, nan}));
}

TEST_CASE("triggered entry refuses unknown regions, missing conditions, self-waits and cycles", "[policies][entry]") {
  auto problems = [](const std::string& regions) {
    try {
      read_policy<MarketEntrySelection>("{name: triggered, triggered: {regions: [" + regions + "]}}", kRegions,
                                        "policies.market_entry");
    } catch (const gvsim::schema::ConfigError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK_THAT(problems("{region: nera, home: home, lag_days: 1, users_adopted_at_least: 1}"),
             Catch::Matchers::Contains("policies.market_entry.triggered.regions[0].region: unknown region 'nera'; "
                                       "regions taking part: home, near, middle, far"));
  CHECK_THAT(problems("{region: near, home: home}"), Catch::Matchers::Contains("needs a condition"));
  CHECK_THAT(problems("{region: near, home: near, users_adopted_at_least: 1}"),
             Catch::Matchers::Contains("a region cannot wait for itself"));
  CHECK_THAT(problems("{region: near, home: far, users_adopted_at_least: 1}, "
                      "{region: far, home: near, users_adopted_at_least: 1}"),
             Catch::Matchers::Contains("waits, through its homes, for itself"));
  CHECK_THAT(problems("{region: near, home: far, users_adopted_at_least: 1}"), Catch::Matchers::Equals(""));
  // Chosen without its block: which regions wait is not said.
  CHECK_THROWS_WITH(read_policy<MarketEntrySelection>("{name: triggered}", kRegions, "policies.market_entry"),
                    Catch::Matchers::Contains("policies.market_entry.triggered: required when name is triggered"));
}
