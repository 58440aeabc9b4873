/*
 * fuzz_proxy_rules.c: libFuzzer target for WinINet's proxy rules
 * (src/core/proxy_rules.c): oqsdm_proxy_server_for, oqsdm_proxy_bypassed,
 * oqsdm_proxy_wildcard_match and oqsdm_proxy_route_for.
 *
 * Input: newline-separated fields
 *     ProxyServer \n ProxyOverride \n scheme \n host \n extra pattern
 * (missing fields are empty; an empty scheme means "https"). Each field is
 * passed in a block of exactly its size, so ASan sees any over-read.
 *
 * Invariants asserted (besides ASan/UBSan finding nothing):
 *  - server_for returns 0, -1 (no entry) or -2 (malformed); on 0 the port
 *    is 1..65535 and the host is non-empty, fits the buffer and holds only
 *    host-name or IPv6-literal characters; the scheme's letter case does not
 *    matter; a small host buffer gives the same answer or -2, never an
 *    overflow;
 *  - bypassed returns 0 or 1, the same with any matched buffer (none, tiny,
 *    full), and names a non-empty entry when it returns 1; the letter case
 *    of host and scheme does not matter; a list that starts with the host
 *    itself always bypasses it;
 *  - wildcard_match(p, p) is 1 for every p ('*' can match a '*'), "*" matches
 *    anything, a pattern without '*' is an ASCII case-insensitive compare,
 *    and letter case on either side does not matter;
 *  - route_for agrees with server_for and bypassed: use_proxy and bypassed
 *    never both set, a route with use_proxy has port 1..65535 and a
 *    non-empty host, and disabled settings give an all-zero route.
 */
#include "fuzz_common.h"
#include "oqsdm/proxy_rules.h"

#define NFIELDS 5

static int host_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == ':';
}

static void check_server(const char *server, const char *scheme)
{
    char host[256];
    int port = -1;
    memset(host, 'x', sizeof host);
    int rc = oqsdm_proxy_server_for(server, scheme, host, sizeof host, &port);
    FUZZ_CHECK(rc == 0 || rc == -1 || rc == -2);
    size_t hl = 0;
    if (rc == 0) {
        FUZZ_CHECK(port >= 1 && port <= 65535);
        FUZZ_CHECK(fuzz_terminated(host, sizeof host));
        hl = strlen(host);
        FUZZ_CHECK(hl > 0);
        for (size_t i = 0; i < hl; i++)
            FUZZ_CHECK(host_char(host[i]));
    }

    char *uscheme = fuzz_flip_case(scheme);
    char host2[256];
    int port2 = -1;
    int rc2 = oqsdm_proxy_server_for(server, uscheme, host2, sizeof host2, &port2);
    free(uscheme);
    FUZZ_CHECK(rc2 == rc);
    if (rc == 0)
        FUZZ_CHECK(port2 == port && strcmp(host2, host) == 0);

    enum { SMALL = 8 };
    char *small = malloc(SMALL);
    if (!small) abort();
    int port3 = -1;
    int rc3 = oqsdm_proxy_server_for(server, scheme, small, SMALL, &port3);
    if (rc == 0 && hl < SMALL)
        FUZZ_CHECK(rc3 == 0 && port3 == port && strcmp(small, host) == 0);
    else if (rc == 0)
        FUZZ_CHECK(rc3 == -2);
    else
        FUZZ_CHECK(rc3 == rc);
    free(small);
}

static void check_bypass(const char *override, const char *scheme, const char *host)
{
    char m[256];
    int b = oqsdm_proxy_bypassed(override, scheme, host, m, sizeof m);
    FUZZ_CHECK(b == 0 || b == 1);
    if (b)
        FUZZ_CHECK(fuzz_terminated(m, sizeof m) && m[0] != '\0');
    FUZZ_CHECK(oqsdm_proxy_bypassed(override, scheme, host, NULL, 0) == b);

    char *tiny = malloc(4);
    if (!tiny) abort();
    FUZZ_CHECK(oqsdm_proxy_bypassed(override, scheme, host, tiny, 4) == b);
    if (b)
        FUZZ_CHECK(fuzz_terminated(tiny, 4) && strncmp(tiny, m, strlen(tiny)) == 0);
    free(tiny);

    char *fhost = fuzz_flip_case(host), *fscheme = fuzz_flip_case(scheme);
    FUZZ_CHECK(oqsdm_proxy_bypassed(override, scheme, fhost, NULL, 0) == b);
    FUZZ_CHECK(oqsdm_proxy_bypassed(override, fscheme, host, NULL, 0) == b);
    free(fhost);
    free(fscheme);

    /* "host;<list>" bypasses host, when host can be one plain entry */
    size_t hl = strlen(host);
    if (hl > 0 && hl < 256 && !strchr(host, ';') && !strstr(host, "://") &&
        host[0] != ' ' && host[0] != '\t' && host[hl - 1] != ' ' && host[hl - 1] != '\t' &&
        !(hl >= 2 && host[0] == '[' && host[hl - 1] == ']') &&
        fuzz_ascii_casecmp(host, "<-loopback>") != 0) {
        char *head = fuzz_concat(host, ";");
        char *list = fuzz_concat(head, override);
        FUZZ_CHECK(oqsdm_proxy_bypassed(list, scheme, host, m, sizeof m) == 1);
        free(list);
        free(head);
    }
}

