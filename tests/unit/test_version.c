/*
 * test_version.c: versions parsed, normalised and compared (1.0.10 >
 * 1.0.9, 1.2 == 1.2.0), and found in free text by the rules of version.h:
 * every label form, full-width digits, and the numbers that must not be
 * taken (dates, Windows builds, IP addresses, product codes), with the
 * rule and the raw span that JSON will carry.
 */
#include "check.h"
#include "oqsdm/version.h"

/* UTF-8 of the Japanese pieces, as \x escapes */
#define KANA_VERSION "\xe3\x83\x90\xe3\x83\xbc\xe3\x82\xb8\xe3\x83\xa7\xe3\x83\xb3" /* バージョン */
#define KANJI_INFO "\xe6\x83\x85\xe5\xa0\xb1"                                        /* 情報 */
#define FW_COLON "\xef\xbc\x9a"                                                      /* ： */
#define FW_DOT "\xef\xbc\x8e"                                                        /* ． */
#define FW_EQ "\xef\xbc\x9d"                                                         /* ＝ */
#define FW_0 "\xef\xbc\x90"
#define FW_1 "\xef\xbc\x91"
#define IDEO_SPACE "\xe3\x80\x80"
#define IDEO_STOP "\xe3\x80\x82"                                                     /* 。 */
#define HALF_STOP "\xef\xbd\xa1"                                                     /* ｡ */
#define REIWA "\xe4\xbb\xa4\xe5\x92\x8c"                                             /* 令和 */
#define HEISEI "\xe5\xb9\xb3\xe6\x88\x90"                                            /* 平成 */
#define FW_1_0_10 FW_1 FW_DOT FW_0 FW_DOT FW_1 FW_0                                  /* １．０．１０ */

static void test_parse(void)
{
    static const struct {
        const char *in;
        oqsdm_version_status st;
        const char *norm;
        unsigned nparts;
    } t[] = {
        {"1.0.10", OQSDM_VERSION_OK, "1.0.10", 3},
        {" 1.0.10\r\n", OQSDM_VERSION_OK, "1.0.10", 3},
        {IDEO_SPACE "1.2" IDEO_SPACE, OQSDM_VERSION_OK, "1.2", 2},
        {FW_1_0_10, OQSDM_VERSION_OK, "1.0.10", 3},
        {"1" FW_DOT "0.1" FW_0, OQSDM_VERSION_OK, "1.0.10", 3},
        {"1" IDEO_STOP "0" IDEO_STOP "10", OQSDM_VERSION_OK, "1.0.10", 3},
        {"1" HALF_STOP "2", OQSDM_VERSION_OK, "1.2", 2},
        {"01.002.0", OQSDM_VERSION_OK, "1.2.0", 3},
        {"7", OQSDM_VERSION_OK, "7", 1},
        {"999999999.0", OQSDM_VERSION_OK, "999999999.0", 2},
        {"000000001.1", OQSDM_VERSION_OK, "1.1", 2},
        {"1.2.3.4.5.6.7.8", OQSDM_VERSION_OK, "1.2.3.4.5.6.7.8", 8},
        {"", OQSDM_VERSION_E_EMPTY, "", 0},
        {" \t\r\n", OQSDM_VERSION_E_EMPTY, "", 0},
        {IDEO_SPACE, OQSDM_VERSION_E_EMPTY, "", 0},
        {"1..2", OQSDM_VERSION_E_SYNTAX, "", 0},
        {".1", OQSDM_VERSION_E_SYNTAX, "", 0},
        {"1.", OQSDM_VERSION_E_SYNTAX, "", 0},
        {"v1.0", OQSDM_VERSION_E_SYNTAX, "", 0},
        {"1.0a", OQSDM_VERSION_E_SYNTAX, "", 0},
        {"1 .0", OQSDM_VERSION_E_SYNTAX, "", 0},
        {"1.-2", OQSDM_VERSION_E_SYNTAX, "", 0},
        {"1,2", OQSDM_VERSION_E_SYNTAX, "", 0},
        {"\xef\xbc", OQSDM_VERSION_E_SYNTAX, "", 0},          /* a full-width digit cut off */
        {"1.\xef\xbc", OQSDM_VERSION_E_SYNTAX, "", 0},
        {"1.2.3.4.5.6.7.8.9", OQSDM_VERSION_E_TOO_MANY_PARTS, "", 0},
        {"1.1234567890", OQSDM_VERSION_E_PART_TOO_LONG, "", 0},
        {"0000000001", OQSDM_VERSION_E_PART_TOO_LONG, "", 0}, /* leading zeros count */
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        oqsdm_version v;
        char buf[OQSDM_VERSION_TEXT_MAX];
        oqsdm_version_status st = oqsdm_version_parse(t[i].in, strlen(t[i].in), &v);
        CHECK_INT(st, t[i].st);
        if (st != t[i].st)
            fprintf(stderr, "  parse case %zu: \"%s\"\n", i, t[i].in);
        CHECK_INT(v.nparts, t[i].nparts);
        if (st == OQSDM_VERSION_OK) {
            CHECK_INT(oqsdm_version_format(&v, buf, sizeof buf), 0);
            CHECK_STR(buf, t[i].norm);
        }
    }
    /* the length is what counts, not a NUL */
    oqsdm_version v;
    CHECK_INT(oqsdm_version_parse("1.2\0" "3", 5, &v), OQSDM_VERSION_E_SYNTAX);
    CHECK_INT(oqsdm_version_parse("1.2.3", 3, &v), OQSDM_VERSION_OK);
    CHECK_INT(v.nparts, 2);
    CHECK_INT(oqsdm_version_parse(NULL, 0, &v), OQSDM_VERSION_E_EMPTY);
}

