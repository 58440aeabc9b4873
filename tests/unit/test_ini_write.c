/*
 * The INI writer: set + serialise changes exactly the lines asked for, in
 * every encoding and line-end style the reader knows.
 *
 * Each case is a file (written here as UTF-8 text and encoded by the
 * table's `enc`), a few sets and the exact bytes expected back. For every
 * case the test also checks, without being told: the unchanged file
 * serialises to its own bytes; the result parses in the same encoding;
 * every set key reads back as its new value; every other section/key name
 * found in the file reads back as before; a set that fails changes nothing.
 */
#include "check.h"
#include "oqsdm/ini.h"
#include "oqsdm/platform.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { RAW, BOM8, LE, BE, LE0, BE0 };   /* how a case's text becomes the file's bytes (0: no BOM) */

typedef struct set_op {
    const char *sec, *key, *value;
    oqsdm_ini_status want;
} set_op;

typedef struct wcase {
    const char *name;
    int enc;
    const char *in;
    set_op sets[4];
    const char *out;         /* NULL: the same as `in` (every set must fail) */
} wcase;

#define OK OQSDM_INI_OK
#define S(sec, key, value) {sec, key, value, OK}
#define F(sec, key, value, st) {sec, key, value, st}

static const wcase cases[] = {
    /* in place: everything around the value stays */
    {"crlf replace", RAW, "[oqsdm]\r\nDestination=base\r\nServerUrl=https://a.example/\r\n",
     {S("oqsdm", "Destination", "cloud")},
     "[oqsdm]\r\nDestination=cloud\r\nServerUrl=https://a.example/\r\n"},
    {"spaces around = and after the value", RAW, "[oqsdm]\n  destination =  base  \nX=1\n",
     {S("oqsdm", "Destination", "cloud")}, "[oqsdm]\n  destination =  cloud  \nX=1\n"},
    {"tabs", RAW, "[oqsdm]\n\tDestination\t=\tbase\t\n", {S("oqsdm", "Destination", "cloud")},
     "[oqsdm]\n\tDestination\t=\tcloud\t\n"},
    {"empty value", RAW, "[oqsdm]\nProvider=\nB =   \n", {S("oqsdm", "Provider", "nttpc"), S("oqsdm", "b", "2")},
     "[oqsdm]\nProvider=nttpc\nB =   2\n"},
    {"double quotes kept", RAW, "[oqsdm]\nServerUrl = \"https://old.example/\"\n",
     {S("oqsdm", "ServerUrl", "https://new.example/")}, "[oqsdm]\nServerUrl = \"https://new.example/\"\n"},
    {"single quotes kept", RAW, "[oqsdm]\nMemo='a b'\n", {S("oqsdm", "Memo", "it's")}, "[oqsdm]\nMemo='it's'\n"},
    {"quotes added where needed", RAW, "[oqsdm]\nA=1\nB=2\nC=3\n",
     {S("oqsdm", "A", "  spaced  "), S("oqsdm", "B", "\"q\""), S("oqsdm", "C", "\""), S("oqsdm", "D", "\tx")},
     "[oqsdm]\nA=\"  spaced  \"\nB=\"\"q\"\"\nC=\"\nD=\"\tx\"\n"},
    {"set twice", RAW, "[oqsdm]\nA = 1\n", {S("oqsdm", "A", "2"), S("oqsdm", "a", "3")}, "[oqsdm]\nA = 3\n"},

    /* adding a key: after the section's last key line */
    {"key after the last key, before trailing comments and blanks", RAW,
     "[oqsdm]\r\nServerUrl=https://a.example/\r\n; comment\r\n\r\n[other]\r\nX=1\r\n",
     {S("oqsdm", "Provider", "nttpc"), S("oqsdm", "ConnectionKind", "ipsec")},
     "[oqsdm]\r\nServerUrl=https://a.example/\r\nProvider=nttpc\r\nConnectionKind=ipsec\r\n; comment\r\n\r\n"
     "[other]\r\nX=1\r\n"},
    {"key after the header of a section without keys", RAW, "[oqsdm]\n; c\n\n[x]\n", {S("oqsdm", "A", "1")},
     "[oqsdm]\nA=1\n; c\n\n[x]\n"},
    {"a junk line stays after the added key", RAW, "[oqsdm]\nA=1\njunk\n", {S("oqsdm", "B", "2")},
     "[oqsdm]\nA=1\nB=2\njunk\n"},
    {"same key in other sections and before any section", RAW,
     "Destination=base\n[x]\nDestination=base\n[oqsdm]\nServerUrl=u\n[y]\nDestination=base\n",
     {S("oqsdm", "Destination", "cloud")},
     "Destination=base\n[x]\nDestination=base\n[oqsdm]\nServerUrl=u\nDestination=cloud\n[y]\nDestination=base\n"},
    {"commented-out keys are not keys", RAW, "# note\n[oqsdm]\n; Destination=base\n;Destination=cloud\n",
     {S("oqsdm", "Destination", "cloud")}, "# note\n[oqsdm]\nDestination=cloud\n; Destination=base\n;Destination=cloud\n"},

    /* adding a section: at the end, after a blank line */
    {"section appended", RAW, "[Distro]\r\nA=1\r\n", {S("oqsdm", "Destination", "cloud")},
     "[Distro]\r\nA=1\r\n\r\n[oqsdm]\r\nDestination=cloud\r\n"},
    {"no second blank line", RAW, "[x]\r\na=1\r\n\r\n", {S("oqsdm", "K", "v")}, "[x]\r\na=1\r\n\r\n[oqsdm]\r\nK=v\r\n"},
    {"section then keys in it", RAW, "; only a comment\n", {S("oqsdm", "A", "1"), S("oqsdm", "B", "2")},
     "; only a comment\n\n[oqsdm]\nA=1\nB=2\n"},
    {"empty file", RAW, "", {S("oqsdm", "Destination", "cloud")}, "[oqsdm]\r\nDestination=cloud\r\n"},
    {"file with only a UTF-8 BOM", BOM8, "", {S("oqsdm", "Destination", "cloud")}, "[oqsdm]\r\nDestination=cloud\r\n"},
    {"file with only a UTF-16 LE BOM", LE, "", {S("oqsdm", "Destination", "cloud")}, "[oqsdm]\r\nDestination=cloud\r\n"},
    {"file with only a UTF-16 BE BOM", BE, "", {S("oqsdm", "Destination", "cloud")}, "[oqsdm]\r\nDestination=cloud\r\n"},

    /* no final newline */
    {"no final newline, replaced", RAW, "[oqsdm]\nA=1", {S("oqsdm", "A", "2")}, "[oqsdm]\nA=2"},
    {"no final newline, key added", RAW, "[oqsdm]\nA=1", {S("oqsdm", "B", "3")}, "[oqsdm]\nA=1\nB=3\n"},
    {"no final newline, section added", RAW, "[x]\r\ny=1", {S("oqsdm", "K", "v")}, "[x]\r\ny=1\r\n\r\n[oqsdm]\r\nK=v\r\n"},
    {"no final newline, only a header", RAW, "[OQSDM]", {S("oqsdm", "K", "v")}, "[OQSDM]\r\nK=v\r\n"},

    /* line ends */
    {"mixed, CRLF majority", RAW, "[oqsdm]\r\nA=1\nB=2\r\n", {S("oqsdm", "C", "3"), S("oqsdm", "A", "0")},
     "[oqsdm]\r\nA=0\nB=2\r\nC=3\r\n"},
    {"mixed, LF majority", RAW, "[oqsdm]\nA=1\nB=2\r\n", {S("oqsdm", "C", "3")}, "[oqsdm]\nA=1\nB=2\r\nC=3\n"},
    {"bare CR", RAW, "[oqsdm]\rA=1\r", {S("oqsdm", "B", "2")}, "[oqsdm]\rA=1\rB=2\r"},
    {"bare CR before a LF line becomes CRLF, not one line end", RAW, "[oqsdm]\rA=1\r\n\n\r",
     {S("oqsdm", "B", "2")}, "[oqsdm]\rA=1\r\nB=2\r\n\n\r"},
    {"a blank line after a bare CR is not a LF that pairs with it", RAW, "a=1\n[x]\ny=1\r",
     {S("oqsdm", "K", "v")}, "a=1\n[x]\ny=1\r\r\n[oqsdm]\nK=v\n"},

    /* names match as on read: any case, trimmed, first section and key win */
    {"[ oqsdm ] with spaces", RAW, "[ oqsdm ]\r\nA=1\r\n", {S("oqsdm", "B", "2")}, "[ oqsdm ]\r\nA=1\r\nB=2\r\n"},
    {"[OQSDM] and destination=", RAW, "[OQSDM]\r\ndestination=base\r\n", {S("oqsdm", "Destination", "cloud")},
     "[OQSDM]\r\ndestination=cloud\r\n"},
    {"duplicate keys: the first is the one read", RAW, "[oqsdm]\nA=1\nA=2\n", {S("oqsdm", "A", "3")},
     "[oqsdm]\nA=3\nA=2\n"},
    {"duplicate sections: the key where it is read, a new key in the first", RAW,
     "[oqsdm]\nA=1\n\n[oqsdm]\nB=2\n", {S("oqsdm", "B", "3"), S("oqsdm", "C", "4")},
     "[oqsdm]\nA=1\nC=4\n\n[oqsdm]\nB=3\n"},

    /* encodings, with Japanese comments and keys that are not ours */
    {"UTF-8 with Japanese", RAW, "; 配信アプリケーションの設定\n[oqsdm]\nメモ=配信拠点\n",
     {S("oqsdm", "Destination", "cloud"), S("oqsdm", "メモ", "クラウド")},
     "; 配信アプリケーションの設定\n[oqsdm]\nメモ=クラウド\nDestination=cloud\n"},
    {"UTF-8 BOM", BOM8, "; 設定\r\n[oqsdm]\r\nDestination=base\r\n", {S("oqsdm", "Destination", "cloud")},
     "; 設定\r\n[oqsdm]\r\nDestination=cloud\r\n"},
    {"UTF-16 LE", LE, "; 配信アプリケーションの設定 😀\r\n[Distro]\r\nメモ=配信拠点\r\n[oqsdm]\r\nDestination=base\r\n",
     {S("oqsdm", "Destination", "cloud"), S("oqsdm", "ServerUrl", "https://配信.example/")},
     "; 配信アプリケーションの設定 😀\r\n[Distro]\r\nメモ=配信拠点\r\n[oqsdm]\r\nDestination=cloud\r\n"
     "ServerUrl=https://配信.example/\r\n"},
    {"UTF-16 BE", BE, "[oqsdm]\nメモ=x\n", {S("oqsdm", "New", "値")}, "[oqsdm]\nメモ=x\nNew=値\n"},
    /* without BOM: found as UTF-16 (read as bytes, [oqsdm] would not be
     * found and an added key would be UTF-8 in the middle of UTF-16), and
     * written back without one; 一 (U+4E00) puts a NUL on the other side */
    {"UTF-16 LE without BOM", LE0, "; 配信アプリケーションの設定 一\r\n[Distro]\r\nX=値\r\n\r\n[oqsdm]\r\nDestination=base\r\n",
     {S("oqsdm", "Destination", "cloud"), S("oqsdm", "Provider", "nttpc")},
     "; 配信アプリケーションの設定 一\r\n[Distro]\r\nX=値\r\n\r\n[oqsdm]\r\nDestination=cloud\r\nProvider=nttpc\r\n"},
    {"UTF-16 LE without BOM, section added", LE0, "[Distro]\r\nX=1\r\n", {S("oqsdm", "Destination", "cloud")},
     "[Distro]\r\nX=1\r\n\r\n[oqsdm]\r\nDestination=cloud\r\n"},
    {"UTF-16 BE without BOM", BE0, "[oqsdm]\nメモ=x\n", {S("oqsdm", "New", "値")}, "[oqsdm]\nメモ=x\nNew=値\n"},
    {"CP932 (ANSI): ASCII and Japanese values", RAW,
     "; \x94\x7A\x90\x4D\x83\x5C\r\n[oqsdm]\r\nMemo=\x83\x5C\r\nDestination=base\r\n",
     {S("oqsdm", "Destination", "cloud"), S("oqsdm", "Memo", "配信"), S("oqsdm", "Note", "ソ")},
     "; \x94\x7A\x90\x4D\x83\x5C\r\n[oqsdm]\r\nMemo=\x94\x7A\x90\x4D\r\nDestination=cloud\r\nNote=\x83\x5C\r\n"},

    /* refused: nothing changes */
    {"CP932 cannot hold it", RAW, "[oqsdm]\r\nMemo=\x83\x5C\r\n",
     {F("oqsdm", "Memo", "café", OQSDM_INI_NOT_CP932), F("oqsdm", "Memo", "😀", OQSDM_INI_NOT_CP932),
      F("oqsdm", "New", "\xe2\x88\x9a\xc3\xa9", OQSDM_INI_NOT_CP932)},
     NULL},
    {"line breaks and bad UTF-8 in values", RAW, "[oqsdm]\nA=1\n",
     {F("oqsdm", "A", "x\ry", OQSDM_INI_BAD_VALUE), F("oqsdm", "A", "x\ny", OQSDM_INI_BAD_VALUE),
      F("oqsdm", "B", "\xff", OQSDM_INI_BAD_VALUE), F("oqsdm", "A", "\xe3\x81", OQSDM_INI_BAD_VALUE)},
     NULL},
    {"names the reader would not find again", RAW, "[oqsdm]\nA=1\n",
     {F("oqsdm", "", "v", OQSDM_INI_BAD_NAME), F("oqsdm", " A", "v", OQSDM_INI_BAD_NAME),
      F("oqsdm", "a=b", "v", OQSDM_INI_BAD_NAME), F("oqsdm", ";x", "v", OQSDM_INI_BAD_NAME)},
     NULL},
    {"more bad names", RAW, "[oqsdm]\nA=1\n",
     {F("oqsdm", "[x", "v", OQSDM_INI_BAD_NAME), F("a]b", "k", "v", OQSDM_INI_BAD_NAME),
      F("", "k", "v", OQSDM_INI_BAD_NAME), F("oqsdm", "k\n", "v", OQSDM_INI_BAD_NAME)},
     NULL},
    {"a new non-ASCII name in a CP932 file", RAW, "[oqsdm]\r\nMemo=\x83\x5C\r\n",
     {F("oqsdm", "メモ", "v", OQSDM_INI_BAD_NAME), F("新", "k", "v", OQSDM_INI_BAD_NAME)}, NULL},
};

