/*
 * fix.c: the fixes and their undo (see fix.h).
 *
 * The backup file:
 *   {"schema":1,"fix":"proxy.bypass","applied_at":"...",
 *    "registry":[{"root":"HKCU","key":"...","name":"ProxyOverride","key_present":true,
 *                 "present":true,"type":1,"data":"<hex>"}],
 *    "file":{"path":"...","present":true,"data":"<hex>"}}
 * Hex keeps the bytes exact whatever they are (UTF-16 strings, binary
 * blobs, a CP932 INI), and the reader checks every bound before copying.
 */
#include "oqsdm/fix.h"
#include "oqsdm/fileio.h"
#include "oqsdm/json_fields.h"
#include "oqsdm/log.h"
#include "oqsdm/settings.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ the file */

static char *hex_of(const unsigned char *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    char *s = malloc(2 * n + 1);
    if (!s)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        s[2 * i] = digits[p[i] >> 4];
        s[2 * i + 1] = digits[p[i] & 15];
    }
    s[2 * n] = '\0';
    return s;
}

static int hex_val(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int hex_to(const char *s, unsigned char *out, size_t max, size_t *n)
{
    size_t len = strlen(s);
    if (len % 2 || len / 2 > max)
        return -1;
    for (size_t i = 0; i < len / 2; i++) {
        int a = hex_val(s[2 * i]), b = hex_val(s[2 * i + 1]);
        if (a < 0 || b < 0)
            return -1;
        out[i] = (unsigned char)(a << 4 | b);
    }
    *n = len / 2;
    return 0;
}

int oqsdm_fix_backup_parse(const char *json, size_t len, oqsdm_fix_backup *out)
{
    memset(out, 0, sizeof *out);
    if (len > OQSDM_FIX_BACKUP_MAX_BYTES)
        return -1;
    cJSON *root = cJSON_ParseWithLength(json, len);
    int rc = -1;
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    const cJSON *reg = cJSON_GetObjectItemCaseSensitive(root, "registry");
    const cJSON *file = cJSON_GetObjectItemCaseSensitive(root, "file");
    if (!cJSON_IsObject(root) || !cJSON_IsNumber(schema) || schema->valuedouble != 1 ||
        oqsdm_json_str(root, "fix", out->fix, sizeof out->fix) || oqsdm_finding_from_name(out->fix) < 0 ||
        oqsdm_json_str(root, "applied_at", out->applied_at, sizeof out->applied_at) || (reg && !cJSON_IsArray(reg)) ||
        (file && !cJSON_IsObject(file)))
        goto done;
    const cJSON *e;
    cJSON_ArrayForEach(e, reg) {
        if (out->nreg == OQSDM_FIX_MAX_VALUES)
            goto done;
        oqsdm_reg_value *v = &out->reg[out->nreg];
        char rootname[8];
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(e, "type");
        const cJSON *data = cJSON_GetObjectItemCaseSensitive(e, "data");
        if (oqsdm_json_str(e, "root", rootname, sizeof rootname) || oqsdm_json_str(e, "key", v->key, sizeof v->key) ||
            oqsdm_json_str(e, "name", v->name, sizeof v->name) || oqsdm_json_bool(e, "key_present", &v->key_present) ||
            oqsdm_json_bool(e, "present", &v->present))
            goto done;
        if (strcmp(rootname, "HKCU") == 0)
            v->root = OQSDM_REG_HKCU;
        else if (strcmp(rootname, "HKLM") == 0)
            v->root = OQSDM_REG_HKLM;
        else
            goto done;
        if (v->present) {
            if (!cJSON_IsNumber(type) || type->valuedouble < 0 || type->valuedouble > 11 || !cJSON_IsString(data) ||
                hex_to(data->valuestring, v->data, sizeof v->data, &v->len))
                goto done;
            v->type = (unsigned long)type->valuedouble;
        }
        out->nreg++;
    }
    if (file) {
        out->has_file = 1;
        if (oqsdm_json_str(file, "path", out->file_path, sizeof out->file_path) || !out->file_path[0] ||
            oqsdm_json_bool(file, "present", &out->file_present))
            goto done;
        const cJSON *data = cJSON_GetObjectItemCaseSensitive(file, "data");
        if (out->file_present && (!cJSON_IsString(data) ||
                                  hex_to(data->valuestring, out->file_data, sizeof out->file_data, &out->file_len)))
            goto done;
    }
    if (out->nreg == 0 && !out->has_file)
        goto done;
    rc = 0;
done:
    cJSON_Delete(root);
    if (rc)
        memset(out, 0, sizeof *out);
    return rc;
}

char *oqsdm_fix_backup_json(const oqsdm_fix_backup *b)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    int oom = 0;
    cJSON_AddNumberToObject(o, "schema", 1);
    cJSON_AddStringToObject(o, "fix", b->fix);
    cJSON_AddStringToObject(o, "applied_at", b->applied_at);
    if (b->nreg) {
        cJSON *a = cJSON_AddArrayToObject(o, "registry");
        for (size_t i = 0; i < b->nreg; i++) {
            const oqsdm_reg_value *v = &b->reg[i];
            cJSON *x = cJSON_CreateObject();
            cJSON_AddItemToArray(a, x);
            cJSON_AddStringToObject(x, "root", v->root == OQSDM_REG_HKLM ? "HKLM" : "HKCU");
            cJSON_AddStringToObject(x, "key", v->key);
            cJSON_AddStringToObject(x, "name", v->name);
            cJSON_AddBoolToObject(x, "key_present", v->key_present);
            cJSON_AddBoolToObject(x, "present", v->present);
            if (v->present) {
                char *hex = hex_of(v->data, v->len);
                oom |= !hex;
                cJSON_AddNumberToObject(x, "type", (double)v->type);
                cJSON_AddStringToObject(x, "data", hex ? hex : "");
                free(hex);
            }
        }
    }
    if (b->has_file) {
        cJSON *f = cJSON_AddObjectToObject(o, "file");
        cJSON_AddStringToObject(f, "path", b->file_path);
        cJSON_AddBoolToObject(f, "present", b->file_present);
        if (b->file_present) {
            char *hex = hex_of(b->file_data, b->file_len);
            oom |= !hex;
            cJSON_AddStringToObject(f, "data", hex ? hex : "");
            free(hex);
        }
    }
    char *s = oom ? NULL : cJSON_Print(o);
    cJSON_Delete(o);
    return s;
}

