/*
 * utf.h: UTF-8 <-> UTF-16 at the Windows boundary (the only place wide
 * strings exist). Results are malloc'd; NULL on failure or invalid input.
 */
#ifndef OQSDM_WIN32_UTF_H
#define OQSDM_WIN32_UTF_H

#include <stddef.h>
#include <wchar.h>

wchar_t *oqsdm_utf8_to_wide(const char *s);
char *oqsdm_wide_to_utf8(const wchar_t *w);
/* Like oqsdm_wide_to_utf8 for `n` UTF-16 units that need not end in NUL. */
char *oqsdm_wide_n_to_utf8(const wchar_t *w, int n);

#endif
