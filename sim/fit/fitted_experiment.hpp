#pragma once

#include <string>
#include <vector>

namespace gvsim::fit {

/// @brief The text of an experiment file with `assignments` (`key.path=value`, as `--set` takes them) written into
/// it, `platform.regions_dir` rewritten relative to `out_dir` (where the text will be saved), and `header` as
/// comment lines on top. The YAML is emitted again, so the original comments are not kept.
std::string fitted_experiment_text(const std::string& experiment, const std::vector<std::string>& assignments,
                                   const std::string& out_dir, const std::vector<std::string>& header);

}  // namespace gvsim::fit
