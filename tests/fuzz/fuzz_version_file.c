/*
 * fuzz_version_file.c: libFuzzer target for the Version.info reader
 * (src/core/version_file.c): oqsdm_version_file_from_bytes on the input as
 * a whole file (any encoding, BOM or none), and for one input in four the
 * same bytes written to a real file (one temporary folder per process, in
 * /dev/shm when there is one) and read with oqsdm_version_file_read.
 *
 * Invariants asserted (besides ASan/UBSan finding nothing):
 *  - TOO_LARGE exactly above OQSDM_VERSION_FILE_MAX; never MISSING or IO
 *    from bytes; the status and the reason agree (FOUND with no reason,
 *    UNKNOWN with one);
 *  - the encoding reported matches the BOM; without one it is UTF-16 LE
 *    or BE exactly when the NULs say so (the reader's rule, restated in
 *    utf16_without_bom), never UTF-8 with BOM; every string is terminated;
 *  - FOUND: the normalised text parses to the version reported, and so
 *    does the raw text; AMBIGUOUS: raw and raw_other are different
 *    versions; otherwise both are empty;
 *  - the same text gives the same result whatever its encoding: a valid
 *    UTF-8 input without NULs equals its UTF-16 LE and UTF-16 BE
 *    transcodings with BOM and itself behind a UTF-8 BOM, when those fit
 *    the bound;
 *  - the file reader agrees with the in-memory reader.
 */
#define _POSIX_C_SOURCE 200809L
#include "fuzz_common.h"
#include "oqsdm/text.h"
#include "oqsdm/version_file.h"

#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);

static const char *g_path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    g_path = fuzz_scratch_file("version-file", "Version.Info");
    return 0;
}


/* Valid UTF-8 to UTF-16 with a BOM, in a malloc'd block of exactly *out_len bytes. */
static uint8_t *to_utf16(const uint8_t *s, size_t n, int be, size_t *out_len)
{
    uint8_t *o = malloc(2 + n * 2 + 2);
    if (!o) abort();
    size_t k = 0;
    o[k++] = be ? 0xFE : 0xFF;
    o[k++] = be ? 0xFF : 0xFE;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        if (s[i] < 0x80) { cp = s[i]; i += 1; }
        else if ((s[i] & 0xE0) == 0xC0) { cp = (uint32_t)(s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F); i += 2; }
        else if ((s[i] & 0xF0) == 0xE0) {
            cp = (uint32_t)(s[i] & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
            i += 3;
        } else {
            cp = (uint32_t)(s[i] & 0x07) << 18 | (uint32_t)(s[i + 1] & 0x3F) << 12 |
                 (uint32_t)(s[i + 2] & 0x3F) << 6 | (s[i + 3] & 0x3F);
            i += 4;
        }
        uint16_t u[2];
        int m = 1;
        if (cp >= 0x10000) {
            u[0] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
            u[1] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
            m = 2;
        } else {
            u[0] = (uint16_t)cp;
        }
        for (int j = 0; j < m; j++) {
            o[k++] = (uint8_t)(be ? u[j] >> 8 : u[j] & 0xFF);
            o[k++] = (uint8_t)(be ? u[j] & 0xFF : u[j] >> 8);
        }
    }
    uint8_t *exact = malloc(k ? k : 1);
    if (!exact) abort();
    memcpy(exact, o, k);
    free(o);
    *out_len = k;
    return exact;
}

/* The reader's rule for UTF-16 without BOM, restated: an even length of
 * at least 4 bytes not starting EF BB, a NUL before the NULs at the end
 * (those alone are a terminator), at least half the units with a NUL on
 * one side and none with a NUL only on the other. 1 LE, 2 BE, 0 not. */
static int utf16_without_bom(const uint8_t *d, size_t n)
{
    size_t body = n;
    while (body > 0 && d[body - 1] == 0)
        body--;
    if (n < 4 || n % 2 || (d[0] == 0xEF && d[1] == 0xBB) || !memchr(d, 0, body))
        return 0;
    size_t lo = 0, hi = 0;
    for (size_t i = 0; i < n; i += 2) {
        hi += d[i] == 0 && d[i + 1] != 0;
        lo += d[i + 1] == 0 && d[i] != 0;
    }
    if (hi == 0 && lo * 2 >= n / 2)
        return 1;
    if (lo == 0 && hi * 2 >= n / 2)
        return 2;
    return 0;
}

