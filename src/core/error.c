/*
 * error.c: names of the error codes and the setter.
 */
#include "oqsdm/error.h"

#include <string.h>

const char *oqsdm_err_name(oqsdm_err code)
{
    switch (code) {
    case OQSDM_OK: return "ok";
    case OQSDM_E_NOMEM: return "no_memory";
    case OQSDM_E_USAGE: return "usage";
    case OQSDM_E_INI_MISSING: return "ini_missing";
    case OQSDM_E_INI_READ: return "ini_read";
    case OQSDM_E_INI_KEY_MISSING: return "ini_key_missing";
    case OQSDM_E_INI_VALUE: return "ini_value";
    case OQSDM_E_DATA_FILE: return "data_file";
    case OQSDM_E_IO: return "io";
    case OQSDM_E_PLATFORM: return "platform";
    case OQSDM_E_INTERNAL: return "internal";
    case OQSDM_E_ACCESS_DENIED: return "access_denied";
    case OQSDM_E_INI_WRITE: return "ini_write";
    case OQSDM_E_STATE: return "state";
    }
    return "unknown";
}

oqsdm_err oqsdm_error_set(oqsdm_error *e, oqsdm_err code, const char *message)
{
    if (e) {
        e->code = code;
        size_t n = strlen(message);
        if (n >= sizeof e->message) {
            n = sizeof e->message - 1;
            while (n > 0 && ((unsigned char)message[n] & 0xC0) == 0x80)
                n--;
        }
        memcpy(e->message, message, n);
        e->message[n] = '\0';
    }
    return code;
}
