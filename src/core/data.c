/*
 * data.c: reads the data file of the guide's public values with cJSON.
 *
 * Only what the code uses is read; unknown members are ignored so a newer
 * data file works with an older program. What is read is checked: a value
 * the program cannot use (a destination that is neither base nor cloud, a
 * vendor the portal reader does not know, a list longer than its bound) is
 * a broken data file, said at start-up, not a surprise in a check.
 */
#include "oqsdm/data.h"
#include "oqsdm/json_fields.h"
#include "oqsdm/portal.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct parser {
    char *why;
    size_t why_size;
} parser;

static int fail(parser *p, const char *what, const char *name)
{
    snprintf(p->why, p->why_size, "\"%s\" %s", name, what);
    return -1;
}

static int copy_str(parser *p, const cJSON *o, const char *name, char *dst, size_t size)
{
    return oqsdm_json_str(o, name, dst, size) ? fail(p, "is missing, not a string or too long", name) : 0;
}

/* An optional string: "" when absent or null. */
static int copy_opt(parser *p, const cJSON *o, const char *name, char *dst, size_t size)
{
    return oqsdm_json_opt_str(o, name, dst, size) ? fail(p, "is not a string or too long", name) : 0;
}

static int get_num(parser *p, const cJSON *o, const char *name, long lo, long hi, long *dst)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    if (!cJSON_IsNumber(v) || v->valuedouble < (double)lo || v->valuedouble > (double)hi)
        return fail(p, "is missing or out of range", name);
    *dst = (long)v->valuedouble;
    return 0;
}

/* A list of strings into rows of `width` bytes, at most `max` of them. */
static int get_list(parser *p, const cJSON *o, const char *name, char *rows, size_t width, size_t max,
                    size_t *count)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, name), *e;
    *count = 0;
    if (!cJSON_IsArray(a))
        return fail(p, "is not a list", name);
    cJSON_ArrayForEach(e, a) {
        if (!cJSON_IsString(e) || !e->valuestring[0] || strlen(e->valuestring) >= width)
            return fail(p, "holds an empty, too long or non-string entry", name);
        if (*count == max)
            return fail(p, "has too many entries", name);
        strcpy(rows + *count * width, e->valuestring);
        (*count)++;
    }
    return 0;
}

static int is_one_of(const char *s, const char *a, const char *b)
{
    return strcmp(s, a) == 0 || (b && strcmp(s, b) == 0);
}

static int get_providers(parser *p, const cJSON *root, oqsdm_data *out)
{
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(root, "providers"), *e;
    if (!cJSON_IsObject(o))
        return fail(p, "is missing", "providers");
    cJSON_ArrayForEach(e, o) {
        if (out->nproviders == OQSDM_DATA_MAX_PROVIDERS)
            return fail(p, "has too many entries", "providers");
        oqsdm_provider *pr = &out->providers[out->nproviders];
        if (!cJSON_IsObject(e) || !e->string || !e->string[0] || strlen(e->string) >= sizeof pr->id)
            return fail(p, "holds a bad entry", "providers");
        strcpy(pr->id, e->string);
        if (copy_opt(p, e, "kind", pr->kind, sizeof pr->kind) ||
            copy_str(p, e, "destination", pr->destination, sizeof pr->destination) ||
            copy_opt(p, e, "region", pr->region, sizeof pr->region))
            return -1;
        if ((pr->kind[0] && !is_one_of(pr->kind, "ipsec", "ipvpn")) ||
            !is_one_of(pr->destination, "base", "cloud") ||
            (pr->region[0] && !is_one_of(pr->region, "east", "west")))
            return fail(p, "has a kind, destination or region that is not known", pr->id);
        out->nproviders++;
    }
    return out->nproviders ? 0 : fail(p, "is empty", "providers");
}

static int get_vendors(parser *p, const cJSON *root, oqsdm_data *out)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, "reader_vendors"), *e;
    if (!cJSON_IsArray(a))
        return fail(p, "is not a list", "reader_vendors");
    cJSON_ArrayForEach(e, a) {
        if (out->nvendors == OQSDM_DATA_MAX_VENDORS)
            return fail(p, "has too many entries", "reader_vendors");
        oqsdm_vendor *v = &out->vendors[out->nvendors];
        if (!cJSON_IsObject(e))
            return fail(p, "holds an entry that is not an object", "reader_vendors");
        if (copy_str(p, e, "id", v->id, sizeof v->id) ||
            copy_str(p, e, "steps", v->steps, sizeof v->steps) ||
            get_list(p, e, "display_names", &v->patterns[0][0], sizeof v->patterns[0],
                     OQSDM_DATA_MAX_PATTERNS, &v->npatterns))
            return -1;
        v->portal_vendor = -1;
        for (int k = 0; k < OQSDM_PORTAL_VENDOR_COUNT; k++)
            if (strcmp(v->id, oqsdm_portal_vendor_id((oqsdm_portal_vendor)k)) == 0)
                v->portal_vendor = k;
        if (v->portal_vendor < 0)
            return fail(p, "is not a card reader vendor the portal reader knows", v->id);
        out->nvendors++;
    }
    return 0;
}

