/*
 * cli.c: oqsdm-cli's global options and the command table (see cli.h for
 * the contract every command keeps).
 */
#include "cli.h"

#include "oqsdm/connection.h"
#include "oqsdm/platform.h"
#include "oqsdm/portal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(oqsdm_cli *c);
} commands[] = {
    {"check-connection", oqsdm_cmd_check_connection},
    {"versions", oqsdm_cmd_versions},
    {"diagnose", oqsdm_cmd_diagnose},
    {"fix", oqsdm_cmd_fix},
    {"settings", oqsdm_cmd_settings},
};

void oqsdm_cli_print_json(cJSON *o)
{
    char *s = o ? cJSON_PrintUnformatted(o) : NULL;
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
        cJSON_free(s);
    }
    cJSON_Delete(o);
}

int oqsdm_cli_fail(const oqsdm_cli *c, oqsdm_err code, const char *message)
{
    if (c->json) {
        cJSON *o = cJSON_CreateObject(), *e = cJSON_AddObjectToObject(o, "error");
        cJSON_AddStringToObject(e, "code", oqsdm_err_name(code));
        cJSON_AddStringToObject(e, "message", message);
        oqsdm_cli_print_json(o);
    } else {
        fprintf(stderr, "%s\n", message);
        if (code == OQSDM_E_USAGE)
            fprintf(stderr, "\n%s\n", oqsdm_msg(c->opt.lang, OQSDM_MSG_CLI_USAGE));
    }
    return OQSDM_EXIT_USAGE;
}

int oqsdm_cli_bad_arg(const oqsdm_cli *c, const char *word)
{
    char m[1024];
    return oqsdm_cli_fail(c, OQSDM_E_USAGE, oqsdm_msgf1(m, sizeof m, c->opt.lang, OQSDM_MSG_ERR_USAGE, word));
}

const char *oqsdm_cli_value(const oqsdm_cli *c, int *i)
{
    if (*i + 1 >= c->argc || !c->argv[*i + 1][0])
        return NULL;
    return c->argv[++*i];
}

int oqsdm_cli_main(int argc, char **argv)
{
    oqsdm_cli c;
    memset(&c, 0, sizeof c);
    c.opt.lang = oqsdm_plat_ui_lang();
    const char *command = NULL;
    const char *bad = NULL;

    /* --json may appear anywhere, so errors about the other words can
     * already be given as JSON. */
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (!rest)
        return OQSDM_EXIT_USAGE;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--json") == 0)
            c.json = 1;

    for (int i = 1; i < argc && !bad; i++) {
        const char *a = argv[i];
        int global = strcmp(a, "--config") == 0 || strcmp(a, "--root") == 0 || strcmp(a, "--lang") == 0;
        if (strcmp(a, "--json") == 0) {
            continue;
        } else if (command && !global) {
            /* the command's own words; the global options are taken
             * anywhere, as vendors type them */
            rest[c.argc++] = argv[i];
        } else if (strcmp(a, "--version") == 0) {
            printf("oqsdm-cli %s\n", OQSDM_VERSION);
            free(rest);
            return OQSDM_EXIT_GREEN;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0 || strcmp(a, "/?") == 0) {
            printf("%s\n", oqsdm_msg(c.opt.lang, OQSDM_MSG_CLI_USAGE));
            free(rest);
            return OQSDM_EXIT_GREEN;
        } else if (global) {
            if (i + 1 >= argc || !argv[i + 1][0]) {
                bad = a;
                break;
            }
            const char *v = argv[++i];
            if (a[2] == 'c')
                c.opt.config_path = v;
            else if (a[2] == 'r')
                c.opt.root = v;
            else if (oqsdm_lang_parse(v, &c.opt.lang))
                bad = a;
        } else if (a[0] != '-') {
            command = a;
        } else {
            bad = a;
        }
    }
    c.argv = rest;
    int rc = -1;
    if (bad || !command) {
        rc = oqsdm_cli_bad_arg(&c, bad ? bad : oqsdm_msg(c.opt.lang, OQSDM_MSG_CLI_NO_COMMAND));
    } else {
        for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
            if (strcmp(command, commands[k].name) == 0) {
                if (oqsdm_conn_global_init() != 0) {
                    char m[256];
                    rc = oqsdm_cli_fail(&c, OQSDM_E_INTERNAL,
                                        oqsdm_msgf1(m, sizeof m, c.opt.lang, OQSDM_MSG_ERR_INTERNAL,
                                                    "curl_global_init"));
                    break;
                }
                oqsdm_portal_init();
                rc = commands[k].run(&c);
                oqsdm_conn_global_cleanup();
                break;
            }
        if (rc < 0)
            rc = oqsdm_cli_bad_arg(&c, command);
    }
    free(rest);
    return rc;
}
