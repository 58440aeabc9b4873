/*
 * layout_probe.c: oqsdm-gui-probe.dll, the GUI test's ruler inside oqsdm.exe.
 *
 * Loaded into oqsdm.exe by oqsdm-gui-driver.exe (see layout_probe.h: the
 * fonts to measure with are oqsdm's GDI objects, usable only there) and run
 * on a thread of its own, it checks one dialog and reports each rule that
 * fails, in a line naming the dialog, the control (id, class, text) and the
 * pixels needed against the pixels there are:
 *
 *   text fit, on the control's own font (WM_GETFONT selected into the
 *   control's DC; the system font when it has none), at the dialog's DPI
 *   (GetDpiForWindow; metrics through GetSystemMetricsForDpi, the
 *   theme-less way):
 *   - Static (SS_LEFT/CENTER/RIGHT): DrawTextW(DT_CALCRECT | DT_WORDBREAK)
 *     at the client width must fit the client rect; single-line ones
 *     (SS_SIMPLE, SS_CENTERIMAGE, SS_LEFTNOWORDWRAP without line breaks):
 *     GetTextExtentPoint32W. Without SS_NOPREFIX, '&' is a mnemonic.
 *   - push buttons: the client rect less, on each side, the default
 *     button's 1 px frame (charged to every push button: the default moves),
 *     the 3D edge (SM_CXEDGE) and the focus rectangle (SM_CXFOCUSBORDER);
 *     BS_MULTILINE ones by DrawTextW(DT_CALCRECT | DT_WORDBREAK) at that
 *     width. Check boxes and radio buttons: the client width less the box
 *     (SM_CXMENUCHECK), the gap Windows leaves (half the width of '0') and
 *     the focus rectangle on both sides; the height must hold the text and
 *     the box (SM_CYMENUCHECK). Group boxes: the caption and 8 px (scaled)
 *     on each side.
 *   - Edit: single-line, the text's extent within the formatting rect
 *     (EM_GETRECT, the client less EM_GETMARGINS) and one line's height
 *     within the client; multi-line, the edit's own line count
 *     (EM_GETLINECOUNT) times the line height within the formatting rect,
 *     or, when it needs more, a visible vertical scroll bar that scrolls.
 *   - ComboBox: every item (the selected one marked), as it is drawn in the
 *     selection field (GetComboBoxInfo's rcItem, 2 px inset and focus
 *     rectangle each side).
 *   - SysListView32: every column header's text plus the header's own
 *     margin (HDM_GETBITMAPMARGIN) on both sides within its column; every
 *     cell's text (LVM_GETSTRINGWIDTHW) plus 12 px (scaled) within its
 *     column; the columns within the client width; every row visible
 *     (LVM_GETCOUNTPERPAGE).
 *   geometry: every control inside the dialog's client area; no two
 *   controls overlap, unless one is a group box holding the other whole.
 *   Hidden controls count too: they are shown in place later (the
 *   administrator's buttons, the command box).
 *   keyboard: every button and every label (a Static without SS_NOPREFIX)
 *   has a mnemonic, unique in the dialog; a label is followed in the tab
 *   order by the control it names (a tab stop); the tab stops go in reading
 *   order (each next one on the same row to the right, or lower down); the
 *   dialog has an enabled default push button (DM_GETDEFID) for Enter and
 *   an IDCANCEL button for Esc.
 *
 * Every measured control also gets an "ok" line with its numbers, so a log
 * shows how close each one is.
 */
#include <windows.h>
#include <commctrl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "layout_probe.h"

#define MAX_CONTROLS 128
#define TEXT_MAX 4096

typedef struct ctl {
    HWND h;
    int id;
    wchar_t cls[64];
    LONG style, exstyle;
    int visible;
    RECT rc;                      /* in the dialog's client coordinates */
    wchar_t text[TEXT_MAX];
} ctl;

typedef struct probe {
    oqsdm_probe_req *req;
    HWND dlg;
    UINT dpi;
    ctl c[MAX_CONTROLS];
    int n;
    LONG font_h, font_w;          /* the last measuring font's lfHeight and lfWeight, for the report */
} probe;

/* ------------------------------------------------------------ report */

