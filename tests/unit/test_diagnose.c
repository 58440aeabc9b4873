/* The diagnosis rules over facts: every known fault of the guide, DNS facts
 * no test machine can produce (FLET'S servers, router-side DNS, names that
 * do not resolve), and which finding explains a failed connection. */
#include "check.h"
#include "data_file.h"
#include "oqsdm/diagnose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static oqsdm_data data;

#define GUIDE_BYPASS "*.onshikaku.org;*.flets-east.jp;*.flets-west.jp;*.lineauth.mnw;*.obn.managedpki.ne.jp;" \
                     "*.cybertrust.ne.jp;*.secomtrust.net;*.rece;pweb.base.oqs-pdl.org"

/* A healthy NTT East IP-VPN terminal on the distribution base, as a vendor sets it up. */
static void healthy(oqsdm_diag_facts *x)
{
    memset(x, 0, sizeof *x);
    x->destination = OQSDM_DEST_BASE;
    snprintf(x->provider, sizeof x->provider, "ntt-east");
    snprintf(x->connection_kind, sizeof x->connection_kind, "ipvpn");
    snprintf(x->expected_proxy, sizeof x->expected_proxy, "%s", data.expected_proxy);
    snprintf(x->expected_bypass, sizeof x->expected_bypass, "%s", data.expected_bypass);
    snprintf(x->server_url, sizeof x->server_url, "https://dist.base.oqs-pdl.org/ping");
    x->proxy_known = 1;
    x->proxy.enabled = 1;
    snprintf(x->proxy.server, sizeof x->proxy.server, "http://proxy.base.oqs-pdl.org:8080");
    snprintf(x->proxy.override, sizeof x->proxy.override, "%s;192.168.220.1;*.kenporen.com;<local>", GUIDE_BYPASS);
    x->winhttp_known = 1;
    x->winhttp_named = 1;
    snprintf(x->winhttp_proxy, sizeof x->winhttp_proxy, "proxy.base.oqs-pdl.org:8080");
    snprintf(x->winhttp_bypass, sizeof x->winhttp_bypass, "%s;<local>", GUIDE_BYPASS);
    x->adapters_known = 1;
    x->nadapters = 2;
    snprintf(x->adapters[0].name, sizeof x->adapters[0].name, "\xe3\x82\xaa\xe3\x83\xb3\xe8\xb3\x87\xe7\x94\xa8");
    x->adapters[0].up = x->adapters[0].ipv6 = 1;
    snprintf(x->adapters[0].dns[0], 64, "2404:1a8:f583:d00::53:1");
    snprintf(x->adapters[0].dns[1], 64, "2404:01A8:F583:0D00::53:2");
    x->adapters[0].ndns = 2;
    snprintf(x->adapters[1].name, sizeof x->adapters[1].name, "renkei");
    x->adapters[1].up = x->adapters[1].ipv4 = 1;
    x->dns_timeout_ms = 10000;
    oqsdm_diag_plan_names(&data, x);
    for (size_t i = 0; i < x->ndns; i++) {
        x->dns[i].status = OQSDM_RES_OK;
        snprintf(x->dns[i].addrs[0], 64, "fd00::10");
        x->dns[i].naddrs = 1;
    }
    x->conn_ran = 1;
    x->conn.reason = OQSDM_R_OK;
    snprintf(x->conn.reason_text, sizeof x->conn.reason_text, "Connected (HTTP 200)");
}

static oqsdm_diagnosis D;

static const oqsdm_finding *run(const oqsdm_diag_facts *x, oqsdm_finding_id id)
{
    oqsdm_diagnose(&data, x, OQSDM_LANG_EN, &D);
    return &D.f[id];
}

static void set_dns(oqsdm_diag_facts *x, const char *name, oqsdm_resolve_status st)
{
    for (size_t i = 0; i < x->ndns; i++)
        if (strcmp(x->dns[i].name, name) == 0)
            x->dns[i].status = st;
}

