// The per-kind construction contexts of the policies, taken from the scenario.
#include "sim/model/policy_contexts.hpp"

#include "sim/model/region_graph.hpp"

namespace gvsim::model {

namespace {
std::vector<std::string> region_names(const Scenario& scenario) {
  std::vector<std::string> names;
  for (const auto& region : scenario.regions)
    names.push_back(region.name);
  return names;
}
}  // namespace

policies::PricingContext pricing_context(const Scenario& scenario) {
  policies::PricingContext context;
  for (const auto& region : scenario.regions)
    context.price_index.push_back(region.market.price_index);
  for (const auto& p : scenario.experiment.policies.pricing.promotions) {
    policies::Promotion promotion;
    promotion.name = p.name;
    promotion.start_day = p.start_day;
    promotion.end_day = p.end_day;
    promotion.discount = p.discount;
    for (const auto& ref : p.regions)
      promotion.regions.push_back(region_index(scenario, ref.name));
    promotion.subscriptions = p.applies_to != "packs";
    promotion.packs = p.applies_to != "subscriptions";
    promotion.first_months = p.first_months;
    context.promotions.push_back(std::move(promotion));
  }
  return context;
}

policies::MarketEntryContext market_entry_context(const Scenario& scenario) {
  policies::MarketEntryContext context;
  context.region_names = region_names(scenario);
  for (const auto& region : scenario.regions)
    context.entry_days.push_back(region.market.entry_day);
  return context;
}

policies::ModerationContext moderation_context(const Scenario& scenario) {
  return policies::ModerationContext{region_names(scenario)};
}

}  // namespace gvsim::model
