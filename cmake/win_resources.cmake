# win_resources.cmake: the resources of oqsdm.exe and oqsdm-cli.exe that are
# made at build time, so that one version (project(VERSION) in the top
# CMakeLists.txt) and one picture reach every place Windows shows them.
#
# Included from the top CMakeLists.txt after both programs are defined, in
# the same directory scope: OBJECT_DEPENDS on a custom command's output and
# the programs' RC definitions only work there. Generates into ${GEN_DIR},
# which is on windres's include path (CMAKE_RC_FLAGS), so res/oqsdm.rc names
# the files without a folder:
#   version.rc          VERSIONINFO, Japanese and English string tables
#                       (cmake/gen_version_rc.py, texts from res/messages.tsv)
#   oqsdm-app.manifest  res/oqsdm.manifest with the version in assemblyIdentity
#   oqsdm.ico           IDI_OQSDM: res/oqsdm-icon.mvg at 256, 64, 48, 40, 32,
#                       24, 20 and 16 px (ImageMagick)
# It also sets OQSDM_VERSION_QUAD (the version as Windows wants it, four
# numbers) for the installer, and OQSDM_ICON (the .ico file).

set(OQSDM_PUBLISHER "oqsdm" CACHE STRING
    "Publisher: CompanyName in VERSIONINFO and Publisher in Apps & features (use your code-signing certificate's organisation)")
set(OQSDM_COPYRIGHT "© ${OQSDM_PUBLISHER}" CACHE STRING "LegalCopyright of the programs and the installer")

set(_oqsdm_quad ${PROJECT_VERSION_MAJOR})
foreach(_part MINOR PATCH TWEAK)
  if("${PROJECT_VERSION_${_part}}" STREQUAL "")
    string(APPEND _oqsdm_quad ".0")
  else()
    string(APPEND _oqsdm_quad ".${PROJECT_VERSION_${_part}}")
  endif()
endforeach()
set(OQSDM_VERSION_QUAD ${_oqsdm_quad})
unset(_oqsdm_quad)
unset(_part)

# The manifest: copied with the version filled in (@OQSDM_VERSION_QUAD@).
configure_file(${CMAKE_SOURCE_DIR}/res/oqsdm.manifest ${GEN_DIR}/oqsdm-app.manifest @ONLY)

add_custom_command(
  OUTPUT ${GEN_DIR}/version.rc
  COMMAND Python3::Interpreter ${CMAKE_SOURCE_DIR}/cmake/gen_version_rc.py
          ${CMAKE_SOURCE_DIR}/res/messages.tsv ${PROJECT_VERSION} ${OQSDM_PUBLISHER} ${OQSDM_COPYRIGHT}
          ${GEN_DIR}/version.rc
  DEPENDS ${CMAKE_SOURCE_DIR}/cmake/gen_version_rc.py ${CMAKE_SOURCE_DIR}/cmake/gen_messages.py
          ${CMAKE_SOURCE_DIR}/res/messages.tsv
  COMMENT "Generating VERSIONINFO ${PROJECT_VERSION}"
  VERBATIM)

# ImageMagick's convert from the host (the toolchain file searches programs
# there). Debian's reads MVG natively; SVG would need a delegate package.
find_program(OQSDM_CONVERT NAMES convert
             DOC "ImageMagick's convert, to render res/oqsdm-icon.mvg into oqsdm.ico")
if(NOT OQSDM_CONVERT)
  message(FATAL_ERROR "ImageMagick's convert was not found; it makes oqsdm.ico from res/oqsdm-icon.mvg. "
                      "Install it (Debian: apt-get install imagemagick, see scripts/bootstrap.sh) "
                      "or point OQSDM_CONVERT at it.")
endif()
set(OQSDM_ICON ${GEN_DIR}/oqsdm.ico)
add_custom_command(
  OUTPUT ${OQSDM_ICON}
  COMMAND ${OQSDM_CONVERT} -background none mvg:${CMAKE_SOURCE_DIR}/res/oqsdm-icon.mvg
          -define icon:auto-resize=256,64,48,40,32,24,20,16 ico:${OQSDM_ICON}
  DEPENDS ${CMAKE_SOURCE_DIR}/res/oqsdm-icon.mvg
  COMMENT "Rendering oqsdm.ico from res/oqsdm-icon.mvg"
  VERBATIM)

add_custom_target(oqsdm_win_resources DEPENDS ${GEN_DIR}/version.rc ${OQSDM_ICON})
set_property(SOURCE ${OQSDM_RC} APPEND PROPERTY OBJECT_DEPENDS
             ${GEN_DIR}/version.rc ${GEN_DIR}/oqsdm-app.manifest ${OQSDM_ICON})
foreach(_tgt oqsdm oqsdm-cli)
  add_dependencies(${_tgt} oqsdm_win_resources)
endforeach()
unset(_tgt)
# The same oqsdm.rc describes the console program when windres gets this.
target_compile_definitions(oqsdm-cli PRIVATE $<$<COMPILE_LANGUAGE:RC>:OQSDM_RC_CLI>)
