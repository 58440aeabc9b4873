/*
 * fuzz_portal.c: libFuzzer target for the portal extractor
 * (src/core/portal.c, src/core/portal_decode.c): oqsdm_portal_decode and
 * oqsdm_portal_extract on any bytes, with or without an HTTP charset.
 *
 * Input: the page's bytes; when they start with "CT:", the rest of that
 * first line is the Content-Type header value and the page follows it.
 * The page is passed in a block of exactly its size, so ASan sees any
 * over-read.
 *
 * Invariants asserted (besides ASan/UBSan finding nothing):
 *  - decode: on success the text is valid UTF-8 of the stated length with
 *    no NUL inside and no C0 control but tab/LF/CR, at most 3 bytes per
 *    input byte; on failure the text is NULL and the reason is one of
 *    too-large, encoding, no-memory;
 *  - extract returns OQSDM_OK and says the same as decode about the
 *    encoding; a page that is not FOUND makes every text unknown with the
 *    page's reason;
 *  - every text is either unknown (empty) or FOUND: non-empty, shorter than
 *    OQSDM_PORTAL_TEXT_MAX, valid UTF-8, no space at either end, holding a
 *    digit (ASCII or full-width);
 *  - every FOUND text comes from the page: without whitespace it is a
 *    subsequence of the decoded page's text (all text nodes, in document
 *    order, as libxml2 parses the decoded text with the extractor's
 *    options), also without whitespace; "whitespace" is the extractor's
 *    set, listed again here on purpose (is_space / is_invisible);
 *  - the reader is per_vendor only when some vendor row was found;
 *  - a second run gives the same result (no hidden state).
 */
#include "fuzz_common.h"
#include "oqsdm/portal.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

static size_t u8_next(const unsigned char *s, size_t n, size_t i, unsigned *cp)
{
    unsigned c = s[i];
    size_t len;
    if (c < 0x80) { *cp = c; return 1; }
    else if (c >= 0xC2 && c <= 0xDF) { len = 2; c &= 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; c &= 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; c &= 0x07; }
    else return 0;
    if (i + len > n) return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[i + k] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i + k] & 0x3F);
    }
    /* overlong, surrogate, out of range */
    if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
        (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
        return 0;
    *cp = c;
    return len;
}

static int valid_utf8(const char *s, size_t n)
{
    unsigned cp;
    for (size_t i = 0; i < n;) {
        size_t l = u8_next((const unsigned char *)s, n, i, &cp);
        if (!l) return 0;
        i += l;
    }
    return 1;
}

static int is_space(unsigned c)
{
    return c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C || c == 0x0B ||
           c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

static int is_invisible(unsigned c)
{
    return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0xAD;
}

/* Code points of s without whitespace or invisible characters. */
static size_t strip(const char *s, size_t n, unsigned *out)
{
    size_t k = 0;
    unsigned cp;
    for (size_t i = 0; i < n;) {
        size_t l = u8_next((const unsigned char *)s, n, i, &cp);
        if (!l) { cp = 0xFFFD; l = 1; }
        if (!is_space(cp) && !is_invisible(cp))
            out[k++] = cp;
        i += l;
    }
    return k;
}

typedef struct textbuf {
    char *p;
    size_t len, cap;
} textbuf;

static void tb_add(textbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 1024;
        while (nc < b->len + n + 1) nc *= 2;
        b->p = realloc(b->p, nc);
        if (!b->p) abort();
        b->cap = nc;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

/* All text of the document, in document order (iteratively: pages nest deep). */
static void doc_text(xmlDocPtr doc, textbuf *b)
{
    xmlNodePtr n = doc->children;
    while (n) {
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
            tb_add(b, (const char *)n->content, strlen((const char *)n->content));
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && !n->next) {
            n = n->parent;
            if (n && n->type != XML_ELEMENT_NODE)
                n = NULL;
        }
        if (n)
            n = n->next;
    }
}

static int is_subsequence(const unsigned *needle, size_t nn, const unsigned *hay, size_t hn)
{
    size_t j = 0;
    for (size_t i = 0; i < hn && j < nn; i++)
        if (hay[i] == needle[j])
            j++;
    return j == nn;
}

static int has_digit(const char *s)
{
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9')
            return 1;
        /* U+FF10..U+FF19: EF BC 90..99 */
        if ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
            (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99)
            return 1;
    }
    return 0;
}

static void check_text(const oqsdm_portal_text *t, const unsigned *page, size_t pn)
{
    FUZZ_CHECK(fuzz_terminated(t->text, sizeof t->text));
    size_t n = strlen(t->text);
    if (t->reason != OQSDM_PORTAL_FOUND) {
        FUZZ_CHECK(n == 0);
        FUZZ_CHECK(t->reason >= OQSDM_PORTAL_R_TOO_LARGE && t->reason <= OQSDM_PORTAL_R_NO_MEMORY);
        return;
    }
    FUZZ_CHECK(n > 0 && n < OQSDM_PORTAL_TEXT_MAX);
    FUZZ_CHECK(valid_utf8(t->text, n));
    FUZZ_CHECK(t->text[0] != ' ' && t->text[n - 1] != ' ');
    FUZZ_CHECK(strchr(t->text, '\n') == NULL);
    FUZZ_CHECK(has_digit(t->text));
    unsigned *cps = malloc((n + 1) * sizeof *cps);
    if (!cps) abort();
    size_t k = strip(t->text, n, cps);
    FUZZ_CHECK(k > 0);
    FUZZ_CHECK(page != NULL && is_subsequence(cps, k, page, pn));
    free(cps);
}

