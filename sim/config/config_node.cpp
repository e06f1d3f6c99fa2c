#include "sim/config/config_node.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

namespace gvsim::config {

ConfigNode* ConfigNode::find(std::string_view key) const {
  for (const auto& e : entries) {
    if (e.key == key) return e.value.get();
  }
  return nullptr;
}

std::unique_ptr<ConfigNode> ConfigNode::clone() const {
  auto copy = std::make_unique<ConfigNode>();
  copy->kind = kind;
  copy->mark = mark;
  copy->scalar = scalar;
  copy->quoted = quoted;
  copy->implicit = implicit;
  for (const auto& e : entries)
    copy->entries.push_back(Entry{e.key, e.key_mark, e.value->clone()});
  for (const auto& item : items)
    copy->items.push_back(item->clone());
  return copy;
}

std::string ConfigNode::describe() const {
  switch (kind) {
    case Kind::kNull:
      return "nothing (null)";
    case Kind::kMap:
      return "a mapping";
    case Kind::kSequence:
      return "a list";
    case Kind::kScalar:
      break;
  }
  std::string shown = scalar.size() > 60 ? scalar.substr(0, 57) + "..." : scalar;
  return "\"" + shown + "\"";
}

std::size_t ConfigNode::count() const {
  std::size_t n = 1;
  for (const auto& e : entries)
    n += e.value->count();
  for (const auto& item : items)
    n += item->count();
  return n;
}

std::string flow_text(const ConfigNode& node) {
  switch (node.kind) {
    case ConfigNode::Kind::kNull:
      return "null";
    case ConfigNode::Kind::kSequence: {
      std::string out = "[";
      for (std::size_t i = 0; i < node.items.size(); ++i)
        out += (i == 0 ? "" : ", ") + flow_text(*node.items[i]);
      return out + "]";
    }
    case ConfigNode::Kind::kMap: {
      std::string out = "{";
      for (std::size_t i = 0; i < node.entries.size(); ++i)
        out += (i == 0 ? "" : ", ") + node.entries[i].key + ": " + flow_text(*node.entries[i].value);
      return out + "}";
    }
    case ConfigNode::Kind::kScalar:
      break;
  }
  const bool plain = !node.quoted && !node.scalar.empty() &&
                     node.scalar.find_first_of(",[]{}:#\"'\n") == std::string::npos && node.scalar.front() != ' ' &&
                     node.scalar.back() != ' ';
  if (plain) return node.scalar;
  std::string out = "\"";
  for (char c : node.scalar) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

namespace {

/// Guards yaml-cpp's recursive parser: deep flow nesting or indentation is refused before parsing.
bool nesting_is_bounded(std::string_view text, const std::string& file, schema::Diagnostics& diagnostics,
                        const ParseLimits& limits) {
  int depth = 0;
  int line = 1;
  int column = 1;
  bool in_comment = false;
  char quote = 0;
  std::size_t line_start_indent = 0;
  bool at_line_start = true;
  for (char c : text) {
    if (c == '\n') {
      ++line;
      column = 1;
      in_comment = false;
      at_line_start = true;
      line_start_indent = 0;
      continue;
    }
    if (at_line_start && (c == ' ' || c == '-')) {
      if (++line_start_indent > 4 * limits.max_depth) {
        diagnostics.error(
            {file, line, column}, "",
            "nesting deeper than the limit (indentation past " + std::to_string(4 * limits.max_depth) + " columns)");
        return false;
      }
    } else {
      at_line_start = false;
    }
    if (!in_comment) {
      if (quote != 0) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '#') {
        in_comment = true;
      } else if (c == '[' || c == '{') {
        if (++depth > static_cast<int>(limits.max_depth)) {
          diagnostics.error({file, line, column}, "",
                            "nesting deeper than the limit of " + std::to_string(limits.max_depth) + " levels");
          return false;
        }
      } else if (c == ']' || c == '}') {
        depth = depth > 0 ? depth - 1 : 0;
      }
    }
    ++column;
  }
  return true;
}

/// Length of the valid UTF-8 sequence starting at `text[i]`, or 0 if it is not one (stray continuation byte,
/// overlong form, surrogate, beyond U+10FFFF or cut short).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned low = 0x80;
  unsigned high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // beyond U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

/// Checks that `text` is UTF-8 (results and the manifest are UTF-8, so every configured text must be).
bool is_utf8(std::string_view text, const std::string& file, schema::Diagnostics& diagnostics) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      char got[40];
      std::snprintf(got, sizeof got, "a byte 0x%02X that is not valid UTF-8", static_cast<unsigned char>(text[i]));
      diagnostics.expected({file, line, static_cast<int>(i - line_start) + 1}, "", "UTF-8 text", got);
      return false;
    }
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
    i += length;
  }
  return true;
}