static void test_healthy(void)
{
    static oqsdm_diag_facts x;
    healthy(&x);
    oqsdm_diagnose(&data, &x, OQSDM_LANG_EN, &D);
    for (int i = 0; i < OQSDM_F_COUNT; i++) {
        CHECK_INT(D.f[i].status, OQSDM_FS_OK);
        if (D.f[i].status != OQSDM_FS_OK)
            fprintf(stderr, "  %s: %s / %s\n", oqsdm_finding_name((oqsdm_finding_id)i), D.f[i].code, D.f[i].detail);
        CHECK(D.f[i].title[0] != '\0');
        CHECK(!D.f[i].fixable);
    }
    CHECK_INT(D.exit_class, 0);
    CHECK_INT(D.f[OQSDM_F_CONNECTION].explained_by, -1);
    /* the proxy name is what must resolve on this route; the server is resolved by the proxy */
    int proxy_required = 0, server_listed = 0;
    for (size_t i = 0; i < x.ndns; i++) {
        if (strcmp(x.dns[i].name, "proxy.base.oqs-pdl.org") == 0)
            proxy_required = x.dns[i].required;
        if (strcmp(x.dns[i].name, "dist.base.oqs-pdl.org") == 0)
            server_listed = 1;
        CHECK(strstr(x.dns[i].name, "flets-west") == NULL);  /* an East line: no West names */
    }
    CHECK(proxy_required);
    CHECK(!server_listed);
}

static void test_destination(void)
{
    static oqsdm_diag_facts x;
    static const struct { const char *provider, *kind; oqsdm_destination dest; oqsdm_fstatus want; const char *fix; } T[] = {
        {"nttpc", "ipsec", OQSDM_DEST_BASE, OQSDM_FS_OK, NULL},
        {"fujitsu", "", OQSDM_DEST_BASE, OQSDM_FS_OK, NULL},
        {"ctc", "ipvpn", OQSDM_DEST_CLOUD, OQSDM_FS_FAIL, "base"},
        {"qtnet", "ipvpn", OQSDM_DEST_BASE, OQSDM_FS_OK, NULL},
        {"nttdata-chugoku", "ipsec", OQSDM_DEST_BASE, OQSDM_FS_FAIL, "cloud"},
        {"mitsubishi-inf", "", OQSDM_DEST_CLOUD, OQSDM_FS_OK, NULL},
        {"other", "", OQSDM_DEST_BASE, OQSDM_FS_FAIL, "cloud"},
        {"ntt-east", "ipsec", OQSDM_DEST_BASE, OQSDM_FS_FAIL, "cloud"},  /* not in the guide's table: anything else */
        {"", "", OQSDM_DEST_BASE, OQSDM_FS_UNKNOWN, NULL},
    };
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
        healthy(&x);
        snprintf(x.provider, sizeof x.provider, "%s", T[i].provider);
        snprintf(x.connection_kind, sizeof x.connection_kind, "%s", T[i].kind);
        x.destination = T[i].dest;
        const oqsdm_finding *f = run(&x, OQSDM_F_DESTINATION);
        CHECK_INT(f->status, T[i].want);
        CHECK_INT(f->fixable, T[i].fix != NULL);
        if (T[i].fix)
            CHECK_STR(f->fix_value, T[i].fix);
    }
    /* a wrong destination explains a connection that times out */
    healthy(&x);
    snprintf(x.provider, sizeof x.provider, "nttdata-chugoku");
    snprintf(x.connection_kind, sizeof x.connection_kind, "ipsec");
    x.conn.reason = OQSDM_R_PROXY_CONNECT;
    x.conn.via_proxy = 1;
    run(&x, OQSDM_F_CONNECTION);
    CHECK_INT(D.f[OQSDM_F_CONNECTION].status, OQSDM_FS_FAIL);
    CHECK_INT(D.f[OQSDM_F_CONNECTION].explained_by, OQSDM_F_DESTINATION);
    CHECK(strstr(D.f[OQSDM_F_CONNECTION].remedy, D.f[OQSDM_F_DESTINATION].title) != NULL);
}

