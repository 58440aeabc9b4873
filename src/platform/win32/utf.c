/*
 * utf.c: conversions through the Win32 API, which already knows UTF-8.
 */
#include "utf.h"

#include <stdlib.h>
#include <windows.h>

wchar_t *oqsdm_utf8_to_wide(const char *s)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
    if (n <= 0)
        return NULL;
    wchar_t *w = malloc((size_t)n * sizeof *w);
    if (w && MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n) != n) {
        free(w);
        w = NULL;
    }
    return w;
}

char *oqsdm_wide_n_to_utf8(const wchar_t *w, int len)
{
    int n = len ? WideCharToMultiByte(CP_UTF8, 0, w, len, NULL, 0, NULL, NULL) : 0;
    if (len && n <= 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s)
        return NULL;
    if (len && WideCharToMultiByte(CP_UTF8, 0, w, len, s, n, NULL, NULL) != n) {
        free(s);
        return NULL;
    }
    s[n] = '\0';
    return s;
}

char *oqsdm_wide_to_utf8(const wchar_t *w)
{
    return oqsdm_wide_n_to_utf8(w, (int)wcslen(w));
}
