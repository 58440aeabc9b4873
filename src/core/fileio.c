/*
 * fileio.c: bounded whole-file reads through the platform's fopen.
 */
#include "oqsdm/fileio.h"
#include "oqsdm/platform.h"

#include <errno.h>
#include <stdlib.h>

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
