/*
 * fileio.h: reading a whole file with a size bound, and replacing one
 * atomically.
 */
#ifndef OQSDM_FILEIO_H
#define OQSDM_FILEIO_H

#include <stddef.h>

typedef enum oqsdm_read_status {
    OQSDM_READ_OK = 0,
    OQSDM_READ_MISSING,
    OQSDM_READ_TOO_LARGE,
    OQSDM_READ_IO,
    OQSDM_READ_NOMEM
} oqsdm_read_status;

/* Reads at most `max` bytes of the file at `path` (UTF-8) into a malloc'd
 * buffer with a NUL after the data. A larger file is refused, not cut. */
oqsdm_read_status oqsdm_read_file(const char *path, size_t max, char **data, size_t *len);

/* Writes `len` bytes to `path` so that a crash leaves either the old file
 * or the new one, never half of one: a temporary file beside it, flushed,
 * then moved over it. For oqsdm's own small state files. 0 on success;
 * -1 with the system error left for oqsdm_plat_last_error. */
int oqsdm_write_file_atomic(const char *path, const void *data, size_t len);

#endif
