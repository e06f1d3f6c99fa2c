// Billing retries of declined renewals (workload.users.pricing.renewal_recovery_share, renewal_retry_days): a renewal
// declined with probability d is retried L days later and recovered with probability r, so the involuntary churn
// per renewal is d (1 - r); the subscriber stays paid (grace period) until the retry; a recovered renewal is charged
// on the retry day and starts a new 30-day cycle from it.
//
// Set-up (pinned seed, one region, scale 1): 10,000 simulated users adopt in the first weeks (Bass p = 10 / yr,
// q = 100 / yr) and never lapse or cancel (free lapse and paid churn 0). A rival gate (quality 1.5 against the
// platform's 0, competitor weight 50: conversion logit about -45) keeps everyone free except during the W = 7 days
// D = 40 .. 46, when the conversion logit is 5 and every request of a free user (free credits 0) meets an offer: the
// subscribers all convert in one week, at $10. The first renewals then fall due on days D + 30 .. D + 36, their
// retries on D + 37 .. D + 43 (L = 7 >= W, so the two windows do not overlap), the second renewals from D + 60 on,
// and every retry is settled before the horizon (day 125) and the third renewals (D + 90): no renewal is pending at
// the end. A charge is booked in the record of the day it is made, a drop to the free tier in the record closed by
// that midnight (the day before).
#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "sim/users/region_day.hpp"
#include "tests/support/test_support.hpp"

namespace {

using gvsim::test::TempDir;
using gvsim::users::RegionDay;

constexpr int kOpen = 40;  // D: first day of conversions
constexpr int kWeek = 7;   // W: days of conversions
constexpr double kPrice = 10.0;

struct Variant {
  double decline = 0.3;
  double recovery = 0.4;
  std::string retry_days = "7";  ///< written only when not empty (not written: 0, no retry)
};

std::string write(const TempDir& dir, const Variant& v) {
  gvsim::test::write_catalogs(dir, "[]");
  dir.write("regions/lab.yaml",
            "region:\n"
            "  name: lab\n"
            "  utc_offset_h: 0\n"
            "  market: {addressable_users_millions: 0.01, bass_p_per_year: 10, bass_q_per_year: 100}\n"
            "  payments: {method_share: 1, decline_rate: " +
                std::to_string(v.decline) +
                ", app_store_share: 0}\n"
                "  datacenters:\n"
                "    - name: lab_dc\n"
                "      clusters:\n"
                "        - {name: lab_gpus, gpu: h100_sxm, gpu_count: 4}\n");
  const std::string open = std::to_string(kOpen - 0.5);  // seen by the midnight of D - 1, gone at the midnight of D
  const std::string close = std::to_string(kOpen + kWeek - 0.5);
  return dir.write(
      "experiment.yaml",
      "name: renewal_retry\n"
      "seed: 2025\n"
      "horizon_days: 125\n"
      "scale: 1\n"
      "platform: {regions_dir: regions, regions: [lab]}\n"
      "workload:\n"
      "  mode: users\n"
      "  clip_classes:\n"
      "    clip: {gpu_seconds: 10, credits: 10, video_megabytes: 1}\n"
      "  users:\n"
      "    segments:\n"
      "      everyone: {share: 1, requests_per_day: 0.3, clip_mix: {clip: 1}, wtp_log_sd: 0,\n"
      "                 free_lapse_per_day: 0, paid_churn_per_month: 0, pack_propensity: 0}\n"
      "    pricing:\n"
      "      free_daily_credits: 0\n"
      "      free_credits_reference: 0\n"
      "      renewal_recovery_share: " +
          std::to_string(v.recovery) + "\n" +
          (v.retry_days.empty() ? "" : "      renewal_retry_days: " + v.retry_days + "\n") +
          "      tiers:\n"
          "        basic: {usd_per_month: 10, credits_per_month: 1000}\n"
          "    behaviour: {conversion_intercept: 5, conversion_price_weight: 0, conversion_satisfaction_weight: 0,\n"
          "                churn_dissatisfaction_weight: 0, churn_overprice_weight: 0, churn_competitor_weight: 50,\n"
          "                satisfaction_learning_rate: 0}\n"
          "    upgrade_offers: {shortfall_softness_credits: 0, periodic_per_day: 0}\n"
          "market:\n"
          "  rivals:\n"
          "    gate:\n"
          "      price: [{day: 0, usd_per_month: 10}]\n"
          "      quality: [{day: 0, value: 1.5}, {day: " +
          open + ", value: 1.5}, {day: " + open + ", value: 0}, {day: " + close + ", value: 0}, {day: " + close +
          ", value: 1.5}]\n"
          "  choice: {price_weight: 0, latency_weight_per_min: 0, switching_cost: 0.5, paid_cancel_to_rival: 0}\n");
}

/// Daily series of one run: conversions, charges (subscription revenue / price), churns and paying users.
struct Run {
  std::vector<double> conversions, charges, involuntary, voluntary, paid;
  double sum(const std::vector<double>& x, int from, int to) const {
    return std::accumulate(x.begin() + from, x.begin() + to, 0.0);
  }
  double total(const std::vector<double>& x) const { return sum(x, 0, static_cast<int>(x.size())); }
  double revenue() const { return total(charges) * kPrice; }
};

Run run(const Variant& v) {
  TempDir dir;
  const auto s = gvsim::test::region_day_series(
      write(dir, v), {[](const RegionDay& d) { return static_cast<double>(d.conversions); },
                      [](const RegionDay& d) { return d.revenue_subscriptions_usd / kPrice; },
                      [](const RegionDay& d) { return static_cast<double>(d.paid_churn_involuntary); },
                      [](const RegionDay& d) { return static_cast<double>(d.paid_churn_voluntary); },
                      [](const RegionDay& d) { return static_cast<double>(d.users_paid); }});
  return Run{s[0], s[1], s[2], s[3], s[4]};
}

/// Four standard errors of a binomial proportion `p` estimated from `n` trials.
double tolerance(double p, double n) {
  return 4.0 * std::sqrt(p * (1.0 - p) / n);
}

}  // namespace

