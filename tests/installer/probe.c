/*
 * probe.c: oqsdm-installer-probe.exe, what the installer test asks Windows
 * (Wine) itself about the installed programs, rather than parsing PE files
 * in Python: the version resource as GetFileVersionInfoW reads it, the icon
 * group as the shell would pick it, and the window of a running oqsdm.exe.
 *
 *   oqsdm-installer-probe version FILE     the VERSIONINFO: "fixed A.B.C.D",
 *                                          "product A.B.C.D", then for each
 *                                          translation "translation <block>"
 *                                          and its strings, one a line:
 *                                          "<block> <name>=<value>"
 *   oqsdm-installer-probe icons FILE       the icon groups in resource order
 *                                          ("group <id>"), then the images of
 *                                          IDI_OQSDM: "image <w>x<h> <bits>"
 *   oqsdm-installer-probe manifest FILE    the embedded application manifest
 *                                          (RT_MANIFEST 1), as stored
 *   oqsdm-installer-probe window MS        waits up to MS for oqsdm's main
 *                                          window (OQSDM_MAIN_PROP), prints
 *                                          "image <path of its process>"
 *                                          (its icons: Wine 8 does not pass
 *                                          WM_GETICON between processes, so
 *                                          the test reads the X window's
 *                                          _NET_WM_ICON instead)
 *   oqsdm-installer-probe close MS         WM_CLOSE to that window, waits
 *                                          until it is gone
 *   oqsdm-installer-probe run CMDLINE      runs CMDLINE exactly as written
 *                                          (CreateProcessW: no quoting added,
 *                                          which `uninstall.exe /S _?=C:\Program
 *                                          Files\oqsdm` needs), waits, and exits
 *                                          with its exit code
 *
 * Output is UTF-8 with LF line ends on a binary stdout. Exit codes: 0 done,
 * 1 not found / timed out, 2 usage or an API error (run: the program's own,
 * or 255 when it could not be started).
 */
#include <windows.h>

#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "resource.h"

static void print_utf8(const wchar_t *w)
{
    char buf[4096];
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, buf, (int)sizeof buf, NULL, NULL);
    if (n > 0)
        fputs(buf, stdout);
}

static int cmd_version(const wchar_t *file)
{
    DWORD ignored = 0, size = GetFileVersionInfoSizeW(file, &ignored);
    if (!size) {
        fprintf(stderr, "GetFileVersionInfoSizeW: error %lu\n", GetLastError());
        return 2;
    }
    void *data = malloc(size);
    if (!data || !GetFileVersionInfoW(file, 0, size, data)) {
        fprintf(stderr, "GetFileVersionInfoW: error %lu\n", GetLastError());
        free(data);
        return 2;
    }
    VS_FIXEDFILEINFO *fixed = NULL;
    UINT len = 0;
    if (VerQueryValueW(data, L"\\", (void **)&fixed, &len) && fixed && len >= sizeof *fixed) {
        printf("fixed %u.%u.%u.%u\n", HIWORD(fixed->dwFileVersionMS), LOWORD(fixed->dwFileVersionMS),
               HIWORD(fixed->dwFileVersionLS), LOWORD(fixed->dwFileVersionLS));
        printf("product %u.%u.%u.%u\n", HIWORD(fixed->dwProductVersionMS), LOWORD(fixed->dwProductVersionMS),
               HIWORD(fixed->dwProductVersionLS), LOWORD(fixed->dwProductVersionLS));
    }
    struct {
        WORD lang, codepage;
    } *tr = NULL;
    if (!VerQueryValueW(data, L"\\VarFileInfo\\Translation", (void **)&tr, &len))
        len = 0;
    static const wchar_t *const names[] = {L"CompanyName", L"FileDescription", L"FileVersion", L"InternalName",
                                           L"OriginalFilename", L"ProductName", L"ProductVersion"};
    for (UINT i = 0; i < len / sizeof *tr; i++) {
        printf("translation %04x%04x\n", tr[i].lang, tr[i].codepage);
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
            wchar_t query[128];
            swprintf(query, 128, L"\\StringFileInfo\\%04x%04x\\%ls", tr[i].lang, tr[i].codepage, names[k]);
            wchar_t *value = NULL;
            UINT vlen = 0;
            if (VerQueryValueW(data, query, (void **)&value, &vlen) && value) {
                printf("%04x%04x ", tr[i].lang, tr[i].codepage);
                print_utf8(names[k]);
                fputs("=", stdout);
                print_utf8(value);
                fputs("\n", stdout);
            }
        }
    }
    free(data);
    return 0;
}

static BOOL CALLBACK print_group(HMODULE m, LPCWSTR type, LPWSTR name, LONG_PTR lp)
{
    (void)m;
    (void)type;
    (void)lp;
    if (IS_INTRESOURCE(name))
        printf("group %u\n", (unsigned)(ULONG_PTR)name);
    else {
        fputs("group ", stdout);
        print_utf8(name);
        fputs("\n", stdout);
    }
    return TRUE;
}

#pragma pack(push, 2)
typedef struct {
    BYTE width, height, colors, reserved;
    WORD planes, bits;
    DWORD bytes;
    WORD id;
} grp_entry;
typedef struct {
    WORD reserved, type, count;
    grp_entry entries[1];
} grp_dir;
#pragma pack(pop)

