/*
 * fuzz_proxy_check.c: libFuzzer target for the proxy settings analysis
 * (src/core/proxy_check.c): oqsdm_proxy_check_server and
 * oqsdm_proxy_check_bypass.
 *
 * Input: NUL-separated fields (registry strings cannot hold a NUL, and a
 * line break is one of the faults under test, so it cannot separate)
 *     ProxyServer \0 ProxyOverride \0 expected bypass list
 * Missing fields are empty; an empty or refused expected list means the
 * guide's nine. Each field is passed in a block of exactly its size, so
 * ASan sees any over-read.
 *
 * Invariants asserted (besides ASan/UBSan finding nothing):
 *  server:
 *  - returns 0 with the guide's expected value; status and the per-scheme
 *    states are known values with names; disabled gives DISABLED and the
 *    same value_status as enabled;
 *  - OK means proxy_rules routes https (and http) to the expected host
 *    and port; the corrected value analyses as OK;
 *  bypass:
 *  - a refused value (too_long, too_many) has no items and no correction;
 *  - items lie inside the input in ascending, non-overlapping order, each
 *    inside its WinINet entry; `written` is exactly the input's bytes;
 *    indexes are in range; the expected states add up;
 *  - an expected entry PRESENT or COVERED really bypasses the proxy by
 *    proxy_rules for a host it covers (entries of 512 bytes and more
 *    aside: proxy_rules skips those);
 *  - the correction (when it fits) analyses as OK, correcting it again
 *    gives the same string, it holds every expected entry and every
 *    extra's fix as an entry, and every expected entry bypasses by
 *    proxy_rules.
 */
#include "fuzz_common.h"
#include "oqsdm/proxy_check.h"
#include "oqsdm/proxy_rules.h"

static const char *GUIDE_PROXY = "proxy.base.oqs-pdl.org:8080";
static const char *GUIDE_BYPASS =
    "*.onshikaku.org; *.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
    "*.cybertrust.ne.jp; *.secomtrust.net; *.rece; pweb.base.oqs-pdl.org";

static oqsdm_pxb_result *res_a, *res_b;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    res_a = malloc(sizeof *res_a);
    res_b = malloc(sizeof *res_b);
    if (!res_a || !res_b) abort();
    return 0;
}

static int known(const char *name)
{
    return name && strcmp(name, "unknown") != 0;
}

static void check_server(const char *server)
{
    oqsdm_pxs_result on, off, again;
    FUZZ_CHECK(oqsdm_proxy_check_server(1, server, GUIDE_PROXY, &on) == 0);
    FUZZ_CHECK(oqsdm_proxy_check_server(0, server, GUIDE_PROXY, &off) == 0);
    FUZZ_CHECK(known(oqsdm_pxs_status_name(on.status)));
    FUZZ_CHECK(known(oqsdm_pxs_state_name(on.https.state)) && known(oqsdm_pxs_state_name(on.http.state)));
    FUZZ_CHECK(on.status == on.value_status && on.status != OQSDM_PXS_DISABLED);
    FUZZ_CHECK(off.status == OQSDM_PXS_DISABLED && off.value_status == on.value_status);
    FUZZ_CHECK(fuzz_terminated(on.https.host, sizeof on.https.host));
    FUZZ_CHECK(strcmp(on.corrected, "proxy.base.oqs-pdl.org:8080") == 0);
    if (on.https.state == OQSDM_PXS_S_OK || on.https.state == OQSDM_PXS_S_WRONG_PORT ||
        on.https.state == OQSDM_PXS_S_WRONG_HOST)
        FUZZ_CHECK(on.https.port >= 1 && on.https.port <= 65535 && on.https.host[0]);
    if (on.status == OQSDM_PXS_OK) {
        const char *schemes[2] = {"https", "http"};
        for (int s = 0; s < 2; s++) {
            char host[256];
            int port = 0;
            FUZZ_CHECK(oqsdm_proxy_server_for(server, schemes[s], host, sizeof host, &port) == 0);
            size_t hl = strlen(host);
            if (hl > 0 && host[hl - 1] == '.') host[--hl] = '\0';
            FUZZ_CHECK(fuzz_ascii_casecmp(host, "proxy.base.oqs-pdl.org") == 0 && port == 8080);
        }
    }
    FUZZ_CHECK(oqsdm_proxy_check_server(1, on.corrected, GUIDE_PROXY, &again) == 0);
    FUZZ_CHECK(again.status == OQSDM_PXS_OK);
}