static void test_proxy_server(void)
{
    static oqsdm_diag_facts x;
    static const struct { int enabled; const char *server; oqsdm_fstatus want; const char *code; } T[] = {
        {1, "proxy.base.oqs-pdl.org:8080", OQSDM_FS_OK, "ok"},
        {1, "PROXY.BASE.OQS-PDL.ORG:8080/", OQSDM_FS_OK, "ok"},
        {1, "http=proxy.base.oqs-pdl.org:8080;https=proxy.base.oqs-pdl.org:8080", OQSDM_FS_OK, "ok"},
        {0, "proxy.base.oqs-pdl.org:8080", OQSDM_FS_FAIL, "disabled"},
        {1, "", OQSDM_FS_FAIL, "empty"},
        {1, "proxy.base.oqs-pdl.org", OQSDM_FS_FAIL, "wrong_port"},
        {1, "proxy.base.oqs-pdl.org:8008", OQSDM_FS_FAIL, "wrong_port"},
        {1, "proxy.oqs-pdl.org:8080", OQSDM_FS_FAIL, "wrong_host"},
        {1, "proxy.base.oqs-pdl.org:80800", OQSDM_FS_FAIL, "malformed"},
        {1, "http=proxy.base.oqs-pdl.org:8080", OQSDM_FS_FAIL, "https_missing"},
        {1, "https=proxy.base.oqs-pdl.org:8080", OQSDM_FS_WARN, "http_missing"},
    };
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
        healthy(&x);
        x.proxy.enabled = T[i].enabled;
        snprintf(x.proxy.server, sizeof x.proxy.server, "%s", T[i].server);
        const oqsdm_finding *f = run(&x, OQSDM_F_PROXY_SERVER);
        CHECK_INT(f->status, T[i].want);
        CHECK_STR(f->code, T[i].code);
        if (T[i].want != OQSDM_FS_OK) {
            CHECK(f->fixable);
            CHECK_STR(f->fix_value, "proxy.base.oqs-pdl.org:8080");
            CHECK(strstr(f->remedy, "8080") != NULL);
        }
    }
    /* the port is named in the detail, so staff see what to change */
    healthy(&x);
    snprintf(x.proxy.server, sizeof x.proxy.server, "proxy.base.oqs-pdl.org:8008");
    CHECK(strstr(run(&x, OQSDM_F_PROXY_SERVER)->detail, "8008") != NULL);
    /* the cloud uses no proxy: skip, even with a broken one */
    x.destination = OQSDM_DEST_CLOUD;
    CHECK_INT(run(&x, OQSDM_F_PROXY_SERVER)->status, OQSDM_FS_SKIP);
    CHECK_INT(run(&x, OQSDM_F_PROXY_BYPASS)->status, OQSDM_FS_SKIP);
    CHECK_INT(run(&x, OQSDM_F_PROXY_WINHTTP)->status, OQSDM_FS_SKIP);
    /* settings that cannot be read are unknown, never ok */
    healthy(&x);
    x.proxy_known = 0;
    CHECK_INT(run(&x, OQSDM_F_PROXY_SERVER)->status, OQSDM_FS_UNKNOWN);
    CHECK_INT(run(&x, OQSDM_F_PROXY_BYPASS)->status, OQSDM_FS_UNKNOWN);
    CHECK_INT(D.exit_class, 3);
    /* a disabled proxy explains a connection that goes direct and times out */
    healthy(&x);
    x.proxy.enabled = 0;
    x.conn.reason = OQSDM_R_TIMEOUT;
    run(&x, OQSDM_F_CONNECTION);
    CHECK_INT(D.f[OQSDM_F_CONNECTION].explained_by, OQSDM_F_PROXY_SERVER);
    /* a wrong port does not explain a connection that went direct (bypassed) */
    healthy(&x);
    snprintf(x.proxy.server, sizeof x.proxy.server, "proxy.base.oqs-pdl.org:8008");
    x.conn.reason = OQSDM_R_REFUSED;
    x.conn.via_proxy = 0;
    run(&x, OQSDM_F_CONNECTION);
    CHECK_INT(D.f[OQSDM_F_CONNECTION].explained_by, -1);
    x.conn.via_proxy = 1;
    x.conn.reason = OQSDM_R_PROXY_CONNECT;
    run(&x, OQSDM_F_CONNECTION);
    CHECK_INT(D.f[OQSDM_F_CONNECTION].explained_by, OQSDM_F_PROXY_SERVER);
}

