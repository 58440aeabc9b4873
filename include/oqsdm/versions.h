/*
 * versions.h: the version check (配信実績の確認, the guide's p.3): are the
 * four applications on the terminal at the latest published version?
 *
 * Installed: the three Version.info files at the guide's paths (read by
 * version_file.h, located case-insensitively under --root) and the card
 * reader's version as staff entered it (reader.h). Latest: the portal
 * page's section (portal.h), fetched from PortalUrl by the connection
 * check's route rules with the last good result cached (portal_cache.h),
 * or a saved page / another URL given for this run only (never cached).
 *
 * Every application gets one status; anything not known for sure is
 * `unknown` with a reason, never a guess: a missing section, an
 * application the section does not list, a cached result older than
 * PortalMaxAgeDays, a file without a clear version.
 */
#ifndef OQSDM_VERSIONS_H
#define OQSDM_VERSIONS_H

#include <stdatomic.h>
#include "app.h"
#include "connection.h"
#include "portal.h"
#include "reader.h"
#include "version_file.h"

typedef enum oqsdm_vstatus {
    OQSDM_VST_LATEST = 0,     /* green: installed == latest */
    OQSDM_VST_OUTDATED = 1,   /* red: installed < latest */
    OQSDM_VST_NEWER = 2,      /* green: ahead of the portal */
    OQSDM_VST_MISSING = 3,    /* red: not installed */
    OQSDM_VST_UNKNOWN = 4,    /* grey: installed or latest not known */
    OQSDM_VST_COUNT = 5
} oqsdm_vstatus;

/* "latest", "outdated", "newer", "missing", "unknown". */
const char *oqsdm_vstatus_name(oqsdm_vstatus s);

/* The status from what is known (pure): `installed` NULL when unknown,
 * `missing` when the application is not installed, `latest` NULL when
 * unknown. Missing wins over everything, then unknown. */
oqsdm_vstatus oqsdm_vstatus_of(int missing, const oqsdm_version *installed, const oqsdm_version *latest);

typedef struct oqsdm_app_version {
    oqsdm_portal_app id;
    oqsdm_vstatus status;
    int missing;             /* the application is not installed (no version file) */
    int has_installed;
    char installed[OQSDM_VERSION_TEXT_MAX];      /* normalised: "1.0.10" */
    char installed_raw[OQSDM_VERSION_RAW_MAX];   /* as written or typed */
    int has_latest;
    char latest[OQSDM_VERSION_TEXT_MAX];
    char latest_raw[OQSDM_PORTAL_TEXT_MAX];      /* the portal's text */
    char path[1024];         /* the version file read; "" for the reader */
    char reason_code[32];    /* stable: "latest", "file_missing", "not_listed", ... */
    char reason[1024];       /* one line, user's language */
} oqsdm_app_version;

typedef enum oqsdm_latest_origin {
    OQSDM_LATEST_FETCHED = 0,   /* fetched now from the URL */
    OQSDM_LATEST_CACHED = 1,    /* the fetch failed; the last good result */
    OQSDM_LATEST_FILE = 2,      /* a saved page (--portal FILE, the GUI's file dialog) */
    OQSDM_LATEST_NONE = 3       /* nothing usable */
} oqsdm_latest_origin;

typedef struct oqsdm_latest_source {
    char location[1024];        /* the URL or the file */
    oqsdm_latest_origin origin;
    int from_cache;
    char fetched_at[40];        /* ISO 8601 of the data shown, "" when none */
    long long age_days;         /* of cached data */
    int expired;                /* a cached result too old to count */
    oqsdm_portal_reason page;   /* what the extractor made of the page */
    int fetch_failed;
    oqsdm_conn_result fetch;    /* how the fetch went (URL sources) */
    char note[1400];            /* one line about where the data came from, user's language */
} oqsdm_latest_source;

typedef enum oqsdm_vendor_source {
    OQSDM_VENDOR_NONE = 0,
    OQSDM_VENDOR_ENTERED = 1,    /* chosen by staff */
    OQSDM_VENDOR_INSTALLED = 2   /* guessed from installed programs */
} oqsdm_vendor_source;

typedef struct oqsdm_versions_result {
    oqsdm_app_version app[OQSDM_PORTAL_APP_COUNT];
    oqsdm_latest_source source;
    int vendor;                  /* index into the data's vendors, -1 when none */
    oqsdm_vendor_source vendor_source;
    char vendor_program[256];    /* the installed program it was guessed from */
    int vendors_ambiguous;
    char reader_entered_at[40];  /* when staff typed the version, "" when never */
    int count[OQSDM_VST_COUNT];
    int exit_class;              /* 0 all latest or newer, 1 any outdated or missing, 3 otherwise */
    char summary[512];           /* one line, user's language */
    char advice[2048];           /* what to do next, "" when nothing */
} oqsdm_versions_result;

typedef struct oqsdm_versions_request {
    const char *portal;          /* a saved page or a URL for this run, NULL: PortalUrl with the cache */
    long long now_unix;          /* the time to age the cache against */
    const atomic_int *cancel;    /* may be NULL */
} oqsdm_versions_request;

/* Runs the check. `app` was loaded with oqsdm_app_load (an INI is not
 * needed when rq->portal is set). Logs one line. Never fails: whatever
 * cannot be read is unknown with its reason. */
void oqsdm_versions_check(const oqsdm_app *app, const oqsdm_versions_request *rq, oqsdm_versions_result *out);

/* Ties a version staff just typed into `e` to the vendor whose tool they
 * read it on: the vendor chosen, else the one guessed from the installed
 * programs, else none. Call it after oqsdm_reader_entry_set_version, before
 * saving (the CLI's --reader-version and the dialog's Save both do). */
void oqsdm_versions_bind_reader(const oqsdm_app *app, oqsdm_reader_entry *e);

/* The latest versions from page bytes (pure: no files, no network). */
void oqsdm_versions_latest_from_page(const char *page, size_t len, const char *content_type,
                                     oqsdm_portal_result *out);

/* Fills the statuses, counts, summary and advice from installed and
 * latest results already in `out` (pure; used by oqsdm_versions_check and
 * by tests). */
void oqsdm_versions_decide(const oqsdm_data *d, oqsdm_lang lang, const oqsdm_portal_result *latest,
                           oqsdm_versions_result *out);

#endif
