/*
 * paths.c: the guide's C:\ paths, mapped under --root or onto the
 * platform's known folders, and matched in any letter case below them as
 * Windows matches them (the listing itself is the platform's job).
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

int oqsdm_path_resolve_ci(const char *base, const char *rel, char *out, size_t size)
{
    size_t pos = strlen(base);
    if (pos + 1 > size)
        return -1;
    memmove(out, base, pos + 1);
    int missing = 0;
    for (const char *p = rel; *p;) {
        if (*p == '\\' || *p == '/') {
            p++;
            continue;
        }
        size_t n = strcspn(p, "\\/");
        char comp[256], real[256];
        if (n >= sizeof comp)
            return -1;
        memcpy(comp, p, n);
        comp[n] = '\0';
        p += n;
        const char *name = comp;
        if (!missing) {
            int r = oqsdm_plat_find_ci(pos ? out : ".", comp, real, sizeof real);
            if (r < 0)
                return -1;
            if (r == 0)
                name = real;
            else
                missing = 1;   /* the rest cannot be listed: keep it as given */
        }
        size_t len = strlen(name);
        int sep = pos > 0 && out[pos - 1] != '/' && out[pos - 1] != '\\';
        if (pos + (size_t)sep + len + 1 > size)
            return -1;
        if (sep)
            out[pos++] = oqsdm_plat_sep;
        memcpy(out + pos, name, len + 1);
        pos += len;
    }
    return missing;
}

int oqsdm_path_in_folder_ci(const char *root, oqsdm_folder f, const char *rel,
                            char *out, size_t size)
{
    char base[1024], tail[1024];
    int n;
    if (root && *root) {
        const char *name = f == OQSDM_FOLDER_PROGRAM_DATA ? "ProgramData" : "Program Files";
        if (strlen(root) >= sizeof base)
            return -1;
        strcpy(base, root);
        n = snprintf(tail, sizeof tail, "%s\\%s", name, rel);
    } else {
        if (oqsdm_plat_known_folder(f, base, sizeof base))
            return -1;
        n = snprintf(tail, sizeof tail, "%s", rel);
    }
    if (n < 0 || (size_t)n >= sizeof tail)
        return -1;
    return oqsdm_path_resolve_ci(base, tail, out, size);
}
