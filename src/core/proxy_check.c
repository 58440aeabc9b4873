/*
 * proxy_check.c: the user's proxy settings against the guide's, for the
 * diagnosis (proxy.server, proxy.bypass). See proxy_check.h for the rules.
 *
 * The bypass list is decoded once into "units" (one per character, with
 * its place in the input and what kind of character it was), so every
 * later step works on ASCII while still knowing where each character came
 * from: the spans and the per-character fault marks are what lets the
 * caller name the exact bad entry. The steps, in order: split at anything
 * that separates (tokens); join tokens a stray blank or comma broke apart;
 * split off <...> specials; clean each piece (marking what was removed);
 * cut run-together entries apart; classify; correct. WinINet's matching
 * itself is proxy_rules.c's.
 */
#include "oqsdm/proxy_check.h"
#include "oqsdm/proxy_rules.h"
#include "oqsdm/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ helpers */

static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

static int is_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int is_hex(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* A character of a host pattern (name form). */
static int is_name_char(int c)
{
    return is_alnum(c) || c == '.' || c == '-' || c == '_' || c == '*';
}

/* ASCII case-insensitive equality of a[0..n) and b[0..n). */
static int ieqn(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
            return 0;
    return 1;
}

static int ieq(const char *a, const char *b)
{
    size_t n = strlen(a);
    return n == strlen(b) && ieqn(a, b, n);
}

/* strlen, but never looking past max bytes: max when it is that long. */
static size_t bounded_len(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

/* Optimal string alignment distance of a[0..na) and b[0..nb), ASCII
 * case-insensitive; any value above `limit` comes back as limit + 1. */
#define OSA_MAX 300
static int osa(const char *a, size_t na, const char *b, size_t nb, int limit)
{
    if (na > OSA_MAX || nb > OSA_MAX)
        return limit + 1;
    size_t diff = na > nb ? na - nb : nb - na;
    if (diff > (size_t)limit)
        return limit + 1;
    int r0[OSA_MAX + 1], r1[OSA_MAX + 1], r2[OSA_MAX + 1];
    int *pp = r0, *p = r1, *c = r2;   /* rows i-2, i-1, i */
    for (size_t j = 0; j <= nb; j++)
        p[j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        c[0] = (int)i;
        int best = c[0];
        int ai = lower((unsigned char)a[i - 1]);
        for (size_t j = 1; j <= nb; j++) {
            int bj = lower((unsigned char)b[j - 1]);
            int cost = ai != bj;
            int v = p[j - 1] + cost;
            if (p[j] + 1 < v) v = p[j] + 1;
            if (c[j - 1] + 1 < v) v = c[j - 1] + 1;
            if (i > 1 && j > 1 && ai == lower((unsigned char)b[j - 2]) &&
                lower((unsigned char)a[i - 2]) == bj && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            c[j] = v;
            if (v < best) best = v;
        }
        if (best > limit)
            return limit + 1;
        int *t = pp;
        pp = p;
        p = c;
        c = t;
    }
    return p[nb] > limit ? limit + 1 : p[nb];
}

/* ------------------------------------------------------------ proxy.server */

/* Host as compared: lower case, one trailing dot dropped. */
static void host_key(const char *h, char *out, size_t size)
{
    size_t n = 0;
    for (; h[n] && n + 1 < size; n++)
        out[n] = (char)lower((unsigned char)h[n]);
    if (n > 0 && out[n - 1] == '.')
        n--;
    out[n] = '\0';
}

static oqsdm_pxs_state judge_scheme(const char *server, const char *scheme, const char *ekey,
                                    int eport, oqsdm_pxs_found *f)
{
    memset(f, 0, sizeof *f);
    int rc = oqsdm_proxy_server_for(server, scheme, f->host, sizeof f->host, &f->port);
    if (rc != 0) {
        f->host[0] = '\0';
        f->port = 0;
        return f->state = rc == -1 ? OQSDM_PXS_S_MISSING : OQSDM_PXS_S_MALFORMED;
    }
    char key[OQSDM_PXS_HOST_MAX];
    host_key(f->host, key, sizeof key);
    if (strcmp(key, ekey) != 0)
        return f->state = OQSDM_PXS_S_WRONG_HOST;
    if (f->port != eport)
        return f->state = OQSDM_PXS_S_WRONG_PORT;
    return f->state = OQSDM_PXS_S_OK;
}

int oqsdm_proxy_check_server(int enabled, const char *server, const char *expected,
                             oqsdm_pxs_result *out)
{
    memset(out, 0, sizeof *out);
    if (!expected || bounded_len(expected, OQSDM_PXS_HOST_MAX) >= OQSDM_PXS_HOST_MAX ||
        strchr(expected, '=') || strchr(expected, ';'))
        return -1;
    char ehost[OQSDM_PXS_HOST_MAX];
    int eport = 0;
    if (oqsdm_proxy_server_for(expected, "https", ehost, sizeof ehost, &eport) != 0) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    snprintf(out->expected_host, sizeof out->expected_host, "%s", ehost);
    out->expected_port = eport;
    snprintf(out->corrected, sizeof out->corrected, strchr(ehost, ':') ? "[%s]:%d" : "%s:%d",
             ehost, eport);
    char ekey[OQSDM_PXS_HOST_MAX];
    host_key(ehost, ekey, sizeof ekey);

    out->https.state = out->http.state = OQSDM_PXS_S_MISSING;
    if (!server)
        server = "";
    oqsdm_pxs_status v;
    if (bounded_len(server, OQSDM_PXS_MAX_INPUT) >= OQSDM_PXS_MAX_INPUT) {
        v = OQSDM_PXS_TOO_LONG;
    } else {
        out->per_scheme = strchr(server, '=') != NULL;
        oqsdm_pxs_state hs = judge_scheme(server, "https", ekey, eport, &out->https);
        oqsdm_pxs_state ps = judge_scheme(server, "http", ekey, eport, &out->http);
        if (!out->per_scheme) {
            /* one entry for every scheme: https and http agree */
            switch (hs) {
            case OQSDM_PXS_S_OK: v = OQSDM_PXS_OK; break;
            case OQSDM_PXS_S_MISSING: v = OQSDM_PXS_EMPTY; break;
            case OQSDM_PXS_S_MALFORMED: v = OQSDM_PXS_MALFORMED; break;
            case OQSDM_PXS_S_WRONG_HOST: v = OQSDM_PXS_WRONG_HOST; break;
            default: v = OQSDM_PXS_WRONG_PORT; break;
            }
        } else if (hs != OQSDM_PXS_S_OK) {
            v = hs == OQSDM_PXS_S_MISSING ? OQSDM_PXS_HTTPS_MISSING : OQSDM_PXS_HTTPS_ELSEWHERE;
        } else if (ps != OQSDM_PXS_S_OK) {
            v = ps == OQSDM_PXS_S_MISSING ? OQSDM_PXS_HTTP_MISSING : OQSDM_PXS_HTTP_ELSEWHERE;
        } else {
            v = OQSDM_PXS_OK;
        }
    }
    out->value_status = v;
    out->status = enabled ? v : OQSDM_PXS_DISABLED;
    return 0;
}

const char *oqsdm_pxs_status_name(oqsdm_pxs_status s)
{
    switch (s) {
    case OQSDM_PXS_OK: return "ok";
    case OQSDM_PXS_DISABLED: return "disabled";
    case OQSDM_PXS_EMPTY: return "empty";
    case OQSDM_PXS_MALFORMED: return "malformed";
    case OQSDM_PXS_WRONG_HOST: return "wrong_host";
    case OQSDM_PXS_WRONG_PORT: return "wrong_port";
    case OQSDM_PXS_HTTPS_MISSING: return "https_missing";
    case OQSDM_PXS_HTTPS_ELSEWHERE: return "https_elsewhere";
    case OQSDM_PXS_HTTP_MISSING: return "http_missing";
    case OQSDM_PXS_HTTP_ELSEWHERE: return "http_elsewhere";
    case OQSDM_PXS_TOO_LONG: return "too_long";
    }
    return "unknown";
}

const char *oqsdm_pxs_state_name(oqsdm_pxs_state s)
{
    switch (s) {
    case OQSDM_PXS_S_OK: return "ok";
    case OQSDM_PXS_S_MISSING: return "missing";
    case OQSDM_PXS_S_MALFORMED: return "malformed";
    case OQSDM_PXS_S_WRONG_HOST: return "wrong_host";
    case OQSDM_PXS_S_WRONG_PORT: return "wrong_port";
    }
    return "unknown";
}

/* ------------------------------------------------------------ proxy.bypass */

/* Unit classes. */
enum {
    U_FW = 1,       /* mapped from a full-width or look-alike character */
    U_JUNK = 2,     /* nothing a host pattern can hold */
    U_QUOTE = 4,
    U_NL = 8,       /* CR, LF */
    U_BLANK = 16,   /* ASCII space or tab: WinINet trims these */
    U_ODD = 32      /* other spaces (ideographic, no-break, ...): WinINet does not */
};

typedef struct unit {
    uint16_t off;   /* in the input */
    uint8_t len;    /* bytes */
    uint8_t ch;     /* ASCII it stands for (0 for junk) */
    uint8_t cls;
} unit;

/* Forms of a cleaned piece. */
enum { FORM_NAME = 0, FORM_PORT, FORM_SCHEME, FORM_IPV6, FORM_SPECIAL };

#define TOKENS_MAX (OQSDM_PXB_MAX_INPUT / 2 + 1)
#define CLEAN_MAX (OQSDM_PXB_MAX_INPUT + 8)

typedef struct cleaned {
    char t[CLEAN_MAX];
    uint16_t src[CLEAN_MAX];  /* the unit each character came from */
    size_t n;
    int form;
    size_t core_off, core_len;  /* PORT, SCHEME: the host part */
} cleaned;

typedef struct work {
    const char *in;
    size_t n;
    unit u[OQSDM_PXB_MAX_INPUT];
    size_t nu;
    uint8_t uf[OQSDM_PXB_MAX_INPUT];    /* fault marks per unit, from cleaning */
    uint16_t tok_s[TOKENS_MAX], tok_e[TOKENS_MAX];
    size_t ntok;
    /* per item, internal */
    uint16_t it_us[OQSDM_PXB_MAX_ITEMS], it_ue[OQSDM_PXB_MAX_ITEMS];
    uint8_t it_form[OQSDM_PXB_MAX_ITEMS];
    uint16_t it_core_off[OQSDM_PXB_MAX_ITEMS], it_core_len[OQSDM_PXB_MAX_ITEMS];
    uint8_t it_effective[OQSDM_PXB_MAX_ITEMS];
    uint8_t it_pending[OQSDM_PXB_MAX_ITEMS];   /* a candidate: extra or misspelling */
    /* expected entries */
    size_t ne;
    const char *e[OQSDM_PXB_MAX_EXPECTED];
    size_t elen[OQSDM_PXB_MAX_EXPECTED];
    int e_special[OQSDM_PXB_MAX_EXPECTED];
    /* scratch */
    cleaned c, c2;
    uint16_t dots[CLEAN_MAX + 1];
    size_t cuts[CLEAN_MAX];
    size_t seg[CLEAN_MAX / 2 + 2];
    size_t bounds[CLEAN_MAX + 2];
    size_t pool_used;
    int too_many;
    oqsdm_pxb_result *r;
} work;

/* --- decoding */

static void decode_units(work *w)
{
    const unsigned char *s = (const unsigned char *)w->in;
    size_t i = 0;
    w->nu = 0;
    while (i < w->n) {
        unit *u = &w->u[w->nu++];
        unsigned cp;
        size_t len = oqsdm_text_u8_next(s, w->n, i, &cp);
        u->off = (uint16_t)i;
        u->len = (uint8_t)len;
        u->ch = 0;
        u->cls = 0;
        i += len;
        if (len == 1 && cp < 0x80) {
            if (cp == ' ' || cp == '\t') { u->ch = ' '; u->cls = U_BLANK; }
            else if (cp == '\r' || cp == '\n') { u->ch = '\n'; u->cls = U_NL; }
            else if (cp < 0x20 || cp == 0x7F) u->cls = U_JUNK;
            else if (cp == '"' || cp == '\'' || cp == '`') { u->ch = (uint8_t)cp; u->cls = U_QUOTE; }
            else u->ch = (uint8_t)cp;
            continue;
        }
        if (len == 1 || cp < 0x80 || (cp >= 0xD800 && cp <= 0xDFFF)) {
            u->cls = U_JUNK;  /* a bad byte, an overlong form, a surrogate */
        } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
            unsigned a = cp - 0xFEE0;
            u->ch = (uint8_t)a;
            u->cls = U_FW | ((a == '"' || a == '\'' || a == '`') ? U_QUOTE : 0);
        } else if (cp == 0x3001 || cp == 0xFF64) {
            u->ch = ',';
            u->cls = U_FW;
        } else if (cp == 0x3002 || cp == 0xFF61 || cp == 0x30FB || cp == 0xFF65) {
            u->ch = '.';
            u->cls = U_FW;
        } else if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0x30FC || cp == 0xFF70) {
            u->ch = '-';
            u->cls = U_FW;
        } else if ((cp >= 0x2018 && cp <= 0x201F) || cp == 0xAB || cp == 0xBB || cp == 0x2032 ||
                   cp == 0x2033 || (cp >= 0x300C && cp <= 0x300F) || cp == 0xFF62 || cp == 0xFF63) {
            u->ch = '"';
            u->cls = U_QUOTE | U_FW;
        } else if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
            u->ch = '\n';
            u->cls = U_NL;
        } else if (oqsdm_text_is_space(cp)) {
            u->ch = ' ';
            u->cls = U_ODD | U_FW;
        } else {
            u->cls = U_JUNK;
        }
    }
}

