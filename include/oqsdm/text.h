/*
 * text.h: the two text checks every file reader needs (INI, Version.info):
 * is it valid UTF-8, and UTF-16 to UTF-8. Strict: a broken sequence is an
 * error, never repaired, so a reader can say "bad encoding" instead of
 * guessing.
 */
#ifndef OQSDM_TEXT_H
#define OQSDM_TEXT_H

#include <stddef.h>

typedef enum oqsdm_text_status {
    OQSDM_TEXT_OK = 0,
    OQSDM_TEXT_NOMEM,
    OQSDM_TEXT_BAD      /* odd length, lone or broken surrogates */
} oqsdm_text_status;

/* 1 if s[0..n) is valid UTF-8 (no overlongs, surrogates or > U+10FFFF). */
int oqsdm_text_valid_utf8(const unsigned char *s, size_t n);

/* UTF-16 code units without BOM to malloc'd, NUL-terminated UTF-8. */
oqsdm_text_status oqsdm_text_utf16_to_utf8(const unsigned char *p, size_t n, int big_endian,
                                           char **out, size_t *out_len);

#endif
