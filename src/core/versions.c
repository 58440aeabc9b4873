/*
 * versions.c: the version check (see versions.h).
 *
 * Decisions worth knowing:
 *  - The cache is used only when the fetch itself failed (network, HTTP):
 *    a page that came but lacks the section says the portal changed, and
 *    that is reported as it is, not hidden behind yesterday's numbers.
 *  - A saved page or a URL given for one run neither reads nor writes the
 *    cache: it is a vendor's look at another source, not the terminal's
 *    record.
 *  - The card reader's latest version is its vendor's row when the portal
 *    lists rows per vendor, else the row for all readers; without a known
 *    vendor per-vendor rows give unknown, never the first row.
 */
#include "oqsdm/versions.h"
#include "oqsdm/fileio.h"
#include "oqsdm/log.h"
#include "oqsdm/paths.h"
#include "oqsdm/platform.h"
#include "oqsdm/portal_cache.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const vstatus_names[OQSDM_VST_COUNT] = {"latest", "outdated", "newer", "missing", "unknown"};

const char *oqsdm_vstatus_name(oqsdm_vstatus s)
{
    return (s >= 0 && s < OQSDM_VST_COUNT) ? vstatus_names[s] : "unknown";
}

oqsdm_vstatus oqsdm_vstatus_of(int missing, const oqsdm_version *installed, const oqsdm_version *latest)
{
    if (missing)
        return OQSDM_VST_MISSING;
    if (!installed || !latest)
        return OQSDM_VST_UNKNOWN;
    int c = oqsdm_version_compare(installed, latest);
    return c < 0 ? OQSDM_VST_OUTDATED : c > 0 ? OQSDM_VST_NEWER : OQSDM_VST_LATEST;
}

static const int app_name_msg[OQSDM_PORTAL_APP_COUNT] = {
    OQSDM_MSG_APP_NAME_DISTRO, OQSDM_MSG_APP_NAME_COM, OQSDM_MSG_APP_NAME_FACE, OQSDM_MSG_APP_NAME_READER};

static const char *const file_rel[3] = {OQSDM_VERSION_FILE_DISTRO_REL, OQSDM_VERSION_FILE_COM_REL,
                                        OQSDM_VERSION_FILE_FACE_REL};

/* ------------------------------------------------------------ installed */

static void installed_from_file(const oqsdm_app *app, oqsdm_app_version *a)
{
    oqsdm_lang L = app->lang;
    oqsdm_version_file vf;
    oqsdm_path_in_folder_ci(app->root, OQSDM_FOLDER_PROGRAM_FILES, file_rel[a->id], a->path, sizeof a->path);
    oqsdm_version_file_read(a->path, &vf);
    a->missing = vf.status == OQSDM_VFILE_MISSING;
    if (vf.status == OQSDM_VFILE_FOUND) {
        a->has_installed = 1;
        snprintf(a->installed, sizeof a->installed, "%s", vf.normalised);
        snprintf(a->installed_raw, sizeof a->installed_raw, "%s", vf.raw);
        return;
    }
    if (a->missing) {
        int folder = vf.reason == OQSDM_VFILE_R_FOLDER;
        snprintf(a->reason_code, sizeof a->reason_code, folder ? "file_folder" : "file_missing");
        oqsdm_msgf1(a->reason, sizeof a->reason, L, folder ? OQSDM_MSG_VR_FILE_IS_FOLDER : OQSDM_MSG_VR_FILE_MISSING,
                    a->path);
        return;
    }
    snprintf(a->reason_code, sizeof a->reason_code, "file_%s", oqsdm_vfile_reason_name(vf.reason));
    switch (vf.reason) {
    case OQSDM_VFILE_R_AMBIGUOUS: {
        const char *args[3] = {a->path, vf.raw, vf.raw_other};
        oqsdm_msgf(a->reason, sizeof a->reason, L, OQSDM_MSG_VR_FILE_AMBIGUOUS, args, 3);
        break;
    }
    case OQSDM_VFILE_R_TOO_LARGE: oqsdm_msgf1(a->reason, sizeof a->reason, L, OQSDM_MSG_VR_FILE_TOO_LARGE, a->path); break;
    case OQSDM_VFILE_R_BAD_ENCODING: oqsdm_msgf1(a->reason, sizeof a->reason, L, OQSDM_MSG_VR_FILE_NOT_TEXT, a->path); break;
    case OQSDM_VFILE_R_IO:
    case OQSDM_VFILE_R_NOMEM: oqsdm_msgf1(a->reason, sizeof a->reason, L, OQSDM_MSG_VR_FILE_UNREADABLE, a->path); break;
    default: oqsdm_msgf1(a->reason, sizeof a->reason, L, OQSDM_MSG_VR_FILE_NO_VERSION, a->path); break;
    }
}

