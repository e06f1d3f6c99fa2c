#pragma once

#include <string>
#include <vector>

namespace gvsim::output {

/// @brief A tidy CSV table with a fixed header; numbers are printed with round-trip precision.
class CsvTable {
 public:
  /// @brief A table with these column names.
  explicit CsvTable(std::vector<std::string> columns);
  /// @brief Appends columns to the header; only before the first row.
  void add_columns(const std::vector<std::string>& columns);
  /// @brief Starts a new row; cells are then appended in column order.
  CsvTable& row();
  /// @brief Appends a text cell (quoted when needed).
  CsvTable& cell(const std::string& text);
  /// @brief Appends a real number; non-finite values are written as empty cells.
  CsvTable& cell(double value);
  /// @brief Appends an integer.
  CsvTable& cell(long long value);
  /// @brief The table as CSV text; throws if a row has the wrong number of cells.
  std::string str() const;

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<std::string>> rows_;
};

/// @brief Shortest decimal text that reads back as the same double ("%.17g" trimmed).
std::string format_number(double value);

}  // namespace gvsim::output
