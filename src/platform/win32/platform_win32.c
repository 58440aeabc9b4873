/*
 * platform_win32.c: the platform interface on Windows.
 *
 * Paths arrive as UTF-8 and are converted to UTF-16 here, at the edge.
 * Proxy settings are read from the registry where WinINet keeps them,
 * per user unless the ProxySettingsPerUser=0 policy makes them
 * machine-wide. Messages come from the STRINGTABLE in both languages,
 * decoded once into a UTF-8 cache so any thread may ask.
 */
#include "oqsdm/platform.h"
#include "utf.h"

#include <errno.h>
#include <io.h>
#include <shlobj.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

const char oqsdm_plat_sep = '\\';

static wchar_t *wide_path(const char *path)
{
    wchar_t *w = oqsdm_utf8_to_wide(path);
    if (w)
        for (wchar_t *p = w; *p; p++)
            if (*p == L'/')
                *p = L'\\';
    return w;
}

FILE *oqsdm_plat_fopen(const char *path, const char *mode)
{
    wchar_t *wp = wide_path(path), *wm = oqsdm_utf8_to_wide(mode);
    FILE *f = (wp && wm) ? _wfopen(wp, wm) : NULL;
    if (!wp || !wm)
        errno = EINVAL;
    free(wp);
    free(wm);
    return f;
}

int oqsdm_plat_find_ci(const char *dir, const char *name, char *out, size_t size)
{
    /* NTFS and FAT already match names in any case: nothing to list. */
    (void)dir;
    size_t n = strlen(name);
    if (n >= size)
        return -1;
    memcpy(out, name, n + 1);
    return 0;
}

int oqsdm_plat_mkdirs(const char *path)
{
    wchar_t *w = wide_path(path);
    if (!w)
        return -1;
    int rc = SHCreateDirectoryExW(NULL, w, NULL);
    DWORD attr = GetFileAttributesW(w);
    free(w);
    if (rc == ERROR_SUCCESS || rc == ERROR_ALREADY_EXISTS || rc == ERROR_FILE_EXISTS)
        return (attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY)) ? 0 : -1;
    SetLastError((DWORD)rc);
    return -1;
}

int oqsdm_plat_replace_file(const char *from, const char *to)
{
    wchar_t *wf = wide_path(from), *wt = wide_path(to);
    BOOL ok = wf && wt && MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
    free(wf);
    free(wt);
    return ok ? 0 : -1;
}

int oqsdm_plat_sync(FILE *f)
{
    return _commit(_fileno(f));
}

int oqsdm_plat_file_exists(const char *path)
{
    wchar_t *w = wide_path(path);
    DWORD attr = w ? GetFileAttributesW(w) : INVALID_FILE_ATTRIBUTES;
    free(w);
    return attr != INVALID_FILE_ATTRIBUTES && !(attr & FILE_ATTRIBUTE_DIRECTORY);
}

int oqsdm_plat_dir_exists(const char *path)
{
    wchar_t *w = wide_path(path);
    DWORD attr = w ? GetFileAttributesW(w) : INVALID_FILE_ATTRIBUTES;
    free(w);
    return attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY);
}

int oqsdm_plat_known_folder(oqsdm_folder f, char *buf, size_t size)
{
    PWSTR w = NULL;
    const KNOWNFOLDERID *id = f == OQSDM_FOLDER_PROGRAM_DATA ? &FOLDERID_ProgramData : &FOLDERID_ProgramFiles;
    if (FAILED(SHGetKnownFolderPath(id, 0, NULL, &w)))
        return -1;
    char *s = oqsdm_wide_to_utf8(w);
    CoTaskMemFree(w);
    int rc = (s && strlen(s) < size) ? 0 : -1;
    if (rc == 0)
        strcpy(buf, s);
    free(s);
    return rc;
}

int oqsdm_plat_exe_dir(char *buf, size_t size)
{
    wchar_t w[MAX_PATH * 4];
    DWORD n = GetModuleFileNameW(NULL, w, (DWORD)(sizeof w / sizeof w[0]));
    if (n == 0 || n >= sizeof w / sizeof w[0])
        return -1;
    wchar_t *slash = wcsrchr(w, L'\\');
    if (!slash)
        return -1;
    *slash = L'\0';
    char *s = oqsdm_wide_to_utf8(w);
    int rc = (s && strlen(s) < size) ? 0 : -1;
    if (rc == 0)
        strcpy(buf, s);
    free(s);
    return rc;
}

