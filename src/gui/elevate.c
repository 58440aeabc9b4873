/*
 * elevate.c: oqsdm-cli.exe run as administrator, for what this user may
 * not change (a read-only or protected INI, the machine-wide WinHTTP
 * proxy).
 *
 * The GUI never writes with raised rights itself: it asks Windows to start
 * its console twin with the "runas" verb (the UAC prompt), passing on the
 * session's --config, --root and --lang so both programs mean the same
 * files and language, and waits for it on the worker. Its exit code is
 * the answer (cli.h: 0 done, 1 refused or failed, 2 an error); the caller
 * then reads the files again, so what it reports is what is on disk.
 * ShellExecuteExW cannot hand the child a pipe, so the CLI's own words
 * stay with it; the exit code and the file say enough.
 *
 * The command line is quoted as the C runtime splits it again
 * (CommandLineToArgvW's rules): an argument with a space, a tab or a
 * quote goes in quotes, backslashes before a quote are doubled.
 */
#include "gui.h"
#include "../platform/win32/utf.h"

#include <objbase.h>
#include <shellapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define CLI_NAME L"oqsdm-cli.exe"
#define PARAMS_MAX 8192          /* UTF-16 units of the command line */
#define WAIT_SLICE_MS 100        /* how often the wait looks at the cancel flag */

typedef struct wbuf {
    wchar_t text[PARAMS_MAX];
    size_t len;
    int overflow;
} wbuf;

static void put(wbuf *b, const wchar_t *s, size_t n)
{
    if (b->overflow || b->len + n + 1 > PARAMS_MAX) {
        b->overflow = 1;
        return;
    }
    memcpy(b->text + b->len, s, n * sizeof *s);
    b->len += n;
    b->text[b->len] = 0;
}

static void put_repeat(wbuf *b, wchar_t c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put(b, &c, 1);
}

/* One argument, quoted so the child's runtime reads it back unchanged. */
static void put_arg(wbuf *b, const char *utf8)
{
    wchar_t *w = oqsdm_utf8_to_wide(utf8);
    if (!w) {
        b->overflow = 1;
        return;
    }
    if (b->len)
        put(b, L" ", 1);
    if (*w && !wcspbrk(w, L" \t\"")) {
        put(b, w, wcslen(w));
        free(w);
        return;
    }
    put(b, L"\"", 1);
    for (const wchar_t *p = w;; p++) {
        size_t slashes = 0;
        while (*p == L'\\') {
            slashes++;
            p++;
        }
        if (!*p) {
            put_repeat(b, L'\\', slashes * 2); /* before the closing quote */
            break;
        }
        if (*p == L'"') {
            put_repeat(b, L'\\', slashes * 2 + 1);
        } else {
            put_repeat(b, L'\\', slashes);
        }
        put(b, p, 1);
    }
    put(b, L"\"", 1);
    free(w);
}

/* This program's folder, with a trailing backslash; 0 on failure. */
static int own_folder(wchar_t *out, size_t size)
{
    DWORD n = GetModuleFileNameW(NULL, out, (DWORD)size);
    if (n == 0 || n >= size)
        return 0;
    wchar_t *slash = wcsrchr(out, L'\\');
    if (!slash)
        return 0;
    slash[1] = 0;
    return 1;
}

void oqsdm_elevate_cli(oqsdm_job *job, const char *const *args)
{
    oqsdm_elevation *e = &job->elevation;
    memset(e, 0, sizeof *e);
    wchar_t folder[MAX_PATH * 2], program[MAX_PATH * 2 + 32];
    if (!own_folder(folder, sizeof folder / sizeof folder[0])) {
        e->error = GetLastError() ? GetLastError() : ERROR_BAD_PATHNAME;
        return;
    }
    _snwprintf(program, sizeof program / sizeof program[0], L"%ls%ls", folder, CLI_NAME);
    program[sizeof program / sizeof program[0] - 1] = 0;
    char *program8 = oqsdm_wide_to_utf8(program);
    snprintf(e->program, sizeof e->program, "%s", program8 ? program8 : "oqsdm-cli.exe");
    free(program8);

    wbuf *params = calloc(1, sizeof *params);
    if (!params) {
        e->error = ERROR_NOT_ENOUGH_MEMORY;
        return;
    }
    if (job->config_path[0]) {
        put_arg(params, "--config");
        put_arg(params, job->config_path);
    }
    if (job->root[0]) {
        put_arg(params, "--root");
        put_arg(params, job->root);
    }
    put_arg(params, "--lang");
    put_arg(params, job->opt.lang == OQSDM_LANG_EN ? "en" : "ja");
    for (size_t i = 0; args[i]; i++)
        put_arg(params, args[i]);
    if (params->overflow) {
        free(params);
        e->error = ERROR_FILENAME_EXCED_RANGE;
        return;
    }

    /* ShellExecuteEx may hand the verb to shell extensions, which want COM
     * on the calling thread. */
    HRESULT com = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE);
    SHELLEXECUTEINFOW sei;
    memset(&sei, 0, sizeof sei);
    sei.cbSize = sizeof sei;
    sei.fMask = SEE_MASK_NOCLOSEPROCESS | SEE_MASK_NOASYNC | SEE_MASK_FLAG_NO_UI;
    sei.hwnd = job->notify;           /* the prompt's owner */
    sei.lpVerb = L"runas";
    sei.lpFile = program;
    sei.lpParameters = params->text;
    sei.lpDirectory = folder;
    sei.nShow = SW_HIDE;
    BOOL ok = ShellExecuteExW(&sei);
    DWORD err = ok ? 0 : GetLastError();
    if (SUCCEEDED(com))
        CoUninitialize();
    free(params);
    if (!ok || !sei.hProcess) {
        e->error = err ? err : ERROR_INVALID_HANDLE;
        return;
    }
    e->started = 1;
    for (;;) {
        DWORD w = WaitForSingleObject(sei.hProcess, WAIT_SLICE_MS);
        if (w == WAIT_OBJECT_0) {
            DWORD code = 0;
            if (GetExitCodeProcess(sei.hProcess, &code)) {
                e->finished = 1;
                e->exit_code = code;
            } else {
                e->error = GetLastError();
            }
            break;
        }
        if (w != WAIT_TIMEOUT) {
            e->error = GetLastError();
            break;
        }
        /* Closed while it runs: stop waiting; it finishes on its own (an
         * elevated process is not ours to end halfway through a write). */
        if (atomic_load(&job->cancel))
            break;
    }
    CloseHandle(sei.hProcess);
}
