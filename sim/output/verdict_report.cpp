// The product / feature / cost-centre verdict as the console shows it after a users-mode run.
#include "sim/output/verdict_report.hpp"

#include <cmath>
#include <cstdio>

namespace gvsim::output {

namespace {

std::string usd(double value) {
  char text[48];
  const double magnitude = std::fabs(value);
  if (magnitude >= 1e9)
    std::snprintf(text, sizeof text, "$%.2fB", value / 1e9);
  else if (magnitude >= 1e6)
    std::snprintf(text, sizeof text, "$%.2fM", value / 1e6);
  else
    std::snprintf(text, sizeof text, "$%.1fk", value / 1e3);
  return text;
}

std::string line(const std::string& name, const economics::ParentKpis& p) {
  char text[512];
  std::snprintf(
      text, sizeof text,
      "  %-20s standalone %s + parent %s (creators %s, merchants %s, advertisers %s, own campaigns %s) = "
      "%s; advertiser trust lowest %.3f, end %.3f: %s\n",
      name.c_str(), usd(p.profit_usd).c_str(), usd(p.value.total_usd()).c_str(), usd(p.value.creators_usd).c_str(),
      usd(p.value.merchants_usd).c_str(), usd(p.value.advertisers_usd).c_str(), usd(p.value.production_usd).c_str(),
      usd(p.total_value_usd()).c_str(), p.value.trust, p.trust_end, economics::verdict_name(p.verdict).c_str());
  return text;
}

}  // namespace

std::string verdict_report(const model::Scenario& scenario, const economics::RunBooks& books) {
  const auto& parent = scenario.experiment.parent;
  const auto& all = books.parent.kpis.back();
  const auto& k = books.kpis.back();
  char head[512];
  std::snprintf(
      head, sizeof head,
      "product, feature or cost centre (whole run; product when margin >= %.3g, else feature when parent "
      "value >= %.3g x the loss): margin %s (last 30 days %s), break-even %s\n",
      parent.product_margin_at_least, parent.feature_cover_at_least,
      std::isfinite(k.gross_margin_run) ? (std::to_string(std::lround(100.0 * k.gross_margin_run)) + " %").c_str()
                                        : "-",
      std::isfinite(k.gross_margin) ? (std::to_string(std::lround(100.0 * k.gross_margin)) + " %").c_str() : "-",
      all.break_even_day >= 0 ? ("day " + std::to_string(all.break_even_day)).c_str() : "not reached");
  std::string out = head;
  for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
    if (scenario.regions[r].parent.users_share > 0.0) out += line(scenario.regions[r].name, books.parent.kpis[r]);
  }
  out += line("all", all);
  return out;
}

}  // namespace gvsim::output
