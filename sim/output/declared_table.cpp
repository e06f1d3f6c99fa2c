#include "sim/output/declared_table.hpp"

#include <stdexcept>

namespace gvsim::output {

DeclaredTable::DeclaredTable(const CsvLayout& layout)
    : file_(layout.heading.file), columns_(layout.columns), table_(layout.names()) {}

void DeclaredTable::add_columns(const CsvLayout& block) {
  if (rows_ > 0) throw std::logic_error(file_ + ": columns added after the first row");
  columns_.insert(columns_.end(), block.columns.begin(), block.columns.end());
  table_.add_columns(block.names());
}

void DeclaredTable::require_complete() const {
  if (rows_ > 0 && filled_ != columns_.size()) {
    throw std::logic_error(file_ + ": row " + std::to_string(rows_) + " has " + std::to_string(filled_) +
                           " cells for " + std::to_string(columns_.size()) + " declared columns");
  }
}

DeclaredTable& DeclaredTable::row() {
  require_complete();
  table_.row();
  ++rows_;
  filled_ = 0;
  return *this;
}

void DeclaredTable::expect(const Column& column) {
  if (rows_ == 0) throw std::logic_error(file_ + ": cell '" + std::string(column.name) + "' before the first row");
  if (filled_ >= columns_.size()) {
    throw std::logic_error(file_ + ": row " + std::to_string(rows_) + " has a cell '" + std::string(column.name) +
                           "' beyond the " + std::to_string(columns_.size()) + " declared columns");
  }
  if (columns_[filled_].name != column.name) {
    throw std::logic_error(file_ + ": row " + std::to_string(rows_) + ", cell " + std::to_string(filled_ + 1) +
                           " is '" + std::string(column.name) + "' where column '" +
                           std::string(columns_[filled_].name) + "' is declared");
  }
  ++filled_;
}

DeclaredTable& DeclaredTable::cell(const Column& column, const std::string& text) {
  expect(column);
  table_.cell(text);
  return *this;
}

DeclaredTable& DeclaredTable::cell(const Column& column, double value) {
  expect(column);
  table_.cell(value);
  return *this;
}

std::string DeclaredTable::str() const {
  require_complete();
  return table_.str();
}

}  // namespace gvsim::output
