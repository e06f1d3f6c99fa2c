// Spill-over placement: a primary rule until its choice is too loaded.
#include <memory>
#include <string>
#include <vector>

#include "policies/placement_policy.hpp"

namespace gvsim::policies {
namespace {

/// Parameters of the spill-over placement.
struct SpillOverParams {
  std::string primary = "nearest";  ///< a placement without parameters: nearest or cheapest
  double load_threshold = 1.5;      ///< jobs per GPU (queued + running) at which the primary choice spills over
};

void describe(schema::Fields& f, SpillOverParams& v) {
  f.choice("primary", v.primary, {"nearest", "cheapest"}, "rule followed while its choice is under the threshold");
  f.number("load_threshold", v.load_threshold, schema::NumberRule::positive("jobs/GPU"),
           "queued + running jobs per GPU at which the primary choice spills over to other allowed clusters");
}

/// The primary rule's choice (nearest or cheapest) while its load is under the threshold; above it, the primary
/// rule's choice among the allowed clusters still under the threshold, or the least loaded of all.
class SpillOverPlacement final : public PlacementPolicy {
 public:
  explicit SpillOverPlacement(const SpillOverParams& params)
      : primary_(PlacementRegistry::instance().make_default(params.primary)),
        fallback_(PlacementRegistry::instance().make_default("least_loaded")),
        load_threshold_(params.load_threshold) {}

  std::size_t choose(std::span<const ClusterView> allowed) const override {
    const std::size_t first = primary_->choose(allowed);
    if (allowed[first].load() < load_threshold_) return first;
    // Spill: the primary rule's choice among the clusters still under the threshold, if any.
    std::vector<ClusterView> under;
    std::vector<std::size_t> positions;
    for (std::size_t i = 0; i < allowed.size(); ++i) {
      if (allowed[i].load() < load_threshold_) {
        under.push_back(allowed[i]);
        positions.push_back(i);
      }
    }
    if (!under.empty()) return positions[primary_->choose(under)];
    return fallback_->choose(allowed);
  }

 private:
  std::unique_ptr<PlacementPolicy> primary_;
  std::unique_ptr<PlacementPolicy> fallback_;
  double load_threshold_;
};

[[maybe_unused]] const bool registered = PlacementRegistry::add<SpillOverPlacement, SpillOverParams>(
    {"spill_over", 50, "nearest or cheapest until loaded", "parameters of spill_over"});

}  // namespace
}  // namespace gvsim::policies
