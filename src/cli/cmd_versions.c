/*
 * cmd_versions.c: `versions`, the guide's second check (p.3):
 *
 *   oqsdm-cli [global options] versions [--portal FILE|URL]
 *             [--vendor ID] [--reader-version VERSION] [--json]
 *
 * --vendor and --reader-version record what staff read on the card
 * reader's own tool (as the dialog's input does) before the check runs.
 * With --portal no INI is needed.
 */
#include "cli.h"

#include "oqsdm/platform.h"
#include "oqsdm/reader.h"
#include "oqsdm/versions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const int status_msg[OQSDM_VST_COUNT] = {OQSDM_MSG_VST_LATEST, OQSDM_MSG_VST_OUTDATED, OQSDM_MSG_VST_NEWER,
                                                OQSDM_MSG_VST_MISSING, OQSDM_MSG_VST_UNKNOWN};
static const int app_name_msg[OQSDM_PORTAL_APP_COUNT] = {
    OQSDM_MSG_APP_NAME_DISTRO, OQSDM_MSG_APP_NAME_COM, OQSDM_MSG_APP_NAME_FACE, OQSDM_MSG_APP_NAME_READER};

static void add_str_or_null(cJSON *o, const char *name, int has, const char *value)
{
    if (has)
        cJSON_AddStringToObject(o, name, value);
    else
        cJSON_AddNullToObject(o, name);
}

static void print_json_result(const oqsdm_app *app, const oqsdm_versions_result *r)
{
    oqsdm_lang L = app->lang;
    cJSON *o = cJSON_CreateObject(), *apps = cJSON_AddArrayToObject(o, "apps");
    for (int a = 0; a < OQSDM_PORTAL_APP_COUNT; a++) {
        const oqsdm_app_version *v = &r->app[a];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddItemToArray(apps, x);
        cJSON_AddStringToObject(x, "id", oqsdm_portal_app_id((oqsdm_portal_app)a));
        cJSON_AddStringToObject(x, "name", oqsdm_msg(L, app_name_msg[a]));
        add_str_or_null(x, "installed", v->has_installed, v->installed);
        add_str_or_null(x, "installed_raw", v->has_installed, v->installed_raw);
        add_str_or_null(x, "latest", v->has_latest, v->latest);
        cJSON_AddStringToObject(x, "status", oqsdm_vstatus_name(v->status));
        cJSON_AddStringToObject(x, "reason", v->reason);
        cJSON_AddStringToObject(x, "reason_code", v->reason_code);
        add_str_or_null(x, "latest_raw", v->latest_raw[0] != '\0', v->latest_raw);
        add_str_or_null(x, "path", v->path[0] != '\0', v->path);
        if (a == OQSDM_PORTAL_READER) {
            cJSON_AddStringToObject(x, "installed_source", v->has_installed ? "manual" : "none");
            add_str_or_null(x, "entered_at", r->reader_entered_at[0] != '\0', r->reader_entered_at);
        }
    }
    const oqsdm_latest_source *s = &r->source;
    cJSON *src = cJSON_AddObjectToObject(o, "latest_source");
    cJSON_AddStringToObject(src, "location", s->location);
    add_str_or_null(src, "fetched_at", s->fetched_at[0] != '\0', s->fetched_at);
    cJSON_AddBoolToObject(src, "from_cache", s->from_cache);
    static const char *const origins[] = {"fetched", "cache", "file", "none"};
    cJSON_AddStringToObject(src, "origin", origins[s->origin]);
    cJSON_AddBoolToObject(src, "expired", s->expired);
    cJSON_AddStringToObject(src, "page", oqsdm_portal_reason_name(s->page));
    if (s->fetch_failed && s->origin != OQSDM_LATEST_FILE && s->fetch.reason != OQSDM_R_OK)
        cJSON_AddStringToObject(src, "fetch_reason_code", oqsdm_reason_code(s->fetch.reason));
    else
        cJSON_AddNullToObject(src, "fetch_reason_code");
    cJSON_AddStringToObject(src, "note", s->note);

    cJSON *rd = cJSON_AddObjectToObject(o, "reader");
    const char *vendor = r->vendor >= 0 ? app->data.vendors[r->vendor].id : NULL;
    add_str_or_null(rd, "vendor", vendor != NULL, vendor);
    static const char *const vsrc[] = {"none", "entered", "installed_programs"};
    cJSON_AddStringToObject(rd, "vendor_source", vsrc[r->vendor_source]);
    add_str_or_null(rd, "program", r->vendor_program[0] != '\0', r->vendor_program);
    cJSON_AddBoolToObject(rd, "ambiguous", r->vendors_ambiguous);

    cJSON *sum = cJSON_AddObjectToObject(o, "summary");
    for (int k = 0; k < OQSDM_VST_COUNT; k++)
        cJSON_AddNumberToObject(sum, oqsdm_vstatus_name((oqsdm_vstatus)k), r->count[k]);
    cJSON_AddStringToObject(o, "message", r->summary);
    add_str_or_null(o, "advice", r->advice[0] != '\0', r->advice);
    oqsdm_cli_print_json(o);
}

