/*
 * portal_decode.c: the portal page's bytes to UTF-8, decided as a browser
 * decides (the WHATWG Encoding and HTML standards), before libxml2 sees it.
 *
 * Why here and not in libxml2: the Windows build's libxml2 has no iconv,
 * so a Shift_JIS page must be converted first (through the platform's
 * oqsdm_plat_cp932_to_utf8, which both platforms implement); and libxml2
 * 2.9's HTML parser, fed bytes that are not UTF-8 after being told UTF-8,
 * switches to Latin-1 on its own. So the extractor always hands it clean
 * UTF-8: invalid sequences are U+FFFD, NUL and other C0 controls are gone.
 *
 * Order (browsers): a BOM; the HTTP charset; a <meta> found by the HTML
 * standard's prescan of the first 1024 bytes; then sniffing: valid UTF-8
 * is UTF-8, and so is UTF-8 with at least four good multi-byte characters
 * per bad sequence (Shift_JIS text almost never forms valid UTF-8 by
 * chance); else valid EUC-JP is EUC-JP; else Shift_JIS, unless that has
 * more bad characters still.
 * A label a browser does not know is ignored, as a browser ignores it; a
 * known one we cannot decode (ISO-2022-JP) is a reason, not a guess.
 */
#include "oqsdm/portal.h"
#include "oqsdm/platform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Above this many undecodable characters a Shift_JIS page is not one: the
 * platform converter is then called per character, which must stay cheap. */
#define CP932_MAX_REPLACED 4096
/* The platform converter gets runs of at most this many bytes. */
#define CP932_RUN 16384
#define PRESCAN_BYTES 1024

typedef enum label_kind { LABEL_NONE, LABEL_OK, LABEL_UNSUPPORTED } label_kind;

/* Output buffer, sized once for the worst expansion (1 byte -> 3). */
typedef struct dbuf {
    unsigned char *p;
    size_t len, cap;
} dbuf;

