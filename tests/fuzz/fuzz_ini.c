/*
 * fuzz_ini.c: libFuzzer target for the INI reader (src/core/ini.c):
 * oqsdm_ini_parse on the raw bytes of a file (UTF-8, UTF-8 BOM, UTF-16
 * LE/BE BOM, CP932 or anything else), then oqsdm_ini_get and
 * oqsdm_ini_has_section for the section and key names found in the input
 * plus oqsdm's own ([oqsdm] ServerUrl, ...).
 *
 * Invariants asserted (besides ASan/UBSan finding nothing):
 *  - the status fits the input: TOO_LARGE only above OQSDM_INI_MAX_BYTES,
 *    BAD_ENCODING only for UTF-16 (a BOM, or none and the NULs standing on
 *    one side, oqsdm_text_utf16_without_bom); the encoding reported matches
 *    the BOM or that finding; the line count is at most the number of bytes;
 *  - every value returned is NUL-terminated, holds no CR or LF, and has no
 *    leading or trailing blank unless the input has a quote character or a
 *    NUL (only quotes keep blanks; a NUL ends the C string early);
 *  - a value found implies its section exists; the same section and key
 *    looked up in another ASCII letter case give the same pointer, and
 *    has_section ignores case too;
 *  - the same text gives the same lookups whatever its encoding: a UTF-16
 *    LE file (BOM or none) equals its byte-swapped UTF-16 BE twin, a UTF-8 BOM file equals
 *    the file without the BOM, and a valid UTF-8 file equals its UTF-16 LE
 *    transcoding (so the UTF-8 check and the UTF-16 decoder agree).
 */
#include "fuzz_common.h"
#include "fuzz_ini_names.h"
#include "oqsdm/ini.h"
#include "oqsdm/text.h"

typedef fuzz_ini_names names;

/* Section and key names from an ASCII view of the text. */
static void collect_names(const uint8_t *d, size_t n, names *out)
{
    char *v = malloc(n + 1);
    if (!v) abort();
    size_t m = 0, i = 0;
    int nobom = oqsdm_text_utf16_without_bom(d, n);
    if ((n >= 2 && d[0] == 0xFF && d[1] == 0xFE) || nobom == 1) {
        for (i = nobom ? 0 : 2; i + 1 < n; i += 2) v[m++] = d[i + 1] ? '?' : (char)d[i];
    } else if ((n >= 2 && d[0] == 0xFE && d[1] == 0xFF) || nobom == 2) {
        for (i = nobom ? 0 : 2; i + 1 < n; i += 2) v[m++] = d[i] ? '?' : (char)d[i + 1];
    } else {
        i = (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) ? 3 : 0;
        for (; i < n; i++) v[m++] = (char)d[i];
    }
    fuzz_ini_scan(v, m, out);
    free(v);
    fuzz_ini_extra(out->sec, &out->nsec, "oqsdm");
    fuzz_ini_extra(out->sec, &out->nsec, "");
    fuzz_ini_extra(out->key, &out->nkey, "ServerUrl");
    fuzz_ini_extra(out->key, &out->nkey, "");
}

static void check_lookups(const oqsdm_ini *ini, const names *nm, int may_keep_blanks)
{
    for (size_t s = 0; s < nm->nsec; s++) {
        const char *sec = nm->sec[s];
        char *fsec = fuzz_flip_case(sec);
        int has = oqsdm_ini_has_section(ini, sec);
        FUZZ_CHECK(has == 0 || has == 1);
        FUZZ_CHECK(oqsdm_ini_has_section(ini, fsec) == has);
        for (size_t k = 0; k < nm->nkey; k++) {
            const char *key = nm->key[k];
            const char *v = oqsdm_ini_get(ini, sec, key);
            char *fkey = fuzz_flip_case(key);
            FUZZ_CHECK(oqsdm_ini_get(ini, fsec, fkey) == v);
            free(fkey);
            if (!v)
                continue;
            FUZZ_CHECK(has);
            size_t len = strlen(v);
            FUZZ_CHECK(!memchr(v, '\r', len) && !memchr(v, '\n', len));
            if (len && (fuzz_ini_blank(v[0]) || fuzz_ini_blank(v[len - 1])))
                FUZZ_CHECK(may_keep_blanks);
        }
        free(fsec);
    }
}

