/*
 * status_list.c: the status tables of the versions and diagnosis dialogs.
 *
 * A status cell is drawn by NM_CUSTOMDRAW rather than by the list: only
 * then is the whole cell its colour to the pixel, which the GUI tests
 * count, and the text on it readable (black on yellow, white elsewhere).
 * Every size set here is at 96 DPI and scaled to the list's DPI
 * (oqsdm_dlg_px), so the tables fit again after WM_DPICHANGED.
 */
#include "status_list.h"
#include "gui.h"
#include "status_colors.h"
#include "../platform/win32/utf.h"

#include <stdlib.h>
#include <string.h>

#define CELL_TEXT_MAX 512             /* UTF-16 units read back from a cell to measure or draw it */

static const BYTE fill_rgb[OQSDM_SHADE_COUNT][3] = {
    {OQSDM_COLOR_OK_RGB}, {OQSDM_COLOR_WARN_RGB}, {OQSDM_COLOR_FAIL_RGB}, {OQSDM_COLOR_UNKNOWN_RGB}};
static const BYTE on_rgb[OQSDM_SHADE_COUNT][3] = {
    {OQSDM_COLOR_ON_STATUS_RGB}, {OQSDM_COLOR_ON_WARN_RGB}, {OQSDM_COLOR_ON_STATUS_RGB},
    {OQSDM_COLOR_ON_STATUS_RGB}};

void oqsdm_status_list_init(oqsdm_status_list *t, HWND list, oqsdm_lang lang, const oqsdm_status_list_spec *spec)
{
    t->list = list;
    t->lang = lang;
    t->spec = *spec;
    if (t->spec.ncols > OQSDM_STATUS_LIST_MAX_COLS)
        t->spec.ncols = OQSDM_STATUS_LIST_MAX_COLS;
    if (t->spec.nrows > OQSDM_STATUS_LIST_MAX_ROWS)
        t->spec.nrows = OQSDM_STATUS_LIST_MAX_ROWS;
    for (int i = 0; i < OQSDM_SHADE_COUNT; i++) {
        t->brush[i] = CreateSolidBrush(RGB(fill_rgb[i][0], fill_rgb[i][1], fill_rgb[i][2]));
        t->on[i] = RGB(on_rgb[i][0], on_rgb[i][1], on_rgb[i][2]);
    }
    SendMessageW(list, LVM_SETEXTENDEDLISTVIEWSTYLE, 0, LVS_EX_FULLROWSELECT | LVS_EX_GRIDLINES | LVS_EX_DOUBLEBUFFER);
    for (int c = 0; c < t->spec.ncols; c++) {
        wchar_t *w = oqsdm_utf8_to_wide(oqsdm_msg(lang, t->spec.header_msg[c]));
        LVCOLUMNW col;
        memset(&col, 0, sizeof col);
        col.mask = LVCF_TEXT | LVCF_WIDTH | LVCF_SUBITEM | LVCF_FMT;
        col.fmt = LVCFMT_LEFT;
        col.cx = oqsdm_dlg_px(list, 80); /* until oqsdm_status_list_fit */
        col.iSubItem = c;
        col.pszText = w ? w : L"";
        SendMessageW(list, LVM_INSERTCOLUMNW, (WPARAM)c, (LPARAM)&col);
        free(w);
    }
    for (int r = 0; r < t->spec.nrows; r++) {
        wchar_t *w = oqsdm_utf8_to_wide(oqsdm_msg(lang, t->spec.row_msg[r]));
        LVITEMW it;
        memset(&it, 0, sizeof it);
        it.mask = LVIF_TEXT;
        it.iItem = r;
        it.pszText = w ? w : L"";
        SendMessageW(list, LVM_INSERTITEMW, 0, (LPARAM)&it);
        free(w);
        t->shade[r] = OQSDM_SHADE_NONE;
    }
    oqsdm_status_list_fit(t);
}

void oqsdm_status_list_free(oqsdm_status_list *t)
{
    for (int i = 0; i < OQSDM_SHADE_COUNT; i++)
        if (t->brush[i]) {
            DeleteObject(t->brush[i]);
            t->brush[i] = NULL;
        }
}

void oqsdm_status_list_set(oqsdm_status_list *t, int row, int col, const char *utf8)
{
    wchar_t *w = oqsdm_utf8_to_wide(utf8 ? utf8 : "");
    LVITEMW it;
    memset(&it, 0, sizeof it);
    it.iSubItem = col;
    it.pszText = w ? w : L"";
    SendMessageW(t->list, LVM_SETITEMTEXTW, (WPARAM)row, (LPARAM)&it);
    free(w);
}

void oqsdm_status_list_set_status(oqsdm_status_list *t, int row, const char *utf8, oqsdm_shade shade)
{
    oqsdm_status_list_set(t, row, t->spec.status_col, utf8);
    if (row >= 0 && row < t->spec.nrows)
        t->shade[row] = shade;
}

static void cell_text(const oqsdm_status_list *t, int row, int col, wchar_t *buf, int size)
{
    buf[0] = 0;
    LVITEMW it;
    memset(&it, 0, sizeof it);
    it.iSubItem = col;
    it.pszText = buf;
    it.cchTextMax = size;
    SendMessageW(t->list, LVM_GETITEMTEXTW, (WPARAM)row, (LPARAM)&it);
}

static int text_width(const oqsdm_status_list *t, const wchar_t *w)
{
    return w ? (int)SendMessageW(t->list, LVM_GETSTRINGWIDTHW, 0, (LPARAM)w) : 0;
}