static void test_format(void)
{
    oqsdm_version v;
    char buf[OQSDM_VERSION_TEXT_MAX], small[6];
    const char *longest = "999999999.999999999.999999999.999999999.999999999.999999999.999999999.999999999";
    CHECK_INT(oqsdm_version_parse(longest, strlen(longest), &v), OQSDM_VERSION_OK);
    CHECK_INT(oqsdm_version_format(&v, buf, sizeof buf), 0);   /* exactly fits */
    CHECK_STR(buf, longest);
    CHECK_INT(strlen(longest) + 1, OQSDM_VERSION_TEXT_MAX);
    CHECK_INT(oqsdm_version_parse("1.0.10", 6, &v), OQSDM_VERSION_OK);
    CHECK_INT(oqsdm_version_format(&v, small, sizeof small), -1);
    CHECK_STR(small, "");
    CHECK_INT(oqsdm_version_format(&v, small, 0), -1);
    oqsdm_version empty = {0, {0}};
    CHECK_INT(oqsdm_version_format(&empty, buf, sizeof buf), -1);
}

static void test_compare(void)
{
    static const struct {
        const char *a, *b;
        int want;
    } t[] = {
        {"1.0.10", "1.0.9", 1},
        {"1.0.9", "1.0.10", -1},
        {"1.2", "1.2.0", 0},
        {"1.2.0.0.0", "1.2", 0},
        {"1.10", "1.9", 1},
        {"2", "1.99", 1},
        {"1.0", "1.0.1", -1},
        {"0.0", "0", 0},
        {"01.02", "1.2", 0},
        {FW_1_0_10, "1.0.10", 0},
        {"999999999.1", "999999999.0.9", 1},
        {"1.2.3.4.5.6.7.8", "1.2.3.4.5.6.7.9", -1},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        oqsdm_version a, b;
        CHECK_INT(oqsdm_version_parse(t[i].a, strlen(t[i].a), &a), OQSDM_VERSION_OK);
        CHECK_INT(oqsdm_version_parse(t[i].b, strlen(t[i].b), &b), OQSDM_VERSION_OK);
        CHECK_INT(oqsdm_version_compare(&a, &b), t[i].want);
        CHECK_INT(oqsdm_version_compare(&b, &a), -t[i].want);
        CHECK_INT(oqsdm_version_compare(&a, &a), 0);
    }
}

