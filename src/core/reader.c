/*
 * reader.c: the card reader's version as staff entered it, and the guess
 * of whose reader it is (see reader.h).
 */
#include "oqsdm/reader.h"
#include "oqsdm/fileio.h"
#include "oqsdm/json_fields.h"
#include "oqsdm/platform.h"
#include "oqsdm/text.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int oqsdm_reader_entry_parse(const char *json, size_t len, const oqsdm_data *d, oqsdm_reader_entry *out)
{
    memset(out, 0, sizeof *out);
    if (len > OQSDM_READER_MAX_BYTES)
        return -1;
    cJSON *root = cJSON_ParseWithLength(json, len);
    int rc = -1;
    char typed[OQSDM_VERSION_RAW_MAX];
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (!cJSON_IsObject(root) || !cJSON_IsNumber(schema) || schema->valuedouble != 1)
        goto done;
    if (oqsdm_json_opt_str(root, "vendor", out->vendor, sizeof out->vendor) ||
        oqsdm_json_opt_str(root, "entered_at", out->entered_at, sizeof out->entered_at) ||
        oqsdm_json_opt_str(root, "raw", typed, sizeof typed) ||
        oqsdm_json_opt_str(root, "version_vendor", out->version_vendor, sizeof out->version_vendor))
        goto done;
    if ((out->vendor[0] && !oqsdm_data_vendor(d, out->vendor)) ||
        (out->version_vendor[0] && !oqsdm_data_vendor(d, out->version_vendor)))
        goto done;
    const cJSON *source = cJSON_GetObjectItemCaseSensitive(root, "source");
    if (typed[0]) {
        /* Only what a person typed counts, and it must still read as one
         * version: the file proves nothing by itself. */
        if (!cJSON_IsString(source) || strcmp(source->valuestring, "manual") != 0 ||
            oqsdm_reader_entry_set_version(out, typed))
            goto done;
        /* Written before version_vendor existed: the vendor chosen then is
         * the best knowledge of whose tool it was read on. */
        if (!cJSON_GetObjectItemCaseSensitive(root, "version_vendor"))
            memcpy(out->version_vendor, out->vendor, sizeof out->vendor);
    } else {
        out->version_vendor[0] = '\0';
    }
    rc = 0;
done:
    cJSON_Delete(root);
    if (rc)
        memset(out, 0, sizeof *out);
    return rc;
}

char *oqsdm_reader_entry_json(const oqsdm_reader_entry *e)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddNumberToObject(o, "schema", 1);
    if (e->vendor[0])
        cJSON_AddStringToObject(o, "vendor", e->vendor);
    else
        cJSON_AddNullToObject(o, "vendor");
    if (e->has_version) {
        cJSON_AddStringToObject(o, "version", e->normalised);
        cJSON_AddStringToObject(o, "raw", e->raw);
        cJSON_AddStringToObject(o, "source", "manual");
        cJSON_AddStringToObject(o, "entered_at", e->entered_at);
        if (e->version_vendor[0])
            cJSON_AddStringToObject(o, "version_vendor", e->version_vendor);
        else
            cJSON_AddNullToObject(o, "version_vendor");
    }
    char *s = cJSON_Print(o);
    cJSON_Delete(o);
    return s;
}

static int entry_path(const char *state_dir, char *out, size_t size)
{
    return snprintf(out, size, "%s%c%s", state_dir, oqsdm_plat_sep, OQSDM_READER_FILE) >= (int)size ? -1 : 0;
}

int oqsdm_reader_entry_load(const char *state_dir, const oqsdm_data *d, oqsdm_reader_entry *out)
{
    char path[1100];
    memset(out, 0, sizeof *out);
    if (entry_path(state_dir, path, sizeof path))
        return 1;
    char *json;
    size_t len;
    oqsdm_read_status rs = oqsdm_read_file(path, OQSDM_READER_MAX_BYTES, &json, &len);
    if (rs == OQSDM_READ_MISSING)
        return 0;
    if (rs != OQSDM_READ_OK)
        return 1;
    int bad = oqsdm_reader_entry_parse(json, len, d, out);
    free(json);
    return bad ? 1 : 0;
}

