/*
 * fuzz_data.c: libFuzzer target for the data file reader
 * oqsdm_data_parse (src/core/data.c, cJSON underneath), fed the raw bytes
 * of res/oqsdm-data.json and mutations, without a terminating NUL.
 *
 * Invariants asserted (besides ASan/UBSan finding nothing):
 *  - the result is 0 or -1; on -1 `why` is a non-empty, terminated string,
 *    and a tiny `why` buffer gets a terminated prefix of the same text;
 *  - on 0 both timeouts are 1..600000 and every string member is
 *    terminated inside its array;
 *  - parsing is deterministic (a second parse gives the same struct, byte
 *    for byte);
 *  - round trip: the values written back as JSON (cJSON) parse to the same
 *    struct (every list, provider, vendor and DNS entry included).
 */
#include "fuzz_common.h"
#include "oqsdm/data.h"

#include <cjson/cJSON.h>

static cJSON *list_json(const char *rows, size_t width, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    if (!a) abort();
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(rows + i * width));
    return a;
}

static void add_opt(cJSON *o, const char *name, const char *v)
{
    if (v[0])
        cJSON_AddStringToObject(o, name, v);
    else
        cJSON_AddNullToObject(o, name);
}

static char *to_json(const oqsdm_data *d)
{
    cJSON *root = cJSON_CreateObject(), *defs = cJSON_CreateObject(),
          *proxy = cJSON_CreateObject();
    if (!root || !defs || !proxy) abort();
    cJSON_AddItemToObject(root, "defaults", defs);
    cJSON_AddItemToObject(root, "proxy", proxy);
    cJSON_AddStringToObject(defs, "Destination", d->destination);
    cJSON_AddNumberToObject(defs, "ConnectTimeoutMs", (double)d->connect_timeout_ms);
    cJSON_AddNumberToObject(defs, "TimeoutMs", (double)d->timeout_ms);
    cJSON_AddStringToObject(defs, "RevocationCheck", d->revocation);
    cJSON_AddNumberToObject(defs, "PortalMaxAgeDays", (double)d->portal_max_age_days);
    cJSON_AddStringToObject(root, "portal_url", d->portal_url);
    cJSON_AddStringToObject(proxy, "server", d->expected_proxy);
    cJSON_AddItemToObject(proxy, "bypass", list_json(&d->bypass[0][0], sizeof d->bypass[0], d->nbypass));
    cJSON *prov = cJSON_AddObjectToObject(root, "providers");
    for (size_t i = 0; i < d->nproviders; i++) {
        cJSON *p = cJSON_AddObjectToObject(prov, d->providers[i].id);
        add_opt(p, "kind", d->providers[i].kind);
        cJSON_AddStringToObject(p, "destination", d->providers[i].destination);
        add_opt(p, "region", d->providers[i].region);
    }
    cJSON *vend = cJSON_AddArrayToObject(root, "reader_vendors");
    for (size_t i = 0; i < d->nvendors; i++) {
        cJSON *v = cJSON_CreateObject();
        cJSON_AddItemToArray(vend, v);
        cJSON_AddStringToObject(v, "id", d->vendors[i].id);
        cJSON_AddStringToObject(v, "steps", d->vendors[i].steps);
        cJSON_AddItemToObject(v, "display_names", list_json(&d->vendors[i].patterns[0][0],
                                                            sizeof d->vendors[i].patterns[0], d->vendors[i].npatterns));
    }
    cJSON *dns = cJSON_AddObjectToObject(root, "dns"), *ngn = cJSON_AddObjectToObject(dns, "ngn"),
          *oqs = cJSON_AddObjectToObject(dns, "oqs");
#define L(arr, n) list_json(&(arr)[0][0], sizeof (arr)[0], (n))
    cJSON_AddItemToObject(ngn, "east", L(d->dns_ngn_east, d->ndns_ngn_east));
    cJSON_AddItemToObject(ngn, "west", L(d->dns_ngn_west, d->ndns_ngn_west));
    cJSON_AddItemToObject(oqs, "east", L(d->dns_oqs_east, d->ndns_oqs_east));
    cJSON_AddItemToObject(oqs, "west", L(d->dns_oqs_west, d->ndns_oqs_west));
    cJSON_AddItemToObject(oqs, "domains", L(d->dns_oqs_domains, d->ndns_oqs_domains));
    cJSON_AddItemToObject(dns, "probe_names", L(d->dns_probe_names, d->ndns_probe_names));
#undef L
    char *s = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (!s) abort();
    return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *json = malloc(size ? size : 1);
    if (!json) abort();
    if (size) memcpy(json, data, size);

    oqsdm_data *d = malloc(sizeof *d), *d2 = malloc(sizeof *d2);
    if (!d || !d2) abort();
    char why[256];
    memset(why, 'X', sizeof why);
    int rc = oqsdm_data_parse(json, size, d, why, sizeof why);
    FUZZ_CHECK(rc == 0 || rc == -1);

    enum { TINY = 8 };
    char *tiny = malloc(TINY);
    if (!tiny) abort();
    memset(tiny, 'X', TINY);
    int rc2 = oqsdm_data_parse(json, size, d2, tiny, TINY);
    FUZZ_CHECK(rc2 == rc);

    if (rc != 0) {
        FUZZ_CHECK(fuzz_terminated(why, sizeof why) && why[0] != '\0');
        FUZZ_CHECK(fuzz_terminated(tiny, TINY) && strlen(tiny) > 0 &&
                   strncmp(tiny, why, strlen(tiny)) == 0);
    } else {
        FUZZ_CHECK(memcmp(d, d2, sizeof *d) == 0);
        FUZZ_CHECK(d->connect_timeout_ms >= 1 && d->connect_timeout_ms <= 600000);
        FUZZ_CHECK(d->timeout_ms >= 1 && d->timeout_ms <= 600000);
        FUZZ_CHECK(fuzz_terminated(d->destination, sizeof d->destination));
        FUZZ_CHECK(fuzz_terminated(d->revocation, sizeof d->revocation));
        FUZZ_CHECK(fuzz_terminated(d->portal_url, sizeof d->portal_url));
        FUZZ_CHECK(fuzz_terminated(d->expected_proxy, sizeof d->expected_proxy));
        FUZZ_CHECK(fuzz_terminated(d->expected_bypass, sizeof d->expected_bypass));
        FUZZ_CHECK(d->portal_max_age_days >= 1 && d->portal_max_age_days <= 3650);
        FUZZ_CHECK(d->nproviders >= 1 && d->nproviders <= OQSDM_DATA_MAX_PROVIDERS);
        for (size_t i = 0; i < d->nvendors; i++)
            FUZZ_CHECK(d->vendors[i].portal_vendor >= 0);

        char *again = to_json(d);
        size_t n = strlen(again);
        char *exact = malloc(n ? n : 1);   /* unterminated, like a file read */
        if (!exact) abort();
        memcpy(exact, again, n);
        cJSON_free(again);
        FUZZ_CHECK(oqsdm_data_parse(exact, n, d2, why, sizeof why) == 0);
        FUZZ_CHECK(memcmp(d, d2, sizeof *d) == 0);
        free(exact);
    }
    free(tiny);
    free(d2);
    free(d);
    free(json);
    return 0;
}
