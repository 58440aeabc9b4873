/*
 * gui_driver.c: oqsdm-gui-driver.exe, the hand and eye of the GUI test.
 *
 * A console program run under the same Wine desktop as oqsdm.exe. It finds
 * one of oqsdm's dialogs, then performs ONE command and exits:
 *   --dlg main      (default) the main dialog: the top-level window carrying
 *                   the OQSDM_MAIN_PROP property; a "#32770" dialog as a fallback
 *   --dlg versions  the versions dialog (OQSDM_VERSIONS_PROP)
 *   --dlg settings  the settings dialog (OQSDM_SETTINGS_PROP)
 *   --dlg diagnose  the diagnosis dialog (OQSDM_DIAGNOSE_PROP)
 *   --dlg open      the file dialog the versions dialog opened: a visible
 *                   "#32770" window owned by it
 * Controls are named by their numeric ids from res/resource.h, colours come
 * from src/gui/status_colors.h; expected texts arrive as UTF-8 argv from the
 * Python test, so no user-visible string is written in this file.
 *
 *   oqsdm-gui-driver [--timeout MS] [--dlg main|versions|open|settings|diagnose] COMMAND [ARGS...]
 *
 *   wait-window                  wait until the dialog exists and is visible
 *   count-windows                print how many windows carry the property
 *   wait-gone                    wait until no window carries the property
 *   click ID                     BM_CLICK the button (PostMessage if it hangs)
 *   post-click ID                post BM_CLICK and return at once: for a button
 *                                that opens a modal dialog, whose click returns
 *                                only when that dialog is closed
 *   wait-status TEXT TIMEOUT_MS  poll IDC_STATUS until its text equals TEXT
 *   wait-text ID TEXT TIMEOUT_MS the same for any control
 *   get-text ID                  print the control's text
 *   is-enabled ID                print 1 or 0
 *   is-visible ID                print 1 or 0
 *   is-checked ID                print 1 or 0: a radio button or check box (BM_GETCHECK)
 *   count-color ID R G B         print "<pixels of exactly RGB> <rect area>"
 *                                over the control's screen rectangle
 *   glyphs ID                    print "<missing glyphs> <characters>" for the
 *                                control's text in the dialog's font (see
 *                                dialog_font_from_exe)
 *   screenshot FILE.bmp          save the dialog's window rect as 24-bit BMP
 *   close                        post WM_CLOSE to the dialog
 *   ids                          print the control ids this driver knows
 *   controls                     print every child control, one a line:
 *                                id, class, visible, enabled, rect, text
 *   set-text ID TEXT             WM_SETTEXT (what typing leaves in a box)
 *   wait-enabled ID 0|1 TIMEOUT_MS  poll until the control is (not) enabled
 *   focus                        print the id and class of the focused control
 *   set-focus ID                 move the focus there (WM_NEXTDLGCTL)
 *   key return|escape|tab|alt+X  post that key to the focused control, as the
 *                                keyboard does (the dialog loop sees it);
 *                                alt+X is the mnemonic X (WM_SYSCHAR)
 *   layout                       measure the dialog inside oqsdm.exe with
 *                                oqsdm-gui-probe.dll (layout_probe.c: every
 *                                control's text on its own font, geometry,
 *                                mnemonics, tab order); prints its report,
 *                                exit 1 when a rule fails
 *   lv-cells ID                  print a ListView's cells: one row a line,
 *                                cells separated by tabs (read cross-process
 *                                with LVM_GETITEMTEXTW in oqsdm's own memory)
 *   lv-count-color ID ROW COL R G B  print "<pixels of exactly RGB> <area>"
 *                                over that cell (LVM_GETSUBITEMRECT)
 *   lv-colors ID COL R,G,B...    the same for every row's cell in column COL
 *                                and each colour, in one look: one row a line,
 *                                "<area> <pixels of colour 1> <of colour 2>..."
 *   lv-select ID ROW             select that row (LVM_SETITEMSTATE)
 *   lv-columns ID                print the columns' widths and the list's
 *                                client width, in pixels
 *   cb-items ID                  print a combo box's items, one a line, the
 *                                selected one marked with "* "
 *   cb-select ID INDEX           select an item and tell the dialog
 *                                (CBN_SELCHANGE), as a click on it does
 *
 * Output is UTF-8 on a binary stdout. Exit codes: 0 success, 1 the check
 * failed or timed out, 2 usage error, 3 the dialog was not found.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>
#include <commctrl.h>
#include <psapi.h>
#include <stddef.h>

#include "../../res/resource.h"
#include "layout_probe.h"
#include "../../src/gui/status_colors.h"

#define EXIT_FAIL 1
#define EXIT_USAGE 2
#define EXIT_NOWINDOW 3

static DWORD g_timeout_ms = 15000; /* how long to wait for the dialog */

enum target { TARGET_MAIN, TARGET_VERSIONS, TARGET_OPEN, TARGET_SETTINGS, TARGET_DIAGNOSE };
static enum target g_target = TARGET_MAIN;

/* ---- output ---- */

static void out_utf8(const wchar_t *w)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    if (n <= 0)
        return;
    char *s = malloc((size_t)n);
    if (!s)
        return;
    WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
    fwrite(s, 1, (size_t)n - 1, stdout);
    free(s);
}

static void outf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
    fflush(stdout);
}

static void errf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gui-driver: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fflush(stderr);
}

/* ---- finding the dialog ---- */

typedef struct {
    const wchar_t *prop;
    HWND first;
    int count;
} find_ctx;

static BOOL CALLBACK find_prop(HWND hwnd, LPARAM lp)
{
    find_ctx *c = (find_ctx *)lp;
    if (GetPropW(hwnd, c->prop)) {
        if (!c->first)
            c->first = hwnd;
        c->count++;
    }
    return TRUE;
}

static HWND find_by_prop(const wchar_t *prop, int *count)
{
    find_ctx c = {prop, NULL, 0};
    EnumWindows(find_prop, (LPARAM)&c);
    if (count)
        *count = c.count;
    return c.first;
}

typedef struct {
    HWND owner, found;
    int count;
} owned_ctx;

static BOOL CALLBACK find_owned(HWND hwnd, LPARAM lp)
{
    owned_ctx *c = (owned_ctx *)lp;
    wchar_t cls[16];
    if (GetWindow(hwnd, GW_OWNER) == c->owner && IsWindowVisible(hwnd) &&
        GetClassNameW(hwnd, cls, 16) && wcscmp(cls, L"#32770") == 0) {
        if (!c->found)
            c->found = hwnd;
        c->count++;
    }
    return TRUE;
}

