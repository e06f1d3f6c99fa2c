#pragma once

#include <cstddef>
#include <cstdint>

namespace gvsim::policies {

/// @brief Where a content check happens: on the prompt before the GPU, or on the finished video.
enum class ModerationStage : std::uint8_t { kPrompt = 0, kVideo = 1 };

/// @brief What a moderation policy sees about one item to check (read-only; drawn by the caller).
struct ModerationItem {
  ModerationStage stage = ModerationStage::kPrompt;
  std::size_t region = 0;   ///< region index of the requesting user
  bool harmful = false;     ///< ground truth; the classifier only sees it through its score
  double noise = 0.0;       ///< standard normal draw of the classifier's score
  double tightening = 0.0;  ///< threshold decrease forced on the region by its regulator (>= 0)
};

/// @brief Decides which prompts and videos are flagged as harmful. Stateless: the same item gives the same verdict.
class ModerationPolicy {
 public:
  virtual ~ModerationPolicy() = default;
  /// @brief False when the policy checks nothing and no content risk is simulated at all (`none`).
  virtual bool active() const = 0;
  /// @brief True when items of `stage` are checked.
  virtual bool checks(ModerationStage stage) const = 0;
  /// @brief Reference-GPU seconds the video check adds to each job's work (0 when the video stage is off).
  virtual double video_check_gpu_s() const = 0;
  /// @brief True when the item is flagged (held for review or blocked).
  virtual bool flag(const ModerationItem& item) const = 0;
};

/// @brief No checks and no content model: every job runs and every video is delivered.
class NoModeration final : public ModerationPolicy {
 public:
  bool active() const override { return false; }
  bool checks(ModerationStage) const override { return false; }
  double video_check_gpu_s() const override { return 0.0; }
  bool flag(const ModerationItem&) const override { return false; }
};

}  // namespace gvsim::policies
