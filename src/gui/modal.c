/*
 * modal.c: what every dialog here does the same way: its one running job,
 * greying while it runs, closing while busy, the window messages that
 * follow from those, and texts.
 *
 * A dialog runs one job at a time (gui.h). While it runs, the controls
 * that would start another are greyed; one of them that had the keyboard
 * lends it to the dialog's harbour and gets it back afterwards. The
 * settings and diagnosis dialogs' harbour stays usable and is never
 * Close, where a second Enter would close the dialog; the versions
 * dialog's is Close, where Enter cancels its check; the main window lends
 * nothing and gives the keyboard to the default button afterwards.
 * Closing during a job sets its cancel flag, hides the window at once and
 * ends the dialog when the job comes back, or after a grace period (a
 * name lookup that ignores cancelling), leaving the worker to free its
 * own job and telling the session not to clean up libcurl. A job that
 * arrives for a window that is not its own (an earlier dialog that got
 * the same handle) is freed.
 */
#include "gui.h"
#include "status_colors.h"
#include "../platform/win32/utf.h"

#include <stdlib.h>

#define CLOSE_GRACE_MS 15000

void oqsdm_dlg_text(HWND dlg, int id, const char *utf8)
{
    wchar_t *w = oqsdm_utf8_to_wide(utf8 ? utf8 : "");
    SetDlgItemTextW(dlg, id, w ? w : L"");
    free(w);
}

void oqsdm_dlg_msg(HWND dlg, int id, oqsdm_lang lang, int msg_id)
{
    oqsdm_dlg_text(dlg, id, oqsdm_msg(lang, msg_id));
}

void oqsdm_dlg_edit_text(HWND dlg, int id, const char *utf8)
{
    if (!utf8)
        utf8 = "";
    size_t n = 0, lf = 0;
    for (const char *p = utf8; *p; p++, n++)
        lf += *p == '\n';
    char *crlf = malloc(n + lf + 1);
    if (!crlf) {
        oqsdm_dlg_text(dlg, id, "");
        return;
    }
    char *q = crlf;
    for (const char *p = utf8; *p; p++) {
        if (*p == '\n' && (p == utf8 || p[-1] != '\r'))
            *q++ = '\r';
        *q++ = *p;
    }
    *q = '\0';
    oqsdm_dlg_text(dlg, id, crlf);
    free(crlf);
}

void oqsdm_dlg_title(HWND dlg, oqsdm_lang lang, int msg_id)
{
    wchar_t *title = oqsdm_utf8_to_wide(oqsdm_msg(lang, msg_id));
    SetWindowTextW(dlg, title ? title : L"oqsdm");
    free(title);
}

void oqsdm_dlg_captions(HWND dlg, oqsdm_lang lang, int title_msg, const oqsdm_caption *c, size_t n)
{
    oqsdm_dlg_title(dlg, lang, title_msg);
    for (size_t i = 0; i < n; i++)
        oqsdm_dlg_msg(dlg, c[i].id, lang, c[i].msg);
}

HFONT oqsdm_dlg_bold_font(HWND dlg)
{
    LOGFONTW lf;
    HFONT base = (HFONT)SendMessageW(dlg, WM_GETFONT, 0, 0);
    if (!base || !GetObjectW(base, sizeof lf, &lf))
        return NULL;
    lf.lfWeight = FW_BOLD;
    return CreateFontIndirectW(&lf);
}

INT_PTR oqsdm_dlg_error_colors(HDC dc)
{
    static const BYTE red[3] = {OQSDM_COLOR_FAIL_RGB};
    SetTextColor(dc, RGB(red[0], red[1], red[2]));
    SetBkColor(dc, GetSysColor(COLOR_BTNFACE));
    return (INT_PTR)GetSysColorBrush(COLOR_BTNFACE);
}

int oqsdm_dlg_px(HWND w, int px96)
{
    UINT dpi = GetDpiForWindow(w);
    return MulDiv(px96, dpi ? (int)dpi : 96, 96);
}

void oqsdm_dlg_set_font(HWND dlg, int id, HFONT font, HFONT *old)
{
    if (!font)
        return; /* keep the one it has */
    SendDlgItemMessageW(dlg, id, WM_SETFONT, (WPARAM)font, TRUE);
    if (*old && *old != font)
        DeleteObject(*old);
    *old = font;
}

int oqsdm_modal_start(oqsdm_modal *m, oqsdm_job *job)
{
    if (!job)
        return -1;
    m->worker = oqsdm_worker_start(job);
    if (!m->worker) {
        free(job);
        return -1;
    }
    m->job = job;
    return 0;
}

static void end_dialog(oqsdm_modal *m)
{
    m->ended = 1;
    EndDialog(m->dlg, 0);
}