static int msg_width(const oqsdm_status_list *t, int msg_id)
{
    wchar_t *w = oqsdm_utf8_to_wide(oqsdm_msg(t->lang, msg_id));
    int px = text_width(t, w);
    free(w);
    return px;
}

/* The widest of column `col`'s header (the catalogue's text, as the header
 * was made), its cells and, in the status column, any word it may show. */
static int widest_text(const oqsdm_status_list *t, int col)
{
    wchar_t buf[CELL_TEXT_MAX];
    int widest = msg_width(t, t->spec.header_msg[col]);
    for (int r = 0; r < t->spec.nrows; r++) {
        cell_text(t, r, col, buf, CELL_TEXT_MAX);
        int w = text_width(t, buf);
        if (w > widest)
            widest = w;
    }
    for (int k = 0; col == t->spec.status_col && t->spec.status_msg && k < t->spec.nstatus; k++) {
        int w = msg_width(t, t->spec.status_msg[k]);
        if (w > widest)
            widest = w;
    }
    return widest;
}

void oqsdm_status_list_fit(oqsdm_status_list *t)
{
    const int pad = oqsdm_dlg_px(t->list, t->spec.pad96);
    int width[OQSDM_STATUS_LIST_MAX_COLS], total = 0;
    for (int c = 0; c < t->spec.ncols; c++) {
        if (c == 0 && t->spec.least96 > 0)
            width[c] = oqsdm_dlg_px(t->list, t->spec.least96);
        else
            width[c] = widest_text(t, c) + pad;
        total += width[c];
    }
    /* Narrow first, so that no scroll bar left from the old widths takes
     * its share of the client width; then widen, never past it. */
    for (int c = 0; c < t->spec.ncols; c++)
        SendMessageW(t->list, LVM_SETCOLUMNWIDTH, (WPARAM)c, MAKELPARAM(8, 0));
    RECT rc;
    GetClientRect(t->list, &rc);
    int spare = rc.right - rc.left - total;
    if (spare > 0)
        width[0] += spare;
    for (int c = 0; c < t->spec.ncols; c++)
        SendMessageW(t->list, LVM_SETCOLUMNWIDTH, (WPARAM)c, MAKELPARAM(width[c], 0));
}

int oqsdm_status_list_selected(const oqsdm_status_list *t)
{
    return (int)SendMessageW(t->list, LVM_GETNEXTITEM, (WPARAM)-1, LVNI_SELECTED);
}

void oqsdm_status_list_select(oqsdm_status_list *t, int row, int reveal)
{
    LVITEMW it;
    memset(&it, 0, sizeof it);
    it.stateMask = LVIS_SELECTED | LVIS_FOCUSED;
    it.state = LVIS_SELECTED | LVIS_FOCUSED;
    SendMessageW(t->list, LVM_SETITEMSTATE, (WPARAM)row, (LPARAM)&it);
    if (reveal)
        SendMessageW(t->list, LVM_ENSUREVISIBLE, (WPARAM)row, FALSE);
}

int oqsdm_status_list_newly_selected(const NMHDR *h, int *row)
{
    if (h->code != LVN_ITEMCHANGED)
        return 0;
    const NMLISTVIEW *nm = (const NMLISTVIEW *)h;
    if (!(nm->uChanged & LVIF_STATE) || !(nm->uNewState & LVIS_SELECTED) || (nm->uOldState & LVIS_SELECTED))
        return 0;
    *row = nm->iItem;
    return 1;
}

static LRESULT custom_draw(const oqsdm_status_list *t, const NMLVCUSTOMDRAW *cd)
{
    switch (cd->nmcd.dwDrawStage) {
    case CDDS_PREPAINT:
        return CDRF_NOTIFYITEMDRAW;
    case CDDS_ITEMPREPAINT:
        return CDRF_NOTIFYSUBITEMDRAW;
    case CDDS_ITEMPREPAINT | CDDS_SUBITEM: {
        const int col = t->spec.status_col;
        int row = (int)cd->nmcd.dwItemSpec;
        if (cd->iSubItem != col || row < 0 || row >= t->spec.nrows || t->shade[row] == OQSDM_SHADE_NONE)
            return CDRF_DODEFAULT;
        RECT r;
        memset(&r, 0, sizeof r);
        r.top = col;
        r.left = LVIR_BOUNDS;
        if (!SendMessageW(t->list, LVM_GETSUBITEMRECT, (WPARAM)row, (LPARAM)&r))
            return CDRF_DODEFAULT;
        wchar_t text[128] = L"";
        cell_text(t, row, col, text, (int)(sizeof text / sizeof text[0]));
        HDC dc = cd->nmcd.hdc;
        oqsdm_shade s = t->shade[row];
        FillRect(dc, &r, t->brush[s]);
        int old_mode = SetBkMode(dc, TRANSPARENT);
        COLORREF old_color = SetTextColor(dc, t->on[s]);
        RECT tr = r;
        tr.left += oqsdm_dlg_px(t->list, 6);
        tr.right -= oqsdm_dlg_px(t->list, 2);
        DrawTextW(dc, text, -1, &tr, DT_SINGLELINE | DT_VCENTER | DT_LEFT | DT_NOPREFIX);
        SetTextColor(dc, old_color);
        SetBkMode(dc, old_mode);
        return CDRF_SKIPDEFAULT;
    }
    }
    return CDRF_DODEFAULT;
}

INT_PTR oqsdm_status_list_custom_draw(const oqsdm_status_list *t, HWND dlg, const NMLVCUSTOMDRAW *cd)
{
    SetWindowLongPtrW(dlg, DWLP_MSGRESULT, (LONG_PTR)custom_draw(t, cd));
    return TRUE;
}