static void put_raw(dbuf *b, unsigned cp)
{
    /* cap was computed for the worst case; this never overflows */
    if (cp < 0x80) {
        b->p[b->len++] = (unsigned char)cp;
    } else if (cp < 0x800) {
        b->p[b->len++] = (unsigned char)(0xC0 | (cp >> 6));
        b->p[b->len++] = (unsigned char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        b->p[b->len++] = (unsigned char)(0xE0 | (cp >> 12));
        b->p[b->len++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b->p[b->len++] = (unsigned char)(0x80 | (cp & 0x3F));
    } else {
        b->p[b->len++] = (unsigned char)(0xF0 | (cp >> 18));
        b->p[b->len++] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        b->p[b->len++] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b->p[b->len++] = (unsigned char)(0x80 | (cp & 0x3F));
    }
}

/* Appends a character, minus what XML 1.0 forbids (libxml2 chokes on it):
 * NUL and the other C0 controls but tab, LF, CR are dropped, as a browser
 * ignores NUL in text and shows no control; surrogates, U+FFFE and U+FFFF
 * become U+FFFD. Both count as replaced. */
static void put_cp(dbuf *b, unsigned cp, size_t *replaced)
{
    if (cp == 0x0C) {
        cp = ' ';   /* form feed is whitespace in HTML */
    } else if (cp < 0x20 && cp != 0x09 && cp != 0x0A && cp != 0x0D) {
        (*replaced)++;
        return;
    } else if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF || cp > 0x10FFFF) {
        cp = 0xFFFD;
        (*replaced)++;
    }
    put_raw(b, cp);
}

static void put_bad(dbuf *b, size_t *replaced)
{
    put_raw(b, 0xFFFD);
    (*replaced)++;
}

/* One UTF-8 character at in[i]: its code point and length, or 0 with the
 * length of the maximal invalid subpart (one U+FFFD each, as WHATWG). */
static int utf8_next(const unsigned char *in, size_t len, size_t i, unsigned *cp, size_t *n)
{
    unsigned b0 = in[i];
    if (b0 < 0x80) {
        *cp = b0;
        *n = 1;
        return 1;
    }
    size_t need;
    unsigned lo = 0x80, hi = 0xBF, c;
    if (b0 >= 0xC2 && b0 <= 0xDF) { need = 1; c = b0 & 0x1F; }
    else if (b0 == 0xE0) { need = 2; lo = 0xA0; c = b0 & 0x0F; }
    else if (b0 == 0xED) { need = 2; hi = 0x9F; c = b0 & 0x0F; }
    else if (b0 >= 0xE1 && b0 <= 0xEF) { need = 2; c = b0 & 0x0F; }
    else if (b0 == 0xF0) { need = 3; lo = 0x90; c = b0 & 0x07; }
    else if (b0 == 0xF4) { need = 3; hi = 0x8F; c = b0 & 0x07; }
    else if (b0 >= 0xF1 && b0 <= 0xF3) { need = 3; c = b0 & 0x07; }
    else { *n = 1; return 0; }
    for (size_t k = 1; k <= need; k++) {
        if (i + k >= len) { *n = k; return 0; }
        unsigned bk = in[i + k];
        if (bk < lo || bk > hi) { *n = k; return 0; }
        lo = 0x80;
        hi = 0xBF;
        c = (c << 6) | (bk & 0x3F);
    }
    *cp = c;
    *n = need + 1;
    return 1;
}

/* Invalid sequences, and valid multi-byte ones (which Shift_JIS text
 * almost never forms by chance). */
static size_t utf8_invalid_count(const unsigned char *in, size_t len, size_t *multibyte)
{
    size_t bad = 0, n;
    unsigned cp;
    *multibyte = 0;
    for (size_t i = 0; i < len; i += n) {
        if (!utf8_next(in, len, i, &cp, &n))
            bad++;
        else if (n > 1)
            (*multibyte)++;
    }
    return bad;
}

static void decode_utf8(const unsigned char *in, size_t len, dbuf *b, size_t *replaced)
{
    size_t n;
    unsigned cp;
    for (size_t i = 0; i < len; i += n) {
        if (utf8_next(in, len, i, &cp, &n))
            put_cp(b, cp, replaced);
        else
            put_bad(b, replaced);
    }
}

static void decode_utf16(const unsigned char *in, size_t len, int be, dbuf *b, size_t *replaced)
{
    size_t i = 0;
    while (i + 1 < len) {
        unsigned u = be ? (unsigned)(in[i] << 8 | in[i + 1]) : (unsigned)(in[i + 1] << 8 | in[i]);
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < len) {
            unsigned v = be ? (unsigned)(in[i] << 8 | in[i + 1]) : (unsigned)(in[i + 1] << 8 | in[i]);
            if (v >= 0xDC00 && v <= 0xDFFF) {
                i += 2;
                put_cp(b, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), replaced);
                continue;
            }
        }
        put_cp(b, u, replaced);   /* a lone surrogate becomes U+FFFD there */
    }
    if (i < len)
        put_bad(b, replaced);     /* odd last byte */
}

static void decode_1252(const unsigned char *in, size_t len, dbuf *b, size_t *replaced)
{
    static const unsigned short c1[32] = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    for (size_t i = 0; i < len; i++) {
        unsigned c = in[i];
        put_cp(b, (c >= 0x80 && c < 0xA0) ? c1[c - 0x80] : c, replaced);
    }
}

/* Length of the CP932 unit at in[i]: 1 or 2, or 0 when invalid (then
 * *skip says how many bytes the bad unit takes: an ASCII byte after a lead
 * byte is read again, as WHATWG's Shift_JIS decoder does). */
static size_t cp932_unit(const unsigned char *in, size_t len, size_t i, size_t *skip)
{
    unsigned c = in[i];
    if (c < 0x80 || (c >= 0xA1 && c <= 0xDF))
        return 1;
    if ((c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC)) {
        if (i + 1 < len) {
            unsigned t = in[i + 1];
            if ((t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFC))
                return 2;
            *skip = t < 0x80 ? 1 : 2;
            return 0;
        }
    }
    *skip = 1;
    return 0;
}

/* Converts a run of well-formed CP932 units through the platform; a part it
 * refuses (an unassigned code) is halved until the bad unit is alone, and
 * that unit becomes U+FFFD. -1 when memory ran out or too much was bad. */
