#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/model/scenario.hpp"
#include "sim/rng/random_stream.hpp"
#include "sim/users/job_request.hpp"

namespace gvsim::users {

/// @brief A contract job just issued and what it bills.
struct ContractJob {
  JobRequest job;
  double usd = 0.0;  ///< billed at issue (committed volume is paid whether used or not)
};

/// @brief Enterprise contracts: each region's committed clip streams, their billing and their monthly p95 wait SLA.
///
/// A contract in a region requests its committed clips as a Poisson stream from the region's opening; each clip
/// is billed as issued. The queue waits of the contracts' delivered jobs (abandoned ones count as beyond any SLA)
/// are kept per region and contract over each 30-day UTC month; when the month's p95 exceeds the SLA, a share of
/// the month's contract revenue is credited back.
class EnterpriseContracts {
 public:
  /// @brief Contracts of `scenario`, with streams under (seed, replication).
  EnterpriseContracts(const model::Scenario& scenario, std::uint64_t seed, std::uint64_t replication);

  /// @brief Time of `region`'s next contract job (infinity if none).
  double next_job_s(std::size_t region) const { return regions_[region].next_s; }
  /// @brief Draws `region`'s next contract job after max(now, entry_s).
  void schedule(std::size_t region, double now, double entry_s);
  /// @brief Issues `region`'s due contract job at t and schedules the next one.
  ContractJob issue(std::size_t region, double t);
  /// @brief Region of a contract job.
  std::size_t region_of(const JobRequest& job) const { return books_[job.user - kFirstContractUser].region; }
  /// @brief Share of a contract job's clips that are harmful (its contract's harmful_share).
  double harmful_share(const JobRequest& job) const { return books_[job.user - kFirstContractUser].harmful_share; }
  /// @brief A contract job was delivered after waiting `wait_s`.
  void on_delivered(const JobRequest& job, double wait_s);
  /// @brief A contract job was abandoned (its wait counts as beyond the SLA).
  void on_abandoned(const JobRequest& job);
  /// @brief Closes the month of `region`'s contracts: the SLA penalties (USD) it owes; clears the month.
  double close_month(std::size_t region);
  /// @brief True when contracts exist.
  bool any() const { return !books_.empty(); }

  /// @brief 95th percentile of `waits` (nearest rank; 0 when empty); reorders them.
  static double p95(std::vector<float>& waits);

 private:
  /// One contract in one region.
  struct Book {
    std::size_t region = 0;
    std::uint32_t clip_class = 0;
    double rate_per_s = 0.0;  ///< simulated clips per second
    double usd_per_clip = 0.0;
    double sla_s = 0.0;
    double penalty_share = 0.0;
    float patience_s = 0.0F;
    double harmful_share = 0.0;
    double month_usd = 0.0;    ///< billed in the current month
    std::vector<float> waits;  ///< current month's waits
  };
  struct RegionStreams {
    double next_s = std::numeric_limits<double>::infinity();
    std::vector<std::size_t> books;
    std::vector<double> cumulative;  ///< by rate
    rng::RandomStream stream;
  };

  const model::Scenario& scenario_;
  std::vector<Book> books_;
  std::vector<RegionStreams> regions_;
};

}  // namespace gvsim::users
