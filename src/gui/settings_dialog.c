/*
 * settings_dialog.c: 設定の変更, the settings window, modal over the main one.
 *
 * The destination (the guide's 「配信拠点(推奨)」 and 「クラウド」), the
 * network provider (the data file's providers in its order, named by the
 * catalogue) and the connection kind. Every change shows at once the
 * guide's destination for that provider and kind, and a warning in bold
 * red when the chosen destination contradicts it: both are pure functions
 * of the data file (settings.h), so the UI thread may call them.
 *
 * Reading and writing the INI run as settings jobs on a worker (worker.c,
 * through settings.c like `oqsdm-cli settings`, so the two cannot drift
 * apart); the answer comes back as WM_OQSDM_JOB_DONE. Saving writes only
 * the three keys; the dialog stays open and says what happened: written
 * (and where the previous file is kept), unchanged, or why not. When
 * Windows refuses the write (OQSDM_E_ACCESS_DENIED: a read-only file, an
 * ACL, a protected folder) it says so in plain words and offers
 * 「管理者として続ける」: oqsdm-cli.exe with the same choices, run as
 * administrator (elevate.c) and waited for on the worker; its exit code
 * and the INI read again afterwards are the answer shown. A missing INI
 * is the guide's error (reinstall), shown, with nothing to save.
 *
 * Keyboard: every choice and button has a mnemonic; Enter saves, Esc
 * closes (cancelling a job that runs, as every dialog here does).
 */
#include "gui.h"
#include "resource.h"
#include "../platform/win32/utf.h"

#include "oqsdm/msg.h"
#include "oqsdm/platform.h"
#include "oqsdm/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_CHOICE ((LPARAM)-1)    /* a combo box item meaning "not set" */

static const char *const kinds[] = {"ipsec", "ipvpn"};
enum { NKINDS = sizeof kinds / sizeof kinds[0] };

typedef struct sdlg_state {
    oqsdm_modal m;
    oqsdm_lang lang;
    HWND dlg;
    oqsdm_job *shown;             /* the last finished job: the data file, the path, the INI as read */
    int saved;                    /* the INI was written: the main window's lamp is out of date */
    int message_error;            /* IDC_SET_MESSAGE in red */
    int can_save;                 /* the INI is there (or at least readable enough to repair) */
    int offer_elevation;          /* the last save was refused: 管理者として続ける is shown */
    HFONT bold;
} sdlg_state;

/* Everything a job greys while it runs. */
static const int busy_controls[] = {IDC_SET_DEST_BASE, IDC_SET_DEST_CLOUD, IDC_SET_PROVIDER, IDC_SET_KIND,
                                    IDC_SET_SAVE, IDC_SET_ELEVATE};

/* ------------------------------------------------------------ texts */

static void set_message(sdlg_state *st, const char *utf8, int error)
{
    st->message_error = error;
    oqsdm_dlg_text(st->dlg, IDC_SET_MESSAGE, utf8);
    InvalidateRect(GetDlgItem(st->dlg, IDC_SET_MESSAGE), NULL, TRUE);
}

static void set_message_id(sdlg_state *st, int msg_id, int error)
{
    set_message(st, oqsdm_msg(st->lang, msg_id), error);
}

static void add_item(HWND cb, const char *utf8, LPARAM data, int select)
{
    wchar_t *w = oqsdm_utf8_to_wide(utf8);
    LRESULT at = SendMessageW(cb, CB_ADDSTRING, 0, (LPARAM)(w ? w : L""));
    free(w);
    if (at == CB_ERR || at == CB_ERRSPACE)
        return;
    SendMessageW(cb, CB_SETITEMDATA, (WPARAM)at, data);
    if (select)
        SendMessageW(cb, CB_SETCURSEL, (WPARAM)at, 0);
}

static LPARAM selected_data(sdlg_state *st, int id)
{
    HWND cb = GetDlgItem(st->dlg, id);
    LRESULT sel = SendMessageW(cb, CB_GETCURSEL, 0, 0);
    return sel == CB_ERR ? NO_CHOICE : (LPARAM)SendMessageW(cb, CB_GETITEMDATA, (WPARAM)sel, 0);
}

/* ------------------------------------------------------------ the choices */

