/*
 * diagnose_dialog.c: 診断, the findings of the diagnosis, modal over the
 * main window.
 *
 * A table of the six findings (diagnose.h) in their fixed order, each with
 * its title and status word, the status cell filled with its colour
 * (status_colors.h: green ok, yellow warning, red failed, grey not
 * applicable or unknown; the GUI test counts those exact pixels). The
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
#include "status_colors.h"
#include "../platform/win32/utf.h"

#include "oqsdm/diagnose.h"
#include "oqsdm/fix.h"
#include "oqsdm/msg.h"
#include "oqsdm/platform.h"

#include <commctrl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { COL_ITEM, COL_STATUS, COL_COUNT };
enum shade { SHADE_NONE = -1, SHADE_OK, SHADE_WARN, SHADE_FAIL, SHADE_GREY, SHADE_COUNT };

static const int title_msg[OQSDM_F_COUNT] = {OQSDM_MSG_FT_DESTINATION, OQSDM_MSG_FT_PROXY_SERVER,
                                             OQSDM_MSG_FT_PROXY_BYPASS, OQSDM_MSG_FT_PROXY_WINHTTP,
                                             OQSDM_MSG_FT_DNS, OQSDM_MSG_FT_CONNECTION};
static const int status_msg[OQSDM_FS_COUNT] = {OQSDM_MSG_FS_OK, OQSDM_MSG_FS_WARN, OQSDM_MSG_FS_FAIL,
                                               OQSDM_MSG_FS_SKIP, OQSDM_MSG_FS_UNKNOWN};
static const enum shade status_shade[OQSDM_FS_COUNT] = {SHADE_OK, SHADE_WARN, SHADE_FAIL, SHADE_GREY, SHADE_GREY};

typedef struct ddlg_state {
    oqsdm_modal m;
    oqsdm_lang lang;
    HWND dlg, list;
    oqsdm_job *shown;             /* the last finished diagnosis: what the window shows */
    int changed;                  /* a fix or an undo was made: the main window's lamp is out of date */
    int elevate_finding;          /* the finding whose fix was refused (管理者として修正 offered), -1 none */
    int message_error;            /* IDC_DIAG_MESSAGE in red */
    int shade[OQSDM_F_COUNT];
    COLORREF color[SHADE_COUNT], on_color[SHADE_COUNT], error_text;
    HBRUSH brush[SHADE_COUNT];
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

static void list_set(ddlg_state *st, int row, int col, const char *utf8)
{
    wchar_t *w = oqsdm_utf8_to_wide(utf8 ? utf8 : "");
    LVITEMW it;
    memset(&it, 0, sizeof it);
    it.iSubItem = col;
    it.pszText = w ? w : L"";
    SendMessageW(st->list, LVM_SETITEMTEXTW, (WPARAM)row, (LPARAM)&it);
    free(w);
}

/* The status column as wide as its widest word (any status, so it never
 * changes width between runs) plus margins (24 px at 96 DPI, scaled to the
 * list's); the rest goes to the titles. */
static void list_fit_columns(ddlg_state *st)
{
    const int pad = oqsdm_dlg_px(st->list, 24), least = oqsdm_dlg_px(st->list, 40);
    int status_w = 0;
    for (int k = 0; k < OQSDM_FS_COUNT; k++) {
        wchar_t *w = oqsdm_utf8_to_wide(oqsdm_msg(st->lang, status_msg[k]));
        int px = w ? (int)SendMessageW(st->list, LVM_GETSTRINGWIDTHW, 0, (LPARAM)w) : 0;
        free(w);
        if (px > status_w)
            status_w = px;
    }
    wchar_t *h = oqsdm_utf8_to_wide(oqsdm_msg(st->lang, OQSDM_MSG_VCOL_STATUS));
    int hw = h ? (int)SendMessageW(st->list, LVM_GETSTRINGWIDTHW, 0, (LPARAM)h) : 0;
    free(h);
    if (hw > status_w)
        status_w = hw;
    status_w += pad;
    SendMessageW(st->list, LVM_SETCOLUMNWIDTH, COL_ITEM, MAKELPARAM(8, 0));
    SendMessageW(st->list, LVM_SETCOLUMNWIDTH, COL_STATUS, MAKELPARAM(8, 0));
    RECT rc;
    GetClientRect(st->list, &rc);
    int item_w = rc.right - rc.left - status_w;
    SendMessageW(st->list, LVM_SETCOLUMNWIDTH, COL_ITEM, MAKELPARAM(item_w > least ? item_w : least, 0));
    SendMessageW(st->list, LVM_SETCOLUMNWIDTH, COL_STATUS, MAKELPARAM(status_w, 0));
}

