/*
 * platform_posix.c: the platform interface for native (Linux) builds.
 *
 * This build exists for fast tests, sanitizers, fuzzers and benchmarks.
 * Its "system proxy settings" are the Linux convention, the http_proxy /
 * https_proxy / no_proxy environment variables, shaped into what WinINet
 * would hold: per-scheme ProxyServer and a semicolon list for
 * ProxyOverride, with ".example.org" entries written "*.example.org".
 */
#define _POSIX_C_SOURCE 200809L
#include "oqsdm/platform.h"
#include "msg_table.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char oqsdm_plat_sep = '/';

FILE *oqsdm_plat_fopen(const char *path, const char *mode)
{
    return fopen(path, mode);
}

static int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z') ca = (unsigned char)(ca + 32);
        if (cb >= 'A' && cb <= 'Z') cb = (unsigned char)(cb + 32);
        if (ca != cb) return (int)ca - (int)cb;
        if (!ca) return 0;
    }
}

int oqsdm_plat_find_ci(const char *dir, const char *name, char *out, size_t size)
{
    DIR *d = opendir(dir);
    if (!d)
        return 1;
    char best[NAME_MAX + 1] = "";
    int found = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (ascii_casecmp(e->d_name, name) != 0)
            continue;
        if (strcmp(e->d_name, name) == 0) {
            snprintf(best, sizeof best, "%s", e->d_name);
            found = 1;
            break;
        }
        if (!found || strcmp(e->d_name, best) < 0) {
            snprintf(best, sizeof best, "%s", e->d_name);
            found = 1;
        }
    }
    closedir(d);
    if (!found)
        return 1;
    if (strlen(best) >= size)
        return -1;
    memcpy(out, best, strlen(best) + 1);
    return 0;
}

int oqsdm_plat_mkdirs(const char *path)
{
    char buf[PATH_MAX];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] == '/' || buf[i] == '\0') {
            char c = buf[i];
            buf[i] = '\0';
            if (mkdir(buf, 0775) != 0 && errno != EEXIST)
                return -1;
            buf[i] = c;
        }
    }
    struct stat st;
    return (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) ? 0 : -1;
}

int oqsdm_plat_replace_file(const char *from, const char *to)
{
    return rename(from, to);
}

int oqsdm_plat_sync(FILE *f)
{
    return fsync(fileno(f));
}

int oqsdm_plat_file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int oqsdm_plat_dir_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int oqsdm_plat_known_folder(oqsdm_folder f, char *buf, size_t size)
{
    /* Natively there is no C:\; the guide's folders sit under the file
     * system root, so --root is what tests and vendors use. */
    const char *name = f == OQSDM_FOLDER_PROGRAM_DATA ? "/ProgramData" : "/Program Files";
    return snprintf(buf, size, "%s", name) >= (int)size ? -1 : 0;
}

int oqsdm_plat_exe_dir(char *buf, size_t size)
{
    char tmp[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", tmp, sizeof tmp - 1);
    if (n <= 0)
        return -1;
    tmp[n] = '\0';
    char *slash = strrchr(tmp, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    return snprintf(buf, size, "%s", tmp) >= (int)size ? -1 : 0;
}

oqsdm_lang oqsdm_plat_ui_lang(void)
{
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "ja", 2) == 0 ? OQSDM_LANG_JA : OQSDM_LANG_EN;
    }
    return OQSDM_LANG_EN;
}

static const char *env2(const char *a, const char *b)
{
    const char *v = getenv(a);
    return (v && *v) ? v : getenv(b);
}

int oqsdm_plat_user_proxy(oqsdm_proxy_settings *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->source, sizeof out->source, "environment (http_proxy, https_proxy, no_proxy)");
    const char *http = env2("http_proxy", "HTTP_PROXY");
    const char *https = env2("https_proxy", "HTTPS_PROXY");
    const char *no = env2("no_proxy", "NO_PROXY");
    size_t pos = 0;
    if (http && *http)
        pos += (size_t)snprintf(out->server + pos, sizeof out->server - pos, "http=%s", http);
    if (https && *https && pos < sizeof out->server)
        snprintf(out->server + pos, sizeof out->server - pos, "%shttps=%s", pos ? ";" : "", https);
    out->enabled = out->server[0] != '\0';

    pos = 0;
    for (const char *p = no ? no : ""; *p && pos + 2 < sizeof out->override;) {
        size_t n = strcspn(p, ",");
        while (n > 0 && *p == ' ') { p++; n--; }
        if (n > 0) {
            int r = snprintf(out->override + pos, sizeof out->override - pos, "%s%s%.*s", pos ? ";" : "",
                             *p == '.' ? "*" : "", (int)n, p);
            if (r < 0 || (size_t)r >= sizeof out->override - pos)
                break;
            pos += (size_t)r;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}

size_t oqsdm_plat_installed_programs(char (*names)[256], size_t max)
{
    const char *file = getenv("OQSDM_UNINSTALL_NAMES");
    FILE *f = (file && *file) ? fopen(file, "rb") : NULL;
    size_t n = 0;
    char line[1024];
    while (f && n < max && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0])
            continue;
        size_t k = strlen(line);
        if (k > 255) {
            k = 255;
            while (k > 0 && ((unsigned char)line[k] & 0xC0) == 0x80)
                k--;
        }
        memcpy(names[n], line, k);
        names[n][k] = '\0';
        n++;
    }
    if (f)
        fclose(f);
    return n;
}

