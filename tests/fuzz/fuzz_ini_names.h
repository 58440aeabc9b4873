/*
 * fuzz_ini_names.h: the INI fuzz targets' oracle for names: the section and
 * key names found in a text, by a scan of its own (not the reader's code),
 * so the reader's and the writer's lookups can be checked against it.
 */
#ifndef OQSDM_FUZZ_INI_NAMES_H
#define OQSDM_FUZZ_INI_NAMES_H

#include <string.h>

#define FUZZ_INI_MAX_NAMES 8       /* names taken from the input */
#define FUZZ_INI_EXTRA_NAMES 6     /* room for the names each target adds */
#define FUZZ_INI_NAME_LEN 128

typedef struct fuzz_ini_names {
    char sec[FUZZ_INI_MAX_NAMES + FUZZ_INI_EXTRA_NAMES][FUZZ_INI_NAME_LEN];
    size_t nsec;
    char key[FUZZ_INI_MAX_NAMES + FUZZ_INI_EXTRA_NAMES][FUZZ_INI_NAME_LEN];
    size_t nkey;
} fuzz_ini_names;

static inline int fuzz_ini_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

static inline void fuzz_ini_add(char (*list)[FUZZ_INI_NAME_LEN], size_t *n, const char *b, const char *e)
{
    while (b < e && fuzz_ini_blank(*b)) b++;
    while (e > b && fuzz_ini_blank(e[-1])) e--;
    size_t len = (size_t)(e - b);
    if (*n >= FUZZ_INI_MAX_NAMES || len >= FUZZ_INI_NAME_LEN)
        return;
    memcpy(list[*n], b, len);
    list[*n][len] = '\0';   /* an inner NUL ends the name, as in the parser */
    (*n)++;
}

/* "[section]" and "key=" names of the m bytes of text v, line by line. */
static inline void fuzz_ini_scan(const char *v, size_t m, fuzz_ini_names *out)
{
    memset(out, 0, sizeof *out);
    for (size_t s = 0; s < m;) {
        size_t e = s;
        while (e < m && v[e] != '\r' && v[e] != '\n') e++;
        const char *p = v + s, *end = v + e;
        while (p < end && fuzz_ini_blank(*p)) p++;
        if (p < end && *p == '[') {
            const char *close = memchr(p, ']', (size_t)(end - p));
            if (close) fuzz_ini_add(out->sec, &out->nsec, p + 1, close);
        } else if (p < end && *p != ';') {
            const char *eq = memchr(p, '=', (size_t)(end - p));
            if (eq) fuzz_ini_add(out->key, &out->nkey, p, eq);
        }
        s = e + 1;
    }
}

/* Adds a name of the target's own (oqsdm's keys, "", ...). */
static inline void fuzz_ini_extra(char (*list)[FUZZ_INI_NAME_LEN], size_t *n, const char *name)
{
    if (*n < FUZZ_INI_MAX_NAMES + FUZZ_INI_EXTRA_NAMES && strlen(name) < FUZZ_INI_NAME_LEN)
        strcpy(list[(*n)++], name);
}

#endif
