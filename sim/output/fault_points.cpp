#include "sim/output/fault_points.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace gvsim::output {

void pause_point(const std::string& step) {
  const char* setting = std::getenv("GVSIM_TEST_PAUSE");
  if (setting == nullptr) return;
  const std::string text = setting;
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos || text.substr(0, colon) != step) return;
  const std::string fifo = text.substr(colon + 1);
  const int out = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);  // blocks until the test reads
  if (out < 0) return;
  const std::string pid = std::to_string(::getpid()) + "\n";
  [[maybe_unused]] const auto written = ::write(out, pid.data(), pid.size());
  ::close(out);
  const int in = ::open(fifo.c_str(), O_RDONLY | O_CLOEXEC);  // blocks until the test opens it to resume us
  if (in < 0) return;
  char buffer[64];
  while (::read(in, buffer, sizeof buffer) > 0) {
  }
  ::close(in);
}

bool injected_write_failure() {
  static long calls = 0;
  static const char* setting = std::getenv("GVSIM_TEST_FAIL_WRITE");
  ++calls;
  return setting != nullptr && std::strtol(setting, nullptr, 10) == calls;
}

bool exchange_disabled() {
  const char* setting = std::getenv("GVSIM_TEST_NO_EXCHANGE");
  return setting != nullptr && std::string(setting) == "1";
}

}  // namespace gvsim::output
