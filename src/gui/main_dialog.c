/*
 * main_dialog.c: oqsdm.exe, the management tool's main window.
 *
 * The UI thread only paints and dispatches: a press starts a worker
 * (worker.c) and the answer comes back as WM_OQSDM_JOB_DONE. All state
 * lives in one struct reached through GWLP_USERDATA. Closing during a
 * check cancels it, hides the window at once, and ends when the worker
 * has handed its job back (or after a grace period, so a hung name lookup
 * cannot keep a hidden process alive), as in every dialog (modal.c).
 *
 * When the connection check fails, the window looks for the cause itself:
 * a diagnosis job follows at once (「原因を調べています…」), and the finding
 * that explains the failure is shown under the lamp with the first line
 * of its remedy (or, when none does, the guide's advice to ask the
 * vendor); 診断 becomes the default button, so Enter opens the whole list,
 * which that diagnosis fills at once. The guide's sentence stays as it is.
 *
 * The other buttons open modal dialogs: 配信実績の確認 (versions_dialog.c),
 * 設定の変更 (settings_dialog.c) and 診断 (diagnose_dialog.c). One job runs
 * at a time, so they are greyed while a check or its diagnosis runs. When
 * a dialog has changed the settings or fixed something, the lamp goes
 * back to 未確認: the last answer is no longer the terminal's.
 */
#include "gui.h"
#include "resource.h"
#include "status_colors.h"
#include "../platform/win32/utf.h"

#include "oqsdm/connection.h"
#include "oqsdm/msg.h"
#include "oqsdm/portal.h"
#include "oqsdm/platform.h"

#include <commctrl.h>
#include <shellapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum lamp { LAMP_UNKNOWN, LAMP_BUSY, LAMP_OK, LAMP_FAIL, LAMP_COUNT };

typedef struct dlg_state {
    oqsdm_gui_session s;
    oqsdm_lang lang;         /* s.lang, for short */
    oqsdm_modal m;           /* the running job (a check, or the diagnosis after it), and closing (modal.c) */
    oqsdm_job *diagnosis;    /* the diagnosis after the last failed check, for the 診断 dialog */
    enum lamp lamp;
    HBRUSH brush[LAMP_COUNT];
    COLORREF color[LAMP_COUNT];
    HFONT lamp_font;
    HFONT cause_font;        /* the dialog's font in bold */
    int cause_red;           /* IDC_CAUSE names a finding: in the lamp's red */
} dlg_state;

/* What a job greys: every button that would start another. */
static const int busy_buttons[] = {IDC_BTN_CHECK_CONNECTION, IDC_BTN_VERSIONS, IDC_BTN_SETTINGS, IDC_BTN_DIAGNOSE};

static void set_lamp(HWND dlg, dlg_state *st, enum lamp lamp, int msg_id)
{
    st->lamp = lamp;
    oqsdm_dlg_msg(dlg, IDC_STATUS, st->lang, msg_id);
    InvalidateRect(GetDlgItem(dlg, IDC_STATUS), NULL, TRUE);
}

/* The lamp's font is the dialog's own, larger and bold: no face is named,
 * so whatever font shows Japanese in the dialog shows it in the lamp, and
 * its height is twice the dialog font's, so it follows the DPI. The cause
 * is the dialog's font in bold. Made again when the DPI changes. */
static void make_fonts(HWND dlg, dlg_state *st)
{
    LOGFONTW lf;
    HFONT base = (HFONT)SendMessageW(dlg, WM_GETFONT, 0, 0);
    if (base && GetObjectW(base, sizeof lf, &lf)) {
        lf.lfHeight = lf.lfHeight * 2;
        lf.lfWeight = FW_BOLD;
        oqsdm_dlg_set_font(dlg, IDC_STATUS, CreateFontIndirectW(&lf), &st->lamp_font);
    }
    oqsdm_dlg_set_font(dlg, IDC_CAUSE, oqsdm_dlg_bold_font(dlg), &st->cause_font);
}