/* A setup script (AutoConfigURL) beside a right manual proxy: WinINet asks
 * the script first, so the manual value is no proof of the route. */
static void test_proxy_server_with_a_script(void)
{
    static oqsdm_diag_facts x;
    healthy(&x);
    snprintf(x.proxy.auto_config_url, sizeof x.proxy.auto_config_url, "http://wpad.example/proxy.pac");
    const oqsdm_finding *f = run(&x, OQSDM_F_PROXY_SERVER);
    CHECK_INT(f->status, OQSDM_FS_WARN);
    CHECK_STR(f->code, "auto_config");
    CHECK(strstr(f->detail, "http://wpad.example/proxy.pac") != NULL);
    CHECK(strstr(f->remedy, "setup script") != NULL);
    CHECK(!f->fixable);
    /* with a wrong manual value too, both are said */
    snprintf(x.proxy.server, sizeof x.proxy.server, "proxy.base.oqs-pdl.org:3128");
    f = run(&x, OQSDM_F_PROXY_SERVER);
    CHECK_INT(f->status, OQSDM_FS_FAIL);
    CHECK_STR(f->code, "wrong_port");
    CHECK(strstr(f->detail, "proxy.pac") != NULL);
    CHECK(strstr(f->remedy, "setup script") != NULL);
    /* no script: as before */
    healthy(&x);
    CHECK_INT(run(&x, OQSDM_F_PROXY_SERVER)->status, OQSDM_FS_OK);
}

