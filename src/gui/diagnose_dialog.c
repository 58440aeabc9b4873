/*
 * diagnose_dialog.c: 診断, the findings of the diagnosis, modal over the
 * main window.
 *
 * A table of the six findings (diagnose.h) in their fixed order, each with
 * its title and status word, the status cell filled with its colour
 * (status_list.c, status_colors.h: green ok, yellow warning, red failed,
 * grey not applicable or unknown; the GUI test counts those pixels). The
 * selected row's detail and remedy are in a read-only edit, so they can be
 * read whole and copied; the connection's remedy names the finding that
 * explains its failure. 「修正」 is enabled for a finding that can be fixed,
 * 「元に戻す」 where a fix's backup is kept (fix.h); either runs on the
 * worker and then the whole diagnosis again, since a fix changes what the
 * other findings see, and the dialog says what it did. A fix Windows
 * refuses (OQSDM_E_ACCESS_DENIED: the machine-wide WinHTTP proxy needs an
 * administrator) offers 「管理者として修正」, oqsdm-cli.exe fix run as
 * administrator (elevate.c), and shows the exact command in a read-only
 * edit a vendor can copy.
 *
 * Like every window here the UI thread only paints and dispatches
 * (modal.c): while a job runs the summary says what it does and the
 * buttons are greyed, the table can still be read; closing cancels the
 * diagnosis (its probes stop at the cancel flag) and ends the dialog when
 * the job is back. Keyboard: a mnemonic on every button and on the
 * command's label; Enter diagnoses again, Esc closes.
 */
#include "gui.h"
#include "resource.h"
#include "status_list.h"

#include "oqsdm/diagnose.h"
#include "oqsdm/fix.h"
#include "oqsdm/msg.h"
#include "oqsdm/platform.h"

#include <commctrl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COL_ITEM, COL_STATUS, COL_COUNT };
_Static_assert(COL_COUNT <= OQSDM_STATUS_LIST_MAX_COLS && OQSDM_F_COUNT <= OQSDM_STATUS_LIST_MAX_ROWS,
               "the table fits a status list");

static const int title_msg[OQSDM_F_COUNT] = {OQSDM_MSG_FT_DESTINATION, OQSDM_MSG_FT_PROXY_SERVER,
                                             OQSDM_MSG_FT_PROXY_BYPASS, OQSDM_MSG_FT_PROXY_WINHTTP,
                                             OQSDM_MSG_FT_DNS, OQSDM_MSG_FT_CONNECTION};
static const int status_msg[OQSDM_FS_COUNT] = {OQSDM_MSG_FS_OK, OQSDM_MSG_FS_WARN, OQSDM_MSG_FS_FAIL,
                                               OQSDM_MSG_FS_SKIP, OQSDM_MSG_FS_UNKNOWN};
static const oqsdm_shade status_shade[OQSDM_FS_COUNT] = {OQSDM_SHADE_OK, OQSDM_SHADE_WARN, OQSDM_SHADE_FAIL,
                                                         OQSDM_SHADE_UNKNOWN, OQSDM_SHADE_UNKNOWN};

typedef struct ddlg_state {
    oqsdm_modal m;
    oqsdm_lang lang;
    HWND dlg;
    oqsdm_status_list table;
    oqsdm_job *shown;             /* the last finished diagnosis: what the window shows */
    int changed;                  /* a fix or an undo was made: the main window's lamp is out of date */
    int elevate_finding;          /* the finding whose fix was refused (管理者として修正 offered), -1 none */
    int message_error;            /* IDC_DIAG_MESSAGE in red */
} ddlg_state;

static const int busy_controls[] = {IDC_DIAG_FIX, IDC_DIAG_UNDO, IDC_DIAG_ELEVATE, IDC_DIAG_RERUN};

static int loaded(const ddlg_state *st)
{
    return st->shown && st->shown->load_rc == OQSDM_OK;
}

static void set_message(ddlg_state *st, const char *utf8, int error)
{
    st->message_error = error;
    oqsdm_dlg_text(st->dlg, IDC_DIAG_MESSAGE, utf8);
    InvalidateRect(GetDlgItem(st->dlg, IDC_DIAG_MESSAGE), NULL, TRUE);
}

