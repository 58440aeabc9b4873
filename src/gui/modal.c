/*
 * modal.c: what the settings and diagnosis dialogs do the same way: their
 * one running job, greying while it runs, closing while busy, and texts.
 *
 * A dialog runs one job at a time (gui.h). While it runs, the controls
 * that would start another are greyed; one of them that had the keyboard
 * lends it to the dialog's harbour (a control that stays usable, such as
 * a table; never Close, where a second Enter would close the dialog) and
 * gets it back afterwards. Closing during a job
 * sets its cancel flag, hides the window at once and ends the dialog when
 * the job comes back, or after a grace period (a name lookup that ignores
 * cancelling), leaving the worker to free its own job and telling the
 * session not to clean up libcurl. A job that arrives for a window that
 * is not its own (an earlier dialog that got the same handle) is freed.
 */
#include "gui.h"
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

HFONT oqsdm_dlg_bold_font(HWND dlg)
{
    LOGFONTW lf;
    HFONT base = (HFONT)SendMessageW(dlg, WM_GETFONT, 0, 0);
    if (!base || !GetObjectW(base, sizeof lf, &lf))
        return NULL;
    lf.lfWeight = FW_BOLD;
    return CreateFontIndirectW(&lf);
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

oqsdm_job *oqsdm_modal_job_done(oqsdm_modal *m, oqsdm_job *job)
{
    if (job != m->job) {
        free(job);
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

void oqsdm_modal_abandon(oqsdm_modal *m)
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
