/*
 * platform.h: the small interface each platform implements for the core.
 *
 * The core never includes windows.h. What it needs from the operating
 * system is listed here and implemented once per platform, in
 * src/platform/win32/ (the product) and src/platform/posix/ (native builds
 * for fast tests, sanitizers and fuzzers). Paths are UTF-8 everywhere; the
 * Windows side converts to UTF-16 at this boundary.
 */
#ifndef OQSDM_PLATFORM_H
#define OQSDM_PLATFORM_H

#include <stdio.h>
#include <stddef.h>
#include "msg.h"

/* The user's proxy settings as WinINet keeps them under
 * HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings. */
typedef struct oqsdm_proxy_settings {
    int  enabled;          /* ProxyEnable != 0 */
    char server[1024];     /* ProxyServer, as written */
    char override[4096];   /* ProxyOverride, as written */
    char source[128];      /* where they were read, for messages and logs */
} oqsdm_proxy_settings;

typedef enum oqsdm_folder {
    OQSDM_FOLDER_PROGRAM_DATA,  /* C:\ProgramData */
    OQSDM_FOLDER_PROGRAM_FILES  /* C:\Program Files */
} oqsdm_folder;

/* Path separator of the platform's native paths. */
extern const char oqsdm_plat_sep;

/* Opens a file by UTF-8 path (fopen modes). NULL on failure, errno set. */
FILE *oqsdm_plat_fopen(const char *path, const char *mode);

/* The name of the entry in folder `dir` equal to `name` in ASCII letters
 * of any case, spelt as the folder has it: the exact name when it is
 * there, else the first such name in byte order. Windows' file systems
 * ignore case themselves, so there it is `name` unchanged. 0 when found,
 * 1 when not (or the folder cannot be listed), -1 if it does not fit. */
int oqsdm_plat_find_ci(const char *dir, const char *name, char *out, size_t size);

/* Creates a folder and its parents. 0 on success (or already there). */
int oqsdm_plat_mkdirs(const char *path);

/* Replaces `to` by `from` atomically where the platform can. 0 on success. */
int oqsdm_plat_replace_file(const char *from, const char *to);

/* Forces what was written to `f` onto the disk (fsync / _commit), so a
 * replaced file is complete even after a power cut. 0 on success. */
int oqsdm_plat_sync(FILE *f);

/* 1 if a regular file exists at path. */
int oqsdm_plat_file_exists(const char *path);

/* 1 if a folder exists at path. */
int oqsdm_plat_dir_exists(const char *path);

/* The folder's path without a trailing separator, as this machine has it
 * (no --root applied). 0 on success. */
int oqsdm_plat_known_folder(oqsdm_folder f, char *buf, size_t size);

/* Folder holding the running executable, without trailing separator. */
int oqsdm_plat_exe_dir(char *buf, size_t size);

/* The user's UI language (Windows: GetUserDefaultUILanguage). */
oqsdm_lang oqsdm_plat_ui_lang(void);

/* Reads the current user's proxy settings. 0 on success; on failure the
 * struct holds disabled settings and the return is the system error. */
int oqsdm_plat_user_proxy(oqsdm_proxy_settings *out);

/* The DisplayName of every program under the Uninstall keys (HKLM in the
 * 64- and 32-bit views, and HKCU), UTF-8, up to `max` names of 256 bytes
 * (longer ones are cut at a character boundary). The native build reads
 * the file named by the environment variable OQSDM_UNINSTALL_NAMES (one
 * name a line), for tests. The count; 0 when none or unreadable. */
size_t oqsdm_plat_installed_programs(char (*names)[256], size_t max);

/* CP932 (Windows' Shift_JIS) bytes to UTF-8, for version files and
 * portal pages written by Japanese Windows tools (the Windows libxml2 has
 * no iconv). *out is malloc'd and NUL-terminated. 0 on success, -1 when
 * the bytes are not CP932 or memory ran out. */
int oqsdm_plat_cp932_to_utf8(const char *in, size_t len, char **out, size_t *out_len);

/* The catalogue text of `id` in `lang` (see msg.h), NULL if not found. */
const char *oqsdm_plat_msg(oqsdm_lang lang, int id);

/* Milliseconds from a monotonic clock. */
long long oqsdm_plat_monotonic_ms(void);

/* Local time now as "2026-11-24T14:05:09+09:00". */
void oqsdm_plat_local_time_iso8601(char *buf, size_t size);

/* Text of the last system error (errno / GetLastError), UTF-8, with its
 * number, for messages such as "Windows error 5: access denied". */
void oqsdm_plat_last_error(char *buf, size_t size);

#endif
