#include "sim/output/results_folder.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "sim/output/atomic_file.hpp"

namespace gvsim::output {

namespace {

namespace fs = std::filesystem;

const std::string kAsideSuffix = ".old";

// Test hooks of the write phase (see the class comment in results_folder.hpp), inert unless their environment
// variable is set.

/// GVSIM_TEST_PAUSE=STEP:FIFO: at `step`, writes this process's PID into the FIFO, then waits until it is opened
/// for writing and closed again.
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

/// GVSIM_TEST_FAIL_WRITE=N: true for the N-th call (one per file written).
bool injected_write_failure() {
  static long calls = 0;
  static const char* setting = std::getenv("GVSIM_TEST_FAIL_WRITE");
  ++calls;
  return setting != nullptr && std::strtol(setting, nullptr, 10) == calls;
}

/// GVSIM_TEST_NO_EXCHANGE=1: replace a folder by setting the old one aside.
bool exchange_disabled() {
  const char* setting = std::getenv("GVSIM_TEST_NO_EXCHANGE");
  return setting != nullptr && std::string(setting) == "1";
}

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(what + " '" + path + "': " + std::strerror(errno));
}

/// Flushes a folder's entries (the names of the files renamed or created in it) to disk.
void sync_folder(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail("cannot open", path);
  const int synced = ::fsync(fd);
  ::close(fd);
  if (synced != 0) fail("cannot flush", path);
}

/// True for `.PREFIX.tmp-PID` of another process than this one.
bool leftover_of(const std::string& entry, const std::string& prefix) {
  const std::string start = "." + prefix + ".tmp-";
  return entry.compare(0, start.size(), start) == 0 && is_temporary_name(entry) &&
         entry != temporary_name(prefix, static_cast<long>(::getpid()));
}

/// Keeps SIGINT and SIGTERM from running their handler (which removes the staging folder) between the renames.
class SignalsHeld {
 public:
  SignalsHeld() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    ::pthread_sigmask(SIG_BLOCK, &set, &previous_);
  }
  ~SignalsHeld() { ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  SignalsHeld(const SignalsHeld&) = delete;
  SignalsHeld& operator=(const SignalsHeld&) = delete;

 private:
  sigset_t previous_;
};

/// Removes what killed runs left beside the folder; called with the folder's lock held, so nothing else is
/// writing them.
void clear_leftovers(const FolderPath& where) {
  const std::string path = where.beside(where.name);
  std::error_code error;
  std::vector<std::string> names;  // listed first: the folder changes as they are removed
  for (const auto& entry : fs::directory_iterator(where.parent, error))
    names.push_back(entry.path().filename().string());
  for (const auto& name : names) {
    const std::string entry = where.beside(name);
    if (leftover_of(name, where.name + kAsideSuffix)) {
      // Killed between setting the old folder aside and renaming the new one in: the old one comes back.
      if (!fs::exists(path, error) && ::rename(entry.c_str(), path.c_str()) == 0) continue;
      fs::remove_all(entry, error);
    } else if (leftover_of(name, where.name)) {
      fs::remove_all(entry, error);
    }
  }
}

/// The first entry of existing folder `path` that no run writes (a sub-folder, a file other than a CSV file or
/// the manifest, hidden temporaries aside); empty when the folder holds results only and may be replaced.
std::string foreign_entry(const std::string& path) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(path, error)) {
    const std::string name = entry.path().filename().string();
    if (is_temporary_name(name)) continue;
    const bool result_file =
        entry.is_regular_file(error) && (name == "manifest.json" || entry.path().extension() == ".csv");
    if (!result_file) return name;
  }
  return {};
}

}  // namespace

void make_writable_folder(const std::string& folder, const std::string& option) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error || !fs::is_directory(folder, error)) {
    throw OutputRefused("--out " + option + ": cannot create the folder " + folder + ": " +
                        (error ? error.message() : std::string("a file is in the way")));
  }
  if (::access(folder.c_str(), W_OK | X_OK) != 0)
    throw OutputRefused("--out " + option + ": cannot write in " + folder + ": " + std::strerror(errno));
}

