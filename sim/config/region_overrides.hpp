#pragma once

#include <string>
#include <vector>

#include "sim/config/config_node.hpp"
#include "sim/schema/diagnostics.hpp"

namespace gvsim::config {

/// @brief Merges an experiment's `regions.NAME` block into the parsed region file of NAME.
///
/// Mappings merge key by key; a mapping given where the region file has a list of named items (datacenters,
/// clusters) addresses those items by their `name`; any other value replaces the file's value. Merged values keep
/// their own source positions (the experiment file or `--set`), so the region schema's errors point at them. An
/// item name that the list does not hold is an error with the closest name. `path` is the key path of
/// `region_file_root` as the error messages show it (`regions.NAME`).
void merge_region_override(ConfigNode& region_file_root, const ConfigNode& override_block, const std::string& path,
                           schema::Diagnostics& diagnostics);

/// @brief Merges an experiment's block for a catalog of named entries (`gpus:` into regions/gpus.yaml's `gpus`,
/// `video_models:` into regions/video_models.yaml's `video_models`) by entry name; a name the catalog does not hold
/// is an error naming `what` it should be, with the closest name. `path` is the block's key (`gpus`).
void merge_catalog_override(ConfigNode& entries, const ConfigNode& override_block, const std::string& path,
                            const std::string& what, schema::Diagnostics& diagnostics);

/// @brief Merges an experiment's `wan:` block into the `links` list of regions/wan.yaml; a link is addressed as
/// `FROM-TO` in either order, and a name that matches no link is an error with the closest name.
void merge_wan_override(ConfigNode& links, const ConfigNode& override_block, schema::Diagnostics& diagnostics);

/// @brief Checks that every region an experiment's `regions` block names takes part in the run.
void check_region_override_names(const ConfigNode& regions_block, const std::vector<std::string>& participating,
                                 schema::Diagnostics& diagnostics);

}  // namespace gvsim::config