static int backup_path(const oqsdm_app *app, oqsdm_finding_id id, char *out, size_t size)
{
    return snprintf(out, size, "%s%cfix-%s.json", app->state_dir, oqsdm_plat_sep, oqsdm_finding_name(id)) >=
                   (int)size ? -1 : 0;
}

int oqsdm_fix_has_backup(const oqsdm_app *app, oqsdm_finding_id id)
{
    char path[1200];
    return backup_path(app, id, path, sizeof path) == 0 && oqsdm_plat_file_exists(path);
}

/* ------------------------------------------------------------ fixing */

static oqsdm_err fail_sys(oqsdm_error *err, oqsdm_err code, oqsdm_lang L, int msg, const char *what)
{
    char why[300], m[1400];
    oqsdm_plat_last_error(why, sizeof why);
    return oqsdm_error_set(err, code, oqsdm_msgf2(m, sizeof m, L, msg, what, why));
}

/* The finding as it stands now, from facts that need no probe. */
static void judge(const oqsdm_app *app, oqsdm_finding_id id, oqsdm_finding *out)
{
    oqsdm_diag_facts *x = malloc(sizeof *x);
    oqsdm_diagnosis *d = malloc(sizeof *d);
    memset(out, 0, sizeof *out);
    if (x && d) {
        oqsdm_diag_static_facts(app, x);
        memset(d, 0, sizeof *d);
        oqsdm_diagnose(&app->data, x, app->lang, d);
        *out = d->f[id];
    }
    free(x);
    free(d);
}

