#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace gvsim::report {

/// @brief A whole file's bytes; throws ReportError naming the file when it cannot be read.
std::string read_file_bytes(const std::string& path);

/// @brief A JSON file parsed; throws ReportError naming the file when it cannot be read or parsed.
nlohmann::json read_json_file(const std::string& path);

}  // namespace gvsim::report
