#include "sim/output/rival_tables.hpp"

#include "sim/output/columns.hpp"
#include "sim/output/declared_table.hpp"
#include "sim/output/results_writer.hpp"

namespace gvsim::output {

bool has_rivals(const observe::RunOutcome& outcome) {
  return outcome.market != nullptr && !outcome.market->rivals().names().empty();
}

// Each column declaration (rivals_daily_columns.def) becomes the cell of its column, from its source.
#define GVSIM_CSV(file, grain, when, row_keys, note)
#define GVSIM_COLUMN(constant, name, unit, meaning, source) table.cell(constant, source);

std::string rivals_daily_csv(const model::Scenario& scenario, const observe::RunOutcome& outcome) {
  using namespace columns::rivals;
  DeclaredTable table(layout_of(kCsv));
  const auto& rivals = outcome.market->rivals();
  const auto& names = rivals.names();
  const double scale = scenario.experiment.scale;
  auto scaled = [scale](std::int64_t n) { return static_cast<double>(n) * scale; };
  auto write_row = [&](std::size_t d, std::size_t k, std::size_t r, const users::RivalDay& day) {
    table.row();
    append_run_keys(table, scenario);
    table.cell(columns::keys::kDay, d);
#include "sim/output/rivals_daily_columns.def"
  };
  const users::RivalDay none;
  for (std::size_t d = 0; d < outcome.recorder.day_count(); ++d) {
    for (std::size_t k = 0; k < names.size(); ++k) {
      for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
        const auto& days = rivals.days()[r];
        if (rivals.offered(k, r)) write_row(d, k, r, d < days.size() ? days[d][k] : none);
      }
    }
  }
  return table.str();
}

#undef GVSIM_COLUMN
#undef GVSIM_CSV

}  // namespace gvsim::output
