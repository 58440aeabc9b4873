/*
 * error.h: errors are values that carry a user-facing reason.
 *
 * One enum with stable numbers (a vendor can read "E3" in a Japanese report
 * and know it is a missing INI), and a message already written in the user's
 * language at the point where the details are known.
 */
#ifndef OQSDM_ERROR_H
#define OQSDM_ERROR_H

typedef enum oqsdm_err {
    OQSDM_OK = 0,
    OQSDM_E_NOMEM = 1,
    OQSDM_E_USAGE = 2,
    OQSDM_E_INI_MISSING = 3,
    OQSDM_E_INI_READ = 4,
    OQSDM_E_INI_KEY_MISSING = 5,
    OQSDM_E_INI_VALUE = 6,
    OQSDM_E_DATA_FILE = 7,
    OQSDM_E_IO = 8,
    OQSDM_E_PLATFORM = 9,
    OQSDM_E_INTERNAL = 10,
    OQSDM_E_ACCESS_DENIED = 11,  /* the user may not write there: offer elevation */
    OQSDM_E_INI_WRITE = 12,      /* the INI could not be written for another reason */
    OQSDM_E_STATE = 13           /* oqsdm's state folder could not be read or written */
} oqsdm_err;

typedef struct oqsdm_error {
    oqsdm_err code;
    char message[1024]; /* UTF-8, in the user's language */
} oqsdm_error;

/* Stable identifier for JSON ("ini_missing", ...). */
const char *oqsdm_err_name(oqsdm_err code);

/* Sets code and message; returns code so callers can `return oqsdm_error_set(...)`. */
oqsdm_err oqsdm_error_set(oqsdm_error *e, oqsdm_err code, const char *message);

#endif
