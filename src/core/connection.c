/*
 * connection.c: the connection check, done by libcurl.
 *
 * Decisions worth knowing:
 *  - The proxy route is decided here by WinINet's rules (proxy_rules.c) and
 *    handed to libcurl as a fixed answer (a proxy or ""), so libcurl never
 *    applies its own environment variables or no-proxy rules.
 *  - Redirects are followed by hand (at most OQSDM_MAX_REDIRECTS) and only
 *    on the same host: a redirect elsewhere is a fault worth naming, not a
 *    success.
 *  - TLS is always verified. Revocation is checked strictly by default
 *    (Schannel's default): the guide's bypass list carries the CRL/OCSP
 *    hosts (*.obn.managedpki.ne.jp, *.cybertrust.ne.jp, *.secomtrust.net)
 *    precisely so terminals reach them, so an unreachable revocation server
 *    is a real fault of the terminal's network; it is reported with its
 *    own reason, never as a forged certificate. RevocationCheck=best-effort
 *    is there for networks that cannot reach them by design.
 */
#include "oqsdm/connection.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define OQSDM_MAX_REDIRECTS 5

#ifndef OQSDM_VERSION
#define OQSDM_VERSION "0"
#endif

static const char *const reason_codes[OQSDM_R_COUNT] = {
    [OQSDM_R_OK] = "ok",
    [OQSDM_R_DNS] = "dns",
    [OQSDM_R_PROXY_DNS] = "proxy_dns",
    [OQSDM_R_PROXY_CONNECT] = "proxy_connect",
    [OQSDM_R_PROXY_STATUS] = "proxy_status",
    [OQSDM_R_PROXY_SETTING] = "proxy_setting",
    [OQSDM_R_REFUSED] = "refused",
    [OQSDM_R_UNREACHABLE] = "unreachable",
    [OQSDM_R_TIMEOUT] = "timeout",
    [OQSDM_R_TLS_VERIFY] = "tls_verify",
    [OQSDM_R_TLS_REVOCATION] = "tls_revocation",
    [OQSDM_R_TLS_HANDSHAKE] = "tls_handshake",
    [OQSDM_R_HTTP_STATUS] = "http_status",
    [OQSDM_R_REDIRECT_OFF_HOST] = "redirect_off_host",
    [OQSDM_R_REDIRECT_LOOP] = "redirect_loop",
    [OQSDM_R_NETWORK] = "network",
    [OQSDM_R_CANCELLED] = "cancelled",
    [OQSDM_R_BAD_URL] = "bad_url",
    [OQSDM_R_CA_FILE] = "ca_file",
    [OQSDM_R_OTHER] = "other",
    [OQSDM_R_TOO_LARGE] = "too_large",
    [OQSDM_R_NOT_HTTP] = "not_http",
};

const char *oqsdm_reason_code(oqsdm_reason r)
{
    return (r >= 0 && r < OQSDM_R_COUNT) ? reason_codes[r] : "other";
}

static int contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; hay && *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

static int mentions_revocation(const char *e)
{
    /* Schannel: CRYPT_E_NO_REVOCATION_CHECK 0x80092012,
     * CRYPT_E_REVOCATION_OFFLINE 0x80092013; OpenSSL: OCSP/CRL wording. */
    return contains_ci(e, "80092012") || contains_ci(e, "80092013") ||
           contains_ci(e, "revocation") || contains_ci(e, "OCSP") || contains_ci(e, "unable to get certificate CRL");
}

static int mentions_certificate(const char *e)
{
    /* SEC_E_UNTRUSTED_ROOT 0x80090325, CERT_E_* 0x800B01xx, SEC_E_CERT_EXPIRED
     * 0x80090328, SEC_E_WRONG_PRINCIPAL 0x80090322. */
    return contains_ci(e, "80090325") || contains_ci(e, "800B01") || contains_ci(e, "80090328") ||
           contains_ci(e, "80090322") || contains_ci(e, "certificate");
}

