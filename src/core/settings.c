/*
 * settings.c: reading and writing the settings of 設定の変更 in
 * OQSDistroApp.ini (see settings.h for the guarantees).
 *
 * The order of a write is what makes a crash harmless: the new file is
 * complete on the disk before anything else happens; the backup is a
 * complete copy of the bytes the change started from, put at `.bak` in
 * one step; the new file then takes the INI's place in one step
 * (oqsdm_plat_commit_file). Whatever the moment of a crash, the INI's
 * path holds the old or the new file, and at worst a temporary file is
 * left beside it. A write that the user may not do is found before
 * anything is touched (oqsdm_plat_check_writable), so the .bak of the
 * previous change survives a refused one.
 */
#include "oqsdm/settings.h"
#include "oqsdm/config.h"
#include "oqsdm/fileio.h"
#include "oqsdm/ini.h"
#include "oqsdm/paths.h"
#include "oqsdm/platform.h"
#include "oqsdm/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The settings this module reads and checks, with what each accepts. */
static const struct {
    const char *key;
    int hint;
} known[] = {
    {"Destination", OQSDM_MSG_HINT_DESTINATION},
    {"Provider", OQSDM_MSG_HINT_PROVIDER},
    {"ConnectionKind", OQSDM_MSG_HINT_CONNECTION_KIND},
    {"ServerUrl", OQSDM_MSG_HINT_URL},
};
enum { K_DESTINATION, K_PROVIDER, K_CONNECTION_KIND, K_SERVER_URL, K_COUNT };

static int valid_url(const char *v)
{
    /* as config.c reads ServerUrl */
    return oqsdm_config_valid_url(v, sizeof(((oqsdm_settings *)0)->server_url));
}

int oqsdm_settings_valid(const oqsdm_data *d, const char *key, const char *value)
{
    if (strcasecmp(key, known[K_DESTINATION].key) == 0)
        return oqsdm_config_valid_destination(value);
    if (!*value)
        return 0; /* unset */
    if (strcasecmp(key, known[K_PROVIDER].key) == 0)
        return strlen(value) < sizeof(((oqsdm_settings *)0)->provider) &&
                       oqsdm_config_valid_provider(d, value) == 0 ? 0 : -1;
    if (strcasecmp(key, known[K_CONNECTION_KIND].key) == 0)
        return oqsdm_config_valid_connection_kind(value);
    if (strcasecmp(key, known[K_SERVER_URL].key) == 0)
        return valid_url(value) ? 0 : -1;
    return 0;
}

int oqsdm_settings_hint(const char *key)
{
    for (size_t i = 0; i < K_COUNT; i++)
        if (strcasecmp(key, known[i].key) == 0)
            return known[i].hint;
    return -1;
}

static oqsdm_err bad_value(const char *path, const char *key, const char *value, int hint,
                           oqsdm_lang lang, oqsdm_error *err)
{
    char m[1024];
    oqsdm_msgf4(m, sizeof m, lang, OQSDM_MSG_ERR_INI_VALUE, path, key, value,
                hint >= 0 ? oqsdm_msg(lang, hint) : "");
    return oqsdm_error_set(err, OQSDM_E_INI_VALUE, m);
}

/* The last system error as a user's error about writing `path`. Call it
 * before any cleanup can change that error. */
static oqsdm_err write_error(const char *path, oqsdm_lang lang, oqsdm_error *err)
{
    int denied = oqsdm_plat_last_error_denied();
    char why[400], m[1024];
    oqsdm_plat_last_error(why, sizeof why);
    oqsdm_msgf2(m, sizeof m, lang, denied ? OQSDM_MSG_ERR_INI_ACCESS_DENIED : OQSDM_MSG_ERR_INI_WRITE, path, why);
    return oqsdm_error_set(err, denied ? OQSDM_E_ACCESS_DENIED : OQSDM_E_INI_WRITE, m);
}

/* The same for the .bak: the user must look there, not at the INI, which
 * is left as it was (its folder took the new file's temporary copy, so a
 * refusal is about the .bak itself: read-only, or a folder, which Windows
 * refuses as access denied). Refused access is still access_denied. */
