/*
 * diagnose.h: why the connection fails (the guide's chapter 2, p.4-7),
 * as a vendor would find out by hand, done at once.
 *
 * Two halves. The facts (what the terminal's settings are, what its
 * network answers) are gathered by probe.c, all probes in parallel and
 * each bounded by the connect timeout, so a route where packets vanish
 * cannot hold the verdict. The rules here are pure functions from facts
 * to findings, so every known fault of the guide and the field can be
 * tested natively, including DNS facts no test machine can produce.
 *
 * Every finding has a stable id, a status and a title, detail and remedy
 * in the user's language. `unknown` means the fact could not be
 * determined; it is never shown as ok. The connection finding names the
 * finding that explains its failure (explained_by).
 */
#ifndef OQSDM_DIAGNOSE_H
#define OQSDM_DIAGNOSE_H

#include <stdatomic.h>
#include "app.h"
#include "connection.h"
#include "data.h"
#include "platform.h"

typedef enum oqsdm_fstatus {
    OQSDM_FS_OK = 0,
    OQSDM_FS_WARN = 1,
    OQSDM_FS_FAIL = 2,
    OQSDM_FS_SKIP = 3,       /* does not apply (e.g. proxy checks for クラウド) */
    OQSDM_FS_UNKNOWN = 4,    /* could not be determined */
    OQSDM_FS_COUNT = 5
} oqsdm_fstatus;

typedef enum oqsdm_finding_id {
    OQSDM_F_DESTINATION = 0,   /* "destination" */
    OQSDM_F_PROXY_SERVER = 1,  /* "proxy.server" */
    OQSDM_F_PROXY_BYPASS = 2,  /* "proxy.bypass" */
    OQSDM_F_PROXY_WINHTTP = 3, /* "proxy.winhttp" */
    OQSDM_F_DNS = 4,           /* "dns" */
    OQSDM_F_CONNECTION = 5,    /* "connection" */
    OQSDM_F_COUNT = 6
} oqsdm_finding_id;

const char *oqsdm_fstatus_name(oqsdm_fstatus s);
const char *oqsdm_finding_name(oqsdm_finding_id id);
/* The finding's title in the user's language ("プロキシの例外設定"). */
const char *oqsdm_finding_title(oqsdm_finding_id id, oqsdm_lang lang);
/* The id called `name`, or -1. */
int oqsdm_finding_from_name(const char *name);

#define OQSDM_DIAG_MAX_NAMES 24
#define OQSDM_DIAG_MAX_ADAPTERS 8

typedef enum oqsdm_resolve_status {
    OQSDM_RES_NOT_RUN = 0,
    OQSDM_RES_OK = 1,
    OQSDM_RES_NOT_FOUND = 2,   /* the DNS server says the name does not exist */
    OQSDM_RES_FAILED = 3,      /* no answer that counts (server unreachable, refused) */
    OQSDM_RES_TIMEOUT = 4      /* still waiting at the deadline */
} oqsdm_resolve_status;

typedef struct oqsdm_dns_probe {
    char name[256];
    int required;              /* the route needs it (the proxy, or the server when direct) */
    oqsdm_resolve_status status;
    char addrs[4][64];
    size_t naddrs;
    long long ms;
} oqsdm_dns_probe;

typedef struct oqsdm_diag_facts {
    /* the settings */
    oqsdm_destination destination;
    char provider[32];
    char connection_kind[16];
    char expected_proxy[256];
    char expected_bypass[2048];
    char server_url[2048];
    /* the user's proxy (WinINet), as the check uses it */
    int proxy_known;
    oqsdm_proxy_settings proxy;
    /* the machine-wide WinHTTP proxy */
    int winhttp_known;
    int winhttp_named;
    char winhttp_proxy[1024];
    char winhttp_bypass[4096];
    /* the adapters' DNS servers */
    int adapters_known;
    oqsdm_adapter adapters[OQSDM_DIAG_MAX_ADAPTERS];
    size_t nadapters;
    /* names resolved */
    oqsdm_dns_probe dns[OQSDM_DIAG_MAX_NAMES];
    size_t ndns;
    long dns_timeout_ms;
    /* the connection check */
    int conn_ran;
    oqsdm_conn_result conn;
} oqsdm_diag_facts;

typedef struct oqsdm_finding {
    oqsdm_finding_id id;
    oqsdm_fstatus status;
    char code[48];             /* stable detail code: "wrong_port", "missing_entries", ... */
    char title[256];
    char detail[3072];
    char remedy[3072];
    int fixable;               /* a fix (fix.h) would set fix_value */
    int fix_needs_admin;
    char fix_value[4096];
    int explained_by;          /* connection: the finding that explains it, else -1 */
} oqsdm_finding;

typedef struct oqsdm_diagnosis {
    oqsdm_finding f[OQSDM_F_COUNT];
    int count[OQSDM_FS_COUNT];
    int exit_class;            /* 1 any fail, 3 no fail and any unknown, else 0 */
    long long elapsed_ms;      /* gathering the facts */
} oqsdm_diagnosis;

/* The findings from the facts (pure). */
void oqsdm_diagnose(const oqsdm_data *d, const oqsdm_diag_facts *facts, oqsdm_lang lang, oqsdm_diagnosis *out);

/* The names worth resolving for these settings, marked required or not,
 * into facts->dns (pure): the proxy host (配信拠点) or the server host
 * (direct, or bypassed), then the data file's probe names that fit the
 * provider's region. */
void oqsdm_diag_plan_names(const oqsdm_data *d, oqsdm_diag_facts *facts);

/* The facts that need no probe (settings, the proxy, WinHTTP, adapters)
 * and the names to resolve, none resolved yet (probe.c); enough to judge
 * the findings a fix changes, at once. */
void oqsdm_diag_static_facts(const oqsdm_app *app, oqsdm_diag_facts *out);

/* Gathers every fact in parallel (probe.c) and diagnoses. */
void oqsdm_app_diagnose(const oqsdm_app *app, const atomic_int *cancel, oqsdm_diagnosis *out,
                        oqsdm_diag_facts *facts_out);

/* 1 when the two IPv6 addresses (text) are the same address, written
 * either way ("2404:01A8:F583:0D00::53:1" and "2404:1a8:f583:d00::53:1"). */
int oqsdm_ipv6_equal(const char *a, const char *b);

#endif
