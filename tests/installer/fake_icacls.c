/*
 * fake_icacls.c: a stand-in for icacls.exe in the installer test's Wine
 * prefix. Wine's own icacls is a stub that changes nothing and says so only
 * in a FIXME, so the test puts this one in C:\windows\system32 (loaded
 * instead of the builtin with WINEDLLOVERRIDES=icacls.exe=n) to see what the
 * installer asks for: it appends its command line (UTF-8) to
 * C:\oqsdm-test\icacls.log and exits with OQSDM_FAKE_ICACLS_EXIT (default 0),
 * so the test can also make it fail.
 */
#include <windows.h>

#include <stdlib.h>
#include <wchar.h>

int wmain(void)
{
    const wchar_t *line = GetCommandLineW();
    char buf[8192];
    int n = WideCharToMultiByte(CP_UTF8, 0, line, -1, buf, (int)sizeof buf - 2, NULL, NULL);
    CreateDirectoryW(L"C:\\oqsdm-test", NULL);
    HANDLE f = CreateFileW(L"C:\\oqsdm-test\\icacls.log", FILE_APPEND_DATA, FILE_SHARE_READ, NULL, OPEN_ALWAYS,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (f == INVALID_HANDLE_VALUE || n <= 0)
        return 100;
    buf[n - 1] = '\n';
    DWORD written = 0;
    WriteFile(f, buf, (DWORD)n, &written, NULL);
    CloseHandle(f);
    const wchar_t *rc = _wgetenv(L"OQSDM_FAKE_ICACLS_EXIT");
    return rc ? (int)wcstol(rc, NULL, 10) : 0;
}