static void init_dialog(HWND dlg, dlg_state *st)
{
    static const oqsdm_caption captions[] = {
        {IDC_BTN_CHECK_CONNECTION, OQSDM_MSG_BTN_CHECK_CONNECTION},
        {IDC_BTN_VERSIONS, OQSDM_MSG_BTN_VERSIONS},
        {IDC_BTN_SETTINGS, OQSDM_MSG_BTN_SETTINGS},
        {IDC_BTN_DOWNLOAD_NOW, OQSDM_MSG_BTN_DOWNLOAD_NOW},
        {IDC_BTN_DIAGNOSE, OQSDM_MSG_BTN_DIAGNOSE},
        {IDCANCEL, OQSDM_MSG_BTN_CLOSE_KEY},
        {IDC_MESSAGE, OQSDM_MSG_HINT_START},
    };
    oqsdm_dlg_captions(dlg, st->lang, OQSDM_MSG_APP_TITLE, captions, sizeof captions / sizeof captions[0]);

    static const BYTE rgb[LAMP_COUNT][3] = {
        {OQSDM_COLOR_UNKNOWN_RGB}, {OQSDM_COLOR_BUSY_RGB}, {OQSDM_COLOR_OK_RGB}, {OQSDM_COLOR_FAIL_RGB}};
    for (int i = 0; i < LAMP_COUNT; i++) {
        st->color[i] = RGB(rgb[i][0], rgb[i][1], rgb[i][2]);
        st->brush[i] = CreateSolidBrush(st->color[i]);
    }
    make_fonts(dlg, st);
    set_lamp(dlg, st, LAMP_UNKNOWN, OQSDM_MSG_STATUS_UNCHECKED);
    SetPropW(dlg, OQSDM_MAIN_PROP, (HANDLE)1);
}

static void set_cause(HWND dlg, dlg_state *st, const char *cause, int red, const char *remedy)
{
    st->cause_red = red;
    oqsdm_dlg_text(dlg, IDC_CAUSE, cause);
    oqsdm_dlg_text(dlg, IDC_CAUSE_REMEDY, remedy);
    InvalidateRect(GetDlgItem(dlg, IDC_CAUSE), NULL, TRUE);
}

/* A greyed button loses the keyboard; Esc still closes, and Enter (the
 * greyed default) does nothing until the job is back. */
static void set_busy(HWND dlg, int busy)
{
    for (size_t i = 0; i < sizeof busy_buttons / sizeof busy_buttons[0]; i++)
        EnableWindow(GetDlgItem(dlg, busy_buttons[i]), !busy);
}

/* `id` becomes the default button (Enter) and gets the keyboard. */
static void make_default(HWND dlg, int id)
{
    SendMessageW(dlg, DM_SETDEFID, (WPARAM)id, 0);
    SendMessageW(dlg, WM_NEXTDLGCTL, (WPARAM)GetDlgItem(dlg, id), TRUE);
}

/* Starts a job of `kind`; 0, or -1 when it could not start. */
static int start_job(HWND dlg, dlg_state *st, oqsdm_job_kind kind)
{
    return oqsdm_modal_start(&st->m, oqsdm_job_new(kind, &st->s, dlg));
}

static void start_check(HWND dlg, dlg_state *st)
{
    if (st->m.job)
        return;
    free(st->diagnosis);
    st->diagnosis = NULL;
    set_cause(dlg, st, "", 0, "");
    if (start_job(dlg, st, OQSDM_JOB_CONNECTION)) {
        set_lamp(dlg, st, LAMP_FAIL, OQSDM_MSG_STATUS_CONFIG_ERROR);
        oqsdm_dlg_msg(dlg, IDC_MESSAGE, st->lang, OQSDM_MSG_ERR_NO_MEMORY);
        return;
    }
    SendMessageW(dlg, DM_SETDEFID, IDC_BTN_CHECK_CONNECTION, 0);
    set_busy(dlg, 1);
    set_lamp(dlg, st, LAMP_BUSY, OQSDM_MSG_STATUS_CHECKING);
    oqsdm_dlg_msg(dlg, IDC_MESSAGE, st->lang, OQSDM_MSG_HINT_CHECKING);
    oqsdm_dlg_text(dlg, IDC_REASON, "");
    oqsdm_dlg_text(dlg, IDC_DETAIL, "");
}

