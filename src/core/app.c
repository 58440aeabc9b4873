/*
 * app.c: the steps every front end takes, in one place, so the GUI and
 * the CLI cannot drift apart.
 */
#include "oqsdm/app.h"
#include "oqsdm/fileio.h"
#include "oqsdm/log.h"
#include "oqsdm/paths.h"
#include "oqsdm/platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static oqsdm_err load_data(oqsdm_app *app, oqsdm_error *err)
{
    char m[1024], why[256];
    char *json;
    size_t len;
    oqsdm_read_status rs = oqsdm_read_file(app->data_path, OQSDM_DATA_MAX_BYTES, &json, &len);
    if (rs != OQSDM_READ_OK) {
        snprintf(why, sizeof why, "%s", rs == OQSDM_READ_MISSING ? "not found" :
                                        rs == OQSDM_READ_TOO_LARGE ? "too large" : "I/O error");
        return oqsdm_error_set(err, OQSDM_E_DATA_FILE,
                               oqsdm_msgf2(m, sizeof m, app->lang, OQSDM_MSG_ERR_DATA_FILE, app->data_path, why));
    }
    int bad = oqsdm_data_parse(json, len, &app->data, why, sizeof why);
    free(json);
    if (bad)
        return oqsdm_error_set(err, OQSDM_E_DATA_FILE,
                               oqsdm_msgf2(m, sizeof m, app->lang, OQSDM_MSG_ERR_DATA_FILE, app->data_path, why));
    return OQSDM_OK;
}

static oqsdm_err load(oqsdm_app *app, const oqsdm_options *opt, int ini_optional, oqsdm_error *err)
{
    char m[1024], dir[1024];
    memset(app, 0, sizeof *app);
    app->lang = opt->lang;
    if (opt->root && strlen(opt->root) >= sizeof app->root)
        return oqsdm_error_set(err, OQSDM_E_USAGE,
                               oqsdm_msgf1(m, sizeof m, app->lang, OQSDM_MSG_ERR_USAGE, "--root"));
    snprintf(app->root, sizeof app->root, "%s", opt->root ? opt->root : "");

    if (opt->config_path) {
        if (strlen(opt->config_path) >= sizeof app->ini_path)
            return oqsdm_error_set(err, OQSDM_E_USAGE,
                                   oqsdm_msgf1(m, sizeof m, app->lang, OQSDM_MSG_ERR_USAGE, "--config"));
        strcpy(app->ini_path, opt->config_path);
    } else if (oqsdm_path_in_folder(app->root, OQSDM_FOLDER_PROGRAM_DATA, OQSDM_INI_REL,
                                    app->ini_path, sizeof app->ini_path)) {
        return oqsdm_error_set(err, OQSDM_E_INTERNAL,
                               oqsdm_msgf1(m, sizeof m, app->lang, OQSDM_MSG_ERR_INTERNAL, "ini path"));
    }
    if (oqsdm_path_in_folder(app->root, OQSDM_FOLDER_PROGRAM_DATA, OQSDM_STATE_REL,
                             app->state_dir, sizeof app->state_dir))
        return oqsdm_error_set(err, OQSDM_E_INTERNAL,
                               oqsdm_msgf1(m, sizeof m, app->lang, OQSDM_MSG_ERR_INTERNAL, "state path"));
    if (oqsdm_plat_exe_dir(dir, sizeof dir) ||
        snprintf(app->data_path, sizeof app->data_path, "%s%c%s", dir, oqsdm_plat_sep,
                 OQSDM_DATA_FILE_NAME) >= (int)sizeof app->data_path)
        return oqsdm_error_set(err, OQSDM_E_INTERNAL,
                               oqsdm_msgf1(m, sizeof m, app->lang, OQSDM_MSG_ERR_INTERNAL, "data path"));

    oqsdm_err rc = load_data(app, err);
    if (rc != OQSDM_OK)
        return rc;
    rc = oqsdm_config_load(app->ini_path, &app->data, app->root, app->lang, &app->config, err);
    if (rc == OQSDM_E_INI_MISSING && ini_optional) {
        oqsdm_config_defaults(&app->data, &app->config);
        snprintf(app->config.path, sizeof app->config.path, "%s", app->ini_path);
        app->ini_missing = 1;
        rc = OQSDM_OK;
    }
    return rc;
}

oqsdm_err oqsdm_app_load(oqsdm_app *app, const oqsdm_options *opt, oqsdm_error *err)
{
    return load(app, opt, 0, err);
}

oqsdm_err oqsdm_app_load_ini_optional(oqsdm_app *app, const oqsdm_options *opt, oqsdm_error *err)
{
    return load(app, opt, 1, err);
}

void oqsdm_app_check_connection(const oqsdm_app *app, const atomic_int *cancel,
                                oqsdm_conn_result *out, char *log_error, size_t log_error_size)
{
    oqsdm_proxy_settings proxy;
    memset(&proxy, 0, sizeof proxy);
    if (app->config.destination == OQSDM_DEST_BASE)
        oqsdm_plat_user_proxy(&proxy); /* unreadable settings read as "no proxy" */
    oqsdm_conn_check(&app->config, &proxy, app->lang, cancel, out);

    const char *result = out->reason == OQSDM_R_OK ? "ok" : "fail";
    if (oqsdm_log_append(app->state_dir, OQSDM_LOG_MAX_BYTES, "connection", result,
                         oqsdm_reason_code(out->reason), out->reason_text) != 0) {
        if (log_error) {
            char why[300];
            oqsdm_plat_last_error(why, sizeof why);
            oqsdm_msgf1(log_error, log_error_size, app->lang, OQSDM_MSG_LOG_WRITE_FAILED, why);
        }
    } else if (log_error && log_error_size) {
        log_error[0] = '\0';
    }
}

void oqsdm_app_log_error(const oqsdm_app *app, const char *check, const oqsdm_error *err)
{
    /* Only where the distribution app's folder exists: a mistyped --root
     * must not grow a ProgramData tree of its own. */
    char parent[1024];
    oqsdm_path_dirname(app->state_dir, parent, sizeof parent);
    if (app->state_dir[0] && oqsdm_plat_dir_exists(parent))
        oqsdm_log_append(app->state_dir, OQSDM_LOG_MAX_BYTES, check, "error", oqsdm_err_name(err->code),
                         err->message);
}
