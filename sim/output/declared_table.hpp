#pragma once

#include <concepts>
#include <string>
#include <vector>

#include "sim/output/csv_layout.hpp"
#include "sim/output/csv_table.hpp"

namespace gvsim::output {

/// @brief A results CSV table whose header is a declared CsvLayout. Every cell names its column; a cell whose column
/// is not the next declared one, or a row with too few or too many cells, throws std::logic_error, so a writer
/// cannot drift from the declaration (and from the documentation generated from it). Numbers are printed as
/// CsvTable prints them.
class DeclaredTable {
 public:
  /// @brief A table with the columns of `layout`.
  explicit DeclaredTable(const CsvLayout& layout);
  /// @brief Appends a declared block of columns (e.g. moderation) to the header; only before the first row.
  void add_columns(const CsvLayout& block);
  /// @brief Starts a new row; throws when the previous one lacks cells.
  DeclaredTable& row();
  /// @brief Appends a text cell to column `column`, which must be the next declared column.
  DeclaredTable& cell(const Column& column, const std::string& text);
  /// @brief Appends a real number (empty when not finite) to column `column`, which must be the next declared one.
  DeclaredTable& cell(const Column& column, double value);
  /// @brief Appends an integer (0/1 for a bool) to column `column`, which must be the next declared one.
  template <std::integral T>
  DeclaredTable& cell(const Column& column, T value) {
    expect(column);
    table_.cell(static_cast<long long>(value));
    return *this;
  }
  /// @brief The table as CSV text; throws when the last row lacks cells.
  std::string str() const;

 private:
  void expect(const Column& column);
  void require_complete() const;

  std::string file_;
  std::vector<Column> columns_;
  CsvTable table_;
  std::size_t rows_ = 0;
  std::size_t filled_ = 0;  // cells of the current row
};

}  // namespace gvsim::output
