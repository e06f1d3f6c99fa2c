#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "policies/moderation_policy.hpp"
#include "sim/schema/fields.hpp"

namespace gvsim::model {

/// @brief Mean share of harmful prompts of one user segment (replaces the global mean for that segment).
struct SegmentContentSpec {
  std::string name;  ///< segment name
  double harmful_share_mean = 0.01;
  schema::SourceMark where;
};

/// @brief How risky users' prompts are: each user draws a propensity (share of harmful prompts) at adoption.
struct ContentSpec {
  std::string distribution = "beta";  ///< beta or lognormal (clipped at 1)
  double harmful_share_mean = 0.01;
  double cv = 3.0;  ///< coefficient of variation of the propensity across users
  std::vector<SegmentContentSpec> segments;
  schema::SourceMark where;
  schema::SourceMark cv_where;  ///< position of cv when given
};

/// @brief Optional human review of flagged items.
struct ReviewSpec {
  bool enabled = false;
  double capacity_per_day = 100000.0;  ///< real-world items per region and day (divided by scale)
  double delay_hours = 4.0;
  double usd_per_item = 0.05;
  double accuracy = 0.95;
};

/// @brief The moderation policy of an experiment: which module with its parameters, and what all of them share:
/// the content model and human review.
struct ModerationSpec : policies::ModerationSelection {
  ContentSpec content;
  ReviewSpec review;
};

/// @brief What a region's regulator does about harmful clips that get published.
struct RegulationSpec {
  double incident_probability = 0.0;            ///< per published harmful clip (a false negative)
  double fine_usd = 0.0;                        ///< per incident
  double forced_threshold_decrease = 0.0;       ///< thresholds drop by this much after an incident ...
  double forced_days = 0.0;                     ///< ... for this many days
  std::int64_t suspension_after_incidents = 0;  ///< 0: never suspended
  double suspension_window_days = 30.0;
  double suspension_days = 7.0;
  std::int64_t exit_after_suspensions = 0;  ///< 0: never leaves for good
  std::string source;
};

void describe(schema::Fields& f, SegmentContentSpec& v);
void describe(schema::Fields& f, ContentSpec& v);
void describe(schema::Fields& f, ReviewSpec& v);
void describe(schema::Fields& f, ModerationSpec& v);
void describe(schema::Fields& f, RegulationSpec& v);

}  // namespace gvsim::model
