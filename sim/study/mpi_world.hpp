#pragma once

#include <cstdint>

namespace gvsim::study {

/// @brief True when gvsim was built with MPI (the `--mpi` flag exists).
bool mpi_available();

/// @brief This process's place in an MPI job started by mpirun; initialises MPI and finalises it on destruction.
class MpiWorld {
 public:
  /// @brief Initialises MPI; throws std::runtime_error when gvsim was built without MPI.
  MpiWorld();
  ~MpiWorld();
  MpiWorld(const MpiWorld&) = delete;
  MpiWorld& operator=(const MpiWorld&) = delete;

  /// @brief Rank of this process, from 0.
  int rank() const { return rank_; }
  /// @brief Number of processes in the job.
  int size() const { return size_; }
  /// @brief Sum of `value` over all ranks, known to every rank (also a barrier).
  std::int64_t sum(std::int64_t value) const;
  /// @brief Leaves without finalising (after an interrupt, when other ranks may be gone).
  void abandon() { abandoned_ = true; }

 private:
  int rank_ = 0;
  int size_ = 1;
  bool abandoned_ = false;
};

}  // namespace gvsim::study