static int is_sep_unit(const unit *u)
{
    return (u->cls & (U_BLANK | U_ODD | U_NL)) || u->ch == ';' || u->ch == ',';
}

static int is_ascii_semi(const unit *u)
{
    return u->ch == ';' && !(u->cls & U_FW);
}

static int is_visible(const unit *u)
{
    return !(u->cls & (U_JUNK | U_QUOTE)) && !is_sep_unit(u);
}

/* --- expected entries */

static int exact_expected(const work *w, const char *t, size_t n)
{
    for (size_t i = 0; i < w->ne; i++)
        if (w->elen[i] == n && ieqn(w->e[i], t, n))
            return (int)i;
    return -1;
}

/* The prefix of s[0..n) left once the top-level domain (and a two-letter
 * second level before a two-letter country code) is dropped; -1 when s
 * has none or what is left does not end in a name of 4 characters. */
static long stem_len(const char *s, size_t n)
{
    size_t dot = n;
    while (dot > 0 && s[dot - 1] != '.') dot--;
    if (dot == 0) return -1;
    size_t tld = n - dot;
    if (tld < 2) return -1;
    for (size_t i = dot; i < n; i++)
        if (!is_alpha((unsigned char)s[i])) return -1;
    size_t cut = dot - 1;
    if (tld == 2) {
        size_t d2 = cut;
        while (d2 > 0 && s[d2 - 1] != '.') d2--;
        if (d2 > 0 && cut - d2 == 2 && is_alpha((unsigned char)s[d2]) && is_alpha((unsigned char)s[d2 + 1]))
            cut = d2 - 1;
    }
    size_t ls = cut;
    while (ls > 0 && s[ls - 1] != '.') ls--;
    if (cut - ls < 4) return -1;
    for (size_t i = ls; i < cut; i++)
        if (s[i] == '*') return -1;
    return (long)cut;
}

