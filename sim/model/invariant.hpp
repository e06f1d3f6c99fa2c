#pragma once

#include <stdexcept>

namespace gvsim {

/// @brief Raised when a run's books do not balance (users, jobs or money); the message carries the numbers.
class InvariantViolation : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace gvsim