/* What the controls say, as the INI would hold it. */
static void chosen(sdlg_state *st, oqsdm_settings *out)
{
    memset(out, 0, sizeof *out);
    const oqsdm_job *j = st->shown;
    if (IsDlgButtonChecked(st->dlg, IDC_SET_DEST_CLOUD) == BST_CHECKED)
        snprintf(out->destination, sizeof out->destination, "cloud");
    else if (IsDlgButtonChecked(st->dlg, IDC_SET_DEST_BASE) == BST_CHECKED)
        snprintf(out->destination, sizeof out->destination, "base");
    LPARAM p = selected_data(st, IDC_SET_PROVIDER);
    if (j && p >= 0 && (size_t)p < j->data.nproviders)
        snprintf(out->provider, sizeof out->provider, "%s", j->data.providers[p].id);
    LPARAM k = selected_data(st, IDC_SET_KIND);
    if (k >= 0 && k < NKINDS)
        snprintf(out->connection_kind, sizeof out->connection_kind, "%s", kinds[k]);
}

/* The guide's destination for the chosen provider and kind, and the
 * warning when the chosen destination is the other one: at once, on the
 * UI thread (pure functions of the data file). */
static void show_advice(sdlg_state *st)
{
    const oqsdm_job *j = st->shown;
    if (!j || j->load_rc != OQSDM_OK) {
        oqsdm_dlg_text(st->dlg, IDC_SET_RECOMMEND, "");
        oqsdm_dlg_text(st->dlg, IDC_SET_WARNING, "");
        return;
    }
    oqsdm_settings s;
    chosen(st, &s);
    const char *rec = oqsdm_settings_recommended(&j->data, s.provider, s.connection_kind);
    char line[1024];
    if (rec)
        oqsdm_msgf1(line, sizeof line, st->lang, OQSDM_MSG_SETTINGS_RECOMMENDED,
                    oqsdm_settings_destination_name(rec, st->lang));
    else
        snprintf(line, sizeof line, "%s", oqsdm_msg(st->lang, OQSDM_MSG_SDLG_RECOMMEND_NONE));
    oqsdm_dlg_text(st->dlg, IDC_SET_RECOMMEND, line);
    char warning[1024] = "";
    if (s.destination[0] && !oqsdm_settings_warning(&j->data, &s, st->lang, warning, sizeof warning))
        warning[0] = '\0';
    oqsdm_dlg_text(st->dlg, IDC_SET_WARNING, warning);
    InvalidateRect(GetDlgItem(st->dlg, IDC_SET_WARNING), NULL, TRUE);
}

/* The choices as the INI holds them; "(not set)" first where it holds none. */
static void show_choices(sdlg_state *st)
{
    const oqsdm_job *j = st->shown;
    const oqsdm_settings *s = j->read_rc == OQSDM_OK ? &j->settings : NULL;
    const char *dest = s ? s->destination : j->data.destination;
    CheckRadioButton(st->dlg, IDC_SET_DEST_BASE, IDC_SET_DEST_CLOUD,
                     strcmp(dest, "cloud") == 0 ? IDC_SET_DEST_CLOUD : IDC_SET_DEST_BASE);

    HWND cb = GetDlgItem(st->dlg, IDC_SET_PROVIDER);
    SendMessageW(cb, CB_RESETCONTENT, 0, 0);
    int known = 0;
    for (size_t i = 0; s && i < j->data.nproviders; i++)
        known |= _stricmp(s->provider, j->data.providers[i].id) == 0;
    if (!known)
        add_item(cb, oqsdm_msg(st->lang, OQSDM_MSG_SETTINGS_NOT_SET), NO_CHOICE, 1);
    for (size_t i = 0; i < j->data.nproviders; i++)
        add_item(cb, oqsdm_settings_provider_name(j->data.providers[i].id, st->lang), (LPARAM)i,
                 known && _stricmp(s->provider, j->data.providers[i].id) == 0);

    cb = GetDlgItem(st->dlg, IDC_SET_KIND);
    SendMessageW(cb, CB_RESETCONTENT, 0, 0);
    known = 0;
    for (int k = 0; s && k < NKINDS; k++)
        known |= _stricmp(s->connection_kind, kinds[k]) == 0;
    if (!known)
        add_item(cb, oqsdm_msg(st->lang, OQSDM_MSG_SETTINGS_NOT_SET), NO_CHOICE, 1);
    for (int k = 0; k < NKINDS; k++)
        add_item(cb, oqsdm_settings_connection_kind_name(kinds[k], st->lang), (LPARAM)k,
                 known && _stricmp(s->connection_kind, kinds[k]) == 0);
}

