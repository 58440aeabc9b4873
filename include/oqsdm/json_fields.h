/*
 * json_fields.h: the bounded member reads every JSON reader of outside
 * input needs (the data file, the state files), in one place, so none of
 * them copies a string without checking that it fits.
 */
#ifndef OQSDM_JSON_FIELDS_H
#define OQSDM_JSON_FIELDS_H

#include <stddef.h>
#include <cjson/cJSON.h>

/* The string member `name` of object `o` into dst: 0, or -1 when it is
 * missing, not a string, or not shorter than `size` (dst is then ""). */
int oqsdm_json_str(const cJSON *o, const char *name, char *dst, size_t size);

/* The same, where an absent or null member reads as "" (0). */
int oqsdm_json_opt_str(const cJSON *o, const char *name, char *dst, size_t size);

/* The boolean member `name`: 0 and *dst 0/1, or -1 when it is not one. */
int oqsdm_json_bool(const cJSON *o, const char *name, int *dst);

#endif