static void put(probe *p, const char *fmt, ...)
{
    oqsdm_probe_req *r = p->req;
    if (r->out_len + 2 >= sizeof r->out)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(r->out + r->out_len, sizeof r->out - r->out_len - 1, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    r->out_len += (unsigned)k < sizeof r->out - r->out_len - 1 ? (unsigned)k : (unsigned)(sizeof r->out - r->out_len - 1);
    r->out[r->out_len] = 0;
}

/* A text for the report: UTF-8, quoted, line breaks as \n, cut at 120 chars. */
static const char *q(const wchar_t *w, char *buf, size_t size)
{
    wchar_t tmp[260];
    size_t k = 0;
    for (const wchar_t *s = w; *s && k + 3 < sizeof tmp / sizeof tmp[0]; s++) {
        if (k >= 120) {
            tmp[k++] = L'\x2026';
            break;
        }
        if (*s == L'\r')
            continue;
        if (*s == L'\n') {
            tmp[k++] = L'\\';
            tmp[k++] = L'n';
        } else {
            tmp[k++] = *s == L'"' ? L'\'' : *s;
        }
    }
    tmp[k] = 0;
    buf[0] = '"';
    int n = WideCharToMultiByte(CP_UTF8, 0, tmp, -1, buf + 1, (int)size - 3, NULL, NULL);
    if (n <= 0)
        n = 1;
    snprintf(buf + n, size - (size_t)n, "\"");
    return buf;
}

static const char *u8(const wchar_t *w, char *buf, size_t size)
{
    if (WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, (int)size, NULL, NULL) <= 0)
        buf[0] = 0;
    return buf;
}

/* One measured rule: ok, or a failure naming the control. */
static void verdict(probe *p, const ctl *c, const char *rule, const wchar_t *text, int need_w, int need_h, int has_w,
                    int has_h)
{
    char t[800], cls[128];
    int fail = need_w > has_w || need_h > has_h;
    if (fail)
        p->req->failures++;
    put(p, "%s %s id=%d class=%s%s %s: needs %dx%d px, has %dx%d px, font=%ld/%ld, text=%s\n", fail ? "FAIL" : "ok",
        p->req->name, c->id, u8(c->cls, cls, sizeof cls), c->visible ? "" : " (hidden)", rule, need_w, need_h, has_w,
        has_h, p->font_h, p->font_w, q(text, t, sizeof t));
}

static void failure(probe *p, const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    p->req->failures++;
    put(p, "FAIL %s %s\n", p->req->name, line);
}

/* ------------------------------------------------------------ measuring */

static int metric(probe *p, int index)
{
    return GetSystemMetricsForDpi(index, p->dpi);
}

static int scaled(probe *p, int px96)
{
    return MulDiv(px96, (int)p->dpi, 96);
}

/* The text as drawn when '&' marks a mnemonic: "&&" is one '&'. */
static void strip_prefix(const wchar_t *in, wchar_t *out, size_t size)
{
    size_t k = 0;
    for (const wchar_t *s = in; *s && k + 1 < size; s++) {
        if (*s == L'&') {
            if (s[1] != L'&')
                continue;
            s++;
        }
        out[k++] = *s;
    }
    out[k] = 0;
}

typedef struct meter {
    HWND h;
    HDC dc;
    HGDIOBJ old;
    TEXTMETRICW tm;
} meter;

static void meter_open(probe *p, meter *m, HWND h, HWND font_of)
{
    m->h = h;
    m->dc = GetDC(h);
    DWORD_PTR f = 0;
    if (!SendMessageTimeoutW(font_of, WM_GETFONT, 0, 0, SMTO_ABORTIFHUNG, 2000, &f) || !f)
        f = (DWORD_PTR)GetStockObject(SYSTEM_FONT);
    m->old = SelectObject(m->dc, (HGDIOBJ)f);
    GetTextMetricsW(m->dc, &m->tm);
    LOGFONTW lf;
    if (GetObjectW((HGDIOBJ)f, sizeof lf, &lf)) {
        p->font_h = lf.lfHeight;
        p->font_w = lf.lfWeight;
    }
}

static void meter_close(meter *m)
{
    SelectObject(m->dc, m->old);
    ReleaseDC(m->h, m->dc);
}