static void list_init(ddlg_state *st)
{
    static const int header_msg[COL_COUNT] = {OQSDM_MSG_DCOL_ITEM, OQSDM_MSG_VCOL_STATUS};
    SendMessageW(st->list, LVM_SETEXTENDEDLISTVIEWSTYLE, 0,
                 LVS_EX_FULLROWSELECT | LVS_EX_GRIDLINES | LVS_EX_DOUBLEBUFFER);
    for (int c = 0; c < COL_COUNT; c++) {
        wchar_t *w = oqsdm_utf8_to_wide(oqsdm_msg(st->lang, header_msg[c]));
        LVCOLUMNW col;
        memset(&col, 0, sizeof col);
        col.mask = LVCF_TEXT | LVCF_WIDTH | LVCF_SUBITEM | LVCF_FMT;
        col.fmt = LVCFMT_LEFT;
        col.cx = oqsdm_dlg_px(st->list, 80); /* until list_fit_columns */
        col.iSubItem = c;
        col.pszText = w ? w : L"";
        SendMessageW(st->list, LVM_INSERTCOLUMNW, (WPARAM)c, (LPARAM)&col);
        free(w);
    }
    for (int r = 0; r < OQSDM_F_COUNT; r++) {
        wchar_t *w = oqsdm_utf8_to_wide(oqsdm_msg(st->lang, title_msg[r]));
        LVITEMW it;
        memset(&it, 0, sizeof it);
        it.mask = LVIF_TEXT;
        it.iItem = r;
        it.pszText = w ? w : L"";
        SendMessageW(st->list, LVM_INSERTITEMW, 0, (LPARAM)&it);
        free(w);
        st->shade[r] = SHADE_NONE;
    }
    list_fit_columns(st);
}

static int list_selected(ddlg_state *st)
{
    return (int)SendMessageW(st->list, LVM_GETNEXTITEM, (WPARAM)-1, LVNI_SELECTED);
}

static void list_select(ddlg_state *st, int row)
{
    LVITEMW it;
    memset(&it, 0, sizeof it);
    it.stateMask = LVIS_SELECTED | LVIS_FOCUSED;
    it.state = LVIS_SELECTED | LVIS_FOCUSED;
    SendMessageW(st->list, LVM_SETITEMSTATE, (WPARAM)row, (LPARAM)&it);
    SendMessageW(st->list, LVM_ENSUREVISIBLE, (WPARAM)row, FALSE);
}

