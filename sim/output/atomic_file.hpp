#pragma once

#include <string>

namespace gvsim::output {

/// @brief Writes `content` to `path` atomically: a temporary file beside it, flushed to disk, then renamed.
///
/// Readers see either the old file or the complete new one, never a partial file. Throws std::runtime_error.
void write_file_atomically(const std::string& path, const std::string& content);

/// @brief Removes temporary files this process is writing; safe to call from a signal handler.
void remove_pending_temporaries() noexcept;

}  // namespace gvsim::output