/* ------------------------------------------------------------ latest */

void oqsdm_versions_latest_from_page(const char *page, size_t len, const char *content_type,
                                     oqsdm_portal_result *out)
{
    oqsdm_error err;
    if (oqsdm_portal_extract(page, len, content_type, out, &err) != OQSDM_OK)
        out->page = OQSDM_PORTAL_R_NO_MEMORY;
}

/* "2026-12-01T21:20:15+09:00" as people read it: "2026-12-01 21:20"
 * (the terminal's own local time; the JSON keeps the full form). */
static const char *human_time(const char *iso, char *out, size_t size)
{
    if (strlen(iso) >= 16 && iso[10] == 'T')
        snprintf(out, size, "%.10s %.5s", iso, iso + 11);
    else
        snprintf(out, size, "%s", iso);
    return out;
}

static void set_page_problem(oqsdm_latest_source *src, oqsdm_lang L, oqsdm_portal_reason page)
{
    const char *why;
    switch (page) {
    case OQSDM_PORTAL_R_TOO_LARGE: why = oqsdm_msg(L, OQSDM_MSG_VR_PAGE_TOO_LARGE); break;
    case OQSDM_PORTAL_R_ENCODING: why = oqsdm_msg(L, OQSDM_MSG_VR_PAGE_ENCODING); break;
    case OQSDM_PORTAL_R_NOT_HTML: why = oqsdm_msg(L, OQSDM_MSG_VR_PAGE_NOT_HTML); break;
    case OQSDM_PORTAL_R_NO_MEMORY: why = oqsdm_msg(L, OQSDM_MSG_ERR_NO_MEMORY); break;
    default: why = oqsdm_msg(L, OQSDM_MSG_VR_NO_SECTION); break;
    }
    size_t n = strlen(src->note);
    snprintf(src->note + n, sizeof src->note - n, "%s%s", n ? " " : "", why);
}

/* A saved page: read whole, bounded. 0 on success. */
static int load_page_file(const char *path, char **page, size_t *len)
{
    return oqsdm_read_file(path, OQSDM_PORTAL_MAX_PAGE, page, len) == OQSDM_READ_OK ? 0 : -1;
}

