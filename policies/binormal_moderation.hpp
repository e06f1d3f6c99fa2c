#pragma once

#include <optional>
#include <string>
#include <vector>

#include "policies/moderation_policy.hpp"

namespace gvsim::policies {

/// @brief One classifier stage of the binormal model: scores ~ N(0,1) (benign) or N(d', 1) (harmful).
struct BinormalStage {
  bool enabled = true;
  double d_prime = 2.5;      ///< separation of harmful from benign scores (AUC = Phi(d' / sqrt 2))
  double threshold = 2.0;    ///< flag when score > threshold; lower is stricter
  double gpu_seconds = 0.0;  ///< reference-GPU seconds the check costs (video stage only)
};

/// @brief Per-region thresholds that replace the stage thresholds of one region.
struct BinormalRegionThresholds {
  std::string name;  ///< region name
  std::optional<double> prompt_threshold;
  std::optional<double> video_threshold;
  schema::SourceMark where;  ///< position of the entry
};

/// @brief Parameters of the binormal moderation policy.
struct BinormalParams {
  BinormalStage prompt{true, 2.5, 2.0, 0.0};
  BinormalStage video{false, 3.0, 2.5, 10.0};
  std::vector<BinormalRegionThresholds> regions;
};

/// @brief Declares the keys of the binormal policy (policies.moderation.binormal).
void describe(schema::Fields& f, BinormalParams& v);

/// @brief Equal-variance binormal classifier with a threshold per stage and region (signal detection theory).
///
/// Score = noise + (harmful ? d' x class separability : 0); flagged when score > threshold - tightening. With a
/// threshold t the false-positive rate is 1 - Phi(t) and the true-positive rate 1 - Phi(t - d').
class BinormalModeration final : public ModerationPolicy {
 public:
  /// @brief The policy for regions named `region_names` (in scenario order); unknown override names throw
  /// std::invalid_argument.
  BinormalModeration(const BinormalParams& params, const ModerationContext& context);
  bool active() const override { return true; }
  bool checks(ModerationStage stage) const override;
  double video_check_gpu_s() const override;
  bool flag(const ModerationItem& item) const override;
  /// @brief Threshold of `stage` in `region` before any regulatory tightening.
  double threshold(ModerationStage stage, std::size_t region) const;

 private:
  BinormalParams params_;
  std::vector<double> prompt_thresholds_;  ///< per region
  std::vector<double> video_thresholds_;   ///< per region
};

/// @brief Standard normal cumulative distribution function Phi.
double standard_normal_cdf(double x);

}  // namespace gvsim::policies
