/*
 * bench_portal.c: extraction of the latest versions from a ~1 MB portal
 * page, as a ratio to libxml2's bare parse of the same page in the same run.
 *
 * Why a ratio: the extractor is libxml2's HTML parse plus decoding, the
 * search for the section and the table walk; the parse is the floor, so
 * "1.3x the bare parse" says what oqsdm adds, on any machine. The page is
 * built in memory: the real-shaped section (a table with per-vendor rows)
 * near the bottom, as the guide says, under ~1 MB of filler markup (news
 * lists with dates and version numbers, nested divs, link menus, tables).
 * It is timed as UTF-8 and as Shift_JIS (the bare parse then decodes with
 * libxml2's own iconv, the extractor converts first). Iterations alternate
 * so both sides see the same cache and frequency state; medians are
 * compared. Prints, asserts nothing: speed is a benchmark, not a test.
 *
 *     bench_portal [iterations]      (default 15)
 */
#include "oqsdm/portal.h"

#include <iconv.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TARGET_BYTES (1024 * 1024)

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void put(buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 65536;
        while (nc < b->len + n + 1)
            nc *= 2;
        b->p = realloc(b->p, nc);
        if (!b->p) {
            fprintf(stderr, "bench_portal: out of memory\n");
            exit(2);
        }
        b->cap = nc;
    }
    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}

/* UTF-8 Japanese as \x escapes, as everywhere in the sources. */
#define J_DISTRO "\xe9\x85\x8d\xe4\xbf\xa1\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa\xe3\x82\xb1\xe3\x83\xbc\xe3\x82\xb7\xe3\x83\xa7\xe3\x83\xb3"
#define J_COM "\xe9\x80\xa3\xe6\x90\xba\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa\xe3\x82\xb1\xe3\x83\xbc\xe3\x82\xb7\xe3\x83\xa7\xe3\x83\xb3"
#define J_FACE "\xe9\xa1\x94\xe8\xaa\x8d\xe8\xa8\xbc\xe3\x83\xa9\xe3\x82\xa4\xe3\x83\x96\xe3\x83\xa9\xe3\x83\xaa"
#define J_READER "\xe9\xa1\x94\xe8\xaa\x8d\xe8\xa8\xbc\xe4\xbb\x98\xe3\x81\x8d\xe3\x82\xab\xe3\x83\xbc\xe3\x83\x89\xe3\x83\xaa\xe3\x83\xbc\xe3\x83\x80\xe3\x83\xbc\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa\xe3\x82\xb1\xe3\x83\xbc\xe3\x82\xb7\xe3\x83\xa7\xe3\x83\xb3"
#define J_HEADING "\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa\xe3\x82\xb1\xe3\x83\xbc\xe3\x82\xb7\xe3\x83\xa7\xe3\x83\xb3\xe3\x83\x90\xe3\x83\xbc\xe3\x82\xb8\xe3\x83\xa7\xe3\x83\xb3\xe6\x83\x85\xe5\xa0\xb1"
#define J_NEWS "\xe3\x81\x8a\xe7\x9f\xa5\xe3\x82\x89\xe3\x81\x9b"        /* oshirase */
#define J_RELEASED "\xe3\x82\x92\xe5\x85\xac\xe9\x96\x8b\xe3\x81\x97\xe3\x81\xbe\xe3\x81\x97\xe3\x81\x9f\xe3\x80\x82" /* released. */
#define J_VERSION "\xe3\x83\x90\xe3\x83\xbc\xe3\x82\xb8\xe3\x83\xa7\xe3\x83\xb3"
#define J_MANUAL "\xe6\x93\x8d\xe4\xbd\x9c\xe3\x83\x9e\xe3\x83\x8b\xe3\x83\xa5\xe3\x82\xa2\xe3\x83\xab" /* sousa manyuaru */

static const char *const vendors[5] = {
    ("\xe5\xaf\x8c\xe5\xa3\xab\xe9\x80\x9a" "Japan"),
    "\xe3\x83\x91\xe3\x83\x8a\xe3\x82\xbd\xe3\x83\x8b\xe3\x83\x83\xe3\x82\xaf\xe3\x82\xb3\xe3\x83\x8d\xe3\x82\xaf\xe3\x83\x88",
    "\xe3\x82\xa2\xe3\x83\xab\xe3\x83\xa1\xe3\x83\x83\xe3\x82\xaf\xe3\x82\xb9",
    "\xe3\x82\xad\xe3\x83\xa4\xe3\x83\x8e\xe3\x83\xb3\xe3\x83\x9e\xe3\x83\xbc\xe3\x82\xb1\xe3\x83\x86\xe3\x82\xa3\xe3\x83\xb3\xe3\x82\xb0\xe3\x82\xb8\xe3\x83\xa3\xe3\x83\x91\xe3\x83\xb3",
    "\xe3\x82\xa2\xe3\x83\x88\xe3\x83\xa9\xe3\x82\xb9\xe6\x83\x85\xe5\xa0\xb1\xe3\x82\xb5\xe3\x83\xbc\xe3\x83\x93\xe3\x82\xb9",
};

