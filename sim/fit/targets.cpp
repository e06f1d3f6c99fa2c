#include "sim/fit/targets.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "sim/config/config_node.hpp"

namespace gvsim::fit {

namespace {

using config::ConfigNode;
using schema::Diagnostics;

const std::vector<std::string> kDateMetrics = {"users_adopted", "users_share", "videos_delivered", "arr_net_usd"};
const std::vector<std::string> kWindowMetrics = {
    "revenue_gross_usd", "revenue_share", "revenue_mix_subscriptions_packs",
    "revenue_mix_api",   "gross_margin",  "gpu_hours_per_video_change"};
const std::vector<std::string> kKpiMetrics = {"arppu_usd_month", "conversion", "paid_churn_month"};
const std::vector<std::string> kTargetKeys = {"label", "metric", "region", "except", "date",      "day",    "window",
                                              "value", "range",  "above",  "public", "tolerance", "source", "fit"};

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string suggestion(const std::string& word, const std::vector<std::string>& names) {
  const std::string close = schema::closest_match(word, names);
  return close.empty() ? std::string() : " (did you mean \"" + close + "\"?)";
}

/// Reads the calendar positions of a target: a whole day number, or a date counted from day0.
class DayReader {
 public:
  DayReader(const std::string& day0, Diagnostics& d) : day0_(day0), d_(d) {}

  bool read(const ConfigNode& node, const std::string& path, int& day) const {
    if (node.kind != ConfigNode::Kind::kScalar) {
      d_.expected(node.mark, path, "a day number or a date YYYY-MM-DD", node.describe());
      return false;
    }
    char* end = nullptr;
    const long n = std::strtol(node.scalar.c_str(), &end, 10);
    if (!node.scalar.empty() && *end == '\0') {
      if (n < 0 || n > 36500) {
        d_.expected(node.mark, path, "a day number in [0, 36500]", node.scalar);
        return false;
      }
      day = static_cast<int>(n);
      return true;
    }
    if (day0_.empty()) {
      d_.expected(node.mark, path, "a day number (a date needs `day0:` at the top of the file)", node.describe());
      return false;
    }
    if (!days_between(day0_, node.scalar, day) || day < 0) {
      d_.expected(node.mark, path, "a date YYYY-MM-DD on or after day0 " + day0_, node.describe());
      return false;
    }
    return true;
  }

