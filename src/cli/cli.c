/*
 * cli.c: oqsdm-cli, the console twin of the dialog, for vendors and tests.
 *
 * Exit codes, for every command: 0 all green, 1 something red, 2 usage or
 * configuration error (nothing was checked), 3 checked, nothing red,
 * something unknown. With --json exactly one JSON object goes to stdout.
 */
#include "cli.h"

#include "oqsdm/app.h"
#include "oqsdm/connection.h"
#include "oqsdm/platform.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

enum { EXIT_GREEN = 0, EXIT_RED = 1, EXIT_USAGE = 2, EXIT_UNKNOWN = 3 };

static void print_json(cJSON *o)
{
    char *s = cJSON_PrintUnformatted(o);
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
        cJSON_free(s);
    }
    cJSON_Delete(o);
}

static int fail_usage(int json, oqsdm_lang lang, oqsdm_err code, const char *message)
{
    if (json) {
        cJSON *o = cJSON_CreateObject(), *e = cJSON_AddObjectToObject(o, "error");
        cJSON_AddStringToObject(e, "code", oqsdm_err_name(code));
        cJSON_AddStringToObject(e, "message", message);
        print_json(o);
    } else {
        fprintf(stderr, "%s\n", message);
        if (code == OQSDM_E_USAGE)
            fprintf(stderr, "\n%s\n", oqsdm_msg(lang, OQSDM_MSG_CLI_USAGE));
    }
    return EXIT_USAGE;
}

static int cmd_check_connection(const oqsdm_app *app, int json)
{
    oqsdm_conn_result r;
    char log_error[512] = "";
    oqsdm_app_check_connection(app, NULL, &r, log_error, sizeof log_error);
    int ok = r.reason == OQSDM_R_OK;
    oqsdm_lang lang = app->lang;
    const char *message = oqsdm_msg(lang, ok ? OQSDM_MSG_CONN_SUCCEEDED : OQSDM_MSG_CONN_FAILED);

    if (log_error[0])
        fprintf(stderr, "%s\n", log_error);
    if (json) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "check", "connection");
        cJSON_AddStringToObject(o, "status", ok ? "ok" : "fail");
        cJSON_AddStringToObject(o, "reason_code", oqsdm_reason_code(r.reason));
        cJSON_AddStringToObject(o, "message", message);
        cJSON_AddStringToObject(o, "reason", r.reason_text);
        cJSON_AddNumberToObject(o, "elapsed_ms", (double)r.elapsed_ms);
        cJSON_AddStringToObject(o, "destination", oqsdm_destination_name(app->config.destination));
        cJSON_AddStringToObject(o, "route", r.via_proxy ? "proxy" : "direct");
        if (r.via_proxy)
            cJSON_AddStringToObject(o, "proxy", r.proxy);
        else
            cJSON_AddNullToObject(o, "proxy");
        cJSON_AddNumberToObject(o, "http_status", (double)r.http_status);
        cJSON_AddNumberToObject(o, "proxy_status", (double)r.proxy_status);
        cJSON_AddStringToObject(o, "detail", r.detail);
        print_json(o);
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
    return ok ? EXIT_GREEN : EXIT_RED;
}

int oqsdm_cli_main(int argc, char **argv)
{
    oqsdm_options opt = {NULL, NULL, oqsdm_plat_ui_lang()};
    const char *command = NULL;
    int json = 0;
    char m[1024];
    const char *bad = NULL;

    /* --json may appear anywhere, so errors about the other words can
     * already be given as JSON. */
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--json") == 0)
            json = 1;

    for (int i = 1; i < argc && !bad; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0) {
            continue;
        } else if (strcmp(a, "--version") == 0) {
            printf("oqsdm-cli %s\n", OQSDM_VERSION);
            return EXIT_GREEN;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0 || strcmp(a, "/?") == 0) {
            printf("%s\n", oqsdm_msg(opt.lang, OQSDM_MSG_CLI_USAGE));
            return EXIT_GREEN;
        } else if (!command && (strcmp(a, "--config") == 0 || strcmp(a, "--root") == 0 ||
                                strcmp(a, "--lang") == 0)) {
            if (i + 1 >= argc || !argv[i + 1][0]) {
                bad = a;
                break;
            }
            const char *v = argv[++i];
            if (a[2] == 'c')
                opt.config_path = v;
            else if (a[2] == 'r')
                opt.root = v;
            else if (oqsdm_lang_parse(v, &opt.lang))
                bad = a;
        } else if (!command && a[0] != '-') {
            command = a;
        } else {
            bad = a;
        }
    }
    if (bad)
        return fail_usage(json, opt.lang, OQSDM_E_USAGE,
                          oqsdm_msgf1(m, sizeof m, opt.lang, OQSDM_MSG_ERR_USAGE, bad));
    if (!command || strcmp(command, "check-connection") != 0)
        return fail_usage(json, opt.lang, OQSDM_E_USAGE,
                          oqsdm_msgf1(m, sizeof m, opt.lang, OQSDM_MSG_ERR_USAGE,
                                      command ? command : "(no command)"));

    static oqsdm_app app;
    oqsdm_error err;
    if (oqsdm_app_load(&app, &opt, &err) != OQSDM_OK) {
        oqsdm_app_log_error(&app, "connection", &err);
        return fail_usage(json, opt.lang, err.code, err.message);
    }
    if (oqsdm_conn_global_init() != 0)
        return fail_usage(json, opt.lang, OQSDM_E_INTERNAL,
                          oqsdm_msgf1(m, sizeof m, opt.lang, OQSDM_MSG_ERR_INTERNAL, "curl_global_init"));
    int rc = cmd_check_connection(&app, json);
    oqsdm_conn_global_cleanup();
    return rc;
}
