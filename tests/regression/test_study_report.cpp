// `gvsim report` end to end on study folders built from real runs, laid out as the study runner writes them:
// study.csv, factors.csv, study.json and runs/RUN_ID/ (one `gvsim run --out` each).
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "tests/support/test_support.hpp"

using namespace gvsim::test;

namespace fs = std::filesystem;

namespace {

struct Variant {
  std::string name;
  std::vector<std::string> sets;  // --set overrides
  std::string factor_key;
  std::string factor_value;
};

void write_file(const std::string& path, const std::string& content) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::string run_id(const std::string& variant, int replication) {
  char id[64];
  std::snprintf(id, sizeof id, "%s-r%03d", variant.c_str(), replication);
  return id;
}

// Runs every variant x replication into DIR/runs/ID and writes study.csv, factors.csv and study.json. The
// config hash is the variant's overrides, so two variants with the same overrides share it.
void build_study(const std::string& dir, const std::string& experiment, const std::vector<std::string>& common,
                 const std::vector<Variant>& variants, int replications) {
  std::string study = "run_id,variant,baseline,replication,seed,config_hash\n";
  std::string factors = "run_id,key,value\n";
  for (std::size_t v = 0; v < variants.size(); ++v) {
    for (int r = 0; r < replications; ++r) {
      const std::string id = run_id(variants[v].name, r);
      std::vector<std::string> args{
          "run", experiment, "--out", dir + "/runs/" + id, "--quiet", "--set", "replication=" + std::to_string(r)};
      for (const auto& s : common) {
        args.push_back("--set");
        args.push_back(s);
      }
      for (const auto& s : variants[v].sets) {
        args.push_back("--set");
        args.push_back(s);
      }
      const auto result = run_gvsim(args);
      INFO(result.err);
      REQUIRE(result.exit_code == 0);
      // The run's identity is the config hash its manifest records.
      const std::string manifest = read_text(dir + "/runs/" + id + "/manifest.json");
      const auto at = manifest.find("\"config_hash\": \"");
      REQUIRE(at != std::string::npos);
      const std::string hash = manifest.substr(at + 16, 16);
      study +=
          id + "," + variants[v].name + "," + (v == 0 ? "1" : "0") + "," + std::to_string(r) + ",42,\"" + hash + "\"\n";
      if (!variants[v].factor_key.empty())
        factors += id + "," + variants[v].factor_key + "," + variants[v].factor_value + "\n";
    }
  }
  write_file(dir + "/study.csv", study);
  write_file(dir + "/factors.csv", factors);
  write_file(dir + "/study.json", "{\"experiment\": \"quickstart\", \"status\": \"complete\"}\n");
}

// Copies study files and the named runs of `from` into `to` (a shard).
void make_shard(const std::string& from, const std::string& to, const std::vector<std::string>& runs) {
  fs::create_directories(to + "/runs");
  for (const char* f : {"study.csv", "factors.csv", "study.json"})
    fs::copy_file(from + "/" + f, to + "/" + f);
  for (const auto& id : runs)
    fs::copy(from + "/runs/" + id, to + "/runs/" + id, fs::copy_options::recursive);
}

std::map<std::string, std::string> files_of(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::directory_iterator(dir))
    files[e.path().filename().string()] = read_text(e.path().string());
  return files;
}

const std::map<std::string, std::string>& row_of(const std::vector<std::map<std::string, std::string>>& rows,
                                                 const std::string& variant, const std::string& region,
                                                 const std::string& metric) {
  for (const auto& r : rows) {
    if (r.at("variant") == variant && r.at("region") == region && r.at("metric") == metric) return r;
  }
  FAIL("no row " << variant << " " << region << " " << metric);
  return rows.front();
}

}  // namespace