static HWND find_dialog(int *count)
{
    if (count)
        *count = 0;
    if (g_target == TARGET_VERSIONS)
        return find_by_prop(OQSDM_VERSIONS_PROP, count);
    if (g_target == TARGET_SETTINGS)
        return find_by_prop(OQSDM_SETTINGS_PROP, count);
    if (g_target == TARGET_DIAGNOSE)
        return find_by_prop(OQSDM_DIAGNOSE_PROP, count);
    if (g_target == TARGET_OPEN) {
        HWND versions = find_by_prop(OQSDM_VERSIONS_PROP, NULL);
        if (!versions)
            return NULL;
        owned_ctx c = {versions, NULL, 0};
        EnumWindows(find_owned, (LPARAM)&c);
        if (count)
            *count = c.count;
        return c.found;
    }
    HWND first = find_by_prop(OQSDM_MAIN_PROP, count);
    if (first)
        return first;
    /* Fallback: a dialog that has our status control. */
    HWND h = NULL;
    while ((h = FindWindowExW(NULL, h, L"#32770", NULL)) != NULL)
        if (GetDlgItem(h, IDC_STATUS) && GetDlgItem(h, IDC_BTN_CHECK_CONNECTION))
            return h;
    return NULL;
}

static HWND wait_dialog(DWORD timeout_ms, int need_visible)
{
    DWORD start = GetTickCount();
    for (;;) {
        HWND h = find_dialog(NULL);
        if (h && (!need_visible || IsWindowVisible(h)))
            return h;
        if (GetTickCount() - start >= timeout_ms)
            return NULL;
        Sleep(50);
    }
}

static HWND need_dialog(void)
{
    HWND h = wait_dialog(g_timeout_ms, 0);
    if (!h)
        errf("no oqsdm dialog within %lu ms\n", (unsigned long)g_timeout_ms);
    return h;
}

static HWND need_control(HWND dlg, int id)
{
    HWND c = GetDlgItem(dlg, id);
    if (!c)
        errf("the dialog has no control %d\n", id);
    return c;
}

/* ---- helpers ---- */

static wchar_t *utf8_to_wide(const char *s)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
    if (n <= 0)
        return NULL;
    wchar_t *w = malloc((size_t)n * sizeof *w);
    if (w)
        MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n);
    return w;
}

static char *wide_to_utf8(const wchar_t *w)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    if (n <= 0)
        return NULL;
    char *s = malloc((size_t)n);
    if (s)
        WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL);
    return s;
}

static int parse_int(const char *s, long *out)
{
    char *end;
    long v = strtol(s, &end, 0);
    if (!*s || *end)
        return -1;
    *out = v;
    return 0;
}

/* The control's text via WM_GETTEXT (works across processes); malloc'd. */
static wchar_t *control_text(HWND c)
{
    DWORD_PTR len = 0;
    if (!SendMessageTimeoutW(c, WM_GETTEXTLENGTH, 0, 0, SMTO_ABORTIFHUNG, 2000, &len))
        return NULL;
    size_t cap = (size_t)len + 64;
    wchar_t *buf = calloc(cap, sizeof *buf);
    if (!buf)
        return NULL;
    DWORD_PTR got = 0;
    if (!SendMessageTimeoutW(c, WM_GETTEXT, (WPARAM)cap, (LPARAM)buf, SMTO_ABORTIFHUNG, 2000, &got)) {
        free(buf);
        return NULL;
    }
    buf[cap - 1] = 0;
    return buf;
}

/* Copies a screen rectangle (virtual-desktop coordinates) into a top-down
 * 32-bit DIB; returns the pixels (BGRA) or NULL. */
static unsigned char *grab(const RECT *r, int *w, int *h)
{
    *w = r->right - r->left;
    *h = r->bottom - r->top;
    if (*w <= 0 || *h <= 0)
        return NULL;
    HDC screen = GetDC(NULL);
    HDC mem = CreateCompatibleDC(screen);
    BITMAPINFO bi;
    memset(&bi, 0, sizeof bi);
    bi.bmiHeader.biSize = sizeof bi.bmiHeader;
    bi.bmiHeader.biWidth = *w;
    bi.bmiHeader.biHeight = -*h;
    bi.bmiHeader.biPlanes = 1;
    bi.bmiHeader.biBitCount = 32;
    bi.bmiHeader.biCompression = BI_RGB;
    void *bits = NULL;
    HBITMAP bmp = CreateDIBSection(mem, &bi, DIB_RGB_COLORS, &bits, NULL, 0);
    unsigned char *px = NULL;
    if (bmp && bits) {
        HGDIOBJ old = SelectObject(mem, bmp);
        if (BitBlt(mem, 0, 0, *w, *h, screen, r->left, r->top, SRCCOPY | CAPTUREBLT)) {
            GdiFlush();
            px = malloc((size_t)*w * (size_t)*h * 4);
            if (px)
                memcpy(px, bits, (size_t)*w * (size_t)*h * 4);
        }
        SelectObject(mem, old);
    }
    if (bmp)
        DeleteObject(bmp);
    DeleteDC(mem);
    ReleaseDC(NULL, screen);
    return px;
}

/* ---- commands ---- */

static int cmd_wait_window(void)
{
    HWND h = wait_dialog(g_timeout_ms, 1);
    if (!h) {
        errf("no visible oqsdm dialog within %lu ms\n", (unsigned long)g_timeout_ms);
        return EXIT_NOWINDOW;
    }
    wchar_t title[512] = L"";
    GetWindowTextW(h, title, 512);
    RECT r;
    GetWindowRect(h, &r);
    outf("hwnd=%p rect=%ld,%ld,%ld,%ld title=", (void *)h, r.left, r.top, r.right, r.bottom);
    out_utf8(title);
    outf("\n");
    return 0;
}

/* Windows of the target that carry its mark (the fallback is not counted). */
static int count_windows(void)
{
    int n = 0;
    find_dialog(&n);
    return n;
}

static int cmd_count_windows(void)
{
    outf("%d\n", count_windows());
    return 0;
}

static int cmd_wait_gone(void)
{
    DWORD start = GetTickCount();
    for (;;) {
        int n = count_windows();
        if (!n) {
            outf("gone after %lu ms\n", (unsigned long)(GetTickCount() - start));
            return 0;
        }
        if (GetTickCount() - start >= g_timeout_ms) {
            errf("%d window(s) still there after %lu ms\n", n, (unsigned long)g_timeout_ms);
            return EXIT_FAIL;
        }
        Sleep(50);
    }
}

static int cmd_click(int id)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    HWND c = need_control(dlg, id);
    if (!c)
        return EXIT_FAIL;
    if (!IsWindowEnabled(c)) {
        errf("control %d is disabled\n", id);
        return EXIT_FAIL;
    }
    DWORD_PTR res;
    if (!SendMessageTimeoutW(c, BM_CLICK, 0, 0, SMTO_ABORTIFHUNG, 5000, &res)) {
        errf("BM_CLICK on %d timed out; posting it\n", id);
        if (!PostMessageW(c, BM_CLICK, 0, 0))
            return EXIT_FAIL;
    }
    outf("clicked %d\n", id);
    return 0;
}

static int cmd_post_click(int id)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    HWND c = need_control(dlg, id);
    if (!c)
        return EXIT_FAIL;
    if (!IsWindowEnabled(c)) {
        errf("control %d is disabled\n", id);
        return EXIT_FAIL;
    }
    if (!PostMessageW(c, BM_CLICK, 0, 0))
        return EXIT_FAIL;
    outf("posted a click on %d\n", id);
    return 0;
}

