/*
 * text.c: strict UTF-8 validation and UTF-16 decoding, shared by the file
 * readers (ini.c, version_file.c).
 */
#include "oqsdm/text.h"

#include <stdint.h>
#include <stdlib.h>

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
