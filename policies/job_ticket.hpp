#pragma once

#include <cstdint>

namespace gvsim::policies {

/// @brief What a queue holds about one generation job; plain data shared by the engine and the policies.
struct JobTicket {
  std::uint64_t id = 0;
  double submit_time_s = 0.0;
  double work_gpu_s = 0.0;  ///< seconds on one reference GPU
  std::uint32_t origin_region = 0;
  std::uint32_t clip_class = 0;
};

}  // namespace gvsim::policies
