#include "sim/output/columns.hpp"

#include <stdexcept>

namespace gvsim::output {

namespace {

// A layout starts with the keys its heading names; its declared columns follow (CsvLayout::with).
CsvLayout declared_layout(const CsvHeading& heading) {
  CsvLayout layout{heading, {}};
  if (heading.keys != RowKeys::kNone)
    layout.columns = {columns::keys::kScenario, columns::keys::kReplication, columns::keys::kSeed};
  if (heading.keys == RowKeys::kRunAndDay) layout.columns.push_back(columns::keys::kDay);
  return layout;
}

}  // namespace

// Each declaration file expands into one expression: its heading's layout, with its columns in their order there.
#define GVSIM_CSV(file, grain, when, row_keys, note) declared_layout({file, grain, when, row_keys, note})
#define GVSIM_COLUMN(constant, name, unit, meaning, source) .with({name, unit, meaning})

const std::vector<CsvLayout>& result_layouts() {
  static const std::vector<CsvLayout> layouts = {
#include "sim/output/timeseries_columns.def"
      ,
#include "sim/output/summary_columns.def"
      ,
#include "sim/output/region_daily_columns.def"
      ,
#include "sim/output/moderation_columns.def"
      ,
#include "sim/output/kpis_columns.def"
      ,
#include "sim/output/kpis_moderation_columns.def"
      ,
#include "sim/output/promotions_daily_columns.def"
      ,
#include "sim/output/segment_daily_columns.def"
      ,
#include "sim/output/segment_kpis_columns.def"
      ,
#include "sim/output/rivals_daily_columns.def"
  };
  return layouts;
}

#undef GVSIM_COLUMN
#undef GVSIM_CSV

const CsvLayout& layout_of(const CsvHeading& heading) {
  for (const CsvLayout& layout : result_layouts()) {
    if (layout.heading.file == heading.file && layout.heading.when == heading.when) return layout;
  }
  throw std::logic_error("no results layout for " + std::string(heading.file) + " " + std::string(heading.when));
}

std::string columns_markdown() {
  std::string out;
  for (const CsvLayout& layout : result_layouts())
    out += (out.empty() ? "" : "\n") + layout_markdown(layout);
  return out;
}

}  // namespace gvsim::output
