/*
 * fuzz_ini_write.c: libFuzzer target for the INI writer (src/core/ini.c):
 * parse the input as a file (any encoding), set up to four keys picked
 * from the input's own section and key names and oqsdm's, with values
 * from a list of hard cases and from the input, serialise, parse again.
 *
 * Invariants asserted (besides ASan/UBSan finding nothing):
 *  - a file that parses serialises, unchanged, to exactly its own bytes;
 *  - each set returns the status the rules give (BAD_NAME, BAD_VALUE,
 *    NOT_CP932 exactly when the platform's CP932 conversion refuses, OK),
 *    a refused set changes no byte, and a set key reads back at once as
 *    its value (through CP932 in an ANSI file);
 *  - the result parses again, in the same encoding (an ANSI file may turn
 *    out to be plain UTF-8 once a value changed), with the same number of
 *    lines as in memory, and every looked-up name gives the same value as
 *    in memory; names that were not set give the values of the input;
 *  - lines: only the replaced ones differ from the input's, and at most
 *    the added ones are new (1 per new key, 1-2 more per new section):
 *    the input's lines are a subsequence of the output's, but for the
 *    replaced ones (checked by a longest common subsequence); added lines
 *    end as the file's lines do when it has one style (CRLF, LF or CR),
 *    and in CRLF when it has no line end yet.
 */
#include "fuzz_common.h"
#include "fuzz_ini_names.h"
#include "oqsdm/ini.h"
#include "oqsdm/platform.h"
#include "oqsdm/text.h"

#define MAX_OPS 4
#define MAX_LCS_LINES 400

typedef fuzz_ini_names names;

/* The input's text as the reader holds it: UTF-8 from UTF-16 (with a BOM
 * or found without), else the bytes after a UTF-8 BOM. NULL for UTF-16 the
 * reader refuses. */
static char *text_of(const uint8_t *d, size_t n, size_t *len)
{
    char *t = NULL;
    if (n >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF))) {
        if (oqsdm_text_utf16_to_utf8(d + 2, n - 2, d[0] == 0xFE, &t, len) != OQSDM_TEXT_OK)
            return NULL;
        return t;
    }
    int nobom = oqsdm_text_utf16_without_bom(d, n);
    if (nobom) {
        if (oqsdm_text_utf16_to_utf8(d, n, nobom == 2, &t, len) != OQSDM_TEXT_OK)
            return NULL;
        return t;
    }
    size_t skip = (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) ? 3 : 0;
    *len = n - skip;
    return fuzz_strndup(d + skip, n - skip);
}

static void collect_names(const char *v, size_t m, names *out)
{
    fuzz_ini_scan(v, m, out);
    fuzz_ini_extra(out->sec, &out->nsec, "oqsdm");
    fuzz_ini_extra(out->sec, &out->nsec, "OQSDM");
    static const char *const ours[] = {"Destination", "ServerUrl", "Provider", "ConnectionKind", "", "a=b"};
    for (size_t i = 0; i < sizeof ours / sizeof ours[0]; i++)
        fuzz_ini_extra(out->key, &out->nkey, ours[i]);
}

/* The writer's rules, restated. */
static int valid_name(const char *s, int is_key)
{
    size_t n = strlen(s);
    if (n == 0 || fuzz_ini_blank(s[0]) || fuzz_ini_blank(s[n - 1]) || strpbrk(s, "\r\n"))
        return 0;
    if (is_key)
        return !strchr(s, '=') && s[0] != ';' && s[0] != '[';
    return !strchr(s, ']');
}

static int is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

static int writable(oqsdm_ini_encoding enc, const char *s)
{
    return enc == OQSDM_INI_ENC_ANSI ? is_ascii(s) : oqsdm_text_valid_utf8((const unsigned char *)s, strlen(s));
}

static char *serialize_ok(const oqsdm_ini *ini, size_t *n)
{
    unsigned char *o = NULL;
    FUZZ_CHECK(oqsdm_ini_serialize(ini, &o, n) == OQSDM_INI_OK && o);
    return (char *)o;
}

