#pragma once

#include <string>
#include <vector>

#include "sim/model/market_spec.hpp"
#include "sim/schema/fields.hpp"

namespace gvsim::model {

/// @brief One point of a rival's price path: USD per month from that day on (linear in between).
struct PricePoint {
  double day = 0.0;
  double usd_per_month = 0.0;
};

/// @brief A rival platform users can choose instead of this one: its price and quality over time, its latency and
/// the regions where it is offered.
struct RivalSpec {
  std::string name;
  std::vector<PricePoint> price;         ///< USD per month equivalent; a falling path is a price war
  std::vector<PathPoint> quality;        ///< on the scale of choice.platform_quality
  double latency_s = 120.0;              ///< end-to-end time to a delivered clip
  std::vector<schema::NameRef> regions;  ///< empty: every region taking part
  schema::SourceMark where;
};

/// @brief The multinomial logit over the platform and its rivals, and what churned users do.
struct ChoiceSpec {
  double price_weight = 1.0;             ///< utility per unit of ln(price)
  double quality_weight = 1.0;           ///< utility per quality point
  double latency_weight_per_min = 0.05;  ///< utility lost per minute of end-to-end latency
  double switching_cost = 0.5;           ///< utility a user gives up by moving between platforms
  std::vector<PathPoint> platform_quality;
  double platform_generation_s = 120.0;  ///< latency of an unqueued clip; the day's mean queue wait is added
  double reference_share = 1.0;          ///< the platform's choice share at which the Bass coefficients hold
  double winback_max_per_day = 0.01;
  double winback_weight = 1.0;
  double paid_cancel_to_rival = 1.0;  ///< share of voluntary paid cancellations that leave for a rival
};

/// @brief What drives adoption beyond the Bass coefficients: word of mouth of active users and marketing.
struct AdoptionDriveSpec {
  double word_of_mouth_positive = 0.0;
  double word_of_mouth_negative = 0.0;
  double satisfied_above = 0.7;
  double dissatisfied_below = 0.4;
  double satisfied_share_reference = 0.5;
  double dissatisfied_share_reference = 0.1;
  double marketing_usd_per_day = 0.0;
  double marketing_response = 0.3;
  double marketing_reference_usd_per_day = 10000.0;
  double free_credit_response = 0.3;  ///< adoption x exp(this x (ln(1 + free clips) - same at reference))
  double potential_share = 1.0;       ///< Bass market potential m as a share of each region's addressable users
  schema::SourceMark free_credit_response_where;  ///< where free_credit_response is written (line 0: not written)
};

/// @brief The experiment's `market` block: rival platforms, the choice among them and the adoption drive.
struct RivalMarketSpec {
  std::vector<RivalSpec> rivals;
  ChoiceSpec choice;
  AdoptionDriveSpec adoption;
};

void describe(schema::Fields& f, PricePoint& v);
void describe(schema::Fields& f, RivalSpec& v);
void describe(schema::Fields& f, ChoiceSpec& v);
void describe(schema::Fields& f, AdoptionDriveSpec& v);
void describe(schema::Fields& f, RivalMarketSpec& v);

/// @brief Value of a piecewise-linear price path at `day` (constant beyond its ends; 0 when empty).
double price_value(const std::vector<PricePoint>& path, double day);

}  // namespace gvsim::model
