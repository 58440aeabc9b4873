/*
 * The settings module on real files: the atomic write with its one .bak,
 * creation for --init, the checks that make an error mean "nothing was
 * written", access denied as a user really meets it (natively: the test
 * runs the write as an unprivileged user when it runs as root), the
 * guide's recommendation and its warning.
 */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "data_file.h"
#include "oqsdm/data.h"
#include "oqsdm/fileio.h"
#include "oqsdm/platform.h"
#include "oqsdm/settings.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char root[64];
static oqsdm_data data;

static void put(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(p, 1, n, f) != n) { perror(path); exit(1); }
    fclose(f);
}

static char *get(const char *path, size_t *n)
{
    char *d = NULL;
    *n = 0;
    return oqsdm_read_file(path, 4 << 20, &d, n) == OQSDM_READ_OK ? d : NULL;
}

/* 1 when the file holds exactly these bytes (prints both otherwise). */
static int holds(const char *path, const void *want, size_t nwant)
{
    size_t n;
    char *got = get(path, &n);
    int ok = got && n == nwant && memcmp(got, want, n) == 0;
    check_count++;
    if (!ok) {
        check_failures++;
        fprintf(stderr, "%s holds \"%.*s\" (%zu bytes), want \"%.*s\" (%zu bytes)\n", path, (int)n,
                got ? got : "(no file)", n, (int)nwant, (const char *)want, nwant);
    }
    free(got);
    return ok;
}
#define HOLDS(path, s) holds(path, s, sizeof s - 1)

/* Names in the folder other than the ones expected: temporary files left behind. */
static int strays(const char *dir, const char *a, const char *b)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || (a && !strcmp(e->d_name, a)) ||
            (b && !strcmp(e->d_name, b)))
            continue;
        fprintf(stderr, "left in %s: %s\n", dir, e->d_name);
        n++;
    }
    if (d) closedir(d);
    return n;
}

static void path_of(char *out, size_t size, const char *rel)
{
    snprintf(out, size, "%s/%s", root, rel);
}

static const oqsdm_setting dest_cloud[] = {{"Destination", "cloud"}};
static const oqsdm_setting dest_base[] = {{"Destination", "base"}};

static oqsdm_err apply(const char *path, const oqsdm_setting *ch, size_t n, int create, oqsdm_settings_result *r,
                       oqsdm_error *e)
{
    return oqsdm_settings_apply(path, &data, ch, n, create, dest_base, 1, OQSDM_LANG_EN, r, e);
}

