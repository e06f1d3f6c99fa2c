#include "sim/schema/diagnostics.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace gvsim::schema {

void Diagnostics::expected(const SourceMark& mark, std::string_view key_path, std::string_view what,
                           std::string_view got) {
  error(mark, key_path, "expected " + std::string(what) + ", got " + std::string(got));
}

void Diagnostics::error(const SourceMark& mark, std::string_view key_path, std::string message) {
  items_.push_back(Diagnostic{mark, std::string(key_path), std::move(message)});
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.mark.file.empty() ? std::string("<input>") : d.mark.file;
  if (d.mark.line > 0) {
    out += ":" + std::to_string(d.mark.line) + ":" + std::to_string(d.mark.column);
  }
  out += ": ";
  if (!d.key_path.empty()) out += d.key_path + ": ";
  out += d.message;
  return out;
}

void Diagnostics::warning(const SourceMark& mark, std::string_view key_path, std::string message) {
  warnings_.push_back(Diagnostic{mark, std::string(key_path), std::move(message)});
}

std::string Diagnostics::format() const {
  std::string out;
  for (const auto& d : items_)
    out += format_diagnostic(d) + "\n";
  return out;
}

ConfigError::ConfigError(Diagnostics diagnostics)
    : std::runtime_error(diagnostics.format()), diagnostics_(std::move(diagnostics)) {}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string shortest(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", v);
  return buffer;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

}  // namespace gvsim::schema