/* The values a fix replaces, read exactly as they are now. */
static oqsdm_err snapshot(const oqsdm_app *app, oqsdm_finding_id id, oqsdm_fix_backup *b, oqsdm_error *err)
{
    oqsdm_lang L = app->lang;
    char m[1024];
    snprintf(b->fix, sizeof b->fix, "%s", oqsdm_finding_name(id));
    oqsdm_plat_local_time_iso8601(b->applied_at, sizeof b->applied_at);
    if (id == OQSDM_F_DESTINATION) {
        char *data;
        size_t len;
        oqsdm_read_status rs = oqsdm_read_file(app->ini_path, OQSDM_FIX_MAX_FILE, &data, &len);
        if (rs != OQSDM_READ_OK)
            return oqsdm_error_set(err, OQSDM_E_INI_READ,
                                   oqsdm_msgf2(m, sizeof m, L, OQSDM_MSG_ERR_INI_READ, app->ini_path,
                                               rs == OQSDM_READ_TOO_LARGE ? "> 64 KiB" : "I/O"));
        b->has_file = 1;
        b->file_present = 1;
        snprintf(b->file_path, sizeof b->file_path, "%s", app->ini_path);
        memcpy(b->file_data, data, len);
        b->file_len = len;
        free(data);
        return OQSDM_OK;
    }
    b->nreg = id == OQSDM_F_PROXY_WINHTTP ? oqsdm_plat_winhttp_values(b->reg, OQSDM_FIX_MAX_VALUES)
                                          : oqsdm_plat_proxy_values(b->reg, OQSDM_FIX_MAX_VALUES);
    if (b->nreg == 0)
        return oqsdm_error_set(err, OQSDM_E_PLATFORM, oqsdm_msg(L, OQSDM_MSG_FIX_NOT_HERE));
    for (size_t i = 0; i < b->nreg; i++)
        if (oqsdm_plat_reg_read(&b->reg[i]) != 0)
            return fail_sys(err, OQSDM_E_PLATFORM, L, OQSDM_MSG_FIX_READ_FAILED, b->reg[i].name);
    return OQSDM_OK;
}

static oqsdm_err write_backup(const oqsdm_app *app, const char *path, const oqsdm_fix_backup *b, oqsdm_error *err)
{
    char *json = oqsdm_fix_backup_json(b);
    if (!json)
        return oqsdm_error_set(err, OQSDM_E_NOMEM, oqsdm_msg(app->lang, OQSDM_MSG_ERR_NO_MEMORY));
    int bad = oqsdm_plat_mkdirs(app->state_dir) || oqsdm_write_file_atomic(path, json, strlen(json));
    free(json);
    if (bad)
        return fail_sys(err, OQSDM_E_STATE, app->lang, OQSDM_MSG_ERR_STATE_WRITE, path);
    return OQSDM_OK;
}

/* The change itself. */
static oqsdm_err change(const oqsdm_app *app, const oqsdm_finding *f, oqsdm_fix_outcome *out, oqsdm_error *err)
{
    oqsdm_lang L = app->lang;
    switch (f->id) {
    case OQSDM_F_DESTINATION: {
        oqsdm_setting s = {"Destination", f->fix_value};
        oqsdm_settings_result r;
        return oqsdm_settings_apply(app->ini_path, &app->data, &s, 1, 0, NULL, 0, L, &r, err);
    }
    case OQSDM_F_PROXY_SERVER:
        if (oqsdm_plat_set_user_proxy(1, f->fix_value, NULL) != 0)
            return fail_sys(err, oqsdm_plat_last_error_denied() ? OQSDM_E_ACCESS_DENIED : OQSDM_E_PLATFORM, L,
                            OQSDM_MSG_FIX_WRITE_FAILED, "ProxyServer");
        return OQSDM_OK;
    case OQSDM_F_PROXY_BYPASS:
        if (oqsdm_plat_set_user_proxy(-1, NULL, f->fix_value) != 0)
            return fail_sys(err, oqsdm_plat_last_error_denied() ? OQSDM_E_ACCESS_DENIED : OQSDM_E_PLATFORM, L,
                            OQSDM_MSG_FIX_WRITE_FAILED, "ProxyOverride");
        return OQSDM_OK;
    case OQSDM_F_PROXY_WINHTTP: {
        char server[300];
        const char *nl = strchr(f->fix_value, '\n');
        size_t n = nl ? (size_t)(nl - f->fix_value) : strlen(f->fix_value);
        if (n >= sizeof server)
            n = sizeof server - 1;
        memcpy(server, f->fix_value, n);
        server[n] = '\0';
        const char *bypass = nl ? nl + 1 : "";
        snprintf(out->command, sizeof out->command, "netsh winhttp set proxy proxy-server=\"%s\" bypass-list=\"%s\"",
                 server, bypass);
        if (oqsdm_plat_set_winhttp_proxy(server, bypass) != 0) {
            int denied = oqsdm_plat_last_error_denied();
            fail_sys(err, denied ? OQSDM_E_ACCESS_DENIED : OQSDM_E_PLATFORM, L,
                     denied ? OQSDM_MSG_FIX_NEEDS_ADMIN : OQSDM_MSG_FIX_WRITE_FAILED, out->command);
            return err->code;
        }
        return OQSDM_OK;
    }
    default:
        return oqsdm_error_set(err, OQSDM_E_INTERNAL, oqsdm_msg(L, OQSDM_MSG_FIX_NOTHING));
    }
}