/* ---- encoding the cases ---- */

static unsigned char *encode(int enc, const char *utf8, size_t *len)
{
    size_t n = strlen(utf8);
    unsigned char *o = malloc(4 + 4 * n);
    if (!o) abort();
    size_t k = 0;
    if (enc == RAW || enc == BOM8) {
        if (enc == BOM8) { memcpy(o, "\xEF\xBB\xBF", 3); k = 3; }
        memcpy(o + k, utf8, n);
        *len = k + n;
        return o;
    }
    int be = enc == BE || enc == BE0;
    if (enc == LE || enc == BE) {
        o[k++] = be ? 0xFE : 0xFF;
        o[k++] = be ? 0xFF : 0xFE;
    }
    const unsigned char *s = (const unsigned char *)utf8;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        if (s[i] < 0x80) cp = s[i++];
        else if (s[i] < 0xE0) { cp = (uint32_t)(s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F); i += 2; }
        else if (s[i] < 0xF0) { cp = (uint32_t)(s[i] & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F); i += 3; }
        else { cp = (uint32_t)(s[i] & 0x07) << 18 | (uint32_t)(s[i + 1] & 0x3F) << 12 | (uint32_t)(s[i + 2] & 0x3F) << 6 | (s[i + 3] & 0x3F); i += 4; }
        uint32_t u[2] = {cp, 0};
        int nu = 1;
        if (cp >= 0x10000) { u[0] = 0xD800 | (cp - 0x10000) >> 10; u[1] = 0xDC00 | ((cp - 0x10000) & 0x3FF); nu = 2; }
        for (int j = 0; j < nu; j++) {
            o[k++] = (unsigned char)(be ? u[j] >> 8 : u[j]);
            o[k++] = (unsigned char)(be ? u[j] : u[j] >> 8);
        }
    }
    *len = k;
    return o;
}