static int cp932_run(const unsigned char *in, size_t len, dbuf *b, size_t *replaced)
{
    if (len == 0)
        return 0;
    char *o = NULL;
    size_t on = 0;
    if (oqsdm_plat_cp932_to_utf8((const char *)in, len, &o, &on) == 0) {
        decode_utf8((const unsigned char *)o, on, b, replaced);
        free(o);
        return 0;
    }
    size_t skip = 1, first = cp932_unit(in, len, 0, &skip);
    if (first == 0 || first >= len) {   /* a single unit: it is the bad one */
        put_bad(b, replaced);
        if (*replaced > CP932_MAX_REPLACED)
            return -1;
        return first >= len ? 0 : cp932_run(in + skip, len - skip, b, replaced);
    }
    size_t mid = 0;
    while (mid < len / 2) {
        size_t u = cp932_unit(in, len, mid, &skip);
        mid += u ? u : skip;
    }
    if (mid >= len)
        mid = first;
    if (cp932_run(in, mid, b, replaced) != 0)
        return -1;
    return cp932_run(in + mid, len - mid, b, replaced);
}

static int decode_cp932(const unsigned char *in, size_t len, dbuf *b, size_t *replaced)
{
    size_t run = 0, i = 0;
    while (i < len) {
        size_t skip = 1, u = cp932_unit(in, len, i, &skip);
        if (u && i + u - run <= CP932_RUN) {
            i += u;
            continue;
        }
        if (cp932_run(in + run, i - run, b, replaced) != 0)
            return -1;
        if (!u) {
            put_bad(b, replaced);
            if (*replaced > CP932_MAX_REPLACED)
                return -1;
            i += skip;
        }
        run = i;
    }
    return cp932_run(in + run, len - run, b, replaced);
}

/* EUC-JP is JIS X 0208 in another arrangement: rearranged into Shift_JIS
 * bytes it goes through the same CP932 converter. JIS X 0212 (0x8F) has no
 * Shift_JIS form and becomes U+FFFD (0xA0 is invalid in Shift_JIS). */
static int decode_eucjp(const unsigned char *in, size_t len, dbuf *b, size_t *replaced)
{
    unsigned char *s = malloc(len ? len : 1);
    if (!s)
        return -2;
    size_t n = 0, i = 0;
    while (i < len) {
        unsigned c = in[i];
        if (c < 0x80) {
            s[n++] = (unsigned char)c;
            i++;
        } else if (c == 0x8E && i + 1 < len && in[i + 1] >= 0xA1 && in[i + 1] <= 0xDF) {
            s[n++] = in[i + 1];
            i += 2;
        } else if (c == 0x8F && i + 2 < len && in[i + 1] >= 0xA1 && in[i + 1] <= 0xFE &&
                   in[i + 2] >= 0xA1 && in[i + 2] <= 0xFE) {
            s[n++] = 0xA0;
            i += 3;
        } else if (c >= 0xA1 && c <= 0xFE && i + 1 < len && in[i + 1] >= 0xA1 && in[i + 1] <= 0xFE) {
            unsigned j1 = c - 0x80, j2 = in[i + 1] - 0x80u;
            unsigned s1 = (j1 - 0x21) / 2 + 0x81;
            if (s1 > 0x9F)
                s1 += 0x40;
            unsigned s2 = (j1 & 1) ? j2 + 0x1F + (j2 >= 0x60) : j2 + 0x7E;
            s[n++] = (unsigned char)s1;
            s[n++] = (unsigned char)s2;
            i += 2;
        } else {
            s[n++] = 0xA0;
            /* an ASCII byte after a lead byte is read again */
            i += (c >= 0x8E && i + 1 < len && in[i + 1] >= 0x80) ? 2 : 1;
        }
    }
    int rc = decode_cp932(s, n, b, replaced);
    free(s);
    return rc;
}

/* Invalid EUC-JP sequences, and valid multi-byte ones. Shift_JIS text is
 * almost never valid EUC-JP: its hiragana and most kanji start with
 * 0x81-0x9F, which EUC-JP never uses but for 0x8E and 0x8F. */
