/*
 * proxy_rules.h: which route a request takes, by WinINet's rules.
 *
 * libcurl's no-proxy list has no wildcards and knows nothing of <local>,
 * so oqsdm decides per request whether the user's proxy applies and tells
 * libcurl the answer (a proxy, or none). The rules follow WinINet:
 *  - ProxyServer is "host:port" for every scheme, or per scheme
 *    ("http=h:p;https=h:p"); in such a list an entry without "scheme="
 *    serves every scheme not named; a scheme without any entry goes direct; a
 *    missing port means 80; an "http://" prefix (as vendors write it) is
 *    accepted.
 *  - ProxyOverride entries are separated by semicolons (spaces around them
 *    allowed), match case-insensitively with '*' as a wildcard, and
 *    "<local>" matches names without a dot.
 *  - Loopback names and addresses and link-local addresses bypass the
 *    proxy by themselves unless the list holds "<-loopback>".
 */
#ifndef OQSDM_PROXY_RULES_H
#define OQSDM_PROXY_RULES_H

#include <stddef.h>
#include "platform.h"

typedef struct oqsdm_proxy_route {
    int  use_proxy;        /* 0: direct */
    char host[256];        /* proxy host (brackets stripped for IPv6) */
    int  port;
    int  bypassed;         /* 1: a proxy was set but the host is in the bypass list */
    int  malformed;        /* 1: the ProxyServer entry for this scheme is not an address */
    char matched[256];     /* the bypass entry that matched, for messages */
} oqsdm_proxy_route;

/* Proxy for `scheme` ("http"/"https") from a ProxyServer value: 0 and
 * host/port set when one applies, -1 when none does (empty, or no entry
 * for the scheme), -2 when the entry that applies is malformed. */
int oqsdm_proxy_server_for(const char *server, const char *scheme,
                           char *host, size_t host_size, int *port);

/* 1 if `host` is matched by the ProxyOverride list (including the implicit
 * loopback rule); the matching entry is copied to `matched`. */
int oqsdm_proxy_bypassed(const char *override, const char *scheme, const char *host,
                         char *matched, size_t matched_size);

/* Case-insensitive match of `host` against a pattern with '*' wildcards. */
int oqsdm_proxy_wildcard_match(const char *pattern, const char *host);

/* The route for a request to scheme://host with these settings. */
void oqsdm_proxy_route_for(const oqsdm_proxy_settings *s, const char *scheme,
                           const char *host, oqsdm_proxy_route *out);

#endif