/* ---- the names a file holds (an ASCII view of its text) ---- */

#define MAXN 16
typedef struct names { char sec[MAXN][64]; int nsec; char key[MAXN][64]; int nkey; } names;

static void add(char (*list)[64], int *n, const char *b, const char *e)
{
    while (b < e && (*b == ' ' || *b == '\t')) b++;
    while (e > b && (e[-1] == ' ' || e[-1] == '\t')) e--;
    if (*n < MAXN && e - b < 63) {
        memcpy(list[*n], b, (size_t)(e - b));
        list[*n][e - b] = '\0';
        (*n)++;
    }
}

static void scan_names(const char *t, names *nm)
{
    memset(nm, 0, sizeof *nm);
    while (*t) {
        const char *e = t + strcspn(t, "\r\n"), *p = t;
        while (p < e && (*p == ' ' || *p == '\t')) p++;
        if (p < e && *p == '[') {
            const char *c = memchr(p, ']', (size_t)(e - p));
            if (c) add(nm->sec, &nm->nsec, p + 1, c);
        } else if (p < e && *p != ';') {
            const char *q = memchr(p, '=', (size_t)(e - p));
            if (q) add(nm->key, &nm->nkey, p, q);
        }
        t = *e ? e + 1 : e;
    }
    if (nm->nsec < MAXN) strcpy(nm->sec[nm->nsec++], "oqsdm");
}

