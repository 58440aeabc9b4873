/*
 * portal.c: the four latest versions read from the portal page's section
 * "application version information" (see portal.h for the contract).
 *
 * The markup is unknown and will change, so everything is located by text,
 * never by position:
 *
 *  1. The page is decoded to UTF-8 (portal_decode.c) and parsed by libxml2's
 *     HTML parser, which never touches the network (HTML_PARSE_NONET, and
 *     an HTML document has no external entities to load anyway).
 *  2. The section's heading is found by its text, compared after folding:
 *     whitespace dropped, full-width ASCII and half-width katakana made
 *     ordinary, ASCII lower case, dashes and the long vowel mark made one,
 *     voiced katakana split into base and mark (so half-width forms match).
 *     A real heading (h1-h6, role=heading) is preferred; without one, a
 *     short element holding only that text (a bold line, a caption, a
 *     table's title row, a dt) counts, but never a link, nor a sentence
 *     that merely mentions it. The section is everything after the heading
 *     up to the next heading of the same or a higher level (a pseudo
 *     heading's section also ends at the next element shaped like it, at
 *     the end of its table or list, and at any real heading); a <footer>
 *     ends every section. Several headings: the first whose section names
 *     any version wins.
 *  3. Inside, tables are laid out on a grid (rowspan, colspan) and lines
 *     are made of everything else (block elements and <br> break lines).
 *     Applications and card reader vendors are recognised by name
 *     (portal.h's list; "haishin apuri" short forms and OQSDistroApp-style
 *     names count; a name followed by "kanri" (management, as in the
 *     management tool) is not the application). A table row takes its
 *     version from the column whose header names the version, else from
 *     the cell that looks most like a version (a dotted number that is not
 *     a date beats a dotted number beats any digit), else from the text
 *     after the name in the name's own cell. A line takes the text after
 *     the name, or the next line when the name stands alone, and only text
 *     that starts like a version (a digit, "v...", "baajon", "saishin"),
 *     so a sentence about an application is not its version. Rows with a
 *     vendor's name are the card reader's rows for that vendor. Notes
 *     (lines starting with the reference mark or '*') are skipped, and a
 *     value ends before a note after it or a bracket naming an old
 *     version ("1.0.12 (kyuu: 1.0.11)"). The first text found for an
 *     application wins.
 *
 * No string literal here is non-ASCII: the Japanese names are UTF-8 written
 * as \x escapes, with their meaning in the comment beside them.
 */
#include "oqsdm/portal.h"
#include "oqsdm/text.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS 64          /* columns of a table beyond this are ignored */
#define MAX_ROWS 4096        /* rows of a table beyond this are ignored */
#define MAX_TABLE_DEPTH 32   /* deeper nested tables are read as plain blocks */
#define MAX_CANDIDATES 16    /* headings tried, in document order */
#define MAX_MATCHES 256      /* places the phrase is found (links, menus, headings) */
#define PSEUDO_EXTRA 24      /* a pseudo heading: the phrase and at most this many more characters */
#define SHORT_TEXT 40        /* a sub-heading that ends a pseudo heading's section */
#define NODE_BUDGET 512      /* nodes visited when measuring an element's text */
#define FOLD_MAX 64          /* longest folded name */
#define HEADING_TEXT_MAX 160 /* a heading's text looked at for "past" words */

/* The section's heading: "apurikeeshon baajon jouhou". */
#define S_PHRASE "\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa\xe3\x82\xb1\xe3\x83\xbc\xe3\x82\xb7\xe3\x83\xa7\xe3\x83\xb3\xe3\x83\x90\xe3\x83\xbc\xe3\x82\xb8\xe3\x83\xa7\xe3\x83\xb3\xe6\x83\x85\xe5\xa0\xb1"
/* "baajon" (version), a version column's header */
#define S_VERSION "\xe3\x83\x90\xe3\x83\xbc\xe3\x82\xb8\xe3\x83\xa7\xe3\x83\xb3"
/* "saishin" (latest) */
#define S_LATEST "\xe6\x9c\x80\xe6\x96\xb0"
/* "kanri" (management), as in the management tool */
#define S_KANRI "\xe7\xae\xa1\xe7\x90\x86"
/* "kudasai" (please): a sentence, not a heading */
#define S_KUDASAI "\xe3\x81\x8f\xe3\x81\xa0\xe3\x81\x95\xe3\x81\x84"
/* "genkou", "genzai" (current): with "saishin", a column of the latest */
#define S_CURRENT1 "\xe7\x8f\xbe\xe8\xa1\x8c"
#define S_CURRENT2 "\xe7\x8f\xbe\xe5\x9c\xa8"

/* Words that make a heading or a column header about versions that are not
 * the latest: "kako" (past), "kyuu" (old), "izen" (before), "rireki"
 * (history), "zenkai" (previous), "yotei" (planned), "jiki" (next). A
 * section "kako no apurikeeshon baajon jouhou" holds the numbers of old
 * releases: taking them as the latest would call an outdated terminal
 * up to date. */
static const char *const not_current_src[] = {
    "\xe9\x81\x8e\xe5\x8e\xbb", "\xe6\x97\xa7", "\xe4\xbb\xa5\xe5\x89\x8d",
    "\xe5\xb1\xa5\xe6\xad\xb4", "\xe5\x89\x8d\xe5\x9b\x9e", "\xe4\xba\x88\xe5\xae\x9a",
    "\xe6\xac\xa1\xe6\x9c\x9f"};
#define NNOTCUR ((int)(sizeof not_current_src / sizeof not_current_src[0]))

/* K_TOOL: a name followed by "kanri", a management tool: its version is
 * another number (the vendor's PC tool), so a row or line naming one gives
 * no vendor's version. */
enum { K_APP = 0, K_VENDOR = 1, K_TOOL = 2 };

static const struct {
    const char *s;
    unsigned char kind, id;
} alias_src[] = {
    /* haishin apurikeeshon, haishin apuri */
    {"\xe9\x85\x8d\xe4\xbf\xa1\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa\xe3\x82\xb1\xe3\x83\xbc\xe3\x82\xb7\xe3\x83\xa7\xe3\x83\xb3", K_APP, OQSDM_PORTAL_DISTRO},
    {"\xe9\x85\x8d\xe4\xbf\xa1\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa", K_APP, OQSDM_PORTAL_DISTRO},
    {"OQSDistroApp", K_APP, OQSDM_PORTAL_DISTRO},
    /* renkei apurikeeshon, renkei apuri */
    {"\xe9\x80\xa3\xe6\x90\xba\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa\xe3\x82\xb1\xe3\x83\xbc\xe3\x82\xb7\xe3\x83\xa7\xe3\x83\xb3", K_APP, OQSDM_PORTAL_COM},
    {"\xe9\x80\xa3\xe6\x90\xba\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa", K_APP, OQSDM_PORTAL_COM},
    {"OqsComApp", K_APP, OQSDM_PORTAL_COM},
    /* kao ninshou raiburari */
    {"\xe9\xa1\x94\xe8\xaa\x8d\xe8\xa8\xbc\xe3\x83\xa9\xe3\x82\xa4\xe3\x83\x96\xe3\x83\xa9\xe3\x83\xaa", K_APP, OQSDM_PORTAL_FACE},
    {"OqsFaceApp", K_APP, OQSDM_PORTAL_FACE},
    /* kao ninshou tsuki kaado riidaa (apurikeeshon, apuri), with and
     * without the okurigana "ki", and without "tsuki" */
    {"\xe9\xa1\x94\xe8\xaa\x8d\xe8\xa8\xbc\xe4\xbb\x98\xe3\x81\x8d\xe3\x82\xab\xe3\x83\xbc\xe3\x83\x89\xe3\x83\xaa\xe3\x83\xbc\xe3\x83\x80\xe3\x83\xbc\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa\xe3\x82\xb1\xe3\x83\xbc\xe3\x82\xb7\xe3\x83\xa7\xe3\x83\xb3", K_APP, OQSDM_PORTAL_READER},
    {"\xe9\xa1\x94\xe8\xaa\x8d\xe8\xa8\xbc\xe4\xbb\x98\xe3\x81\x8d\xe3\x82\xab\xe3\x83\xbc\xe3\x83\x89\xe3\x83\xaa\xe3\x83\xbc\xe3\x83\x80\xe3\x83\xbc\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa", K_APP, OQSDM_PORTAL_READER},
    {"\xe9\xa1\x94\xe8\xaa\x8d\xe8\xa8\xbc\xe4\xbb\x98\xe3\x81\x8d\xe3\x82\xab\xe3\x83\xbc\xe3\x83\x89\xe3\x83\xaa\xe3\x83\xbc\xe3\x83\x80\xe3\x83\xbc", K_APP, OQSDM_PORTAL_READER},
    {"\xe9\xa1\x94\xe8\xaa\x8d\xe8\xa8\xbc\xe4\xbb\x98\xe3\x82\xab\xe3\x83\xbc\xe3\x83\x89\xe3\x83\xaa\xe3\x83\xbc\xe3\x83\x80\xe3\x83\xbc", K_APP, OQSDM_PORTAL_READER},
    {"\xe9\xa1\x94\xe8\xaa\x8d\xe8\xa8\xbc\xe3\x82\xab\xe3\x83\xbc\xe3\x83\x89\xe3\x83\xaa\xe3\x83\xbc\xe3\x83\x80\xe3\x83\xbc", K_APP, OQSDM_PORTAL_READER},
    /* Fujitsu Japan (also katakana "Japan"), Fujitsu, its tool Caora */
    {"\xe5\xaf\x8c\xe5\xa3\xab\xe9\x80\x9a" "Japan", K_VENDOR, OQSDM_PORTAL_FUJITSU},
    {"\xe5\xaf\x8c\xe5\xa3\xab\xe9\x80\x9a\xe3\x82\xb8\xe3\x83\xa3\xe3\x83\x91\xe3\x83\xb3", K_VENDOR, OQSDM_PORTAL_FUJITSU},
    {"\xe5\xaf\x8c\xe5\xa3\xab\xe9\x80\x9a", K_VENDOR, OQSDM_PORTAL_FUJITSU},
    {"Caora", K_VENDOR, OQSDM_PORTAL_FUJITSU},
    /* Panasonic Connect, Panasonic */
    {"\xe3\x83\x91\xe3\x83\x8a\xe3\x82\xbd\xe3\x83\x8b\xe3\x83\x83\xe3\x82\xaf\xe3\x82\xb3\xe3\x83\x8d\xe3\x82\xaf\xe3\x83\x88", K_VENDOR, OQSDM_PORTAL_PANASONIC},
    {"\xe3\x83\x91\xe3\x83\x8a\xe3\x82\xbd\xe3\x83\x8b\xe3\x83\x83\xe3\x82\xaf", K_VENDOR, OQSDM_PORTAL_PANASONIC},
    {"Panasonic", K_VENDOR, OQSDM_PORTAL_PANASONIC},
    /* ALMEX, its tool Myna Touch */
    {"\xe3\x82\xa2\xe3\x83\xab\xe3\x83\xa1\xe3\x83\x83\xe3\x82\xaf\xe3\x82\xb9", K_VENDOR, OQSDM_PORTAL_ALMEX},
    {"ALMEX", K_VENDOR, OQSDM_PORTAL_ALMEX},
    {"\xe3\x83\x9e\xe3\x82\xa4\xe3\x83\x8a\xe3\x82\xbf\xe3\x83\x83\xe3\x83\x81", K_VENDOR, OQSDM_PORTAL_ALMEX},
    /* Canon Marketing Japan, Canon (also the common misspelling "kyanon") */
    {"\xe3\x82\xad\xe3\x83\xa4\xe3\x83\x8e\xe3\x83\xb3\xe3\x83\x9e\xe3\x83\xbc\xe3\x82\xb1\xe3\x83\x86\xe3\x82\xa3\xe3\x83\xb3\xe3\x82\xb0\xe3\x82\xb8\xe3\x83\xa3\xe3\x83\x91\xe3\x83\xb3", K_VENDOR, OQSDM_PORTAL_CANON},
    {"\xe3\x82\xad\xe3\x83\xa4\xe3\x83\x8e\xe3\x83\xb3", K_VENDOR, OQSDM_PORTAL_CANON},
    {"\xe3\x82\xad\xe3\x83\xa3\xe3\x83\x8e\xe3\x83\xb3", K_VENDOR, OQSDM_PORTAL_CANON},
    {"Canon", K_VENDOR, OQSDM_PORTAL_CANON},
    /* Atlas Information Service, Atlas, its reader EXC-9000 */
    {"\xe3\x82\xa2\xe3\x83\x88\xe3\x83\xa9\xe3\x82\xb9\xe6\x83\x85\xe5\xa0\xb1\xe3\x82\xb5\xe3\x83\xbc\xe3\x83\x93\xe3\x82\xb9", K_VENDOR, OQSDM_PORTAL_ATLAS},
    {"\xe3\x82\xa2\xe3\x83\x88\xe3\x83\xa9\xe3\x82\xb9", K_VENDOR, OQSDM_PORTAL_ATLAS},
    {"EXC-9000", K_VENDOR, OQSDM_PORTAL_ATLAS},
};
#define NALIAS ((int)(sizeof alias_src / sizeof alias_src[0]))

