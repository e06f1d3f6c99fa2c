#pragma once

#include <memory>
#include <stdexcept>
#include <string>

namespace gvsim::output {

/// @brief A results destination that cannot be used: not creatable, not writable, or written by another run.
///
/// Raised before any simulation time is spent; the command line reports it with exit code 2.
class OutputRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// @brief A folder's parent and its own name: "a/b/" gives "a" and "b", "b" gives "." and "b". Throws
/// OutputRefused for a path that names no folder of its own ("/", "..").
struct FolderPath {
  std::string parent;
  std::string name;
  /// @brief Splits `directory` as described above.
  static FolderPath of(const std::string& directory);
  /// @brief `parent/entry`.
  std::string beside(const std::string& entry) const { return parent + "/" + entry; }
};

/// @brief An exclusive lock on a results folder: `flock` on a hidden lock file beside it, `.NAME.lock`.
///
/// The kernel releases the lock when the process dies, however it dies, so a killed run never blocks the next
/// one. The lock file holds the holder's PID (for the message a second writer shows) and is removed on release;
/// acquiring checks that the locked file is still the one at the path, so removing it never lets two holders in.
class FolderLock {
 public:
  /// @brief Takes the lock of folder `directory` (its parent must exist) without waiting; throws OutputRefused
  /// naming the folder and the holder's PID when another process holds it, or when the lock file cannot be made.
  explicit FolderLock(const std::string& directory);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

  /// @brief Takes the lock of `directory` if it is free; nullptr when another process holds it (or it cannot be
  /// taken at all).
  static std::unique_ptr<FolderLock> try_acquire(const std::string& directory);

  /// @brief Path of the lock file.
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace gvsim::output