TEST_CASE("study report: identical variants differ by exactly 0, fewer GPUs wait longer, shards merge exactly",
          "[report]") {
  TempDir tmp;
  const std::string full = tmp.path() + "/full";
  const std::vector<Variant> variants = {
      {"base", {}, "scale", "50"}, {"twin", {}, "scale", "50"}, {"fewer_gpus", {"scale=65"}, "scale", "65"}};
  build_study(full, source_dir() + "/experiments/quickstart.yaml", {"horizon_days=1", "warmup_days=0.25"}, variants, 4);

  const auto report = run_gvsim({"report", full});
  INFO(report.err);
  REQUIRE(report.exit_code == 0);
  CHECK(report.out.find("12 of 12 runs, 3 variants, baseline base") != std::string::npos);
  const std::string out = full + "/report";
  for (const char* f : {"report.md", "metrics.csv", "aggregate.csv", "paired.csv", "pareto.csv", "sensitivity.csv"})
    CHECK(fs::exists(out + "/" + f));

  const auto paired = read_csv(out + "/paired.csv");
  std::size_t twin_rows = 0;
  for (const auto& r : paired) {
    if (r.at("variant") != "twin") continue;
    ++twin_rows;
    INFO(r.at("region") << " " << r.at("metric"));
    CHECK(r.at("mean_diff") == "0");
    CHECK(r.at("sd_diff") == "0");
    CHECK(r.at("ci95_low") == "0");
    CHECK(r.at("ci95_high") == "0");
    CHECK(r.at("ci_excludes_zero") == "0");
  }
  CHECK(twin_rows >= 5 + 3 * 4);  // 5 metrics for all, 3 per serving region (4 regions host clusters)
  const auto& slower = row_of(paired, "fewer_gpus", "all", "mean_wait_s");
  CHECK(slower.at("n") == "4");
  CHECK(std::stod(slower.at("mean_diff")) > 0.0);
  CHECK(std::stod(slower.at("ci95_low")) > 0.0);
  CHECK(slower.at("ci_excludes_zero") == "1");

  // The aggregate mean is the mean of the runs' summary.csv values.
  const auto aggregate = read_csv(out + "/aggregate.csv");
  double sum = 0.0;
  for (int r = 0; r < 4; ++r)
    sum += std::stod(read_csv(full + "/runs/" + run_id("base", r) + "/summary.csv").at(0).at("mean_wait_s"));
  const auto& base_wait = row_of(aggregate, "base", "all", "mean_wait_s");
  CHECK(base_wait.at("n") == "4");
  CHECK(std::stod(base_wait.at("mean")) == Approx(sum / 4).epsilon(1e-12));
  CHECK(row_of(aggregate, "twin", "all", "mean_wait_s").at("mean") == base_wait.at("mean"));

  const auto sensitivity = read_csv(out + "/sensitivity.csv");
  bool found = false;
  for (const auto& r : sensitivity) {
    if (r.at("region") != "all" || r.at("metric") != "mean_wait_s") continue;
    found = true;
    CHECK(r.at("factor") == "scale");
    CHECK(std::stod(r.at("src")) > 0.5);
    CHECK(r.at("n") == "12");
  }
  CHECK(found);
  const std::string md = read_text(out + "/report.md");
  CHECK(md.find("# Study report: quickstart") != std::string::npos);
  CHECK(md.find("12 of 12 listed are complete; none missing") != std::string::npos);
  CHECK(md.find("| fewer_gpus | mean_wait_s | 4 |") != std::string::npos);

  // Two shards with disjoint halves of the runs give byte-identical files; so does a run present in both.
  std::vector<std::string> even, odd;
  for (const auto& v : variants) {
    for (int r = 0; r < 4; ++r)
      (r % 2 == 0 ? even : odd).push_back(run_id(v.name, r));
  }
  odd.push_back(even.front());
  make_shard(full, tmp.path() + "/a", even);
  make_shard(full, tmp.path() + "/b", odd);
  const auto merged = run_gvsim({"report", tmp.path() + "/a", tmp.path() + "/b", "--out", tmp.path() + "/merged"});
  INFO(merged.err);
  REQUIRE(merged.exit_code == 0);
  CHECK(files_of(tmp.path() + "/merged") == files_of(out));

  // Half the runs: the others are reported missing, and the report still comes out.
  const auto half = run_gvsim({"report", tmp.path() + "/a"});
  CHECK(half.exit_code == 0);
  CHECK(half.err.find("warning: 6 of 12 study runs are missing or incomplete") != std::string::npos);
  CHECK(read_text(tmp.path() + "/a/report/report.md").find("6 of 12 listed are complete; 6 missing") !=
        std::string::npos);

  // The same run with different results in two folders is an error.
  const std::string twin_summary = tmp.path() + "/b/runs/" + even.front() + "/summary.csv";
  write_file(twin_summary, read_text(twin_summary) + "\n");
  const auto conflict = run_gvsim({"report", tmp.path() + "/a", tmp.path() + "/b", "--out", tmp.path() + "/bad"});
  CHECK(conflict.exit_code == 2);
  CHECK(conflict.err.find("with different results") != std::string::npos);
  CHECK_FALSE(fs::exists(tmp.path() + "/bad"));

  // Options: another baseline and objectives.
  const auto options = run_gvsim({"report", full, "--out", tmp.path() + "/opt", "--baseline", "fewer_gpus",
                                  "--objectives", "p95_wait_s:min,jobs:max"});
  INFO(options.err);
  REQUIRE(options.exit_code == 0);
  const auto pareto = read_csv(tmp.path() + "/opt/pareto.csv");
  REQUIRE(pareto.size() == 3);
  CHECK(pareto[0].count("p95_wait_s") == 1);
  CHECK(pareto[0].at("on_front") == "1");  // base: shortest waits, same jobs
  CHECK(pareto[2].at("on_front") == "0");  // fewer_gpus: longer waits, same jobs (common random numbers)
  CHECK(read_csv(tmp.path() + "/opt/paired.csv").front().at("baseline") == "fewer_gpus");
}

