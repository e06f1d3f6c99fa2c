// The bad-input corpus: every folder under tests/data/bad/ is one broken experiment (with its own region data
// when the case is about regions). gvsim must refuse each one with exit code 2, report every problem as
// `file:line:col: ...`, print the messages listed in the folder's expected.txt and write nothing. In expected.txt,
// {placement_names} stands for the registered placement policies, so that adding one leaves the corpus as it is.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "policies/placement_policy.hpp"
#include "tests/support/test_support.hpp"

namespace fs = std::filesystem;
using gvsim::test::read_text;
using gvsim::test::run_gvsim;
using gvsim::test::source_dir;
using gvsim::test::TempDir;

namespace {

const std::string kSummaryPrefix = "gvsim: ";
const std::string kSummarySuffix = " problem(s) found; nothing was run or written";

fs::path corpus_dir() {
  return fs::path(source_dir()) / "tests" / "data" / "bad";
}

std::vector<fs::path> case_dirs() {
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(corpus_dir())) {
    if (entry.is_directory()) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

/// Non-empty lines of a text, without a trailing carriage return.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

/// The messages a case expects, with {placement_names} replaced by the registered placement policies.
std::vector<std::string> expected_messages(const fs::path& dir) {
  const std::string token = "{placement_names}";
  const std::string names = gvsim::schema::join_names(gvsim::policies::PlacementRegistry::instance().names());
  auto lines = lines_of(read_text((dir / "expected.txt").string()));
  for (auto& line : lines) {
    if (const auto at = line.find(token); at != std::string::npos) line.replace(at, token.size(), names);
  }
  return lines;
}

/// True for `file:line:col: message` with line >= 1 and col >= 1.
bool is_located(const std::string& line) {
  static const std::regex pattern(R"(^([^:]+):([0-9]+):([0-9]+): \S.*$)");
  std::smatch match;
  if (!std::regex_match(line, match, pattern)) return false;
  return std::stol(match[2].str()) >= 1 && std::stol(match[3].str()) >= 1;
}

bool is_summary(const std::string& line) {
  return line.rfind(kSummaryPrefix, 0) == 0 && line.size() > kSummaryPrefix.size() + kSummarySuffix.size() &&
         line.compare(line.size() - kSummarySuffix.size(), kSummarySuffix.size(), kSummarySuffix) == 0;
}

/// Makes `dir` the working directory for its lifetime, so gvsim names files as seen from the case folder.
class WorkingDirectory {
 public:
  explicit WorkingDirectory(const fs::path& dir) : previous_(fs::current_path()) { fs::current_path(dir); }
  ~WorkingDirectory() {
    std::error_code ignored;
    fs::current_path(previous_, ignored);
  }
  WorkingDirectory(const WorkingDirectory&) = delete;
  WorkingDirectory& operator=(const WorkingDirectory&) = delete;

 private:
  fs::path previous_;
};

/// Checks one gvsim invocation that must have been refused for the case's expected reasons.
void check_refused(const gvsim::test::CommandResult& result, const std::vector<std::string>& expected) {
  INFO("stderr:\n" << result.err);
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  for (const auto& substring : expected) {
    CHECK_THAT(result.err, Catch::Matchers::Contains(substring));
  }
  const auto lines = lines_of(result.err);
  REQUIRE_FALSE(lines.empty());
  CHECK(is_summary(lines.back()));
  std::size_t located = 0;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    INFO("problem line: " << lines[i]);
    CHECK(is_located(lines[i]));
    if (is_located(lines[i])) ++located;
  }
  // The summary counts exactly the problems printed above it.
  CHECK(lines.back() == kSummaryPrefix + std::to_string(located) + kSummarySuffix);
}

}  // namespace

TEST_CASE("every bad input is refused with located messages and nothing written", "[cli][bad_inputs]") {
  for (const auto& dir : case_dirs()) {
    DYNAMIC_SECTION(dir.filename().string()) {
      const auto expected = expected_messages(dir);
      REQUIRE_FALSE(expected.empty());
      const auto extra_args = lines_of(read_text((dir / "args.txt").string()));
      TempDir tmp;
      const std::string out_dir = tmp.path() + "/out";
      WorkingDirectory here(dir);

      std::vector<std::string> validate_args{"validate", "experiment.yaml"};
      validate_args.insert(validate_args.end(), extra_args.begin(), extra_args.end());
      {
        INFO("gvsim validate");
        check_refused(run_gvsim(validate_args), expected);
      }

      std::vector<std::string> run_args{"run", "experiment.yaml", "--out", out_dir};
      run_args.insert(run_args.end(), extra_args.begin(), extra_args.end());
      {
        INFO("gvsim run");
        check_refused(run_gvsim(run_args), expected);
      }
      CHECK_FALSE(fs::exists(out_dir));
      CHECK(fs::is_empty(tmp.path()));
      CHECK_FALSE(fs::exists(dir / "results"));
    }
  }
}

TEST_CASE("the bad-input corpus has at least 40 well-formed cases", "[cli][bad_inputs]") {
  const auto dirs = case_dirs();
  CHECK(dirs.size() >= 40);
  for (const auto& dir : dirs) {
    INFO("case " << dir.filename().string());
    CHECK(fs::is_regular_file(dir / "experiment.yaml"));
    const auto expected = lines_of(read_text((dir / "expected.txt").string()));
    REQUIRE_FALSE(expected.empty());
    // Each case names at least one problem with its location, and only located problems or the summary.
    CHECK(std::any_of(expected.begin(), expected.end(), is_located));
    for (const auto& line : expected) {
      INFO("expected line: " << line);
      CHECK((is_located(line) || line.find(kSummarySuffix.substr(1)) != std::string::npos));
    }
    if (fs::exists(dir / "regions")) {
      CHECK(fs::is_regular_file(dir / "regions" / "gpus.yaml"));
      CHECK(fs::is_regular_file(dir / "regions" / "wan.yaml"));
      CHECK(read_text((dir / "experiment.yaml").string()).find("regions_dir: regions\n") != std::string::npos);
    }
  }
}

TEST_CASE("the shipped quickstart experiment validates, so the corpus fails for its own reasons", "[cli][bad_inputs]") {
  const auto result = run_gvsim({"validate", source_dir() + "/experiments/quickstart.yaml"});
  INFO(result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.err.empty());
  CHECK(result.out.find("quickstart.yaml: valid") != std::string::npos);
}

TEST_CASE("size limits: over 4 MiB, over 200000 nodes or a scalar over 64 KiB is refused, located",
          "[cli][bad_inputs]") {
  // Generated here rather than kept in tests/data/bad: the inputs are large by nature.
  TempDir tmp;
  const std::string head = "name: big\nhorizon_days: 1\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {head + "description: x\n" + std::string(4 * 1024 * 1024, '#') + "\n",
       "big.yaml: file is larger than the limit of 4194304 bytes"},
      {[&] {
         std::string text = head + "description: [";
         for (int i = 0; i < 200001; ++i)
           text += "0,";
         return text + "0]\n";
       }(),
       "document has more than 200000 nodes"},
      {head + "description: " + std::string(64 * 1024 + 1, 'x') + "\n",
       "big.yaml:3:14: scalar longer than 65536 bytes"},
  };
  for (const auto& [text, message] : cases) {
    INFO(message);
    const std::string file = tmp.write("big.yaml", text);
    WorkingDirectory here(tmp.path());
    const auto result = run_gvsim({"validate", "big.yaml"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Matchers::Contains(message));
  }
}
