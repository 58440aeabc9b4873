/*
 * paths.c: the guide's C:\ paths, mapped under --root or onto the
 * platform's known folders.
 */
#include "oqsdm/paths.h"

#include <stdio.h>
#include <string.h>

/* Appends `rel` to out at pos, turning either slash into the platform's. */
static int append_rel(char *out, size_t size, size_t pos, const char *rel)
{
    for (; *rel; rel++) {
        if (pos + 1 >= size)
            return -1;
        out[pos++] = (*rel == '\\' || *rel == '/') ? oqsdm_plat_sep : *rel;
    }
    out[pos] = '\0';
    return 0;
}

static int join(char *out, size_t size, const char *dir, const char *rel)
{
    size_t n = strlen(dir);
    if (n + 2 > size)
        return -1;
    memmove(out, dir, n);
    if (n > 0 && out[n - 1] != '/' && out[n - 1] != '\\')
        out[n++] = oqsdm_plat_sep;
    out[n] = '\0';
    while (*rel == '\\' || *rel == '/')
        rel++;
    return append_rel(out, size, n, rel);
}

int oqsdm_path_in_folder(const char *root, oqsdm_folder f, const char *rel,
                         char *out, size_t size)
{
    char dir[1024];
    if (root && *root) {
        const char *name = f == OQSDM_FOLDER_PROGRAM_DATA ? "ProgramData" : "Program Files";
        if (join(dir, sizeof dir, root, name))
            return -1;
    } else if (oqsdm_plat_known_folder(f, dir, sizeof dir)) {
        return -1;
    }
    return join(out, size, dir, rel);
}

static int has_drive(const char *p)
{
    return ((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) && p[1] == ':';
}

int oqsdm_path_map(const char *root, const char *base_dir, const char *winpath,
                   char *out, size_t size)
{
    if (has_drive(winpath)) {
        if (root && *root && (winpath[0] == 'C' || winpath[0] == 'c'))
            return join(out, size, root, winpath + 2);
        if (strlen(winpath) >= size)
            return -1;
        strcpy(out, winpath);
        return 0;
    }
    if (winpath[0] == '/' || winpath[0] == '\\') {
        /* Rooted without a drive: C:\ on Windows, the file system root natively. */
        if (root && *root)
            return join(out, size, root, winpath);
        return append_rel(out, size, 0, winpath);
    }
    return join(out, size, base_dir, winpath);
}

void oqsdm_path_dirname(const char *path, char *out, size_t size)
{
    const char *a = strrchr(path, '/'), *b = strrchr(path, '\\');
    const char *last = a > b ? a : b;
    size_t n = last ? (size_t)(last - path) : 0;
    if (!last) {
        snprintf(out, size, ".");
        return;
    }
    if (n == 0)
        n = 1; /* "/file" -> "/" */
    if (n >= size)
        n = size - 1;
    memcpy(out, path, n);
    out[n] = '\0';
}