static void log_fix(const oqsdm_app *app, const char *what, const oqsdm_fix_outcome *out, const oqsdm_error *err)
{
    char check[48];
    snprintf(check, sizeof check, "%s %s", what, out->before.title[0] ? oqsdm_finding_name(out->before.id) : "");
    const char *result = err && err->code != OQSDM_OK ? "error" : out->result == OQSDM_FIX_DONE ? "ok" : "nothing";
    oqsdm_log_append(app->state_dir, OQSDM_LOG_MAX_BYTES, check, result,
                     err && err->code != OQSDM_OK ? oqsdm_err_name(err->code) : oqsdm_fstatus_name(out->after.status),
                     err && err->code != OQSDM_OK ? err->message : out->message);
}

oqsdm_err oqsdm_fix_apply(const oqsdm_app *app, oqsdm_finding_id id, oqsdm_fix_outcome *out, oqsdm_error *err)
{
    memset(out, 0, sizeof *out);
    err->code = OQSDM_OK;
    err->message[0] = '\0';
    oqsdm_lang L = app->lang;
    judge(app, id, &out->before);
    if (!out->before.fixable) {
        out->result = OQSDM_FIX_NOTHING;
        out->after = out->before;
        oqsdm_msgf1(out->message, sizeof out->message, L, OQSDM_MSG_FIX_NOTHING, out->before.title);
        log_fix(app, "fix", out, NULL);
        return OQSDM_OK;
    }
    char path[1200];
    if (backup_path(app, id, path, sizeof path))
        return oqsdm_error_set(err, OQSDM_E_INTERNAL, oqsdm_msg(L, OQSDM_MSG_ERR_INTERNAL));
    int made_backup = 0;
    if (!oqsdm_plat_file_exists(path)) {
        /* the first fix since the last undo: what oqsdm is about to replace */
        oqsdm_fix_backup *b = calloc(1, sizeof *b);
        if (!b)
            return oqsdm_error_set(err, OQSDM_E_NOMEM, oqsdm_msg(L, OQSDM_MSG_ERR_NO_MEMORY));
        oqsdm_err rc = snapshot(app, id, b, err);
        if (rc == OQSDM_OK)
            rc = write_backup(app, path, b, err);
        free(b);
        if (rc != OQSDM_OK) {
            out->result = OQSDM_FIX_FAILED;
            log_fix(app, "fix", out, err);
            return rc;
        }
        made_backup = 1;
    }
    oqsdm_err rc = change(app, &out->before, out, err);
    if (rc != OQSDM_OK) {
        if (made_backup)
            oqsdm_plat_remove_file(path);  /* nothing was changed: nothing to undo */
        out->result = OQSDM_FIX_FAILED;
        log_fix(app, "fix", out, err);
        return rc;
    }
    out->result = OQSDM_FIX_DONE;
    if (id == OQSDM_F_DESTINATION) {
        /* the INI changed: judge with what it says now */
        oqsdm_app *again = malloc(sizeof *again);
        oqsdm_options opt = {app->ini_path, app->root[0] ? app->root : NULL, app->lang};
        oqsdm_error e2;
        if (again && oqsdm_app_load(again, &opt, &e2) == OQSDM_OK)
            judge(again, id, &out->after);
        free(again);
    } else {
        judge(app, id, &out->after);
    }
    oqsdm_msgf2(out->message, sizeof out->message, L, OQSDM_MSG_FIX_DONE, out->before.title,
                oqsdm_msg(L, out->after.status == OQSDM_FS_OK ? OQSDM_MSG_FS_OK
                           : out->after.status == OQSDM_FS_WARN ? OQSDM_MSG_FS_WARN
                           : out->after.status == OQSDM_FS_FAIL ? OQSDM_MSG_FS_FAIL : OQSDM_MSG_FS_UNKNOWN));
    log_fix(app, "fix", out, NULL);
    return OQSDM_OK;
}

