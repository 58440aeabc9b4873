/*
 * ini.c: a lossless INI reader with Windows' matching rules.
 *
 * Every line is kept (text and line end) so a later writer can change one
 * value and leave the rest byte for byte. UTF-16 files are turned into
 * UTF-8 for lookups; other bytes are kept as they are, which works for
 * CP932 too because oqsdm's own section and keys are ASCII and CP932's
 * trail bytes never look like '[', ']', '=' or ';'.
 *
 * The writer edits that list of lines: a changed or added line owns its
 * text, all others still point into the text as read, and serialising
 * writes them back in the file's encoding. UTF-16 decoded strictly is
 * valid UTF-8, so encoding it again gives the same bytes.
 */
#include "oqsdm/ini.h"
#include "oqsdm/platform.h"
#include "oqsdm/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef enum { LINE_OTHER, LINE_SECTION, LINE_KEY } line_kind;

typedef struct ini_line {
    size_t start, len;              /* into text, while own is NULL */
    char *own;                      /* the text of a line set or added since */
    char eol[3];                    /* "", "\n", "\r" or "\r\n" */
    size_t eol_len;
    line_kind kind;
    char *name;                     /* section or key name, trimmed */
    char *value;                    /* key value, trimmed and unquoted */
} ini_line;

struct oqsdm_ini {
    oqsdm_ini_encoding enc;
    int utf16_bom;                  /* a UTF-16 file began with its BOM */
    char *text;                     /* UTF-8 or raw bytes, NUL-terminated */
    size_t text_len;
    ini_line *lines;
    size_t nlines, cap;
    int crlf;
    size_t ncrlf, nlf, ncr;         /* line ends as read: the style of added lines */
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

/* Room for one more line. */
static int grow(oqsdm_ini *ini)
{
    if (ini->nlines < ini->cap)
        return 0;
    size_t cap = ini->cap ? ini->cap * 2 : 16;
    ini_line *nl = realloc(ini->lines, cap * sizeof *nl);
    if (!nl)
        return -1;
    ini->lines = nl;
    ini->cap = cap;
    return 0;
}

static oqsdm_ini_status split_lines(oqsdm_ini *ini)
{
    if (grow(ini)) return OQSDM_INI_NOMEM;
    const char *t = ini->text;
    size_t i = 0, n = ini->text_len;
    while (i < n) {
        size_t s = i;
        while (i < n && t[i] != '\n' && t[i] != '\r') i++;
        size_t len = i - s, eol = 0;
        if (i < n && t[i] == '\r' && i + 1 < n && t[i + 1] == '\n') { eol = 2; ini->ncrlf++; }
        else if (i < n) { eol = 1; if (t[i] == '\n') ini->nlf++; else ini->ncr++; }
        i += eol;
        if (grow(ini)) return OQSDM_INI_NOMEM;
        ini_line *L = &ini->lines[ini->nlines++];
        memset(L, 0, sizeof *L);
        L->start = s;
        L->len = len;
        memcpy(L->eol, t + s + len, eol);
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
    ini->crlf = ini->ncrlf > ini->nlf + ini->ncr;
    return OQSDM_INI_OK;
}

oqsdm_ini_status oqsdm_ini_parse(const unsigned char *data, size_t len, oqsdm_ini **out)
{
    *out = NULL;
    if (len > OQSDM_INI_MAX_BYTES) return OQSDM_INI_TOO_LARGE;
    oqsdm_ini *ini = calloc(1, sizeof *ini);
    if (!ini) return OQSDM_INI_NOMEM;

    int bad = 0, nobom = oqsdm_text_utf16_without_bom(data, len);
    if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE) {
        ini->enc = OQSDM_INI_ENC_UTF16LE;
        ini->utf16_bom = 1;
        ini->text = utf16_to_utf8(data + 2, len - 2, 0, &ini->text_len, &bad);
    } else if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF) {
        ini->enc = OQSDM_INI_ENC_UTF16BE;
        ini->utf16_bom = 1;
        ini->text = utf16_to_utf8(data + 2, len - 2, 1, &ini->text_len, &bad);
    } else if (nobom) {
        ini->enc = nobom == 2 ? OQSDM_INI_ENC_UTF16BE : OQSDM_INI_ENC_UTF16LE;
        ini->text = utf16_to_utf8(data, len, nobom == 2, &ini->text_len, &bad);
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

/* The line of the key oqsdm_ini_get finds, or -1. */
static long find_key(const oqsdm_ini *ini, const char *section, const char *key)
{
    int in = 0;
    for (size_t i = 0; i < ini->nlines; i++) {
        const ini_line *L = &ini->lines[i];
        if (L->kind == LINE_SECTION)
            in = ascii_casecmp(L->name, section) == 0;
        else if (in && L->kind == LINE_KEY && ascii_casecmp(L->name, key) == 0)
            return (long)i;
    }
    return -1;
}

const char *oqsdm_ini_get(const oqsdm_ini *ini, const char *section, const char *key)
{
    long i = find_key(ini, section, key);
    return i < 0 ? NULL : ini->lines[i].value;
}

static char *dup_str(const char *s);

oqsdm_ini_status oqsdm_ini_get_utf8(const oqsdm_ini *ini, const char *section, const char *key, char **out)
{
    const char *v = oqsdm_ini_get(ini, section, key);
    *out = NULL;
    if (!v)
        return OQSDM_INI_OK;
    size_t n = strlen(v), nconv;
    int ascii = 1;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)v[i] < 0x80;
    if (ini->enc != OQSDM_INI_ENC_ANSI || ascii)
        return (*out = dup_str(v)) ? OQSDM_INI_OK : OQSDM_INI_NOMEM;
    return oqsdm_plat_cp932_to_utf8(v, n, out, &nconv) == 0 ? OQSDM_INI_OK : OQSDM_INI_BAD_VALUE;
}

int oqsdm_ini_has_section(const oqsdm_ini *ini, const char *section)
{
    for (size_t i = 0; i < ini->nlines; i++)
        if (ini->lines[i].kind == LINE_SECTION && ascii_casecmp(ini->lines[i].name, section) == 0)
            return 1;
    return 0;
}

int oqsdm_ini_only_section(const oqsdm_ini *ini, const char *section)
{
    int in = 0;
    for (size_t i = 0; i < ini->nlines; i++) {
        const ini_line *L = &ini->lines[i];
        if (L->kind == LINE_SECTION) {
            in = ascii_casecmp(L->name, section) == 0;
            if (!in)
                return 0;
        } else if (L->kind == LINE_KEY) {
            if (!in)
                return 0;
        } else {
            const char *p = L->own ? L->own : ini->text + L->start;
            size_t n = L->own ? strlen(L->own) : L->len;
            for (size_t k = 0; k < n; k++)
                if (!is_space(p[k]))
                    return 0;
        }
    }
    return 1;
}

oqsdm_ini_encoding oqsdm_ini_encoding_of(const oqsdm_ini *ini) { return ini->enc; }
int oqsdm_ini_uses_crlf(const oqsdm_ini *ini) { return ini->crlf; }
size_t oqsdm_ini_line_count(const oqsdm_ini *ini) { return ini->nlines; }

void oqsdm_ini_free(oqsdm_ini *ini)
{
    if (!ini) return;
    if (ini->lines) {
        for (size_t i = 0; i < ini->nlines; i++) {
            free(ini->lines[i].own);
            free(ini->lines[i].name);
            free(ini->lines[i].value);
        }
        free(ini->lines);
    }
    free(ini->text);
    free(ini);
}

/* ---------------------------------------------------------------------- */
/* Writing                                                                */

oqsdm_ini_status oqsdm_ini_new(oqsdm_ini **out)
{
    /* An empty file reads as UTF-8 without BOM, and a file without line
     * ends gets CRLF: what Notepad writes. */
    return oqsdm_ini_parse((const unsigned char *)"", 0, out);
}

static const char *line_text(const oqsdm_ini *ini, const ini_line *L)
{
    return L->own ? L->own : ini->text + L->start;
}

/* The line end of added lines: the file's majority, as oqsdm_ini_uses_crlf
 * counts it; CRLF when the file has none yet. */
static const char *new_eol(const oqsdm_ini *ini)
{
    if (ini->crlf || ini->ncrlf + ini->nlf + ini->ncr == 0)
        return "\r\n";
    return ini->nlf >= ini->ncr ? "\n" : "\r";
}

static void set_eol(ini_line *L, const char *eol)
{
    L->eol_len = strlen(eol);
    memcpy(L->eol, eol, L->eol_len);
}

static int is_blank_line(const oqsdm_ini *ini, const ini_line *L)
{
    const char *t = line_text(ini, L);
    for (size_t i = 0; i < L->len; i++)
        if (!is_space(t[i]))
            return 0;
    return 1;
}

/* Names the reader would find again as they are. */
static int valid_name(const char *s, int is_key)
{
    size_t n = strlen(s);
    if (n == 0 || is_space(s[0]) || is_space(s[n - 1]) || strpbrk(s, "\r\n"))
        return 0;
    if (is_key)
        return !strchr(s, '=') && s[0] != ';' && s[0] != '[';
    return !strchr(s, ']');
}

/* A name that is written into the file must also be text of its encoding. */
static int writable_name(const oqsdm_ini *ini, const char *s)
{
    size_t n = strlen(s);
    if (ini->enc == OQSDM_INI_ENC_ANSI) {
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)s[i] >= 0x80)
                return 0;
        return 1;
    }
    return oqsdm_text_valid_utf8((const unsigned char *)s, n);
}