static const char *const app_names[OQSDM_PORTAL_APP_COUNT] = {
    "\xe9\x85\x8d\xe4\xbf\xa1\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa\xe3\x82\xb1\xe3\x83\xbc\xe3\x82\xb7\xe3\x83\xa7\xe3\x83\xb3",
    "\xe9\x80\xa3\xe6\x90\xba\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa\xe3\x82\xb1\xe3\x83\xbc\xe3\x82\xb7\xe3\x83\xa7\xe3\x83\xb3",
    "\xe9\xa1\x94\xe8\xaa\x8d\xe8\xa8\xbc\xe3\x83\xa9\xe3\x82\xa4\xe3\x83\x96\xe3\x83\xa9\xe3\x83\xaa",
    "\xe9\xa1\x94\xe8\xaa\x8d\xe8\xa8\xbc\xe4\xbb\x98\xe3\x81\x8d\xe3\x82\xab\xe3\x83\xbc\xe3\x83\x89\xe3\x83\xaa\xe3\x83\xbc\xe3\x83\x80\xe3\x83\xbc\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa\xe3\x82\xb1\xe3\x83\xbc\xe3\x82\xb7\xe3\x83\xa7\xe3\x83\xb3",
};
static const char *const app_ids[OQSDM_PORTAL_APP_COUNT] = {"distro", "com", "face", "reader"};
static const char *const vendor_names[OQSDM_PORTAL_VENDOR_COUNT] = {
    ("\xe5\xaf\x8c\xe5\xa3\xab\xe9\x80\x9a" "Japan"),
    "\xe3\x83\x91\xe3\x83\x8a\xe3\x82\xbd\xe3\x83\x8b\xe3\x83\x83\xe3\x82\xaf\xe3\x82\xb3\xe3\x83\x8d\xe3\x82\xaf\xe3\x83\x88",
    "\xe3\x82\xa2\xe3\x83\xab\xe3\x83\xa1\xe3\x83\x83\xe3\x82\xaf\xe3\x82\xb9",
    "\xe3\x82\xad\xe3\x83\xa4\xe3\x83\x8e\xe3\x83\xb3\xe3\x83\x9e\xe3\x83\xbc\xe3\x82\xb1\xe3\x83\x86\xe3\x82\xa3\xe3\x83\xb3\xe3\x82\xb0\xe3\x82\xb8\xe3\x83\xa3\xe3\x83\x91\xe3\x83\xb3",
    "\xe3\x82\xa2\xe3\x83\x88\xe3\x83\xa9\xe3\x82\xb9\xe6\x83\x85\xe5\xa0\xb1\xe3\x82\xb5\xe3\x83\xbc\xe3\x83\x93\xe3\x82\xb9",
};
static const char *const vendor_ids[OQSDM_PORTAL_VENDOR_COUNT] = {"fujitsu", "panasonic", "almex",
                                                                  "canon", "atlas"};

/* ---------------------------------------------------------------------- */
/* Characters                                                             */

/* The characters themselves (UTF-8 decoding, whitespace, folding for
 * matching) are text.c's, so that other matchers fold the same way. */

/* Folds a NUL-terminated literal; count of code points (capped at max). */
static int fold_str(const char *s, unsigned *out, int max)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    int k = 0;
    while (i < n) {
        unsigned cp, f[2];
        i += oqsdm_text_u8_next(p, n, i, &cp);
        int m = oqsdm_text_fold_cp(cp, f);
        for (int j = 0; j < m && k < max; j++)
            out[k++] = f[j];
    }
    return k;
}

static int is_digit_cp(unsigned c)
{
    return c >= '0' && c <= '9';
}

/* ---------------------------------------------------------------------- */
/* Context and buffers                                                    */

typedef struct alias {
    unsigned cp[FOLD_MAX];
    int n;
    unsigned char kind, id;
} alias;

typedef struct sbuf {
    char *p;
    size_t len, cap;
} sbuf;

typedef struct mention {
    size_t a, b;               /* byte range of the name in its text */
    unsigned char kind, id;
} mention;

/* What one section yields. */
typedef struct sect {
    oqsdm_portal_text app[OQSDM_PORTAL_APP_COUNT];
    oqsdm_portal_text vendor[OQSDM_PORTAL_VENDOR_COUNT];
    unsigned char app_named[OQSDM_PORTAL_APP_COUNT];
    unsigned char vendor_named[OQSDM_PORTAL_VENDOR_COUNT];
    int any;
    int pending_kind, pending_id;   /* a name waiting for its value on the next line */
} sect;

typedef struct ctx {
    alias al[NALIAS];
    unsigned phrase[FOLD_MAX];
    int plen;
    unsigned kw_version[FOLD_MAX], kw_latest[FOLD_MAX], kw_kanri[FOLD_MAX], kw_kudasai[FOLD_MAX];
    int n_version, n_latest, n_kanri, n_kudasai;
    unsigned kw_cur1[FOLD_MAX], kw_cur2[FOLD_MAX];
    int n_cur1, n_cur2;
    unsigned kw_notcur[NNOTCUR][FOLD_MAX];
    int n_notcur[NNOTCUR];
    /* folded text with, per code point, the byte range it came from */
    unsigned *cp;
    size_t *cs, *ce;
    size_t ncp, capcp;
    mention *m;
    size_t nm, capm;
    int oom;
} ctx;

static int sb_reserve(ctx *c, sbuf *b, size_t add)
{
    if (c->oom)
        return -1;
    if (b->len + add + 1 <= b->cap)
        return 0;
    size_t nc = b->cap ? b->cap : 256;
    while (nc < b->len + add + 1)
        nc *= 2;
    char *p = realloc(b->p, nc);
    if (!p) {
        c->oom = 1;
        return -1;
    }
    b->p = p;
    b->cap = nc;
    return 0;
}

static void sb_add(ctx *c, sbuf *b, const char *s, size_t n)
{
    if (sb_reserve(c, b, n))
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void ctx_init(ctx *c)
{
    memset(c, 0, sizeof *c);
    for (int i = 0; i < NALIAS; i++) {
        c->al[i].n = fold_str(alias_src[i].s, c->al[i].cp, FOLD_MAX);
        c->al[i].kind = alias_src[i].kind;
        c->al[i].id = alias_src[i].id;
    }
    c->plen = fold_str(S_PHRASE, c->phrase, FOLD_MAX);
    c->n_version = fold_str(S_VERSION, c->kw_version, FOLD_MAX);
    c->n_latest = fold_str(S_LATEST, c->kw_latest, FOLD_MAX);
    c->n_kanri = fold_str(S_KANRI, c->kw_kanri, FOLD_MAX);
    c->n_kudasai = fold_str(S_KUDASAI, c->kw_kudasai, FOLD_MAX);
    c->n_cur1 = fold_str(S_CURRENT1, c->kw_cur1, FOLD_MAX);
    c->n_cur2 = fold_str(S_CURRENT2, c->kw_cur2, FOLD_MAX);
    for (int i = 0; i < NNOTCUR; i++)
        c->n_notcur[i] = fold_str(not_current_src[i], c->kw_notcur[i], FOLD_MAX);
}

static void ctx_free(ctx *c)
{
    free(c->cp);
    free(c->cs);
    free(c->ce);
    free(c->m);
}

/* Folds s[0..n) into c->cp (with byte ranges). -1 when memory ran out. */
static int fold_text(ctx *c, const char *s, size_t n)
{
    c->ncp = 0;
    if (c->oom)
        return -1;
    if (2 * n + 2 > c->capcp) {
        size_t nc = 2 * n + 64;
        unsigned *cp = realloc(c->cp, nc * sizeof *cp);
        if (cp) c->cp = cp;
        size_t *cs = realloc(c->cs, nc * sizeof *cs);
        if (cs) c->cs = cs;
        size_t *ce = realloc(c->ce, nc * sizeof *ce);
        if (ce) c->ce = ce;
        if (!cp || !cs || !ce) {
            c->oom = 1;
            return -1;
        }
        c->capcp = nc;
    }
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned cp, f[2];
        size_t l = oqsdm_text_u8_next(p, n, i, &cp);
        int m = oqsdm_text_fold_cp(cp, f);
        for (int j = 0; j < m; j++) {
            c->cp[c->ncp] = f[j];
            c->cs[c->ncp] = i;
            c->ce[c->ncp] = i + l;
            c->ncp++;
        }
        i += l;
    }
    return 0;
}

