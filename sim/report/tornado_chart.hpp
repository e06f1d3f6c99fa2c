#pragma once

#include <string>
#include <vector>

#include "sim/report/sensitivity_indices.hpp"

namespace gvsim::report {

/// @brief The metrics a tornado chart shows: the headline ones measured (profit, paying users, churn), else the
/// first three with indices.
std::vector<std::string> tornado_metrics(const std::vector<IndexRow>& rows);

/// @brief A standalone SVG with one tornado panel per metric: the factors as horizontal bars of `index`, largest on
/// top, with their bootstrap 95% whiskers; at most `top` factors per panel. Empty when no row has that index.
std::string svg_tornado(const std::vector<IndexRow>& rows, const std::vector<std::string>& metrics,
                        const std::string& index, std::size_t top = 15);

/// @brief Writes sensitivity_indices.csv and sensitivity_tornado.svg into `out_dir` (appending their names to
/// `files`) when `rows` holds indices, and removes those of an earlier report otherwise.
void write_index_files(const std::string& out_dir, const std::string& method, const std::vector<IndexRow>& rows,
                       std::vector<std::string>& files);

}  // namespace gvsim::report