oqsdm_lang oqsdm_plat_ui_lang(void)
{
    return PRIMARYLANGID(GetUserDefaultUILanguage()) == LANG_JAPANESE ? OQSDM_LANG_JA : OQSDM_LANG_EN;
}

static const wchar_t INET_KEY[] = L"Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings";
static const wchar_t POLICY_KEY[] = L"SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings";

/* A string value of any length: a fixed buffer turned a bypass list of
 * 4096 characters or more into "" (ERROR_MORE_DATA), which the diagnosis
 * then called "every entry missing". Longer than `out` is cut to size - 1
 * bytes, which the checks refuse as too long (see oqsdm_proxy_settings). */
static int reg_string(HKEY root, const wchar_t *name, char *out, size_t size)
{
    const DWORD flags = RRF_RT_REG_SZ | RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND;
    out[0] = '\0';
    for (int attempt = 0; attempt < 3; attempt++) {
        DWORD bytes = 0;
        LSTATUS st = RegGetValueW(root, INET_KEY, name, flags, NULL, NULL, &bytes);
        if (st != ERROR_SUCCESS)
            return (int)st;
        /* room for the terminator RegGetValueW adds to a value stored
         * without one, and a last zero it is never given to write over */
        size_t count = bytes / sizeof(wchar_t) + 2;
        wchar_t *buf = calloc(count, sizeof *buf);
        if (!buf)
            return ERROR_OUTOFMEMORY;
        DWORD got = (DWORD)((count - 1) * sizeof *buf);
        st = RegGetValueW(root, INET_KEY, name, flags, NULL, buf, &got);
        if (st == ERROR_MORE_DATA) {  /* it grew in between */
            free(buf);
            continue;
        }
        if (st != ERROR_SUCCESS) {
            free(buf);
            return (int)st;
        }
        char *s = oqsdm_wide_to_utf8(buf);
        free(buf);
        if (!s)
            return ERROR_INVALID_DATA;
        size_t n = strlen(s);
        if (n >= size)
            n = size - 1;
        memcpy(out, s, n);
        out[n] = '\0';
        free(s);
        return 0;
    }
    return ERROR_MORE_DATA;
}

int oqsdm_plat_user_proxy(oqsdm_proxy_settings *out)
{
    memset(out, 0, sizeof *out);
    HKEY root = HKEY_CURRENT_USER;
    DWORD per_user = 1, bytes = sizeof per_user;
    if (RegGetValueW(HKEY_LOCAL_MACHINE, POLICY_KEY, L"ProxySettingsPerUser", RRF_RT_REG_DWORD, NULL,
                     &per_user, &bytes) == ERROR_SUCCESS && per_user == 0)
        root = HKEY_LOCAL_MACHINE;
    snprintf(out->source, sizeof out->source, "%s\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings",
             root == HKEY_LOCAL_MACHINE ? "HKLM" : "HKCU");

    DWORD enable = 0;
    bytes = sizeof enable;
    LSTATUS st = RegGetValueW(root, INET_KEY, L"ProxyEnable", RRF_RT_REG_DWORD, NULL, &enable, &bytes);
    if (st != ERROR_SUCCESS) {
        /* Some tools write it as a string; old Internet Explorers and
         * hand-made .reg files as REG_BINARY (01 00 00 00), which WinINet
         * reads as the number its bytes spell. */
        char s[16];
        unsigned char raw[8] = {0};
        DWORD rawlen = sizeof raw, type = 0;
        /* RRF_RT_REG_BINARY | RRF_RT_REG_QWORD would mean "8 bytes only":
         * take any type and look at it. */
        if (reg_string(root, L"ProxyEnable", s, sizeof s) == 0) {
            enable = (DWORD)atoi(s);
        } else if (RegGetValueW(root, INET_KEY, L"ProxyEnable", RRF_RT_ANY, &type, raw, &rawlen) == ERROR_SUCCESS &&
                   (type == REG_BINARY || type == REG_QWORD)) {
            for (DWORD i = 0; i < rawlen && i < 4; i++)
                enable |= (DWORD)raw[i] << (8 * i);
        } else if (st != ERROR_FILE_NOT_FOUND) {
            return (int)st;
        }
    }
    out->enabled = enable != 0;
    reg_string(root, L"ProxyServer", out->server, sizeof out->server);
    reg_string(root, L"ProxyOverride", out->override, sizeof out->override);
    reg_string(root, L"AutoConfigURL", out->auto_config_url, sizeof out->auto_config_url);
    return 0;
}

