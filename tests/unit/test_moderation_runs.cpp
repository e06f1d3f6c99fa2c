// Moderation in users-mode runs, with pinned seeds: stricter thresholds block more benign prompts and let fewer
// harmful clips out (fewer incidents); human review overturns false positives; a suspension stops a region's
// requests for its length; an exit stops them for good. Every run also passes check_books (exit code 0).
//
// The scenario: two regions at scale 1; `home` has a datacenter and a regulator that acts on 5% of published
// harmful clips, `away` is served over the WAN and has no regulator. Users write harmful prompts 5% of the time on
// average (beta, cv 1), so each run has thousands of harmful requests and hundreds of incidents.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "sim/config/scenario_loader.hpp"
#include "sim/economics/books.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/model/invariant.hpp"
#include "tests/support/test_support.hpp"

using gvsim::test::read_csv;
using gvsim::test::run_gvsim;
using gvsim::test::TempDir;

namespace {

using Rows = std::vector<std::map<std::string, std::string>>;

/// Writes the regions (with `home_regulation` as home's regulation block) and the experiment.
std::string write_scenario(const TempDir& dir, const std::string& home_regulation) {
  gvsim::test::write_catalogs(dir, "[{from: home, to: away, latency_ms: 60, bandwidth_gbps: 10}]");
  dir.write("regions/home.yaml",
            "region:\n"
            "  name: home\n"
            "  market: {addressable_users_millions: 0.003, bass_p_per_year: 4, bass_q_per_year: 40}\n"
            "  payments: {method_share: 0.8, decline_rate: 0.1}\n"
            "  regulation:\n" +
                home_regulation +
                "  datacenters:\n"
                "    - name: home_dc\n"
                "      clusters:\n"
                "        - {name: home_gpus, gpu: h100_sxm, gpu_count: 8}\n");
  dir.write("regions/away.yaml",
            "region:\n"
            "  name: away\n"
            "  utc_offset_h: -5\n"
            "  market: {addressable_users_millions: 0.001, bass_p_per_year: 4, bass_q_per_year: 40}\n"
            "  datacenters: []\n");
  return dir.write("experiment.yaml",
                   "name: moderation_runs\n"
                   "seed: 5\n"
                   "horizon_days: 20\n"
                   "platform:\n"
                   "  regions_dir: regions\n"
                   "  regions: [home, away]\n"
                   "workload:\n"
                   "  mode: users\n"
                   "  clip_classes:\n"
                   "    short: {gpu_seconds: 30, gpu_seconds_cv: 0.3, credits: 10, video_megabytes: 8}\n"
                   "  users:\n"
                   "    segments:\n"
                   "      casual:\n"
                   "        share: 0.8\n"
                   "        requests_per_day: 2\n"
                   "        clip_mix: {short: 1}\n"
                   "        free_lapse_per_day: 0.02\n"
                   "        patience_s_median: 100000\n"
                   "      creator:\n"
                   "        share: 0.2\n"
                   "        requests_per_day: 4\n"
                   "        clip_mix: {short: 1}\n"
                   "        free_lapse_per_day: 0.01\n"
                   "        patience_s_median: 100000\n"
                   "    pricing:\n"
                   "      free_daily_credits: 100\n"
                   "      tiers: {standard: {usd_per_month: 7, credits_per_month: 3000}}\n"
                   "policies:\n"
                   "  moderation:\n"
                   "    name: binormal\n"
                   "    content: {distribution: beta, cv: 1, classes: {political: {share_mean: 0.05}}}\n"
                   "    binormal:\n"
                   "      prompt: {d_prime: 2.0, threshold: 2.0}\n"
                   "    review: {enabled: false, capacity_per_day: 100000, delay_hours: 1, usd_per_item: 0.1}\n");
}

const std::string kRegulator = "    classes: {political: {incident_probability: 0.05, fine_usd: 1000}}\n";

/// Runs the experiment with the overrides and returns the rows of region_daily.csv.
Rows run(const TempDir& dir, const std::string& experiment, const std::vector<std::string>& overrides,
         const std::string& out) {
  std::vector<std::string> args = {"run", experiment, "--out", dir.path() + "/" + out, "--quiet"};
  for (const auto& o : overrides) {
    args.push_back("--set");
    args.push_back(o);
  }
  const auto result = run_gvsim(args);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);  // includes check_books: jobs, review flows and money add up
  return read_csv(dir.path() + "/" + out + "/region_daily.csv");
}

double total(const Rows& rows, const std::string& column, const std::string& region = "") {
  double sum = 0.0;
  for (const auto& row : rows) {
    if (region.empty() || row.at("region") == region) sum += std::stod(row.at(column));
  }
  return sum;
}