static int cps_at(const unsigned *a, size_t n, size_t i, const unsigned *pat, int pn)
{
    if (pn <= 0 || i + (size_t)pn > n)
        return 0;
    return memcmp(a + i, pat, (size_t)pn * sizeof *pat) == 0;
}

static int cps_find(const unsigned *a, size_t n, const unsigned *pat, int pn, size_t from)
{
    for (size_t i = from; i + (size_t)pn <= n; i++)
        if (cps_at(a, n, i, pat, pn))
            return (int)i;
    return -1;
}

/* Does a folded text speak of versions that are not the latest? */
static int cps_not_current(const ctx *c, const unsigned *a, size_t n)
{
    for (int i = 0; i < NNOTCUR; i++)
        if (cps_find(a, n, c->kw_notcur[i], c->n_notcur[i], 0) >= 0)
            return 1;
    return 0;
}

static int cps_has_digit(const unsigned *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_digit_cp(a[i]))
            return 1;
    return 0;
}

/* The alias matching at a[i], longest first; -1 when none. */
static int alias_at(const ctx *c, const unsigned *a, size_t n, size_t i)
{
    int best = -1;
    for (int k = 0; k < NALIAS; k++)
        if (a[i] == c->al[k].cp[0] && (best < 0 || c->al[k].n > c->al[best].n) &&
            cps_at(a, n, i, c->al[k].cp, c->al[k].n))
            best = k;
    return best;
}

static void mention_add(ctx *c, size_t a, size_t b, unsigned char kind, unsigned char id)
{
    if (c->oom)
        return;
    if (c->nm == c->capm) {
        size_t nc = c->capm ? c->capm * 2 : 64;
        mention *m = realloc(c->m, nc * sizeof *m);
        if (!m) {
            c->oom = 1;
            return;
        }
        c->m = m;
        c->capm = nc;
    }
    c->m[c->nm].a = a;
    c->m[c->nm].b = b;
    c->m[c->nm].kind = kind;
    c->m[c->nm].id = id;
    c->nm++;
}

/* Appends the names in s[0..n) to c->m (byte offsets relative to s),
 * leftmost-longest, none overlapping; a name followed by "kanri" is the
 * management tool, not the application: a K_TOOL mention (or, with
 * tools = 0, the name itself, for telling vendors from tool names). */
static void find_mentions(ctx *c, const char *s, size_t n, int tools)
{
    if (fold_text(c, s, n))
        return;
    const unsigned *a = c->cp;
    size_t i = 0, nc = c->ncp;
    while (i < nc) {
        int k = alias_at(c, a, nc, i);
        if (k < 0) {
            i++;
            continue;
        }
        size_t end = i + (size_t)c->al[k].n;
        if (!tools || !cps_at(a, nc, end, c->kw_kanri, c->n_kanri))
            mention_add(c, c->cs[i], c->ce[end - 1], c->al[k].kind, c->al[k].id);
        else
            mention_add(c, c->cs[i], c->ce[end + (size_t)c->n_kanri - 1], K_TOOL, 0);
        i = end;
    }
}

/* Does a folded text name any application or vendor? */
static int cps_has_mention(const ctx *c, const unsigned *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (alias_at(c, a, n, i) >= 0)
            return 1;
    return 0;
}

/* ---------------------------------------------------------------------- */
/* Values                                                                 */

static int is_lead_trim(unsigned c)
{
    return c == ' ' || c == '\n' || c == ':' || c == 0xFF1A || c == 0x3001 || c == ',' ||
           c == 0xFF0C || c == '-' || c == 0xFF0D || (c >= 0x2010 && c <= 0x2015) ||
           c == 0x2212 || c == 0x2026 || c == 0x30FB || c == '/' || c == 0xFF0F || c == '|' ||
           c == 0xFF5C || c == '=' || c == 0xFF1D || c == 0x2192 || c == 0x21D2 || c == '~' ||
           c == 0xFF5E || c == 0x301C || c == 0x30FC;
}

static int is_trail_trim(unsigned c)
{
    return c == ' ' || c == '\n' || c == 0x3001 || c == ',' || c == 0xFF0C || c == 0x3002 ||
           c == ':' || c == 0xFF1A || c == '/' || c == 0xFF0F || c == '|' || c == 0xFF5C ||
           c == 0x30FB || c == '=' || c == 0xFF1D;
}

static int is_opener(unsigned c)
{
    return c == '(' || c == 0xFF08 || c == '[' || c == 0xFF3B || c == 0x300C || c == 0x300E ||
           c == 0x3010 || c == 0x3014 || c == '<' || c == 0xFF1C;
}

static int is_closer(unsigned c)
{
    return c == ')' || c == 0xFF09 || c == ']' || c == 0xFF3D || c == 0x300D || c == 0x300F ||
           c == 0x3011 || c == 0x3015 || c == '>' || c == 0xFF1E;
}

static size_t u8_prev(const char *s, size_t a, size_t b, unsigned *cp)
{
    size_t i = b - 1;
    while (i > a && ((unsigned char)s[i] & 0xC0) == 0x80 && b - i < 4)
        i--;
    oqsdm_text_u8_next((const unsigned char *)s, b, i, cp);
    return i;
}

/* Trims separators around a value and brackets that enclose it or are
 * left over from the text around it. */
static void value_trim(const char *s, size_t *pa, size_t *pb)
{
    size_t a = *pa, b = *pb;
    for (int round = 0; round < 16 && a < b; round++) {
        unsigned cp;
        size_t l;
        while (a < b && (l = oqsdm_text_u8_next((const unsigned char *)s, b, a, &cp)) && is_lead_trim(cp))
            a += l;
        while (a < b) {
            size_t i = u8_prev(s, a, b, &cp);
            if (!is_trail_trim(cp))
                break;
            b = i;
        }
        if (a >= b)
            break;
        unsigned first, last;
        size_t fl = oqsdm_text_u8_next((const unsigned char *)s, b, a, &first);
        size_t li = u8_prev(s, a, b, &last);
        if (is_closer(first)) { a += fl; continue; }
        if (is_opener(last)) { b = li; continue; }
        int openers = 0, closers = 0;
        for (size_t i = a; i < b;) {
            i += oqsdm_text_u8_next((const unsigned char *)s, b, i, &cp);
            openers += is_opener(cp);
            closers += is_closer(cp);
        }
        if (is_opener(first)) {
            if (is_closer(last) && openers == 1 && closers == 1 && a + fl < li) {
                a += fl;
                b = li;
                continue;
            }
            if (closers == 0) { a += fl; continue; }
        }
        if (is_closer(last) && openers == 0) { b = li; continue; }
        break;
    }
    *pa = a;
    *pb = a < b ? b : a;
}

/* How much a text looks like a version: 3 a dotted number that is not a
 * date, 2 a dotted number, 1 a digit, 0 none. */
static int value_score(ctx *c, const char *s, size_t a, size_t b)
{
    if (a >= b || fold_text(c, s + a, b - a))
        return 0;
    const unsigned *p = c->cp;
    size_t n = c->ncp;
    int best = 0;
    for (size_t i = 0; i < n;) {
        if (!is_digit_cp(p[i])) { i++; continue; }
        if (best < 1) best = 1;
        /* a run of digits and dots: its groups */
        int groups = 0, dotted = 0;
        size_t first_len = 0, glen = 0;
        size_t j = i;
        unsigned first_a = p[i], first_b = i + 1 < n ? p[i + 1] : 0;
        for (; j < n && (is_digit_cp(p[j]) || p[j] == '.'); j++) {
            if (p[j] == '.') {
                if (glen && j + 1 < n && is_digit_cp(p[j + 1]))
                    dotted = 1;
                if (glen) {
                    if (groups == 0) first_len = glen;
                    groups++;
                }
                glen = 0;
            } else {
                glen++;
            }
        }
        if (glen) {
            if (groups == 0) first_len = glen;
            groups++;
        }
        if (dotted) {
            int date = groups == 3 && first_len == 4 &&
                   ((first_a == '1' && first_b == '9') || (first_a == '2' && first_b == '0'));
            int sc = date ? 2 : 3;
            if (sc > best) best = sc;
        }
        i = j;
    }
    return best;
}

/* A line's value must start like a version: a digit, "v..." (ver,
 * version), "baajon" or "saishin"; a sentence about the application does
 * not. */
static int value_starts_like_version(ctx *c, const char *s, size_t a, size_t b)
{
    if (a >= b || fold_text(c, s + a, b - a) || c->ncp == 0)
        return 0;
    unsigned f = c->cp[0];
    return is_digit_cp(f) || f == 'v' || cps_at(c->cp, c->ncp, 0, c->kw_version, c->n_version) ||
           cps_at(c->cp, c->ncp, 0, c->kw_latest, c->n_latest);
}

/* A note (reference mark or asterisk first) never gives a version. */
static int is_note(const char *s, size_t a, size_t b)
{
    while (a < b && (s[a] == ' ' || s[a] == '\n'))
        a++;
    if (a >= b)
        return 0;
    unsigned cp;
    oqsdm_text_u8_next((const unsigned char *)s, b, a, &cp);
    return cp == 0x203B || cp == '*' || cp == 0xFF0A;
}

static oqsdm_portal_text *target(sect *S, int kind, int id)
{
    return kind == K_APP ? &S->app[id] : &S->vendor[id];
}

static void mark_named(sect *S, int kind, int id)
{
    if (kind == K_APP) {
        S->app_named[id] = 1;
    } else {
        S->vendor_named[id] = 1;
        S->app_named[OQSDM_PORTAL_READER] = 1;
    }
}

/* Keeps the first text found for an application or vendor: s[a..b),
 * line breaks as spaces, cut at a UTF-8 boundary (and dropped if that
 * leaves no digit in it). */