/* What may be pressed now that no job runs. */
static void enable_controls(sdlg_state *st)
{
    int loaded = st->shown && st->shown->load_rc == OQSDM_OK;
    for (size_t i = 0; i < sizeof busy_controls / sizeof busy_controls[0]; i++)
        EnableWindow(GetDlgItem(st->dlg, busy_controls[i]), loaded);
    EnableWindow(GetDlgItem(st->dlg, IDC_SET_SAVE), loaded && st->can_save);
    ShowWindow(GetDlgItem(st->dlg, IDC_SET_ELEVATE), st->offer_elevation ? SW_SHOWNA : SW_HIDE);
    EnableWindow(GetDlgItem(st->dlg, IDC_SET_ELEVATE), loaded && st->offer_elevation);
}

/* ------------------------------------------------------------ results */

/* 1 when the INI, read again, holds every value the job set. */
static int ini_holds_choice(const oqsdm_job *j)
{
    if (j->read_rc != OQSDM_OK)
        return 0;
    return (!j->set_destination[0] || _stricmp(j->settings.destination, j->set_destination) == 0) &&
           (!j->set_provider[0] || _stricmp(j->settings.provider, j->set_provider) == 0) &&
           (!j->set_kind[0] || _stricmp(j->settings.connection_kind, j->set_kind) == 0);
}

static void show_read(sdlg_state *st, const oqsdm_job *j)
{
    char line[1400];
    oqsdm_dlg_text(st->dlg, IDC_SET_FILE, oqsdm_msgf1(line, sizeof line, st->lang, OQSDM_MSG_SETTINGS_FILE,
                                                       j->ini_path));
    show_choices(st);
    /* A bad value can be repaired by saving; a missing INI needs the
     * distribution app reinstalled (the guide's remedy, in the message). */
    st->can_save = j->read_rc != OQSDM_E_INI_MISSING;
    if (j->read_rc != OQSDM_OK)
        set_message(st, j->read_error.message, 1);
    else
        set_message(st, "", 0);
}

static void show_saved(sdlg_state *st, const oqsdm_job *j)
{
    char line[2400];
    st->offer_elevation = 0;
    if (j->apply_rc == OQSDM_OK) {
        st->saved |= j->written.written;
        if (j->written.written)
            set_message(st, oqsdm_msgf1(line, sizeof line, st->lang, OQSDM_MSG_SETTINGS_WRITTEN,
                                        j->written.backup[0] ? j->written.backup : j->ini_path), 0);
        else
            set_message_id(st, OQSDM_MSG_SETTINGS_UNCHANGED, 0);
    } else if (j->apply_rc == OQSDM_E_ACCESS_DENIED) {
        /* Windows' own words (the file and the error number), then what to do. */
        snprintf(line, sizeof line, "%s\n%s", j->apply_error.message, oqsdm_msg(st->lang, OQSDM_MSG_SDLG_DENIED));
        set_message(st, line, 1);
        st->offer_elevation = 1;
    } else {
        set_message(st, j->apply_error.message, 1);
    }
}

static void show_elevated(sdlg_state *st, const oqsdm_job *j)
{
    const oqsdm_elevation *e = &j->elevation;
    char line[2400], why[400], num[24];
    if (!e->started || !e->finished) {
        if (e->error == ERROR_CANCELLED) {
            set_message_id(st, OQSDM_MSG_ELEVATE_CANCELLED, 1);
        } else {
            SetLastError(e->error);
            oqsdm_plat_last_error(why, sizeof why);
            set_message(st, oqsdm_msgf2(line, sizeof line, st->lang, OQSDM_MSG_ELEVATE_LAUNCH_FAILED, e->program, why),
                        1);
        }
        return; /* still refused: the offer stays */
    }
    snprintf(num, sizeof num, "%lu", e->exit_code);
    int holds = ini_holds_choice(j);
    int msg = e->exit_code == 0 && holds ? OQSDM_MSG_SDLG_ELEVATED_DONE
              : e->exit_code != 0 && !holds ? OQSDM_MSG_SDLG_ELEVATED_FAILED
                                            : OQSDM_MSG_SDLG_ELEVATED_MISMATCH;
    oqsdm_msgf1(line, sizeof line, st->lang, msg, num);
    if (j->read_rc != OQSDM_OK) {
        size_t n = strlen(line);
        snprintf(line + n, sizeof line - n, "\n%s", j->read_error.message);
    }
    set_message(st, line, msg != OQSDM_MSG_SDLG_ELEVATED_DONE);
    if (msg == OQSDM_MSG_SDLG_ELEVATED_DONE) {
        st->offer_elevation = 0;
        st->saved = 1;
    }
}

