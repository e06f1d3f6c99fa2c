// Fixture for the layer check: the higher layer includes the lower one (allowed).
#include "sim/low/low.hpp"
