/*
 * fuzz_state.c: libFuzzer target for oqsdm's state files and the strings
 * it reads from the system, all outside input: portal-cache.json
 * (src/core/portal_cache.c), reader.json (src/core/reader.c), a fix's
 * backup fix-<id>.json (src/core/fix.c), the DisplayName strings the
 * vendor guess reads from the registry, and the adapters' DNS server
 * addresses the diagnosis compares (src/core/diagnose.c).
 *
 * The first byte picks the reader; the rest is the file (or, for the
 * guess, DisplayNames one a line). Invariants asserted besides ASan/UBSan:
 *  - cache: find gives 0, 1 or -1; on 0 every "found" text is non-empty
 *    and terminated and the time is not negative; putting the entry into
 *    the same bytes and finding it again gives the same entry; the file
 *    written never exceeds the reader's bound;
 *  - reader: parse gives 0 or -1 (-1 leaves an empty entry); on 0 the
 *    vendor is empty or a data file vendor, a version is set only with its
 *    normalised text, and writing the entry out and parsing it again gives
 *    the same entry;
 *  - guess: the vendor is -1 or an index of the data's vendors; -1 when
 *    ambiguous; the matched program is one of the names;
 *  - fix backup: parse gives 0 or -1; on 0 every length is within its
 *    buffer, and writing it out and parsing again gives the same values;
 *  - IPv6: equality is symmetric, and an address equals itself exactly
 *    when it parses (then also its upper-case spelling).
 */
#include "fuzz_common.h"
#include "oqsdm/diagnose.h"
#include "oqsdm/fix.h"
#include "oqsdm/portal_cache.h"
#include "oqsdm/reader.h"

#include <cjson/cJSON.h>

static oqsdm_data g_data;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    FILE *f = fopen(OQSDM_SOURCE_DIR "/res/oqsdm-data.json", "rb");
    static char json[OQSDM_DATA_MAX_BYTES];
    size_t n = f ? fread(json, 1, sizeof json, f) : 0;
    if (f)
        fclose(f);
    char why[256];
    if (oqsdm_data_parse(json, n, &g_data, why, sizeof why)) {
        fprintf(stderr, "fuzz_state: data file: %s\n", why);
        abort();
    }
    return 0;
}

static void check_texts(const oqsdm_portal_text *t, int n)
{
    for (int i = 0; i < n; i++) {
        FUZZ_CHECK(fuzz_terminated(t[i].text, sizeof t[i].text));
        if (t[i].reason == OQSDM_PORTAL_FOUND)
            FUZZ_CHECK(t[i].text[0] != '\0');
        else
            FUZZ_CHECK(t[i].text[0] == '\0');
    }
}

static void fuzz_cache(const char *json, size_t len)
{
    static const char *const urls[] = {"https://www.iryohokenjyoho-portalsite.jp/download/post-12.html", "u", ""};
    for (size_t k = 0; k < sizeof urls / sizeof urls[0]; k++) {
        oqsdm_portal_cache_entry *e = malloc(sizeof *e), *e2 = malloc(sizeof *e2);
        if (!e || !e2) abort();
        int rc = oqsdm_portal_cache_find(json, len, urls[k], e);
        FUZZ_CHECK(rc == 0 || rc == 1 || rc == -1);
        if (rc == 0) {
            FUZZ_CHECK(strcmp(e->url, urls[k]) == 0);
            FUZZ_CHECK(e->fetched_unix >= 0);
            FUZZ_CHECK(fuzz_terminated(e->fetched_at, sizeof e->fetched_at));
            check_texts(e->result.app, OQSDM_PORTAL_APP_COUNT);
            check_texts(e->result.vendor, OQSDM_PORTAL_VENDOR_COUNT);
            char *again = oqsdm_portal_cache_put(json, len, e);
            FUZZ_CHECK(again != NULL);
            FUZZ_CHECK(strlen(again) <= OQSDM_PORTAL_CACHE_MAX_BYTES);
            FUZZ_CHECK(oqsdm_portal_cache_find(again, strlen(again), urls[k], e2) == 0);
            FUZZ_CHECK(e2->fetched_unix == e->fetched_unix);
            FUZZ_CHECK(strcmp(e2->fetched_at, e->fetched_at) == 0);
            for (int a = 0; a < OQSDM_PORTAL_APP_COUNT; a++) {
                FUZZ_CHECK(e2->result.app[a].reason == e->result.app[a].reason);
                FUZZ_CHECK(strcmp(e2->result.app[a].text, e->result.app[a].text) == 0);
            }
            for (int v = 0; v < OQSDM_PORTAL_VENDOR_COUNT; v++)
                FUZZ_CHECK(strcmp(e2->result.vendor[v].text, e->result.vendor[v].text) == 0);
            cJSON_free(again);
        }
        free(e2);
        free(e);
    }
}

