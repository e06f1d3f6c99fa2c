#include "sim/fit/optimiser.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <nlopt.hpp>

namespace gvsim::fit {

namespace {

struct Tracker {
  const Optimiser::Function* f = nullptr;
  OptimiserResult* result = nullptr;
  std::exception_ptr failure;  ///< what the function threw; NLopt would replace it with its own error
};

double call(unsigned n, const double* x, double* gradient, void* data) {
  (void)gradient;  // derivative-free methods never ask for it
  auto* t = static_cast<Tracker*>(data);
  std::vector<double> point(x, x + n);
  double v = 0.0;
  try {
    v = (*t->f)(point);
  } catch (...) {
    t->failure = std::current_exception();
    throw nlopt::forced_stop();
  }
  if (!std::isfinite(v)) v = std::numeric_limits<double>::max() / 4;  // NLopt cannot use NaN
  ++t->result->evaluations;
  if (t->result->evaluations == 1 || v < t->result->best_value) {
    t->result->best_value = v;
    t->result->best = point;
  }
  return v;
}

std::string reason(nlopt::result r) {
  switch (r) {
    case nlopt::MAXEVAL_REACHED:
      return "evaluation budget reached";
    case nlopt::XTOL_REACHED:
      return "steps below the parameter tolerance";
    case nlopt::FTOL_REACHED:
      return "objective changes below tolerance";
    case nlopt::STOPVAL_REACHED:
      return "objective reached the stop value";
    case nlopt::ROUNDOFF_LIMITED:
      return "round-off limited";
    default:
      return "converged";
  }
}

}  // namespace

bool parse_method(const std::string& text, Method& method) {
  if (text == "bobyqa") {
    method = Method::kBobyqa;
  } else if (text == "neldermead" || text == "nelder-mead") {
    method = Method::kNelderMead;
  } else {
    return false;
  }
  return true;
}

Optimiser::Optimiser(Method method, std::size_t max_evals, double x_tolerance)
    : method_(method), max_evals_(std::max<std::size_t>(max_evals, 1)), x_tolerance_(x_tolerance) {}

OptimiserResult Optimiser::minimise(const Function& f, std::vector<double> start) const {
  const auto n = static_cast<unsigned>(start.size());
  // BOBYQA needs at least two dimensions; a one-parameter fit uses Nelder-Mead.
  const nlopt::algorithm algorithm = method_ == Method::kBobyqa && n >= 2 ? nlopt::LN_BOBYQA : nlopt::LN_NELDERMEAD;
  nlopt::opt opt(algorithm, n);
  opt.set_lower_bounds(std::vector<double>(n, 0.0));
  opt.set_upper_bounds(std::vector<double>(n, 1.0));
  opt.set_maxeval(static_cast<int>(max_evals_));
  opt.set_xtol_abs(x_tolerance_);
  // A quarter of the box, shrunk where the start is near a bound, so the first simplex or trust region fits.
  std::vector<double> step(n);
  for (unsigned i = 0; i < n; ++i) {
    start[i] = std::clamp(start[i], 0.0, 1.0);
    step[i] = std::max(0.05, std::min(0.25, std::max(start[i], 1.0 - start[i]) / 2));
  }
  opt.set_initial_step(step);
  OptimiserResult result;
  Tracker tracker{&f, &result, nullptr};
  opt.set_min_objective(call, &tracker);
  double value = 0.0;
  try {
    result.stop_reason = reason(opt.optimize(start, value));
  } catch (const nlopt::roundoff_limited&) {
    result.stop_reason = "round-off limited";
  } catch (const nlopt::forced_stop&) {
    if (tracker.failure) std::rethrow_exception(tracker.failure);
    result.stop_reason = "stopped";
  }
  return result;
}

}  // namespace gvsim::fit
