#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/config/fields.hpp"

namespace gvsim::model {

/// @brief One waiting region of the triggered entry policy, as written in the experiment file.
struct EntryTriggerSpec {
  config::NameRef region;
  config::NameRef home;
  std::optional<double> users_adopted_at_least;
  std::optional<double> gross_margin_30d_at_least;
  std::string require = "all";
  std::int64_t lag_days = 0;
  double not_before_day = 0.0;
  config::SourceMark where;
};

/// @brief Parameters of the triggered entry policy.
struct TriggeredEntrySpec {
  std::vector<EntryTriggerSpec> regions;
};

/// @brief `policies.market_entry`: when each region opens.
struct MarketEntrySpec {
  std::string name = "scheduled";
  TriggeredEntrySpec triggered;
  config::SourceMark where;
  config::SourceMark triggered_where;  ///< position of the triggered block when given
};

void describe(config::Fields& f, EntryTriggerSpec& v);
void describe(config::Fields& f, TriggeredEntrySpec& v);
void describe(config::Fields& f, MarketEntrySpec& v);

/// @brief Earliest day `region` can open under `spec` (its `entry_day` unless it waits for a trigger).
double earliest_entry_day(const MarketEntrySpec& spec, const std::string& region, double entry_day);

}  // namespace gvsim::model
