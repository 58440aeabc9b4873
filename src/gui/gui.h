/*
 * gui.h: the dialogs' window messages, what they share, and the worker's job.
 *
 * Every check runs as a job of one kind on a thread of its own (worker.c)
 * and comes back to the dialog that started it in the LPARAM of
 * WM_OQSDM_JOB_DONE; that dialog frees it. The job is the worker's only
 * memory: it never touches a control or a dialog's state, and if the
 * window is gone when it is done it frees the job itself.
 */
#ifndef OQSDM_GUI_H
#define OQSDM_GUI_H

#include <stdatomic.h>
#include <windows.h>

#include "oqsdm/app.h"
#include "oqsdm/versions.h"

#define WM_OQSDM_JOB_DONE (WM_APP + 1)

/* What both dialogs know of the session: the command line's choices, and
 * what outlives one dialog. */
typedef struct oqsdm_gui_session {
    oqsdm_lang lang;
    char config_path[1024];       /* --config, "" for the guide's path */
    char root[1024];              /* --root, "" for none */
    HWND versions;                /* the open versions dialog, NULL when none */
    int abandoned;                /* a worker was left behind, stuck (see versions_dialog.c) */
} oqsdm_gui_session;

typedef enum oqsdm_job_kind {
    OQSDM_JOB_CONNECTION = 0,     /* the connection check */
    OQSDM_JOB_VERSIONS = 1        /* the version check, after recording the reader's entry if asked */
} oqsdm_job_kind;

typedef struct oqsdm_job {
    oqsdm_job_kind kind;
    /* in */
    oqsdm_options opt;
    char config_path[1024];
    char root[1024];
    HWND notify;
    atomic_int cancel;
    /* in, versions */
    char portal[1024];            /* a saved page, "" for PortalUrl with the cache */
    int set_vendor;               /* record `vendor` as chosen by staff */
    char vendor[16];
    int set_reader;               /* record `reader_typed` as the reader's version, dated now */
    char reader_typed[OQSDM_VERSION_RAW_MAX];
    /* out, both */
    oqsdm_err load_rc;            /* OQSDM_OK when the INI and data file loaded */
    oqsdm_error load_error;
    /* out, connection */
    oqsdm_conn_result result;
    char log_error[512];
    oqsdm_destination destination;
    /* out, versions */
    oqsdm_versions_result versions;
    oqsdm_vendor vendors[OQSDM_DATA_MAX_VENDORS];   /* the data file's, for the maker list */
    size_t nvendors;
    int reader_rc;                /* 0, or -1 when the entry could not be recorded */
    char reader_error[1024];      /* why, user's language */
} oqsdm_job;

/* A zeroed job of `kind` for the session, answering to `notify`; NULL when
 * out of memory. */
oqsdm_job *oqsdm_job_new(oqsdm_job_kind kind, const oqsdm_gui_session *s, HWND notify);

/* Starts the job on a new thread; returns the thread handle or NULL (the
 * job is then still the caller's). On success the worker owns the job
 * until it posts it back. */
HANDLE oqsdm_worker_start(oqsdm_job *job);

/* The versions dialog, modal over `owner`. Returns when it is closed. */
void oqsdm_versions_dialog(HWND owner, oqsdm_gui_session *s);

#endif
