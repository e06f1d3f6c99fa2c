#include "sim/engine/job_source.hpp"

#include <algorithm>
#include <limits>

namespace gvsim::engine {

bool JobSource::next_paid() {
  if (paid_share_ <= 0.0) return false;
  if (paid_share_ >= 1.0) return true;
  return tiers_.bernoulli(paid_share_);
}

JobSource::JobSource(const model::RegionLoad& load, const std::vector<model::ClipClass>& clip_classes,
                     std::uint64_t master_seed, std::uint64_t replication)
    : rate_per_s_(load.arrivals.rate_per_hour / 3600.0),
      poisson_(load.arrivals.process == "poisson"),
      mean_s_(load.service.mean_s.value_or(0.0)),
      cv_(load.service.cv.value_or(0.0)),
      paid_share_(load.paid_share),
      multiplier_(load.arrivals.rate_multiplier),
      arrivals_(master_seed, replication, "arrivals/" + load.region.name),
      service_(master_seed, replication, "service/" + load.region.name),
      tiers_(master_seed, replication, "tiers/" + load.region.name) {
  for (const auto& point : multiplier_)
    multiplier_max_ = std::max(multiplier_max_, point.value);
  const std::string& d = load.service.distribution;
  service_kind_ = d == "exponential"     ? Service::kExponential
                  : d == "deterministic" ? Service::kDeterministic
                  : d == "lognormal"     ? Service::kLognormal
                                         : Service::kClipMix;
  double running = 0.0;
  for (const auto& share : load.service.mix) {
    for (std::size_t c = 0; c < clip_classes.size(); ++c) {
      if (clip_classes[c].name != share.ref.name) continue;
      class_work_s_.push_back(clip_classes[c].work_s);
      class_cv_.push_back(clip_classes[c].gpu_seconds_cv);
      class_index_.push_back(static_cast<std::uint32_t>(c));
      running += share.value;
      cumulative_share_.push_back(running);
    }
  }
}

double JobSource::next_arrival_after(double t) {
  if (multiplier_.empty()) return t + next_interarrival_s();
  if (multiplier_max_ <= 0.0) return std::numeric_limits<double>::infinity();
  // Thinning (Lewis and Shedler): candidates at the peak rate, each kept with probability m(t) / max m.
  for (;;) {
    t += arrivals_.exponential(1.0 / (rate_per_s_ * multiplier_max_));
    if (arrivals_.uniform() * multiplier_max_ < model::path_value(multiplier_, t / 86400.0)) return t;
  }
}

double JobSource::next_interarrival_s() {
  return poisson_ ? arrivals_.exponential(1.0 / rate_per_s_) : 1.0 / rate_per_s_;
}

double JobSource::sample_class(std::size_t index) {
  const double mean = class_work_s_[index];
  const double cv = class_cv_[index];
  return cv > 0.0 ? service_.lognormal(mean, cv) : mean;
}

double JobSource::next_work_s(std::uint32_t& clip_class) {
  clip_class = 0;
  switch (service_kind_) {
    case Service::kExponential:
      return service_.exponential(mean_s_);
    case Service::kDeterministic:
      return mean_s_;
    case Service::kLognormal:
      return service_.lognormal(mean_s_, cv_);
    case Service::kClipMix:
      break;
  }
  const std::size_t pick = service_.discrete(cumulative_share_);
  clip_class = class_index_[pick];
  return sample_class(pick);
}

double JobSource::mean_work_s() const {
  if (service_kind_ != Service::kClipMix) return mean_s_;
  double mean = 0.0;
  double previous = 0.0;
  for (std::size_t i = 0; i < class_work_s_.size(); ++i) {
    mean += (cumulative_share_[i] - previous) * class_work_s_[i];
    previous = cumulative_share_[i];
  }
  return previous > 0.0 ? mean / previous : 0.0;
}

}  // namespace gvsim::engine