TEST_CASE("declined renewals: d (1 - r) involuntary churn per renewal, recoveries charged on the retry day",
          "[users][renewal_retry]") {
  const Variant v;  // d = 0.3, r = 0.4, L = 7
  const int retry = 7;
  const Run r = run(v);
  REQUIRE(r.paid.size() == 125);
  const double converted = r.total(r.conversions);
  REQUIRE(converted > 3000.0);
  // Conversions only in the window; nobody cancels.
  CHECK(r.sum(r.conversions, 0, kOpen) == 0.0);
  CHECK(r.sum(r.conversions, kOpen + kWeek, 125) == 0.0);
  CHECK(r.total(r.voluntary) == 0.0);

  // Whole run: every renewal is settled, so renewals = renewal charges + involuntary churns, and the paying users
  // left are exactly the converted minus the involuntary churns.
  const double renewal_charges = r.total(r.charges) - converted;
  const double involuntary = r.total(r.involuntary);
  const double renewals = renewal_charges + involuntary;
  CHECK(r.paid.back() == converted - involuntary);
  const double p = v.decline * (1.0 - v.recovery);
  WARN("renewals " << renewals << ", involuntary churn per renewal " << involuntary / renewals
                   << " vs d (1 - r) = " << p << " +- " << tolerance(p, renewals));
  CHECK(std::fabs(involuntary / renewals - p) <= tolerance(p, renewals));
  // Power: the old rule (every decline churns, p = d) is rejected.
  CHECK(std::fabs(involuntary / renewals - v.decline) > tolerance(v.decline, renewals));

  // First renewals: first tries on days D + 30 .. D + 36, retries settled 7 days later.
  const int first = kOpen + 30;
  const double first_try = r.sum(r.charges, first, first + kWeek);
  const double recovered = r.sum(r.charges, first + retry, first + retry + kWeek);
  const double dropped = r.sum(r.involuntary, first + retry - 1, first + retry - 1 + kWeek);
  CHECK(first_try + recovered + dropped == converted);  // every subscriber renews once
  CHECK(r.sum(r.involuntary, 0, first + retry - 1) == 0.0);
  // Grace period: still paying until the retry.
  CHECK(r.paid[static_cast<std::size_t>(first + retry - 2)] == converted);
  WARN("first renewals: " << first_try << " charged at once (share " << first_try / converted
                          << " vs 1 - d = " << 1.0 - v.decline << "), " << recovered << " recovered of "
                          << recovered + dropped << " declined (share " << recovered / (recovered + dropped)
                          << " vs r = " << v.recovery << ")");
  CHECK(std::fabs(first_try / converted - (1.0 - v.decline)) <= tolerance(v.decline, converted));
  CHECK(std::fabs(recovered / (recovered + dropped) - v.recovery) <= tolerance(v.recovery, recovered + dropped));

  // A recovered renewal starts a new cycle on the retry day: on days D + 60 .. D + 66 only the users charged at
  // once renew (binomial with 1 - d); had the old billing date been kept, the recovered ones would renew there too.
  const double second = r.sum(r.charges, kOpen + 60, kOpen + 60 + kWeek);
  const double allowance = 4.0 * std::sqrt(first_try * v.decline * (1.0 - v.decline));
  INFO("second renewals charged at once " << second << " vs (1 - d) x " << first_try);
  CHECK(std::fabs(second - (1.0 - v.decline) * first_try) <= allowance);
  CHECK(std::fabs(second - (1.0 - v.decline) * (first_try + recovered)) > allowance);
}

