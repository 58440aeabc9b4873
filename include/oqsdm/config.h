/*
 * config.h: oqsdm's settings, the [oqsdm] section of OQSDistroApp.ini over
 * the defaults of the data file.
 */
#ifndef OQSDM_CONFIG_H
#define OQSDM_CONFIG_H

#include "data.h"
#include "error.h"
#include "msg.h"

#define OQSDM_INI_SECTION "oqsdm"

typedef enum oqsdm_destination {
    OQSDM_DEST_BASE = 0,   /* 配信拠点: through the user's proxy settings */
    OQSDM_DEST_CLOUD = 1   /* クラウド: direct */
} oqsdm_destination;

typedef enum oqsdm_revocation {
    OQSDM_REVOKE_STRICT = 0,      /* unreachable revocation server is a failure */
    OQSDM_REVOKE_BEST_EFFORT = 1  /* ignore an unreachable one, still refuse a revoked cert */
} oqsdm_revocation;

typedef struct oqsdm_config {
    char path[1024];           /* the INI it came from */
    oqsdm_destination destination;
    char server_url[2048];
    long connect_timeout_ms;
    long timeout_ms;
    char ca_file[1024];        /* real path, "" when not set */
    oqsdm_revocation revocation;
} oqsdm_config;

/* Reads the INI at `path` (a real path) over the defaults `d`. `root`
 * ("" for none) maps C:\ in path values such as CaFile. Errors carry the
 * guide's remedy (missing INI: reinstall) and name the file and key. */
oqsdm_err oqsdm_config_load(const char *path, const oqsdm_data *d, const char *root,
                            oqsdm_lang lang, oqsdm_config *out, oqsdm_error *err);

const char *oqsdm_destination_name(oqsdm_destination d);

#endif
