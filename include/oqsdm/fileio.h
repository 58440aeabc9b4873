/*
 * fileio.h: reading a whole file with a size bound.
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

#endif