/* Shows the check's answer; 1 when it is a failure worth a diagnosis. */
static int show_result(HWND dlg, dlg_state *st, const oqsdm_job *job)
{
    char reason[1200], route[400], took[64], secs[32], detail[1100];
    oqsdm_lang L = st->lang;
    if (job->load_rc != OQSDM_OK) {
        /* Nothing was checked, but the terminal is not right either: red, with
         * the remedy (for a missing INI, the guide's "reinstall"). */
        set_lamp(dlg, st, LAMP_FAIL, OQSDM_MSG_STATUS_CONFIG_ERROR);
        oqsdm_dlg_text(dlg, IDC_MESSAGE, job->load_error.message);
        oqsdm_dlg_text(dlg, IDC_REASON, "");
        oqsdm_dlg_text(dlg, IDC_DETAIL, "");
        return 0;
    }
    const oqsdm_conn_result *r = &job->result;
    if (r->reason == OQSDM_R_CANCELLED) {
        set_lamp(dlg, st, LAMP_UNKNOWN, OQSDM_MSG_STATUS_CANCELLED);
        oqsdm_dlg_msg(dlg, IDC_MESSAGE, st->lang, OQSDM_MSG_REASON_CANCELLED);
        return 0;
    }
    int ok = r->reason == OQSDM_R_OK;
    set_lamp(dlg, st, ok ? LAMP_OK : LAMP_FAIL, ok ? OQSDM_MSG_STATUS_CONN_OK : OQSDM_MSG_STATUS_CONN_FAIL);
    oqsdm_dlg_msg(dlg, IDC_MESSAGE, st->lang, ok ? OQSDM_MSG_CONN_SUCCEEDED : OQSDM_MSG_CONN_FAILED);
    oqsdm_dlg_text(dlg, IDC_REASON,
                   oqsdm_msgf1(reason, sizeof reason, L, ok ? OQSDM_MSG_RESULT_LABEL : OQSDM_MSG_REASON_LABEL,
                               r->reason_text));
    if (r->via_proxy)
        oqsdm_msgf1(route, sizeof route, L, OQSDM_MSG_CLI_ROUTE_PROXY, r->proxy);
    else
        snprintf(route, sizeof route, "%s", oqsdm_msg(L, OQSDM_MSG_CLI_ROUTE_DIRECT));
    snprintf(secs, sizeof secs, "%.2f", (double)r->elapsed_ms / 1000.0);
    oqsdm_msgf1(took, sizeof took, L, OQSDM_MSG_ELAPSED, secs);
    oqsdm_msgf2(detail, sizeof detail, L, OQSDM_MSG_DETAIL_LINE, route, took);
    if (job->log_error[0]) {
        size_t n = strlen(detail);
        snprintf(detail + n, sizeof detail - n, "\n%s", job->log_error);
    }
    oqsdm_dlg_text(dlg, IDC_DETAIL, detail);
    return !ok;
}

/* The diagnosis after a failed check: the finding that explains it, with
 * the first line of its remedy; else the guide's advice to ask the vendor. */