std::vector<std::map<std::string, std::string>> of_region(const Rows& rows, const std::string& region) {
  Rows out;
  for (const auto& row : rows) {
    if (row.at("region") == region) out.push_back(row);
  }
  return out;
}

}  // namespace

TEST_CASE("a stricter threshold blocks more benign prompts and causes fewer incidents (same seed)",
          "[moderation][users]") {
  TempDir dir;
  const std::string experiment = write_scenario(dir, kRegulator);
  const Rows strict = run(dir, experiment, {"policies.moderation.binormal.prompt.threshold=1.0"}, "strict");
  const Rows lax = run(dir, experiment, {"policies.moderation.binormal.prompt.threshold=3.0"}, "lax");
  const double fp_strict = total(strict, "prompt_fp");
  const double fp_lax = total(lax, "prompt_fp");
  const double incidents_strict = total(strict, "incidents");
  const double incidents_lax = total(lax, "incidents");
  INFO("false positives " << fp_strict << " vs " << fp_lax << "; incidents " << incidents_strict << " vs "
                          << incidents_lax);
  CHECK(fp_strict > 5.0 * fp_lax);
  CHECK(total(strict, "blocked_benign") > 5.0 * total(lax, "blocked_benign"));
  CHECK(incidents_lax > 20.0);
  CHECK(incidents_strict < 0.5 * incidents_lax);
  CHECK(total(strict, "harmful_published") < 0.5 * total(lax, "harmful_published"));
  CHECK(total(strict, "fines_usd") < total(lax, "fines_usd"));
  CHECK(total(strict, "fines_usd") == 1000.0 * incidents_strict);
  CHECK(total(lax, "incidents", "away") == 0.0);  // no regulator there
  // Blocked benign prompts frustrate users: mean satisfaction over the run is lower under the strict threshold.
  CHECK(total(strict, "satisfaction_mean") < total(lax, "satisfaction_mean"));
  // Every accepted request is checked; the harmful share of requests is near the content mean of 0.05.
  const double checked =
      total(strict, "prompt_tp") + total(strict, "prompt_fp") + total(strict, "prompt_tn") + total(strict, "prompt_fn");
  CHECK(checked == total(strict, "jobs_submitted"));
  CHECK(std::fabs(total(strict, "harmful_requests") / checked - 0.05) < 0.015);
}

TEST_CASE("human review overturns false positives, so fewer benign jobs are blocked", "[moderation][users]") {
  TempDir dir;
  const std::string experiment = write_scenario(dir, kRegulator);
  const std::vector<std::string> strict = {"policies.moderation.binormal.prompt.threshold=1.0",
                                           "policies.moderation.binormal.video.enabled=true"};
  const Rows blocked = run(dir, experiment, strict, "no_review");
  auto with_review = strict;
  with_review.push_back("policies.moderation.review.enabled=true");
  const Rows reviewed = run(dir, experiment, with_review, "review");
  INFO("blocked benign " << total(reviewed, "blocked_benign") << " with review, " << total(blocked, "blocked_benign")
                         << " without");
  CHECK(total(reviewed, "overturned") > 0.0);
  CHECK(total(reviewed, "blocked_benign") < 0.2 * total(blocked, "blocked_benign"));
  CHECK(total(blocked, "reviewed") == 0.0);
  CHECK(total(blocked, "moderation_usd") == 0.0);
  // Every item reviewers took up cost 0.1 USD.
  CHECK(total(reviewed, "moderation_usd") == Approx(0.1 * total(reviewed, "reviewed")));
  // Overturned prompts ran: more clips delivered than without review.
  CHECK(total(reviewed, "jobs_delivered") > total(blocked, "jobs_delivered"));

  // With a capacity of 40 items a day, items queue for the next days' capacity (FIFO) and nobody takes up more.
  auto scarce = with_review;
  scarce.push_back("policies.moderation.review.capacity_per_day=40");
  const Rows queued = run(dir, experiment, scarce, "scarce");
  double backlog = 0.0;
  for (const auto& row : of_region(queued, "home")) {
    CHECK(std::stod(row.at("reviewed")) <= 40.0);
    backlog = std::max(backlog, std::stod(row.at("review_backlog")));
  }
  CHECK(backlog > 100.0);
}

