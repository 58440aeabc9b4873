/*
 * portal_cache.h: the last good result of fetching the portal page, kept
 * per URL in oqsdm's state folder (portal-cache.json).
 *
 * Terminals sit on a closed network that may reach the portal only now
 * and then; when a fetch fails, the last result that did come through is
 * still worth showing, with its date. "Good" means the page came and its
 * version section was found. What is kept is the extracted texts, not the
 * page. The file is outside input: parsed strictly, bounded, and a damaged
 * one is no cache at all (it is rewritten by the next good fetch).
 */
#ifndef OQSDM_PORTAL_CACHE_H
#define OQSDM_PORTAL_CACHE_H

#include <stddef.h>
#include "portal.h"

#define OQSDM_PORTAL_CACHE_FILE "portal-cache.json"
#define OQSDM_PORTAL_CACHE_MAX_BYTES (64 * 1024)
#define OQSDM_PORTAL_CACHE_MAX_URLS 8   /* the oldest entries beyond this are dropped */

typedef struct oqsdm_portal_cache_entry {
    char url[1024];
    long long fetched_unix;   /* seconds since 1970 (UTC) */
    char fetched_at[40];      /* ISO 8601 local time, for people */
    oqsdm_portal_result result;  /* page FOUND; the texts and reasons as extracted */
} oqsdm_portal_cache_entry;

/* Finds the entry for `url` in the file's JSON. 0 found; 1 no entry for
 * it; -1 not a cache file. */
int oqsdm_portal_cache_find(const char *json, size_t len, const char *url, oqsdm_portal_cache_entry *out);

/* The file's new text with `e` in place of any entry for the same URL
 * (`old_json` may be NULL or damaged: then it holds `e` alone). malloc'd;
 * NULL when out of memory. */
char *oqsdm_portal_cache_put(const char *old_json, size_t old_len, const oqsdm_portal_cache_entry *e);

/* The same on the file in `state_dir`. load: 0 found, 1 not, -1 damaged.
 * store: 0 on success, -1 with the system error (oqsdm_plat_last_error). */
int oqsdm_portal_cache_load(const char *state_dir, const char *url, oqsdm_portal_cache_entry *out);
int oqsdm_portal_cache_store(const char *state_dir, const oqsdm_portal_cache_entry *e);

#endif
