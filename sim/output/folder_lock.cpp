#include "sim/output/folder_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include "sim/output/atomic_file.hpp"

namespace gvsim::output {

namespace {

std::string reason() {
  return std::strerror(errno);
}

/// Opens and locks the lock file at `path`: its descriptor, or -1 when another process holds the lock.
int lock_file(const std::string& path, const std::string& directory) {
  for (;;) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) throw OutputRefused("--out " + directory + ": cannot create the lock file " + path + ": " + reason());
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(fd);
      if (error == EWOULDBLOCK) return -1;
      errno = error;
      throw OutputRefused("--out " + directory + ": cannot lock " + path + ": " + reason());
    }
    struct stat held {};
    struct stat current {};
    if (::fstat(fd, &held) == 0 && ::stat(path.c_str(), &current) == 0 && held.st_dev == current.st_dev &&
        held.st_ino == current.st_ino)
      return fd;
    ::close(fd);  // the holder removed this file as it let go: lock the one now at the path
  }
}

/// The PID the holder wrote into the lock file; it writes it just after locking, so an empty file is read again.
std::string holder_pid(const std::string& path) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string text;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      char buffer[32];
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      ::close(fd);
      if (n > 0) text.assign(buffer, static_cast<std::size_t>(n));
    }
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
      text.pop_back();
    if (!text.empty()) return text;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return "unknown";
}

}  // namespace

FolderPath FolderPath::of(const std::string& directory) {
  namespace fs = std::filesystem;
  fs::path path = fs::path(directory).lexically_normal();
  if (!path.has_filename()) path = path.parent_path();  // "a/b/" -> "a/b"
  const std::string name = path.filename().string();
  if (name.empty() || name == "." || name == "..") {
    path = fs::absolute(path).lexically_normal();
    if (!path.has_filename()) path = path.parent_path();
  }
  if (path.filename().empty() || path == path.root_path())
    throw OutputRefused("--out " + directory + ": expected a folder that can be replaced, got the file system root");
  const std::string parent = path.parent_path().string();
  return FolderPath{parent.empty() ? "." : parent, path.filename().string()};
}

FolderLock::FolderLock(const std::string& directory) {
  const FolderPath where = FolderPath::of(directory);
  path_ = where.beside("." + where.name + ".lock");
  fd_ = lock_file(path_, directory);
  if (fd_ < 0) {
    throw OutputRefused("--out " + directory + " is being written by another gvsim run (process " + holder_pid(path_) +
                        "; lock file " + path_ + ")");
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    const std::string why = reason();
    ::close(fd_);
    throw OutputRefused("--out " + directory + ": cannot write the lock file " + path_ + ": " + why);
  }
  hold_lock_file(path_);
}

std::unique_ptr<FolderLock> FolderLock::try_acquire(const std::string& directory) {
  try {
    return std::make_unique<FolderLock>(directory);
  } catch (const OutputRefused&) {
    return nullptr;
  }
}

FolderLock::~FolderLock() {
  // Removed while still held: a process that opened it meanwhile finds the path gone and locks a new file.
  hold_lock_file({});
  ::unlink(path_.c_str());
  ::close(fd_);
}

}  // namespace gvsim::output