static oqsdm_err backup_error(const char *bak, const char *path, oqsdm_lang lang, oqsdm_error *err)
{
    (void)path;
    int denied = oqsdm_plat_last_error_denied();
    char why[400], m[1400];
    oqsdm_plat_last_error(why, sizeof why);
    oqsdm_msgf2(m, sizeof m, lang, denied ? OQSDM_MSG_ERR_INI_BACKUP_DENIED : OQSDM_MSG_ERR_INI_BACKUP, bak, why);
    return oqsdm_error_set(err, denied ? OQSDM_E_ACCESS_DENIED : OQSDM_E_INI_WRITE, m);
}

static oqsdm_err no_memory(oqsdm_lang lang, oqsdm_error *err)
{
    return oqsdm_error_set(err, OQSDM_E_NOMEM, oqsdm_msg(lang, OQSDM_MSG_ERR_NO_MEMORY));
}

/* Reads and parses the INI. A missing one is an error unless `create`:
 * then *ini is a new, empty one and *exists 0. */
static oqsdm_err load(const char *path, int create, oqsdm_lang lang, char **bytes, size_t *len,
                      oqsdm_ini **ini, int *exists, oqsdm_error *err)
{
    char m[1024], why[400];
    *bytes = NULL;
    *len = 0;
    *ini = NULL;
    *exists = 0;
    char *b;
    size_t n;
    oqsdm_read_status rs = oqsdm_read_file(path, OQSDM_INI_MAX_BYTES, &b, &n);
    /* A folder by that name is not a missing file: reinstalling would not
     * help, and --init could not create the file there. */
    if (rs == OQSDM_READ_MISSING && oqsdm_plat_dir_exists(path))
        return oqsdm_error_set(err, OQSDM_E_INI_READ,
                               oqsdm_msgf2(m, sizeof m, lang, OQSDM_MSG_ERR_INI_READ, path,
                                           oqsdm_msg(lang, OQSDM_MSG_INI_WHY_FOLDER)));
    if (rs == OQSDM_READ_MISSING) {
        if (!create)
            return oqsdm_error_set(err, OQSDM_E_INI_MISSING,
                                   oqsdm_msgf1(m, sizeof m, lang, OQSDM_MSG_ERR_INI_MISSING, path));
        return oqsdm_ini_new(ini) == OQSDM_INI_OK ? OQSDM_OK : no_memory(lang, err);
    }
    if (rs != OQSDM_READ_OK) {
        if (rs == OQSDM_READ_IO)
            oqsdm_plat_last_error(why, sizeof why);
        else
            snprintf(why, sizeof why, "%s",
                     rs == OQSDM_READ_TOO_LARGE ? oqsdm_msg(lang, OQSDM_MSG_INI_WHY_TOO_LARGE) : "memory");
        return oqsdm_error_set(err, OQSDM_E_INI_READ,
                               oqsdm_msgf2(m, sizeof m, lang, OQSDM_MSG_ERR_INI_READ, path, why));
    }
    oqsdm_ini_status st = oqsdm_ini_parse((const unsigned char *)b, n, ini);
    if (st != OQSDM_INI_OK) {
        free(b);
        if (st == OQSDM_INI_NOMEM)
            return no_memory(lang, err);
        return oqsdm_error_set(err, OQSDM_E_INI_READ,
                               oqsdm_msgf2(m, sizeof m, lang, OQSDM_MSG_ERR_INI_READ, path,
                                           oqsdm_msg(lang, st == OQSDM_INI_BAD_ENCODING ? OQSDM_MSG_INI_WHY_BAD_UTF16
                                                                                         : OQSDM_MSG_INI_WHY_TOO_LARGE)));
    }
    *bytes = b;
    *len = n;
    *exists = 1;
    return OQSDM_OK;
}

/* The value of key in [oqsdm] as UTF-8 (malloc'd), NULL when absent. An
 * ANSI file's bytes are CP932; bytes that are not become "?", which no
 * setting accepts. */
