#pragma once

#include <cstdint>
#include <limits>

namespace gvsim::users {

/// @brief A clip request that passed the credit check and becomes a generation job.
struct JobRequest {
  std::uint32_t user = 0;
  std::uint32_t clip_class = 0;
  double work_gpu_s = 0.0;
  float patience_s = std::numeric_limits<float>::infinity();
  float credits = 0.0F;  ///< credits charged, refunded if the job is abandoned, fails or is blocked
  bool paid = false;
  bool harmful = false;  ///< the prompt asks for harmful content (moderation only)

  std::int32_t contract = -1;  ///< enterprise contract that issued the job (-1: a user's request)
};

}  // namespace gvsim::users