/* ------------------------------------------------------------ the table */

/* The status column as wide as its widest word (any status, so it never
 * changes width between runs) plus margins (24 px at 96 DPI); the rest
 * goes to the titles, 40 px at the least. */
static void table_init(ddlg_state *st)
{
    static const int header_msg[COL_COUNT] = {OQSDM_MSG_DCOL_ITEM, OQSDM_MSG_VCOL_STATUS};
    static const oqsdm_status_list_spec spec = {
        .header_msg = header_msg, .ncols = COL_COUNT, .row_msg = title_msg, .nrows = OQSDM_F_COUNT,
        .status_col = COL_STATUS, .pad96 = 24, .least96 = 40, .status_msg = status_msg, .nstatus = OQSDM_FS_COUNT};
    oqsdm_status_list_init(&st->table, GetDlgItem(st->dlg, IDC_DIAG_LIST), st->lang, &spec);
}

/* ------------------------------------------------------------ showing a result */

static void show_buttons(ddlg_state *st)
{
    int row = oqsdm_status_list_selected(&st->table);
    const oqsdm_job *j = st->shown;
    int idle = !st->m.job; /* while a job runs they all stay greyed */
    int ok = idle && loaded(st) && row >= 0 && row < OQSDM_F_COUNT;
    EnableWindow(GetDlgItem(st->dlg, IDC_DIAG_FIX), ok && j->diagnosis.f[row].fixable);
    EnableWindow(GetDlgItem(st->dlg, IDC_DIAG_UNDO), ok && j->has_backup[row]);
    EnableWindow(GetDlgItem(st->dlg, IDC_DIAG_RERUN), idle);
    int offer = st->elevate_finding >= 0;
    ShowWindow(GetDlgItem(st->dlg, IDC_DIAG_ELEVATE), offer ? SW_SHOWNA : SW_HIDE);
    EnableWindow(GetDlgItem(st->dlg, IDC_DIAG_ELEVATE), idle && offer);
}

/* The command a vendor can type, shown only while a refused fix has one. */
static void show_command(ddlg_state *st, const char *command)
{
    int show = command && *command;
    oqsdm_dlg_text(st->dlg, IDC_DIAG_COMMAND, show ? command : "");
    ShowWindow(GetDlgItem(st->dlg, IDC_DIAG_COMMAND_LABEL), show ? SW_SHOWNA : SW_HIDE);
    ShowWindow(GetDlgItem(st->dlg, IDC_DIAG_COMMAND), show ? SW_SHOWNA : SW_HIDE);
}

static void show_detail(ddlg_state *st, int row)
{
    const oqsdm_job *j = st->shown;
    if (!loaded(st) || row < 0 || row >= OQSDM_F_COUNT) {
        if (!loaded(st) && j)
            oqsdm_dlg_edit_text(st->dlg, IDC_DIAG_DETAIL, j->load_error.message);
        else
            oqsdm_dlg_text(st->dlg, IDC_DIAG_DETAIL, "");
        show_buttons(st);
        return;
    }
    const oqsdm_finding *f = &j->diagnosis.f[row];
    size_t size = sizeof f->detail + sizeof f->remedy + 1024;
    char *text = malloc(size);
    if (!text)
        return;
    if (f->remedy[0])
        oqsdm_msgf2(text, size, st->lang, OQSDM_MSG_DDLG_TEXT, f->detail, f->remedy);
    else
        snprintf(text, size, "%s", f->detail);
    if (j->has_backup[row]) {
        size_t n = strlen(text);
        snprintf(text + n, size - n, "\n\n%s", oqsdm_msg(st->lang, OQSDM_MSG_DDLG_UNDO_HINT));
    }
    oqsdm_dlg_edit_text(st->dlg, IDC_DIAG_DETAIL, text);
    free(text);
    show_buttons(st);
}

/* The row to explain first: the one chosen before; else the finding that
 * explains the failed connection, the first failure, the first warning. */