static SIZE extent(meter *m, const wchar_t *s, int prefix)
{
    static wchar_t buf[TEXT_MAX];
    SIZE sz = {0, m->tm.tmHeight};
    if (prefix) {
        strip_prefix(s, buf, TEXT_MAX);
        s = buf;
    }
    if (*s)
        GetTextExtentPoint32W(m->dc, s, (int)wcslen(s), &sz);
    return sz;
}

/* DrawTextW's own layout of `s` at `width`: the rectangle it needs. */
static SIZE calc(meter *m, const wchar_t *s, int width, UINT flags)
{
    RECT r = {0, 0, width, 0};
    DrawTextW(m->dc, s, -1, &r, flags | DT_CALCRECT);
    SIZE sz = {r.right - r.left, r.bottom - r.top};
    return sz;
}

static int has_text(const ctl *c)
{
    return c->text[0] != 0;
}

static void client_size(HWND h, int *w, int *hgt)
{
    RECT r;
    GetClientRect(h, &r);
    *w = r.right - r.left;
    *hgt = r.bottom - r.top;
}

static void check_static(probe *p, const ctl *c)
{
    LONG type = c->style & SS_TYPEMASK;
    if (type != SS_LEFT && type != SS_CENTER && type != SS_RIGHT && type != SS_SIMPLE && type != SS_LEFTNOWORDWRAP)
        return; /* pictures, frames */
    if (!has_text(c))
        return;
    int cw, ch;
    client_size(c->h, &cw, &ch);
    int prefix = !(c->style & SS_NOPREFIX);
    meter m;
    meter_open(p, &m, c->h, c->h);
    int single = type == SS_SIMPLE || (c->style & SS_CENTERIMAGE) ||
                 (type == SS_LEFTNOWORDWRAP && !wcschr(c->text, L'\n'));
    SIZE need;
    const char *rule;
    if (single) {
        need = extent(&m, c->text, prefix);
        rule = "single-line static (GetTextExtentPoint32W)";
    } else {
        UINT f = DT_EXPANDTABS | (prefix ? 0 : DT_NOPREFIX) | (type == SS_LEFTNOWORDWRAP ? 0 : DT_WORDBREAK);
        need = calc(&m, c->text, cw, f);
        rule = "multi-line static (DrawTextW DT_WORDBREAK at the client width)";
    }
    meter_close(&m);
    p->req->checked++;
    verdict(p, c, rule, c->text, need.cx, need.cy, cw, ch);
}

static void check_button(probe *p, const ctl *c)
{
    LONG type = c->style & BS_TYPEMASK;
    if (!has_text(c))
        return;
    int cw, ch;
    client_size(c->h, &cw, &ch);
    meter m;
    meter_open(p, &m, c->h, c->h);
    int multi = (c->style & BS_MULTILINE) != 0;
    SIZE need;
    int aw, ah;
    char rule[160];
    if (type == BS_PUSHBUTTON || type == BS_DEFPUSHBUTTON || (c->style & BS_PUSHLIKE)) {
        int mx = 1 + metric(p, SM_CXEDGE) + metric(p, SM_CXFOCUSBORDER);
        int my = 1 + metric(p, SM_CYEDGE) + metric(p, SM_CYFOCUSBORDER);
        aw = cw - 2 * mx;
        ah = ch - 2 * my;
        if (multi)
            need = calc(&m, c->text, aw > 0 ? aw : 1, DT_WORDBREAK | DT_CENTER);
        else
            need = extent(&m, c->text, 1);
        snprintf(rule, sizeof rule, "%s push button (frame %d px, %d px each side)", multi ? "multi-line" : "single-line",
                 mx, my);
    } else if (type == BS_CHECKBOX || type == BS_AUTOCHECKBOX || type == BS_RADIOBUTTON || type == BS_3STATE ||
               type == BS_AUTO3STATE || type == BS_AUTORADIOBUTTON) {
        int box = metric(p, SM_CXMENUCHECK), boxh = metric(p, SM_CYMENUCHECK), zero = 0;
        GetCharWidth32W(m.dc, L'0', L'0', &zero);
        int focus = metric(p, SM_CXFOCUSBORDER);
        int side = box + zero / 2 + 2 * focus;
        aw = cw - side;
        ah = ch;
        if (multi)
            need = calc(&m, c->text, aw > 0 ? aw : 1, DT_WORDBREAK);
        else
            need = extent(&m, c->text, 1);
        if (need.cy < boxh)
            need.cy = boxh;
        snprintf(rule, sizeof rule, "%s %s (box %d px, gap %d px, focus %d px)", multi ? "multi-line" : "single-line",
                 type == BS_RADIOBUTTON || type == BS_AUTORADIOBUTTON ? "radio button" : "check box", box, zero / 2,
                 focus);
    } else if (type == BS_GROUPBOX) {
        int indent = scaled(p, 8);
        need = extent(&m, c->text, 1);
        aw = cw - 2 * indent;
        ah = ch;
        snprintf(rule, sizeof rule, "group box caption (%d px each side)", indent);
    } else {
        meter_close(&m);
        return; /* owner-drawn and the like draw their own */
    }
    meter_close(&m);
    p->req->checked++;
    verdict(p, c, rule, c->text, need.cx, need.cy, aw, ah);
}