/* How near t[0..n) is to expected entry i: 0 equal, 1..3 a misspelling
 * by the rules of proxy_check.h (lower is nearer), -1 not near. */
static int near_score(const work *w, const char *t, size_t n, size_t i)
{
    const char *e = w->e[i];
    size_t le = w->elen[i];
    if (w->e_special[i])
        return n == le && ieqn(t, e, n) ? 0 : -1;
    if (n == le && ieqn(t, e, n))
        return 0;
    if (le > 2 && e[0] == '*' && e[1] == '.' && n == le - 2 && ieqn(t, e + 2, n))
        return 1;
    int limit = le <= 7 ? 1 : 2;
    int d = osa(t, n, e, le, limit);
    if (d <= limit)
        return d;
    long st = stem_len(t, n), se = stem_len(e, le);
    if (st > 0 && se > 0) {
        int ds = osa(t, (size_t)st, e, (size_t)se, 1);
        if (ds <= 1)
            return 2 + ds;
    }
    return -1;
}

/* Only '*' and '.', and matches any dotted name: every host. `t` is
 * NUL-terminated. */
static int is_match_all(const char *t)
{
    int star = 0;
    for (const char *p = t; *p; p++) {
        if (*p == '*') star = 1;
        else if (*p != '.') return 0;
    }
    return star && oqsdm_proxy_wildcard_match(t, "a.b.c");
}

/* Validates and stores the expected list. 0, or -1 when it is unusable. */
static int parse_expected(work *w, const char *list)
{
    oqsdm_pxb_result *r = w->r;
    if (!list || bounded_len(list, OQSDM_PXB_EXPECTED_TEXT) >= OQSDM_PXB_EXPECTED_TEXT)
        return -1;
    size_t used = 0;
    const char *p = list;
    while (*p) {
        const char *end = strchr(p, ';');
        if (!end) end = p + strlen(p);
        const char *b = p, *e = end;
        while (b < e && (*b == ' ' || *b == '\t')) b++;
        while (e > b && (e[-1] == ' ' || e[-1] == '\t')) e--;
        size_t n = (size_t)(e - b);
        if (n > 0) {
            if (n >= OQSDM_PXB_MAX_ENTRY) return -1;
            int special = 0;
            if ((n == 7 && ieqn(b, "<local>", 7)) || (n == 11 && ieqn(b, "<-loopback>", 11))) {
                special = 1;
            } else {
                for (size_t i = 0; i < n; i++) {
                    if (!is_name_char((unsigned char)b[i])) return -1;
                    if (b[i] == '.' && i + 1 < n && b[i + 1] == '.') return -1;
                    if (b[i] == '*' && i > 0 && i + 1 < n && b[i + 1] == '.' &&
                        is_alnum((unsigned char)b[i - 1]))
                        return -1;  /* would read as two entries run together */
                }
                if (b[0] == '.' || b[0] == '-' || b[n - 1] == '.' || b[n - 1] == '-') return -1;
            }
            int dup = 0;
            for (size_t i = 0; i < w->ne; i++)
                if (w->elen[i] == n && ieqn(w->e[i], b, n)) dup = 1;
            if (!dup) {
                if (w->ne == OQSDM_PXB_MAX_EXPECTED || used + n + 1 > sizeof r->etext) return -1;
                memcpy(r->etext + used, b, n);
                r->etext[used + n] = '\0';
                if (!special && is_match_all(r->etext + used)) return -1;
                w->e[w->ne] = r->etext + used;
                w->elen[w->ne] = n;
                w->e_special[w->ne] = special;
                r->expected[w->ne].text_at = used;
                w->ne++;
                used += n + 1;
            }
        }
        p = *end ? end + 1 : end;
    }
    return w->ne > 0 ? 0 : -1;
}

/* --- cleaning */

static void mark(uint8_t *uf, size_t unit_index, unsigned bit)
{
    if (uf) uf[unit_index] |= (uint8_t)bit;
}

/* Name processing of c->t[a..b) in place; returns the new end. */
static size_t clean_name(cleaned *c, size_t a, size_t b, uint8_t *uf)
{
    size_t o = a;
    for (size_t i = a; i < b; i++) {
        char ch = c->t[i];
        if (!is_name_char((unsigned char)ch) || (ch == '.' && o > a && c->t[o - 1] == '.')) {
            mark(uf, c->src[i], OQSDM_PXB_F_STRAY);
            continue;
        }
        c->t[o] = ch;
        c->src[o] = c->src[i];
        o++;
    }
    while (o > a && (c->t[o - 1] == '.' || c->t[o - 1] == '-')) {
        o--;
        mark(uf, c->src[o], OQSDM_PXB_F_STRAY);
    }
    size_t lead = a;
    while (lead < o && c->t[lead] == '-') {
        mark(uf, c->src[lead], OQSDM_PXB_F_STRAY);
        lead++;
    }
    if (lead > a) {
        memmove(c->t + a, c->t + lead, o - lead);
        memmove(c->src + a, c->src + lead, (o - lead) * sizeof c->src[0]);
        o -= lead - a;
    }
    if (o > a && c->t[a] == '.' && o + 1 < CLEAN_MAX) {
        memmove(c->t + a + 1, c->t + a, o - a);
        memmove(c->src + a + 1, c->src + a, (o - a) * sizeof c->src[0]);
        c->t[a] = '*';
        mark(uf, c->src[a], OQSDM_PXB_F_NO_STAR);
        o++;
    }
    return o;
}

