/*
 * log.h: one line per check in oqsdm's state folder, so a vendor can see
 * what happened yesterday. The file is kept to a bounded size by rolling
 * it over to a single ".1" file.
 */
#ifndef OQSDM_LOG_H
#define OQSDM_LOG_H

#include <stddef.h>

#define OQSDM_LOG_NAME "oqsdm.log"
#define OQSDM_LOG_MAX_BYTES (512 * 1024)

/* Appends "time<TAB>check<TAB>result<TAB>reason_code<TAB>reason" to
 * <state_dir>/oqsdm.log, creating the folder. Tabs and line breaks inside
 * fields become spaces so one check is always one line. `max_bytes` is the
 * roll-over size (OQSDM_LOG_MAX_BYTES normally). 0 on success. */
int oqsdm_log_append(const char *state_dir, size_t max_bytes, const char *check,
                     const char *result, const char *reason_code, const char *reason);

#endif