static void check_edit(probe *p, const ctl *c)
{
    int cw, ch;
    client_size(c->h, &cw, &ch);
    RECT fr = {0, 0, 0, 0};
    DWORD_PTR margins = 0, lines = 0;
    SendMessageTimeoutW(c->h, EM_GETRECT, 0, (LPARAM)&fr, SMTO_ABORTIFHUNG, 2000, NULL);
    SendMessageTimeoutW(c->h, EM_GETMARGINS, 0, 0, SMTO_ABORTIFHUNG, 2000, &margins);
    int fw = fr.right - fr.left, fh = fr.bottom - fr.top;
    int left = LOWORD(margins), right = HIWORD(margins);
    if (fw > cw - left - right)
        fw = cw - left - right;
    meter m;
    meter_open(p, &m, c->h, c->h);
    int line_h = m.tm.tmHeight;
    char rule[200];
    if (!(c->style & ES_MULTILINE)) {
        SIZE need = extent(&m, c->text, 0);
        meter_close(&m);
        p->req->checked++;
        snprintf(rule, sizeof rule, "single-line edit (EM_GETRECT %dx%d, margins %d+%d px)", fw, fh, left, right);
        verdict(p, c, rule, c->text, has_text(c) ? need.cx : 0, line_h, fw, ch);
        return;
    }
    meter_close(&m);
    SendMessageTimeoutW(c->h, EM_GETLINECOUNT, 0, 0, SMTO_ABORTIFHUNG, 2000, &lines);
    int need_h = (int)lines * line_h;
    p->req->checked++;
    if (!has_text(c) || need_h <= fh) {
        snprintf(rule, sizeof rule, "multi-line edit, %d line(s) of %d px (EM_GETRECT, margins %d+%d px)", (int)lines,
                 line_h, left, right);
        verdict(p, c, rule, c->text, 0, has_text(c) ? need_h : 0, fw, fh);
        return;
    }
    /* More than fits: allowed when it scrolls, and the scroll bar is there. */
    SCROLLBARINFO sbi;
    memset(&sbi, 0, sizeof sbi);
    sbi.cbSize = sizeof sbi;
    SCROLLINFO si;
    memset(&si, 0, sizeof si);
    si.cbSize = sizeof si;
    si.fMask = SIF_RANGE | SIF_PAGE;
    int bar = (c->style & WS_VSCROLL) && GetScrollBarInfo(c->h, OBJID_VSCROLL, &sbi) &&
              !(sbi.rgstate[0] & (STATE_SYSTEM_INVISIBLE | STATE_SYSTEM_UNAVAILABLE));
    int scrolls = GetScrollInfo(c->h, SB_VERT, &si) && si.nMax - si.nMin + 1 > (int)si.nPage;
    char t[800], cls[128];
    if (bar && scrolls) {
        put(p, "ok %s id=%d class=%s%s multi-line edit scrolls: %d line(s) of %d px need %d px, has %dx%d px and a "
               "scroll bar (range %d..%d, page %u), text=%s\n",
            p->req->name, c->id, u8(c->cls, cls, sizeof cls), c->visible ? "" : " (hidden)", (int)lines, line_h, need_h,
            fw, fh, si.nMin, si.nMax, si.nPage, q(c->text, t, sizeof t));
    } else {
        failure(p, "id=%d class=%s%s multi-line edit needs %d px for %d line(s), has %d px and %s, text=%s", c->id,
                u8(c->cls, cls, sizeof cls), c->visible ? "" : " (hidden)", need_h, (int)lines, fh,
                !(c->style & WS_VSCROLL) ? "no WS_VSCROLL" : !bar ? "no visible scroll bar" : "a scroll bar that does not scroll",
                q(c->text, t, sizeof t));
    }
}