static size_t eucjp_invalid_count(const unsigned char *in, size_t len, size_t *multibyte)
{
    size_t bad = 0, i = 0;
    *multibyte = 0;
    while (i < len) {
        unsigned c = in[i];
        if (c < 0x80) {
            i++;
        } else if (c == 0x8E && i + 1 < len && in[i + 1] >= 0xA1 && in[i + 1] <= 0xDF) {
            i += 2;
            (*multibyte)++;
        } else if (c == 0x8F && i + 2 < len && in[i + 1] >= 0xA1 && in[i + 1] <= 0xFE &&
                   in[i + 2] >= 0xA1 && in[i + 2] <= 0xFE) {
            i += 3;
            (*multibyte)++;
        } else if (c >= 0xA1 && c <= 0xFE && i + 1 < len && in[i + 1] >= 0xA1 && in[i + 1] <= 0xFE) {
            i += 2;
            (*multibyte)++;
        } else {
            i++;
            bad++;
        }
    }
    return bad;
}

/* --- labels ----------------------------------------------------------- */

static const struct {
    const char *label;
    oqsdm_portal_encoding enc;
} labels[] = {
    {"unicode-1-1-utf-8", OQSDM_PORTAL_UTF8}, {"unicode11utf8", OQSDM_PORTAL_UTF8},
    {"unicode20utf8", OQSDM_PORTAL_UTF8}, {"utf-8", OQSDM_PORTAL_UTF8}, {"utf8", OQSDM_PORTAL_UTF8},
    {"x-unicode20utf8", OQSDM_PORTAL_UTF8},
    {"csshiftjis", OQSDM_PORTAL_SHIFT_JIS}, {"ms932", OQSDM_PORTAL_SHIFT_JIS},
    {"ms_kanji", OQSDM_PORTAL_SHIFT_JIS}, {"shift-jis", OQSDM_PORTAL_SHIFT_JIS},
    {"shift_jis", OQSDM_PORTAL_SHIFT_JIS}, {"sjis", OQSDM_PORTAL_SHIFT_JIS},
    {"windows-31j", OQSDM_PORTAL_SHIFT_JIS}, {"x-sjis", OQSDM_PORTAL_SHIFT_JIS},
    /* not WHATWG labels, but what Japanese Windows tools write */
    {"cp932", OQSDM_PORTAL_SHIFT_JIS}, {"x-ms-cp932", OQSDM_PORTAL_SHIFT_JIS},
    {"cseucpkdfmtjapanese", OQSDM_PORTAL_EUC_JP}, {"euc-jp", OQSDM_PORTAL_EUC_JP},
    {"x-euc-jp", OQSDM_PORTAL_EUC_JP},
    {"unicodefffe", OQSDM_PORTAL_UTF16BE}, {"utf-16be", OQSDM_PORTAL_UTF16BE},
    {"csunicode", OQSDM_PORTAL_UTF16LE}, {"iso-10646-ucs-2", OQSDM_PORTAL_UTF16LE},
    {"ucs-2", OQSDM_PORTAL_UTF16LE}, {"unicode", OQSDM_PORTAL_UTF16LE},
    {"unicodefeff", OQSDM_PORTAL_UTF16LE}, {"utf-16", OQSDM_PORTAL_UTF16LE},
    {"utf-16le", OQSDM_PORTAL_UTF16LE},
    {"ansi_x3.4-1968", OQSDM_PORTAL_WINDOWS_1252}, {"ascii", OQSDM_PORTAL_WINDOWS_1252},
    {"cp1252", OQSDM_PORTAL_WINDOWS_1252}, {"cp819", OQSDM_PORTAL_WINDOWS_1252},
    {"csisolatin1", OQSDM_PORTAL_WINDOWS_1252}, {"ibm819", OQSDM_PORTAL_WINDOWS_1252},
    {"iso-8859-1", OQSDM_PORTAL_WINDOWS_1252}, {"iso-ir-100", OQSDM_PORTAL_WINDOWS_1252},
    {"iso8859-1", OQSDM_PORTAL_WINDOWS_1252}, {"iso88591", OQSDM_PORTAL_WINDOWS_1252},
    {"iso_8859-1", OQSDM_PORTAL_WINDOWS_1252}, {"iso_8859-1:1987", OQSDM_PORTAL_WINDOWS_1252},
    {"l1", OQSDM_PORTAL_WINDOWS_1252}, {"latin1", OQSDM_PORTAL_WINDOWS_1252},
    {"us-ascii", OQSDM_PORTAL_WINDOWS_1252}, {"windows-1252", OQSDM_PORTAL_WINDOWS_1252},
    {"x-cp1252", OQSDM_PORTAL_WINDOWS_1252},
};