ResultsFolder::ResultsFolder(const std::string& directory) : directory_(directory) {
  std::error_code error;
  const std::string target = fs::is_symlink(directory, error) ? fs::canonical(directory, error).string() : directory;
  where_ = FolderPath::of(target.empty() ? directory : target);
  const std::string path = where_.beside(where_.name);
  if (fs::exists(path, error) && !fs::is_directory(path, error))
    throw OutputRefused("--out " + directory + ": expected a folder, got an existing file");
  make_writable_folder(where_.parent, directory);
  lock_ = std::make_unique<FolderLock>(target.empty() ? directory : target);
  clear_leftovers(where_);
  if (fs::is_directory(path, error)) {
    // The folder is replaced as a whole: never one holding anything a run does not write.
    const std::string foreign = foreign_entry(path);
    if (!foreign.empty()) {
      throw OutputRefused("--out " + directory + ": holds " + foreign +
                          ", which is no gvsim result; a run replaces the whole folder, so give a new or empty folder "
                          "or one holding results only");
    }
  }
  staging_ = where_.beside(temporary_name(where_.name, static_cast<long>(::getpid())));
  if (::mkdir(staging_.c_str(), 0755) != 0) {
    throw OutputRefused("--out " + directory + ": cannot create a folder in " + where_.parent + ": " +
                        std::strerror(errno));
  }
  set_pending_folder(staging_);
}

ResultsFolder::~ResultsFolder() {
  if (committed_ || staging_.empty()) return;
  set_pending_folder({});
  std::error_code ignored;
  fs::remove_all(staging_, ignored);
}

void ResultsFolder::write(const std::string& name, const std::string& content) {
  const std::string path = staging_ + "/" + name;
  pause_point("write-" + std::to_string(++files_));
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) fail("cannot create", path);
  const bool full = injected_write_failure();
  std::size_t written = 0;
  while (written < content.size() || full) {
    const ssize_t n = full ? (errno = ENOSPC, -1) : ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      errno = error;
      fail("cannot write", path);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    const int error = errno;
    ::close(fd);
    errno = error;
    fail("cannot flush", path);
  }
  if (::close(fd) != 0) fail("cannot close", path);
}

void ResultsFolder::commit() {
  sync_folder(staging_);
  pause_point("staged");
  const SignalsHeld held;
  const std::string path = where_.beside(where_.name);
  std::error_code error;
  const bool replacing = fs::exists(path, error);
  int exchange_error = EINVAL;
  if (replacing && !exchange_disabled()) {
    exchange_error = ::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) == 0 ? 0 : errno;
  }
  if (!replacing) {
    if (::rename(staging_.c_str(), path.c_str()) != 0) fail("cannot rename into", path);
  } else if (exchange_error == 0) {
    pause_point("swapped");  // the staging name now holds the old folder
    fs::remove_all(staging_, error);
  } else if (exchange_error == EINVAL || exchange_error == ENOSYS || exchange_error == EOPNOTSUPP) {
    const std::string aside = where_.beside(temporary_name(where_.name + kAsideSuffix, static_cast<long>(::getpid())));
    if (::rename(path.c_str(), aside.c_str()) != 0) fail("cannot move aside", path);
    pause_point("aside");
    if (::rename(staging_.c_str(), path.c_str()) != 0) {
      const int rename_error = errno;
      ::rename(aside.c_str(), path.c_str());
      errno = rename_error;
      fail("cannot rename into", path);
    }
    fs::remove_all(aside, error);
  } else {
    errno = exchange_error;
    fail("cannot replace", path);
  }
  committed_ = true;
  set_pending_folder({});
  sync_folder(where_.parent);
  pause_point("replaced");
}

void ResultsFolder::recover(const std::string& directory) {
  const FolderPath where = FolderPath::of(directory);
  std::error_code error;
  if (!fs::is_directory(where.parent, error)) return;
  const auto lock = FolderLock::try_acquire(directory);
  if (lock != nullptr) clear_leftovers(where);
}

}  // namespace gvsim::output
