/* The [oqsdm] section over the data file's defaults, and errors that name
 * the file, the key and the remedy. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "oqsdm/config.h"
#include "oqsdm/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

static const char *write_ini(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    fputs(text, f);
    fclose(f);
    return path;
}

static oqsdm_data defaults(void)
{
    oqsdm_data d;
    memset(&d, 0, sizeof d);
    strcpy(d.destination, "base");
    d.connect_timeout_ms = 10000;
    d.timeout_ms = 30000;
    strcpy(d.revocation, "strict");
    d.portal_max_age_days = 14;
    strcpy(d.portal_url, "https://portal.example/post-12.html");
    strcpy(d.expected_proxy, "proxy.base.oqs-pdl.org:8080");
    strcpy(d.providers[0].id, "ntt-east");
    strcpy(d.providers[0].kind, "ipvpn");
    strcpy(d.providers[0].destination, "base");
    d.nproviders = 1;
    return d;
}

int main(void)
{
    strcpy(dir, "/tmp/oqsdm-test-config-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    oqsdm_data d = defaults();
    oqsdm_config c;
    oqsdm_error e;

    /* defaults apply; keys and section match in any case; other sections untouched */
    const char *p = write_ini("a.ini", "[Distro]\nTimeoutMs=1\n[OQSDM]\nserverurl=https://dist.example/ping\n");
    CHECK_INT(oqsdm_config_load(p, &d, "", OQSDM_LANG_EN, &c, &e), OQSDM_OK);
    CHECK_STR(c.server_url, "https://dist.example/ping");
    CHECK_INT(c.destination, OQSDM_DEST_BASE);
    CHECK_INT(c.connect_timeout_ms, 10000);
    CHECK_INT(c.timeout_ms, 30000);
    CHECK_INT(c.revocation, OQSDM_REVOKE_STRICT);
    CHECK_STR(c.ca_file, "");

    p = write_ini("b.ini", "[oqsdm]\r\nDestination=CLOUD\r\nServerUrl=http://d.example/\r\n"
                           "ConnectTimeoutMs=1500\r\nTimeoutMs=2500\r\nCaFile=C:\\certs\\ca.pem\r\n"
                           "RevocationCheck=best-effort\r\n");
    CHECK_INT(oqsdm_config_load(p, &d, "/root-x", OQSDM_LANG_EN, &c, &e), OQSDM_OK);
    CHECK_INT(c.destination, OQSDM_DEST_CLOUD);
    CHECK_INT(c.connect_timeout_ms, 1500);
    CHECK_INT(c.timeout_ms, 2500);
    CHECK_STR(c.ca_file, "/root-x/certs/ca.pem");
    CHECK_INT(c.revocation, OQSDM_REVOKE_BEST_EFFORT);

    /* missing file: the guide's remedy, naming the path */
    char missing[256];
    snprintf(missing, sizeof missing, "%s/none.ini", dir);
    CHECK_INT(oqsdm_config_load(missing, &d, "", OQSDM_LANG_EN, &c, &e), OQSDM_E_INI_MISSING);
    CHECK(strstr(e.message, missing) != NULL);
    CHECK(strstr(e.message, "reinstalled") != NULL);

    /* missing required key: names the file, the section and the key */
    p = write_ini("c.ini", "[oqsdm]\nDestination=base\n");
    CHECK_INT(oqsdm_config_load(p, &d, "", OQSDM_LANG_EN, &c, &e), OQSDM_OK);
    CHECK_STR(c.server_url, "");
    CHECK_INT(oqsdm_config_require_server(&c, OQSDM_LANG_EN, &e), OQSDM_E_INI_KEY_MISSING);
    CHECK(strstr(e.message, p) && strstr(e.message, "ServerUrl") && strstr(e.message, "[oqsdm]"));
    p = write_ini("c2.ini", "[other]\nServerUrl=https://x.example/\n");
    CHECK_INT(oqsdm_config_load(p, &d, "", OQSDM_LANG_EN, &c, &e), OQSDM_OK);
    CHECK_INT(oqsdm_config_require_server(&c, OQSDM_LANG_EN, &e), OQSDM_E_INI_KEY_MISSING);

    /* the keys of the version check and the diagnosis, with their defaults */
    p = write_ini("v.ini", "[oqsdm]\nPortalUrl=http://portal.example/p.html\nPortalMaxAgeDays=30\n"
                           "Provider=ntt-east\nConnectionKind=ipvpn\nExpectedProxy=px.example:3128\n"
                           "ExpectedBypass=*.a.example;*.b.example\n");
    CHECK_INT(oqsdm_config_load(p, &d, "", OQSDM_LANG_EN, &c, &e), OQSDM_OK);
    CHECK_STR(c.portal_url, "http://portal.example/p.html");
    CHECK_INT(c.portal_max_age_days, 30);
    CHECK_STR(c.provider, "ntt-east");
    CHECK_STR(c.connection_kind, "ipvpn");
    CHECK_STR(c.expected_proxy, "px.example:3128");
    CHECK_STR(c.expected_bypass, "*.a.example;*.b.example");
    CHECK_INT(oqsdm_config_load(write_ini("v0.ini", "[oqsdm]\n"), &d, "", OQSDM_LANG_EN, &c, &e), OQSDM_OK);
    CHECK_STR(c.portal_url, d.portal_url);
    CHECK_INT(c.portal_max_age_days, 14);
    CHECK_STR(c.provider, "");
    CHECK_STR(c.expected_proxy, d.expected_proxy);

    /* bad values are refused with the key and a hint, never guessed */
    static const char *bad[] = {
        "[oqsdm]\nServerUrl=ftp://x.example/\n",
        "[oqsdm]\nServerUrl=dist.example\n",
        "[oqsdm]\nServerUrl=https://x.example/\nDestination=proxy\n",
        "[oqsdm]\nServerUrl=https://x.example/\nTimeoutMs=0\n",
        "[oqsdm]\nServerUrl=https://x.example/\nTimeoutMs=10s\n",
        "[oqsdm]\nServerUrl=https://x.example/\nConnectTimeoutMs=-5\n",
        "[oqsdm]\nServerUrl=https://x.example/\nConnectTimeoutMs=99999999999999999999\n",
        "[oqsdm]\nServerUrl=https://x.example/\nRevocationCheck=off\n",
        "[oqsdm]\nPortalUrl=file:///tmp/p.html\n",
        "[oqsdm]\nPortalMaxAgeDays=0\n",
        "[oqsdm]\nPortalMaxAgeDays=two\n",
        "[oqsdm]\nProvider=ntt\n",
        "[oqsdm]\nConnectionKind=vpn\n",
        "[oqsdm]\nExpectedProxy=a b:8080\n",
        "[oqsdm]\nServerUrl=https://dist.example/p\xd7\xffing\n",   /* bytes that are not text */
        "[oqsdm]\nServerUrl=https://dist.example/\x01\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        p = write_ini("bad.ini", bad[i]);
        CHECK_INT(oqsdm_config_load(p, &d, "", OQSDM_LANG_EN, &c, &e), OQSDM_E_INI_VALUE);
        CHECK(strstr(e.message, p) != NULL);
        /* the settings dialog reads the same file the same way */
        static oqsdm_settings st;
        if (strstr(bad[i], "ServerUrl=https://x.example/\n") == NULL && strstr(bad[i], "ServerUrl"))
            CHECK_INT(oqsdm_settings_read(p, &d, OQSDM_LANG_EN, &st, &e), OQSDM_E_INI_VALUE);
    }
    /* an ANSI (CP932) file's Japanese host name reaches curl as UTF-8, as
     * the settings dialog shows it */
    p = write_ini("cp932.ini", "[oqsdm]\r\nServerUrl=https://\x94\x7a\x90\x4d.example/\r\n");
    CHECK_INT(oqsdm_config_load(p, &d, "", OQSDM_LANG_EN, &c, &e), OQSDM_OK);
    CHECK_STR(c.server_url, "https://\xe9\x85\x8d\xe4\xbf\xa1.example/");
    /* Japanese message for the same */
    p = write_ini("bad.ini", bad[2]);
    CHECK_INT(oqsdm_config_load(p, &d, "", OQSDM_LANG_JA, &c, &e), OQSDM_E_INI_VALUE);
    CHECK(strstr(e.message, "Destination") && strstr(e.message, "proxy"));

    /* UTF-16 LE file as Notepad saves it */
    unsigned char u16[512];
    const char *t = "[oqsdm]\r\nServerUrl=https://u16.example/\r\n";
    size_t k = 0;
    u16[k++] = 0xFF; u16[k++] = 0xFE;
    for (const char *q = t; *q; q++) { u16[k++] = (unsigned char)*q; u16[k++] = 0; }
    char u16path[256];
    snprintf(u16path, sizeof u16path, "%s/u16.ini", dir);
    FILE *f = fopen(u16path, "wb");
    fwrite(u16, 1, k, f);
    fclose(f);
    CHECK_INT(oqsdm_config_load(u16path, &d, "", OQSDM_LANG_EN, &c, &e), OQSDM_OK);
    CHECK_STR(c.server_url, "https://u16.example/");

    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done("test_config");
}