/* Known to browsers, not decodable here: a reason rather than a guess. */
static const char *const unsupported_labels[] = {
    "csiso2022jp", "iso-2022-jp", "csiso2022kr", "hz-gb-2312", "iso-2022-cn",
    "iso-2022-cn-ext", "iso-2022-kr", "replacement",
};

static int is_ws(unsigned c)
{
    return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D || c == 0x20;
}

static unsigned lower(unsigned c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* Looks a label up, trimmed and in any ASCII case; `norm` gets the label
 * as looked up, for messages. */
static label_kind label_lookup(const char *s, size_t n, oqsdm_portal_encoding *enc,
                               char *norm, size_t normsize)
{
    while (n && is_ws((unsigned char)*s)) { s++; n--; }
    while (n && is_ws((unsigned char)s[n - 1])) n--;
    if (normsize) {
        size_t k = 0;
        for (; k < n && k + 1 < normsize; k++) {
            unsigned c = lower((unsigned char)s[k]);
            norm[k] = (char)(c >= 0x20 && c < 0x7F ? c : '?');
        }
        norm[k] = '\0';
    }
    if (n == 0 || n > 32)
        return LABEL_NONE;
    char l[33];
    for (size_t k = 0; k < n; k++)
        l[k] = (char)lower((unsigned char)s[k]);
    l[n] = '\0';
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++)
        if (strcmp(l, labels[k].label) == 0) {
            *enc = labels[k].enc;
            return LABEL_OK;
        }
    for (size_t k = 0; k < sizeof unsupported_labels / sizeof unsupported_labels[0]; k++)
        if (strcmp(l, unsupported_labels[k]) == 0)
            return LABEL_UNSUPPORTED;
    return LABEL_NONE;
}

/* charset= of a Content-Type value (RFC 9110 parameters, quoted or not).
 * 1 with [*v, *v + *vn) when present. */
static int header_charset(const char *ct, const char **v, size_t *vn)
{
    const char *p = strchr(ct, ';');
    while (p) {
        p++;
        while (*p == ' ' || *p == '\t') p++;
        const char *name = p;
        while (*p && *p != '=' && *p != ';') p++;
        size_t nn = (size_t)(p - name);
        while (nn && (name[nn - 1] == ' ' || name[nn - 1] == '\t')) nn--;
        if (*p != '=') {
            p = strchr(p, ';');
            continue;
        }
        p++;
        while (*p == ' ' || *p == '\t') p++;
        const char *val = p;
        size_t vl;
        if (*p == '"') {
            val = ++p;
            while (*p && *p != '"') {
                if (*p == '\\' && p[1]) p++;
                p++;
            }
            vl = (size_t)(p - val);
            if (*p == '"') p++;
        } else {
            while (*p && *p != ';') p++;
            vl = (size_t)(p - val);
        }
        if (nn == 7) {
            char l[8];
            for (size_t k = 0; k < 7; k++) l[k] = (char)lower((unsigned char)name[k]);
            l[7] = '\0';
            if (strcmp(l, "charset") == 0) {
                *v = val;
                *vn = vl;
                return 1;
            }
        }
        p = strchr(p, ';');
    }
    return 0;
}

/* --- the HTML standard's prescan of the first 1024 bytes --------------- */

typedef struct prescan {
    const unsigned char *p;
    size_t pos, end;
} prescan;

#define ATTR_MAX 128

typedef struct attr {
    char name[ATTR_MAX];
    size_t nn;
    char value[ATTR_MAX];
    size_t vn;
} attr;

static void attr_add(char *buf, size_t *n, unsigned c)
{
    if (*n + 1 < ATTR_MAX)
        buf[(*n)++] = (char)c;
    buf[*n] = '\0';
}

