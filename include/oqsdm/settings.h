/*
 * settings.h: 設定の変更, the settings staff and vendors change: where the
 * check goes (Destination), the network provider and connection kind the
 * recommendation follows (Provider, ConnectionKind), and the server
 * (ServerUrl), kept in the [oqsdm] section of OQSDistroApp.ini.
 *
 * The file is not oqsdm's alone, so a change rewrites only the keys it is
 * given (ini.h keeps every other byte, the encoding and the line ends),
 * and replaces the file so that a crash loses nothing: the new text goes
 * to a temporary file in the same folder and reaches the disk, the
 * previous file is kept as `<name>.bak` (one backup, replacing an older
 * one), and only then does the new file take the old one's place.
 * `oqsdm-cli settings` uses this module, and the settings dialog is to use
 * it too, so the two cannot drift apart.
 */
#ifndef OQSDM_SETTINGS_H
#define OQSDM_SETTINGS_H

#include <stddef.h>
#include "data.h"
#include "error.h"
#include "msg.h"

#define OQSDM_SETTINGS_BACKUP_SUFFIX ".bak"

/* One key of [oqsdm] and its new value (UTF-8). */
typedef struct oqsdm_setting {
    const char *key;
    const char *value;
} oqsdm_setting;

/* The settings as the INI holds them, in UTF-8 whatever its encoding. */
typedef struct oqsdm_settings {
    char destination[16];      /* "base" or "cloud" (lower case); the data file's default when absent */
    char provider[32];         /* a provider id of the data file, "" when not set */
    char connection_kind[16];  /* "ipsec", "ipvpn" or "" */
    char server_url[2048];     /* "" when not set */
    int only_oqsdm;            /* the file holds nothing but oqsdm's section (the INI is the
                                * distribution app's: only then may an uninstaller delete it) */
} oqsdm_settings;

typedef struct oqsdm_settings_result {
    int written;               /* 1 when the file was replaced or created */
    int created;               /* 1 when there was no file before */
    char backup[1100];         /* the previous file's copy, "" when none was made */
} oqsdm_settings_result;

/* 0 when `value` is one the program reads for `key` (Destination,
 * Provider, ConnectionKind, ServerUrl, in any letter case; other keys
 * take anything), as config.c checks them; "" means unset except for
 * Destination. Else -1. */
int oqsdm_settings_valid(const oqsdm_data *d, const char *key, const char *value);

/* The catalogue message (HINT_*) saying what `key` accepts, -1 for a key
 * without one. */
int oqsdm_settings_hint(const char *key);

/* Reads the four settings from the INI at `path`. Errors name the file:
 * a missing INI carries the guide's remedy (reinstall), an invalid value
 * names the key and what it accepts. */
oqsdm_err oqsdm_settings_read(const char *path, const oqsdm_data *d, oqsdm_lang lang,
                              oqsdm_settings *out, oqsdm_error *err);

/* Writes `changes` into [oqsdm] of the INI at `path` (a real path).
 * Values are checked first (oqsdm_settings_valid), and so are the values
 * of the four settings the file keeps, so that an error means nothing was
 * written. When the file is absent: with `create` it is made, with its
 * folder, holding [oqsdm] with `initial` (keys `changes` does not set)
 * and `changes`; without, it is OQSDM_E_INI_MISSING. A change that leaves
 * the bytes as they are writes nothing (written 0), so the .bak keeps the
 * version before. Errors: OQSDM_E_ACCESS_DENIED when this user may not
 * write the file or its folder (offer to continue as administrator),
 * OQSDM_E_INI_WRITE for other failures, both with the system's error
 * text and number; OQSDM_E_INI_VALUE for a value the file cannot hold. */
oqsdm_err oqsdm_settings_apply(const char *path, const oqsdm_data *d, const oqsdm_setting *changes,
                               size_t nchanges, int create, const oqsdm_setting *initial,
                               size_t ninitial, oqsdm_lang lang, oqsdm_settings_result *out,
                               oqsdm_error *err);

/* The guide's destination for the provider and connection kind ("base"
 * or "cloud"), NULL for none or an unknown provider; a kind the guide
 * does not list for the provider means "anything else": cloud
 * (oqsdm_data_recommended_destination). `kind` may be NULL or "". */
const char *oqsdm_settings_recommended(const oqsdm_data *d, const char *provider, const char *kind);

/* 1 and the warning in `buf` when the destination contradicts the guide's
 * recommendation for the provider (which one it recommends and why it
 * matters); 0 and "" otherwise. */
int oqsdm_settings_warning(const oqsdm_data *d, const oqsdm_settings *s, oqsdm_lang lang,
                           char *buf, size_t size);

/* Names to show: the catalogue's provider name (PROVIDER_<ID>), or the id
 * itself when the catalogue has none; the destination's and the
 * connection kind's names. */
const char *oqsdm_settings_provider_name(const char *id, oqsdm_lang lang);
const char *oqsdm_settings_destination_name(const char *destination, oqsdm_lang lang);
const char *oqsdm_settings_connection_kind_name(const char *kind, oqsdm_lang lang);

#endif
