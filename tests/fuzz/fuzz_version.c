/*
 * fuzz_version.c: libFuzzer target for versions (src/core/version.c):
 * oqsdm_version_parse, _format and _find on the input as text, and
 * oqsdm_version_compare on three versions built from the input's bytes.
 *
 * Invariants asserted (besides ASan/UBSan finding nothing):
 *  - parse: a known status; on success 1..8 components each within the
 *    bound, and the normalised form (ASCII digits and dots, fitting in
 *    OQSDM_VERSION_TEXT_MAX) re-parses to an equal version with as many
 *    components and formats to itself; on failure the version is zeroed;
 *  - find: every span lies inside the input and the label starts no later
 *    than its number; FOUND and AMBIGUOUS carry a rule, at least two
 *    components, and a raw span that parses to the version reported;
 *    AMBIGUOUS has a second span that parses to a different version and at
 *    least two candidates; NONE has no rule and no span; the result does
 *    not change when every ASCII letter's case is swapped;
 *  - compare: -1, 0 or 1; reflexive, antisymmetric and transitive on the
 *    sampled triple; 0 exactly when the normalised forms are equal once
 *    trailing ".0" components are dropped.
 */
#include "fuzz_common.h"
#include "oqsdm/version.h"

static void check_normalised(const oqsdm_version *v)
{
    char buf[OQSDM_VERSION_TEXT_MAX], again[OQSDM_VERSION_TEXT_MAX];
    FUZZ_CHECK(oqsdm_version_format(v, buf, sizeof buf) == 0);
    for (const char *p = buf; *p; p++)
        FUZZ_CHECK((*p >= '0' && *p <= '9') || *p == '.');
    oqsdm_version w;
    FUZZ_CHECK(oqsdm_version_parse(buf, strlen(buf), &w) == OQSDM_VERSION_OK);
    FUZZ_CHECK(w.nparts == v->nparts);
    FUZZ_CHECK(oqsdm_version_compare(&w, v) == 0);
    FUZZ_CHECK(oqsdm_version_format(&w, again, sizeof again) == 0);
    FUZZ_CHECK(strcmp(buf, again) == 0);
}

static void check_parse(const char *s, size_t n)
{
    oqsdm_version v;
    oqsdm_version_status st = oqsdm_version_parse(s, n, &v);
    FUZZ_CHECK(st >= OQSDM_VERSION_OK && st <= OQSDM_VERSION_E_PART_TOO_LONG);
    if (st != OQSDM_VERSION_OK) {
        FUZZ_CHECK(v.nparts == 0);
        return;
    }
    FUZZ_CHECK(v.nparts >= 1 && v.nparts <= OQSDM_VERSION_MAX_PARTS);
    for (unsigned i = 0; i < v.nparts; i++)
        FUZZ_CHECK(v.part[i] <= 999999999u);
    check_normalised(&v);
}

static void check_span(const char *s, size_t n, size_t off, size_t len, oqsdm_version *v)
{
    FUZZ_CHECK(off <= n && len <= n - off);
    FUZZ_CHECK(len > 0 && len < OQSDM_VERSION_RAW_MAX);
    FUZZ_CHECK(oqsdm_version_parse(s + off, len, v) == OQSDM_VERSION_OK);
}

static void check_find(const char *s, size_t n, oqsdm_version_match *m)
{
    oqsdm_version_find_status st = oqsdm_version_find(s, n, m);
    FUZZ_CHECK(st == OQSDM_VERSION_FOUND || st == OQSDM_VERSION_NONE || st == OQSDM_VERSION_AMBIGUOUS);
    FUZZ_CHECK(m->raw_off <= n && m->raw_len <= n - m->raw_off);
    FUZZ_CHECK(m->other_off <= n && m->other_len <= n - m->other_off);
    FUZZ_CHECK(m->label_off <= m->raw_off);
    if (st == OQSDM_VERSION_NONE) {
        FUZZ_CHECK(m->rule == OQSDM_VERSION_RULE_NONE && m->raw_len == 0 && m->candidates == 0);
        return;
    }
    FUZZ_CHECK(m->rule == OQSDM_VERSION_RULE_LABELLED || m->rule == OQSDM_VERSION_RULE_BARE);
    FUZZ_CHECK(m->rule == OQSDM_VERSION_RULE_LABELLED || m->label_off == m->raw_off);
    FUZZ_CHECK(m->version.nparts >= 2);
    FUZZ_CHECK(m->candidates >= 1);
    oqsdm_version raw;
    check_span(s, n, m->raw_off, m->raw_len, &raw);
    FUZZ_CHECK(oqsdm_version_compare(&raw, &m->version) == 0);
    FUZZ_CHECK(raw.nparts == m->version.nparts);
    check_normalised(&m->version);
    if (st == OQSDM_VERSION_AMBIGUOUS) {
        oqsdm_version other;
        check_span(s, n, m->other_off, m->other_len, &other);
        FUZZ_CHECK(oqsdm_version_compare(&other, &m->version) != 0);
        FUZZ_CHECK(m->candidates >= 2);
        FUZZ_CHECK(m->other_off > m->raw_off);
    } else {
        FUZZ_CHECK(m->other_len == 0);
    }
}