static int is_url(const char *s)
{
    return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

static void latest_from_source(const oqsdm_app *app, const oqsdm_versions_request *rq,
                               oqsdm_portal_result *latest, oqsdm_latest_source *src)
{
    oqsdm_lang L = app->lang;
    memset(latest, 0, sizeof *latest);
    latest->page = OQSDM_PORTAL_R_NO_SECTION;
    src->origin = OQSDM_LATEST_NONE;
    src->page = OQSDM_PORTAL_R_NO_SECTION;
    const char *where = rq->portal ? rq->portal : app->config.portal_url;
    snprintf(src->location, sizeof src->location, "%s", where);
    char when[40];

    if (rq->portal && !is_url(rq->portal)) {
        char *page;
        size_t len;
        if (load_page_file(rq->portal, &page, &len)) {
            char why[300];
            oqsdm_plat_last_error(why, sizeof why);
            oqsdm_msgf2(src->note, sizeof src->note, L, OQSDM_MSG_VR_PAGE_FILE_UNREADABLE, rq->portal, why);
            src->fetch_failed = 1;
            return;
        }
        oqsdm_versions_latest_from_page(page, len, NULL, latest);
        free(page);
        src->origin = OQSDM_LATEST_FILE;
        src->page = latest->page;
        oqsdm_msgf1(src->note, sizeof src->note, L, OQSDM_MSG_VSRC_FILE, rq->portal);
        if (latest->page != OQSDM_PORTAL_FOUND)
            set_page_problem(src, L, latest->page);
        return;
    }

    oqsdm_proxy_settings proxy;
    memset(&proxy, 0, sizeof proxy);
    if (app->config.destination == OQSDM_DEST_BASE)
        oqsdm_plat_user_proxy(&proxy);
    oqsdm_fetched page;
    oqsdm_conn_fetch(&app->config, where, &proxy, L, rq->cancel, OQSDM_PORTAL_MAX_PAGE, &page, &src->fetch);
    oqsdm_plat_local_time_iso8601(when, sizeof when);

    if (src->fetch.reason == OQSDM_R_OK) {
        oqsdm_versions_latest_from_page(page.body, page.len, page.content_type, latest);
        oqsdm_fetched_free(&page);
        src->origin = OQSDM_LATEST_FETCHED;
        src->page = latest->page;
        snprintf(src->fetched_at, sizeof src->fetched_at, "%s", when);
        char shown[40];
        oqsdm_msgf2(src->note, sizeof src->note, L, OQSDM_MSG_VSRC_FETCHED, where, human_time(when, shown, sizeof shown));
        if (latest->page != OQSDM_PORTAL_FOUND) {
            set_page_problem(src, L, latest->page);
        } else if (!rq->portal) {
            oqsdm_portal_cache_entry e;
            memset(&e, 0, sizeof e);
            snprintf(e.url, sizeof e.url, "%s", where);
            e.fetched_unix = rq->now_unix;
            snprintf(e.fetched_at, sizeof e.fetched_at, "%s", when);
            e.result = *latest;
            oqsdm_portal_cache_store(app->state_dir, &e);  /* a cache that cannot be written only costs a later fallback */
        }
        return;
    }

    src->fetch_failed = 1;
    oqsdm_msgf1(src->note, sizeof src->note, L, OQSDM_MSG_VR_FETCH_FAILED, src->fetch.reason_text);
    if (rq->portal || src->fetch.reason == OQSDM_R_CANCELLED)
        return;
    oqsdm_portal_cache_entry e;
    if (oqsdm_portal_cache_load(app->state_dir, where, &e) != 0)
        return;
    src->from_cache = 1;
    snprintf(src->fetched_at, sizeof src->fetched_at, "%s", e.fetched_at);
    long long age = rq->now_unix - e.fetched_unix;
    src->age_days = age > 0 ? age / 86400 : 0;
    char days[32], max[32], shown[40];
    human_time(e.fetched_at, shown, sizeof shown);
    snprintf(days, sizeof days, "%lld", src->age_days);
    snprintf(max, sizeof max, "%ld", app->config.portal_max_age_days);
    /* two sentences: a space between them, as set_page_problem does
     * (English read "unreachable).Showing" without it) */
    size_t n = strlen(src->note);
    if (n && n + 1 < sizeof src->note) {
        src->note[n++] = ' ';
        src->note[n] = '\0';
    }
    if (age < 0 || age > (long long)app->config.portal_max_age_days * 86400) {
        /* Too old (or from the future: a clock set back): it no longer counts. */
        src->expired = 1;
        const char *args[3] = {shown, days, max};
        oqsdm_msgf(src->note + n, sizeof src->note - n, L, OQSDM_MSG_VSRC_CACHE_EXPIRED, args, 3);
        return;
    }
    *latest = e.result;
    src->origin = OQSDM_LATEST_CACHED;
    src->page = OQSDM_PORTAL_FOUND;
    const char *args[2] = {shown, days};
    oqsdm_msgf(src->note + n, sizeof src->note - n, L, OQSDM_MSG_VSRC_CACHE, args, 2);
}

/* The text the portal gives for application `a` (with the reader's vendor
 * rule), or NULL with the reason code and message id of why not. */
static const char *latest_text(const oqsdm_data *d, const oqsdm_portal_result *latest, int vendor, int a,
                               const char **code, int *msg)
{
    if (latest->page != OQSDM_PORTAL_FOUND) {
        *code = "no_latest";
        *msg = OQSDM_MSG_VR_LATEST_UNAVAILABLE;
        return NULL;
    }
    if (a == OQSDM_PORTAL_READER) {
        int pv = vendor >= 0 ? d->vendors[vendor].portal_vendor : -1;
        const char *t = oqsdm_portal_reader_text(latest, pv);
        if (t)
            return t;
        int any_vendor = 0;
        for (int v = 0; v < OQSDM_PORTAL_VENDOR_COUNT; v++)
            any_vendor |= latest->vendor[v].reason == OQSDM_PORTAL_FOUND;
        if (any_vendor || latest->app[a].reason == OQSDM_PORTAL_R_PER_VENDOR) {
            *code = pv < 0 ? "vendor_unknown" : "vendor_not_listed";
            *msg = pv < 0 ? OQSDM_MSG_VR_LATEST_PER_VENDOR : OQSDM_MSG_VR_LATEST_VENDOR_NOT_LISTED;
            return NULL;
        }
    } else if (latest->app[a].reason == OQSDM_PORTAL_FOUND) {
        return latest->app[a].text;
    }
    *code = latest->app[a].reason == OQSDM_PORTAL_R_NO_VERSION ? "no_version" : "not_listed";
    *msg = latest->app[a].reason == OQSDM_PORTAL_R_NO_VERSION ? OQSDM_MSG_VR_LATEST_NO_VERSION
                                                             : OQSDM_MSG_VR_LATEST_NOT_LISTED;
    return NULL;
}

/* ------------------------------------------------------------ decision */

void oqsdm_versions_decide(const oqsdm_data *d, oqsdm_lang L, const oqsdm_portal_result *latest,
                           oqsdm_versions_result *out)
{
    memset(out->count, 0, sizeof out->count);
    for (int a = 0; a < OQSDM_PORTAL_APP_COUNT; a++) {
        oqsdm_app_version *v = &out->app[a];
        const char *name = oqsdm_msg(L, app_name_msg[a]);
        const char *code = NULL;
        int msg = 0;
        const char *text = latest_text(d, latest, out->vendor, a, &code, &msg);
        oqsdm_version lv;
        oqsdm_version_match m;
        if (text) {
            snprintf(v->latest_raw, sizeof v->latest_raw, "%s", text);
            if (oqsdm_version_find(text, strlen(text), &m) == OQSDM_VERSION_FOUND &&
                oqsdm_version_format(&m.version, v->latest, sizeof v->latest) == 0) {
                v->has_latest = 1;
                lv = m.version;
            } else {
                code = "latest_unreadable";
                msg = OQSDM_MSG_VR_LATEST_UNREADABLE;
            }
        }
        oqsdm_version iv;
        int has_iv = 0;
        if (v->has_installed) {
            oqsdm_version_status ps = oqsdm_version_parse(v->installed, strlen(v->installed), &iv);
            has_iv = ps == OQSDM_VERSION_OK;
        }
        v->status = oqsdm_vstatus_of(v->missing, has_iv ? &iv : NULL, v->has_latest ? &lv : NULL);
        out->count[v->status]++;

        switch (v->status) {
        case OQSDM_VST_LATEST:
            snprintf(v->reason_code, sizeof v->reason_code, "latest");
            oqsdm_msgf1(v->reason, sizeof v->reason, L, OQSDM_MSG_VR_LATEST, v->latest);
            break;
        case OQSDM_VST_OUTDATED:
            snprintf(v->reason_code, sizeof v->reason_code, "outdated");
            oqsdm_msgf2(v->reason, sizeof v->reason, L, OQSDM_MSG_VR_OUTDATED, v->installed, v->latest);
            break;
        case OQSDM_VST_NEWER:
            snprintf(v->reason_code, sizeof v->reason_code, "newer");
            oqsdm_msgf1(v->reason, sizeof v->reason, L, OQSDM_MSG_VR_NEWER, v->latest);
            break;
        case OQSDM_VST_MISSING:
            break;  /* the file's reason stands */
        default:
            if (!v->has_installed) {
                if (!v->reason[0] && a == OQSDM_PORTAL_READER) {
                    snprintf(v->reason_code, sizeof v->reason_code, "not_entered");
                    oqsdm_msgf1(v->reason, sizeof v->reason, L, OQSDM_MSG_VR_READER_NOT_ENTERED, NULL);
                }
            } else if (code) {
                char vendor_name[64] = "";
                if (out->vendor >= 0)
                    snprintf(vendor_name, sizeof vendor_name, "%s",
                             oqsdm_portal_vendor_name((oqsdm_portal_vendor)d->vendors[out->vendor].portal_vendor));
                const char *args[3] = {name, v->latest_raw, vendor_name};
                snprintf(v->reason_code, sizeof v->reason_code, "%s", code);
                oqsdm_msgf(v->reason, sizeof v->reason, L, msg, args, 3);
            }
            break;
        }
    }

    int red = out->count[OQSDM_VST_OUTDATED] + out->count[OQSDM_VST_MISSING];
    int unknown = out->count[OQSDM_VST_UNKNOWN];
    out->exit_class = red ? 1 : unknown ? 3 : 0;
    char n1[16], n2[16];
    snprintf(n1, sizeof n1, "%d", red);
    snprintf(n2, sizeof n2, "%d", unknown);
    if (red)
        oqsdm_msgf2(out->summary, sizeof out->summary, L, unknown ? OQSDM_MSG_VSUM_RED_UNKNOWN : OQSDM_MSG_VSUM_RED,
                    n1, n2);
    else if (unknown)
        oqsdm_msgf1(out->summary, sizeof out->summary, L, OQSDM_MSG_VSUM_UNKNOWN, n2);
    else
        oqsdm_msgf1(out->summary, sizeof out->summary, L, OQSDM_MSG_VSUM_ALL_LATEST, NULL);

    /* What to do next, in the guide's words (p.8-9). */
    out->advice[0] = '\0';
    size_t n = 0;
#define ADVISE(id) do { n += (size_t)snprintf(out->advice + n, sizeof out->advice - n, "%s%s", n ? "\n" : "", \
                                             oqsdm_msg(L, id)); if (n >= sizeof out->advice) n = sizeof out->advice - 1; } while (0)
    if (out->count[OQSDM_VST_OUTDATED])
        ADVISE(OQSDM_MSG_ADVICE_OUTDATED);
    if (out->count[OQSDM_VST_MISSING])
        ADVISE(OQSDM_MSG_ADVICE_MISSING);
    if (out->app[OQSDM_PORTAL_READER].status == OQSDM_VST_UNKNOWN && !out->app[OQSDM_PORTAL_READER].has_installed)
        ADVISE(OQSDM_MSG_ADVICE_READER);
    if (latest->page != OQSDM_PORTAL_FOUND)
        ADVISE(OQSDM_MSG_ADVICE_NO_LATEST);
