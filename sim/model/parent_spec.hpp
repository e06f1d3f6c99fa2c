#pragma once

#include <string>

#include "sim/schema/fields.hpp"

namespace gvsim::model {

/// @brief Where the parent platform operates in a region and what its business there is worth (region files).
///
/// All figures are real-world; a region with `users_share` 0 has no parent platform and no parent value.
struct ParentPresenceSpec {
  double users_share = 0.0;                 ///< share of the tool's users who also use the parent app
  double ad_usd_per_creator_day = 0.0;      ///< parent ad revenue carried by one active creator's content per day
  double ad_usd_per_user_day = 0.0;         ///< parent ad revenue per app user per day
  double gmv_usd_per_merchant_clip = 0.0;   ///< extra GMV one published product clip brings
  double take_rate = 0.0;                   ///< parent's revenue per unit of GMV
  double campaign_usd_saved_per_day = 0.0;  ///< production cost the parent's own campaigns save using the tool
  std::string source;
};

/// @brief How the tool creates value for its parent platform, and the thresholds of the verdict (experiment).
struct ParentSpec {
  double creator_output_lift = 0.10;     ///< extra content a creator posts while using the tool (estimate)
  double creator_retention_lift = 0.05;  ///< extra creator retention from the tool, as ad revenue kept (estimate)
  double ai_ad_lift = 0.01;              ///< ad revenue lift per app user from AI ad material at full trust
  double distrust_penalty = 0.05;        ///< ad revenue lost per app user at zero advertiser trust
  double trust_per_incident = 0.001;     ///< advertiser trust lost per published incident (real-world)
  double trust_per_poor_share = 0.02;    ///< trust lost per day per unit share of poor clips delivered
  double trust_recovery_per_day = 0.02;  ///< share of the gap to full trust recovered each day
  double product_margin_at_least = 0.0;  ///< whole-run standalone margin from which the tool is a product
  double feature_cover_at_least = 1.0;   ///< parent value / standalone loss from which it is a feature
  schema::SourceMark where;              ///< the experiment's `parent:` block, line 0 when not written
};

void describe(schema::Fields& f, ParentPresenceSpec& v);
void describe(schema::Fields& f, ParentSpec& v);

}  // namespace gvsim::model