/* Where a note after the value starts: a reference mark after a digit
 * ("1.2.3 *1.2.2 kara no koushin"), or a bracket holding a past version
 * ("1.0.12 (kyuu: 1.0.11)"). The old number is the page's remark, not a
 * second latest version: left in, it makes the value ambiguous. b when
 * there is none. */
static size_t value_note_start(ctx *c, const char *s, size_t a, size_t b)
{
    int digit = 0;
    for (size_t i = a; i < b;) {
        unsigned cp;
        size_t l = oqsdm_text_u8_next((const unsigned char *)s, b, i, &cp);
        unsigned f[2];
        int m = oqsdm_text_fold_cp(cp, f);
        if (digit && (cp == 0x203B || cp == 0xFF0A || cp == '*'))
            return i;
        if (digit && is_opener(cp)) {
            size_t e = i + l;
            while (e < b) {
                unsigned q;
                size_t ql = oqsdm_text_u8_next((const unsigned char *)s, b, e, &q);
                e += ql;
                if (is_closer(q))
                    break;
            }
            if (fold_text(c, s + i, e - i) == 0 && cps_not_current(c, c->cp, c->ncp))
                return i;
        }
        digit |= m > 0 && is_digit_cp(f[0]);
        i += l;
    }
    return b;
}

static void record(ctx *c, sect *S, int kind, int id, const char *s, size_t a, size_t b)
{
    oqsdm_portal_text *t = target(S, kind, id);
    if (t->reason == OQSDM_PORTAL_FOUND || a >= b)
        return;
    b = value_note_start(c, s, a, b);
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n'))
        b--;
    if (a >= b)
        return;
    size_t n = b - a;
    if (n > OQSDM_PORTAL_TEXT_MAX - 1) {
        n = OQSDM_PORTAL_TEXT_MAX - 1;
        while (n > 0 && ((unsigned char)s[a + n] & 0xC0) == 0x80)
            n--;
        while (n > 0 && (s[a + n - 1] == ' ' || s[a + n - 1] == '\n'))
            n--;
    }
    /* a text cut before its first digit holds no version */
    int digit = 0;
    for (size_t i = 0; i < n && !digit; i++)
        digit = (s[a + i] >= '0' && s[a + i] <= '9') ||
                (i + 2 < n && (unsigned char)s[a + i] == 0xEF && (unsigned char)s[a + i + 1] == 0xBC &&
                 (unsigned char)s[a + i + 2] >= 0x90 && (unsigned char)s[a + i + 2] <= 0x99);
    if (!digit)
        return;
    for (size_t i = 0; i < n; i++)
        t->text[i] = s[a + i] == '\n' ? ' ' : s[a + i];
    t->text[n] = '\0';
    t->reason = OQSDM_PORTAL_FOUND;
    S->any = 1;
}

/* ---------------------------------------------------------------------- */
/* Lines                                                                  */

static void do_line(ctx *c, sect *S, const char *s, size_t a, size_t b)
{
    if (is_note(s, a, b)) {
        S->pending_kind = -1;
        return;
    }
    c->nm = 0;
    find_mentions(c, s + a, b - a, 1);
    size_t nm = c->nm;
    int tool = 0;
    for (size_t k = 0; k < nm; k++)
        tool |= c->m[k].kind == K_TOOL;
    if (nm == 0) {
        if (S->pending_kind >= 0) {
            size_t va = a, vb = b;
            value_trim(s, &va, &vb);
            if (value_score(c, s, va, vb) > 0 && value_starts_like_version(c, s, va, vb))
                record(c, S, S->pending_kind, S->pending_id, s, va, vb);
        }
        S->pending_kind = -1;
        return;
    }
    S->pending_kind = -1;
    for (size_t k = 0; k < nm; k++) {
        mention m = c->m[k];
        if (m.kind == K_TOOL || (tool && m.kind == K_VENDOR))
            continue;
        mark_named(S, m.kind, m.id);
        size_t va = a + m.b, vb = k + 1 < nm ? a + c->m[k + 1].a : b;
        value_trim(s, &va, &vb);
        if (value_score(c, s, va, vb) > 0 && value_starts_like_version(c, s, va, vb)) {
            record(c, S, m.kind, m.id, s, va, vb);
        } else if (k + 1 == nm) {
            S->pending_kind = m.kind;
            S->pending_id = m.id;
        }
        /* find_mentions reuses c->cp, not c->m: the list is intact */
    }
}

static void do_lines(ctx *c, sect *S, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && !c->oom) {
        size_t j = i;
        while (j < n && s[j] != '\n')
            j++;
        if (j > i)
            do_line(c, S, s, i, j);
        i = j + 1;
    }
}

/* ---------------------------------------------------------------------- */
/* Tables                                                                 */

typedef struct cell {
    size_t off, len;
    int row, col;
} cell;

typedef struct flow {
    sbuf *b;
    size_t start;
    int space;
} flow;

typedef struct table {
    xmlNodePtr node, row_node, cell_node;
    sbuf text;
    flow f;
    cell *cells;
    int ncells, capcells;
    int *grid;              /* nrows * MAX_COLS cell indexes, -1 empty */
    int nrows, caprows;
    int cursor, cur;        /* next column; the open cell or -1 */
    int occ_until[MAX_COLS], occ_cell[MAX_COLS];
} table;

/* Per cell, for matching. */
typedef struct cinfo {
    size_t m0, m1;          /* its names in c->m */
    int score;
    unsigned char header;   /* names the version column: is_header_text's score */
} cinfo;

static void flow_break(ctx *c, flow *f)
{
    sbuf *b = f->b;
    if (b->len > f->start && b->p[b->len - 1] != '\n')
        sb_add(c, b, "\n", 1);
    f->space = 0;
}

/* Appends text as a browser shows it: runs of whitespace are one space,
 * none at the start of a line; in <pre> a newline breaks the line. */
static void flow_text(ctx *c, flow *f, const unsigned char *s, int pre)
{
    size_t n = strlen((const char *)s), i = 0;
    sbuf *b = f->b;
    if (sb_reserve(c, b, n + 1))
        return;
    while (i < n) {
        unsigned cp;
        size_t l = oqsdm_text_u8_next(s, n, i, &cp);
        if (pre && cp == '\n') {
            flow_break(c, f);
        } else if (oqsdm_text_is_space(cp)) {
            f->space = 1;
        } else if (!oqsdm_text_is_zero_width(cp)) {
            if (sb_reserve(c, b, l + 1))
                return;
            if (f->space && b->len > f->start && b->p[b->len - 1] != '\n')
                b->p[b->len++] = ' ';
            memcpy(b->p + b->len, s + i, l);
            b->len += l;
            b->p[b->len] = '\0';
            f->space = 0;
        }
        i += l;
    }
}

static table *table_new(ctx *c, xmlNodePtr node)
{
    table *t = calloc(1, sizeof *t);
    if (!t) {
        c->oom = 1;
        return NULL;
    }
    t->node = node;
    t->cur = -1;
    t->f.b = &t->text;
    if (sb_reserve(c, &t->text, 0)) {   /* cells may all be empty: never a NULL text */
        free(t);
        return NULL;
    }
    t->text.p[0] = '\0';
    return t;
}

static void table_free(table *t)
{
    if (t) {
        free(t->text.p);
        free(t->cells);
        free(t->grid);
        free(t);
    }
}

static void table_row(ctx *c, table *t, xmlNodePtr tr)
{
    t->row_node = tr;
    t->cursor = 0;
    if (t->nrows >= MAX_ROWS) {
        t->nrows = MAX_ROWS + 1;   /* marks "full": later cells are dropped */
        return;
    }
    if (t->nrows == t->caprows) {
        int nc = t->caprows ? t->caprows * 2 : 8;
        int *g = realloc(t->grid, (size_t)nc * MAX_COLS * sizeof *g);
        if (!g) {
            c->oom = 1;
            return;
        }
        t->grid = g;
        t->caprows = nc;
    }
    int r = t->nrows++;
    for (int k = 0; k < MAX_COLS; k++)
        t->grid[r * MAX_COLS + k] = t->occ_until[k] > r ? t->occ_cell[k] : -1;
}

/* The number at the start of an attribute (HTML's non-negative integer). */
static long attr_int(xmlNodePtr e, const char *name, long dflt)
{
    xmlChar *v = xmlGetProp(e, (const xmlChar *)name);
    if (!v)
        return dflt;
    const char *p = (const char *)v;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
        p++;
    long n = -1;
    if (*p >= '0' && *p <= '9') {
        n = 0;
        for (; *p >= '0' && *p <= '9'; p++)
            if (n < 100000)
                n = n * 10 + (*p - '0');
    }
    xmlFree(v);
    return n < 0 ? dflt : n;
}

static void table_cell_close(table *t)
{
    if (t->cur >= 0)
        t->cells[t->cur].len = t->text.len - t->cells[t->cur].off;
    t->cur = -1;
    t->cell_node = NULL;
}

static void table_cell_open(ctx *c, table *t, xmlNodePtr td)
{
    table_cell_close(t);
    t->cell_node = td;          /* text inside is this cell's, or dropped */
    if (t->nrows == 0)
        table_row(c, t, NULL);
    if (t->nrows > MAX_ROWS || c->oom)
        return;
    int r = t->nrows - 1, col = t->cursor;
    while (col < MAX_COLS && t->grid[r * MAX_COLS + col] != -1)
        col++;
    if (col >= MAX_COLS)
        return;
    long cs = attr_int(td, "colspan", 1), rs = attr_int(td, "rowspan", 1);
    if (cs < 1) cs = 1;
    if (cs > MAX_COLS - col) cs = MAX_COLS - col;
    if (rs < 1 || rs > MAX_ROWS) rs = MAX_ROWS;   /* 0: to the end of the table */
    if (t->ncells == t->capcells) {
        int nc = t->capcells ? t->capcells * 2 : 16;
        cell *cl = realloc(t->cells, (size_t)nc * sizeof *cl);
        if (!cl) {
            c->oom = 1;
            return;
        }
        t->cells = cl;
        t->capcells = nc;
    }
    int id = t->ncells++;
    t->cells[id].off = t->text.len;
    t->cells[id].len = 0;
    t->cells[id].row = r;
    t->cells[id].col = col;
    for (int k = col; k < col + cs; k++) {
        t->grid[r * MAX_COLS + k] = id;
        t->occ_until[k] = r + (int)rs;
        t->occ_cell[k] = id;
    }
    t->cursor = col + (int)cs;
    t->cur = id;
    t->f.start = t->text.len;
    t->f.space = 0;
}

