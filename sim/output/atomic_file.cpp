#include "sim/output/atomic_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace gvsim::output {

namespace {
/// A path kept in a fixed buffer, so that a signal handler can read it without allocating.
struct SignalSafePath {
  std::array<char, 4096> text{};
  std::atomic<bool> set{false};

  void assign(const std::string& path) {
    set.store(false);
    if (path.empty()) return;
    if (path.size() >= text.size()) throw std::runtime_error("output path too long: " + path);
    std::memcpy(text.data(), path.c_str(), path.size() + 1);
    set.store(true);
  }
};

SignalSafePath g_pending;         // the temporary file being written
SignalSafePath g_pending_folder;  // the staging folder being filled
SignalSafePath g_lock_file;       // the lock file held

/// Unlinks every entry of a flat folder, then the folder, with system calls only (no allocation).
void remove_flat_folder(const char* folder) noexcept {
  const int fd = ::open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    alignas(8) char buffer[8192];
    for (;;) {
      const long n = ::syscall(SYS_getdents64, fd, buffer, sizeof buffer);
      if (n <= 0) break;
      for (long at = 0; at < n;) {
        const auto* entry = reinterpret_cast<const struct dirent64*>(buffer + at);
        const char* name = entry->d_name;
        const bool dots = name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
        if (!dots) ::unlinkat(fd, name, 0);
        at += entry->d_reclen;
      }
    }
    ::close(fd);
  }
  ::rmdir(folder);
}

const std::string kTemporaryMarker = ".tmp-";

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " '" + path + "': " + std::strerror(errno));
}

/// The PID in a temporary's name, or -1 if `name` is not one.
long temporary_pid(const std::string& name) {
  if (name.size() < 2 || name[0] != '.') return -1;
  const std::size_t marker = name.rfind(kTemporaryMarker);
  if (marker == std::string::npos || marker < 2) return -1;
  const std::string digits = name.substr(marker + kTemporaryMarker.size());
  if (digits.empty() || digits.size() > 18) return -1;
  for (const char c : digits) {
    if (c < '0' || c > '9') return -1;
  }
  return std::strtol(digits.c_str(), nullptr, 10);
}
}  // namespace

std::string temporary_name(const std::string& file_name, long pid) {
  return "." + file_name + kTemporaryMarker + std::to_string(pid);
}

bool is_temporary_name(const std::string& name) {
  return temporary_pid(name) >= 0;
}

int remove_stale_temporaries(const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code error;
  int removed = 0;
  for (const auto& entry : fs::directory_iterator(directory, error)) {
    const long pid = temporary_pid(entry.path().filename().string());
    if (pid < 0 || pid == static_cast<long>(::getpid())) continue;
    const bool gone = pid == 0 || (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH);
    if (gone && fs::remove_all(entry.path(), error) > 0) ++removed;
  }
  return removed;
}

void remove_pending_temporaries() noexcept {
  if (g_pending.set.load()) ::unlink(g_pending.text.data());
  if (g_pending_folder.set.load()) remove_flat_folder(g_pending_folder.text.data());
  if (g_lock_file.set.load()) ::unlink(g_lock_file.text.data());
}

void set_pending_folder(const std::string& folder) {
  g_pending_folder.assign(folder);
}

void hold_lock_file(const std::string& path) {
  g_lock_file.assign(path);
}

void write_file_atomically(const std::string& path, const std::string& content) {
  const std::filesystem::path target(path);
  const std::string temporary =
      (target.parent_path() / temporary_name(target.filename().string(), static_cast<long>(::getpid()))).string();
  g_pending.assign(temporary);
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
  g_pending.assign({});
}

}  // namespace gvsim::output