static void atomic_write_and_backup(void)
{
    char dir[128], ini[160], bak[170];
    path_of(dir, sizeof dir, "w");
    mkdir(dir, 0755);
    snprintf(ini, sizeof ini, "%s/OQSDistroApp.ini", dir);
    snprintf(bak, sizeof bak, "%s.bak", ini);
    const char v0[] = "; distribution app\r\n[Distro]\r\nServerUrl=https://not-ours.example/\r\n\r\n"
                      "[oqsdm]\r\nDestination=base\r\nServerUrl=https://dist.example/\r\n; end\r\n";
    const char v1[] = "; distribution app\r\n[Distro]\r\nServerUrl=https://not-ours.example/\r\n\r\n"
                      "[oqsdm]\r\nDestination=cloud\r\nServerUrl=https://dist.example/\r\nProvider=nttdata-chugoku\r\n; end\r\n";
    const char v2[] = "; distribution app\r\n[Distro]\r\nServerUrl=https://not-ours.example/\r\n\r\n"
                      "[oqsdm]\r\nDestination=base\r\nServerUrl=https://dist.example/\r\nProvider=nttdata-chugoku\r\n; end\r\n";
    put(ini, v0, sizeof v0 - 1);
    chmod(ini, 0640);

    oqsdm_settings_result r;
    oqsdm_error e;
    oqsdm_setting ch[] = {{"Destination", "cloud"}, {"Provider", "nttdata-chugoku"}};
    CHECK_INT(apply(ini, ch, 2, 0, &r, &e), OQSDM_OK);
    CHECK_INT(r.written, 1);
    CHECK_INT(r.created, 0);
    CHECK_STR(r.backup, bak);
    HOLDS(ini, v1);
    HOLDS(bak, v0);                 /* the previous file, byte for byte */
    struct stat st;
    CHECK(stat(ini, &st) == 0 && (st.st_mode & 07777) == 0640);   /* permissions kept */
    CHECK_INT(strays(dir, "OQSDistroApp.ini", "OQSDistroApp.ini.bak"), 0);

    /* the second write replaces the .bak with the file it replaces */
    CHECK_INT(apply(ini, dest_base, 1, 0, &r, &e), OQSDM_OK);
    CHECK_INT(r.written, 1);
    HOLDS(ini, v2);
    HOLDS(bak, v1);
    CHECK_INT(strays(dir, "OQSDistroApp.ini", "OQSDistroApp.ini.bak"), 0);

    /* nothing to change: nothing written, the .bak still holds the version before */
    CHECK_INT(apply(ini, dest_base, 1, 1, &r, &e), OQSDM_OK);
    CHECK_INT(r.written, 0);
    CHECK_STR(r.backup, "");
    HOLDS(ini, v2);
    HOLDS(bak, v1);

    /* and what it reads */
    oqsdm_settings s;
    CHECK_INT(oqsdm_settings_read(ini, &data, OQSDM_LANG_EN, &s, &e), OQSDM_OK);
    CHECK_STR(s.destination, "base");
    CHECK_STR(s.provider, "nttdata-chugoku");
    CHECK_STR(s.connection_kind, "");
    CHECK_STR(s.server_url, "https://dist.example/");
}

static void encodings_survive(void)
{
    char ini[160];
    path_of(ini, sizeof ini, "utf16.ini");
    /* UTF-16 LE with BOM: "[x]\r\nメ=1\r\n" */
    const unsigned char le[] = {0xFF, 0xFE, '[', 0, 'x', 0, ']', 0, '\r', 0, '\n', 0, 0xE1, 0x30, '=', 0, '1', 0,
                                '\r', 0, '\n', 0};
    const unsigned char want[] = {0xFF, 0xFE, '[', 0, 'x', 0, ']', 0, '\r', 0, '\n', 0, 0xE1, 0x30, '=', 0, '1', 0,
                                  '\r', 0, '\n', 0, '\r', 0, '\n', 0, '[', 0, 'o', 0, 'q', 0, 's', 0, 'd', 0, 'm', 0,
                                  ']', 0, '\r', 0, '\n', 0, 'D', 0, 'e', 0, 's', 0, 't', 0, 'i', 0, 'n', 0, 'a', 0,
                                  't', 0, 'i', 0, 'o', 0, 'n', 0, '=', 0, 'c', 0, 'l', 0, 'o', 0, 'u', 0, 'd', 0,
                                  '\r', 0, '\n', 0};
    put(ini, le, sizeof le);
    oqsdm_settings_result r;
    oqsdm_error e;
    CHECK_INT(apply(ini, dest_cloud, 1, 0, &r, &e), OQSDM_OK);
    holds(ini, want, sizeof want);

    /* CP932: a value CP932 cannot hold is refused with the reason, nothing written */
    path_of(ini, sizeof ini, "cp932.ini");
    const char sj[] = "; \x94\x7A\x90\x4D\r\n[oqsdm]\r\nServerUrl=https://a.example/\r\n";
    put(ini, sj, sizeof sj - 1);
    oqsdm_setting url[] = {{"ServerUrl", "https://caf\xc3\xa9.example/"}};
    CHECK_INT(apply(ini, url, 1, 0, &r, &e), OQSDM_E_INI_VALUE);
    CHECK(strstr(e.message, "CP932") != NULL);
    CHECK(strstr(e.message, ini) != NULL);
    HOLDS(ini, sj);
    oqsdm_setting url2[] = {{"ServerUrl", "https://\xe9\x85\x8d\xe4\xbf\xa1.example/"}};  /* 配信 */
    CHECK_INT(apply(ini, url2, 1, 0, &r, &e), OQSDM_OK);
    HOLDS(ini, "; \x94\x7A\x90\x4D\r\n[oqsdm]\r\nServerUrl=https://\x94\x7A\x90\x4D.example/\r\n");
    oqsdm_settings s;
    CHECK_INT(oqsdm_settings_read(ini, &data, OQSDM_LANG_EN, &s, &e), OQSDM_OK);
    CHECK_STR(s.server_url, "https://\xe9\x85\x8d\xe4\xbf\xa1.example/");   /* shown as UTF-8 */
}

