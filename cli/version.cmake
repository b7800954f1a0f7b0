# Writes OUTPUT (a C header) naming VERSION and the commit SOURCE_DIR is at, from `git describe`;
# "unknown" outside a git checkout (a release tarball) or without git. Run on every build by the
# cs351_version target; the header is rewritten only when its text changes, so an unchanged
# commit rebuilds nothing.
find_package(Git QUIET)
set(commit "")
if(GIT_FOUND)
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" describe --always --dirty
                  OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET
                  RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    set(commit "")
  endif()
endif()
if(commit STREQUAL "")
  set(commit "unknown")
endif()
set(text "#define CS351_VERSION \"${VERSION}\"\n#define CS351_COMMIT \"${commit}\"\n")
set(old "")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUTPUT}" "${text}")
endif()
