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
  bool harmful = false;         ///< the prompt asks for harmful content (moderation only)
  bool poor = false;            ///< the video will be of poor quality (drawn at request, seen at delivery)
  std::uint8_t risk_class = 0;  ///< content-risk class of a harmful prompt (1..), 0 for benign (moderation only)
  bool labelled = false;        ///< the video carries a synthetic-content label (moderation only)

  /// @brief True when an enterprise contract issued the job (its `user` is kFirstContractUser + the contract book).
  bool from_contract() const;
};

/// @brief User numbers from here on name enterprise contract books, not users (the engine passes them through).
inline constexpr std::uint32_t kFirstContractUser = 0xF0000000U;

inline bool JobRequest::from_contract() const {
  return user >= kFirstContractUser && user != std::numeric_limits<std::uint32_t>::max();
}

}  // namespace gvsim::users