static int cmd_wait_text(int id, const char *want_utf8, long timeout_ms)
{
    wchar_t *want = utf8_to_wide(want_utf8);
    if (!want) {
        errf("expected text is not UTF-8\n");
        return EXIT_USAGE;
    }
    HWND dlg = need_dialog();
    if (!dlg) {
        free(want);
        return EXIT_NOWINDOW;
    }
    HWND c = need_control(dlg, id);
    if (!c) {
        free(want);
        return EXIT_FAIL;
    }
    DWORD start = GetTickCount();
    wchar_t *last = NULL;
    int rc = EXIT_FAIL;
    for (;;) {
        free(last);
        last = control_text(c);
        if (last && wcscmp(last, want) == 0) {
            outf("ok after %lu ms\n", (unsigned long)(GetTickCount() - start));
            rc = 0;
            break;
        }
        if ((long)(GetTickCount() - start) >= timeout_ms)
            break;
        Sleep(50);
    }
    if (rc) {
        outf("timeout after %ld ms; actual: ", timeout_ms);
        out_utf8(last ? last : L"(no text)");
        outf("\n");
    }
    free(last);
    free(want);
    return rc;
}

static int cmd_get_text(int id)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    HWND c = need_control(dlg, id);
    if (!c)
        return EXIT_FAIL;
    wchar_t *t = control_text(c);
    if (!t) {
        errf("WM_GETTEXT failed\n");
        return EXIT_FAIL;
    }
    out_utf8(t);
    outf("\n");
    free(t);
    return 0;
}

static int cmd_is_enabled(int id)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    HWND c = need_control(dlg, id);
    if (!c)
        return EXIT_FAIL;
    outf("%d\n", IsWindowEnabled(c) ? 1 : 0);
    return 0;
}

static int cmd_is_visible(int id)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    HWND c = need_control(dlg, id);
    if (!c)
        return EXIT_FAIL;
    outf("%d\n", IsWindowVisible(c) ? 1 : 0);
    return 0;
}

static int cmd_is_checked(int id)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    HWND c = need_control(dlg, id);
    if (!c)
        return EXIT_FAIL;
    DWORD_PTR state = 0;
    if (!SendMessageTimeoutW(c, BM_GETCHECK, 0, 0, SMTO_ABORTIFHUNG, 2000, &state))
        return EXIT_FAIL;
    outf("%d\n", state == BST_CHECKED ? 1 : 0);
    return 0;
}

static int cmd_count_color(int id, long r, long g, long b)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    HWND c = need_control(dlg, id);
    if (!c)
        return EXIT_FAIL;
    RedrawWindow(dlg, NULL, NULL, RDW_INVALIDATE | RDW_UPDATENOW | RDW_ALLCHILDREN);
    Sleep(150); /* let the other process paint */
    RECT rc;
    GetWindowRect(c, &rc);
    int w, h;
    unsigned char *px = grab(&rc, &w, &h);
    if (!px) {
        errf("BitBlt of %ld,%ld,%ld,%ld failed\n", rc.left, rc.top, rc.right, rc.bottom);
        return EXIT_FAIL;
    }
    long n = 0;
    for (long i = 0; i < (long)w * h; i++) {
        const unsigned char *p = px + i * 4; /* B G R x */
        if (p[2] == r && p[1] == g && p[0] == b)
            n++;
    }
    free(px);
    outf("%ld %ld\n", n, (long)w * h);
    return 0;
}

static INT_PTR CALLBACK plain_dlg_proc(HWND h, UINT m, WPARAM w, LPARAM l)
{
    (void)h, (void)w, (void)l;
    return m == WM_INITDIALOG;
}

/* The LOGFONT of oqsdm's dialog font, read in this process. WM_GETFONT's
 * HFONT belongs to oqsdm.exe and is no handle here (under Wine, WM_GETFONT
 * sent from another process even answers NULL), so the driver opens the
 * same IDD_MAIN template from oqsdm.exe's own file, hidden, and lets the
 * dialog manager resolve its FONT statement exactly as it did for oqsdm.
 * The lamp's font is that font made larger and bold: same face, same glyphs. */
static int dialog_font_from_exe(HWND dlg, LOGFONTW *lf, char *how, size_t how_size)
{
    DWORD pid = 0;
    GetWindowThreadProcessId(dlg, &pid);
    HANDLE proc = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
    wchar_t exe[MAX_PATH * 2];
    DWORD len = sizeof exe / sizeof exe[0];
    int ok = proc && QueryFullProcessImageNameW(proc, 0, exe, &len);
    if (proc)
        CloseHandle(proc);
    if (!ok) {
        errf("cannot find the program of process %lu: %lu\n", (unsigned long)pid, GetLastError());
        return -1;
    }
    HMODULE mod = LoadLibraryExW(exe, NULL, LOAD_LIBRARY_AS_DATAFILE | LOAD_LIBRARY_AS_IMAGE_RESOURCE);
    if (!mod) {
        errf("cannot open %ls: %lu\n", exe, GetLastError());
        return -1;
    }
    int rc = -1;
    HRSRC res = FindResourceW(mod, MAKEINTRESOURCEW(IDD_MAIN), (LPCWSTR)RT_DIALOG);
    HGLOBAL mem = res ? LoadResource(mod, res) : NULL;
    const DLGTEMPLATE *tmpl = mem ? (const DLGTEMPLATE *)LockResource(mem) : NULL;
    HWND mine = tmpl ? CreateDialogIndirectParamW(GetModuleHandleW(NULL), tmpl, NULL, plain_dlg_proc, 0) : NULL;
    HFONT f = mine ? (HFONT)SendMessageW(mine, WM_GETFONT, 0, 0) : NULL;
    if (f && GetObjectW(f, sizeof *lf, lf)) {
        char *u = wide_to_utf8(exe);
        snprintf(how, how_size, "IDD_MAIN of %s", u ? u : "?");
        free(u);
        rc = 0;
    } else {
        errf("cannot make IDD_MAIN from oqsdm's file: %lu\n", GetLastError());
    }
    if (mine)
        DestroyWindow(mine);
    FreeLibrary(mod);
    return rc;
}

static int cmd_glyphs(int id)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    HWND c = need_control(dlg, id);
    if (!c)
        return EXIT_FAIL;
    wchar_t *text = control_text(c);
    if (!text)
        return EXIT_FAIL;
    LOGFONTW lf;
    char how[MAX_PATH * 3] = "WM_GETFONT";
    DWORD_PTR fres = 0;
    HFONT font = NULL;
    if (SendMessageTimeoutW(c, WM_GETFONT, 0, 0, SMTO_ABORTIFHUNG, 2000, &fres))
        font = (HFONT)fres;
    if (!font || !GetObjectW(font, sizeof lf, &lf)) {
        if (dialog_font_from_exe(dlg, &lf, how, sizeof how)) {
            free(text);
            return EXIT_FAIL;
        }
    }
    HFONT mine = CreateFontIndirectW(&lf);
    HDC dc = CreateCompatibleDC(NULL);
    HGDIOBJ old = SelectObject(dc, mine);
    wchar_t face[LF_FACESIZE] = L"";
    GetTextFaceW(dc, LF_FACESIZE, face);
    size_t n = wcslen(text);
    WORD *idx = calloc(n + 1, sizeof *idx);
    int missing = -1;
    if (idx && GetGlyphIndicesW(dc, text, (int)n, idx, GGI_MARK_NONEXISTING_GLYPHS) != GDI_ERROR) {
        missing = 0;
        for (size_t i = 0; i < n; i++)
            if (idx[i] == 0xFFFF)
                missing++;
    }
    SelectObject(dc, old);
    DeleteObject(mine);
    DeleteDC(dc);
    free(idx);
    if (missing < 0) {
        errf("GetGlyphIndicesW failed\n");
        free(text);
        return EXIT_FAIL;
    }
    char *lface = wide_to_utf8(lf.lfFaceName), *rface = wide_to_utf8(face);
    outf("%d %u font=\"%s\" selected=\"%s\" from=%s\n", missing, (unsigned)n, lface ? lface : "",
         rface ? rface : "", how);
    free(lface);
    free(rface);
    free(text);
    return 0;
}