/* A value the reader would trim or unquote needs quotes to read back. */
static int needs_quotes(const char *v, size_t n)
{
    if (n == 0)
        return 0;
    if (is_space(v[0]) || is_space(v[n - 1]))
        return 1;
    return n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0];
}

/* prefix + [q] + v + [q] + suffix, NUL-terminated; *len without the NUL. */
static char *join(const char *prefix, size_t np, char q, const char *v, size_t nv,
                  const char *suffix, size_t ns, size_t *len)
{
    size_t n = np + nv + ns + (q ? 2 : 0);
    char *r = malloc(n + 1);
    if (!r)
        return NULL;
    size_t k = 0;
    memcpy(r + k, prefix, np); k += np;
    if (q) r[k++] = q;
    memcpy(r + k, v, nv); k += nv;
    if (q) r[k++] = q;
    memcpy(r + k, suffix, ns); k += ns;
    r[k] = '\0';
    *len = k;
    return r;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *r = malloc(n + 1);
    if (r)
        memcpy(r, s, n + 1);
    return r;
}

/* Puts an owned line at index pos, taking text, name and value (freed on
 * failure). */
static oqsdm_ini_status insert_line(oqsdm_ini *ini, size_t pos, line_kind kind, char *text,
                                    size_t len, char *name, char *value)
{
    if (!text || (kind != LINE_OTHER && !name) || (kind == LINE_KEY && !value) || grow(ini)) {
        free(text);
        free(name);
        free(value);
        return OQSDM_INI_NOMEM;
    }
    const char *eol = new_eol(ini);
    /* A bare CR followed by a line that is only "\n" would read as one
     * CRLF: the added line's end must not pair with its neighbours'. */
    if (strcmp(eol, "\r") == 0 && pos < ini->nlines && ini->lines[pos].len == 0 &&
        ini->lines[pos].eol_len && ini->lines[pos].eol[0] == '\n')
        eol = "\r\n";
    if (len == 0 && eol[0] == '\n' && pos > 0 && ini->lines[pos - 1].eol_len == 1 &&
        ini->lines[pos - 1].eol[0] == '\r')
        eol = "\r\n";
    /* The line before it must end, even if the file's last line did not. */
    if (pos > 0 && ini->lines[pos - 1].eol_len == 0)
        set_eol(&ini->lines[pos - 1], new_eol(ini));
    memmove(&ini->lines[pos + 1], &ini->lines[pos], (ini->nlines - pos) * sizeof *ini->lines);
    ini->nlines++;
    ini_line *L = &ini->lines[pos];
    memset(L, 0, sizeof *L);
    L->own = text;
    L->len = len;
    L->kind = kind;
    L->name = name;
    L->value = value;
    set_eol(L, eol);
    return OQSDM_INI_OK;
}

