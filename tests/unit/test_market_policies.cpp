// Pricing and market-entry policies end to end, on small users-mode runs with pinned seeds. Each run is a forked
// child (one SimGrid Engine per process) that sends back its day records; the parent checks them.
//
// The market: one subscription plan at $10 a month, no credit packs, no API, payments that always succeed, users
// who exhaust their 10 free daily credits with almost every request (so that they meet the upgrade offer often),
// and a fast Bass diffusion. Region `home` (price index 1) has the only GPUs; `low` (price index 0.5) is served
// over the WAN; `away` and `late` open on conditions of `home` in the market-entry tests.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "sim/config/scenario_loader.hpp"
#include "sim/economics/books.hpp"
#include "sim/engine/simulation.hpp"
#include "tests/support/test_support.hpp"

namespace {

using gvsim::test::TempDir;

constexpr double kPrice = 10.0;

std::string region_file(const std::string& name, double price_index, bool gpus) {
  return "region:\n"
         "  name: " +
         name +
         "\n"
         "  market:\n"
         "    addressable_users_millions: 0.003\n"
         "    bass_p_per_year: 3\n"
         "    bass_q_per_year: 30\n"
         "    price_index: " +
         std::to_string(price_index) +
         "\n"
         "  payments: {method_share: 1, decline_rate: 0, app_store_share: 0}\n" +
         (gpus ? "  datacenters:\n"
                 "    - name: " +
                     name +
                     "_dc\n"
                     "      clusters:\n"
                     "        - {name: " +
                     name + "_gpus, gpu: h100_sxm, gpu_count: 5}\n"
               : "  datacenters: []\n");
}

/// Writes the regions and an experiment with `policies` (YAML under `policies:`) and the given horizon and scale.
std::string write_scenario(const TempDir& dir, const std::string& regions, const std::string& policies,
                           double horizon_days, double scale = 1.0) {
  dir.write("regions/gpus.yaml", "gpus:\n  h100_sxm: {relative_speed: 1.0, reserved_usd_per_gpu_hour: 2.0}\n");
  dir.write("regions/wan.yaml",
            "links:\n"
            "  - {from: home, to: low, latency_ms: 60, bandwidth_gbps: 10}\n"
            "  - {from: home, to: away, latency_ms: 60, bandwidth_gbps: 10}\n"
            "  - {from: home, to: late, latency_ms: 60, bandwidth_gbps: 10}\n");
  dir.write("regions/home.yaml", region_file("home", 1.0, true));
  dir.write("regions/low.yaml", region_file("low", 0.5, false));
  dir.write("regions/away.yaml", region_file("away", 0.8, false));
  dir.write("regions/late.yaml", region_file("late", 0.8, false));
  return dir.write("experiment.yaml",
                   "name: market_policies\n"
                   "seed: 5\n"
                   "horizon_days: " +
                       std::to_string(horizon_days) + "\nscale: " + std::to_string(scale) +
                       "\n"
                       "platform:\n"
                       "  regions_dir: regions\n"
                       "  regions: " +
                       regions +
                       "\n"
                       "workload:\n"
                       "  mode: users\n"
                       "  clip_classes:\n"
                       "    clip: {gpu_seconds: 60, credits: 20, video_megabytes: 5}\n"
                       "  users:\n"
                       "    segments:\n"
                       "      maker:\n"
                       "        share: 1\n"
                       "        requests_per_day: 1\n"
                       "        clip_mix: {clip: 1}\n"
                       "        wtp_usd_median: 10\n"
                       "        wtp_log_sd: 0.8\n"
                       "        patience_s_median: 1000000\n"
                       "        free_lapse_per_day: 0.01\n"
                       "        paid_churn_per_month: 0.3\n"
                       "        pack_propensity: 0\n"
                       "    pricing:\n"
                       "      free_daily_credits: 10\n"
                       "      free_credits_reference: 10\n"  // the Bass and lapse rates hold at this offer
                       "      tiers:\n"
                       "        plus: {usd_per_month: 10, credits_per_month: 1000}\n"
                       "      pack_usd: 5\n"
                       "      pack_credits: 100\n"
                       "    behaviour:\n"
                       "      conversion_intercept: -2.5\n"
                       "      churn_dissatisfaction_weight: 0\n"
                       "policies:\n" +
                       policies);
}

/// Fields of one day record sent back by the child.
enum Field { kNew, kConversions, kSubsRevenue, kAdopted, kPaid, kPaidChurn, kLapsed, kNetUsd, kCostUsd, kFields };

/// What a child run sends back: day records per region, entry days and the promotion tallies of promotion 0.
struct Digest {
  std::vector<std::vector<std::vector<double>>> days;   // [region][day][field]
  std::vector<double> entry_day;                        // NaN: never opened
  std::vector<std::vector<std::vector<double>>> promo;  // [region][day]{subscribers, renewals, discount_usd}
};

Digest run(const std::string& experiment) {
  const auto scenario = gvsim::config::load_scenario(experiment);
  const std::string text = gvsim::test::run_in_child([&] {
    const auto outcome = gvsim::engine::run_simulation(scenario);
    gvsim::economics::check_books(scenario, outcome);
    const auto ledger = gvsim::economics::build_ledger(scenario, outcome);
    const auto& market = *outcome.market;
    std::ostringstream out;
    out.precision(17);
    for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
      out << "entry " << r << ' ' << market.entry_day(r) << '\n';
      for (std::size_t d = 0; d < market.days()[r].size(); ++d) {
        const auto& day = market.days()[r][d];
        out << "day " << r << ' ' << d << ' ' << day.new_users << ' ' << day.conversions << ' '
            << day.revenue_subscriptions_usd << ' ' << day.users_adopted << ' ' << day.users_paid << ' '
            << day.paid_churn_voluntary + day.paid_churn_involuntary << ' ' << day.free_lapsed << ' '
            << ledger[r][d].revenue_net_usd() << ' ' << ledger[r][d].cost_usd() << '\n';
      }
      const auto& tallies = market.policies().promotion_days();
      if (tallies.empty()) continue;
      for (std::size_t d = 0; d < tallies[0][r].size(); ++d) {
        const auto& p = tallies[0][r][d];
        out << "promo " << r << ' ' << d << ' ' << p.subscribers << ' ' << p.discounted_renewals << ' '
            << p.discount_usd << '\n';
      }
    }
    return out.str();
  });
  Digest digest;
  std::istringstream in(text);
  std::string kind;
  while (in >> kind) {
    std::size_t r = 0;
    in >> r;
    if (digest.days.size() <= r) {
      digest.days.resize(r + 1);
      digest.entry_day.resize(r + 1, std::nan(""));
      digest.promo.resize(r + 1);
    }
    if (kind == "entry") {
      std::string value;
      in >> value;
      digest.entry_day[r] = value == "nan" ? std::nan("") : std::stod(value);
      continue;
    }
    std::size_t d = 0;
    in >> d;
    auto& rows = kind == "day" ? digest.days[r] : digest.promo[r];
    if (rows.size() <= d) rows.resize(d + 1);
    const int n = kind == "day" ? kFields : 3;
    rows[d].resize(static_cast<std::size_t>(n));
    for (int f = 0; f < n; ++f)
      in >> rows[d][static_cast<std::size_t>(f)];
  }
  return digest;
}