/// Thrown by the tree builder to end parsing once the document is known to be refused (its diagnostic recorded).
struct StopParsing {};

/// Builds a ConfigNode tree from yaml-cpp parser events.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(std::string file, schema::Diagnostics& diagnostics, const ParseLimits& limits)
      : file_(std::move(file)), diagnostics_(diagnostics), limits_(limits) {}

  std::unique_ptr<ConfigNode> take_root() { return std::move(root_); }
  int documents() const { return documents_; }
  const schema::SourceMark& second_document() const { return second_document_; }
  bool failed() const { return failed_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (documents_ > 0 && mark.pos == last_document_pos_) {
      // yaml-cpp 0.7 loops forever on a ',' after a top-level scalar or flow node (a file holding ",a" or
      // "[a]," ...), starting one empty document after another at the same place; stop at the first repeat.
      fail(mark, "YAML syntax error: unexpected ',' outside a [...] or {...} list");
      throw StopParsing{};
    }
    last_document_pos_ = mark.pos;
    if (++documents_ == 2) second_document_ = to_mark(mark);
  }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto node = make(ConfigNode::Kind::kNull, mark);
    add(std::move(node), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end() || it->second.node == nullptr) {
      fail(mark, "alias refers to an anchor that is not complete here (recursive or unknown alias)");
      add(make(ConfigNode::Kind::kNull, mark), 0);
      return;
    }
    const std::size_t size = it->second.size;
    if (too_many_reported_ || nodes_ + size > limits_.max_nodes) {
      if (!too_many_reported_) {
        too_many_reported_ = true;
        fail(mark,
             "document too large after alias expansion (more than " + std::to_string(limits_.max_nodes) + " nodes)");
      }
      failed_ = true;
      add(make(ConfigNode::Kind::kNull, mark), 0);
      return;
    }
    nodes_ += size;
    add(it->second.node->clone(), 0);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    auto node = make(ConfigNode::Kind::kScalar, mark);
    if (value.size() > limits_.max_scalar_bytes) {
      fail(mark, "scalar longer than " + std::to_string(limits_.max_scalar_bytes) + " bytes");
    }
    node->scalar = value;
    node->quoted = (tag == "!");
    check_tag(mark, tag);
    add(std::move(node), anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    check_tag(mark, tag);
    open(make(ConfigNode::Kind::kSequence, mark), anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    check_tag(mark, tag);
    open(make(ConfigNode::Kind::kMap, mark), anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    std::unique_ptr<ConfigNode> node;
    YAML::anchor_t anchor = 0;
    bool expecting_key = true;
    std::string pending_key;
    schema::SourceMark pending_key_mark;
  };

  void check_tag(const YAML::Mark& mark, const std::string& tag) {
    if (!tag.empty() && tag != "?" && tag != "!") fail(mark, "YAML tags are not supported (found '" + tag + "')");
  }

  schema::SourceMark to_mark(const YAML::Mark& m) const { return schema::SourceMark{file_, m.line + 1, m.column + 1}; }

  std::unique_ptr<ConfigNode> make(ConfigNode::Kind kind, const YAML::Mark& mark) {
    if (++nodes_ > limits_.max_nodes) {
      if (!too_many_reported_) {
        too_many_reported_ = true;
        fail(mark, "document has more than " + std::to_string(limits_.max_nodes) + " nodes");
      }
      throw StopParsing{};  // nothing more can be accepted; and a parser stuck in a loop is stopped here
    }
    auto node = std::make_unique<ConfigNode>();
    node->kind = kind;
    node->mark = to_mark(mark);
    return node;
  }

  void fail(const YAML::Mark& mark, std::string message) {
    failed_ = true;
    diagnostics_.error(to_mark(mark), "", std::move(message));
  }

  void open(std::unique_ptr<ConfigNode> node, YAML::anchor_t anchor) {
    if (stack_.size() + 1 > limits_.max_depth && !deep_reported_) {
      deep_reported_ = true;
      failed_ = true;
      diagnostics_.error(node->mark, "",
                         "nesting deeper than the limit of " + std::to_string(limits_.max_depth) + " levels");
    }
    if (anchor != 0) anchors_[anchor] = Anchor{};  // known but incomplete: an alias to it now is recursive
    stack_.push_back(Frame{std::move(node), anchor, true, {}, {}});
  }

  void close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    add(std::move(frame.node), frame.anchor);
  }

  /// Keeps a node that does not go into the tree (a key, a duplicate entry, a second document) alive until the
  /// builder is done: an anchor may point into it, and a later alias then copies it.
  void retire(std::unique_ptr<ConfigNode> node) { retired_.push_back(std::move(node)); }

  void add(std::unique_ptr<ConfigNode> node, YAML::anchor_t anchor) {
    if (anchor != 0) anchors_[anchor] = Anchor{node.get(), node->count()};
    if (stack_.empty()) {
      if (root_ == nullptr) {
        root_ = std::move(node);
      } else {
        retire(std::move(node));
      }
      return;
    }
    Frame& parent = stack_.back();
    if (parent.node->kind == ConfigNode::Kind::kSequence) {
      parent.node->items.push_back(std::move(node));
      return;
    }
    if (parent.expecting_key) {
      if (node->kind != ConfigNode::Kind::kScalar) {
        failed_ = true;
        diagnostics_.expected(node->mark, "", "a plain text key", node->describe());
        parent.pending_key = "?";
      } else {
        parent.pending_key = node->scalar;
      }
      parent.pending_key_mark = node->mark;
      parent.expecting_key = false;
      retire(std::move(node));
      return;
    }
    parent.expecting_key = true;
    if (node->kind == ConfigNode::Kind::kNull && node->mark.line > parent.pending_key_mark.line) {
      node->mark = parent.pending_key_mark;  // `key:` with no value: yaml-cpp marks the token after it
    }
    if (parent.node->find(parent.pending_key) != nullptr) {
      failed_ = true;
      const ConfigNode::Entry* first = nullptr;
      for (const auto& e : parent.node->entries) {
        if (e.key == parent.pending_key) first = &e;
      }
      diagnostics_.error(parent.pending_key_mark, parent.pending_key,
                         "duplicate key (first defined at line " + std::to_string(first->key_mark.line) + ")");
      retire(std::move(node));
      return;
    }
    parent.node->entries.push_back(ConfigNode::Entry{parent.pending_key, parent.pending_key_mark, std::move(node)});
  }

  std::string file_;
  schema::Diagnostics& diagnostics_;
  const ParseLimits& limits_;
  std::vector<Frame> stack_;
  std::unique_ptr<ConfigNode> root_;
  std::vector<std::unique_ptr<ConfigNode>> retired_;
  /// An anchored node and its size, counted once (aliases to it may be many).
  struct Anchor {
    const ConfigNode* node = nullptr;
    std::size_t size = 0;
  };
  std::map<YAML::anchor_t, Anchor> anchors_;
  std::size_t nodes_ = 0;
  int documents_ = 0;
  schema::SourceMark second_document_;
  bool failed_ = false;
  bool deep_reported_ = false;
  bool too_many_reported_ = false;
  int last_document_pos_ = -1;
};

}  // namespace

