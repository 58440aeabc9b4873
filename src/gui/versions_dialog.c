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
 * summary says so and the buttons that would start another are greyed,
 * the keyboard lent to Close; closing then cancels it, hides the window
 * and ends when the job comes back, or after a grace period (a hung name
 * lookup), as every dialog here does (modal.c).
 *
 * The table is a status list (status_list.c): the status cells filled
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
#include "status_list.h"
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

#define READER_TYPED_MAX 32      /* characters staff may type: a version is short */
#define OPEN_PATH_MAX 340        /* UTF-16 units: at most 3 UTF-8 bytes each fits job->portal */

enum { COL_APP, COL_INSTALLED, COL_LATEST, COL_STATUS, COL_COUNT };
_Static_assert(COL_COUNT <= OQSDM_STATUS_LIST_MAX_COLS && OQSDM_PORTAL_APP_COUNT <= OQSDM_STATUS_LIST_MAX_ROWS,
               "the table fits a status list");

typedef struct vdlg_state {
    oqsdm_modal m;                /* the running job, and closing while it runs (modal.c) */
    oqsdm_lang lang;
    HWND dlg;
    oqsdm_status_list table;
    oqsdm_job *shown;             /* the last finished job: what the window shows */
    char portal[1024];            /* the source of the check shown: a saved page, "" for PortalUrl */
    char last_page[1024];         /* the saved page loaded last, where the file dialog opens next */
} vdlg_state;

static const int app_name_msg[OQSDM_PORTAL_APP_COUNT] = {
    OQSDM_MSG_APP_NAME_DISTRO, OQSDM_MSG_APP_NAME_COM, OQSDM_MSG_APP_NAME_FACE, OQSDM_MSG_APP_NAME_READER};
static const int status_msg[OQSDM_VST_COUNT] = {OQSDM_MSG_VST_LATEST, OQSDM_MSG_VST_OUTDATED, OQSDM_MSG_VST_NEWER,
                                                OQSDM_MSG_VST_MISSING, OQSDM_MSG_VST_UNKNOWN};
static const oqsdm_shade status_shade[OQSDM_VST_COUNT] = {OQSDM_SHADE_OK, OQSDM_SHADE_FAIL, OQSDM_SHADE_OK,
                                                          OQSDM_SHADE_FAIL, OQSDM_SHADE_UNKNOWN};

/* ------------------------------------------------------------ text */

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

/* Every column fitted to its texts plus the control's own margins (20 px
 * at 96 DPI); the applications' names take what is left, so the status
 * column stays compact and nothing is ever cut. */
static void table_init(vdlg_state *st)
{
    static const int header_msg[COL_COUNT] = {OQSDM_MSG_VCOL_APP, OQSDM_MSG_VCOL_INSTALLED, OQSDM_MSG_VCOL_LATEST,
                                              OQSDM_MSG_VCOL_STATUS};
    static const oqsdm_status_list_spec spec = {
        .header_msg = header_msg, .ncols = COL_COUNT, .row_msg = app_name_msg, .nrows = OQSDM_PORTAL_APP_COUNT,
        .status_col = COL_STATUS, .pad96 = 20};
    oqsdm_status_list_init(&st->table, GetDlgItem(st->dlg, IDC_VER_LIST), st->lang, &spec);
}

/* ------------------------------------------------------------ showing a result */