static const char *cell_text(const table *t, int id)
{
    return t->text.p + t->cells[id].off;
}

/* The value in a cell without names: the whole cell, trimmed. */
static int cell_value(ctx *c, const table *t, int id, size_t *a, size_t *b)
{
    const char *s = t->text.p;
    *a = t->cells[id].off;
    *b = *a + t->cells[id].len;
    value_trim(s, a, b);
    return value_score(c, s, *a, *b);
}

/* The value after a subject's name inside its own cell (the first of its
 * names there that is followed by one); score 0 when none. */
static int inline_value(ctx *c, const table *t, const cinfo *ci, int id, int kind, int sid,
                        size_t *a, size_t *b)
{
    const char *s = t->text.p;
    size_t off = t->cells[id].off, end = off + t->cells[id].len;
    for (size_t k = ci[id].m0; k < ci[id].m1; k++) {
        if (c->m[k].kind != kind || c->m[k].id != sid)
            continue;
        size_t va = off + c->m[k].b, vb = k + 1 < ci[id].m1 ? off + c->m[k + 1].a : end;
        value_trim(s, &va, &vb);
        int sc = value_score(c, s, va, vb);
        if (sc > 0 && value_starts_like_version(c, s, va, vb)) {
            *a = va;
            *b = vb;
            return sc;
        }
    }
    return 0;
}

typedef struct subject {
    int kind, id, cell;
} subject;

/* The distinct cells of row r, in column order. */
static int row_cells(const table *t, int r, int *ids)
{
    int n = 0;
    for (int k = 0; k < MAX_COLS; k++) {
        int id = t->grid[r * MAX_COLS + k];
        if (id < 0)
            continue;
        int dup = 0;
        for (int j = 0; j < n; j++)
            dup |= ids[j] == id;
        if (!dup)
            ids[n++] = id;
    }
    return n;
}

/* A row naming one application or vendor: its version column, else the
 * best-looking cell (its own cell's rest first, then the cells after the
 * name, then before), first of the best score. */
static void row_single(ctx *c, sect *S, const table *t, const cinfo *ci, const int *ids, int n,
                       int r, int vcol, subject sj)
{
    size_t a, b;
    if (vcol >= 0) {
        int id = t->grid[r * MAX_COLS + vcol];
        if (id >= 0 && ci[id].m1 == ci[id].m0) {
            if (cell_value(c, t, id, &a, &b) > 0)
                record(c, S, sj.kind, sj.id, t->text.p, a, b);
            return;
        }
        if (id >= 0 && id == sj.cell) {
            if (inline_value(c, t, ci, id, sj.kind, sj.id, &a, &b) > 0)
                record(c, S, sj.kind, sj.id, t->text.p, a, b);
            return;
        }
    }
    int best = inline_value(c, t, ci, sj.cell, sj.kind, sj.id, &a, &b);
    size_t ba = a, bb = b;
    int pos = 0;
    while (pos < n && ids[pos] != sj.cell)
        pos++;
    for (int pass = 0; pass < 2; pass++) {
        int from = pass == 0 ? pos + 1 : 0, to = pass == 0 ? n : pos;
        for (int j = from; j < to; j++) {
            int id = ids[j];
            if (ci[id].m1 != ci[id].m0 || ci[id].score <= best)
                continue;
            cell_value(c, t, id, &a, &b);
            best = ci[id].score;
            ba = a;
            bb = b;
        }
    }
    if (best > 0)
        record(c, S, sj.kind, sj.id, t->text.p, ba, bb);
}

/* A row naming several: values after each name in its cell; a name alone
 * in its cell takes the next cell without names; names alone in cells of
 * a row with no values are a header row of a transposed table, whose
 * values stand below them. */
static void row_multi(ctx *c, sect *S, const table *t, const cinfo *ci, const int *ids, int n,
                      int r, const subject *sj, int ns)
{
    size_t a, b;
    int got_any = 0, all_alone = 1;
    for (int k = 0; k < ns; k++) {
        if (inline_value(c, t, ci, sj[k].cell, sj[k].kind, sj[k].id, &a, &b) > 0) {
            record(c, S, sj[k].kind, sj[k].id, t->text.p, a, b);
            got_any = 1;
            continue;
        }
        int alone = 1;
        for (size_t m = ci[sj[k].cell].m0; m < ci[sj[k].cell].m1; m++)
            alone &= c->m[m].kind == sj[k].kind && c->m[m].id == sj[k].id;
        for (int j = 0; j < ns; j++)
            if (j != k && sj[j].cell == sj[k].cell)
                alone = 0;
        if (!alone) {
            all_alone = 0;
            continue;
        }
        int pos = 0;
        while (pos < n && ids[pos] != sj[k].cell)
            pos++;
        for (int j = pos + 1; j < n; j++) {
            int id = ids[j];
            if (ci[id].m1 != ci[id].m0)
                break;
            if (ci[id].score > 0) {
                cell_value(c, t, id, &a, &b);
                record(c, S, sj[k].kind, sj[k].id, t->text.p, a, b);
                got_any = 1;
                break;
            }
        }
    }
    if (got_any || !all_alone)
        return;
    for (int k = 0; k < ns; k++) {
        int col = t->cells[sj[k].cell].col;
        for (int r2 = r + 1; r2 < t->nrows && r2 < MAX_ROWS; r2++) {
            int id = t->grid[r2 * MAX_COLS + col];
            if (id < 0 || id == sj[k].cell)
                continue;
            if (ci[id].m1 != ci[id].m0) {
                /* per-vendor lines under the card reader's name */
                if (sj[k].kind == K_APP && sj[k].id == OQSDM_PORTAL_READER)
                    for (size_t m = ci[id].m0; m < ci[id].m1; m++)
                        if (c->m[m].kind == K_VENDOR &&
                            inline_value(c, t, ci, id, K_VENDOR, c->m[m].id, &a, &b) > 0)
                            record(c, S, K_VENDOR, c->m[m].id, t->text.p, a, b);
                break;
            }
            if (ci[id].score > 0) {
                cell_value(c, t, id, &a, &b);
                record(c, S, sj[k].kind, sj[k].id, t->text.p, a, b);
                break;
            }
        }
    }
}

/* How well a cell's text names the version column ("baajon", "version",
 * "ver."): 2 the latest ("saishin", "genkou", "genzai"), 1 a version, 0
 * not one, nor a date ("hi", "date"), nor a past or planned version
 * ("kyuu baajon"): a table with old and new columns gives the new one. */
static int is_header_text(ctx *c, const char *s, size_t n)
{
    if (fold_text(c, s, n) || c->ncp == 0)
        return 0;
    static const unsigned version[] = {'v', 'e', 'r', 's', 'i', 'o', 'n'};
    static const unsigned date[] = {'d', 'a', 't', 'e'};
    static const unsigned hi[] = {0x65E5};
    static const unsigned latest_en[] = {'l', 'a', 't', 'e', 's', 't'};
    const unsigned *p = c->cp;
    size_t k = c->ncp;
    int yes = cps_find(p, k, c->kw_version, c->n_version, 0) >= 0 ||
              cps_find(p, k, version, 7, 0) >= 0 ||
              (k <= 4 && p[0] == 'v' && k >= 3 && p[1] == 'e' && p[2] == 'r');
    if (!yes || cps_find(p, k, date, 4, 0) >= 0 || cps_find(p, k, hi, 1, 0) >= 0 ||
        cps_not_current(c, p, k))
        return 0;
    if (cps_find(p, k, c->kw_latest, c->n_latest, 0) >= 0 || cps_find(p, k, latest_en, 6, 0) >= 0 ||
        cps_find(p, k, c->kw_cur1, c->n_cur1, 0) >= 0 || cps_find(p, k, c->kw_cur2, c->n_cur2, 0) >= 0)
        return 2;
    return 1;
}

static void do_table(ctx *c, sect *S, table *t)
{
    if (t->ncells == 0 || t->nrows == 0 || c->oom)
        return;
    int nrows = t->nrows > MAX_ROWS ? MAX_ROWS : t->nrows;
    cinfo *ci = calloc((size_t)t->ncells, sizeof *ci);
    if (!ci) {
        c->oom = 1;
        return;
    }
    c->nm = 0;
    int any_mention = 0;
    for (int id = 0; id < t->ncells; id++) {
        const char *s = cell_text(t, id);
        size_t n = t->cells[id].len;
        ci[id].m0 = c->nm;
        if (!is_note(s, 0, n))
            find_mentions(c, s, n, 1);
        ci[id].m1 = c->nm;
        size_t a, b;
        ci[id].score = cell_value(c, t, id, &a, &b);
        ci[id].header = (unsigned char)is_header_text(c, s, n);
        if (ci[id].m1 > ci[id].m0)
            any_mention = 1;
    }
    int ids[MAX_COLS];
    int vcol = -1;
    if (!any_mention) {
        /* the values of a name that stood alone just before the table */
        if (S->pending_kind >= 0) {
            for (int r = 0; r < nrows; r++) {
                int n = row_cells(t, r, ids), best = -1, hbest = 0;
                for (int j = 0; j < n; j++)
                    if (ci[ids[j]].header > hbest && ci[ids[j]].score < 2) {
                        hbest = ci[ids[j]].header;
                        vcol = t->cells[ids[j]].col;
                    }
                for (int j = 0; j < n; j++)
                    if (ci[ids[j]].score > 0 && (best < 0 || ci[ids[j]].score > ci[best].score))
                        best = ids[j];
                if (vcol >= 0 && t->grid[r * MAX_COLS + vcol] >= 0 &&
                    ci[t->grid[r * MAX_COLS + vcol]].score > 0)
                    best = t->grid[r * MAX_COLS + vcol];
                if (best >= 0) {
                    size_t a, b;
                    cell_value(c, t, best, &a, &b);
                    record(c, S, S->pending_kind, S->pending_id, t->text.p, a, b);
                    break;
                }
            }
        }
        S->pending_kind = -1;
        free(ci);
        return;
    }
    S->pending_kind = -1;
    for (int r = 0; r < nrows && !c->oom; r++) {
        int n = row_cells(t, r, ids);
        subject sj[16];
        int ns = 0, has_vendor = 0, has_mention = 0, high = 0, tool = 0;
        for (int j = 0; j < n; j++) {
            const cinfo *x = &ci[ids[j]];
            high |= x->score >= 2;
            for (size_t m = x->m0; m < x->m1; m++) {
                has_mention = 1;
                has_vendor |= c->m[m].kind == K_VENDOR;
                tool |= c->m[m].kind == K_TOOL;
            }
        }
        if (tool)
            has_vendor = 0;
        if (!has_mention) {
            /* a header row: the column naming the latest version best */
            int hbest = 0;
            if (!high)
                for (int j = 0; j < n; j++)
                    if (ci[ids[j]].header > hbest) {
                        hbest = ci[ids[j]].header;
                        vcol = t->cells[ids[j]].col;
                    }
            continue;
        }
        for (int j = 0; j < n; j++) {
            const cinfo *x = &ci[ids[j]];
            for (size_t m = x->m0; m < x->m1 && ns < 16; m++) {
                int kind = c->m[m].kind, id = c->m[m].id, dup = 0;
                /* with vendors in the row, the reader's name is their context */
                if (has_vendor && kind == K_APP && id == OQSDM_PORTAL_READER)
                    continue;
                if (kind == K_TOOL || (tool && kind == K_VENDOR))
                    continue;
                for (int k = 0; k < ns; k++)
                    dup |= sj[k].kind == kind && sj[k].id == id;
                if (!dup) {
                    sj[ns].kind = kind;
                    sj[ns].id = id;
                    sj[ns].cell = ids[j];
                    ns++;
                }
            }
        }
        for (int k = 0; k < ns; k++)
            mark_named(S, sj[k].kind, sj[k].id);
        if (ns == 1)
            row_single(c, S, t, ci, ids, n, r, vcol, sj[0]);
        else if (ns > 1)
            row_multi(c, S, t, ci, ids, n, r, sj, ns);
    }
    free(ci);
}