static int write_bmp24(const char *path_utf8, const unsigned char *bgra, int w, int h)
{
    wchar_t *path = utf8_to_wide(path_utf8);
    if (!path)
        return -1;
    FILE *f = _wfopen(path, L"wb");
    free(path);
    if (!f)
        return -1;
    DWORD stride = ((DWORD)w * 3 + 3) & ~3u;
    BITMAPFILEHEADER fh;
    BITMAPINFOHEADER ih;
    memset(&fh, 0, sizeof fh);
    memset(&ih, 0, sizeof ih);
    fh.bfType = 0x4D42;
    fh.bfOffBits = sizeof fh + sizeof ih;
    fh.bfSize = fh.bfOffBits + stride * (DWORD)h;
    ih.biSize = sizeof ih;
    ih.biWidth = w;
    ih.biHeight = h; /* bottom-up */
    ih.biPlanes = 1;
    ih.biBitCount = 24;
    ih.biCompression = BI_RGB;
    ih.biSizeImage = stride * (DWORD)h;
    int ok = fwrite(&fh, sizeof fh, 1, f) == 1 && fwrite(&ih, sizeof ih, 1, f) == 1;
    unsigned char *row = calloc(stride, 1);
    for (int y = h - 1; ok && row && y >= 0; y--) {
        const unsigned char *src = bgra + (size_t)y * (size_t)w * 4;
        for (int x = 0; x < w; x++) {
            row[x * 3 + 0] = src[x * 4 + 0];
            row[x * 3 + 1] = src[x * 4 + 1];
            row[x * 3 + 2] = src[x * 4 + 2];
        }
        ok = fwrite(row, 1, stride, f) == stride;
    }
    free(row);
    if (fclose(f) != 0)
        ok = 0;
    return ok && row ? 0 : -1;
}

static int cmd_screenshot(const char *file)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    RedrawWindow(dlg, NULL, NULL, RDW_INVALIDATE | RDW_FRAME | RDW_UPDATENOW | RDW_ALLCHILDREN);
    Sleep(200);
    RECT r;
    GetWindowRect(dlg, &r);
    int w, h;
    unsigned char *px = grab(&r, &w, &h);
    if (!px) {
        errf("BitBlt of the dialog failed\n");
        return EXIT_FAIL;
    }
    int rc = write_bmp24(file, px, w, h);
    free(px);
    if (rc) {
        errf("cannot write %s\n", file);
        return EXIT_FAIL;
    }
    outf("%s %dx%d\n", file, w, h);
    return 0;
}

static int cmd_close(void)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    if (!PostMessageW(dlg, WM_CLOSE, 0, 0)) {
        errf("PostMessage(WM_CLOSE) failed: %lu\n", GetLastError());
        return EXIT_FAIL;
    }
    outf("closed\n");
    return 0;
}

static int cmd_ids(void)
{
    outf("IDC_BTN_CHECK_CONNECTION=%d IDC_BTN_VERSIONS=%d IDC_BTN_SETTINGS=%d IDC_BTN_DOWNLOAD_NOW=%d\n",
         IDC_BTN_CHECK_CONNECTION, IDC_BTN_VERSIONS, IDC_BTN_SETTINGS, IDC_BTN_DOWNLOAD_NOW);
    outf("IDC_STATUS=%d IDC_MESSAGE=%d IDC_REASON=%d IDC_DETAIL=%d IDCANCEL=%d\n", IDC_STATUS,
         IDC_MESSAGE, IDC_REASON, IDC_DETAIL, IDCANCEL);
    static const BYTE rgb[4][3] = {
        {OQSDM_COLOR_UNKNOWN_RGB}, {OQSDM_COLOR_BUSY_RGB}, {OQSDM_COLOR_OK_RGB}, {OQSDM_COLOR_FAIL_RGB}};
    static const char *names[4] = {"UNKNOWN", "BUSY", "OK", "FAIL"};
    for (int i = 0; i < 4; i++)
        outf("OQSDM_COLOR_%s=%d,%d,%d\n", names[i], rgb[i][0], rgb[i][1], rgb[i][2]);
    return 0;
}

/* ---- more controls: text in, focus and keys, ListView and combo box ---- */

static int cmd_controls(void)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    wchar_t title[256] = L"";
    GetWindowTextW(dlg, title, 256);
    outf("dialog %p title=", (void *)dlg);
    out_utf8(title);
    outf("\n");
    for (HWND c = GetWindow(dlg, GW_CHILD); c; c = GetWindow(c, GW_HWNDNEXT)) {
        wchar_t cls[64] = L"";
        GetClassNameW(c, cls, 64);
        RECT r;
        GetWindowRect(c, &r);
        wchar_t *t = control_text(c);
        outf("%d\t", GetDlgCtrlID(c));
        out_utf8(cls);
        outf("\tvisible=%d enabled=%d rect=%ld,%ld,%ld,%ld\t", IsWindowVisible(c) ? 1 : 0,
             IsWindowEnabled(c) ? 1 : 0, r.left, r.top, r.right, r.bottom);
        out_utf8(t ? t : L"");
        outf("\n");
        free(t);
    }
    return 0;
}

static int cmd_set_text(int id, const char *text_utf8)
{
    wchar_t *text = utf8_to_wide(text_utf8);
    if (!text) {
        errf("the text is not UTF-8\n");
        return EXIT_USAGE;
    }
    int rc = EXIT_FAIL;
    HWND dlg = need_dialog();
    HWND c = dlg ? need_control(dlg, id) : NULL;
    DWORD_PTR res = 0;
    if (!dlg)
        rc = EXIT_NOWINDOW;
    else if (c && SendMessageTimeoutW(c, WM_SETTEXT, 0, (LPARAM)text, SMTO_ABORTIFHUNG, 5000, &res) && res)
        rc = 0;
    else if (c)
        errf("WM_SETTEXT on %d failed\n", id);
    if (!rc)
        outf("set %d\n", id);
    free(text);
    return rc;
}

