#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace gvsim::fit {

/// @brief The derivative-free methods offered (NLopt's local bounded ones).
enum class Method { kBobyqa, kNelderMead };

/// @brief Reads "bobyqa" or "neldermead"; false otherwise.
bool parse_method(const std::string& text, Method& method);

/// @brief What a minimisation found.
struct OptimiserResult {
  std::vector<double> best;  ///< the best point seen, in [0,1]^n
  double best_value = 0.0;
  std::size_t evaluations = 0;
  std::string stop_reason;  ///< NLopt's reason, in words
};

/// @brief Minimises a function of parameters scaled to [0,1]^n with NLopt (bounded BOBYQA or Nelder-Mead).
///
/// The start is the given point (clamped to the box); the initial step is a quarter of the box. Stops after
/// `max_evals` evaluations or when a step changes the point by less than `x_tolerance` (scaled units). The
/// function may be noisy: the best point is the best value seen, not where NLopt stopped.
class Optimiser {
 public:
  /// @brief f maps a point of [0,1]^n to the value to minimise.
  using Function = std::function<double(const std::vector<double>&)>;

  /// @brief An optimiser of `method` with an evaluation budget.
  Optimiser(Method method, std::size_t max_evals, double x_tolerance = 1e-3);
  /// @brief Minimises `f` from `start` (size n >= 1).
  OptimiserResult minimise(const Function& f, std::vector<double> start) const;

 private:
  Method method_;
  std::size_t max_evals_;
  double x_tolerance_;
};

}  // namespace gvsim::fit
