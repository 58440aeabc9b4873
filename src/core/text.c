/*
 * text.c: strict UTF-8 validation and UTF-16 decoding, shared by the file
 * readers (ini.c, version_file.c), and the lenient decoding and folding
 * that matching names in what people typed needs (portal.c, the
 * DisplayName matcher).
 */
#include "oqsdm/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int oqsdm_text_valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t k;
        uint32_t cp;
        if (c < 0x80) { i++; continue; }
        else if ((c & 0xE0) == 0xC0) { k = 1; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { k = 2; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { k = 3; cp = c & 0x07; }
        else return 0;
        if (k >= n - i) return 0;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + j] & 0x3F);
        }
        if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += k + 1;
    }
    return 1;
}

static uint32_t unit16(const unsigned char *p, int big_endian)
{
    return big_endian ? (uint32_t)(p[0] << 8 | p[1]) : (uint32_t)(p[1] << 8 | p[0]);
}

/* UTF-16 code units (no BOM) to NUL-terminated UTF-8. */
oqsdm_text_status oqsdm_text_utf16_to_utf8(const unsigned char *p, size_t n, int big_endian,
                                           char **out, size_t *out_len)
{
    *out = NULL;
    if (n % 2)
        return OQSDM_TEXT_BAD;
    char *o = malloc(n / 2 * 3 + 1);
    if (!o)
        return OQSDM_TEXT_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n; i += 2) {
        uint32_t u = unit16(p + i, big_endian);
        if (u >= 0xD800 && u <= 0xDBFF) {
            uint32_t lo = i + 3 < n ? unit16(p + i + 2, big_endian) : 0;
            if (lo < 0xDC00 || lo > 0xDFFF) {
                free(o);
                return OQSDM_TEXT_BAD;
            }
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            i += 2;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            free(o);
            return OQSDM_TEXT_BAD;
        }
        if (u < 0x80) {
            o[k++] = (char)u;
        } else if (u < 0x800) {
            o[k++] = (char)(0xC0 | u >> 6);
            o[k++] = (char)(0x80 | (u & 0x3F));
        } else if (u < 0x10000) {
            o[k++] = (char)(0xE0 | u >> 12);
            o[k++] = (char)(0x80 | (u >> 6 & 0x3F));
            o[k++] = (char)(0x80 | (u & 0x3F));
        } else {
            o[k++] = (char)(0xF0 | u >> 18);
            o[k++] = (char)(0x80 | (u >> 12 & 0x3F));
            o[k++] = (char)(0x80 | (u >> 6 & 0x3F));
            o[k++] = (char)(0x80 | (u & 0x3F));
        }
    }
    o[k] = '\0';
    *out = o;
    *out_len = k;
    return OQSDM_TEXT_OK;
}

/* UTF-16 without BOM (some tools write it so, and Notepad still shows it):
 * 0 when not, 1 little endian, 2 big endian. The ASCII of the text (the
 * section and key names, '=', the line ends) gives a NUL on one side of
 * its pairs; UTF-8 and CP932 text holds NUL bytes only by accident, never
 * in every fourth byte. Japanese characters like U+4E00 put a NUL on the
 * other side, so a few there are allowed. Read as bytes instead, such a
 * file is not found to hold [oqsdm], and a key added to it would be
 * written in UTF-8 into the middle of UTF-16. */