static int cmd_wait_enabled(int id, long want, long timeout_ms)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    HWND c = need_control(dlg, id);
    if (!c)
        return EXIT_FAIL;
    DWORD start = GetTickCount();
    for (;;) {
        if ((IsWindowEnabled(c) ? 1 : 0) == (want ? 1 : 0)) {
            outf("ok after %lu ms\n", (unsigned long)(GetTickCount() - start));
            return 0;
        }
        if ((long)(GetTickCount() - start) >= timeout_ms) {
            outf("timeout after %ld ms; still %s\n", timeout_ms, want ? "disabled" : "enabled");
            return EXIT_FAIL;
        }
        Sleep(50);
    }
}

/* The focused window of the dialog's thread (GetFocus only sees our own). */
static HWND focused(HWND dlg)
{
    GUITHREADINFO gi;
    memset(&gi, 0, sizeof gi);
    gi.cbSize = sizeof gi;
    DWORD tid = GetWindowThreadProcessId(dlg, NULL);
    return GetGUIThreadInfo(tid, &gi) ? gi.hwndFocus : NULL;
}

static int cmd_focus(void)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    HWND f = focused(dlg);
    if (!f) {
        outf("none\n");
        return 0;
    }
    /* A combo box's edit or a list's header report their parent. */
    HWND c = f;
    while (c && GetParent(c) && GetParent(c) != dlg)
        c = GetParent(c);
    wchar_t cls[64] = L"";
    GetClassNameW(c ? c : f, cls, 64);
    outf("%d ", c && GetParent(c) == dlg ? GetDlgCtrlID(c) : 0);
    out_utf8(cls);
    outf("\n");
    return 0;
}

static int cmd_set_focus(int id)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    HWND c = need_control(dlg, id);
    if (!c)
        return EXIT_FAIL;
    if (!PostMessageW(dlg, WM_NEXTDLGCTL, (WPARAM)c, TRUE))
        return EXIT_FAIL;
    for (int i = 0; i < 40 && focused(dlg) != c; i++)
        Sleep(25);
    if (focused(dlg) != c) {
        errf("control %d did not get the focus\n", id);
        return EXIT_FAIL;
    }
    outf("focus %d\n", id);
    return 0;
}

static int cmd_key(const char *name)
{
    static const struct { const char *name; UINT vk; } keys[] = {
        {"return", VK_RETURN}, {"escape", VK_ESCAPE}, {"tab", VK_TAB}};
    UINT vk = 0;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strcmp(name, keys[i].name))
            vk = keys[i].vk;
    /* alt+X: the character Alt+X makes (WM_SYSCHAR), which the dialog loop
     * (IsDialogMessage) takes as the mnemonic X. */
    int alt = !strncmp(name, "alt+", 4) && name[4] && !name[5] && (unsigned char)name[4] < 0x80;
    if (!vk && !alt)
        return EXIT_USAGE;
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    HWND f = focused(dlg);
    if (!f) {
        errf("nothing has the focus\n");
        return EXIT_FAIL;
    }
    if (alt) {
        WPARAM ch = (WPARAM)(unsigned char)name[4];
        UINT scan_ch = MapVirtualKeyW((UINT)VkKeyScanW((WCHAR)ch) & 0xFF, MAPVK_VK_TO_VSC);
        if (!PostMessageW(f, WM_SYSCHAR, ch, 1 | ((LPARAM)scan_ch << 16) | ((LPARAM)1 << 29)))
            return EXIT_FAIL;
        outf("key %s\n", name);
        return 0;
    }
    UINT scan = MapVirtualKeyW(vk, MAPVK_VK_TO_VSC);
    LPARAM down = 1 | ((LPARAM)scan << 16), up = down | ((LPARAM)3 << 30);
    if (!PostMessageW(f, WM_KEYDOWN, vk, down) || !PostMessageW(f, WM_KEYUP, vk, up))
        return EXIT_FAIL;
    outf("key %s\n", name);
    return 0;
}

/* oqsdm's own memory for a ListView message: its pointers are not
 * marshalled between processes (on Windows nor Wine), so the LVITEMW and
 * its text buffer live in oqsdm.exe and are copied back. */
typedef struct {
    HANDLE proc;
    unsigned char *remote;
    size_t size;
} remote_mem;

static int remote_open(HWND wnd, size_t size, remote_mem *m)
{
    DWORD pid = 0;
    GetWindowThreadProcessId(wnd, &pid);
    m->size = size;
    m->proc = OpenProcess(PROCESS_VM_OPERATION | PROCESS_VM_READ | PROCESS_VM_WRITE | PROCESS_QUERY_INFORMATION,
                          FALSE, pid);
    m->remote = m->proc ? VirtualAllocEx(m->proc, NULL, size, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE) : NULL;
    if (!m->remote) {
        errf("cannot reach the memory of process %lu: %lu\n", (unsigned long)pid, GetLastError());
        if (m->proc)
            CloseHandle(m->proc);
        return -1;
    }
    return 0;
}

static void remote_close(remote_mem *m)
{
    VirtualFreeEx(m->proc, m->remote, 0, MEM_RELEASE);
    CloseHandle(m->proc);
}

#define CELL_CHARS 1024

/* The text of one cell, malloc'd; NULL on failure. */
static wchar_t *lv_cell(HWND lv, remote_mem *m, int row, int col)
{
    LVITEMW it;
    memset(&it, 0, sizeof it);
    it.iSubItem = col;
    it.cchTextMax = CELL_CHARS;
    it.pszText = (wchar_t *)(m->remote + sizeof it);
    wchar_t *text = calloc(CELL_CHARS + 1, sizeof *text);
    DWORD_PTR got = 0;
    if (!text || !WriteProcessMemory(m->proc, m->remote, &it, sizeof it, NULL) ||
        !WriteProcessMemory(m->proc, m->remote + sizeof it, text, sizeof(wchar_t), NULL) ||
        !SendMessageTimeoutW(lv, LVM_GETITEMTEXTW, (WPARAM)row, (LPARAM)m->remote, SMTO_ABORTIFHUNG, 3000, &got) ||
        !ReadProcessMemory(m->proc, m->remote + sizeof it, text, CELL_CHARS * sizeof(wchar_t), NULL)) {
        free(text);
        return NULL;
    }
    text[CELL_CHARS] = 0;
    return text;
}

static HWND need_list(int id, HWND *dlg_out)
{
    HWND dlg = need_dialog();
    if (dlg_out)
        *dlg_out = dlg;
    return dlg ? need_control(dlg, id) : NULL;
}

static int lv_columns(HWND lv)
{
    DWORD_PTR header = 0, n = 0;
    if (!SendMessageTimeoutW(lv, LVM_GETHEADER, 0, 0, SMTO_ABORTIFHUNG, 2000, &header) || !header ||
        !SendMessageTimeoutW((HWND)header, HDM_GETITEMCOUNT, 0, 0, SMTO_ABORTIFHUNG, 2000, &n))
        return -1;
    return (int)n;
}