static int same_result(const oqsdm_portal_result *a, const oqsdm_portal_result *b)
{
    if (a->page != b->page || a->decoded != b->decoded || strcmp(a->detail, b->detail) != 0)
        return 0;
    for (int i = 0; i < OQSDM_PORTAL_APP_COUNT; i++)
        if (a->app[i].reason != b->app[i].reason || strcmp(a->app[i].text, b->app[i].text) != 0)
            return 0;
    for (int i = 0; i < OQSDM_PORTAL_VENDOR_COUNT; i++)
        if (a->vendor[i].reason != b->vendor[i].reason ||
            strcmp(a->vendor[i].text, b->vendor[i].text) != 0)
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int init;
    if (!init) {
        oqsdm_portal_init();
        init = 1;
    }
    char *ct = NULL;
    size_t off = 0;
    if (size >= 3 && memcmp(data, "CT:", 3) == 0) {
        size_t e = 3;
        while (e < size && data[e] != '\n') e++;
        ct = fuzz_strndup(data + 3, e - 3);
        off = e < size ? e + 1 : size;
    }
    size_t len = size - off;
    char *page = malloc(len ? len : 1);
    if (!page) abort();
    if (len)
        memcpy(page, data + off, len);

    /* the decoder alone */
    oqsdm_portal_decoded d;
    oqsdm_portal_reason dr = oqsdm_portal_decode(page, len, ct, &d);
    unsigned *pagecps = NULL;
    size_t pn = 0;
    if (dr == OQSDM_PORTAL_FOUND) {
        FUZZ_CHECK(d.text != NULL && strlen(d.text) == d.len);
        FUZZ_CHECK(d.len <= 3 * len + 3);
        FUZZ_CHECK(valid_utf8(d.text, d.len));
        for (size_t i = 0; i < d.len; i++) {
            unsigned char ch = (unsigned char)d.text[i];
            FUZZ_CHECK(ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r');
        }
        /* the text the extractor sees: libxml2's parse of the decoded page */
        htmlDocPtr doc = htmlReadMemory(d.text, (int)d.len, NULL, "UTF-8",
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                            HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                            HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
        if (doc) {
            textbuf tb = {0};
            tb_add(&tb, "", 0);
            doc_text(doc, &tb);
            FUZZ_CHECK(valid_utf8(tb.p, tb.len));
            pagecps = malloc((tb.len + 1) * sizeof *pagecps);
            if (!pagecps) abort();
            pn = strip(tb.p, tb.len, pagecps);
            free(tb.p);
            xmlFreeDoc(doc);
        }
    } else {
        FUZZ_CHECK(d.text == NULL);
        FUZZ_CHECK(dr == OQSDM_PORTAL_R_TOO_LARGE || dr == OQSDM_PORTAL_R_ENCODING ||
                   dr == OQSDM_PORTAL_R_NO_MEMORY);
        FUZZ_CHECK(fuzz_terminated(d.detail, sizeof d.detail) && d.detail[0] != '\0');
    }

    /* the extractor */
    oqsdm_portal_result *r = malloc(sizeof *r), *r2 = malloc(sizeof *r2);
    if (!r || !r2) abort();
    oqsdm_error err;
    FUZZ_CHECK(oqsdm_portal_extract(page, len, ct, r, &err) == OQSDM_OK);
    FUZZ_CHECK(fuzz_terminated(r->detail, sizeof r->detail) && r->detail[0] != '\0');
    if (dr == OQSDM_PORTAL_FOUND) {
        FUZZ_CHECK(r->decoded && r->encoding == d.encoding && r->encoding_source == d.source);
    } else {
        FUZZ_CHECK(!r->decoded && r->page == dr);
    }
    if (r->page != OQSDM_PORTAL_FOUND) {
        FUZZ_CHECK(r->page == OQSDM_PORTAL_R_TOO_LARGE || r->page == OQSDM_PORTAL_R_ENCODING ||
                   r->page == OQSDM_PORTAL_R_NOT_HTML || r->page == OQSDM_PORTAL_R_NO_SECTION ||
                   r->page == OQSDM_PORTAL_R_NO_MEMORY);
        for (int i = 0; i < OQSDM_PORTAL_APP_COUNT; i++)
            FUZZ_CHECK(r->app[i].reason == r->page);
        for (int i = 0; i < OQSDM_PORTAL_VENDOR_COUNT; i++)
            FUZZ_CHECK(r->vendor[i].reason == r->page);
    }
    int any_vendor = 0;
    for (int i = 0; i < OQSDM_PORTAL_APP_COUNT; i++)
        check_text(&r->app[i], pagecps, pn);
    for (int i = 0; i < OQSDM_PORTAL_VENDOR_COUNT; i++) {
        check_text(&r->vendor[i], pagecps, pn);
        any_vendor |= r->vendor[i].reason == OQSDM_PORTAL_FOUND;
        const char *rt = oqsdm_portal_reader_text(r, i);
        FUZZ_CHECK(rt == NULL || rt == r->vendor[i].text || rt == r->app[OQSDM_PORTAL_READER].text);
    }
    if (r->app[OQSDM_PORTAL_READER].reason == OQSDM_PORTAL_R_PER_VENDOR)
        FUZZ_CHECK(any_vendor);

    FUZZ_CHECK(oqsdm_portal_extract(page, len, ct, r2, &err) == OQSDM_OK);
    FUZZ_CHECK(same_result(r, r2));

    oqsdm_portal_decoded_free(&d);
    free(pagecps);
    free(r);
    free(r2);
    free(page);
    free(ct);
    return 0;
}