static int ieq(const char *a, const char *b)
{
    for (;; a++, b++) {
        char ca = (*a >= 'A' && *a <= 'Z') ? (char)(*a + 32) : *a;
        char cb = (*b >= 'A' && *b <= 'Z') ? (char)(*b + 32) : *b;
        if (ca != cb) return 0;
        if (!ca) return 1;
    }
}

static oqsdm_ini *parse_bytes(const unsigned char *p, size_t n)
{
    oqsdm_ini *ini = NULL;
    oqsdm_ini_status st = oqsdm_ini_parse(p, n, &ini);
    CHECK_INT(st, OQSDM_INI_OK);
    return ini;
}

static int same_bytes(const char *what, const unsigned char *got, size_t ngot, const unsigned char *want, size_t nwant)
{
    check_count++;
    if (ngot == nwant && memcmp(got, want, ngot) == 0)
        return 1;
    check_failures++;
    fprintf(stderr, "%s: bytes differ (got %zu, want %zu)\n  got:  ", what, ngot, nwant);
    for (size_t i = 0; i < ngot && i < 200; i++) fprintf(stderr, "%02x", got[i]);
    fprintf(stderr, "\n  want: ");
    for (size_t i = 0; i < nwant && i < 200; i++) fprintf(stderr, "%02x", want[i]);
    fprintf(stderr, "\n");
    return 0;
}

