/*
 * versions_dialog.c: the version check's window, modal over the main one.
 *
 * A table of the four applications (installed, latest, status: green for
 * latest and newer, red for outdated and missing, grey for unknown), the
 * summary, where the latest versions came from and their date, the
 * selected row's reason and the guide's advice; below, the card reader's
 * maker, that maker's steps and the number staff read on its tool.
 *
 * Like the main window, the UI thread only paints and dispatches: every
 * check, every file read or write (the reader's entry included) and the
 * portal fetch run as a versions job on a worker (worker.c), and the
 * answer comes back as WM_OQSDM_JOB_DONE. The finished job IS the shown
 * state (st->shown) until the next one replaces it. While a job runs the
 * summary says so and the buttons that would start another are greyed;
 * closing then cancels it, hides the window and ends when the job comes
 * back, or after a grace period (a hung name lookup), leaving the worker
 * to free its own job and telling the session not to clean up libcurl.
 *
 * The status cells are drawn by NM_CUSTOMDRAW: the whole cell filled
 * with the exact colour of status_colors.h (the GUI test counts those
 * pixels), the text white on it. Keyboard: every button and label has a
 * mnemonic; Enter is "Check again", or "Save" while the number's box has
 * the focus (DM_SETDEFID); Esc closes.
 *
 * Sources: "Check again" asks the portal (PortalUrl, with the cache);
 * "Load a saved page" reads a file chosen in the common file dialog, and
 * checks after saving the reader's entry keep using the source of the
 * check shown, so a closed network never falls back to the portal.
 */
#include "gui.h"
#include "resource.h"
#include "status_colors.h"
#include "../platform/win32/utf.h"

#include "oqsdm/msg.h"
#include "oqsdm/reader.h"

#include <commctrl.h>
#include <commdlg.h>
#include <knownfolders.h>
#include <shlobj.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CLOSE_GRACE_TIMER 1
#define CLOSE_GRACE_MS 15000
#define READER_TYPED_MAX 32      /* characters staff may type: a version is short */
#define OPEN_PATH_MAX 340        /* UTF-16 units: at most 3 UTF-8 bytes each fits job->portal */

enum { COL_APP, COL_INSTALLED, COL_LATEST, COL_STATUS, COL_COUNT };
enum shade { SHADE_NONE = -1, SHADE_OK, SHADE_FAIL, SHADE_UNKNOWN, SHADE_COUNT };

typedef struct vdlg_state {
    oqsdm_gui_session *s;
    oqsdm_lang lang;
    HWND dlg, list;
    HANDLE worker;
    oqsdm_job *job;               /* the running job, while busy */
    oqsdm_job *shown;             /* the last finished job: what the window shows */
    int closing;                  /* closed while busy: ends when the job is back */
    int ended;                    /* EndDialog has been called */
    char portal[1024];            /* the source of the check shown: a saved page, "" for PortalUrl */
    char last_page[1024];         /* the saved page loaded last, where the file dialog opens next */
    int focus_back;               /* the control to give the keyboard back to after a job, 0 for none */
    int shade[OQSDM_PORTAL_APP_COUNT];
    COLORREF color[SHADE_COUNT], on_status, error_text;
    HBRUSH brush[SHADE_COUNT];
} vdlg_state;

static const int app_name_msg[OQSDM_PORTAL_APP_COUNT] = {
    OQSDM_MSG_APP_NAME_DISTRO, OQSDM_MSG_APP_NAME_COM, OQSDM_MSG_APP_NAME_FACE, OQSDM_MSG_APP_NAME_READER};
static const int status_msg[OQSDM_VST_COUNT] = {OQSDM_MSG_VST_LATEST, OQSDM_MSG_VST_OUTDATED, OQSDM_MSG_VST_NEWER,
                                                OQSDM_MSG_VST_MISSING, OQSDM_MSG_VST_UNKNOWN};
static const enum shade status_shade[OQSDM_VST_COUNT] = {SHADE_OK, SHADE_FAIL, SHADE_OK, SHADE_FAIL,
                                                         SHADE_UNKNOWN};

/* ------------------------------------------------------------ text */

static void set_text(HWND dlg, int id, const char *utf8)
{
    wchar_t *w = oqsdm_utf8_to_wide(utf8 ? utf8 : "");
    SetDlgItemTextW(dlg, id, w ? w : L"");
    free(w);
}

static void set_msg(vdlg_state *st, int id, int msg_id)
{
    set_text(st->dlg, id, oqsdm_msg(st->lang, msg_id));
}