static const wchar_t UNINSTALL_KEY[] = L"Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall";

/* DisplayName of each subkey of one Uninstall key in one registry view. */
static size_t uninstall_names(HKEY root, REGSAM view, char (*names)[256], size_t n, size_t max)
{
    HKEY key;
    if (RegOpenKeyExW(root, UNINSTALL_KEY, 0, KEY_READ | view, &key) != ERROR_SUCCESS)
        return n;
    wchar_t sub[256];
    for (DWORD i = 0; n < max; i++) {
        DWORD len = sizeof sub / sizeof sub[0];
        LSTATUS st = RegEnumKeyExW(key, i, sub, &len, NULL, NULL, NULL, NULL);
        if (st == ERROR_NO_MORE_ITEMS)
            break;
        if (st != ERROR_SUCCESS)
            continue;
        wchar_t name[1024];
        DWORD bytes = sizeof name - sizeof name[0];
        if (RegGetValueW(key, sub, L"DisplayName", RRF_RT_REG_SZ | RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND, NULL,
                         name, &bytes) != ERROR_SUCCESS || !name[0])
            continue;
        char *s = oqsdm_wide_to_utf8(name);
        if (!s)
            continue;
        size_t k = strlen(s);
        if (k > 255) {
            k = 255;
            while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
                k--;
        }
        memcpy(names[n], s, k);
        names[n][k] = '\0';
        free(s);
        n++;
    }
    RegCloseKey(key);
    return n;
}

size_t oqsdm_plat_installed_programs(char (*names)[256], size_t max)
{
    /* The vendors' tools may be 32-bit programs: both views of HKLM. */
    size_t n = uninstall_names(HKEY_LOCAL_MACHINE, KEY_WOW64_64KEY, names, 0, max);
    n = uninstall_names(HKEY_LOCAL_MACHINE, KEY_WOW64_32KEY, names, n, max);
    return uninstall_names(HKEY_CURRENT_USER, 0, names, n, max);
}

int oqsdm_plat_cp932_to_utf8(const char *in, size_t len, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    if (len == 0) {
        *out = calloc(1, 1);
        return *out ? 0 : -1;
    }
    if (len > 0x7FFFFFFF)
        return -1;
    int n = MultiByteToWideChar(932, MB_ERR_INVALID_CHARS, in, (int)len, NULL, 0);
    if (n <= 0)
        return -1;
    wchar_t *w = malloc((size_t)n * sizeof *w);
    if (!w)
        return -1;
    char *s = NULL;
    if (MultiByteToWideChar(932, MB_ERR_INVALID_CHARS, in, (int)len, w, n) == n)
        s = oqsdm_wide_n_to_utf8(w, n);
    free(w);
    if (!s)
        return -1;
    *out = s;
    *out_len = strlen(s);
    return 0;
}

int oqsdm_plat_utf8_to_cp932(const char *in, size_t len, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    if (len == 0) {
        *out = calloc(1, 1);
        return *out ? 0 : -1;
    }
    if (len > 0x3FFFFFFF)
        return -1;
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, in, (int)len, NULL, 0);
    if (n <= 0)
        return 1; /* not UTF-8 */
    wchar_t *w = malloc((size_t)n * sizeof *w);
    if (!w)
        return -1;
    int rc = 1;
    char *s = NULL;
    BOOL used = FALSE;
    if (MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, in, (int)len, w, n) == n) {
        /* WC_NO_BEST_FIT_CHARS: no look-alikes; a character without a
         * code becomes the default character, which lpUsedDefaultChar tells. */
        int m = WideCharToMultiByte(932, WC_NO_BEST_FIT_CHARS, w, n, NULL, 0, NULL, &used);
        if (m > 0 && !used && (s = malloc((size_t)m + 1)) != NULL &&
            WideCharToMultiByte(932, WC_NO_BEST_FIT_CHARS, w, n, s, m, NULL, &used) == m && !used) {
            s[m] = '\0';
            /* and the bytes must read back as the same text */
            char *back = NULL;
            size_t nback = 0;
            if (oqsdm_plat_cp932_to_utf8(s, (size_t)m, &back, &nback) == 0 && nback == len &&
                memcmp(back, in, len) == 0) {
                *out = s;
                *out_len = (size_t)m;
                s = NULL;
                rc = 0;
            }
            free(back);
        } else if (m > 0 && !used && !s) {
            rc = -1;
        }
    }
    free(s);
    free(w);
    return rc;
}

