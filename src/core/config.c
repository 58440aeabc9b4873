/*
 * config.c: the [oqsdm] section of OQSDistroApp.ini over the data file's
 * defaults. Every error names the file and the key, and the missing INI
 * carries the guide's remedy (p.9: reinstall).
 */
#include "oqsdm/config.h"
#include "oqsdm/data.h"
#include "oqsdm/fileio.h"
#include "oqsdm/ini.h"
#include "oqsdm/paths.h"
#include "oqsdm/platform.h"
#include "oqsdm/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *oqsdm_destination_name(oqsdm_destination d)
{
    return d == OQSDM_DEST_CLOUD ? "cloud" : "base";
}

static int parse_destination(const char *s, oqsdm_destination *out)
{
    if (strcasecmp(s, "base") == 0) { *out = OQSDM_DEST_BASE; return 0; }
    if (strcasecmp(s, "cloud") == 0) { *out = OQSDM_DEST_CLOUD; return 0; }
    return -1;
}

static int parse_revocation(const char *s, oqsdm_revocation *out)
{
    if (strcasecmp(s, "strict") == 0) { *out = OQSDM_REVOKE_STRICT; return 0; }
    if (strcasecmp(s, "best-effort") == 0) { *out = OQSDM_REVOKE_BEST_EFFORT; return 0; }
    return -1;
}

static int parse_ms(const char *s, long *out)
{
    char *end;
    while (*s == ' ') s++;
    if (*s < '0' || *s > '9') return -1;
    long v = strtol(s, &end, 10);
    if (*end != '\0' || v < 1 || v > 600000) return -1;
    *out = v;
    return 0;
}

static oqsdm_err bad_value(oqsdm_error *err, oqsdm_lang lang, const char *path,
                           const char *key, const char *value, int hint_id)
{
    char m[1024];
    oqsdm_msgf4(m, sizeof m, lang, OQSDM_MSG_ERR_INI_VALUE, path, key, value,
                oqsdm_msg(lang, hint_id));
    return oqsdm_error_set(err, OQSDM_E_INI_VALUE, m);
}

int oqsdm_config_valid_destination(const char *value)
{
    oqsdm_destination d;
    return parse_destination(value, &d);
}

int oqsdm_config_valid_provider(const oqsdm_data *d, const char *value)
{
    return oqsdm_data_provider(d, value) ? 0 : -1;
}

int oqsdm_config_valid_connection_kind(const char *value)
{
    return (strcasecmp(value, "ipsec") == 0 || strcasecmp(value, "ipvpn") == 0) ? 0 : -1;
}

static int parse_days(const char *s, long *out)
{
    char *end;
    while (*s == ' ') s++;
    if (*s < '0' || *s > '9') return -1;
    long v = strtol(s, &end, 10);
    if (*end != '\0' || v < 1 || v > 3650) return -1;
    *out = v;
    return 0;
}

int oqsdm_config_valid_url(const char *v, size_t size)
{
    size_t scheme = strncasecmp(v, "http://", 7) == 0 ? 7 : strncasecmp(v, "https://", 8) == 0 ? 8 : 0;
    /* a host must follow the scheme: "http://" alone, "https:///x" or
     * "http://:8080/" name no server */
    if (!scheme || !v[scheme] || strchr("/?#:", v[scheme]) || strlen(v) >= size)
        return 0;
    /* no blank or control character; non-ASCII is text in UTF-8 (a
     * Japanese host name is an IDN curl converts) */
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p <= 0x20 || *p == 0x7F)
            return 0;
    return oqsdm_text_valid_utf8((const unsigned char *)v, strlen(v)) == 1;
}

/* A URL value as curl takes it, UTF-8: an ANSI file's CP932 converted, as
 * the settings dialog shows it; bytes that are not text in the file's
 * encoding are no URL at all. 0 when `out` holds a valid URL. */
