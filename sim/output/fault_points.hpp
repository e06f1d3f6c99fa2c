#pragma once

#include <string>

namespace gvsim::output {

/// @brief Test hooks of the results write phase, inert unless their environment variable is set; they let the
/// tests (tests/unit/test_results_folder.cpp) stop or break a run at a named step without depending on timing.
///
/// - `GVSIM_TEST_PAUSE=STEP:FIFO`: at step STEP, write this process's PID and a newline into the FIFO (blocking
///   until the test reads), then wait until the test opens the FIFO for writing and closes it.
/// - `GVSIM_TEST_FAIL_WRITE=N`: the N-th file write into a results folder fails with ENOSPC, as on a full disk.
/// - `GVSIM_TEST_NO_EXCHANGE=1`: replace a folder by setting the old one aside, as on a file system without
///   renameat2(RENAME_EXCHANGE).
///
/// Steps: `write-K` (before the K-th file, from 1), `staged` (every file flushed, before the swap), `swapped` (new
/// folder in place, old one not yet removed), `aside` (old folder set aside, new not yet renamed in; only without
/// exchange), `replaced` (old folder removed, lock still held).
void pause_point(const std::string& step);

/// @brief True when this file write is the one GVSIM_TEST_FAIL_WRITE selects (counts every call).
bool injected_write_failure();

/// @brief True when GVSIM_TEST_NO_EXCHANGE is set.
bool exchange_disabled();

}  // namespace gvsim::output
