#pragma once

#include <algorithm>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/schema/diagnostics.hpp"
#include "sim/schema/fields.hpp"

namespace gvsim::policies {

/// @brief The parameters of one implementation, kept by the scenario without naming their type.
class ParamBlock {
 public:
  virtual ~ParamBlock() = default;
  /// @brief A deep copy.
  virtual std::unique_ptr<ParamBlock> clone() const = 0;
  /// @brief Declares the block's keys: read, documented and written through the same visitor.
  virtual void declare(schema::Fields& f) = 0;
};

/// @brief A parameter block holding a `Params` described by `describe(schema::Fields&, Params&)`.
template <class Params>
class TypedBlock final : public ParamBlock {
 public:
  std::unique_ptr<ParamBlock> clone() const override { return std::make_unique<TypedBlock>(*this); }
  void declare(schema::Fields& f) override { describe(f, value); }
  Params value;
};

/// @brief Where a parameter block is checked: the kind's key path and object, the block's own position.
struct BlockSite {
  std::string path;          ///< key path of the kind, e.g. policies.capacity
  schema::SourceMark owner;  ///< position of the kind's object (or of the nearest enclosing one)
  schema::SourceMark block;  ///< position of the block (line 0 when not written)
  bool chosen = false;       ///< the block belongs to the chosen implementation
};

/// @brief What an implementation says about itself when it registers.
struct About {
  /// @brief An implementation called `name_`, listed at `rank_`, documented by `summary_` (and `params_doc_`).
  About(std::string name_, int rank_, std::string summary_, std::string params_doc_ = {})
      : name(std::move(name_)), rank(rank_), summary(std::move(summary_)), params_doc(std::move(params_doc_)) {}
  std::string name;        ///< the value of `name` that selects it
  int rank = 0;            ///< position in listings, lowest first; the lowest is the default
  std::string summary;     ///< one phrase, shown after its name in the documentation of `name`
  std::string params_doc;  ///< documentation of its parameter block (implementations with parameters)
};

/// @brief Construction context of policies that need nothing from the run.
struct NoContext {};

/// @brief The implementations of one kind of policy (`Interface::kKind`), each registered once by its own file.
///
/// `Context` is what the run gives every implementation of the kind at construction. Registrations run during
/// static initialisation (see `add`); the instance is a function-local static, so it exists before the first one.
template <class Interface, class Context>
class Registry {
 public:
  /// @brief One registered implementation.
  struct Entry {
    About about;
    std::function<std::unique_ptr<ParamBlock>()> new_params;  ///< null: no parameters
    std::function<std::unique_ptr<Interface>(const ParamBlock*, const Context&)> build;
    std::function<void(const ParamBlock&, const Context&, const BlockSite&, schema::Diagnostics&)> check;
  };

  /// @brief The registry of this kind.
  static Registry& instance() {
    static Registry registry;
    return registry;
  }

  /// @brief Registers `Impl`, built from `(const Context&)` or from nothing.
  template <class Impl>
  static bool add(About about) {
    Entry e{std::move(about), nullptr,
            [](const ParamBlock*, const Context& context) -> std::unique_ptr<Interface> {
              if constexpr (std::is_constructible_v<Impl, const Context&>) {
                return std::make_unique<Impl>(context);
              } else {
                return std::make_unique<Impl>();
              }
            },
            nullptr};
    instance().insert(std::move(e));
    return true;
  }

  /// @brief Registers `Impl`, built from `(const Params&, const Context&)` or `(const Params&)`, with the rules
  /// across its keys (`check`, optional), which see whether it is the chosen implementation.
  template <class Impl, class Params>
  static bool add(About about,
                  void (*check)(const Params&, const Context&, const BlockSite&, schema::Diagnostics&) = nullptr) {
    Entry e{std::move(about), nullptr, nullptr, nullptr};
    e.new_params = [] { return std::make_unique<TypedBlock<Params>>(); };
    e.build = [](const ParamBlock* block, const Context& context) -> std::unique_ptr<Interface> {
      const Params& params = dynamic_cast<const TypedBlock<Params>&>(*block).value;
      if constexpr (std::is_constructible_v<Impl, const Params&, const Context&>) {
        return std::make_unique<Impl>(params, context);
      } else {
        return std::make_unique<Impl>(params);
      }
    };
    if (check != nullptr) {
      e.check = [check](const ParamBlock& block, const Context& context, const BlockSite& site,
                        schema::Diagnostics& diagnostics) {
        check(dynamic_cast<const TypedBlock<Params>&>(block).value, context, site, diagnostics);
      };
    }
    instance().insert(std::move(e));
    return true;
  }

  /// @brief Every implementation, by rank.
  const std::vector<Entry>& entries() const { return entries_; }

  /// @brief The names, by rank.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : entries_)
      out.push_back(e.about.name);
    return out;
  }

  /// @brief The implementation called `name`; throws std::invalid_argument listing the valid names (with the
  /// closest one when the name looks like a typo).
  const Entry& find(const std::string& name) const {
    for (const auto& e : entries_) {
      if (e.about.name == name) return e;
    }
    const auto valid = names();
    const std::string suggestion = schema::closest_match(name, valid);
    throw std::invalid_argument("unknown " + std::string(Interface::kKind) + " policy '" + name + "'" +
                                (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)") +
                                ". Valid values are: " + schema::join_names(valid));
  }