static oqsdm_ini_status append_section(oqsdm_ini *ini, const char *section)
{
    oqsdm_ini_status st;
    if (ini->nlines > 0 && !is_blank_line(ini, &ini->lines[ini->nlines - 1])) {
        st = insert_line(ini, ini->nlines, LINE_OTHER, dup_str(""), 0, NULL, NULL);
        if (st != OQSDM_INI_OK)
            return st;
    }
    size_t len = 0;
    char *text = join("[", 1, 0, section, strlen(section), "]", 1, &len);
    return insert_line(ini, ini->nlines, LINE_SECTION, text, len, dup_str(section), NULL);
}

oqsdm_ini_status oqsdm_ini_add_section(oqsdm_ini *ini, const char *section)
{
    if (!valid_name(section, 0))
        return OQSDM_INI_BAD_NAME;
    if (oqsdm_ini_has_section(ini, section))
        return OQSDM_INI_OK;
    if (!writable_name(ini, section))
        return OQSDM_INI_BAD_NAME;
    return append_section(ini, section);
}

/* The value as the file's bytes: UTF-8, or CP932 in an ANSI file. */
static oqsdm_ini_status encode_value(const oqsdm_ini *ini, const char *value, char **out, size_t *out_len)
{
    size_t n = strlen(value);
    *out = NULL;
    if (strpbrk(value, "\r\n") || !oqsdm_text_valid_utf8((const unsigned char *)value, n))
        return OQSDM_INI_BAD_VALUE;
    int ascii = 1;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)value[i] < 0x80;
    if (ini->enc != OQSDM_INI_ENC_ANSI || ascii) {
        *out = dup_str(value);
        *out_len = n;
        return *out ? OQSDM_INI_OK : OQSDM_INI_NOMEM;
    }
    int rc = oqsdm_plat_utf8_to_cp932(value, n, out, out_len);
    if (rc == 0 && memchr(*out, '\0', *out_len)) { /* cannot happen; never write a cut value */
        free(*out);
        *out = NULL;
        rc = 1;
    }
    return rc == 0 ? OQSDM_INI_OK : rc > 0 ? OQSDM_INI_NOT_CP932 : OQSDM_INI_NOMEM;
}

