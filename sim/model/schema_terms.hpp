#pragma once

#include "sim/schema/fields.hpp"

namespace gvsim::model {

// The schema vocabulary every key declaration of the model uses, named once for the whole layer.
using schema::Fields;
using schema::NumberRule;
using schema::Presence;

}  // namespace gvsim::model