static void check_combo(probe *p, const ctl *c)
{
    COMBOBOXINFO cbi;
    memset(&cbi, 0, sizeof cbi);
    cbi.cbSize = sizeof cbi;
    if (!GetComboBoxInfo(c->h, &cbi)) {
        failure(p, "id=%d GetComboBoxInfo failed (%lu)", c->id, GetLastError());
        return;
    }
    int aw = cbi.rcItem.right - cbi.rcItem.left, ah = cbi.rcItem.bottom - cbi.rcItem.top;
    int pad = 2 * (1 + metric(p, SM_CXFOCUSBORDER));
    DWORD_PTR n = 0, sel = 0;
    SendMessageTimeoutW(c->h, CB_GETCOUNT, 0, 0, SMTO_ABORTIFHUNG, 2000, &n);
    SendMessageTimeoutW(c->h, CB_GETCURSEL, 0, 0, SMTO_ABORTIFHUNG, 2000, &sel);
    meter m;
    meter_open(p, &m, c->h, c->h);
    for (int i = 0; i < (int)n && i < 64; i++) {
        static wchar_t item[TEXT_MAX];
        DWORD_PTR len = 0;
        if (!SendMessageTimeoutW(c->h, CB_GETLBTEXTLEN, (WPARAM)i, 0, SMTO_ABORTIFHUNG, 2000, &len) ||
            (LRESULT)len == CB_ERR || len >= TEXT_MAX)
            continue;
        item[0] = 0;
        SendMessageTimeoutW(c->h, CB_GETLBTEXT, (WPARAM)i, (LPARAM)item, SMTO_ABORTIFHUNG, 2000, NULL);
        SIZE need = extent(&m, item, 0);
        char rule[120];
        snprintf(rule, sizeof rule, "combo box item %d%s (selection field, %d px padding)", i,
                 (int)sel == i ? ", selected" : "", pad);
        p->req->checked++;
        verdict(p, c, rule, item, need.cx + pad, need.cy + 2, aw, ah);
    }
    meter_close(&m);
}

