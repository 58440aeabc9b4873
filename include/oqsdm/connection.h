/*
 * connection.h: the connection check (配信サーバーへの接続確認).
 *
 * A GET of ServerUrl: a 2xx answer is success. TLS is always verified.
 * Redirects are followed by hand, only on the same host, so the proxy
 * route is decided again for each hop and an off-host redirect is named
 * as such. A failure is classified into a stable reason code and a line
 * of plain-language reason.
 */
#ifndef OQSDM_CONNECTION_H
#define OQSDM_CONNECTION_H

#include <stdatomic.h>
#include "config.h"
#include "platform.h"
#include "proxy_rules.h"

typedef enum oqsdm_reason {
    OQSDM_R_OK = 0,
    OQSDM_R_DNS,
    OQSDM_R_PROXY_DNS,
    OQSDM_R_PROXY_CONNECT,
    OQSDM_R_PROXY_STATUS,
    OQSDM_R_PROXY_SETTING,
    OQSDM_R_REFUSED,
    OQSDM_R_UNREACHABLE,
    OQSDM_R_TIMEOUT,
    OQSDM_R_TLS_VERIFY,
    OQSDM_R_TLS_REVOCATION,
    OQSDM_R_TLS_HANDSHAKE,
    OQSDM_R_HTTP_STATUS,
    OQSDM_R_REDIRECT_OFF_HOST,
    OQSDM_R_REDIRECT_LOOP,
    OQSDM_R_NETWORK,
    OQSDM_R_CANCELLED,
    OQSDM_R_BAD_URL,
    OQSDM_R_CA_FILE,
    OQSDM_R_OTHER,
    OQSDM_R_TOO_LARGE,        /* a fetched body above its bound */
    OQSDM_R_NOT_HTTP,         /* something answered, but not in HTTP */
    OQSDM_R_COUNT
} oqsdm_reason;

typedef struct oqsdm_conn_result {
    oqsdm_reason reason;
    long   http_status;       /* last HTTP status, 0 if none */
    long   proxy_status;      /* the proxy's answer to CONNECT, 0 if none */
    long long elapsed_ms;
    int    via_proxy;         /* the last hop went through the proxy */
    char   proxy[300];        /* "host:port" when via_proxy */
    char   reason_text[1024]; /* one line, user's language */
    char   detail[512];       /* libcurl's own words, for logs and vendors */
} oqsdm_conn_result;

/* libcurl's process-wide setup and teardown: call once from main, before
 * any thread runs a check, and once at exit. 0 on success. */
int oqsdm_conn_global_init(void);
void oqsdm_conn_global_cleanup(void);

/* Stable identifier: "ok", "dns", "proxy_connect", ... */
const char *oqsdm_reason_code(oqsdm_reason r);

/* Runs the check. `proxy` is used only in 配信拠点 mode. `cancel` may be
 * NULL; when it becomes non-zero the check stops soon with CANCELLED. */
void oqsdm_conn_check(const oqsdm_config *cfg, const oqsdm_proxy_settings *proxy,
                      oqsdm_lang lang, const atomic_int *cancel,
                      oqsdm_conn_result *out);

/* A page fetched into memory (the portal page). */
typedef struct oqsdm_fetched {
    char *body;               /* malloc'd, NUL after the data; NULL unless OK */
    size_t len;
    char content_type[256];   /* the Content-Type header, "" when none */
} oqsdm_fetched;

/* GETs `url` the way the check does (the settings' route, timeouts, TLS
 * and CA file, same-host redirects only) and keeps the body of a 2xx
 * answer, at most `max_bytes` of it (more is OQSDM_R_TOO_LARGE, never a
 * cut page). `out` says how it went in the check's own terms. */
void oqsdm_conn_fetch(const oqsdm_config *cfg, const char *url, const oqsdm_proxy_settings *proxy,
                      oqsdm_lang lang, const atomic_int *cancel, size_t max_bytes,
                      oqsdm_fetched *page, oqsdm_conn_result *out);
void oqsdm_fetched_free(oqsdm_fetched *page);

/* Classifies a libcurl failure (pure: facts in, reason out) so the rules
 * can be tested without a network. `os_errno` is CURLINFO_OS_ERRNO,
 * `errbuf` libcurl's error text, `connect_code` CURLINFO_HTTP_CONNECTCODE,
 * `connected` whether a TCP connection was made (CURLINFO_CONNECT_TIME>0). */
oqsdm_reason oqsdm_conn_classify(int curl_code, int via_proxy, long os_errno,
                                 const char *errbuf, long connect_code, int connected);

#endif