TEST_CASE("a suspension stops the region's adoptions, requests and billing for its length, an exit for good",
          "[moderation][users]") {
  TempDir dir;
  const std::string experiment = write_scenario(dir, kRegulator +
                                                         "    suspension_after_incidents: 1\n"
                                                         "    suspension_window_days: 30\n"
                                                         "    suspension_days: 5\n");
  const Rows rows = run(dir, experiment, {}, "suspended");
  const Rows home = of_region(rows, "home");
  const Rows away = of_region(rows, "away");
  std::size_t first = home.size();
  for (std::size_t d = 0; d < home.size() && first == home.size(); ++d) {
    if (std::stod(home[d].at("suspensions")) > 0.0) first = d;
  }
  REQUIRE(first + 6 < home.size());
  CHECK(std::stod(home[first].at("suspended")) == 1.0);
  // Days first+1 .. first+4 lie wholly inside the 5-day suspension.
  for (std::size_t d = first + 1; d <= first + 4; ++d) {
    INFO("day " << d);
    CHECK(std::stod(home[d].at("requests")) == 0.0);
    CHECK(std::stod(home[d].at("users_new")) == 0.0);
    CHECK(std::stod(home[d].at("revenue_subscriptions_usd")) == 0.0);
    CHECK(std::stod(home[d].at("suspended")) == 1.0);
    CHECK(std::stod(away[d].at("requests")) > 0.0);  // the other region carries on
  }
  // The service resumes: requests again after the suspension.
  double after = 0.0;
  for (std::size_t d = first + 6; d < home.size(); ++d)
    after += std::stod(home[d].at("requests"));
  CHECK(after > 0.0);

  // With exit_after_suspensions 1 the first suspension is final.
  TempDir exit_dir;
  const std::string exiting = write_scenario(exit_dir, kRegulator +
                                                           "    suspension_after_incidents: 1\n"
                                                           "    suspension_days: 5\n"
                                                           "    exit_after_suspensions: 1\n");
  const Rows gone = of_region(run(exit_dir, exiting, {}, "exit"), "home");
  std::size_t exit_day = gone.size();
  for (std::size_t d = 0; d < gone.size() && exit_day == gone.size(); ++d) {
    if (std::stod(gone[d].at("exited")) > 0.0) exit_day = d;
  }
  REQUIRE(exit_day + 1 < gone.size());
  for (std::size_t d = exit_day + 1; d < gone.size(); ++d) {
    INFO("day " << d);
    CHECK(std::stod(gone[d].at("requests")) == 0.0);
    CHECK(std::stod(gone[d].at("exited")) == 1.0);
  }
}

TEST_CASE("check_books refuses moderation books broken on purpose", "[moderation][users][invariants]") {
  TempDir dir;
  const std::string experiment = write_scenario(dir, kRegulator);
  const auto scenario =
      gvsim::config::load_scenario(experiment, {{"horizon_days=5", "policies.moderation.binormal.video.enabled=true"}});
  const std::string report = gvsim::test::run_in_child([&] {
    using gvsim::observe::RunOutcome;
    const RunOutcome outcome = gvsim::engine::run_simulation(scenario);
    auto verdict = [&](const RunOutcome& o) -> std::string {
      try {
        gvsim::economics::check_books(scenario, o);
      } catch (const gvsim::InvariantViolation& e) {
        return std::string("violation: ") + e.what();
      }
      return "ok";
    };
    auto copy_of = [&] {
      return RunOutcome{outcome.clusters, outcome.recorder,
                        outcome.events,   std::make_unique<gvsim::users::Market>(*outcome.market),
                        outcome.latency,  outcome.segment_gpu};
    };
    const double late = outcome.recorder.horizon_s() - 1.0;
    std::string out = "original " + verdict(outcome) + "\n";
    {
      // A video is checked that no GPU generated.
      RunOutcome copy = copy_of();
      gvsim::users::JobRequest job;
      copy.market->check_video(job, 0, 0.0, late);
      out += "phantom_check " + verdict(copy) + "\n";
    }
    {
      // A harmful clip is delivered that the market never accepted.
      RunOutcome copy = copy_of();
      gvsim::users::JobRequest job;
      job.harmful = true;
      job.risk_class = 1;
      copy.market->on_delivered(job, {}, late);
      out += "phantom_delivery " + verdict(copy) + "\n";
    }
    return out;
  });
  INFO(report);
  CHECK(report.find("original ok") != std::string::npos);
  CHECK(report.find("phantom_check violation: ") != std::string::npos);
  CHECK(report.find("phantom_delivery violation: jobs do not add up") != std::string::npos);
}

