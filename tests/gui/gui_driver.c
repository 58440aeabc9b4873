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
 *
 * The table `commands` at the end names each command's arguments; run()
 * parses and checks them, then finds the dialog and the control they name,
 * so a cmd_* function holds its own logic only.
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

static void out_utf8(const wchar_t *w)
{
    char *s = wide_to_utf8(w);
    if (!s)
        return;
    fputs(s, stdout);
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
/* ---- helpers ---- */

/* SendMessageTimeout with the 2 s most of the driver's questions get: a
 * hung oqsdm is an answer too (FALSE), not a driver that hangs with it. */
static BOOL ask(HWND w, UINT msg, WPARAM wp, LPARAM lp, DWORD_PTR *res)
{
    return SendMessageTimeoutW(w, msg, wp, lp, SMTO_ABORTIFHUNG, 2000, res) != 0;
}

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
    if (!ask(c, WM_GETTEXTLENGTH, 0, 0, &len))
        return NULL;
    size_t cap = (size_t)len + 64;
    wchar_t *buf = calloc(cap, sizeof *buf);
    if (!buf)
        return NULL;
    DWORD_PTR got = 0;
    if (!ask(c, WM_GETTEXT, (WPARAM)cap, (LPARAM)buf, &got)) {
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

/* Has oqsdm repaint `w` now (the flags beyond RDW_INVALIDATE | RDW_UPDATENOW
 * | RDW_ALLCHILDREN in `more`) and gives the other process `ms` to do it. */
static void repaint(HWND w, UINT more, DWORD ms)
{
    RedrawWindow(w, NULL, NULL, RDW_INVALIDATE | RDW_UPDATENOW | RDW_ALLCHILDREN | more);
    Sleep(ms);
}

#define MAX_COLORS 8

/* Pixels of each colour in a screen rectangle: n[k] for rgb[k]; the area,
 * or -1 when the rectangle could not be read. */
static long count_colors(const RECT *rc, long rgb[][3], int ncolors, long *n)
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

/* The focused window of the dialog's thread (GetFocus only sees our own). */
static HWND focused(HWND dlg)
{
    GUITHREADINFO gi;
    memset(&gi, 0, sizeof gi);
    gi.cbSize = sizeof gi;
    DWORD tid = GetWindowThreadProcessId(dlg, NULL);
    return GetGUIThreadInfo(tid, &gi) ? gi.hwndFocus : NULL;
}

/* ---- a command's arguments and windows ---- */

/* What run() hands a command: its arguments, parsed and checked before
 * anything on the desktop is looked at (a usage error is exit 2 whatever
 * the screen shows), then the dialog and the control it names, found (exit
 * 3 without the dialog, 1 without the control). A command is its own logic
 * only. */
typedef struct {
    HWND dlg, ctl;
    int id;                  /* 'I': the control's id */
    const char *str;         /* 'S': a file name */
    wchar_t *text;           /* 'T': a text, UTF-8 on the command line; freed by run() */
    wchar_t *seen;           /* wait-text: the text last read; freed by run() */
    long num[2];             /* 'i' and 'n', in their order */
    long rgb[MAX_COLORS][3]; /* 'c' (three make rgb[0]) and 'L' */
    int ncolors;
    const char *key;         /* 'K': the key's name, as given; */
    UINT vk;                 /* its virtual key, */
    WPARAM alt;              /* or for alt+X the character X */
} cmd_args;

/* Asks done(x) every 50 ms for `timeout_ms`: 0 and "ok after N ms" once it
 * says yes; else EXIT_FAIL with "timeout after N ms; " printed, the rest of
 * that line (what it still is) the caller's. */
static int poll_until(int (*done)(cmd_args *), cmd_args *x, long timeout_ms)
{
    DWORD start = GetTickCount();
    for (;;) {
        if (done(x)) {
            outf("ok after %lu ms\n", (unsigned long)(GetTickCount() - start));
            return 0;
        }
        if ((long)(GetTickCount() - start) >= timeout_ms) {
            outf("timeout after %ld ms; ", timeout_ms);
            return EXIT_FAIL;
        }
        Sleep(50);
    }
}

/* ---- commands: the dialog ---- */

static int cmd_wait_window(cmd_args *x)
{
    (void)x;
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

static int cmd_count_windows(cmd_args *x)
{
    (void)x;
    outf("%d\n", count_windows());
    return 0;
}

static int cmd_wait_gone(cmd_args *x)
{
    (void)x;
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

static int cmd_screenshot(cmd_args *x)
{
    repaint(x->dlg, RDW_FRAME, 200);
    RECT r;
    GetWindowRect(x->dlg, &r);
    int w, h;
    unsigned char *px = grab(&r, &w, &h);
    if (!px) {
        errf("BitBlt of the dialog failed\n");
        return EXIT_FAIL;
    }
    int rc = write_bmp24(x->str, px, w, h);
    free(px);
    if (rc) {
        errf("cannot write %s\n", x->str);
        return EXIT_FAIL;
    }
    outf("%s %dx%d\n", x->str, w, h);
    return 0;
}

static int cmd_close(cmd_args *x)
{
    if (!PostMessageW(x->dlg, WM_CLOSE, 0, 0)) {
        errf("PostMessage(WM_CLOSE) failed: %lu\n", GetLastError());
        return EXIT_FAIL;
    }
    outf("closed\n");
    return 0;
}

static int cmd_ids(cmd_args *x)
{
    (void)x;
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

static int cmd_controls(cmd_args *x)
{
    wchar_t title[256] = L"";
    GetWindowTextW(x->dlg, title, 256);
    outf("dialog %p title=", (void *)x->dlg);
    out_utf8(title);
    outf("\n");
    for (HWND c = GetWindow(x->dlg, GW_CHILD); c; c = GetWindow(c, GW_HWNDNEXT)) {
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

static int cmd_focus(cmd_args *x)
{
    HWND f = focused(x->dlg);
    if (!f) {
        outf("none\n");
        return 0;
    }
    /* A combo box's edit or a list's header report their parent. */
    HWND c = f;
    while (c && GetParent(c) && GetParent(c) != x->dlg)
        c = GetParent(c);
    wchar_t cls[64] = L"";
    GetClassNameW(c ? c : f, cls, 64);
    outf("%d ", c && GetParent(c) == x->dlg ? GetDlgCtrlID(c) : 0);
    out_utf8(cls);
    outf("\n");
    return 0;
}

static int cmd_key(cmd_args *x)
{
    HWND f = focused(x->dlg);
    if (!f) {
        errf("nothing has the focus\n");
        return EXIT_FAIL;
    }
    if (x->alt) {
        /* The character Alt+X makes (WM_SYSCHAR), which the dialog loop
         * (IsDialogMessage) takes as the mnemonic X. */
        UINT scan_ch = MapVirtualKeyW((UINT)VkKeyScanW((WCHAR)x->alt) & 0xFF, MAPVK_VK_TO_VSC);
        if (!PostMessageW(f, WM_SYSCHAR, x->alt, 1 | ((LPARAM)scan_ch << 16) | ((LPARAM)1 << 29)))
            return EXIT_FAIL;
    } else {
        UINT scan = MapVirtualKeyW(x->vk, MAPVK_VK_TO_VSC);
        LPARAM down = 1 | ((LPARAM)scan << 16), up = down | ((LPARAM)3 << 30);
        if (!PostMessageW(f, WM_KEYDOWN, x->vk, down) || !PostMessageW(f, WM_KEYUP, x->vk, up))
            return EXIT_FAIL;
    }
    outf("key %s\n", x->key);
    return 0;
}

/* ---- commands: one control ---- */

static int cmd_click(cmd_args *x)
{
    DWORD_PTR res;
    if (!SendMessageTimeoutW(x->ctl, BM_CLICK, 0, 0, SMTO_ABORTIFHUNG, 5000, &res)) {
        errf("BM_CLICK on %d timed out; posting it\n", x->id);
        if (!PostMessageW(x->ctl, BM_CLICK, 0, 0))
            return EXIT_FAIL;
    }
    outf("clicked %d\n", x->id);
    return 0;
}

static int cmd_post_click(cmd_args *x)
{
    if (!PostMessageW(x->ctl, BM_CLICK, 0, 0))
        return EXIT_FAIL;
    outf("posted a click on %d\n", x->id);
    return 0;
}

static int text_is_wanted(cmd_args *x)
{
    free(x->seen);
    x->seen = control_text(x->ctl);
    return x->seen && wcscmp(x->seen, x->text) == 0;
}

static int cmd_wait_text(cmd_args *x)
{
    int rc = poll_until(text_is_wanted, x, x->num[0]);
    if (rc) {
        outf("actual: ");
        out_utf8(x->seen ? x->seen : L"(no text)");
        outf("\n");
    }
    return rc;
}

static int cmd_get_text(cmd_args *x)
{
    wchar_t *t = control_text(x->ctl);
    if (!t) {
        errf("WM_GETTEXT failed\n");
        return EXIT_FAIL;
    }
    out_utf8(t);
    outf("\n");
    free(t);
    return 0;
}

static int cmd_set_text(cmd_args *x)
{
    DWORD_PTR res = 0;
    if (!SendMessageTimeoutW(x->ctl, WM_SETTEXT, 0, (LPARAM)x->text, SMTO_ABORTIFHUNG, 5000, &res) || !res) {
        errf("WM_SETTEXT on %d failed\n", x->id);
        return EXIT_FAIL;
    }
    outf("set %d\n", x->id);
    return 0;
}

static int cmd_is_enabled(cmd_args *x)
{
    outf("%d\n", IsWindowEnabled(x->ctl) ? 1 : 0);
    return 0;
}

static int cmd_is_visible(cmd_args *x)
{
    outf("%d\n", IsWindowVisible(x->ctl) ? 1 : 0);
    return 0;
}

static int cmd_is_checked(cmd_args *x)
{
    DWORD_PTR state = 0;
    if (!ask(x->ctl, BM_GETCHECK, 0, 0, &state))
        return EXIT_FAIL;
    outf("%d\n", state == BST_CHECKED ? 1 : 0);
    return 0;
}

static int enabled_is_wanted(cmd_args *x)
{
    return (IsWindowEnabled(x->ctl) ? 1 : 0) == (x->num[0] ? 1 : 0);
}

static int cmd_wait_enabled(cmd_args *x)
{
    int rc = poll_until(enabled_is_wanted, x, x->num[1]);
    if (rc)
        outf("still %s\n", x->num[0] ? "disabled" : "enabled");
    return rc;
}

static int cmd_set_focus(cmd_args *x)
{
    if (!PostMessageW(x->dlg, WM_NEXTDLGCTL, (WPARAM)x->ctl, TRUE))
        return EXIT_FAIL;
    for (int i = 0; i < 40 && focused(x->dlg) != x->ctl; i++)
        Sleep(25);
    if (focused(x->dlg) != x->ctl) {
        errf("control %d did not get the focus\n", x->id);
        return EXIT_FAIL;
    }
    outf("focus %d\n", x->id);
    return 0;
}

static int cmd_count_color(cmd_args *x)
{
    repaint(x->dlg, 0, 150); /* let the other process paint */
    RECT rc;
    GetWindowRect(x->ctl, &rc);
    long n;
    long area = count_colors(&rc, x->rgb, 1, &n);
    if (area < 0)
        return EXIT_FAIL;
    outf("%ld %ld\n", n, area);
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

static int cmd_glyphs(cmd_args *x)
{
    wchar_t *text = control_text(x->ctl);
    if (!text)
        return EXIT_FAIL;
    LOGFONTW lf;
    char how[MAX_PATH * 3] = "WM_GETFONT";
    DWORD_PTR fres = 0;
    HFONT font = NULL;
    if (ask(x->ctl, WM_GETFONT, 0, 0, &fres))
        font = (HFONT)fres;
    if (!font || !GetObjectW(font, sizeof lf, &lf)) {
        if (dialog_font_from_exe(x->dlg, &lf, how, sizeof how)) {
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

/* ---- commands: ListView and combo box ---- */

static int lv_columns(HWND lv)
{
    DWORD_PTR header = 0, n = 0;
    if (!ask(lv, LVM_GETHEADER, 0, 0, &header) || !header || !ask((HWND)header, HDM_GETITEMCOUNT, 0, 0, &n))
        return -1;
    return (int)n;
}

static int cmd_lv_cells(cmd_args *x)
{
    HWND lv = x->ctl;
    DWORD_PTR rows = 0;
    int cols = lv_columns(lv);
    if (!ask(lv, LVM_GETITEMCOUNT, 0, 0, &rows) || cols < 0) {
        errf("control %d answers no ListView message\n", x->id);
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

/* The colours of column `col`'s cell in row `row`, or in every row when
 * `row` is -1 (lv-colors); see the two commands for what is printed. */
static int lv_colors(HWND lv, int row, int col, long rgb[][3], int ncolors)
{
    DWORD_PTR rows = 0;
    if (!ask(lv, LVM_GETITEMCOUNT, 0, 0, &rows))
        return EXIT_FAIL;
    remote_mem m;
    if (remote_open(lv, sizeof(RECT), &m))
        return EXIT_FAIL;
    repaint(lv, 0, 150); /* let the other process paint */
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

static int cmd_lv_count_color(cmd_args *x)
{
    return lv_colors(x->ctl, (int)x->num[0], (int)x->num[1], x->rgb, 1);
}

static int cmd_lv_colors(cmd_args *x)
{
    return lv_colors(x->ctl, -1, (int)x->num[0], x->rgb, x->ncolors);
}

static int cmd_lv_columns(cmd_args *x)
{
    HWND lv = x->ctl;
    int cols = lv_columns(lv);
    if (cols < 0)
        return EXIT_FAIL;
    for (int c = 0; c < cols; c++) {
        DWORD_PTR w = 0;
        if (!ask(lv, LVM_GETCOLUMNWIDTH, (WPARAM)c, 0, &w))
            return EXIT_FAIL;
        outf("%s%d", c ? " " : "", (int)w);
    }
    RECT rc;
    GetClientRect(lv, &rc);
    outf(" client=%ld\n", rc.right - rc.left);
    return 0;
}

static int cmd_lv_select(cmd_args *x)
{
    int row = (int)x->num[0];
    remote_mem m;
    if (remote_open(x->ctl, sizeof(LVITEMW), &m))
        return EXIT_FAIL;
    LVITEMW it;
    memset(&it, 0, sizeof it);
    it.stateMask = LVIS_SELECTED | LVIS_FOCUSED;
    it.state = LVIS_SELECTED | LVIS_FOCUSED;
    DWORD_PTR ok = 0;
    int fail = !WriteProcessMemory(m.proc, m.remote, &it, sizeof it, NULL) ||
               !SendMessageTimeoutW(x->ctl, LVM_SETITEMSTATE, (WPARAM)row, (LPARAM)m.remote, SMTO_ABORTIFHUNG, 3000,
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

static int cmd_cb_items(cmd_args *x)
{
    HWND cb = x->ctl;
    DWORD_PTR n = 0, sel = 0;
    if (!ask(cb, CB_GETCOUNT, 0, 0, &n) || !ask(cb, CB_GETCURSEL, 0, 0, &sel))
        return EXIT_FAIL;
    for (int i = 0; i < (int)n; i++) {
        DWORD_PTR len = 0;
        /* CB_GETLBTEXT of a combo box with strings is marshalled by the system. */
        if (!ask(cb, CB_GETLBTEXTLEN, (WPARAM)i, 0, &len) || (LRESULT)len == CB_ERR)
            return EXIT_FAIL;
        wchar_t *t = calloc((size_t)len + 1, sizeof *t);
        DWORD_PTR got = 0;
        if (!t || !ask(cb, CB_GETLBTEXT, (WPARAM)i, (LPARAM)t, &got)) {
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

static int cmd_cb_select(cmd_args *x)
{
    int index = (int)x->num[0];
    DWORD_PTR res = 0;
    if (!ask(x->ctl, CB_SETCURSEL, (WPARAM)index, 0, &res) || (LRESULT)res != index) {
        errf("no item %d in combo box %d\n", index, x->id);
        return EXIT_FAIL;
    }
    /* CB_SETCURSEL tells nobody; a user's choice sends CBN_SELCHANGE. */
    if (!PostMessageW(x->dlg, WM_COMMAND, MAKEWPARAM(x->id, CBN_SELCHANGE), (LPARAM)x->ctl))
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

static int cmd_layout(cmd_args *x)
{
    static const char *names[] = {"main", "versions", "open", "settings", "diagnose"}; /* enum target */
    HWND dlg = x->dlg;
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
        snprintf(req->name, sizeof req->name, "%s", names[g_target]);
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

/* ---- the command line ---- */

static int usage(void)
{
    errf("usage: oqsdm-gui-driver [--timeout MS] [--dlg main|versions|open|settings|diagnose] COMMAND [ARGS...] "
         "(see gui_driver.c)\n");
    return EXIT_USAGE;
}

#define NEED_DIALOG 1  /* the dialog is found first (exit 3 without it) */
#define NEED_ENABLED 2 /* the control must be enabled (exit 1 when greyed) */

/* The commands of the comment at the top. `args` spells what follows the
 * name, one letter an argument:
 *   I  the id of a control of the dialog (the dialog is needed then)
 *   T  a text (UTF-8)              S  a file name
 *   i  a number                    n  a number >= 0
 *   c  a colour's part, 0 to 255: three make one colour
 *   L  the rest: 1 to MAX_COLORS colours, each R,G,B
 *   K  a key: return, escape, tab or alt+X (X an ASCII character)
 * `control` is the control of a command that names none (wait-status). */
typedef struct {
    const char *name;
    const char *args;
    int flags;
    int control;
    int (*run)(cmd_args *x);
} command;

static const command commands[] = {
    {"wait-window", "", 0, 0, cmd_wait_window},
    {"count-windows", "", 0, 0, cmd_count_windows},
    {"wait-gone", "", 0, 0, cmd_wait_gone},
    {"ids", "", 0, 0, cmd_ids},
    {"close", "", NEED_DIALOG, 0, cmd_close},
    {"screenshot", "S", NEED_DIALOG, 0, cmd_screenshot},
    {"controls", "", NEED_DIALOG, 0, cmd_controls},
    {"focus", "", NEED_DIALOG, 0, cmd_focus},
    {"key", "K", NEED_DIALOG, 0, cmd_key},
    {"layout", "", NEED_DIALOG, 0, cmd_layout},
    {"wait-status", "Ti", 0, IDC_STATUS, cmd_wait_text},
    {"wait-text", "ITi", 0, 0, cmd_wait_text},
    {"click", "I", NEED_ENABLED, 0, cmd_click},
    {"post-click", "I", NEED_ENABLED, 0, cmd_post_click},
    {"get-text", "I", 0, 0, cmd_get_text},
    {"set-text", "IT", 0, 0, cmd_set_text},
    {"is-enabled", "I", 0, 0, cmd_is_enabled},
    {"is-visible", "I", 0, 0, cmd_is_visible},
    {"is-checked", "I", 0, 0, cmd_is_checked},
    {"wait-enabled", "Inn", 0, 0, cmd_wait_enabled},
    {"set-focus", "I", 0, 0, cmd_set_focus},
    {"count-color", "Iccc", 0, 0, cmd_count_color},
    {"glyphs", "I", 0, 0, cmd_glyphs},
    {"lv-cells", "I", 0, 0, cmd_lv_cells},
    {"lv-count-color", "Innccc", 0, 0, cmd_lv_count_color},
    {"lv-colors", "InL", 0, 0, cmd_lv_colors},
    {"lv-columns", "I", 0, 0, cmd_lv_columns},
    {"lv-select", "In", 0, 0, cmd_lv_select},
    {"cb-items", "I", 0, 0, cmd_cb_items},
    {"cb-select", "In", NEED_ENABLED, 0, cmd_cb_select},
};

static int parse_key(const char *name, cmd_args *x)
{
    static const struct { const char *name; UINT vk; } keys[] = {
        {"return", VK_RETURN}, {"escape", VK_ESCAPE}, {"tab", VK_TAB}};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strcmp(name, keys[i].name))
            x->vk = keys[i].vk;
    if (!x->vk && !strncmp(name, "alt+", 4) && name[4] && !name[5] && (unsigned char)name[4] < 0x80)
        x->alt = (WPARAM)(unsigned char)name[4];
    x->key = name;
    return x->vk || x->alt ? 0 : -1;
}

/* The arguments `a` (n of them) as `spec` spells them, into x: 0, or the
 * exit code (2). */
static int parse_args(const char *spec, char **a, int n, cmd_args *x)
{
    int want = (int)strlen(spec), nums = 0, parts = 0;
    if (strchr(spec, 'L') ? n < want || n - (want - 1) > MAX_COLORS : n != want)
        return usage();
    for (int k = 0; spec[k]; k++) {
        long v = 0;
        switch (spec[k]) {
        case 'I':
            if (parse_int(a[k], &v))
                return usage();
            x->id = (int)v;
            break;
        case 'T':
            x->text = utf8_to_wide(a[k]);
            if (!x->text) {
                errf("the text is not UTF-8\n");
                return EXIT_USAGE;
            }
            break;
        case 'S':
            x->str = a[k];
            break;
        case 'i':
        case 'n':
            if (parse_int(a[k], &v) || (spec[k] == 'n' && v < 0))
                return usage();
            x->num[nums++] = v;
            break;
        case 'c':
            if (parse_int(a[k], &v) || v < 0 || v > 255)
                return usage();
            x->rgb[0][parts++] = v;
            x->ncolors = 1;
            break;
        case 'L':
            for (x->ncolors = 0; k + x->ncolors < n; x->ncolors++) {
                long *c = x->rgb[x->ncolors];
                char extra;
                if (sscanf(a[k + x->ncolors], "%ld,%ld,%ld%c", &c[0], &c[1], &c[2], &extra) != 3)
                    return usage();
                for (int j = 0; j < 3; j++)
                    if (c[j] < 0 || c[j] > 255)
                        return usage();
            }
            break;
        case 'K':
            if (parse_key(a[k], x))
                return EXIT_USAGE;
            break;
        }
    }
    return 0;
}

/* The dialog and the control the command works on, into x: 0, or the exit
 * code (3 without the dialog, 1 without the control or with it greyed). */
static int find_windows(const command *cmd, cmd_args *x)
{
    if (cmd->control)
        x->id = cmd->control;
    int control = cmd->control || strchr(cmd->args, 'I');
    if (!control && !(cmd->flags & NEED_DIALOG))
        return 0;
    x->dlg = need_dialog();
    if (!x->dlg)
        return EXIT_NOWINDOW;
    if (!control)
        return 0;
    x->ctl = GetDlgItem(x->dlg, x->id);
    if (!x->ctl) {
        errf("the dialog has no control %d\n", x->id);
        return EXIT_FAIL;
    }
    if ((cmd->flags & NEED_ENABLED) && !IsWindowEnabled(x->ctl)) {
        errf("control %d is disabled\n", x->id);
        return EXIT_FAIL;
    }
    return 0;
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
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++) {
        const command *cmd = &commands[k];
        if (strcmp(argv[i], cmd->name))
            continue;
        cmd_args x;
        memset(&x, 0, sizeof x);
        int rc = parse_args(cmd->args, argv + i + 1, argc - i - 1, &x);
        if (!rc)
            rc = find_windows(cmd, &x);
        if (!rc)
            rc = cmd->run(&x);
        free(x.text);
        free(x.seen);
        return rc;
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