/* A value as the file holds it (CP932 bytes in an ANSI file) back to UTF-8. */
static char *as_utf8(const oqsdm_ini *ini, const char *v)
{
    char *r = NULL;
    size_t n;
    if (oqsdm_ini_encoding_of(ini) == OQSDM_INI_ENC_ANSI) {
        if (oqsdm_plat_cp932_to_utf8(v, strlen(v), &r, &n) != 0) return NULL;
        return r;
    }
    r = malloc(strlen(v) + 1);
    if (r) strcpy(r, v);
    return r;
}

static void run_case(const wcase *c)
{
    size_t nin, nout;
    unsigned char *in = encode(c->enc, c->in, &nin);
    unsigned char *want = encode(c->enc, c->out ? c->out : c->in, &nout);
    oqsdm_ini *orig = parse_bytes(in, nin), *ini = parse_bytes(in, nin);
    if (!orig || !ini) { free(in); free(want); oqsdm_ini_free(orig); oqsdm_ini_free(ini); return; }

    /* the file as read writes back as it was */
    unsigned char *same;
    size_t nsame;
    CHECK_INT(oqsdm_ini_serialize(orig, &same, &nsame), OQSDM_INI_OK);
    same_bytes(c->name, same, nsame, in, nin);
    free(same);

    for (int i = 0; i < 4 && c->sets[i].sec; i++) {
        const set_op *s = &c->sets[i];
        oqsdm_ini_status st = oqsdm_ini_set(ini, s->sec, s->key, s->value);
        if (st != s->want)
            fprintf(stderr, "case \"%s\", set %d:\n", c->name, i);
        CHECK_INT(st, s->want);
        if (st == OK) {
            char *v = as_utf8(ini, oqsdm_ini_get(ini, s->sec, s->key));
            CHECK_STR(v, s->value);
            free(v);
        }
    }
    unsigned char *got;
    size_t ngot;
    CHECK_INT(oqsdm_ini_serialize(ini, &got, &ngot), OQSDM_INI_OK);
    if (!same_bytes(c->name, got, ngot, want, nout)) {
        free(got);
        got = NULL;
    }

    /* parse again: the same encoding, the new values, the other keys as before */
    oqsdm_ini *again = got ? parse_bytes(got, ngot) : NULL;
    if (again) {
        oqsdm_ini_encoding e0 = oqsdm_ini_encoding_of(orig), e1 = oqsdm_ini_encoding_of(again);
        CHECK(e1 == e0 || (e0 == OQSDM_INI_ENC_ANSI && e1 == OQSDM_INI_ENC_UTF8));
        names nm;
        scan_names(c->in, &nm);
        for (int i = 0; i < 4 && c->sets[i].sec; i++)
            if (nm.nkey < MAXN && strlen(c->sets[i].key) < 64) strcpy(nm.key[nm.nkey++], c->sets[i].key);
        for (int s = 0; s < nm.nsec; s++)
            for (int k = 0; k < nm.nkey; k++) {
                const char *was = oqsdm_ini_get(orig, nm.sec[s], nm.key[k]);
                const char *now = oqsdm_ini_get(again, nm.sec[s], nm.key[k]);
                const char *set = NULL;
                for (int i = 0; i < 4 && c->sets[i].sec; i++)
                    if (c->sets[i].want == OK && ieq(c->sets[i].sec, nm.sec[s]) && ieq(c->sets[i].key, nm.key[k]))
                        set = c->sets[i].value;   /* the last set wins */
                if (set) {
                    char *v = now ? as_utf8(again, now) : NULL;
                    CHECK_STR(v, set);
                    free(v);
                } else if ((was == NULL) != (now == NULL) || (was && strcmp(was, now) != 0)) {
                    check_failures++;
                    fprintf(stderr, "case \"%s\": [%s] %s was \"%s\", is \"%s\"\n", c->name, nm.sec[s], nm.key[k],
                            was ? was : "(none)", now ? now : "(none)");
                }
                check_count++;
            }
        oqsdm_ini_free(again);
    }
    free(got);
    free(in);
    free(want);
    oqsdm_ini_free(orig);
    oqsdm_ini_free(ini);
}