static int cmd_lv_cells(int id)
{
    HWND dlg;
    HWND lv = need_list(id, &dlg);
    if (!lv)
        return dlg ? EXIT_FAIL : EXIT_NOWINDOW;
    DWORD_PTR rows = 0;
    int cols = lv_columns(lv);
    if (!SendMessageTimeoutW(lv, LVM_GETITEMCOUNT, 0, 0, SMTO_ABORTIFHUNG, 2000, &rows) || cols < 0) {
        errf("control %d answers no ListView message\n", id);
        return EXIT_FAIL;
    }
    remote_mem m;
    if (remote_open(lv, sizeof(LVITEMW) + (CELL_CHARS + 1) * sizeof(wchar_t), &m))
        return EXIT_FAIL;
    int rc = 0;
    for (int r = 0; r < (int)rows && !rc; r++) {
        for (int c = 0; c < cols; c++) {
            wchar_t *t = lv_cell(lv, &m, r, c);
            if (!t) {
                errf("cannot read cell %d,%d: %lu\n", r, c, GetLastError());
                rc = EXIT_FAIL;
                break;
            }
            if (c)
                outf("\t");
            out_utf8(t);
            free(t);
        }
        outf("\n");
    }
    remote_close(&m);
    return rc;
}

/* A cell's rectangle on the screen (LVM_GETSUBITEMRECT in oqsdm's memory). */
static int lv_cell_rect(HWND lv, remote_mem *m, int row, int col, RECT *out)
{
    RECT rc = {LVIR_BOUNDS, col, 0, 0}; /* in: left = the part, top = the column */
    DWORD_PTR ok = 0;
    if (!WriteProcessMemory(m->proc, m->remote, &rc, sizeof rc, NULL) ||
        !SendMessageTimeoutW(lv, LVM_GETSUBITEMRECT, (WPARAM)row, (LPARAM)m->remote, SMTO_ABORTIFHUNG, 3000, &ok) ||
        !ok || !ReadProcessMemory(m->proc, m->remote, &rc, sizeof rc, NULL)) {
        errf("no rectangle for cell %d,%d\n", row, col);
        return -1;
    }
    /* Client coordinates of the list; a column's cell may reach past its edge. */
    RECT client;
    GetClientRect(lv, &client);
    IntersectRect(out, &rc, &client);
    MapWindowPoints(lv, NULL, (POINT *)out, 2);
    return 0;
}

/* Pixels of each colour in a screen rectangle: n[k] for rgb[k]; the area. */
static long count_colors(const RECT *rc, const long (*rgb)[3], int ncolors, long *n)
{
    int w, h;
    unsigned char *px = grab(rc, &w, &h);
    if (!px) {
        errf("BitBlt of %ld,%ld,%ld,%ld failed\n", rc->left, rc->top, rc->right, rc->bottom);
        return -1;
    }
    for (int k = 0; k < ncolors; k++)
        n[k] = 0;
    for (long i = 0; i < (long)w * h; i++) {
        const unsigned char *p = px + i * 4; /* B G R x */
        for (int k = 0; k < ncolors; k++)
            if (p[2] == rgb[k][0] && p[1] == rgb[k][1] && p[0] == rgb[k][2])
                n[k]++;
    }
    free(px);
    return (long)w * h;
}

#define MAX_COLORS 8

static int cmd_lv_colors(int id, int row, int col, const long (*rgb)[3], int ncolors)
{
    HWND dlg;
    HWND lv = need_list(id, &dlg);
    if (!lv)
        return dlg ? EXIT_FAIL : EXIT_NOWINDOW;
    DWORD_PTR rows = 0;
    if (!SendMessageTimeoutW(lv, LVM_GETITEMCOUNT, 0, 0, SMTO_ABORTIFHUNG, 2000, &rows))
        return EXIT_FAIL;
    remote_mem m;
    if (remote_open(lv, sizeof(RECT), &m))
        return EXIT_FAIL;
    RedrawWindow(lv, NULL, NULL, RDW_INVALIDATE | RDW_UPDATENOW | RDW_ALLCHILDREN);
    Sleep(150); /* let the other process paint */
    int rc = 0;
    int first = row < 0 ? 0 : row, last = row < 0 ? (int)rows - 1 : row;
    for (int r = first; r <= last && !rc; r++) {
        RECT cell;
        long n[MAX_COLORS];
        long area = lv_cell_rect(lv, &m, r, col, &cell) ? -1 : count_colors(&cell, rgb, ncolors, n);
        if (area < 0) {
            rc = EXIT_FAIL;
            break;
        }
        if (row >= 0) { /* lv-count-color's answer: "<pixels> <area>" */
            outf("%ld %ld\n", n[0], area);
            break;
        }
        outf("%ld", area);
        for (int k = 0; k < ncolors; k++)
            outf(" %ld", n[k]);
        outf("\n");
    }
    remote_close(&m);
    return rc;
}

static int cmd_lv_columns(int id)
{
    HWND dlg;
    HWND lv = need_list(id, &dlg);
    if (!lv)
        return dlg ? EXIT_FAIL : EXIT_NOWINDOW;
    int cols = lv_columns(lv);
    if (cols < 0)
        return EXIT_FAIL;
    for (int c = 0; c < cols; c++) {
        DWORD_PTR w = 0;
        if (!SendMessageTimeoutW(lv, LVM_GETCOLUMNWIDTH, (WPARAM)c, 0, SMTO_ABORTIFHUNG, 2000, &w))
            return EXIT_FAIL;
        outf("%s%d", c ? " " : "", (int)w);
    }
    RECT rc;
    GetClientRect(lv, &rc);
    outf(" client=%ld\n", rc.right - rc.left);
    return 0;
}

static int cmd_lv_select(int id, int row)
{
    HWND dlg;
    HWND lv = need_list(id, &dlg);
    if (!lv)
        return dlg ? EXIT_FAIL : EXIT_NOWINDOW;
    remote_mem m;
    if (remote_open(lv, sizeof(LVITEMW), &m))
        return EXIT_FAIL;
    LVITEMW it;
    memset(&it, 0, sizeof it);
    it.stateMask = LVIS_SELECTED | LVIS_FOCUSED;
    it.state = LVIS_SELECTED | LVIS_FOCUSED;
    DWORD_PTR ok = 0;
    int fail = !WriteProcessMemory(m.proc, m.remote, &it, sizeof it, NULL) ||
               !SendMessageTimeoutW(lv, LVM_SETITEMSTATE, (WPARAM)row, (LPARAM)m.remote, SMTO_ABORTIFHUNG, 3000,
                                    &ok) ||
               !ok;
    remote_close(&m);
    if (fail) {
        errf("cannot select row %d\n", row);
        return EXIT_FAIL;
    }
    outf("selected %d\n", row);
    return 0;
}

static int cmd_cb_items(int id)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    HWND cb = need_control(dlg, id);
    if (!cb)
        return EXIT_FAIL;
    DWORD_PTR n = 0, sel = 0;
    if (!SendMessageTimeoutW(cb, CB_GETCOUNT, 0, 0, SMTO_ABORTIFHUNG, 2000, &n) ||
        !SendMessageTimeoutW(cb, CB_GETCURSEL, 0, 0, SMTO_ABORTIFHUNG, 2000, &sel))
        return EXIT_FAIL;
    for (int i = 0; i < (int)n; i++) {
        DWORD_PTR len = 0;
        /* CB_GETLBTEXT of a combo box with strings is marshalled by the system. */
        if (!SendMessageTimeoutW(cb, CB_GETLBTEXTLEN, (WPARAM)i, 0, SMTO_ABORTIFHUNG, 2000, &len) ||
            (LRESULT)len == CB_ERR)
            return EXIT_FAIL;
        wchar_t *t = calloc((size_t)len + 1, sizeof *t);
        DWORD_PTR got = 0;
        if (!t || !SendMessageTimeoutW(cb, CB_GETLBTEXT, (WPARAM)i, (LPARAM)t, SMTO_ABORTIFHUNG, 2000, &got)) {
            free(t);
            return EXIT_FAIL;
        }
        outf("%s", (int)sel == i ? "* " : "  ");
        out_utf8(t);
        outf("\n");
        free(t);
    }
    return 0;
}

