/*
 * cmd_connection.c: `check-connection`, the guide's first check (p.2).
 */
#include "cli.h"

#include "oqsdm/connection.h"

#include <stdio.h>
#include <string.h>

int oqsdm_cmd_check_connection(oqsdm_cli *c)
{
    if (c->argc > 0)
        return oqsdm_cli_bad_arg(c, c->argv[0]);
    static oqsdm_app app;
    oqsdm_error err;
    if (oqsdm_app_load(&app, &c->opt, &err) != OQSDM_OK ||
        oqsdm_config_require_server(&app.config, app.lang, &err) != OQSDM_OK) {
        oqsdm_app_log_error(&app, "connection", &err);
        return oqsdm_cli_fail(c, err.code, err.message);
    }

    oqsdm_conn_result r;
    char log_error[512] = "";
    oqsdm_app_check_connection(&app, NULL, &r, log_error, sizeof log_error);
    int ok = r.reason == OQSDM_R_OK;
    oqsdm_lang lang = app.lang;
    const char *message = oqsdm_msg(lang, ok ? OQSDM_MSG_CONN_SUCCEEDED : OQSDM_MSG_CONN_FAILED);

    if (log_error[0])
        fprintf(stderr, "%s\n", log_error);
    if (c->json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "check", "connection");
        cJSON_AddStringToObject(o, "status", ok ? "ok" : "fail");
        cJSON_AddStringToObject(o, "reason_code", oqsdm_reason_code(r.reason));
        cJSON_AddStringToObject(o, "message", message);
        cJSON_AddStringToObject(o, "reason", r.reason_text);
        cJSON_AddNumberToObject(o, "elapsed_ms", (double)r.elapsed_ms);
        cJSON_AddStringToObject(o, "destination", oqsdm_destination_name(app.config.destination));
        cJSON_AddStringToObject(o, "route", r.via_proxy ? "proxy" : "direct");
        if (r.via_proxy)
            cJSON_AddStringToObject(o, "proxy", r.proxy);
        else
            cJSON_AddNullToObject(o, "proxy");
        cJSON_AddNumberToObject(o, "http_status", (double)r.http_status);
        cJSON_AddNumberToObject(o, "proxy_status", (double)r.proxy_status);
        cJSON_AddStringToObject(o, "detail", r.detail);
        oqsdm_cli_print_json(o);
    } else {
        char line[1200], buf[1200], s[32];
        oqsdm_msgf2(line, sizeof line, lang, OQSDM_MSG_CLI_RESULT_LINE,
                    oqsdm_msg(lang, ok ? OQSDM_MSG_STATUS_CONN_OK : OQSDM_MSG_STATUS_CONN_FAIL), message);
        printf("%s\n", line);
        printf("%s\n", oqsdm_msgf1(buf, sizeof buf, lang, ok ? OQSDM_MSG_RESULT_LABEL : OQSDM_MSG_REASON_LABEL,
                                    r.reason_text));
        if (r.via_proxy)
            printf("%s\n", oqsdm_msgf1(buf, sizeof buf, lang, OQSDM_MSG_CLI_ROUTE_PROXY, r.proxy));
        else
            printf("%s\n", oqsdm_msg(lang, OQSDM_MSG_CLI_ROUTE_DIRECT));
        snprintf(s, sizeof s, "%.2f", (double)r.elapsed_ms / 1000.0);
        printf("%s\n", oqsdm_msgf1(buf, sizeof buf, lang, OQSDM_MSG_ELAPSED, s));
    }
    return ok ? OQSDM_EXIT_GREEN : OQSDM_EXIT_RED;
}