static void show_cause(HWND dlg, dlg_state *st, const oqsdm_job *job)
{
    oqsdm_lang L = st->lang;
    char cause[600], remedy[1400], first[1100];
    if (job->load_rc != OQSDM_OK) {
        set_cause(dlg, st, "", 0, job->load_error.message);
        return;
    }
    const oqsdm_diagnosis *d = &job->diagnosis;
    const oqsdm_finding *conn = &d->f[OQSDM_F_CONNECTION];
    if (conn->status == OQSDM_FS_OK) {
        /* It connected this time: the answer above is out of date. */
        set_cause(dlg, st, oqsdm_msg(L, OQSDM_MSG_CAUSE_NOW_OK), 0, "");
        return;
    }
    if (conn->explained_by >= 0 && conn->explained_by < OQSDM_F_COUNT) {
        const oqsdm_finding *e = &d->f[conn->explained_by];
        size_t n = strcspn(e->remedy, "\n");
        snprintf(first, sizeof first, "%.*s", (int)n, e->remedy);
        oqsdm_msgf1(cause, sizeof cause, L, OQSDM_MSG_CAUSE_FOUND, e->title);
        oqsdm_msgf1(remedy, sizeof remedy, L, OQSDM_MSG_CAUSE_REMEDY, first);
        size_t k = strlen(remedy);
        snprintf(remedy + k, sizeof remedy - k, "\n%s", oqsdm_msg(L, OQSDM_MSG_CAUSE_SEE_DIAGNOSIS));
        set_cause(dlg, st, cause, 1, remedy);
        return;
    }
    snprintf(remedy, sizeof remedy, "%s\n%s", oqsdm_msg(L, OQSDM_MSG_CAUSE_VENDOR),
             oqsdm_msg(L, OQSDM_MSG_CAUSE_SEE_DIAGNOSIS));
    set_cause(dlg, st, oqsdm_msg(L, OQSDM_MSG_CAUSE_NONE), 0, remedy);
}

/* A job of this window's is back (oqsdm_modal_proc). */
static void on_job_done(void *ctx, oqsdm_job *job)
{
    dlg_state *st = ctx;
    HWND dlg = st->m.dlg;
    if (job->kind == OQSDM_JOB_CONNECTION) {
        int failed = show_result(dlg, st, job);
        free(job);
        if (failed && start_job(dlg, st, OQSDM_JOB_DIAGNOSE) == 0) {
            set_cause(dlg, st, oqsdm_msg(st->lang, OQSDM_MSG_CAUSE_SEARCHING), 0, "");
            return; /* still busy: the buttons come back with the diagnosis */
        }
        set_busy(dlg, 0);
        make_default(dlg, IDC_BTN_CHECK_CONNECTION);
        return;
    }
    show_cause(dlg, st, job);
    free(st->diagnosis);
    st->diagnosis = job;
    set_busy(dlg, 0);
    make_default(dlg, IDC_BTN_DIAGNOSE);
}

/* A dialog changed the settings or fixed something: the lamp's answer is
 * no longer the terminal's. */
static void show_changed(HWND dlg, dlg_state *st)
{
    free(st->diagnosis);
    st->diagnosis = NULL;
    set_lamp(dlg, st, LAMP_UNKNOWN, OQSDM_MSG_STATUS_UNCHECKED);
    oqsdm_dlg_msg(dlg, IDC_MESSAGE, st->lang, OQSDM_MSG_HINT_CHANGED);
    oqsdm_dlg_text(dlg, IDC_REASON, "");
    oqsdm_dlg_text(dlg, IDC_DETAIL, "");
    set_cause(dlg, st, "", 0, "");
}

/* Opens the modal dialog of button `id`; returns when it is closed. */
static void open_modal(HWND dlg, dlg_state *st, int id)
{
    if (st->m.job || st->s.modal)
        return;
    int changed = 0;
    if (id == IDC_BTN_VERSIONS) {
        oqsdm_versions_dialog(dlg, &st->s);
    } else if (id == IDC_BTN_SETTINGS) {
        changed = oqsdm_settings_dialog(dlg, &st->s);
    } else {
        oqsdm_job *shown = st->diagnosis; /* the dialog takes it */
        st->diagnosis = NULL;
        changed = oqsdm_diagnose_dialog(dlg, &st->s, shown);
    }
    if (st->m.closing) { /* asked to close while it was open */
        EndDialog(dlg, 0);
        return;
    }
    if (changed) {
        show_changed(dlg, st);
        make_default(dlg, IDC_BTN_CHECK_CONNECTION);
    } else {
        SendMessageW(dlg, WM_NEXTDLGCTL, (WPARAM)GetDlgItem(dlg, id), TRUE);
    }
}