/* Replaces the value of key line L, keeping everything around it. */
static oqsdm_ini_status replace_value(oqsdm_ini *ini, ini_line *L, const char *v, size_t nv)
{
    const char *t = line_text(ini, L);
    size_t n = L->len;
    const char *eq = memchr(t, '=', n);
    if (!eq)
        return OQSDM_INI_BAD_NAME; /* not a key line: cannot happen */
    size_t vs = (size_t)(eq - t) + 1, ve = n;
    while (vs < n && is_space(t[vs])) vs++;
    while (ve > vs && is_space(t[ve - 1])) ve--;
    char q = 0;
    if (ve - vs >= 2 && (t[vs] == '"' || t[vs] == '\'') && t[ve - 1] == t[vs])
        q = t[vs];
    else if (needs_quotes(v, nv))
        q = '"';
    size_t len = 0;
    char *text = join(t, vs, q, v, nv, t + ve, n - ve, &len);
    char *value = dup_str(v);
    if (!text || !value) {
        free(text);
        free(value);
        return OQSDM_INI_NOMEM;
    }
    free(L->own);
    free(L->value);
    L->own = text;
    L->len = len;
    L->value = value;
    return OQSDM_INI_OK;
}

oqsdm_ini_status oqsdm_ini_set(oqsdm_ini *ini, const char *section, const char *key, const char *value)
{
    if (!valid_name(section, 0) || !valid_name(key, 1))
        return OQSDM_INI_BAD_NAME;
    char *v;
    size_t nv;
    oqsdm_ini_status st = encode_value(ini, value, &v, &nv);
    if (st != OQSDM_INI_OK)
        return st;

    long at = find_key(ini, section, key);
    if (at >= 0) {
        st = replace_value(ini, &ini->lines[at], v, nv);
        free(v);
        return st;
    }
    if (!writable_name(ini, key) || (!oqsdm_ini_has_section(ini, section) && !writable_name(ini, section))) {
        free(v);
        return OQSDM_INI_BAD_NAME;
    }
    /* After the last key line of the first such section (or its header). */
    long header = -1, last = -1;
    for (size_t i = 0; i < ini->nlines; i++) {
        const ini_line *L = &ini->lines[i];
        if (L->kind == LINE_SECTION) {
            if (header >= 0)
                break;
            if (ascii_casecmp(L->name, section) == 0)
                header = last = (long)i;
        } else if (header >= 0 && L->kind == LINE_KEY) {
            last = (long)i;
        }
    }
    if (header < 0) {
        st = append_section(ini, section);
        if (st != OQSDM_INI_OK) {
            free(v);
            return st;
        }
        last = (long)ini->nlines - 1;
    }
    size_t nk = strlen(key), len = 0;
    char *kv = malloc(nk + 1), *text = NULL;
    if (kv) {
        memcpy(kv, key, nk);
        kv[nk] = '=';
        text = join(kv, nk + 1, needs_quotes(v, nv) ? '"' : 0, v, nv, "", 0, &len);
        free(kv);
    }
    return insert_line(ini, (size_t)last + 1, LINE_KEY, text, len, dup_str(key), v);
}

