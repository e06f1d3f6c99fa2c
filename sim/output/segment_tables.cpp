#include "sim/output/segment_tables.hpp"

#include "sim/output/columns.hpp"
#include "sim/output/declared_table.hpp"
#include "sim/output/results_writer.hpp"

namespace gvsim::output {

namespace {

/// Name of segment g, or of the enterprise contracts' row after the last segment.
std::string segment_name(const model::Scenario& scenario, std::size_t g) {
  const auto& segments = scenario.experiment.workload.users.segments;
  return g < segments.size() ? segments[g].name : economics::SegmentBooks::kContractSegment;
}

/// Segment name and tier name of a cell.
struct CellNames {
  std::string segment;
  std::string tier;
};

CellNames names_of(const model::Scenario& scenario, std::size_t cell) {
  const auto tier = static_cast<users::SegmentTier>(cell % users::kSegmentTiers);
  return {segment_name(scenario, cell / users::kSegmentTiers), users::tier_name(tier)};
}

bool paid_cell(std::size_t cell) {
  return cell % users::kSegmentTiers == static_cast<std::size_t>(users::SegmentTier::kPaid);
}

/// The row of idle capacity: only its compute cost.
economics::SegmentRow idle_row(double usd) {
  economics::SegmentRow row;
  row.compute_usd = usd;
  return row;
}

}  // namespace

// The writers expand each column declaration (*_columns.def) into the cell of a row: a column and its source.
#define GVSIM_CSV(file, grain, when, row_keys, note)
#define GVSIM_COLUMN(constant, name, unit, meaning, source) table.cell(constant, source);

std::string segment_daily_csv(const model::Scenario& scenario, const economics::SegmentBooks& books) {
  using namespace columns::segment_daily;
  DeclaredTable table(layout_of(kCsv));
  const std::size_t days = books.rows.empty() ? 0 : books.rows.front().size();
  auto write = [&](std::size_t d, std::size_t r, const std::string& segment, const std::string& tier,
                   const economics::SegmentRow& row) {
    table.row();
    append_run_keys(table, scenario);
    table.cell(columns::keys::kDay, d);
#include "sim/output/segment_daily_columns.def"
  };
  for (std::size_t d = 0; d < days; ++d) {
    for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
      for (std::size_t g = 0; g <= scenario.experiment.workload.users.segments.size(); ++g) {
        for (std::size_t cell : economics::SegmentBooks::tiers_of(scenario, g)) {
          const CellNames names = names_of(scenario, cell);
          write(d, r, names.segment, names.tier, books.rows[r][d][cell]);
        }
      }
      if (books.idle_compute_usd[r][d] > 0.0) write(d, r, "-", "idle", idle_row(books.idle_compute_usd[r][d]));
    }
  }
  return table.str();
}

std::string segment_kpis_csv(const model::Scenario& scenario, const economics::SegmentBooks& books) {
  using namespace columns::segment_kpis;
  DeclaredTable table(layout_of(kCsv));
  auto write = [&](const std::string& region, const std::string& segment, const std::string& tier, bool paid,
                   const economics::SegmentRow& row) {
    table.row();
    append_run_keys(table, scenario);
#include "sim/output/segment_kpis_columns.def"
  };
  const std::size_t regions = scenario.regions.size();
  for (std::size_t r = 0; r <= regions; ++r) {
    const std::string region = r < regions ? scenario.regions[r].name : std::string("all");
    for (std::size_t g = 0; g <= scenario.experiment.workload.users.segments.size(); ++g) {
      const auto cells = economics::SegmentBooks::tiers_of(scenario, g);
      if (cells.empty()) continue;  // no enterprise contracts
      economics::SegmentRow all;
      for (std::size_t cell : cells) {
        const economics::SegmentRow row = books.run(r, cell);
        const CellNames names = names_of(scenario, cell);
        write(region, names.segment, names.tier, paid_cell(cell), row);
        all.add_beside(row);
      }
      write(region, segment_name(scenario, g), "all", false, all);
    }
    const double idle = books.run_idle_usd(r);
    if (idle > 0.0) write(region, "-", "idle", false, idle_row(idle));
  }
  return table.str();
}

#undef GVSIM_COLUMN
#undef GVSIM_CSV

}  // namespace gvsim::output
