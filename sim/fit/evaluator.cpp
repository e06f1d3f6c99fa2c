#include "sim/fit/evaluator.hpp"

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <stdexcept>

#include "sim/output/atomic_file.hpp"
#include "sim/report/csv_file.hpp"
#include "sim/study/process_pool.hpp"

namespace gvsim::fit {

namespace {

namespace fs = std::filesystem;

struct Pending {
  std::size_t point = 0;
  std::size_t replication = 0;
};

}  // namespace

Evaluator::Evaluator(EvaluatorOptions options, Measure measure)
    : options_(std::move(options)), measure_(std::move(measure)) {
  fs::create_directories(options_.out_dir);
  // Runs left by a killed fit were never measured (a measured run's folder is removed): start them again.
  fs::remove_all(options_.out_dir + "/runs");
  load_records();
}

std::string Evaluator::key_of(const std::vector<double>& point, std::size_t replication) const {
  std::string key;
  for (const double v : point)
    key += exact_text(v) + ",";
  return key + std::to_string(options_.first_replication + static_cast<std::int64_t>(replication));
}

std::vector<std::string> Evaluator::child_arguments(const std::vector<double>& point, std::size_t replication,
                                                    const std::string& dir) const {
  std::vector<std::string> argv = {options_.executable, "run", options_.experiment, "--out", dir, "--quiet"};
  std::vector<std::string> sets = options_.overrides;
  sets.push_back("replications=1");
  sets.push_back("replication=" + std::to_string(options_.first_replication + static_cast<std::int64_t>(replication)));
  for (const auto& a : assignments(options_.free, point))
    sets.push_back(a);
  for (const auto& s : sets) {
    argv.push_back("--set");
    argv.push_back(s);
  }
  return argv;
}

void Evaluator::load_records() {
  const std::string path = options_.out_dir + "/runs.csv";
  if (!fs::exists(path)) return;
  const report::CsvFile file = report::CsvFile::read(path);
  std::vector<std::size_t> params;
  for (const auto& p : options_.free)
    params.push_back(file.column(p.key));
  const std::size_t replication = file.column("replication");
  std::vector<std::size_t> values;
  for (const auto& name : options_.value_names)
    values.push_back(file.column(name));
  for (std::size_t row = 0; row < file.size(); ++row) {
    std::string key;
    for (const std::size_t c : params)
      key += file.at(row, c) + ",";
    key += file.at(row, replication);
    std::vector<double> measured;
    for (const std::size_t c : values)
      measured.push_back(file.number(row, c));
    if (records_.emplace(key, measured).second) order_.push_back(key);
  }
}

void Evaluator::save_records() const {
  std::string text;
  for (const auto& p : options_.free)
    text += csv_field(p.key) + ",";
  text += "replication";
  for (const auto& name : options_.value_names)
    text += "," + csv_field(name);
  text += "\n";
  for (const auto& key : order_) {
    text += key;
    for (const double v : records_.at(key))
      text += "," + (v == v ? exact_text(v) : std::string());
    text += "\n";
  }
  output::write_file_atomically(options_.out_dir + "/runs.csv", text);
}

std::vector<Evaluator::PointValues> Evaluator::evaluate(const std::vector<std::vector<double>>& points) {
  std::vector<Pending> pending;
  for (std::size_t p = 0; p < points.size(); ++p) {
    for (std::size_t r = 0; r < options_.replications; ++r) {
      const std::string key = key_of(points[p], r);
      bool queued = false;  // the same run asked twice in one batch runs once
      for (const auto& q : pending)
        queued = queued || key_of(points[q.point], q.replication) == key;
      if (records_.count(key) != 0) {
        ++reused_;
      } else if (!queued) {
        pending.push_back({p, r});
      }
    }
  }
  study::ProcessPool pool(options_.jobs);
  std::vector<std::string> dirs;
  std::size_t next = 0;
  while (next < pending.size() || pool.running() > 0) {
    while (pool.has_room() && next < pending.size()) {
      const Pending& q = pending[next];
      dirs.push_back(options_.out_dir + "/runs/run" + std::to_string(next_run_++));
      pool.start(next, child_arguments(points[q.point], q.replication, dirs.back()));
      ++next;
    }
    for (const auto& r : pool.wait_some(200)) {
      const Pending& q = pending[r.tag];
      if (r.exit_code != 0) {
        pool.stop_all(SIGTERM, 1000);
        std::string what = "a run at";
        for (const auto& a : assignments(options_.free, points[q.point]))
          what += " " + a;
        throw std::runtime_error(what + " (replication " + std::to_string(q.replication) + ") failed with exit " +
                                 std::to_string(r.exit_code) + ":\n" + r.stderr_tail);
      }
      const std::string& dir = dirs[r.tag];
      const std::string key = key_of(points[q.point], q.replication);
      std::vector<double> values = measure_(dir);
      values.resize(options_.value_names.size(), std::numeric_limits<double>::quiet_NaN());
      records_[key] = values;
      order_.push_back(key);
      save_records();
      fs::remove_all(dir);
      ++made_;
    }
  }
  std::vector<PointValues> out(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) {
    for (std::size_t r = 0; r < options_.replications; ++r)
      out[p].push_back(records_.at(key_of(points[p], r)));
  }
  return out;
}

}  // namespace gvsim::fit