/* ---- what the table cannot say ---- */

static void new_file(void)
{
    oqsdm_ini *ini = NULL;
    unsigned char *out;
    size_t n;
    CHECK_INT(oqsdm_ini_new(&ini), OK);
    if (!ini) return;
    CHECK_INT(oqsdm_ini_encoding_of(ini), OQSDM_INI_ENC_UTF8);
    CHECK_INT(oqsdm_ini_add_section(ini, "oqsdm"), OK);
    CHECK_INT(oqsdm_ini_add_section(ini, "OQSDM"), OK);    /* already there */
    CHECK_INT(oqsdm_ini_serialize(ini, &out, &n), OK);
    same_bytes("new + add_section", out, n, (const unsigned char *)"[oqsdm]\r\n", 9);
    free(out);
    CHECK_INT(oqsdm_ini_set(ini, "oqsdm", "Destination", "base"), OK);
    CHECK_INT(oqsdm_ini_set(ini, "oqsdm", "Provider", "ntt-east"), OK);
    CHECK_INT(oqsdm_ini_serialize(ini, &out, &n), OK);
    const char *want = "[oqsdm]\r\nDestination=base\r\nProvider=ntt-east\r\n";
    same_bytes("new + set", out, n, (const unsigned char *)want, strlen(want));
    free(out);
    CHECK_INT(oqsdm_ini_add_section(ini, "a]b"), OQSDM_INI_BAD_NAME);
    oqsdm_ini_free(ini);
}

static void nul_and_limits(void)
{
    /* a NUL inside another line survives; the bytes around it are kept */
    const char in[] = "[oqsdm]\nA=x\0y\nB=1\n";
    const char want[] = "[oqsdm]\nA=x\0y\nB=2\n";
    oqsdm_ini *ini = parse_bytes((const unsigned char *)in, sizeof in - 1);
    if (ini) {
        unsigned char *out;
        size_t n;
        CHECK_INT(oqsdm_ini_set(ini, "oqsdm", "B", "2"), OK);
        CHECK_INT(oqsdm_ini_serialize(ini, &out, &n), OK);
        same_bytes("NUL kept", out, n, (const unsigned char *)want, sizeof want - 1);
        free(out);
        oqsdm_ini_free(ini);
    }
    /* what is written can be read again: no output above the reader's bound */
    size_t big = OQSDM_INI_MAX_BYTES - 20;
    unsigned char *p = malloc(big);
    if (!p) return;
    memset(p, ';', big);
    memcpy(p, "[oqsdm]\n", 8);
    ini = parse_bytes(p, big);
    if (ini) {
        unsigned char *out = NULL;
        size_t n = 0;
        CHECK_INT(oqsdm_ini_set(ini, "oqsdm", "ServerUrl", "https://a-name-long-enough.example/"), OK);
        CHECK_INT(oqsdm_ini_serialize(ini, &out, &n), OQSDM_INI_TOO_LARGE);
        CHECK(out == NULL);
        oqsdm_ini_free(ini);
    }
    free(p);
}

int main(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(&cases[i]);
    new_file();
    nul_and_limits();
    return check_done("test_ini_write");
}
