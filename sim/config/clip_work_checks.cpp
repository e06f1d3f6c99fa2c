// The work of each clip class, resolved once the video models are read.
#include "sim/config/clip_work_checks.hpp"

#include <string>
#include <vector>

namespace gvsim::config {

namespace {

const model::VideoModel* find_model(const std::vector<model::VideoModel>& models, const std::string& name) {
  for (const auto& m : models) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

/// Keys that describe what is generated have no effect on the work when gpu_seconds replaces it.
void warn_unused_spec(const model::ClipClass& clip, const std::string& path, schema::Diagnostics& diagnostics) {
  const std::pair<const char*, const schema::SourceMark*> keys[] = {{"video_seconds", &clip.video_seconds_where},
                                                                    {"resolution", &clip.resolution_where},
                                                                    {"mode", &clip.mode_where},
                                                                    {"steps", &clip.steps_where}};
  for (const auto& [key, mark] : keys) {
    if (mark->line > 0)
      diagnostics.warning(*mark, path + "." + key,
                          "has no effect: gpu_seconds (line " + std::to_string(clip.gpu_seconds_where.line) +
                              ") replaces the work computed from the clip's model and spec");
  }
}

}  // namespace

void resolve_clip_work(model::Scenario& scenario, schema::Diagnostics& diagnostics) {
  for (auto& clip : scenario.experiment.workload.clip_classes) {
    const std::string path = "workload.clip_classes." + clip.name;
    if (clip.gpu_seconds) {
      if (!clip.model.name.empty()) {
        diagnostics.error(clip.model.mark, path + ".model",
                          "give either model (work computed from the spec) or gpu_seconds (line " +
                              std::to_string(clip.gpu_seconds_where.line) + "), not both");
        continue;
      }
      warn_unused_spec(clip, path, diagnostics);
      clip.work_s = *clip.gpu_seconds;
      continue;
    }
    if (clip.model.name.empty()) {
      diagnostics.expected(clip.where, path, "a video model (key model) or an explicit gpu_seconds", "neither");
      continue;
    }
    const auto* m = find_model(scenario.video_models, clip.model.name);
    if (m == nullptr) {
      std::vector<std::string> names;
      for (const auto& known : scenario.video_models)
        names.push_back(known.name);
      const std::string suggestion = schema::closest_match(clip.model.name, names);
      diagnostics.error(
          clip.model.mark, path + ".model",
          "unknown video model '" + clip.model.name + "'" +
              (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)") +
              "; defined in video_models.yaml: " + (names.empty() ? std::string("none") : schema::join_names(names)));
      continue;
    }
    const auto& settings = clip.mode == "pro" ? m->pro : m->standard;
    const double steps = clip.steps.value_or(settings.steps);
    clip.work_s = model::clip_work_s(*m, clip.video_seconds, model::resolution_pixels(clip.resolution), steps);
    clip.poor_probability = settings.poor_probability;
  }
}

}  // namespace gvsim::config
