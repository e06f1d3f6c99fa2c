#include "sim/output/economics_tables.hpp"

#include <cmath>

#include "sim/output/columns.hpp"
#include "sim/output/declared_table.hpp"
#include "sim/output/moderation_report.hpp"
#include "sim/output/results_writer.hpp"

namespace gvsim::output {

namespace {
double ratio(double a, double b) {
  return b > 0.0 ? a / b : std::nan("");
}
/// A day index, or an empty cell for -1 (never).
double day_or_empty(int day) {
  return day >= 0 ? static_cast<double>(day) : std::nan("");
}
}  // namespace

// The writers expand each column declaration (*_columns.def) into the cell of a row: a column and its source.
#define GVSIM_CSV(file, grain, when, row_keys, note)
#define GVSIM_COLUMN(constant, name, unit, meaning, source) table.cell(constant, source);

std::string region_daily_csv(const model::Scenario& scenario, const observe::RunOutcome& outcome,
                             const economics::Ledger& ledger, const economics::ParentBooks& parent_books) {
  using namespace columns::region_daily;
  DeclaredTable table(layout_of(kCsv));
  // Moderation columns only when a moderation policy is active, so runs without one keep their exact output.
  const bool moderated = outcome.market->moderation() != nullptr;
  if (moderated) table.add_columns(layout_of(columns::moderation::kCsv));
  const double scale = scenario.experiment.scale;
  auto scaled = [scale](std::int64_t n) { return static_cast<double>(n) * scale; };
  for (std::size_t d = 0; d < outcome.recorder.day_count(); ++d) {
    for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
      const auto& day = outcome.market->days()[r][d];
      const auto& money = ledger[r][d];
      const auto& latency = outcome.latency.day(r, d);
      const auto& parent = parent_books.days[r][d];
      table.row();
      append_run_keys(table, scenario);
      table.cell(columns::keys::kDay, d);
#include "sim/output/region_daily_columns.def"
      if (moderated) append_moderation_cells(table, day, scale);
    }
  }
  return table.str();
}

std::string kpis_csv(const model::Scenario& scenario, const economics::RunBooks& books,
                     const observe::RunOutcome& outcome) {
  using namespace columns::kpis;
  DeclaredTable table(layout_of(kCsv));
  const bool moderated = outcome.market->moderation() != nullptr;
  if (moderated) table.add_columns(layout_of(columns::kpis_moderation::kCsv));
  for (std::size_t r = 0; r < books.kpis.size(); ++r) {
    const auto& k = books.kpis[r];
    const auto& p = books.parent.kpis[r];
    table.row();
    append_run_keys(table, scenario);
#include "sim/output/kpis_columns.def"
    if (moderated) append_moderation_kpi_cells(table, outcome, r, scenario.experiment.scale);
  }
  return table.str();
}

#undef GVSIM_COLUMN
#undef GVSIM_CSV

}  // namespace gvsim::output
