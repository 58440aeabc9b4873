/* The version check: statuses, the reader's vendor rules, the portal cache
 * and its age, what staff entered, and the whole check on a copied tree. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "oqsdm/fileio.h"
#include "data_file.h"
#include "oqsdm/portal_cache.h"
#include "oqsdm/reader.h"
#include "oqsdm/versions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static oqsdm_data data;
static char dir[64];

static oqsdm_version V(const char *s)
{
    oqsdm_version v;
    oqsdm_version_parse(s, strlen(s), &v);
    return v;
}

static void test_status(void)
{
    static const struct { int missing; const char *inst, *latest; oqsdm_vstatus want; } T[] = {
        {0, "1.0.10", "1.0.10", OQSDM_VST_LATEST},
        {0, "1.0.10", "1.0.9", OQSDM_VST_NEWER},
        {0, "1.0.9", "1.0.10", OQSDM_VST_OUTDATED},
        {0, "1.2", "1.2.0", OQSDM_VST_LATEST},
        {0, "1.2.0.0", "1.2", OQSDM_VST_LATEST},
        {0, "2", "1.99.99", OQSDM_VST_NEWER},
        {0, "1.10", "1.9", OQSDM_VST_NEWER},
        {0, NULL, "1.0", OQSDM_VST_UNKNOWN},
        {0, "1.0", NULL, OQSDM_VST_UNKNOWN},
        {0, NULL, NULL, OQSDM_VST_UNKNOWN},
        {1, NULL, "1.0", OQSDM_VST_MISSING},
        {1, NULL, NULL, OQSDM_VST_MISSING},
    };
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
        oqsdm_version a, b;
        if (T[i].inst) a = V(T[i].inst);
        if (T[i].latest) b = V(T[i].latest);
        CHECK_INT(oqsdm_vstatus_of(T[i].missing, T[i].inst ? &a : NULL, T[i].latest ? &b : NULL), T[i].want);
    }
    CHECK_STR(oqsdm_vstatus_name(OQSDM_VST_OUTDATED), "outdated");
    CHECK_STR(oqsdm_vstatus_name(OQSDM_VST_UNKNOWN), "unknown");
}

static void installed(oqsdm_versions_result *r, int a, const char *v)
{
    r->app[a].id = (oqsdm_portal_app)a;
    if (v) {
        r->app[a].has_installed = 1;
        snprintf(r->app[a].installed, sizeof r->app[a].installed, "%s", v);
        snprintf(r->app[a].installed_raw, sizeof r->app[a].installed_raw, "%s", v);
    }
}

/* A result as the extractor leaves it before it finds anything. */
static void nothing_listed(oqsdm_portal_result *p)
{
    memset(p, 0, sizeof *p);
    p->page = OQSDM_PORTAL_FOUND;
    for (int a = 0; a < OQSDM_PORTAL_APP_COUNT; a++)
        p->app[a].reason = OQSDM_PORTAL_R_NOT_LISTED;
    for (int v = 0; v < OQSDM_PORTAL_VENDOR_COUNT; v++)
        p->vendor[v].reason = OQSDM_PORTAL_R_NOT_LISTED;
}

static void found(oqsdm_portal_text *t, const char *text)
{
    t->reason = OQSDM_PORTAL_FOUND;
    snprintf(t->text, sizeof t->text, "%s", text);
}

static int vendor_index(const char *id)
{
    const oqsdm_vendor *v = oqsdm_data_vendor(&data, id);
    return v ? (int)(v - data.vendors) : -1;
}