static void check_listview(probe *p, const ctl *c)
{
    DWORD_PTR header = 0, ncol = 0, rows = 0, per_page = 0, margin = 0;
    SendMessageTimeoutW(c->h, LVM_GETHEADER, 0, 0, SMTO_ABORTIFHUNG, 2000, &header);
    if (!header || !SendMessageTimeoutW((HWND)header, HDM_GETITEMCOUNT, 0, 0, SMTO_ABORTIFHUNG, 2000, &ncol))
        return;
    SendMessageTimeoutW(c->h, LVM_GETITEMCOUNT, 0, 0, SMTO_ABORTIFHUNG, 2000, &rows);
    SendMessageTimeoutW(c->h, LVM_GETCOUNTPERPAGE, 0, 0, SMTO_ABORTIFHUNG, 2000, &per_page);
    SendMessageTimeoutW((HWND)header, HDM_GETBITMAPMARGIN, 0, 0, SMTO_ABORTIFHUNG, 2000, &margin);
    int cw, ch;
    client_size(c->h, &cw, &ch);
    HWND hh = (HWND)header;
    meter hm;
    meter_open(p, &hm, hh, hh);
    int total = 0;
    static wchar_t text[TEXT_MAX];
    char rule[160];
    for (int col = 0; col < (int)ncol && col < 32; col++) {
        HDITEMW hi;
        memset(&hi, 0, sizeof hi);
        hi.mask = HDI_TEXT | HDI_WIDTH;
        hi.pszText = text;
        hi.cchTextMax = TEXT_MAX;
        text[0] = 0;
        SendMessageTimeoutW(hh, HDM_GETITEMW, (WPARAM)col, (LPARAM)&hi, SMTO_ABORTIFHUNG, 2000, NULL);
        RECT ir = {0, 0, 0, 0};
        SendMessageTimeoutW(hh, HDM_GETITEMRECT, (WPARAM)col, (LPARAM)&ir, SMTO_ABORTIFHUNG, 2000, NULL);
        total += hi.cxy;
        SIZE need = extent(&hm, text, 0);
        snprintf(rule, sizeof rule, "column %d header (margin %d px each side)", col, (int)margin);
        p->req->checked++;
        verdict(p, c, rule, text, need.cx + 2 * (int)margin, need.cy, ir.right - ir.left, ir.bottom - ir.top);
    }
    meter_close(&hm);
    char cls[128];
    if (total > cw)
        failure(p, "id=%d class=%s the columns need %d px, the client is %d px wide (a horizontal scroll bar)", c->id,
                u8(c->cls, cls, sizeof cls), total, cw);
    if ((int)per_page < (int)rows)
        failure(p, "id=%d class=%s shows %d of its %d rows without scrolling", c->id, u8(c->cls, cls, sizeof cls),
                (int)per_page, (int)rows);
    else
        put(p, "ok %s id=%d class=%s all %d rows visible (%d per page), columns %d of %d px\n", p->req->name, c->id,
            u8(c->cls, cls, sizeof cls), (int)rows, (int)per_page, total, cw);
    int pad = scaled(p, 12);
    for (int r = 0; r < (int)rows && r < 64; r++) {
        for (int col = 0; col < (int)ncol && col < 32; col++) {
            LVITEMW it;
            memset(&it, 0, sizeof it);
            it.iSubItem = col;
            it.pszText = text;
            it.cchTextMax = TEXT_MAX;
            text[0] = 0;
            SendMessageTimeoutW(c->h, LVM_GETITEMTEXTW, (WPARAM)r, (LPARAM)&it, SMTO_ABORTIFHUNG, 2000, NULL);
            if (!text[0])
                continue;
            DWORD_PTR w = 0, colw = 0;
            SendMessageTimeoutW(c->h, LVM_GETSTRINGWIDTHW, 0, (LPARAM)text, SMTO_ABORTIFHUNG, 2000, &w);
            SendMessageTimeoutW(c->h, LVM_GETCOLUMNWIDTH, (WPARAM)col, 0, SMTO_ABORTIFHUNG, 2000, &colw);
            snprintf(rule, sizeof rule, "cell %d,%d (LVM_GETSTRINGWIDTHW + %d px)", r, col, pad);
            p->req->checked++;
            verdict(p, c, rule, text, (int)w + pad, 0, (int)colw, 0);
        }
    }
}

/* ------------------------------------------------------------ geometry */

static int is_groupbox(const ctl *c)
{
    return !_wcsicmp(c->cls, L"Button") && (c->style & BS_TYPEMASK) == BS_GROUPBOX;
}

static int inside(const RECT *in, const RECT *out)
{
    return in->left >= out->left && in->top >= out->top && in->right <= out->right && in->bottom <= out->bottom;
}

static void check_geometry(probe *p)
{
    RECT client;
    GetClientRect(p->dlg, &client);
    char a[128], b[128];
    for (int i = 0; i < p->n; i++) {
        const ctl *c = &p->c[i];
        if (!inside(&c->rc, &client))
            failure(p, "id=%d class=%s%s lies outside the client area: %ld,%ld,%ld,%ld, client %ldx%ld", c->id,
                    u8(c->cls, a, sizeof a), c->visible ? "" : " (hidden)", c->rc.left, c->rc.top, c->rc.right,
                    c->rc.bottom, client.right, client.bottom);
    }
    int overlaps = 0;
    for (int i = 0; i < p->n; i++) {
        for (int j = i + 1; j < p->n; j++) {
            const ctl *x = &p->c[i], *y = &p->c[j];
            RECT both;
            if (!IntersectRect(&both, &x->rc, &y->rc))
                continue;
            if ((is_groupbox(x) && inside(&y->rc, &x->rc)) || (is_groupbox(y) && inside(&x->rc, &y->rc)))
                continue;
            overlaps++;
            failure(p, "id=%d class=%s%s (%ld,%ld,%ld,%ld) and id=%d class=%s%s (%ld,%ld,%ld,%ld) overlap by %ldx%ld px",
                    x->id, u8(x->cls, a, sizeof a), x->visible ? "" : " hidden", x->rc.left, x->rc.top, x->rc.right,
                    x->rc.bottom, y->id, u8(y->cls, b, sizeof b), y->visible ? "" : " hidden", y->rc.left, y->rc.top,
                    y->rc.right, y->rc.bottom, both.right - both.left, both.bottom - both.top);
        }
    }
    put(p, "ok %s geometry: %d controls, client %ldx%ld px, %d overlaps\n", p->req->name, p->n, client.right,
        client.bottom, overlaps);
}

