#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "policies/moderation_policy.hpp"
#include "sim/model/risk_class_spec.hpp"
#include "sim/schema/fields.hpp"

namespace gvsim::model {

/// @brief How risky users' prompts are: each user draws a propensity (share of risky prompts, the sum of the
/// class means of the user's segment) at adoption; a risky prompt falls in a class in proportion to those means.
struct ContentSpec {
  std::string distribution = "beta";  ///< beta or lognormal (clipped at 1)
  double cv = 3.0;                    ///< coefficient of variation of the propensity across users
  std::vector<RiskClassSpec> classes;
  schema::RawValue retired_harmful_share_mean;  ///< the single-class key, refused with what replaced it
  schema::RawValue retired_segments;            ///< the single-class per-segment means, refused likewise
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
  LabellingSpec labelling;
};

/// @brief What a region's regulator does about risky clips that get published.
struct RegulationSpec {
  std::vector<ClassRuleSpec> classes;                  ///< incidents and fines per risk class
  std::optional<double> labelling_mandatory_from_day;  ///< every clip is labelled from this day on
  schema::RawValue retired_incident_probability;       ///< the single-class key, refused with what replaced it
  schema::RawValue retired_fine_usd;                   ///< the single-class key, refused likewise
  double forced_threshold_decrease = 0.0;              ///< thresholds drop by this much after an incident ...
  double forced_days = 0.0;                            ///< ... for this many days
  std::int64_t suspension_after_incidents = 0;         ///< 0: never suspended
  double suspension_window_days = 30.0;
  double suspension_days = 7.0;
  std::int64_t exit_after_suspensions = 0;  ///< 0: never leaves for good
  std::string source;
};

void describe(schema::Fields& f, ContentSpec& v);
void describe(schema::Fields& f, ReviewSpec& v);
void describe(schema::Fields& f, ModerationSpec& v);
void describe(schema::Fields& f, RegulationSpec& v);

}  // namespace gvsim::model
