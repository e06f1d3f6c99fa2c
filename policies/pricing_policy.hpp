#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "policies/registry.hpp"

namespace gvsim::policies {

/// @brief What is being sold.
enum class Product : std::uint8_t { kSubscription, kPack, kApiCredit };

/// @brief A time-limited discount on subscriptions and/or credit packs (plain parameters; regions by index).
struct Promotion {
  std::string name;
  double start_day = 0.0;            ///< first simulated day of the window (inclusive)
  double end_day = 0.0;              ///< end of the window (exclusive)
  double discount = 0.0;             ///< share of the price taken off, in [0, 1]
  std::vector<std::size_t> regions;  ///< regions it applies in; empty: all
  bool subscriptions = true;         ///< applies to new subscriptions
  bool packs = true;                 ///< applies to credit packs bought during the window
  std::int64_t first_months = 1;     ///< billing months at the discount for those who subscribe during the window
};

/// @brief What the run gives every pricing policy: the regions' price indices and the promotions (shared by all).
struct PricingContext {
  std::vector<Promotion> promotions;
  std::vector<double> price_index;  ///< purchasing power of each region relative to the US
};

/// @brief One charge to price: the product, its list price and what the seller knows about the buyer.
struct PriceQuery {
  Product product = Product::kSubscription;
  double list_usd = 0.0;  ///< list price in USD: tier per month, pack, or API per credit
  std::size_t region = 0;
  double day = 0.0;                         ///< simulated time in days
  bool renewal = false;                     ///< a renewal of a running subscription (not a new one)
  int promotion = -1;                       ///< renewal: promotion the user subscribed under (-1: none)
  std::int64_t discounted_months_left = 0;  ///< renewal: discounted billing months still due
};

/// @brief The price charged and why.
struct Price {
  double usd = 0.0;                    ///< what is charged
  double regional_usd = 0.0;           ///< the regional price before any promotion
  int promotion = -1;                  ///< promotion applied (-1: none)
  std::int64_t discounted_months = 0;  ///< new subscription: billing months at the discount, this one included
};

/// @brief Turns (product, list price, region, day, the buyer's promotion state) into the price charged.
///
/// Implementations set the regional price; promotions, common to every implementation, are applied on top: a new
/// subscription or a pack bought in a promotion's window and region gets its discount (the largest discount when
/// several apply, the first listed on ties); a subscription keeps it for `first_months` billing months.
class PricingPolicy {
 public:
  /// @brief The kind's name in messages.
  static constexpr const char* kKind = "pricing";
  virtual ~PricingPolicy() = default;
  /// @brief Regional price of `product` with list price `list_usd` in `region`, before promotions.
  virtual double regional_price(Product product, double list_usd, std::size_t region) const = 0;
  /// @brief The price charged for `query`.
  Price quote(const PriceQuery& query) const;
  /// @brief The promotions, in the order given.
  const std::vector<Promotion>& promotions() const { return promotions_; }

 protected:
  /// @brief A policy applying `promotions` on top of its regional prices.
  explicit PricingPolicy(std::vector<Promotion> promotions) : promotions_(std::move(promotions)) {}

 private:
  int active_promotion(Product product, std::size_t region, double day) const;

  std::vector<Promotion> promotions_;
};

/// @brief The pricing implementations.
using PricingRegistry = Registry<PricingPolicy, PricingContext>;
/// @brief A pricing choice with the parameters of every implementation.
using PricingSelection = Selection<PricingPolicy, PricingContext>;

}  // namespace gvsim::policies
