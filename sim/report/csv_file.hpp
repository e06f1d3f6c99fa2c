#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/output/csv_layout.hpp"

namespace gvsim::report {

/// @brief A CSV file read whole: a header and rows of text cells (RFC 4180 quoting).
class CsvFile {
 public:
  /// @brief Reads and parses `path`; throws ReportError naming the file when it is missing or malformed.
  static CsvFile read(const std::string& path);
  /// @brief Parses CSV text; `name` is used in error messages.
  static CsvFile parse(const std::string& text, const std::string& name);

  /// @brief Index of column `name`; throws ReportError when the file has no such column.
  std::size_t column(const std::string& name) const;
  /// @brief Index of the declared results column `column`; throws ReportError naming the file and the column when
  /// the file lacks it.
  std::size_t column(const output::Column& column) const;
  /// @brief True when the header has column `name`.
  bool has_column(const std::string& name) const;
  /// @brief True when the header has the declared results column `column`.
  bool has_column(const output::Column& column) const { return has_column(std::string(column.name)); }
  /// @brief Number of data rows.
  std::size_t size() const { return rows_.size(); }
  /// @brief Cell text of row `r`, column `c`.
  const std::string& at(std::size_t r, std::size_t c) const { return rows_[r][c]; }
  /// @brief Cell of row `r`, column `c` as a number: NaN when empty; throws ReportError when not a number.
  double number(std::size_t r, std::size_t c) const;
  /// @brief The file name given when reading.
  const std::string& name() const { return name_; }

 private:
  std::size_t find(const std::string& column_name) const;  // header size when absent

  std::string name_;
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

/// @brief Parses the whole of `text` as a finite or empty number; false when it is not one.
bool parse_number(const std::string& text, double& out);

}  // namespace gvsim::report
