#pragma once

#include <cstddef>
#include <vector>

#include "sim/economics/books.hpp"
#include "sim/economics/parent_value.hpp"

namespace gvsim::economics {

/// @brief What the run did in `region`, day by day, that the parent platform feels: active users by the parent
/// role of their segment, clips delivered to merchants, published incidents, the poor-clip share and whether the
/// service ran (entered, not suspended, not exited). Real-world figures.
std::vector<ParentDayInputs> parent_day_inputs(const model::Scenario& scenario, const observe::RunOutcome& outcome,
                                               std::size_t region);

/// @brief The parent value of every region and day, and per region and for all regions the whole run: channels,
/// advertiser trust, standalone profit and break-even from the ledger, and the verdict (`kpis` are close_books').
ParentBooks build_parent_books(const model::Scenario& scenario, const observe::RunOutcome& outcome,
                               const Ledger& ledger, const std::vector<Kpis>& kpis);

}  // namespace gvsim::economics
