/*
 * version.c: dotted-decimal versions, and the rules that find one in text
 * (why the rules are what they are is written in version.h).
 *
 * Everything works on bytes of UTF-8 with explicit lengths, so any input
 * (a damaged file, a fuzzer's bytes) is safe. The only non-ASCII
 * characters the rules know are matched as exact byte sequences: the
 * full-width forms U+FF01..U+FF5E, which fold to the ASCII character they
 * stand for (so full-width digits, dots, letters and colons need no rules
 * of their own), the ideographic space and full stops, the katakana label
 * and the era names.
 * Nothing else needs decoding, and no rule starts on a continuation byte.
 */
#include "oqsdm/version.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* Katakana "baajon" (version), kanji "jouhou" (information), and the era
 * names Reiwa, Heisei, Showa in kanji. */
static const char KANA_VERSION[] = "\xe3\x83\x90\xe3\x83\xbc\xe3\x82\xb8\xe3\x83\xa7\xe3\x83\xb3";
static const char KANJI_INFO[] = "\xe6\x83\x85\xe5\xa0\xb1";
static const char *const ERA_NAMES[] = {
    "\xe4\xbb\xa4\xe5\x92\x8c", "\xe5\xb9\xb3\xe6\x88\x90", "\xe6\x98\xad\xe5\x92\x8c"};
/* Ideographic space; ideographic and half-width ideographic full stops. */
static const char IDEO_SPACE[] = "\xe3\x80\x80";
static const char IDEO_STOP[] = "\xe3\x80\x82";
static const char HALF_STOP[] = "\xef\xbd\xa1";

#define CH_OTHER (-1)   /* a character the rules do not know */
#define CH_END (-2)     /* before the start or past the end */

/* Separators between a label and its value, at most this many bytes. */
#define MAX_SEPARATOR_BYTES 16

static int has_at(const unsigned char *s, size_t len, size_t i, const char *lit, size_t n)
{
    return i <= len && len - i >= n && memcmp(s + i, lit, n) == 0;
}

/* The character at i as the ASCII character it stands for (itself, or a
 * full-width form), CH_OTHER or CH_END; *w is how many bytes it takes (1
 * for CH_OTHER: enough to step on, as no rule starts inside a character). */
static int ch_at(const unsigned char *s, size_t len, size_t i, size_t *w)
{
    *w = 1;
    if (i >= len)
        return CH_END;
    if (s[i] < 0x80)
        return s[i];
    if (s[i] == 0xEF && len - i >= 3) {
        unsigned char b = s[i + 1], c = s[i + 2];
        if (b == 0xBC && c >= 0x81 && c <= 0xBF) { *w = 3; return 0x21 + (c - 0x81); }
        if (b == 0xBD && c >= 0x80 && c <= 0x9E) { *w = 3; return 0x60 + (c - 0x80); }
    }
    return CH_OTHER;
}