static void show_reason(vdlg_state *st, int row)
{
    const oqsdm_job *j = st->shown;
    if (!j || j->load_rc != OQSDM_OK || row < 0 || row >= OQSDM_PORTAL_APP_COUNT) {
        oqsdm_dlg_text(st->dlg, IDC_VER_REASON, "");
        return;
    }
    char line[1400];
    oqsdm_msgf2(line, sizeof line, st->lang, OQSDM_MSG_VDLG_REASON, oqsdm_msg(st->lang, app_name_msg[row]),
                j->versions.app[row].reason);
    oqsdm_dlg_text(st->dlg, IDC_VER_REASON, line);
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
    oqsdm_dlg_edit_text(st->dlg, IDC_VER_STEPS, oqsdm_msg(st->lang, id >= 0 ? id : OQSDM_MSG_READER_STEPS_NONE));
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
    oqsdm_dlg_text(st->dlg, IDC_VER_VENDOR_NOTE, line);
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
        oqsdm_status_list_set(&st->table, r, COL_INSTALLED, ok && a->has_installed ? a->installed : none);
        oqsdm_status_list_set(&st->table, r, COL_LATEST, ok && a->has_latest ? a->latest : none);
        /* Nothing was checked when the settings did not load: no status. */
        oqsdm_status_list_set_status(&st->table, r, ok ? oqsdm_msg(L, status_msg[a->status]) : "",
                                     ok ? status_shade[a->status] : OQSDM_SHADE_NONE);
    }
    oqsdm_status_list_fit(&st->table);
    InvalidateRect(st->table.list, NULL, TRUE);

    if (!ok) {
        /* The settings are wrong (for a missing INI, the guide's "reinstall"):
         * say so, and the remedy where there is room for it. A saved page
         * still works without an INI. */
        oqsdm_dlg_msg(st->dlg, IDC_VER_SUMMARY, st->lang, OQSDM_MSG_STATUS_CONFIG_ERROR);
        oqsdm_dlg_text(st->dlg, IDC_VER_SOURCE, "");
        oqsdm_dlg_edit_text(st->dlg, IDC_VER_ADVICE, j->load_error.message);
    } else {
        char line[2600], when[48];
        oqsdm_dlg_text(st->dlg, IDC_VER_SUMMARY, v->summary);
        /* The date, unless the note has it already (as people read it, or as stored). */
        format_when(v->source.fetched_at, when, sizeof when);
        if (v->source.fetched_at[0] && !strstr(v->source.note, v->source.fetched_at) && !strstr(v->source.note, when)) {
            oqsdm_dlg_text(st->dlg, IDC_VER_SOURCE,
                           oqsdm_msgf2(line, sizeof line, L, OQSDM_MSG_VDLG_SOURCE_DATE, v->source.note, when));
        } else {
            oqsdm_dlg_text(st->dlg, IDC_VER_SOURCE, v->source.note);
        }
        oqsdm_dlg_edit_text(st->dlg, IDC_VER_ADVICE,
                            v->advice[0] ? oqsdm_msgf1(line, sizeof line, L, OQSDM_MSG_VDLG_ADVICE, v->advice) : "");
    }

    /* The row to explain: the one chosen before, else the first that is not green. */
    int row = oqsdm_status_list_selected(&st->table);
    if (row < 0) {
        row = 0;
        for (int r = 0; r < OQSDM_PORTAL_APP_COUNT; r++)
            if (st->table.shade[r] != OQSDM_SHADE_OK) {
                row = r;
                break;
            }
        oqsdm_status_list_select(&st->table, row, 0);
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
    oqsdm_dlg_text(st->dlg, IDC_VER_READER_ENTERED, line);

    /* Without settings nothing can be recorded either; the keyboard must
     * not stay on a control greyed here. */
    EnableWindow(GetDlgItem(st->dlg, IDC_VER_VENDOR), ok && j->nvendors > 0);
    EnableWindow(GetDlgItem(st->dlg, IDC_VER_READER_SAVE), ok);
    HWND focus = GetFocus();
    if (!focus || !IsWindowEnabled(focus))
        SendMessageW(st->dlg, WM_NEXTDLGCTL, (WPARAM)GetDlgItem(st->dlg, IDCANCEL), TRUE);
    if (j->reader_rc) {
        oqsdm_dlg_text(st->dlg, IDC_VER_READER_ERROR, j->reader_error);
    } else {
        oqsdm_dlg_text(st->dlg, IDC_VER_READER_ERROR, "");
        if (j->set_reader)
            oqsdm_dlg_text(st->dlg, IDC_VER_READER_EDIT, ""); /* taken: the table shows it now */
    }
}

/* ------------------------------------------------------------ jobs */

static const int busy_controls[] = {IDC_VER_RECHECK, IDC_VER_LOAD_PAGE, IDC_VER_READER_SAVE, IDC_VER_VENDOR};

/* Starts `job` (NULL when it could not be made) on `portal` ("" for
 * PortalUrl); it may carry a reader entry to record first. Takes it. */
static void start_job(vdlg_state *st, oqsdm_job *job, const char *portal)
{
    if (job)
        snprintf(job->portal, sizeof job->portal, "%s", portal);
    if (oqsdm_modal_start(&st->m, job)) {
        oqsdm_dlg_msg(st->dlg, IDC_VER_SUMMARY, st->lang, OQSDM_MSG_ERR_NO_MEMORY);
        return;
    }
    if (portal != st->portal)
        snprintf(st->portal, sizeof st->portal, "%s", portal);
    oqsdm_modal_grey(&st->m, busy_controls, sizeof busy_controls / sizeof busy_controls[0]);
    oqsdm_dlg_msg(st->dlg, IDC_VER_SUMMARY, st->lang, OQSDM_MSG_STATUS_CHECKING);
}

static oqsdm_job *new_job(vdlg_state *st)
{
    return oqsdm_job_new(OQSDM_JOB_VERSIONS, st->m.s, st->dlg);
}

/* A job of this dialog's is back (oqsdm_modal_proc). */
static void on_job_done(void *ctx, oqsdm_job *job)
{
    vdlg_state *st = ctx;
    free(st->shown);
    st->shown = job;
    /* All of them first, for the keyboard to come back to; show_result
     * then greys what this result does not allow. */
    for (size_t i = 0; i < sizeof busy_controls / sizeof busy_controls[0]; i++)
        EnableWindow(GetDlgItem(st->dlg, busy_controls[i]), TRUE);
    oqsdm_modal_focus_back(&st->m);
    show_result(st);
}

/* ------------------------------------------------------------ commands */

