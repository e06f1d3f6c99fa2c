#pragma once

#include <stdexcept>
#include <string>

namespace gvsim::report {

/// @brief Bad input to `gvsim report`: no runs, an unreadable or inconsistent file, an unknown name (exit 2).
class ReportError : public std::runtime_error {
 public:
  /// @brief An error with a message that names the file or option at fault.
  explicit ReportError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace gvsim::report
