#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/schema/fields.hpp"

namespace gvsim::model {

/// @brief One waiting region of the triggered entry policy, as written in the experiment file.
struct EntryTriggerSpec {
  schema::NameRef region;
  schema::NameRef home;
  std::optional<double> users_adopted_at_least;
  std::optional<double> gross_margin_30d_at_least;
  std::string require = "all";
  std::int64_t lag_days = 0;
  double not_before_day = 0.0;
  schema::SourceMark where;
};

/// @brief Parameters of the triggered entry policy.
struct TriggeredEntrySpec {
  std::vector<EntryTriggerSpec> regions;
};

/// @brief `policies.market_entry`: when each region opens.
struct MarketEntrySpec {
  std::string name = "scheduled";
  TriggeredEntrySpec triggered;
  schema::SourceMark where;
  schema::SourceMark triggered_where;  ///< position of the triggered block when given
};

void describe(schema::Fields& f, EntryTriggerSpec& v);
void describe(schema::Fields& f, TriggeredEntrySpec& v);
void describe(schema::Fields& f, MarketEntrySpec& v);

/// @brief Earliest day `region` can open under `spec` (its `entry_day` unless it waits for a trigger).
double earliest_entry_day(const MarketEntrySpec& spec, const std::string& region, double entry_day);

}  // namespace gvsim::model