int oqsdm_text_utf16_without_bom(const unsigned char *d, size_t n)
{
    if (n < 4 || n % 2)
        return 0;
    size_t zero_even = 0, zero_odd = 0, units = n / 2;
    for (size_t i = 0; i < n; i += 2) {
        zero_even += d[i] == 0 && d[i + 1] != 0;
        zero_odd += d[i + 1] == 0 && d[i] != 0;
    }
    if (d[0] != 0 && d[1] == 0 && zero_odd * 4 >= units && zero_even * 4 <= zero_odd)
        return 1;
    if (d[0] == 0 && d[1] != 0 && zero_even * 4 >= units && zero_odd * 4 <= zero_even)
        return 2;
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Matching                                                               */

/* One UTF-8 character; a bad byte reads as U+FFFD of length 1. libxml2
 * hands out valid UTF-8, this is only defence. */
size_t oqsdm_text_u8_next(const unsigned char *s, size_t n, size_t i, unsigned *cp)
{
    unsigned c = s[i];
    size_t len;
    if (c < 0x80) { *cp = c; return 1; }
    else if (c >= 0xC2 && c <= 0xDF) { len = 2; c &= 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; c &= 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; c &= 0x07; }
    else { *cp = 0xFFFD; return 1; }
    if (i + len > n) { *cp = 0xFFFD; return 1; }
    for (size_t k = 1; k < len; k++) {
        if ((s[i + k] & 0xC0) != 0x80) { *cp = 0xFFFD; return 1; }
        c = (c << 6) | (s[i + k] & 0x3F);
    }
    *cp = c;
    return len;
}

char *oqsdm_text_ascii_lower(char *s)
{
    for (char *p = s; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p + 32);
    return s;
}

/* Whitespace a browser shows as a space (collapsed), and Unicode's others. */
int oqsdm_text_is_space(unsigned c)
{
    return c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C || c == 0x0B ||
           c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Invisible: dropped from texts altogether. */
int oqsdm_text_is_zero_width(unsigned c)
{
    return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0xAD;
}

/* Half-width katakana U+FF61..U+FF9F to their ordinary forms. */
static const unsigned short halfkana[63] = {
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9,
    0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB,
    0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1,
    0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5,
    0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9,
    0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3, 0x3099, 0x309A};

/* Folds one character for matching; 0, 1 or 2 code points come out. */
int oqsdm_text_fold_cp(unsigned c, unsigned out[2])
{
    if (oqsdm_text_is_space(c) || oqsdm_text_is_zero_width(c))
        return 0;
    if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
    else if (c >= 0xFF61 && c <= 0xFF9F)
        c = halfkana[c - 0xFF61];
    if (c >= 'A' && c <= 'Z')
        c += 32;
    if (c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x30FC)
        c = 0x30FC;
    else if (c == 0x309B)
        c = 0x3099;
    else if (c == 0x309C)
        c = 0x309A;
    unsigned base = 0, mark = 0x3099;
    if (c >= 0x30AC && c <= 0x30C2 && c % 2 == 0)
        base = c - 1;
    else if (c == 0x30C5 || c == 0x30C7 || c == 0x30C9)
        base = c - 1;
    else if (c >= 0x30D0 && c <= 0x30DD && (c - 0x30CF) % 3 != 0) {
        unsigned r = (c - 0x30CF) % 3;
        base = c - r;
        mark = r == 1 ? 0x3099 : 0x309A;
    } else if (c == 0x30F4)
        base = 0x30A6;
    else if (c >= 0x30F7 && c <= 0x30FA)
        base = c - 8;
    if (base) {
        out[0] = base;
        out[1] = mark;
        return 2;
    }
    out[0] = c;
    return 1;
}

int oqsdm_text_fold(const char *s, size_t n, unsigned *out, size_t max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, k = 0;
    while (i < n) {
        unsigned cp, f[2];
        i += oqsdm_text_u8_next(p, n, i, &cp);
        int m = oqsdm_text_fold_cp(cp, f);
        for (int j = 0; j < m; j++) {
            if (k == max)
                return -1;
            out[k++] = f[j];
        }
    }
    return (int)k;
}

int oqsdm_text_fold_contains(const char *hay, const char *needle)
{
    enum { MAX = 512 };
    unsigned h[MAX], w[MAX];
    int nh = oqsdm_text_fold(hay, strlen(hay), h, MAX);
    int nw = oqsdm_text_fold(needle, strlen(needle), w, MAX);
    if (nh < 0 || nw <= 0)
        return 0;
    for (int i = 0; i + nw <= nh; i++)
        if (memcmp(h + i, w, (size_t)nw * sizeof w[0]) == 0)
            return 1;
    return 0;
}