/* The same lookups in two parses of the same text. */
static void check_same(const oqsdm_ini *a, const oqsdm_ini *b, const names *nm)
{
    FUZZ_CHECK(oqsdm_ini_line_count(a) == oqsdm_ini_line_count(b));
    FUZZ_CHECK(oqsdm_ini_uses_crlf(a) == oqsdm_ini_uses_crlf(b));
    for (size_t s = 0; s < nm->nsec; s++) {
        FUZZ_CHECK(oqsdm_ini_has_section(a, nm->sec[s]) == oqsdm_ini_has_section(b, nm->sec[s]));
        for (size_t k = 0; k < nm->nkey; k++) {
            const char *va = oqsdm_ini_get(a, nm->sec[s], nm->key[k]);
            const char *vb = oqsdm_ini_get(b, nm->sec[s], nm->key[k]);
            FUZZ_CHECK((va == NULL) == (vb == NULL));
            FUZZ_CHECK(!va || strcmp(va, vb) == 0);
        }
    }
}

/* Strict UTF-8 to UTF-16 LE with BOM; NULL if the bytes are not UTF-8. */
static uint8_t *utf8_to_utf16le(const uint8_t *s, size_t n, size_t *out_len)
{
    uint8_t *o = malloc(2 + 2 * 2 * n + 2);
    if (!o) abort();
    size_t m = 0;
    o[m++] = 0xFF;
    o[m++] = 0xFE;
    for (size_t i = 0; i < n;) {
        uint32_t c = s[i], cp, min;
        size_t k;
        if (c < 0x80) { cp = c; k = 0; min = 0; }
        else if (c >= 0xC2 && c <= 0xDF) { cp = c & 0x1F; k = 1; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { cp = c & 0x0F; k = 2; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { cp = c & 0x07; k = 3; min = 0x10000; }
        else { free(o); return NULL; }
        if (n - i <= k) { free(o); return NULL; }
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80) { free(o); return NULL; }
            cp = cp << 6 | (s[i + j] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { free(o); return NULL; }
        i += k + 1;
        if (cp >= 0x10000) {
            uint32_t v = cp - 0x10000, hi = 0xD800 | v >> 10, lo = 0xDC00 | (v & 0x3FF);
            o[m++] = (uint8_t)hi; o[m++] = (uint8_t)(hi >> 8);
            o[m++] = (uint8_t)lo; o[m++] = (uint8_t)(lo >> 8);
        } else {
            o[m++] = (uint8_t)cp; o[m++] = (uint8_t)(cp >> 8);
        }
    }
    *out_len = m;
    return o;
}

static oqsdm_ini *parse_ok(const uint8_t *d, size_t n)
{
    uint8_t *copy = malloc(n ? n : 1);
    if (!copy) abort();
    if (n) memcpy(copy, d, n);
    oqsdm_ini *ini = NULL;
    oqsdm_ini_status st = oqsdm_ini_parse(copy, n, &ini);
    free(copy);
    FUZZ_CHECK(st == OQSDM_INI_OK && ini);
    return ini;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    oqsdm_ini *ini = (oqsdm_ini *)1;
    oqsdm_ini_status st = oqsdm_ini_parse(data, size, &ini);
    int le = size >= 2 && data[0] == 0xFF && data[1] == 0xFE;
    int be = size >= 2 && data[0] == 0xFE && data[1] == 0xFF;
    int u8bom = !le && !be && size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF;
    /* UTF-16 without BOM, found from where its NULs stand (text.h) */
    int nobom = !le && !be && !u8bom ? oqsdm_text_utf16_without_bom(data, size) : 0;
    int utf16 = le || be || nobom;

    if (size > OQSDM_INI_MAX_BYTES) {
        FUZZ_CHECK(st == OQSDM_INI_TOO_LARGE && !ini);
        return 0;
    }
    FUZZ_CHECK(st == OQSDM_INI_OK || st == OQSDM_INI_BAD_ENCODING);
    if (st != OQSDM_INI_OK) {
        FUZZ_CHECK(utf16 && !ini);
        return 0;
    }
    FUZZ_CHECK(ini != NULL);

    oqsdm_ini_encoding enc = oqsdm_ini_encoding_of(ini);
    if (le) FUZZ_CHECK(enc == OQSDM_INI_ENC_UTF16LE);
    else if (be) FUZZ_CHECK(enc == OQSDM_INI_ENC_UTF16BE);
    else if (u8bom) FUZZ_CHECK(enc == OQSDM_INI_ENC_UTF8_BOM);
    else if (nobom) FUZZ_CHECK(enc == (nobom == 2 ? OQSDM_INI_ENC_UTF16BE : OQSDM_INI_ENC_UTF16LE));
    else FUZZ_CHECK(enc == OQSDM_INI_ENC_UTF8 || enc == OQSDM_INI_ENC_ANSI);
    FUZZ_CHECK(oqsdm_ini_line_count(ini) <= size);
    if (!utf16 && size > (size_t)(u8bom ? 3 : 0))
        FUZZ_CHECK(oqsdm_ini_line_count(ini) >= 1);
    int crlf = oqsdm_ini_uses_crlf(ini);
    FUZZ_CHECK(crlf == 0 || crlf == 1);

    names nm;
    collect_names(data, size, &nm);
    /* only quotes keep blanks at the ends of a value, or a NUL inside it
     * (the C string ends there, before the trimmed end) */
    int may_keep_blanks = memchr(data, '"', size) || memchr(data, '\'', size);
    if (utf16) {
        for (size_t i = nobom ? 0 : 2; i + 1 < size && !may_keep_blanks; i += 2)
            may_keep_blanks = data[i] == 0 && data[i + 1] == 0;
    } else {
        may_keep_blanks |= memchr(data, '\0', size) != NULL;
    }
    check_lookups(ini, &nm, may_keep_blanks);

    if (le || nobom == 1) {
        /* the byte-swapped twin reads the same (without BOM too: the NULs
         * change sides with the bytes) */
        uint8_t *sw = malloc(size);
        if (!sw) abort();
        memcpy(sw, data, size);
        for (size_t i = 0; i + 1 < size; i += 2) {
            uint8_t t = sw[i];
            sw[i] = sw[i + 1];
            sw[i + 1] = t;
        }
        oqsdm_ini *twin = parse_ok(sw, size);
        free(sw);
        FUZZ_CHECK(oqsdm_ini_encoding_of(twin) == OQSDM_INI_ENC_UTF16BE);
        check_same(ini, twin, &nm);
        oqsdm_ini_free(twin);
    } else if (u8bom && !(size >= 5 && ((data[3] == 0xFF && data[4] == 0xFE) ||
                                        (data[3] == 0xFE && data[4] == 0xFF))) &&
               !oqsdm_text_utf16_without_bom(data + 3, size - 3)) {
        /* without the BOM: the same text (unless what is left has a UTF-16
         * BOM or reads as UTF-16 without one: then it is another text) */
        oqsdm_ini *twin = parse_ok(data + 3, size - 3);
        oqsdm_ini_encoding e2 = oqsdm_ini_encoding_of(twin);
        FUZZ_CHECK(e2 == OQSDM_INI_ENC_UTF8 || e2 == OQSDM_INI_ENC_UTF8_BOM ||
                   e2 == OQSDM_INI_ENC_ANSI);
        if (e2 != OQSDM_INI_ENC_UTF8_BOM)   /* a second BOM is text the first time */
            check_same(ini, twin, &nm);
        oqsdm_ini_free(twin);
    } else if (enc == OQSDM_INI_ENC_UTF8 && size <= OQSDM_INI_MAX_BYTES / 4) {
        /* valid UTF-8 reads the same once transcoded to UTF-16 LE */
        size_t n16 = 0;
        uint8_t *u16 = utf8_to_utf16le(data, size, &n16);
        FUZZ_CHECK(u16 != NULL);    /* the parser called it UTF-8: so must a strict decoder */
        oqsdm_ini *twin = parse_ok(u16, n16);
        free(u16);
        check_same(ini, twin, &nm);
        oqsdm_ini_free(twin);
    } else if (enc == OQSDM_INI_ENC_ANSI) {
        FUZZ_CHECK(utf8_to_utf16le(data, size, &(size_t){0}) == NULL);
    }

    oqsdm_ini_free(ini);
    return 0;
}