/* "a.b.c.d/n" with n 8, 16, 24 or 32: its WinINet wildcard, written over
 * c->t[a..]; returns the new end, or 0 when t[a..b) is no such range. */
static size_t cidr(cleaned *c, size_t a, size_t b, uint8_t *uf)
{
    size_t i = a, octet_end[4];
    for (int k = 0; k < 4; k++) {
        size_t st = i;
        unsigned v = 0;
        while (i < b && is_digit((unsigned char)c->t[i]) && i - st < 3)
            v = v * 10 + (unsigned)(c->t[i++] - '0');
        if (i == st || v > 255) return 0;
        octet_end[k] = i;
        if (k < 3) {
            if (i >= b || c->t[i] != '.') return 0;
            i++;
        }
    }
    if (i >= b || c->t[i] != '/') return 0;
    size_t slash = i++;
    unsigned bits = 0;
    size_t st = i;
    while (i < b && is_digit((unsigned char)c->t[i]) && i - st < 2)
        bits = bits * 10 + (unsigned)(c->t[i++] - '0');
    if (i != b || i == st || (bits != 8 && bits != 16 && bits != 24 && bits != 32)) return 0;
    size_t keep = octet_end[bits / 8 - 1];
    for (size_t k = keep; k < b; k++)
        mark(uf, c->src[k], OQSDM_PXB_F_STRAY);
    if (bits == 32)
        return keep;
    uint16_t s = c->src[slash];
    c->t[keep] = '.';
    c->src[keep] = s;
    c->t[keep + 1] = '*';
    c->src[keep + 1] = s;
    return keep + 2;
}

/* Cleans units [s, e) into c; marks what it removed or changed in uf
 * (NULL: only look). Special (<...>) pieces are cleaned to their letters. */
static void clean_units(const work *w, size_t s, size_t e, int special, cleaned *c, uint8_t *uf)
{
    size_t n = 0;
    for (size_t i = s; i < e && n + 2 < CLEAN_MAX; i++) {
        const unit *u = &w->u[i];
        if (u->cls & U_JUNK) { mark(uf, i, OQSDM_PXB_F_STRAY); continue; }
        if (u->cls & U_QUOTE) { mark(uf, i, OQSDM_PXB_F_QUOTES); continue; }
        if (is_sep_unit(u)) { mark(uf, i, OQSDM_PXB_F_STRAY); continue; }
        if (u->cls & U_FW) mark(uf, i, OQSDM_PXB_F_FULLWIDTH);
        c->t[n] = (char)u->ch;
        c->src[n] = (uint16_t)i;
        n++;
    }
    c->n = n;
    c->form = special ? FORM_SPECIAL : FORM_NAME;
    c->core_off = 0;
    c->core_len = 0;
    if (special || n == 0) {
        c->t[n] = '\0';
        return;
    }

    /* scheme:// */
    size_t p = 0;
    if (is_alpha((unsigned char)c->t[0])) {
        size_t k = 1;
        while (k < n && (is_alnum((unsigned char)c->t[k]) || c->t[k] == '+' || c->t[k] == '.' || c->t[k] == '-'))
            k++;
        if (k + 3 <= n && c->t[k] == ':' && c->t[k + 1] == '/' && c->t[k + 2] == '/') {
            p = k + 3;
            c->form = FORM_SCHEME;
        }
    }

    /* an IPv6 literal stays as written */
    size_t colons = 0;
    int v6 = n > p, hexish = 0;
    for (size_t k = p; k < n && v6; k++) {
        char ch = c->t[k];
        if (ch == ':') colons++;
        else if (is_hex((unsigned char)ch) || ch == '*') hexish = 1;
        else if (ch != '.' && ch != '[' && ch != ']') v6 = 0;
    }
    if (v6 && colons >= 2 && hexish) {
        if (c->form == FORM_NAME) c->form = FORM_IPV6;
        c->core_off = p;
        c->core_len = n - p;
        c->t[n] = '\0';
        return;
    }

    /* a path or a CIDR suffix */
    for (size_t k = p; k < n; k++) {
        if (c->t[k] == '/' || c->t[k] == '\\') {
            size_t m = cidr(c, p, n, uf);
            if (m) {
                n = m;
            } else {
                for (size_t j = k; j < n; j++)
                    mark(uf, c->src[j], OQSDM_PXB_F_STRAY);
                n = k;
            }
            break;
        }
    }

    /* host:port */
    size_t colon = n, ncolon = 0;
    for (size_t k = p; k < n; k++)
        if (c->t[k] == ':') { ncolon++; colon = k; }
    int port = 0;
    if (ncolon == 1 && colon > p && n - colon >= 2 && n - colon <= 6) {
        unsigned v = 0;
        int digits = 1;
        for (size_t k = colon + 1; k < n; k++) {
            if (!is_digit((unsigned char)c->t[k])) digits = 0;
            else v = v * 10 + (unsigned)(c->t[k] - '0');
        }
        port = digits && v >= 1 && v <= 65535;
    }
    if (port) {
        char tail[8];
        uint16_t tsrc[8];
        size_t tl = n - colon;
        memcpy(tail, c->t + colon, tl);
        memcpy(tsrc, c->src + colon, tl * sizeof tsrc[0]);
        size_t hend = clean_name(c, p, colon, uf);
        if (hend == p) {
            n = 0;
        } else {
            memcpy(c->t + hend, tail, tl);
            memcpy(c->src + hend, tsrc, tl * sizeof tsrc[0]);
            c->core_off = p;
            c->core_len = hend - p;
            n = hend + tl;
            if (c->form == FORM_NAME) c->form = FORM_PORT;
        }
    } else {
        size_t hend = clean_name(c, p, n, uf);
        if (hend == p) {
            n = 0;
        } else {
            n = hend;
            c->core_off = p;
            c->core_len = hend - p;
        }
    }
    if (n == 0) {
        c->form = FORM_NAME;
        c->core_off = c->core_len = 0;
    }
    c->n = n;
    c->t[n] = '\0';
}

/* How good a reading of units [s, e) is, for joining broken pieces:
 * 3 an expected entry, 2 near one, 1 a dotted name, 0 nothing useful. */
static int quality(work *w, size_t s, size_t e)
{
    cleaned *c = &w->c2;
    clean_units(w, s, e, 0, c, NULL);
    if (c->n == 0) return 0;
    if (c->form != FORM_NAME) return 1;
    if (exact_expected(w, c->t, c->n) >= 0) return 3;
    if (is_match_all(c->t)) return 0;
    for (size_t i = 0; i < w->ne; i++)
        if (near_score(w, c->t, c->n, i) >= 0) return 2;
    return memchr(c->t, '.', c->n) ? 1 : 0;
}

/* --- items */

/* Copies s[0..n) into the pool; the empty string at 0 when it would not
 * fit, which the limits rule out (see the pool's size). */