static void test_decide(void)
{
    oqsdm_portal_result p;
    nothing_listed(&p);
    found(&p.app[OQSDM_PORTAL_DISTRO], "Ver.1.0.10");
    found(&p.app[OQSDM_PORTAL_COM], "1.2.3 (2024.06.30)");
    p.app[OQSDM_PORTAL_FACE].reason = OQSDM_PORTAL_R_NOT_LISTED;
    p.app[OQSDM_PORTAL_READER].reason = OQSDM_PORTAL_R_PER_VENDOR;
    found(&p.vendor[OQSDM_PORTAL_CANON], "4.4.4");
    found(&p.vendor[OQSDM_PORTAL_ALMEX], "see the vendor");

    static oqsdm_versions_result r;
    memset(&r, 0, sizeof r);
    r.vendor = -1;
    installed(&r, 0, "1.0.10");
    installed(&r, 1, "1.2.2");
    installed(&r, 2, "2.0.0");
    installed(&r, 3, "4.4.4");
    oqsdm_versions_decide(&data, OQSDM_LANG_EN, &p, &r);
    CHECK_INT(r.app[0].status, OQSDM_VST_LATEST);
    CHECK_STR(r.app[0].latest, "1.0.10");
    CHECK_STR(r.app[0].latest_raw, "Ver.1.0.10");
    CHECK_INT(r.app[1].status, OQSDM_VST_OUTDATED);      /* the date beside it is not a version */
    CHECK(strstr(r.app[1].reason, "1.2.2") && strstr(r.app[1].reason, "1.2.3"));
    CHECK_INT(r.app[2].status, OQSDM_VST_UNKNOWN);       /* not listed: never a number from elsewhere */
    CHECK_STR(r.app[2].reason_code, "not_listed");
    CHECK_INT(r.app[3].status, OQSDM_VST_UNKNOWN);       /* per-vendor rows, vendor unknown */
    CHECK_STR(r.app[3].reason_code, "vendor_unknown");
    CHECK_INT(r.exit_class, 1);
    CHECK_INT(r.count[OQSDM_VST_OUTDATED], 1);
    CHECK_INT(r.count[OQSDM_VST_UNKNOWN], 2);
    CHECK(strstr(r.advice, "20 minutes") != NULL);

    /* the chosen vendor's row */
    memset(&r, 0, sizeof r);
    r.vendor = vendor_index("canon");
    installed(&r, 0, "1.0.10"); installed(&r, 1, "1.2.3"); installed(&r, 2, NULL); installed(&r, 3, "4.4.4");
    r.app[2].missing = 1;
    snprintf(r.app[2].reason_code, sizeof r.app[2].reason_code, "file_missing");
    oqsdm_versions_decide(&data, OQSDM_LANG_JA, &p, &r);
    CHECK_INT(r.app[3].status, OQSDM_VST_LATEST);
    CHECK_INT(r.app[2].status, OQSDM_VST_MISSING);
    CHECK_INT(r.exit_class, 1);

    /* a vendor whose row holds no version; a vendor without a row */
    memset(&r, 0, sizeof r);
    r.vendor = vendor_index("almex");
    installed(&r, 3, "1.0");
    oqsdm_versions_decide(&data, OQSDM_LANG_EN, &p, &r);
    CHECK_INT(r.app[3].status, OQSDM_VST_UNKNOWN);
    CHECK_STR(r.app[3].reason_code, "latest_unreadable");
    memset(&r, 0, sizeof r);
    r.vendor = vendor_index("atlas");
    installed(&r, 3, "1.0");
    oqsdm_versions_decide(&data, OQSDM_LANG_EN, &p, &r);
    CHECK_STR(r.app[3].reason_code, "vendor_not_listed");

    /* one row for every reader: used whatever the vendor */
    for (int v = 0; v < OQSDM_PORTAL_VENDOR_COUNT; v++)
        p.vendor[v].reason = OQSDM_PORTAL_R_NOT_LISTED;
    found(&p.app[OQSDM_PORTAL_READER], "3.0.1");
    memset(&r, 0, sizeof r);
    r.vendor = -1;
    installed(&r, 3, "3.0.0");
    oqsdm_versions_decide(&data, OQSDM_LANG_EN, &p, &r);
    CHECK_INT(r.app[3].status, OQSDM_VST_OUTDATED);

    /* all four latest or newer: green; no page: everything unknown */
    found(&p.app[OQSDM_PORTAL_FACE], "2.1.0");
    memset(&r, 0, sizeof r);
    r.vendor = -1;
    installed(&r, 0, "1.0.10"); installed(&r, 1, "1.2.4"); installed(&r, 2, "2.1.0"); installed(&r, 3, "3.0.1");
    oqsdm_versions_decide(&data, OQSDM_LANG_EN, &p, &r);
    CHECK_INT(r.exit_class, 0);
    CHECK_INT(r.app[1].status, OQSDM_VST_NEWER);
    CHECK_STR(r.advice, "");
    p.page = OQSDM_PORTAL_R_NO_SECTION;
    memset(&r, 0, sizeof r);
    r.vendor = -1;
    installed(&r, 0, "1.0.10"); installed(&r, 1, "1.2.4"); installed(&r, 2, "2.1.0"); installed(&r, 3, "3.0.1");
    oqsdm_versions_decide(&data, OQSDM_LANG_EN, &p, &r);
    CHECK_INT(r.exit_class, 3);
    CHECK_INT(r.count[OQSDM_VST_UNKNOWN], 4);
    CHECK_STR(r.app[0].reason_code, "no_latest");
}