/* A multi-line edit wants CR LF where the catalogue has LF. */
static void set_edit_text(HWND dlg, int id, const char *utf8)
{
    size_t n = 0, lf = 0;
    for (const char *p = utf8; *p; p++, n++)
        lf += *p == '\n';
    char *crlf = malloc(n + lf + 1);
    if (!crlf) {
        set_text(dlg, id, "");
        return;
    }
    char *q = crlf;
    for (const char *p = utf8; *p; p++) {
        if (*p == '\n' && (p == utf8 || p[-1] != '\r'))
            *q++ = '\r';
        *q++ = *p;
    }
    *q = '\0';
    set_text(dlg, id, crlf);
    free(crlf);
}

/* "2026-12-01T20:44:40+09:00" as "2026-12-01 20:44"; anything else as it is. */
static void format_when(const char *iso, char *out, size_t size)
{
    if (strlen(iso) >= 16 && iso[4] == '-' && iso[7] == '-' && iso[10] == 'T' && iso[13] == ':')
        snprintf(out, size, "%.10s %.5s", iso, iso + 11);
    else
        snprintf(out, size, "%s", iso);
}

/* The maker's name from the catalogue (VENDOR_<ID>), else its id. */
static const char *vendor_name(vdlg_state *st, const oqsdm_vendor *v)
{
    char name[64] = "VENDOR_";
    size_t k = strlen(name);
    for (const char *p = v->id; *p && k + 1 < sizeof name; p++)
        name[k++] = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
    name[k] = '\0';
    int id = oqsdm_msg_id(name);
    return id >= 0 ? oqsdm_msg(st->lang, id) : v->id;
}

/* ------------------------------------------------------------ the table */

static void list_set(vdlg_state *st, int row, int col, const char *utf8)
{
    wchar_t *w = oqsdm_utf8_to_wide(utf8 ? utf8 : "");
    LVITEMW it;
    memset(&it, 0, sizeof it);
    it.iSubItem = col;
    it.pszText = w ? w : L"";
    SendMessageW(st->list, LVM_SETITEMTEXTW, (WPARAM)row, (LPARAM)&it);
    free(w);
}

static int list_string_width(vdlg_state *st, const wchar_t *w)
{
    return (int)SendMessageW(st->list, LVM_GETSTRINGWIDTHW, 0, (LPARAM)w);
}

/* Every column as wide as its widest text (header included) plus the
 * control's own margins (20 px at 96 DPI, scaled to the list's); what is
 * left goes to the application column, so the status column stays compact
 * and nothing is ever cut. */
static void list_fit_columns(vdlg_state *st)
{
    const int pad = oqsdm_dlg_px(st->list, 20);
    int width[COL_COUNT], total = 0;
    wchar_t buf[512];
    for (int c = 0; c < COL_COUNT; c++) {
        LVCOLUMNW col;
        memset(&col, 0, sizeof col);
        col.mask = LVCF_TEXT;
        col.pszText = buf;
        col.cchTextMax = (int)(sizeof buf / sizeof buf[0]);
        buf[0] = 0;
        SendMessageW(st->list, LVM_GETCOLUMNW, (WPARAM)c, (LPARAM)&col);
        width[c] = list_string_width(st, buf);
        for (int r = 0; r < OQSDM_PORTAL_APP_COUNT; r++) {
            LVITEMW it;
            memset(&it, 0, sizeof it);
            it.iSubItem = c;
            it.pszText = buf;
            it.cchTextMax = (int)(sizeof buf / sizeof buf[0]);
            buf[0] = 0;
            SendMessageW(st->list, LVM_GETITEMTEXTW, (WPARAM)r, (LPARAM)&it);
            int w = list_string_width(st, buf);
            if (w > width[c])
                width[c] = w;
        }
        width[c] += pad;
        total += width[c];
    }
    /* Narrow first, so that no scroll bar left from the old widths takes
     * its share of the client width; then widen, never past it. */
    for (int c = 0; c < COL_COUNT; c++)
        SendMessageW(st->list, LVM_SETCOLUMNWIDTH, (WPARAM)c, MAKELPARAM(8, 0));
    RECT rc;
    GetClientRect(st->list, &rc);
    int spare = rc.right - rc.left - total;
    if (spare > 0)
        width[COL_APP] += spare;
    for (int c = 0; c < COL_COUNT; c++)
        SendMessageW(st->list, LVM_SETCOLUMNWIDTH, (WPARAM)c, MAKELPARAM(width[c], 0));
}

