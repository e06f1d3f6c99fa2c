#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "sim/model/scenario.hpp"
#include "sim/rng/random_stream.hpp"
#include "sim/users/adoption_drive.hpp"
#include "sim/users/api_demand.hpp"
#include "sim/users/delivery_timing.hpp"
#include "sim/users/enterprise_contracts.hpp"
#include "sim/users/free_offer.hpp"
#include "sim/users/generation_quality.hpp"
#include "sim/users/job_request.hpp"
#include "sim/users/market_policies.hpp"
#include "sim/users/moderation_flow.hpp"
#include "sim/users/novelty_burst.hpp"
#include "sim/users/region_day.hpp"
#include "sim/users/rival_market.hpp"
#include "sim/users/segment_ledger.hpp"
#include "sim/users/social_graph.hpp"
#include "sim/users/upgrade_offers.hpp"
#include "sim/users/user_table.hpp"

namespace gvsim::users {

/// @brief The agent-based market of every region: adoption, requests, credits, conversion, churn, satisfaction
/// and the revenue side of the books. Plain C++ driven by the engine; it never touches SimGrid.
///
/// Each region has its own event calendar: the next adoption (Bass hazard, exact between events), the next
/// request candidate (Poisson superposition of active users, thinned by the diurnal profile) and the next UTC
/// midnight (daily sweep: renewals, churn, lapses, day records).
class Market {
 public:
  /// @brief Markets of all regions of `scenario`, with streams under (seed, replication).
  Market(const model::Scenario& scenario, std::uint64_t seed, std::uint64_t replication);

  /// @brief Time of the region's next event (infinity if none).
  double next_event_time(std::size_t region) const;
  /// @brief Handles the region's next event, which must be due; returns a job when a request was accepted.
  std::optional<JobRequest> step(std::size_t region);

  /// @brief The job of `user` was abandoned at time t (wait exceeded patience); credits are refunded.
  void on_abandoned(const JobRequest& job, double t);
  /// @brief The generation of the job failed at time t: no video; credits are refunded, API use not billed.
  void on_failed(const JobRequest& job, double t);
  /// @brief The video of `user` arrived at time t, `timing` after its submission (queue, generation, delivery).
  void on_delivered(const JobRequest& job, const DeliveryTiming& timing, double t);

  /// @brief Checks the finished video of `job` (generated on `cluster` after waiting `wait_s`) at time t; a
  /// blocked video is refunded. Always kPass without moderation.
  ModerationVerdict check_video(const JobRequest& job, std::uint32_t cluster, double wait_s, double t);
  /// @brief The video a review event just released for delivery, if the last step released one.
  std::optional<ReviewItem> take_released_video();
  /// @brief Moderation and regulation state, or nullptr when the moderation policy is none.
  const ModerationFlow* moderation() const { return moderation_ ? &*moderation_ : nullptr; }

  /// @brief Closes the books of the last (possibly partial) day at the horizon.
  void finish(double horizon_s);

  /// @brief Day records per region (index: region, then day).
  const std::vector<std::vector<RegionDay>>& days() const { return days_; }
  /// @brief Day records per region, segment and tier.
  const SegmentLedger& segment_days() const { return segment_days_; }
  /// @brief All users.
  const UserTable& table() const { return table_; }
  /// @brief Users adopted so far in `region` (including churned ones).
  std::int64_t adopted(std::size_t region) const { return regions_[region].adopted; }
  /// @brief Gross revenue charged over the run, summed at each charge (independently of the day records).
  double charged_gross_usd() const { return charged_gross_usd_; }
  /// @brief Jobs accepted for generation over the run.
  std::int64_t jobs_submitted() const { return jobs_submitted_; }
  /// @brief Active users (free or paid) of `region`.
  std::int64_t active(std::size_t region) const;
  /// @brief Day `region` opened (NaN if it had not by the horizon); valid after finish.
  double entry_day(std::size_t region) const { return policies_.entry_day(region); }
  /// @brief Pricing and entry policies with their tallies (promotions).
  const MarketPolicies& policies() const { return policies_; }
  /// @brief True when market entry decisions need each closed day's costs (see set_cost_feed).
  bool needs_costs() const { return policies_.needs_costs(); }
  /// @brief Installs the feed of each closed day's costs per region (called at UTC midnights, lazily).
  void set_cost_feed(DailyCostFeed feed) { policies_.set_cost_feed(std::move(feed)); }
  /// @brief The group of `job` in per-group tallies (SegmentLedger::job_group, or contract_group for a contract).
  std::size_t segment_group(const JobRequest& job) const;
  /// @brief Rival platforms with their per-rival tallies.
  const RivalMarket& rivals() const { return rivals_; }
  /// @brief The novelty bursts of new users (pending clips).
  const NoveltyBurst& novelty() const { return novelty_; }

 private:
  struct RegionState {
    std::int64_t market_size = 0;
    std::int64_t adopted = 0;
    double entry_s = 0.0;
    double next_adoption_s = std::numeric_limits<double>::infinity();
    double next_request_s = std::numeric_limits<double>::infinity();
    double next_midnight_s = 86400.0;
    std::int64_t paid = 0;
    std::int64_t churned = 0;
    rng::RandomStream adoption;
    rng::RandomStream traits;
    rng::RandomStream requests;
    rng::RandomStream service;
    rng::RandomStream choice;
    rng::RandomStream churn;
    std::optional<SocialAdoption> network;  ///< word-of-mouth graph, when enabled
  };