 private:
  std::string day0_;
  Diagnostics& d_;
};

bool read_number(const ConfigNode& node, const std::string& path, Diagnostics& d, double& out) {
  char* end = nullptr;
  if (node.kind == ConfigNode::Kind::kScalar && !node.scalar.empty()) {
    out = std::strtod(node.scalar.c_str(), &end);
    if (*end == '\0' && std::isfinite(out)) return true;
  }
  d.expected(node.mark, path, "a number", node.describe());
  return false;
}

std::string text_of(const ConfigNode& node, const std::string& path, Diagnostics& d) {
  if (node.kind != ConfigNode::Kind::kScalar) {
    d.expected(node.mark, path, "a text", node.describe());
    return {};
  }
  return node.scalar;
}

void check_region(const ConfigNode& node, const std::string& path, const std::string& name,
                  const std::vector<std::string>& regions, Diagnostics& d) {
  if (name == "all" || contains(regions, name)) return;
  d.error(node.mark, path,
          "expected \"all\" or a region of the run (" + schema::join_names(regions) + "), got \"" + name + "\"" +
              suggestion(name, regions));
}

void read_value(const ConfigNode& entry, const std::string& path, Target& t, Diagnostics& d) {
  int given = 0;
  if (const ConfigNode* v = entry.find("value")) {
    ++given;
    t.kind = TargetKind::kPoint;
    if (read_number(*v, path + ".value", d, t.value) && t.value == 0.0)
      d.expected(v->mark, path + ".value", "a non-zero number (errors are relative to it)", "0");
  }
  if (const ConfigNode* v = entry.find("above")) {
    ++given;
    t.kind = TargetKind::kAbove;
    read_number(*v, path + ".above", d, t.value);
  }
  if (const ConfigNode* v = entry.find("range")) {
    ++given;
    t.kind = TargetKind::kRange;
    if (v->kind != ConfigNode::Kind::kSequence || v->items.size() != 2) {
      d.expected(v->mark, path + ".range", "[low, high]", v->describe());
    } else if (read_number(*v->items[0], path + ".range[0]", d, t.value) &&
               read_number(*v->items[1], path + ".range[1]", d, t.high) && !(0.0 < t.value && t.value < t.high)) {
      d.expected(v->mark, path + ".range", "0 < low < high", flow_text(*v));
    }
  }
  if (given != 1)
    d.error(entry.mark, path,
            "expected exactly one of value, range or above, got " + std::to_string(given) + " of them");
}

void read_calendar(const ConfigNode& entry, const std::string& path, const DayReader& days, Target& t, Diagnostics& d) {
  const ConfigNode* date = entry.find("date");
  if (date == nullptr) date = entry.find("day");
  const ConfigNode* window = entry.find("window");
  const std::string key = entry.find("date") != nullptr ? ".date" : ".day";
  if (metric_needs_date(t.metric)) {
    if (date == nullptr) {
      d.error(entry.mark, path, "metric " + t.metric + " is read at one date: expected `date:` or `day:`");
    } else if (days.read(*date, path + key, t.first_day)) {
      t.last_day = t.first_day;
    }
    if (window != nullptr)
      d.error(window->mark, path + ".window", "metric " + t.metric + " takes a date, not a window");
  } else if (metric_needs_window(t.metric)) {
    if (window == nullptr || window->kind != ConfigNode::Kind::kSequence || window->items.size() != 2) {
      d.expected(window != nullptr ? window->mark : entry.mark, path + ".window", "[first, last] (days or dates)",
                 window != nullptr ? window->describe() : "nothing");
    } else if (days.read(*window->items[0], path + ".window[0]", t.first_day) &&
               days.read(*window->items[1], path + ".window[1]", t.last_day) && t.last_day < t.first_day) {
      d.expected(window->mark, path + ".window", "first <= last", flow_text(*window));
    }
    if (date != nullptr) d.error(date->mark, path + key, "metric " + t.metric + " takes a window, not a date");
  } else if (date != nullptr || window != nullptr) {
    const ConfigNode& at = date != nullptr ? *date : *window;
    d.error(at.mark, path, "metric " + t.metric + " is a KPI of the run's last 30 days (kpis.csv): no date or window");
  }
}

std::string shown_value(const Target& t) {
  switch (t.kind) {
    case TargetKind::kPoint:
      return schema::shortest(t.value);
    case TargetKind::kRange:
      return schema::shortest(t.value) + "-" + schema::shortest(t.high);
    case TargetKind::kAbove:
      return "> " + schema::shortest(t.value);
  }
  return {};
}

Target read_target(const ConfigNode& entry, const std::string& path, const DayReader& days,
                   const std::vector<std::string>& regions, Diagnostics& d) {
  Target t;
  t.where = entry.mark;
  if (entry.kind != ConfigNode::Kind::kMap) {
    d.expected(entry.mark, path, "a mapping (metric, date or window, value, tolerance, source)", entry.describe());
    return t;
  }
  for (const auto& e : entry.entries) {
    if (!contains(kTargetKeys, e.key))
      d.error(e.key_mark, path + "." + e.key,
              "unknown key; expected one of " + schema::join_names(kTargetKeys) + suggestion(e.key, kTargetKeys));
  }
  if (const ConfigNode* r = entry.find("region")) {
    t.region = text_of(*r, path + ".region", d);
    check_region(*r, path + ".region", t.region, regions, d);
  }
  if (const ConfigNode* x = entry.find("except")) {
    const bool list = x->kind == ConfigNode::Kind::kSequence;
    if (!list) d.expected(x->mark, path + ".except", "a list of region names", x->describe());
    for (std::size_t i = 0; list && i < x->items.size(); ++i) {
      const std::string item_path = path + ".except[" + std::to_string(i) + "]";
      t.except.push_back(text_of(*x->items[i], item_path, d));
      check_region(*x->items[i], item_path, t.except.back(), regions, d);
    }
    if (t.region != "all") d.error(x->mark, path + ".except", "expected `except` only with region all");
  }
  const ConfigNode* metric = entry.find("metric");
  if (metric == nullptr) {
    d.error(entry.mark, path, "expected `metric:` (one of " + schema::join_names(target_metric_names()) + ")");
    return t;
  }
  t.metric = text_of(*metric, path + ".metric", d);
  if (!contains(target_metric_names(), t.metric)) {
    d.error(metric->mark, path + ".metric",
            "expected one of " + schema::join_names(target_metric_names()) + ", got \"" + t.metric + "\"" +
                suggestion(t.metric, target_metric_names()));
    return t;
  }
  read_calendar(entry, path, days, t, d);
  read_value(entry, path, t, d);
  if (const ConfigNode* tol = entry.find("tolerance")) {
    if (read_number(*tol, path + ".tolerance", d, t.tolerance) && !(t.tolerance > 0.0))
      d.expected(tol->mark, path + ".tolerance", "a number > 0", tol->scalar);
  }
  if (const ConfigNode* s = entry.find("source")) t.source = text_of(*s, path + ".source", d);
  if (t.source.empty()) d.error(entry.mark, path, "expected `source:` (keys of docs/calibration.md, e.g. K2)");
  if (const ConfigNode* f = entry.find("fit")) {
    const std::string v = text_of(*f, path + ".fit", d);
    if (v != "true" && v != "false") d.expected(f->mark, path + ".fit", "true or false", f->describe());
    t.fit = v != "false";
  }
  if (const ConfigNode* p = entry.find("public")) t.shown = text_of(*p, path + ".public", d);
  if (t.shown.empty()) t.shown = shown_value(t);
  if (const ConfigNode* l = entry.find("label")) t.label = text_of(*l, path + ".label", d);
  if (t.label.empty()) t.label = t.metric + (t.region == "all" ? "" : " " + t.region);
  return t;
}

}  // namespace

int TargetSet::last_day_needed() const {
  int last = -1;
  for (const auto& t : targets)
    last = std::max(last, t.last_day);
  return last;
}

const std::vector<std::string>& target_metric_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all = kDateMetrics;
    all.insert(all.end(), kWindowMetrics.begin(), kWindowMetrics.end());
    all.insert(all.end(), kKpiMetrics.begin(), kKpiMetrics.end());
    return all;
  }();
  return names;
}

