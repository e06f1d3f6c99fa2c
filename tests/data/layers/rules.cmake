# Fixture for the layer check: "high" may include "low", not the reverse.
set(DIR_low "sim/low")
set(DEPS_low "")
set(DIR_high "sim/high")
set(DEPS_high "low")
set(LAYERS "low;high")