/* The same, but NULL where the writer refuses bytes that would read back
 * in another encoding (only bytes full of NULs come near that line). */
static char *serialize_or_refused(const oqsdm_ini *ini, size_t *n)
{
    unsigned char *o = NULL;
    oqsdm_ini_status st = oqsdm_ini_serialize(ini, &o, n);
    FUZZ_CHECK((st == OQSDM_INI_OK && o) || (st == OQSDM_INI_BAD_ENCODING && !o));
    if (!o)
        *n = 0;
    return (char *)o;
}

/* Lines as the reader splits them: [start, end of text, end with line end). */
typedef struct line { size_t s, e, eol_end; } line;

static line *split(const char *t, size_t n, size_t *count)
{
    line *l = malloc((n + 1) * sizeof *l);
    if (!l) abort();
    size_t k = 0, i = 0;
    while (i < n) {
        size_t s = i;
        while (i < n && t[i] != '\n' && t[i] != '\r') i++;
        size_t e = i;
        if (i < n && t[i] == '\r' && i + 1 < n && t[i + 1] == '\n') i += 2;
        else if (i < n) i++;
        l[k++] = (line){s, e, i};
    }
    *count = k;
    return l;
}

static int same_line(const char *a, const line *la, int content_only, const char *b, const line *lb)
{
    size_t na = (content_only ? la->e : la->eol_end) - la->s, nb = (content_only ? lb->e : lb->eol_end) - lb->s;
    return na == nb && memcmp(a + la->s, b + lb->s, na) == 0;
}

/* Line ends by kind: [0] CRLF, [1] LF, [2] CR. */
static void count_eols(const char *t, const line *l, size_t n, size_t k[3])
{
    k[0] = k[1] = k[2] = 0;
    for (size_t i = 0; i < n; i++) {
        size_t m = l[i].eol_end - l[i].e;
        if (m == 2) k[0]++;
        else if (m == 1) k[t[l[i].e] == '\n' ? 1 : 2]++;
    }
}

/* Length of the longest common subsequence of the two line lists (the
 * input's last line without a line end matches by its text: the writer
 * ends it when it adds lines after it). */
static size_t lcs(const char *a, const line *la, size_t na, const char *b, const line *lb, size_t nb)
{
    size_t *prev = calloc(nb + 1, sizeof *prev), *cur = calloc(nb + 1, sizeof *cur);
    if (!prev || !cur) abort();
    for (size_t i = 1; i <= na; i++) {
        int open_end = i == na && la[i - 1].e == la[i - 1].eol_end;
        for (size_t j = 1; j <= nb; j++) {
            if (same_line(a, &la[i - 1], open_end, b, &lb[j - 1]))
                cur[j] = prev[j - 1] + 1;
            else
                cur[j] = prev[j] > cur[j - 1] ? prev[j] : cur[j - 1];
        }
        size_t *t = prev;
        prev = cur;
        cur = t;
    }
    size_t r = prev[nb];
    free(prev);
    free(cur);
    return r;
}

static int ieq(const char *a, const char *b)
{
    return fuzz_ascii_casecmp(a, b) == 0;
}

