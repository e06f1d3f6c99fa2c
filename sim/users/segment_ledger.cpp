#include "sim/users/segment_ledger.hpp"

#include "sim/users/market_time.hpp"

namespace gvsim::users {

const char* tier_name(SegmentTier tier) {
  switch (tier) {
    case SegmentTier::kFree:
      return "free";
    case SegmentTier::kPaid:
      return "paid";
    case SegmentTier::kApi:
      return "api";
  }
  return "?";
}

SegmentLedger::SegmentLedger(const std::vector<model::SegmentSpec>& segments, std::size_t regions) : days_(regions) {
  for (const auto& segment : segments)
    api_.push_back(segment.api_billing);
}

SegmentDay& SegmentLedger::at(std::size_t region, double t, std::size_t segment, SegmentTier tier) {
  auto& days = days_[region];
  const auto d = static_cast<std::size_t>(t / kDay);
  if (days.size() <= d) days.resize(d + 1, std::vector<SegmentDay>(cells_segments() * kSegmentTiers));
  return days[d][segment * kSegmentTiers + static_cast<std::size_t>(tier)];
}

SegmentTier SegmentLedger::job_tier(const UserTable& table, std::uint32_t u, bool paid) const {
  if (api_[table.segment[u]]) return SegmentTier::kApi;
  return paid ? SegmentTier::kPaid : SegmentTier::kFree;
}

std::size_t SegmentLedger::job_group(const UserTable& table, std::uint32_t u, bool paid) const {
  return (static_cast<std::size_t>(table.region[u]) * cells_segments() + table.segment[u]) * kSegmentTiers +
         static_cast<std::size_t>(job_tier(table, u, paid));
}

SegmentDay& SegmentLedger::of_user(const UserTable& table, std::uint32_t u, double t) {
  return at(table.region[u], t, table.segment[u], job_tier(table, u, table.state[u] == UserState::kPaid));
}

void SegmentLedger::snapshot(const UserTable& table, const ActiveLists& active, std::size_t region, double t) {
  for (std::size_t g = 0; g < api_.size(); ++g) {
    for (std::size_t k = 0; k < kSegmentTiers; ++k) {
      auto& day = at(region, t, g, static_cast<SegmentTier>(k));
      day.users_active = 0;
      day.satisfaction_sum = 0.0;
    }
    for (std::uint32_t u : active.members(region * api_.size() + g)) {
      auto& day = of_user(table, u, t);
      ++day.users_active;
      day.satisfaction_sum += table.satisfaction[u];
    }
  }
}

}  // namespace gvsim::users
