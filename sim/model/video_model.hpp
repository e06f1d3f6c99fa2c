#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/schema/fields.hpp"

namespace gvsim::model {

/// @brief How a video model runs in one generation mode (standard or pro).
struct ModeSettings {
  double steps = 50.0;            ///< denoising steps
  double poor_probability = 0.0;  ///< chance a generation that did not fail gives a poor video
};

/// @brief A video model: its architecture (what the work formula needs) and how each mode runs it.
///
/// Work on the reference GPU (H100 SXM) for a clip of `s` seconds at `p` pixels per frame and `n` steps:
/// `passes x n x T x (a x params + b x layers x hidden / 1000 x T) + c x p / 1e6 x s x fps`, with
/// `T = p / pixels_per_token x (1 + s x fps / frames_per_token) / 1000` latent tokens (thousands) for
/// `s <= window_seconds`; a longer clip is generated as consecutive windows, `s / window_seconds` times the work of
/// one window. `a`, `b` and `c` are fitted to published timings (docs/model.md, "Work of a clip").
struct VideoModel {
  std::string name;
  double params_billion = 14.0;
  double layers = 40.0;
  double hidden_size = 5120.0;
  double passes_per_step = 2.0;  ///< 2 with classifier-free guidance, 1 when guidance is distilled or embedded
  double fps = 16.0;
  double pixels_per_token = 256.0;  ///< spatial compression of the VAE times the patch area
  double frames_per_token = 4.0;    ///< temporal compression of the VAE (times the temporal patch)
  double window_seconds = 5.0;      ///< longest clip generated in one pass
  ModeSettings standard;
  ModeSettings pro;
  std::string source;
  schema::SourceMark where;
};

/// @brief Contents of regions/video_models.yaml.
struct VideoModelCatalog {
  std::vector<VideoModel> models;
};

void describe(schema::Fields& f, ModeSettings& v);
void describe(schema::Fields& f, VideoModel& v);
void describe(schema::Fields& f, VideoModelCatalog& v);

/// @brief Fitted constants of the work formula (docs/model.md, "Work of a clip").
struct WorkFit {
  static constexpr double kLinearS = 0.0059513;  ///< s per (billion parameters x thousand tokens x pass-step)
  static constexpr double kAttentionS =
      8.8826e-06;                             ///< s per (layer x thousand hidden x thousand tokens^2 x pass-step)
  static constexpr double kDecodeS = 0.1087;  ///< s per megapixel-frame (VAE decode, text encoders)
};

/// @brief Pixels per frame of a named resolution (16:9): 480p, 720p, 1080p or 4k.
double resolution_pixels(const std::string& resolution);

/// @brief Latent tokens (thousands) of `seconds` of video at `pixels` per frame.
double latent_ktokens(const VideoModel& model, double seconds, double pixels);

/// @brief Work (reference-GPU seconds) of one clip of `seconds` at `pixels` per frame with `steps` steps.
double clip_work_s(const VideoModel& model, double seconds, double pixels, double steps);

}  // namespace gvsim::model