static void check_wildcard(const char *p, const char *s)
{
    int r = oqsdm_proxy_wildcard_match(p, s);
    FUZZ_CHECK(r == 0 || r == 1);
    FUZZ_CHECK(oqsdm_proxy_wildcard_match(p, p) == 1);
    FUZZ_CHECK(oqsdm_proxy_wildcard_match("*", s) == 1);
    if (!strchr(p, '*'))
        FUZZ_CHECK(r == (fuzz_ascii_casecmp(p, s) == 0));
    char *fp = fuzz_flip_case(p);
    FUZZ_CHECK(oqsdm_proxy_wildcard_match(fp, s) == r);
    free(fp);
}

static void check_route(const char *server, const char *override, const char *scheme,
                        const char *host)
{
    oqsdm_proxy_settings *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->enabled = 1;
    snprintf(s->server, sizeof s->server, "%s", server);
    snprintf(s->override, sizeof s->override, "%s", override);

    oqsdm_proxy_route r;
    memset(&r, 0x5A, sizeof r);
    oqsdm_proxy_route_for(s, scheme, host, &r);
    FUZZ_CHECK(r.use_proxy == 0 || r.use_proxy == 1);
    FUZZ_CHECK(r.bypassed == 0 || r.bypassed == 1);
    FUZZ_CHECK(!(r.use_proxy && r.bypassed));
    FUZZ_CHECK(fuzz_terminated(r.host, sizeof r.host) && fuzz_terminated(r.matched, sizeof r.matched));
    if (r.use_proxy || r.bypassed)
        FUZZ_CHECK(r.port >= 1 && r.port <= 65535 && r.host[0] != '\0');
    if (r.bypassed)
        FUZZ_CHECK(r.matched[0] != '\0');

    char phost[256];
    int pport = 0;
    if (oqsdm_proxy_server_for(s->server, scheme, phost, sizeof phost, &pport) != 0) {
        FUZZ_CHECK(!r.use_proxy && !r.bypassed && r.host[0] == '\0' && r.port == 0);
    } else {
        FUZZ_CHECK(strcmp(r.host, phost) == 0 && r.port == pport);
        FUZZ_CHECK(r.bypassed == oqsdm_proxy_bypassed(s->override, scheme, host, NULL, 0));
        FUZZ_CHECK(r.use_proxy == !r.bypassed);
    }

    /* proxy off: direct, nothing else set */
    oqsdm_proxy_route zero;
    memset(&zero, 0, sizeof zero);
    s->enabled = 0;
    memset(&r, 0x5A, sizeof r);
    oqsdm_proxy_route_for(s, scheme, host, &r);
    FUZZ_CHECK(memcmp(&r, &zero, sizeof r) == 0);
    memset(&r, 0x5A, sizeof r);
    oqsdm_proxy_route_for(NULL, scheme, host, &r);
    FUZZ_CHECK(memcmp(&r, &zero, sizeof r) == 0);
    free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *f[NFIELDS];
    size_t pos = 0;
    for (int i = 0; i < NFIELDS; i++) {
        size_t end = pos;
        while (end < size && data[end] != '\n') end++;
        if (i == NFIELDS - 1) end = size;   /* the last field takes the rest */
        f[i] = fuzz_strndup(data + pos, end > pos ? end - pos : 0);
        pos = end < size ? end + 1 : size;
    }
    const char *server = f[0], *override = f[1], *host = f[3], *pattern = f[4];
    const char *scheme = f[2][0] ? f[2] : "https";

    check_server(server, scheme);
    check_bypass(override, scheme, host);
    check_wildcard(pattern, host);
    check_wildcard(host, pattern);
    check_route(server, override, scheme, host);

    for (int i = 0; i < NFIELDS; i++)
        free(f[i]);
    return 0;
}
