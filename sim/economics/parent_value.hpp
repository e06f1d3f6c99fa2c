#pragma once

#include <string>
#include <vector>

#include "sim/model/parent_spec.hpp"

namespace gvsim::economics {

/// @brief What the tool did in one region on one day that the parent platform feels (real-world figures).
struct ParentDayInputs {
  double creators_active = 0.0;  ///< active users of the segments in the creator role, end of day
  double users_active = 0.0;     ///< all active users, end of day
  double merchant_clips = 0.0;   ///< clips delivered to users of the segments in the merchant role
  double incidents = 0.0;        ///< published harmful clips that became regulatory incidents
  double poor_share = 0.0;       ///< share of delivered clips of poor quality
  bool available = true;         ///< the service ran (not suspended, not exited)
};

/// @brief The parent platform's value from the tool in one region on one day, by channel (USD, real-world).
struct ParentValueDay {
  double creators_usd = 0.0;     ///< ad revenue from creators' extra output and retention
  double merchants_usd = 0.0;    ///< take on the extra GMV of product clips
  double advertisers_usd = 0.0;  ///< ad lift from AI ad material, negative when advertiser trust is low
  double production_usd = 0.0;   ///< production cost saved on the parent's own campaigns
  double trust = 1.0;            ///< advertiser trust index during the day (1 = full trust)

  /// @brief All channels together.
  double total_usd() const { return creators_usd + merchants_usd + advertisers_usd + production_usd; }
};

/// @brief The parent value of one region day by day, with advertiser trust carried from day to day (starts at 1).
std::vector<ParentValueDay> parent_value_series(const model::ParentSpec& parent,
                                                const model::ParentPresenceSpec& presence,
                                                const std::vector<ParentDayInputs>& days);

/// @brief What the tool is for its parent over a run: a product, a feature or a cost centre.
enum class Verdict { kProduct, kFeature, kCostCentre };

/// @brief Product when the standalone margin reaches the threshold; otherwise a feature when parent value covers
/// the standalone loss (times the cover threshold); otherwise a cost centre.
Verdict classify(const model::ParentSpec& parent, double net_revenue_usd, double cost_usd, double parent_value_usd);

/// @brief "product", "feature" or "cost_centre".
std::string verdict_name(Verdict verdict);

/// @brief The whole run of one region (or of all regions) for the parent and the verdict (USD, real-world).
struct ParentKpis {
  ParentValueDay value;     ///< the channels summed over the run; `trust` is the lowest of the run
  double trust_end = 1.0;   ///< advertiser trust at the horizon (all regions: the lowest where present)
  double profit_usd = 0.0;  ///< standalone profit: net revenue - costs, whole run (the cumulative cash)
  int break_even_day = -1;  ///< first day from which the cumulative cash stays >= 0; -1 if none
  Verdict verdict = Verdict::kCostCentre;

  /// @brief Standalone profit plus the value for the parent.
  double total_value_usd() const { return profit_usd + value.total_usd(); }
};

/// @brief The parent's books of a run: [region][day] values, and the whole run per region then for all regions.
struct ParentBooks {
  std::vector<std::vector<ParentValueDay>> days;
  std::vector<ParentKpis> kpis;
};

}  // namespace gvsim::economics
