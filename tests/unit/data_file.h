/*
 * data_file.h: the shipped data file (res/oqsdm-data.json), parsed once
 * for the unit tests whose rules read it: the tests run against the
 * guide's real values, not a copy that could drift from them.
 */
#ifndef OQSDM_TEST_DATA_FILE_H
#define OQSDM_TEST_DATA_FILE_H

#include "oqsdm/data.h"
#include "oqsdm/fileio.h"

#include <stdio.h>
#include <stdlib.h>

/* Fills *out or exits the test with a message: nothing can be tested without it. */
static void load_data_file(oqsdm_data *out)
{
    char *json = NULL, why[256];
    size_t n = 0;
    if (oqsdm_read_file(OQSDM_SOURCE_DIR "/res/oqsdm-data.json", OQSDM_DATA_MAX_BYTES, &json, &n) != OQSDM_READ_OK ||
        oqsdm_data_parse(json, n, out, why, sizeof why) != 0) {
        fprintf(stderr, "res/oqsdm-data.json could not be read or parsed\n");
        exit(1);
    }
    free(json);
}

#endif