static void test_bypass(void)
{
    static oqsdm_diag_facts x;
    static const struct { const char *override; oqsdm_fstatus want; const char *named; } T[] = {
        {GUIDE_BYPASS, OQSDM_FS_OK, NULL},
        {"*.onshikaku.org; *.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
         "*.cybertrust.ne.jp; *.secomtrust.net; *.rece; pweb.base.oqs-pdl.org", OQSDM_FS_OK, NULL},
        /* an entry missing */
        {"*.onshikaku.org;*.flets-east.jp;*.flets-west.jp;*.lineauth.mnw;*.obn.managedpki.ne.jp;"
         "*.cybertrust.ne.jp;*.secomtrust.net;pweb.base.oqs-pdl.org", OQSDM_FS_FAIL, "*.rece"},
        /* a semicolon missing */
        {"*.onshikaku.org*.flets-east.jp;*.flets-west.jp;*.lineauth.mnw;*.obn.managedpki.ne.jp;"
         "*.cybertrust.ne.jp;*.secomtrust.net;*.rece;pweb.base.oqs-pdl.org", OQSDM_FS_FAIL,
         "*.onshikaku.org*.flets-east.jp"},
        /* separated by commas */
        {"*.onshikaku.org,*.flets-east.jp,*.flets-west.jp,*.lineauth.mnw,*.obn.managedpki.ne.jp,"
         "*.cybertrust.ne.jp,*.secomtrust.net,*.rece,pweb.base.oqs-pdl.org", OQSDM_FS_FAIL, NULL},
        /* a misspelling */
        {"*.onshikau.org;*.flets-east.jp;*.flets-west.jp;*.lineauth.mnw;*.obn.managedpki.ne.jp;"
         "*.cybertrust.ne.jp;*.secomtrust.net;*.rece;pweb.base.oqs-pdl.org", OQSDM_FS_FAIL, "*.onshikau.org"},
        /* everything bypassed */
        {"*;" GUIDE_BYPASS, OQSDM_FS_WARN, "*"},
        /* empty */
        {"", OQSDM_FS_FAIL, "pweb.base.oqs-pdl.org"},
    };
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
        healthy(&x);
        snprintf(x.proxy.override, sizeof x.proxy.override, "%s", T[i].override);
        const oqsdm_finding *f = run(&x, OQSDM_F_PROXY_BYPASS);
        CHECK_INT(f->status, T[i].want);
        if (f->status != T[i].want)
            fprintf(stderr, "  bypass case %zu: %s / %s\n", i, f->code, f->detail);
        if (T[i].named)
            CHECK(strstr(f->detail, T[i].named) != NULL);
        if (T[i].want != OQSDM_FS_OK) {
            CHECK(f->fixable);
            CHECK(strstr(f->fix_value, "*.rece") != NULL && strstr(f->remedy, f->fix_value) != NULL);
        }
    }
    /* the correction keeps the field's extra entries */
    healthy(&x);
    snprintf(x.proxy.override, sizeof x.proxy.override, "*.onshikaku.org;192.168.220.1;*.kenporen.com;<local>");
    const oqsdm_finding *f = run(&x, OQSDM_F_PROXY_BYPASS);
    CHECK_INT(f->status, OQSDM_FS_FAIL);
    CHECK(strstr(f->fix_value, "192.168.220.1") && strstr(f->fix_value, "*.kenporen.com") &&
          strstr(f->fix_value, "<local>"));
    /* CRL hosts missing from the bypass list explain a revocation failure */
    healthy(&x);
    snprintf(x.proxy.override, sizeof x.proxy.override, "*.onshikaku.org;*.flets-east.jp;*.flets-west.jp;"
             "*.lineauth.mnw;*.rece;pweb.base.oqs-pdl.org");
    x.conn.reason = OQSDM_R_TLS_REVOCATION;
    x.conn.via_proxy = 1;
    run(&x, OQSDM_F_CONNECTION);
    CHECK_INT(D.f[OQSDM_F_CONNECTION].explained_by, OQSDM_F_PROXY_BYPASS);
    CHECK(strstr(D.f[OQSDM_F_PROXY_BYPASS].detail, "*.secomtrust.net") != NULL);
    /* "*" sends everything direct: a warning, and it explains a direct timeout */
    healthy(&x);
    snprintf(x.proxy.override, sizeof x.proxy.override, "*;" GUIDE_BYPASS);
    x.conn.reason = OQSDM_R_TIMEOUT;
    run(&x, OQSDM_F_CONNECTION);
    CHECK_INT(D.f[OQSDM_F_PROXY_BYPASS].status, OQSDM_FS_WARN);
    CHECK_INT(D.f[OQSDM_F_CONNECTION].explained_by, OQSDM_F_PROXY_BYPASS);
    /* Through the proxy, a missing entry that is not the server's does not
     * explain a proxy that refuses or a route to it where packets vanish:
     * fixing the list would change nothing for the check. */
    static const oqsdm_reason via_proxy_faults[] = {OQSDM_R_PROXY_STATUS, OQSDM_R_TIMEOUT, OQSDM_R_NETWORK};
    for (size_t i = 0; i < sizeof via_proxy_faults / sizeof via_proxy_faults[0]; i++) {
        healthy(&x);
        snprintf(x.proxy.override, sizeof x.proxy.override, "*.onshikaku.org;*.flets-east.jp;*.flets-west.jp;"
                 "*.lineauth.mnw;*.obn.managedpki.ne.jp;*.cybertrust.ne.jp;*.secomtrust.net;pweb.base.oqs-pdl.org");
        x.conn.reason = via_proxy_faults[i];
        x.conn.via_proxy = 1;
        run(&x, OQSDM_F_CONNECTION);
        CHECK_INT(D.f[OQSDM_F_PROXY_BYPASS].status, OQSDM_FS_FAIL);   /* *.rece is still named */
        CHECK_INT(D.f[OQSDM_F_CONNECTION].explained_by, -1);
        CHECK(strstr(D.f[OQSDM_F_CONNECTION].remedy, D.f[OQSDM_F_PROXY_BYPASS].title) == NULL);
        /* ... but when the missing entry is the server's, it sent the check to the proxy */
        snprintf(x.server_url, sizeof x.server_url, "https://pweb.base.oqs-pdl.org/ping");
        snprintf(x.proxy.override, sizeof x.proxy.override, "*.onshikaku.org;*.rece");
        run(&x, OQSDM_F_CONNECTION);
        CHECK_INT(D.f[OQSDM_F_CONNECTION].explained_by, OQSDM_F_PROXY_BYPASS);
    }
    /* an optional name that does not resolve explains nothing */
    healthy(&x);
    set_dns(&x, "www.lineauth.mnw", OQSDM_RES_NOT_FOUND);
    x.conn.reason = OQSDM_R_PROXY_CONNECT;
    x.conn.via_proxy = 1;
    run(&x, OQSDM_F_CONNECTION);
    CHECK_INT(D.f[OQSDM_F_DNS].status, OQSDM_FS_WARN);
    CHECK_INT(D.f[OQSDM_F_CONNECTION].explained_by, -1);
}