static void creation(void)
{
    char ini[160], dir[128];
    oqsdm_settings_result r;
    oqsdm_error e;
    path_of(ini, sizeof ini, "new/ProgramData/OQS/OQSDistroApp/config/OQSDistroApp.ini");
    /* without create: the guide's remedy, and nothing made */
    CHECK_INT(apply(ini, dest_cloud, 1, 0, &r, &e), OQSDM_E_INI_MISSING);
    CHECK(strstr(e.message, ini) != NULL);
    CHECK(strstr(e.message, "reinstalled") != NULL);
    path_of(dir, sizeof dir, "new");
    CHECK(!oqsdm_plat_dir_exists(dir));
    oqsdm_settings s;
    CHECK_INT(oqsdm_settings_read(ini, &data, OQSDM_LANG_EN, &s, &e), OQSDM_E_INI_MISSING);

    /* with create: the folder and an [oqsdm] with the initial Destination */
    CHECK_INT(apply(ini, NULL, 0, 1, &r, &e), OQSDM_OK);
    CHECK_INT(r.written, 1);
    CHECK_INT(r.created, 1);
    CHECK_STR(r.backup, "");
    HOLDS(ini, "[oqsdm]\r\nDestination=base\r\n");
    /* creating again does not touch it */
    CHECK_INT(apply(ini, NULL, 0, 1, &r, &e), OQSDM_OK);
    CHECK_INT(r.written, 0);
    char bak[180];
    snprintf(bak, sizeof bak, "%s.bak", ini);
    CHECK(!oqsdm_plat_file_exists(bak));

    /* a given Destination wins over the initial one */
    path_of(ini, sizeof ini, "new2/OQSDistroApp.ini");
    oqsdm_setting ch[] = {{"Provider", "ntt-west"}, {"destination", "cloud"}, {"ConnectionKind", "ipvpn"}};
    CHECK_INT(apply(ini, ch, 3, 1, &r, &e), OQSDM_OK);
    HOLDS(ini, "[oqsdm]\r\nProvider=ntt-west\r\ndestination=cloud\r\nConnectionKind=ipvpn\r\n");
}

