/*
 * worker.c: one job on its own thread, so a dialog never freezes.
 *
 * A job is a kind of check (gui.h): the worker loads the INI and the data
 * file afresh for every job, so a corrected setting counts at the next
 * press, runs the check of that kind, and posts the job back. All file
 * I/O, every network request and every wait for an elevated oqsdm-cli of
 * the GUI happen here.
 */
#include "gui.h"

#include "oqsdm/diagnose.h"
#include "oqsdm/fix.h"
#include "oqsdm/platform.h"
#include "oqsdm/reader.h"
#include "oqsdm/settings.h"

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
        oqsdm_versions_bind_reader(app, &e);   /* a maker chosen later does not make it theirs */
    }
    if (oqsdm_reader_entry_save(app->state_dir, &app->data, &e, app->lang, &err) != OQSDM_OK) {
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

/* The settings dialog's job: save what was chosen (or have oqsdm-cli do it
 * as administrator), then read the INI as it is now. An INI the connection
 * check would refuse (missing, unreadable, a bad value) is still this
 * dialog's to show or repair, as for `oqsdm-cli settings`. */
static void run_settings(oqsdm_job *job, oqsdm_app *app)
{
    oqsdm_err rc = oqsdm_app_load_ini_optional(app, &job->opt, &job->load_error);
    if (rc != OQSDM_OK && rc != OQSDM_E_INI_READ && rc != OQSDM_E_INI_VALUE && rc != OQSDM_E_INI_KEY_MISSING) {
        job->load_rc = rc; /* the data file: nothing to choose from */
        return;
    }
    job->load_rc = OQSDM_OK;
    job->data = app->data;
    snprintf(job->ini_path, sizeof job->ini_path, "%s", app->ini_path);

    const struct { const char *key, *value, *option; } chosen[] = {
        {"Destination", job->set_destination, "--destination"},
        {"Provider", job->set_provider, "--provider"},
        {"ConnectionKind", job->set_kind, "--connection"},
    };
    enum { NCHOSEN = sizeof chosen / sizeof chosen[0] };
    if (job->action == OQSDM_ACT_APPLY) {
        oqsdm_setting changes[NCHOSEN];
        size_t n = 0;
        for (size_t i = 0; i < NCHOSEN; i++)
            if (chosen[i].value[0]) {
                changes[n].key = chosen[i].key;
                changes[n].value = chosen[i].value;
                n++;
            }
        job->apply_rc = oqsdm_settings_apply(app->ini_path, &app->data, changes, n, 0, NULL, 0, app->lang,
                                             &job->written, &job->apply_error);
    } else if (job->action == OQSDM_ACT_ELEVATED) {
        const char *args[2 + 2 * NCHOSEN + 1];
        size_t n = 0;
        args[n++] = "settings";
        for (size_t i = 0; i < NCHOSEN; i++)
            if (chosen[i].value[0]) {
                args[n++] = chosen[i].option;
                args[n++] = chosen[i].value;
            }
        args[n++] = "--json";
        args[n] = NULL;
        oqsdm_elevate_cli(job, args);
    }
    /* Read back from the file itself: after an elevated run this is the
     * only word on what happened to it. */
    job->read_rc = oqsdm_settings_read(app->ini_path, &app->data, app->lang, &job->settings, &job->read_error);
}

/* The diagnosis dialog's job (and the main window's after a failed check):
 * the fix or undo asked for, then every finding afresh, as the fix may
 * have changed what the others see. */
static void run_diagnose(oqsdm_job *job, oqsdm_app *app)
{
    job->load_rc = oqsdm_app_load(app, &job->opt, &job->load_error);
    if (job->load_rc != OQSDM_OK) {
        oqsdm_app_log_error(app, "diagnose", &job->load_error);
        return;
    }
    int changed = 0;
    if (job->action == OQSDM_ACT_APPLY || job->action == OQSDM_ACT_UNDO) {
        job->fix_rc = job->action == OQSDM_ACT_APPLY
                          ? oqsdm_fix_apply(app, job->finding, &job->fix, &job->fix_error)
                          : oqsdm_fix_undo(app, job->finding, &job->fix, &job->fix_error);
        changed = 1;
    } else if (job->action == OQSDM_ACT_ELEVATED) {
        const char *args[] = {"fix", oqsdm_finding_name(job->finding), "--json", NULL};
        oqsdm_elevate_cli(job, args);
        changed = 1;
    }
    if (changed) {
        /* The destination's fix rewrites the INI: diagnose what it holds now. */
        memset(app, 0, sizeof *app);
        job->load_rc = oqsdm_app_load(app, &job->opt, &job->load_error);
        if (job->load_rc != OQSDM_OK)
            return;
    }
    for (int i = 0; i < OQSDM_F_COUNT; i++)
        job->has_backup[i] = oqsdm_fix_has_backup(app, (oqsdm_finding_id)i);
    if (atomic_load(&job->cancel))
        return; /* the dialog is closing: nobody will read a diagnosis */
    oqsdm_diag_facts *facts = malloc(sizeof *facts);
    if (!facts) {
        job->load_rc = oqsdm_error_set(&job->load_error, OQSDM_E_NOMEM, oqsdm_msg(app->lang, OQSDM_MSG_ERR_NO_MEMORY));
        return;
    }
    oqsdm_app_diagnose(app, &job->cancel, &job->diagnosis, facts);
    free(facts);
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
        switch (job->kind) {
        case OQSDM_JOB_VERSIONS: run_versions(job, app); break;
        case OQSDM_JOB_SETTINGS: run_settings(job, app); break;
        case OQSDM_JOB_DIAGNOSE: run_diagnose(job, app); break;
        default: run_connection(job, app); break;
        }
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
