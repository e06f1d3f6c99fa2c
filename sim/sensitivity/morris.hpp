#pragma once

#include <cstddef>
#include <vector>

#include "sim/rng/random_stream.hpp"
#include "sim/sensitivity/bootstrap.hpp"

namespace gvsim::sensitivity {

/// @brief One Morris trajectory: k + 1 points of the unit cube, each differing from the one before in one factor.
struct MorrisTrajectory {
  std::vector<std::vector<double>> points;  ///< points[step][factor], values on the grid {0, 1/(p-1), ..., 1}
  std::vector<std::size_t> moved;           ///< moved[step - 1]: the factor changed between step - 1 and step
};

/// @brief `trajectories` Morris (1991) trajectories over `factors` factors on a grid of `levels` (even, >= 2) levels.
///
/// Step Delta = levels / (2 (levels - 1)); each trajectory starts at a level drawn uniformly per factor and moves
/// the factors one at a time in a random order, up by Delta from a level below 1/2 and down from one above (the
/// only move that stays in [0, 1]). Draws come only from `stream`.
std::vector<MorrisTrajectory> sample_morris(std::size_t factors, std::size_t trajectories, std::size_t levels,
                                            rng::RandomStream& stream);

/// @brief Elementary-effect statistics of one factor, on unit-scaled inputs (output change per whole range).
struct MorrisEffect {
  Estimate mu_star;  ///< mean |EE|, with its bootstrap interval over trajectories
  Estimate mu;       ///< mean EE
  Estimate sigma;    ///< standard deviation of EE (n - 1); NaN with one trajectory
};

/// @brief Elementary effects from trajectories and the output at each of their points.
///
/// `points[t][s]` are the unit-cube coordinates of step s of trajectory t (the realised ones, e.g. after rounding)
/// and `outputs[t][s]` the model output there. EE = (y(step) - y(step - 1)) / (x_i(step) - x_i(step - 1)) for
/// the factor i that moved; a step that moves no factor (rounded away) or has a non-finite output is skipped.
/// Bootstrap: `resamples` resamples of whole trajectories drawn from `stream`.
std::vector<MorrisEffect> morris_effects(const std::vector<std::vector<std::vector<double>>>& points,
                                         const std::vector<std::vector<double>>& outputs, std::size_t resamples,
                                         rng::RandomStream& stream);

}  // namespace gvsim::sensitivity