typedef struct find_case {
    const char *text;
    oqsdm_version_find_status st;
    oqsdm_version_rule rule;
    const char *norm;      /* FOUND / AMBIGUOUS: the (first) version */
    const char *raw;       /* the raw span */
    const char *other;     /* AMBIGUOUS: the disagreeing span */
    int rejected;          /* -1: not checked */
} find_case;

#define L OQSDM_VERSION_RULE_LABELLED
#define B OQSDM_VERSION_RULE_BARE
#define N OQSDM_VERSION_RULE_NONE
#define FOUND OQSDM_VERSION_FOUND
#define NONE OQSDM_VERSION_NONE
#define AMBIG OQSDM_VERSION_AMBIGUOUS

static const find_case finds[] = {
    /* every label form */
    {"Version=1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"version=1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"VERSION=1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"Version = 1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"Version: 1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"Version:1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"Version 1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"Version\t1.0.10\r\n", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"Version=\"1.0.10\"", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"Version='1.0.10'", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"Ver.1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"ver.1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"VER. 1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"Ver 1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"Ver1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"v1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"V1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"v 1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"App-Version: 1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {KANA_VERSION FW_COLON "1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {KANA_VERSION ":1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {KANA_VERSION " 1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {KANA_VERSION IDEO_SPACE "1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {KANA_VERSION "1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {KANA_VERSION FW_EQ "1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {KANA_VERSION KANJI_INFO FW_COLON "1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {KANA_VERSION FW_COLON FW_1_0_10, FOUND, L, "1.0.10", FW_1_0_10, NULL, 0},
    {"\xef\xbc\xb6\xef\xbd\x85\xef\xbd\x92" FW_DOT FW_1_0_10, FOUND, L, "1.0.10", FW_1_0_10, NULL, 0}, /* Ｖｅｒ． */
    {"Version=1.0.10.", FOUND, L, "1.0.10", "1.0.10", NULL, 0},          /* a sentence's dot */
    {KANA_VERSION FW_COLON "1.0.10" IDEO_STOP, FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"Version=10.1.2.3", FOUND, L, "10.1.2.3", "10.1.2.3", NULL, 0},     /* labelled: no IP rule */

    /* labelled values win over bare ones, and among themselves must agree */
    {"ProductName=OQSComApp\r\nVersion=1.0.10\r\nBuildDate=2024/06/30\r\n", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"Version=1.0.10\nFileVersion=2.0.0.1\n", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"DotNetVersion=4.8\nVersion=1.0.10\n", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"Version=1.0.10\n2.0.0\n", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"Version=1.0.10\nVer 1.0.10.0\n", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"Version=1.0.10\n" KANA_VERSION FW_COLON FW_1_0_10 "\n", FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"Version=1.0.10\nVersion=1.0.11\n", AMBIG, L, "1.0.10", "1.0.10", "1.0.11", 0},
    {"Version=1.0.10\nVersion=1.0.11\n1.0.10\n", AMBIG, L, "1.0.10", "1.0.10", "1.0.11", 0},
    {"Version=10.0.19044\n1.2.3\n", FOUND, B, "1.2.3", "1.2.3", NULL, 1},  /* labelled build refused */
    {"Version=2024.06.30", NONE, N, NULL, NULL, NULL, 1},
    {"Version=1.0.10-rc1", NONE, N, NULL, NULL, NULL, 0},
    {"Version=1.0.10a", NONE, N, NULL, NULL, NULL, 0},
    {"Version=1.0.x", NONE, N, NULL, NULL, NULL, 0},
    {"Version 5", NONE, N, NULL, NULL, NULL, 0},                         /* one number is not a version */
    {KANA_VERSION "\xef\xbc\x96", NONE, N, NULL, NULL, NULL, 0},         /* バージョン６ (IPv6) */
    {"Version=unknown", NONE, N, NULL, NULL, NULL, 0},
    {"Version=", NONE, N, NULL, NULL, NULL, 0},
    {"Ver", NONE, N, NULL, NULL, NULL, 0},
    {"OSVersion=1.0.10", FOUND, B, "1.0.10", "1.0.10", NULL, 0},         /* not a label: a bare value */
    {"Versions 1.2", FOUND, B, "1.2", "1.2", NULL, 0},
    {"vs1.2", NONE, N, NULL, NULL, NULL, 0},

    /* bare numbers */
    {"1.0.10", FOUND, B, "1.0.10", "1.0.10", NULL, 0},
    {"1.0.10\r\n", FOUND, B, "1.0.10", "1.0.10", NULL, 0},
    {"  1.0.10  ", FOUND, B, "1.0.10", "1.0.10", NULL, 0},
    {FW_1_0_10 "\r\n", FOUND, B, "1.0.10", FW_1_0_10, NULL, 0},
    {"1.2", FOUND, B, "1.2", "1.2", NULL, 0},
    {"(1.0.10)", FOUND, B, "1.0.10", "1.0.10", NULL, 0},
    {"\xe6\x9c\x80\xe6\x96\xb0\xe7\x89\x88\xe3\x81\xaf" "1.0.10" "\xe3\x81\xa7\xe3\x81\x99", FOUND, B, "1.0.10", "1.0.10", NULL, 0}, /* 最新版は1.0.10です */
    {"1.0.10 1.0.10", FOUND, B, "1.0.10", "1.0.10", NULL, 0},
    {"1.0.10\n1.0.10.0\n", FOUND, B, "1.0.10", "1.0.10", NULL, 0},
    {"1.0.10\n1.0.9\n", AMBIG, B, "1.0.10", "1.0.10", "1.0.9", 0},
    {"OqsComApp 1.2.3\nOqsFaceApp 1.2.4\n", AMBIG, B, "1.2.3", "1.2.3", "1.2.4", 0},
    {"1.0.10 2024/06/30 192.168.0.1", FOUND, B, "1.0.10", "1.0.10", NULL, 1},
    {"1.2.3.4.5.6.7.8", FOUND, B, "1.2.3.4.5.6.7.8", "1.2.3.4.5.6.7.8", NULL, 0},
    {"10.0.1", FOUND, B, "10.0.1", "10.0.1", NULL, 0},                   /* too small a build */
    {"10.10.10", FOUND, B, "10.10.10", "10.10.10", NULL, 0},             /* no leading zero: no date */
    {"1.0.10.0", FOUND, B, "1.0.10.0", "1.0.10.0", NULL, 0},             /* four parts, not an address */
    {"8.8.8.8", FOUND, B, "8.8.8.8", "8.8.8.8", NULL, 0},                /* the documented miss */
    {"192.168.000.001", FOUND, B, "192.168.0.1", "192.168.000.001", NULL, 0},
    {"2.0.2024", FOUND, B, "2.0.2024", "2.0.2024", NULL, 0},

    /* dates */
    {"2024.06.30", NONE, N, NULL, NULL, NULL, 1},
    {"2024.6.30", NONE, N, NULL, NULL, NULL, 1},
    {"2024.06", NONE, N, NULL, NULL, NULL, 1},
    {"2024/06/30", NONE, N, NULL, NULL, NULL, 0},
    {"2024-06-30", NONE, N, NULL, NULL, NULL, 0},
    {"R6.6.30", NONE, N, NULL, NULL, NULL, 0},
    {"H30.6.30", NONE, N, NULL, NULL, NULL, 0},
    {REIWA "6.6.30", NONE, N, NULL, NULL, NULL, 1},
    {REIWA " 6.6.30", NONE, N, NULL, NULL, NULL, 1},
    {HEISEI "30" FW_DOT "6" FW_DOT "30", NONE, N, NULL, NULL, NULL, 1},
    {"30.06.2024", NONE, N, NULL, NULL, NULL, 1},
    {"06.30.2024", NONE, N, NULL, NULL, NULL, 1},
    {"24.06.30", NONE, N, NULL, NULL, NULL, 1},
    {"2022.06.30 1.0.10", FOUND, B, "1.0.10", "1.0.10", NULL, 1},

    /* Windows builds */
    {"10.0.17763", NONE, N, NULL, NULL, NULL, 1},
    {"10.0.19044.1234", NONE, N, NULL, NULL, NULL, 1},
    {"10.0.22631.3880", NONE, N, NULL, NULL, NULL, 1},
    {"6.1.7601", NONE, N, NULL, NULL, NULL, 1},
    {"6.3.9600", NONE, N, NULL, NULL, NULL, 1},
    {"Microsoft Windows [Version 10.0.17763.1]\r\n", NONE, N, NULL, NULL, NULL, 1},

    /* IP addresses */
    {"192.168.0.1", NONE, N, NULL, NULL, NULL, 1},
    {"192.168.220.11", NONE, N, NULL, NULL, NULL, 1},
    {"10.0.0.1", NONE, N, NULL, NULL, NULL, 1},
    {"127.0.0.1", NONE, N, NULL, NULL, NULL, 1},
    {"172.16.5.4", NONE, N, NULL, NULL, NULL, 1},
    {"192.168.0.1:8080", NONE, N, NULL, NULL, NULL, 0},

    /* product codes and longer tokens */
    {"KB5005565", NONE, N, NULL, NULL, NULL, 0},
    {"KB5005565.1", NONE, N, NULL, NULL, NULL, 0},
    {"OQS-1.2.3-x", NONE, N, NULL, NULL, NULL, 0},
    {"OQS_1.2.3", NONE, N, NULL, NULL, NULL, 0},
    {"EXC-9000", NONE, N, NULL, NULL, NULL, 0},
    {"C:\\OQS\\1.0\\x", NONE, N, NULL, NULL, NULL, 0},
    {"https://example.jp/1.0/", NONE, N, NULL, NULL, NULL, 0},
    {"1.0.x", NONE, N, NULL, NULL, NULL, 0},
    {".1.0", NONE, N, NULL, NULL, NULL, 0},
    {"a.1.0", NONE, N, NULL, NULL, NULL, 0},
    {"1.5%", NONE, N, NULL, NULL, NULL, 0},
    {"12:30.5", NONE, N, NULL, NULL, NULL, 0},                           /* a time, not a version */
    {"Build:1.0.10", FOUND, B, "1.0.10", "1.0.10", NULL, 0},             /* ':' after a letter is fine */
    {"1.0.10" IDEO_STOP "2.0", NONE, N, NULL, NULL, NULL, 0},            /* 。 between digits: refused */

    /* XML: the declaration's version is XML's, an element named Version is a label */
    {"<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<Info>\r\n<Version>1.0.10</Version>\r\n</Info>",
     FOUND, L, "1.0.10", "1.0.10", NULL, 0},
    {"<?xml version=\"1.0\"?><App><Build>1.0.10</Build></App>", FOUND, B, "1.0.10", "1.0.10", NULL, 0},
    {"<?xml version=\"1.0\"?>", NONE, N, NULL, NULL, NULL, 0},
    {"<?xml version=\"1.0\"?>Version=1.0.10", FOUND, L, "1.0.10", "1.0.10", NULL, 0},

    /* over the bounds */
    {"1.2.3.4.5.6.7.8.9", NONE, N, NULL, NULL, NULL, 1},
    {"1.0000000000", NONE, N, NULL, NULL, NULL, 1},

    /* nothing */
    {"", NONE, N, NULL, NULL, NULL, 0},
    {"   \r\n\t", NONE, N, NULL, NULL, NULL, 0},
    {"1", NONE, N, NULL, NULL, NULL, 0},
    {"version", NONE, N, NULL, NULL, NULL, 0},
    {"\xff\xfe\x80", NONE, N, NULL, NULL, NULL, 0},
};

static void test_find(void)
{
    for (size_t i = 0; i < sizeof finds / sizeof finds[0]; i++) {
        const find_case *c = &finds[i];
        size_t len = strlen(c->text);
        oqsdm_version_match m;
        oqsdm_version_find_status st = oqsdm_version_find(c->text, len, &m);
        int before = check_failures;
        CHECK_INT(st, c->st);
        CHECK_INT(m.rule, c->rule);
        CHECK(m.raw_off + m.raw_len <= len && m.label_off <= m.raw_off);
        if (c->rejected >= 0)
            CHECK_INT(m.rejected, c->rejected);
        if (c->norm && st != NONE) {
            char buf[OQSDM_VERSION_TEXT_MAX];
            CHECK_INT(oqsdm_version_format(&m.version, buf, sizeof buf), 0);
            CHECK_STR(buf, c->norm);
            char raw[OQSDM_VERSION_RAW_MAX];
            snprintf(raw, sizeof raw, "%.*s", (int)m.raw_len, c->text + m.raw_off);
            CHECK_STR(raw, c->raw);
            /* the raw span is itself a version, the same one */
            oqsdm_version again;
            CHECK_INT(oqsdm_version_parse(c->text + m.raw_off, m.raw_len, &again), OQSDM_VERSION_OK);
            CHECK_INT(oqsdm_version_compare(&again, &m.version), 0);
        }
        if (c->other) {
            char other[OQSDM_VERSION_RAW_MAX];
            CHECK(m.other_off + m.other_len <= len);
            snprintf(other, sizeof other, "%.*s", (int)m.other_len, c->text + m.other_off);
            CHECK_STR(other, c->other);
            CHECK(m.candidates >= 2);
        }
        if (check_failures != before)
            fprintf(stderr, "  find case %zu: \"%s\"\n", i, c->text);
    }

    /* spans: the label's start and the number's */
    oqsdm_version_match m;
    const char *t = "x\nVersion: 1.0.10\n";
    CHECK_INT(oqsdm_version_find(t, strlen(t), &m), FOUND);
    CHECK_INT(m.label_off, 2);
    CHECK_INT(m.raw_off, 11);
    CHECK_INT(m.raw_len, 6);
    CHECK_INT(m.candidates, 1);
    t = "1.0.10\n1.0.10\n";
    CHECK_INT(oqsdm_version_find(t, strlen(t), &m), FOUND);
    CHECK_INT(m.label_off, 0);
    CHECK_INT(m.candidates, 2);
    /* a NUL glues what is around it, it never splits one number into two */
    CHECK_INT(oqsdm_version_find("1.0\0.10", 7, &m), NONE);
    CHECK_INT(oqsdm_version_find("Version=1.0.10\0", 15, &m), NONE);
    /* a length shorter than the string is honoured */
    CHECK_INT(oqsdm_version_find("Version=1.0.10", 8, &m), NONE);
    CHECK_INT(oqsdm_version_find("1.0.10 1.0.9", 6, &m), FOUND);
    CHECK_INT(oqsdm_version_find(NULL, 0, &m), NONE);

    CHECK_STR(oqsdm_version_rule_name(OQSDM_VERSION_RULE_LABELLED), "labelled");
    CHECK_STR(oqsdm_version_rule_name(OQSDM_VERSION_RULE_BARE), "bare");
    CHECK_STR(oqsdm_version_rule_name(OQSDM_VERSION_RULE_NONE), "none");
}

int main(void)
{
    test_parse();
    test_format();
    test_compare();
    test_find();
    return check_done("test_version");
}
