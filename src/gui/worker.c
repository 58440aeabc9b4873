/*
 * worker.c: one check on its own thread, so the dialog never freezes.
 *
 * File I/O happens here too: the INI and the data file are read afresh for
 * every check, so a corrected setting counts at the next press.
 */
#include "gui.h"

#include <process.h>
#include <stdlib.h>

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
        job->load_rc = oqsdm_app_load(app, &job->opt, &job->load_error);
        if (job->load_rc == OQSDM_OK)
            job->load_rc = oqsdm_config_require_server(&app->config, app->lang, &job->load_error);
        if (job->load_rc != OQSDM_OK)
            oqsdm_app_log_error(app, "connection", &job->load_error);
        if (job->load_rc == OQSDM_OK) {
            job->destination = app->config.destination;
            oqsdm_app_check_connection(app, &job->cancel, &job->result, job->log_error,
                                       sizeof job->log_error);
        }
        free(app);
    }
    if (!PostMessageW(job->notify, WM_OQSDM_CHECK_DONE, 0, (LPARAM)job))
        free(job); /* the window is gone: nobody else will */
    return 0;
}

HANDLE oqsdm_worker_start(oqsdm_job *job)
{
    uintptr_t h = _beginthreadex(NULL, 0, worker_main, job, 0, NULL);
    return (HANDLE)h;
}