/* The character that ends right before i, as ch_at sees it. */
static int ch_before(const unsigned char *s, size_t i, size_t *w)
{
    *w = 1;
    if (i == 0)
        return CH_END;
    if (s[i - 1] < 0x80)
        return s[i - 1];
    if (i >= 3) {
        size_t w3;
        int c = ch_at(s, i, i - 3, &w3);
        if (c >= 0) {
            *w = 3;
            return c;
        }
    }
    return CH_OTHER;
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_alnum(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Characters that make a number next to them part of a longer token. NUL
 * is one too: text with a NUL in it is not plain text. */
static int is_word(int c)
{
    if (c < 0)
        return 0;
    if (c == 0 || is_alnum(c))
        return 1;
    switch (c) {
    case '_': case '-': case '/': case '\\': case '+': case '@': case '#':
    case '$': case '%': case '&': case '~': case '^': case '*':
        return 1;
    default:
        return 0;
    }
}

static int to_lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* Width of an ideographic or half-width full stop at i, else 0. */
static size_t stop_at(const unsigned char *s, size_t len, size_t i)
{
    return (has_at(s, len, i, IDEO_STOP, 3) || has_at(s, len, i, HALF_STOP, 3)) ? 3 : 0;
}

static size_t stop_before(const unsigned char *s, size_t i)
{
    return i >= 3 ? stop_at(s, i, i - 3) : 0;
}

/* Width of a blank at i (ASCII or the ideographic space), else 0. */
static size_t blank_at(const unsigned char *s, size_t len, size_t i)
{
    if (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n' ||
                    s[i] == '\v' || s[i] == '\f'))
        return 1;
    return has_at(s, len, i, IDEO_SPACE, 3) ? 3 : 0;
}

static size_t blank_before(const unsigned char *s, size_t start, size_t i)
{
    if (i > start && blank_at(s, i, i - 1))
        return 1;
    return (i >= start + 3 && has_at(s, i, i - 3, IDEO_SPACE, 3)) ? 3 : 0;
}

/* A dotted number as written. */
typedef struct run {
    size_t start, end;
    unsigned nparts;                              /* components written (may pass the bound) */
    unsigned ndigits[OQSDM_VERSION_MAX_PARTS];    /* digits written, for the date rules */
    int too_many, too_long;
    oqsdm_version v;
} run;

/* Width of a dot joining two components at i, else 0; the ideographic
 * full stops join only when `stops` is set. */
static size_t join_dot_at(const unsigned char *s, size_t len, size_t i, int stops)
{
    size_t w;
    if (ch_at(s, len, i, &w) == '.')
        return w;
    return stops ? stop_at(s, len, i) : 0;
}

/* Scans the longest dotted number starting at i, which must be a digit. */
static void scan_run(const unsigned char *s, size_t len, size_t i, int stops, run *r)
{
    memset(r, 0, sizeof *r);
    r->start = i;
    for (;;) {
        unsigned nd = 0;
        uint32_t val = 0;
        size_t w;
        int c;
        while (is_digit(c = ch_at(s, len, i, &w))) {
            if (nd < OQSDM_VERSION_MAX_DIGITS)
                val = val * 10 + (uint32_t)(c - '0');
            if (nd < UINT_MAX)
                nd++;
            i += w;
        }
        if (nd > OQSDM_VERSION_MAX_DIGITS)
            r->too_long = 1;
        if (r->nparts < OQSDM_VERSION_MAX_PARTS) {
            r->v.part[r->nparts] = val;
            r->ndigits[r->nparts] = nd;
        } else {
            r->too_many = 1;
        }
        if (r->nparts < UINT_MAX)
            r->nparts++;
        size_t dw = join_dot_at(s, len, i, stops);
        if (dw && is_digit(ch_at(s, len, i + dw, &w)))
            i += dw;
        else
            break;
    }
    r->end = i;
    r->v.nparts = r->nparts < OQSDM_VERSION_MAX_PARTS ? r->nparts : OQSDM_VERSION_MAX_PARTS;
}

oqsdm_version_status oqsdm_version_parse(const char *text, size_t len, oqsdm_version *out)
{
    memset(out, 0, sizeof *out);
    const unsigned char *s = (const unsigned char *)text;
    size_t b = 0, e = len, w;
    while (b < e && (w = blank_at(s, e, b)) > 0)
        b += w;
    while (e > b && (w = blank_before(s, b, e)) > 0)
        e -= w;
    if (b == e)
        return OQSDM_VERSION_E_EMPTY;
    if (!is_digit(ch_at(s, e, b, &w)))
        return OQSDM_VERSION_E_SYNTAX;
    run r;
    scan_run(s, e, b, 1, &r);
    if (r.end != e)
        return OQSDM_VERSION_E_SYNTAX;
    if (r.too_many)
        return OQSDM_VERSION_E_TOO_MANY_PARTS;
    if (r.too_long)
        return OQSDM_VERSION_E_PART_TOO_LONG;
    *out = r.v;
    return OQSDM_VERSION_OK;
}

int oqsdm_version_format(const oqsdm_version *v, char *out, size_t size)
{
    if (size == 0)
        return -1;
    out[0] = '\0';
    if (v->nparts < 1 || v->nparts > OQSDM_VERSION_MAX_PARTS)
        return -1;
    size_t pos = 0;
    for (unsigned i = 0; i < v->nparts; i++) {
        int r = snprintf(out + pos, size - pos, "%s%lu", i ? "." : "", (unsigned long)v->part[i]);
        if (r < 0 || (size_t)r >= size - pos) {
            out[0] = '\0';
            return -1;
        }
        pos += (size_t)r;
    }
    return 0;
}

int oqsdm_version_compare(const oqsdm_version *a, const oqsdm_version *b)
{
    unsigned na = a->nparts < OQSDM_VERSION_MAX_PARTS ? a->nparts : OQSDM_VERSION_MAX_PARTS;
    unsigned nb = b->nparts < OQSDM_VERSION_MAX_PARTS ? b->nparts : OQSDM_VERSION_MAX_PARTS;
    unsigned n = na > nb ? na : nb;
    for (unsigned i = 0; i < n; i++) {
        uint32_t x = i < na ? a->part[i] : 0, y = i < nb ? b->part[i] : 0;
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

const char *oqsdm_version_rule_name(oqsdm_version_rule rule)
{
    switch (rule) {
    case OQSDM_VERSION_RULE_LABELLED: return "labelled";
    case OQSDM_VERSION_RULE_BARE: return "bare";
    default: return "none";
    }
}

/* --- finding a version in text ----------------------------------------- */

/* Bytes of a label starting at i, 0 if none. */
static size_t label_at(const unsigned char *s, size_t len, size_t i)
{
    static const char *const ascii_labels[] = {"version", "ver", "v"};
    size_t n = sizeof KANA_VERSION - 1, w;
    if (has_at(s, len, i, KANA_VERSION, n))
        return n + (has_at(s, len, i + n, KANJI_INFO, sizeof KANJI_INFO - 1) ? sizeof KANJI_INFO - 1 : 0);
    int before = ch_before(s, i, &w);
    if (is_alnum(before) || before == '_')
        return 0;
    for (size_t k = 0; k < sizeof ascii_labels / sizeof ascii_labels[0]; k++) {
        const char *l = ascii_labels[k];
        size_t j = i;
        while (*l && to_lower(ch_at(s, len, j, &w)) == *l) {
            j += w;
            l++;
        }
        if (!*l)
            return j - i;
    }
    return 0;
}

/* Position after the separators following a label at i. */
static size_t skip_separators(const unsigned char *s, size_t len, size_t i)
{
    size_t start = i, w;
    while (i - start < MAX_SEPARATOR_BYTES) {
        int c = ch_at(s, len, i, &w);
        if (c == ' ' || c == '\t' || c == '=' || c == ':' || c == '.' || c == '"' || c == '\'')
            i += w;
        else if (has_at(s, len, i, IDEO_SPACE, 3))
            i += 3;
        else
            break;
    }
    return i;
}

/* Nothing glued to the end of the number: no word character, no dot or
 * full stop continuing into one, no ":digit" (a port, a time). */
static int right_ok(const unsigned char *s, size_t len, size_t e)
{
    size_t w, w2;
    int c = ch_at(s, len, e, &w);
    if (is_word(c))
        return 0;
    size_t dot = c == '.' ? w : stop_at(s, len, e);
    if (dot && is_word(ch_at(s, len, e + dot, &w2)))
        return 0;
    if (c == ':' && is_digit(ch_at(s, len, e + w, &w2)))
        return 0;
    return 1;
}

/* Nothing glued to the start of a bare number: no word character, no dot,
 * no full stop right after a word character, no "digit:" (a time). */
static int left_ok(const unsigned char *s, size_t start)
{
    size_t w;
    int c = ch_before(s, start, &w);
    if (is_word(c) || c == '.')
        return 0;
    if (c == ':' && is_digit(ch_before(s, start - w, &w)))
        return 0;
    size_t stop = stop_before(s, start);
    if (stop && is_word(ch_before(s, start - stop, &w)))
        return 0;
    return 1;
}

/* An era name (optionally followed by blanks) right before i. */
static int era_before(const unsigned char *s, size_t i)
{
    size_t w, skipped = 0;
    while (skipped < MAX_SEPARATOR_BYTES && (w = blank_before(s, 0, i)) > 0) {
        i -= w;
        skipped += w;
    }
    for (size_t k = 0; k < sizeof ERA_NAMES / sizeof ERA_NAMES[0]; k++)
        if (i >= 6 && memcmp(s + i - 6, ERA_NAMES[k], 6) == 0)
            return 1;
    return 0;
}

static int in(uint32_t v, uint32_t lo, uint32_t hi)
{
    return v >= lo && v <= hi;
}

static int is_date(const unsigned char *s, const run *r)
{
    const uint32_t *p = r->v.part;
    const unsigned *nd = r->ndigits;
    if (era_before(s, r->start))
        return 1;
    if ((r->nparts == 2 || r->nparts == 3) && nd[0] == 4 && in(p[0], 1900, 2099) &&
        in(p[1], 1, 12) && (r->nparts == 2 || in(p[2], 1, 31)))
        return 1;   /* 2024.06.30, 2024.6 */
    if (r->nparts != 3)
        return 0;
    if (nd[2] == 4 && in(p[2], 1900, 2099) && in(p[0], 1, 31) && in(p[1], 1, 31) &&
        (p[0] <= 12 || p[1] <= 12))
        return 1;   /* 30.06.2024, 06.30.2024 */
    if (nd[0] == 2 && nd[1] == 2 && nd[2] == 2 && in(p[1], 1, 12) && in(p[2], 1, 31) &&
        (p[1] < 10 || p[2] < 10))
        return 1;   /* 24.06.30 */
    return 0;
}

static int is_windows_build(const run *r)
{
    const uint32_t *p = r->v.part;
    if (r->nparts < 3)
        return 0;
    return (p[0] == 10 && p[1] == 0 && p[2] >= 10240) ||
           (p[0] == 6 && p[1] <= 3 && p[2] >= 6000);
}

static unsigned digits_of(uint32_t v)
{
    unsigned n = 1;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

static int is_ipv4(const run *r)
{
    if (r->nparts != 4)
        return 0;
    for (int k = 0; k < 4; k++)
        if (r->v.part[k] > 255 || r->ndigits[k] != digits_of(r->v.part[k]))
            return 0;
    return r->v.part[0] == 10 || r->v.part[0] >= 100;
}

typedef struct bucket {
    unsigned n;
    int differs;
    oqsdm_version first;
    size_t off, len, label_off, other_off, other_len;
} bucket;

static void consider(const unsigned char *s, size_t len, const run *r, int labelled,
                     size_t label_off, bucket *b, unsigned *rejected)
{
    if (r->nparts < 2 || !right_ok(s, len, r->end) || (!labelled && !left_ok(s, r->start)))
        return;
    if (r->too_many || r->too_long || is_date(s, r) || is_windows_build(r) ||
        (!labelled && is_ipv4(r))) {
        if (*rejected < UINT_MAX)
            (*rejected)++;
        return;
    }
    if (b->n == 0) {
        b->first = r->v;
        b->off = r->start;
        b->len = r->end - r->start;
        b->label_off = labelled ? label_off : r->start;
    } else if (!b->differs && oqsdm_version_compare(&b->first, &r->v) != 0) {
        b->differs = 1;
        b->other_off = r->start;
        b->other_len = r->end - r->start;
    }
    if (b->n < UINT_MAX)
        b->n++;
}

oqsdm_version_find_status oqsdm_version_find(const char *text, size_t len, oqsdm_version_match *out)
{
    memset(out, 0, sizeof *out);
    const unsigned char *s = (const unsigned char *)text;
    bucket lab, bare;
    memset(&lab, 0, sizeof lab);
    memset(&bare, 0, sizeof bare);
    size_t i = 0, w;
    run r;
    while (i < len) {
        /* An XML declaration or processing instruction is markup, not the
         * file's content: its version="1.0" is XML's version. */
        if (s[i] == '<' && i + 1 < len && s[i + 1] == '?') {
            const unsigned char *q = NULL;
            for (size_t k = i + 2; k + 1 < len && !q; k++)
                if (s[k] == '?' && s[k + 1] == '>')
                    q = s + k;
            if (q) {
                i = (size_t)(q - s) + 2;
                continue;
            }
        }
        size_t ll = label_at(s, len, i);
        if (ll) {
            size_t j = skip_separators(s, len, i + ll);
            /* <Version>1.0.10</Version>: an element named like a label is one */
            if (j == i + ll && ch_before(s, i, &w) == '<' && ch_at(s, len, j, &w) == '>')
                j = skip_separators(s, len, j + w);
            if (is_digit(ch_at(s, len, j, &w))) {
                scan_run(s, len, j, 0, &r);
                consider(s, len, &r, 1, i, &lab, &out->rejected);
                i = r.end;
            } else {
                i += ll;
            }
            continue;
        }
        int c = ch_at(s, len, i, &w);
        if (is_digit(c)) {
            scan_run(s, len, i, 0, &r);
            consider(s, len, &r, 0, i, &bare, &out->rejected);
            i = r.end;
        } else {
            i += w;
        }
    }

    const bucket *b = lab.n ? &lab : &bare;
    if (b->n == 0)
        return OQSDM_VERSION_NONE;
    out->rule = lab.n ? OQSDM_VERSION_RULE_LABELLED : OQSDM_VERSION_RULE_BARE;
    out->version = b->first;
    out->raw_off = b->off;
    out->raw_len = b->len;
    out->label_off = b->label_off;
    out->candidates = b->n;
    if (b->differs) {
        out->other_off = b->other_off;
        out->other_len = b->other_len;
        return OQSDM_VERSION_AMBIGUOUS;
    }
    return OQSDM_VERSION_FOUND;
}