/* UTF-8 (valid: decoded UTF-16 and checked values) to UTF-16 code units. */
static int utf8_to_utf16(const unsigned char *s, size_t n, int big_endian, unsigned char *o, size_t *k)
{
    for (size_t i = 0; i < n;) {
        uint32_t c = s[i], cp;
        size_t m;
        if (c < 0x80) { cp = c; m = 1; }
        else if ((c & 0xE0) == 0xC0 && i + 1 < n) { cp = (c & 0x1F) << 6 | (s[i + 1] & 0x3F); m = 2; }
        else if ((c & 0xF0) == 0xE0 && i + 2 < n) {
            cp = (c & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F); m = 3;
        } else if ((c & 0xF8) == 0xF0 && i + 3 < n) {
            cp = (c & 0x07) << 18 | (uint32_t)(s[i + 1] & 0x3F) << 12 | (uint32_t)(s[i + 2] & 0x3F) << 6 |
                 (s[i + 3] & 0x3F);
            m = 4;
        } else {
            return -1;
        }
        i += m;
        uint32_t u[2];
        int nu = 1;
        if (cp >= 0x10000) {
            u[0] = 0xD800 | (cp - 0x10000) >> 10;
            u[1] = 0xDC00 | ((cp - 0x10000) & 0x3FF);
            nu = 2;
        } else {
            u[0] = cp;
        }
        for (int j = 0; j < nu; j++) {
            o[(*k)++] = (unsigned char)(big_endian ? u[j] >> 8 : u[j] & 0xFF);
            o[(*k)++] = (unsigned char)(big_endian ? u[j] & 0xFF : u[j] >> 8);
        }
    }
    return 0;
}

oqsdm_ini_status oqsdm_ini_serialize(const oqsdm_ini *ini, unsigned char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    size_t n = 0;
    for (size_t i = 0; i < ini->nlines; i++)
        n += ini->lines[i].len + ini->lines[i].eol_len;
    /* The text as it will be, in the internal form (UTF-8 or raw bytes). */
    unsigned char *t = malloc(n + 1);
    if (!t)
        return OQSDM_INI_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < ini->nlines; i++) {
        const ini_line *L = &ini->lines[i];
        memcpy(t + k, line_text(ini, L), L->len);
        k += L->len;
        memcpy(t + k, L->eol, L->eol_len);
        k += L->eol_len;
    }

    int utf16 = ini->enc == OQSDM_INI_ENC_UTF16LE || ini->enc == OQSDM_INI_ENC_UTF16BE;
    size_t bom = utf16 ? (ini->utf16_bom ? 2 : 0) : ini->enc == OQSDM_INI_ENC_UTF8_BOM ? 3 : 0;
    /* at most two UTF-16 bytes per UTF-8 byte */
    size_t cap = bom + (utf16 ? 2 * n : n);
    if (cap - bom > OQSDM_INI_MAX_BYTES * 2 + 16) {
        free(t);
        return OQSDM_INI_TOO_LARGE;
    }
    unsigned char *o = malloc(cap ? cap : 1);
    if (!o) {
        free(t);
        return OQSDM_INI_NOMEM;
    }
    size_t m = 0;
    if (ini->enc == OQSDM_INI_ENC_UTF8_BOM) {
        memcpy(o, "\xEF\xBB\xBF", 3);
        m = 3;
    }
    if (utf16) {
        int be = ini->enc == OQSDM_INI_ENC_UTF16BE;
        if (ini->utf16_bom) {
            o[0] = be ? 0xFE : 0xFF;
            o[1] = be ? 0xFF : 0xFE;
            m = 2;
        }
        if (utf8_to_utf16(t, n, be, o, &m)) {
            free(t);
            free(o);
            return OQSDM_INI_BAD_ENCODING;
        }
    } else {
        memcpy(o + m, t, n);
        m += n;
    }
    free(t);
    if (m > OQSDM_INI_MAX_BYTES) {
        free(o);
        return OQSDM_INI_TOO_LARGE;
    }
    /* Without a BOM the encoding is found again from where the NULs stand
     * (oqsdm_text_utf16_without_bom): what is written must read back in
     * the encoding it was read in, never flip between bytes and UTF-16. */
    if (bom == 0 && oqsdm_text_utf16_without_bom(o, m) !=
                        (utf16 ? (ini->enc == OQSDM_INI_ENC_UTF16BE ? 2 : 1) : 0)) {
        free(o);
        return OQSDM_INI_BAD_ENCODING;
    }
    *out = o;
    *out_len = m;
    return OQSDM_INI_OK;
}