/* The job, now the caller's, when it is this dialog's and the dialog
 * stays open; NULL when it was freed here. */
static oqsdm_job *job_done(oqsdm_modal *m, oqsdm_job *job)
{
    if (job != m->job) {
        free(job); /* an earlier window's that got this handle: nobody else will free it */
        return NULL;
    }
    if (m->worker) {
        WaitForSingleObject(m->worker, INFINITE); /* it has posted: only its return is left */
        CloseHandle(m->worker);
        m->worker = NULL;
    }
    m->job = NULL;
    if (m->closing) {
        free(job);
        end_dialog(m);
        return NULL;
    }
    return job;
}

void oqsdm_modal_close(oqsdm_modal *m)
{
    if (m->ended)
        return;
    if (!m->job) {
        end_dialog(m);
        return;
    }
    atomic_store(&m->job->cancel, 1);
    m->closing = 1;
    ShowWindow(m->dlg, SW_HIDE);
    SetTimer(m->dlg, OQSDM_MODAL_GRACE_TIMER, CLOSE_GRACE_MS, NULL);
}

void oqsdm_modal_opened(oqsdm_modal *m, const wchar_t *prop)
{
    m->prop = prop;
    SetPropW(m->dlg, prop, (HANDLE)1);
    m->s->modal = m->dlg;
}

void oqsdm_modal_destroyed(oqsdm_modal *m)
{
    if (m->prop)
        RemovePropW(m->dlg, m->prop);
    m->prop = NULL;
    m->s->modal = NULL;
}

/* The grace period is over and the worker is still stuck: leave it. */
static void abandon(oqsdm_modal *m)
{
    KillTimer(m->dlg, OQSDM_MODAL_GRACE_TIMER);
    if (m->worker) {
        CloseHandle(m->worker);
        m->worker = NULL;
    }
    m->job = NULL; /* its post to the gone window fails and it frees itself */
    m->s->abandoned = 1;
    end_dialog(m);
}

INT_PTR oqsdm_modal_proc(oqsdm_modal *m, HWND dlg, UINT msg, WPARAM wp, LPARAM lp)
{
    switch (msg) {
    case WM_CLOSE:
        if (m)
            oqsdm_modal_close(m);
        return TRUE;
    case WM_OQSDM_JOB_DONE: {
        oqsdm_job *job = (oqsdm_job *)lp;
        if (!m)
            free(job); /* before WM_INITDIALOG: an earlier window's */
        else if ((job = job_done(m, job)) != NULL)
            m->done(m->ctx, job);
        return TRUE;
    }
    case WM_TIMER:
        if (m && wp == OQSDM_MODAL_GRACE_TIMER)
            abandon(m);
        return TRUE;
    case WM_DPICHANGED:
        PostMessageW(dlg, WM_OQSDM_DPI_CHANGED, 0, 0); /* after the dialog manager's rescaling (gui.h) */
        break;
    }
    return FALSE;
}

void oqsdm_modal_grey(oqsdm_modal *m, const int *ids, size_t n)
{
    HWND focus = GetFocus();
    for (size_t i = 0; i < n; i++) {
        HWND c = GetDlgItem(m->dlg, ids[i]);
        if (c && c == focus) {
            /* A greyed control loses the keyboard: to the harbour, if the
             * dialog has one, else nowhere (Esc still closes, and Enter,
             * the greyed default, does nothing until the job is back). */
            m->focus_back = ids[i];
            if (m->harbour)
                SendMessageW(m->dlg, WM_NEXTDLGCTL, (WPARAM)GetDlgItem(m->dlg, m->harbour), TRUE);
        }
        EnableWindow(c, FALSE);
    }
}

static int usable(HWND c)
{
    return c && IsWindowEnabled(c) && IsWindowVisible(c);
}

void oqsdm_modal_focus_back(oqsdm_modal *m)
{
    HWND focus = GetFocus();
    HWND harbour = m->harbour ? GetDlgItem(m->dlg, m->harbour) : NULL;
    int lent = !focus || !IsChild(m->dlg, focus) || focus == harbour;
    if (m->focus_back) {
        HWND back = GetDlgItem(m->dlg, m->focus_back);
        if (lent && usable(back)) {
            SendMessageW(m->dlg, WM_NEXTDLGCTL, (WPARAM)back, TRUE);
            focus = back;
        }
        m->focus_back = 0;
    }
    if (!focus || !IsChild(m->dlg, focus) || !usable(focus))
        SendMessageW(m->dlg, WM_NEXTDLGCTL, (WPARAM)(usable(harbour) ? harbour : GetDlgItem(m->dlg, IDCANCEL)), TRUE);
}