oqsdm_reason oqsdm_conn_classify(int curl_code, int via_proxy, long os_errno,
                                 const char *errbuf, long connect_code, int connected)
{
    (void)connected;
    switch ((CURLcode)curl_code) {
    case CURLE_OK:
        return OQSDM_R_OK;
    case CURLE_UNSUPPORTED_PROTOCOL:
        /* The URL's scheme was checked before the request (split_url), so
         * from the transfer this is libcurl refusing an answer without a
         * status line (HTTP/0.9): another service on that port, not a bad
         * URL. Calling it bad_url sent vendors to fix a URL that was fine. */
        if (contains_ci(errbuf, "HTTP/0.9"))
            return OQSDM_R_NOT_HTTP;
        return OQSDM_R_BAD_URL;
    case CURLE_URL_MALFORMAT:
        return OQSDM_R_BAD_URL;
    case CURLE_COULDNT_RESOLVE_PROXY:
        return OQSDM_R_PROXY_DNS;
    case CURLE_COULDNT_RESOLVE_HOST:
        return OQSDM_R_DNS;
    case CURLE_COULDNT_CONNECT:
        if (via_proxy)
            return OQSDM_R_PROXY_CONNECT;
        if (os_errno == ECONNREFUSED || os_errno == 10061 /* WSAECONNREFUSED */)
            return OQSDM_R_REFUSED;
        return OQSDM_R_UNREACHABLE;
    case CURLE_OPERATION_TIMEDOUT:
        return OQSDM_R_TIMEOUT;
    case CURLE_PEER_FAILED_VERIFICATION:
        return mentions_revocation(errbuf) ? OQSDM_R_TLS_REVOCATION : OQSDM_R_TLS_VERIFY;
    case CURLE_SSL_CACERT_BADFILE:
        return OQSDM_R_CA_FILE;
    case CURLE_SSL_CONNECT_ERROR:
        if (via_proxy && connect_code >= 300)
            return OQSDM_R_PROXY_STATUS;
        if (mentions_revocation(errbuf))
            return OQSDM_R_TLS_REVOCATION;
        if (mentions_certificate(errbuf))
            return OQSDM_R_TLS_VERIFY;
        return OQSDM_R_TLS_HANDSHAKE;
#if LIBCURL_VERSION_NUM >= 0x074900
    case CURLE_PROXY:
        return connect_code >= 300 ? OQSDM_R_PROXY_STATUS : OQSDM_R_PROXY_CONNECT;
#endif
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
        if (via_proxy && connect_code >= 300)
            return OQSDM_R_PROXY_STATUS;
        return OQSDM_R_NETWORK;
    case CURLE_WEIRD_SERVER_REPLY:
        if (via_proxy && connect_code >= 300)
            return OQSDM_R_PROXY_STATUS;
        return OQSDM_R_NOT_HTTP;
    case CURLE_ABORTED_BY_CALLBACK:
        return OQSDM_R_CANCELLED;
    case CURLE_TOO_MANY_REDIRECTS:
        return OQSDM_R_REDIRECT_LOOP;
    default:
        return OQSDM_R_OTHER;
    }
}

/* Where the body goes: nowhere (the check) or a bounded buffer (a page). */
typedef struct sink {
    size_t max;          /* 0: discard */
    char *buf;
    size_t len, cap;
    int too_large, oom;
} sink;

static size_t on_body(char *p, size_t size, size_t n, void *u)
{
    sink *k = u;
    size_t add = size * n;
    if (k->max == 0)
        return add;
    if (add > k->max - k->len) {
        k->too_large = 1;
        return 0;  /* stops the transfer: CURLE_WRITE_ERROR */
    }
    if (k->len + add + 1 > k->cap) {
        size_t nc = k->cap ? k->cap : 16384;
        while (nc < k->len + add + 1)
            nc *= 2;
        char *b = realloc(k->buf, nc);
        if (!b) {
            k->oom = 1;
            return 0;
        }
        k->buf = b;
        k->cap = nc;
    }
    memcpy(k->buf + k->len, p, add);
    k->len += add;
    k->buf[k->len] = '\0';
    return add;
}

static int on_progress(void *u, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d)
{
    (void)a; (void)b; (void)c; (void)d;
    const atomic_int *cancel = u;
    return (cancel && atomic_load(cancel)) ? 1 : 0;
}

/* Seconds for messages: "2", "2.5", "0.25", "0.001": as many decimals as
 * the milliseconds need (one decimal showed TimeoutMs=1 as "0.0 s"). */
