# sign_file.cmake: gives one Windows PE file an Authenticode signature
# (SHA-256) with osslsigncode, in place.
#
#   cmake -DOQSDM_SIGN_CONFIG=<build>/sign-config.cmake -DOQSDM_SIGN_FILE=x.exe -P sign_file.cmake
#
# The settings come from sign-config.cmake (written by code_signing.cmake),
# never from this command line, so a password file's name is the most a
# build log shows. Used after linking the programs and by makensis for the
# installer and the uninstaller (installer/oqsdm.nsi).
cmake_minimum_required(VERSION 3.20)
if(NOT OQSDM_SIGN_CONFIG OR NOT OQSDM_SIGN_FILE)
  message(FATAL_ERROR "usage: cmake -DOQSDM_SIGN_CONFIG=FILE -DOQSDM_SIGN_FILE=PE -P sign_file.cmake")
endif()
include(${OQSDM_SIGN_CONFIG})
if(NOT EXISTS "${OQSDM_SIGN_FILE}")
  message(FATAL_ERROR "sign_file: no such file: ${OQSDM_SIGN_FILE}")
endif()

# -n names the program in Windows' prompts (UAC shows it for the installer).
set(_args sign -h sha256 -n oqsdm)
if(OQSDM_SIGN_PKCS12)
  list(APPEND _args -pkcs12 ${OQSDM_SIGN_PKCS12})
else()
  list(APPEND _args -certs ${OQSDM_SIGN_CERT} -key ${OQSDM_SIGN_KEY})
  if(OQSDM_SIGN_PKCS11_MODULE)
    list(APPEND _args -pkcs11module ${OQSDM_SIGN_PKCS11_MODULE})
  endif()
endif()
if(OQSDM_SIGN_PASSWORD_FILE)
  list(APPEND _args -readpass ${OQSDM_SIGN_PASSWORD_FILE})
endif()
foreach(_url IN LISTS OQSDM_SIGN_TIMESTAMP_URL)
  list(APPEND _args -ts ${_url})
endforeach()

set(_out "${OQSDM_SIGN_FILE}.signing")
file(REMOVE "${_out}")
execute_process(COMMAND ${OQSDM_OSSLSIGNCODE} ${_args} -in ${OQSDM_SIGN_FILE} -out ${_out}
                RESULT_VARIABLE _rc OUTPUT_VARIABLE _stdout ERROR_VARIABLE _stderr)
if(NOT _rc EQUAL 0 OR NOT EXISTS "${_out}")
  file(REMOVE "${_out}")
  message(FATAL_ERROR "osslsigncode could not sign ${OQSDM_SIGN_FILE} (exit ${_rc}):\n${_stdout}${_stderr}")
endif()
file(RENAME "${_out}" "${OQSDM_SIGN_FILE}")
get_filename_component(_name "${OQSDM_SIGN_FILE}" NAME)
message(STATUS "signed ${_name}")
