#include "sim/output/csv_layout.hpp"

namespace gvsim::output {

CsvLayout& CsvLayout::with(const Column& column) {
  columns.push_back(column);
  return *this;
}

std::vector<std::string> CsvLayout::names() const {
  std::vector<std::string> out;
  out.reserve(columns.size());
  for (const Column& c : columns)
    out.emplace_back(c.name);
  return out;
}

std::string layout_markdown(const CsvLayout& layout) {
  const CsvHeading& h = layout.heading;
  std::string out = layout.appended() ? "### " + std::string(h.file) + ", " + std::string(h.when)
                                      : "## " + std::string(h.file) + ": one row per " + std::string(h.grain);
  if (!layout.appended() && !h.when.empty()) out += " (" + std::string(h.when) + ")";
  out += "\n\n";
  if (!h.note.empty()) out += std::string(h.note) + "\n\n";
  out += "| column | unit | meaning |\n|---|---|---|\n";
  for (const Column& c : layout.columns)
    out += "| " + std::string(c.name) + " | " + std::string(c.unit) + " | " + std::string(c.meaning) + " |\n";
  return out;
}

}  // namespace gvsim::output
