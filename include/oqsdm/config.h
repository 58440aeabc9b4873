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
    int from_file;             /* 0: defaults only (oqsdm_config_defaults) */
    oqsdm_destination destination;
    char server_url[2048];     /* "" when not set: see oqsdm_config_require_server */
    long connect_timeout_ms;
    long timeout_ms;
    char ca_file[1024];        /* real path, "" when not set */
    oqsdm_revocation revocation;
    char portal_url[1024];     /* PortalUrl: the portal page of the latest versions */
    long portal_max_age_days;  /* PortalMaxAgeDays: a cached portal result older than this is unknown */
    char provider[32];         /* Provider: a provider id of the data file, "" when not set */
    char connection_kind[16];  /* ConnectionKind: "ipsec", "ipvpn" or "" */
    char expected_proxy[256];  /* ExpectedProxy: "host:port" */
    char expected_bypass[2048];/* ExpectedBypass: entries separated by ';' */
} oqsdm_config;

/* Reads the INI at `path` (a real path) over the defaults `d`. `root`
 * ("" for none) maps C:\ in path values such as CaFile. Errors carry the
 * guide's remedy (missing INI: reinstall) and name the file and key.
 * ServerUrl may be absent (the version check needs none); the connection
 * check asks for it with oqsdm_config_require_server. */
oqsdm_err oqsdm_config_load(const char *path, const oqsdm_data *d, const char *root,
                            oqsdm_lang lang, oqsdm_config *out, oqsdm_error *err);

/* The configuration of a terminal without an INI: the data file's
 * defaults, for checks that can run without one. */
void oqsdm_config_defaults(const oqsdm_data *d, oqsdm_config *out);

/* OQSDM_OK when ServerUrl is set, else the error naming file, section and
 * key. */
oqsdm_err oqsdm_config_require_server(const oqsdm_config *c, oqsdm_lang lang, oqsdm_error *err);

/* The INI values of the settings oqsdm writes (Destination, Provider,
 * ConnectionKind): 0 when `value` is one of them (for Provider: an id of
 * the data file), else -1. */
int oqsdm_config_valid_destination(const char *value);
int oqsdm_config_valid_provider(const oqsdm_data *d, const char *value);
int oqsdm_config_valid_connection_kind(const char *value);
/* ServerUrl and PortalUrl: http:// or https://, then a host, no blank,
 * shorter than `size`: nonzero when `value` is one. */
int oqsdm_config_valid_url(const char *value, size_t size);

const char *oqsdm_destination_name(oqsdm_destination d);

#endif
