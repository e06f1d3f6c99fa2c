#include "sim/output/results_writer.hpp"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "gvsim/version.hpp"
#include "sim/config/json_dumper.hpp"
#include "sim/economics/books.hpp"
#include "sim/output/columns.hpp"
#include "sim/output/declared_table.hpp"
#include "sim/output/economics_tables.hpp"
#include "sim/output/policy_tables.hpp"
#include "sim/output/rival_tables.hpp"
#include "sim/output/run_summary.hpp"
#include "sim/output/segment_tables.hpp"
#include "sim/rng/random_stream.hpp"

namespace gvsim::output {

namespace {

using Json = nlohmann::ordered_json;

}  // namespace

void append_run_keys(DeclaredTable& table, const model::Scenario& scenario) {
  const auto& e = scenario.experiment;
  table.cell(columns::keys::kScenario, e.name)
      .cell(columns::keys::kReplication, e.replication)
      .cell(columns::keys::kSeed, e.seed);
}

// The writers expand each column declaration (*_columns.def) into the cell of a row: a column and its source.
#define GVSIM_CSV(file, grain, when, row_keys, note)
#define GVSIM_COLUMN(constant, name, unit, meaning, source) table.cell(constant, source);

std::string timeseries_csv(const model::Scenario& scenario, const observe::RunOutcome& outcome) {
  using namespace columns::timeseries;
  DeclaredTable table(layout_of(kCsv));
  const auto& recorder = outcome.recorder;
  for (std::size_t d = 0; d < recorder.day_count(); ++d) {
    const double day_s = recorder.day_length_s(d);
    for (std::size_t c = 0; c < outcome.clusters.size(); ++c) {
      const auto& info = outcome.clusters[c];
      const auto& day = recorder.clusters()[c].days[d];
      std::vector<double> waits = day.waits_s;
      table.row();
      append_run_keys(table, scenario);
      table.cell(columns::keys::kDay, d);
#include "sim/output/timeseries_columns.def"
    }
  }
  return table.str();
}

std::string summary_csv(const model::Scenario& scenario, const observe::RunOutcome& outcome) {
  using namespace columns::summary;
  DeclaredTable table(layout_of(kCsv));
  std::vector<std::size_t> all(outcome.clusters.size());
  for (std::size_t c = 0; c < all.size(); ++c)
    all[c] = c;
  const GroupSummary s = summarize(outcome, all, "all");
  table.row();
  append_run_keys(table, scenario);
#include "sim/output/summary_columns.def"
  return table.str();
}

#undef GVSIM_COLUMN
#undef GVSIM_CSV

std::string resolved_config_json(const model::Scenario& scenario) {
  model::Scenario copy = scenario;  // the dumper visits through non-const references
  Json root = Json::object();
  Json experiment = Json::object();
  config::JsonDumper experiment_dumper(experiment);
  describe(experiment_dumper, copy.experiment);
  root["experiment"] = std::move(experiment);
  Json regions = Json::object();
  for (auto& region : copy.regions) {
    Json entry = Json::object();
    config::JsonDumper dumper(entry);
    describe(dumper, region);
    regions[region.name] = std::move(entry);
  }
  root["regions"] = std::move(regions);
  Json gpus = Json::object();
  model::GpuCatalog catalog{copy.gpus};
  config::JsonDumper gpu_dumper(gpus);
  describe(gpu_dumper, catalog);
  root["gpus"] = std::move(gpus["gpus"]);
  Json links = Json::object();
  model::WanCatalog wan{copy.links};
  config::JsonDumper link_dumper(links);
  describe(link_dumper, wan);
  root["links"] = std::move(links["links"]);
  Json video_models = Json::object();
  model::VideoModelCatalog video_catalog{copy.video_models};
  config::JsonDumper video_dumper(video_models);
  describe(video_dumper, video_catalog);
  root["video_models"] = std::move(video_models["video_models"]);
  return root.dump(2);
}

std::string config_hash(const model::Scenario& scenario) {
  const std::string text = resolved_config_json(scenario) + "\nseed=" + std::to_string(scenario.experiment.seed) +
                           "\nreplication=" + std::to_string(scenario.experiment.replication) + "\n";
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, rng::fnv1a64(text));
  return hex;
}

WrittenResults write_results(ResultsFolder& folder, const model::Scenario& scenario, const observe::RunOutcome& outcome,
                             const RunInfo& info, const economics::RunBooks* books) {
  std::vector<std::pair<std::string, std::string>> files = {{"timeseries.csv", timeseries_csv(scenario, outcome)},
                                                            {"summary.csv", summary_csv(scenario, outcome)}};
  if (outcome.market != nullptr) {
    if (books == nullptr) throw std::logic_error("write_results: a users-mode run needs its books");
    files.emplace_back("region_daily.csv", region_daily_csv(scenario, outcome, books->ledger, books->parent));
    files.emplace_back("kpis.csv", kpis_csv(scenario, *books, outcome));
  }
  if (has_promotions(scenario, outcome))
    files.emplace_back("promotions_daily.csv", promotions_daily_csv(scenario, outcome));
  if (outcome.market != nullptr) {
    const economics::SegmentBooks segments = economics::build_segment_books(scenario, outcome);
    files.emplace_back("segment_daily.csv", segment_daily_csv(scenario, segments));
    files.emplace_back("segment_kpis.csv", segment_kpis_csv(scenario, segments));
  }
  if (has_rivals(outcome)) files.emplace_back("rivals_daily.csv", rivals_daily_csv(scenario, outcome));
  std::string all_bytes;
  std::vector<std::string> names;
  for (const auto& [name, content] : files) {
    all_bytes += content;
    names.push_back(name);
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016" PRIx64, rng::fnv1a64(all_bytes));
  for (const auto& [name, content] : files)
    folder.write(name, content);

  std::int64_t arrived = 0;
  std::int64_t completed = 0;
  for (const auto& c : outcome.recorder.clusters()) {
    arrived += c.arrived;
    completed += c.completed;
  }
  Json manifest = Json::object();
  manifest["gvsim_version"] = kVersion;
  manifest["git_commit"] = kGitCommit;
  manifest["experiment_file"] = scenario.experiment_file;
  manifest["scenario"] = scenario.experiment.name;
  manifest["seed"] = scenario.experiment.seed;
  manifest["replication"] = scenario.experiment.replication;
  manifest["overrides"] = info.overrides;
  manifest["wall_time_s"] = info.wall_time_s;
  manifest["events"] = outcome.events;
  manifest["jobs_arrived"] = arrived;
  manifest["jobs_completed"] = completed;
  manifest["files"] = names;
  if (outcome.market != nullptr) {
    manifest["scale"] = scenario.experiment.scale;
    manifest["simulated_users"] = outcome.market->table().size();
    manifest["user_table_bytes"] = outcome.market->table().bytes();
    Json entry = Json::object();  // day each region opened; null if it had not by the horizon
    for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
      const double day = outcome.market->entry_day(r);
      entry[scenario.regions[r].name] = std::isnan(day) ? Json(nullptr) : Json(day);
    }
    manifest["entry_day"] = std::move(entry);
  }
  manifest["fingerprint"] = hex;
  manifest["config_hash"] = config_hash(scenario);
  manifest["resolved_config"] = Json::parse(resolved_config_json(scenario));
  folder.write("manifest.json", manifest.dump(2) + "\n");
  folder.commit();
  return WrittenResults{folder.directory(), hex, names};
}

}  // namespace gvsim::output
