#include "sim/study/study_runner.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>

#include "sim/output/results_folder.hpp"
#include "sim/study/process_pool.hpp"
#include "sim/study/progress_bar.hpp"
#include "sim/study/study_files.hpp"

namespace gvsim::study {

namespace {

namespace fs = std::filesystem;

volatile std::sig_atomic_t g_stop = 0;

extern "C" void on_stop(int signal) {
  g_stop = signal;
}

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a signal ends the wait for children at once
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

std::string last_lines(const std::string& text, std::size_t count) {
  std::size_t end = text.size();
  while (end > 0 && text[end - 1] == '\n')
    --end;
  std::size_t begin = end;
  for (std::size_t n = 0; n < count && begin > 0; ++n) {
    begin = text.rfind('\n', begin - 1);
    if (begin == std::string::npos) {
      begin = 0;
      break;
    }
  }
  std::string out = text.substr(begin, end - begin);
  if (!out.empty() && out.front() == '\n') out.erase(0, 1);
  std::string indented = "    ";
  for (char c : out)
    indented += c == '\n' ? std::string("\n    ") : std::string(1, c);
  return indented;
}

std::vector<std::string> child_arguments(const StudyPlan& plan, const StudyOptions& options, std::size_t index) {
  const StudyRun& run = plan.runs[index];
  std::vector<std::string> argv = {
      options.executable, "run",         plan.experiment_file,  "--out",        run_dir(options.out_dir, run),
      "--quiet",          "--study-run", std::to_string(index), "--study-hash", run.config_hash};
  for (const auto& o : plan.overrides) {
    argv.push_back("--set");
    argv.push_back(o);
  }
  return argv;
}

/// Hidden entries of OUT/runs: staging folders and lock files (`.RUN_ID.tmp-PID`, `.RUN_ID.lock`) of runs in
/// progress or killed, listed once rather than once per run.
std::vector<std::string> hidden_entries(const std::string& out_dir) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(out_dir + "/runs", error)) {
    std::string name = entry.path().filename().string();
    if (name.front() == '.') names.push_back(std::move(name));
  }
  return names;
}