static int cmd_icons(const wchar_t *file)
{
    HMODULE m = LoadLibraryExW(file, NULL, LOAD_LIBRARY_AS_DATAFILE | LOAD_LIBRARY_AS_IMAGE_RESOURCE);
    if (!m) {
        fprintf(stderr, "LoadLibraryExW: error %lu\n", GetLastError());
        return 2;
    }
    EnumResourceNamesW(m, (LPCWSTR)RT_GROUP_ICON, print_group, 0);
    HRSRC r = FindResourceW(m, MAKEINTRESOURCEW(IDI_OQSDM), (LPCWSTR)RT_GROUP_ICON);
    HGLOBAL g = r ? LoadResource(m, r) : NULL;
    const grp_dir *d = g ? (const grp_dir *)LockResource(g) : NULL;
    if (!d) {
        fprintf(stderr, "no icon group IDI_OQSDM\n");
        FreeLibrary(m);
        return 1;
    }
    for (WORD i = 0; i < d->count; i++) {
        const grp_entry *e = &d->entries[i];
        printf("image %ux%u %u\n", e->width ? e->width : 256u, e->height ? e->height : 256u, e->bits);
    }
    FreeLibrary(m);
    return 0;
}

static int cmd_manifest(const wchar_t *file)
{
    HMODULE m = LoadLibraryExW(file, NULL, LOAD_LIBRARY_AS_DATAFILE | LOAD_LIBRARY_AS_IMAGE_RESOURCE);
    if (!m) {
        fprintf(stderr, "LoadLibraryExW: error %lu\n", GetLastError());
        return 2;
    }
    HRSRC r = FindResourceW(m, MAKEINTRESOURCEW(1), (LPCWSTR)RT_MANIFEST);
    HGLOBAL g = r ? LoadResource(m, r) : NULL;
    const void *data = g ? LockResource(g) : NULL;
    int rc = 1;
    if (data) {
        fwrite(data, 1, SizeofResource(m, r), stdout);
        rc = 0;
    }
    FreeLibrary(m);
    return rc;
}

static BOOL CALLBACK find_main(HWND hwnd, LPARAM lp)
{
    if (GetPropW(hwnd, OQSDM_MAIN_PROP)) {
        *(HWND *)lp = hwnd;
        return FALSE;
    }
    return TRUE;
}

static HWND wait_main(DWORD ms)
{
    DWORD start = GetTickCount();
    for (;;) {
        HWND h = NULL;
        EnumWindows(find_main, (LPARAM)&h);
        if (h && IsWindowVisible(h))
            return h;
        if (GetTickCount() - start >= ms)
            return NULL;
        Sleep(100);
    }
}

static int cmd_window(DWORD ms)
{
    HWND h = wait_main(ms);
    if (!h) {
        fprintf(stderr, "no oqsdm window within %lu ms\n", ms);
        return 1;
    }
    DWORD pid = 0;
    GetWindowThreadProcessId(h, &pid);
    HANDLE p = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
    wchar_t path[MAX_PATH * 2] = L"";
    DWORD n = sizeof path / sizeof path[0];
    if (!p || !QueryFullProcessImageNameW(p, 0, path, &n))
        wcscpy(path, L"?");
    if (p)
        CloseHandle(p);
    fputs("image ", stdout);
    print_utf8(path);
    printf("\n");
    return 0;
}

static int cmd_close(DWORD ms)
{
    HWND h = wait_main(ms);
    if (!h)
        return 1;
    PostMessageW(h, WM_CLOSE, 0, 0);
    DWORD start = GetTickCount();
    while (IsWindow(h)) {
        if (GetTickCount() - start >= ms)
            return 1;
        Sleep(100);
    }
    return 0;
}

static int cmd_run(const wchar_t *cmdline)
{
    wchar_t *line = _wcsdup(cmdline); /* CreateProcessW may write into it */
    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    if (!line || !CreateProcessW(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        fprintf(stderr, "CreateProcessW: error %lu\n", GetLastError());
        free(line);
        return 255;
    }
    free(line);
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 255;
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    return (int)code;
}

int wmain(int argc, wchar_t **argv)
{
    _setmode(_fileno(stdout), _O_BINARY);
    int rc = 2;
    if (argc == 3 && wcscmp(argv[1], L"version") == 0)
        rc = cmd_version(argv[2]);
    else if (argc == 3 && wcscmp(argv[1], L"icons") == 0)
        rc = cmd_icons(argv[2]);
    else if (argc == 3 && wcscmp(argv[1], L"manifest") == 0)
        rc = cmd_manifest(argv[2]);
    else if (argc == 3 && wcscmp(argv[1], L"window") == 0)
        rc = cmd_window((DWORD)wcstoul(argv[2], NULL, 10));
    else if (argc == 3 && wcscmp(argv[1], L"close") == 0)
        rc = cmd_close((DWORD)wcstoul(argv[2], NULL, 10));
    else if (argc == 3 && wcscmp(argv[1], L"run") == 0)
        rc = cmd_run(argv[2]);
    else
        fprintf(stderr, "usage: oqsdm-installer-probe version|icons|manifest FILE | window|close MS | run CMDLINE\n");
    fflush(stdout);
    return rc;
}