TEST_CASE("more recovery: fewer involuntary churns and more subscription revenue, without retries the old rule",
          "[users][renewal_retry]") {
  Variant none;
  none.recovery = 0.0;  // a grace period of 7 days, then every declined subscriber drops
  Variant some;
  Variant most;
  most.recovery = 0.8;
  const Run a = run(none);
  const Run b = run(some);
  const Run c = run(most);
  WARN("recovery 0 / 0.4 / 0.8: involuntary churns " << a.total(a.involuntary) << " / " << b.total(b.involuntary)
                                                     << " / " << c.total(c.involuntary) << ", subscription revenue "
                                                     << a.revenue() << " / " << b.revenue() << " / " << c.revenue());
  CHECK(a.total(a.involuntary) > b.total(b.involuntary));
  CHECK(b.total(b.involuntary) > c.total(c.involuntary));
  CHECK(a.revenue() < b.revenue());
  CHECK(b.revenue() < c.revenue());
  CHECK(a.paid.back() < b.paid.back());
  CHECK(b.paid.back() < c.paid.back());
  // No retry (renewal_retry_days not written, 0): a declined renewal drops the subscriber on its renewal day, a
  // share d of renewals.
  Variant old_rule;
  old_rule.retry_days.clear();
  const Run o = run(old_rule);
  const int first = kOpen + 30;
  const double converted = o.total(o.conversions);
  const double dropped = o.sum(o.involuntary, first - 1, first - 1 + kWeek);
  CHECK(o.sum(o.charges, first, first + kWeek) + dropped == converted);
  const double renewals = o.total(o.charges) - converted + o.total(o.involuntary);
  CHECK(std::fabs(o.total(o.involuntary) / renewals - old_rule.decline) <= tolerance(old_rule.decline, renewals));
  // ... and the recovery share, with nothing retried, changes nothing at all.
  Variant unretried = old_rule;
  unretried.recovery = 0.8;
  const Run u = run(unretried);
  CHECK(u.charges == o.charges);
  CHECK(u.involuntary == o.involuntary);
  CHECK(u.paid == o.paid);
  // Recovery 0 with a grace period: the same declines, each dropped 7 days later instead of at once.
  CHECK(std::fabs(a.total(a.involuntary) - o.total(o.involuntary)) <= tolerance(old_rule.decline, renewals) * renewals);
}

TEST_CASE("billing-retry keys written where they cannot act draw a located warning", "[cli][config][renewal_retry]") {
  TempDir dir;
  Variant idle;
  idle.decline = 0.0;  // nothing is declined: nothing to retry
  const std::string path = write(dir, idle);
  const auto no_declines = gvsim::test::run_gvsim({"validate", path});
  CHECK(no_declines.exit_code == 0);
  CHECK_THAT(no_declines.err, Catch::Matchers::Contains("experiment.yaml:") &&
                                  Catch::Matchers::Contains("workload.users.pricing.renewal_retry_days: set, but "
                                                            "no region taking part declines a payment"));
  const auto api_only = gvsim::test::run_gvsim(
      {"validate", write(dir, Variant{}), "--set", "workload.users.segments.everyone.api_billing=true"});
  CHECK(api_only.exit_code == 0);
  CHECK_THAT(api_only.err, Catch::Matchers::Contains("renewal_retry_days: set, but every segment is billed per use"));
  Variant share_only;
  share_only.retry_days.clear();
  const auto no_retry = gvsim::test::run_gvsim({"validate", write(dir, share_only)});
  CHECK(no_retry.exit_code == 0);
  CHECK_THAT(no_retry.err, Catch::Matchers::Contains("experiment.yaml:") &&
                               Catch::Matchers::Contains("workload.users.pricing.renewal_recovery_share: set, but "
                                                         "renewal_retry_days is 0"));
  // Where they act: no warning.
  const auto acting = gvsim::test::run_gvsim({"validate", write(dir, Variant{})});
  CHECK(acting.exit_code == 0);
  CHECK(acting.err.find("set, but") == std::string::npos);
}
