#include "policies/uniform_pricing.hpp"

namespace gvsim::policies {

double UniformPricing::regional_price(Product, double list_usd, std::size_t) const {
  return list_usd;
}

}  // namespace gvsim::policies