/* ------------------------------------------------------------ keyboard */

/* The mnemonic's letter, lower case, or 0. */
static wchar_t mnemonic(const wchar_t *s)
{
    for (; *s; s++) {
        if (*s != L'&')
            continue;
        if (s[1] == L'&') {
            s++;
            continue;
        }
        if (!s[1])
            return 0;
        return (wchar_t)(UINT_PTR)CharLowerW((LPWSTR)(UINT_PTR)s[1]);
    }
    return 0;
}

static int is_static(const ctl *c)
{
    return !_wcsicmp(c->cls, L"Static");
}

static int is_button(const ctl *c)
{
    LONG t = c->style & BS_TYPEMASK;
    return !_wcsicmp(c->cls, L"Button") && t != BS_GROUPBOX && t != BS_OWNERDRAW;
}

static int is_label(const ctl *c)
{
    LONG type = c->style & SS_TYPEMASK;
    return is_static(c) && !(c->style & SS_NOPREFIX) && has_text(c) &&
           (type == SS_LEFT || type == SS_CENTER || type == SS_RIGHT || type == SS_SIMPLE || type == SS_LEFTNOWORDWRAP);
}

static void check_keyboard(probe *p)
{
    char a[128], t[800];
    struct { wchar_t letter; int id; } seen[MAX_CONTROLS];
    int nseen = 0, labels = 0, buttons = 0;
    for (int i = 0; i < p->n; i++) {
        const ctl *c = &p->c[i];
        int label = is_label(c), button = is_button(c) && has_text(c);
        wchar_t m = mnemonic(c->text);
        if ((label || button) && !m)
            failure(p, "id=%d class=%s%s has no mnemonic: %s", c->id, u8(c->cls, a, sizeof a),
                    c->visible ? "" : " (hidden)", q(c->text, t, sizeof t));
        labels += label;
        buttons += button;
        if (label) {
            const ctl *next = i + 1 < p->n ? &p->c[i + 1] : NULL;
            if (!next || is_static(next) || !(next->style & WS_TABSTOP))
                failure(p, "id=%d label %s is not followed in the tab order by the control it names (next: id=%d)",
                        c->id, q(c->text, t, sizeof t), next ? next->id : 0);
        }
        if (!m)
            continue;
        for (int k = 0; k < nseen; k++)
            if (seen[k].letter == m) {
                wchar_t l[2] = {m, 0};
                failure(p, "mnemonic '%s' of id=%d is also id=%d's", u8(l, a, sizeof a), c->id, seen[k].id);
            }
        seen[nseen].letter = m;
        seen[nseen].id = c->id;
        nseen++;
    }
    /* The tab stops in reading order: each next one on the same row to the
     * right, or lower down (a couple of pixels of slack). */
    int slack = scaled(p, 2), prev = -1, stops = 0;
    for (int i = 0; i < p->n; i++) {
        const ctl *c = &p->c[i];
        if (!(c->style & WS_TABSTOP))
            continue;
        stops++;
        if (prev >= 0) {
            const RECT *x = &p->c[prev].rc, *y = &c->rc;
            int lower = y->top >= x->bottom - slack;
            int same_row = y->top < x->bottom && x->top < y->bottom;
            if (!lower && !(same_row && y->left >= x->right - slack))
                failure(p, "tab order goes back: id=%d (%ld,%ld,%ld,%ld) then id=%d (%ld,%ld,%ld,%ld)", p->c[prev].id,
                        x->left, x->top, x->right, x->bottom, c->id, y->left, y->top, y->right, y->bottom);
        }
        prev = i;
    }
    DWORD_PTR def = 0;
    SendMessageTimeoutW(p->dlg, DM_GETDEFID, 0, 0, SMTO_ABORTIFHUNG, 2000, &def);
    HWND defc = HIWORD(def) == DC_HASDEFID ? GetDlgItem(p->dlg, LOWORD(def)) : NULL;
    if (!defc || !IsWindowVisible(defc) || !IsWindowEnabled(defc))
        failure(p, "no enabled default button for Enter (DM_GETDEFID %#lx)", (unsigned long)def);
    HWND cancel = GetDlgItem(p->dlg, IDCANCEL);
    if (!cancel || !IsWindowVisible(cancel) || !IsWindowEnabled(cancel))
        failure(p, "no enabled IDCANCEL button for Esc");
    put(p, "ok %s keyboard: %d buttons, %d labels, %d mnemonics, %d tab stops, default button %d\n", p->req->name,
        buttons, labels, nseen, stops, defc ? (int)LOWORD(def) : 0);
}

