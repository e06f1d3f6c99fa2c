#include "sim/output/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace gvsim::output {

namespace {
// The temporary file being written, kept in a fixed buffer so a signal handler can unlink it.
std::array<char, 4096> g_pending{};
std::atomic<bool> g_has_pending{false};

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " '" + path + "': " + std::strerror(errno));
}
}  // namespace

void remove_pending_temporaries() noexcept {
  if (g_has_pending.load()) ::unlink(g_pending.data());
}

void write_file_atomically(const std::string& path, const std::string& content) {
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  if (temporary.size() >= g_pending.size()) throw std::runtime_error("output path too long: " + path);
  std::memcpy(g_pending.data(), temporary.c_str(), temporary.size() + 1);
  g_has_pending.store(true);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("cannot create", temporary);
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      ::unlink(temporary.c_str());
      fail("cannot write", temporary);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(temporary.c_str());
    fail("cannot flush", temporary);
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    fail("cannot rename into", path);
  }
  g_has_pending.store(false);
}

}  // namespace gvsim::output