/* A reader.json the loader would not read (damaged, or written by a newer
 * oqsdm) is "nothing entered"; before it is replaced its bytes go to
 * reader.json.bad, so what staff typed is never lost to a save. 0 when
 * nothing needed keeping or it was kept. */
static int keep_foreign(const char *path, const oqsdm_data *d)
{
    char *json;
    size_t len;
    if (oqsdm_read_file(path, OQSDM_READER_MAX_BYTES, &json, &len) != OQSDM_READ_OK)
        return 0;  /* missing: nothing to keep; too large or unreadable: not an entry anyone typed */
    oqsdm_reader_entry *scratch = malloc(sizeof *scratch);
    int ours = scratch && oqsdm_reader_entry_parse(json, len, d, scratch) == 0;
    free(scratch);
    int rc = 0;
    if (!ours) {
        char bad[1110];
        rc = snprintf(bad, sizeof bad, "%s.bad", path) >= (int)sizeof bad ? -1
                                                                          : oqsdm_write_file_atomic(bad, json, len);
    }
    free(json);
    return rc;
}

oqsdm_err oqsdm_reader_entry_save(const char *state_dir, const oqsdm_data *d, const oqsdm_reader_entry *e,
                                  oqsdm_lang lang, oqsdm_error *err)
{
    char path[1100], m[1400], why[300];
    if (entry_path(state_dir, path, sizeof path))
        return oqsdm_error_set(err, OQSDM_E_INTERNAL, oqsdm_msgf1(m, sizeof m, lang, OQSDM_MSG_ERR_INTERNAL, "path"));
    char *json = oqsdm_reader_entry_json(e);
    if (!json)
        return oqsdm_error_set(err, OQSDM_E_NOMEM, oqsdm_msg(lang, OQSDM_MSG_ERR_NO_MEMORY));
    int bad = oqsdm_plat_mkdirs(state_dir) || keep_foreign(path, d) || oqsdm_write_file_atomic(path, json, strlen(json));
    free(json);
    if (bad) {
        oqsdm_plat_last_error(why, sizeof why);
        return oqsdm_error_set(err, OQSDM_E_STATE, oqsdm_msgf2(m, sizeof m, lang, OQSDM_MSG_ERR_STATE_WRITE, path, why));
    }
    return OQSDM_OK;
}

int oqsdm_reader_entry_set_version(oqsdm_reader_entry *e, const char *typed)
{
    size_t n = strlen(typed);
    oqsdm_version_match m;
    if (n == 0 || n >= sizeof e->raw || oqsdm_version_find(typed, n, &m) != OQSDM_VERSION_FOUND)
        return -1;
    if (oqsdm_version_format(&m.version, e->normalised, sizeof e->normalised))
        return -1;
    e->version = m.version;
    memcpy(e->raw, typed, n + 1);
    e->has_version = 1;
    return 0;
}

/* Every '+'-joined text of `pattern` occurs in `name`. */
static int pattern_matches(const char *pattern, const char *name)
{
    char part[96];
    const char *p = pattern;
    while (*p) {
        size_t k = strcspn(p, "+");
        if (k == 0 || k >= sizeof part)
            return 0;
        memcpy(part, p, k);
        part[k] = '\0';
        if (!oqsdm_text_fold_contains(name, part))
            return 0;
        p += k;
        if (*p == '+')
            p++;
    }
    return p != pattern;
}

void oqsdm_reader_guess_vendor(const oqsdm_data *d, const char (*names)[256], size_t n,
                               oqsdm_vendor_guess *out)
{
    memset(out, 0, sizeof *out);
    out->vendor = -1;
    for (size_t i = 0; i < n; i++)
        for (size_t v = 0; v < d->nvendors; v++)
            for (size_t k = 0; k < d->vendors[v].npatterns; k++) {
                if (!pattern_matches(d->vendors[v].patterns[k], names[i]))
                    continue;
                if (out->vendor < 0 && !out->ambiguous) {
                    out->vendor = (int)v;
                    snprintf(out->program, sizeof out->program, "%s", names[i]);
                } else if (out->vendor != (int)v) {
                    out->ambiguous = 1;
                    out->vendor = -1;
                }
                break;
            }
}
