/*
 * cmd_fix.c: `fix`, applying or undoing one of the diagnosis' fixes:
 *
 *   oqsdm-cli [global options] fix ID [--undo] [--json]
 *
 * ID is a finding's id (destination, proxy.server, proxy.bypass,
 * proxy.winhttp). Exit 0 when done, 1 when refused (nothing to fix or
 * undo) or failed; 2 for usage and configuration errors. After a fix the
 * connection check runs again, so the answer says whether it helped.
 */
#include "cli.h"

#include "oqsdm/fix.h"

#include <stdio.h>
#include <string.h>

static const char *const result_names[] = {"done", "nothing", "failed"};

static void add_finding(cJSON *o, const char *name, const oqsdm_finding *f)
{
    cJSON *x = cJSON_AddObjectToObject(o, name);
    cJSON_AddStringToObject(x, "status", oqsdm_fstatus_name(f->status));
    cJSON_AddStringToObject(x, "code", f->code);
    cJSON_AddStringToObject(x, "detail", f->detail);
}

int oqsdm_cmd_fix(oqsdm_cli *c)
{
    const char *id_name = NULL;
    int undo = 0;
    for (int i = 0; i < c->argc; i++) {
        if (strcmp(c->argv[i], "--undo") == 0)
            undo = 1;
        else if (!id_name && c->argv[i][0] != '-')
            id_name = c->argv[i];
        else
            return oqsdm_cli_bad_arg(c, c->argv[i]);
    }
    int id = oqsdm_finding_from_name(id_name);
    if (id < 0 || id == OQSDM_F_DNS || id == OQSDM_F_CONNECTION)
        return oqsdm_cli_bad_arg(c, id_name ? id_name : "(no ID)");

    static oqsdm_app app;
    oqsdm_error err;
    if (oqsdm_app_load(&app, &c->opt, &err) != OQSDM_OK) {
        oqsdm_app_log_error(&app, "fix", &err);
        return oqsdm_cli_fail(c, err.code, err.message);
    }
    static oqsdm_fix_outcome out;
    oqsdm_err rc = undo ? oqsdm_fix_undo(&app, (oqsdm_finding_id)id, &out, &err)
                        : oqsdm_fix_apply(&app, (oqsdm_finding_id)id, &out, &err);

    /* Did it help? The connection check answers, as the guide's button would. */
    static oqsdm_conn_result conn;
    int conn_ran = 0;
    if (rc == OQSDM_OK && out.result == OQSDM_FIX_DONE) {
        static oqsdm_app again;
        if (oqsdm_app_load(&again, &c->opt, &err) == OQSDM_OK && again.config.server_url[0]) {
            oqsdm_app_check_connection(&again, NULL, &conn, NULL, 0);
            conn_ran = 1;
        }
    }
    oqsdm_lang L = app.lang;
    if (c->json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "fix", oqsdm_finding_name((oqsdm_finding_id)id));
        cJSON_AddStringToObject(o, "action", undo ? "undo" : "apply");
        cJSON_AddStringToObject(o, "result", result_names[rc == OQSDM_OK ? out.result : OQSDM_FIX_FAILED]);
        cJSON_AddStringToObject(o, "message", rc == OQSDM_OK ? out.message : err.message);
        if (rc != OQSDM_OK) {
            cJSON *e = cJSON_AddObjectToObject(o, "error");
            cJSON_AddStringToObject(e, "code", oqsdm_err_name(err.code));
            cJSON_AddStringToObject(e, "message", err.message);
        }
        if (!undo) {
            add_finding(o, "before", &out.before);
            if (rc == OQSDM_OK)
                add_finding(o, "after", &out.after);
        }
        if (out.command[0])
            cJSON_AddStringToObject(o, "command", out.command);
        cJSON_AddBoolToObject(o, "undo_available", oqsdm_fix_has_backup(&app, (oqsdm_finding_id)id));
        if (conn_ran) {
            cJSON *x = cJSON_AddObjectToObject(o, "connection");
            cJSON_AddStringToObject(x, "status", conn.reason == OQSDM_R_OK ? "ok" : "fail");
            cJSON_AddStringToObject(x, "reason_code", oqsdm_reason_code(conn.reason));
            cJSON_AddStringToObject(x, "reason", conn.reason_text);
        } else {
            cJSON_AddNullToObject(o, "connection");
        }
        oqsdm_cli_print_json(o);
    } else {
        char line[2048];
        printf("%s\n", rc == OQSDM_OK ? out.message : err.message);
        if (out.command[0] && rc != OQSDM_OK)
            printf("%s\n", out.command);
        if (conn_ran)
            printf("%s\n", oqsdm_msgf2(line, sizeof line, L, OQSDM_MSG_CLI_RESULT_LINE,
                                        oqsdm_msg(L, conn.reason == OQSDM_R_OK ? OQSDM_MSG_STATUS_CONN_OK
                                                                                : OQSDM_MSG_STATUS_CONN_FAIL),
                                        conn.reason_text));
    }
    return rc == OQSDM_OK && out.result == OQSDM_FIX_DONE ? OQSDM_EXIT_GREEN : OQSDM_EXIT_RED;
}
