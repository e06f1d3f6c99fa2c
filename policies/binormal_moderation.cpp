#include "policies/binormal_moderation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace gvsim::policies {

namespace {

using schema::NumberRule;

NumberRule threshold_rule() {
  return NumberRule::between(-10.0, 10.0, "sd");
}

void describe_stage(schema::Fields& f, BinormalStage& v, bool video) {
  f.flag("enabled", v.enabled,
         video ? "true: check each finished video before delivery (costs GPU time)"
               : "true: check each prompt before it reaches a GPU");
  f.number("d_prime", v.d_prime, NumberRule::between(0.0, 10.0, "sd"),
           "separation d' of harmful from benign scores: benign ~ N(0,1), harmful ~ N(d',1); AUC = Phi(d'/sqrt 2)");
  f.number("threshold", v.threshold, threshold_rule(),
           "flag when the score exceeds it; lower is stricter (false-positive rate 1 - Phi(threshold))");
  if (video) {
    f.number("gpu_seconds", v.gpu_seconds, NumberRule::between(0.0, 1e5, "s"),
             "reference-GPU seconds the video check adds to each job's work (estimate)");
  }
}

/// Per-region thresholds name regions taking part (checked when binormal is chosen).
void check(const BinormalParams& p, const ModerationContext& context, const BlockSite& site,
           schema::Diagnostics& diagnostics) {
  if (!site.chosen) return;
  const auto& regions = context.region_names;
  for (const auto& entry : p.regions) {
    if (std::find(regions.begin(), regions.end(), entry.name) != regions.end()) continue;
    const std::string suggestion = schema::closest_match(entry.name, regions);
    diagnostics.error(entry.where, site.path + ".binormal.regions." + entry.name,
                      "unknown region '" + entry.name + "'" +
                          (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)") +
                          "; regions taking part: " + schema::join_names(regions));
  }
}

[[maybe_unused]] const bool registered = ModerationRegistry::add<BinormalModeration, BinormalParams>(
    {"binormal", 20, "classifier scores", "parameters of the binormal classifier"}, &check);

}  // namespace

void describe(schema::Fields& f, BinormalParams& v) {
  f.object("prompt", "check of each prompt before the GPU", schema::Presence::kOptional,
           [&v](schema::Fields& g) { describe_stage(g, v.prompt, false); });
  f.object("video", "check of each finished video before delivery", schema::Presence::kOptional,
           [&v](schema::Fields& g) { describe_stage(g, v.video, true); });
  std::vector<std::string> names;
  for (const auto& r : v.regions)
    names.push_back(r.name);
  f.keyed(
      "regions", "per-region thresholds replacing the stage thresholds (keys: region names taking part)", 0, names,
      [&v](std::size_t n) { v.regions.resize(n); },
      [&v](schema::Fields& g, std::size_t i, const std::string& name) {
        auto& entry = v.regions[i];
        entry.name = name;
        g.here(entry.where);
        g.optional_number("prompt_threshold", entry.prompt_threshold, threshold_rule(),
                          "prompt threshold in this region");
        g.optional_number("video_threshold", entry.video_threshold, threshold_rule(), "video threshold in this region");
      });
}

BinormalModeration::BinormalModeration(const BinormalParams& params, const ModerationContext& context)
    : params_(params),
      prompt_thresholds_(context.region_names.size(), params.prompt.threshold),
      video_thresholds_(context.region_names.size(), params.video.threshold) {
  const auto& region_names = context.region_names;
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
  const double score = item.noise + (item.harmful ? stage.d_prime * item.separability : 0.0);
  return score > threshold(item.stage, item.region) - item.tightening;
}

double standard_normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::sqrt(2.0));
}

}  // namespace gvsim::policies
