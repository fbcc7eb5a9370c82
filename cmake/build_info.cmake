# Run at every build (cmake -P, from the certhours_version target): writes OUT, a C++ file that
# defines certhours::kCommit, the commit the binary is built from ("unknown" outside a git
# checkout; "+dirty" when tracked files differ from it; -DCERTHOURS_COMMIT=... at configure time
# overrides it, e.g. for a build from a source tarball). configure_file rewrites OUT only when
# its content changes, so an unchanged commit recompiles nothing.
if(NOT COMMIT)
  execute_process(COMMAND git -C ${SRC} rev-parse --short=12 HEAD
                  OUTPUT_VARIABLE COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR COMMIT STREQUAL "")
    set(COMMIT "unknown")
  else()
    execute_process(COMMAND git -C ${SRC} status --porcelain --untracked-files=no
                    OUTPUT_VARIABLE changes ERROR_QUIET)
    if(NOT changes STREQUAL "")
      string(APPEND COMMIT "+dirty")
    endif()
  endif()
endif()
configure_file(${TEMPLATE} ${OUT} @ONLY)
