// No moderation at all.
#include "policies/moderation_policy.hpp"

namespace gvsim::policies {
namespace {

/// No checks and no content model: every job runs and every video is delivered.
class NoModeration final : public ModerationPolicy {
 public:
  bool active() const override { return false; }
  bool checks(ModerationStage) const override { return false; }
  double video_check_gpu_s() const override { return 0.0; }
  bool flag(const ModerationItem&) const override { return false; }
};

[[maybe_unused]] const bool registered =
    ModerationRegistry::add<NoModeration>({"none", 10, "no checks, no content risk simulated"});

}  // namespace
}  // namespace gvsim::policies
