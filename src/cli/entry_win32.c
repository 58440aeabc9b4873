/*
 * entry_win32.c: Windows entry point. wmain receives the real UTF-16
 * command line (main's ANSI argv would mangle Japanese folder names); it
 * is turned into UTF-8, and stdout/stderr are switched to binary so the
 * UTF-8 text reaches pipes byte for byte, with the console told to show
 * UTF-8.
 */
#include "cli.h"

#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

int wmain(int argc, wchar_t **wargv)
{
    char **argv = calloc((size_t)argc + 1, sizeof *argv);
    if (!argv)
        return 2;
    for (int i = 0; i < argc; i++) {
        int n = WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, NULL, 0, NULL, NULL);
        argv[i] = malloc(n > 0 ? (size_t)n : 1);
        if (!argv[i])
            return 2;
        if (n <= 0 || !WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, argv[i], n, NULL, NULL))
            argv[i][0] = '\0';
    }
    SetConsoleOutputCP(CP_UTF8);
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
    int rc = oqsdm_cli_main(argc, argv);
    fflush(stdout);
    for (int i = 0; i < argc; i++)
        free(argv[i]);
    free(argv);
    return rc;
}