bool metric_needs_date(const std::string& metric) {
  return contains(kDateMetrics, metric);
}

bool metric_needs_window(const std::string& metric) {
  return contains(kWindowMetrics, metric);
}

bool days_between(const std::string& day0, const std::string& date, int& days) {
  // Days from the civil-calendar epoch (H. Hinnant's days_from_civil), so differences are exact across years.
  const auto serial = [](const std::string& text, long& out) {
    int y = 0;
    unsigned m = 0;
    unsigned dd = 0;
    char tail = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &dd, &tail) != 3) return false;
    static const unsigned kLength[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m < 1 || m > 12 || dd < 1 || dd > kLength[m - 1] || (m == 2 && dd == 29 && !leap)) return false;
    const int yy = y - (m <= 2 ? 1 : 0);
    const int era = (yy >= 0 ? yy : yy - 399) / 400;
    const auto yoe = static_cast<unsigned>(yy - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + dd - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    out = static_cast<long>(era) * 146097 + static_cast<long>(doe);
    return true;
  };
  long a = 0;
  long b = 0;
  if (!serial(day0, a) || !serial(date, b)) return false;
  days = static_cast<int>(b - a);
  return true;
}

TargetSet read_targets(const std::string& path, const std::vector<std::string>& regions) {
  Diagnostics d;
  TargetSet set;
  set.file = path;
  const auto root = config::parse_yaml_file(path, d);
  if (root == nullptr) throw schema::ConfigError(d);
  if (root->kind != ConfigNode::Kind::kMap) {
    d.expected(root->mark, "", "a mapping with day0 and targets", root->describe());
    throw schema::ConfigError(d);
  }
  static const std::vector<std::string> kTopKeys = {"day0", "description", "targets"};
  for (const auto& e : root->entries) {
    if (!contains(kTopKeys, e.key))
      d.error(e.key_mark, e.key,
              "unknown key; expected one of " + schema::join_names(kTopKeys) + suggestion(e.key, kTopKeys));
  }
  if (const ConfigNode* day0 = root->find("day0")) {
    set.day0 = text_of(*day0, "day0", d);
    int zero = 0;
    if (!days_between(set.day0, set.day0, zero)) {
      d.expected(day0->mark, "day0", "a date YYYY-MM-DD", day0->describe());
      set.day0.clear();
    }
  }
  const ConfigNode* list = root->find("targets");
  if (list == nullptr || list->kind != ConfigNode::Kind::kSequence || list->items.empty()) {
    d.expected(list != nullptr ? list->mark : root->mark, "targets", "a non-empty list of targets",
               list != nullptr ? list->describe() : "nothing");
    throw schema::ConfigError(d);
  }
  const DayReader days(set.day0, d);
  std::set<std::string> labels;
  for (std::size_t i = 0; i < list->items.size(); ++i) {
    const std::string item_path = "targets[" + std::to_string(i) + "]";
    set.targets.push_back(read_target(*list->items[i], item_path, days, regions, d));
    if (!labels.insert(set.targets.back().label).second)
      d.error(list->items[i]->mark, item_path + ".label", "label \"" + set.targets.back().label + "\" is used twice");
  }
  if (!d.empty()) throw schema::ConfigError(d);
  return set;
}

}  // namespace gvsim::fit