static char *get_utf8(const oqsdm_ini *ini, const char *key)
{
    char *r;
    switch (oqsdm_ini_get_utf8(ini, OQSDM_INI_SECTION, key, &r)) {
    case OQSDM_INI_OK: return r;
    case OQSDM_INI_BAD_VALUE: /* not CP932: shown as "?", which no setting takes */
        if ((r = malloc(2)))
            memcpy(r, "?", 2);
        return r;
    default: return NULL;
    }
}

static int in_list(const char *key, const oqsdm_setting *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(list[i].key, key) == 0)
            return 1;
    return 0;
}

/* Checks the four settings the file holds (except those in `skip`, which
 * are about to be replaced) and, with `out`, copies them. */
static oqsdm_err collect(const oqsdm_ini *ini, const char *path, const oqsdm_data *d,
                         const oqsdm_setting *skip, size_t nskip, oqsdm_lang lang,
                         oqsdm_settings *out, oqsdm_error *err)
{
    if (out) {
        memset(out, 0, sizeof *out);
        snprintf(out->destination, sizeof out->destination, "%s", d->destination);
    }
    for (size_t k = 0; k < K_COUNT; k++) {
        if (in_list(known[k].key, skip, nskip))
            continue;
        char *v = get_utf8(ini, known[k].key);
        if (!v) {
            if (oqsdm_ini_get(ini, OQSDM_INI_SECTION, known[k].key))
                return no_memory(lang, err);
            continue;
        }
        if (oqsdm_settings_valid(d, known[k].key, v)) {
            oqsdm_err rc = bad_value(path, known[k].key, v, known[k].hint, lang, err);
            free(v);
            return rc;
        }
        if (out) {
            char *dst = k == K_DESTINATION ? out->destination : k == K_PROVIDER ? out->provider :
                        k == K_CONNECTION_KIND ? out->connection_kind : out->server_url;
            size_t size = k == K_DESTINATION ? sizeof out->destination : k == K_PROVIDER ? sizeof out->provider :
                          k == K_CONNECTION_KIND ? sizeof out->connection_kind : sizeof out->server_url;
            snprintf(dst, size, "%s", v); /* valid values fit */
            if (k != K_SERVER_URL)  /* ids in any case, as config.c reads them */
                oqsdm_text_ascii_lower(dst);
        }
        free(v);
    }
    return OQSDM_OK;
}

oqsdm_err oqsdm_settings_read(const char *path, const oqsdm_data *d, oqsdm_lang lang,
                              oqsdm_settings *out, oqsdm_error *err)
{
    char *bytes;
    size_t len;
    oqsdm_ini *ini;
    int exists;
    memset(out, 0, sizeof *out);
    oqsdm_err rc = load(path, 0, lang, &bytes, &len, &ini, &exists, err);
    if (rc != OQSDM_OK)
        return rc;
    rc = collect(ini, path, d, NULL, 0, lang, out, err);
    out->only_oqsdm = oqsdm_ini_only_section(ini, OQSDM_INI_SECTION);
    oqsdm_ini_free(ini);
    free(bytes);
    return rc;
}

static oqsdm_err set_one(oqsdm_ini *ini, const char *path, const oqsdm_setting *s, oqsdm_lang lang,
                         oqsdm_error *err)
{
    char m[256], id[32];
    const char *value = s->value;
    /* ids are taken in any case (oqsdm_settings_valid) and written as the
     * data file spells them; valid ones fit */
    if (strcasecmp(s->key, known[K_SERVER_URL].key) != 0 && oqsdm_settings_hint(s->key) >= 0 &&
        strlen(value) < sizeof id)
        value = oqsdm_text_ascii_lower(strcpy(id, value));
    switch (oqsdm_ini_set(ini, OQSDM_INI_SECTION, s->key, value)) {
    case OQSDM_INI_OK:
        return OQSDM_OK;
    case OQSDM_INI_BAD_VALUE:
        return bad_value(path, s->key, s->value, OQSDM_MSG_HINT_ONE_LINE, lang, err);
    case OQSDM_INI_NOT_CP932:
        return bad_value(path, s->key, s->value, OQSDM_MSG_HINT_CP932, lang, err);
    case OQSDM_INI_NOMEM:
        return no_memory(lang, err);
    default:
        return oqsdm_error_set(err, OQSDM_E_INTERNAL,
                               oqsdm_msgf1(m, sizeof m, lang, OQSDM_MSG_ERR_INTERNAL, "INI key name"));
    }
}

