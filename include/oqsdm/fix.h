/*
 * fix.h: fixing what the diagnosis found, safely, and undoing it.
 *
 * Four findings can be fixed: the destination (the INI's Destination),
 * the proxy server and the bypass list (the user's proxy settings,
 * through WinINet), and the machine-wide WinHTTP proxy (needs an
 * administrator). Before a fix changes anything, exactly what it will
 * replace (the registry values with their types and bytes, or the INI's
 * bytes) is written to the state folder, fix-<id>.json, so it survives a
 * restart; undo puts those bytes back and removes the backup. A second
 * fix of the same finding keeps the first backup: undo always returns to
 * the state before oqsdm touched it. After a fix the finding is judged
 * again from facts read back by another path than the one that wrote
 * them (the registry directly, the INI file).
 */
#ifndef OQSDM_FIX_H
#define OQSDM_FIX_H

#include "app.h"
#include "diagnose.h"
#include "error.h"
#include "platform.h"

#define OQSDM_FIX_MAX_VALUES 12
#define OQSDM_FIX_MAX_FILE (64 * 1024)     /* an INI this large is not backed up: no fix */
#define OQSDM_FIX_BACKUP_MAX_BYTES (512 * 1024)

typedef struct oqsdm_fix_backup {
    char fix[32];                          /* the finding's name */
    char applied_at[40];
    oqsdm_reg_value reg[OQSDM_FIX_MAX_VALUES];
    size_t nreg;
    int has_file;
    char file_path[1024];
    int file_present;
    unsigned char file_data[OQSDM_FIX_MAX_FILE];
    size_t file_len;
} oqsdm_fix_backup;

typedef enum oqsdm_fix_result {
    OQSDM_FIX_DONE = 0,        /* applied (or undone) */
    OQSDM_FIX_NOTHING = 1,     /* nothing to fix: the finding is fine or cannot be fixed */
    OQSDM_FIX_FAILED = 2       /* see the error */
} oqsdm_fix_result;

typedef struct oqsdm_fix_outcome {
    oqsdm_fix_result result;
    oqsdm_finding before;      /* the finding when the fix started */
    oqsdm_finding after;       /* judged again afterwards */
    char message[1024];        /* one line for the user */
    char command[5400];        /* the administrator's command for WinHTTP, "" otherwise */
} oqsdm_fix_outcome;

/* Applies the fix for finding `id`. OQSDM_OK with out->result DONE or
 * NOTHING; otherwise the error (OQSDM_E_ACCESS_DENIED: offer to run as
 * administrator; out->command holds the command a vendor can type). */
oqsdm_err oqsdm_fix_apply(const oqsdm_app *app, oqsdm_finding_id id, oqsdm_fix_outcome *out, oqsdm_error *err);

/* Puts back what the fix of `id` replaced, byte for byte. NOTHING when
 * there is no backup. */
oqsdm_err oqsdm_fix_undo(const oqsdm_app *app, oqsdm_finding_id id, oqsdm_fix_outcome *out, oqsdm_error *err);

/* 1 when a backup of finding `id`'s fix is kept (undo is possible). */
int oqsdm_fix_has_backup(const oqsdm_app *app, oqsdm_finding_id id);

/* The backup file's text and back (pure; the file is outside input).
 * parse: 0 on success, -1 when it is not such a file. json: malloc'd. */
int oqsdm_fix_backup_parse(const char *json, size_t len, oqsdm_fix_backup *out);
char *oqsdm_fix_backup_json(const oqsdm_fix_backup *b);

#endif
