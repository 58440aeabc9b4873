/*
 * gui_driver.c: oqsdm-gui-driver.exe, the hand and eye of the GUI test.
 *
 * A console program run under the same Wine desktop as oqsdm.exe. It finds
 * oqsdm's main dialog (the top-level window carrying the OQSDM_MAIN_PROP
 * property; a "#32770" dialog as a fallback), then performs ONE command and
 * exits. Controls are named by their numeric ids from res/resource.h, colours
 * come from src/gui/status_colors.h; expected texts arrive as UTF-8 argv from
 * the Python test, so no user-visible string is written in this file.
 *
 *   oqsdm-gui-driver [--timeout MS] COMMAND [ARGS...]
 *
 *   wait-window                  wait until the dialog exists and is visible
 *   count-windows                print how many windows carry the property
 *   wait-gone                    wait until no window carries the property
 *   click ID                     BM_CLICK the button (PostMessage if it hangs)
 *   wait-status TEXT TIMEOUT_MS  poll IDC_STATUS until its text equals TEXT
 *   wait-text ID TEXT TIMEOUT_MS the same for any control
 *   get-text ID                  print the control's text
 *   is-enabled ID                print 1 or 0
 *   count-color ID R G B         print "<pixels of exactly RGB> <rect area>"
 *                                over the control's screen rectangle
 *   glyphs ID                    print "<missing glyphs> <characters>" for the
 *                                control's text in the dialog's font (see
 *                                dialog_font_from_exe)
 *   screenshot FILE.bmp          save the dialog's window rect as 24-bit BMP
 *   close                        post WM_CLOSE to the dialog
 *   ids                          print the control ids this driver knows
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

#include "../../res/resource.h"
#include "../../src/gui/status_colors.h"

#define EXIT_FAIL 1
#define EXIT_USAGE 2
#define EXIT_NOWINDOW 3

static DWORD g_timeout_ms = 15000; /* how long to wait for the dialog */

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
    HWND first;
    int count;
} find_ctx;

static BOOL CALLBACK find_prop(HWND hwnd, LPARAM lp)
{
    find_ctx *c = (find_ctx *)lp;
    if (GetPropW(hwnd, OQSDM_MAIN_PROP)) {
        if (!c->first)
            c->first = hwnd;
        c->count++;
    }
    return TRUE;
}

static HWND find_dialog(int *count)
{
    find_ctx c = {NULL, 0};
    EnumWindows(find_prop, (LPARAM)&c);
    if (count)
        *count = c.count;
    if (c.first)
        return c.first;
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

static int cmd_count_windows(void)
{
    find_ctx c = {NULL, 0};
    EnumWindows(find_prop, (LPARAM)&c);
    outf("%d\n", c.count);
    return 0;
}

static int cmd_wait_gone(void)
{
    DWORD start = GetTickCount();
    for (;;) {
        find_ctx c = {NULL, 0};
        EnumWindows(find_prop, (LPARAM)&c);
        if (!c.count) {
            outf("gone after %lu ms\n", (unsigned long)(GetTickCount() - start));
            return 0;
        }
        if (GetTickCount() - start >= g_timeout_ms) {
            errf("%d window(s) still there after %lu ms\n", c.count, (unsigned long)g_timeout_ms);
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

static int usage(void)
{
    errf("usage: oqsdm-gui-driver [--timeout MS] COMMAND [ARGS...] (see gui_driver.c)\n");
    return EXIT_USAGE;
}

static int run(int argc, char **argv)
{
    int i = 1;
    long v;
    if (i + 1 < argc && strcmp(argv[i], "--timeout") == 0) {
        if (parse_int(argv[i + 1], &v) || v < 0)
            return usage();
        g_timeout_ms = (DWORD)v;
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
    if (!strcmp(cmd, "get-text") && n == 1)
        return cmd_get_text((int)id);
    if (!strcmp(cmd, "is-enabled") && n == 1)
        return cmd_is_enabled((int)id);
    if (!strcmp(cmd, "glyphs") && n == 1)
        return cmd_glyphs((int)id);
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