static void filler(buf *b, int i)
{
    char s[2048];
    static const char *const apps[4] = {J_DISTRO, J_COM, J_FACE, J_READER};
    snprintf(s, sizeof s,
             "<div class=\"news-item\"><div class=\"inner\"><span class=\"date\">2023.%02d.%02d</span>"
             "<p class=\"txt\"><a href=\"/news/%d.html\"><span>%s</span> %d.%d.%d " J_RELEASED "</a></p>"
             "<ul class=\"links\"><li><a href=\"/dl/%d.zip\">" J_MANUAL " (PDF %dKB)</a></li>"
             "<li><a href=\"/faq/%d\">FAQ &amp; Q%d</a></li></ul></div></div>\n",
             i % 12 + 1, i % 28 + 1, i, apps[i % 4], 8 + i % 2, i % 10, i % 7, i, 100 + i % 900, i, i);
    put(b, s);
    if (i % 10 == 0) {
        snprintf(s, sizeof s,
                 "<table class=\"history\"><tr><th>No.</th><th>" J_VERSION "</th></tr>"
                 "<tr><td>%d</td><td>%s 7.%d.%d</td></tr><tr><td>%d</td><td>%s 7.%d.%d</td></tr></table>\n",
                 i, apps[(i / 10) % 4], i % 9, i % 5, i + 1, apps[(i / 10 + 1) % 4], i % 8, i % 3);
        put(b, s);
    }
}

static void build_page(buf *b)
{
    put(b, "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"UTF-8\"><title>portal</title>"
           "<script>var x = 1;</script><style>.a{color:red}</style></head><body>\n"
           "<header><nav><ul><li><a href=\"/\">top</a></li><li><a href=\"/dl/\">dl</a></li></ul></nav></header>\n"
           "<main><h1>download</h1><h2>" J_NEWS "</h2>\n");
    int i = 0;
    while (b->len < TARGET_BYTES * 9 / 10)
        filler(b, i++);
    put(b, "<h2>" J_HEADING "</h2>\n<table class=\"tbl\"><thead><tr><th>name</th><th>vendor</th>"
           "<th>" J_VERSION "</th><th>date</th></tr></thead><tbody>\n"
           "<tr><td colspan=\"2\">" J_DISTRO "</td><td>1.0.10</td><td>2024/04/01</td></tr>\n"
           "<tr><td colspan=\"2\">" J_COM "</td><td>1.2.3</td><td>2024/03/01</td></tr>\n"
           "<tr><td colspan=\"2\">" J_FACE "</td><td>2.1.0</td><td>2024/02/01</td></tr>\n");
    for (int v = 0; v < 5; v++) {
        char s[512];
        snprintf(s, sizeof s, "<tr>%s<td>%s</td><td>%d.%d.%d</td><td>2024/01/%02d</td></tr>\n",
                 v == 0 ? "<td rowspan=\"5\">" J_READER "</td>" : "", vendors[v], v + 1, v + 1, v + 1,
                 v + 10);
        put(b, s);
    }
    put(b, "</tbody></table>\n<h2>" J_NEWS "</h2>\n");
    while (b->len < TARGET_BYTES)
        filler(b, i++);
    put(b, "</main><footer><p>footer 9.9.9</p></footer></body></html>\n");
}

static char *to_sjis(const char *utf8, size_t len, size_t *out_len)
{
    iconv_t cd = iconv_open("CP932", "UTF-8");
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len + 1;
    char *out = malloc(cap), *dst = out, *src = (char *)utf8;
    size_t left = len, room = cap;
    if (!out || iconv(cd, &src, &left, &dst, &room) == (size_t)-1) {
        free(out);
        iconv_close(cd);
        return NULL;
    }
    iconv_close(cd);
    *out_len = (size_t)(dst - out);
    return out;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void run(const char *label, const char *page, size_t len, const char *ct,
                const char *libxml_enc, int iters)
{
    double *bare = calloc((size_t)iters, sizeof *bare), *ext = calloc((size_t)iters, sizeof *ext);
    oqsdm_portal_result *r = malloc(sizeof *r);
    if (!bare || !ext || !r) {
        fprintf(stderr, "bench_portal: out of memory\n");
        exit(2);
    }
    for (int k = 0; k < iters; k++) {
        double t = now_ms();
        htmlDocPtr doc = htmlReadMemory(page, (int)len, NULL, libxml_enc,
                                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                            HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                                            HTML_PARSE_COMPACT);
        xmlFreeDoc(doc);
        bare[k] = now_ms() - t;
        t = now_ms();
        oqsdm_portal_extract(page, len, ct, r, NULL);
        ext[k] = now_ms() - t;
    }
    printf("%s page, %zu bytes, %d iterations (medians):\n", label, len, iters);
    printf("  libxml2 htmlReadMemory + xmlFreeDoc  %8.2f ms\n", median(bare, iters));
    printf("  oqsdm_portal_extract                 %8.2f ms\n", median(ext, iters));
    printf("  ratio extract / bare parse           %8.2f\n", median(ext, iters) / median(bare, iters));
    printf("  found: distro %s, com %s, face %s, reader %s, %s %s (page: %s, %s)\n",
           r->app[0].text, r->app[1].text, r->app[2].text,
           oqsdm_portal_reason_name(r->app[3].reason), oqsdm_portal_vendor_id(OQSDM_PORTAL_CANON),
           r->vendor[OQSDM_PORTAL_CANON].text, oqsdm_portal_reason_name(r->page),
           oqsdm_portal_encoding_name(r->encoding));
    free(bare);
    free(ext);
    free(r);
}

int main(int argc, char **argv)
{
    int iters = argc > 1 ? atoi(argv[1]) : 15;
    if (iters < 1)
        iters = 15;
    oqsdm_portal_init();
    buf b = {0};
    build_page(&b);
    run("UTF-8", b.p, b.len, NULL, "UTF-8", iters);
    size_t sl;
    char *sj = to_sjis(b.p, b.len, &sl);
    if (sj) {
        run("Shift_JIS (charset in the HTTP header)", sj, sl, "text/html; charset=Shift_JIS",
            "Shift_JIS", iters);
        free(sj);
    } else {
        printf("Shift_JIS page: iconv has no CP932 here, skipped\n");
    }
    free(b.p);
    xmlCleanupParser();
    return 0;
}
