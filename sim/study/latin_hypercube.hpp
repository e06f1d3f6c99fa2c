#pragma once

#include <cstddef>
#include <vector>

#include "sim/rng/random_stream.hpp"

namespace gvsim::study {

/// @brief The closed range [min, max] one key is sampled from.
struct Interval {
  double min = 0.0;
  double max = 1.0;
};

/// @brief A Latin hypercube of `samples` points over `ranges`: result[point][key].
///
/// Each key's range is cut into `samples` equal strata; every stratum holds exactly one point, at a uniform
/// position inside it, and the strata are matched across keys by an independent random permutation per key
/// (Fisher-Yates). Draws come only from `stream`, key by key: first the permutation, then the positions.
std::vector<std::vector<double>> sample_latin_hypercube(std::size_t samples, const std::vector<Interval>& ranges,
                                                        rng::RandomStream& stream);

}  // namespace gvsim::study
