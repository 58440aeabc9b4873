/*
 * version.h: application versions: parsing, normalising, comparing, and
 * finding one in free text.
 *
 * The guide compares the numbers in three Version.info files, a vendor
 * tool and the portal page by eye. None of their formats is published, so
 * a version here is only "dotted decimal numbers": up to
 * OQSDM_VERSION_MAX_PARTS components of at most OQSDM_VERSION_MAX_DIGITS
 * digits each (so every value, and its normalised text, has a fixed
 * bound). Comparison is numeric per component, a missing component counts
 * as 0: 1.0.10 > 1.0.9, 1.2 == 1.2.0.
 *
 * oqsdm_version_find() picks the version out of a file or a page cell and
 * would rather say "unknown" than guess. Its rules, in order:
 *  1. Labelled values win: a label, then optional separators, then a
 *     dotted number. Labels (ASCII case-insensitive): "Version", "Ver",
 *     "v", "バージョン" (katakana "version") and the same followed by
 *     "情報" ("information"). An ASCII label must start a word (not be
 *     preceded by a letter, digit or '_': "OSVersion=" is not a label).
 *     Separators, at most 16 bytes: blanks, ideographic space, '=', ':',
 *     '.', quotes and their full-width forms ("Ver.1.0", "Version: 1.0",
 *     "バージョン：1.0"); a label that is an XML element's name takes its
 *     content ("<Version>1.0</Version>").
 * XML declarations and processing instructions ("<?xml version="1.0"?>")
 * are skipped: their version is XML's.
 *  2. Otherwise a bare dotted number standing on its own.
 * In both, a number needs at least two components (a single number is
 * never taken: "Windows 10", "IPv6", "バージョン６" in the guide), and must
 * not be part of a longer token: a letter, digit, '_', '-', '/', '\\',
 * '+', '@', '#', '$', '%', '&', '~', '^', '*', their full-width forms or NUL
 * right before (bare only) or right after it, nor a dot that continues
 * into such a character, nor ':' and a digit after it, refuse it
 * ("KB5005565", "OQS-1.2.3-x", "1.0.10a", "1.0.x", "C:\\OQS\\1.0",
 * "192.168.0.1:8080"). A dot, or a digit and ':' ("12:30.5"), right
 * before a bare number refuses it too.
 * Components join with '.' or the full-width '．' and may be written
 * with full-width digits; the ideographic full stops '。' and '｡' end a
 * sentence in find() (a number running into one refuses itself) but join
 * components in oqsdm_version_parse(), whose text is known to be a version.
 * Numbers that are something else are dismissed and counted in `rejected`:
 *  - dates: yyyy.m[.d] with 1900 <= yyyy <= 2099 written in 4 digits;
 *    d.m.yyyy / m.d.yyyy; yy.mm.dd all written in 2 digits with a leading
 *    zero in the month or day ("24.06.30"); any number right after an era
 *    name (令和, 平成, 昭和). Dates written with '/' or '-'
 *    never form a dotted number; "R6.6.30" is a longer token;
 *  - Windows build numbers: 10.0.b[...] with b >= 10240 (Windows 10 and
 *    11), 6.0-6.3.b with b >= 6000 (Vista to 8.1);
 *  - IPv4 addresses, bare numbers only (a labelled 10.1.2.3 is a
 *    version): four components each 0..255 written without leading zeros
 *    whose first is 10 or >= 100 (private 10/8, 172.16/12, 192.168/16,
 *    loopback, link-local and most public ones; 1.0.10.0 stays a version,
 *    8.8.8.8 does too);
 *  - numbers over the bounds (a ninth component, a tenth digit).
 * All candidates of the winning rule must be equal (numerically: 1.0.10
 * and 1.0.10.0 agree); different ones make the result AMBIGUOUS, never
 * the first one. Labelled candidates that disagree do not fall back to
 * bare ones.
 */