static void secs(char *buf, size_t size, long long ms)
{
    if (ms % 1000 == 0)
        snprintf(buf, size, "%lld", ms / 1000);
    else if (ms % 100 == 0)
        snprintf(buf, size, "%lld.%lld", ms / 1000, (ms % 1000) / 100);
    else if (ms % 10 == 0)
        snprintf(buf, size, "%lld.%02lld", ms / 1000, (ms % 1000) / 10);
    else
        snprintf(buf, size, "%lld.%03lld", ms / 1000, ms % 1000);
}

typedef struct target {
    char scheme[16];
    char host[256];
    char hostport[300];
} target;

static int split_url(const char *url, target *t)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL;
    int rc = -1;
    if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK &&
        (strcasecmp(scheme, "http") == 0 || strcasecmp(scheme, "https") == 0) &&
        /* libcurl takes ":0" and then reports a refused connection, which
         * sends the vendor to a server that was never asked: port 0 is a
         * fault of the URL, as 99999 is. */
        strtol(port, NULL, 10) >= 1 && strtol(port, NULL, 10) <= 65535 &&
        strlen(scheme) < sizeof t->scheme && strlen(host) < sizeof t->host) {
        snprintf(t->scheme, sizeof t->scheme, "%s", scheme);
        for (char *c = t->scheme; *c; c++)
            if (*c >= 'A' && *c <= 'Z') *c = (char)(*c + 32);
        snprintf(t->host, sizeof t->host, "%s", host);
        snprintf(t->hostport, sizeof t->hostport, "%s:%s", host, port);
        rc = 0;
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    return rc;
}