int oqsdm_plat_cp932_to_utf8(const char *in, size_t len, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    iconv_t cd = iconv_open("UTF-8", "CP932");
    if (cd == (iconv_t)-1)
        return -1;
    size_t cap = len * 3 + 1; /* a CP932 byte never becomes more than 3 UTF-8 bytes */
    char *buf = malloc(cap);
    int rc = -1;
    if (buf) {
        char *src = (char *)in, *dst = buf;
        size_t left = len, room = cap - 1;
        if (iconv(cd, &src, &left, &dst, &room) != (size_t)-1 && left == 0) {
            *dst = '\0';
            *out = buf;
            *out_len = (size_t)(dst - buf);
            rc = 0;
        } else {
            free(buf);
        }
    }
    iconv_close(cd);
    return rc;
}

int oqsdm_plat_utf8_to_cp932(const char *in, size_t len, char **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    iconv_t cd = iconv_open("CP932", "UTF-8");
    if (cd == (iconv_t)-1)
        return -1;
    size_t cap = len * 2 + 1; /* a UTF-8 character of n bytes is at most 2 CP932 bytes */
    char *buf = malloc(cap);
    size_t n = 0;
    int rc = -1;
    if (buf) {
        char *src = (char *)in, *dst = buf;
        size_t left = len, room = cap - 1;
        if (iconv(cd, &src, &left, &dst, &room) != (size_t)-1 && left == 0) {
            *dst = '\0';
            n = (size_t)(dst - buf);
            rc = 0;
        } else {
            rc = errno == E2BIG ? -1 : 1; /* EILSEQ, EINVAL: not representable, or not UTF-8 */
        }
    }
    iconv_close(cd);
    if (rc == 0) {
        /* Exact mappings only: the bytes must read back as the same text
         * (glibc maps a few characters many-to-one, Windows does not). */
        char *back = NULL;
        size_t nback = 0;
        if (oqsdm_plat_cp932_to_utf8(buf, n, &back, &nback) != 0 ||
            nback != len || memcmp(back, in, len) != 0)
            rc = 1;
        free(back);
    }
    if (rc == 0) {
        *out = buf;
        *out_len = n;
    } else {
        free(buf);
    }
    return rc;
}

/* Keeps errno across cleanup after a failure. */
static int fail_keep_errno(int fd, const char *unlink_path)
{
    int e = errno;
    if (fd >= 0)
        close(fd);
    if (unlink_path)
        unlink(unlink_path);
    errno = e;
    return -1;
}

int oqsdm_plat_write_temp(const char *beside, const char *like, const void *data, size_t len,
                          char *out, size_t size)
{
    if (snprintf(out, size, "%s.tmp-XXXXXX", beside) >= (int)size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = mkstemp(out);
    if (fd < 0)
        return -1;
    struct stat st;
    if (like && stat(like, &st) == 0) {
        if (fchown(fd, st.st_uid, st.st_gid) != 0) {
            /* only root may give a file away: keep ours */
        }
        if (fchmod(fd, st.st_mode & 07777) != 0)
            return fail_keep_errno(fd, out);
    } else if (fchmod(fd, 0644) != 0) {
        return fail_keep_errno(fd, out);
    }
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail_keep_errno(fd, out);
        p += n;
        left -= (size_t)n;
    }
    if (fsync(fd) != 0)
        return fail_keep_errno(fd, out);
    if (close(fd) != 0)
        return fail_keep_errno(-1, out);
    return 0;
}

int oqsdm_plat_commit_file(const char *from, const char *to)
{
    if (rename(from, to) != 0)
        return -1;
    /* The rename itself must reach the disk too. */
    char dir[PATH_MAX];
    const char *slash = strrchr(to, '/');
    size_t n = slash ? (size_t)(slash - to) : 0;
    if (n == 0 && slash)
        n = 1;
    if (n < sizeof dir) {
        memcpy(dir, slash ? to : ".", slash ? n : 1);
        dir[slash ? n : 1] = '\0';
        int fd = open(dir, O_RDONLY);
        if (fd >= 0) {
            fsync(fd); /* some file systems cannot: the rename is done all the same */
            close(fd);
        }
    }
    return 0;
}

int oqsdm_plat_check_writable(const char *path)
{
    if (access(path, F_OK) != 0)
        return errno == ENOENT ? 0 : -1;
    return access(path, W_OK) == 0 ? 0 : -1;
}

int oqsdm_plat_write_target(const char *path, char *out, size_t size)
{
    struct stat st;
    char real[PATH_MAX];
    const char *r = path;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && realpath(path, real))
        r = real;
    return snprintf(out, size, "%s", r) >= (int)size ? -1 : 0;
}

int oqsdm_plat_remove_file(const char *path)
{
    return unlink(path);
}

int oqsdm_plat_last_error_denied(void)
{
    return errno == EACCES || errno == EPERM;
}

const char *oqsdm_plat_msg(oqsdm_lang lang, int id)
{
    int i = id - OQSDM_MSG_FIRST;
    if (i < 0 || i >= oqsdm_msg_table_count)
        return NULL;
    return oqsdm_msg_table[i][lang == OQSDM_LANG_JA ? 0 : 1];
}

long long oqsdm_plat_monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void oqsdm_plat_local_time_iso8601(char *buf, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char z[8];
    strftime(z, sizeof z, "%z", &tm); /* +0900 */
    char date[32];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf, size, "%s%.3s:%.2s", date, z, z + 3);
}

void oqsdm_plat_last_error(char *buf, size_t size)
{
    int e = errno;
    snprintf(buf, size, "errno %d: %s", e, strerror(e));
}