std::unique_ptr<ConfigNode> parse_yaml_text(std::string_view text, const std::string& file_name,
                                            schema::Diagnostics& diagnostics, const ParseLimits& limits) {
  if (text.size() > limits.max_file_bytes) {
    diagnostics.error({file_name, 0, 0}, "",
                      "file is larger than the limit of " + std::to_string(limits.max_file_bytes) + " bytes");
    return nullptr;
  }
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const std::string_view before = text.substr(0, nul);
    const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
    const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    diagnostics.expected({file_name, line, static_cast<int>(nul - line_start) + 1}, "", "a YAML text file",
                         "binary data (a NUL byte)");
    return nullptr;
  }
  if (!is_utf8(text, file_name, diagnostics)) return nullptr;
  if (!nesting_is_bounded(text, file_name, diagnostics, limits)) return nullptr;
  std::istringstream stream{std::string(text)};
  TreeBuilder builder(file_name, diagnostics, limits);
  try {
    YAML::Parser parser(stream);
    while (parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::Exception& e) {
    diagnostics.error({file_name, e.mark.line + 1, e.mark.column + 1}, "", "YAML syntax error: " + e.msg);
    return nullptr;
  } catch (const StopParsing&) {
    return nullptr;
  }
  if (builder.documents() > 1) {
    diagnostics.error(builder.second_document(), "",
                      "expected one YAML document, got " + std::to_string(builder.documents()));
    return nullptr;
  }
  if (builder.failed()) return nullptr;
  auto root = builder.take_root();
  if (root == nullptr) {
    diagnostics.expected({file_name, 1, 1}, "", "a mapping", "an empty document");
  }
  return root;
}

std::unique_ptr<ConfigNode> parse_yaml_file(const std::string& path, schema::Diagnostics& diagnostics,
                                            const ParseLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.error({path, 0, 0}, "", "cannot open file");
    return nullptr;
  }
  std::string text;
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0) {
    diagnostics.error({path, 0, 0}, "", "cannot read file");
    return nullptr;
  }
  if (static_cast<std::size_t>(size) > limits.max_file_bytes) {
    diagnostics.error({path, 0, 0}, "",
                      "file is larger than the limit of " + std::to_string(limits.max_file_bytes) + " bytes");
    return nullptr;
  }
  text.resize(static_cast<std::size_t>(size));
  in.seekg(0);
  in.read(text.data(), size);
  return parse_yaml_text(text, path, diagnostics, limits);
}

}  // namespace gvsim::config
