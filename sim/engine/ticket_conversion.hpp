#pragma once

#include <cstddef>
#include <cstdint>

#include "policies/job_ticket.hpp"
#include "sim/users/job_request.hpp"

namespace gvsim::engine {

/// @brief The ticket of a market request submitted from `region` at time t, the region's `sequence`-th job.
inline policies::JobTicket as_ticket(const users::JobRequest& request, std::size_t region, double t,
                                     std::uint64_t sequence) {
  policies::JobTicket job;
  job.id = (static_cast<std::uint64_t>(region) << 40) | sequence;
  job.submit_time_s = t;
  job.origin_region = static_cast<std::uint32_t>(region);
  job.work_gpu_s = request.work_gpu_s;
  job.clip_class = request.clip_class;
  job.user = request.user;
  job.patience_s = request.patience_s;
  job.credits = request.credits;
  job.paid = request.paid;
  job.harmful = request.harmful;
  job.poor = request.poor;
  job.risk_class = request.risk_class;
  job.labelled = request.labelled;
  return job;
}

/// @brief The market request a ticket came from, as the market's callbacks take it.
inline users::JobRequest as_request(const policies::JobTicket& job) {
  return users::JobRequest{job.user, job.clip_class, job.work_gpu_s, job.patience_s, job.credits,
                           job.paid, job.harmful,    job.poor,       job.risk_class, job.labelled};
}

}  // namespace gvsim::engine