bool has_leftovers(const std::vector<std::string>& hidden, const StudyRun& run) {
  const std::string prefix = "." + run.id + ".";
  for (const auto& name : hidden) {
    if (name.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

std::string fixed1(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

}  // namespace

int run_study(const StudyPlan& plan, const StudyOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  g_stop = 0;
  install_stop_handlers();
  const bool writer = options.mpi == nullptr || options.mpi->rank() == 0;
  const std::string shard = options.shard_count > 1 && options.mpi == nullptr
                                ? std::to_string(options.shard_index) + "/" + std::to_string(options.shard_count)
                                : std::string();
  fs::create_directories(options.out_dir + "/runs");
  if (writer) {
    write_study_tables(options.out_dir, plan);
    write_study_json(options.out_dir, plan, StudyStatus{"running", shard, count_complete(options.out_dir, plan), {}});
  }

  std::vector<std::size_t> mine;
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    if (i % options.shard_count == options.shard_index - 1) mine.push_back(i);
  }
  const std::string label =
      options.mpi == nullptr ? std::string("gvsim") : "gvsim rank " + std::to_string(options.mpi->rank());
  ProgressBar bar(mine.size(), options.jobs, options.quiet, label);
  std::vector<std::size_t> pending;
  std::size_t skipped = 0;
  const std::vector<std::string> hidden = hidden_entries(options.out_dir);
  for (const std::size_t i : mine) {
    const StudyRun& run = plan.runs[i];
    const std::string dir = run_dir(options.out_dir, run);
    if (has_leftovers(hidden, run)) output::ResultsFolder::recover(dir);  // what a killed child left
    switch (run_state(dir, run.config_hash)) {
      case RunState::kComplete:
        bar.skipped(run.id, "already complete");
        ++skipped;
        continue;
      case RunState::kIncomplete:
        bar.note(run.id + ": removing an unfinished earlier attempt");
        fs::remove_all(dir);
        break;
      case RunState::kStale:
        bar.note(run.id + ": replacing results of a different configuration");
        fs::remove_all(dir);
        break;
      case RunState::kMissing:
        break;
    }
    pending.push_back(i);
  }

  ProcessPool pool(options.jobs);
  std::vector<std::string> failed;
  std::size_t next = 0;
  while ((next < pending.size() || pool.running() > 0) && g_stop == 0) {
    while (pool.has_room() && next < pending.size() && g_stop == 0)
      pool.start(pending[next], child_arguments(plan, options, pending[next])), ++next;
    for (const auto& r : pool.wait_some(100)) {
      const StudyRun& run = plan.runs[r.tag];
      const bool complete = run_state(run_dir(options.out_dir, run), run.config_hash) == RunState::kComplete;
      if (r.exit_code == 0 && complete) {
        bar.finished(run.id, r.seconds, true);
      } else if (g_stop == 0) {
        failed.push_back(run.id);
        const std::string why =
            r.exit_code == 0 ? "exit 0 but no manifest.json" : "exit " + std::to_string(r.exit_code);
        bar.finished(run.id, r.seconds, false, why + "\n" + last_lines(r.stderr_tail, 8));
      }
    }
    bar.tick(pool.running());
  }

  if (g_stop != 0) {
    for (const auto& r : pool.stop_all(SIGTERM, 1000)) {
      const StudyRun& run = plan.runs[r.tag];
      const std::string dir = run_dir(options.out_dir, run);
      output::ResultsFolder::recover(dir);  // a child killed after the grace period leaves its staging folder
      if (run_state(dir, run.config_hash) != RunState::kComplete) fs::remove_all(dir);
    }
    bar.close();
    const std::size_t complete = count_complete(options.out_dir, plan);
    std::fprintf(stderr, "gvsim: interrupted; %zu of %zu runs complete in %s; run the same command again to resume\n",
                 complete, plan.runs.size(), options.out_dir.c_str());
    if (options.mpi != nullptr) {
      options.mpi->abandon();  // other ranks may be gone: no collective call
    } else {
      write_study_json(options.out_dir, plan, StudyStatus{"interrupted", shard, complete, failed});
    }
    return 130;
  }
  bar.close();

  std::size_t failed_total = failed.size();
  if (options.mpi != nullptr)
    failed_total = static_cast<std::size_t>(options.mpi->sum(static_cast<long long>(failed.size())));
  const std::size_t complete = count_complete(options.out_dir, plan);
  if (writer) {
    StudyStatus status{"partial", shard, complete, failed};
    if (options.mpi != nullptr) {  // every run was attempted by some rank: those not complete failed
      status.failed.clear();
      for (const auto& run : plan.runs) {
        if (run_state(run_dir(options.out_dir, run), run.config_hash) != RunState::kComplete)
          status.failed.push_back(run.id);
      }
    }
    if (complete == plan.runs.size()) {
      status.status = "complete";
    } else if (failed_total > 0) {
      status.status = "failed";
    }
    write_study_json(options.out_dir, plan, status);
  }
  if (options.quiet) {
    if (writer) std::printf("%s\n", options.out_dir.c_str());
  } else {
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf(
        "gvsim: study %s: %zu runs (%zu variants x %lld replications)%s: %zu ran, %zu skipped, %zu failed, %s s "
        "wall\n",
        plan.name.c_str(), plan.runs.size(), plan.variants.size(), static_cast<long long>(plan.replications),
        mine.size() == plan.runs.size() ? "" : (", " + std::to_string(mine.size()) + " in this shard").c_str(),
        pending.size() - failed.size(), skipped, failed.size(), fixed1(wall).c_str());
    if (writer) {
      std::printf("results: %s/ (study.csv, factors.csv, study.json, runs/); %zu of %zu runs complete\n",
                  options.out_dir.c_str(), complete, plan.runs.size());
    }
  }
  return failed_total > 0 ? 1 : 0;
}

}  // namespace gvsim::study
