/*
 * cmd_diagnose.c: `diagnose`, the guide's chapter 2 done at once:
 *
 *   oqsdm-cli [global options] diagnose [--json]
 *
 * Exit 1 when a finding fails, 3 when none fails and one is unknown, else
 * 0. A terminal without ServerUrl is still diagnosed (its connection
 * finding is unknown): the other findings are what a vendor needs then.
 */
#include "cli.h"

#include "oqsdm/diagnose.h"

#include <stdio.h>
#include <string.h>

static const int status_msg[OQSDM_FS_COUNT] = {OQSDM_MSG_FS_OK, OQSDM_MSG_FS_WARN, OQSDM_MSG_FS_FAIL,
                                               OQSDM_MSG_FS_SKIP, OQSDM_MSG_FS_UNKNOWN};

/* Every line of a multi-line text, indented under its title. */
static void print_indented(const char *prefix, const char *text)
{
    fputs(prefix, stdout);
    for (const char *p = text; *p; p++) {
        fputc(*p, stdout);
        if (*p == '\n')
            fputs("    ", stdout);
    }
    fputc('\n', stdout);
}

int oqsdm_cmd_diagnose(oqsdm_cli *c)
{
    if (c->argc > 0)
        return oqsdm_cli_bad_arg(c, c->argv[0]);
    static oqsdm_app app;
    oqsdm_error err;
    if (oqsdm_app_load(&app, &c->opt, &err) != OQSDM_OK) {
        oqsdm_app_log_error(&app, "diagnose", &err);
        return oqsdm_cli_fail(c, err.code, err.message);
    }
    static oqsdm_diagnosis d;
    static oqsdm_diag_facts facts;
    oqsdm_app_diagnose(&app, NULL, &d, &facts);
    oqsdm_lang L = app.lang;

    if (c->json) {
        cJSON *o = cJSON_CreateObject(), *list = cJSON_AddArrayToObject(o, "findings");
        for (int i = 0; i < OQSDM_F_COUNT; i++) {
            const oqsdm_finding *f = &d.f[i];
            cJSON *x = cJSON_CreateObject();
            cJSON_AddItemToArray(list, x);
            cJSON_AddStringToObject(x, "id", oqsdm_finding_name(f->id));
            cJSON_AddStringToObject(x, "status", oqsdm_fstatus_name(f->status));
            cJSON_AddStringToObject(x, "title", f->title);
            cJSON_AddStringToObject(x, "detail", f->detail);
            cJSON_AddStringToObject(x, "remedy", f->remedy);
            cJSON_AddBoolToObject(x, "fixable", f->fixable);
            if (f->explained_by >= 0)
                cJSON_AddStringToObject(x, "explained_by", oqsdm_finding_name((oqsdm_finding_id)f->explained_by));
            else
                cJSON_AddNullToObject(x, "explained_by");
            cJSON_AddStringToObject(x, "code", f->code);
            if (f->fixable) {
                cJSON_AddStringToObject(x, "fix_value", f->fix_value);
                cJSON_AddBoolToObject(x, "fix_needs_admin", f->fix_needs_admin);
            }
            if (f->id == OQSDM_F_CONNECTION && facts.conn_ran)
                cJSON_AddStringToObject(x, "reason_code", oqsdm_reason_code(facts.conn.reason));
        }
        cJSON *s = cJSON_AddObjectToObject(o, "summary");
        for (int k = 0; k < OQSDM_FS_COUNT; k++)
            cJSON_AddNumberToObject(s, oqsdm_fstatus_name((oqsdm_fstatus)k), d.count[k]);
        cJSON_AddNumberToObject(o, "elapsed_ms", (double)d.elapsed_ms);
        cJSON *names = cJSON_AddArrayToObject(o, "dns");
        for (size_t i = 0; i < facts.ndns; i++) {
            static const char *const res[] = {"not_run", "ok", "not_found", "failed", "timeout"};
            cJSON *n = cJSON_CreateObject();
            cJSON_AddItemToArray(names, n);
            cJSON_AddStringToObject(n, "name", facts.dns[i].name);
            cJSON_AddBoolToObject(n, "required", facts.dns[i].required);
            cJSON_AddStringToObject(n, "status", res[facts.dns[i].status]);
            cJSON_AddNumberToObject(n, "ms", (double)facts.dns[i].ms);
        }
        oqsdm_cli_print_json(o);
    } else {
        char line[4096];
        for (int i = 0; i < OQSDM_F_COUNT; i++) {
            const oqsdm_finding *f = &d.f[i];
            printf("%s\n", oqsdm_msgf2(line, sizeof line, L, OQSDM_MSG_DCLI_TITLE, oqsdm_msg(L, status_msg[f->status]),
                                        f->title));
            if (f->detail[0])
                print_indented("    ", f->detail);
            if (f->remedy[0])
                print_indented(oqsdm_msgf1(line, sizeof line, L, OQSDM_MSG_DCLI_REMEDY, ""), f->remedy);
            if (f->fixable)
                printf("%s\n", oqsdm_msgf1(line, sizeof line, L, OQSDM_MSG_DCLI_FIX, oqsdm_finding_name(f->id)));
        }
        char n[5][16];
        for (int k = 0; k < 5; k++)
            snprintf(n[k], sizeof n[k], "%d", d.count[k]);
        const char *args[5] = {n[0], n[1], n[2], n[3], n[4]};
        printf("%s\n", oqsdm_msgf(line, sizeof line, L, OQSDM_MSG_DCLI_SUMMARY, args, 5));
    }
    return d.exit_class;
}