/* "Get an attribute": 1 with one, 0 at '>' or the end. */
static int prescan_attr(prescan *s, attr *a)
{
    const unsigned char *p = s->p;
    a->nn = a->vn = 0;
    a->name[0] = a->value[0] = '\0';
    while (s->pos < s->end && (is_ws(p[s->pos]) || p[s->pos] == '/')) s->pos++;
    if (s->pos >= s->end || p[s->pos] == '>')
        return 0;
    for (;;) {
        if (s->pos >= s->end)
            return 0;
        unsigned c = p[s->pos];
        if (c == '=' && a->nn > 0) {
            s->pos++;
            goto value;
        }
        if (is_ws(c))
            break;
        if (c == '/' || c == '>')
            return 1;
        attr_add(a->name, &a->nn, lower(c));
        s->pos++;
    }
    while (s->pos < s->end && is_ws(p[s->pos])) s->pos++;
    if (s->pos >= s->end || p[s->pos] != '=')
        return 1;
    s->pos++;
value:
    while (s->pos < s->end && is_ws(p[s->pos])) s->pos++;
    if (s->pos >= s->end)
        return 0;
    if (p[s->pos] == '"' || p[s->pos] == '\'') {
        unsigned q = p[s->pos++];
        while (s->pos < s->end && p[s->pos] != q)
            attr_add(a->value, &a->vn, lower(p[s->pos++]));
        if (s->pos >= s->end)
            return 0;
        s->pos++;
        return 1;
    }
    if (p[s->pos] == '>')
        return 1;
    while (s->pos < s->end && !is_ws(p[s->pos]) && p[s->pos] != '>')
        attr_add(a->value, &a->vn, lower(p[s->pos++]));
    return 1;
}

/* "Extracting a character encoding from a meta element" (content=). */
static int content_charset(const char *s, size_t n, const char **v, size_t *vn)
{
    size_t i = 0;
    for (;;) {
        while (i + 7 <= n && memcmp(s + i, "charset", 7) != 0) i++;
        if (i + 7 > n)
            return 0;
        i += 7;
        while (i < n && is_ws((unsigned char)s[i])) i++;
        if (i >= n || s[i] != '=')
            continue;
        i++;
        while (i < n && is_ws((unsigned char)s[i])) i++;
        if (i >= n)
            return 0;
        if (s[i] == '"' || s[i] == '\'') {
            const char *q = memchr(s + i + 1, s[i], n - i - 1);
            if (!q)
                return 0;
            *v = s + i + 1;
            *vn = (size_t)(q - (s + i + 1));
            return 1;
        }
        size_t j = i;
        while (j < n && !is_ws((unsigned char)s[j]) && s[j] != ';') j++;
        *v = s + i;
        *vn = j - i;
        return 1;
    }
}

static int starts_ci(const prescan *s, const char *lit)
{
    size_t n = strlen(lit);
    if (s->pos + n > s->end)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (lower(s->p[s->pos + k]) != (unsigned char)lit[k])
            return 0;
    return 1;
}

