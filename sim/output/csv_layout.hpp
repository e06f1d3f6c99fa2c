#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gvsim::output {

/// @brief One column of a results CSV file: its header name, unit and meaning.
///
/// Columns are declared once, in the *_columns.def files: columns.hpp expands them into `inline constexpr`
/// constants, columns.cpp into the layouts, and each writer into the cells of its rows.
struct Column {
  std::string_view name;
  std::string_view unit;  ///< empty for keys and names; counts say whether they are simulated or real-world
  std::string_view meaning;
};

/// @brief The keys a results table's rows start with.
enum class RowKeys {
  kRunAndDay,  ///< scenario, replication, seed, day
  kRun,        ///< scenario, replication, seed
  kNone,       ///< none: a block of columns appended to those of another layout of the same file
};

/// @brief What a results CSV file (or a block appended to one) holds, apart from its columns.
struct CsvHeading {
  std::string_view file;   ///< e.g. "timeseries.csv"
  std::string_view grain;  ///< what one row stands for, e.g. "simulated day x GPU cluster"
  std::string_view when;   ///< when the file (or block) is written; empty: every run
  RowKeys keys = RowKeys::kRun;
  std::string_view note;  ///< conventions shared by the columns, printed above the table; may be empty
};

/// @brief The declared columns of a results CSV file, or of a block appended to one, in header order.
struct CsvLayout {
  CsvHeading heading;
  std::vector<Column> columns;  ///< the keys the heading names, then the declared columns

  /// @brief Appends a declared column; returns the layout.
  CsvLayout& with(const Column& column);
  /// @brief True for a block appended to the columns of another layout of the same file.
  bool appended() const { return heading.keys == RowKeys::kNone; }
  /// @brief The header names, in order.
  std::vector<std::string> names() const;
};

/// @brief The layout as Markdown: a heading with the file, its grain and when it is written, the note, and a
/// table of column, unit and meaning.
std::string layout_markdown(const CsvLayout& layout);

}  // namespace gvsim::output