static int get_dns(parser *p, const cJSON *root, oqsdm_data *out)
{
    const cJSON *dns = cJSON_GetObjectItemCaseSensitive(root, "dns");
    const cJSON *ngn = cJSON_GetObjectItemCaseSensitive(dns, "ngn");
    const cJSON *oqs = cJSON_GetObjectItemCaseSensitive(dns, "oqs");
    if (!cJSON_IsObject(ngn) || !cJSON_IsObject(oqs))
        return fail(p, "is missing \"ngn\" or \"oqs\"", "dns");
#define LIST(o, name, arr, n) get_list(p, o, name, &(arr)[0][0], sizeof (arr)[0], sizeof (arr) / sizeof (arr)[0], &(n))
    return LIST(ngn, "east", out->dns_ngn_east, out->ndns_ngn_east) ||
           LIST(ngn, "west", out->dns_ngn_west, out->ndns_ngn_west) ||
           LIST(oqs, "east", out->dns_oqs_east, out->ndns_oqs_east) ||
           LIST(oqs, "west", out->dns_oqs_west, out->ndns_oqs_west) ||
           LIST(oqs, "domains", out->dns_oqs_domains, out->ndns_oqs_domains) ||
           LIST(dns, "probe_names", out->dns_probe_names, out->ndns_probe_names) ? -1 : 0;
#undef LIST
}

int oqsdm_data_parse(const char *json, size_t len, oqsdm_data *out, char *why, size_t why_size)
{
    memset(out, 0, sizeof *out);
    parser P = {why, why_size}, *p = &P;
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
    if (copy_str(p, defs, "Destination", out->destination, sizeof out->destination) ||
        get_num(p, defs, "ConnectTimeoutMs", 1, 600000, &out->connect_timeout_ms) ||
        get_num(p, defs, "TimeoutMs", 1, 600000, &out->timeout_ms) ||
        copy_str(p, defs, "RevocationCheck", out->revocation, sizeof out->revocation) ||
        get_num(p, defs, "PortalMaxAgeDays", 1, 3650, &out->portal_max_age_days) ||
        copy_str(p, root, "portal_url", out->portal_url, sizeof out->portal_url) ||
        copy_str(p, proxy, "server", out->expected_proxy, sizeof out->expected_proxy) ||
        get_list(p, proxy, "bypass", &out->bypass[0][0], sizeof out->bypass[0], OQSDM_DATA_MAX_BYPASS,
                 &out->nbypass))
        goto done;
    if (!is_one_of(out->destination, "base", "cloud") || !is_one_of(out->revocation, "strict", "best-effort")) {
        snprintf(why, why_size, "\"defaults\" has an unknown Destination or RevocationCheck");
        goto done;
    }
    /* The bypass list is also kept as the guide prints it: entries joined by "; ". */
    size_t pos = 0;
    for (size_t i = 0; i < out->nbypass; i++) {
        int n = snprintf(out->expected_bypass + pos, sizeof out->expected_bypass - pos, "%s%s",
                         pos ? "; " : "", out->bypass[i]);
        if (n < 0 || (size_t)n >= sizeof out->expected_bypass - pos) {
            snprintf(why, why_size, "\"proxy.bypass\" is too long");
            goto done;
        }
        pos += (size_t)n;
    }
    if (get_providers(p, root, out) || get_vendors(p, root, out) || get_dns(p, root, out))
        goto done;
    rc = 0;
done:
    cJSON_Delete(root);
    return rc;
}

const oqsdm_provider *oqsdm_data_provider(const oqsdm_data *d, const char *id)
{
    for (size_t i = 0; id && i < d->nproviders; i++)
        if (strcasecmp(d->providers[i].id, id) == 0)  /* INI values are typed by hand */
            return &d->providers[i];
    return NULL;
}

const oqsdm_vendor *oqsdm_data_vendor(const oqsdm_data *d, const char *id)
{
    for (size_t i = 0; id && i < d->nvendors; i++)
        if (strcmp(d->vendors[i].id, id) == 0)
            return &d->vendors[i];
    return NULL;
}

const char *oqsdm_data_recommended_destination(const oqsdm_data *d, const char *provider, const char *kind)
{
    const oqsdm_provider *p = oqsdm_data_provider(d, provider);
    if (!p)
        return NULL;
    if (kind && kind[0] && p->kind[0] && strcmp(kind, p->kind) != 0)
        return "cloud";
    return p->destination;
}
