/*
 * json_fields.c: bounded cJSON member reads (see json_fields.h).
 */
#include "oqsdm/json_fields.h"

#include <string.h>

int oqsdm_json_str(const cJSON *o, const char *name, char *dst, size_t size)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    if (size)
        dst[0] = '\0';
    if (!cJSON_IsString(v) || !v->valuestring || strlen(v->valuestring) >= size)
        return -1;
    strcpy(dst, v->valuestring);
    return 0;
}

int oqsdm_json_opt_str(const cJSON *o, const char *name, char *dst, size_t size)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    if (size)
        dst[0] = '\0';
    if (!v || cJSON_IsNull(v))
        return 0;
    return oqsdm_json_str(o, name, dst, size);
}

int oqsdm_json_bool(const cJSON *o, const char *name, int *dst)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    if (!cJSON_IsBool(v))
        return -1;
    *dst = cJSON_IsTrue(v) ? 1 : 0;
    return 0;
}