double sum(const std::vector<std::vector<double>>& rows, Field f, std::size_t from = 0, std::size_t to = 1u << 30) {
  double total = 0.0;
  for (std::size_t d = from; d < rows.size() && d < to; ++d)
    total += rows[d][f];
  return total;
}

/// Free and paid user-days over the run (for churn rates).
std::pair<double, double> user_days(const std::vector<std::vector<double>>& rows) {
  double free_days = 0.0;
  double paid_days = 0.0;
  for (const auto& row : rows) {
    paid_days += row[kPaid];
    free_days += row[kAdopted] - row[kPaid];  // churned users are counted in lapses, a small share here
  }
  return {free_days, paid_days};
}

}  // namespace

TEST_CASE("purchasing_power charges the tier price x price index, and more users pay in the low-index region",
          "[market][pricing]") {
  TempDir dir;
  const std::string regions = "[home, low]";
  const auto uniform = run(write_scenario(dir, regions, "  pricing: {name: uniform}\n", 28));
  const auto scaled = run(write_scenario(dir, regions, "  pricing: {name: purchasing_power}\n", 28));
  // Before the first renewals (day 30) every subscription charge is a first month.
  for (std::size_t r = 0; r < 2; ++r) {
    const double factor = r == 0 ? 1.0 : 0.5;
    for (std::size_t d = 0; d < 28; ++d) {
      INFO("region " << r << " day " << d);
      CHECK(uniform.days[r][d][kSubsRevenue] == Approx(kPrice * uniform.days[r][d][kConversions]));
      CHECK(scaled.days[r][d][kSubsRevenue] == Approx(kPrice * factor * scaled.days[r][d][kConversions]));
    }
  }
  // The home region's prices are unchanged; in the low region wtp / price doubles, so conversions rise.
  const double low_uniform = sum(uniform.days[1], kConversions);
  const double low_scaled = sum(scaled.days[1], kConversions);
  INFO("conversions in low: uniform " << low_uniform << ", purchasing_power " << low_scaled);
  CHECK(low_uniform > 30);
  CHECK(low_scaled > 1.3 * low_uniform);
}

