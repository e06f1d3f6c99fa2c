#pragma once

#include <cstdint>
#include <limits>

namespace gvsim::policies {

/// @brief What a queue holds about one generation job; plain data shared by the engine and the policies.
struct JobTicket {
  std::uint64_t id = 0;
  double submit_time_s = 0.0;
  double work_gpu_s = 0.0;  ///< seconds on one reference GPU
  std::uint32_t origin_region = 0;
  std::uint32_t clip_class = 0;
  std::uint32_t user = std::numeric_limits<std::uint32_t>::max();  ///< none for synthetic jobs
  float patience_s = std::numeric_limits<float>::infinity();       ///< longest wait the user accepts
  float credits = 0.0F;                                            ///< credits charged for the job
  bool paid = false;                                               ///< submitted by a paying user
  bool harmful = false;                                            ///< harmful content (moderation only)
  bool poor = false;                                               ///< the video is of poor quality
  std::uint8_t risk_class = 0;  ///< content-risk class of harmful content, 0 for benign (moderation only)
  bool labelled = false;        ///< the video carries a synthetic-content label (moderation only)
};

}  // namespace gvsim::policies