static void test_cache(void)
{
    oqsdm_portal_cache_entry e, got;
    memset(&e, 0, sizeof e);
    snprintf(e.url, sizeof e.url, "https://portal.example/post-12.html");
    e.fetched_unix = 1764633600;
    snprintf(e.fetched_at, sizeof e.fetched_at, "2025-12-02T09:00:00+09:00");
    nothing_listed(&e.result);
    found(&e.result.app[0], "1.0.10");
    found(&e.result.app[1], "\xe6\x9c\x80\xe6\x96\xb0 1.2.3");  /* "saishin 1.2.3" */
    e.result.app[2].reason = OQSDM_PORTAL_R_NOT_LISTED;
    e.result.app[3].reason = OQSDM_PORTAL_R_PER_VENDOR;
    found(&e.result.vendor[OQSDM_PORTAL_FUJITSU], "2.0");

    char *json = oqsdm_portal_cache_put(NULL, 0, &e);
    CHECK(json != NULL);
    CHECK_INT(oqsdm_portal_cache_find(json, strlen(json), e.url, &got), 0);
    CHECK_STR(got.result.app[1].text, e.result.app[1].text);
    CHECK_INT(got.result.app[2].reason, OQSDM_PORTAL_R_NOT_LISTED);
    CHECK_INT(got.result.app[3].reason, OQSDM_PORTAL_R_PER_VENDOR);
    CHECK_STR(got.result.vendor[OQSDM_PORTAL_FUJITSU].text, "2.0");
    CHECK_INT(got.fetched_unix, e.fetched_unix);
    CHECK_INT(oqsdm_portal_cache_find(json, strlen(json), "https://other.example/", &got), 1);

    /* another URL's entry is kept beside, the same URL's replaced */
    oqsdm_portal_cache_entry e2 = e;
    snprintf(e2.url, sizeof e2.url, "https://mirror.example/p.html");
    found(&e2.result.app[0], "9.9.9");
    char *json2 = oqsdm_portal_cache_put(json, strlen(json), &e2);
    CHECK_INT(oqsdm_portal_cache_find(json2, strlen(json2), e.url, &got), 0);
    CHECK_STR(got.result.app[0].text, "1.0.10");
    CHECK_INT(oqsdm_portal_cache_find(json2, strlen(json2), e2.url, &got), 0);
    CHECK_STR(got.result.app[0].text, "9.9.9");
    found(&e.result.app[0], "1.0.11");
    char *json3 = oqsdm_portal_cache_put(json2, strlen(json2), &e);
    CHECK_INT(oqsdm_portal_cache_find(json3, strlen(json3), e.url, &got), 0);
    CHECK_STR(got.result.app[0].text, "1.0.11");
    CHECK(strstr(json3, "1.0.10") == NULL);
    free(json);
    free(json2);
    free(json3);

    /* damaged files are no cache, never a half-read one */
    static const char *bad[] = {
        "", "{", "[]", "{\"schema\":2,\"entries\":[]}",
        "{\"schema\":1,\"entries\":[{\"url\":\"u\"}]}",
        "{\"schema\":1,\"entries\":[{\"url\":\"u\",\"fetched_unix\":1,\"fetched_at\":\"x\",\"apps\":{\"distro\":{\"reason\":\"found\"}}}]}",
        "{\"schema\":1,\"entries\":[{\"url\":\"u\",\"fetched_unix\":1,\"fetched_at\":\"x\",\"apps\":{\"distro\":{\"reason\":\"found\",\"text\":\"\"}}}]}",
        "{\"schema\":1,\"entries\":[{\"url\":\"u\",\"fetched_unix\":1,\"fetched_at\":\"x\",\"apps\":{\"distro\":{\"reason\":\"maybe\"}}}]}",
        "{\"schema\":1,\"entries\":[{\"url\":\"u\",\"fetched_unix\":-5,\"fetched_at\":\"x\",\"apps\":{}}]}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int rc = oqsdm_portal_cache_find(bad[i], strlen(bad[i]), "u", &got);
        CHECK(rc == -1);
        if (rc != -1)
            fprintf(stderr, "  bad cache %zu read as %d\n", i, rc);
    }
}