/* ---------------------------------------------------------------------- */
/* Elements                                                               */

static int name_is(xmlNodePtr e, const char *name)
{
    return e && e->type == XML_ELEMENT_NODE && e->name && strcmp((const char *)e->name, name) == 0;
}

static int name_in(xmlNodePtr e, const char *const *list)
{
    if (!e || e->type != XML_ELEMENT_NODE || !e->name)
        return 0;
    for (; *list; list++)
        if (strcmp((const char *)e->name, *list) == 0)
            return 1;
    return 0;
}

static const char *const inline_tags[] = {
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "dfn", "em", "font", "i",
    "img", "kbd", "label", "mark", "nobr", "q", "ruby", "rb", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", NULL};

/* Content a reader does not see, or not as text. */
static const char *const skip_tags[] = {
    "script", "style", "template", "noscript", "head", "title", "textarea", "select",
    "option", "iframe", "object", "embed", "svg", "math", "rt", "rp", NULL};

/* Never a pseudo heading inside these (links, menus, controls). */
static const char *const not_heading_tags[] = {
    "a", "nav", "button", "label", "select", "option", "title", "head", NULL};

static int is_block(xmlNodePtr e)
{
    return !name_in(e, inline_tags);
}

static int is_skipped(xmlNodePtr e)
{
    if (name_in(e, skip_tags))
        return 1;
    if (xmlHasProp(e, (const xmlChar *)"hidden"))
        return 1;
    xmlChar *st = xmlGetProp(e, (const xmlChar *)"style");
    int hidden = 0;
    if (st) {
        char buf[64];
        size_t k = 0;
        for (const xmlChar *p = st; *p && k + 1 < sizeof buf; p++)
            if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
                buf[k++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
        buf[k] = '\0';
        hidden = strstr(buf, "display:none") != NULL;
        xmlFree(st);
    }
    return hidden;
}

/* 1..6 for h1-h6, aria-level (default 2) for role=heading, else 0. */
static int heading_level(xmlNodePtr e)
{
    if (!e || e->type != XML_ELEMENT_NODE || !e->name)
        return 0;
    const char *n = (const char *)e->name;
    if (n[0] == 'h' && n[1] >= '1' && n[1] <= '6' && n[2] == '\0')
        return n[1] - '0';
    xmlChar *role = xmlGetProp(e, (const xmlChar *)"role");
    if (!role)
        return 0;
    const char *p = (const char *)role;
    while (*p == ' ')
        p++;
    int yes = strncmp(p, "heading", 7) == 0 && (p[7] == '\0' || p[7] == ' ');
    xmlFree(role);
    if (!yes)
        return 0;
    long lv = attr_int(e, "aria-level", 2);
    return lv < 1 ? 2 : lv > 9 ? 9 : (int)lv;
}

static xmlNodePtr next_in_doc(xmlNodePtr n, xmlNodePtr root, int descend)
{
    if (descend && n->children)
        return n->children;
    while (n && n != root && !n->next)
        n = n->parent;
    if (!n || n == root)
        return NULL;
    return n->next;
}

/* Folded text of a subtree, up to max code points and NODE_BUDGET nodes;
 * the count, or -1 when longer. */
static int bounded_text(xmlNodePtr root, unsigned *out, int max)
{
    int k = 0, budget = NODE_BUDGET;
    if (root->type == XML_TEXT_NODE || root->type == XML_CDATA_SECTION_NODE) {
        const unsigned char *s = root->content;
        size_t n = s ? strlen((const char *)s) : 0;
        for (size_t i = 0; i < n;) {
            unsigned cp, f[2];
            i += oqsdm_text_u8_next(s, n, i, &cp);
            int m = oqsdm_text_fold_cp(cp, f);
            for (int j = 0; j < m; j++) {
                if (k >= max)
                    return -1;
                out[k++] = f[j];
            }
        }
        return k;
    }
    xmlNodePtr n = root->children;
    while (n) {
        if (--budget < 0)
            return -1;
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            descend = !is_skipped(n);
        } else if (n->type == XML_TEXT_NODE && n->content) {
            const unsigned char *s = n->content;
            size_t len = strlen((const char *)s);
            for (size_t i = 0; i < len;) {
                unsigned cp, f[2];
                i += oqsdm_text_u8_next(s, len, i, &cp);
                int m = oqsdm_text_fold_cp(cp, f);
                for (int j = 0; j < m; j++) {
                    if (k >= max)
                        return -1;
                    out[k++] = f[j];
                }
            }
        }
        n = next_in_doc(n, root, descend);
    }
    return k;
}

/* ---------------------------------------------------------------------- */
/* Finding the section                                                    */

typedef enum smode {
    MODE_HEADING,  /* h1-h6 / role=heading: until one of the same or a higher level */
    MODE_CAPTION,  /* a table's caption: the rest of the table */
    MODE_ROW,      /* a table row holding only the title: until the next such row */
    MODE_LIST,     /* a dt or li: until the next one beside it */
    MODE_SHAPE,    /* a short element: until the next element of its shape */
    MODE_PLAIN     /* a bare text: until the next real heading */
} smode;

typedef struct cand {
    xmlNodePtr node;     /* the walk starts after it */
    smode mode;
    int level;
    xmlNodePtr scope;    /* leaving it ends the section (NULL: never) */
    xmlNodePtr shape_o;  /* MODE_SHAPE: the element, and the innermost one */
    xmlNodePtr shape_e;  /*   holding the same text */
} cand;

typedef struct finder {
    ctx *c;
    cand cands[MAX_CANDIDATES];
    int ncands;
    xmlNodePtr lcas[MAX_MATCHES];
    xmlNodePtr starts[MAX_MATCHES];
    int nlcas;
} finder;

static xmlNodePtr lca(xmlNodePtr a, xmlNodePtr b)
{
    int da = 0, db = 0;
    for (xmlNodePtr p = a; p; p = p->parent) da++;
    for (xmlNodePtr p = b; p; p = p->parent) db++;
    while (da > db) { a = a->parent; da--; }
    while (db > da) { b = b->parent; db--; }
    while (a != b) { a = a->parent; b = b->parent; }
    return a;
}

static int has_ancestor_in(xmlNodePtr e, const char *const *list)
{
    for (; e && e->type == XML_ELEMENT_NODE; e = e->parent)
        if (name_in(e, list))
            return 1;
    return 0;
}

/* A heading of past, old or planned versions ("kako no ... jouhou"):
 * never the section, and inside the section the end of it. */
static int is_not_current_heading(ctx *c, xmlNodePtr e)
{
    unsigned buf[HEADING_TEXT_MAX];
    int n = bounded_text(e, buf, HEADING_TEXT_MAX);
    return n > 0 && cps_not_current(c, buf, (size_t)n);
}

static void add_cand(finder *f, cand k)
{
    if (is_not_current_heading(f->c, k.node))
        return;
    for (int i = 0; i < f->ncands; i++)
        if (f->cands[i].node == k.node)
            return;
    if (f->ncands < MAX_CANDIDATES)
        f->cands[f->ncands++] = k;
}

/* Walks the text of the document through a folding matcher (KMP) for the
 * phrase; each match is recorded by the lowest node holding all of it. */
static void find_phrase(finder *f, xmlDocPtr doc)
{
    ctx *c = f->c;
    int plen = c->plen, fail[FOLD_MAX];
    fail[0] = 0;
    for (int i = 1, k = 0; i < plen; i++) {
        while (k && c->phrase[i] != c->phrase[k]) k = fail[k - 1];
        if (c->phrase[i] == c->phrase[k]) k++;
        fail[i] = k;
    }
    xmlNodePtr ring[FOLD_MAX];
    size_t pos = 0;
    int state = 0;
    xmlNodePtr root = (xmlNodePtr)doc;
    xmlNodePtr n = doc->children;
    while (n && f->nlcas < MAX_MATCHES) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            descend = !is_skipped(n);
        } else if (n->type == XML_TEXT_NODE && n->content) {
            const unsigned char *s = n->content;
            size_t len = strlen((const char *)s);
            for (size_t i = 0; i < len;) {
                unsigned cp, fo[2];
                i += oqsdm_text_u8_next(s, len, i, &cp);
                int m = oqsdm_text_fold_cp(cp, fo);
                for (int j = 0; j < m; j++) {
                    ring[pos % (size_t)plen] = n;
                    pos++;
                    while (state && fo[j] != c->phrase[state]) state = fail[state - 1];
                    if (fo[j] == c->phrase[state]) state++;
                    if (state == plen) {
                        xmlNodePtr first = ring[pos % (size_t)plen];
                        if (f->nlcas < MAX_MATCHES) {
                            f->starts[f->nlcas] = first;
                            f->lcas[f->nlcas++] = lca(first, n);
                        }
                        state = fail[state - 1];
                    }
                }
            }
        }
        n = next_in_doc(n, root, descend);
    }
}

