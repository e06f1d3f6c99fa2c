#include "sim/output/policy_tables.hpp"

#include <algorithm>

#include "sim/output/columns.hpp"
#include "sim/output/declared_table.hpp"
#include "sim/output/results_writer.hpp"

namespace gvsim::output {

bool has_promotions(const model::Scenario& scenario, const observe::RunOutcome& outcome) {
  return outcome.market != nullptr && !scenario.experiment.policies.pricing.promotions.empty();
}

// Each column declaration (promotions_daily_columns.def) becomes the cell of its column, from its source.
#define GVSIM_CSV(file, grain, when, row_keys, note)
#define GVSIM_COLUMN(constant, name, unit, meaning, source) table.cell(constant, source);

std::string promotions_daily_csv(const model::Scenario& scenario, const observe::RunOutcome& outcome) {
  using namespace columns::promotions;
  DeclaredTable table(layout_of(kCsv));
  const auto& promotions = outcome.market->policies().pricing().promotions();
  const auto& tallies = outcome.market->policies().promotion_days();
  const double scale = scenario.experiment.scale;
  auto scaled = [scale](std::int64_t n) { return static_cast<double>(n) * scale; };
  for (std::size_t d = 0; d < outcome.recorder.day_count(); ++d) {
    for (std::size_t p = 0; p < promotions.size(); ++p) {
      for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
        const auto& only = promotions[p].regions;
        if (!only.empty() && std::find(only.begin(), only.end(), r) == only.end()) continue;
        const auto& days = tallies[p][r];
        const users::PromotionDay day = d < days.size() ? days[d] : users::PromotionDay{};
        table.row();
        append_run_keys(table, scenario);
        table.cell(columns::keys::kDay, d);
#include "sim/output/promotions_daily_columns.def"
      }
    }
  }
  return table.str();
}

#undef GVSIM_COLUMN
#undef GVSIM_CSV

}  // namespace gvsim::output