static const char *const hard_values[] = {
    "cloud", "base", "https://dist.example/ok", "", "  spaced  ", "\"q\"", "'", "\t", "配信拠点", "café",
    "😀", "x\ry", "a\nb", "ソ", "〜", "\xff\xfe", "=", "[oqsdm]", ";", "\xe3\x81",
};
#define NHARD (sizeof hard_values / sizeof hard_values[0])

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024)
        return 0;
    oqsdm_ini *orig = NULL, *ini = NULL;
    if (oqsdm_ini_parse(data, size, &orig) != OQSDM_INI_OK)
        return 0;
    FUZZ_CHECK(oqsdm_ini_parse(data, size, &ini) == OQSDM_INI_OK);
    oqsdm_ini_encoding enc = oqsdm_ini_encoding_of(orig);

    /* unchanged, it writes back byte for byte */
    size_t n0;
    char *same = serialize_ok(orig, &n0);
    FUZZ_CHECK(n0 == size && memcmp(same, data, size) == 0);
    free(same);

    size_t tlen;
    char *text = text_of(data, size, &tlen);
    FUZZ_CHECK(text != NULL);
    names nm;
    collect_names(text, tlen, &nm);

    /* values: the hard list and two slices of the input */
    char *slice[2];
    for (int i = 0; i < 2; i++) {
        size_t at = size ? (size_t)data[i % size] * 7 % size : 0, len = size - at < 24 ? size - at : 24;
        slice[i] = fuzz_strndup(data + at, len);
    }

    struct { const char *sec, *key, *value; int ok; } ops[MAX_OPS];
    size_t nops = size ? (size_t)data[size - 1] % MAX_OPS + 1 : 1;
    size_t ins_min = 0, ins_max = 0, replaced = 0;
    for (size_t k = 0; k < nops; k++) {
        unsigned a = size > 1 + 3 * k ? data[size - 2 - 3 * k] : (unsigned)k;
        unsigned b = size > 2 + 3 * k ? data[size - 3 - 3 * k] : 0;
        unsigned c = size > 3 + 3 * k ? data[size - 4 - 3 * k] : 0;
        const char *sec = nm.sec[a % nm.nsec], *key = nm.key[b % nm.nkey];
        unsigned vi = c % (NHARD + 2);
        const char *val = vi < NHARD ? hard_values[vi] : slice[vi - NHARD];

        int existed = oqsdm_ini_get(ini, sec, key) != NULL;
        int had_section = oqsdm_ini_has_section(ini, sec);
        oqsdm_ini_status want;
        size_t nv = strlen(val);
        if (!valid_name(sec, 0) || !valid_name(key, 1))
            want = OQSDM_INI_BAD_NAME;
        else if (strpbrk(val, "\r\n") || !oqsdm_text_valid_utf8((const unsigned char *)val, nv))
            want = OQSDM_INI_BAD_VALUE;
        else {
            want = OQSDM_INI_OK;
            if (enc == OQSDM_INI_ENC_ANSI && !is_ascii(val)) {
                char *o = NULL;
                size_t no;
                int rc = oqsdm_plat_utf8_to_cp932(val, nv, &o, &no);
                FUZZ_CHECK(rc == 0 || rc == 1);
                free(o);
                if (rc)
                    want = OQSDM_INI_NOT_CP932;
            }
            if (want == OQSDM_INI_OK && !existed &&
                (!writable(enc, key) || (!had_section && !writable(enc, sec))))
                want = OQSDM_INI_BAD_NAME;
        }

        size_t nb;
        char *bytes_before = serialize_or_refused(ini, &nb);
        oqsdm_ini_status st = oqsdm_ini_set(ini, sec, key, val);
        if (st != want)
            fprintf(stderr, "set [%s] %s = \"%s\": status %d, want %d\n", sec, key, val, (int)st, (int)want);
        FUZZ_CHECK(st == want);
        ops[k].sec = sec;
        ops[k].key = key;
        ops[k].value = val;
        ops[k].ok = st == OQSDM_INI_OK;
        if (st != OQSDM_INI_OK) {
            size_t na;
            char *after = serialize_or_refused(ini, &na);
            FUZZ_CHECK((after == NULL) == (bytes_before == NULL) && na == nb &&
                       (!after || memcmp(after, bytes_before, na) == 0));
            free(after);
        } else {
            const char *now = oqsdm_ini_get(ini, sec, key);
            FUZZ_CHECK(now != NULL);
            if (enc == OQSDM_INI_ENC_ANSI && !is_ascii(val)) {
                char *u = NULL;
                size_t nu;
                FUZZ_CHECK(oqsdm_plat_cp932_to_utf8(now, strlen(now), &u, &nu) == 0);
                FUZZ_CHECK(strcmp(u, val) == 0);
                free(u);
            } else {
                FUZZ_CHECK(strcmp(now, val) == 0);
            }
            if (existed) {
                replaced++;
            } else {
                ins_min += had_section ? 1 : 2;
                ins_max += had_section ? 1 : 3;
            }
        }
        free(bytes_before);
    }

    size_t nout;
    unsigned char *o = NULL;
    oqsdm_ini_status sst = oqsdm_ini_serialize(ini, &o, &nout);
    if (sst == OQSDM_INI_BAD_ENCODING) {
        /* refused: it would read back as UTF-16 without BOM, or no longer
         * as it. Only bytes full of NULs come near that line. */
        FUZZ_CHECK(!o && memchr(data, '\0', size));
        free(slice[0]);
        free(slice[1]);
        free(text);
        oqsdm_ini_free(ini);
        oqsdm_ini_free(orig);
        return 0;
    }
    FUZZ_CHECK(sst == OQSDM_INI_OK && o);
    char *out = (char *)o;
    oqsdm_ini *again = NULL;
    FUZZ_CHECK(oqsdm_ini_parse((const unsigned char *)out, nout, &again) == OQSDM_INI_OK);
    oqsdm_ini_encoding e2 = oqsdm_ini_encoding_of(again);
    FUZZ_CHECK(e2 == enc || (enc == OQSDM_INI_ENC_ANSI && e2 == OQSDM_INI_ENC_UTF8));
    FUZZ_CHECK(oqsdm_ini_line_count(again) == oqsdm_ini_line_count(ini));
    size_t grown = oqsdm_ini_line_count(ini) - oqsdm_ini_line_count(orig);
    FUZZ_CHECK(oqsdm_ini_line_count(ini) >= oqsdm_ini_line_count(orig));
    FUZZ_CHECK(grown >= ins_min && grown <= ins_max);

    for (size_t s = 0; s < nm.nsec; s++)
        for (size_t k = 0; k < nm.nkey; k++) {
            const char *sec = nm.sec[s], *key = nm.key[k];
            const char *mem = oqsdm_ini_get(ini, sec, key), *re = oqsdm_ini_get(again, sec, key);
            FUZZ_CHECK((mem == NULL) == (re == NULL));
            FUZZ_CHECK(!mem || strcmp(mem, re) == 0);
            int touched = 0;
            for (size_t i = 0; i < nops; i++)
                touched |= ops[i].ok && ieq(ops[i].sec, sec) && ieq(ops[i].key, key);
            if (!touched) {
                const char *was = oqsdm_ini_get(orig, sec, key);
                FUZZ_CHECK((was == NULL) == (re == NULL));
                FUZZ_CHECK(!was || strcmp(was, re) == 0);
            }
        }

    /* the input's lines, in order, but for the replaced ones */
    size_t t2len;
    char *text2 = text_of((const uint8_t *)out, nout, &t2len);
    FUZZ_CHECK(text2 != NULL);
    size_t na, nb;
    line *la = split(text, tlen, &na), *lb = split(text2, t2len, &nb);
    FUZZ_CHECK(na == oqsdm_ini_line_count(orig) && nb == oqsdm_ini_line_count(again));
    /* added lines take the file's one style, CRLF in a file without any */
    size_t ka[3], kb[3];
    count_eols(text, la, na, ka);
    count_eols(text2, lb, nb, kb);
    int kinds = (ka[0] > 0) + (ka[1] > 0) + (ka[2] > 0);
    if (kinds == 0)
        FUZZ_CHECK(kb[1] == 0 && kb[2] == 0);
    for (int x = 0; x < 3 && kinds == 1; x++)
        if (ka[x] == 0)
            FUZZ_CHECK(kb[x] == 0);
    if (na <= MAX_LCS_LINES && nb <= MAX_LCS_LINES + 16) {
        size_t common = lcs(text, la, na, text2, lb, nb);
        FUZZ_CHECK(common + replaced >= na);
        FUZZ_CHECK(nb - common <= replaced + ins_max);
    }
    free(la);
    free(lb);
    free(text2);

    oqsdm_ini_free(again);
    free(out);
    free(slice[0]);
    free(slice[1]);
    free(text);
    oqsdm_ini_free(ini);
    oqsdm_ini_free(orig);
    return 0;
}
