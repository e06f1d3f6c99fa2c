#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/schema/fields.hpp"

namespace gvsim::model {

/// @brief The content-risk classes a clip can fall in; index 0 is benign content.
inline constexpr std::size_t kRiskClassCount = 4;
/// @brief Names of the risk classes (index + 1 is the class number a job carries; 0 is benign).
inline constexpr std::array<const char*, kRiskClassCount> kRiskClassNames = {"copyright", "likeness", "political",
                                                                             "commercial_misuse"};
/// @brief The class number (1..kRiskClassCount) of `name`, or 0 when it names no class.
std::uint8_t risk_class_number(const std::string& name);
/// @brief The risk class names as one list (messages).
std::vector<std::string> risk_class_names();

/// @brief Mean share of one risk class in the prompts of one user segment.
struct SegmentRiskShare {
  std::string name;  ///< segment name
  double share_mean = 0.0;
  schema::SourceMark where;
};

/// @brief One content-risk class: how common it is, how well the classifier sees it, what an incident costs trust.
struct RiskClassSpec {
  std::string name;                        ///< copyright, likeness, political or commercial_misuse
  double share_mean = 0.0;                 ///< mean share of a user's prompts in this class
  std::vector<SegmentRiskShare> segments;  ///< per-segment means replacing share_mean
  double separability = 1.0;               ///< multiplies the classifier's d' for this class
  double trust_weight = 1.0;               ///< advertiser-trust weight of one incident of this class
  schema::SourceMark where;
};

/// @brief Labelling (visible watermark and provenance metadata) of generated clips.
struct LabellingSpec {
  bool enabled = false;          ///< label every clip (where a region does not already require it)
  double gpu_seconds = 2.0;      ///< reference-GPU seconds labelling adds to each labelled clip
  double incident_factor = 0.5;  ///< a labelled published clip's incident probability is multiplied by this
  std::string removal_feature;   ///< paid feature (upgrade_offers.paid_features) that removes the label
  schema::SourceMark where;
};

/// @brief What one region's regulator does about published clips of one risk class.
struct ClassRuleSpec {
  std::string name;                       ///< risk class
  double incident_probability = 0.0;      ///< per published clip of the class
  double fine_usd = 0.0;                  ///< per fined incident
  std::int64_t fine_after_incidents = 0;  ///< the first ones in the run are takedowns only, not fined
  schema::SourceMark where;
};

/// @brief Mean share of `segment`'s prompts in class `risk` (its segment entry, else share_mean).
double class_share_mean(const RiskClassSpec& risk, const std::string& segment);
/// @brief Mean share of `segment`'s prompts in any of `classes`: the sum of their means.
double risky_share_mean(const std::vector<RiskClassSpec>& classes, const std::string& segment);

void describe(schema::Fields& f, SegmentRiskShare& v);
void describe(schema::Fields& f, RiskClassSpec& v);
void describe(schema::Fields& f, LabellingSpec& v);
void describe(schema::Fields& f, ClassRuleSpec& v);

}  // namespace gvsim::model