static void test_winhttp(void)
{
    static oqsdm_diag_facts x;
    healthy(&x);
    x.winhttp_named = 0;
    const oqsdm_finding *f = run(&x, OQSDM_F_PROXY_WINHTTP);
    CHECK_INT(f->status, OQSDM_FS_FAIL);
    CHECK_STR(f->code, "direct");
    CHECK(f->fixable && f->fix_needs_admin);
    CHECK(strstr(f->remedy, "netsh winhttp") != NULL);
    CHECK(strncmp(f->fix_value, "proxy.base.oqs-pdl.org:8080\n", 28) == 0);
    healthy(&x);
    snprintf(x.winhttp_proxy, sizeof x.winhttp_proxy, "proxy.example:3128");
    CHECK_STR(run(&x, OQSDM_F_PROXY_WINHTTP)->code, "wrong_server");
    healthy(&x);
    snprintf(x.winhttp_bypass, sizeof x.winhttp_bypass, "<local>");
    CHECK_INT(run(&x, OQSDM_F_PROXY_WINHTTP)->status, OQSDM_FS_FAIL);
    healthy(&x);
    x.winhttp_known = 0;
    CHECK_INT(run(&x, OQSDM_F_PROXY_WINHTTP)->status, OQSDM_FS_UNKNOWN);
}

