#include "sim/schema/fields.hpp"

#include <cmath>
#include <sstream>

namespace gvsim::schema {

NumberRule NumberRule::positive(std::string unit) {
  NumberRule r;
  r.min = 0.0;
  r.min_exclusive = true;
  r.unit = std::move(unit);
  return r;
}

NumberRule NumberRule::positive_up_to(double max, std::string unit) {
  NumberRule r = positive(std::move(unit));
  r.max = max;
  return r;
}

NumberRule NumberRule::non_negative(std::string unit) {
  NumberRule r;
  r.min = 0.0;
  r.unit = std::move(unit);
  return r;
}

NumberRule NumberRule::probability() {
  return between(0.0, 1.0);
}

NumberRule NumberRule::between(double lo, double hi, std::string unit) {
  NumberRule r;
  r.min = lo;
  r.max = hi;
  r.unit = std::move(unit);
  return r;
}

NumberRule NumberRule::whole(double lo, double hi, std::string unit) {
  NumberRule r = between(lo, hi, std::move(unit));
  r.integer = true;
  return r;
}

bool NumberRule::admits(double v) const {
  if (!std::isfinite(v)) return false;
  if (integer && std::floor(v) != v) return false;
  if (min_exclusive ? !(v > min) : !(v >= min)) return false;
  if (max_exclusive ? !(v < max) : !(v <= max)) return false;
  return true;
}

namespace {
std::string number_text(double v) {
  std::ostringstream out;
  out.precision(15);
  out << v;
  return out.str();
}
}  // namespace

std::string NumberRule::describe() const {
  std::string out = integer ? "an integer" : "a number";
  const bool has_min = std::isfinite(min);
  const bool has_max = std::isfinite(max);
  if (has_min && has_max) {
    out += std::string(" in ") + (min_exclusive ? "(" : "[") + number_text(min) + ", " + number_text(max) +
           (max_exclusive ? ")" : "]");
  } else if (has_min) {
    out += std::string(min_exclusive ? " > " : " >= ") + number_text(min);
  } else if (has_max) {
    out += std::string(max_exclusive ? " < " : " <= ") + number_text(max);
  }
  return out;
}

}  // namespace gvsim::schema
