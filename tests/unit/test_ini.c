/* The INI reader: encodings, line ends, Windows' matching rules. */
#include "check.h"
#include "oqsdm/ini.h"

#include <stdlib.h>
#include <string.h>

static oqsdm_ini *parse(const void *p, size_t n)
{
    oqsdm_ini *ini = NULL;
    CHECK_INT(oqsdm_ini_parse(p, n, &ini), OQSDM_INI_OK);
    return ini;
}

static void basics(void)
{
    const char *t =
        "; the distribution app's own settings\r\n"
        "[Distro]\r\n"
        "ServerUrl=https://not-ours.example/\r\n"
        "[OQSDM]\r\n"
        "  destination =  cloud  \r\n"
        "ServerUrl = \"https://dist.example/ok\"\r\n"
        "serverurl=https://second.example/\r\n"
        "junk line without equals\r\n"
        ";TimeoutMs=5\r\n"
        "Empty=\r\n"
        "[other]\r\n"
        "TimeoutMs=7\r\n";
    oqsdm_ini *ini = parse(t, strlen(t));
    if (!ini) return;
    CHECK_STR(oqsdm_ini_get(ini, "oqsdm", "Destination"), "cloud");
    CHECK_STR(oqsdm_ini_get(ini, "oqsdm", "SERVERURL"), "https://dist.example/ok"); /* first wins, unquoted */
    CHECK_STR(oqsdm_ini_get(ini, "distro", "ServerUrl"), "https://not-ours.example/");
    CHECK(oqsdm_ini_get(ini, "oqsdm", "TimeoutMs") == NULL);   /* commented out; other section's not seen */
    CHECK_STR(oqsdm_ini_get(ini, "oqsdm", "Empty"), "");
    CHECK(oqsdm_ini_has_section(ini, "Other"));
    CHECK(!oqsdm_ini_has_section(ini, "missing"));
    CHECK(!oqsdm_ini_only_section(ini, "oqsdm"));
    CHECK_INT(oqsdm_ini_encoding_of(ini), OQSDM_INI_ENC_UTF8);
    CHECK(oqsdm_ini_uses_crlf(ini));
    CHECK_INT(oqsdm_ini_line_count(ini), 12);
    oqsdm_ini_free(ini);
}

