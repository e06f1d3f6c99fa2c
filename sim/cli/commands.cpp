#include "sim/cli/commands.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>

#include "sim/cli/run_progress.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/config/schema_collector.hpp"
#include "sim/economics/books.hpp"
#include "sim/engine/job_source.hpp"
#include "sim/model/cluster_index.hpp"
#include "sim/model/region_graph.hpp"
#include "sim/observe/small_cluster_check.hpp"
#include "sim/output/columns.hpp"
#include "sim/output/moderation_report.hpp"
#include "sim/output/results_writer.hpp"
#include "sim/output/run_summary.hpp"
#include "sim/output/verdict_report.hpp"
#include "sim/study/study_plan.hpp"

namespace gvsim::cli {

namespace {

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string padded(const std::string& text, std::size_t width) {
  return text.size() >= width ? text + " " : text + std::string(width - text.size(), ' ');
}

std::string seconds(double s) {
  return std::isfinite(s) ? fixed(s, 1) + " s" : "-";
}

std::string percent(double share) {
  return std::isfinite(share) ? fixed(100.0 * share, 1) + " %" : "-";
}

void print_region_table(const std::vector<output::GroupSummary>& groups) {
  std::printf("  %s%s%s%s%s%s\n", padded("region", 22).c_str(), padded("GPUs", 7).c_str(), padded("jobs", 10).c_str(),
              padded("mean wait", 12).c_str(), padded("p95 wait", 12).c_str(), "utilisation");
  for (const auto& g : groups) {
    std::printf("  %s%s%s%s%s%s\n", padded(g.name, 22).c_str(), padded(std::to_string(g.gpus), 7).c_str(),
                padded(std::to_string(g.jobs_arrived), 10).c_str(), padded(seconds(g.mean_wait_s), 12).c_str(),
                padded(seconds(g.p95_wait_s), 12).c_str(), percent(g.utilisation).c_str());
  }
}

std::string money(double usd) {
  if (!std::isfinite(usd)) return "-";
  const double magnitude = std::fabs(usd);
  if (magnitude >= 1e9) return fixed(usd / 1e9, 2) + "B";
  if (magnitude >= 1e6) return fixed(usd / 1e6, 2) + "M";
  if (magnitude >= 1e3) return fixed(usd / 1e3, 1) + "k";
  return fixed(usd, 2);
}

void print_kpi_table(const model::Scenario& scenario, const economics::RunBooks& books) {
  std::printf("users and unit economics (real-world equivalents, scale %s; last 30 days for rates):\n",
              fixed(scenario.experiment.scale, 0).c_str());
  std::printf("  %s%s%s%s%s%s%s%s%s\n", padded("region", 22).c_str(), padded("adopted", 10).c_str(),
              padded("paying", 9).c_str(), padded("conv.", 8).c_str(), padded("churn/mo", 10).c_str(),
              padded("ARPPU/mo", 10).c_str(), padded("ARR", 10).c_str(), padded("cost/clip", 11).c_str(), "margin");
  for (std::size_t r = 0; r < books.kpis.size(); ++r) {
    const auto& k = books.kpis[r];
    std::printf("  %s%s%s%s%s%s%s%s%s\n",
                padded(r < scenario.regions.size() ? scenario.regions[r].name : "all", 22).c_str(),
                padded(money(k.users_adopted), 10).c_str(), padded(money(k.users_paid_end), 9).c_str(),
                padded(percent(k.conversion), 8).c_str(), padded(percent(k.paid_churn_month), 10).c_str(),
                padded("$" + money(k.arppu_usd_month), 10).c_str(), padded("$" + money(k.arr_usd), 10).c_str(),
                padded("$" + money(k.cost_per_generation_usd), 11).c_str(), percent(k.gross_margin).c_str());
  }
  // The whole run beside the last 30 days: a thin recent margin can sit on a deep cumulative loss.
  const auto& all = books.kpis.back();
  const auto cash = economics::cash_curve(economics::platform_daily_profit(books.ledger));
  std::printf(
      "whole run (%s days, all regions, real-world USD): net revenue $%s, costs $%s, profit $%s, margin %s "
      "(last 30 days: %s)\n",
      fixed(scenario.experiment.horizon_days, 0).c_str(), money(all.revenue_net_usd).c_str(),
      money(all.cost_usd).c_str(), money(cash.final_usd).c_str(), percent(all.gross_margin_run).c_str(),
      percent(all.gross_margin).c_str());
  std::printf(
      "cumulative cash: lowest $%s%s; break-even: %s\n", money(cash.minimum_usd).c_str(),
      cash.minimum_day >= 0 ? (" on day " + std::to_string(cash.minimum_day)).c_str() : "",
      cash.break_even_day >= 0 ? ("day " + std::to_string(cash.break_even_day)).c_str() : "not reached by the horizon");
}

std::vector<std::string> region_names(const model::Scenario& scenario) {
  std::vector<std::string> names;
  for (const auto& r : scenario.regions)
    names.push_back(r.name);
  return names;
}

void print_offered_load(const model::Scenario& scenario, const model::RegionGraph& graph, double capacity) {
  double offered = 0.0;
  for (const auto& load : scenario.experiment.workload.synthetic) {
    engine::JobSource source(load, scenario.experiment.workload.clip_classes, 0, 0);
    const double busy = source.rate_per_s() * source.mean_work_s();
    offered += busy;
    const std::size_t r = model::region_index(scenario, load.region.name);
    std::printf("  %s: %s jobs/h x %s GPU-s = %s busy GPUs; may use %zu region(s)\n", load.region.name.c_str(),
                fixed(load.arrivals.rate_per_hour, 1).c_str(), fixed(source.mean_work_s(), 1).c_str(),
                fixed(busy, 2).c_str(), graph.serving_regions(r).size());
  }
  std::printf("offered load: %s of platform capacity\n", (fixed(100.0 * offered / capacity, 1) + " %").c_str());
  if (offered >= capacity)
    std::printf("warning: offered load is at or above capacity; queues will grow without bound\n");
}

void print_clip_classes(const model::Scenario& scenario) {
  for (const auto& clip : scenario.experiment.workload.clip_classes) {
    const std::string from = clip.gpu_seconds ? std::string("given") : clip.model.name + ", " + clip.mode;
    std::printf("  clip %s: %s reference-GPU s (%s), poor %s\n", clip.name.c_str(), fixed(clip.work_s, 1).c_str(),
                from.c_str(), fixed(clip.poor_probability, 3).c_str());
  }
}

void print_markets(const model::Scenario& scenario) {
  const auto& users = scenario.experiment.workload.users;
  std::printf("user model: %zu segments, %zu tiers, scale %s real users per simulated user\n", users.segments.size(),
              users.pricing.tiers.size(), fixed(scenario.experiment.scale, 0).c_str());
  for (const auto& region : scenario.regions) {
    const auto& m = region.market;
    std::printf("  %s: enters day %s, market %sM users, Bass p %s q %s per year, pays: %s x (1 - %s)\n",
                region.name.c_str(), fixed(m.entry_day, 0).c_str(), fixed(m.addressable_users_millions, 0).c_str(),
                fixed(m.bass_p_per_year, 4).c_str(), fixed(m.bass_q_per_year, 2).c_str(),
                fixed(region.payments.method_share, 2).c_str(), fixed(region.payments.decline_rate, 2).c_str());
  }
}

}  // namespace

int report_config_error(const schema::ConfigError& e) {
  std::cerr << e.diagnostics().format();
  std::cerr << "gvsim: " << e.diagnostics().size() << " problem(s) found; nothing was run or written\n";
  return kBadInput;
}

/// Keys that are valid but have no effect in this single run, on stderr (a study's variants may choose them).
void print_warnings(const model::Scenario& scenario) {
  for (const auto& w : scenario.warnings)
    std::cerr << "gvsim: warning: " << schema::format_diagnostic(w) << "\n";
}

int run_command(const RunOptions& options) {
  if (options.study_run >= 0) return study_run_command(options);
  if (!options.shard.empty() || options.mpi || study::is_study(options.experiment, options.overrides))
    return study_command(options);
  try {
    const model::Scenario scenario = config::load_scenario(options.experiment, {options.overrides});
    print_warnings(scenario);
    const std::string directory = options.out_dir.empty() ? "results/" + scenario.experiment.name : options.out_dir;
    return simulate_and_write(scenario, directory, options.overrides, options.quiet, options.progress);
  } catch (const schema::ConfigError& e) {
    return report_config_error(e);
  } catch (const std::exception& e) {
    std::cerr << "gvsim: run failed: " << e.what() << "\n";
    return kRuntimeFailure;
  }
}

int simulate_and_write(const model::Scenario& scenario, const std::string& directory,
                       const std::vector<std::string>& overrides, bool quiet, bool progress) {
  try {
    output::ResultsFolder folder(directory);  // checked and locked before any simulation time is spent
    const auto started = std::chrono::steady_clock::now();
    const observe::RunOutcome outcome = simulate_with_progress(scenario, progress, quiet);
    output::check_invariants(outcome);
    for (const auto& small : observe::SmallClusterCheck::find(outcome.clusters, outcome.recorder))
      std::cerr << "gvsim: warning: " << small.message(scenario.experiment.scale) << "\n";
    std::optional<economics::RunBooks> books;  // users mode: one ledger and one set of KPIs for files and console
    if (outcome.market != nullptr) {
      economics::check_books(scenario, outcome);
      books = economics::close_books(scenario, outcome);
    }
    output::RunInfo info;
    info.overrides = overrides;
    info.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const auto written = output::write_results(folder, scenario, outcome, info, books ? &*books : nullptr);
    if (quiet) {
      std::printf("%s\n", written.directory.c_str());
      return kSuccess;
    }
    std::int64_t jobs = 0;
    for (const auto& c : outcome.recorder.clusters())
      jobs += c.arrived;
    std::printf("gvsim: %s (seed %llu, replication %lld): %s simulated days, %lld jobs, %s s wall\n",
                scenario.experiment.name.c_str(), static_cast<unsigned long long>(scenario.experiment.seed),
                static_cast<long long>(scenario.experiment.replication),
                fixed(scenario.experiment.horizon_days, 2).c_str(), static_cast<long long>(jobs),
                fixed(info.wall_time_s, 2).c_str());
    std::printf("after %s days of warm-up, by serving region:\n", fixed(scenario.experiment.warmup_days, 2).c_str());
    print_region_table(output::summarize_regions(outcome, region_names(scenario)));
    if (books) print_kpi_table(scenario, *books);
    if (books) std::printf("%s", output::verdict_report(scenario, *books).c_str());
    if (outcome.market != nullptr && outcome.market->moderation() != nullptr) {
      std::printf("%s", output::moderation_report(scenario, outcome).c_str());
    }
    std::string files;
    for (const auto& name : written.files)
      files += name + ", ";
    std::printf("results: %s/ (%smanifest.json; fingerprint %s)\n", written.directory.c_str(), files.c_str(),
                written.fingerprint.c_str());
    return kSuccess;
  } catch (const schema::ConfigError& e) {
    return report_config_error(e);
  } catch (const output::OutputRefused& e) {
    std::cerr << "gvsim: " << e.what() << "; nothing was run or written\n";
    return kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "gvsim: run failed: " << e.what() << "\n";
    return kRuntimeFailure;
  }
}

void print_scenario_summary(const std::string& experiment, const model::Scenario& scenario) {
  const auto clusters = model::list_clusters(scenario);
  const model::RegionGraph graph(scenario);
  std::printf("%s: valid\n", experiment.c_str());
  std::printf(
      "experiment %s: %s days (warm-up %s), seed %llu, replication %lld, placement %s, scheduling %s\n",
      scenario.experiment.name.c_str(), fixed(scenario.experiment.horizon_days, 3).c_str(),
      fixed(scenario.experiment.warmup_days, 3).c_str(), static_cast<unsigned long long>(scenario.experiment.seed),
      static_cast<long long>(scenario.experiment.replication), scenario.experiment.policies.placement.name.c_str(),
      scenario.experiment.policies.scheduling.name.c_str());
  double capacity = 0.0;
  std::int64_t gpus = 0;
  for (const auto& c : clusters) {
    capacity += static_cast<double>(c.gpus) * c.relative_speed;
    gpus += c.gpus;
  }
  std::printf("%zu regions, %zu clusters, %lld GPUs (%s reference-GPU equivalents), %zu WAN links\n",
              scenario.regions.size(), clusters.size(), static_cast<long long>(gpus), fixed(capacity, 1).c_str(),
              scenario.links.size());
  if (scenario.experiment.workload.mode == "users") {
    print_markets(scenario);
    print_clip_classes(scenario);
  } else {
    print_offered_load(scenario, graph, capacity);
  }
}

int validate_command(const std::string& experiment, const std::vector<std::string>& overrides) {
  if (study::is_study(experiment, overrides)) return validate_study_command(experiment, overrides);
  try {
    const model::Scenario scenario = config::load_scenario(experiment, {overrides});
    print_warnings(scenario);
    print_scenario_summary(experiment, scenario);
    return kSuccess;
  } catch (const schema::ConfigError& e) {
    return report_config_error(e);
  } catch (const std::exception& e) {
    std::cerr << "gvsim: validation failed: " << e.what() << "\n";
    return kRuntimeFailure;
  }
}

int keys_command() {
  struct Section {
    const char* title;
    std::vector<config::KeyDoc> keys;
  };
  std::vector<Section> sections(5);
  {
    model::Experiment experiment;
    config::SchemaCollector collector(sections[0].keys);
    describe(collector, experiment);
    sections[0].title = "Experiment file (experiments/*.yaml)";
  }
  {
    model::RegionFile region;
    config::SchemaCollector collector(sections[1].keys);
    describe(collector, region);
    sections[1].title = "Region file (regions/NAME.yaml)";
  }
  {
    model::GpuCatalog gpus;
    config::SchemaCollector collector(sections[2].keys);
    describe(collector, gpus);
    sections[2].title = "GPU catalog (regions/gpus.yaml)";
  }
  {
    model::WanCatalog wan;
    config::SchemaCollector collector(sections[3].keys);
    describe(collector, wan);
    sections[3].title = "WAN links (regions/wan.yaml)";
  }
  {
    model::VideoModelCatalog video_models;
    config::SchemaCollector collector(sections[4].keys);
    describe(collector, video_models);
    sections[4].title = "Video models (regions/video_models.yaml)";
  }
  for (const auto& s : sections)
    std::printf("## %s\n\n%s\n", s.title, config::keys_markdown(s.keys).c_str());
  return kSuccess;
}

int columns_command() {
  std::printf("%s", output::columns_markdown().c_str());
  return kSuccess;
}

}  // namespace gvsim::cli
