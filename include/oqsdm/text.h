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

/* A..Z to a..z in place, other bytes untouched; returns s. Ids typed by
 * hand (BASE, NTT-EAST) are kept in the data file's lower case. */
char *oqsdm_text_ascii_lower(char *s);

/* 1 if s[0..n) is valid UTF-8 (no overlongs, surrogates or > U+10FFFF). */
int oqsdm_text_valid_utf8(const unsigned char *s, size_t n);

/* UTF-16 code units without BOM to malloc'd, NUL-terminated UTF-8. */
oqsdm_text_status oqsdm_text_utf16_to_utf8(const unsigned char *p, size_t n, int big_endian,
                                           char **out, size_t *out_len);

/* UTF-16 text without a BOM: 0 when not, 1 little endian, 2 big endian
 * (a heuristic on where the NUL bytes stand). */
int oqsdm_text_utf16_without_bom(const unsigned char *d, size_t n);

/* --- matching what people typed (lenient, never fails) --- */

/* One UTF-8 character at s[i] (i < n): its code point in *cp and its
 * length; a bad or cut byte reads as U+FFFD of length 1. */
size_t oqsdm_text_u8_next(const unsigned char *s, size_t n, size_t i, unsigned *cp);

/* Whitespace a browser shows as a space, and Unicode's other spaces. */
int oqsdm_text_is_space(unsigned cp);

/* Invisible characters (zero-width spaces and joiners, BOM, soft hyphen). */
int oqsdm_text_is_zero_width(unsigned cp);

/* Folds one character for matching: whitespace and invisible characters
 * vanish (0 out), full-width ASCII and half-width katakana become
 * ordinary, ASCII is lower-cased, dashes and the long vowel mark become
 * one, voiced katakana split into base and mark (2 out). */
int oqsdm_text_fold_cp(unsigned cp, unsigned out[2]);

/* Folds n bytes of UTF-8 into out (at most max code points): the count,
 * or -1 when it does not fit. */
int oqsdm_text_fold(const char *s, size_t n, unsigned *out, size_t max);

/* 1 if the folded `needle` (non-empty) occurs in the folded `hay`; both
 * NUL-terminated UTF-8 of at most 512 folded characters (longer: 0). */
int oqsdm_text_fold_contains(const char *hay, const char *needle);

#endif