/* A host the pattern covers: each '*' as "x". */
static void sample_host(const char *pattern, char *out, size_t size)
{
    size_t o = 0;
    for (const char *p = pattern; *p && o + 2 < size; p++) {
        out[o++] = *p == '*' ? 'x' : *p;
    }
    out[o] = '\0';
}

static int ieq_n(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fuzz_ascii_flip(a[i]) != b[i] && a[i] != b[i])
            return 0;
    return 1;
}

/* 1 if `entry` is one of the ';'-separated entries of list (ASCII case
 * aside: duplicates keep the first spelling). */
static int has_entry(const char *list, const char *entry)
{
    size_t n = strlen(entry);
    for (const char *p = list;;) {
        const char *end = strchr(p, ';');
        size_t l = end ? (size_t)(end - p) : strlen(p);
        if (l == n && ieq_n(p, entry, n))
            return 1;
        if (!end) return 0;
        p = end + 1;
    }
}

static void check_items(const char *in, const oqsdm_pxb_result *r)
{
    size_t n = strlen(in), prev_end = 0;
    unsigned counts[4] = {0, 0, 0, 0};
    FUZZ_CHECK(r->nitems <= OQSDM_PXB_MAX_ITEMS && r->nexpected <= OQSDM_PXB_MAX_EXPECTED);
    FUZZ_CHECK(known(oqsdm_pxb_sep_name(r->end_sep)));
    for (size_t i = 0; i < r->nitems; i++) {
        const oqsdm_pxb_item *it = &r->item[i];
        FUZZ_CHECK(known(oqsdm_pxb_kind_name(it->kind)) && known(oqsdm_pxb_sep_name(it->sep)));
        FUZZ_CHECK(it->len > 0 && it->off >= prev_end && it->off + it->len <= n);
        FUZZ_CHECK(it->entry_off <= it->off && it->off + it->len <= it->entry_off + it->entry_len);
        prev_end = it->off + it->len;
        const char *w = oqsdm_pxb_item_written(r, i);
        FUZZ_CHECK(strlen(w) == it->len && memcmp(w, in + it->off, it->len) == 0);
        const char *fix = oqsdm_pxb_item_fix(r, i);
        FUZZ_CHECK(fix != NULL);
        if (it->kind == OQSDM_PXB_K_EXPECTED)
            FUZZ_CHECK(it->expected >= 0 && (size_t)it->expected < r->nexpected &&
                       strcmp(fix, oqsdm_pxb_expected_text(r, (size_t)it->expected)) == 0);
        if (it->kind == OQSDM_PXB_K_MATCH_ALL || it->kind == OQSDM_PXB_K_MALFORMED)
            FUZZ_CHECK(fix[0] == '\0');
        if (it->kind == OQSDM_PXB_K_EXTRA || it->kind == OQSDM_PXB_K_BROADER)
            FUZZ_CHECK(fix[0] != '\0' && !strchr(fix, ';'));
        if (it->kind == OQSDM_PXB_K_MALFORMED)
            FUZZ_CHECK(it->faults & OQSDM_PXB_F_MALFORMED);
        FUZZ_CHECK(it->similar >= -1 && it->similar < (int)r->nexpected);
        if (i > 0 && it->sep == OQSDM_PXB_SEP_NONE)
            FUZZ_CHECK(it->faults & OQSDM_PXB_F_SEPARATOR);
    }
    for (size_t e = 0; e < r->nexpected; e++) {
        const oqsdm_pxb_expected *x = &r->expected[e];
        FUZZ_CHECK(known(oqsdm_pxb_state_name(x->state)));
        counts[x->state]++;
        if (x->state == OQSDM_PXB_S_PRESENT) {
            FUZZ_CHECK(x->item >= 0 && (size_t)x->item < r->nitems);
            const oqsdm_pxb_item *it = &r->item[x->item];
            FUZZ_CHECK(it->kind == OQSDM_PXB_K_EXPECTED && it->expected == (int)e &&
                       !(it->faults & OQSDM_PXB_F_FAULTS));
        }
        if (x->state == OQSDM_PXB_S_COVERED)
            FUZZ_CHECK(x->item >= 0 && (size_t)x->item < r->nitems);
        if (x->state == OQSDM_PXB_S_FAULTY)
            FUZZ_CHECK(x->faulty_item >= 0 && (size_t)x->faulty_item < r->nitems);
    }
    FUZZ_CHECK(counts[0] == r->present && counts[1] == r->covered && counts[2] == r->faulty &&
               counts[3] == r->missing);
    FUZZ_CHECK((r->status == OQSDM_PXB_FAIL) == (r->faulty + r->missing > 0));
    if (r->match_all >= 0)
        FUZZ_CHECK((size_t)r->match_all < r->nitems &&
                   r->item[r->match_all].kind == OQSDM_PXB_K_MATCH_ALL);
}

