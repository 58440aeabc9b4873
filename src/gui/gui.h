/*
 * gui.h: the dialogs' window messages, what they share, and the worker's job.
 *
 * Every check runs as a job of one kind on a thread of its own (worker.c)
 * and comes back to the dialog that started it in the LPARAM of
 * WM_OQSDM_JOB_DONE; that dialog frees it. The job is the worker's only
 * memory: it never touches a control or a dialog's state, and if the
 * window is gone when it is done it frees the job itself.
 *
 * Kinds: the connection check (main window); the version check (versions
 * dialog); the settings, read or saved, directly or through oqsdm-cli
 * run as administrator (settings dialog); the diagnosis, after a fix or
 * an undo if asked, also as administrator (diagnosis dialog, and the main
 * window after a failed check).
 */
#ifndef OQSDM_GUI_H
#define OQSDM_GUI_H

#include <stdatomic.h>
#include <windows.h>

#include "oqsdm/app.h"
#include "oqsdm/diagnose.h"
#include "oqsdm/fix.h"
#include "oqsdm/settings.h"
#include "oqsdm/versions.h"

#define WM_OQSDM_JOB_DONE (WM_APP + 1)
/* Posted to itself by a dialog on WM_DPICHANGED, so that it runs after the
 * dialog manager has rescaled the dialog and given every control the new
 * dialog font: the dialog then makes its own fonts again from that one
 * and refits what it sized itself (list columns). */
#define WM_OQSDM_DPI_CHANGED (WM_APP + 2)

/* What every dialog knows of the session: the command line's choices, and
 * what outlives one dialog. */
typedef struct oqsdm_gui_session {
    oqsdm_lang lang;
    char config_path[1024];       /* --config, "" for the guide's path */
    char root[1024];              /* --root, "" for none */
    HWND modal;                   /* the open modal dialog (versions, settings, diagnosis), NULL when none */
    int abandoned;                /* a worker was left behind, stuck (see modal.c) */
} oqsdm_gui_session;

typedef enum oqsdm_job_kind {
    OQSDM_JOB_CONNECTION = 0,     /* the connection check */
    OQSDM_JOB_VERSIONS = 1,       /* the version check, after recording the reader's entry if asked */
    OQSDM_JOB_SETTINGS = 2,       /* the settings: saved first if asked, then read */
    OQSDM_JOB_DIAGNOSE = 3        /* the diagnosis, after a fix or an undo if asked */
} oqsdm_job_kind;

/* What a settings or diagnosis job does before it reads or diagnoses. */
typedef enum oqsdm_job_action {
    OQSDM_ACT_NONE = 0,           /* only read the settings / only diagnose */
    OQSDM_ACT_APPLY = 1,          /* save the chosen settings / apply the fix of `finding` */
    OQSDM_ACT_UNDO = 2,           /* undo the fix of `finding` */
    OQSDM_ACT_ELEVATED = 3        /* the same as APPLY by oqsdm-cli.exe run as administrator */
} oqsdm_job_action;

/* oqsdm-cli.exe run as administrator (elevate.c). */
typedef struct oqsdm_elevation {
    int started;                  /* ShellExecuteExW started it */
    int finished;                 /* and it ended while we waited (else the dialog was closed) */
    unsigned long exit_code;      /* its exit code, when finished */
    unsigned long error;          /* the system error when it did not start (ERROR_CANCELLED: declined) */
    char program[1100];           /* the program's path, UTF-8, for messages */
} oqsdm_elevation;

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
    /* in, settings and diagnosis */
    oqsdm_job_action action;
    char set_destination[16];     /* settings to save, "" for a key not to set */
    char set_provider[32];
    char set_kind[16];
    oqsdm_finding_id finding;     /* the finding to fix or undo */
    /* out, settings and diagnosis */
    oqsdm_elevation elevation;    /* action ELEVATED */
    /* out, settings (load_rc: the data file; the INI's own errors are read_rc's) */
    oqsdm_data data;              /* the data file: the providers and the guide's recommendation */
    char ini_path[1024];
    oqsdm_err apply_rc;           /* action APPLY: OQSDM_OK when saved (or nothing changed) */
    oqsdm_error apply_error;
    oqsdm_settings_result written;
    oqsdm_err read_rc;            /* the INI read after the action */
    oqsdm_error read_error;
    oqsdm_settings settings;
    /* out, diagnosis */
    oqsdm_err fix_rc;             /* actions APPLY and UNDO */
    oqsdm_error fix_error;
    oqsdm_fix_outcome fix;
    oqsdm_diagnosis diagnosis;    /* valid when load_rc is OQSDM_OK */
    int has_backup[OQSDM_F_COUNT];/* a fix of that finding can be undone */
} oqsdm_job;

/* A zeroed job of `kind` for the session, answering to `notify`; NULL when
 * out of memory. */
oqsdm_job *oqsdm_job_new(oqsdm_job_kind kind, const oqsdm_gui_session *s, HWND notify);

/* Starts the job on a new thread; returns the thread handle or NULL (the
 * job is then still the caller's). On success the worker owns the job
 * until it posts it back. */
HANDLE oqsdm_worker_start(oqsdm_job *job);

/* Runs `oqsdm-cli.exe ARGS...` from this program's folder as administrator
 * (ShellExecuteExW "runas"), with the job's --config, --root and --lang
 * before `args` (UTF-8, NULL-terminated), and waits until it ends or the
 * job is cancelled. Called on the worker (elevate.c). */
