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
    /* One byte more than the checks accept (OQSDM_PXS/PXB_MAX_INPUT): a
     * longer value arrives cut to exactly that, which they refuse as too
     * long, never read as an empty or a shorter list. */
    char server[1025];     /* ProxyServer, as written */
    char override[4097];   /* ProxyOverride, as written */
    char auto_config_url[1024]; /* AutoConfigURL: a script WinINet asks before the manual proxy */
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

/* UTF-8 to CP932 bytes, for values written into an ANSI (CP932) INI.
 * Only exact mappings: a character CP932 has no code for is refused, never
 * replaced by a look-alike or '?'. *out is malloc'd and NUL-terminated.
 * 0 on success, 1 when CP932 cannot hold the text (or it is not UTF-8),
 * -1 when memory ran out or there is no converter. */
int oqsdm_plat_utf8_to_cp932(const char *in, size_t len, char **out, size_t *out_len);

/* --- replacing a file so that a crash loses nothing (settings.c) ---
 * Each returns 0 on success or -1 with the system error kept for
 * oqsdm_plat_last_error and oqsdm_plat_last_error_denied. */

/* Writes `len` bytes into a new file beside `beside` (same folder, a
 * unique name starting with its name), flushed to the disk and closed; its
 * path goes to out. Natively it takes the permissions of `like` when that
 * file exists (may be NULL). On failure nothing is left behind. */
int oqsdm_plat_write_temp(const char *beside, const char *like, const void *data, size_t len,
                          char *out, size_t size);

/* Puts file `from` at `to` (same folder) in one step, so that at every
 * moment `to` is the old or the new file, and flushes that to the disk.
 * Windows: ReplaceFileW when `to` exists (it keeps to's ACL and
 * attributes, and refuses a read-only `to`), else or when ReplaceFileW
 * fails for another reason MoveFileExW(REPLACE_EXISTING|WRITE_THROUGH);
 * posix: rename, then an fsync of the folder. Unlike
 * oqsdm_plat_replace_file, meant for files others own. */
int oqsdm_plat_commit_file(const char *from, const char *to);

/* 0 when the file at path is absent or this user may change it: not
 * read-only (Windows' attribute or a write refused by its ACL; posix:
 * access W_OK), so a write that cannot succeed stops before anything
 * was touched. */
int oqsdm_plat_check_writable(const char *path);

/* The file a write to `path` must replace: posix resolves a symbolic link
 * (renaming over the link would replace the link with a file and leave
 * the file it points to as it was); Windows gives the path as it is
 * (a reparse point there is ReplaceFileW's to meet: untested). A path
 * that cannot be resolved (a dangling link) is given as it is. 0 on
 * success, -1 when out is too small. */
int oqsdm_plat_write_target(const char *path, char *out, size_t size);

/* Deletes a file. */
int oqsdm_plat_remove_file(const char *path);

/* 1 when the last system error says this user may not write there
 * (EACCES, EPERM; ERROR_ACCESS_DENIED), so a caller can offer to go on as
 * administrator. */
int oqsdm_plat_last_error_denied(void);

/* --- what the diagnosis reads (diagnose.h, probe.c) --- */

typedef struct oqsdm_adapter {
    char name[128];          /* the adapter's name as Windows shows it (UTF-8) */
    int up;                  /* connected */
    int ipv6, ipv4;          /* has a global or unique-local IPv6 / an IPv4 address */
    char dns[8][64];         /* its DNS servers, as text */
    size_t ndns;
} oqsdm_adapter;

/* The network adapters and their DNS servers (GetAdaptersAddresses; the
 * native build shows /etc/resolv.conf as one adapter). Count, or -1 when
 * they cannot be listed. */
int oqsdm_plat_adapters(oqsdm_adapter *out, size_t max);

/* The machine-wide WinHTTP proxy (`netsh winhttp show proxy`). 0 when read,
 * with *named 1 for a proxy (then proxy and bypass are set) and 0 for
 * direct access; -1 when it cannot be read (and always natively). */
