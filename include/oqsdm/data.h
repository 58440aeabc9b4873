/*
 * data.h: the public values printed in the operator guide, read from the
 * data file installed beside the program (res/oqsdm-data.json).
 *
 * They are data, not code, so that a change of the official values needs
 * no rebuild; the INI can override the defaults and the expected proxy
 * values (config.h). Every list has a fixed bound: a data file that holds
 * more is refused, never cut.
 */
#ifndef OQSDM_DATA_H
#define OQSDM_DATA_H

#include <stddef.h>

#define OQSDM_DATA_FILE_NAME "oqsdm-data.json"
#define OQSDM_DATA_MAX_BYTES (256 * 1024)

#define OQSDM_DATA_MAX_BYPASS 32
#define OQSDM_DATA_MAX_PROVIDERS 16
#define OQSDM_DATA_MAX_VENDORS 8
#define OQSDM_DATA_MAX_PATTERNS 8
#define OQSDM_DATA_MAX_DNS 4
#define OQSDM_DATA_MAX_NAMES 16

/* A network provider of the guide's table (p.4). */
typedef struct oqsdm_provider {
    char id[32];            /* "nttpc", "ntt-east", ..., "other" */
    char kind[16];          /* "ipsec", "ipvpn" or "" when any */
    char destination[16];   /* the guide's recommendation: "base" or "cloud" */
    char region[8];         /* "east", "west" for NTT's FLET'S, else "" */
} oqsdm_provider;

/* A card reader vendor (the guide's 別紙, p.14-19). Its id is one of
 * portal.h's vendor ids; `patterns` are texts an installed program's
 * DisplayName contains when it is this vendor's PC tool (matched after
 * folding width and case); `steps` names the catalogue message that tells
 * staff where the tool shows the version. */
typedef struct oqsdm_vendor {
    char id[16];
    int portal_vendor;      /* oqsdm_portal_vendor */
    char patterns[OQSDM_DATA_MAX_PATTERNS][96];
    size_t npatterns;
    char steps[48];         /* catalogue id, e.g. "READER_STEPS_FUJITSU" */
} oqsdm_vendor;

typedef struct oqsdm_data {
    /* defaults for [oqsdm] keys absent from the INI */
    char destination[16];     /* "base" or "cloud" */
    long connect_timeout_ms;
    long timeout_ms;
    char revocation[16];      /* "strict" or "best-effort" */
    long portal_max_age_days;
    /* the guide's values */
    char portal_url[1024];
    char expected_proxy[256];
    char expected_bypass[2048];                          /* joined by "; ", as the guide prints it */
    char bypass[OQSDM_DATA_MAX_BYPASS][128];             /* the same, one entry each */
    size_t nbypass;
    oqsdm_provider providers[OQSDM_DATA_MAX_PROVIDERS];
    size_t nproviders;
    oqsdm_vendor vendors[OQSDM_DATA_MAX_VENDORS];
    size_t nvendors;
    /* DNS (p.6-7): the NGN's servers and the OQS network's, per region */
    char dns_ngn_east[OQSDM_DATA_MAX_DNS][64], dns_ngn_west[OQSDM_DATA_MAX_DNS][64];
    char dns_oqs_east[OQSDM_DATA_MAX_DNS][64], dns_oqs_west[OQSDM_DATA_MAX_DNS][64];
    size_t ndns_ngn_east, ndns_ngn_west, ndns_oqs_east, ndns_oqs_west;
    char dns_oqs_domains[OQSDM_DATA_MAX_NAMES][64];
    size_t ndns_oqs_domains;
    char dns_probe_names[OQSDM_DATA_MAX_NAMES][128];     /* names vendors resolve to test DNS */
    size_t ndns_probe_names;
} oqsdm_data;

/* Parses the data file's JSON. 0 on success; otherwise -1 and a short
 * English/technical `why` (the caller wraps it in a user message). */
int oqsdm_data_parse(const char *json, size_t len, oqsdm_data *out, char *why, size_t why_size);

/* The provider with this id, or NULL. */
const oqsdm_provider *oqsdm_data_provider(const oqsdm_data *d, const char *id);

/* The guide's destination for a provider and connection kind (p.4):
 * "base" or "cloud", or NULL when no provider is given. A kind the guide
 * does not list for that provider is "anything else": cloud. `kind` may
 * be NULL or "" (not known: the provider's own row counts). */
const char *oqsdm_data_recommended_destination(const oqsdm_data *d, const char *provider, const char *kind);

/* The vendor with this id, or NULL. */
const oqsdm_vendor *oqsdm_data_vendor(const oqsdm_data *d, const char *id);

#endif
