/*
 * test_portal.c: the portal extractor (src/core/portal.c) and its decoder
 * (src/core/portal_decode.c) against the fixture pages in tests/unit/portal/.
 *
 * Each fixture is a page shaped the way the real one might be (tables with
 * th or td, spans and links, rowspan, lists, extra columns, other sections
 * with version numbers, broken HTML, every way of declaring or not
 * declaring a charset). A table below says, per fixture, what must come
 * out: for each application its text or its reason, and the card reader's
 * vendor rows where there are any. Every fixture in the folder must appear
 * in the table, so a new page cannot be added without its expectations.
 * Decoys in the fixtures are 9.9.x: no expected text is ever one of them.
 *
 * The decoder also gets direct cases (BOM against header, meta prescan
 * rules, sniffing, CP932 codes the platform refuses, EUC-JP, UTF-16).
 * Non-ASCII expectations are written as \x escapes, as in src/.
 */
#include "check.h"
#include "oqsdm/portal.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#ifndef OQSDM_PORTAL_FIXTURES
#error "OQSDM_PORTAL_FIXTURES must name tests/unit/portal"
#endif

/* "1.0.10" in full-width digits and dots */
#define FW_1_0_10 "\xef\xbc\x91\xef\xbc\x8e\xef\xbc\x90\xef\xbc\x8e\xef\xbc\x91\xef\xbc\x90"
/* "baajon 2.1.0" (version 2.1.0) */
#define BAAJON_2_1_0 "\xe3\x83\x90\xe3\x83\xbc\xe3\x82\xb8\xe3\x83\xa7\xe3\x83\xb3 2.1.0"
/* "baajon: 1.0.10" with a full-width colon */
#define BAAJON_COLON_1_0_10 "\xe3\x83\x90\xe3\x83\xbc\xe3\x82\xb8\xe3\x83\xa7\xe3\x83\xb3\xef\xbc\x9a" "1.0.10"
/* "Ver.1.0.10" all in full-width letters, dot and digits */
#define FW_VER_1_0_10 "\xef\xbc\xb6\xef\xbd\x85\xef\xbd\x92\xef\xbc\x8e" FW_1_0_10

#define STD "distro=1.0.10|com=1.2.3|face=2.1.0|reader=3.0.1"
#define VENDORS5 "fujitsu=1.1.1|panasonic=2.2.2|almex=3.3.3|canon=4.4.4|atlas=5.5.5"

enum { ANY = -1 };

typedef struct page_case {
    const char *file;
    const char *content_type;          /* the HTTP header value, or NULL */
    oqsdm_portal_reason page;
    int encoding, source;              /* ANY: not checked */
    const char *expect;                /* "id=text|id=!reason|..." */
} page_case;