static size_t pool_put(work *w, const char *s, size_t n)
{
    oqsdm_pxb_result *r = w->r;
    if (w->pool_used + n + 1 > sizeof r->pool)
        return 0;
    size_t at = w->pool_used;
    memcpy(r->pool + at, s, n);
    r->pool[at + n] = '\0';
    w->pool_used += n + 1;
    return at;
}

/* Adds an item for units [us, ue) whose cleaned text is t[0..n). */
static void add_item(work *w, size_t us, size_t ue, const char *t, size_t n, int form,
                     size_t core_off, size_t core_len)
{
    oqsdm_pxb_result *r = w->r;
    if (r->nitems == OQSDM_PXB_MAX_ITEMS) {
        w->too_many = 1;
        return;
    }
    size_t i = r->nitems++;
    oqsdm_pxb_item *it = &r->item[i];
    memset(it, 0, sizeof *it);
    it->expected = it->similar = -1;
    it->off = w->u[us].off;
    it->len = (size_t)w->u[ue - 1].off + w->u[ue - 1].len - it->off;
    it->written_at = pool_put(w, w->in + it->off, it->len);
    it->fix_at = pool_put(w, t, n);
    w->it_us[i] = (uint16_t)us;
    w->it_ue[i] = (uint16_t)ue;
    w->it_form[i] = (uint8_t)form;
    w->it_core_off[i] = (uint16_t)core_off;
    w->it_core_len[i] = (uint16_t)core_len;
}

/* Where run-together entries in t[0..n) (a cleaned name) begin: the cut
 * positions, ascending, in w->cuts; returns how many. */
static size_t find_cuts(work *w, const char *t, size_t n)
{
    size_t nc = 0;
    if (exact_expected(w, t, n) >= 0)
        return 0;
    w->dots[0] = 0;
    for (size_t i = 0; i < n; i++)
        w->dots[i + 1] = (uint16_t)(w->dots[i] + (t[i] == '.'));
#define DOT_IN(a, b) (w->dots[(b)] > w->dots[(a)])
    /* "*." after a letter or digit of a dotted entry */
    size_t *seg = w->seg;
    size_t nseg = 0, last = 0;
    seg[nseg++] = 0;
    for (size_t k = 1; k + 1 < n; k++) {
        if (t[k] == '*' && t[k + 1] == '.' && is_alnum((unsigned char)t[k - 1]) && DOT_IN(last, k)) {
            seg[nseg++] = k;
            last = k;
        }
    }
    seg[nseg] = n;
    for (size_t si = 0; si < nseg; si++) {
        size_t a = seg[si], b = seg[si + 1];
        if (si > 0)
            w->cuts[nc++] = a;
        if (exact_expected(w, t + a, b - a) >= 0)
            continue;
        /* an expected entry starting or ending inside */
        size_t start = a, k = a;
        while (k < b) {
            int boundary = k == start ||
                (is_alnum((unsigned char)t[k - 1]) && (is_alnum((unsigned char)t[k]) || t[k] == '*') &&
                 DOT_IN(start, k));
            size_t best = 0;
            if (boundary) {
                for (size_t i = 0; i < w->ne; i++) {
                    size_t le = w->elen[i], end = k + le;
                    if (w->e_special[i] || end > b || le <= best || !ieqn(t + k, w->e[i], le))
                        continue;
                    if (end < b && !(is_alnum((unsigned char)t[end - 1]) &&
                                     (is_alnum((unsigned char)t[end]) || t[end] == '*') && DOT_IN(end, b)))
                        continue;
                    best = le;
                }
            }
            if (best) {
                if (k > start)
                    w->cuts[nc++] = k;
                if (k + best < b)
                    w->cuts[nc++] = k + best;
                start = k = k + best;
                continue;
            }
            k++;
        }
    }
#undef DOT_IN
    return nc;
}

/* Items of one sub-token, units [s, e). */
static void items_of(work *w, size_t s, size_t e, int special)
{
    cleaned *c = &w->c;
    clean_units(w, s, e, special, c, w->uf);
    if (c->n == 0) {
        for (size_t i = s; i < e; i++)
            w->uf[i] |= OQSDM_PXB_F_MALFORMED;
        add_item(w, s, e, "", 0, FORM_NAME, 0, 0);
        return;
    }
    if (c->form != FORM_NAME) {
        add_item(w, s, e, c->t, c->n, c->form, c->core_off, c->core_len);
        return;
    }
    /* Cut until no piece cuts further on its own: the correction writes
     * each piece as an entry of its own, and reading that again must not
     * find a cut this reading did not make. */
    size_t *b = w->bounds, nb = 2;
    b[0] = 0;
    b[1] = c->n;
    for (size_t i = 0; i + 1 < nb;) {
        size_t a = b[i];
        size_t nc = find_cuts(w, c->t + a, b[i + 1] - a);
        if (nc == 0) {
            i++;
            continue;
        }
        memmove(b + i + 1 + nc, b + i + 1, (nb - i - 1) * sizeof b[0]);
        for (size_t k = 0; k < nc; k++)
            b[i + 1 + k] = a + w->cuts[k];
        nb += nc;
    }
    size_t ufrom = s;
    for (size_t k = 0; k + 1 < nb; k++) {
        size_t from = b[k], to = b[k + 1];
        size_t uto = k + 2 < nb ? c->src[to] : e;
        if (to > from && uto > ufrom)
            add_item(w, ufrom, uto, c->t + from, to - from, FORM_NAME, 0, to - from);
        ufrom = uto;
    }
}

static const char *const SPECIALS[2] = {"<local>", "<-loopback>"};

/* The special name units [s, e) stand for (0, 1), -1 for none; *dist is
 * the distance. */
static int special_of(work *w, size_t s, size_t e, int *dist)
{
    cleaned *c = &w->c2;
    clean_units(w, s, e, 1, c, NULL);
    int best = -1, bd = 3;
    for (int k = 0; k < 2; k++) {
        int d = osa(c->t, c->n, SPECIALS[k], strlen(SPECIALS[k]), 2);
        if (d < bd) { bd = d; best = k; }
    }
    *dist = bd;
    return best;
}

/* One group of tokens, units [s, e): <...> specials split off. A '>'
 * without its '<', or a '<' without its '>', only makes a special when
 * what it closes or opens is near one ("local>", "<local"); otherwise it
 * is a stray character of a name. */
static void items_of_group(work *w, size_t s, size_t e)
{
    size_t start = s;
    int in_special = 0, d;
    for (size_t i = s; i < e; i++) {
        const unit *u = &w->u[i];
        if (u->cls & (U_JUNK | U_QUOTE)) continue;
        if (u->ch == '<') {
            if (in_special) continue;
            if (i > start) items_of(w, start, i, 0);
            start = i;
            in_special = 1;
        } else if (u->ch == '>') {
            if (!in_special && special_of(w, start, i + 1, &d) < 0)
                continue;
            items_of(w, start, i + 1, 1);
            start = i + 1;
            in_special = 0;
        }
    }
    if (start < e)
        items_of(w, start, e, in_special && special_of(w, start, e, &d) >= 0);
}

