/*
 * proxy_rules.c: WinINet's proxy and bypass rules as pure functions.
 *
 * Pure so they can be tested natively with any input and fuzzed; the
 * settings themselves come from the platform (registry on Windows).
 */
#include "oqsdm/proxy_rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

int oqsdm_proxy_wildcard_match(const char *p, const char *s)
{
    const char *star = NULL, *resume = NULL;
    while (*s) {
        if (*p == '*') {
            star = p++;
            resume = s;
        } else if (*p && lower((unsigned char)*p) == lower((unsigned char)*s)) {
            p++;
            s++;
        } else if (star) {
            p = star + 1;
            s = ++resume;
        } else {
            return 0;
        }
    }
    while (*p == '*')
        p++;
    return *p == '\0';
}

/* Copies the trimmed [b, e) into out; 0 if it fit. */
static int trimmed(const char *b, const char *e, char *out, size_t size)
{
    while (b < e && (*b == ' ' || *b == '\t')) b++;
    while (e > b && (e[-1] == ' ' || e[-1] == '\t')) e--;
    size_t n = (size_t)(e - b);
    if (n >= size) return -1;
    memcpy(out, b, n);
    out[n] = '\0';
    return 0;
}

static int host_char_ok(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_';
}

/* "host", "host:port", "[v6]:port", with an optional http:// prefix and
 * trailing slash. -2 when it is not an address. */
static int parse_hostport(const char *v, char *host, size_t host_size, int *port)
{
    char buf[1024];
    if (strncasecmp(v, "http://", 7) == 0) v += 7;
    else if (strncasecmp(v, "https://", 8) == 0) v += 8;
    if (trimmed(v, v + strlen(v), buf, sizeof buf)) return -2;
    size_t n = strlen(buf);
    while (n > 0 && buf[n - 1] == '/') buf[--n] = '\0';
    char *h = buf, *colon;
    if (*h == '[') {
        char *close = strchr(h, ']');
        if (!close || close == h + 1) return -2;
        *close = '\0';
        for (char *q = h + 1; *q; q++)
            if (!(strchr("0123456789abcdefABCDEF:.", *q))) return -2;
        colon = close[1] == ':' ? close + 1 : NULL;
        if (close[1] && !colon) return -2;
        h++;
    } else {
        colon = strchr(h, ':');
        if (colon) *colon = '\0';
        if (!*h) return -2;
        for (char *q = h; *q; q++)
            if (!host_char_ok(*q)) return -2;
    }
    *port = 80;
    if (colon) {
        const char *ps = colon + 1;
        if (!*ps || strlen(ps) > 5) return -2;
        long p = 0;
        for (; *ps; ps++) {
            if (*ps < '0' || *ps > '9') return -2;
            p = p * 10 + (*ps - '0');
        }
        if (p < 1 || p > 65535) return -2;
        *port = (int)p;
    }
    if (strlen(h) >= host_size) return -2;
    strcpy(host, h);
    return 0;
}

int oqsdm_proxy_server_for(const char *server, const char *scheme,
                           char *host, size_t host_size, int *port)
{
    if (!server || !*server) return -1;
    int per_scheme = strchr(server, '=') != NULL;
    /* In a per-scheme list an entry without "scheme=" is the proxy for
     * every scheme the list does not name ("ftp=f:21;h:8080" sends https
     * to h:8080), as WinINet reads it: remembered, used when no entry
     * for the scheme follows. */
    const char *fallback = NULL, *fallback_end = NULL;
    const char *p = server;
    while (*p) {
        const char *end = strchr(p, ';');
        if (!end) end = p + strlen(p);
        char item[1024];
        if (trimmed(p, end, item, sizeof item) == 0 && item[0]) {
            if (!per_scheme)
                return parse_hostport(item, host, host_size, port);
            char *eq = strchr(item, '=');
            if (eq) {
                *eq = '\0';
                char key[64];
                if (trimmed(item, eq, key, sizeof key) == 0 && strcasecmp(key, scheme) == 0)
                    return parse_hostport(eq + 1, host, host_size, port);
            } else if (!fallback) {
                fallback = p;
                fallback_end = end;
            }
        }
        p = *end ? end + 1 : end;
    }
    if (fallback) {
        char item[1024];
        if (trimmed(fallback, fallback_end, item, sizeof item) == 0)
            return parse_hostport(item, host, host_size, port);
    }
    return -1;
}

