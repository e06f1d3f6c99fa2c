#pragma once

#include <string>
#include <vector>

#include "sim/output/csv_layout.hpp"

// The columns of every results CSV file, as constants expanded from their declarations (*_columns.def). Counts and
// GPU figures of timeseries.csv and summary.csv are the simulated platform's own (not multiplied by `scale`); those
// of the users-mode files (region_daily.csv, kpis.csv, promotions_daily.csv) are real-world equivalents unless a
// unit says otherwise.
namespace gvsim::output::columns {

/// The run's keys that start every row of every results table.
namespace keys {
inline constexpr Column kScenario{"scenario", "", "experiment name"};
inline constexpr Column kReplication{"replication", "", "replication index"};
inline constexpr Column kSeed{"seed", "", "master seed"};
inline constexpr Column kDay{"day", "", "day index from 0; the last day may be partial if the horizon is fractional"};
}  // namespace keys

// Each file's heading becomes kCsv, each column a constant named as declared.
#define GVSIM_CSV(file, grain, when, row_keys, note) \
  inline constexpr CsvHeading kCsv{file, grain, when, row_keys, note};
#define GVSIM_COLUMN(constant, name, unit, meaning, source) inline constexpr Column constant{name, unit, meaning};

/// timeseries.csv: one row per simulated day x GPU cluster.
namespace timeseries {
#include "sim/output/timeseries_columns.def"
}  // namespace timeseries

/// summary.csv: one row per run.
namespace summary {
#include "sim/output/summary_columns.def"
}  // namespace summary

/// region_daily.csv (users mode): one row per simulated day x region.
namespace region_daily {
#include "sim/output/region_daily_columns.def"
}  // namespace region_daily

/// Appended to region_daily.csv when a moderation policy is active.
namespace moderation {
#include "sim/output/moderation_columns.def"
}  // namespace moderation

/// kpis.csv (users mode): one row per user region, then `all`.
namespace kpis {
#include "sim/output/kpis_columns.def"
}  // namespace kpis

/// Appended to kpis.csv when a moderation policy is active.
namespace kpis_moderation {
#include "sim/output/kpis_moderation_columns.def"
}  // namespace kpis_moderation

/// promotions_daily.csv: one row per simulated day x promotion x region it applies in.
namespace promotions {
#include "sim/output/promotions_daily_columns.def"
}  // namespace promotions

/// segment_daily.csv (users mode): one row per simulated day x region x segment x tier.
namespace segment_daily {
#include "sim/output/segment_daily_columns.def"
}  // namespace segment_daily

/// segment_kpis.csv (users mode): one row per region (then `all`) x segment x tier.
namespace segment_kpis {
#include "sim/output/segment_kpis_columns.def"
}  // namespace segment_kpis
/// rivals_daily.csv: one row per simulated day x rival x region it is offered in.
namespace rivals {
#include "sim/output/rivals_daily_columns.def"
}  // namespace rivals

#undef GVSIM_COLUMN
#undef GVSIM_CSV

}  // namespace gvsim::output::columns

namespace gvsim::output {

/// @brief Every results CSV layout a run can write, in the order the files are written (an appended block after
/// its file).
const std::vector<CsvLayout>& result_layouts();

/// @brief The layout of the file (or appended block) with heading `heading` (a `kCsv` of columns.hpp).
const CsvLayout& layout_of(const CsvHeading& heading);

/// @brief The reference of every results CSV file as Markdown (what `gvsim columns` prints and results/README.md
/// holds between its columns markers).
std::string columns_markdown();

}  // namespace gvsim::output