oqsdm_err oqsdm_fix_undo(const oqsdm_app *app, oqsdm_finding_id id, oqsdm_fix_outcome *out, oqsdm_error *err)
{
    memset(out, 0, sizeof *out);
    err->code = OQSDM_OK;
    err->message[0] = '\0';
    oqsdm_lang L = app->lang;
    out->before.id = id;
    snprintf(out->before.title, sizeof out->before.title, "%s", oqsdm_finding_title(id, L));
    char path[1200];
    char *json = NULL;
    size_t len = 0;
    if (backup_path(app, id, path, sizeof path) ||
        oqsdm_read_file(path, OQSDM_FIX_BACKUP_MAX_BYTES, &json, &len) != OQSDM_READ_OK) {
        out->result = OQSDM_FIX_NOTHING;
        oqsdm_msgf1(out->message, sizeof out->message, L, OQSDM_MSG_FIX_NO_BACKUP, out->before.title);
        log_fix(app, "undo", out, NULL);
        return OQSDM_OK;
    }
    oqsdm_fix_backup *b = calloc(1, sizeof *b);
    if (!b) {
        free(json);
        return oqsdm_error_set(err, OQSDM_E_NOMEM, oqsdm_msg(L, OQSDM_MSG_ERR_NO_MEMORY));
    }
    int bad = oqsdm_fix_backup_parse(json, len, b) || strcmp(b->fix, oqsdm_finding_name(id)) != 0;
    free(json);
    oqsdm_err rc = OQSDM_OK;
    if (bad) {
        rc = oqsdm_error_set(err, OQSDM_E_STATE, oqsdm_msgf1(out->message, sizeof out->message, L,
                                                             OQSDM_MSG_FIX_BACKUP_DAMAGED, path));
    } else {
        for (size_t i = 0; i < b->nreg && rc == OQSDM_OK; i++)
            if (oqsdm_plat_reg_restore(&b->reg[i]) != 0)
                rc = fail_sys(err, oqsdm_plat_last_error_denied() ? OQSDM_E_ACCESS_DENIED : OQSDM_E_PLATFORM, L,
                              OQSDM_MSG_FIX_WRITE_FAILED, b->reg[i].name);
        if (rc == OQSDM_OK && b->nreg) {
            oqsdm_plat_proxy_changed();
            /* A program told of the change may write settings back in its
             * own form (Wine's WinINet turns a string ProxyEnable into a
             * DWORD): what was restored must stay exactly so. */
            for (size_t i = 0; i < b->nreg && rc == OQSDM_OK; i++) {
                oqsdm_reg_value *now = malloc(sizeof *now);
                if (!now)
                    break;
                *now = b->reg[i];
                if (oqsdm_plat_reg_read(now) == 0 &&
                    (now->present != b->reg[i].present ||
                     (now->present && (now->type != b->reg[i].type || now->len != b->reg[i].len ||
                                       memcmp(now->data, b->reg[i].data, now->len) != 0))) &&
                    oqsdm_plat_reg_restore(&b->reg[i]) != 0)
                    rc = fail_sys(err, OQSDM_E_PLATFORM, L, OQSDM_MSG_FIX_WRITE_FAILED, b->reg[i].name);
                free(now);
            }
        }
        if (rc == OQSDM_OK && b->has_file && b->file_present) {
            /* through a symbolic link, the file it points to (as settings.c) */
            char tmp[1200], target[1024];
            if (oqsdm_plat_write_target(b->file_path, target, sizeof target) != 0 ||
                oqsdm_plat_write_temp(target, target, b->file_data, b->file_len, tmp, sizeof tmp) != 0 ||
                oqsdm_plat_commit_file(tmp, target) != 0)
                rc = fail_sys(err, oqsdm_plat_last_error_denied() ? OQSDM_E_ACCESS_DENIED : OQSDM_E_INI_WRITE, L,
                              OQSDM_MSG_FIX_WRITE_FAILED, b->file_path);
        }
    }
    free(b);
    if (rc != OQSDM_OK) {
        out->result = OQSDM_FIX_FAILED;
        log_fix(app, "undo", out, err);
        return rc;
    }
    oqsdm_plat_remove_file(path);
    out->result = OQSDM_FIX_DONE;
    oqsdm_msgf1(out->message, sizeof out->message, L, OQSDM_MSG_FIX_UNDONE, out->before.title);
    log_fix(app, "undo", out, NULL);
    return OQSDM_OK;
}