/* A pseudo heading's text: short, the phrase not quoted, not a sentence. */
static int pseudo_text_ok(ctx *c, const unsigned *t, int n)
{
    int at = cps_find(t, (size_t)n, c->phrase, c->plen, 0);
    if (at < 0)
        return 0;
    int after = at + c->plen;
    if (at > 0 && after < n) {
        unsigned o = t[at - 1], q = t[after];
        if ((o == 0x300C && q == 0x300D) || (o == 0x300E && q == 0x300F) ||
            (o == '"' && q == '"') || (o == 0x201C && q == 0x201D))
            return 0;
    }
    for (int i = 0; i < n; i++)
        if (t[i] == 0x3002)
            return 0;
    return cps_find(t, (size_t)n, c->kw_kudasai, c->n_kudasai, 0) < 0;
}

static int count_nonempty_cells(xmlNodePtr tr, int *nonempty, xmlNodePtr *which, unsigned *buf,
                                int max)
{
    *nonempty = 0;
    *which = NULL;
    for (xmlNodePtr k = tr->children; k; k = k->next) {
        if (!name_is(k, "td") && !name_is(k, "th"))
            continue;
        int n = bounded_text(k, buf, max);
        if (n != 0) {
            (*nonempty)++;
            *which = k;
        }
    }
    return *nonempty;
}

static xmlNodePtr nearest(xmlNodePtr e, const char *name)
{
    for (e = e ? e->parent : NULL; e && e->type == XML_ELEMENT_NODE; e = e->parent)
        if (name_is(e, name))
            return e;
    return NULL;
}

/* Turns a match into a pseudo heading when it is one. */
static void pseudo_from_match(finder *f, xmlNodePtr l, xmlNodePtr start)
{
    ctx *c = f->c;
    unsigned buf[FOLD_MAX + PSEUDO_EXTRA + 8];
    int max = c->plen + PSEUDO_EXTRA;
    xmlNodePtr e = l->type == XML_ELEMENT_NODE ? l : l->parent;
    if (!e || e->type != XML_ELEMENT_NODE || has_ancestor_in(e, not_heading_tags))
        return;
    int n = bounded_text(e, buf, max);
    if (n < 0) {
        /* a bare text among other content (text right in <body>) */
        if (l == start && l->type == XML_TEXT_NODE) {
            int m = bounded_text(l, buf, max);
            if (m > 0 && pseudo_text_ok(c, buf, m)) {
                cand k = {l, MODE_PLAIN, 0, NULL, NULL, NULL};
                add_cand(f, k);
            }
        }
        return;
    }
    if (!pseudo_text_ok(c, buf, n))
        return;
    /* O: the outermost element with this same text */
    xmlNodePtr o = e;
    while (o->parent && o->parent->type == XML_ELEMENT_NODE && !name_is(o->parent, "body") &&
           !name_is(o->parent, "html")) {
        unsigned b2[FOLD_MAX + PSEUDO_EXTRA + 8];
        if (bounded_text(o->parent, b2, max) != n)
            break;
        o = o->parent;
    }
    cand k = {o, MODE_SHAPE, 0, NULL, o, e};
    for (xmlNodePtr p = e;; p = p->parent) {
        if (name_is(p, "caption") && name_is(p->parent, "table")) {
            k.node = p;
            k.mode = MODE_CAPTION;
            k.scope = p->parent;
            break;
        }
        if ((name_is(p, "td") || name_is(p, "th")) && name_is(p->parent, "tr")) {
            int ne;
            xmlNodePtr which;
            unsigned b3[SHORT_TEXT + 1];
            count_nonempty_cells(p->parent, &ne, &which, b3, SHORT_TEXT);
            if (ne == 1 && which == p && nearest(p, "table")) {
                k.node = p;
                k.mode = MODE_ROW;
                k.scope = nearest(p, "table");
            }
            break;
        }
        if ((name_is(p, "dt") || name_is(p, "li")) && p->parent) {
            k.node = p;
            k.mode = MODE_LIST;
            k.scope = p->parent;
            break;
        }
        if (p == o)
            break;
    }
    add_cand(f, k);
}

static void find_candidates(finder *f, xmlDocPtr doc)
{
    find_phrase(f, doc);
    for (int i = 0; i < f->nlcas; i++) {
        for (xmlNodePtr e = f->lcas[i]; e && e->type != XML_DOCUMENT_NODE &&
                                        e->type != XML_HTML_DOCUMENT_NODE; e = e->parent) {
            int lv = heading_level(e);
            if (lv) {
                cand k = {e, MODE_HEADING, lv, NULL, NULL, NULL};
                add_cand(f, k);
                break;
            }
        }
    }
    if (f->ncands > 0)
        return;
    for (int i = 0; i < f->nlcas; i++)
        pseudo_from_match(f, f->lcas[i], f->starts[i]);
}

/* ---------------------------------------------------------------------- */
/* Walking the section                                                    */

typedef struct walker {
    ctx *c;
    sect *S;
    const cand *k;
    sbuf lines;
    flow lf;
    table *stack[MAX_TABLE_DEPTH];
    int depth;
    int pre;
    int done;
} walker;

static flow *w_flow(walker *w)
{
    if (w->depth > 0) {
        table *t = w->stack[w->depth - 1];
        if (t->cell_node)
            return t->cur >= 0 ? &t->f : NULL;   /* NULL: a dropped cell */
    }
    return &w->lf;
}

static void w_flush_lines(walker *w)
{
    do_lines(w->c, w->S, w->lines.p ? w->lines.p : "", w->lines.len);
    w->lines.len = 0;
    if (w->lines.p)
        w->lines.p[0] = '\0';
    w->lf.start = 0;
    w->lf.space = 0;
}

static void w_pop_table(walker *w)
{
    table *t = w->stack[--w->depth];
    table_cell_close(t);
    do_table(w->c, w->S, t);
    table_free(t);
}

static void w_push_table(walker *w, xmlNodePtr e)
{
    w_flush_lines(w);
    if (w->depth >= MAX_TABLE_DEPTH)
        return;
    table *t = table_new(w->c, e);
    if (t)
        w->stack[w->depth++] = t;
}

/* Is e a row of the scope table that holds one short text without
 * digits or names: the next title row? */
static int is_title_row(ctx *c, xmlNodePtr tr)
{
    unsigned buf[SHORT_TEXT + 1];
    int ne;
    xmlNodePtr which;
    count_nonempty_cells(tr, &ne, &which, buf, SHORT_TEXT);
    if (ne != 1)
        return 0;
    int n = bounded_text(which, buf, SHORT_TEXT);
    return n > 0 && !cps_has_digit(buf, (size_t)n) && !cps_has_mention(c, buf, (size_t)n);
}

static int attr_eq(xmlNodePtr a, xmlNodePtr b, const char *name)
{
    xmlChar *x = xmlGetProp(a, (const xmlChar *)name), *y = xmlGetProp(b, (const xmlChar *)name);
    int eq = (!x && !y) || (x && y && strcmp((const char *)x, (const char *)y) == 0);
    xmlFree(x);
    xmlFree(y);
    return eq;
}

static int has_class(xmlNodePtr e)
{
    xmlChar *x = xmlGetProp(e, (const xmlChar *)"class");
    int yes = x && x[0];
    xmlFree(x);
    return yes;
}

/* MODE_SHAPE: an element like the heading (same tag and class, the same
 * inner element if it had one) with a short text without digits or names. */
static int is_same_shape(ctx *c, const cand *k, xmlNodePtr e)
{
    xmlNodePtr o = k->shape_o, in = k->shape_e;
    if (strcmp((const char *)e->name, (const char *)o->name) != 0 || !attr_eq(e, o, "class"))
        return 0;
    if (in == o && !has_class(o))
        return 0;   /* a plain <p> or <div>: too common to end anything */
    unsigned buf[SHORT_TEXT + 1];
    int n = bounded_text(e, buf, SHORT_TEXT);
    if (n <= 0 || cps_has_digit(buf, (size_t)n) || cps_has_mention(c, buf, (size_t)n))
        return 0;
    if (in == o)
        return 1;
    int budget = NODE_BUDGET;
    for (xmlNodePtr d = e->children; d && budget-- > 0; d = next_in_doc(d, e, 1)) {
        if (d->type == XML_ELEMENT_NODE && strcmp((const char *)d->name, (const char *)in->name) == 0) {
            unsigned b2[SHORT_TEXT + 1];
            if (bounded_text(d, b2, SHORT_TEXT) == n)
                return 1;
        }
    }
    return 0;
}

static int is_stop(walker *w, xmlNodePtr e)
{
    const cand *k = w->k;
    int lv = heading_level(e);
    if (lv)
        return k->mode != MODE_HEADING || lv <= k->level || is_not_current_heading(w->c, e);
    if (name_is(e, "footer"))
        return 1;
    switch (k->mode) {
    case MODE_ROW:
        return name_is(e, "tr") && nearest(e, "table") == k->scope && is_title_row(w->c, e);
    case MODE_LIST:
        return e->parent == k->node->parent && name_is(e, (const char *)k->node->name);
    case MODE_SHAPE:
        return is_same_shape(w->c, k, e);
    default:
        return 0;
    }
}

static void w_enter(walker *w, xmlNodePtr e)
{
    ctx *c = w->c;
    if (name_is(e, "table")) {
        w_push_table(w, e);
        return;
    }
    table *t = w->depth > 0 ? w->stack[w->depth - 1] : NULL;
    if (t && name_is(e, "tr")) {
        table_cell_close(t);
        table_row(c, t, e);
        return;
    }
    if (t && (name_is(e, "td") || name_is(e, "th"))) {
        table_cell_open(c, t, e);
        return;
    }
    if (name_is(e, "pre"))
        w->pre++;
    if (is_block(e)) {
        flow *f = w_flow(w);
        if (f)
            flow_break(c, f);
    }
}

static void w_leave(walker *w, xmlNodePtr e)
{
    if (e == w->k->scope)
        w->done = 1;
    for (int i = w->depth - 1; i >= 0; i--) {
        if (w->stack[i]->node == e) {
            while (w->depth > i)
                w_pop_table(w);
            return;
        }
    }
    table *t = w->depth > 0 ? w->stack[w->depth - 1] : NULL;
    if (t && e == t->cell_node) {
        table_cell_close(t);
        return;
    }
    if (t && e == t->row_node) {
        table_cell_close(t);
        t->row_node = NULL;
        return;
    }
    if (name_is(e, "pre") && w->pre > 0)
        w->pre--;
    if (is_block(e)) {
        flow *f = w_flow(w);
        if (f)
            flow_break(w->c, f);
    }
}