  std::size_t group(std::size_t region, std::size_t segment) const { return region * segments_.size() + segment; }
  RegionDay& today(std::size_t region, double t);
  void schedule_adoption(std::size_t region, double now);
  void schedule_request(std::size_t region, double now);
  void adopt(std::size_t region, double t);
  /// A request of the region's Poisson superposition: picks the requesting user and serves the request.
  std::optional<JobRequest> request(std::size_t region, double t) {
    return serve(pick_requester(region), t, regions_[region].service);
  }
  /// The active user of the region who makes the next request (segment by rate share, then uniform member).
  std::uint32_t pick_requester(std::size_t region);
  /// The next burst clip of a new user, if the user is still active.
  std::optional<JobRequest> novelty_request(std::size_t region, double t);
  /// Serves a request of user u at time t: clip class and work drawn from `service`, credits, offers, moderation.
  std::optional<JobRequest> serve(std::uint32_t u, double t, rng::RandomStream& service);
  /// The adopters counted by the Bass imitation term (all, or those still active).
  double imitators(std::size_t region) const;
  bool offer_upgrade(std::uint32_t u, double t);
  void charge_subscription(std::uint32_t u, double price, RegionDay& day, double t);
  bool offer_upgrade(std::uint32_t u, double t, double wanted_credits, double feature_utility);
  std::optional<JobRequest> contract_job(std::size_t region, double t);
  void make_periodic_offers(std::size_t region, double t);
  double request_rate(std::size_t region, std::size_t segment) const;
  std::size_t region_of(const JobRequest& job) const;
  void charge_subscription(std::uint32_t u, double price, RegionDay& day);
  void satisfy(std::uint32_t u, double score);
  /// Moves satisfaction toward outcome_poor at the learning rate times the segment's quality sensitivity.
  void satisfy_poor(std::uint32_t u);
  std::optional<JobRequest> moderate(JobRequest job, std::size_t region, double t);
  std::optional<JobRequest> review_event(std::size_t region, double t);
  void block(const JobRequest& job);
  void midnight(std::size_t region, double t);
  /// Charges a paying user's renewal (or its retry) that falls due at midnight `t`; a declined one enters the
  /// grace period until its retry when renewals are retried, else drops the user to the free tier.
  void renew(std::size_t region, std::uint32_t u, double list, double t, RegionDay& closing, RegionDay& opening);
  bool open_if_due(std::size_t region, double t);
  double diurnal(std::size_t region, double t) const;
  double pressure(std::size_t region, double t) const;
  std::pair<double, double> adoption_coefficients(std::size_t region) const;
  void refresh_choice(std::size_t region, double t);
  void open_choice_day(std::size_t region, double t, const RegionDay& closing, RegionDay& opening);
  void win_back(std::size_t region, double t, RegionDay& closing, double& satisfaction_sum);
  /// A paying user who just cancelled leaves for a rival (true) or stays as a free user (false).
  bool cancel_to_rival(std::size_t region, std::size_t grp, std::uint32_t u, std::int32_t utc_day, RegionDay& closing);
  void charge_marketing(std::size_t region, double from_s, double to_s, RegionDay& day);
  double payment_success(std::uint32_t u) const;

  const model::Scenario& scenario_;
  const model::UserModelSpec& spec_;
  bool imitation_from_active_;
  MarketPolicies policies_;
  std::vector<policies::Price> offer_scratch_;  ///< per-tier offer prices, reused
  std::vector<const model::SegmentSpec*> segments_;
  std::vector<std::vector<double>> segment_clip_cumulative_;
  std::vector<std::vector<std::uint32_t>> segment_clip_index_;
  std::vector<double> diurnal_;  ///< normalised to mean 1
  double diurnal_max_ = 1.0;
  std::vector<double> segment_share_cumulative_;
  std::vector<double> segment_weight_scratch_;  ///< per-request segment weights, reused
  std::vector<RegionState> regions_;
  std::vector<std::vector<RegionDay>> days_;
  UserTable table_;
  ActiveLists active_;
  double charged_gross_usd_ = 0.0;
  std::int64_t jobs_submitted_ = 0;
  std::optional<ModerationFlow> moderation_;  ///< absent when the moderation policy is none
  GenerationQuality quality_;                 ///< inference optimisation and poor outputs
  std::optional<ReviewItem> released_video_;
  SegmentLedger segment_days_;
  RivalMarket rivals_;
  AdoptionDrive drive_;
  FreeOffer free_offer_;                    ///< what the free credits do to adoption and free lapse
  bool adoption_varies_;                    ///< the hazard changes at midnights (rivals or word of mouth)
  std::vector<double> platform_latency_s_;  ///< per region: generation time + last day's mean queue wait
  UpgradeOffers offers_;
  std::vector<std::uint32_t> periodic_;  ///< free users drawn for an offer in the day's sweep, offered once it closes
  ApiDemand api_demand_;
  EnterpriseContracts contracts_;
  NoveltyBurst novelty_;  ///< extra clips of new consumer users
};

}  // namespace gvsim::users