static void request(const oqsdm_config *cfg, const char *start_url, const oqsdm_proxy_settings *proxy,
                    oqsdm_lang lang, const atomic_int *cancel, sink *body, char *content_type,
                    size_t content_type_size, oqsdm_conn_result *out)
{
    memset(out, 0, sizeof *out);
    long long t0 = oqsdm_plat_monotonic_ms();
    char url[2048], n1[64], n2[64];
    snprintf(url, sizeof url, "%s", start_url);
    target t;

    if (split_url(url, &t)) {
        out->reason = OQSDM_R_BAD_URL;
        oqsdm_msgf1(out->reason_text, sizeof out->reason_text, lang, OQSDM_MSG_REASON_BAD_URL, url);
        return;
    }
    if (cfg->ca_file[0] && !oqsdm_plat_file_exists(cfg->ca_file)) {
        out->reason = OQSDM_R_CA_FILE;
        oqsdm_msgf1(out->reason_text, sizeof out->reason_text, lang, OQSDM_MSG_REASON_CA_FILE, cfg->ca_file);
        return;
    }

    for (int hop = 0;; hop++) {
        oqsdm_proxy_route route;
        if (cfg->destination == OQSDM_DEST_BASE)
            oqsdm_proxy_route_for(proxy, t.scheme, t.host, &route);
        else
            memset(&route, 0, sizeof route);

        if (route.malformed) {
            out->reason = OQSDM_R_PROXY_SETTING;
            oqsdm_msgf2(out->reason_text, sizeof out->reason_text, lang, OQSDM_MSG_REASON_PROXY_SETTING,
                        proxy->server, proxy->source);
            out->elapsed_ms = oqsdm_plat_monotonic_ms() - t0;
            break;
        }
        char proxy_url[320] = "";
        out->via_proxy = route.use_proxy;
        out->proxy[0] = '\0';
        if (route.use_proxy) {
            int v6 = strchr(route.host, ':') != NULL;
            snprintf(proxy_url, sizeof proxy_url, "http://%s%s%s:%d", v6 ? "[" : "", route.host,
                     v6 ? "]" : "", route.port);
            snprintf(out->proxy, sizeof out->proxy, "%s%s%s:%d", v6 ? "[" : "", route.host, v6 ? "]" : "",
                     route.port);
        }

        long long spent = oqsdm_plat_monotonic_ms() - t0;
        long long left = cfg->timeout_ms - spent;
        if (left < 1)
            left = 1;

        CURL *h = curl_easy_init();
        if (!h) {
            out->reason = OQSDM_R_OTHER;
            oqsdm_msgf1(out->reason_text, sizeof out->reason_text, lang, OQSDM_MSG_REASON_OTHER, "curl_easy_init");
            break;
        }
        char errbuf[CURL_ERROR_SIZE] = "";
        curl_easy_setopt(h, CURLOPT_URL, url);
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(h, CURLOPT_PROXY, proxy_url);   /* "" = no proxy, env ignored */
        curl_easy_setopt(h, CURLOPT_NOPROXY, "");
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, cfg->connect_timeout_ms);
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)left);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
        if (cfg->ca_file[0])
            curl_easy_setopt(h, CURLOPT_CAINFO, cfg->ca_file);
        if (cfg->revocation == OQSDM_REVOKE_BEST_EFFORT)
            curl_easy_setopt(h, CURLOPT_SSL_OPTIONS, (long)CURLSSLOPT_REVOKE_BEST_EFFORT);
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, (void *)body);
        body->len = 0;
        curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(h, CURLOPT_XFERINFODATA, (void *)cancel);
        curl_easy_setopt(h, CURLOPT_USERAGENT, "oqsdm/" OQSDM_VERSION);

        CURLcode rc = curl_easy_perform(h);
        long status = 0, connect_code = 0, os_errno = 0;
        double connect_time = 0;
        char *redirect = NULL;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_getinfo(h, CURLINFO_HTTP_CONNECTCODE, &connect_code);
        curl_easy_getinfo(h, CURLINFO_OS_ERRNO, &os_errno);
        curl_easy_getinfo(h, CURLINFO_CONNECT_TIME, &connect_time);
        curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &redirect);
        out->http_status = status;
        out->proxy_status = connect_code;
        snprintf(out->detail, sizeof out->detail, "%s%s%s", curl_easy_strerror(rc), errbuf[0] ? ": " : "", errbuf);

        int again = 0;
        char *ctype = NULL;
        curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ctype);
        if (content_type_size)
            snprintf(content_type, content_type_size, "%s", ctype ? ctype : "");
        if (rc == CURLE_WRITE_ERROR && body->too_large) {
            out->reason = OQSDM_R_TOO_LARGE;
        } else if (rc == CURLE_WRITE_ERROR && body->oom) {
            out->reason = OQSDM_R_OTHER;
        } else if (rc != CURLE_OK) {
            out->reason = oqsdm_conn_classify((int)rc, route.use_proxy, os_errno, errbuf, connect_code,
                                              connect_time > 0);
        } else if (route.use_proxy && status == 407) {
            /* A plain-HTTP URL goes to the proxy as a GET, so its refusal to
             * relay comes back as the answer: 407 is only ever a proxy's
             * (RFC 9110 15.5.8), never the distribution server's. */
            out->reason = OQSDM_R_PROXY_STATUS;
            connect_code = status;
            out->proxy_status = status;
        } else if (status >= 200 && status < 300) {
            out->reason = OQSDM_R_OK;
        } else if (status >= 300 && status < 400 && redirect) {
            target next;
            if (split_url(redirect, &next)) {
                out->reason = OQSDM_R_BAD_URL;
            } else if (strcasecmp(next.host, t.host) != 0 ||
                       (strcmp(t.scheme, "https") == 0 && strcmp(next.scheme, "https") != 0)) {
                /* Another host, or the same host without TLS: either way not
                 * the server the settings name. */
                out->reason = OQSDM_R_REDIRECT_OFF_HOST;
                t = next;
            } else if (hop >= OQSDM_MAX_REDIRECTS) {
                out->reason = OQSDM_R_REDIRECT_LOOP;
            } else {
                snprintf(url, sizeof url, "%s", redirect);
                t = next;
                again = 1;
            }
        } else {
            out->reason = OQSDM_R_HTTP_STATUS;
        }
        curl_easy_cleanup(h);
        out->elapsed_ms = oqsdm_plat_monotonic_ms() - t0;
        if (again)
            continue;

        char st[16];
        snprintf(st, sizeof st, "%ld", status ? status : connect_code);
        const char *via = route.use_proxy ? out->proxy : t.hostport;
        char *rt = out->reason_text;
        size_t rs = sizeof out->reason_text;
        switch (out->reason) {
        case OQSDM_R_OK: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_OK, st); break;
        case OQSDM_R_DNS: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_DNS, t.host); break;
        case OQSDM_R_PROXY_DNS: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_PROXY_DNS, route.host); break;
        case OQSDM_R_PROXY_CONNECT: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_PROXY_CONNECT, out->proxy); break;
        case OQSDM_R_PROXY_STATUS:
            snprintf(st, sizeof st, "%ld", connect_code);
            oqsdm_msgf2(rt, rs, lang, OQSDM_MSG_REASON_PROXY_STATUS, out->proxy, st);
            break;
        case OQSDM_R_REFUSED: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_REFUSED, t.hostport); break;
        case OQSDM_R_UNREACHABLE: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_UNREACHABLE, t.hostport); break;
        case OQSDM_R_TIMEOUT:
            if (connect_time <= 0 && out->elapsed_ms < cfg->timeout_ms) {
                secs(n1, sizeof n1, cfg->connect_timeout_ms);
                oqsdm_msgf2(rt, rs, lang, OQSDM_MSG_REASON_CONNECT_TIMEOUT, via, n1);
            } else {
                secs(n2, sizeof n2, cfg->timeout_ms);
                oqsdm_msgf2(rt, rs, lang, OQSDM_MSG_REASON_TIMEOUT, via, n2);
            }
            break;
        case OQSDM_R_TLS_VERIFY: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_TLS_VERIFY, t.host); break;
        case OQSDM_R_TLS_REVOCATION: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_TLS_REVOCATION, t.host); break;
        case OQSDM_R_TLS_HANDSHAKE: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_TLS_HANDSHAKE, t.host); break;
        case OQSDM_R_HTTP_STATUS: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_HTTP_STATUS, st); break;
        case OQSDM_R_REDIRECT_OFF_HOST: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_REDIRECT_OFF_HOST, t.host); break;
        case OQSDM_R_REDIRECT_LOOP:
            snprintf(n1, sizeof n1, "%d", hop);
            oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_REDIRECT_LOOP, n1);
            break;
        case OQSDM_R_NETWORK: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_NETWORK, curl_easy_strerror(rc)); break;
        case OQSDM_R_NOT_HTTP: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_NOT_HTTP, via); break;
        case OQSDM_R_CANCELLED: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_CANCELLED, NULL); break;
        case OQSDM_R_BAD_URL: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_BAD_URL, url); break;
        case OQSDM_R_CA_FILE: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_CA_FILE, cfg->ca_file); break;
        case OQSDM_R_TOO_LARGE:
            snprintf(n1, sizeof n1, "%zu", body->max / 1024);
            oqsdm_msgf2(rt, rs, lang, OQSDM_MSG_REASON_TOO_LARGE, t.host, n1);
            break;
        default: oqsdm_msgf1(rt, rs, lang, OQSDM_MSG_REASON_OTHER, out->detail); break;
        }
        break;
    }
}

