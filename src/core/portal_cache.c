/*
 * portal_cache.c: portal-cache.json, read and written with cJSON.
 *
 *   {"schema":1,"entries":[{"url":"...","fetched_unix":1764633600,
 *     "fetched_at":"2026-12-01T09:00:00+09:00",
 *     "apps":{"distro":{"reason":"found","text":"1.0.10"},...},
 *     "vendors":{"canon":{"reason":"found","text":"4.4.4"},...}}]}
 *
 * Newest entry first; a text is kept only with reason "found" and must be
 * non-empty and shorter than OQSDM_PORTAL_TEXT_MAX, as the extractor
 * guarantees, so a cached result is never something the extractor could
 * not have produced.
 */
#include "oqsdm/portal_cache.h"
#include "oqsdm/fileio.h"
#include "oqsdm/platform.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int reason_from_name(const char *name, oqsdm_portal_reason *out)
{
    for (int r = OQSDM_PORTAL_FOUND; r <= OQSDM_PORTAL_R_NO_MEMORY; r++)
        if (strcmp(oqsdm_portal_reason_name((oqsdm_portal_reason)r), name) == 0) {
            *out = (oqsdm_portal_reason)r;
            return 0;
        }
    return -1;
}

static int read_text(const cJSON *group, const char *id, oqsdm_portal_text *t)
{
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(group, id);
    t->text[0] = '\0';
    if (!o) {
        t->reason = OQSDM_PORTAL_R_NOT_LISTED;
        return 0;
    }
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(o, "reason");
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, "text");
    if (!cJSON_IsString(r) || reason_from_name(r->valuestring, &t->reason))
        return -1;
    if (t->reason == OQSDM_PORTAL_FOUND) {
        if (!cJSON_IsString(x) || !x->valuestring[0] || strlen(x->valuestring) >= sizeof t->text)
            return -1;
        strcpy(t->text, x->valuestring);
    }
    return 0;
}

static int read_entry(const cJSON *e, oqsdm_portal_cache_entry *out)
{
    memset(out, 0, sizeof *out);
    const cJSON *url = cJSON_GetObjectItemCaseSensitive(e, "url");
    const cJSON *when = cJSON_GetObjectItemCaseSensitive(e, "fetched_unix");
    const cJSON *at = cJSON_GetObjectItemCaseSensitive(e, "fetched_at");
    const cJSON *apps = cJSON_GetObjectItemCaseSensitive(e, "apps");
    const cJSON *vendors = cJSON_GetObjectItemCaseSensitive(e, "vendors");
    if (!cJSON_IsString(url) || strlen(url->valuestring) >= sizeof out->url || !cJSON_IsNumber(when) ||
        when->valuedouble < 0 || when->valuedouble > 4102444800.0 /* 2100 */ ||
        !cJSON_IsString(at) || strlen(at->valuestring) >= sizeof out->fetched_at ||
        !cJSON_IsObject(apps) || (vendors && !cJSON_IsObject(vendors)))
        return -1;
    strcpy(out->url, url->valuestring);
    strcpy(out->fetched_at, at->valuestring);
    out->fetched_unix = (long long)when->valuedouble;
    out->result.page = OQSDM_PORTAL_FOUND;
    for (int a = 0; a < OQSDM_PORTAL_APP_COUNT; a++)
        if (read_text(apps, oqsdm_portal_app_id((oqsdm_portal_app)a), &out->result.app[a]))
            return -1;
    for (int v = 0; v < OQSDM_PORTAL_VENDOR_COUNT; v++)
        if (read_text(vendors, oqsdm_portal_vendor_id((oqsdm_portal_vendor)v), &out->result.vendor[v]))
            return -1;
    return 0;
}

static const cJSON *entries_of(const cJSON *root)
{
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    const cJSON *entries = cJSON_GetObjectItemCaseSensitive(root, "entries");
    if (!cJSON_IsObject(root) || !cJSON_IsNumber(schema) || schema->valuedouble != 1 || !cJSON_IsArray(entries))
        return NULL;
    return entries;
}

int oqsdm_portal_cache_find(const char *json, size_t len, const char *url, oqsdm_portal_cache_entry *out)
{
    memset(out, 0, sizeof *out);
    if (!json || len > OQSDM_PORTAL_CACHE_MAX_BYTES)
        return -1;
    cJSON *root = cJSON_ParseWithLength(json, len);
    const cJSON *entries = entries_of(root), *e;
    int rc = entries ? 1 : -1;
    cJSON_ArrayForEach(e, entries) {
        const cJSON *u = cJSON_GetObjectItemCaseSensitive(e, "url");
        if (!cJSON_IsString(u) || strcmp(u->valuestring, url) != 0)
            continue;
        rc = read_entry(e, out) ? -1 : 0;
        break;
    }
    cJSON_Delete(root);
    if (rc != 0)
        memset(out, 0, sizeof *out);
    return rc;
}