TEST_CASE("study report in users mode: unit economics per region and the default objectives", "[report]") {
  TempDir tmp;
  const std::string dir = tmp.path() + "/study";
  build_study(dir, source_dir() + "/experiments/global_baseline.yaml", {"horizon_days=30"},
              {{"base", {}, "workload.users.pricing.free_daily_credits", "66"},
               {"fewer_credits", {"workload.users.pricing.free_daily_credits=30"}, "", ""}},
              2);
  const auto report = run_gvsim({"report", dir});
  INFO(report.err);
  REQUIRE(report.exit_code == 0);
  const auto aggregate = read_csv(dir + "/report/aggregate.csv");
  double revenue = 0.0;
  for (int r = 0; r < 2; ++r) {
    for (const auto& k : read_csv(dir + "/runs/" + run_id("base", r) + "/kpis.csv")) {
      if (k.at("region") == "china") revenue += std::stod(k.at("revenue_net_usd"));
    }
  }
  CHECK(std::stod(row_of(aggregate, "base", "china", "revenue_usd").at("mean")) == Approx(revenue / 2).epsilon(1e-12));
  for (const char* metric : {"adopted_users", "paying_users", "revenue_usd", "profit_usd", "gross_margin",
                             "monthly_paid_churn", "arppu_usd", "cost_per_clip_usd", "abandoned_share"}) {
    INFO(metric);
    CHECK(row_of(aggregate, "fewer_credits", "all", metric).at("n") == "2");
  }
  const auto pareto = read_csv(dir + "/report/pareto.csv");
  REQUIRE(pareto.size() == 2);
  CHECK(pareto[0].count("gross_margin_run") == 1);  // whole-run margin by default, not the last 30 days
  CHECK(pareto[0].count("monthly_paid_churn") == 1);
  CHECK(pareto[0].count("p95_wait_s") == 1);
  // factors.csv gives a value for base runs only: not a number in every run, so no regression.
  CHECK_FALSE(fs::exists(dir + "/report/sensitivity.csv"));
  CHECK(read_text(dir + "/report/report.md").find("left out: not a number in every complete run") != std::string::npos);
}

TEST_CASE("results/plot.py draws the study's PNG files, the same bytes each time", "[report][plot]") {
  if (std::system("/usr/bin/python3 -c 'import matplotlib' >/dev/null 2>&1") != 0) {
    WARN("skipped: /usr/bin/python3 cannot import matplotlib (Debian package python3-matplotlib)");
    return;
  }
  TempDir tmp;
  const std::string dir = tmp.path() + "/study";
  build_study(dir, source_dir() + "/experiments/quickstart.yaml", {"horizon_days=2", "warmup_days=0.25"},
              {{"base", {}, "scale", "50"}, {"fewer_gpus", {"scale=60"}, "scale", "60"}}, 2);
  REQUIRE(run_gvsim({"report", dir}).exit_code == 0);
  const std::string plot = "/usr/bin/python3 " + source_dir() + "/results/plot.py " + dir;
  REQUIRE(std::system((plot + " >" + tmp.path() + "/plot.log 2>&1").c_str()) == 0);
  const std::string pngs = dir + "/report/plots";
  const auto first = files_of(pngs);
  std::vector<std::string> names;
  for (const auto& [name, bytes] : first) {
    names.push_back(name);
    CHECK(bytes.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
  }
  CHECK(names == std::vector<std::string>{"daily_jobs_arrived.png", "daily_mean_wait_s.png", "daily_utilisation.png",
                                          "pareto.png", "sensitivity.png", "variants.png"});
  REQUIRE(std::system((plot + " --out " + tmp.path() + "/again >/dev/null 2>&1").c_str()) == 0);
  CHECK(files_of(tmp.path() + "/again") == first);
  CHECK(std::system(
            ("/usr/bin/python3 " + source_dir() + "/results/plot.py " + tmp.path() + " >/dev/null 2>&1").c_str()) !=
        0);  // not a study folder
}
