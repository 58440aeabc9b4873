/*
 * config.c: the [oqsdm] section of OQSDistroApp.ini over the data file's
 * defaults. Every error names the file and the key, and the missing INI
 * carries the guide's remedy (p.9: reinstall).
 */
#include "oqsdm/config.h"
#include "oqsdm/fileio.h"
#include "oqsdm/ini.h"
#include "oqsdm/paths.h"

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

oqsdm_err oqsdm_config_load(const char *path, const oqsdm_data *d, const char *root,
                            oqsdm_lang lang, oqsdm_config *out, oqsdm_error *err)
{
    char m[1024];
    memset(out, 0, sizeof *out);
    snprintf(out->path, sizeof out->path, "%s", path);

    char *bytes;
    size_t len;
    oqsdm_read_status rs = oqsdm_read_file(path, OQSDM_INI_MAX_BYTES, &bytes, &len);
    if (rs == OQSDM_READ_MISSING)
        return oqsdm_error_set(err, OQSDM_E_INI_MISSING,
                               oqsdm_msgf1(m, sizeof m, lang, OQSDM_MSG_ERR_INI_MISSING, path));
    if (rs != OQSDM_READ_OK) {
        const char *why = rs == OQSDM_READ_TOO_LARGE ? "> 1 MiB" : rs == OQSDM_READ_NOMEM ? "memory" : "I/O";
        return oqsdm_error_set(err, OQSDM_E_INI_READ,
                               oqsdm_msgf2(m, sizeof m, lang, OQSDM_MSG_ERR_INI_READ, path, why));
    }
    oqsdm_ini *ini;
    oqsdm_ini_status st = oqsdm_ini_parse((const unsigned char *)bytes, len, &ini);
    free(bytes);
    if (st != OQSDM_INI_OK) {
        const char *why = st == OQSDM_INI_BAD_ENCODING ? "UTF-16" : st == OQSDM_INI_TOO_LARGE ? "> 1 MiB" : "memory";
        return oqsdm_error_set(err, OQSDM_E_INI_READ,
                               oqsdm_msgf2(m, sizeof m, lang, OQSDM_MSG_ERR_INI_READ, path, why));
    }

    oqsdm_err rc = OQSDM_OK;
    const char *v;
    const char *sec = OQSDM_INI_SECTION;

    v = oqsdm_ini_get(ini, sec, "Destination");
    if (parse_destination(v ? v : d->destination, &out->destination)) {
        rc = bad_value(err, lang, path, "Destination", v ? v : d->destination, OQSDM_MSG_HINT_DESTINATION);
        goto done;
    }
    v = oqsdm_ini_get(ini, sec, "ServerUrl");
    if (!v || !*v) {
        rc = oqsdm_error_set(err, OQSDM_E_INI_KEY_MISSING,
                             oqsdm_msgf4(m, sizeof m, lang, OQSDM_MSG_ERR_INI_KEY_MISSING, path, sec,
                                         "ServerUrl", NULL));
        goto done;
    }
    if ((strncasecmp(v, "http://", 7) != 0 && strncasecmp(v, "https://", 8) != 0) ||
        strlen(v) >= sizeof out->server_url || strpbrk(v, " \t")) {
        rc = bad_value(err, lang, path, "ServerUrl", v, OQSDM_MSG_HINT_URL);
        goto done;
    }
    strcpy(out->server_url, v);

    out->connect_timeout_ms = d->connect_timeout_ms;
    v = oqsdm_ini_get(ini, sec, "ConnectTimeoutMs");
    if (v && parse_ms(v, &out->connect_timeout_ms)) {
        rc = bad_value(err, lang, path, "ConnectTimeoutMs", v, OQSDM_MSG_HINT_MILLISECONDS);
        goto done;
    }
    out->timeout_ms = d->timeout_ms;
    v = oqsdm_ini_get(ini, sec, "TimeoutMs");
    if (v && parse_ms(v, &out->timeout_ms)) {
        rc = bad_value(err, lang, path, "TimeoutMs", v, OQSDM_MSG_HINT_MILLISECONDS);
        goto done;
    }
    v = oqsdm_ini_get(ini, sec, "RevocationCheck");
    if (parse_revocation(v ? v : d->revocation, &out->revocation)) {
        rc = bad_value(err, lang, path, "RevocationCheck", v ? v : d->revocation, OQSDM_MSG_HINT_REVOCATION);
        goto done;
    }
    v = oqsdm_ini_get(ini, sec, "CaFile");
    if (v && *v) {
        char dir[1024];
        oqsdm_path_dirname(path, dir, sizeof dir);
        if (oqsdm_path_map(root, dir, v, out->ca_file, sizeof out->ca_file)) {
            rc = bad_value(err, lang, path, "CaFile", v, OQSDM_MSG_HINT_URL);
            goto done;
        }
    }
done:
    oqsdm_ini_free(ini);
    return rc;
}
