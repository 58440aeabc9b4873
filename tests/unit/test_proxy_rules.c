/* WinINet's proxy and bypass rules, table-driven. */
#include "check.h"
#include "oqsdm/proxy_rules.h"

#include <string.h>

static const char *GUIDE_BYPASS =
    "*.onshikaku.org; *.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
    "*.cybertrust.ne.jp; *.secomtrust.net; *.rece; pweb.base.oqs-pdl.org";

static void server_cases(void)
{
    static const struct { const char *server, *scheme; int rc; const char *host; int port; } T[] = {
        {"proxy.base.oqs-pdl.org:8080", "https", 0, "proxy.base.oqs-pdl.org", 8080},
        {"proxy.base.oqs-pdl.org:8080", "http", 0, "proxy.base.oqs-pdl.org", 8080},
        {"http://proxy.base.oqs-pdl.org:8080", "https", 0, "proxy.base.oqs-pdl.org", 8080},
        {"http://proxy.base.oqs-pdl.org:8080/", "https", 0, "proxy.base.oqs-pdl.org", 8080},
        {"  proxy.example:3128  ", "https", 0, "proxy.example", 3128},
        {"proxy.example", "https", 0, "proxy.example", 80},          /* missing port means 80 */
        {"http=h1:81;https=h2:82", "https", 0, "h2", 82},
        {"http=h1:81;https=h2:82", "http", 0, "h1", 81},
        {"HTTPS=h2:82; http=h1:81", "https", 0, "h2", 82},
        {"http=h1:81", "https", -1, "", 0},                          /* no https entry: direct */
        {"https=[2001:db8::1]:8080", "https", 0, "2001:db8::1", 8080},
        {"[::1]", "http", 0, "::1", 80},
        {"proxy.example:0", "https", -2, "", 0},
        {"proxy.example:65536", "https", -2, "", 0},
        {"proxy.example:80a", "https", -2, "", 0},
        {"proxy example:8080", "https", -2, "", 0},
        {"", "https", -1, "", 0},
        {";;", "https", -1, "", 0},
        {"socks=s:1080", "https", -1, "", 0},
        /* an entry without "scheme=" serves the schemes the list does not name */
        {"ftp=f:21;proxy.base.oqs-pdl.org:8080", "https", 0, "proxy.base.oqs-pdl.org", 8080},
        {"proxy.base.oqs-pdl.org:8080;ftp=f:21", "http", 0, "proxy.base.oqs-pdl.org", 8080},
        {"socks=s:1080; h:3128", "https", 0, "h", 3128},
        {"http=h1:81;h2:82", "https", 0, "h2", 82},
        {"http=h1:81;h2:82", "http", 0, "h1", 81},          /* a named entry wins */
        {"ftp=f:21;h:80800", "https", -2, "", 0},           /* the fallback that applies is checked */
    };
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
        char host[256] = "";
        int port = 0;
        int rc = oqsdm_proxy_server_for(T[i].server, T[i].scheme, host, sizeof host, &port);
        if (rc != T[i].rc)
            fprintf(stderr, "case %zu: \"%s\"\n", i, T[i].server);
        CHECK_INT(rc, T[i].rc);
        if (rc == 0) {
            CHECK_STR(host, T[i].host);
            CHECK_INT(port, T[i].port);
        }
    }
}