/* Keeps GetLastError across cleanup after a failure. */
static int fail_keep_error(HANDLE h, const wchar_t *delete_path)
{
    DWORD e = GetLastError();
    if (h != INVALID_HANDLE_VALUE)
        CloseHandle(h);
    if (delete_path)
        DeleteFileW(delete_path);
    SetLastError(e);
    return -1;
}

int oqsdm_plat_write_temp(const char *beside, const char *like, const void *data, size_t len,
                          char *out, size_t size)
{
    (void)like; /* ReplaceFileW carries the old file's ACL and attributes over */
    static volatile LONG counter;
    for (int attempt = 0; attempt < 100; attempt++) {
        if (snprintf(out, size, "%s.tmp-%lu-%ld", beside, (unsigned long)GetCurrentProcessId(),
                     (long)InterlockedIncrement(&counter)) >= (int)size) {
            SetLastError(ERROR_FILENAME_EXCED_RANGE);
            return -1;
        }
        wchar_t *w = wide_path(out);
        if (!w) {
            SetLastError(ERROR_INVALID_NAME);
            return -1;
        }
        HANDLE h = CreateFileW(w, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
        if (h == INVALID_HANDLE_VALUE) {
            DWORD e = GetLastError();
            free(w);
            if (e == ERROR_FILE_EXISTS || e == ERROR_ALREADY_EXISTS)
                continue;
            SetLastError(e);
            return -1;
        }
        const char *p = data;
        size_t left = len;
        while (left > 0) {
            DWORD chunk = left > 0x10000000 ? 0x10000000 : (DWORD)left, done = 0;
            if (!WriteFile(h, p, chunk, &done, NULL) || done == 0) {
                int rc = fail_keep_error(h, w);
                free(w);
                return rc;
            }
            p += done;
            left -= done;
        }
        if (!FlushFileBuffers(h)) {
            int rc = fail_keep_error(h, w);
            free(w);
            return rc;
        }
        if (!CloseHandle(h)) {
            int rc = fail_keep_error(INVALID_HANDLE_VALUE, w);
            free(w);
            return rc;
        }
        free(w);
        return 0;
    }
    SetLastError(ERROR_FILE_EXISTS);
    return -1;
}

int oqsdm_plat_commit_file(const char *from, const char *to)
{
    wchar_t *wf = wide_path(from), *wt = wide_path(to);
    BOOL ok = FALSE;
    DWORD e = ERROR_INVALID_NAME;
    if (wf && wt) {
        if (GetFileAttributesW(wt) != INVALID_FILE_ATTRIBUTES) {
            ok = ReplaceFileW(wt, wf, NULL, REPLACEFILE_IGNORE_MERGE_ERRORS, NULL, NULL);
            e = GetLastError();
            /* A read-only or protected file stays refused: MoveFileExW would
             * replace it anyway under Wine. Other failures (a file system
             * without ACLs, a replaced file moved away but the new one not
             * in place: ERROR_UNABLE_TO_MOVE_REPLACEMENT) get the plain
             * rename, which also restores the file at `to`. */
            if (!ok && e != ERROR_ACCESS_DENIED && GetFileAttributesW(wf) != INVALID_FILE_ATTRIBUTES) {
                ok = MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
                e = GetLastError();
            }
        } else {
            ok = MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
            e = GetLastError();
        }
    }
    free(wf);
    free(wt);
    if (!ok)
        SetLastError(e);
    return ok ? 0 : -1;
}

int oqsdm_plat_write_target(const char *path, char *out, size_t size)
{
    return snprintf(out, size, "%s", path) >= (int)size ? -1 : 0;
}

int oqsdm_plat_check_writable(const char *path)
{
    wchar_t *w = wide_path(path);
    if (!w) {
        SetLastError(ERROR_INVALID_NAME);
        return -1;
    }
    int rc = 0;
    DWORD attr = GetFileAttributesW(w);
    if (attr != INVALID_FILE_ATTRIBUTES) {
        if (attr & FILE_ATTRIBUTE_READONLY) {
            SetLastError(ERROR_ACCESS_DENIED);
            rc = -1;
        } else {
            /* The ACL: opening for writing changes nothing by itself. Only a
             * refusal counts; sharing conflicts are for the write to meet. */
            HANDLE h = CreateFileW(w, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                                   NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
            if (h != INVALID_HANDLE_VALUE)
                CloseHandle(h);
            else if (GetLastError() == ERROR_ACCESS_DENIED)
                rc = -1;
        }
    }
    free(w);
    return rc;
}

int oqsdm_plat_remove_file(const char *path)
{
    wchar_t *w = wide_path(path);
    BOOL ok = w && DeleteFileW(w);
    free(w);
    return ok ? 0 : -1;
}

int oqsdm_plat_last_error_denied(void)
{
    return GetLastError() == ERROR_ACCESS_DENIED;
}

/* The STRINGTABLE, decoded once for both languages. */
static char *msg_cache[2][OQSDM_MSG_COUNT];
static INIT_ONCE msg_once = INIT_ONCE_STATIC_INIT;

static char *load_string(WORD langid, int id)
{
    HRSRC r = FindResourceExW(NULL, (LPCWSTR)RT_STRING, MAKEINTRESOURCEW((id >> 4) + 1), langid);
    HGLOBAL g = r ? LoadResource(NULL, r) : NULL;
    const WCHAR *p = g ? LockResource(g) : NULL;
    if (!p)
        return NULL;
    /* A block holds 16 strings, each a length (in UTF-16 units) and its text. */
    for (int i = 0; i < (id & 15); i++)
        p += 1 + *p;
    return *p ? oqsdm_wide_n_to_utf8(p + 1, *p) : NULL;
}

static BOOL CALLBACK fill_cache(PINIT_ONCE once, PVOID param, PVOID *ctx)
{
    (void)once;
    (void)param;
    (void)ctx;
    static const WORD langs[2] = {MAKELANGID(LANG_JAPANESE, SUBLANG_DEFAULT),
                                  MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US)};
    for (int l = 0; l < 2; l++)
        for (int i = 0; i < OQSDM_MSG_COUNT; i++)
            msg_cache[l][i] = load_string(langs[l], OQSDM_MSG_FIRST + i);
    return TRUE;
}

const char *oqsdm_plat_msg(oqsdm_lang lang, int id)
{
    InitOnceExecuteOnce(&msg_once, fill_cache, NULL, NULL);
    int i = id - OQSDM_MSG_FIRST;
    if (i < 0 || i >= OQSDM_MSG_COUNT)
        return NULL;
    return msg_cache[lang == OQSDM_LANG_JA ? 0 : 1][i];
}

long long oqsdm_plat_monotonic_ms(void)
{
    return (long long)GetTickCount64();
}

void oqsdm_plat_local_time_iso8601(char *buf, size_t size)
{
    SYSTEMTIME t;
    TIME_ZONE_INFORMATION tz;
    GetLocalTime(&t);
    DWORD mode = GetTimeZoneInformation(&tz);
    long bias = tz.Bias + (mode == TIME_ZONE_ID_DAYLIGHT ? tz.DaylightBias : mode == TIME_ZONE_ID_STANDARD ? tz.StandardBias : 0);
    long off = -bias; /* minutes east of UTC */
    snprintf(buf, size, "%04u-%02u-%02uT%02u:%02u:%02u%c%02ld:%02ld", t.wYear, t.wMonth, t.wDay, t.wHour,
             t.wMinute, t.wSecond, off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
}

void oqsdm_plat_last_error(char *buf, size_t size)
{
    DWORD e = GetLastError();
    wchar_t *w = NULL;
    FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                   NULL, e, 0, (LPWSTR)&w, 0, NULL);
    char *s = w ? oqsdm_wide_to_utf8(w) : NULL;
    if (s) {
        size_t n = strlen(s);
        while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
            s[--n] = '\0';
    }
    /* The number first, so a Japanese report can still be read by anyone. */
    snprintf(buf, size, "%lu: %s", (unsigned long)e, s ? s : "");
    free(s);
    LocalFree(w);
}