static void print_text_result(const oqsdm_app *app, const oqsdm_versions_result *r)
{
    oqsdm_lang L = app->lang;
    char line[2400];
    printf("%s\n", oqsdm_msgf1(line, sizeof line, L, OQSDM_MSG_VCLI_TITLE, r->summary));
    for (int a = 0; a < OQSDM_PORTAL_APP_COUNT; a++) {
        const oqsdm_app_version *v = &r->app[a];
        const char *none = oqsdm_msg(L, OQSDM_MSG_VAL_NONE);
        const char *args[5] = {oqsdm_msg(L, app_name_msg[a]), v->has_installed ? v->installed : none,
                               v->has_latest ? v->latest : none, oqsdm_msg(L, status_msg[v->status]), v->reason};
        printf("%s\n", oqsdm_msgf(line, sizeof line, L, OQSDM_MSG_VCLI_ROW, args, 5));
    }
    printf("%s\n", oqsdm_msgf1(line, sizeof line, L, OQSDM_MSG_VCLI_SOURCE, r->source.note));
    if (r->advice[0])
        printf("%s\n", oqsdm_msgf1(line, sizeof line, L, OQSDM_MSG_VCLI_ADVICE, r->advice));
}

/* Records what staff read on the reader's tool. 0 on success. */
static int record_reader(const oqsdm_cli *c, const oqsdm_app *app, const char *vendor, const char *typed)
{
    char m[1024], when[40];
    oqsdm_error err;
    oqsdm_reader_entry e;
    oqsdm_reader_entry_load(app->state_dir, &app->data, &e);
    if (vendor) {
        if (!oqsdm_data_vendor(&app->data, vendor))
            return oqsdm_cli_fail(c, OQSDM_E_USAGE,
                                  oqsdm_msgf1(m, sizeof m, app->lang, OQSDM_MSG_ERR_VENDOR, vendor));
        snprintf(e.vendor, sizeof e.vendor, "%s", vendor);
    }
    if (typed) {
        if (oqsdm_reader_entry_set_version(&e, typed))
            return oqsdm_cli_fail(c, OQSDM_E_USAGE,
                                  oqsdm_msgf1(m, sizeof m, app->lang, OQSDM_MSG_ERR_READER_VERSION, typed));
        oqsdm_plat_local_time_iso8601(when, sizeof when);
        snprintf(e.entered_at, sizeof e.entered_at, "%s", when);
        oqsdm_versions_bind_reader(app, &e);   /* --vendor alone later does not make it another maker's */
    }
    if (oqsdm_reader_entry_save(app->state_dir, &app->data, &e, app->lang, &err) != OQSDM_OK)
        return oqsdm_cli_fail(c, err.code, err.message);
    return 0;
}

int oqsdm_cmd_versions(oqsdm_cli *c)
{
    const char *portal = NULL, *vendor = NULL, *typed = NULL;
    for (int i = 0; i < c->argc; i++) {
        const char *a = c->argv[i];
        const char **slot = strcmp(a, "--portal") == 0 ? &portal
                          : strcmp(a, "--vendor") == 0 ? &vendor
                          : strcmp(a, "--reader-version") == 0 ? &typed : NULL;
        if (!slot || !(*slot = oqsdm_cli_value(c, &i)))
            return oqsdm_cli_bad_arg(c, a);
    }

    if (portal && strncasecmp(portal, "http://", 7) != 0 && strncasecmp(portal, "https://", 8) != 0 &&
        !oqsdm_plat_file_exists(portal)) {
        char m[1400];
        return oqsdm_cli_fail(c, OQSDM_E_IO, oqsdm_msgf2(m, sizeof m, c->opt.lang, OQSDM_MSG_VR_PAGE_FILE_UNREADABLE,
                                                        portal, oqsdm_msg(c->opt.lang, OQSDM_MSG_VAL_NOT_FOUND)));
    }
    static oqsdm_app app;
    oqsdm_error err;
    oqsdm_err rc = portal ? oqsdm_app_load_ini_optional(&app, &c->opt, &err) : oqsdm_app_load(&app, &c->opt, &err);
    if (rc != OQSDM_OK) {
        oqsdm_app_log_error(&app, "versions", &err);
        return oqsdm_cli_fail(c, err.code, err.message);
    }
    if ((vendor || typed) && record_reader(c, &app, vendor, typed))
        return OQSDM_EXIT_USAGE;

    static oqsdm_versions_result r;
    oqsdm_versions_request rq = {portal, (long long)time(NULL), NULL};
    oqsdm_versions_check(&app, &rq, &r);
    if (c->json)
        print_json_result(&app, &r);
    else
        print_text_result(&app, &r);
    return r.exit_class;
}
