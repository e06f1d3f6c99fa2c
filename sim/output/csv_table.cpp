#include "sim/output/csv_table.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace gvsim::output {

std::string format_number(double value) {
  if (!std::isfinite(value)) return "";
  if (value == 0.0) return "0";
  char buffer[40];
  for (int precision = 6; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

CsvTable::CsvTable(std::vector<std::string> columns) : columns_(std::move(columns)) {}

void CsvTable::add_columns(const std::vector<std::string>& columns) {
  if (!rows_.empty()) throw std::logic_error("CsvTable: columns added after the first row");
  columns_.insert(columns_.end(), columns.begin(), columns.end());
}

CsvTable& CsvTable::row() {
  rows_.emplace_back();
  rows_.back().reserve(columns_.size());
  return *this;
}

CsvTable& CsvTable::cell(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) {
    rows_.back().push_back(text);
    return *this;
  }
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  rows_.back().push_back(quoted + "\"");
  return *this;
}

CsvTable& CsvTable::cell(double value) {
  rows_.back().push_back(format_number(value));
  return *this;
}

CsvTable& CsvTable::cell(long long value) {
  rows_.back().push_back(std::to_string(value));
  return *this;
}

std::string CsvTable::str() const {
  std::string out;
  auto append_line = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += ',';
      out += cells[i];
    }
    out += '\n';
  };
  append_line(columns_);
  for (const auto& r : rows_) {
    if (r.size() != columns_.size()) {
      throw std::logic_error("CSV row has " + std::to_string(r.size()) + " cells for " +
                             std::to_string(columns_.size()) + " columns");
    }
    append_line(r);
  }
  return out;
}

}  // namespace gvsim::output