/* ------------------------------------------------------------ jobs */

static void start(sdlg_state *st, oqsdm_job_action action)
{
    if (st->m.job)
        return;
    oqsdm_job *job = oqsdm_job_new(OQSDM_JOB_SETTINGS, st->m.s, st->dlg);
    if (job) {
        job->action = action;
        if (action != OQSDM_ACT_NONE) {
            oqsdm_settings s;
            chosen(st, &s);
            snprintf(job->set_destination, sizeof job->set_destination, "%s", s.destination);
            snprintf(job->set_provider, sizeof job->set_provider, "%s", s.provider);
            snprintf(job->set_kind, sizeof job->set_kind, "%s", s.connection_kind);
        }
    }
    if (oqsdm_modal_start(&st->m, job)) {
        set_message_id(st, OQSDM_MSG_ERR_NO_MEMORY, 1);
        return;
    }
    oqsdm_modal_grey(&st->m, busy_controls, sizeof busy_controls / sizeof busy_controls[0]);
    static const int busy_msg[] = {OQSDM_MSG_SDLG_LOADING, OQSDM_MSG_SDLG_SAVING, OQSDM_MSG_SDLG_SAVING,
                                   OQSDM_MSG_ELEVATE_RUNNING};
    set_message_id(st, busy_msg[action], 0);
}

/* A job of this dialog's is back (oqsdm_modal_proc). */
static void on_job_done(void *ctx, oqsdm_job *job)
{
    sdlg_state *st = ctx;
    int first = !st->shown;
    free(st->shown);
    st->shown = job;
    if (job->load_rc != OQSDM_OK) {
        /* No data file: nothing to choose from. */
        set_message(st, job->load_error.message, 1);
    } else if (job->action == OQSDM_ACT_NONE) {
        show_read(st, job);
    } else {
        /* The choices stay as staff made them; the file's path may not. */
        char line[1400];
        oqsdm_dlg_text(st->dlg, IDC_SET_FILE,
                       oqsdm_msgf1(line, sizeof line, st->lang, OQSDM_MSG_SETTINGS_FILE, job->ini_path));
        if (job->action == OQSDM_ACT_APPLY)
            show_saved(st, job);
        else
            show_elevated(st, job);
    }
    show_advice(st);
    enable_controls(st);
    if (first && job->load_rc == OQSDM_OK) {
        int checked = IsDlgButtonChecked(st->dlg, IDC_SET_DEST_CLOUD) == BST_CHECKED ? IDC_SET_DEST_CLOUD
                                                                                      : IDC_SET_DEST_BASE;
        st->m.focus_back = 0;
        SendMessageW(st->dlg, WM_NEXTDLGCTL, (WPARAM)GetDlgItem(st->dlg, checked), TRUE);
    } else if (st->offer_elevation && job->action == OQSDM_ACT_APPLY) {
        st->m.focus_back = 0;
        SendMessageW(st->dlg, WM_NEXTDLGCTL, (WPARAM)GetDlgItem(st->dlg, IDC_SET_ELEVATE), TRUE);
    } else {
        oqsdm_modal_focus_back(&st->m);
    }
}

/* ------------------------------------------------------------ the dialog */

