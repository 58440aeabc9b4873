/*
 * data.h: the public values printed in the operator guide, read from the
 * data file installed beside the program (res/oqsdm-data.json).
 *
 * They are data, not code, so that a change of the official values needs
 * no rebuild; the INI can override each (config.h).
 */
#ifndef OQSDM_DATA_H
#define OQSDM_DATA_H

#include <stddef.h>

#define OQSDM_DATA_FILE_NAME "oqsdm-data.json"
#define OQSDM_DATA_MAX_BYTES (256 * 1024)

typedef struct oqsdm_data {
    /* defaults for [oqsdm] keys absent from the INI */
    char destination[16];     /* "base" or "cloud" */
    long connect_timeout_ms;
    long timeout_ms;
    char revocation[16];      /* "strict" or "best-effort" */
    /* the guide's values */
    char portal_url[1024];
    char expected_proxy[256];
    char expected_bypass[2048];
} oqsdm_data;

/* Parses the data file's JSON. 0 on success; otherwise -1 and a short
 * English/technical `why` (the caller wraps it in a user message). */
int oqsdm_data_parse(const char *json, size_t len, oqsdm_data *out, char *why, size_t why_size);

#endif