void oqsdm_elevate_cli(oqsdm_job *job, const char *const *args);

/* What every dialog shares (modal.c): its one running job, and closing
 * while it runs. */
typedef struct oqsdm_modal {
    HWND dlg;
    oqsdm_gui_session *s;
    HANDLE worker;
    oqsdm_job *job;               /* the running job, while busy */
    int closing;                  /* closed while busy: ends when the job is back */
    int ended;                    /* EndDialog has been called */
    int focus_back;               /* the control to give the keyboard back to after a job, 0 for none */
    int harbour;                  /* the control that keeps the keyboard meanwhile, 0 for none */
    const wchar_t *prop;          /* the window property that marks it while open (oqsdm_modal_opened) */
    /* Shows a finished job of this dialog's, which is then the dialog's to
     * free; `ctx` is the dialog's state. */
    void (*done)(void *ctx, oqsdm_job *job);
    void *ctx;
} oqsdm_modal;

#define OQSDM_MODAL_GRACE_TIMER 1 /* the grace period after closing while busy */

/* Starts `job` (NULL when it could not be made); 0, or -1 when it did not
 * start (the job is then freed). */
int oqsdm_modal_start(oqsdm_modal *m, oqsdm_job *job);
/* Esc, Close and WM_CLOSE: ends the dialog, or cancels the job first. */
void oqsdm_modal_close(oqsdm_modal *m);
/* A modal dialog over the main window is set up: marked by `prop` (for
 * the test driver) and the session's open one, which the main window
 * closes first when it is closed itself. On WM_DESTROY,
 * oqsdm_modal_destroyed undoes both. */
void oqsdm_modal_opened(oqsdm_modal *m, const wchar_t *prop);
void oqsdm_modal_destroyed(oqsdm_modal *m);
/* The dialog procedure's answer to what every dialog answers alike (`m`
 * is NULL before WM_INITDIALOG):
 *   WM_CLOSE: oqsdm_modal_close;
 *   WM_OQSDM_JOB_DONE: the job to `done` when it is this dialog's and the
 *     dialog stays open, else freed here (another window's job, or the
 *     dialog was closing: it has ended);
 *   WM_TIMER: the grace period is over, the stuck worker is left;
 *   WM_DPICHANGED: the dialog manager rescales the dialog and its font
 *     (FALSE lets it), and WM_OQSDM_DPI_CHANGED follows. */
INT_PTR oqsdm_modal_proc(oqsdm_modal *m, HWND dlg, UINT msg, WPARAM wp, LPARAM lp);
/* Greys the controls `ids` for a job; one that had the keyboard lends it
 * to the harbour. After the job, once the dialog has set what is enabled,
 * oqsdm_modal_focus_back gives it back (or to the harbour, else Close,
 * when the focused control is greyed now). */
void oqsdm_modal_grey(oqsdm_modal *m, const int *ids, size_t n);
void oqsdm_modal_focus_back(oqsdm_modal *m);

/* Texts (UTF-8) into controls; an edit's text with CR LF line ends; the
 * title; the title and the controls' captions from the catalogue; the
 * dialog's font in bold (the caller deletes it; NULL when none). */
typedef struct oqsdm_caption {
    int id, msg;                  /* a control, and its caption's catalogue id */
} oqsdm_caption;
void oqsdm_dlg_text(HWND dlg, int id, const char *utf8);
void oqsdm_dlg_msg(HWND dlg, int id, oqsdm_lang lang, int msg_id);
void oqsdm_dlg_edit_text(HWND dlg, int id, const char *utf8);
void oqsdm_dlg_title(HWND dlg, oqsdm_lang lang, int msg_id);
void oqsdm_dlg_captions(HWND dlg, oqsdm_lang lang, int title_msg, const oqsdm_caption *c, size_t n);
HFONT oqsdm_dlg_bold_font(HWND dlg);
/* WM_CTLCOLORSTATIC's answer for a static written in the lamp's red
 * (OQSDM_COLOR_FAIL_RGB) on the dialog's face: a warning, an error, the
 * main window's cause. */
INT_PTR oqsdm_dlg_error_colors(HDC dc);
/* `px96` pixels at 96 DPI as pixels of window `w` at its DPI: every size
 * the code sets itself goes through this, never a fixed pixel count. */
int oqsdm_dlg_px(HWND w, int px96);
/* Replaces the font of control `id` by `font` and deletes `*old`, which it
 * had until now; `*old` becomes `font` (the caller deletes it at the end). */
void oqsdm_dlg_set_font(HWND dlg, int id, HFONT font, HFONT *old);

/* The versions dialog, modal over `owner`. Returns when it is closed. */
void oqsdm_versions_dialog(HWND owner, oqsdm_gui_session *s);

/* The settings dialog (設定の変更), modal over `owner`. Returns 1 when it
 * wrote the INI, else 0. */
int oqsdm_settings_dialog(HWND owner, oqsdm_gui_session *s);

/* The diagnosis dialog (診断), modal over `owner`. `shown` (may be NULL) is
 * a finished diagnosis job to show at once, which the dialog takes; else
 * it diagnoses when it opens. Returns 1 when a fix or an undo changed
 * something, else 0. */
int oqsdm_diagnose_dialog(HWND owner, oqsdm_gui_session *s, oqsdm_job *shown);

#endif
