/*
 * app.h: what the GUI and the CLI share: resolve the paths, load the data
 * file and the INI, run a check, and log it.
 */
#ifndef OQSDM_APP_H
#define OQSDM_APP_H

#include <stdatomic.h>
#include "config.h"
#include "connection.h"
#include "data.h"
#include "error.h"
#include "msg.h"

typedef struct oqsdm_options {
    const char *config_path;  /* --config, NULL for the guide's path */
    const char *root;         /* --root, NULL for none */
    oqsdm_lang  lang;
} oqsdm_options;

typedef struct oqsdm_app {
    oqsdm_lang   lang;
    char         root[1024];       /* "" for none */
    char         ini_path[1024];
    char         state_dir[1024];
    char         data_path[1024];
    oqsdm_data   data;
    oqsdm_config config;
    int          ini_missing;      /* oqsdm_app_load_ini_optional found no INI */
} oqsdm_app;

/* Loads the data file and the INI. On failure `err` says why in the
 * user's language (exit code 2 territory: nothing was checked). */
oqsdm_err oqsdm_app_load(oqsdm_app *app, const oqsdm_options *opt, oqsdm_error *err);

/* The same for checks that can run without an INI (the version check
 * with a saved page): a missing INI gives the data file's defaults and
 * sets app->ini_missing; a broken one is still an error. */
oqsdm_err oqsdm_app_load_ini_optional(oqsdm_app *app, const oqsdm_options *opt, oqsdm_error *err);

/* Runs the connection check with the user's proxy settings, and logs it.
 * A log that cannot be written does not change the result; `log_error`
 * (may be NULL) receives why. */
void oqsdm_app_check_connection(const oqsdm_app *app, const atomic_int *cancel,
                                oqsdm_conn_result *out, char *log_error, size_t log_error_size);

/* Logs a check that could not run (a missing INI, a bad value) so the
 * log also shows the days the terminal was misconfigured. Needs only the
 * state folder, which oqsdm_app_load sets before anything can fail. */
void oqsdm_app_log_error(const oqsdm_app *app, const char *check, const oqsdm_error *err);

#endif