static int first_row(const ddlg_state *st)
{
    const oqsdm_diagnosis *d = &st->shown->diagnosis;
    int explains = d->f[OQSDM_F_CONNECTION].explained_by;
    if (explains >= 0 && explains < OQSDM_F_COUNT)
        return explains;
    for (int want = OQSDM_FS_FAIL; want >= OQSDM_FS_WARN; want--)
        for (int r = 0; r < OQSDM_F_COUNT; r++)
            if ((int)d->f[r].status == want)
                return r;
    return 0;
}

static void show_result(ddlg_state *st)
{
    const oqsdm_job *j = st->shown;
    oqsdm_lang L = st->lang;
    int ok = loaded(st);
    for (int r = 0; r < OQSDM_F_COUNT; r++) {
        const oqsdm_finding *f = &j->diagnosis.f[r];
        oqsdm_status_list_set(&st->table, r, COL_ITEM, ok ? f->title : oqsdm_msg(L, title_msg[r]));
        oqsdm_status_list_set_status(&st->table, r, ok ? oqsdm_msg(L, status_msg[f->status]) : "",
                                     ok ? status_shade[f->status] : OQSDM_SHADE_NONE);
    }
    InvalidateRect(st->table.list, NULL, TRUE);
    if (!ok) {
        oqsdm_dlg_msg(st->dlg, IDC_DIAG_SUMMARY, L, OQSDM_MSG_STATUS_CONFIG_ERROR);
        show_detail(st, -1);
        return;
    }
    char line[400], n[OQSDM_FS_COUNT][12];
    const char *args[OQSDM_FS_COUNT];
    for (int k = 0; k < OQSDM_FS_COUNT; k++) {
        snprintf(n[k], sizeof n[k], "%d", j->diagnosis.count[k]);
        args[k] = n[k];
    }
    oqsdm_dlg_text(st->dlg, IDC_DIAG_SUMMARY, oqsdm_msgf(line, sizeof line, L, OQSDM_MSG_DCLI_SUMMARY, args,
                                                         OQSDM_FS_COUNT));
    int row = oqsdm_status_list_selected(&st->table);
    if (row < 0) {
        row = first_row(st);
        oqsdm_status_list_select(&st->table, row, 1); /* LVN_ITEMCHANGED shows it */
    }
    show_detail(st, row);
}

/* What the job's fix, undo or elevated run did, in one or two lines. */
static void show_action(ddlg_state *st, const oqsdm_job *j)
{
    char line[2400], why[400], num[24];
    const char *title = oqsdm_msg(st->lang, title_msg[j->finding]);
    switch (j->action) {
    case OQSDM_ACT_NONE:
        set_message(st, "", 0);
        return;
    case OQSDM_ACT_APPLY:
    case OQSDM_ACT_UNDO:
        if (j->fix_rc == OQSDM_OK) {
            st->changed |= j->fix.result == OQSDM_FIX_DONE;
            set_message(st, j->fix.message, 0);
            if (j->action == OQSDM_ACT_APPLY && st->elevate_finding == (int)j->finding) {
                st->elevate_finding = -1;
                show_command(st, NULL);
            }
        } else if (j->action == OQSDM_ACT_APPLY && j->fix_rc == OQSDM_E_ACCESS_DENIED) {
            st->elevate_finding = (int)j->finding;
            show_command(st, j->fix.command);
            set_message(st, oqsdm_msgf1(line, sizeof line, st->lang,
                                        j->fix.command[0] ? OQSDM_MSG_DDLG_FIX_DENIED : OQSDM_MSG_DDLG_FIX_DENIED_PLAIN,
                                        title),
                        1);
        } else {
            set_message(st, j->fix_error.message, 1);
        }
        return;
    case OQSDM_ACT_ELEVATED: {
        const oqsdm_elevation *e = &j->elevation;
        if (!e->started || !e->finished) {
            if (e->error == ERROR_CANCELLED) {
                set_message(st, oqsdm_msg(st->lang, OQSDM_MSG_ELEVATE_CANCELLED), 1);
            } else {
                SetLastError(e->error);
                oqsdm_plat_last_error(why, sizeof why);
                set_message(st, oqsdm_msgf2(line, sizeof line, st->lang, OQSDM_MSG_ELEVATE_LAUNCH_FAILED, e->program,
                                            why),
                            1);
            }
            return; /* still refused: the offer stays */
        }
        snprintf(num, sizeof num, "%lu", e->exit_code);
        if (e->exit_code == 0) {
            st->changed = 1;
            set_message(st, oqsdm_msgf1(line, sizeof line, st->lang, OQSDM_MSG_DDLG_ELEVATED_DONE, title), 0);
            st->elevate_finding = -1;
            show_command(st, NULL);
        } else {
            set_message(st, oqsdm_msgf2(line, sizeof line, st->lang, OQSDM_MSG_DDLG_ELEVATED_FAILED, title, num), 1);
        }
        return;
    }
    }
}