TEST_CASE("purchasing_power end to end: ARPPU in the low-index region is about half", "[market][pricing]") {
  TempDir dir;
  const std::string experiment = write_scenario(dir, "[home, low]", "  pricing: {name: uniform}\n", 75);
  std::map<std::string, double> arppu;
  for (const std::string name : {"uniform", "purchasing_power"}) {
    const auto result = gvsim::test::run_gvsim(
        {"run", experiment, "--set", "policies.pricing.name=" + name, "--out", dir.path() + "/" + name, "--quiet"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    for (const auto& row : gvsim::test::read_csv(dir.path() + "/" + name + "/kpis.csv")) {
      if (row.at("region") == "low") arppu[name] = std::stod(row.at("arppu_usd_month"));
    }
  }
  INFO("ARPPU uniform " << arppu["uniform"] << ", purchasing_power " << arppu["purchasing_power"]);
  CHECK(arppu["uniform"] > 5.0);
  CHECK(arppu["purchasing_power"] / arppu["uniform"] == Approx(0.5).margin(0.08));
}

TEST_CASE("a promotion raises conversions in its window and discounts each subscriber's first_months",
          "[market][pricing]") {
  TempDir dir;
  const auto plain = run(write_scenario(dir, "[home]", "  pricing: {name: uniform}\n", 50));
  const auto promoted = run(write_scenario(dir, "[home]",
                                           "  pricing:\n"
                                           "    name: uniform\n"
                                           "    promotions:\n"
                                           "      - {name: half, start_day: 5, end_day: 15, discount: 0.5,\n"
                                           "         applies_to: subscriptions, first_months: 2}\n",
                                           50));
  const auto& days = promoted.days[0];
  const auto& promo = promoted.promo[0];
  const double window_plain = sum(plain.days[0], kConversions, 5, 15);
  const double window_promoted = sum(days, kConversions, 5, 15);
  INFO("conversions on days 5-14: without " << window_plain << ", with the promotion " << window_promoted);
  CHECK(window_plain > 50);
  CHECK(window_promoted > 1.2 * window_plain);

  double subscribers = 0.0;
  double renewals = 0.0;
  double discount = 0.0;
  for (std::size_t d = 0; d < days.size(); ++d) {
    INFO("day " << d);
    const double first_months = days[d][kConversions];
    const bool window = d >= 5 && d < 15;
    const double promo_subscribers = d < promo.size() ? promo[d][0] : 0.0;
    const double promo_renewals = d < promo.size() ? promo[d][1] : 0.0;
    subscribers += promo_subscribers;
    renewals += promo_renewals;
    discount += d < promo.size() ? promo[d][2] : 0.0;
    // Every subscriber of the window is a promotion subscriber and pays half; nobody else gets the discount.
    CHECK(promo_subscribers == (window ? first_months : 0.0));
    if (d < 30) CHECK(days[d][kSubsRevenue] == Approx(kPrice * (window ? 0.5 : 1.0) * first_months));
    // Second months (renewals 30 days after subscribing) are discounted too; the third are not.
    if (d < 35 || d >= 45) CHECK(promo_renewals == 0.0);
  }
  CHECK(renewals > 0.5 * subscribers);  // most window subscribers stay a second month (paid churn 0.3 / month)
  CHECK(renewals <= subscribers);
  CHECK(discount == Approx(0.5 * kPrice * (subscribers + renewals)));
}

TEST_CASE("a rival with a utility advantage lowers conversions and raises churn (same seed)", "[market][rivals]") {
  TempDir dir;
  const auto calm = run(write_scenario(dir, "[home]", "  pricing: {name: uniform}\n", 60));
  // Quality 1.5 against the platform's 0, price and latency out of the choice: an advantage of 1 beyond the
  // switching cost 0.5; the reference share is the platform's share, so adoption stays as without the rival.
  const auto war = run(write_scenario(dir, "[home]",
                                      "  pricing: {name: uniform}\n"
                                      "market:\n"
                                      "  rivals:\n"
                                      "    rival: {price: [{day: 0, usd_per_month: 10}], quality: [{day: 0, value: "
                                      "1.5}]}\n"
                                      "  choice: {price_weight: 0, latency_weight_per_min: 0, switching_cost: 0.5, "
                                      "reference_share: 0.18242552380635635}\n",
                                      60));
  const double conversions_calm = sum(calm.days[0], kConversions);
  const double conversions_war = sum(war.days[0], kConversions);
  INFO("conversions: no rival " << conversions_calm << ", rival advantage 1 " << conversions_war);
  CHECK(conversions_war < 0.6 * conversions_calm);
  // Hazards are multiplied by e^1 = 2.7: compare churn per user-day.
  const auto [free_calm, paid_calm] = user_days(calm.days[0]);
  const auto [free_war, paid_war] = user_days(war.days[0]);
  const double paid_churn_calm = sum(calm.days[0], kPaidChurn) / paid_calm;
  const double paid_churn_war = sum(war.days[0], kPaidChurn) / paid_war;
  const double lapse_calm = sum(calm.days[0], kLapsed) / free_calm;
  const double lapse_war = sum(war.days[0], kLapsed) / free_war;
  INFO("paid churn per day " << paid_churn_calm << " -> " << paid_churn_war << "; lapses " << lapse_calm << " -> "
                             << lapse_war);
  CHECK(paid_churn_war > 1.8 * paid_churn_calm);
  CHECK(lapse_war > 1.8 * lapse_calm);
}

TEST_CASE("triggered entry opens the first UTC midnight the home condition holds, plus lag_days", "[market][entry]") {
  TempDir dir;
  // Scale 10: thresholds are real-world users (adopted x 10).
  const auto digest = run(write_scenario(dir, "[home, away, late]",
                                         "  market_entry:\n"
                                         "    name: triggered\n"
                                         "    triggered:\n"
                                         "      regions:\n"
                                         "        - {region: away, home: home, users_adopted_at_least: 1500, "
                                         "lag_days: 3}\n"
                                         "        - {region: late, home: home, users_adopted_at_least: 200, "
                                         "not_before_day: 20}\n",
                                         40, 10.0));
  const auto& home = digest.days[0];
  std::size_t first = home.size();
  for (std::size_t d = 0; d < home.size(); ++d) {
    if (10.0 * home[d][kAdopted] >= 1500.0) {
      first = d;
      break;
    }
  }
  INFO("home reached 1,500 adopters at the end of day " << first);
  REQUIRE(first > 2);
  REQUIRE(first < 30);
  // The record of day `first` closes at the midnight that begins day first + 1.
  CHECK(digest.entry_day[0] == 0.0);
  CHECK(digest.entry_day[1] == static_cast<double>(first + 1 + 3));
  CHECK(digest.entry_day[2] == 20.0);  // the 200 adopters came early; not before day 20
  for (std::size_t r = 1; r < 3; ++r) {
    const auto open = static_cast<std::size_t>(digest.entry_day[r]);
    CHECK(sum(digest.days[r], kNew, 0, open) == 0.0);
    CHECK(sum(digest.days[r], kNew, open, open + 5) > 0.0);
  }
}

TEST_CASE("triggered entry on the home region's 30-day gross margin agrees with the books", "[market][entry]") {
  TempDir dir;
  const double threshold = -1.0;
  const auto digest = run(write_scenario(dir, "[home, away]",
                                         "  market_entry:\n"
                                         "    name: triggered\n"
                                         "    triggered:\n"
                                         "      regions:\n"
                                         "        - {region: away, home: home, gross_margin_30d_at_least: -1, "
                                         "lag_days: 2}\n",
                                         60));
  // The margin of the home region over the last 30 closed days, from the ledger the run writes.
  const auto& home = digest.days[0];
  std::size_t first = home.size();
  for (std::size_t d = 0; d < home.size(); ++d) {
    double net = 0.0;
    double cost = 0.0;
    for (std::size_t k = d >= 29 ? d - 29 : 0; k <= d; ++k) {
      net += home[k][kNetUsd];
      cost += home[k][kCostUsd];
    }
    if (net > 0.0 && (net - cost) / net >= threshold) {
      first = d;
      break;
    }
  }
  INFO("home margin reached " << threshold << " at the end of day " << first);
  REQUIRE(first > 2);
  REQUIRE(first < 50);
  CHECK(digest.entry_day[1] == static_cast<double>(first + 1 + 2));
}
