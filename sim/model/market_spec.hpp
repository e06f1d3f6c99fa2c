#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/revenue_streams_spec.hpp"
#include "sim/schema/fields.hpp"

namespace gvsim::model {

/// @brief One point of a piecewise-linear path over simulated days.
struct PathPoint {
  double day = 0.0;
  double value = 0.0;
};

/// @brief A region's market: size, Bass diffusion, purchasing power and energy price.
struct MarketSpec {
  double entry_day = 0.0;
  double addressable_users_millions = 100.0;
  double bass_p_per_year = 0.01;
  double bass_q_per_year = 0.4;
  double price_index = 1.0;
  double energy_usd_per_kwh = 0.10;
};

/// @brief How users of a region pay: usable methods, declines and fees.
struct PaymentSpec {
  double method_share = 0.7;
  double decline_rate = 0.1;
  double app_store_share = 0.3;
  double app_store_fee = 0.3;
  double payment_fee = 0.03;
};

/// @brief A user segment: how much it generates, what it would pay, how patient and loyal it is.
struct SegmentSpec {
  std::string name;
  double share = 0.25;
  double requests_per_day = 1.0;
  std::vector<schema::Share> clip_mix;
  double wtp_usd_median = 10.0;
  double wtp_log_sd = 0.8;
  double patience_s_median = 900.0;
  double patience_log_sd = 0.7;
  bool api_billing = false;
  double free_lapse_per_day = 0.05;
  double paid_churn_per_month = 0.15;
  double pack_propensity = 0.2;
  schema::SourceMark where;
  double quality_sensitivity = 1.0;  ///< multiplies the learning rate of a poor video's score
  /// creator, merchant, viewer or none: what its users are on the parent app (sim/economics/parent_books.hpp)
  std::string parent_role = "viewer";
};

/// @brief A subscription tier.
struct TierSpec {
  std::string name;
  double usd_per_month = 10.0;
  double credits_per_month = 1000.0;
  schema::SourceMark where;
};

/// @brief Prices: free credits, subscription tiers and their billing retries, credit packs and API billing.
struct PricingSpec {
  double free_daily_credits = 66.0;
  double free_credits_reference = 66.0;  ///< free offer at which Bass coefficients and free-lapse rates hold
  schema::SourceMark reference_where;    ///< where free_credits_reference is written (line 0: not written)
  std::vector<TierSpec> tiers;
  double pack_usd = 5.0;
  double pack_credits = 330.0;
  double api_usd_per_credit = 0.0106;
  double renewal_recovery_share = 0.4;  ///< share of declined renewals the billing retries recover
  std::int64_t renewal_retry_days = 0;  ///< days from a declined renewal to the retry that settles it (0: no retry)
  schema::SourceMark retry_where;       ///< where renewal_retry_days is written (line 0: not written)
};

/// @brief Coefficients of the conversion choice, churn hazards and satisfaction updates.
struct BehaviourSpec {
  double conversion_intercept = -2.0;
  double conversion_price_weight = 1.5;
  double conversion_satisfaction_weight = 2.0;
  double churn_dissatisfaction_weight = 2.0;
  double churn_overprice_weight = 1.0;
  double churn_competitor_weight = 1.0;
  double lapse_coverage_weight = 1.0;       ///< free lapse x exp(weight x (coverage at reference - coverage))
  schema::SourceMark lapse_coverage_where;  ///< where lapse_coverage_weight is written (line 0: not written)
  double satisfaction_initial = 0.7;
  double satisfaction_learning_rate = 0.3;
  double fast_wait_share_of_patience = 0.25;
  double generation_allowance_share = 1.0;  ///< share of the generation time users expect (not felt as delay)
  double outcome_fast = 1.0;
  double outcome_slow = 0.6;
  double outcome_abandoned = 0.0;
  double outcome_failed = 0.1;
  double outcome_no_credits = 0.4;
  double outcome_blocked = 0.2;
  double outcome_poor = 0.35;
  double novelty_clips = 0.0;                  ///< mean extra clips of a new consumer user who imitated (clips)
  double novelty_clips_innovator = 0.0;        ///< the same for an innovator; novelty_clips when not written
  schema::SourceMark novelty_innovator_where;  ///< where novelty_clips_innovator is written (line 0: not written)
  double novelty_days = 5.0;                   ///< mean age of a new user at their extra clips (d, exponential)
};

/// @brief A safety cap on the number of simulated users.
struct PopulationSpec {
  std::int64_t max_agents = 5000000;
};

/// @brief Optional word-of-mouth over a small-world social graph of each region's potential users.
struct SocialGraphSpec {
  bool enabled = false;
  std::int64_t mean_degree = 10;
  double rewiring = 0.1;
};

/// @brief The agent-based user model of an experiment (workload mode "users").
struct UserModelSpec {
  PopulationSpec population;
  std::vector<SegmentSpec> segments;
  PricingSpec pricing;
  BehaviourSpec behaviour;
  std::string imitation_from = "adopted";  ///< Bass imitation term driven by all adopters or active users only
  SocialGraphSpec social_graph;
  std::vector<double> diurnal;  ///< 24 relative request intensities by local hour; normalised to mean 1
  std::int64_t delivery_slots_per_cluster = 8;
  UpgradeOfferSpec upgrade_offers;
  ApiDemandSpec api_demand;
  std::vector<EnterpriseContractSpec> enterprise_contracts;
};

void describe(schema::Fields& f, PathPoint& v);
void describe(schema::Fields& f, MarketSpec& v);
void describe(schema::Fields& f, PaymentSpec& v);
void describe(schema::Fields& f, SegmentSpec& v);
void describe(schema::Fields& f, TierSpec& v);
void describe(schema::Fields& f, PricingSpec& v);
void describe(schema::Fields& f, BehaviourSpec& v);
void describe(schema::Fields& f, PopulationSpec& v);
void describe(schema::Fields& f, SocialGraphSpec& v);
void describe(schema::Fields& f, UserModelSpec& v);

/// @brief Value of a piecewise-linear path at `day` (constant beyond its ends; 0 when empty).
double path_value(const std::vector<PathPoint>& path, double day);

}  // namespace gvsim::model