/* ------------------------------------------------------------ jobs */

static void start(ddlg_state *st, oqsdm_job_action action, int finding)
{
    if (st->m.job)
        return;
    oqsdm_job *job = oqsdm_job_new(OQSDM_JOB_DIAGNOSE, st->m.s, st->dlg);
    if (job) {
        job->action = action;
        job->finding = (oqsdm_finding_id)(finding >= 0 && finding < OQSDM_F_COUNT ? finding : 0);
    }
    if (oqsdm_modal_start(&st->m, job)) {
        set_message(st, oqsdm_msg(st->lang, OQSDM_MSG_ERR_NO_MEMORY), 1);
        return;
    }
    oqsdm_modal_grey(&st->m, busy_controls, sizeof busy_controls / sizeof busy_controls[0]);
    static const int busy_msg[] = {OQSDM_MSG_DDLG_RUNNING, OQSDM_MSG_DDLG_FIXING, OQSDM_MSG_DDLG_UNDOING,
                                   OQSDM_MSG_ELEVATE_RUNNING};
    oqsdm_dlg_msg(st->dlg, IDC_DIAG_SUMMARY, st->lang, busy_msg[action]);
    set_message(st, "", 0);
}

/* A job of this dialog's is back (oqsdm_modal_proc). */
static void on_job_done(void *ctx, oqsdm_job *job)
{
    ddlg_state *st = ctx;
    free(st->shown);
    st->shown = job;
    show_result(st);
    show_action(st, job);
    show_buttons(st);
    oqsdm_modal_focus_back(&st->m);
}

static void on_fix(ddlg_state *st, oqsdm_job_action action)
{
    int row = oqsdm_status_list_selected(&st->table);
    if (!loaded(st) || row < 0 || row >= OQSDM_F_COUNT)
        return;
    if (action == OQSDM_ACT_APPLY && !st->shown->diagnosis.f[row].fixable)
        return;
    if (action == OQSDM_ACT_UNDO && !st->shown->has_backup[row])
        return;
    start(st, action, row);
}

/* ------------------------------------------------------------ the dialog */

static void init_dialog(ddlg_state *st, oqsdm_job *handed)
{
    static const oqsdm_caption captions[] = {
        {IDC_DIAG_COMMAND_LABEL, OQSDM_MSG_DDLG_COMMAND_LABEL},
        {IDC_DIAG_FIX, OQSDM_MSG_DBTN_FIX},
        {IDC_DIAG_UNDO, OQSDM_MSG_DBTN_UNDO},
        {IDC_DIAG_ELEVATE, OQSDM_MSG_DBTN_ELEVATE},
        {IDC_DIAG_RERUN, OQSDM_MSG_DBTN_RERUN},
        {IDCANCEL, OQSDM_MSG_BTN_CLOSE_KEY},
    };
    oqsdm_dlg_captions(st->dlg, st->lang, OQSDM_MSG_DDLG_TITLE, captions, sizeof captions / sizeof captions[0]);
    st->elevate_finding = -1;
    table_init(st);
    show_command(st, NULL);
    ShowWindow(GetDlgItem(st->dlg, IDC_DIAG_ELEVATE), SW_HIDE);
    oqsdm_modal_opened(&st->m, OQSDM_DIAGNOSE_PROP);
    if (handed) {
        /* The main window's diagnosis after a failed check: shown at once. */
        st->shown = handed;
        show_result(st);
        show_buttons(st);
    } else {
        start(st, OQSDM_ACT_NONE, 0);
    }
}

