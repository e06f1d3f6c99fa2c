#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "sim/fit/targets.hpp"

namespace gvsim::fit {

/// @brief The day-by-region records and the KPI rows of one run folder, from which targets' metrics are computed.
class RunObservations {
 public:
  /// @brief Reads region_daily.csv and kpis.csv of `run_dir`; throws report::ReportError naming a missing file.
  static RunObservations read(const std::string& run_dir);

  /// @brief The model's value of the target's metric; NaN when the run does not reach the target's days.
  double value(const Target& target) const;
  /// @brief The last simulated day.
  int last_day() const { return static_cast<int>(days_) - 1; }
  /// @brief Regions in the order of the file.
  const std::vector<std::string>& regions() const { return regions_; }

 private:
  enum Series { kUsersNew, kDelivered, kNet, kSubscriptions, kPacks, kApi, kCost, kGpuBusy, kSeriesCount };
  /// Sum of `series` over days [first, last] and the regions selected by `region` and `except`.
  double sum(Series series, int first, int last, const std::string& region,
             const std::vector<std::string>& except) const;
  double gross(int first, int last, const std::string& region, const std::vector<std::string>& except) const;
  /// Busy GPU-hours per delivered video over days [first, last]; NaN without a delivered video.
  double gpu_hours_per_video(int first, int last, const std::string& region,
                             const std::vector<std::string>& except) const;

  std::vector<std::string> regions_;
  std::size_t days_ = 0;
  std::map<std::string, std::array<std::vector<double>, kSeriesCount>> series_;  ///< region -> series -> day
  std::map<std::string, std::map<std::string, double>> kpis_;                    ///< region -> column -> value
};

}  // namespace gvsim::fit