/* The new bytes to the disk, the old ones to the .bak, then the swap. */
static oqsdm_err replace(const char *path, const char *old, size_t nold, int exists,
                         const unsigned char *data, size_t len, oqsdm_lang lang,
                         oqsdm_settings_result *out, oqsdm_error *err)
{
    char dir[1024], tmp[1200], btmp[1200], bak[1100];
    oqsdm_err rc;
    if (snprintf(bak, sizeof bak, "%s%s", path, OQSDM_SETTINGS_BACKUP_SUFFIX) >= (int)sizeof bak) {
        char m[256];
        return oqsdm_error_set(err, OQSDM_E_INTERNAL,
                               oqsdm_msgf1(m, sizeof m, lang, OQSDM_MSG_ERR_INTERNAL, "path too long"));
    }
    oqsdm_path_dirname(path, dir, sizeof dir);
    if (!exists && oqsdm_plat_mkdirs(dir))
        return write_error(path, lang, err);
    if (exists && oqsdm_plat_check_writable(path))
        return write_error(path, lang, err);
    if (oqsdm_plat_write_temp(path, exists ? path : NULL, data, len, tmp, sizeof tmp))
        return write_error(path, lang, err);
    if (exists) {
        if (oqsdm_plat_write_temp(bak, path, old, nold, btmp, sizeof btmp)) {
            rc = backup_error(bak, path, lang, err);
            oqsdm_plat_remove_file(tmp);
            return rc;
        }
        if (oqsdm_plat_replace_file(btmp, bak)) {
            rc = backup_error(bak, path, lang, err);
            oqsdm_plat_remove_file(btmp);
            oqsdm_plat_remove_file(tmp);
            return rc;
        }
    }
    if (oqsdm_plat_commit_file(tmp, path)) {
        rc = write_error(path, lang, err);
        oqsdm_plat_remove_file(tmp);
        return rc;
    }
    out->written = 1;
    out->created = !exists;
    if (exists)
        snprintf(out->backup, sizeof out->backup, "%s", bak);
    return OQSDM_OK;
}

