#include "sim/config/region_overrides.hpp"

#include <algorithm>

namespace gvsim::config {

namespace {

/// The item of a list of mappings whose `name` is `name`, or nullptr; `names` receives every item's name.
ConfigNode* named_item(const ConfigNode& list, const std::string& name, std::vector<std::string>& names) {
  ConfigNode* found = nullptr;
  for (const auto& item : list.items) {
    const ConfigNode* item_name = item->kind == ConfigNode::Kind::kMap ? item->find("name") : nullptr;
    if (item_name == nullptr || item_name->kind != ConfigNode::Kind::kScalar) continue;
    names.push_back(item_name->scalar);
    if (item_name->scalar == name) found = item.get();
  }
  return found;
}

void merge(ConfigNode& target, const ConfigNode& block, const std::string& path, schema::Diagnostics& diagnostics);

/// Merges `block`'s entries into the named items of the list `target`.
void merge_into_list(ConfigNode& target, const ConfigNode& block, const std::string& path,
                     schema::Diagnostics& diagnostics) {
  for (const auto& entry : block.entries) {
    std::vector<std::string> names;
    ConfigNode* item = named_item(target, entry.key, names);
    if (item == nullptr) {
      const std::string close = schema::closest_match(entry.key, names);
      diagnostics.error(entry.key_mark, path + "." + entry.key,
                        "no item named '" + entry.key + "' in " + path +
                            (close.empty() ? "" : "; did you mean '" + close + "'?") +
                            " (items: " + schema::join_names(names) + ")");
      continue;
    }
    merge(*item, *entry.value, path + "." + entry.key, diagnostics);
  }
}

void merge(ConfigNode& target, const ConfigNode& block, const std::string& path, schema::Diagnostics& diagnostics) {
  if (block.kind != ConfigNode::Kind::kMap) {
    target = std::move(*block.clone());
    return;
  }
  if (target.kind == ConfigNode::Kind::kSequence) {
    merge_into_list(target, block, path, diagnostics);
    return;
  }
  if (target.kind != ConfigNode::Kind::kMap) {
    target = std::move(*block.clone());
    return;
  }
  for (const auto& entry : block.entries) {
    ConfigNode* existing = target.find(entry.key);
    if (existing == nullptr) {
      // A key the region file does not set: added as given, and checked by the region schema like any other.
      target.entries.push_back(ConfigNode::Entry{entry.key, entry.key_mark, entry.value->clone()});
      continue;
    }
    merge(*existing, *entry.value, path + "." + entry.key, diagnostics);
  }
}

/// Error for an override entry whose key names nothing in `names`, with the closest name.
void unknown_name(const ConfigNode::Entry& entry, const std::vector<std::string>& names, const std::string& path,
                  const std::string& what, schema::Diagnostics& diagnostics) {
  const std::string close = schema::closest_match(entry.key, names);
  diagnostics.error(entry.key_mark, path + "." + entry.key,
                    "'" + entry.key + "' is not " + what + (close.empty() ? "" : "; did you mean '" + close + "'?") +
                        " (known: " + schema::join_names(names) + ")");
}

std::string scalar_of(const ConfigNode& item, const char* key) {
  const ConfigNode* value = item.kind == ConfigNode::Kind::kMap ? item.find(key) : nullptr;
  return value != nullptr && value->kind == ConfigNode::Kind::kScalar ? value->scalar : std::string();
}

}  // namespace

void merge_catalog_override(ConfigNode& entries, const ConfigNode& block, const std::string& path,
                            const std::string& what, schema::Diagnostics& diagnostics) {
  std::vector<std::string> names;
  for (const auto& entry : entries.entries)
    names.push_back(entry.key);
  for (const auto& entry : block.entries) {
    ConfigNode* item = entries.find(entry.key);
    if (item == nullptr) {
      unknown_name(entry, names, path, what, diagnostics);
      continue;
    }
    merge(*item, *entry.value, path + "." + entry.key, diagnostics);
  }
}

void merge_wan_override(ConfigNode& links, const ConfigNode& block, schema::Diagnostics& diagnostics) {
  std::vector<std::string> names;
  for (const auto& item : links.items)
    names.push_back(scalar_of(*item, "from") + "-" + scalar_of(*item, "to"));
  for (const auto& entry : block.entries) {
    std::size_t found = names.size();
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string reversed = scalar_of(*links.items[i], "to") + "-" + scalar_of(*links.items[i], "from");
      if (entry.key == names[i] || entry.key == reversed) found = i;
    }
    if (found == names.size()) {
      unknown_name(entry, names, "wan", "a WAN link of regions/wan.yaml (FROM-TO)", diagnostics);
      continue;
    }
    merge(*links.items[found], *entry.value, "wan." + entry.key, diagnostics);
  }
}

void merge_region_override(ConfigNode& region_file_root, const ConfigNode& override_block, const std::string& path,
                           schema::Diagnostics& diagnostics) {
  merge(region_file_root, override_block, path, diagnostics);
}

void check_region_override_names(const ConfigNode& regions_block, const std::vector<std::string>& participating,
                                 schema::Diagnostics& diagnostics) {
  for (const auto& entry : regions_block.entries) {
    bool known = false;
    for (const auto& name : participating)
      known = known || name == entry.key;
    if (known) continue;
    const std::string close = schema::closest_match(entry.key, participating);
    diagnostics.error(entry.key_mark, "regions." + entry.key,
                      "'" + entry.key + "' is not a region of this experiment" +
                          (close.empty() ? "" : "; did you mean '" + close + "'?") +
                          " (platform.regions: " + schema::join_names(participating) + ")");
  }
}

}  // namespace gvsim::config
