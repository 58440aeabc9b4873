/*
 * data.c: reads the data file of the guide's public values with cJSON.
 *
 * Only what the code uses is read; unknown members are ignored so a newer
 * data file works with an older program.
 */
#include "oqsdm/data.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

static int copy_str(const cJSON *o, const char *name, char *dst, size_t size, char *why, size_t why_size)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    if (!cJSON_IsString(v) || !v->valuestring || strlen(v->valuestring) >= size) {
        snprintf(why, why_size, "\"%s\" is missing, not a string or too long", name);
        return -1;
    }
    strcpy(dst, v->valuestring);
    return 0;
}

static int get_ms(const cJSON *o, const char *name, long *dst, char *why, size_t why_size)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    if (!cJSON_IsNumber(v) || v->valuedouble < 1 || v->valuedouble > 600000) {
        snprintf(why, why_size, "\"%s\" is missing or not a number from 1 to 600000", name);
        return -1;
    }
    *dst = (long)v->valuedouble;
    return 0;
}

int oqsdm_data_parse(const char *json, size_t len, oqsdm_data *out, char *why, size_t why_size)
{
    memset(out, 0, sizeof *out);
    if (len > OQSDM_DATA_MAX_BYTES) {
        snprintf(why, why_size, "larger than %d bytes", OQSDM_DATA_MAX_BYTES);
        return -1;
    }
    cJSON *root = cJSON_ParseWithLength(json, len);
    if (!root) {
        snprintf(why, why_size, "not valid JSON");
        return -1;
    }
    int rc = -1;
    const cJSON *defs = cJSON_GetObjectItemCaseSensitive(root, "defaults");
    const cJSON *proxy = cJSON_GetObjectItemCaseSensitive(root, "proxy");
    if (!cJSON_IsObject(defs) || !cJSON_IsObject(proxy)) {
        snprintf(why, why_size, "\"defaults\" or \"proxy\" is missing");
        goto done;
    }
    if (copy_str(defs, "Destination", out->destination, sizeof out->destination, why, why_size) ||
        get_ms(defs, "ConnectTimeoutMs", &out->connect_timeout_ms, why, why_size) ||
        get_ms(defs, "TimeoutMs", &out->timeout_ms, why, why_size) ||
        copy_str(defs, "RevocationCheck", out->revocation, sizeof out->revocation, why, why_size) ||
        copy_str(root, "portal_url", out->portal_url, sizeof out->portal_url, why, why_size) ||
        copy_str(proxy, "server", out->expected_proxy, sizeof out->expected_proxy, why, why_size))
        goto done;

    /* The bypass list is kept as the guide prints it: entries joined by "; ". */
    const cJSON *bypass = cJSON_GetObjectItemCaseSensitive(proxy, "bypass");
    if (!cJSON_IsArray(bypass)) {
        snprintf(why, why_size, "\"proxy.bypass\" is not a list");
        goto done;
    }
    size_t pos = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, bypass) {
        if (!cJSON_IsString(e)) {
            snprintf(why, why_size, "\"proxy.bypass\" holds a non-string");
            goto done;
        }
        int n = snprintf(out->expected_bypass + pos, sizeof out->expected_bypass - pos, "%s%s",
                         pos ? "; " : "", e->valuestring);
        if (n < 0 || (size_t)n >= sizeof out->expected_bypass - pos) {
            snprintf(why, why_size, "\"proxy.bypass\" is too long");
            goto done;
        }
        pos += (size_t)n;
    }
    rc = 0;
done:
    cJSON_Delete(root);
    return rc;
}