int oqsdm_plat_winhttp_proxy(int *named, char *proxy, size_t proxy_size, char *bypass, size_t bypass_size);

/* Resolves a host name as programs on this machine do (getaddrinfo).
 * 0 resolved, addresses as text in addrs (at most max, *n of them); 1 the
 * name does not exist; -1 another failure (no DNS server answered).
 * Blocks as long as the system's resolver likes: call it from a thread
 * of its own (oqsdm_plat_thread_start) and stop waiting when you must. */
int oqsdm_plat_resolve(const char *name, char (*addrs)[64], size_t max, size_t *n);

/* A thread running fn(arg). The caller must not wait for it
 * unboundedly: probes share a reference-counted slot with the thread and
 * stop waiting at their deadline. release() gives the handle back (the
 * thread may run on until fn returns). NULL when it could not start. */
typedef struct oqsdm_plat_thread oqsdm_plat_thread;
oqsdm_plat_thread *oqsdm_plat_thread_start(void (*fn)(void *), void *arg);
void oqsdm_plat_thread_release(oqsdm_plat_thread *t);
void oqsdm_plat_sleep_ms(long ms);

/* --- changing the proxy settings, and putting them back (fix.c) --- */

typedef enum oqsdm_reg_root { OQSDM_REG_HKCU = 0, OQSDM_REG_HKLM = 1 } oqsdm_reg_root;

/* One registry value exactly as it is: whether its key and it exist, its
 * type and its bytes. Always the 64-bit view. */
typedef struct oqsdm_reg_value {
    oqsdm_reg_root root;
    char key[256];              /* below the root, '\\'-separated */
    char name[64];              /* "" for the default value */
    int key_present;
    int present;
    unsigned long type;         /* REG_SZ = 1, REG_BINARY = 3, REG_DWORD = 4, ... */
    unsigned char data[8192];
    size_t len;
} oqsdm_reg_value;

/* Reads v->root/key/name into the rest. 0 when read (present or not); -1
 * when it cannot be read (and always natively: there is no registry). */
int oqsdm_plat_reg_read(oqsdm_reg_value *v);

/* Makes the value exactly as `v` says: written with its type and bytes,
 * or deleted when it was absent, and its key deleted when the key was
 * absent and is empty now. 0 on success; -1 with the system error. */
int oqsdm_plat_reg_restore(const oqsdm_reg_value *v);

/* The values that hold the user's proxy settings (those WinINet changes:
 * ProxyEnable, ProxyServer, ProxyOverride and the Connections blobs), in
 * HKCU and, when the ProxySettingsPerUser=0 policy makes them machine-wide,
 * in HKLM too; and the one WinHTTP keeps its machine-wide proxy in. Fills
 * keys and names; the count. */
size_t oqsdm_plat_proxy_values(oqsdm_reg_value *out, size_t max);
size_t oqsdm_plat_winhttp_values(oqsdm_reg_value *out, size_t max);

/* Sets the user's proxy through WinINet (InternetSetOptionW with
 * per-connection options, then the settings-changed notifications), so
 * every program that reads them sees the change. `server` and `override`
 * NULL keep what is there; `enable` turns the proxy on (1) or off (0),
 * -1 keeps it. 0 on success; -1 with the system error (natively always). */
int oqsdm_plat_set_user_proxy(int enable, const char *server, const char *override);

/* Sets the machine-wide WinHTTP proxy (needs an administrator on
 * Windows: -1 with ERROR_ACCESS_DENIED, see oqsdm_plat_last_error_denied). */
int oqsdm_plat_set_winhttp_proxy(const char *server, const char *bypass);

/* Tells running programs that the proxy settings changed (after values
 * were put back with oqsdm_plat_reg_restore). */
void oqsdm_plat_proxy_changed(void);

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
