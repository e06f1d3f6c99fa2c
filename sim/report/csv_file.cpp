#include "sim/report/csv_file.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "sim/report/report_error.hpp"

namespace gvsim::report {

namespace {

// Splits CSV text into records; quoted cells may hold commas, doubled quotes and line breaks.
std::vector<std::vector<std::string>> split_records(const std::string& text, const std::string& name) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string cell;
  bool quoted = false;
  bool cell_started = false;
  std::size_t line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"' && !cell_started) {
      quoted = true;
      cell_started = true;
    } else if (c == ',') {
      record.push_back(std::move(cell));
      cell.clear();
      cell_started = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      record.push_back(std::move(cell));
      cell.clear();
      cell_started = false;
      records.push_back(std::move(record));
      record.clear();
      ++line;
    } else if (c == '"') {
      throw ReportError(name + ":" + std::to_string(line) + ": stray '\"' inside an unquoted cell");
    } else {
      cell += c;
      cell_started = true;
    }
  }
  if (quoted) throw ReportError(name + ": unterminated quoted cell");
  if (cell_started || !record.empty()) {
    record.push_back(std::move(cell));
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

bool parse_number(const std::string& text, double& out) {
  if (text.empty()) {
    out = std::nan("");
    return true;
  }
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE || !std::isfinite(v)) return false;
  out = v;
  return true;
}

CsvFile CsvFile::read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ReportError(path + ": cannot be read");
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw ReportError(path + ": cannot be read");
  return parse(buffer.str(), path);
}

CsvFile CsvFile::parse(const std::string& text, const std::string& name) {
  CsvFile file;
  file.name_ = name;
  auto records = split_records(text, name);
  if (records.empty() || (records.front().size() == 1 && records.front().front().empty())) {
    throw ReportError(name + ": empty file, expected a CSV header");
  }
  file.header_ = std::move(records.front());
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() == 1 && records[r].front().empty()) continue;  // blank line
    if (records[r].size() != file.header_.size()) {
      throw ReportError(name + ": row " + std::to_string(r + 1) + " has " + std::to_string(records[r].size()) +
                        " cells, expected " + std::to_string(file.header_.size()));
    }
    file.rows_.push_back(std::move(records[r]));
  }
  return file;
}

std::size_t CsvFile::find(const std::string& column_name) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == column_name) return i;
  }
  return header_.size();
}

bool CsvFile::has_column(const std::string& column_name) const {
  return find(column_name) < header_.size();
}

std::size_t CsvFile::column(const std::string& column_name) const {
  const std::size_t i = find(column_name);
  if (i == header_.size()) throw ReportError(name_ + ": no column '" + column_name + "'");
  return i;
}

std::size_t CsvFile::column(const output::Column& declared) const {
  const std::size_t i = find(std::string(declared.name));
  if (i == header_.size()) {
    throw ReportError(name_ + ": no column '" + std::string(declared.name) + "' (" + std::string(declared.meaning) +
                      "): the results folder lacks a column gvsim writes; was it written by another version?");
  }
  return i;
}

double CsvFile::number(std::size_t r, std::size_t c) const {
  double v = 0.0;
  if (!parse_number(rows_[r][c], v)) {
    throw ReportError(name_ + ": row " + std::to_string(r + 2) + ", column '" + header_[c] +
                      "': expected a number, got \"" + rows_[r][c] + "\"");
  }
  return v;
}

}  // namespace gvsim::report
