// Video models and the work of a clip on the reference GPU, computed from what is generated.
#include "sim/model/video_model.hpp"

#include <stdexcept>

#include "sim/model/schema_terms.hpp"

namespace gvsim::model {

void describe(Fields& f, ModeSettings& v) {
  f.number("steps", v.steps, NumberRule::between(1.0, 1000.0, "steps"),
           "denoising steps (work is linear in them; calibration.md C1 C12)");
  f.number("poor_probability", v.poor_probability, NumberRule::probability(),
           "chance a generation that did not fail gives a poor video (estimate; 0 = every video is good)");
}

void describe(Fields& f, VideoModel& v) {
  f.here(v.where);
  f.number("params_billion", v.params_billion, NumberRule::between(0.01, 10000.0, "billion"),
           "parameters of the diffusion transformer (its linear layers' work per token)", Presence::kRequired);
  f.number("layers", v.layers, NumberRule::between(1.0, 1000.0), "transformer blocks (attention work per token pair)",
           Presence::kRequired);
  f.number("hidden_size", v.hidden_size, NumberRule::between(1.0, 100000.0), "width of a transformer block",
           Presence::kRequired);
  f.number("passes_per_step", v.passes_per_step, NumberRule::between(1.0, 4.0),
           "forward passes per step: 2 with classifier-free guidance, 1 when guidance is distilled or embedded");
  f.number("fps", v.fps, NumberRule::between(1.0, 240.0, "frames/s"), "frames per second of video generated");
  f.number("pixels_per_token", v.pixels_per_token, NumberRule::between(1.0, 1e6, "pixels"),
           "pixels of a frame per latent token (VAE spatial compression x patch area, e.g. 8 x 8 x 2 x 2 = 256)");
  f.number("frames_per_token", v.frames_per_token, NumberRule::between(1.0, 64.0, "frames"),
           "frames per latent frame (VAE temporal compression x temporal patch)");
  f.number("window_seconds", v.window_seconds, NumberRule::between(0.5, 600.0, "s"),
           "longest clip generated in one pass (the model's native length); longer clips are generated window by "
           "window, so their work grows linearly beyond it");
  f.nested("standard", v.standard, "settings of mode standard");
  f.nested("pro", v.pro, "settings of mode pro");
  f.text("source", v.source, "where the figures come from (calibration.md source key or 'estimate')");
}

void describe(Fields& f, VideoModelCatalog& v) {
  f.named("video_models", v.models, "video models by name");
}

double resolution_pixels(const std::string& resolution) {
  if (resolution == "480p") return 854.0 * 480.0;
  if (resolution == "720p") return 1280.0 * 720.0;
  if (resolution == "1080p") return 1920.0 * 1080.0;
  if (resolution == "4k") return 3840.0 * 2160.0;
  throw std::invalid_argument("unknown resolution '" + resolution + "'");
}

double latent_ktokens(const VideoModel& model, double seconds, double pixels) {
  return pixels / model.pixels_per_token * (1.0 + seconds * model.fps / model.frames_per_token) / 1000.0;
}

double clip_work_s(const VideoModel& model, double seconds, double pixels, double steps) {
  // Beyond its native length a clip is generated window after window, each conditioned on the previous one: the
  // attention stays within a window, so the work grows linearly (and continuously at the window length).
  if (seconds > model.window_seconds)
    return seconds / model.window_seconds * clip_work_s(model, model.window_seconds, pixels, steps);
  const double tokens = latent_ktokens(model, seconds, pixels);
  const double width = model.layers * model.hidden_size / 1000.0;
  const double per_pass_step =
      tokens * (WorkFit::kLinearS * model.params_billion + WorkFit::kAttentionS * width * tokens);
  const double decode = WorkFit::kDecodeS * pixels / 1e6 * seconds * model.fps;
  return model.passes_per_step * steps * per_pass_step + decode;
}

}  // namespace gvsim::model
