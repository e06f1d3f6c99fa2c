#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "policies/pricing_policy.hpp"
#include "sim/model/market_spec.hpp"
#include "sim/schema/fields.hpp"

namespace gvsim::model {

/// @brief A time-limited discount as written in the experiment file.
struct PromotionSpec {
  std::string name;
  double start_day = 0.0;
  double end_day = 0.0;
  double discount = 0.0;
  std::vector<schema::NameRef> regions;  ///< empty: every region
  std::string applies_to = "both";
  std::int64_t first_months = 1;
  schema::SourceMark where;
  schema::SourceMark end_where;  ///< position of end_day
};

/// @brief `policies.pricing`: which pricing policy with its parameters, and what all of them share: promotions.
struct PricingPolicySpec : policies::PricingSelection {
  std::vector<PromotionSpec> promotions;
};

void describe(schema::Fields& f, PromotionSpec& v);
void describe(schema::Fields& f, PricingPolicySpec& v);

}  // namespace gvsim::model