static void check_one(const uint8_t *d, size_t n, const oqsdm_version_file *r)
{
    FUZZ_CHECK(fuzz_terminated(r->normalised, sizeof r->normalised));
    FUZZ_CHECK(fuzz_terminated(r->raw, sizeof r->raw));
    FUZZ_CHECK(fuzz_terminated(r->raw_other, sizeof r->raw_other));
    FUZZ_CHECK((r->reason == OQSDM_VFILE_R_TOO_LARGE) == (n > OQSDM_VERSION_FILE_MAX));
    FUZZ_CHECK(r->status == OQSDM_VFILE_FOUND || r->status == OQSDM_VFILE_UNKNOWN);
    FUZZ_CHECK((r->status == OQSDM_VFILE_FOUND) == (r->reason == OQSDM_VFILE_R_NONE));
    FUZZ_CHECK(r->reason != OQSDM_VFILE_R_IO);
    if (n <= OQSDM_VERSION_FILE_MAX && r->reason != OQSDM_VFILE_R_NOMEM) {
        if (n >= 2 && d[0] == 0xFF && d[1] == 0xFE)
            FUZZ_CHECK(r->encoding == OQSDM_VFILE_ENC_UTF16LE);
        else if (n >= 2 && d[0] == 0xFE && d[1] == 0xFF)
            FUZZ_CHECK(r->encoding == OQSDM_VFILE_ENC_UTF16BE);
        else if (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
            FUZZ_CHECK(r->encoding == OQSDM_VFILE_ENC_UTF8_BOM);
        else if (r->encoding == OQSDM_VFILE_ENC_UTF16LE || r->encoding == OQSDM_VFILE_ENC_UTF16BE)
            FUZZ_CHECK(utf16_without_bom(d, n) == (r->encoding == OQSDM_VFILE_ENC_UTF16BE ? 2 : 1));
        else
            FUZZ_CHECK(r->encoding != OQSDM_VFILE_ENC_UTF8_BOM && utf16_without_bom(d, n) == 0);
    }
    oqsdm_version v;
    if (r->status == OQSDM_VFILE_FOUND) {
        FUZZ_CHECK(r->rule != OQSDM_VERSION_RULE_NONE);
        FUZZ_CHECK(oqsdm_version_parse(r->normalised, strlen(r->normalised), &v) == OQSDM_VERSION_OK);
        FUZZ_CHECK(oqsdm_version_compare(&v, &r->version) == 0 && v.nparts == r->version.nparts);
        FUZZ_CHECK(oqsdm_version_parse(r->raw, strlen(r->raw), &v) == OQSDM_VERSION_OK);
        FUZZ_CHECK(oqsdm_version_compare(&v, &r->version) == 0);
        FUZZ_CHECK(r->raw_other[0] == '\0');
    } else if (r->reason == OQSDM_VFILE_R_AMBIGUOUS) {
        oqsdm_version w;
        FUZZ_CHECK(oqsdm_version_parse(r->raw, strlen(r->raw), &v) == OQSDM_VERSION_OK);
        FUZZ_CHECK(oqsdm_version_parse(r->raw_other, strlen(r->raw_other), &w) == OQSDM_VERSION_OK);
        FUZZ_CHECK(oqsdm_version_compare(&v, &w) != 0);
        FUZZ_CHECK(r->normalised[0] == '\0');
    } else {
        FUZZ_CHECK(r->normalised[0] == '\0' && r->raw[0] == '\0' && r->raw_other[0] == '\0');
    }
}

static int same(const oqsdm_version_file *a, const oqsdm_version_file *b)
{
    return a->status == b->status && a->reason == b->reason && a->rule == b->rule &&
           strcmp(a->normalised, b->normalised) == 0 && strcmp(a->raw, b->raw) == 0 &&
           strcmp(a->raw_other, b->raw_other) == 0;
}

/* Reads `n` bytes at d through from_bytes, in an exactly sized copy. */
static void from_copy(const uint8_t *d, size_t n, oqsdm_version_file *r)
{
    uint8_t *c = malloc(n ? n : 1);
    if (!c) abort();
    if (n) memcpy(c, d, n);
    oqsdm_version_file_from_bytes(c, n, r);
    free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    oqsdm_version_file *r = malloc(sizeof *r), *t = malloc(sizeof *t);
    if (!r || !t) abort();
    from_copy(data, size, r);
    check_one(data, size, r);

    int has_bom = size >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF) ||
                                (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF));
    if (!has_bom && oqsdm_text_valid_utf8(data, size) && !memchr(data, 0, size)) {
        for (int be = 0; be <= 1; be++) {
            size_t n16;
            uint8_t *u16 = to_utf16(data, size, be, &n16);
            if (n16 <= OQSDM_VERSION_FILE_MAX) {
                oqsdm_version_file_from_bytes(u16, n16, t);
                check_one(u16, n16, t);
                FUZZ_CHECK(same(r, t));
            }
            free(u16);
        }
        if (size + 3 <= OQSDM_VERSION_FILE_MAX) {
            uint8_t *b = malloc(size + 3);
            if (!b) abort();
            memcpy(b, "\xEF\xBB\xBF", 3);
            if (size) memcpy(b + 3, data, size);
            oqsdm_version_file_from_bytes(b, size + 3, t);
            FUZZ_CHECK(same(r, t) && t->encoding == OQSDM_VFILE_ENC_UTF8_BOM);
            free(b);
        }
    }

    if (size % 4 == 0) {
        FILE *f = fopen(g_path, "wb");
        if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
            perror(g_path);
            abort();
        }
        oqsdm_version_file_read(g_path, t);
        FUZZ_CHECK(same(r, t) && t->encoding == r->encoding);
    }
    free(t);
    free(r);
    return 0;
}
