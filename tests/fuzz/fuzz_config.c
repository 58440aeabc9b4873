/*
 * fuzz_config.c: libFuzzer target for the config loader oqsdm_config_load
 * (src/core/config.c): the input is written to a real file (one temporary
 * folder per process, in /dev/shm when there is one) and loaded, which
 * covers the file read, the INI reader and the checks of each [oqsdm]
 * value (Destination, ServerUrl, timeouts, RevocationCheck, CaFile), plus
 * the error messages built from them.
 *
 * The input is a whole INI file, so the INI seeds serve here too; the
 * input's length picks the rest: bit 0 the message language, bit 1 a --root
 * or none, (length / 4) % 2 the data file defaults (the real ones or the
 * other valid ones; data.c refuses invalid ones before they get here).
 *
 * The same file then goes through oqsdm_settings_read (settings.c, what
 * the settings dialog and `settings` show), which reads the four values
 * it owns on its own, in UTF-8, CP932 converted.
 *
 * Invariants asserted (besides ASan/UBSan finding nothing):
 *  - the result is OK, INI_READ or INI_VALUE (the file
 *    exists), INI_READ exactly when oqsdm_ini_parse refuses the bytes;
 *  - on an error the error carries that code and a non-empty, terminated
 *    message;
 *  - on OK: destination and revocation are valid enum values, both
 *    timeouts are 1..600000, server_url is the INI's ServerUrl value (or
 *    empty, and then oqsdm_config_require_server refuses it) and an
 *    http:// or https:// URL without blanks (converted to UTF-8 from an
 *    ANSI file's CP932), PortalMaxAgeDays is 1..3650,
 *    Provider is empty or a provider of the data, ca_file is terminated and empty
 *    exactly when CaFile is absent or empty; path is the file loaded;
 *  - settings: the same INI_READ rule; on OK destination is base or cloud,
 *    provider empty or a data id as the data spells it, connection kind
 *    empty, ipsec or ipvpn, only_oqsdm as oqsdm_ini_only_section says;
 *    and whenever the config loaded, the settings read too and agree on
 *    destination, provider and connection kind (the dialog shows what the
 *    check uses).
 */
#define _POSIX_C_SOURCE 200809L
#include "fuzz_common.h"
#include "oqsdm/config.h"
#include "oqsdm/ini.h"
#include "oqsdm/settings.h"

#include <strings.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);

static const char *g_path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    g_path = fuzz_scratch_file("config", "OQSDistroApp.ini");
    return 0;
}

