/*
 * worker.c: one job on its own thread, so a dialog never freezes.
 *
 * A job is a kind of check (gui.h): the worker loads the INI and the data
 * file afresh for every job, so a corrected setting counts at the next
 * press, runs the check of that kind, and posts the job back. All file
 * I/O and every network request of the GUI happen here.
 */
#include "gui.h"

#include "oqsdm/platform.h"
#include "oqsdm/reader.h"

#include <process.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

oqsdm_job *oqsdm_job_new(oqsdm_job_kind kind, const oqsdm_gui_session *s, HWND notify)
{
    oqsdm_job *job = calloc(1, sizeof *job);
    if (!job)
        return NULL;
    job->kind = kind;
    job->opt.lang = s->lang;
    memcpy(job->config_path, s->config_path, sizeof job->config_path);
    memcpy(job->root, s->root, sizeof job->root);
    job->notify = notify;
    atomic_init(&job->cancel, 0);
    return job;
}

static void run_connection(oqsdm_job *job, oqsdm_app *app)
{
    job->load_rc = oqsdm_app_load(app, &job->opt, &job->load_error);
    if (job->load_rc == OQSDM_OK)
        job->load_rc = oqsdm_config_require_server(&app->config, app->lang, &job->load_error);
    if (job->load_rc != OQSDM_OK) {
        oqsdm_app_log_error(app, "connection", &job->load_error);
        return;
    }
    job->destination = app->config.destination;
    oqsdm_app_check_connection(app, &job->cancel, &job->result, job->log_error, sizeof job->log_error);
}

/* What staff chose or read on the reader's own tool, as the CLI's
 * --vendor and --reader-version record it. The dialog has checked that
 * the typed text is a version; this is the file's side. */
static void record_reader(oqsdm_job *job, const oqsdm_app *app)
{
    oqsdm_reader_entry e;
    oqsdm_error err;
    oqsdm_reader_entry_load(app->state_dir, &app->data, &e);
    if (job->set_vendor)
        snprintf(e.vendor, sizeof e.vendor, "%s", job->vendor);
    if (job->set_reader) {
        if (oqsdm_reader_entry_set_version(&e, job->reader_typed)) {
            job->reader_rc = -1;
            oqsdm_msgf1(job->reader_error, sizeof job->reader_error, app->lang, OQSDM_MSG_ERR_READER_VERSION,
                        job->reader_typed);
            return;
        }
        oqsdm_plat_local_time_iso8601(e.entered_at, sizeof e.entered_at);
    }
    if (oqsdm_reader_entry_save(app->state_dir, &e, app->lang, &err) != OQSDM_OK) {
        job->reader_rc = -1;
        snprintf(job->reader_error, sizeof job->reader_error, "%s", err.message);
    }
}

static void run_versions(oqsdm_job *job, oqsdm_app *app)
{
    const char *portal = job->portal[0] ? job->portal : NULL;
    /* A saved page needs no INI, as with the CLI's --portal. */
    job->load_rc = portal ? oqsdm_app_load_ini_optional(app, &job->opt, &job->load_error)
                          : oqsdm_app_load(app, &job->opt, &job->load_error);
    if (app->data.nvendors <= OQSDM_DATA_MAX_VENDORS) {
        job->nvendors = app->data.nvendors;
        memcpy(job->vendors, app->data.vendors, job->nvendors * sizeof job->vendors[0]);
    }
    if (job->load_rc != OQSDM_OK) {
        oqsdm_app_log_error(app, "versions", &job->load_error);
        return;
    }
    if (job->set_vendor || job->set_reader)
        record_reader(job, app);
    oqsdm_versions_request rq = {portal, (long long)time(NULL), &job->cancel};
    oqsdm_versions_check(app, &rq, &job->versions);
}

static unsigned __stdcall worker_main(void *arg)
{
    oqsdm_job *job = arg;
    oqsdm_app *app = calloc(1, sizeof *app);
    if (!app) {
        job->load_rc = oqsdm_error_set(&job->load_error, OQSDM_E_NOMEM,
                                       oqsdm_msg(job->opt.lang, OQSDM_MSG_ERR_NO_MEMORY));
    } else {
        job->opt.config_path = job->config_path[0] ? job->config_path : NULL;
        job->opt.root = job->root[0] ? job->root : NULL;
        if (job->kind == OQSDM_JOB_VERSIONS)
            run_versions(job, app);
        else
            run_connection(job, app);
        free(app);
    }
    if (!PostMessageW(job->notify, WM_OQSDM_JOB_DONE, 0, (LPARAM)job))
        free(job); /* the window is gone: nobody else will */
    return 0;
}

HANDLE oqsdm_worker_start(oqsdm_job *job)
{
    uintptr_t h = _beginthreadex(NULL, 0, worker_main, job, 0, NULL);
    return (HANDLE)h;
}