static void values_checked_first(void)
{
    char ini[160];
    oqsdm_settings_result r;
    oqsdm_error e;
    path_of(ini, sizeof ini, "check.ini");
    const char t[] = "[oqsdm]\nDestination=base\nProvider=bogus\n";
    put(ini, t, sizeof t - 1);
    static const struct { const char *key, *value, *hint; } bad[] = {
        {"Destination", "sky", "base"},
        {"Provider", "ntt-middle", "nttpc"},
        {"ConnectionKind", "ipx", "ipsec"},
        {"ServerUrl", "ftp://dist.example/", "http://"},
        {"ServerUrl", "https://dist.example/a b", "http://"},
        {"ServerUrl", "http://", "http://"},
        {"ServerUrl", "https:///ping", "http://"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        oqsdm_setting ch[] = {{bad[i].key, bad[i].value}};
        CHECK_INT(apply(ini, ch, 1, 0, &r, &e), OQSDM_E_INI_VALUE);
        CHECK(strstr(e.message, bad[i].key) && strstr(e.message, bad[i].value) && strstr(e.message, bad[i].hint));
        HOLDS(ini, t);
    }
    /* a bad value already in the file stops a change of another key ... */
    CHECK_INT(apply(ini, dest_cloud, 1, 0, &r, &e), OQSDM_E_INI_VALUE);
    CHECK(strstr(e.message, "Provider") && strstr(e.message, "bogus") && strstr(e.message, ini));
    HOLDS(ini, t);
    oqsdm_settings s;
    CHECK_INT(oqsdm_settings_read(ini, &data, OQSDM_LANG_EN, &s, &e), OQSDM_E_INI_VALUE);
    /* ... and a change of that key repairs it */
    oqsdm_setting fix[] = {{"Provider", "other"}};
    CHECK_INT(apply(ini, fix, 1, 0, &r, &e), OQSDM_OK);
    HOLDS(ini, "[oqsdm]\nDestination=base\nProvider=other\n");
    /* a value with a line break could add a key of its own: refused */
    oqsdm_setting nl[] = {{"Memo", "a\r\nDestination=cloud"}};
    CHECK_INT(apply(ini, nl, 1, 0, &r, &e), OQSDM_E_INI_VALUE);
    HOLDS(ini, "[oqsdm]\nDestination=base\nProvider=other\n");
    /* read: Destination in any case, shown in lower case; defaults */
    const char t2[] = "[OQSDM]\ndestination=CLOUD\nconnectionkind=ipsec\n";
    put(ini, t2, sizeof t2 - 1);
    CHECK_INT(oqsdm_settings_read(ini, &data, OQSDM_LANG_EN, &s, &e), OQSDM_OK);
    CHECK_STR(s.destination, "cloud");
    CHECK_STR(s.connection_kind, "ipsec");
    const char t3[] = "[other]\nDestination=cloud\n";
    put(ini, t3, sizeof t3 - 1);
    CHECK_INT(oqsdm_settings_read(ini, &data, OQSDM_LANG_EN, &s, &e), OQSDM_OK);
    CHECK_STR(s.destination, "base");    /* the data file's default */
    CHECK_STR(s.provider, "");
}

/* Runs fn as an unprivileged user when this runs as root (root may write
 * anything, so only another user meets a refusal), else in-process.
 * Returns what fn returned. */
static int as_user(int (*fn)(void))
{
    if (geteuid() != 0)
        return fn();
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        if (setgid(65534) != 0 || setuid(65534) != 0)
            _exit(100);
        _exit(fn());
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 101;
}

static char denied_ini[160], denied_dir[128], denied_new[200];

/* 0 when the write was refused as access denied, naming the file and errno 13. */
static int write_denied(void)
{
    oqsdm_settings_result r;
    oqsdm_error e;
    oqsdm_err rc = apply(denied_ini, dest_cloud, 1, 0, &r, &e);
    if (rc != OQSDM_E_ACCESS_DENIED || !strstr(e.message, denied_ini) || !strstr(e.message, "errno 13") ||
        !strstr(e.message, "administrator")) {
        fprintf(stderr, "existing file: rc %d: %s\n", (int)rc, e.message);
        return 1;
    }
    rc = apply(denied_new, dest_cloud, 1, 1, &r, &e);   /* create in a folder the user may not write */
    if (rc != OQSDM_E_ACCESS_DENIED || !strstr(e.message, denied_new)) {
        fprintf(stderr, "new file: rc %d: %s\n", (int)rc, e.message);
        return 2;
    }
    return 0;
}

static void access_denied(void)
{
    path_of(denied_dir, sizeof denied_dir, "denied");
    mkdir(denied_dir, 0755);
    snprintf(denied_ini, sizeof denied_ini, "%s/OQSDistroApp.ini", denied_dir);
    snprintf(denied_new, sizeof denied_new, "%s/sub/OQSDistroApp.ini", denied_dir);
    const char t[] = "[oqsdm]\r\nDestination=base\r\n";
    put(denied_ini, t, sizeof t - 1);
    chmod(root, 0755);   /* the other user may read, not write */
    if (geteuid() != 0) {
        chmod(denied_ini, 0444);
        chmod(denied_dir, 0555);
    }
    CHECK_INT(as_user(write_denied), 0);
    chmod(denied_dir, 0755);
    HOLDS(denied_ini, t);
    CHECK_INT(strays(denied_dir, "OQSDistroApp.ini", NULL), 0);   /* no .bak, no temporary file */
}

static void other_write_errors(void)
{
    char ini[160], bak[170], dir[128];
    oqsdm_settings_result r;
    oqsdm_error e;
    path_of(dir, sizeof dir, "werr");
    mkdir(dir, 0755);
    snprintf(ini, sizeof ini, "%s/OQSDistroApp.ini", dir);
    snprintf(bak, sizeof bak, "%s.bak", ini);
    const char t[] = "[oqsdm]\nDestination=base\n";
    put(ini, t, sizeof t - 1);
    mkdir(bak, 0755);    /* the backup's place is taken by a folder */
    CHECK_INT(apply(ini, dest_cloud, 1, 0, &r, &e), OQSDM_E_INI_WRITE);
    CHECK(strstr(e.message, ini) && strstr(e.message, "errno"));
    HOLDS(ini, t);
    CHECK_INT(strays(dir, "OQSDistroApp.ini", "OQSDistroApp.ini.bak"), 0);
    rmdir(bak);
    /* a folder of the path is a file */
    path_of(ini, sizeof ini, "werr/OQSDistroApp.ini/x.ini");
    CHECK_INT(apply(ini, dest_cloud, 1, 1, &r, &e), OQSDM_E_INI_WRITE);
    CHECK(strstr(e.message, ini) != NULL);
}

static void recommendation(void)
{
    oqsdm_settings s;
    char w[1024];
    memset(&s, 0, sizeof s);
    strcpy(s.destination, "cloud");
    strcpy(s.provider, "nttpc");
    CHECK_STR(oqsdm_settings_recommended(&data, "nttpc", NULL), "base");
    CHECK_STR(oqsdm_settings_recommended(&data, "nttpc", "ipsec"), "base");
    CHECK_STR(oqsdm_settings_recommended(&data, "nttpc", "ipvpn"), "cloud");  /* not in the guide's table */
    CHECK_STR(oqsdm_settings_recommended(&data, "mitsubishi-inf", ""), "cloud");
    CHECK(oqsdm_settings_recommended(&data, "", NULL) == NULL);
    CHECK(oqsdm_settings_recommended(&data, "nobody", NULL) == NULL);
    CHECK_INT(oqsdm_settings_warning(&data, &s, OQSDM_LANG_JA, w, sizeof w), 1);
    /* which provider, what the guide recommends, what is chosen, why it matters */
    CHECK(strstr(w, "NTTPC\xe3\x82\xb3\xe3\x83\x9f\xe3\x83\xa5\xe3\x83\x8b\xe3\x82\xb1\xe3\x83\xbc\xe3\x82\xb7\xe3\x83\xa7\xe3\x83\xb3\xe3\x82\xba") != NULL);
    CHECK(strstr(w, "\xe9\x85\x8d\xe4\xbf\xa1\xe6\x8b\xa0\xe7\x82\xb9") != NULL);       /* 配信拠点 */
    CHECK(strstr(w, "\xe3\x82\xaf\xe3\x83\xa9\xe3\x82\xa6\xe3\x83\x89") != NULL);       /* クラウド */
    CHECK_INT(oqsdm_settings_warning(&data, &s, OQSDM_LANG_EN, w, sizeof w), 1);
    CHECK(strstr(w, "NTTPC Communications") && strstr(w, "recommends") && strstr(w, "updates"));
    strcpy(s.destination, "base");
    CHECK_INT(oqsdm_settings_warning(&data, &s, OQSDM_LANG_EN, w, sizeof w), 0);
    CHECK_STR(w, "");
    strcpy(s.provider, "other");
    CHECK_INT(oqsdm_settings_warning(&data, &s, OQSDM_LANG_EN, w, sizeof w), 1);
    s.provider[0] = '\0';
    CHECK_INT(oqsdm_settings_warning(&data, &s, OQSDM_LANG_EN, w, sizeof w), 0);

    CHECK_STR(oqsdm_settings_provider_name("ntt-east", OQSDM_LANG_JA), "NTT\xe6\x9d\xb1\xe6\x97\xa5\xe6\x9c\xac");
    CHECK_STR(oqsdm_settings_provider_name("nttdata-chugoku", OQSDM_LANG_EN), "NTT Data Chugoku");
    CHECK_STR(oqsdm_settings_provider_name("zzz", OQSDM_LANG_EN), "zzz");
    CHECK_STR(oqsdm_settings_connection_kind_name("ipvpn", OQSDM_LANG_JA), "IP-VPN");
    CHECK_INT(oqsdm_settings_valid(&data, "destination", "Cloud"), 0);
    CHECK_INT(oqsdm_settings_valid(&data, "Destination", ""), -1);   /* config refuses an empty one */
    CHECK_INT(oqsdm_settings_valid(&data, "Provider", ""), 0);       /* unset */
    CHECK_INT(oqsdm_settings_valid(&data, "Provider", "NTTPC"), 0);  /* ids in any case, as typed by hand */
    CHECK_INT(oqsdm_settings_valid(&data, "Provider", "ntt-middle"), -1);
    CHECK_INT(oqsdm_settings_valid(&data, "ConnectionKind", "IPVPN"), 0);
    CHECK_INT(oqsdm_settings_valid(&data, "ConnectionKind", "adsl"), -1);
    CHECK_INT(oqsdm_settings_valid(&data, "TimeoutMs", "anything"), 0);
}

static void cp932_conversion(void)
{
    char *o = NULL;
    size_t n = 0;
    CHECK_INT(oqsdm_plat_utf8_to_cp932("\xe9\x85\x8d\xe4\xbf\xa1", 6, &o, &n), 0);   /* 配信 */
    CHECK_STR(o, "\x94\x7A\x90\x4D");
    CHECK_INT(n, 4);
    free(o);
    CHECK_INT(oqsdm_plat_utf8_to_cp932("\xef\xbd\x9e", 3, &o, &n), 0);   /* U+FF5E: 0x8160 */
    CHECK_STR(o, "\x81\x60");
    free(o);
    CHECK_INT(oqsdm_plat_utf8_to_cp932("", 0, &o, &n), 0);
    CHECK_STR(o, "");
    free(o);
    /* no look-alikes: e-acute, WAVE DASH (Windows has only U+FF5E at 0x8160), yen sign, emoji */
    const char *refused[] = {"caf\xc3\xa9", "\xe3\x80\x9c", "\xc2\xa5", "\xf0\x9f\x98\x80", "\xff"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        o = (char *)1;
        CHECK_INT(oqsdm_plat_utf8_to_cp932(refused[i], strlen(refused[i]), &o, &n), 1);
        CHECK(o == NULL);
    }
}

int main(void)
{
    load_data_file(&data);
    strcpy(root, "/tmp/oqsdm-test-settings-XXXXXX");
    if (!mkdtemp(root))
        return 1;

    atomic_write_and_backup();
    encodings_survive();
    creation();
    values_checked_first();
    access_denied();
    other_write_errors();
    recommendation();
    cp932_conversion();

    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
    return check_done("test_settings");
}