/* The gap between units [a, b): what separates; `edge` at the start or end. */
static oqsdm_pxb_sep gap_kind(const work *w, size_t a, size_t b, int edge)
{
    int semi = 0, fw = 0, comma = 0, nl = 0, odd = 0;
    for (size_t i = a; i < b; i++) {
        const unit *u = &w->u[i];
        if (is_ascii_semi(u)) semi = 1;
        else if (u->ch == ';') fw = 1;
        else if (u->ch == ',') comma = 1;
        else if (u->cls & U_NL) nl = 1;
        else if (u->cls & U_ODD) odd = 1;
    }
    if (edge || semi) {
        if (nl) return OQSDM_PXB_SEP_LINE_BREAK;
        if (!fw && !comma && !odd) return OQSDM_PXB_SEP_CLEAN;
        if (semi) return OQSDM_PXB_SEP_OTHER;
        if (fw) return OQSDM_PXB_SEP_FULLWIDTH;
        if (comma) return OQSDM_PXB_SEP_COMMA;
        return OQSDM_PXB_SEP_SPACE;
    }
    if (a == b) return OQSDM_PXB_SEP_NONE;
    if (nl) return OQSDM_PXB_SEP_LINE_BREAK;
    if (fw) return OQSDM_PXB_SEP_FULLWIDTH;
    if (comma) return OQSDM_PXB_SEP_COMMA;
    return OQSDM_PXB_SEP_SPACE;
}

static int has_ascii_semi(const work *w, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (is_ascii_semi(&w->u[i])) return 1;
    return 0;
}

/* A '<' after the last '>' in units [a, b). */
static int unclosed_angle(const work *w, size_t a, size_t b)
{
    int open = 0;
    for (size_t i = a; i < b; i++) {
        if (w->u[i].cls & (U_JUNK | U_QUOTE)) continue;
        if (w->u[i].ch == '<') open = 1;
        else if (w->u[i].ch == '>') open = 0;
    }
    return open;
}

static void build_items(work *w)
{
    /* tokens: runs of units that do not separate */
    w->ntok = 0;
    for (size_t i = 0; i < w->nu;) {
        if (is_sep_unit(&w->u[i])) { i++; continue; }
        size_t s = i;
        while (i < w->nu && !is_sep_unit(&w->u[i])) i++;
        w->tok_s[w->ntok] = (uint16_t)s;
        w->tok_e[w->ntok] = (uint16_t)i;
        w->ntok++;
    }
    /* groups: tokens a stray blank, comma or line break broke apart */
    for (size_t t = 0; t < w->ntok && !w->too_many;) {
        size_t gs = w->tok_s[t], ge = w->tok_e[t];
        size_t next = t + 1;
        while (next < w->ntok && !has_ascii_semi(w, ge, w->tok_s[next])) {
            size_t bs = w->tok_s[next], be = w->tok_e[next];
            int join = unclosed_angle(w, gs, ge);
            if (!join && be - gs <= 1024) {
                int qa = quality(w, gs, ge), qb = quality(w, bs, be), qab = quality(w, gs, be);
                int hi = qa > qb ? qa : qb, lo = qa < qb ? qa : qb;
                join = qab > hi || (qab == hi && lo == 0 && qab > 0);
                /* a visible '.' or '-' must sit at the break: "*. x", "x .y" */
                if (join && qab < 3) {
                    size_t la = ge;
                    while (la > gs && !is_visible(&w->u[la - 1])) la--;
                    size_t fb = bs;
                    while (fb < be && !is_visible(&w->u[fb])) fb++;
                    int ca = la > gs ? w->u[la - 1].ch : 0, cb = fb < be ? w->u[fb].ch : 0;
                    int stars = 1;
                    for (size_t k = gs; k < ge; k++)
                        if (is_visible(&w->u[k]) && w->u[k].ch != '*') stars = 0;
                    join = ca == '.' || ca == '-' || cb == '.' || cb == '-' || stars;
                }
            }
            if (!join) break;
            ge = be;
            next++;
        }
        items_of_group(w, gs, ge);
        t = next;
    }
}

/* Entry span (as WinINet trims it) around units [us, ue). */
static void entry_span(const work *w, size_t us, size_t ue, size_t *es, size_t *ee)
{
    size_t a = us, b = ue;
    while (a > 0 && !is_ascii_semi(&w->u[a - 1])) a--;
    while (b < w->nu && !is_ascii_semi(&w->u[b])) b++;
    while (a < b && (w->u[a].cls & U_BLANK)) a++;
    while (b > a && (w->u[b - 1].cls & U_BLANK)) b--;
    *es = a;
    *ee = b;
}