/* Every expected entry that works bypasses the proxy by proxy_rules. */
static void check_bypassed(const char *list, const oqsdm_pxb_result *r, int all)
{
    for (size_t i = 0; i < r->nitems; i++)
        if (r->item[i].entry_len >= 512) return;
    for (size_t e = 0; e < r->nexpected; e++) {
        const char *t = oqsdm_pxb_expected_text(r, e);
        if (t[0] == '<') continue;
        if (!all && r->expected[e].state != OQSDM_PXB_S_PRESENT &&
            r->expected[e].state != OQSDM_PXB_S_COVERED)
            continue;
        char host[300];
        sample_host(t, host, sizeof host);
        if (strlen(host) >= 256) continue;
        FUZZ_CHECK(oqsdm_proxy_bypassed(list, "https", host, NULL, 0) == 1);
    }
}

static void check_bypass(const char *override, const char *expected)
{
    oqsdm_pxb_result *r = res_a, *r2 = res_b;
    int rc = oqsdm_proxy_check_bypass(override, expected, r);
    FUZZ_CHECK(rc == 0 || rc == -1);
    if (rc != 0) {
        expected = GUIDE_BYPASS;
        FUZZ_CHECK(oqsdm_proxy_check_bypass(override, expected, r) == 0);
    }
    FUZZ_CHECK(known(oqsdm_pxb_status_name(r->status)));
    FUZZ_CHECK(r->nexpected > 0);
    if (r->status == OQSDM_PXB_TOO_LONG || r->status == OQSDM_PXB_TOO_MANY) {
        FUZZ_CHECK(r->nitems == 0 && !r->corrected_ok);
        if (r->status == OQSDM_PXB_TOO_LONG)
            FUZZ_CHECK(strlen(override) >= OQSDM_PXB_MAX_INPUT);
        return;
    }
    check_items(override, r);
    check_bypassed(override, r, 0);
    if (!r->corrected_ok) {
        FUZZ_CHECK(r->corrected[0] == '\0');
        return;
    }
    char *fixed = fuzz_strndup((const uint8_t *)r->corrected, strlen(r->corrected));
    for (size_t e = 0; e < r->nexpected; e++)
        FUZZ_CHECK(has_entry(fixed, oqsdm_pxb_expected_text(r, e)));
    for (size_t i = 0; i < r->nitems; i++)
        if (r->item[i].kind == OQSDM_PXB_K_EXTRA || r->item[i].kind == OQSDM_PXB_K_BROADER)
            FUZZ_CHECK(has_entry(fixed, oqsdm_pxb_item_fix(r, i)));

    FUZZ_CHECK(oqsdm_proxy_check_bypass(fixed, expected, r2) == 0);
    if (r2->status != OQSDM_PXB_OK)
        fprintf(stderr, "corrected \"%s\" is %s\n", fixed, oqsdm_pxb_status_name(r2->status));
    FUZZ_CHECK(r2->status == OQSDM_PXB_OK);
    FUZZ_CHECK(r2->corrected_ok);
    if (strcmp(r2->corrected, fixed) != 0)
        fprintf(stderr, "corrected \"%s\"\nagain     \"%s\"\n", fixed, r2->corrected);
    FUZZ_CHECK(strcmp(r2->corrected, fixed) == 0);
    check_items(fixed, r2);
    check_bypassed(fixed, r2, 1);
    free(fixed);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *f[3];
    size_t pos = 0;
    for (int i = 0; i < 3; i++) {
        size_t end = pos;
        while (end < size && data[end] != '\0') end++;
        f[i] = fuzz_strndup(data + pos, end > pos ? end - pos : 0);
        pos = end < size ? end + 1 : size;
    }
    check_server(f[0]);
    check_bypass(f[1], f[2][0] ? f[2] : GUIDE_BYPASS);
    for (int i = 0; i < 3; i++)
        free(f[i]);
    return 0;
}