static void list_init(vdlg_state *st)
{
    static const int header_msg[COL_COUNT] = {OQSDM_MSG_VCOL_APP, OQSDM_MSG_VCOL_INSTALLED, OQSDM_MSG_VCOL_LATEST,
                                              OQSDM_MSG_VCOL_STATUS};
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
    for (int r = 0; r < OQSDM_PORTAL_APP_COUNT; r++) {
        wchar_t *w = oqsdm_utf8_to_wide(oqsdm_msg(st->lang, app_name_msg[r]));
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

static int list_selected(vdlg_state *st)
{
    return (int)SendMessageW(st->list, LVM_GETNEXTITEM, (WPARAM)-1, LVNI_SELECTED);
}

static void list_select(vdlg_state *st, int row)
{
    LVITEMW it;
    memset(&it, 0, sizeof it);
    it.stateMask = LVIS_SELECTED | LVIS_FOCUSED;
    it.state = LVIS_SELECTED | LVIS_FOCUSED;
    SendMessageW(st->list, LVM_SETITEMSTATE, (WPARAM)row, (LPARAM)&it);
}

/* The status cell: the whole cell in its colour, white text on it. */
static LRESULT list_custom_draw(vdlg_state *st, NMLVCUSTOMDRAW *cd)
{
    switch (cd->nmcd.dwDrawStage) {
    case CDDS_PREPAINT:
        return CDRF_NOTIFYITEMDRAW;
    case CDDS_ITEMPREPAINT:
        return CDRF_NOTIFYSUBITEMDRAW;
    case CDDS_ITEMPREPAINT | CDDS_SUBITEM: {
        int row = (int)cd->nmcd.dwItemSpec;
        if (cd->iSubItem != COL_STATUS || row < 0 || row >= OQSDM_PORTAL_APP_COUNT || st->shade[row] == SHADE_NONE)
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
        FillRect(dc, &r, st->brush[st->shade[row]]);
        int old_mode = SetBkMode(dc, TRANSPARENT);
        COLORREF old_color = SetTextColor(dc, st->on_status);
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

static void show_reason(vdlg_state *st, int row)
{
    const oqsdm_job *j = st->shown;
    if (!j || j->load_rc != OQSDM_OK || row < 0 || row >= OQSDM_PORTAL_APP_COUNT) {
        set_text(st->dlg, IDC_VER_REASON, "");
        return;
    }
    char line[1400];
    oqsdm_msgf2(line, sizeof line, st->lang, OQSDM_MSG_VDLG_REASON, oqsdm_msg(st->lang, app_name_msg[row]),
                j->versions.app[row].reason);
    set_text(st->dlg, IDC_VER_REASON, line);
}

static const oqsdm_vendor *shown_vendor(vdlg_state *st)
{
    const oqsdm_job *j = st->shown;
    if (!j || j->load_rc != OQSDM_OK || j->versions.vendor < 0 || (size_t)j->versions.vendor >= j->nvendors)
        return NULL;
    return &j->vendors[j->versions.vendor];
}

static void show_steps(vdlg_state *st, const oqsdm_vendor *v)
{
    int id = v ? oqsdm_msg_id(v->steps) : -1;
    set_edit_text(st->dlg, IDC_VER_STEPS, oqsdm_msg(st->lang, id >= 0 ? id : OQSDM_MSG_READER_STEPS_NONE));
}

/* The maker list: the data file's makers, the one shown selected; a
 * "choose" entry first while none is known. Item data: the maker's index. */
static void show_vendors(vdlg_state *st)
{
    const oqsdm_job *j = st->shown;
    HWND cb = GetDlgItem(st->dlg, IDC_VER_VENDOR);
    const oqsdm_vendor *cur = shown_vendor(st);
    SendMessageW(cb, CB_RESETCONTENT, 0, 0);
    size_t n = j ? j->nvendors : 0;
    if (!cur && n) {
        wchar_t *w = oqsdm_utf8_to_wide(oqsdm_msg(st->lang, OQSDM_MSG_READER_VENDOR_CHOOSE));
        LRESULT at = SendMessageW(cb, CB_ADDSTRING, 0, (LPARAM)(w ? w : L""));
        SendMessageW(cb, CB_SETITEMDATA, (WPARAM)at, (LPARAM)-1);
        SendMessageW(cb, CB_SETCURSEL, (WPARAM)at, 0);
        free(w);
    }
    for (size_t i = 0; i < n; i++) {
        wchar_t *w = oqsdm_utf8_to_wide(vendor_name(st, &j->vendors[i]));
        LRESULT at = SendMessageW(cb, CB_ADDSTRING, 0, (LPARAM)(w ? w : L""));
        SendMessageW(cb, CB_SETITEMDATA, (WPARAM)at, (LPARAM)i);
        if (cur == &j->vendors[i])
            SendMessageW(cb, CB_SETCURSEL, (WPARAM)at, 0);
        free(w);
    }
    show_steps(st, cur);

    char line[600] = "";
    if (j && j->load_rc == OQSDM_OK) {
        if (j->versions.vendor_source == OQSDM_VENDOR_INSTALLED)
            oqsdm_msgf1(line, sizeof line, st->lang, OQSDM_MSG_READER_VENDOR_GUESSED, j->versions.vendor_program);
        else if (!cur && j->versions.vendors_ambiguous)
            snprintf(line, sizeof line, "%s", oqsdm_msg(st->lang, OQSDM_MSG_READER_VENDOR_AMBIGUOUS));
    }
    set_text(st->dlg, IDC_VER_VENDOR_NOTE, line);
}

static void show_result(vdlg_state *st)
{
    const oqsdm_job *j = st->shown;
    oqsdm_lang L = st->lang;
    const char *none = oqsdm_msg(L, OQSDM_MSG_VAL_NONE);
    int ok = j->load_rc == OQSDM_OK;
    const oqsdm_versions_result *v = &j->versions;

    for (int r = 0; r < OQSDM_PORTAL_APP_COUNT; r++) {
        const oqsdm_app_version *a = &v->app[r];
        list_set(st, r, COL_INSTALLED, ok && a->has_installed ? a->installed : none);
        list_set(st, r, COL_LATEST, ok && a->has_latest ? a->latest : none);
        /* Nothing was checked when the settings did not load: no status. */
        list_set(st, r, COL_STATUS, ok ? oqsdm_msg(L, status_msg[a->status]) : "");
        st->shade[r] = ok ? status_shade[a->status] : SHADE_NONE;
    }
    list_fit_columns(st);
    InvalidateRect(st->list, NULL, TRUE);

    if (!ok) {
        /* The settings are wrong (for a missing INI, the guide's "reinstall"):
         * say so, and the remedy where there is room for it. A saved page
         * still works without an INI. */
        set_msg(st, IDC_VER_SUMMARY, OQSDM_MSG_STATUS_CONFIG_ERROR);
        set_text(st->dlg, IDC_VER_SOURCE, "");
        set_edit_text(st->dlg, IDC_VER_ADVICE, j->load_error.message);
    } else {
        char line[2600], when[48];
        set_text(st->dlg, IDC_VER_SUMMARY, v->summary);
        /* The date, unless the note has it already (as people read it, or as stored). */
        format_when(v->source.fetched_at, when, sizeof when);
        if (v->source.fetched_at[0] && !strstr(v->source.note, v->source.fetched_at) && !strstr(v->source.note, when)) {
            set_text(st->dlg, IDC_VER_SOURCE,
                     oqsdm_msgf2(line, sizeof line, L, OQSDM_MSG_VDLG_SOURCE_DATE, v->source.note, when));
        } else {
            set_text(st->dlg, IDC_VER_SOURCE, v->source.note);
        }
        set_edit_text(st->dlg, IDC_VER_ADVICE,
                      v->advice[0] ? oqsdm_msgf1(line, sizeof line, L, OQSDM_MSG_VDLG_ADVICE, v->advice) : "");
    }

    /* The row to explain: the one chosen before, else the first that is not green. */
    int row = list_selected(st);
    if (row < 0) {
        row = 0;
        for (int r = 0; r < OQSDM_PORTAL_APP_COUNT; r++)
            if (st->shade[r] != SHADE_OK) {
                row = r;
                break;
            }
        list_select(st, row);
    }
    show_reason(st, row);

    show_vendors(st);
    char line[400] = "";
    if (ok && v->reader_entered_at[0]) {
        char when[48];
        format_when(v->reader_entered_at, when, sizeof when);
        oqsdm_msgf1(line, sizeof line, L, OQSDM_MSG_READER_ENTERED_AT, when);
    } else if (ok) {
        snprintf(line, sizeof line, "%s", oqsdm_msg(L, OQSDM_MSG_READER_NOT_ENTERED));
    }
    set_text(st->dlg, IDC_VER_READER_ENTERED, line);

    /* Without settings nothing can be recorded either; the keyboard must
     * not stay on a control greyed here. */
    EnableWindow(GetDlgItem(st->dlg, IDC_VER_VENDOR), ok && j->nvendors > 0);
    EnableWindow(GetDlgItem(st->dlg, IDC_VER_READER_SAVE), ok);
    HWND focus = GetFocus();
    if (!focus || !IsWindowEnabled(focus))
        SendMessageW(st->dlg, WM_NEXTDLGCTL, (WPARAM)GetDlgItem(st->dlg, IDCANCEL), TRUE);
    if (j->reader_rc) {
        set_text(st->dlg, IDC_VER_READER_ERROR, j->reader_error);
    } else {
        set_text(st->dlg, IDC_VER_READER_ERROR, "");
        if (j->set_reader)
            set_text(st->dlg, IDC_VER_READER_EDIT, ""); /* taken: the table shows it now */
    }
}

/* ------------------------------------------------------------ jobs */

static const int busy_controls[] = {IDC_VER_RECHECK, IDC_VER_LOAD_PAGE, IDC_VER_READER_SAVE, IDC_VER_VENDOR};

static void set_busy(vdlg_state *st, int busy)
{
    HWND focus = GetFocus();
    for (size_t i = 0; i < sizeof busy_controls / sizeof busy_controls[0]; i++) {
        HWND c = GetDlgItem(st->dlg, busy_controls[i]);
        if (busy && c == focus) {
            /* A greyed control cannot keep the keyboard: lend it to Close. */
            st->focus_back = busy_controls[i];
            SendMessageW(st->dlg, WM_NEXTDLGCTL, (WPARAM)GetDlgItem(st->dlg, IDCANCEL), TRUE);
        }
        EnableWindow(c, !busy);
    }
    if (busy) {
        set_msg(st, IDC_VER_SUMMARY, OQSDM_MSG_STATUS_CHECKING);
    } else if (st->focus_back) {
        if (GetFocus() == GetDlgItem(st->dlg, IDCANCEL))
            SendMessageW(st->dlg, WM_NEXTDLGCTL, (WPARAM)GetDlgItem(st->dlg, st->focus_back), TRUE);
        st->focus_back = 0;
    }
}

/* Starts `job` (NULL when it could not be made) on `portal` ("" for
 * PortalUrl); it may carry a reader entry to record first. Takes it. */
static void start_job(vdlg_state *st, oqsdm_job *job, const char *portal)
{
    if (!job) {
        set_msg(st, IDC_VER_SUMMARY, OQSDM_MSG_ERR_NO_MEMORY);
        return;
    }
    snprintf(job->portal, sizeof job->portal, "%s", portal);
    st->worker = oqsdm_worker_start(job);
    if (!st->worker) {
        free(job);
        set_msg(st, IDC_VER_SUMMARY, OQSDM_MSG_ERR_NO_MEMORY);
        return;
    }
    st->job = job;
    if (portal != st->portal)
        snprintf(st->portal, sizeof st->portal, "%s", portal);
    set_busy(st, 1);
}

static oqsdm_job *new_job(vdlg_state *st)
{
    return oqsdm_job_new(OQSDM_JOB_VERSIONS, st->s, st->dlg);
}

static void end_dialog(vdlg_state *st)
{
    st->ended = 1;
    EndDialog(st->dlg, 0);
}

static void on_job_done(vdlg_state *st, oqsdm_job *job)
{
    if (job != st->job) {
        /* A job of an earlier window that got this handle: it is done, and
         * nobody else will free it. */
        free(job);
        return;
    }
    if (st->worker) {
        WaitForSingleObject(st->worker, INFINITE); /* it has posted: only its return is left */
        CloseHandle(st->worker);
        st->worker = NULL;
    }
    st->job = NULL;
    if (st->closing) {
        free(job);
        end_dialog(st);
        return;
    }
    free(st->shown);
    st->shown = job;
    set_busy(st, 0);
    show_result(st);
}

static void request_close(vdlg_state *st)
{
    if (st->ended)
        return;
    if (!st->job) {
        end_dialog(st);
        return;
    }
    atomic_store(&st->job->cancel, 1);
    st->closing = 1;
    ShowWindow(st->dlg, SW_HIDE);
    SetTimer(st->dlg, CLOSE_GRACE_TIMER, CLOSE_GRACE_MS, NULL);
}

/* The grace period is over and the worker is still stuck (a name lookup
 * that ignores cancelling): leave it. When it is done, its post to this
 * gone window fails and it frees its own job. */
static void abandon_job(vdlg_state *st)
{
    KillTimer(st->dlg, CLOSE_GRACE_TIMER);
    if (st->worker) {
        CloseHandle(st->worker);
        st->worker = NULL;
    }
    st->job = NULL;
    st->s->abandoned = 1;
    end_dialog(st);
}

/* ------------------------------------------------------------ commands */

static void on_save_reader(vdlg_state *st)
{
    if (st->job)
        return;
    wchar_t typed_w[READER_TYPED_MAX + 2] = L"";
    GetDlgItemTextW(st->dlg, IDC_VER_READER_EDIT, typed_w, READER_TYPED_MAX + 1);
    char *typed = oqsdm_wide_to_utf8(typed_w);
    HWND edit = GetDlgItem(st->dlg, IDC_VER_READER_EDIT);
    char line[600];
    int empty = 1;
    for (const char *p = typed ? typed : ""; *p; p++)
        empty &= *p == ' ' || *p == '\t';
    oqsdm_reader_entry probe;
    memset(&probe, 0, sizeof probe);
    if (!typed || empty || oqsdm_reader_entry_set_version(&probe, typed)) {
        /* Said beside the box; nothing is saved. */
        if (!typed || empty)
            snprintf(line, sizeof line, "%s", oqsdm_msg(st->lang, OQSDM_MSG_READER_VERSION_EMPTY));
        else
            oqsdm_msgf1(line, sizeof line, st->lang, OQSDM_MSG_ERR_READER_VERSION, typed);
        set_text(st->dlg, IDC_VER_READER_ERROR, line);
        SendMessageW(st->dlg, WM_NEXTDLGCTL, (WPARAM)edit, TRUE);
        SendMessageW(edit, EM_SETSEL, 0, -1);
        free(typed);
        return;
    }
    set_text(st->dlg, IDC_VER_READER_ERROR, "");
    oqsdm_job *job = new_job(st);
    if (job) {
        job->set_reader = 1;
        snprintf(job->reader_typed, sizeof job->reader_typed, "%s", typed);
    }
    free(typed);
    start_job(st, job, st->portal);
}

static void on_vendor_changed(vdlg_state *st)
{
    HWND cb = GetDlgItem(st->dlg, IDC_VER_VENDOR);
    LRESULT sel = SendMessageW(cb, CB_GETCURSEL, 0, 0);
    if (sel == CB_ERR || st->job || !st->shown)
        return;
    LRESULT idx = SendMessageW(cb, CB_GETITEMDATA, (WPARAM)sel, 0);
    if (idx < 0 || (size_t)idx >= st->shown->nvendors)
        return;
    const oqsdm_vendor *v = &st->shown->vendors[idx];
    if (v == shown_vendor(st) && st->shown->versions.vendor_source == OQSDM_VENDOR_ENTERED)
        return;
    show_steps(st, v); /* at once; the check that follows confirms it */
    oqsdm_job *job = new_job(st);
    if (job) {
        job->set_vendor = 1;
        snprintf(job->vendor, sizeof job->vendor, "%s", v->id);
    }
    start_job(st, job, st->portal);
}

static void on_load_page(vdlg_state *st)
{
    if (st->job)
        return;
    /* The filter: description NUL pattern NUL ... NUL NUL. */
    wchar_t filter[512];
    size_t k = 0;
    const struct { int msg; const wchar_t *pattern; } parts[] = {
        {OQSDM_MSG_OPEN_PAGE_FILTER_HTML, L"*.html;*.htm"},
        {OQSDM_MSG_OPEN_PAGE_FILTER_ALL, L"*.*"},
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        wchar_t *d = oqsdm_utf8_to_wide(oqsdm_msg(st->lang, parts[i].msg));
        const wchar_t *pieces[2] = {d ? d : parts[i].pattern, parts[i].pattern};
        for (int p = 0; p < 2; p++) {
            size_t n = wcslen(pieces[p]);
            if (k + n + 2 < sizeof filter / sizeof filter[0]) {
                memcpy(filter + k, pieces[p], n * sizeof filter[0]);
                k += n;
                filter[k++] = 0;
            }
        }
        free(d);
    }
    filter[k] = 0;
    /* It opens on the page loaded last, else in Downloads, where a browser
     * saves a page. */
    wchar_t file[OPEN_PATH_MAX] = L"";
    wchar_t *last = st->last_page[0] ? oqsdm_utf8_to_wide(st->last_page) : NULL;
    if (last && wcslen(last) < OPEN_PATH_MAX)
        wcscpy(file, last);
    free(last);
    PWSTR downloads = NULL;
    if (!file[0] && FAILED(SHGetKnownFolderPath(&FOLDERID_Downloads, 0, NULL, &downloads)))
        downloads = NULL;
    wchar_t *title = oqsdm_utf8_to_wide(oqsdm_msg(st->lang, OQSDM_MSG_OPEN_PAGE_TITLE));
    OPENFILENAMEW ofn;
    memset(&ofn, 0, sizeof ofn);
    ofn.lStructSize = sizeof ofn;
    ofn.hwndOwner = st->dlg;
    ofn.lpstrFilter = filter;
    ofn.nFilterIndex = 1;
    ofn.lpstrFile = file;
    ofn.nMaxFile = OPEN_PATH_MAX;
    ofn.lpstrInitialDir = downloads;
    ofn.lpstrTitle = title;
    ofn.Flags = OFN_EXPLORER | OFN_FILEMUSTEXIST | OFN_PATHMUSTEXIST | OFN_HIDEREADONLY | OFN_NOCHANGEDIR |
                OFN_DONTADDTORECENT;
    BOOL chosen = GetOpenFileNameW(&ofn);
    DWORD err = chosen ? 0 : CommDlgExtendedError();
    free(title);
    CoTaskMemFree(downloads);
    if (st->ended || st->closing || st->job)
        return; /* closed while the file dialog was open */
    if (!chosen) {
        if (err) {
            char num[16], line[300];
            snprintf(num, sizeof num, "%lu", (unsigned long)err);
            set_text(st->dlg, IDC_VER_SOURCE, oqsdm_msgf1(line, sizeof line, st->lang, OQSDM_MSG_ERR_OPEN_DIALOG, num));
        }
        return;
    }
    char *path = oqsdm_wide_to_utf8(file);
    if (!path) {
        set_msg(st, IDC_VER_SUMMARY, OQSDM_MSG_ERR_NO_MEMORY);
        return;
    }
    snprintf(st->last_page, sizeof st->last_page, "%s", path);
    start_job(st, new_job(st), path);
    free(path);
}

/* ------------------------------------------------------------ the dialog */

static void init_dialog(vdlg_state *st)
{
    static const struct { int id, msg; } captions[] = {
        {IDC_VER_READER_GROUP, OQSDM_MSG_READER_GROUP},
        {IDC_VER_VENDOR_LABEL, OQSDM_MSG_READER_VENDOR_LABEL},
        {IDC_VER_READER_LABEL, OQSDM_MSG_READER_VERSION_LABEL},
        {IDC_VER_READER_SAVE, OQSDM_MSG_READER_SAVE},
        {IDC_VER_RECHECK, OQSDM_MSG_VBTN_RECHECK},
        {IDC_VER_LOAD_PAGE, OQSDM_MSG_VBTN_LOAD_PAGE},
        {IDCANCEL, OQSDM_MSG_BTN_CLOSE_KEY},
    };
    wchar_t *title = oqsdm_utf8_to_wide(oqsdm_msg(st->lang, OQSDM_MSG_VDLG_TITLE));
    SetWindowTextW(st->dlg, title ? title : L"oqsdm");
    free(title);
    for (size_t i = 0; i < sizeof captions / sizeof captions[0]; i++)
        set_msg(st, captions[i].id, captions[i].msg);
    SendDlgItemMessageW(st->dlg, IDC_VER_READER_EDIT, EM_LIMITTEXT, READER_TYPED_MAX, 0);

    static const BYTE rgb[SHADE_COUNT][3] = {{OQSDM_COLOR_OK_RGB}, {OQSDM_COLOR_FAIL_RGB}, {OQSDM_COLOR_UNKNOWN_RGB}};
    for (int i = 0; i < SHADE_COUNT; i++) {
        st->color[i] = RGB(rgb[i][0], rgb[i][1], rgb[i][2]);
        st->brush[i] = CreateSolidBrush(st->color[i]);
    }
    static const BYTE white[3] = {OQSDM_COLOR_ON_STATUS_RGB}, red[3] = {OQSDM_COLOR_FAIL_RGB};
    st->on_status = RGB(white[0], white[1], white[2]);
    st->error_text = RGB(red[0], red[1], red[2]);

    st->list = GetDlgItem(st->dlg, IDC_VER_LIST);
    list_init(st);
    show_steps(st, NULL);
    EnableWindow(GetDlgItem(st->dlg, IDC_VER_VENDOR), FALSE);
    SetPropW(st->dlg, OQSDM_VERSIONS_PROP, (HANDLE)1);
    st->s->modal = st->dlg;
    start_job(st, new_job(st), "");
}

static INT_PTR notify_result(HWND dlg, LRESULT r)
{
    SetWindowLongPtrW(dlg, DWLP_MSGRESULT, (LONG_PTR)r);
    return TRUE;
}

static INT_PTR CALLBACK vdlg_proc(HWND dlg, UINT msg, WPARAM wp, LPARAM lp)
{
    vdlg_state *st = (vdlg_state *)GetWindowLongPtrW(dlg, GWLP_USERDATA);
    switch (msg) {
    case WM_INITDIALOG:
        st = (vdlg_state *)lp;
        st->dlg = dlg;
        SetWindowLongPtrW(dlg, GWLP_USERDATA, (LONG_PTR)st);
        init_dialog(st);
        return TRUE;
    case WM_COMMAND:
        if (!st)
            break;
        switch (LOWORD(wp)) {
        case IDC_VER_RECHECK:
            if (!st->job)
                start_job(st, new_job(st), ""); /* the portal again, not a saved page */
            return TRUE;
        case IDC_VER_LOAD_PAGE:
            on_load_page(st);
            return TRUE;
        case IDC_VER_READER_SAVE:
            on_save_reader(st);
            return TRUE;
        case IDC_VER_VENDOR:
            if (HIWORD(wp) == CBN_SELCHANGE)
                on_vendor_changed(st);
            return TRUE;
        case IDC_VER_READER_EDIT:
            /* Enter in the box saves it; elsewhere it checks again. */
            if (HIWORD(wp) == EN_SETFOCUS)
                SendMessageW(dlg, DM_SETDEFID, IDC_VER_READER_SAVE, 0);
            else if (HIWORD(wp) == EN_KILLFOCUS)
                SendMessageW(dlg, DM_SETDEFID, IDC_VER_RECHECK, 0);
            return TRUE;
        case IDCANCEL:
            request_close(st);
            return TRUE;
        }
        break;
    case WM_NOTIFY: {
        const NMHDR *h = (const NMHDR *)lp;
        if (!st || h->idFrom != IDC_VER_LIST)
            break;
        if (h->code == NM_CUSTOMDRAW)
            return notify_result(dlg, list_custom_draw(st, (NMLVCUSTOMDRAW *)lp));
        if (h->code == LVN_ITEMCHANGED) {
            const NMLISTVIEW *nm = (const NMLISTVIEW *)lp;
            if ((nm->uChanged & LVIF_STATE) && (nm->uNewState & LVIS_SELECTED) && !(nm->uOldState & LVIS_SELECTED))
                show_reason(st, nm->iItem);
        }
        break;
    }
    case WM_CTLCOLORSTATIC:
        if (st && (HWND)lp == GetDlgItem(dlg, IDC_VER_READER_ERROR)) {
            HDC dc = (HDC)wp;
            SetTextColor(dc, st->error_text);
            SetBkColor(dc, GetSysColor(COLOR_BTNFACE));
            return (INT_PTR)GetSysColorBrush(COLOR_BTNFACE);
        }
        break;
    case WM_CLOSE:
        if (st)
            request_close(st);
        return TRUE;
    case WM_OQSDM_JOB_DONE:
        if (st)
            on_job_done(st, (oqsdm_job *)lp);
        else
            free((oqsdm_job *)lp);
        return TRUE;
    case WM_TIMER:
        if (st && wp == CLOSE_GRACE_TIMER)
            abandon_job(st);
        return TRUE;
    case WM_DPICHANGED:
        PostMessageW(dlg, WM_OQSDM_DPI_CHANGED, 0, 0); /* after the dialog manager's rescaling (gui.h) */
        break;
    case WM_OQSDM_DPI_CHANGED:
        if (st)
            list_fit_columns(st);
        return TRUE;
    case WM_DESTROY:
        RemovePropW(dlg, OQSDM_VERSIONS_PROP);
        if (st) {
            st->s->modal = NULL;
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

void oqsdm_versions_dialog(HWND owner, oqsdm_gui_session *s)
{
    vdlg_state *st = calloc(1, sizeof *st);
    if (!st)
        return;
    st->s = s;
    st->lang = s->lang;
    HINSTANCE inst = (HINSTANCE)GetWindowLongPtrW(owner, GWLP_HINSTANCE);
    DialogBoxParamW(inst, MAKEINTRESOURCEW(IDD_VERSIONS), owner, vdlg_proc, (LPARAM)st);
    free(st);
}