static oqsdm_data defaults(int variant)
{
    oqsdm_data d;
    memset(&d, 0, sizeof d);
    /* data.c refuses a data file with other values, so only these reach here */
    static const char *const dest[] = {"base", "cloud"};
    static const char *const rev[] = {"strict", "best-effort"};
    snprintf(d.destination, sizeof d.destination, "%s", dest[variant]);
    snprintf(d.revocation, sizeof d.revocation, "%s", rev[variant]);
    d.connect_timeout_ms = variant == 1 ? 1 : 10000;
    d.timeout_ms = variant == 1 ? 600000 : 30000;
    d.portal_max_age_days = variant == 1 ? 1 : 14;
    snprintf(d.portal_url, sizeof d.portal_url, "https://portal.example/post-12.html");
    snprintf(d.providers[0].id, sizeof d.providers[0].id, "ntt-east");
    snprintf(d.providers[0].destination, sizeof d.providers[0].destination, "base");
    d.nproviders = 1;
    return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(g_path, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(g_path);
        abort();
    }
    oqsdm_lang lang = (size & 1) ? OQSDM_LANG_EN : OQSDM_LANG_JA;
    const char *root = (size & 2) ? "/fuzz-root" : "";
    int variant = (int)((size / 4) % 2);
    oqsdm_data d = defaults(variant);

    oqsdm_config *c = malloc(sizeof *c);
    oqsdm_error *e = malloc(sizeof *e);
    if (!c || !e) abort();
    memset(e, 0x5A, sizeof *e);
    oqsdm_err rc = oqsdm_config_load(g_path, &d, root, lang, c, e);

    oqsdm_ini *ini = NULL;
    oqsdm_ini_status st = oqsdm_ini_parse(data, size, &ini);

    FUZZ_CHECK(rc == OQSDM_OK || rc == OQSDM_E_INI_READ || rc == OQSDM_E_INI_VALUE);
    FUZZ_CHECK((rc == OQSDM_E_INI_READ) == (st != OQSDM_INI_OK));
    FUZZ_CHECK(strcmp(c->path, g_path) == 0);
    if (rc != OQSDM_OK) {
        FUZZ_CHECK(e->code == rc);
        FUZZ_CHECK(fuzz_terminated(e->message, sizeof e->message) && e->message[0] != '\0');
    }

    if (rc == OQSDM_OK) {
        FUZZ_CHECK(c->destination == OQSDM_DEST_BASE || c->destination == OQSDM_DEST_CLOUD);
        FUZZ_CHECK(c->revocation == OQSDM_REVOKE_STRICT || c->revocation == OQSDM_REVOKE_BEST_EFFORT);
        FUZZ_CHECK(c->connect_timeout_ms >= 1 && c->connect_timeout_ms <= 600000);
        FUZZ_CHECK(c->timeout_ms >= 1 && c->timeout_ms <= 600000);
        FUZZ_CHECK(fuzz_terminated(c->server_url, sizeof c->server_url));
        const char *url = oqsdm_ini_get(ini, OQSDM_INI_SECTION, "ServerUrl");
        /* as written, or an ANSI file's CP932 as UTF-8 */
        int ascii = 1;
        for (const char *q = url ? url : ""; *q; q++)
            ascii &= (unsigned char)*q < 0x80;
        if (ascii || oqsdm_ini_encoding_of(ini) != OQSDM_INI_ENC_ANSI)
            FUZZ_CHECK(strcmp(url ? url : "", c->server_url) == 0);
        FUZZ_CHECK((oqsdm_config_require_server(c, lang, e) == OQSDM_OK) == (c->server_url[0] != '\0'));
        if (c->server_url[0]) {
            FUZZ_CHECK(strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0);
            FUZZ_CHECK(!strpbrk(url, " \t"));
        }
        FUZZ_CHECK(c->portal_max_age_days >= 1 && c->portal_max_age_days <= 3650);
        FUZZ_CHECK(strncasecmp(c->portal_url, "http", 4) == 0);
        FUZZ_CHECK(c->provider[0] == '\0' || oqsdm_data_provider(&d, c->provider) != NULL);
        FUZZ_CHECK(fuzz_terminated(c->ca_file, sizeof c->ca_file));
        const char *ca = oqsdm_ini_get(ini, OQSDM_INI_SECTION, "CaFile");
        FUZZ_CHECK((c->ca_file[0] == '\0') == (!ca || !*ca));
    }

    oqsdm_settings *s = malloc(sizeof *s);
    if (!s) abort();
    memset(e, 0x5A, sizeof *e);
    oqsdm_err rs = oqsdm_settings_read(g_path, &d, lang, s, e);
    FUZZ_CHECK(rs == OQSDM_OK || rs == OQSDM_E_INI_READ || rs == OQSDM_E_INI_VALUE);
    FUZZ_CHECK((rs == OQSDM_E_INI_READ) == (st != OQSDM_INI_OK));
    if (rs != OQSDM_OK) {
        FUZZ_CHECK(e->code == rs);
        FUZZ_CHECK(fuzz_terminated(e->message, sizeof e->message) && e->message[0] != '\0');
    } else {
        FUZZ_CHECK(strcmp(s->destination, "base") == 0 || strcmp(s->destination, "cloud") == 0);
        const oqsdm_provider *p = s->provider[0] ? oqsdm_data_provider(&d, s->provider) : NULL;
        FUZZ_CHECK(s->provider[0] == '\0' || (p && strcmp(p->id, s->provider) == 0));
        FUZZ_CHECK(s->connection_kind[0] == '\0' || strcmp(s->connection_kind, "ipsec") == 0 ||
                   strcmp(s->connection_kind, "ipvpn") == 0);
        FUZZ_CHECK(fuzz_terminated(s->server_url, sizeof s->server_url));
        FUZZ_CHECK(s->only_oqsdm == oqsdm_ini_only_section(ini, OQSDM_INI_SECTION));
    }
    if (rc == OQSDM_OK) {
        FUZZ_CHECK(rs == OQSDM_OK);
        if (rs == OQSDM_OK) {
            FUZZ_CHECK(strcmp(s->destination, c->destination == OQSDM_DEST_BASE ? "base" : "cloud") == 0);
            FUZZ_CHECK(strcmp(s->provider, c->provider) == 0);
            FUZZ_CHECK(strcmp(s->connection_kind, c->connection_kind) == 0);
        }
    }
    free(s);
    oqsdm_ini_free(ini);
    free(e);
    free(c);
    return 0;
}
