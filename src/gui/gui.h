/*
 * gui.h: the dialog's window messages and the worker's job.
 *
 * The worker runs one check on its own thread and hands the job back to
 * the dialog in the LPARAM of WM_OQSDM_CHECK_DONE; the dialog frees it.
 * The job is the worker's only memory: it never touches a control or the
 * dialog's state, and if the window is gone it frees the job itself.
 */
#ifndef OQSDM_GUI_H
#define OQSDM_GUI_H

#include <stdatomic.h>
#include <windows.h>

#include "oqsdm/app.h"

#define WM_OQSDM_CHECK_DONE (WM_APP + 1)

typedef struct oqsdm_job {
    /* in */
    oqsdm_options opt;
    char config_path[1024];
    char root[1024];
    HWND notify;
    atomic_int cancel;
    /* out */
    oqsdm_err load_rc;          /* OQSDM_OK when the INI and data file loaded */
    oqsdm_error load_error;
    oqsdm_conn_result result;
    char log_error[512];
    oqsdm_destination destination;
} oqsdm_job;

/* Starts the job on a new thread; returns the thread handle or NULL. On
 * success the worker owns the job until it posts it back. */
HANDLE oqsdm_worker_start(oqsdm_job *job);

#endif
