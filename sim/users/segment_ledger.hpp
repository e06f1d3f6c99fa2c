#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/market_spec.hpp"
#include "sim/users/user_table.hpp"

namespace gvsim::users {

/// @brief The tier a user or a job belongs to: the free tier, a subscription, or per-use API billing.
enum class SegmentTier : std::uint8_t { kFree = 0, kPaid = 1, kApi = 2 };

/// @brief Number of tiers (rows per segment are at most this many).
inline constexpr std::size_t kSegmentTiers = 3;

/// @brief The tier's name in the results: `free`, `paid` or `api`.
const char* tier_name(SegmentTier tier);

/// @brief What happened to one segment's users of one tier in one region during one UTC day (simulated units).
struct SegmentDay {
  std::int64_t new_users = 0;       ///< adoptions (a new user starts on the free tier, or on `api`)
  std::int64_t free_lapsed = 0;     ///< free (or API) users who left for good
  std::int64_t paid_churned = 0;    ///< paying users lost, cancelled or renewal payment failed
  std::int64_t jobs_delivered = 0;  ///< videos delivered, by the tier of the job when it was submitted
  double revenue_subscriptions_usd = 0.0;
  double revenue_packs_usd = 0.0;
  double revenue_api_usd = 0.0;
  // End-of-day snapshot.
  std::int64_t users_active = 0;  ///< users of the tier at the end of the day
  double satisfaction_sum = 0.0;  ///< over those users
};

/// @brief Day records of the market per region x day x segment x tier, beside the region-day records.
///
/// The market tells it each adoption, lapse, paid churn, charge and delivery at the moment it books the same event
/// in its region-day record, and hands it the active users at each day's end. Tiers: a segment billed per use has
/// only `api`; the others `free` and `paid`, by the user's state at the event (a job by its state at submission).
class SegmentLedger {
 public:
  /// @brief Records for `regions` regions and the experiment's `segments`.
  SegmentLedger(const std::vector<model::SegmentSpec>& segments, std::size_t regions);

  /// @brief The record of (region, UTC day of t, segment, tier), created on first use.
  SegmentDay& at(std::size_t region, double t, std::size_t segment, SegmentTier tier);
  /// @brief The record of user u's region, segment and current tier on the UTC day of t.
  SegmentDay& of_user(const UserTable& table, std::uint32_t u, double t);
  /// @brief The tier of a job of user u that was submitted as paid or not.
  SegmentTier job_tier(const UserTable& table, std::uint32_t u, bool paid) const;
  /// @brief The group of a job of user u (paid or not) in per-group tallies: (region x segments + segment) x
  /// kSegmentTiers + tier.
  std::size_t job_group(const UserTable& table, std::uint32_t u, bool paid) const;
  /// @brief The record of `region`'s enterprise contracts on the UTC day of t (the pseudo-segment after the last
  /// segment, tier `api`).
  SegmentDay& contracts(std::size_t region, double t) { return at(region, t, api_.size(), SegmentTier::kApi); }
  /// @brief The group of `region`'s contract jobs in per-group tallies.
  std::size_t contract_group(std::size_t region) const {
    return (region * cells_segments() + api_.size()) * kSegmentTiers + static_cast<std::size_t>(SegmentTier::kApi);
  }
  /// @brief Segments per region in the records and groups: the experiment's, then the enterprise contracts'.
  std::size_t cells_segments() const { return api_.size() + 1; }
  /// @brief Sets the end-of-day snapshot of `region` on the UTC day of t from its active users.
  void snapshot(const UserTable& table, const ActiveLists& active, std::size_t region, double t);

  /// @brief Number of segments.
  std::size_t segments() const { return api_.size(); }
  /// @brief True when segment g is billed per use (its one tier is `api`).
  bool api_billing(std::size_t g) const { return api_[g]; }
  /// @brief Records of `region`: [day][segment x kSegmentTiers + tier] (segment = segments() for the contracts);
  /// days after the last event are absent.
  const std::vector<std::vector<SegmentDay>>& days(std::size_t region) const { return days_[region]; }

 private:
  std::vector<bool> api_;
  std::vector<std::vector<std::vector<SegmentDay>>> days_;
};

}  // namespace gvsim::users
