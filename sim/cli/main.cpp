#include "sim/cli/commands.hpp"

int main(int argc, char** argv) {
  return gvsim::cli::main_entry(argc, argv);
}