#undef ADVISE
}

/* ------------------------------------------------------------ the check */

/* The vendor guessed from the installed programs' names. */
static void guess_vendor(const oqsdm_app *app, oqsdm_vendor_guess *g)
{
    enum { MAX_PROGRAMS = 512 };
    char (*names)[256] = malloc(MAX_PROGRAMS * sizeof *names);
    size_t n = names ? oqsdm_plat_installed_programs(names, MAX_PROGRAMS) : 0;
    oqsdm_reader_guess_vendor(&app->data, (const char(*)[256])names, n, g);
    free(names);
}

/* A maker's name in the user's language (VENDOR_<ID> of the catalogue),
 * else its id. */
static const char *vendor_display(oqsdm_lang L, const oqsdm_vendor *v)
{
    char name[64] = "VENDOR_";
    size_t k = strlen(name);
    for (const char *p = v->id; *p && k + 1 < sizeof name; p++)
        name[k++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
    name[k] = '\0';
    int id = oqsdm_msg_id(name);
    return id >= 0 ? oqsdm_msg(L, id) : v->id;
}

void oqsdm_versions_bind_reader(const oqsdm_app *app, oqsdm_reader_entry *e)
{
    e->version_vendor[0] = '\0';
    if (!e->has_version)
        return;
    if (e->vendor[0]) {
        memcpy(e->version_vendor, e->vendor, sizeof e->vendor);
        return;
    }
    oqsdm_vendor_guess g;
    guess_vendor(app, &g);
    if (g.vendor >= 0)
        snprintf(e->version_vendor, sizeof e->version_vendor, "%s", app->data.vendors[g.vendor].id);
}

void oqsdm_versions_check(const oqsdm_app *app, const oqsdm_versions_request *rq, oqsdm_versions_result *out)
{
    memset(out, 0, sizeof *out);
    oqsdm_lang L = app->lang;
    out->vendor = -1;
    for (int a = 0; a < OQSDM_PORTAL_APP_COUNT; a++)
        out->app[a].id = (oqsdm_portal_app)a;

    for (int a = 0; a < 3; a++)
        installed_from_file(app, &out->app[a]);

    /* The reader: what staff entered, and whose reader it is. */
    oqsdm_reader_entry entry;
    oqsdm_reader_entry_load(app->state_dir, &app->data, &entry);
    oqsdm_app_version *r = &out->app[OQSDM_PORTAL_READER];
    if (entry.has_version) {
        r->has_installed = 1;
        snprintf(r->installed, sizeof r->installed, "%s", entry.normalised);
        snprintf(r->installed_raw, sizeof r->installed_raw, "%s", entry.raw);
        snprintf(out->reader_entered_at, sizeof out->reader_entered_at, "%s", entry.entered_at);
    }
    if (entry.vendor[0]) {
        const oqsdm_vendor *v = oqsdm_data_vendor(&app->data, entry.vendor);
        out->vendor = v ? (int)(v - app->data.vendors) : -1;
        out->vendor_source = OQSDM_VENDOR_ENTERED;
    } else if (entry.has_version && entry.version_vendor[0]) {
        /* Nothing chosen, but the number was read on this vendor's tool
         * (the guess of that day): that says whose reader it is better
         * than today's guess. */
        const oqsdm_vendor *v = oqsdm_data_vendor(&app->data, entry.version_vendor);
        out->vendor = v ? (int)(v - app->data.vendors) : -1;
        out->vendor_source = OQSDM_VENDOR_ENTERED;
    } else {
        oqsdm_vendor_guess g;
        guess_vendor(app, &g);
        out->vendor = g.vendor;
        out->vendors_ambiguous = g.ambiguous;
        if (g.vendor >= 0) {
            out->vendor_source = OQSDM_VENDOR_INSTALLED;
            snprintf(out->vendor_program, sizeof out->vendor_program, "%s", g.program);
        }
    }
    if (entry.has_version && entry.version_vendor[0] &&
        (out->vendor < 0 || strcmp(app->data.vendors[out->vendor].id, entry.version_vendor) != 0)) {
        /* Read on another maker's reader: it is not this reader's version.
         * Kept in the file (choosing that maker again brings it back), but
         * shown as not entered, with whose number it is. */
        r->has_installed = 0;
        r->installed[0] = r->installed_raw[0] = '\0';
        out->reader_entered_at[0] = '\0';
        const oqsdm_vendor *was = oqsdm_data_vendor(&app->data, entry.version_vendor);
        const char *args[3] = {entry.normalised, was ? vendor_display(L, was) : entry.version_vendor,
                               out->vendor >= 0 ? vendor_display(L, &app->data.vendors[out->vendor]) : ""};
        snprintf(r->reason_code, sizeof r->reason_code, "entered_for_other_vendor");
        oqsdm_msgf(r->reason, sizeof r->reason, L,
                   out->vendor >= 0 ? OQSDM_MSG_VR_READER_OTHER_VENDOR : OQSDM_MSG_VR_READER_OTHER_VENDOR_NONE, args, 3);
    }

    oqsdm_portal_result latest;
    latest_from_source(app, rq, &latest, &out->source);
    oqsdm_versions_decide(&app->data, L, &latest, out);

    const char *result = out->exit_class == 1 ? "fail" : out->exit_class == 3 ? "unknown" : "ok";
    /* the log's reason code: each application's status, for a vendor reading the log */
    char codes[128];
    snprintf(codes, sizeof codes, "distro=%s,com=%s,face=%s,reader=%s", oqsdm_vstatus_name(out->app[0].status),
             oqsdm_vstatus_name(out->app[1].status), oqsdm_vstatus_name(out->app[2].status),
             oqsdm_vstatus_name(out->app[3].status));
    char line[2048];
    size_t k = (size_t)snprintf(line, sizeof line, "%s / ", out->summary);
    if (k < sizeof line)
        snprintf(line + k, sizeof line - k, "%.*s", (int)(sizeof line - k - 1), out->source.note);
    oqsdm_log_append(app->state_dir, OQSDM_LOG_MAX_BYTES, "versions", result, codes, line);
}
