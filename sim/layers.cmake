# The simulator's layers, lowest first. Each layer is one folder and one static library that links only the
# layers it names; `gvsim_core` bundles them all for the executable, the tests and the benchmarks.
#
#   schema                      declared keys, source marks, diagnostics
#   rng                         named random streams
#   sensitivity                 sampling plans and estimators of global sensitivity analysis (pure math)
#   policies                    policy interfaces and implementations (declare their own parameters)
#   model                       the resolved scenario
#   config                      YAML reading, validation, overrides, key documentation
#   platform, users             SimGrid platform; user agents and their market
#   observe                     job and day records, the cluster-day cost
#   engine, economics           the SimGrid run; books and KPIs
#   output, report              CSV writers; study reports
#   study                       sweeps, replications, process pools
#   fit                         targets files, calibration and policy optimisation (NLopt) over study runs
#   cli                         the gvsim commands
#
# GVSIM_LAYER_DEPS_<layer> holds the layers a layer may include (directly or through those it links), and is what
# sim/check_layers.cmake enforces.

set(GVSIM_LAYERS "")

# gvsim_layer(NAME DIR dir [DEPENDS layer...] [LIBS target...] [WHOLE_ARCHIVE]): a static library of the .cpp
# files of DIR. WHOLE_ARCHIVE: the layers that depend on it link all of its object files, including those nothing
# refers to by name. A static library only contributes the objects that resolve a symbol, so without it the linker
# drops files whose one effect is a registration run at static initialisation (the policy implementations, which
# the rest of the simulator reaches only through the registry, never by name).
function(gvsim_layer name)
  cmake_parse_arguments(L "WHOLE_ARCHIVE" "DIR" "DEPENDS;LIBS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/${L_DIR}/*.cpp)
  list(FILTER sources EXCLUDE REGEX ".*/sim/cli/main\\.cpp$")
  add_library(gvsim_${name} STATIC ${sources})
  target_include_directories(gvsim_${name} PUBLIC ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/generated)
  target_compile_options(gvsim_${name} PRIVATE ${GVSIM_WARNINGS})
  set(closure ${L_DEPENDS})
  foreach(dep IN LISTS L_DEPENDS)
    if(GVSIM_LAYER_WHOLE_${dep})
      target_link_libraries(gvsim_${name} PUBLIC "$<LINK_LIBRARY:WHOLE_ARCHIVE,gvsim_${dep}>")
    else()
      target_link_libraries(gvsim_${name} PUBLIC gvsim_${dep})
    endif()
    list(APPEND closure ${GVSIM_LAYER_DEPS_${dep}})
  endforeach()
  list(REMOVE_DUPLICATES closure)
  if(L_LIBS)
    target_link_libraries(gvsim_${name} PUBLIC ${L_LIBS})
  endif()
  add_dependencies(gvsim_${name} gvsim_layer_check)
  set(GVSIM_LAYER_DEPS_${name} ${closure} PARENT_SCOPE)
  set(GVSIM_LAYER_DIR_${name} ${L_DIR} PARENT_SCOPE)
  set(GVSIM_LAYER_WHOLE_${name} ${L_WHOLE_ARCHIVE} PARENT_SCOPE)
  set(GVSIM_LAYERS ${GVSIM_LAYERS} ${name} PARENT_SCOPE)
endfunction()

set(GVSIM_LAYER_RULES "${CMAKE_BINARY_DIR}/layer_rules.cmake")
add_custom_target(gvsim_layer_check ALL
                  COMMAND ${CMAKE_COMMAND} -DROOT=${CMAKE_SOURCE_DIR} -DRULES=${GVSIM_LAYER_RULES}
                          -P ${CMAKE_SOURCE_DIR}/sim/check_layers.cmake
                  COMMENT "Checking that every include points down the layers")

# libsimgrid also defines MPI_* (SMPI): libmpi must come ahead of it in every link line so that gvsim's MPI calls
# reach it. The study layer (the one that calls MPI) names both, libmpi first, which places libsimgrid after libmpi
# in every link line that holds both.
set(GVSIM_MPI_LIBS "")
if(MPI_CXX_FOUND)
  set(GVSIM_MPI_LIBS MPI::MPI_CXX)
  message(STATUS "MPI found: gvsim run --mpi is available")
else()
  message(STATUS "MPI not found: gvsim is built without --mpi")
endif()

gvsim_layer(schema DIR sim/schema)
gvsim_layer(rng DIR sim/rng)
gvsim_layer(sensitivity DIR sim/sensitivity DEPENDS rng)
gvsim_layer(policies DIR policies DEPENDS schema WHOLE_ARCHIVE)
gvsim_layer(model DIR sim/model DEPENDS schema policies LIBS Boost::boost)
gvsim_layer(config DIR sim/config DEPENDS model LIBS yaml-cpp nlohmann_json::nlohmann_json)
gvsim_layer(platform DIR sim/platform DEPENDS model LIBS PkgConfig::SIMGRID)
gvsim_layer(users DIR sim/users DEPENDS model rng LIBS Boost::boost)
gvsim_layer(observe DIR sim/observe DEPENDS users)
gvsim_layer(engine DIR sim/engine DEPENDS observe platform)
gvsim_layer(economics DIR sim/economics DEPENDS observe)
gvsim_layer(output DIR sim/output DEPENDS economics config)
gvsim_layer(report DIR sim/report DEPENDS output sensitivity LIBS Eigen3::Eigen)
gvsim_layer(study DIR sim/study DEPENDS output sensitivity LIBS ${GVSIM_MPI_LIBS} PkgConfig::SIMGRID)
if(MPI_CXX_FOUND)
  target_compile_definitions(gvsim_study PRIVATE GVSIM_WITH_MPI=1)
endif()
gvsim_layer(fit DIR sim/fit DEPENDS report study LIBS PkgConfig::NLOPT)
gvsim_layer(cli DIR sim/cli DEPENDS engine report study fit LIBS CLI11::CLI11)

# The rules the check reads: each layer's folder and the layers it may include.
set(rules "")
foreach(layer IN LISTS GVSIM_LAYERS)
  string(APPEND rules "set(DIR_${layer} \"${GVSIM_LAYER_DIR_${layer}}\")\n")
  string(APPEND rules "set(DEPS_${layer} \"${GVSIM_LAYER_DEPS_${layer}}\")\n")
endforeach()
string(APPEND rules "set(LAYERS \"${GVSIM_LAYERS}\")\n")
file(WRITE ${GVSIM_LAYER_RULES} "${rules}")

add_library(gvsim_core INTERFACE)
target_link_libraries(gvsim_core INTERFACE gvsim_cli)