static void test_dns(void)
{
    static oqsdm_diag_facts x;
    /* router-side DNS (option a): no guide servers on the terminal, names resolve: fine */
    healthy(&x);
    snprintf(x.adapters[0].dns[0], 64, "192.168.1.1");
    x.adapters[0].ndns = 1;
    CHECK_INT(run(&x, OQSDM_F_DNS)->status, OQSDM_FS_OK);

    /* the proxy name does not resolve: fail; on FLET'S the guide's servers for the region */
    set_dns(&x, "proxy.base.oqs-pdl.org", OQSDM_RES_NOT_FOUND);
    const oqsdm_finding *f = run(&x, OQSDM_F_DNS);
    CHECK_INT(f->status, OQSDM_FS_FAIL);
    CHECK(strstr(f->detail, "proxy.base.oqs-pdl.org") != NULL);
    CHECK(strstr(f->remedy, "2404:01A8:F583:0D00::53:1") != NULL);
    CHECK(strstr(f->remedy, "FLET'S v6") == NULL);  /* the NGN names still resolve */
    /* ... and it explains the failed connection */
    x.conn.reason = OQSDM_R_PROXY_DNS;
    x.conn.via_proxy = 1;
    run(&x, OQSDM_F_CONNECTION);
    CHECK_INT(D.f[OQSDM_F_CONNECTION].explained_by, OQSDM_F_DNS);

    /* the NGN's own names fail too: the v6 option contract */
    set_dns(&x, "assv.asc.flets-east.jp", OQSDM_RES_TIMEOUT);
    f = run(&x, OQSDM_F_DNS);
    CHECK(strstr(f->remedy, "FLET'S v6") != NULL);
    CHECK(strstr(f->detail, "10 s") != NULL);

    /* West servers on an East line */
    healthy(&x);
    snprintf(x.adapters[0].dns[0], 64, "2001:a7ff:f014:d00::53:1");
    x.adapters[0].ndns = 1;
    f = run(&x, OQSDM_F_DNS);
    CHECK_INT(f->status, OQSDM_FS_WARN);
    CHECK_STR(f->code, "wrong_region");
    CHECK(strstr(f->detail, "2001:a7ff:f014:d00::53:1") != NULL);
    set_dns(&x, "proxy.base.oqs-pdl.org", OQSDM_RES_FAILED);
    CHECK_INT(run(&x, OQSDM_F_DNS)->status, OQSDM_FS_FAIL);

    /* the 連携用 (IPv4) adapter's servers are not the OQS line's: only the IPv6 one counts */
    healthy(&x);
    snprintf(x.adapters[1].dns[0], 64, "2001:a7ff:f014:d00::53:1");  /* West, on the IPv4-only adapter */
    x.adapters[1].ndns = 1;
    CHECK_INT(run(&x, OQSDM_F_DNS)->status, OQSDM_FS_OK);

    /* a West line: no East names are asked */
    healthy(&x);
    snprintf(x.provider, sizeof x.provider, "ntt-west");
    oqsdm_diag_plan_names(&data, &x);
    for (size_t i = 0; i < x.ndns; i++) {
        CHECK(strstr(x.dns[i].name, "flets-east") == NULL);
        x.dns[i].status = OQSDM_RES_OK;
    }
    f = run(&x, OQSDM_F_DNS);
    CHECK_INT(f->status, OQSDM_FS_WARN);  /* East servers on a West line */

    /* an optional name fails: warn; the direct route needs the server name */
    healthy(&x);
    set_dns(&x, "www.lineauth.mnw", OQSDM_RES_NOT_FOUND);
    CHECK_INT(run(&x, OQSDM_F_DNS)->status, OQSDM_FS_WARN);
    healthy(&x);
    x.destination = OQSDM_DEST_CLOUD;
    snprintf(x.provider, sizeof x.provider, "nttdata-chugoku");
    oqsdm_diag_plan_names(&data, &x);
    CHECK_STR(x.dns[0].name, "dist.base.oqs-pdl.org");
    CHECK(x.dns[0].required);
    for (size_t i = 0; i < x.ndns; i++)
        x.dns[i].status = OQSDM_RES_OK;
    x.dns[0].status = OQSDM_RES_TIMEOUT;
    CHECK_INT(run(&x, OQSDM_F_DNS)->status, OQSDM_FS_FAIL);
    /* a bypassed server is resolved here, on the base route */
    healthy(&x);
    snprintf(x.proxy.override, sizeof x.proxy.override, "%s;*.base.oqs-pdl.org", GUIDE_BYPASS);
    oqsdm_diag_plan_names(&data, &x);
    int server_required = 0;
    for (size_t i = 0; i < x.ndns; i++)
        if (strcmp(x.dns[i].name, "dist.base.oqs-pdl.org") == 0)
            server_required = x.dns[i].required;
    CHECK(server_required);
    /* nothing ran: unknown, never ok */
    healthy(&x);
    for (size_t i = 0; i < x.ndns; i++)
        x.dns[i].status = OQSDM_RES_NOT_RUN;
    CHECK_INT(run(&x, OQSDM_F_DNS)->status, OQSDM_FS_UNKNOWN);
}

static void test_connection(void)
{
    static oqsdm_diag_facts x;
    healthy(&x);
    x.conn_ran = 0;
    CHECK_INT(run(&x, OQSDM_F_CONNECTION)->status, OQSDM_FS_UNKNOWN);
    CHECK_INT(D.exit_class, 3);
    healthy(&x);
    x.conn.reason = OQSDM_R_HTTP_STATUS;
    const oqsdm_finding *f = run(&x, OQSDM_F_CONNECTION);
    CHECK_INT(f->status, OQSDM_FS_FAIL);
    CHECK_INT(f->explained_by, -1);  /* nothing above explains an HTTP error */
    CHECK(f->remedy[0] != '\0');
    CHECK_INT(D.exit_class, 1);
    x.conn.reason = OQSDM_R_CANCELLED;
    CHECK_INT(run(&x, OQSDM_F_CONNECTION)->status, OQSDM_FS_UNKNOWN);

    /* A ProxyServer that is not an address: the check refuses to start
     * (proxy_setting, nothing sent anywhere); proxy.server is the cause. */
    healthy(&x);
    snprintf(x.proxy.server, sizeof x.proxy.server, "proxy.base.oqs-pdl.org:80800");
    x.conn.reason = OQSDM_R_PROXY_SETTING;
    x.conn.via_proxy = 0;
    f = run(&x, OQSDM_F_CONNECTION);
    CHECK_STR(D.f[OQSDM_F_PROXY_SERVER].code, "malformed");
    CHECK_INT(f->status, OQSDM_FS_FAIL);
    CHECK_INT(f->explained_by, OQSDM_F_PROXY_SERVER);
    CHECK(strstr(f->remedy, D.f[OQSDM_F_PROXY_SERVER].title) != NULL);
}