static int url_value(const oqsdm_ini *ini, const char *key, char *out, size_t size)
{
    char *u = NULL;
    int ok = oqsdm_ini_get_utf8(ini, OQSDM_INI_SECTION, key, &u) == OQSDM_INI_OK && u &&
             oqsdm_config_valid_url(u, size);
    if (ok)
        snprintf(out, size, "%s", u);
    free(u);
    return ok ? 0 : -1;
}

void oqsdm_config_defaults(const oqsdm_data *d, oqsdm_config *out)
{
    memset(out, 0, sizeof *out);
    parse_destination(d->destination, &out->destination);
    parse_revocation(d->revocation, &out->revocation);
    out->connect_timeout_ms = d->connect_timeout_ms;
    out->timeout_ms = d->timeout_ms;
    snprintf(out->portal_url, sizeof out->portal_url, "%s", d->portal_url);
    out->portal_max_age_days = d->portal_max_age_days;
    snprintf(out->expected_proxy, sizeof out->expected_proxy, "%s", d->expected_proxy);
    snprintf(out->expected_bypass, sizeof out->expected_bypass, "%s", d->expected_bypass);
}

oqsdm_err oqsdm_config_require_server(const oqsdm_config *c, oqsdm_lang lang, oqsdm_error *err)
{
    char m[1024];
    if (c->server_url[0])
        return OQSDM_OK;
    return oqsdm_error_set(err, OQSDM_E_INI_KEY_MISSING,
                           oqsdm_msgf4(m, sizeof m, lang, OQSDM_MSG_ERR_INI_KEY_MISSING, c->path,
                                       OQSDM_INI_SECTION, "ServerUrl", NULL));
}