static void test_reader(void)
{
    oqsdm_reader_entry e, got;
    memset(&e, 0, sizeof e);
    CHECK_INT(oqsdm_reader_entry_set_version(&e, "Ver.1.2.3"), 0);
    CHECK_STR(e.normalised, "1.2.3");
    CHECK_INT(oqsdm_reader_entry_set_version(&e, "\xef\xbc\x91\xef\xbc\x8e\xef\xbc\x90\xef\xbc\x8e\xef\xbc\x95"), 0);
    CHECK_STR(e.normalised, "1.0.5");  /* full-width digits and dots */
    CHECK_INT(oqsdm_reader_entry_set_version(&e, "App Ver. 2.0"), 0);
    CHECK_STR(e.normalised, "2.0");
    static const char *bad[] = {"", "abc", "1", "1.0 or 1.1", "2024.06.30", "10.0.19044"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_INT(oqsdm_reader_entry_set_version(&e, bad[i]), -1);
    CHECK_STR(e.normalised, "2.0");  /* a refused input leaves the entry as it was */

    snprintf(e.vendor, sizeof e.vendor, "canon");
    snprintf(e.entered_at, sizeof e.entered_at, "2026-12-01T10:00:00+09:00");
    char *json = oqsdm_reader_entry_json(&e);
    CHECK_INT(oqsdm_reader_entry_parse(json, strlen(json), &data, &got), 0);
    CHECK_STR(got.vendor, "canon");
    CHECK_STR(got.normalised, "2.0");
    CHECK_STR(got.raw, "App Ver. 2.0");
    CHECK_STR(got.entered_at, e.entered_at);
    CHECK_STR(got.version_vendor, "");  /* not bound: no maker known when it was typed */
    free(json);
    /* the maker it was read for survives the file */
    snprintf(e.version_vendor, sizeof e.version_vendor, "panasonic");
    json = oqsdm_reader_entry_json(&e);
    CHECK_INT(oqsdm_reader_entry_parse(json, strlen(json), &data, &got), 0);
    CHECK_STR(got.version_vendor, "panasonic");
    CHECK_STR(got.vendor, "canon");
    free(json);
    /* a file from before version_vendor: the vendor chosen then */
    static const char legacy[] = "{\"schema\":1,\"vendor\":\"almex\",\"version\":\"1.0.4\",\"raw\":\"1.0.4\","
                                 "\"source\":\"manual\",\"entered_at\":\"2026-12-01T10:00:00+09:00\"}";
    CHECK_INT(oqsdm_reader_entry_parse(legacy, strlen(legacy), &data, &got), 0);
    CHECK_STR(got.version_vendor, "almex");
    static const char *badjson[] = {
        "{}", "{\"schema\":1,\"vendor\":\"nobody\"}",
        "{\"schema\":1,\"raw\":\"1.0\",\"source\":\"portal\"}",
        "{\"schema\":1,\"raw\":\"not a version\",\"source\":\"manual\"}",
        "{\"schema\":1,\"raw\":\"1.0\",\"source\":\"manual\",\"version_vendor\":\"nobody\"}",
    };
    for (size_t i = 0; i < sizeof badjson / sizeof badjson[0]; i++) {
        CHECK_INT(oqsdm_reader_entry_parse(badjson[i], strlen(badjson[i]), &data, &got), -1);
        CHECK(!got.has_version && !got.vendor[0]);
    }

    /* the vendor from installed programs' names */
    static const struct { const char *names[3]; const char *want; int ambiguous; } G[] = {
        {{"Caora\xe7\xae\xa1\xe7\x90\x86\xe3\x83\x84\xe3\x83\xbc\xe3\x83\xab", "7-Zip 22.01"}, "fujitsu", 0},
        {{"\xef\xbd\x83\xef\xbd\x81\xef\xbd\x8f\xef\xbd\x92\xef\xbd\x81 tool"}, "fujitsu", 0},  /* full-width "caora" */
        {{"EXC-9000\xe7\xae\xa1\xe7\x90\x86\xe3\x83\x84\xe3\x83\xbc\xe3\x83\xab"}, "atlas", 0},
        {{"\xe3\x83\x9e\xe3\x82\xa4\xe3\x83\x8a\xe3\x82\xbf\xe3\x83\x83\xe3\x83\x81\xe7\xae\xa1\xe7\x90\x86\xe3\x82\xb3\xe3\x83\xb3\xe3\x82\xbd\xe3\x83\xbc\xe3\x83\xab"}, "almex", 0},
        {{"Panasonic Card Reader Utility"}, "panasonic", 0},
        {{"Panasonic PC Settings Utility"}, NULL, 0},       /* Panasonic alone is the PC's maker */
        {{"Microsoft Edge", "OQSComApp"}, NULL, 0},
        {{"Caora", "EXC-9000 tool"}, NULL, 1},
        {{"Caora", "Caora updater"}, "fujitsu", 0},
        /* 富士通Japan 顔認証付きカードリーダー管理ツール */
        {{"\xe5\xaf\x8c\xe5\xa3\xab\xe9\x80\x9a" "Japan \xe9\xa1\x94\xe8\xaa\x8d\xe8\xa8\xbc\xe4\xbb\x98\xe3\x81\x8d"
          "\xe3\x82\xab\xe3\x83\xbc\xe3\x83\x89\xe3\x83\xaa\xe3\x83\xbc\xe3\x83\x80\xe3\x83\xbc\xe7\xae\xa1\xe7\x90\x86"
          "\xe3\x83\x84\xe3\x83\xbc\xe3\x83\xab"}, "fujitsu", 0},
        {{"FUJITSU Face Authentication Card Reader Tool"}, "fujitsu", 0},
        {{"FUJITSU SmartCard Reader Driver"}, NULL, 0},    /* Fujitsu also makes the PC */
        /* the common misspelling キャノン カードリーダー管理アプリ */
        {{"\xe3\x82\xad\xe3\x83\xa3\xe3\x83\x8e\xe3\x83\xb3 \xe3\x82\xab\xe3\x83\xbc\xe3\x83\x89\xe3\x83\xaa"
          "\xe3\x83\xbc\xe3\x83\x80\xe3\x83\xbc\xe7\xae\xa1\xe7\x90\x86\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa"}, "canon", 0},
        {{"EXC9000 Management Tool"}, "atlas", 0},
    };
    for (size_t i = 0; i < sizeof G / sizeof G[0]; i++) {
        char names[3][256];
        size_t n = 0;
        for (; n < 3 && G[i].names[n]; n++)
            snprintf(names[n], sizeof names[n], "%s", G[i].names[n]);
        oqsdm_vendor_guess g;
        oqsdm_reader_guess_vendor(&data, (const char(*)[256])names, n, &g);
        CHECK_STR(g.vendor >= 0 ? data.vendors[g.vendor].id : "(none)", G[i].want ? G[i].want : "(none)");
        CHECK_INT(g.ambiguous, G[i].ambiguous);
    }
}

/* ------------------------------------------------------------ whole check */

static void put_file(const char *rel, const char *bytes, size_t n)
{
    char path[512], cmd[700];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    snprintf(cmd, sizeof cmd, "mkdir -p \"$(dirname '%s')\"", path);
    if (system(cmd) != 0)
        exit(1);
    FILE *f = fopen(path, "wb");
    fwrite(bytes, 1, n, f);
    fclose(f);
}

static void make_app(oqsdm_app *app, oqsdm_lang lang)
{
    memset(app, 0, sizeof *app);
    app->lang = lang;
    snprintf(app->root, sizeof app->root, "%s", dir);
    snprintf(app->state_dir, sizeof app->state_dir, "%s/ProgramData/OQS/OQSDistroApp/oqsdm", dir);
    app->data = data;
    oqsdm_config_defaults(&data, &app->config);
    app->config.destination = OQSDM_DEST_CLOUD;
    app->config.connect_timeout_ms = 2000;
    app->config.timeout_ms = 4000;
    /* nothing listens on port 1: every fetch fails at once */
    snprintf(app->config.portal_url, sizeof app->config.portal_url, "http://127.0.0.1:1/post-12.html");
}

static void write_cache(const oqsdm_app *app, long long fetched_unix, const char *distro)
{
    oqsdm_portal_cache_entry e;
    memset(&e, 0, sizeof e);
    snprintf(e.url, sizeof e.url, "%s", app->config.portal_url);
    e.fetched_unix = fetched_unix;
    snprintf(e.fetched_at, sizeof e.fetched_at, "2026-11-20T09:00:00+09:00");
    nothing_listed(&e.result);
    found(&e.result.app[0], distro);
    found(&e.result.app[1], "1.2.3");
    found(&e.result.app[2], "2.1.0");
    found(&e.result.app[3], "3.0.1");
    CHECK_INT(oqsdm_portal_cache_store(app->state_dir, &e), 0);
}

static void test_check(void)
{
    /* the guide spells Version.info and Version.Info; a copied tree keeps either */
    put_file("Program Files/OQS/OQSDistroApp/version.info", "\xef\xbb\xbfVersion=1.0.10\r\n", 17);
    put_file("Program Files/OQS/oqscomapp/VERSION.INFO", "OqsComApp\nVer.1.2.2\nBuild 2024.05.01\n", 36);
    static const unsigned char u16[] = {0xFF, 0xFE, '2', 0, '.', 0, '1', 0, '.', 0, '0', 0, '\r', 0, '\n', 0};
    put_file("Program Files/OQS-Auth/Version.Info", (const char *)u16, sizeof u16);

    static oqsdm_app app;
    static oqsdm_versions_result r;
    make_app(&app, OQSDM_LANG_EN);
    oqsdm_versions_request rq = {OQSDM_SOURCE_DIR "/tests/unit/portal/table_th.html", (long long)time(NULL), NULL};
    oqsdm_versions_check(&app, &rq, &r);
    CHECK_STR(r.app[0].installed, "1.0.10");
    CHECK_STR(r.app[1].installed, "1.2.2");
    CHECK_STR(r.app[2].installed, "2.1.0");
    CHECK_INT(r.app[0].status, OQSDM_VST_LATEST);
    CHECK_INT(r.app[1].status, OQSDM_VST_OUTDATED);
    CHECK_INT(r.app[2].status, OQSDM_VST_LATEST);
    CHECK_INT(r.app[3].status, OQSDM_VST_UNKNOWN);
    CHECK_STR(r.app[3].reason_code, "not_entered");
    CHECK_INT(r.source.origin, OQSDM_LATEST_FILE);
    CHECK_INT(r.exit_class, 1);
    /* a saved page never fills the cache */
    oqsdm_portal_cache_entry e;
    CHECK_INT(oqsdm_portal_cache_load(app.state_dir, rq.portal, &e), 1);

    /* staff entered the reader's version: green for it */
    oqsdm_reader_entry entry;
    memset(&entry, 0, sizeof entry);
    oqsdm_reader_entry_set_version(&entry, "3.0.1");
    oqsdm_error err;
    CHECK_INT(oqsdm_reader_entry_save(app.state_dir, &app.data, &entry, OQSDM_LANG_EN, &err), OQSDM_OK);
    oqsdm_versions_check(&app, &rq, &r);
    CHECK_INT(r.app[3].status, OQSDM_VST_LATEST);
    CHECK_STR(r.app[3].installed_raw, "3.0.1");

    /* read on Panasonic's reader, then the maker changed to Canon: not
     * Canon's version (neither green nor red), and Panasonic again brings it back */
    snprintf(entry.vendor, sizeof entry.vendor, "panasonic");
    oqsdm_versions_bind_reader(&app, &entry);
    CHECK_STR(entry.version_vendor, "panasonic");
    snprintf(entry.vendor, sizeof entry.vendor, "canon");
    CHECK_INT(oqsdm_reader_entry_save(app.state_dir, &app.data, &entry, OQSDM_LANG_EN, &err), OQSDM_OK);
    oqsdm_versions_check(&app, &rq, &r);
    CHECK_INT(r.app[3].status, OQSDM_VST_UNKNOWN);
    CHECK(!r.app[3].has_installed);
    CHECK_STR(r.app[3].reason_code, "entered_for_other_vendor");
    CHECK(strstr(r.app[3].reason, "3.0.1") && strstr(r.app[3].reason, "Panasonic") && strstr(r.app[3].reason, "Canon"));
    CHECK_INT(r.exit_class, 1);  /* com is still outdated */
    snprintf(entry.vendor, sizeof entry.vendor, "panasonic");
    CHECK_INT(oqsdm_reader_entry_save(app.state_dir, &app.data, &entry, OQSDM_LANG_EN, &err), OQSDM_OK);
    oqsdm_versions_check(&app, &rq, &r);
    CHECK_INT(r.app[3].status, OQSDM_VST_LATEST);
    CHECK_STR(r.app[3].installed, "3.0.1");

    /* a reader.json this oqsdm cannot read (a newer schema, or damaged) is
     * "nothing entered", and a save keeps its bytes as reader.json.bad;
     * replacing one of ours leaves no .bad */
    {
        char path[1200], bad[1210], *got;
        size_t n;
        snprintf(path, sizeof path, "%s/reader.json", app.state_dir);
        snprintf(bad, sizeof bad, "%s.bad", path);
        CHECK_INT(oqsdm_reader_entry_save(app.state_dir, &app.data, &entry, OQSDM_LANG_EN, &err), OQSDM_OK);
        CHECK_INT(oqsdm_read_file(bad, 4096, &got, &n), OQSDM_READ_MISSING);
        static const char future[] = "{\"schema\":2,\"readers\":[{\"vendor\":\"canon\",\"version\":\"4.4.4\"}]}";
        CHECK_INT(oqsdm_write_file_atomic(path, future, strlen(future)), 0);
        oqsdm_reader_entry fresh;
        oqsdm_reader_entry_load(app.state_dir, &data, &fresh);
        CHECK(!fresh.has_version);
        snprintf(fresh.vendor, sizeof fresh.vendor, "canon");
        CHECK_INT(oqsdm_reader_entry_save(app.state_dir, &app.data, &fresh, OQSDM_LANG_EN, &err), OQSDM_OK);
        got = NULL;
        CHECK_INT(oqsdm_read_file(bad, 4096, &got, &n), OQSDM_READ_OK);
        CHECK(got && n == strlen(future) && memcmp(got, future, n) == 0);
        free(got);
        CHECK_INT(oqsdm_reader_entry_load(app.state_dir, &data, &fresh), 0);
        CHECK_STR(fresh.vendor, "canon");
        /* ours in shape, but a maker this data file does not know: the
         * loader refuses it, so a save keeps it aside too */
        static const char newer[] = "{\"schema\":1,\"vendor\":\"newmaker\",\"raw\":\"9.9\",\"source\":\"manual\"}";
        CHECK_INT(oqsdm_write_file_atomic(path, newer, strlen(newer)), 0);
        CHECK_INT(oqsdm_reader_entry_load(app.state_dir, &data, &fresh), 1);
        CHECK_INT(oqsdm_reader_entry_save(app.state_dir, &app.data, &entry, OQSDM_LANG_EN, &err), OQSDM_OK);
        got = NULL;
        CHECK_INT(oqsdm_read_file(bad, 4096, &got, &n), OQSDM_READ_OK);
        CHECK(got && n == strlen(newer) && memcmp(got, newer, n) == 0);
        free(got);
        CHECK_INT(oqsdm_reader_entry_save(app.state_dir, &app.data, &entry, OQSDM_LANG_EN, &err), OQSDM_OK);
    }

    /* a page without the section: all latest unknown, nothing taken from elsewhere */
    rq.portal = OQSDM_SOURCE_DIR "/tests/unit/portal/no_section.html";
    oqsdm_versions_check(&app, &rq, &r);
    for (int a = 0; a < 4; a++) {
        CHECK_INT(r.app[a].status, OQSDM_VST_UNKNOWN);
        CHECK(!r.app[a].has_latest);
    }
    CHECK_INT(r.exit_class, 3);

    /* the URL cannot be fetched: no cache, then a fresh one, then an old one */
    rq.portal = NULL;
    oqsdm_versions_check(&app, &rq, &r);
    CHECK(r.source.fetch_failed);
    CHECK_INT(r.source.origin, OQSDM_LATEST_NONE);
    CHECK_INT(r.app[0].status, OQSDM_VST_UNKNOWN);
    write_cache(&app, rq.now_unix - 3 * 86400, "1.0.11");
    oqsdm_versions_check(&app, &rq, &r);
    CHECK_INT(r.source.origin, OQSDM_LATEST_CACHED);
    CHECK(r.source.from_cache);
    CHECK_INT(r.source.age_days, 3);
    CHECK_STR(r.source.fetched_at, "2026-11-20T09:00:00+09:00");
    CHECK_INT(r.app[0].status, OQSDM_VST_OUTDATED);
    CHECK(strstr(r.source.note, "2026-11-20") != NULL);
    write_cache(&app, rq.now_unix - 15 * 86400, "1.0.11");
    oqsdm_versions_check(&app, &rq, &r);
    CHECK(r.source.expired);
    CHECK_INT(r.app[0].status, OQSDM_VST_UNKNOWN);
    app.config.portal_max_age_days = 30;   /* PortalMaxAgeDays=30 */
    oqsdm_versions_check(&app, &rq, &r);
    CHECK(!r.source.expired);
    CHECK_INT(r.app[0].status, OQSDM_VST_OUTDATED);
    write_cache(&app, rq.now_unix + 2 * 86400, "1.0.11");   /* a clock set back */
    oqsdm_versions_check(&app, &rq, &r);
    CHECK(r.source.expired);

    /* a damaged cache file is no cache */
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", app.state_dir, OQSDM_PORTAL_CACHE_FILE);
    FILE *f = fopen(path, "wb");
    fputs("{\"schema\":1,\"entries\":[{\"url\":", f);
    fclose(f);
    oqsdm_versions_check(&app, &rq, &r);
    CHECK_INT(r.source.origin, OQSDM_LATEST_NONE);

    /* a version file that is a folder, one with two versions, one with none */
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s/Program Files/OQS-Auth' && mkdir -p '%s/Program Files/OQS-Auth/Version.Info'", dir, dir);
    CHECK_INT(system(cmd), 0);
    put_file("Program Files/OQS/OQSDistroApp/version.info", "Version=1.0.10\nVersion=1.0.11\n", 30);
    put_file("Program Files/OQS/oqscomapp/VERSION.INFO", "2024/06/30\n", 11);
    rq.portal = OQSDM_SOURCE_DIR "/tests/unit/portal/table_th.html";
    oqsdm_versions_check(&app, &rq, &r);
    CHECK_INT(r.app[0].status, OQSDM_VST_UNKNOWN);
    CHECK_STR(r.app[0].reason_code, "file_ambiguous");
    CHECK_INT(r.app[1].status, OQSDM_VST_UNKNOWN);
    CHECK_STR(r.app[1].reason_code, "file_no_version");
    CHECK_INT(r.app[2].status, OQSDM_VST_MISSING);
    CHECK_STR(r.app[2].reason_code, "file_folder");
    CHECK(strstr(r.app[2].reason, "folder") != NULL);
}

int main(void)
{
    load_data_file(&data);
    strcpy(dir, "/tmp/oqsdm-test-versions-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    test_status();
    test_decide();
    test_cache();
    test_reader();
    test_check();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done("test_versions");
}
