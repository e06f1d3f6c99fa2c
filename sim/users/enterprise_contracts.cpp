#include "sim/users/enterprise_contracts.hpp"

#include <algorithm>
#include <cmath>

#include "sim/users/market_time.hpp"

namespace gvsim::users {

EnterpriseContracts::EnterpriseContracts(const model::Scenario& scenario, std::uint64_t seed, std::uint64_t replication)
    : scenario_(scenario) {
  const auto& classes = scenario.experiment.workload.clip_classes;
  for (const auto& region : scenario.regions) {
    regions_.push_back(RegionStreams{std::numeric_limits<double>::infinity(),
                                     {},
                                     {},
                                     rng::RandomStream(seed, replication, "users/" + region.name + "/contracts")});
  }
  for (const auto& contract : scenario.experiment.workload.users.enterprise_contracts) {
    std::uint32_t clip = 0;
    while (clip < classes.size() && classes[clip].name != contract.clip_class.name)
      ++clip;
    if (clip == classes.size() || contract.contracts <= 0.0 || contract.clips_per_month <= 0.0) continue;
    for (std::size_t r = 0; r < scenario.regions.size(); ++r) {
      const bool listed = contract.regions.empty() ||
                          std::any_of(contract.regions.begin(), contract.regions.end(),
                                      [&](const schema::NameRef& n) { return n.name == scenario.regions[r].name; });
      if (!listed) continue;
      Book book;
      book.region = r;
      book.clip_class = clip;
      // Real-world contracts x clips per 30 days, in simulated clips (one simulated job stands for `scale`).
      book.rate_per_s = contract.contracts * contract.clips_per_month / (30.0 * kDay) / scenario.experiment.scale;
      book.usd_per_clip = classes[clip].credits * contract.usd_per_credit;
      book.sla_s = contract.sla_p95_wait_s;
      book.penalty_share = contract.penalty_share;
      book.patience_s = static_cast<float>(contract.patience_s);
      book.harmful_share = contract.harmful_share;
      auto& streams = regions_[r];
      streams.books.push_back(books_.size());
      streams.cumulative.push_back((streams.cumulative.empty() ? 0.0 : streams.cumulative.back()) + book.rate_per_s);
      books_.push_back(std::move(book));
    }
  }
}

void EnterpriseContracts::schedule(std::size_t region, double now, double entry_s) {
  auto& streams = regions_[region];
  const double rate = streams.cumulative.empty() ? 0.0 : streams.cumulative.back();
  // The stream's rate is constant, so the next job after max(now, entry) is one exponential draw away.
  streams.next_s = rate > 0.0 && std::isfinite(entry_s)
                       ? std::max(now, entry_s) + streams.stream.exponential(1.0 / rate)
                       : std::numeric_limits<double>::infinity();
}

ContractJob EnterpriseContracts::issue(std::size_t region, double t) {
  auto& streams = regions_[region];
  const std::size_t b = streams.books[streams.stream.discrete(streams.cumulative)];
  Book& book = books_[b];
  const auto& clip = scenario_.experiment.workload.clip_classes[book.clip_class];
  const double work =
      clip.gpu_seconds_cv > 0.0 ? streams.stream.lognormal(clip.work_s, clip.gpu_seconds_cv) : clip.work_s;
  ContractJob issued;
  issued.job = JobRequest{
      kFirstContractUser + static_cast<std::uint32_t>(b), book.clip_class, work, book.patience_s, 0.0F, true};
  issued.usd = book.usd_per_clip;
  book.month_usd += issued.usd;
  schedule(region, t, t);
  return issued;
}

void EnterpriseContracts::on_delivered(const JobRequest& job, double wait_s) {
  books_[job.user - kFirstContractUser].waits.push_back(static_cast<float>(wait_s));
}

void EnterpriseContracts::on_abandoned(const JobRequest& job) {
  books_[job.user - kFirstContractUser].waits.push_back(std::numeric_limits<float>::infinity());
}

double EnterpriseContracts::p95(std::vector<float>& waits) {
  if (waits.empty()) return 0.0;
  // Nearest rank: the smallest wait at or above which lie at most 5 % of the jobs.
  const auto rank = static_cast<std::size_t>(std::ceil(0.95 * static_cast<double>(waits.size()))) - 1;
  std::nth_element(waits.begin(), waits.begin() + static_cast<std::ptrdiff_t>(rank), waits.end());
  return waits[rank];
}

double EnterpriseContracts::close_month(std::size_t region) {
  double penalty = 0.0;
  for (std::size_t b : regions_[region].books) {
    Book& book = books_[b];
    if (p95(book.waits) > book.sla_s) penalty += book.penalty_share * book.month_usd;
    book.waits.clear();
    book.month_usd = 0.0;
  }
  return penalty;
}

}  // namespace gvsim::users