static void init_dialog(sdlg_state *st)
{
    static const oqsdm_caption captions[] = {
        {IDC_SET_DEST_GROUP, OQSDM_MSG_SDLG_DEST_GROUP},
        {IDC_SET_DEST_BASE, OQSDM_MSG_SDLG_DEST_BASE},
        {IDC_SET_DEST_CLOUD, OQSDM_MSG_SDLG_DEST_CLOUD},
        {IDC_SET_PROVIDER_LABEL, OQSDM_MSG_SDLG_PROVIDER_LABEL},
        {IDC_SET_KIND_LABEL, OQSDM_MSG_SDLG_KIND_LABEL},
        {IDC_SET_SAVE, OQSDM_MSG_SBTN_SAVE},
        {IDC_SET_ELEVATE, OQSDM_MSG_SBTN_ELEVATE},
        {IDCANCEL, OQSDM_MSG_BTN_CLOSE_KEY},
    };
    oqsdm_dlg_captions(st->dlg, st->lang, OQSDM_MSG_SDLG_TITLE, captions, sizeof captions / sizeof captions[0]);
    oqsdm_dlg_set_font(st->dlg, IDC_SET_WARNING, oqsdm_dlg_bold_font(st->dlg), &st->bold);
    ShowWindow(GetDlgItem(st->dlg, IDC_SET_ELEVATE), SW_HIDE);
    oqsdm_modal_opened(&st->m, OQSDM_SETTINGS_PROP);
    start(st, OQSDM_ACT_NONE);
}

static INT_PTR CALLBACK sdlg_proc(HWND dlg, UINT msg, WPARAM wp, LPARAM lp)
{
    sdlg_state *st = (sdlg_state *)GetWindowLongPtrW(dlg, GWLP_USERDATA);
    switch (msg) {
    case WM_INITDIALOG:
        st = (sdlg_state *)lp;
        st->dlg = st->m.dlg = dlg;
        SetWindowLongPtrW(dlg, GWLP_USERDATA, (LONG_PTR)st);
        init_dialog(st);
        return TRUE;
    case WM_COMMAND:
        if (!st)
            break;
        switch (LOWORD(wp)) {
        case IDC_SET_DEST_BASE:
        case IDC_SET_DEST_CLOUD:
            if (HIWORD(wp) == BN_CLICKED)
                show_advice(st);
            return TRUE;
        case IDC_SET_PROVIDER:
        case IDC_SET_KIND:
            if (HIWORD(wp) == CBN_SELCHANGE)
                show_advice(st);
            return TRUE;
        case IDOK: /* Enter where no button is the default's */
        case IDC_SET_SAVE:
            if (st->shown && st->shown->load_rc == OQSDM_OK && st->can_save)
                start(st, OQSDM_ACT_APPLY);
            return TRUE;
        case IDC_SET_ELEVATE:
            if (st->offer_elevation)
                start(st, OQSDM_ACT_ELEVATED);
            return TRUE;
        case IDCANCEL:
            oqsdm_modal_close(&st->m);
            return TRUE;
        }
        break;
    case WM_CTLCOLORSTATIC:
        if (st && ((HWND)lp == GetDlgItem(dlg, IDC_SET_WARNING) ||
                   ((HWND)lp == GetDlgItem(dlg, IDC_SET_MESSAGE) && st->message_error)))
            return oqsdm_dlg_error_colors((HDC)wp);
        break;
    case WM_OQSDM_DPI_CHANGED:
        if (st)
            oqsdm_dlg_set_font(dlg, IDC_SET_WARNING, oqsdm_dlg_bold_font(dlg), &st->bold);
        return TRUE;
    case WM_DESTROY:
        if (st) {
            oqsdm_modal_destroyed(&st->m);
            free(st->shown);
            st->shown = NULL;
        }
        break;
    default: /* WM_CLOSE, the job back, the grace timer, WM_DPICHANGED */
        return oqsdm_modal_proc(st ? &st->m : NULL, dlg, msg, wp, lp);
    }
    return FALSE;
}

int oqsdm_settings_dialog(HWND owner, oqsdm_gui_session *s)
{
    sdlg_state *st = calloc(1, sizeof *st);
    if (!st)
        return 0;
    st->m.s = s;
    st->m.done = on_job_done;
    st->m.ctx = st;
    st->lang = s->lang;
    HINSTANCE inst = (HINSTANCE)GetWindowLongPtrW(owner, GWLP_HINSTANCE);
    DialogBoxParamW(inst, MAKEINTRESOURCEW(IDD_SETTINGS), owner, sdlg_proc, (LPARAM)st);
    int saved = st->saved;
    if (st->bold)
        DeleteObject(st->bold);
    free(st);
    return saved;
}