static void classify(work *w)
{
    oqsdm_pxb_result *r = w->r;
    size_t ni = r->nitems;

    /* separators and per-unit marks */
    for (size_t i = 0; i < ni; i++) {
        oqsdm_pxb_item *it = &r->item[i];
        size_t us = w->it_us[i], ue = w->it_ue[i];
        size_t prev_end = i > 0 ? w->it_ue[i - 1] : 0;
        it->sep = gap_kind(w, prev_end, us, i == 0);
        size_t es, ee;
        entry_span(w, us, ue, &es, &ee);
        it->entry_off = w->u[es].off;
        it->entry_len = (size_t)w->u[ee - 1].off + w->u[ee - 1].len - it->entry_off;
        int entry = 0;
        for (size_t k = 0; k < us; k++)
            entry += is_ascii_semi(&w->u[k]);
        it->entry = entry;
        unsigned f = 0;
        for (size_t k = us; k < ue; k++)
            f |= w->uf[k];
        if (es != us || ee != ue)
            f |= OQSDM_PXB_F_SEPARATOR;
        it->faults = f;
    }
    r->end_sep = ni > 0 ? gap_kind(w, w->it_ue[ni - 1], w->nu, 1)
                        : gap_kind(w, 0, w->nu, 1);

    /* what each item is, before looking at the others */
    for (size_t i = 0; i < ni; i++) {
        oqsdm_pxb_item *it = &r->item[i];
        const char *t = r->pool + it->fix_at;
        size_t n = strlen(t);
        w->it_pending[i] = 0;
        if (n == 0) {
            it->kind = OQSDM_PXB_K_MALFORMED;
            it->faults |= OQSDM_PXB_F_MALFORMED;
        } else if (w->it_form[i] == FORM_SPECIAL) {
            const char *const *names = SPECIALS;
            int best = -1, bd = 3;
            for (int k = 0; k < 2; k++) {
                int d = osa(t, n, names[k], strlen(names[k]), 2);
                if (d < bd) { bd = d; best = k; }
            }
            if (best < 0) {
                it->kind = OQSDM_PXB_K_MALFORMED;
                it->faults |= OQSDM_PXB_F_MALFORMED;
                r->pool[it->fix_at] = '\0';
            } else {
                if (bd > 0) it->faults |= OQSDM_PXB_F_MISSPELT;
                /* the fix always fits: the slot holds the written text's
                 * cleaned form or at least 11 bytes (see the pool's size) */
                size_t nl = strlen(names[best]);
                if (nl > n) {
                    it->fix_at = pool_put(w, names[best], nl);
                } else {
                    memcpy(r->pool + it->fix_at, names[best], nl + 1);
                }
                int ex = exact_expected(w, names[best], nl);
                if (ex >= 0) {
                    it->kind = OQSDM_PXB_K_EXPECTED;
                    it->expected = ex;
                } else {
                    it->kind = best == 0 ? OQSDM_PXB_K_LOCAL : OQSDM_PXB_K_EXTRA;
                }
            }
        } else if (w->it_form[i] == FORM_NAME && exact_expected(w, t, n) >= 0) {
            it->kind = OQSDM_PXB_K_EXPECTED;
            it->expected = exact_expected(w, t, n);
        } else if (w->it_form[i] == FORM_NAME && is_match_all(t)) {
            it->kind = OQSDM_PXB_K_MATCH_ALL;
        } else {
            it->kind = OQSDM_PXB_K_EXTRA;
            w->it_pending[i] = w->it_form[i] != FORM_IPV6;
        }
        w->it_effective[i] = (it->faults & OQSDM_PXB_F_FAULTS) == 0;
    }

    /* present: written exactly and working */
    int present[OQSDM_PXB_MAX_EXPECTED], cover_all[OQSDM_PXB_MAX_EXPECTED];
    unsigned cover_count[OQSDM_PXB_MAX_EXPECTED];  /* working coverers, MATCH_ALL aside */
    unsigned claimed[OQSDM_PXB_MAX_EXPECTED];
    for (size_t e = 0; e < w->ne; e++) {
        present[e] = cover_all[e] = -1;
        cover_count[e] = claimed[e] = 0;
    }
    for (size_t i = 0; i < ni; i++) {
        const oqsdm_pxb_item *it = &r->item[i];
        if (it->kind == OQSDM_PXB_K_EXPECTED && w->it_effective[i] && present[it->expected] < 0)
            present[it->expected] = (int)i;
    }
    /* covered: a working name entry covers every host the expected one does */
    for (size_t i = 0; i < ni; i++) {
        const oqsdm_pxb_item *it = &r->item[i];
        if (!w->it_effective[i] || w->it_form[i] != FORM_NAME)
            continue;
        const char *t = r->pool + it->fix_at;
        for (size_t e = 0; e < w->ne; e++) {
            if (present[e] >= 0 || w->e_special[e])
                continue;
            if (!oqsdm_proxy_wildcard_match(t, w->e[e]))
                continue;
            if (cover_all[e] < 0) cover_all[e] = (int)i;
            if (it->kind != OQSDM_PXB_K_MATCH_ALL) cover_count[e]++;
        }
    }

    /* misspellings, then extras */
    for (size_t i = 0; i < ni; i++) {
        oqsdm_pxb_item *it = &r->item[i];
        if (!w->it_pending[i])
            continue;
        const char *fix = r->pool + it->fix_at;
        const char *t = fix + w->it_core_off[i];
        size_t n = w->it_core_len[i];
        int self_covers_ok = w->it_effective[i] && w->it_form[i] == FORM_NAME;
        int best = -1, bs = 99, similar = -1, ss = 99;
        for (size_t e = 0; e < w->ne; e++) {
            int sc = near_score(w, t, n, e);
            if (sc < 0)
                continue;
            unsigned others = cover_count[e];
            if (others > 0 && self_covers_ok && oqsdm_proxy_wildcard_match(fix, w->e[e]))
                others--;
            if (present[e] >= 0 || others > 0) {
                if (sc < ss) { ss = sc; similar = (int)e; }
                continue;
            }
            if (sc < bs || (sc == bs && claimed[best] > 0 && claimed[e] == 0)) {
                bs = sc;
                best = (int)e;
            }
        }
        if (best >= 0) {
            it->kind = OQSDM_PXB_K_EXPECTED;
            it->expected = best;
            it->faults |= bs == 0 ? OQSDM_PXB_F_STRAY : OQSDM_PXB_F_MISSPELT;
            claimed[best]++;
            continue;
        }
        it->similar = similar;
        if (w->it_form[i] == FORM_NAME) {
            for (size_t e = 0; e < w->ne; e++)
                if (!w->e_special[e] && oqsdm_proxy_wildcard_match(fix, w->e[e])) {
                    it->kind = OQSDM_PXB_K_BROADER;
                    break;
                }
        }
    }

    /* the expected entries' states */
    for (size_t e = 0; e < w->ne; e++) {
        oqsdm_pxb_expected *x = &r->expected[e];
        x->item = x->faulty_item = -1;
        for (size_t i = 0; i < ni; i++) {
            const oqsdm_pxb_item *it = &r->item[i];
            if (it->kind == OQSDM_PXB_K_EXPECTED && it->expected == (int)e &&
                (it->faults & OQSDM_PXB_F_FAULTS)) {
                x->faulty_item = (int)i;
                break;
            }
        }
        if (present[e] >= 0) {
            x->state = OQSDM_PXB_S_PRESENT;
            x->item = present[e];
            r->present++;
        } else if (cover_all[e] >= 0) {
            x->state = OQSDM_PXB_S_COVERED;
            x->item = cover_all[e];
            r->covered++;
        } else if (x->faulty_item >= 0) {
            x->state = OQSDM_PXB_S_FAULTY;
            r->faulty++;
        } else {
            x->state = OQSDM_PXB_S_MISSING;
            r->missing++;
        }
    }

    /* duplicates, the verdict */
    r->match_all = -1;
    int any_fault = r->end_sep != OQSDM_PXB_SEP_CLEAN;
    for (size_t i = 0; i < ni; i++) {
        oqsdm_pxb_item *it = &r->item[i];
        if ((it->faults & OQSDM_PXB_F_FAULTS) || it->sep != OQSDM_PXB_SEP_CLEAN)
            any_fault = 1;
        if (it->kind == OQSDM_PXB_K_MATCH_ALL && w->it_effective[i] && r->match_all < 0)
            r->match_all = (int)i;
        for (size_t j = 0; j < i; j++) {
            const oqsdm_pxb_item *p = &r->item[j];
            int same = 0;
            if (it->kind == OQSDM_PXB_K_EXPECTED)
                same = p->kind == OQSDM_PXB_K_EXPECTED && p->expected == it->expected;
            else if (it->kind == OQSDM_PXB_K_LOCAL)
                same = p->kind == OQSDM_PXB_K_LOCAL;
            else if (it->kind == OQSDM_PXB_K_EXTRA || it->kind == OQSDM_PXB_K_BROADER)
                same = (p->kind == OQSDM_PXB_K_EXTRA || p->kind == OQSDM_PXB_K_BROADER) &&
                       ieq(r->pool + p->fix_at, r->pool + it->fix_at);
            if (same) {
                it->faults |= OQSDM_PXB_F_DUPLICATE;
                break;
            }
        }
    }
    if (r->faulty || r->missing) r->status = OQSDM_PXB_FAIL;
    else if (r->match_all >= 0) r->status = OQSDM_PXB_MATCH_ALL;
    else if (any_fault) r->status = OQSDM_PXB_FAULTS;
    else r->status = OQSDM_PXB_OK;
}

