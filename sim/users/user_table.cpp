#include "sim/users/user_table.hpp"

namespace gvsim::users {

std::uint32_t UserTable::add(std::uint16_t region_index, std::uint8_t segment_index, bool payment, float wtp,
                             float patience, float satisfaction_value, float initial_credits, std::int32_t today) {
  const auto index = static_cast<std::uint32_t>(region.size());
  region.push_back(region_index);
  segment.push_back(segment_index);
  state.push_back(UserState::kFree);
  tier.push_back(0);
  has_payment.push_back(payment ? 1 : 0);
  retrying.push_back(0);
  credits.push_back(initial_credits);
  wtp_usd.push_back(wtp);
  patience_s.push_back(patience);
  satisfaction.push_back(satisfaction_value);
  credit_day.push_back(today);
  offer_day.push_back(-1);
  renewal_day.push_back(-1);
  active_slot.push_back(0);
  return index;
}

void UserTable::reserve(std::size_t n) {
  region.reserve(n);
  segment.reserve(n);
  state.reserve(n);
  tier.reserve(n);
  has_payment.reserve(n);
  retrying.reserve(n);
  credits.reserve(n);
  wtp_usd.reserve(n);
  patience_s.reserve(n);
  satisfaction.reserve(n);
  credit_day.reserve(n);
  offer_day.reserve(n);
  renewal_day.reserve(n);
  active_slot.reserve(n);
}

std::size_t UserTable::bytes() const {
  return region.capacity() * 2 + segment.capacity() + state.capacity() + tier.capacity() + has_payment.capacity() +
         retrying.capacity() +
         (credits.capacity() + wtp_usd.capacity() + patience_s.capacity() + satisfaction.capacity()) * 4 +
         (credit_day.capacity() + offer_day.capacity() + renewal_day.capacity() + active_slot.capacity()) * 4;
}

void ActiveLists::add(UserTable& table, std::size_t group, std::uint32_t u) {
  table.active_slot[u] = static_cast<std::uint32_t>(lists_[group].size());
  lists_[group].push_back(u);
}

void ActiveLists::remove(UserTable& table, std::size_t group, std::uint32_t u) {
  auto& list = lists_[group];
  const std::uint32_t slot = table.active_slot[u];
  const std::uint32_t last = list.back();
  list[slot] = last;
  table.active_slot[last] = slot;
  list.pop_back();
}

}  // namespace gvsim::users