static int cmd_cb_select(int id, int index)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    HWND cb = need_control(dlg, id);
    if (!cb)
        return EXIT_FAIL;
    if (!IsWindowEnabled(cb)) {
        errf("control %d is disabled\n", id);
        return EXIT_FAIL;
    }
    DWORD_PTR res = 0;
    if (!SendMessageTimeoutW(cb, CB_SETCURSEL, (WPARAM)index, 0, SMTO_ABORTIFHUNG, 2000, &res) ||
        (LRESULT)res != index) {
        errf("no item %d in combo box %d\n", index, id);
        return EXIT_FAIL;
    }
    /* CB_SETCURSEL tells nobody; a user's choice sends CBN_SELCHANGE. */
    if (!PostMessageW(dlg, WM_COMMAND, MAKEWPARAM(id, CBN_SELCHANGE), (LPARAM)cb))
        return EXIT_FAIL;
    outf("selected %d\n", index);
    return 0;
}

/* ---- the layout: measured inside oqsdm.exe (layout_probe.h) ---- */

/* The base of `name` in `proc`, or NULL. */
static unsigned char *remote_module(HANDLE proc, const wchar_t *name)
{
    HMODULE mods[512];
    DWORD needed = 0;
    if (!EnumProcessModulesEx(proc, mods, sizeof mods, &needed, LIST_MODULES_ALL))
        return NULL;
    for (DWORD i = 0; i < needed / sizeof mods[0] && i < sizeof mods / sizeof mods[0]; i++) {
        wchar_t base[MAX_PATH];
        if (GetModuleBaseNameW(proc, mods[i], base, MAX_PATH) && !_wcsicmp(base, name))
            return (unsigned char *)mods[i];
    }
    return NULL;
}

/* Runs `fn` (an address in oqsdm's memory) on a new thread there with
 * `arg`; its exit code, or -1 when it did not run within `ms`. */
static long remote_call(HANDLE proc, void *fn, void *arg, DWORD ms)
{
    HANDLE t = CreateRemoteThread(proc, NULL, 0, (LPTHREAD_START_ROUTINE)fn, arg, 0, NULL);
    if (!t) {
        errf("CreateRemoteThread failed: %lu\n", GetLastError());
        return -1;
    }
    DWORD code = (DWORD)-1;
    if (WaitForSingleObject(t, ms) != WAIT_OBJECT_0 || !GetExitCodeThread(t, &code)) {
        errf("the thread in oqsdm.exe did not finish within %lu ms\n", (unsigned long)ms);
        code = (DWORD)-1;
    }
    CloseHandle(t);
    return code == (DWORD)-1 ? -1 : (long)code;
}

/* The address in oqsdm.exe of `fn` of local module `local`, loaded there at `remote`. */
static void *remote_proc(unsigned char *remote, HMODULE local, const char *fn)
{
    unsigned char *p = (unsigned char *)GetProcAddress(local, fn);
    return p && remote ? remote + (p - (unsigned char *)local) : NULL;
}

static int cmd_layout(const char *name)
{
    HWND dlg = need_dialog();
    if (!dlg)
        return EXIT_NOWINDOW;
    wchar_t dll[MAX_PATH * 2];
    DWORD n = GetModuleFileNameW(NULL, dll, MAX_PATH);
    wchar_t *slash = n ? wcsrchr(dll, L'\\') : NULL;
    if (!slash || wcslen(OQSDM_PROBE_DLL) + (size_t)(slash - dll) + 2 >= sizeof dll / sizeof dll[0])
        return EXIT_FAIL;
    wcscpy(slash + 1, OQSDM_PROBE_DLL);
    HMODULE local = LoadLibraryW(dll);
    HMODULE k32 = GetModuleHandleW(L"kernel32.dll");
    if (!local || !k32) {
        errf("cannot load %ls: %lu\n", dll, GetLastError());
        return EXIT_FAIL;
    }
    DWORD pid = 0;
    GetWindowThreadProcessId(dlg, &pid);
    HANDLE proc = OpenProcess(PROCESS_CREATE_THREAD | PROCESS_QUERY_INFORMATION | PROCESS_VM_OPERATION |
                                  PROCESS_VM_READ | PROCESS_VM_WRITE,
                              FALSE, pid);
    size_t path_size = (wcslen(dll) + 1) * sizeof(wchar_t);
    unsigned char *mem = proc ? VirtualAllocEx(proc, NULL, sizeof(oqsdm_probe_req) + path_size, MEM_COMMIT | MEM_RESERVE,
                                               PAGE_READWRITE)
                              : NULL;
    if (!mem) {
        errf("cannot reach process %lu: %lu\n", (unsigned long)pid, GetLastError());
        if (proc)
            CloseHandle(proc);
        FreeLibrary(local);
        return EXIT_FAIL;
    }
    int rc = EXIT_FAIL;
    oqsdm_probe_req *req = calloc(1, sizeof *req);
    unsigned char *remote_k32 = remote_module(proc, L"kernel32.dll");
    void *load = remote_proc(remote_k32, k32, "LoadLibraryW"), *unload = remote_proc(remote_k32, k32, "FreeLibrary");
    unsigned char *probe = NULL;
    if (req && load && unload &&
        WriteProcessMemory(proc, mem + sizeof *req, dll, path_size, NULL) &&
        remote_call(proc, load, mem + sizeof *req, 10000) >= 0) /* its exit code is half an HMODULE: look it up */
        probe = remote_module(proc, OQSDM_PROBE_DLL);
    void *fn = remote_proc(probe, local, OQSDM_PROBE_EXPORT);
    if (!fn) {
        errf("cannot load %ls into process %lu (kernel32 at %p)\n", dll, (unsigned long)pid, (void *)remote_k32);
    } else {
        req->dlg = (unsigned long long)(UINT_PTR)dlg;
        snprintf(req->name, sizeof req->name, "%s", name);
        long failures = -1;
        if (WriteProcessMemory(proc, mem, req, offsetof(oqsdm_probe_req, out), NULL))
            failures = remote_call(proc, fn, mem, 30000);
        if (failures >= 0 && ReadProcessMemory(proc, mem, req, sizeof *req, NULL)) {
            req->out[sizeof req->out - 1] = 0;
            fwrite(req->out, 1, strnlen(req->out, sizeof req->out), stdout);
            fflush(stdout);
            rc = failures == 0 ? 0 : EXIT_FAIL;
            remote_call(proc, unload, probe, 10000);
        } else {
            /* A probe still running there keeps its DLL and its request. */
            errf("the probe did not answer\n");
            mem = NULL;
        }
    }
    free(req);
    if (mem)
        VirtualFreeEx(proc, mem, 0, MEM_RELEASE);
    CloseHandle(proc);
    FreeLibrary(local);
    return rc;
}