static void section_run(ctx *c, sect *S, const cand *k)
{
    walker w;
    memset(&w, 0, sizeof w);
    w.c = c;
    w.S = S;
    w.k = k;
    w.lf.b = &w.lines;
    S->pending_kind = -1;

    /* a heading inside tables: the rest of those tables is read as tables */
    int na = 0;
    for (xmlNodePtr p = k->node->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
        na++;
    xmlNodePtr *anc = na ? malloc((size_t)na * sizeof *anc) : NULL;
    if (na && !anc) {
        c->oom = 1;
        return;
    }
    int i = na;
    for (xmlNodePtr p = k->node->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
        anc[--i] = p;
    for (i = 0; i < na; i++) {
        if (name_is(anc[i], "table"))
            w_push_table(&w, anc[i]);
        else if (name_is(anc[i], "tr") && w.depth > 0)
            table_row(c, w.stack[w.depth - 1], anc[i]);
    }
    free(anc);

    xmlNodePtr n = k->node;
    int entered = 0;
    while (!w.done && !c->oom) {
        if (entered && n->children) {
            n = n->children;
        } else {
            if (entered)
                w_leave(&w, n);
            while (n && !n->next && !w.done) {
                n = n->parent;
                if (!n || n->type != XML_ELEMENT_NODE) {
                    n = NULL;
                    break;
                }
                w_leave(&w, n);
            }
            if (!n || w.done)
                break;
            n = n->next;
        }
        entered = 0;
        if (n->type == XML_ELEMENT_NODE) {
            if (is_stop(&w, n))
                break;
            if (is_skipped(n))
                continue;
            w_enter(&w, n);
            entered = 1;
        } else if (n->type == XML_TEXT_NODE && n->content) {
            flow *f = w_flow(&w);
            if (f)
                flow_text(c, f, n->content, w.pre > 0);
        }
    }
    while (w.depth > 0)
        w_pop_table(&w);
    w_flush_lines(&w);
    free(w.lines.p);
}

/* ---------------------------------------------------------------------- */
/* The API                                                                */

void oqsdm_portal_init(void)
{
    xmlInitParser();
}

static void result_unknown(oqsdm_portal_result *out, oqsdm_portal_reason r)
{
    for (int i = 0; i < OQSDM_PORTAL_APP_COUNT; i++) {
        out->app[i].reason = r;
        out->app[i].text[0] = '\0';
    }
    for (int i = 0; i < OQSDM_PORTAL_VENDOR_COUNT; i++) {
        out->vendor[i].reason = r;
        out->vendor[i].text[0] = '\0';
    }
}

static void result_from_sect(oqsdm_portal_result *out, const sect *S)
{
    int any_vendor = 0;
    for (int i = 0; i < OQSDM_PORTAL_VENDOR_COUNT; i++) {
        out->vendor[i] = S->vendor[i];
        if (S->vendor[i].reason == OQSDM_PORTAL_FOUND)
            any_vendor = 1;
        else
            out->vendor[i].reason = S->vendor_named[i] ? OQSDM_PORTAL_R_NO_VERSION
                                                       : OQSDM_PORTAL_R_NOT_LISTED;
    }
    for (int i = 0; i < OQSDM_PORTAL_APP_COUNT; i++) {
        out->app[i] = S->app[i];
        if (S->app[i].reason == OQSDM_PORTAL_FOUND)
            continue;
        if (i == OQSDM_PORTAL_READER && any_vendor)
            out->app[i].reason = OQSDM_PORTAL_R_PER_VENDOR;
        else
            out->app[i].reason = S->app_named[i] ? OQSDM_PORTAL_R_NO_VERSION
                                                 : OQSDM_PORTAL_R_NOT_LISTED;
    }
}

static void sect_reset(sect *S)
{
    memset(S, 0, sizeof *S);
    for (int i = 0; i < OQSDM_PORTAL_APP_COUNT; i++)
        S->app[i].reason = OQSDM_PORTAL_R_NOT_LISTED;
    for (int i = 0; i < OQSDM_PORTAL_VENDOR_COUNT; i++)
        S->vendor[i].reason = OQSDM_PORTAL_R_NOT_LISTED;
    S->pending_kind = -1;
}

oqsdm_err oqsdm_portal_extract(const char *page, size_t len, const char *content_type,
                               oqsdm_portal_result *out, oqsdm_error *err)
{
    if (!out)
        return oqsdm_error_set(err, OQSDM_E_USAGE, "oqsdm_portal_extract: no result");
    memset(out, 0, sizeof *out);
    result_unknown(out, OQSDM_PORTAL_R_NOT_HTML);
    if (!page && len) {
        out->page = OQSDM_PORTAL_R_NOT_HTML;
        return oqsdm_error_set(err, OQSDM_E_USAGE, "oqsdm_portal_extract: no page");
    }
    oqsdm_portal_init();

    oqsdm_portal_decoded d;
    oqsdm_portal_reason r = oqsdm_portal_decode(page, len, content_type, &d);
    if (r != OQSDM_PORTAL_FOUND) {
        out->page = r;
        result_unknown(out, r);
        snprintf(out->detail, sizeof out->detail, "%s", d.detail);
        if (r == OQSDM_PORTAL_R_NO_MEMORY)
            return oqsdm_error_set(err, OQSDM_E_NOMEM, "out of memory decoding the portal page");
        return OQSDM_OK;
    }
    out->decoded = 1;
    out->encoding = d.encoding;
    out->encoding_source = d.source;

    htmlDocPtr doc = htmlReadMemory(d.text, (int)d.len, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                        HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
    oqsdm_portal_decoded_free(&d);
    if (!doc) {
        out->page = OQSDM_PORTAL_R_NOT_HTML;
        result_unknown(out, OQSDM_PORTAL_R_NOT_HTML);
        snprintf(out->detail, sizeof out->detail, "libxml2 made no document of the page (empty?)");
        return OQSDM_OK;
    }

    ctx *c = malloc(sizeof *c);
    finder *f = malloc(sizeof *f);
    sect *S = malloc(sizeof *S), *first = malloc(sizeof *first);
    oqsdm_err rc = OQSDM_OK;
    if (!c || !f || !S || !first) {
        free(c);
        c = NULL;
        rc = OQSDM_E_NOMEM;
        goto done;
    }
    ctx_init(c);
    memset(f, 0, sizeof *f);
    f->c = c;
    find_candidates(f, doc);
    if (f->ncands == 0) {
        out->page = OQSDM_PORTAL_R_NO_SECTION;
        result_unknown(out, OQSDM_PORTAL_R_NO_SECTION);
        snprintf(out->detail, sizeof out->detail,
                 "the page has no heading \"%s\"", S_PHRASE);
        goto done;
    }
    int chosen = -1;
    for (int i = 0; i < f->ncands && !c->oom; i++) {
        sect_reset(S);
        section_run(c, S, &f->cands[i]);
        if (i == 0)
            *first = *S;
        if (S->any) {
            chosen = i;
            break;
        }
    }
    if (c->oom) {
        rc = OQSDM_E_NOMEM;
        goto done;
    }
    out->page = OQSDM_PORTAL_FOUND;
    result_from_sect(out, chosen >= 0 ? S : first);
    snprintf(out->detail, sizeof out->detail, "section found (%d heading%s with its name)",
             f->ncands, f->ncands == 1 ? "" : "s");

done:
    if (c)
        ctx_free(c);
    free(c);
    free(f);
    free(S);
    free(first);
    xmlFreeDoc(doc);
    if (rc == OQSDM_E_NOMEM) {
        out->page = OQSDM_PORTAL_R_NO_MEMORY;
        result_unknown(out, OQSDM_PORTAL_R_NO_MEMORY);
        snprintf(out->detail, sizeof out->detail, "out of memory");
        return oqsdm_error_set(err, OQSDM_E_NOMEM, "out of memory reading the portal page");
    }
    return OQSDM_OK;
}

const char *oqsdm_portal_reader_text(const oqsdm_portal_result *r, int vendor)
{
    if (!r)
        return NULL;
    if (vendor >= 0 && vendor < OQSDM_PORTAL_VENDOR_COUNT &&
        r->vendor[vendor].reason == OQSDM_PORTAL_FOUND)
        return r->vendor[vendor].text;
    if (r->app[OQSDM_PORTAL_READER].reason == OQSDM_PORTAL_FOUND)
        return r->app[OQSDM_PORTAL_READER].text;
    return NULL;
}

const char *oqsdm_portal_app_id(oqsdm_portal_app a)
{
    return (unsigned)a < OQSDM_PORTAL_APP_COUNT ? app_ids[a] : NULL;
}

const char *oqsdm_portal_app_name(oqsdm_portal_app a)
{
    return (unsigned)a < OQSDM_PORTAL_APP_COUNT ? app_names[a] : NULL;
}

const char *oqsdm_portal_vendor_id(oqsdm_portal_vendor v)
{
    return (unsigned)v < OQSDM_PORTAL_VENDOR_COUNT ? vendor_ids[v] : NULL;
}

const char *oqsdm_portal_vendor_name(oqsdm_portal_vendor v)
{
    return (unsigned)v < OQSDM_PORTAL_VENDOR_COUNT ? vendor_names[v] : NULL;
}

int oqsdm_portal_vendor_find(const char *utf8)
{
    if (!utf8)
        return -1;
    ctx *c = malloc(sizeof *c);
    if (!c)
        return -1;
    ctx_init(c);
    find_mentions(c, utf8, strlen(utf8), 0);
    int v = -1;
    for (size_t i = 0; i < c->nm && v < 0; i++)
        if (c->m[i].kind == K_VENDOR)
            v = c->m[i].id;
    ctx_free(c);
    free(c);
    return v;
}

const char *oqsdm_portal_reason_name(oqsdm_portal_reason r)
{
    switch (r) {
    case OQSDM_PORTAL_FOUND: return "found";
    case OQSDM_PORTAL_R_TOO_LARGE: return "page_too_large";
    case OQSDM_PORTAL_R_ENCODING: return "encoding";
    case OQSDM_PORTAL_R_NOT_HTML: return "not_html";
    case OQSDM_PORTAL_R_NO_SECTION: return "no_section";
    case OQSDM_PORTAL_R_NOT_LISTED: return "not_listed";
    case OQSDM_PORTAL_R_NO_VERSION: return "no_version";
    case OQSDM_PORTAL_R_PER_VENDOR: return "per_vendor";
    case OQSDM_PORTAL_R_NO_MEMORY: return "no_memory";
    }
    return "unknown";
}