static const page_case cases[] = {
    {"table_th.html", NULL, OQSDM_PORTAL_FOUND, OQSDM_PORTAL_UTF8, OQSDM_PORTAL_SRC_META, STD},
    {"table_td_header.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY, STD},
    {"nested_spans_links.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY,
     "distro=Ver.1.0.10|com=1.2.3|face=2.1.0|reader=3.0.1"},
    {"rowspan_vendors.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY,
     "distro=1.0.10|com=1.2.3|face=2.1.0|reader=!per_vendor|" VENDORS5},
    {"vendor_lines_in_cell.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY,
     "distro=1.0.10|com=1.2.3|face=2.1.0|reader=!per_vendor|" VENDORS5},
    {"list_ul.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY,
     "distro=1.0.10|com=1.2.3|face=2.1.0|reader=!per_vendor|" VENDORS5},
    {"list_dl.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY,
     "distro=Ver.1.0.10|com=Ver.1.2.3|face=Ver.2.1.0|reader=Ver.3.0.1"},
    {"paragraphs.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY,
     "distro=" FW_1_0_10 "|com=1.2.3|face=" BAAJON_2_1_0 "|reader=!no_version"},
    {"news_before_after.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY, STD},
    {"missing_app.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY,
     "distro=1.0.10|com=!no_version|face=!not_listed|reader=3.0.1"},
    {"broken.html", NULL, OQSDM_PORTAL_FOUND, OQSDM_PORTAL_UTF8, OQSDM_PORTAL_SRC_META, STD},
    {"sjis_nocharset.html", NULL, OQSDM_PORTAL_FOUND, OQSDM_PORTAL_SHIFT_JIS, OQSDM_PORTAL_SRC_SNIFFED, STD},
    {"utf8_nocharset.html", NULL, OQSDM_PORTAL_FOUND, OQSDM_PORTAL_UTF8, OQSDM_PORTAL_SRC_SNIFFED, STD},
    {"sjis_header_only.html", "text/html; charset=Shift_JIS", OQSDM_PORTAL_FOUND,
     OQSDM_PORTAL_SHIFT_JIS, OQSDM_PORTAL_SRC_HEADER, STD},
    {"sjis_header_only.html", "text/html;charset=\"windows-31j\"", OQSDM_PORTAL_FOUND,
     OQSDM_PORTAL_SHIFT_JIS, OQSDM_PORTAL_SRC_HEADER, STD},
    {"sjis_header_only.html", "text/html; q=\"a;b\"; CHARSET = sjis ", OQSDM_PORTAL_FOUND,
     OQSDM_PORTAL_SHIFT_JIS, OQSDM_PORTAL_SRC_HEADER, STD},
    /* the header wins over sniffing even when it is wrong, as in a browser */
    {"utf8_nocharset.html", "text/html; charset=Shift_JIS", OQSDM_PORTAL_R_NO_SECTION,
     OQSDM_PORTAL_SHIFT_JIS, OQSDM_PORTAL_SRC_HEADER, ""},
    {"sjis_meta_http_equiv.html", NULL, OQSDM_PORTAL_FOUND, OQSDM_PORTAL_SHIFT_JIS, OQSDM_PORTAL_SRC_META, STD},
    /* a label no browser knows is ignored: the meta decides */
    {"sjis_meta_http_equiv.html", "text/html; charset=x-no-such", OQSDM_PORTAL_FOUND,
     OQSDM_PORTAL_SHIFT_JIS, OQSDM_PORTAL_SRC_META, STD},
    {"sjis_meta_http_equiv.html", "text/html", OQSDM_PORTAL_FOUND, OQSDM_PORTAL_SHIFT_JIS,
     OQSDM_PORTAL_SRC_META, STD},
    /* a BOM wins over the meta and over the HTTP header */
    {"bom_utf8.html", NULL, OQSDM_PORTAL_FOUND, OQSDM_PORTAL_UTF8, OQSDM_PORTAL_SRC_BOM, STD},
    {"bom_utf8.html", "text/html; charset=Shift_JIS", OQSDM_PORTAL_FOUND, OQSDM_PORTAL_UTF8,
     OQSDM_PORTAL_SRC_BOM, STD},
    {"h2_span_heading.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY, STD},
    {"mention_in_paragraph.html", NULL, OQSDM_PORTAL_R_NO_SECTION, ANY, ANY, ""},
    {"mention_then_heading.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY, STD},
    {"no_section.html", NULL, OQSDM_PORTAL_R_NO_SECTION, ANY, ANY, ""},
    {"pseudo_strong.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY, STD},
    {"caption.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY,
     "distro=1.0.10|com=1.2.3|face=!not_listed|reader=!not_listed"},
    {"transposed.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY, STD},
    {"eucjp.html", NULL, OQSDM_PORTAL_FOUND, OQSDM_PORTAL_EUC_JP, OQSDM_PORTAL_SRC_META, STD},
    /* no charset anywhere: valid EUC-JP is sniffed as EUC-JP, not Shift_JIS */
    {"eucjp_nocharset.html", NULL, OQSDM_PORTAL_FOUND, OQSDM_PORTAL_EUC_JP, OQSDM_PORTAL_SRC_SNIFFED, STD},
    {"utf16le_bom.html", NULL, OQSDM_PORTAL_FOUND, OQSDM_PORTAL_UTF16LE, OQSDM_PORTAL_SRC_BOM, STD},
    {"utf16be_bom.html", "text/html; charset=utf-8", OQSDM_PORTAL_FOUND, OQSDM_PORTAL_UTF16BE,
     OQSDM_PORTAL_SRC_BOM, STD},
    {"role_heading.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY, STD},
    {"section_levels.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY,
     "distro=" BAAJON_COLON_1_0_10 "|com=1.2.3|face=2.1.0|reader=!not_listed"},
    {"management_tool.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY, STD "|canon=!not_listed"},
    {"layout_table.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY, STD},
    {"iso2022jp.html", NULL, OQSDM_PORTAL_R_ENCODING, ANY, ANY, ""},
    {"table_th.html", "text/html; charset=ISO-2022-JP", OQSDM_PORTAL_R_ENCODING, ANY, ANY, ""},
    {"script_hidden.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY,
     "distro=1.0.10|com=1.2.3|face=2.1.0|reader=!not_listed"},
    {"two_column_pairs.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY, STD},
    {"sjis_halfwidth.html", NULL, OQSDM_PORTAL_FOUND, OQSDM_PORTAL_SHIFT_JIS, OQSDM_PORTAL_SRC_SNIFFED,
     "distro=" FW_VER_1_0_10 "|com=1.2.3|face=2.1.0|reader=3.0.1"},
    {"vendor_rows_no_rowspan.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY,
     "distro=1.0.10|com=1.2.3|face=2.1.0|reader=!per_vendor|fujitsu=1.1.1|panasonic=2.2.2|"
     "canon=!no_version"},
    {"toc.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY, STD},
    {"title_row.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY, STD},
    {"vendors_one_line.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY,
     "distro=1.0.10|com=1.2.3|face=2.1.0|reader=!per_vendor|fujitsu=1.1.1|almex=3.3.3|atlas=5.5.5"},
    {"empty.html", NULL, OQSDM_PORTAL_R_NOT_HTML, OQSDM_PORTAL_UTF8, OQSDM_PORTAL_SRC_SNIFFED, ""},
    {"utf8_stray_byte.html", NULL, OQSDM_PORTAL_FOUND, OQSDM_PORTAL_UTF8, OQSDM_PORTAL_SRC_SNIFFED, STD},
    {"meta_late.html", NULL, OQSDM_PORTAL_FOUND, OQSDM_PORTAL_UTF8, OQSDM_PORTAL_SRC_SNIFFED, STD},
    {"latin1_entities.html", NULL, OQSDM_PORTAL_FOUND, OQSDM_PORTAL_WINDOWS_1252, OQSDM_PORTAL_SRC_META,
     "distro=1.0.10|com=1.2.3|face=2.1.0|reader=!not_listed"},
    {"nul_bytes.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY,
     "distro=1.0.10|com=1.2.3|face=!not_listed|reader=!not_listed"},
    {"heading_link.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY,
     "distro=Ver 1.0.10|com=v1.2.3|face=2.1.0|reader=!not_listed"},
    {"long_value.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY,
     "distro=~1.0.10 |com=!not_listed|face=!not_listed|reader=!not_listed"},
    /* "kako no ..." before the section, "kyuu baajon" inside it: old
     * releases are never the latest, even for an application the section
     * itself does not list */
    {"past_section.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY,
     "distro=1.0.10|com=1.2.3|face=!not_listed|reader=!not_listed"},
    {"past_section_only.html", NULL, OQSDM_PORTAL_R_NO_SECTION, ANY, ANY, ""},
    /* a note or a bracket with the old version after the value is cut off */
    {"value_notes.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY, STD},
    /* old, latest and planned columns: the latest one */
    {"old_new_columns.html", NULL, OQSDM_PORTAL_FOUND, ANY, ANY, STD},
};

static char *read_fixture(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", OQSDM_PORTAL_FIXTURES, name);
    FILE *f = fopen(path, "rb");
    *len = 0;
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf)
            break;
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    fclose(f);
    *len = n;
    return buf;
}

static int reason_by_name(const char *name)
{
    for (int r = 0; r <= OQSDM_PORTAL_R_NO_MEMORY; r++)
        if (strcmp(oqsdm_portal_reason_name((oqsdm_portal_reason)r), name) == 0)
            return r;
    return -1;
}

static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 :
                (*p & 0xF8) == 0xF0 ? 4 : 0;
        if (!n)
            return 0;
        for (int k = 1; k < n; k++)
            if ((p[k] & 0xC0) != 0x80)
                return 0;
        p += n;
    }
    return 1;
}

/* Checks one text against "text", "~prefix" or "!reason". */
static void check_text(const char *file, const char *id, const oqsdm_portal_text *t,
                       const char *want)
{
    check_count++;
    if (want[0] == '!') {
        int r = reason_by_name(want + 1);
        if (r < 0 || t->reason != (oqsdm_portal_reason)r || t->text[0] != '\0') {
            check_failures++;
            fprintf(stderr, "%s: %s is %s \"%s\", want %s\n", file, id,
                    oqsdm_portal_reason_name(t->reason), t->text, want + 1);
        }
        return;
    }
    int ok = t->reason == OQSDM_PORTAL_FOUND;
    if (want[0] == '~')
        ok = ok && strncmp(t->text, want + 1, strlen(want + 1)) == 0;
    else
        ok = ok && strcmp(t->text, want) == 0;
    if (!ok) {
        check_failures++;
        fprintf(stderr, "%s: %s is %s \"%s\", want \"%s\"\n", file, id,
                oqsdm_portal_reason_name(t->reason), t->text, want);
    }
}

static void run_case(const page_case *pc)
{
    size_t len;
    char *page = read_fixture(pc->file, &len);
    CHECK(page != NULL);
    if (!page)
        return;
    oqsdm_portal_result r;
    oqsdm_error e;
    oqsdm_err rc = oqsdm_portal_extract(page, len, pc->content_type, &r, &e);
    free(page);
    CHECK_INT(rc, OQSDM_OK);
    if (r.page != pc->page)
        fprintf(stderr, "%s: page is %s (%s), want %s\n", pc->file, oqsdm_portal_reason_name(r.page),
                r.detail, oqsdm_portal_reason_name(pc->page));
    CHECK_INT(r.page, pc->page);
    CHECK(r.detail[0] != '\0');
    if (pc->encoding != ANY) {
        CHECK(r.decoded);
        if ((int)r.encoding != pc->encoding || (int)r.encoding_source != pc->source)
            fprintf(stderr, "%s: decoded as %s from %s\n", pc->file,
                    oqsdm_portal_encoding_name(r.encoding), oqsdm_portal_enc_source_name(r.encoding_source));
        CHECK_INT(r.encoding, pc->encoding);
        CHECK_INT(r.encoding_source, pc->source);
    }

    /* what each id should be: the spec, else the default */
    const char *want_app[OQSDM_PORTAL_APP_COUNT] = {0};
    const char *want_vendor[OQSDM_PORTAL_VENDOR_COUNT] = {0};
    char spec[1024];
    snprintf(spec, sizeof spec, "%s", pc->expect);
    for (char *item = strtok(spec, "|"); item; item = strtok(NULL, "|")) {
        char *eq = strchr(item, '=');
        CHECK(eq != NULL);
        if (!eq)
            continue;
        *eq = '\0';
        int known = 0;
        for (int a = 0; a < OQSDM_PORTAL_APP_COUNT; a++)
            if (strcmp(item, oqsdm_portal_app_id((oqsdm_portal_app)a)) == 0) {
                want_app[a] = eq + 1;
                known = 1;
            }
        for (int v = 0; v < OQSDM_PORTAL_VENDOR_COUNT; v++)
            if (strcmp(item, oqsdm_portal_vendor_id((oqsdm_portal_vendor)v)) == 0) {
                want_vendor[v] = eq + 1;
                known = 1;
            }
        CHECK(known);
    }
    char page_reason[40];
    snprintf(page_reason, sizeof page_reason, "!%s", oqsdm_portal_reason_name(pc->page));
    for (int a = 0; a < OQSDM_PORTAL_APP_COUNT; a++) {
        /* a found page must say something about every application */
        if (pc->page == OQSDM_PORTAL_FOUND)
            CHECK(want_app[a] != NULL);
        check_text(pc->file, oqsdm_portal_app_id((oqsdm_portal_app)a), &r.app[a],
                   want_app[a] ? want_app[a] : page_reason);
    }
    for (int v = 0; v < OQSDM_PORTAL_VENDOR_COUNT; v++)
        check_text(pc->file, oqsdm_portal_vendor_id((oqsdm_portal_vendor)v), &r.vendor[v],
                   want_vendor[v] ? want_vendor[v]
                                  : pc->page == OQSDM_PORTAL_FOUND ? "!not_listed" : page_reason);

    /* whatever was found is a bounded, non-empty, valid UTF-8 text */
    for (int a = 0; a < OQSDM_PORTAL_APP_COUNT + OQSDM_PORTAL_VENDOR_COUNT; a++) {
        const oqsdm_portal_text *t = a < OQSDM_PORTAL_APP_COUNT ? &r.app[a]
                                                               : &r.vendor[a - OQSDM_PORTAL_APP_COUNT];
        if (t->reason == OQSDM_PORTAL_FOUND) {
            CHECK(t->text[0] != '\0' && t->text[0] != ' ');
            CHECK(strlen(t->text) < OQSDM_PORTAL_TEXT_MAX);
            CHECK(valid_utf8(t->text));
            CHECK(strstr(t->text, "9.9.") == NULL);   /* never a decoy */
        }
    }
}

/* Every fixture in the folder has a case. */
static void check_all_fixtures_used(void)
{
    DIR *d = opendir(OQSDM_PORTAL_FIXTURES);
    CHECK(d != NULL);
    if (!d)
        return;
    struct dirent *de;
    int files = 0;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        files++;
        int used = 0;
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
            used |= strcmp(cases[i].file, de->d_name) == 0;
        if (!used)
            fprintf(stderr, "fixture %s has no case\n", de->d_name);
        CHECK(used);
    }
    closedir(d);
    CHECK(files >= 40);
}

static void check_long_value(void)
{
    size_t len;
    char *page = read_fixture("long_value.html", &len);
    oqsdm_portal_result r;
    CHECK_INT(oqsdm_portal_extract(page, len, NULL, &r, NULL), OQSDM_OK);
    free(page);
    /* cut at a character boundary: "1.0.10 " and whole 3-byte characters */
    CHECK_INT(strlen(r.app[OQSDM_PORTAL_DISTRO].text), 7 + 3 * 82);
    CHECK(valid_utf8(r.app[OQSDM_PORTAL_DISTRO].text));
}

static void check_reader_text(void)
{
    size_t len;
    char *page = read_fixture("rowspan_vendors.html", &len);
    oqsdm_portal_result r;
    CHECK_INT(oqsdm_portal_extract(page, len, NULL, &r, NULL), OQSDM_OK);
    free(page);
    CHECK_STR(oqsdm_portal_reader_text(&r, OQSDM_PORTAL_FUJITSU), "1.1.1");
    CHECK_STR(oqsdm_portal_reader_text(&r, OQSDM_PORTAL_ATLAS), "5.5.5");
    CHECK(oqsdm_portal_reader_text(&r, -1) == NULL);
    CHECK(oqsdm_portal_reader_text(NULL, 0) == NULL);

    page = read_fixture("vendor_rows_no_rowspan.html", &len);
    CHECK_INT(oqsdm_portal_extract(page, len, NULL, &r, NULL), OQSDM_OK);
    free(page);
    CHECK(oqsdm_portal_reader_text(&r, OQSDM_PORTAL_CANON) == NULL);   /* "-" is no version */

    page = read_fixture("table_th.html", &len);
    CHECK_INT(oqsdm_portal_extract(page, len, NULL, &r, NULL), OQSDM_OK);
    free(page);
    CHECK_STR(oqsdm_portal_reader_text(&r, OQSDM_PORTAL_CANON), "3.0.1");  /* one row for all */
    CHECK_STR(oqsdm_portal_reader_text(&r, -1), "3.0.1");
    CHECK_STR(oqsdm_portal_reader_text(&r, 99), "3.0.1");
}

static void check_limits_and_usage(void)
{
    /* exactly the limit is read (no section in it), one byte more is refused */
    size_t n = OQSDM_PORTAL_MAX_PAGE + 1;
    char *big = malloc(n);
    CHECK(big != NULL);
    if (!big)
        return;
    memset(big, 'a', n);
    oqsdm_portal_result r;
    oqsdm_error e;
    CHECK_INT(oqsdm_portal_extract(big, n, NULL, &r, &e), OQSDM_OK);
    CHECK_INT(r.page, OQSDM_PORTAL_R_TOO_LARGE);
    CHECK_INT(r.app[OQSDM_PORTAL_DISTRO].reason, OQSDM_PORTAL_R_TOO_LARGE);
    CHECK_INT(r.vendor[OQSDM_PORTAL_CANON].reason, OQSDM_PORTAL_R_TOO_LARGE);
    CHECK(strstr(r.detail, "8388609") != NULL);
    CHECK(!r.decoded);
    CHECK_INT(oqsdm_portal_extract(big, n - 1, NULL, &r, &e), OQSDM_OK);
    CHECK_INT(r.page, OQSDM_PORTAL_R_NO_SECTION);
    free(big);

    CHECK_INT(oqsdm_portal_extract(NULL, 5, NULL, &r, &e), OQSDM_E_USAGE);
    CHECK_INT(e.code, OQSDM_E_USAGE);
    CHECK_INT(r.app[OQSDM_PORTAL_COM].reason, OQSDM_PORTAL_R_NOT_HTML);
    CHECK_INT(oqsdm_portal_extract("x", 1, NULL, NULL, &e), OQSDM_E_USAGE);
    CHECK_INT(oqsdm_portal_extract(NULL, 0, NULL, &r, NULL), OQSDM_OK);
    CHECK_INT(r.page, OQSDM_PORTAL_R_NOT_HTML);
}

/* Decodes bytes and compares the UTF-8 that comes out. */
static void check_decode(const char *in, size_t len, const char *ct, int enc, int src,
                         const char *want, size_t replaced, int line)
{
    oqsdm_portal_decoded d;
    oqsdm_portal_reason r = oqsdm_portal_decode(in, len, ct, &d);
    check_count++;
    if (r != OQSDM_PORTAL_FOUND || !d.text || (int)d.encoding != enc || (int)d.source != src ||
        strcmp(d.text, want) != 0 || d.replaced != replaced || d.len != strlen(want)) {
        check_failures++;
        fprintf(stderr, "test_portal.c:%d: decode gave %s %s/%s \"%s\" (%zu replaced)\n", line,
                oqsdm_portal_reason_name(r), oqsdm_portal_encoding_name(d.encoding),
                oqsdm_portal_enc_source_name(d.source), d.text ? d.text : "(null)", d.replaced);
    }
    oqsdm_portal_decoded_free(&d);
}
#define DECODE(in, ct, enc, src, want, rep) \
    check_decode(in, sizeof in - 1, ct, OQSDM_PORTAL_##enc, OQSDM_PORTAL_SRC_##src, want, rep, __LINE__)

static void check_decoder(void)
{
    /* sniffing: ASCII and UTF-8 are UTF-8, Shift_JIS is Shift_JIS */
    DECODE("<p>a</p>", NULL, UTF8, SNIFFED, "<p>a</p>", 0);
    DECODE("\xe3\x81\x82", NULL, UTF8, SNIFFED, "\xe3\x81\x82", 0);
    DECODE("\x82\xa0\x82\xa2", NULL, SHIFT_JIS, SNIFFED, "\xe3\x81\x82\xe3\x81\x84", 0);
    /* a stray byte among UTF-8: still UTF-8, the byte is U+FFFD */
    DECODE("\xe3\x81\x82\xe3\x81\x84\xe3\x81\x86\xe3\x81\x88\xff", NULL, UTF8, SNIFFED,
           "\xe3\x81\x82\xe3\x81\x84\xe3\x81\x86\xe3\x81\x88\xef\xbf\xbd", 1);
    /* NUL and controls are dropped, form feed is a space */
    DECODE("a\0b\x01" "c\x0c" "d", NULL, UTF8, SNIFFED, "abc d", 2);
    /* truncated and overlong UTF-8: one U+FFFD per maximal bad part */
    DECODE("<meta charset=utf-8>\xe3\x81 \xc0\xaf", NULL, UTF8, META,
           "<meta charset=utf-8>\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbd", 3);
    /* header: quoted, any case, spaces; BOM beats it */
    DECODE("\x82\xa0", "text/html; charset=\"SHIFT_JIS\"", SHIFT_JIS, HEADER, "\xe3\x81\x82", 0);
    DECODE("\xef\xbb\xbf\xe3\x81\x82", "text/html; charset=Shift_JIS", UTF8, BOM, "\xe3\x81\x82", 0);
    DECODE("\xff\xfe\x42\x30", NULL, UTF16LE, BOM, "\xe3\x81\x82", 0);
    DECODE("\xfe\xff\x30\x42\xd8\x3d\xde\x00\xdc\x00", NULL, UTF16BE, BOM,
           "\xe3\x81\x82\xf0\x9f\x98\x80\xef\xbf\xbd", 1);
    /* UTF-16 named by a header has no BOM; named by a meta it means UTF-8 */
    DECODE("\x42\x30", "text/html; charset=utf-16le", UTF16LE, HEADER, "\xe3\x81\x82", 0);
    DECODE("<meta charset='utf-16'>\xe3\x81\x82", NULL, UTF8, META,
           "<meta charset='utf-16'>\xe3\x81\x82", 0);
    /* latin-1 means windows-1252 */
    DECODE("<meta charset=iso-8859-1>\x80\xe9", NULL, WINDOWS_1252, META,
           "<meta charset=iso-8859-1>\xe2\x82\xac\xc3\xa9", 0);
    /* content= needs http-equiv; a commented meta does not count */
    DECODE("<meta content='text/html; charset=shift_jis'>\x82\xa0", NULL, SHIFT_JIS, SNIFFED,
           "<meta content='text/html; charset=shift_jis'>\xe3\x81\x82", 0);
    DECODE("<!-- <meta charset=euc-jp> --><meta http-equiv=Content-Type content=\"text/html;charset=euc-jp\">\xa4\xa2",
           NULL, EUC_JP, META,
           "<!-- <meta charset=euc-jp> --><meta http-equiv=Content-Type content=\"text/html;charset=euc-jp\">\xe3\x81\x82", 0);
    /* EUC-JP: half-width katakana, JIS X 0212 (no Shift_JIS form: U+FFFD) */
    DECODE("\x8e\xb1\x8f\xb0\xa1", "text/html; charset=EUC-JP", EUC_JP, HEADER,
           "\xef\xbd\xb1\xef\xbf\xbd", 1);
    /* Shift_JIS: a bad trail that is ASCII is read again; a lone lead */
    DECODE("\x82\x20" "a\x82", "text/html; charset=sjis", SHIFT_JIS, HEADER,
           "\xef\xbf\xbd a\xef\xbf\xbd", 2);
    /* a code the platform refuses (unassigned 0x8540) is one U+FFFD, the
     * rest of the text survives */
    DECODE("\x82\xa0\x85\x40\x82\xa2", "text/html; charset=Shift_JIS", SHIFT_JIS, HEADER,
           "\xe3\x81\x82\xef\xbf\xbd\xe3\x81\x84", 1);

    /* a charset we know but cannot decode */
    oqsdm_portal_decoded d;
    CHECK_INT(oqsdm_portal_decode("x", 1, "text/html; charset=iso-2022-jp", &d), OQSDM_PORTAL_R_ENCODING);
    CHECK(d.text == NULL);
    CHECK(strstr(d.detail, "iso-2022-jp") != NULL);
    /* too much that is not Shift_JIS under a Shift_JIS header */
    size_t n = 2 * 5000;
    char *junk = malloc(n);
    CHECK(junk != NULL);
    if (junk) {
        for (size_t i = 0; i < n; i += 2) {
            junk[i] = '\x85';
            junk[i + 1] = '\x40';
        }
        CHECK_INT(oqsdm_portal_decode(junk, n, "text/html; charset=Shift_JIS", &d), OQSDM_PORTAL_R_ENCODING);
        CHECK(d.text == NULL);
        free(junk);
    }
    oqsdm_portal_decoded_free(&d);
    oqsdm_portal_decoded_free(NULL);
}

static void check_names(void)
{
    CHECK_STR(oqsdm_portal_app_id(OQSDM_PORTAL_DISTRO), "distro");
    CHECK_STR(oqsdm_portal_app_id(OQSDM_PORTAL_READER), "reader");
    CHECK(oqsdm_portal_app_id(OQSDM_PORTAL_APP_COUNT) == NULL);
    CHECK_STR(oqsdm_portal_app_name(OQSDM_PORTAL_FACE),
              "\xe9\xa1\x94\xe8\xaa\x8d\xe8\xa8\xbc\xe3\x83\xa9\xe3\x82\xa4\xe3\x83\x96\xe3\x83\xa9\xe3\x83\xaa");
    CHECK_STR(oqsdm_portal_vendor_id(OQSDM_PORTAL_ALMEX), "almex");
    CHECK(oqsdm_portal_vendor_name(OQSDM_PORTAL_VENDOR_COUNT) == NULL);
    CHECK_STR(oqsdm_portal_reason_name(OQSDM_PORTAL_R_PER_VENDOR), "per_vendor");
    CHECK_STR(oqsdm_portal_encoding_name(OQSDM_PORTAL_SHIFT_JIS), "Shift_JIS");
    CHECK_STR(oqsdm_portal_enc_source_name(OQSDM_PORTAL_SRC_META), "meta");
    /* every vendor is found by its own name */
    for (int v = 0; v < OQSDM_PORTAL_VENDOR_COUNT; v++)
        CHECK_INT(oqsdm_portal_vendor_find(oqsdm_portal_vendor_name((oqsdm_portal_vendor)v)), v);
    /* "Caora kanri tsuuru" (its tool) is Fujitsu's */
    CHECK_INT(oqsdm_portal_vendor_find("Caora\xe7\xae\xa1\xe7\x90\x86\xe3\x83\x84\xe3\x83\xbc\xe3\x83\xab"),
              OQSDM_PORTAL_FUJITSU);
    /* "panasonikku konekuto" with a full-width space */
    CHECK_INT(oqsdm_portal_vendor_find("\xe3\x83\x91\xe3\x83\x8a\xe3\x82\xbd\xe3\x83\x8b\xe3\x83\x83\xe3\x82\xaf"
                                       "\xe3\x80\x80\xe3\x82\xb3\xe3\x83\x8d\xe3\x82\xaf\xe3\x83\x88"),
              OQSDM_PORTAL_PANASONIC);
    /* "kiyanon" in half-width katakana */
    CHECK_INT(oqsdm_portal_vendor_find("\xef\xbd\xb7\xef\xbe\x94\xef\xbe\x89\xef\xbe\x9d"), OQSDM_PORTAL_CANON);
    CHECK_INT(oqsdm_portal_vendor_find("EXC-9000 \xe7\xae\xa1\xe7\x90\x86"), OQSDM_PORTAL_ATLAS);
    CHECK_INT(oqsdm_portal_vendor_find("Microsoft Edge"), -1);
    CHECK_INT(oqsdm_portal_vendor_find(NULL), -1);
}

int main(void)
{
    oqsdm_portal_init();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(&cases[i]);
    check_all_fixtures_used();
    check_long_value();
    check_reader_text();
    check_limits_and_usage();
    check_decoder();
    check_names();
    printf("test_portal: %zu fixture cases\n", sizeof cases / sizeof cases[0]);
    return check_done("test_portal");
}
