/*
 * cmd_settings.c: `settings`, the guide's 設定の変更:
 *
 *   oqsdm-cli [global options] settings [--destination base|cloud]
 *             [--provider ID] [--connection ipsec|ipvpn]
 *             [--server-url URL] [--init] [--json]
 *
 * Without setters it shows the settings; with them it writes exactly those
 * keys into [oqsdm] (settings.c: every other byte of the file stays, the
 * previous file becomes <name>.bak) and shows the result. Either way it
 * names the guide's destination for the provider and warns when the
 * chosen one contradicts it. --init creates a missing INI (and its
 * folder) for the installer's first run; without it a missing INI is the
 * guide's "reinstall" error, as for every other command.
 */
#include "cli.h"

#include "oqsdm/settings.h"

#include <stdio.h>
#include <string.h>

enum { OPT_DESTINATION, OPT_PROVIDER, OPT_CONNECTION, OPT_SERVER_URL, OPT_COUNT };

static const struct {
    const char *option;
    const char *key;
} setters[OPT_COUNT] = {
    {"--destination", "Destination"},
    {"--provider", "Provider"},
    {"--connection", "ConnectionKind"},
    {"--server-url", "ServerUrl"},
};

static void add_str_or_null(cJSON *o, const char *name, const char *value)
{
    if (value && *value)
        cJSON_AddStringToObject(o, name, value);
    else
        cJSON_AddNullToObject(o, name);
}

static void print_json(const char *path, const oqsdm_settings_result *w, const oqsdm_settings *s,
                       const char *recommended, const char *warning)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "path", path);
    cJSON_AddBoolToObject(o, "written", w->written);
    add_str_or_null(o, "backup", w->backup);
    cJSON *j = cJSON_AddObjectToObject(o, "settings");
    cJSON_AddStringToObject(j, "destination", s->destination);
    add_str_or_null(j, "provider", s->provider);
    add_str_or_null(j, "connection_kind", s->connection_kind);
    add_str_or_null(j, "server_url", s->server_url);
    add_str_or_null(o, "recommended_destination", recommended);
    add_str_or_null(o, "warning", warning);
    cJSON_AddBoolToObject(o, "only_oqsdm", s->only_oqsdm);
    oqsdm_cli_print_json(o);
}

static void print_line(oqsdm_lang L, int id, const char *value)
{
    char buf[2400];
    printf("%s\n", oqsdm_msgf1(buf, sizeof buf, L, id, value));
}

/* "name (id)", or (not set) */
static const char *named(char *buf, size_t size, oqsdm_lang L, const char *name, const char *id)
{
    if (!id || !*id)
        return oqsdm_msg(L, OQSDM_MSG_SETTINGS_NOT_SET);
    return oqsdm_msgf2(buf, size, L, OQSDM_MSG_SETTINGS_NAME_AND_ID, name, id);
}

static void print_text(oqsdm_lang L, const char *path, int wrote_or_init, const oqsdm_settings_result *w,
                       const oqsdm_settings *s, const char *recommended, const char *warning)
{
    char v[2400];
    print_line(L, OQSDM_MSG_SETTINGS_FILE, path);
    print_line(L, OQSDM_MSG_SETTINGS_DESTINATION,
               named(v, sizeof v, L, oqsdm_settings_destination_name(s->destination, L), s->destination));
    print_line(L, OQSDM_MSG_SETTINGS_PROVIDER,
               named(v, sizeof v, L, oqsdm_settings_provider_name(s->provider, L), s->provider));
    print_line(L, OQSDM_MSG_SETTINGS_CONNECTION_KIND,
               named(v, sizeof v, L, oqsdm_settings_connection_kind_name(s->connection_kind, L),
                     s->connection_kind));
    print_line(L, OQSDM_MSG_SETTINGS_SERVER_URL,
               s->server_url[0] ? s->server_url : oqsdm_msg(L, OQSDM_MSG_SETTINGS_NOT_SET));
    if (recommended)
        print_line(L, OQSDM_MSG_SETTINGS_RECOMMENDED,
                   named(v, sizeof v, L, oqsdm_settings_destination_name(recommended, L), recommended));
    if (warning)
        printf("%s\n", warning);
    if (!wrote_or_init)
        return;
    if (w->created)
        print_line(L, OQSDM_MSG_SETTINGS_CREATED, path);
    else if (w->written)
        print_line(L, OQSDM_MSG_SETTINGS_WRITTEN, w->backup);
    else
        printf("%s\n", oqsdm_msg(L, OQSDM_MSG_SETTINGS_UNCHANGED));
}

int oqsdm_cmd_settings(oqsdm_cli *c)
{
    const char *given[OPT_COUNT] = {NULL};
    int init = 0;
    for (int i = 0; i < c->argc; i++) {
        const char *a = c->argv[i];
        if (strcmp(a, "--init") == 0) {
            init = 1;
            continue;
        }
        int k = 0;
        while (k < OPT_COUNT && strcmp(a, setters[k].option) != 0)
            k++;
        if (k == OPT_COUNT || !(given[k] = oqsdm_cli_value(c, &i)))
            return oqsdm_cli_bad_arg(c, a);
    }

    /* The paths and the data file. An INI the connection check would
     * refuse (missing, unreadable, a bad value) is this command's to show
     * or repair: settings.c reads it itself and says what is wrong. */
    static oqsdm_app app;
    oqsdm_error err;
    oqsdm_err rc = oqsdm_app_load_ini_optional(&app, &c->opt, &err);
    if (rc != OQSDM_OK && rc != OQSDM_E_INI_READ && rc != OQSDM_E_INI_VALUE && rc != OQSDM_E_INI_KEY_MISSING)
        return oqsdm_cli_fail(c, err.code, err.message);
    oqsdm_lang L = app.lang;

    oqsdm_setting changes[OPT_COUNT];
    size_t n = 0;
    for (int k = 0; k < OPT_COUNT; k++) {
        const char *v = given[k];
        if (!v)
            continue;
        if (oqsdm_settings_valid(&app.data, setters[k].key, v)) {
            char m[1400];
            const char *args[3] = {setters[k].option, given[k],
                                   oqsdm_msg(L, oqsdm_settings_hint(setters[k].key))};
            return oqsdm_cli_fail(c, OQSDM_E_USAGE,
                                  oqsdm_msgf(m, sizeof m, L, OQSDM_MSG_CLI_BAD_OPTION_VALUE, args, 3));
        }
        changes[n].key = setters[k].key;
        changes[n].value = v;
        n++;
    }

    oqsdm_settings_result w;
    memset(&w, 0, sizeof w);
    if (n > 0 || init) {
        oqsdm_setting initial[1] = {{"Destination", app.data.destination}};
        rc = oqsdm_settings_apply(app.ini_path, &app.data, changes, n, init, initial, 1, L, &w, &err);
        if (rc != OQSDM_OK)
            return oqsdm_cli_fail(c, err.code, err.message);
    }
    static oqsdm_settings s;
    rc = oqsdm_settings_read(app.ini_path, &app.data, L, &s, &err);
    if (rc != OQSDM_OK)
        return oqsdm_cli_fail(c, err.code, err.message);

    const char *recommended = oqsdm_settings_recommended(&app.data, s.provider, s.connection_kind);
    char warning[1024];
    int warn = oqsdm_settings_warning(&app.data, &s, L, warning, sizeof warning);
    if (c->json)
        print_json(app.ini_path, &w, &s, recommended, warn ? warning : NULL);
    else
        print_text(L, app.ini_path, n > 0 || init, &w, &s, recommended, warn ? warning : NULL);
    return OQSDM_EXIT_GREEN;
}
