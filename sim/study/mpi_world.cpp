#include "sim/study/mpi_world.hpp"

#include <stdexcept>

#ifdef GVSIM_WITH_MPI
#include <mpi.h>
#endif

namespace gvsim::study {

#ifdef GVSIM_WITH_MPI

bool mpi_available() {
  return true;
}

MpiWorld::MpiWorld() {
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (initialised == 0) MPI_Init(nullptr, nullptr);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiWorld::~MpiWorld() {
  if (!abandoned_) MPI_Finalize();
}

std::int64_t MpiWorld::sum(std::int64_t value) const {
  long long local = value;
  long long total = 0;
  MPI_Allreduce(&local, &total, 1, MPI_LONG_LONG, MPI_SUM, MPI_COMM_WORLD);
  return total;
}

#else

bool mpi_available() {
  return false;
}

MpiWorld::MpiWorld() {
  throw std::runtime_error("gvsim was built without MPI");
}

MpiWorld::~MpiWorld() = default;

std::int64_t MpiWorld::sum(std::int64_t value) const {
  return value;
}

#endif

}  // namespace gvsim::study
