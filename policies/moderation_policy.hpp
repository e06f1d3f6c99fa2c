#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "policies/registry.hpp"

namespace gvsim::policies {

/// @brief Where a content check happens: on the prompt before the GPU, or on the finished video.
enum class ModerationStage : std::uint8_t { kPrompt = 0, kVideo = 1 };

/// @brief What a moderation policy sees about one item to check (read-only; drawn by the caller).
struct ModerationItem {
  ModerationStage stage = ModerationStage::kPrompt;
  std::size_t region = 0;     ///< region index of the requesting user
  bool harmful = false;       ///< ground truth; the classifier only sees it through its score
  double noise = 0.0;         ///< standard normal draw of the classifier's score
  double tightening = 0.0;    ///< threshold decrease forced on the region by its regulator (>= 0)
  double separability = 1.0;  ///< multiplies the classifier's separation for the item's content-risk class
};

/// @brief What the run gives every moderation policy: the regions, in scenario order.
struct ModerationContext {
  std::vector<std::string> region_names;
};

/// @brief Decides which prompts and videos are flagged as harmful. Stateless: the same item gives the same verdict.
class ModerationPolicy {
 public:
  /// @brief The kind's name in messages.
  static constexpr const char* kKind = "moderation";
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

/// @brief The moderation implementations.
using ModerationRegistry = Registry<ModerationPolicy, ModerationContext>;
/// @brief A moderation choice with the parameters of every implementation.
using ModerationSelection = Selection<ModerationPolicy, ModerationContext>;

}  // namespace gvsim::policies
