#include "sim/users/free_offer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gvsim::users {

namespace {

/// Above this mean number of requests a day e^-mean underflows the recursion: the mean alone is used.
constexpr double kPoissonRecursionLimit = 600.0;
/// Grid points per credit of the cheapest clip.
constexpr double kGridPerCheapestClip = 20.0;
/// The recursion stops once this little probability is left above the grid point reached.
constexpr double kTailMass = 1e-14;

/// The clips a segment requests, as (credits, share of requests); shares sum to 1 over the listed classes.
std::vector<ClipCredits> clips_of(const model::SegmentSpec& segment, const std::vector<model::ClipClass>& classes) {
  std::vector<ClipCredits> clips;
  for (const auto& mix : segment.clip_mix) {
    for (const auto& clip : classes) {
      if (clip.name == mix.ref.name) clips.emplace_back(clip.credits, mix.value);
    }
  }
  return clips;
}

double mean_credits(const std::vector<ClipCredits>& clips) {
  double credits = 0.0;
  double shares = 0.0;
  for (const auto& [c, share] : clips) {
    credits += c * share;
    shares += share;
  }
  return shares > 0.0 ? credits / shares : 0.0;
}

}  // namespace

double credit_coverage(double requests_per_day, const std::vector<ClipCredits>& clips, double free_credits) {
  double shares = 0.0;
  double cheapest = std::numeric_limits<double>::infinity();
  for (const auto& [c, share] : clips) {
    if (c <= 0.0 || share <= 0.0) continue;  // a free clip is always covered and wants nothing
    shares += share;
    cheapest = std::min(cheapest, c);
  }
  if (requests_per_day <= 0.0 || shares <= 0.0) return 1.0;
  if (free_credits <= 0.0) return 0.0;
  // Severity on a grid of step d: f[j] = share of requests wanting j grid steps of credits.
  const double d = cheapest / kGridPerCheapestClip;
  std::vector<double> f;
  double wanted_per_request = 0.0;
  for (const auto& [c, share] : clips) {
    if (c <= 0.0 || share <= 0.0) continue;
    const auto j = static_cast<std::size_t>(std::max(1.0, std::round(c / d)));
    if (f.size() <= j) f.resize(j + 1, 0.0);
    f[j] += share / shares;
    wanted_per_request += share / shares * static_cast<double>(j) * d;
  }
  const double wanted = requests_per_day * wanted_per_request;  // E[W]
  if (requests_per_day > kPoissonRecursionLimit) return std::min(1.0, free_credits / wanted);
  // Panjer's recursion for the compound Poisson W: g[k] = (lambda / k) sum_j j f[j] g[k - j], g[0] = e^-lambda.
  // E[min(W, F)] = sum over grid points below F of k d g[k] + F x P(W >= F).
  std::vector<double> g{std::exp(-requests_per_day)};
  double below = g[0];  // P(W < F) so far
  double covered = 0.0;
  for (std::size_t k = 1; static_cast<double>(k) * d < free_credits && 1.0 - below > kTailMass; ++k) {
    double sum = 0.0;
    for (std::size_t j = 1; j < f.size() && j <= k; ++j)
      sum += static_cast<double>(j) * f[j] * g[k - j];
    g.push_back(requests_per_day / static_cast<double>(k) * sum);
    below += g[k];
    covered += static_cast<double>(k) * d * g[k];
  }
  covered += free_credits * std::max(0.0, 1.0 - below);
  return std::clamp(covered / wanted, 0.0, 1.0);
}

FreeOffer::FreeOffer(const model::Scenario& scenario) {
  const auto& users = scenario.experiment.workload.users;
  const double credits = users.pricing.free_daily_credits;
  const double reference = users.pricing.free_credits_reference;
  const double weight = users.behaviour.lapse_coverage_weight;
  double clip_credits = 0.0;
  double consumer_share = 0.0;
  for (const auto& segment : users.segments) {
    if (segment.api_billing) {  // no credits: neither covered nor lapsing by them
      coverage_.push_back(1.0);
      lapse_.push_back(1.0);
      continue;
    }
    const std::vector<ClipCredits> clips = clips_of(segment, scenario.experiment.workload.clip_classes);
    clip_credits += segment.share * mean_credits(clips);
    consumer_share += segment.share;
    const double now = credit_coverage(segment.requests_per_day, clips, credits);
    coverage_.push_back(now);
    // Exactly 1 at the reference (same coverage) or at weight 0, so that the lapse draws are those without it.
    const double at_reference =
        credits == reference ? now : credit_coverage(segment.requests_per_day, clips, reference);
    lapse_.push_back(std::exp(weight * (at_reference - now)));
  }
  segment_adoption_.assign(users.segments.size(), 1.0);
  const double clip = consumer_share > 0.0 ? clip_credits / consumer_share : 0.0;
  if (clip <= 0.0) return;  // no consumer clips: free credits buy nothing
  free_clips_ = credits / clip;
  const double response = scenario.experiment.market.adoption.free_credit_response;
  const double consumer = std::exp(response * (std::log1p(credits / clip) - std::log1p(reference / clip)));
  if (consumer == 1.0) return;  // exactly as without the free offer
  double weighted = 0.0;
  double shares = 0.0;
  for (std::size_t s = 0; s < users.segments.size(); ++s) {
    if (!users.segments[s].api_billing) segment_adoption_[s] = consumer;
    weighted += users.segments[s].share * segment_adoption_[s];
    shares += users.segments[s].share;
  }
  adoption_ = shares > 0.0 ? weighted / shares : 1.0;
}

}  // namespace gvsim::users