#ifndef OQSDM_VERSION_H
#define OQSDM_VERSION_H

#include <stddef.h>
#include <stdint.h>

#define OQSDM_VERSION_MAX_PARTS 8
#define OQSDM_VERSION_MAX_DIGITS 9      /* per component, leading zeros included */
/* Normalised text: 8 x 9 digits, 7 dots, NUL. */
#define OQSDM_VERSION_TEXT_MAX 80
/* The raw span of a version in UTF-8 text: 8 x 9 full-width digits and 7
 * full-width dots (3 bytes each), NUL. */
#define OQSDM_VERSION_RAW_MAX 240

typedef struct oqsdm_version {
    unsigned nparts;                          /* 1..OQSDM_VERSION_MAX_PARTS */
    uint32_t part[OQSDM_VERSION_MAX_PARTS];   /* each <= 999999999 */
} oqsdm_version;

typedef enum oqsdm_version_status {
    OQSDM_VERSION_OK = 0,
    OQSDM_VERSION_E_EMPTY = 1,          /* nothing but blanks */
    OQSDM_VERSION_E_SYNTAX = 2,         /* not digits joined by single dots */
    OQSDM_VERSION_E_TOO_MANY_PARTS = 3, /* more than OQSDM_VERSION_MAX_PARTS */
    OQSDM_VERSION_E_PART_TOO_LONG = 4   /* a component of more than OQSDM_VERSION_MAX_DIGITS */
} oqsdm_version_status;

/* Parses `len` bytes of UTF-8 that are known to be a version: ASCII or
 * full-width digits, joined by '.', '．', '。' or '｡'; blanks (ASCII and
 * the ideographic space) around it are ignored. *out is zeroed on error. */
oqsdm_version_status oqsdm_version_parse(const char *text, size_t len, oqsdm_version *out);

/* The normalised ASCII form ("1.0.10": no leading zeros, components as
 * many as written). 0 on success, -1 if it does not fit in `size` (never
 * with size >= OQSDM_VERSION_TEXT_MAX). */
int oqsdm_version_format(const oqsdm_version *v, char *out, size_t size);

/* -1, 0 or 1 as a is older than, equal to or newer than b, numerically per
 * component, missing components counting as 0. */
int oqsdm_version_compare(const oqsdm_version *a, const oqsdm_version *b);

typedef enum oqsdm_version_rule {
    OQSDM_VERSION_RULE_NONE = 0,
    OQSDM_VERSION_RULE_LABELLED = 1,
    OQSDM_VERSION_RULE_BARE = 2
} oqsdm_version_rule;

typedef enum oqsdm_version_find_status {
    OQSDM_VERSION_FOUND = 0,
    OQSDM_VERSION_NONE = 1,       /* no candidate at all */
    OQSDM_VERSION_AMBIGUOUS = 2   /* candidates of the winning rule disagree */
} oqsdm_version_find_status;

typedef struct oqsdm_version_match {
    oqsdm_version version;      /* FOUND: the version; AMBIGUOUS: the first candidate */
    oqsdm_version_rule rule;    /* which rule the candidates came from */
    size_t raw_off, raw_len;    /* the number as written, in the input */
    size_t label_off;           /* where its label starts (raw_off when bare) */
    size_t other_off, other_len;/* AMBIGUOUS: the first candidate that disagrees */
    unsigned candidates;        /* candidates of the winning rule */
    unsigned rejected;          /* numbers dismissed as dates, builds, addresses, too long */
} oqsdm_version_match;

/* Finds the version in `len` bytes of UTF-8 text (any bytes are safe;
 * spans always lie inside the input). *out is filled in every case. */
oqsdm_version_find_status oqsdm_version_find(const char *text, size_t len, oqsdm_version_match *out);

/* Stable names for JSON and logs: "labelled", "bare", "none". */
const char *oqsdm_version_rule_name(oqsdm_version_rule rule);

#endif