static cJSON *texts_json(const oqsdm_portal_text *t, int n, const char *(*id)(int))
{
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; o && i < n; i++) {
        cJSON *x = cJSON_AddObjectToObject(o, id(i));
        /* "found" always comes with its text: the reader refuses anything else */
        int found = t[i].reason == OQSDM_PORTAL_FOUND && t[i].text[0];
        oqsdm_portal_reason r = found || t[i].reason != OQSDM_PORTAL_FOUND ? t[i].reason : OQSDM_PORTAL_R_NOT_LISTED;
        cJSON_AddStringToObject(x, "reason", oqsdm_portal_reason_name(r));
        if (found)
            cJSON_AddStringToObject(x, "text", t[i].text);
    }
    return o;
}

static const char *app_id(int i) { return oqsdm_portal_app_id((oqsdm_portal_app)i); }
static const char *vendor_id(int i) { return oqsdm_portal_vendor_id((oqsdm_portal_vendor)i); }

char *oqsdm_portal_cache_put(const char *old_json, size_t old_len, const oqsdm_portal_cache_entry *e)
{
    cJSON *root = cJSON_CreateObject(), *entries = cJSON_CreateArray();
    if (!root || !entries) {
        cJSON_Delete(root);
        cJSON_Delete(entries);
        return NULL;
    }
    cJSON_AddNumberToObject(root, "schema", 1);
    cJSON_AddItemToObject(root, "entries", entries);

    cJSON *n = cJSON_CreateObject();
    cJSON_AddItemToArray(entries, n);
    cJSON_AddStringToObject(n, "url", e->url);
    cJSON_AddNumberToObject(n, "fetched_unix", (double)e->fetched_unix);
    cJSON_AddStringToObject(n, "fetched_at", e->fetched_at);
    cJSON_AddItemToObject(n, "apps", texts_json(e->result.app, OQSDM_PORTAL_APP_COUNT, app_id));
    cJSON_AddItemToObject(n, "vendors", texts_json(e->result.vendor, OQSDM_PORTAL_VENDOR_COUNT, vendor_id));

    /* The other URLs' entries that still read as entries, newest first. */
    cJSON *old = (old_json && old_len <= OQSDM_PORTAL_CACHE_MAX_BYTES) ? cJSON_ParseWithLength(old_json, old_len) : NULL;
    const cJSON *olds = entries_of(old), *o;
    int kept = 1;
    cJSON_ArrayForEach(o, olds) {
        oqsdm_portal_cache_entry tmp;
        if (kept >= OQSDM_PORTAL_CACHE_MAX_URLS)
            break;
        if (read_entry(o, &tmp) || strcmp(tmp.url, e->url) == 0)
            continue;
        cJSON_AddItemToArray(entries, cJSON_Duplicate(o, 1));
        kept++;
    }
    cJSON_Delete(old);
    char *s = cJSON_Print(root);
    cJSON_Delete(root);
    if (s && strlen(s) > OQSDM_PORTAL_CACHE_MAX_BYTES) {
        /* Only very long other entries get here: keep the new one alone. */
        cJSON_free(s);
        oqsdm_portal_cache_entry alone = *e;
        return oqsdm_portal_cache_put(NULL, 0, &alone);
    }
    return s;
}

static int cache_path(const char *state_dir, char *out, size_t size)
{
    return snprintf(out, size, "%s%c%s", state_dir, oqsdm_plat_sep, OQSDM_PORTAL_CACHE_FILE) >= (int)size ? -1 : 0;
}

int oqsdm_portal_cache_load(const char *state_dir, const char *url, oqsdm_portal_cache_entry *out)
{
    char path[1100];
    char *json;
    size_t len;
    memset(out, 0, sizeof *out);
    if (cache_path(state_dir, path, sizeof path))
        return 1;
    oqsdm_read_status rs = oqsdm_read_file(path, OQSDM_PORTAL_CACHE_MAX_BYTES, &json, &len);
    if (rs == OQSDM_READ_MISSING)
        return 1;
    if (rs != OQSDM_READ_OK)
        return -1;
    int rc = oqsdm_portal_cache_find(json, len, url, out);
    free(json);
    return rc;
}

int oqsdm_portal_cache_store(const char *state_dir, const oqsdm_portal_cache_entry *e)
{
    char path[1100];
    char *old = NULL;
    size_t old_len = 0;
    if (cache_path(state_dir, path, sizeof path) || oqsdm_plat_mkdirs(state_dir))
        return -1;
    if (oqsdm_read_file(path, OQSDM_PORTAL_CACHE_MAX_BYTES, &old, &old_len) != OQSDM_READ_OK)
        old = NULL;
    char *json = oqsdm_portal_cache_put(old, old_len, e);
    free(old);
    if (!json)
        return -1;
    int rc = oqsdm_write_file_atomic(path, json, strlen(json));
    cJSON_free(json);
    return rc;
}