void oqsdm_conn_check(const oqsdm_config *cfg, const oqsdm_proxy_settings *proxy,
                      oqsdm_lang lang, const atomic_int *cancel,
                      oqsdm_conn_result *out)
{
    sink discard = {0};
    request(cfg, cfg->server_url, proxy, lang, cancel, &discard, NULL, 0, out);
}

void oqsdm_conn_fetch(const oqsdm_config *cfg, const char *url, const oqsdm_proxy_settings *proxy,
                      oqsdm_lang lang, const atomic_int *cancel, size_t max_bytes,
                      oqsdm_fetched *page, oqsdm_conn_result *out)
{
    memset(page, 0, sizeof *page);
    sink body = {0};
    body.max = max_bytes ? max_bytes : 1;
    request(cfg, url, proxy, lang, cancel, &body, page->content_type, sizeof page->content_type, out);
    if (out->reason == OQSDM_R_OK) {
        if (!body.buf) {  /* an empty 2xx answer */
            body.buf = calloc(1, 1);
            if (!body.buf) {
                out->reason = OQSDM_R_OTHER;
                oqsdm_msgf1(out->reason_text, sizeof out->reason_text, lang, OQSDM_MSG_REASON_OTHER, "memory");
                return;
            }
        }
        page->body = body.buf;
        page->len = body.len;
    } else {
        free(body.buf);
    }
}

void oqsdm_fetched_free(oqsdm_fetched *page)
{
    if (page) {
        free(page->body);
        page->body = NULL;
        page->len = 0;
    }
}

int oqsdm_conn_global_init(void)
{
    return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void oqsdm_conn_global_cleanup(void)
{
    curl_global_cleanup();
}