static void on_save_reader(vdlg_state *st)
{
    if (st->m.job)
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
        oqsdm_dlg_text(st->dlg, IDC_VER_READER_ERROR, line);
        SendMessageW(st->dlg, WM_NEXTDLGCTL, (WPARAM)edit, TRUE);
        SendMessageW(edit, EM_SETSEL, 0, -1);
        free(typed);
        return;
    }
    oqsdm_dlg_text(st->dlg, IDC_VER_READER_ERROR, "");
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
    if (sel == CB_ERR || st->m.job || !st->shown)
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
    if (st->m.job)
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
    if (st->m.ended || st->m.closing || st->m.job)
        return; /* closed while the file dialog was open */
    if (!chosen) {
        if (err) {
            char num[16], line[300];
            snprintf(num, sizeof num, "%lu", (unsigned long)err);
            oqsdm_dlg_text(st->dlg, IDC_VER_SOURCE,
                           oqsdm_msgf1(line, sizeof line, st->lang, OQSDM_MSG_ERR_OPEN_DIALOG, num));
        }
        return;
    }
    char *path = oqsdm_wide_to_utf8(file);
    if (!path) {
        oqsdm_dlg_msg(st->dlg, IDC_VER_SUMMARY, st->lang, OQSDM_MSG_ERR_NO_MEMORY);
        return;
    }
    snprintf(st->last_page, sizeof st->last_page, "%s", path);
    start_job(st, new_job(st), path);
    free(path);
}

/* ------------------------------------------------------------ the dialog */

static void init_dialog(vdlg_state *st)
{
    static const oqsdm_caption captions[] = {
        {IDC_VER_READER_GROUP, OQSDM_MSG_READER_GROUP},
        {IDC_VER_VENDOR_LABEL, OQSDM_MSG_READER_VENDOR_LABEL},
        {IDC_VER_READER_LABEL, OQSDM_MSG_READER_VERSION_LABEL},
        {IDC_VER_READER_SAVE, OQSDM_MSG_READER_SAVE},
        {IDC_VER_RECHECK, OQSDM_MSG_VBTN_RECHECK},
        {IDC_VER_LOAD_PAGE, OQSDM_MSG_VBTN_LOAD_PAGE},
        {IDCANCEL, OQSDM_MSG_BTN_CLOSE_KEY},
    };
    oqsdm_dlg_captions(st->dlg, st->lang, OQSDM_MSG_VDLG_TITLE, captions, sizeof captions / sizeof captions[0]);
    SendDlgItemMessageW(st->dlg, IDC_VER_READER_EDIT, EM_LIMITTEXT, READER_TYPED_MAX, 0);
    table_init(st);
    show_steps(st, NULL);
    EnableWindow(GetDlgItem(st->dlg, IDC_VER_VENDOR), FALSE);
    oqsdm_modal_opened(&st->m, OQSDM_VERSIONS_PROP);
    start_job(st, new_job(st), "");
}

static INT_PTR CALLBACK vdlg_proc(HWND dlg, UINT msg, WPARAM wp, LPARAM lp)
{
    vdlg_state *st = (vdlg_state *)GetWindowLongPtrW(dlg, GWLP_USERDATA);
    switch (msg) {
    case WM_INITDIALOG:
        st = (vdlg_state *)lp;
        st->dlg = st->m.dlg = dlg;
        SetWindowLongPtrW(dlg, GWLP_USERDATA, (LONG_PTR)st);
        init_dialog(st);
        return TRUE;
    case WM_COMMAND:
        if (!st)
            break;
        switch (LOWORD(wp)) {
        case IDC_VER_RECHECK:
            if (!st->m.job)
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
            oqsdm_modal_close(&st->m);
            return TRUE;
        }
        break;
    case WM_NOTIFY: {
        const NMHDR *h = (const NMHDR *)lp;
        int row;
        if (!st || h->idFrom != IDC_VER_LIST)
            break;
        if (h->code == NM_CUSTOMDRAW)
            return oqsdm_status_list_custom_draw(&st->table, dlg, (const NMLVCUSTOMDRAW *)lp);
        if (oqsdm_status_list_newly_selected(h, &row))
            show_reason(st, row);
        break;
    }
    case WM_CTLCOLORSTATIC:
        if (st && (HWND)lp == GetDlgItem(dlg, IDC_VER_READER_ERROR))
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

void oqsdm_versions_dialog(HWND owner, oqsdm_gui_session *s)
{
    vdlg_state *st = calloc(1, sizeof *st);
    if (!st)
        return;
    st->m.s = s;
    st->m.done = on_job_done;
    st->m.ctx = st;
    st->m.harbour = IDCANCEL; /* while a check runs the keyboard waits on Close: Enter there cancels it */
    st->lang = s->lang;
    HINSTANCE inst = (HINSTANCE)GetWindowLongPtrW(owner, GWLP_HINSTANCE);
    DialogBoxParamW(inst, MAKEINTRESOURCEW(IDD_VERSIONS), owner, vdlg_proc, (LPARAM)st);
    free(st);
}
