/*
 * fileio.c: bounded whole-file reads and atomic replacement through the
 * platform's fopen and rename.
 */
#include "oqsdm/fileio.h"
#include "oqsdm/platform.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

oqsdm_read_status oqsdm_read_file(const char *path, size_t max, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    if (!oqsdm_plat_file_exists(path))
        return OQSDM_READ_MISSING;
    FILE *f = oqsdm_plat_fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? OQSDM_READ_MISSING : OQSDM_READ_IO;
    /* Read one byte past the bound to tell "exactly max" from "more". */
    char *buf = malloc(max + 2);
    if (!buf) {
        fclose(f);
        return OQSDM_READ_NOMEM;
    }
    size_t n = fread(buf, 1, max + 1, f);
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        return OQSDM_READ_IO;
    }
    if (n > max) {
        free(buf);
        return OQSDM_READ_TOO_LARGE;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return OQSDM_READ_OK;
}

int oqsdm_write_file_atomic(const char *path, const void *data, size_t len)
{
    char tmp[1100];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return -1;
    FILE *f = oqsdm_plat_fopen(tmp, "wb");
    if (!f)
        return -1;
    int bad = (len && fwrite(data, 1, len, f) != len) || fflush(f) != 0;
    bad |= oqsdm_plat_sync(f) != 0;
    bad |= fclose(f) != 0;
    if (bad || oqsdm_plat_replace_file(tmp, path) != 0) {
        remove(tmp);
        return -1;
    }
    return 0;
}
