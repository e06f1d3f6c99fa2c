#include "sim/output/moderation_report.hpp"

#include <cmath>
#include <cstdio>

#include "sim/output/columns.hpp"

namespace gvsim::output {

// Each column declaration (moderation_columns.def, kpis_moderation_columns.def) becomes the cell of its column, from
// its source.
#define GVSIM_CSV(file, grain, when, row_keys, note)
#define GVSIM_COLUMN(constant, name, unit, meaning, source) table.cell(constant, source);

void append_moderation_cells(DeclaredTable& table, const users::RegionDay& region_day, double scale) {
  using namespace columns::moderation;
  const users::ModerationDay& day = region_day.moderation;
  auto scaled = [scale](std::int64_t n) { return static_cast<double>(n) * scale; };
#include "sim/output/moderation_columns.def"
}

void append_moderation_kpi_cells(DeclaredTable& table, const observe::RunOutcome& outcome, std::size_t r,
                                 double scale) {
  using namespace columns::kpis_moderation;
  auto scaled = [scale](std::int64_t n) { return static_cast<double>(n) * scale; };
  const auto& days = outcome.market->days();
  users::ModerationDay t;
  double trust = 0.0;
  for (std::size_t region = 0; region < days.size(); ++region) {
    if (r < days.size() && region != r) continue;
    for (const auto& day : days[region]) {
      const auto& m = day.moderation;
      for (std::size_t c = 0; c < model::kRiskClassCount; ++c) {
        t.class_incidents[c] += m.class_incidents[c];
        t.class_fines_usd[c] += m.class_fines_usd[c];
      }
      t.incidents += m.incidents;
      t.fines_usd += m.fines_usd;
      t.labelled_published += m.labelled_published;
      trust += day.trust_weighted_incidents;
    }
  }
#include "sim/output/kpis_moderation_columns.def"
}

#undef GVSIM_COLUMN
#undef GVSIM_CSV

namespace {
std::string format(const char* pattern, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}
std::string rate(double part, double whole) {
  return whole > 0.0 ? format("%.2f %%", 100.0 * part / whole) : "-";
}
std::string column(const std::string& text, std::size_t width) {
  return text.size() >= width ? text + " " : text + std::string(width - text.size(), ' ');
}
}  // namespace

std::string moderation_report(const model::Scenario& scenario, const observe::RunOutcome& outcome) {
  const double scale = scenario.experiment.scale;
  std::string out = "moderation (" + scenario.experiment.policies.moderation.name +
                    "; real-world counts over the run; rates are of prompts checked):\n";
  out += "  " + column("region", 22) + column("prompts", 10) + column("FP rate", 9) + column("TP rate", 9) +
         column("blocked", 10) + column("benign", 10) + column("harmful out", 12) + column("incidents", 10) +
         column("fines", 12) + column("suspended d", 12) + "review\n";
  const auto& days = outcome.market->days();
  users::ModerationDay all;
  double all_suspended = 0.0;
  for (std::size_t r = 0; r <= days.size(); ++r) {
    users::ModerationDay sum;
    double suspended = 0.0;
    if (r < days.size()) {
      for (const auto& day : days[r]) {
        const auto& m = day.moderation;
        for (auto [total, value] : {std::pair{&sum.prompt_tp, m.prompt_tp},
                                    {&sum.prompt_fp, m.prompt_fp},
                                    {&sum.prompt_tn, m.prompt_tn},
                                    {&sum.prompt_fn, m.prompt_fn},
                                    {&sum.jobs_blocked_prompt, m.jobs_blocked_prompt + m.jobs_blocked_video},
                                    {&sum.blocked_benign, m.blocked_benign},
                                    {&sum.harmful_published, m.harmful_published},
                                    {&sum.incidents, m.incidents}}) {
          *total += value;
        }
        sum.fines_usd += m.fines_usd;
        sum.review_usd += m.review_usd;
        suspended += m.suspended ? 1.0 : 0.0;
      }
      for (auto [total, value] : {std::pair{&all.prompt_tp, sum.prompt_tp},
                                  {&all.prompt_fp, sum.prompt_fp},
                                  {&all.prompt_tn, sum.prompt_tn},
                                  {&all.prompt_fn, sum.prompt_fn},
                                  {&all.jobs_blocked_prompt, sum.jobs_blocked_prompt},
                                  {&all.blocked_benign, sum.blocked_benign},
                                  {&all.harmful_published, sum.harmful_published},
                                  {&all.incidents, sum.incidents}}) {
        *total += value;
      }
      all.fines_usd += sum.fines_usd;
      all.review_usd += sum.review_usd;
      all_suspended += suspended;
    } else {
      sum = all;
      suspended = all_suspended;
    }
    const auto n = [scale](std::int64_t v) { return format("%.0f", static_cast<double>(v) * scale); };
    const double benign = static_cast<double>(sum.prompt_fp + sum.prompt_tn);
    const double harmful = static_cast<double>(sum.prompt_tp + sum.prompt_fn);
    out += "  " + column(r < days.size() ? scenario.regions[r].name : "all", 22) +
           column(n(sum.prompt_tp + sum.prompt_fp + sum.prompt_tn + sum.prompt_fn), 10) +
           column(rate(static_cast<double>(sum.prompt_fp), benign), 9) +
           column(rate(static_cast<double>(sum.prompt_tp), harmful), 9) + column(n(sum.jobs_blocked_prompt), 10) +
           column(n(sum.blocked_benign), 10) + column(n(sum.harmful_published), 12) +
           column(format("%.0f", static_cast<double>(sum.incidents)), 10) + column(format("$%.0f", sum.fines_usd), 12) +
           column(format("%.0f", suspended), 12) + format("$%.0f", sum.review_usd * scale) + "\n";
  }
  return out;
}

}  // namespace gvsim::output