static void request_close(dlg_state *st)
{
    if (st->s.modal) {
        /* A modal dialog's own loop is running: close it first, then
         * open_modal closes this one. */
        st->m.closing = 1;
        PostMessageW(st->s.modal, WM_CLOSE, 0, 0);
        return;
    }
    oqsdm_modal_close(&st->m);
}

/* IDI_OQSDM in the title bar and Alt+Tab, in the sizes of the window's DPI
 * (shared icons: never destroyed). */
static void set_icons(HWND dlg)
{
    UINT dpi = GetDpiForWindow(dlg);
    static const struct { WPARAM which; int cx, cy; } icons[] = {
        {ICON_BIG, SM_CXICON, SM_CYICON}, {ICON_SMALL, SM_CXSMICON, SM_CYSMICON}};
    for (size_t i = 0; i < sizeof icons / sizeof icons[0]; i++)
        SendMessageW(dlg, WM_SETICON, icons[i].which,
                     (LPARAM)LoadImageW(GetModuleHandleW(NULL), MAKEINTRESOURCEW(IDI_OQSDM), IMAGE_ICON,
                                        GetSystemMetricsForDpi(icons[i].cx, dpi),
                                        GetSystemMetricsForDpi(icons[i].cy, dpi), LR_SHARED));
}

static INT_PTR CALLBACK dlg_proc(HWND dlg, UINT msg, WPARAM wp, LPARAM lp)
{
    dlg_state *st = (dlg_state *)GetWindowLongPtrW(dlg, GWLP_USERDATA);
    switch (msg) {
    case WM_INITDIALOG:
        st = (dlg_state *)lp;
        st->m.dlg = dlg;
        st->m.s = &st->s;
        st->m.done = on_job_done;
        st->m.ctx = st;
        SetWindowLongPtrW(dlg, GWLP_USERDATA, (LONG_PTR)st);
        init_dialog(dlg, st);
        set_icons(dlg);
        return TRUE;
    case WM_COMMAND:
        if (!st)
            break;
        switch (LOWORD(wp)) {
        case IDC_BTN_CHECK_CONNECTION:
            start_check(dlg, st);
            return TRUE;
        case IDC_BTN_VERSIONS:
        case IDC_BTN_SETTINGS:
        case IDC_BTN_DIAGNOSE:
            open_modal(dlg, st, LOWORD(wp));
            return TRUE;
        case IDOK: /* Enter where no button is the default's */
            start_check(dlg, st);
            return TRUE;
        case IDCANCEL:
            request_close(st);
            return TRUE;
        }
        break;
    case WM_CLOSE:
        if (st)
            request_close(st);
        return TRUE;
    case WM_OQSDM_DPI_CHANGED:
        if (st) {
            make_fonts(dlg, st);
            set_icons(dlg);
            InvalidateRect(dlg, NULL, TRUE);
        }
        return TRUE;
    case WM_CTLCOLORSTATIC:
        if (st && (HWND)lp == GetDlgItem(dlg, IDC_STATUS)) {
            HDC dc = (HDC)wp;
            SetTextColor(dc, RGB(0xFF, 0xFF, 0xFF));
            SetBkColor(dc, st->color[st->lamp]);
            return (INT_PTR)st->brush[st->lamp];
        }
        if (st && st->cause_red && (HWND)lp == GetDlgItem(dlg, IDC_CAUSE))
            return oqsdm_dlg_error_colors((HDC)wp);
        break;
    case WM_DESTROY:
        RemovePropW(dlg, OQSDM_MAIN_PROP);
        if (st) {
            for (int i = 0; i < LAMP_COUNT; i++)
                if (st->brush[i])
                    DeleteObject(st->brush[i]);
            if (st->lamp_font)
                DeleteObject(st->lamp_font);
            if (st->cause_font)
                DeleteObject(st->cause_font);
            free(st->diagnosis);
            st->diagnosis = NULL;
        }
        break;
    default:
        /* The job back; the grace timer (the worker is stuck in a lookup:
         * left, the process exit ends it); WM_DPICHANGED (moved to a
         * monitor of another DPI, PerMonitorV2: the fonts made here follow). */
        return oqsdm_modal_proc(st ? &st->m : NULL, dlg, msg, wp, lp);
    }
    return FALSE;
}