static int is_loopback_or_link_local(const char *h)
{
    if (strcasecmp(h, "localhost") == 0 || strcasecmp(h, "loopback") == 0) return 1;
    if (strncmp(h, "127.", 4) == 0 || strncmp(h, "169.254.", 8) == 0) return 1;
    if (strcmp(h, "::1") == 0 || strcasecmp(h, "0:0:0:0:0:0:0:1") == 0) return 1;
    if (strncasecmp(h, "fe8", 3) == 0 || strncasecmp(h, "fe9", 3) == 0 ||
        strncasecmp(h, "fea", 3) == 0 || strncasecmp(h, "feb", 3) == 0)
        return strchr(h, ':') != NULL;
    return 0;
}

int oqsdm_proxy_bypassed(const char *override, const char *scheme, const char *host_in,
                         char *matched, size_t matched_size)
{
    char host[256];
    size_t hl = strlen(host_in);
    if (hl >= sizeof host) return 0;
    /* URLs bracket IPv6 literals; the bypass list does not. */
    if (hl >= 2 && host_in[0] == '[' && host_in[hl - 1] == ']') {
        memcpy(host, host_in + 1, hl - 2);
        host[hl - 2] = '\0';
    } else {
        strcpy(host, host_in);
    }
    if (matched && matched_size) matched[0] = '\0';

    int loopback_rule = 1;
    const char *p = override ? override : "";
    while (*p) {
        const char *end = strchr(p, ';');
        if (!end) end = p + strlen(p);
        char e[512];
        if (trimmed(p, end, e, sizeof e) == 0 && e[0]) {
            const char *pat = e;
            int applies = 1;
            const char *sep = strstr(e, "://");
            if (sep) {
                applies = (size_t)(sep - e) == strlen(scheme) && strncasecmp(e, scheme, strlen(scheme)) == 0;
                pat = sep + 3;
            }
            int hit = 0;
            if (strcasecmp(pat, "<-loopback>") == 0) {
                loopback_rule = 0;
            } else if (strcasecmp(pat, "<local>") == 0) {
                hit = strchr(host, '.') == NULL && strchr(host, ':') == NULL;
            } else if (applies) {
                hit = oqsdm_proxy_wildcard_match(pat, host);
            }
            if (hit && applies) {
                if (matched) snprintf(matched, matched_size, "%s", e);
                return 1;
            }
        }
        p = *end ? end + 1 : end;
    }
    if (loopback_rule && is_loopback_or_link_local(host)) {
        if (matched) snprintf(matched, matched_size, "%s", "(loopback)");
        return 1;
    }
    return 0;
}

void oqsdm_proxy_route_for(const oqsdm_proxy_settings *s, const char *scheme,
                           const char *host, oqsdm_proxy_route *out)
{
    memset(out, 0, sizeof *out);
    if (!s || !s->enabled) return;
    int rc = oqsdm_proxy_server_for(s->server, scheme, out->host, sizeof out->host, &out->port);
    if (rc != 0) {
        /* An entry that is not an address is reported, never guessed around:
         * going direct instead could turn a broken terminal green. */
        out->malformed = rc == -2;
        out->host[0] = '\0';
        out->port = 0;
        return;
    }
    if (oqsdm_proxy_bypassed(s->override, scheme, host, out->matched, sizeof out->matched)) {
        out->bypassed = 1;
        return;
    }
    out->use_proxy = 1;
}