static void fuzz_reader(const char *json, size_t len)
{
    oqsdm_reader_entry e, e2;
    int rc = oqsdm_reader_entry_parse(json, len, &g_data, &e);
    FUZZ_CHECK(rc == 0 || rc == -1);
    if (rc != 0) {
        FUZZ_CHECK(!e.has_version && !e.vendor[0]);
        return;
    }
    FUZZ_CHECK(!e.vendor[0] || oqsdm_data_vendor(&g_data, e.vendor));
    FUZZ_CHECK(!e.has_version || e.normalised[0]);
    char *again = oqsdm_reader_entry_json(&e);
    FUZZ_CHECK(again != NULL);
    FUZZ_CHECK(oqsdm_reader_entry_parse(again, strlen(again), &g_data, &e2) == 0);
    FUZZ_CHECK(strcmp(e.vendor, e2.vendor) == 0 && e.has_version == e2.has_version);
    if (e.has_version) {
        FUZZ_CHECK(strcmp(e.normalised, e2.normalised) == 0 && strcmp(e.raw, e2.raw) == 0);
        FUZZ_CHECK(strcmp(e.entered_at, e2.entered_at) == 0);
    }
    free(again);
}

static void fuzz_guess(const char *text, size_t len)
{
    enum { MAX = 32 };
    static char names[MAX][256];
    size_t n = 0, i = 0;
    while (i < len && n < MAX) {
        size_t k = 0;
        while (i + k < len && text[i + k] != '\n')
            k++;
        size_t c = k < 255 ? k : 255;
        memcpy(names[n], text + i, c);
        names[n][c] = '\0';
        n++;
        i += k + 1;
    }
    oqsdm_vendor_guess g;
    oqsdm_reader_guess_vendor(&g_data, (const char(*)[256])names, n, &g);
    FUZZ_CHECK(g.vendor >= -1 && g.vendor < (int)g_data.nvendors);
    if (g.ambiguous)
        FUZZ_CHECK(g.vendor == -1);
    if (g.vendor >= 0) {
        int seen = 0;
        for (size_t k = 0; k < n; k++)
            seen |= strcmp(names[k], g.program) == 0;
        FUZZ_CHECK(seen);
    }
}

static void fuzz_backup(const char *json, size_t len)
{
    oqsdm_fix_backup *b = malloc(sizeof *b), *b2 = malloc(sizeof *b2);
    if (!b || !b2) abort();
    int rc = oqsdm_fix_backup_parse(json, len, b);
    FUZZ_CHECK(rc == 0 || rc == -1);
    if (rc == 0) {
        FUZZ_CHECK(b->nreg <= OQSDM_FIX_MAX_VALUES && b->file_len <= sizeof b->file_data);
        FUZZ_CHECK(oqsdm_finding_from_name(b->fix) >= 0);
        for (size_t i = 0; i < b->nreg; i++)
            FUZZ_CHECK(b->reg[i].len <= sizeof b->reg[i].data);
        char *again = oqsdm_fix_backup_json(b);
        FUZZ_CHECK(again != NULL);
        FUZZ_CHECK(oqsdm_fix_backup_parse(again, strlen(again), b2) == 0);
        FUZZ_CHECK(b2->nreg == b->nreg && b2->file_len == b->file_len && b2->has_file == b->has_file);
        FUZZ_CHECK(memcmp(b2->file_data, b->file_data, b->file_len) == 0);
        for (size_t i = 0; i < b->nreg; i++) {
            FUZZ_CHECK(b2->reg[i].present == b->reg[i].present && b2->reg[i].len == b->reg[i].len);
            FUZZ_CHECK(memcmp(b2->reg[i].data, b->reg[i].data, b->reg[i].len) == 0);
            FUZZ_CHECK(strcmp(b2->reg[i].key, b->reg[i].key) == 0 && strcmp(b2->reg[i].name, b->reg[i].name) == 0);
        }
        free(again);
    }
    free(b2);
    free(b);
}

static void fuzz_ipv6(const char *text, size_t len)
{
    const char *nl = memchr(text, '\n', len);
    size_t n = nl ? (size_t)(nl - text) : len;
    char *a = fuzz_strndup((const uint8_t *)text, n);
    char *b = fuzz_strndup((const uint8_t *)(nl ? nl + 1 : text), nl ? len - n - 1 : len);
    FUZZ_CHECK(oqsdm_ipv6_equal(a, b) == oqsdm_ipv6_equal(b, a));
    if (oqsdm_ipv6_equal(a, a)) {
        char *up = fuzz_flip_case(a);
        FUZZ_CHECK(oqsdm_ipv6_equal(a, up));
        free(up);
    }
    free(a);
    free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char *rest = fuzz_strndup(data + 1, size - 1);
    switch (data[0] % 5) {
    case 0: fuzz_cache(rest, size - 1); break;
    case 1: fuzz_reader(rest, size - 1); break;
    case 2: fuzz_guess(rest, size - 1); break;
    case 3: fuzz_backup(rest, size - 1); break;
    default: fuzz_ipv6(rest, size - 1); break;
    }
    free(rest);
    return 0;
}
