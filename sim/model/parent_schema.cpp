// Declarations of the parent platform: a region's presence (region files, `parent:`) and the channels and
// verdict thresholds (experiment, `parent:`). Figures without a published source are estimates, easy to sweep.
#include "sim/model/parent_spec.hpp"
#include "sim/model/schema_terms.hpp"

namespace gvsim::model {

void describe(Fields& f, ParentPresenceSpec& v) {
  f.number("users_share", v.users_share, NumberRule::probability(),
           "share of the tool's users who also use the parent app (0: the parent is absent here)");
  f.number("ad_usd_per_creator_day", v.ad_usd_per_creator_day, NumberRule::between(0.0, 1e6, "USD/d"),
           "parent ad revenue carried by one active creator's content per day");
  f.number("ad_usd_per_user_day", v.ad_usd_per_user_day, NumberRule::between(0.0, 1e4, "USD/d"),
           "parent ad revenue per app user per day (online marketing revenue / DAU)");
  f.number("gmv_usd_per_merchant_clip", v.gmv_usd_per_merchant_clip, NumberRule::between(0.0, 1e9, "USD"),
           "extra e-commerce GMV one published product clip brings");
  f.number("take_rate", v.take_rate, NumberRule::probability(), "parent revenue per unit of GMV");
  f.number("campaign_usd_saved_per_day", v.campaign_usd_saved_per_day, NumberRule::between(0.0, 1e12, "USD/d"),
           "production cost the parent's own campaigns save per day by using the tool");
  f.text("source", v.source, "where the figures come from (calibration.md source keys or 'estimate')");
  if (v.users_share <= 0.0) {
    for (const char* key : {"ad_usd_per_creator_day", "ad_usd_per_user_day", "gmv_usd_per_merchant_clip", "take_rate",
                            "campaign_usd_saved_per_day"})
      f.inactive(key, "users_share is 0 (the parent platform is absent from this region)");
  }
}

void describe(Fields& f, ParentSpec& v) {
  f.here(v.where);
  f.number("creator_output_lift", v.creator_output_lift, NumberRule::between(0.0, 10.0),
           "extra content a creator posts while using the tool, as a share of the ad revenue their content carries "
           "(estimate)");
  f.number("creator_retention_lift", v.creator_retention_lift, NumberRule::between(0.0, 10.0),
           "ad revenue kept because tool-using creators stay longer, as a share (estimate)");
  f.number("ai_ad_lift", v.ai_ad_lift, NumberRule::between(0.0, 10.0),
           "ad revenue lift per parent app user who uses the tool, at full advertiser trust (estimate)");
  f.number("distrust_penalty", v.distrust_penalty, NumberRule::between(0.0, 10.0),
           "ad revenue lost per parent app user who uses the tool, at zero advertiser trust (estimate)");
  f.number("trust_per_incident", v.trust_per_incident, NumberRule::between(0.0, 1.0, "1/incident"),
           "advertiser trust lost per published regulatory incident, real-world count (estimate)");
  f.number("trust_per_poor_share", v.trust_per_poor_share, NumberRule::between(0.0, 1.0, "1/d"),
           "advertiser trust lost per day per unit share of poor clips delivered (estimate)");
  f.number("trust_recovery_per_day", v.trust_recovery_per_day, NumberRule::probability(),
           "share of the gap to full advertiser trust recovered each day (estimate)");
  f.number("product_margin_at_least", v.product_margin_at_least, NumberRule::between(-1000.0, 1.0),
           "verdict: the tool is a product when its whole-run standalone margin is at least this");
  f.number("feature_cover_at_least", v.feature_cover_at_least, NumberRule::between(0.0, 100.0),
           "verdict: otherwise a feature when parent value is at least this multiple of its standalone loss, "
           "else a cost centre");
}

}  // namespace gvsim::model
