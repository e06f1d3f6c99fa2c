#include "sim/fit/free_parameter.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace gvsim::fit {

namespace {

bool number(const std::string& text, double& out) {
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return !text.empty() && *end == '\0' && std::isfinite(out);
}

}  // namespace

bool parse_free_parameter(const std::string& text, FreeParameter& out, std::string& why) {
  const auto equals = text.find('=');
  const auto open = text.find('[', equals == std::string::npos ? 0 : equals);
  const auto comma = text.find(',', open == std::string::npos ? 0 : open);
  const auto close = text.find(']', comma == std::string::npos ? 0 : comma);
  if (equals == std::string::npos || equals == 0 || open != equals + 1 || comma == std::string::npos ||
      close == std::string::npos) {
    why = "expected key.path=[low,high] or key.path=[low,high]@start, got \"" + text + "\"";
    return false;
  }
  out.key = text.substr(0, equals);
  if (!number(text.substr(open + 1, comma - open - 1), out.low) ||
      !number(text.substr(comma + 1, close - comma - 1), out.high) || !(out.low < out.high)) {
    why = out.key + ": expected numbers low < high in [low,high], got \"" + text.substr(open) + "\"";
    return false;
  }
  out.start = (out.low + out.high) / 2;
  const std::string rest = text.substr(close + 1);
  if (!rest.empty() &&
      (rest[0] != '@' || !number(rest.substr(1), out.start) || out.start < out.low || out.start > out.high)) {
    why = out.key + ": expected nothing or @start within [low,high] after the bounds, got \"" + rest + "\"";
    return false;
  }
  return true;
}

std::string exact_text(double v) {
  char buffer[40];
  for (int digits = 6; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, v);
    if (std::strtod(buffer, nullptr) == v) break;
  }
  return buffer;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::vector<std::string> assignments(const std::vector<FreeParameter>& free, const std::vector<double>& values) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < free.size(); ++i)
    out.push_back(free[i].key + "=" + exact_text(values[i]));
  return out;
}

}  // namespace gvsim::fit