/* A version from the input's bytes at *pos: mostly small components, so
 * ties and trailing zeros are common, sometimes large ones. */
static oqsdm_version sample(const uint8_t *d, size_t n, size_t *pos)
{
    oqsdm_version v;
    memset(&v, 0, sizeof v);
#define NEXT() (n ? d[(*pos)++ % n] : 0)
    v.nparts = 1u + NEXT() % OQSDM_VERSION_MAX_PARTS;
    for (unsigned i = 0; i < v.nparts; i++) {
        uint8_t b = NEXT();
        v.part[i] = (b & 0x80) ? (uint32_t)b * 7843201u % 1000000000u : b % 3u;
    }
#undef NEXT
    return v;
}

/* The normalised form without trailing ".0" components. */
static void canonical(const oqsdm_version *v, char *out, size_t size)
{
    oqsdm_version c = *v;
    while (c.nparts > 1 && c.part[c.nparts - 1] == 0)
        c.nparts--;
    FUZZ_CHECK(oqsdm_version_format(&c, out, size) == 0);
}

static void check_compare(const uint8_t *d, size_t n)
{
    size_t pos = 0;
    oqsdm_version v[3];
    for (int i = 0; i < 3; i++)
        v[i] = sample(d, n, &pos);
    int c[3][3];
    char canon[3][OQSDM_VERSION_TEXT_MAX];
    for (int i = 0; i < 3; i++) {
        canonical(&v[i], canon[i], sizeof canon[i]);
        check_normalised(&v[i]);
    }
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            c[i][j] = oqsdm_version_compare(&v[i], &v[j]);
            FUZZ_CHECK(c[i][j] >= -1 && c[i][j] <= 1);
            FUZZ_CHECK((c[i][j] == 0) == (strcmp(canon[i], canon[j]) == 0));
        }
    for (int i = 0; i < 3; i++) {
        FUZZ_CHECK(c[i][i] == 0);
        for (int j = 0; j < 3; j++) {
            FUZZ_CHECK(c[i][j] == -c[j][i]);
            for (int k = 0; k < 3; k++) {
                if (c[i][j] <= 0 && c[j][k] <= 0)
                    FUZZ_CHECK(c[i][k] <= 0);
                if (c[i][j] == 0 && c[j][k] == 0)
                    FUZZ_CHECK(c[i][k] == 0);
                if (c[i][j] < 0 && c[j][k] <= 0)
                    FUZZ_CHECK(c[i][k] < 0);
            }
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = fuzz_strndup(data, size);
    check_parse(s, size);

    oqsdm_version_match m, f;
    check_find(s, size, &m);
    char *flipped = fuzz_strndup(data, size);
    for (size_t i = 0; i < size; i++)
        flipped[i] = fuzz_ascii_flip(flipped[i]);
    oqsdm_version_find_status a = oqsdm_version_find(s, size, &m);
    oqsdm_version_find_status b = oqsdm_version_find(flipped, size, &f);
    FUZZ_CHECK(a == b && m.rule == f.rule && m.raw_off == f.raw_off && m.raw_len == f.raw_len &&
               m.label_off == f.label_off && m.other_off == f.other_off &&
               m.candidates == f.candidates && m.rejected == f.rejected &&
               oqsdm_version_compare(&m.version, &f.version) == 0);

    check_compare(data, size);
    free(flipped);
    free(s);
    return 0;
}
