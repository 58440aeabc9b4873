/*
 * ini.c: a lossless INI reader with Windows' matching rules.
 *
 * Every line is kept (text and line end) so a later writer can change one
 * value and leave the rest byte for byte. UTF-16 files are turned into
 * UTF-8 for lookups; other bytes are kept as they are, which works for
 * CP932 too because oqsdm's own section and keys are ASCII and CP932's
 * trail bytes never look like '[', ']', '=' or ';'.
 */
#include "oqsdm/ini.h"
#include "oqsdm/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef enum { LINE_OTHER, LINE_SECTION, LINE_KEY } line_kind;

typedef struct ini_line {
    size_t start, len, eol_len;     /* into text */
    line_kind kind;
    char *name;                     /* section or key name, trimmed */
    char *value;                    /* key value, trimmed and unquoted */
} ini_line;

struct oqsdm_ini {
    oqsdm_ini_encoding enc;
    char *text;                     /* UTF-8 or raw bytes, NUL-terminated */
    size_t text_len;
    ini_line *lines;
    size_t nlines;
    int crlf;
};

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

static int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z') ca = (unsigned char)(ca + 32);
        if (cb >= 'A' && cb <= 'Z') cb = (unsigned char)(cb + 32);
        if (ca != cb) return (int)ca - (int)cb;
        if (!ca) return 0;
    }
}

static char *dup_trimmed(const char *s, size_t n, int unquote)
{
    while (n > 0 && is_space(*s)) { s++; n--; }
    while (n > 0 && is_space(s[n - 1])) n--;
    if (unquote && n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
        s++;
        n -= 2;
    }
    char *r = malloc(n + 1);
    if (r) {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

/* UTF-16 (without BOM) to UTF-8; *bad tells a broken file from no memory. */
static char *utf16_to_utf8(const unsigned char *p, size_t n, int big_endian, size_t *out_len, int *bad)
{
    char *out = NULL;
    oqsdm_text_status st = oqsdm_text_utf16_to_utf8(p, n, big_endian, &out, out_len);
    *bad = st == OQSDM_TEXT_BAD;
    return st == OQSDM_TEXT_OK ? out : NULL;
}

static oqsdm_ini_status split_lines(oqsdm_ini *ini)
{
    size_t cap = 16, ncrlf = 0, nlf = 0;
    ini->lines = malloc(cap * sizeof *ini->lines);
    if (!ini->lines) return OQSDM_INI_NOMEM;
    const char *t = ini->text;
    size_t i = 0, n = ini->text_len;
    while (i < n) {
        size_t s = i;
        while (i < n && t[i] != '\n' && t[i] != '\r') i++;
        size_t len = i - s, eol = 0;
        if (i < n && t[i] == '\r' && i + 1 < n && t[i + 1] == '\n') { eol = 2; ncrlf++; }
        else if (i < n) { eol = 1; nlf++; }
        i += eol;
        if (ini->nlines == cap) {
            cap *= 2;
            ini_line *nl = realloc(ini->lines, cap * sizeof *nl);
            if (!nl) return OQSDM_INI_NOMEM;
            ini->lines = nl;
        }
        ini_line *L = &ini->lines[ini->nlines++];
        memset(L, 0, sizeof *L);
        L->start = s;
        L->len = len;
        L->eol_len = eol;
        L->kind = LINE_OTHER;

        const char *p = t + s, *e = t + s + len;
        while (p < e && is_space(*p)) p++;
        if (p < e && *p == '[') {
            const char *close = memchr(p, ']', (size_t)(e - p));
            if (close) {
                L->kind = LINE_SECTION;
                L->name = dup_trimmed(p + 1, (size_t)(close - p - 1), 0);
                if (!L->name) return OQSDM_INI_NOMEM;
            }
        } else if (p < e && *p != ';') {
            const char *eq = memchr(p, '=', (size_t)(e - p));
            if (eq) {
                L->kind = LINE_KEY;
                L->name = dup_trimmed(p, (size_t)(eq - p), 0);
                L->value = dup_trimmed(eq + 1, (size_t)(e - eq - 1), 1);
                if (!L->name || !L->value) return OQSDM_INI_NOMEM;
            }
        }
    }
    ini->crlf = ncrlf > nlf;
    return OQSDM_INI_OK;
}

oqsdm_ini_status oqsdm_ini_parse(const unsigned char *data, size_t len, oqsdm_ini **out)
{
    *out = NULL;
    if (len > OQSDM_INI_MAX_BYTES) return OQSDM_INI_TOO_LARGE;
    oqsdm_ini *ini = calloc(1, sizeof *ini);
    if (!ini) return OQSDM_INI_NOMEM;

    int bad = 0;
    if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE) {
        ini->enc = OQSDM_INI_ENC_UTF16LE;
        ini->text = utf16_to_utf8(data + 2, len - 2, 0, &ini->text_len, &bad);
    } else if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF) {
        ini->enc = OQSDM_INI_ENC_UTF16BE;
        ini->text = utf16_to_utf8(data + 2, len - 2, 1, &ini->text_len, &bad);
    } else {
        size_t skip = 0;
        if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) {
            ini->enc = OQSDM_INI_ENC_UTF8_BOM;
            skip = 3;
        } else {
            ini->enc = oqsdm_text_valid_utf8(data, len) ? OQSDM_INI_ENC_UTF8 : OQSDM_INI_ENC_ANSI;
        }
        ini->text_len = len - skip;
        ini->text = malloc(ini->text_len + 1);
        if (ini->text) {
            if (ini->text_len) memcpy(ini->text, data + skip, ini->text_len);
            ini->text[ini->text_len] = '\0';
        }
    }
    if (!ini->text) {
        oqsdm_ini_free(ini);
        return bad ? OQSDM_INI_BAD_ENCODING : OQSDM_INI_NOMEM;
    }
    oqsdm_ini_status st = split_lines(ini);
    if (st != OQSDM_INI_OK) {
        oqsdm_ini_free(ini);
        return st;
    }
    *out = ini;
    return OQSDM_INI_OK;
}

const char *oqsdm_ini_get(const oqsdm_ini *ini, const char *section, const char *key)
{
    int in = 0;
    for (size_t i = 0; i < ini->nlines; i++) {
        const ini_line *L = &ini->lines[i];
        if (L->kind == LINE_SECTION)
            in = ascii_casecmp(L->name, section) == 0;
        else if (in && L->kind == LINE_KEY && ascii_casecmp(L->name, key) == 0)
            return L->value;
    }
    return NULL;
}

int oqsdm_ini_has_section(const oqsdm_ini *ini, const char *section)
{
    for (size_t i = 0; i < ini->nlines; i++)
        if (ini->lines[i].kind == LINE_SECTION && ascii_casecmp(ini->lines[i].name, section) == 0)
            return 1;
    return 0;
}

oqsdm_ini_encoding oqsdm_ini_encoding_of(const oqsdm_ini *ini) { return ini->enc; }
int oqsdm_ini_uses_crlf(const oqsdm_ini *ini) { return ini->crlf; }
size_t oqsdm_ini_line_count(const oqsdm_ini *ini) { return ini->nlines; }

void oqsdm_ini_free(oqsdm_ini *ini)
{
    if (!ini) return;
    if (ini->lines) {
        for (size_t i = 0; i < ini->nlines; i++) {
            free(ini->lines[i].name);
            free(ini->lines[i].value);
        }
        free(ini->lines);
    }
    free(ini->text);
    free(ini);
}