  /// @brief `name` built with default parameters.
  std::unique_ptr<Interface> make_default(const std::string& name, const Context& context = {}) const {
    const Entry& e = find(name);
    const auto params = e.new_params ? e.new_params() : nullptr;
    return e.build(params.get(), context);
  }

  /// @brief "a: summary; b: summary", the documentation of `name`.
  std::string summary() const {
    std::string out;
    for (const auto& e : entries_)
      out += (out.empty() ? "" : "; ") + e.about.name + ": " + e.about.summary;
    return out;
  }

 private:
  void insert(Entry e) {
    for (const auto& other : entries_) {
      if (other.about.name == e.about.name)
        throw std::logic_error(std::string(Interface::kKind) + " policy '" + e.about.name + "' is registered twice");
    }
    const auto at = std::upper_bound(entries_.begin(), entries_.end(), e.about.rank,
                                     [](int rank, const Entry& x) { return rank < x.about.rank; });
    entries_.insert(at, std::move(e));
  }

  std::vector<Entry> entries_;
};

/// @brief The implementation chosen for one kind by name, with the parameter blocks of every implementation that
/// has some: blocks of implementations not chosen are read and checked too, so that changing `name` alone switches.
template <class Interface, class Context>
class Selection {
 public:
  using Kind = Registry<Interface, Context>;
  using KindContext = Context;

  /// @brief The parameters of one implementation and where they were written.
  struct Block {
    std::string owner;  ///< the implementation's name (and the block's key)
    std::unique_ptr<ParamBlock> params;
    schema::SourceMark where;  ///< line 0 when not written
  };

  /// @brief The default implementation (the lowest ranked), every block at its defaults.
  Selection() {
    const auto& entries = Kind::instance().entries();
    if (!entries.empty()) name = entries.front().about.name;
    for (const auto& e : entries) {
      if (e.new_params) blocks.push_back(Block{e.about.name, e.new_params(), {}});
    }
  }
  /// @brief The implementation `chosen`, every block at its defaults.
  explicit Selection(std::string chosen) : Selection() { name = std::move(chosen); }
  Selection(const Selection& other) : name(other.name), where(other.where) {
    for (const auto& b : other.blocks)
      blocks.push_back(Block{b.owner, b.params->clone(), b.where});
  }
  Selection& operator=(const Selection& other) {
    Selection copy(other);
    *this = std::move(copy);
    return *this;
  }
  Selection(Selection&&) noexcept = default;
  Selection& operator=(Selection&&) noexcept = default;
  ~Selection() = default;

  /// @brief The parameters of implementation `owner` (null when it has none).
  const ParamBlock* params_of(std::string_view owner) const {
    for (const auto& b : blocks) {
      if (b.owner == owner) return b.params.get();
    }
    return nullptr;
  }

  /// @brief A new instance of the chosen implementation; throws std::invalid_argument for an unknown name.
  std::unique_ptr<Interface> make(const Context& context = {}) const {
    return Kind::instance().find(name).build(params_of(name), context);
  }

  /// @brief Runs every block's own rules across its keys; `path` and `owner` locate the kind's object.
  void check(const Context& context, const std::string& path, const schema::SourceMark& owner,
             schema::Diagnostics& diagnostics) const {
    for (const auto& b : blocks) {
      const auto& e = Kind::instance().find(b.owner);
      if (e.check) e.check(*b.params, context, BlockSite{path, owner, b.where, b.owner == name}, diagnostics);
    }
  }

  std::string name;
  schema::SourceMark where;  ///< position of the kind's object (line 0 when not written)
  std::vector<Block> blocks;
};

/// @brief Declares `name`, one of the registered implementations, documented by their summaries after `lead`.
template <class Interface, class Context>
void describe_name(schema::Fields& f, Selection<Interface, Context>& v, std::string_view lead = {}) {
  f.here(v.where);
  const auto& kind = Registry<Interface, Context>::instance();
  f.choice("name", v.name, kind.names(), std::string(lead) + kind.summary());
}

/// @brief Declares the parameter block of every implementation that has one, under its name.
template <class Interface, class Context>
void describe_blocks(schema::Fields& f, Selection<Interface, Context>& v) {
  const auto& kind = Registry<Interface, Context>::instance();
  for (auto& b : v.blocks) {
    f.object(b.owner, kind.find(b.owner).about.params_doc, schema::Presence::kOptional,
             [&b](schema::Fields& g) { b.params->declare(g); });
    f.here_of(b.owner, b.where);
    if (b.owner != v.name)
      f.inactive(b.owner,
                 "name is '" + v.name + "' (the block is still checked, so that changing name alone switches)");
  }
}

/// @brief Declares a kind with nothing but its implementations: `name`, then the blocks.
template <class Interface, class Context>
void describe(schema::Fields& f, Selection<Interface, Context>& v) {
  describe_name(f, v);
  describe_blocks(f, v);
}

}  // namespace gvsim::policies
