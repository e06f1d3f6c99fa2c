#pragma once

#include <memory>
#include <string>

#include "sim/output/folder_lock.hpp"

namespace gvsim::output {

/// @brief Creates `folder` (and its parents) unless it exists, and checks that this process may create entries in
/// it; throws OutputRefused with a message starting "--out OPTION: ", without simulating anything.
void make_writable_folder(const std::string& folder, const std::string& option);

/// @brief A results folder written as a unit: every file goes into a hidden staging folder beside it,
/// `.NAME.tmp-PID` (see temporary_name), and commit() swaps that folder into place.
///
/// Whatever happens (a full disk, SIGKILL at any step, two runs writing the same folder) the folder's path holds
/// either the old complete folder or the new complete one, never a mix: an existing folder is exchanged with the
/// staged one in a single renameat2(RENAME_EXCHANGE) and removed afterwards; where the file system cannot exchange,
/// the old folder is renamed aside first, and a run killed between the two renames gets it back from the next run.
/// The constructor checks the destination and takes its lock (FolderLock) before anything is simulated.
///
/// Test hooks, inert unless their environment variable is set, let the tests (tests/unit/test_results_folder.cpp)
/// stop or break a run at a named step without depending on timing:
/// - `GVSIM_TEST_PAUSE=STEP:FIFO`: at step STEP, write this process's PID and a newline into the FIFO (blocking
///   until the test reads), then wait until the test opens the FIFO for writing and closes it.
/// - `GVSIM_TEST_FAIL_WRITE=N`: the N-th file write fails with ENOSPC, as on a full disk.
/// - `GVSIM_TEST_NO_EXCHANGE=1`: replace a folder by setting the old one aside, as on a file system without
///   renameat2(RENAME_EXCHANGE).
/// Steps: `write-K` (before the K-th file, from 1), `staged` (every file flushed, before the swap), `swapped` (new
/// folder in place, old one not yet removed), `aside` (old folder set aside, new not yet renamed in; only without
/// exchange), `replaced` (old folder removed, lock still held).
class ResultsFolder {
 public:
  /// @brief Prepares writing `directory`: creates its parent, takes its lock, clears what killed runs left
  /// (recover) and creates the staging folder. Throws OutputRefused when the destination is unusable or held by
  /// another run.
  explicit ResultsFolder(const std::string& directory);
  /// @brief Removes the staging folder of an uncommitted write and releases the lock.
  ~ResultsFolder();
  ResultsFolder(const ResultsFolder&) = delete;
  ResultsFolder& operator=(const ResultsFolder&) = delete;

  /// @brief The folder as given.
  const std::string& directory() const { return directory_; }

  /// @brief Writes file `name` into the staging folder and flushes it to disk; throws std::runtime_error.
  void write(const std::string& name, const std::string& content);

  /// @brief Puts the staged folder in place of `directory` (replacing an earlier one as a unit) and removes the
  /// old one; throws std::runtime_error, leaving the old folder in place.
  void commit();

  /// @brief Clears what killed runs left beside `directory` (staging folders; an old folder set aside, renamed
  /// back when the folder is missing), unless another process holds the folder's lock.
  static void recover(const std::string& directory);

 private:
  std::string directory_;
  FolderPath where_;
  std::unique_ptr<FolderLock> lock_;
  std::string staging_;
  int files_ = 0;
  bool committed_ = false;
};

}  // namespace gvsim::output