/* The corrected value; 0 when it does not fit. */
static int correct(work *w)
{
    oqsdm_pxb_result *r = w->r;
    char *out = r->corrected;
    size_t len = 0, count = 0, cap = sizeof r->corrected;
    int local = 0;
#define APPEND(s) do { const char *s_ = (s); size_t l_ = strlen(s_); \
        if (len + (len > 0) + l_ + 1 > cap) return 0; \
        if (len > 0) out[len++] = ';'; \
        memcpy(out + len, s_, l_); len += l_; out[len] = '\0'; count++; } while (0)
    out[0] = '\0';
    for (size_t e = 0; e < w->ne; e++)
        APPEND(w->e[e]);
    for (size_t i = 0; i < r->nitems; i++) {
        const oqsdm_pxb_item *it = &r->item[i];
        if (it->kind == OQSDM_PXB_K_LOCAL) local = 1;
        if ((it->kind == OQSDM_PXB_K_EXTRA || it->kind == OQSDM_PXB_K_BROADER) &&
            !(it->faults & OQSDM_PXB_F_DUPLICATE))
            APPEND(r->pool + it->fix_at);
    }
    if (local && exact_expected(w, "<local>", 7) < 0)
        APPEND("<local>");
#undef APPEND
    return count <= OQSDM_PXB_MAX_ITEMS;
}

int oqsdm_proxy_check_bypass(const char *override, const char *expected, oqsdm_pxb_result *out)
{
    memset(out, 0, sizeof *out);
    work *w = calloc(1, sizeof *w);
    if (!w)
        return -2;
    out->match_all = -1;
    w->r = out;
    w->pool_used = 1;   /* pool[0] is "" */
    if (parse_expected(w, expected) != 0) {
        free(w);
        memset(out, 0, sizeof *out);
        return -1;
    }
    out->nexpected = w->ne;
    for (size_t e = 0; e < w->ne; e++) {
        out->expected[e].state = OQSDM_PXB_S_MISSING;
        out->expected[e].item = out->expected[e].faulty_item = -1;
    }
    if (!override)
        override = "";
    w->in = override;
    w->n = bounded_len(override, OQSDM_PXB_MAX_INPUT);
    if (w->n >= OQSDM_PXB_MAX_INPUT) {
        out->status = OQSDM_PXB_TOO_LONG;
        free(w);
        return 0;
    }
    decode_units(w);
    build_items(w);
    if (w->too_many) {
        size_t ne = out->nexpected;
        char etext[sizeof out->etext];
        oqsdm_pxb_expected ex[OQSDM_PXB_MAX_EXPECTED];
        memcpy(etext, out->etext, sizeof etext);
        memcpy(ex, out->expected, sizeof ex);
        memset(out, 0, sizeof *out);
        memcpy(out->etext, etext, sizeof etext);
        memcpy(out->expected, ex, sizeof ex);
        out->nexpected = ne;
        out->match_all = -1;
        out->status = OQSDM_PXB_TOO_MANY;
        free(w);
        return 0;
    }
    classify(w);
    out->corrected_ok = correct(w);
    if (!out->corrected_ok)
        out->corrected[0] = '\0';
    free(w);
    return 0;
}

const char *oqsdm_pxb_item_written(const oqsdm_pxb_result *r, size_t i)
{
    return i < r->nitems ? r->pool + r->item[i].written_at : "";
}

const char *oqsdm_pxb_item_fix(const oqsdm_pxb_result *r, size_t i)
{
    if (i >= r->nitems)
        return "";
    const oqsdm_pxb_item *it = &r->item[i];
    switch (it->kind) {
    case OQSDM_PXB_K_EXPECTED:
        return it->expected >= 0 && (size_t)it->expected < r->nexpected
                   ? r->etext + r->expected[it->expected].text_at : "";
    case OQSDM_PXB_K_LOCAL: return "<local>";
    case OQSDM_PXB_K_MATCH_ALL:
    case OQSDM_PXB_K_MALFORMED: return "";
    default: return r->pool + it->fix_at;
    }
}

const char *oqsdm_pxb_expected_text(const oqsdm_pxb_result *r, size_t i)
{
    return i < r->nexpected ? r->etext + r->expected[i].text_at : "";
}

const char *oqsdm_pxb_status_name(oqsdm_pxb_status s)
{
    switch (s) {
    case OQSDM_PXB_OK: return "ok";
    case OQSDM_PXB_FAIL: return "fail";
    case OQSDM_PXB_FAULTS: return "faults";
    case OQSDM_PXB_MATCH_ALL: return "match_all";
    case OQSDM_PXB_TOO_LONG: return "too_long";
    case OQSDM_PXB_TOO_MANY: return "too_many";
    }
    return "unknown";
}

const char *oqsdm_pxb_kind_name(oqsdm_pxb_kind k)
{
    switch (k) {
    case OQSDM_PXB_K_EXPECTED: return "expected";
    case OQSDM_PXB_K_EXTRA: return "extra";
    case OQSDM_PXB_K_BROADER: return "broader";
    case OQSDM_PXB_K_LOCAL: return "local";
    case OQSDM_PXB_K_MATCH_ALL: return "match_all";
    case OQSDM_PXB_K_MALFORMED: return "malformed";
    }
    return "unknown";
}

const char *oqsdm_pxb_sep_name(oqsdm_pxb_sep s)
{
    switch (s) {
    case OQSDM_PXB_SEP_CLEAN: return "clean";
    case OQSDM_PXB_SEP_NONE: return "none";
    case OQSDM_PXB_SEP_SPACE: return "space";
    case OQSDM_PXB_SEP_COMMA: return "comma";
    case OQSDM_PXB_SEP_FULLWIDTH: return "fullwidth_semicolon";
    case OQSDM_PXB_SEP_LINE_BREAK: return "line_break";
    case OQSDM_PXB_SEP_OTHER: return "other";
    }
    return "unknown";
}

const char *oqsdm_pxb_state_name(oqsdm_pxb_state s)
{
    switch (s) {
    case OQSDM_PXB_S_PRESENT: return "present";
    case OQSDM_PXB_S_COVERED: return "covered";
    case OQSDM_PXB_S_FAULTY: return "faulty";
    case OQSDM_PXB_S_MISSING: return "missing";
    }
    return "unknown";
}

const char *oqsdm_pxb_fault_name(unsigned bit)
{
    switch (bit) {
    case OQSDM_PXB_F_SEPARATOR: return "separator";
    case OQSDM_PXB_F_FULLWIDTH: return "fullwidth";
    case OQSDM_PXB_F_QUOTES: return "quotes";
    case OQSDM_PXB_F_STRAY: return "stray";
    case OQSDM_PXB_F_NO_STAR: return "no_star";
    case OQSDM_PXB_F_MISSPELT: return "misspelt";
    case OQSDM_PXB_F_MALFORMED: return "malformed";
    case OQSDM_PXB_F_DUPLICATE: return "duplicate";
    }
    return "";
}