static BOOL CALLBACK find_main(HWND hwnd, LPARAM lp)
{
    if (GetPropW(hwnd, OQSDM_MAIN_PROP)) {
        *(HWND *)lp = hwnd;
        return FALSE;
    }
    return TRUE;
}

/* A second launch brings the running window to the front and exits. */
static int activate_running(void)
{
    for (int tries = 0; tries < 20; tries++) {
        HWND found = NULL;
        EnumWindows(find_main, (LPARAM)&found);
        if (found) {
            if (IsIconic(found))
                ShowWindow(found, SW_RESTORE);
            SetForegroundWindow(found);
            return 1;
        }
        Sleep(100); /* the first instance may still be opening its window */
    }
    return 0;
}

static void parse_args(dlg_state *st)
{
    int argc = 0;
    wchar_t **argv = CommandLineToArgvW(GetCommandLineW(), &argc);
    for (int i = 1; argv && i + 1 < argc; i++) {
        char *v = oqsdm_wide_to_utf8(argv[i + 1]);
        if (!v)
            continue;
        if (wcscmp(argv[i], L"--lang") == 0)
            oqsdm_lang_parse(v, &st->s.lang), i++;
        else if (wcscmp(argv[i], L"--root") == 0)
            snprintf(st->s.root, sizeof st->s.root, "%s", v), i++;
        else if (wcscmp(argv[i], L"--config") == 0)
            snprintf(st->s.config_path, sizeof st->s.config_path, "%s", v), i++;
        free(v);
    }
    LocalFree(argv);
}

int WINAPI wWinMain(HINSTANCE inst, HINSTANCE prev, PWSTR cmd, int show)
{
    (void)prev;
    (void)cmd;
    (void)show;
    HANDLE mutex = CreateMutexW(NULL, FALSE, L"Local\\oqsdm.main-window");
    if (mutex && GetLastError() == ERROR_ALREADY_EXISTS && activate_running()) {
        CloseHandle(mutex);
        return 0;
    }
    INITCOMMONCONTROLSEX icc = {sizeof icc, ICC_STANDARD_CLASSES | ICC_LISTVIEW_CLASSES};
    InitCommonControlsEx(&icc);
    static dlg_state st;
    st.s.lang = oqsdm_plat_ui_lang();
    parse_args(&st);
    st.lang = st.s.lang;
    if (oqsdm_conn_global_init() != 0)
        return 2;
    oqsdm_portal_init(); /* libxml2, once, before a worker uses it */
    INT_PTR rc = DialogBoxParamW(inst, MAKEINTRESOURCEW(IDD_MAIN), NULL, dlg_proc, (LPARAM)&st);
    /* A worker still stuck after the grace period is ended with the process;
     * libcurl's global state is then left for the OS to reclaim. */
    if (!st.m.worker && !st.s.abandoned)
        oqsdm_conn_global_cleanup();
    if (mutex)
        CloseHandle(mutex);
    return rc < 0 ? 1 : 0;
}