oqsdm_err oqsdm_settings_apply(const char *path, const oqsdm_data *d, const oqsdm_setting *changes,
                               size_t nchanges, int create, const oqsdm_setting *initial,
                               size_t ninitial, oqsdm_lang lang, oqsdm_settings_result *out,
                               oqsdm_error *err)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < nchanges; i++)
        if (oqsdm_settings_valid(d, changes[i].key, changes[i].value))
            return bad_value(path, changes[i].key, changes[i].value, oqsdm_settings_hint(changes[i].key),
                             lang, err);

    /* Through a symbolic link: the file it points to is the one to change,
     * and its .bak goes beside it. */
    char target[1024];
    if (oqsdm_plat_write_target(path, target, sizeof target)) {
        char m[256];
        return oqsdm_error_set(err, OQSDM_E_INTERNAL,
                               oqsdm_msgf1(m, sizeof m, lang, OQSDM_MSG_ERR_INTERNAL, "path too long"));
    }
    path = target;

    char *old;
    size_t nold;
    oqsdm_ini *ini;
    int exists;
    oqsdm_err rc = load(path, create, lang, &old, &nold, &ini, &exists, err);
    if (rc != OQSDM_OK)
        return rc;
    unsigned char *data = NULL;
    size_t len = 0;
    if (exists) {
        rc = collect(ini, path, d, changes, nchanges, lang, NULL, err);
    } else {
        if (oqsdm_ini_add_section(ini, OQSDM_INI_SECTION) != OQSDM_INI_OK)
            rc = no_memory(lang, err);
        for (size_t i = 0; i < ninitial && rc == OQSDM_OK; i++) {
            if (in_list(initial[i].key, changes, nchanges))
                continue;
            if (oqsdm_settings_valid(d, initial[i].key, initial[i].value))
                rc = bad_value(path, initial[i].key, initial[i].value, oqsdm_settings_hint(initial[i].key),
                               lang, err);
            else
                rc = set_one(ini, path, &initial[i], lang, err);
        }
    }
    for (size_t i = 0; i < nchanges && rc == OQSDM_OK; i++)
        rc = set_one(ini, path, &changes[i], lang, err);
    if (rc == OQSDM_OK) {
        oqsdm_ini_status st = oqsdm_ini_serialize(ini, &data, &len);
        if (st == OQSDM_INI_NOMEM) {
            rc = no_memory(lang, err);
        } else if (st != OQSDM_INI_OK) {
            char m[1024];
            rc = oqsdm_error_set(err, OQSDM_E_INI_WRITE,
                                 oqsdm_msgf2(m, sizeof m, lang, OQSDM_MSG_ERR_INI_WRITE, path,
                                             oqsdm_msg(lang, st == OQSDM_INI_BAD_ENCODING
                                                                 ? OQSDM_MSG_INI_WHY_ENCODING_FLIP
                                                                 : OQSDM_MSG_INI_WHY_TOO_LARGE)));
        }
    }
    /* The same bytes: nothing to write, and the .bak keeps the version
     * before the last real change. */
    if (rc == OQSDM_OK && !(exists && len == nold && memcmp(data, old, len) == 0))
        rc = replace(path, old, nold, exists, data, len, lang, out, err);
    free(data);
    oqsdm_ini_free(ini);
    free(old);
    return rc;
}

const char *oqsdm_settings_recommended(const oqsdm_data *d, const char *provider, const char *kind)
{
    return provider && *provider ? oqsdm_data_recommended_destination(d, provider, kind) : NULL;
}

const char *oqsdm_settings_provider_name(const char *id, oqsdm_lang lang)
{
    char name[64] = "PROVIDER_";
    size_t k = strlen(name);
    for (const char *p = id; *p && k + 1 < sizeof name; p++)
        name[k++] = *p == '-' ? '_' : (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : *p;
    name[k] = '\0';
    int msg = strlen(id) + 10 < sizeof name ? oqsdm_msg_id(name) : -1;
    return msg >= 0 ? oqsdm_msg(lang, msg) : id;
}

const char *oqsdm_settings_destination_name(const char *destination, oqsdm_lang lang)
{
    return oqsdm_msg(lang, strcmp(destination, "cloud") == 0 ? OQSDM_MSG_DESTINATION_CLOUD
                                                              : OQSDM_MSG_DESTINATION_BASE);
}

const char *oqsdm_settings_connection_kind_name(const char *kind, oqsdm_lang lang)
{
    if (strcmp(kind, "ipsec") == 0)
        return oqsdm_msg(lang, OQSDM_MSG_CONNECTION_KIND_IPSEC);
    if (strcmp(kind, "ipvpn") == 0)
        return oqsdm_msg(lang, OQSDM_MSG_CONNECTION_KIND_IPVPN);
    return kind;
}

int oqsdm_settings_warning(const oqsdm_data *d, const oqsdm_settings *s, oqsdm_lang lang,
                           char *buf, size_t size)
{
    const char *rec = oqsdm_settings_recommended(d, s->provider, s->connection_kind);
    if (size)
        buf[0] = '\0';
    if (!rec || strcmp(rec, s->destination) == 0)
        return 0;
    oqsdm_msgf4(buf, size, lang, OQSDM_MSG_SETTINGS_WARN_DESTINATION,
                oqsdm_settings_provider_name(s->provider, lang), oqsdm_settings_destination_name(rec, lang),
                oqsdm_settings_destination_name(s->destination, lang), NULL);
    return 1;
}