// Content-risk classes (docs/model.md, Content-risk classes): the home regulator acts on 10% of published clips of
// two classes, and users' risky prompts split between them; the classifier is lax (threshold 3) so that many
// risky clips are published.
namespace {

const std::string kClassRegulator =
    "    classes: {political: {incident_probability: 0.1, fine_usd: 1000},\n"
    "              likeness: {incident_probability: 0.1, fine_usd: 2000}}\n";

std::vector<std::string> two_classes(const std::string& likeness_share, const std::string& likeness_separability) {
  return {"policies.moderation.binormal.prompt.threshold=3.0",
          "policies.moderation.content.classes.political.share_mean=0.025",
          "policies.moderation.content.classes.political.trust_weight=0.5",
          "policies.moderation.content.classes.likeness={share_mean: " + likeness_share +
              ", separability: " + likeness_separability + ", trust_weight: 2}"};
}

/// Two runs of the two-class scenario with the likeness class's (share_mean, separability) of `a` and of `b`.
std::pair<Rows, Rows> likeness_pair(const std::pair<std::string, std::string>& a,
                                    const std::pair<std::string, std::string>& b) {
  TempDir dir;
  const std::string experiment = write_scenario(dir, kClassRegulator);
  std::pair<Rows, Rows> rows{run(dir, experiment, two_classes(a.first, a.second), "a"),
                             run(dir, experiment, two_classes(b.first, b.second), "b")};
  for (const char* column : {"requests_likeness", "published_likeness", "incidents_likeness"})
    UNSCOPED_INFO(column << ": " << total(rows.first, column) << " vs " << total(rows.second, column));
  return rows;
}

}  // namespace

TEST_CASE("labels lower incidents, and a region's mandate labels clips without the policy", "[moderation][users]") {
  TempDir dir;
  const std::string experiment = write_scenario(dir, kRegulator);
  const std::string lax = "policies.moderation.binormal.prompt.threshold=3.0";
  const Rows plain = run(dir, experiment, {lax}, "plain");
  const Rows labelled = run(dir, experiment, {lax, "policies.moderation.labelling.enabled=true"}, "labelled");
  const Rows mandated =
      run(dir, experiment, {lax, "regions.home.regulation.labelling_mandatory_from_day=0"}, "mandated");
  const double incidents_plain = total(plain, "incidents");
  const double incidents_labelled = total(labelled, "incidents");
  INFO("incidents " << incidents_plain << " unlabelled vs " << incidents_labelled << " labelled (factor 0.5)");
  CHECK(incidents_plain > 40.0);
  CHECK(incidents_labelled < 0.75 * incidents_plain);
  CHECK(incidents_labelled > 0.25 * incidents_plain);
  CHECK(total(plain, "labelled_published") == 0.0);
  CHECK(total(labelled, "labelled_published") == total(labelled, "jobs_delivered"));
  // The mandate applies where the regulator is (home), not in the region without one.
  CHECK(total(mandated, "labelled_published", "home") == total(mandated, "jobs_delivered", "home"));
  CHECK(total(mandated, "labelled_published", "away") == 0.0);
  CHECK(total(mandated, "incidents") < 0.75 * incidents_plain);
}

TEST_CASE("a better-separated class is published less and causes fewer incidents (same seed)", "[moderation][users]") {
  const auto [blurred, separated] = likeness_pair({"0.025", "0.5"}, {"0.025", "1.5"});
  CHECK(total(blurred, "incidents_likeness") > 30.0);
  CHECK(total(separated, "published_likeness") < 0.6 * total(blurred, "published_likeness"));
  CHECK(total(separated, "incidents_likeness") < 0.6 * total(blurred, "incidents_likeness"));
  // The other class keeps its classifier: its published clips stay within sampling noise.
  const double political = total(blurred, "published_political");
  CHECK(std::fabs(total(separated, "published_political") - political) < 0.25 * political);
}

TEST_CASE("a more common class causes more incidents and fines, and trust weights sum the classes",
          "[moderation][users]") {
  const auto [rare, common] = likeness_pair({"0.01", "1"}, {"0.04", "1"});
  CHECK(total(common, "requests_likeness") > 2.5 * total(rare, "requests_likeness"));
  CHECK(total(rare, "incidents_likeness") > 10.0);
  CHECK(total(common, "incidents_likeness") > 2.0 * total(rare, "incidents_likeness"));
  CHECK(total(common, "fines_usd_likeness") > 2.0 * total(rare, "fines_usd_likeness"));
  for (const Rows* rows : {&rare, &common}) {
    CHECK(total(*rows, "fines_usd_likeness") == 2000.0 * total(*rows, "incidents_likeness"));
    CHECK(total(*rows, "incidents") == total(*rows, "incidents_likeness") + total(*rows, "incidents_political"));
    CHECK(total(*rows, "trust_weighted_incidents") ==
          Approx(2.0 * total(*rows, "incidents_likeness") + 0.5 * total(*rows, "incidents_political")));
    CHECK(total(*rows, "incidents_copyright") == 0.0);
  }
}
