# CMake toolchain file: cross-compile for 64-bit Windows (x86_64-w64-mingw32)
# on Debian with the mingw-w64 packages (gcc-mingw-w64-x86-64, g++-..., binutils-...).
#
# Used by scripts/build-win-deps.sh (to build curl, libxml2 and cJSON for
# Windows) and by the project's win64 preset. Debian has no MinGW builds of
# those libraries, so they live in a prefix of their own outside the tree; pass
# it as OQSDM_WIN_DEPS (cache variable, or environment variable of that name):
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-mingw64.cmake \
#         -DOQSDM_WIN_DEPS="$(scripts/build-win-deps.sh)" ...
#
# Searches use find-root-path mode: programs (python3, windres, ...) come from
# the host; libraries, headers and package configs only from the target roots
# (the deps prefix, then the mingw-w64 sysroot), so nothing from the host's
# /usr (e.g. the native libxml2-dev, libcurl4-openssl-dev) can leak in.
# Compilers are the plain triplet names: on Debian they are alternatives whose
# default is the "win32" thread model (no libwinpthread needed by C/C++ runtime).

set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(OQSDM_MINGW_TRIPLE x86_64-w64-mingw32)
set(CMAKE_C_COMPILER   ${OQSDM_MINGW_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${OQSDM_MINGW_TRIPLE}-g++)
set(CMAKE_RC_COMPILER  ${OQSDM_MINGW_TRIPLE}-windres)

# The deps prefix. A cache variable wins; else the environment. try_compile
# projects re-read this file without the cache, hence
# CMAKE_TRY_COMPILE_PLATFORM_VARIABLES.
if(NOT OQSDM_WIN_DEPS AND NOT "$ENV{OQSDM_WIN_DEPS}" STREQUAL "")
  set(OQSDM_WIN_DEPS "$ENV{OQSDM_WIN_DEPS}")
endif()
# (list(FIND), not IN_LIST: this file must also work under the old policies
# of projects like cJSON, which asks for CMake 2.8.5.)
list(FIND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES OQSDM_WIN_DEPS _oqsdm_i)
if(_oqsdm_i EQUAL -1)
  list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES OQSDM_WIN_DEPS)
endif()
unset(_oqsdm_i)

set(CMAKE_FIND_ROOT_PATH "")
if(OQSDM_WIN_DEPS)
  if(NOT IS_DIRECTORY "${OQSDM_WIN_DEPS}")
    message(FATAL_ERROR
      "OQSDM_WIN_DEPS='${OQSDM_WIN_DEPS}' is not a directory; "
      "make it with: OQSDM_WIN_DEPS=$(scripts/build-win-deps.sh)")
  endif()
  # First, so that our own builds win over anything in the sysroot.
  list(APPEND CMAKE_FIND_ROOT_PATH "${OQSDM_WIN_DEPS}")
endif()
list(APPEND CMAKE_FIND_ROOT_PATH /usr/${OQSDM_MINGW_TRIPLE})

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config (FindPkgConfig, and FindLibXml2 which consults it) must not read
# the host's .pc files: point it at the target roots only.
set(_oqsdm_pc "")
foreach(_root IN LISTS CMAKE_FIND_ROOT_PATH)
  list(APPEND _oqsdm_pc "${_root}/lib/pkgconfig" "${_root}/share/pkgconfig")
endforeach()
string(REPLACE ";" ":" _oqsdm_pc "${_oqsdm_pc}")
set(ENV{PKG_CONFIG_LIBDIR} "${_oqsdm_pc}")
set(ENV{PKG_CONFIG_PATH} "")
unset(_oqsdm_pc)
unset(_root)
