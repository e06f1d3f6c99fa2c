// Fixture for the layer check: the lower layer includes the higher one, which includes it back.
#include "sim/high/high.hpp"