static void bypass_cases(void)
{
    static const struct { const char *list, *host; int hit; } T[] = {
        {"*.onshikaku.org", "hweb.oqs.onshikaku.org", 1},
        {"*.onshikaku.org", "onshikaku.org", 0},               /* the dot is part of the pattern */
        {"*.ONSHIKAKU.org", "Hweb.Oqs.Onshikaku.Org", 1},      /* case-insensitive */
        {NULL, "pweb.base.oqs-pdl.org", 1},
        {NULL, "proxy.base.oqs-pdl.org", 0},
        {NULL, "crldownload.obn.managedpki.ne.jp", 1},
        {NULL, "dist.oqs-pdl.org", 0},
        {NULL, "rececomp.rece", 1},
        /* a missing semicolon runs two entries together: neither works */
        {"*.onshikaku.org *.flets-east.jp", "x.flets-east.jp", 0},
        {"*.onshikaku.org *.flets-east.jp", "x.onshikaku.org", 0},
        {"*.onshikaku.org,*.flets-east.jp", "x.flets-east.jp", 0},
        {"*.onshikaku.org;;*.flets-east.jp", "x.flets-east.jp", 1},
        {"<local>", "rececomp", 1},
        {"<local>", "rececomp.local", 0},
        {"*", "anything.example", 1},
        {"192.168.220.*", "192.168.220.1", 1},
        {"192.168.220.*", "192.168.221.1", 0},
        {"a*c*e", "abcde", 1},
        {"a*c*e", "abcdef", 0},
        {"http://*.example", "x.example", 0},                  /* scheme-restricted entry, scheme is https */
        {"https://*.example", "x.example", 1},
        /* implicit loopback bypass, unless <-loopback> */
        {"", "localhost", 1},
        {"", "127.0.0.1", 1},
        {"", "[::1]", 1},
        {"", "169.254.10.1", 1},
        {"", "[fe80::1]", 1},
        {"<-loopback>", "localhost", 0},
        {"<-loopback>", "127.0.0.1", 0},
        {"<-loopback>; localhost", "localhost", 1},
        {"", "feed.example", 0},
        {"", "10.0.0.1", 0},
    };
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
        char m[256];
        int hit = oqsdm_proxy_bypassed(T[i].list ? T[i].list : GUIDE_BYPASS, "https", T[i].host, m, sizeof m);
        if (hit != T[i].hit)
            fprintf(stderr, "case %zu: list \"%s\" host \"%s\"\n", i, T[i].list ? T[i].list : "(guide)", T[i].host);
        CHECK_INT(hit, T[i].hit);
    }
    char m[256];
    CHECK(oqsdm_proxy_bypassed(GUIDE_BYPASS, "https", "www.lineauth.mnw", m, sizeof m));
    CHECK_STR(m, "*.lineauth.mnw");
}

static void route_cases(void)
{
    oqsdm_proxy_settings s;
    oqsdm_proxy_route r;
    memset(&s, 0, sizeof s);
    strcpy(s.server, "proxy.base.oqs-pdl.org:8080");
    strcpy(s.override, GUIDE_BYPASS);

    oqsdm_proxy_route_for(&s, "https", "dist.example.org", &r);
    CHECK_INT(r.use_proxy, 0); /* disabled */

    s.enabled = 1;
    oqsdm_proxy_route_for(&s, "https", "dist.example.org", &r);
    CHECK_INT(r.use_proxy, 1);
    CHECK_STR(r.host, "proxy.base.oqs-pdl.org");
    CHECK_INT(r.port, 8080);

    oqsdm_proxy_route_for(&s, "https", "pweb.base.oqs-pdl.org", &r);
    CHECK_INT(r.use_proxy, 0);
    CHECK_INT(r.bypassed, 1);
    CHECK_STR(r.matched, "pweb.base.oqs-pdl.org");

    strcpy(s.server, "not a proxy");
    oqsdm_proxy_route_for(&s, "https", "dist.example.org", &r);
    CHECK_INT(r.use_proxy, 0);
    CHECK_INT(r.malformed, 1);

    strcpy(s.server, "http=proxy.example:8080"); /* no https entry: direct, not malformed */
    oqsdm_proxy_route_for(&s, "https", "dist.example.org", &r);
    CHECK_INT(r.use_proxy, 0);
    CHECK_INT(r.malformed, 0);
}

int main(void)
{
    server_cases();
    bypass_cases();
    route_cases();
    CHECK(oqsdm_proxy_wildcard_match("", ""));
    CHECK(!oqsdm_proxy_wildcard_match("", "a"));
    CHECK(oqsdm_proxy_wildcard_match("**", ""));
    return check_done("test_proxy_rules");
}