static int is_alpha(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The encoding a <meta> declares: LABEL_OK with *enc, LABEL_UNSUPPORTED
 * (label in norm), or LABEL_NONE. */
static label_kind prescan_meta(const unsigned char *p, size_t len, oqsdm_portal_encoding *enc,
                               char *norm, size_t normsize)
{
    prescan s = {p, 0, len < PRESCAN_BYTES ? len : PRESCAN_BYTES};
    attr a;
    for (; s.pos < s.end; s.pos++) {
        if (starts_ci(&s, "<!--")) {
            size_t k = s.pos + 2;
            while (k + 3 <= s.end && memcmp(p + k, "-->", 3) != 0) k++;
            if (k + 3 > s.end)
                return LABEL_NONE;
            s.pos = k + 2;
        } else if (starts_ci(&s, "<meta") && s.pos + 5 < s.end &&
                   (is_ws(p[s.pos + 5]) || p[s.pos + 5] == '/')) {
            s.pos += 5;
            /* cs: 0 no charset yet, 1 one found (kind/e), 2 a charset= that failed */
            int got_pragma = 0, need_pragma = -1, cs = 0;
            label_kind kind = LABEL_NONE;
            oqsdm_portal_encoding e = OQSDM_PORTAL_UTF8;
            char seen_names[3] = {0, 0, 0}; /* http-equiv, content, charset */
            while (prescan_attr(&s, &a)) {
                int id = strcmp(a.name, "http-equiv") == 0 ? 0 :
                         strcmp(a.name, "content") == 0 ? 1 :
                         strcmp(a.name, "charset") == 0 ? 2 : -1;
                if (id < 0 || seen_names[id])
                    continue;
                seen_names[id] = 1;
                if (id == 0) {
                    if (strcmp(a.value, "content-type") == 0)
                        got_pragma = 1;
                } else if (id == 1) {
                    const char *v;
                    size_t vn;
                    if (cs == 0 && content_charset(a.value, a.vn, &v, &vn)) {
                        kind = label_lookup(v, vn, &e, norm, normsize);
                        if (kind != LABEL_NONE) {
                            cs = 1;
                            need_pragma = 1;
                        }
                    }
                } else {
                    kind = label_lookup(a.value, a.vn, &e, norm, normsize);
                    cs = kind != LABEL_NONE ? 1 : 2;
                    need_pragma = 0;
                }
            }
            if (need_pragma < 0 || (need_pragma == 1 && !got_pragma) || cs != 1)
                continue;
            if (kind == LABEL_UNSUPPORTED)
                return kind;
            /* a page cannot declare UTF-16 in itself: it would not be ASCII */
            if (e == OQSDM_PORTAL_UTF16LE || e == OQSDM_PORTAL_UTF16BE)
                e = OQSDM_PORTAL_UTF8;
            *enc = e;
            return LABEL_OK;
        } else if (s.pos + 1 < s.end && p[s.pos] == '<' &&
                   (is_alpha(p[s.pos + 1]) ||
                    (p[s.pos + 1] == '/' && s.pos + 2 < s.end && is_alpha(p[s.pos + 2])))) {
            while (s.pos < s.end && !is_ws(p[s.pos]) && p[s.pos] != '>') s.pos++;
            while (prescan_attr(&s, &a))
                ;
        } else if (starts_ci(&s, "<!") || starts_ci(&s, "</") || starts_ci(&s, "<?")) {
            while (s.pos < s.end && p[s.pos] != '>') s.pos++;
        }
    }
    return LABEL_NONE;
}

/* --- the decision ------------------------------------------------------ */

static int convert(oqsdm_portal_encoding enc, const unsigned char *in, size_t len, dbuf *b,
                   size_t *replaced)
{
    switch (enc) {
    case OQSDM_PORTAL_UTF8: decode_utf8(in, len, b, replaced); return 0;
    case OQSDM_PORTAL_SHIFT_JIS: return decode_cp932(in, len, b, replaced);
    case OQSDM_PORTAL_EUC_JP: return decode_eucjp(in, len, b, replaced);
    case OQSDM_PORTAL_UTF16LE: decode_utf16(in, len, 0, b, replaced); return 0;
    case OQSDM_PORTAL_UTF16BE: decode_utf16(in, len, 1, b, replaced); return 0;
    case OQSDM_PORTAL_WINDOWS_1252: decode_1252(in, len, b, replaced); return 0;
    }
    return -1;
}

static int dbuf_init(dbuf *b, size_t len)
{
    b->len = 0;
    b->cap = len * 3 + 4;
    b->p = malloc(b->cap);
    return b->p ? 0 : -1;
}

/* Decodes into out (text set on success). */
static oqsdm_portal_reason finish(const unsigned char *in, size_t len, oqsdm_portal_encoding enc,
                                  oqsdm_portal_enc_source src, oqsdm_portal_decoded *out)
{
    dbuf b;
    if (dbuf_init(&b, len))
        return OQSDM_PORTAL_R_NO_MEMORY;
    size_t replaced = 0;
    int rc = convert(enc, in, len, &b, &replaced);
    if (rc != 0) {
        free(b.p);
        if (rc == -2)
            return OQSDM_PORTAL_R_NO_MEMORY;
        snprintf(out->detail, sizeof out->detail,
                 "the page is not %s: more than %d characters cannot be decoded",
                 oqsdm_portal_encoding_name(enc), CP932_MAX_REPLACED);
        return OQSDM_PORTAL_R_ENCODING;
    }
    b.p[b.len] = '\0';
    out->text = (char *)b.p;
    out->len = b.len;
    out->encoding = enc;
    out->source = src;
    out->replaced = replaced;
    return OQSDM_PORTAL_FOUND;
}

oqsdm_portal_reason oqsdm_portal_decode(const char *page, size_t len, const char *content_type,
                                        oqsdm_portal_decoded *out)
{
    memset(out, 0, sizeof *out);
    if (!page && len)
        len = 0;
    if (len > OQSDM_PORTAL_MAX_PAGE) {
        snprintf(out->detail, sizeof out->detail, "the page has %zu bytes, more than the limit of %zu",
                 len, (size_t)OQSDM_PORTAL_MAX_PAGE);
        return OQSDM_PORTAL_R_TOO_LARGE;
    }
    const unsigned char *p = (const unsigned char *)(page ? page : "");

    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        return finish(p + 3, len - 3, OQSDM_PORTAL_UTF8, OQSDM_PORTAL_SRC_BOM, out);
    if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF)
        return finish(p + 2, len - 2, OQSDM_PORTAL_UTF16BE, OQSDM_PORTAL_SRC_BOM, out);
    if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
        return finish(p + 2, len - 2, OQSDM_PORTAL_UTF16LE, OQSDM_PORTAL_SRC_BOM, out);

    oqsdm_portal_encoding enc;
    char norm[40];
    const char *v;
    size_t vn;
    if (content_type && header_charset(content_type, &v, &vn)) {
        label_kind k = label_lookup(v, vn, &enc, norm, sizeof norm);
        if (k == LABEL_OK)
            return finish(p, len, enc, OQSDM_PORTAL_SRC_HEADER, out);
        if (k == LABEL_UNSUPPORTED) {
            snprintf(out->detail, sizeof out->detail,
                     "the HTTP header declares charset \"%s\", which oqsdm cannot decode", norm);
            return OQSDM_PORTAL_R_ENCODING;
        }
    }
    label_kind k = prescan_meta(p, len, &enc, norm, sizeof norm);
    if (k == LABEL_OK)
        return finish(p, len, enc, OQSDM_PORTAL_SRC_META, out);
    if (k == LABEL_UNSUPPORTED) {
        snprintf(out->detail, sizeof out->detail,
                 "the page declares charset \"%s\", which oqsdm cannot decode", norm);
        return OQSDM_PORTAL_R_ENCODING;
    }

    /* valid UTF-8, or UTF-8 with a few bad bytes among many good
     * characters (a page pasted together), is UTF-8 */
    size_t mb8, bad8 = utf8_invalid_count(p, len, &mb8);
    if (bad8 == 0 || mb8 >= 4 * bad8)
        return finish(p, len, OQSDM_PORTAL_UTF8, OQSDM_PORTAL_SRC_SNIFFED, out);
    /* valid EUC-JP is EUC-JP (a Japanese browser's detector says so too;
     * read as Shift_JIS it would be half-width katakana and no section) */
    size_t mbe;
    if (eucjp_invalid_count(p, len, &mbe) == 0 && mbe > 0)
        return finish(p, len, OQSDM_PORTAL_EUC_JP, OQSDM_PORTAL_SRC_SNIFFED, out);
    oqsdm_portal_reason r = finish(p, len, OQSDM_PORTAL_SHIFT_JIS, OQSDM_PORTAL_SRC_SNIFFED, out);
    if (r == OQSDM_PORTAL_FOUND && out->replaced < bad8)
        return r;
    if (r == OQSDM_PORTAL_R_NO_MEMORY)
        return r;
    oqsdm_portal_decoded_free(out);
    memset(out, 0, sizeof *out);
    return finish(p, len, OQSDM_PORTAL_UTF8, OQSDM_PORTAL_SRC_SNIFFED, out);
}

void oqsdm_portal_decoded_free(oqsdm_portal_decoded *d)
{
    if (d) {
        free(d->text);
        d->text = NULL;
        d->len = 0;
    }
}

const char *oqsdm_portal_encoding_name(oqsdm_portal_encoding e)
{
    switch (e) {
    case OQSDM_PORTAL_UTF8: return "UTF-8";
    case OQSDM_PORTAL_SHIFT_JIS: return "Shift_JIS";
    case OQSDM_PORTAL_EUC_JP: return "EUC-JP";
    case OQSDM_PORTAL_UTF16LE: return "UTF-16LE";
    case OQSDM_PORTAL_UTF16BE: return "UTF-16BE";
    case OQSDM_PORTAL_WINDOWS_1252: return "windows-1252";
    }
    return "unknown";
}

const char *oqsdm_portal_enc_source_name(oqsdm_portal_enc_source s)
{
    switch (s) {
    case OQSDM_PORTAL_SRC_BOM: return "bom";
    case OQSDM_PORTAL_SRC_HEADER: return "header";
    case OQSDM_PORTAL_SRC_META: return "meta";
    case OQSDM_PORTAL_SRC_SNIFFED: return "sniffed";
    }
    return "unknown";
}