/* The status cell: the whole cell in its colour, the word on it. */
static LRESULT list_custom_draw(ddlg_state *st, NMLVCUSTOMDRAW *cd)
{
    switch (cd->nmcd.dwDrawStage) {
    case CDDS_PREPAINT:
        return CDRF_NOTIFYITEMDRAW;
    case CDDS_ITEMPREPAINT:
        return CDRF_NOTIFYSUBITEMDRAW;
    case CDDS_ITEMPREPAINT | CDDS_SUBITEM: {
        int row = (int)cd->nmcd.dwItemSpec;
        if (cd->iSubItem != COL_STATUS || row < 0 || row >= OQSDM_F_COUNT || st->shade[row] == SHADE_NONE)
            return CDRF_DODEFAULT;
        RECT r;
        memset(&r, 0, sizeof r);
        r.top = COL_STATUS;
        r.left = LVIR_BOUNDS;
        if (!SendMessageW(st->list, LVM_GETSUBITEMRECT, (WPARAM)row, (LPARAM)&r))
            return CDRF_DODEFAULT;
        wchar_t text[128] = L"";
        LVITEMW it;
        memset(&it, 0, sizeof it);
        it.iSubItem = COL_STATUS;
        it.pszText = text;
        it.cchTextMax = (int)(sizeof text / sizeof text[0]);
        SendMessageW(st->list, LVM_GETITEMTEXTW, (WPARAM)row, (LPARAM)&it);
        HDC dc = cd->nmcd.hdc;
        int s = st->shade[row];
        FillRect(dc, &r, st->brush[s]);
        int old_mode = SetBkMode(dc, TRANSPARENT);
        COLORREF old_color = SetTextColor(dc, st->on_color[s]);
        RECT tr = r;
        tr.left += oqsdm_dlg_px(st->list, 6);
        tr.right -= oqsdm_dlg_px(st->list, 2);
        DrawTextW(dc, text, -1, &tr, DT_SINGLELINE | DT_VCENTER | DT_LEFT | DT_NOPREFIX);
        SetTextColor(dc, old_color);
        SetBkMode(dc, old_mode);
        return CDRF_SKIPDEFAULT;
    }
    }
    return CDRF_DODEFAULT;
}

/* ------------------------------------------------------------ showing a result */

