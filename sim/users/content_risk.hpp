#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/model/risk_class_spec.hpp"
#include "sim/model/scenario.hpp"
#include "sim/rng/random_stream.hpp"
#include "sim/users/region_day.hpp"

namespace gvsim::users {

/// @brief The content-risk classes of a run: which class a risky prompt falls in, how well the classifier sees
/// it, whether a clip is labelled, and what the region's regulator does when a risky clip is published.
///
/// A risky prompt of a user of segment s falls in class c with probability m(c,s) / sum over c' of m(c',s)
/// (stream `moderation/REGION/class`; no draw when one class alone has a positive mean). A published clip of
/// class c in region r becomes Poisson(scale x p(c,r) x (labelled ? incident_factor : 1)) incidents; those beyond
/// the region's first fine_after_incidents of the class in the run are fined fine_usd(c,r) each. Plain C++.
class ContentRisk {
 public:
  /// @brief The classes, labelling and regional rules of `scenario`.
  explicit ContentRisk(const model::Scenario& scenario);

  /// @brief Mean share of risky prompts of users of `segment` (the sum of its class means).
  double segment_mean(std::size_t segment) const { return segment_means_[segment]; }
  /// @brief Draws the class (1..kRiskClassCount) of a risky prompt of a user of `segment`.
  std::uint8_t draw_class(rng::RandomStream& stream, std::size_t segment) const;
  /// @brief Multiplier of the classifier's d' for a job of class `risk_class` (1 for benign content).
  double separability(std::uint8_t risk_class) const;
  /// @brief True when a clip requested at time t by a user of `segment` (paying or not) in `region` is labelled.
  bool labelled(bool paid, std::size_t segment, std::size_t region, double t) const;
  /// @brief True when a clip requested at time t in `region` by an account that cannot buy the label off is labelled.
  bool labelled(std::size_t region, double t) const;
  /// @brief Reference-GPU seconds labelling adds to a labelled clip.
  double label_gpu_s() const { return labelling_.gpu_seconds; }
  /// @brief A clip of `risk_class` was published in `region`: draws its incidents, charges the fines into `day`
  /// and returns the number of incidents.
  std::int64_t on_published(std::uint8_t risk_class, bool labelled, std::size_t region, rng::RandomStream& stream,
                            RegionDay& day);

 private:
  const model::Scenario& scenario_;
  const model::LabellingSpec& labelling_;
  std::vector<double> segment_means_;                                   ///< per segment
  std::vector<std::array<double, model::kRiskClassCount>> cumulative_;  ///< per segment: cumulative class shares
  std::vector<std::uint8_t> only_class_;  ///< per segment: the one class with a positive mean, else 0
  std::vector<bool> removable_;           ///< per segment: paying users may buy the label's removal
  std::array<double, model::kRiskClassCount> separability_{};
  std::array<double, model::kRiskClassCount> trust_weight_{};
  std::vector<std::array<model::ClassRuleSpec, model::kRiskClassCount>> rules_;  ///< per region
  std::vector<double> mandatory_from_s_;                                         ///< per region
  std::vector<std::array<std::int64_t, model::kRiskClassCount>> incidents_;      ///< per region, so far
};

}  // namespace gvsim::users