static int usage(void)
{
    errf("usage: oqsdm-gui-driver [--timeout MS] [--dlg main|versions|open|settings|diagnose] COMMAND [ARGS...] "
         "(see gui_driver.c)\n");
    return EXIT_USAGE;
}

static int run(int argc, char **argv)
{
    int i = 1;
    long v;
    while (i + 1 < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "--timeout") == 0) {
            if (parse_int(argv[i + 1], &v) || v < 0)
                return usage();
            g_timeout_ms = (DWORD)v;
        } else if (strcmp(argv[i], "--dlg") == 0) {
            const char *d = argv[i + 1];
            if (!strcmp(d, "main"))
                g_target = TARGET_MAIN;
            else if (!strcmp(d, "versions"))
                g_target = TARGET_VERSIONS;
            else if (!strcmp(d, "open"))
                g_target = TARGET_OPEN;
            else if (!strcmp(d, "settings"))
                g_target = TARGET_SETTINGS;
            else if (!strcmp(d, "diagnose"))
                g_target = TARGET_DIAGNOSE;
            else
                return usage();
        } else {
            return usage();
        }
        i += 2;
    }
    if (i >= argc)
        return usage();
    const char *cmd = argv[i];
    char **a = argv + i + 1;
    int n = argc - i - 1;
    long id = 0, x[3];

    if (!strcmp(cmd, "wait-window") && n == 0)
        return cmd_wait_window();
    if (!strcmp(cmd, "count-windows") && n == 0)
        return cmd_count_windows();
    if (!strcmp(cmd, "wait-gone") && n == 0)
        return cmd_wait_gone();
    if (!strcmp(cmd, "close") && n == 0)
        return cmd_close();
    if (!strcmp(cmd, "ids") && n == 0)
        return cmd_ids();
    if (!strcmp(cmd, "screenshot") && n == 1)
        return cmd_screenshot(a[0]);
    if (!strcmp(cmd, "controls") && n == 0)
        return cmd_controls();
    if (!strcmp(cmd, "focus") && n == 0)
        return cmd_focus();
    if (!strcmp(cmd, "key") && n == 1)
        return cmd_key(a[0]);
    if (!strcmp(cmd, "layout") && n == 0) {
        static const char *names[] = {"main", "versions", "open", "settings", "diagnose"};
        return cmd_layout(names[g_target]);
    }
    if (!strcmp(cmd, "wait-status") && n == 2) {
        if (parse_int(a[1], &v))
            return usage();
        return cmd_wait_text(IDC_STATUS, a[0], v);
    }
    if (n >= 1 && parse_int(a[0], &id))
        return usage();
    if (!strcmp(cmd, "wait-text") && n == 3) {
        if (parse_int(a[2], &v))
            return usage();
        return cmd_wait_text((int)id, a[1], v);
    }
    if (!strcmp(cmd, "click") && n == 1)
        return cmd_click((int)id);
    if (!strcmp(cmd, "post-click") && n == 1)
        return cmd_post_click((int)id);
    if (!strcmp(cmd, "get-text") && n == 1)
        return cmd_get_text((int)id);
    if (!strcmp(cmd, "is-enabled") && n == 1)
        return cmd_is_enabled((int)id);
    if (!strcmp(cmd, "is-visible") && n == 1)
        return cmd_is_visible((int)id);
    if (!strcmp(cmd, "is-checked") && n == 1)
        return cmd_is_checked((int)id);
    if (!strcmp(cmd, "glyphs") && n == 1)
        return cmd_glyphs((int)id);
    if (!strcmp(cmd, "set-text") && n == 2)
        return cmd_set_text((int)id, a[1]);
    if (!strcmp(cmd, "set-focus") && n == 1)
        return cmd_set_focus((int)id);
    if (!strcmp(cmd, "lv-cells") && n == 1)
        return cmd_lv_cells((int)id);
    if (!strcmp(cmd, "lv-columns") && n == 1)
        return cmd_lv_columns((int)id);
    if (!strcmp(cmd, "cb-items") && n == 1)
        return cmd_cb_items((int)id);
    if ((!strcmp(cmd, "wait-enabled") && n == 3) || (!strcmp(cmd, "lv-select") && n == 2) ||
        (!strcmp(cmd, "cb-select") && n == 2)) {
        long k[2] = {0, 0};
        for (int j = 1; j < n; j++)
            if (parse_int(a[j], &k[j - 1]) || k[j - 1] < 0)
                return usage();
        if (!strcmp(cmd, "wait-enabled"))
            return cmd_wait_enabled((int)id, k[0], k[1]);
        if (!strcmp(cmd, "lv-select"))
            return cmd_lv_select((int)id, (int)k[0]);
        return cmd_cb_select((int)id, (int)k[0]);
    }
    if (!strcmp(cmd, "lv-count-color") && n == 6) {
        long rc[2], c[1][3];
        for (int k = 0; k < 2; k++)
            if (parse_int(a[k + 1], &rc[k]) || rc[k] < 0)
                return usage();
        for (int k = 0; k < 3; k++)
            if (parse_int(a[k + 3], &c[0][k]) || c[0][k] < 0 || c[0][k] > 255)
                return usage();
        return cmd_lv_colors((int)id, (int)rc[0], (int)rc[1], (const long(*)[3])c, 1);
    }
    if (!strcmp(cmd, "lv-colors") && n >= 3 && n - 2 <= MAX_COLORS) {
        long col, c[MAX_COLORS][3];
        if (parse_int(a[1], &col) || col < 0)
            return usage();
        for (int k = 0; k < n - 2; k++) {
            char extra;
            if (sscanf(a[k + 2], "%ld,%ld,%ld%c", &c[k][0], &c[k][1], &c[k][2], &extra) != 3)
                return usage();
            for (int j = 0; j < 3; j++)
                if (c[k][j] < 0 || c[k][j] > 255)
                    return usage();
        }
        return cmd_lv_colors((int)id, -1, (int)col, (const long(*)[3])c, n - 2);
    }
    if (!strcmp(cmd, "count-color") && n == 4) {
        for (int k = 0; k < 3; k++)
            if (parse_int(a[k + 1], &x[k]) || x[k] < 0 || x[k] > 255)
                return usage();
        return cmd_count_color((int)id, x[0], x[1], x[2]);
    }
    return usage();
}

int wmain(int argc, wchar_t **wargv)
{
    _setmode(_fileno(stdout), _O_BINARY);
    char **argv = calloc((size_t)argc + 1, sizeof *argv);
    if (!argv)
        return EXIT_FAIL;
    for (int i = 0; i < argc; i++) {
        argv[i] = wide_to_utf8(wargv[i]);
        if (!argv[i])
            return EXIT_USAGE;
    }
    int rc = run(argc, argv);
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    free(argv);
    fflush(stdout);
    return rc;
}