static void test_ipv6(void)
{
    CHECK(oqsdm_ipv6_equal("2404:01A8:F583:0D00::53:1", "2404:1a8:f583:d00::53:1"));
    CHECK(oqsdm_ipv6_equal("2404:1a8:7f01:a::3", "2404:01a8:7f01:000a:0000:0000:0000:0003"));
    CHECK(oqsdm_ipv6_equal("::1", "0:0:0:0:0:0:0:1"));
    CHECK(oqsdm_ipv6_equal("::ffff:192.0.2.1", "::ffff:c000:201"));
    CHECK(!oqsdm_ipv6_equal("2404:1a8:f583:d00::53:1", "2404:1a8:f583:d00::53:2"));
    static const char *bad[] = {"", ":", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "g::1", "1:2:3:4:5:6:7:",
                                "::1.2.3", "192.168.1.1", "1:::2", ":1::"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(!oqsdm_ipv6_equal(bad[i], bad[i]));
}

/* A proxy that answers with an error, nothing else at fault: the remedy
 * follows its answer, names the proxy, and never sends the vendor to an
 * item that is fine. */
static void test_proxy_answers(void)
{
    static oqsdm_diag_facts x;
    static const struct {
        long status;
        const char *says; /* a phrase of the English remedy */
    } cases[] = {
        {407, "user name and password"},
        {403, "refused to relay"},
        {502, "could not reach the distribution server"},
        {503, "could not reach the distribution server"},
        {504, "could not reach the distribution server"},
        {500, "could not reach the distribution server"},  /* tinyproxy's "Unable to connect" */
        {418, "Contact the vendor who set up the terminal"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        healthy(&x);
        x.conn.reason = OQSDM_R_PROXY_STATUS;
        x.conn.via_proxy = 1;
        x.conn.proxy_status = cases[i].status;
        snprintf(x.conn.proxy, sizeof x.conn.proxy, "proxy.base.oqs-pdl.org:8080");
        const oqsdm_finding *f = run(&x, OQSDM_F_CONNECTION);
        CHECK_INT(f->status, OQSDM_FS_FAIL);
        CHECK_INT(f->explained_by, -1);
        CHECK(strstr(f->remedy, cases[i].says) != NULL);
        if (cases[i].status != 418)
            CHECK(strstr(f->remedy, "proxy.base.oqs-pdl.org:8080") != NULL);
    }
    /* the same answer with the wrong proxy set: the proxy's item is the cause */
    healthy(&x);
    snprintf(x.proxy.server, sizeof x.proxy.server, "10.0.0.9:3128");
    x.conn.reason = OQSDM_R_PROXY_STATUS;
    x.conn.via_proxy = 1;
    x.conn.proxy_status = 407;
    const oqsdm_finding *f = run(&x, OQSDM_F_CONNECTION);
    CHECK_INT(f->explained_by, OQSDM_F_PROXY_SERVER);
    CHECK(strstr(f->remedy, "user name") == NULL);
}

int main(void)
{
    load_data_file(&data);
    test_healthy();
    test_destination();
    test_proxy_server();
    test_proxy_server_with_a_script();
    test_bypass();
    test_winhttp();
    test_dns();
    test_connection();
    test_proxy_answers();
    test_ipv6();
    return check_done("test_diagnose");
}