/* ------------------------------------------------------------ the export */

static void collect(probe *p)
{
    for (HWND h = GetWindow(p->dlg, GW_CHILD); h && p->n < MAX_CONTROLS; h = GetWindow(h, GW_HWNDNEXT)) {
        ctl *c = &p->c[p->n++];
        c->h = h;
        c->id = GetDlgCtrlID(h);
        GetClassNameW(h, c->cls, 64);
        c->style = GetWindowLongW(h, GWL_STYLE);
        c->exstyle = GetWindowLongW(h, GWL_EXSTYLE);
        c->visible = IsWindowVisible(h) != 0;
        GetWindowRect(h, &c->rc);
        MapWindowPoints(NULL, p->dlg, (POINT *)&c->rc, 2);
        c->text[0] = 0;
        SendMessageTimeoutW(h, WM_GETTEXT, TEXT_MAX, (LPARAM)c->text, SMTO_ABORTIFHUNG, 2000, NULL);
        c->text[TEXT_MAX - 1] = 0;
    }
}

__declspec(dllexport) DWORD WINAPI oqsdm_probe_layout(void *arg)
{
    oqsdm_probe_req *req = arg;
    probe *p = calloc(1, sizeof *p);
    req->out_len = 0;
    req->failures = 0;
    req->checked = 0;
    req->out[0] = 0;
    if (!p)
        return (DWORD)-1;
    p->req = req;
    p->dlg = (HWND)(UINT_PTR)req->dlg;
    if (!IsWindow(p->dlg)) {
        free(p);
        return (DWORD)-1;
    }
    p->dpi = GetDpiForWindow(p->dlg);
    req->dpi = p->dpi;
    collect(p);

    LOGFONTW lf;
    memset(&lf, 0, sizeof lf);
    DWORD_PTR f = 0;
    SendMessageTimeoutW(p->dlg, WM_GETFONT, 0, 0, SMTO_ABORTIFHUNG, 2000, &f);
    if (f)
        GetObjectW((HFONT)f, sizeof lf, &lf);
    RECT wr, cr;
    GetWindowRect(p->dlg, &wr);
    GetClientRect(p->dlg, &cr);
    char face[128];
    put(p, "dialog %s dpi=%u system_dpi=%u window=%ldx%ld at %ld,%ld client=%ldx%ld font=\"%s\" height=%ld "
           "menucheck=%d edge=%d focus=%d\n",
        req->name, p->dpi, GetDpiForSystem(), wr.right - wr.left, wr.bottom - wr.top, wr.left, wr.top, cr.right,
        cr.bottom, u8(lf.lfFaceName, face, sizeof face), lf.lfHeight, metric(p, SM_CXMENUCHECK), metric(p, SM_CXEDGE),
        metric(p, SM_CXFOCUSBORDER));

    for (int i = 0; i < p->n; i++) {
        const ctl *c = &p->c[i];
        if (!_wcsicmp(c->cls, L"Static"))
            check_static(p, c);
        else if (!_wcsicmp(c->cls, L"Button"))
            check_button(p, c);
        else if (!_wcsicmp(c->cls, L"Edit"))
            check_edit(p, c);
        else if (!_wcsicmp(c->cls, L"ComboBox"))
            check_combo(p, c);
        else if (!_wcsicmp(c->cls, WC_LISTVIEWW))
            check_listview(p, c);
    }
    check_geometry(p);
    check_keyboard(p);
    put(p, "layout %s dpi=%u: %u texts measured, %u failures\n", req->name, p->dpi, req->checked, req->failures);
    DWORD rc = req->failures;
    free(p);
    return rc;
}