/* The same content in each encoding Windows tools write. */
/* Is the file oqsdm's alone? (The uninstaller deletes it only then.) */
static void only_section(void)
{
    static const struct {
        const char *text;
        int only;
    } cases[] = {
        {"[oqsdm]\r\nDestination=base\r\nProvider=qtnet\r\n", 1},
        {"\xef\xbb\xbf\r\n[OQSDM]\r\n  \r\nDestination=base\r\n\r\n", 1},
        {"", 1},
        {"[oqsdm]\r\nDestination=base\r\n[OQSDistroApp]\r\nInterval=60\r\n", 0},
        {"[OQSDistroApp]\r\n[oqsdm]\r\nDestination=base\r\n", 0},      /* an empty section of another */
        {"Key=1\r\n[oqsdm]\r\nDestination=base\r\n", 0},               /* a key before any section */
        {"; set up by the vendor\r\n[oqsdm]\r\nDestination=base\r\n", 0}, /* somebody's comment */
        {"[oqsdm]\r\njunk\r\n", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        oqsdm_ini *ini = parse(cases[i].text, strlen(cases[i].text));
        if (!ini) continue;
        CHECK_INT(oqsdm_ini_only_section(ini, "oqsdm"), cases[i].only);
        oqsdm_ini_free(ini);
    }
}

static void encodings(void)
{
    const char *utf8 = "[oqsdm]\nメモ=配信拠点\nServerUrl=https://d.example/\n";
    size_t n = strlen(utf8);
    oqsdm_ini *ini;

    unsigned char bom8[256];
    memcpy(bom8, "\xEF\xBB\xBF", 3);
    memcpy(bom8 + 3, utf8, n);
    ini = parse(bom8, n + 3);
    if (ini) {
        CHECK_INT(oqsdm_ini_encoding_of(ini), OQSDM_INI_ENC_UTF8_BOM);
        CHECK_STR(oqsdm_ini_get(ini, "oqsdm", "ServerUrl"), "https://d.example/");
        CHECK_STR(oqsdm_ini_get(ini, "oqsdm", "メモ"), "配信拠点");
        CHECK(!oqsdm_ini_uses_crlf(ini));
        oqsdm_ini_free(ini);
    }

    /* UTF-16 LE and BE with BOM: encode by hand from the code points. */
    unsigned char le[512], be[512];
    size_t k = 0;
    le[k] = 0xFF; le[k + 1] = 0xFE; be[k] = 0xFE; be[k + 1] = 0xFF; k += 2;
    for (const unsigned char *p = (const unsigned char *)utf8; *p;) {
        unsigned cp;
        if (*p < 0x80) cp = *p++;
        else { cp = (unsigned)(p[0] & 0x0F) << 12 | (unsigned)(p[1] & 0x3F) << 6 | (p[2] & 0x3F); p += 3; }
        le[k] = (unsigned char)cp; le[k + 1] = (unsigned char)(cp >> 8);
        be[k] = (unsigned char)(cp >> 8); be[k + 1] = (unsigned char)cp;
        k += 2;
    }
    ini = parse(le, k);
    if (ini) {
        CHECK_INT(oqsdm_ini_encoding_of(ini), OQSDM_INI_ENC_UTF16LE);
        CHECK_STR(oqsdm_ini_get(ini, "oqsdm", "メモ"), "配信拠点");
        CHECK_STR(oqsdm_ini_get(ini, "OQSDM", "serverurl"), "https://d.example/");
        oqsdm_ini_free(ini);
    }
    ini = parse(be, k);
    if (ini) {
        CHECK_INT(oqsdm_ini_encoding_of(ini), OQSDM_INI_ENC_UTF16BE);
        CHECK_STR(oqsdm_ini_get(ini, "oqsdm", "ServerUrl"), "https://d.example/");
        oqsdm_ini_free(ini);
    }
    /* the same without BOM: still UTF-16, not bytes with NULs */
    ini = parse(le + 2, k - 2);
    if (ini) {
        CHECK_INT(oqsdm_ini_encoding_of(ini), OQSDM_INI_ENC_UTF16LE);
        CHECK_STR(oqsdm_ini_get(ini, "oqsdm", "メモ"), "配信拠点");
        CHECK_STR(oqsdm_ini_get(ini, "OQSDM", "serverurl"), "https://d.example/");
        oqsdm_ini_free(ini);
    }
    ini = parse(be + 2, k - 2);
    if (ini) {
        CHECK_INT(oqsdm_ini_encoding_of(ini), OQSDM_INI_ENC_UTF16BE);
        CHECK_STR(oqsdm_ini_get(ini, "oqsdm", "ServerUrl"), "https://d.example/");
        oqsdm_ini_free(ini);
    }
    oqsdm_ini *bad = NULL;
    CHECK_INT(oqsdm_ini_parse(le, k - 1, &bad), OQSDM_INI_BAD_ENCODING);   /* odd length */
    unsigned char lone[] = {0xFF, 0xFE, 0x00, 0xD8, 'a', 0};               /* lone high surrogate */
    CHECK_INT(oqsdm_ini_parse(lone, sizeof lone, &bad), OQSDM_INI_BAD_ENCODING);

    /* CP932 (Shift_JIS) bytes: 配信 = 0x94 0x7A 0x90 0x4D; the 2nd byte of a
     * pair may be '\\' (0x5C) or other ASCII, which must not confuse us. */
    const unsigned char sjis[] = "[oqsdm]\r\nMemo=\x94\x7A\x90\x4D\x83\x5C\r\nServerUrl=https://s.example/\r\n";
    ini = parse(sjis, sizeof sjis - 1);
    if (ini) {
        CHECK_INT(oqsdm_ini_encoding_of(ini), OQSDM_INI_ENC_ANSI);
        CHECK_STR(oqsdm_ini_get(ini, "oqsdm", "ServerUrl"), "https://s.example/");
        CHECK_STR(oqsdm_ini_get(ini, "oqsdm", "Memo"), "\x94\x7A\x90\x4D\x83\x5C");
        oqsdm_ini_free(ini);
    }
}

static void limits(void)
{
    oqsdm_ini *ini = NULL;
    CHECK_INT(oqsdm_ini_parse((const unsigned char *)"", OQSDM_INI_MAX_BYTES + 1, &ini), OQSDM_INI_TOO_LARGE);
    CHECK(ini == NULL);
    ini = parse("", 0);
    if (ini) {
        CHECK(oqsdm_ini_get(ini, "oqsdm", "x") == NULL);
        CHECK_INT(oqsdm_ini_line_count(ini), 0);
        oqsdm_ini_free(ini);
    }
    /* no final newline, bare CR line ends, a section never closed */
    const char *t = "[oqsdm\rA=1\r[oqsdm]\rB=2";
    ini = parse(t, strlen(t));
    if (ini) {
        CHECK(oqsdm_ini_get(ini, "oqsdm", "A") == NULL);
        CHECK_STR(oqsdm_ini_get(ini, "oqsdm", "B"), "2");
        oqsdm_ini_free(ini);
    }
    /* embedded NUL does not end the file early */
    const char nul[] = "[oqsdm]\nA=x\0y\nB=3\n";
    ini = parse(nul, sizeof nul - 1);
    if (ini) {
        CHECK_STR(oqsdm_ini_get(ini, "oqsdm", "B"), "3");
        oqsdm_ini_free(ini);
    }
}

int main(void)
{
    basics();
    only_section();
    encodings();
    limits();
    return check_done("test_ini");
}