typedef struct ddlg_init {
    ddlg_state *st;
    oqsdm_job *handed;
} ddlg_init;

static INT_PTR CALLBACK ddlg_proc(HWND dlg, UINT msg, WPARAM wp, LPARAM lp)
{
    ddlg_state *st = (ddlg_state *)GetWindowLongPtrW(dlg, GWLP_USERDATA);
    switch (msg) {
    case WM_INITDIALOG: {
        const ddlg_init *in = (const ddlg_init *)lp;
        st = in->st;
        st->dlg = st->m.dlg = dlg;
        SetWindowLongPtrW(dlg, GWLP_USERDATA, (LONG_PTR)st);
        init_dialog(st, in->handed);
        SendMessageW(dlg, WM_NEXTDLGCTL, (WPARAM)st->table.list, TRUE);
        return FALSE; /* the focus is set: on the table */
    }
    case WM_COMMAND:
        if (!st)
            break;
        switch (LOWORD(wp)) {
        case IDC_DIAG_FIX:
            on_fix(st, OQSDM_ACT_APPLY);
            return TRUE;
        case IDC_DIAG_UNDO:
            on_fix(st, OQSDM_ACT_UNDO);
            return TRUE;
        case IDC_DIAG_ELEVATE:
            if (st->elevate_finding >= 0)
                start(st, OQSDM_ACT_ELEVATED, st->elevate_finding);
            return TRUE;
        case IDOK: /* Enter where no button is the default's */
        case IDC_DIAG_RERUN:
            start(st, OQSDM_ACT_NONE, 0);
            return TRUE;
        case IDCANCEL:
            oqsdm_modal_close(&st->m);
            return TRUE;
        }
        break;
    case WM_NOTIFY: {
        const NMHDR *h = (const NMHDR *)lp;
        int row;
        if (!st || h->idFrom != IDC_DIAG_LIST)
            break;
        if (h->code == NM_CUSTOMDRAW)
            return oqsdm_status_list_custom_draw(&st->table, dlg, (const NMLVCUSTOMDRAW *)lp);
        if (oqsdm_status_list_newly_selected(h, &row))
            show_detail(st, row);
        break;
    }
    case WM_CTLCOLORSTATIC:
        if (st && st->message_error && (HWND)lp == GetDlgItem(dlg, IDC_DIAG_MESSAGE))
            return oqsdm_dlg_error_colors((HDC)wp);
        break;
    case WM_OQSDM_DPI_CHANGED:
        if (st)
            oqsdm_status_list_fit(&st->table);
        return TRUE;
    case WM_DESTROY:
        if (st) {
            oqsdm_modal_destroyed(&st->m);
            free(st->shown);
            st->shown = NULL;
            oqsdm_status_list_free(&st->table);
        }
        break;
    default: /* WM_CLOSE, the job back, the grace timer, WM_DPICHANGED */
        return oqsdm_modal_proc(st ? &st->m : NULL, dlg, msg, wp, lp);
    }
    return FALSE;
}

int oqsdm_diagnose_dialog(HWND owner, oqsdm_gui_session *s, oqsdm_job *shown)
{
    ddlg_state *st = calloc(1, sizeof *st);
    if (!st) {
        free(shown);
        return 0;
    }
    st->m.s = s;
    st->m.done = on_job_done;
    st->m.ctx = st;
    st->m.harbour = IDC_DIAG_LIST;
    st->lang = s->lang;
    ddlg_init in = {st, shown};
    HINSTANCE inst = (HINSTANCE)GetWindowLongPtrW(owner, GWLP_HINSTANCE);
    if (DialogBoxParamW(inst, MAKEINTRESOURCEW(IDD_DIAGNOSE), owner, ddlg_proc, (LPARAM)&in) == -1)
        free(shown); /* the dialog never opened: nobody took it */
    int changed = st->changed;
    free(st);
    return changed;
}
