#include "policies/binormal_moderation.hpp"

#include <cmath>
#include <stdexcept>

namespace gvsim::policies {

BinormalModeration::BinormalModeration(const BinormalParams& params, std::span<const std::string> region_names)
    : params_(params),
      prompt_thresholds_(region_names.size(), params.prompt.threshold),
      video_thresholds_(region_names.size(), params.video.threshold) {
  for (const auto& override_entry : params.regions) {
    std::size_t r = 0;
    while (r < region_names.size() && region_names[r] != override_entry.name)
      ++r;
    if (r == region_names.size()) {
      throw std::invalid_argument("binormal moderation: unknown region '" + override_entry.name + "'");
    }
    if (override_entry.prompt_threshold) prompt_thresholds_[r] = *override_entry.prompt_threshold;
    if (override_entry.video_threshold) video_thresholds_[r] = *override_entry.video_threshold;
  }
}

bool BinormalModeration::checks(ModerationStage stage) const {
  return stage == ModerationStage::kPrompt ? params_.prompt.enabled : params_.video.enabled;
}

double BinormalModeration::video_check_gpu_s() const {
  return params_.video.enabled ? params_.video.gpu_seconds : 0.0;
}

double BinormalModeration::threshold(ModerationStage stage, std::size_t region) const {
  return stage == ModerationStage::kPrompt ? prompt_thresholds_[region] : video_thresholds_[region];
}

bool BinormalModeration::flag(const ModerationItem& item) const {
  if (!checks(item.stage)) return false;
  const auto& stage = item.stage == ModerationStage::kPrompt ? params_.prompt : params_.video;
  const double score = item.noise + (item.harmful ? stage.d_prime : 0.0);
  return score > threshold(item.stage, item.region) - item.tightening;
}

double standard_normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

}  // namespace gvsim::policies
