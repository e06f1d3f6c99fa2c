#pragma once

#include <string>

namespace gvsim::output {

/// @brief Writes `content` to `path` atomically: a temporary file beside it, flushed to disk, then renamed.
///
/// Readers see either the old file or the complete new one, never a partial file. The temporary is a hidden file
/// named `.NAME.tmp-PID` (see is_temporary_name), so a process killed while writing leaves no file that looks
/// like a result. Throws std::runtime_error.
void write_file_atomically(const std::string& path, const std::string& content);

/// @brief The name of the temporary file write_file_atomically uses for `file_name` in process `pid`.
std::string temporary_name(const std::string& file_name, long pid);

/// @brief True for a name of the form temporary_name gives (`.NAME.tmp-PID`, PID all digits).
bool is_temporary_name(const std::string& name);

/// @brief Removes temporaries (files or staging folders) in `directory` left by processes that no longer exist
/// (killed while writing); returns how many were removed. Missing or unreadable folders are left alone.
int remove_stale_temporaries(const std::string& directory);

/// @brief Removes temporary files this process is writing, the staging folder it is filling (set_pending_folder)
/// and the lock file it holds (hold_lock_file); safe to call from a signal handler.
void remove_pending_temporaries() noexcept;

/// @brief Records `folder` (flat: files only) as the staging folder this process is filling; empty: none.
void set_pending_folder(const std::string& folder);

/// @brief Records `path` as the lock file this process holds (see FolderLock); empty: none.
void hold_lock_file(const std::string& path);

}  // namespace gvsim::output