oqsdm_err oqsdm_config_load(const char *path, const oqsdm_data *d, const char *root,
                            oqsdm_lang lang, oqsdm_config *out, oqsdm_error *err)
{
    char m[1024];
    oqsdm_config_defaults(d, out);
    snprintf(out->path, sizeof out->path, "%s", path);

    char *bytes;
    size_t len;
    oqsdm_read_status rs = oqsdm_read_file(path, OQSDM_INI_MAX_BYTES, &bytes, &len);
    if (rs == OQSDM_READ_MISSING && oqsdm_plat_dir_exists(path)) /* not "reinstall" */
        return oqsdm_error_set(err, OQSDM_E_INI_READ,
                               oqsdm_msgf2(m, sizeof m, lang, OQSDM_MSG_ERR_INI_READ, path,
                                           oqsdm_msg(lang, OQSDM_MSG_INI_WHY_FOLDER)));
    if (rs == OQSDM_READ_MISSING)
        return oqsdm_error_set(err, OQSDM_E_INI_MISSING,
                               oqsdm_msgf1(m, sizeof m, lang, OQSDM_MSG_ERR_INI_MISSING, path));
    if (rs != OQSDM_READ_OK) {
        char io[400];
        oqsdm_plat_last_error(io, sizeof io);
        const char *why = rs == OQSDM_READ_TOO_LARGE ? oqsdm_msg(lang, OQSDM_MSG_INI_WHY_TOO_LARGE)
                          : rs == OQSDM_READ_NOMEM ? "memory" : io;
        return oqsdm_error_set(err, OQSDM_E_INI_READ,
                               oqsdm_msgf2(m, sizeof m, lang, OQSDM_MSG_ERR_INI_READ, path, why));
    }
    oqsdm_ini *ini;
    oqsdm_ini_status st = oqsdm_ini_parse((const unsigned char *)bytes, len, &ini);
    free(bytes);
    if (st != OQSDM_INI_OK) {
        const char *why = st == OQSDM_INI_BAD_ENCODING ? oqsdm_msg(lang, OQSDM_MSG_INI_WHY_BAD_UTF16)
                          : st == OQSDM_INI_TOO_LARGE ? oqsdm_msg(lang, OQSDM_MSG_INI_WHY_TOO_LARGE) : "memory";
        return oqsdm_error_set(err, OQSDM_E_INI_READ,
                               oqsdm_msgf2(m, sizeof m, lang, OQSDM_MSG_ERR_INI_READ, path, why));
    }
    out->from_file = 1;

    oqsdm_err rc = OQSDM_OK;
    const char *v;
    const char *sec = OQSDM_INI_SECTION;
#define BAD(key, hint) do { rc = bad_value(err, lang, path, key, v, hint); goto done; } while (0)

    if ((v = oqsdm_ini_get(ini, sec, "Destination")) && parse_destination(v, &out->destination))
        BAD("Destination", OQSDM_MSG_HINT_DESTINATION);
    if ((v = oqsdm_ini_get(ini, sec, "ServerUrl")) && *v) {
        if (url_value(ini, "ServerUrl", out->server_url, sizeof out->server_url))
            BAD("ServerUrl", OQSDM_MSG_HINT_URL);
    }
    if ((v = oqsdm_ini_get(ini, sec, "ConnectTimeoutMs")) && parse_ms(v, &out->connect_timeout_ms))
        BAD("ConnectTimeoutMs", OQSDM_MSG_HINT_MILLISECONDS);
    if ((v = oqsdm_ini_get(ini, sec, "TimeoutMs")) && parse_ms(v, &out->timeout_ms))
        BAD("TimeoutMs", OQSDM_MSG_HINT_MILLISECONDS);
    if ((v = oqsdm_ini_get(ini, sec, "RevocationCheck")) && parse_revocation(v, &out->revocation))
        BAD("RevocationCheck", OQSDM_MSG_HINT_REVOCATION);
    if ((v = oqsdm_ini_get(ini, sec, "CaFile")) && *v) {
        char dir[1024];
        oqsdm_path_dirname(path, dir, sizeof dir);
        if (oqsdm_path_map(root, dir, v, out->ca_file, sizeof out->ca_file))
            BAD("CaFile", OQSDM_MSG_HINT_PATH);
    }
    if ((v = oqsdm_ini_get(ini, sec, "PortalUrl")) && *v) {
        if (url_value(ini, "PortalUrl", out->portal_url, sizeof out->portal_url))
            BAD("PortalUrl", OQSDM_MSG_HINT_URL);
    }
    if ((v = oqsdm_ini_get(ini, sec, "PortalMaxAgeDays")) && parse_days(v, &out->portal_max_age_days))
        BAD("PortalMaxAgeDays", OQSDM_MSG_HINT_DAYS);
    if ((v = oqsdm_ini_get(ini, sec, "Provider")) && *v) {
        if (oqsdm_config_valid_provider(d, v) || strlen(v) >= sizeof out->provider)
            BAD("Provider", OQSDM_MSG_HINT_PROVIDER);
        oqsdm_text_ascii_lower(strcpy(out->provider, v));  /* matched in any case, kept as the data spells it */
    }
    if ((v = oqsdm_ini_get(ini, sec, "ConnectionKind")) && *v) {
        if (oqsdm_config_valid_connection_kind(v))
            BAD("ConnectionKind", OQSDM_MSG_HINT_CONNECTION_KIND);
        oqsdm_text_ascii_lower(strcpy(out->connection_kind, v));
    }
    if ((v = oqsdm_ini_get(ini, sec, "ExpectedProxy")) && *v) {
        if (strlen(v) >= sizeof out->expected_proxy || strpbrk(v, " \t;"))
            BAD("ExpectedProxy", OQSDM_MSG_HINT_HOSTPORT);
        strcpy(out->expected_proxy, v);
    }
    if ((v = oqsdm_ini_get(ini, sec, "ExpectedBypass")) && *v) {
        if (strlen(v) >= sizeof out->expected_bypass)
            BAD("ExpectedBypass", OQSDM_MSG_HINT_BYPASS);
        strcpy(out->expected_bypass, v);
    }
#undef BAD
done:
    oqsdm_ini_free(ini);
    return rc;
}
