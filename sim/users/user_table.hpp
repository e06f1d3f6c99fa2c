#pragma once

#include <cstdint>
#include <vector>

namespace gvsim::users {

/// @brief Where a user stands with the platform.
enum class UserState : std::uint8_t { kFree = 0, kPaid = 1, kChurned = 2 };

/// @brief All simulated users as a struct of arrays: millions fit in memory, and daily sweeps stay cache-friendly.
///
/// One index per user; arrays grow as users adopt. About 39 bytes per user.
struct UserTable {
  std::vector<std::uint16_t> region;
  std::vector<std::uint8_t> segment;
  std::vector<UserState> state;
  std::vector<std::uint8_t> tier;         ///< subscription tier while paid
  std::vector<std::uint8_t> has_payment;  ///< 1 when the user has a usable payment method
  std::vector<std::uint8_t> retrying;     ///< 1 while paid in the grace period of a declined renewal
  std::vector<float> credits;
  std::vector<float> wtp_usd;  ///< willingness to pay per month
  std::vector<float> patience_s;
  std::vector<float> satisfaction;         ///< in [0, 1]
  std::vector<std::int32_t> credit_day;    ///< local day of the last free-credit refill
  std::vector<std::int32_t> offer_day;     ///< local day of the last upgrade offer
  std::vector<std::int32_t> renewal_day;   ///< UTC day of the next renewal while paid
  std::vector<std::uint32_t> active_slot;  ///< position in the region x segment active list

  /// @brief Number of users ever adopted.
  std::size_t size() const { return region.size(); }
  /// @brief Appends a user and returns its index.
  std::uint32_t add(std::uint16_t region_index, std::uint8_t segment_index, bool payment, float wtp, float patience,
                    float satisfaction_value, float initial_credits, std::int32_t today);
  /// @brief Reserves room for `n` users.
  void reserve(std::size_t n);
  /// @brief Bytes held by the arrays.
  std::size_t bytes() const;
};

/// @brief Users who can still make requests (free or paid), grouped for O(1) sampling and removal.
class ActiveLists {
 public:
  /// @brief Lists for `groups` groups (region x segment).
  explicit ActiveLists(std::size_t groups) : lists_(groups) {}
  /// @brief Adds user `u` to `group`, remembering its slot in `table.active_slot`.
  void add(UserTable& table, std::size_t group, std::uint32_t u);
  /// @brief Removes user `u` from `group` in O(1) (swap with the last).
  void remove(UserTable& table, std::size_t group, std::uint32_t u);
  /// @brief Active users in `group`.
  const std::vector<std::uint32_t>& members(std::size_t group) const { return lists_[group]; }
  /// @brief Number of active users in `group`.
  std::size_t count(std::size_t group) const { return lists_[group].size(); }

 private:
  std::vector<std::vector<std::uint32_t>> lists_;
};

}  // namespace gvsim::users
