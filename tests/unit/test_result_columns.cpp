// The results CSV columns are declared once (sim/output/*_columns.def): the writers build rows through
// DeclaredTable, which refuses cells out of the declared order; the files a run writes carry exactly the
// declared headers; results/README.md holds what `gvsim columns` prints; and the report reader names the file and
// the column when a results folder lacks one.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <set>
#include <string>

#include "sim/output/columns.hpp"
#include "sim/output/declared_table.hpp"
#include "sim/report/csv_file.hpp"
#include "sim/report/report_error.hpp"
#include "tests/support/test_support.hpp"

using gvsim::output::Column;
using gvsim::output::CsvLayout;
using gvsim::output::DeclaredTable;
using gvsim::output::layout_of;
namespace columns = gvsim::output::columns;
using gvsim::test::read_text;
using gvsim::test::run_gvsim;
using gvsim::test::source_dir;
using gvsim::test::TempDir;

namespace {

const Column kName{"name", "", "a name"};
const Column kCount{"count", "jobs (simulated)", "a count"};
const Column kShare{"share", "0-1", "a share"};
const Column kExtra{"extra", "0/1", "an appended flag"};
const CsvLayout kToy{{"toy.csv", "thing", "", gvsim::output::RowKeys::kRun, ""}, {kName, kCount, kShare}};
const CsvLayout kToyExtra{{"toy.csv", "thing", "extra columns", gvsim::output::RowKeys::kNone, ""}, {kExtra}};

std::string message_of(const std::function<void()>& body) {
  try {
    body();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no exception";
}

std::string header_of(const std::string& path) {
  const std::string text = read_text(path);
  return text.substr(0, text.find('\n'));
}

std::string joined(const CsvLayout& layout) {
  std::string out;
  for (const auto& name : layout.names())
    out += (out.empty() ? "" : ",") + name;
  return out;
}

}  // namespace

TEST_CASE("a declared table writes the declared header and rows as CsvTable does", "[columns]") {
  DeclaredTable table(kToy);
  table.add_columns(kToyExtra);
  table.row().cell(kName, std::string("a,b")).cell(kCount, std::int64_t{3}).cell(kShare, 0.25).cell(kExtra, true);
  table.row().cell(kName, std::string("c")).cell(kCount, 0).cell(kShare, std::nan("")).cell(kExtra, 0);
  gvsim::output::CsvTable plain({"name", "count", "share", "extra"});
  plain.row().cell(std::string("a,b")).cell(3LL).cell(0.25).cell(1LL);
  plain.row().cell(std::string("c")).cell(0LL).cell(std::nan("")).cell(0LL);
  CHECK(table.str() == plain.str());
  CHECK(table.str() == "name,count,share,extra\n\"a,b\",3,0.25,1\nc,0,,0\n");
}

TEST_CASE("a declared table refuses cells out of the declared order and rows of the wrong length", "[columns]") {
  DeclaredTable swapped(kToy);
  swapped.row().cell(kName, std::string("a"));
  CHECK(message_of([&] { swapped.cell(kShare, 0.5); }) ==
        "toy.csv: row 1, cell 2 is 'share' where column 'count' is declared");

  DeclaredTable short_row(kToy);
  short_row.row().cell(kName, std::string("a")).cell(kCount, 1);
  CHECK(message_of([&] { short_row.row(); }) == "toy.csv: row 1 has 2 cells for 3 declared columns");
  CHECK(message_of([&] { (void)short_row.str(); }) == "toy.csv: row 1 has 2 cells for 3 declared columns");

  DeclaredTable long_row(kToy);
  long_row.row().cell(kName, std::string("a")).cell(kCount, 1).cell(kShare, 0.5);
  CHECK(message_of([&] { long_row.cell(kExtra, 1); }) ==
        "toy.csv: row 1 has a cell 'extra' beyond the 3 declared columns");

  DeclaredTable late(kToy);
  late.row().cell(kName, std::string("a")).cell(kCount, 1).cell(kShare, 0.5);
  CHECK(message_of([&] { late.add_columns(kToyExtra); }) == "toy.csv: columns added after the first row");
}

TEST_CASE("every results layout has unique names and says whether each count is simulated or real-world", "[columns]") {
  const std::set<std::string> dimensionless = {"", "s", "d", "0-1", "0/1", "ratio", "USD", "1/month"};
  std::set<std::string> region_daily;
  for (const CsvLayout& layout : gvsim::output::result_layouts()) {
    INFO(layout.heading.file);
    std::set<std::string> names;
    for (const Column& c : layout.columns) {
      INFO(c.name);
      CHECK(names.insert(std::string(c.name)).second);
      CHECK_FALSE(c.meaning.empty());
      const std::string unit(c.unit);
      if (dimensionless.count(unit) == 0)
        CHECK((unit.find("(simulated)") != std::string::npos || unit.find("(real-world)") != std::string::npos));
    }
    if (layout.heading.file == "region_daily.csv") {
      for (const auto& n : names)
        CHECK(region_daily.insert(n).second);  // the moderation block does not repeat a column
    }
  }
  CHECK(region_daily.size() ==
        layout_of(columns::region_daily::kCsv).columns.size() + layout_of(columns::moderation::kCsv).columns.size());
}

TEST_CASE("the files a run writes carry exactly the declared headers", "[columns]") {
  TempDir tmp;
  const std::string moderated = tmp.path() + "/moderation", promoted = tmp.path() + "/pricing";
  const auto first = run_gvsim({"run", source_dir() + "/experiments/policy_moderation.yaml", "--out", moderated,
                                "--quiet", "--set", "horizon_days=3"});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  const auto second = run_gvsim({"run", source_dir() + "/experiments/policy_pricing.yaml", "--out", promoted, "--quiet",
                                 "--set", "horizon_days=3"});
  INFO(second.err);
  REQUIRE(second.exit_code == 0);
  CHECK(header_of(moderated + "/timeseries.csv") == joined(layout_of(columns::timeseries::kCsv)));
  CHECK(header_of(moderated + "/summary.csv") == joined(layout_of(columns::summary::kCsv)));
  CHECK(header_of(moderated + "/region_daily.csv") ==
        joined(layout_of(columns::region_daily::kCsv)) + "," + joined(layout_of(columns::moderation::kCsv)));
  CHECK(header_of(moderated + "/kpis.csv") ==
        joined(layout_of(columns::kpis::kCsv)) + "," + joined(layout_of(columns::kpis_moderation::kCsv)));
  CHECK(header_of(promoted + "/region_daily.csv") == joined(layout_of(columns::region_daily::kCsv)));
  CHECK(header_of(promoted + "/kpis.csv") == joined(layout_of(columns::kpis::kCsv)));
  CHECK(header_of(promoted + "/promotions_daily.csv") == joined(layout_of(columns::promotions::kCsv)));
  CHECK(header_of(promoted + "/rivals_daily.csv") == joined(layout_of(columns::rivals::kCsv)));
}

TEST_CASE("the column reference in results/README.md is the one gvsim declares", "[columns][docs]") {
  const auto printed = run_gvsim({"columns"});
  REQUIRE(printed.exit_code == 0);
  // Regenerate with: gvsim columns, pasted between the markers (see results/README.md); no markers: empty section.
  CHECK(gvsim::test::generated_section(source_dir() + "/results/README.md", "columns") == printed.out);
  for (const CsvLayout& layout : gvsim::output::result_layouts()) {
    for (const Column& c : layout.columns)
      CHECK(printed.out.find("| " + std::string(c.name) + " | " + std::string(c.unit) + " | ") != std::string::npos);
  }
}

TEST_CASE("the report reader names the file and the declared column a results folder lacks", "[columns][report]") {
  namespace kpis = gvsim::output::columns::kpis;
  const auto file = gvsim::report::CsvFile::parse("scenario,region,users_adopted\ntoy,all,5\n", "run/kpis.csv");
  CHECK(file.column(kpis::kUsersAdopted) == 2);
  CHECK(file.has_column(kpis::kRegion));
  CHECK_FALSE(file.has_column(kpis::kArrUsd));
  CHECK(message_of([&] {
          (void)file.column(kpis::kArrUsd);
        }).find("run/kpis.csv: no column 'arr_usd' (net revenue of the last 30 days x 365 / 30)") == 0);
  CHECK_THROWS_AS(file.column(kpis::kArrUsd), gvsim::report::ReportError);
}