static void show_buttons(ddlg_state *st)
{
    int row = list_selected(st);
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
        list_set(st, r, COL_ITEM, ok ? f->title : oqsdm_msg(L, title_msg[r]));
        list_set(st, r, COL_STATUS, ok ? oqsdm_msg(L, status_msg[f->status]) : "");
        st->shade[r] = ok ? status_shade[f->status] : SHADE_NONE;
    }
    InvalidateRect(st->list, NULL, TRUE);
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
    int row = list_selected(st);
    if (row < 0) {
        row = first_row(st);
        list_select(st, row); /* LVN_ITEMCHANGED shows it */
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

static void on_job_done(ddlg_state *st, oqsdm_job *job)
{
    job = oqsdm_modal_job_done(&st->m, job);
    if (!job)
        return;
    free(st->shown);
    st->shown = job;
    show_result(st);
    show_action(st, job);
    show_buttons(st);
    oqsdm_modal_focus_back(&st->m);
}

static void on_fix(ddlg_state *st, oqsdm_job_action action)
{
    int row = list_selected(st);
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
    static const struct { int id, msg; } captions[] = {
        {IDC_DIAG_COMMAND_LABEL, OQSDM_MSG_DDLG_COMMAND_LABEL},
        {IDC_DIAG_FIX, OQSDM_MSG_DBTN_FIX},
        {IDC_DIAG_UNDO, OQSDM_MSG_DBTN_UNDO},
        {IDC_DIAG_ELEVATE, OQSDM_MSG_DBTN_ELEVATE},
        {IDC_DIAG_RERUN, OQSDM_MSG_DBTN_RERUN},
        {IDCANCEL, OQSDM_MSG_BTN_CLOSE_KEY},
    };
    oqsdm_dlg_title(st->dlg, st->lang, OQSDM_MSG_DDLG_TITLE);
    for (size_t i = 0; i < sizeof captions / sizeof captions[0]; i++)
        oqsdm_dlg_msg(st->dlg, captions[i].id, st->lang, captions[i].msg);

    static const BYTE rgb[SHADE_COUNT][3] = {
        {OQSDM_COLOR_OK_RGB}, {OQSDM_COLOR_WARN_RGB}, {OQSDM_COLOR_FAIL_RGB}, {OQSDM_COLOR_UNKNOWN_RGB}};
    static const BYTE on[SHADE_COUNT][3] = {
        {OQSDM_COLOR_ON_STATUS_RGB}, {OQSDM_COLOR_ON_WARN_RGB}, {OQSDM_COLOR_ON_STATUS_RGB},
        {OQSDM_COLOR_ON_STATUS_RGB}};
    for (int i = 0; i < SHADE_COUNT; i++) {
        st->color[i] = RGB(rgb[i][0], rgb[i][1], rgb[i][2]);
        st->on_color[i] = RGB(on[i][0], on[i][1], on[i][2]);
        st->brush[i] = CreateSolidBrush(st->color[i]);
    }
    st->error_text = st->color[SHADE_FAIL];
    st->elevate_finding = -1;
    st->list = GetDlgItem(st->dlg, IDC_DIAG_LIST);
    list_init(st);
    show_command(st, NULL);
    ShowWindow(GetDlgItem(st->dlg, IDC_DIAG_ELEVATE), SW_HIDE);
    SetPropW(st->dlg, OQSDM_DIAGNOSE_PROP, (HANDLE)1);
    st->m.s->modal = st->dlg;
    if (handed) {
        /* The main window's diagnosis after a failed check: shown at once. */
        st->shown = handed;
        show_result(st);
        show_buttons(st);
    } else {
        start(st, OQSDM_ACT_NONE, 0);
    }
}

static INT_PTR notify_result(HWND dlg, LRESULT r)
{
    SetWindowLongPtrW(dlg, DWLP_MSGRESULT, (LONG_PTR)r);
    return TRUE;
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
        SendMessageW(dlg, WM_NEXTDLGCTL, (WPARAM)st->list, TRUE);
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
        if (!st || h->idFrom != IDC_DIAG_LIST)
            break;
        if (h->code == NM_CUSTOMDRAW)
            return notify_result(dlg, list_custom_draw(st, (NMLVCUSTOMDRAW *)lp));
        if (h->code == LVN_ITEMCHANGED) {
            const NMLISTVIEW *nm = (const NMLISTVIEW *)lp;
            if ((nm->uChanged & LVIF_STATE) && (nm->uNewState & LVIS_SELECTED) && !(nm->uOldState & LVIS_SELECTED))
                show_detail(st, nm->iItem);
        }
        break;
    }
    case WM_CTLCOLORSTATIC:
        if (st && st->message_error && (HWND)lp == GetDlgItem(dlg, IDC_DIAG_MESSAGE)) {
            HDC dc = (HDC)wp;
            SetTextColor(dc, st->error_text);
            SetBkColor(dc, GetSysColor(COLOR_BTNFACE));
            return (INT_PTR)GetSysColorBrush(COLOR_BTNFACE);
        }
        break;
    case WM_CLOSE:
        if (st)
            oqsdm_modal_close(&st->m);
        return TRUE;
    case WM_OQSDM_JOB_DONE:
        if (st)
            on_job_done(st, (oqsdm_job *)lp);
        else
            free((oqsdm_job *)lp);
        return TRUE;
    case WM_TIMER:
        if (st && wp == OQSDM_MODAL_GRACE_TIMER)
            oqsdm_modal_abandon(&st->m);
        return TRUE;
    case WM_DPICHANGED:
        PostMessageW(dlg, WM_OQSDM_DPI_CHANGED, 0, 0); /* after the dialog manager's rescaling (gui.h) */
        break;
    case WM_OQSDM_DPI_CHANGED:
        if (st)
            list_fit_columns(st);
        return TRUE;
    case WM_DESTROY:
        RemovePropW(dlg, OQSDM_DIAGNOSE_PROP);
        if (st) {
            st->m.s->modal = NULL;
            free(st->shown);
            st->shown = NULL;
            for (int i = 0; i < SHADE_COUNT; i++)
                if (st->brush[i])
                    DeleteObject(st->brush[i]);
        }
        break;
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
