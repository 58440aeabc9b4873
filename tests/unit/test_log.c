/* One line per check, fields kept on one line, bounded by a roll-over. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "oqsdm/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static long file_size(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 ? (long)st.st_size : -1;
}

static int count_lines(const char *p)
{
    FILE *f = fopen(p, "rb");
    if (!f) return -1;
    int n = 0, c;
    while ((c = fgetc(f)) != EOF)
        n += c == '\n';
    fclose(f);
    return n;
}

int main(void)
{
    char dir[64] = "/tmp/oqsdm-test-log-XXXXXX", state[128], log[160], old[170];
    if (!mkdtemp(dir))
        return 1;
    snprintf(state, sizeof state, "%s/ProgramData/OQS/OQSDistroApp/oqsdm", dir);
    snprintf(log, sizeof log, "%s/oqsdm.log", state);
    snprintf(old, sizeof old, "%s.1", log);

    CHECK_INT(oqsdm_log_append(state, 4096, "connection", "fail", "timeout", "line one\nline\ttwo"), 0);
    CHECK_INT(count_lines(log), 1);
    FILE *f = fopen(log, "rb");
    char buf[512] = "";
    if (f) {
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = '\0';
        fclose(f);
    }
    CHECK(strstr(buf, "\tconnection\tfail\ttimeout\tline one line two\r\n") != NULL);
    CHECK(buf[4] == '-' && buf[10] == 'T'); /* ISO 8601 time first */

    for (int i = 0; i < 200; i++)
        CHECK_INT(oqsdm_log_append(state, 4096, "connection", "ok", "ok", "Connected (HTTP 200)"), 0);
    CHECK(file_size(log) <= 4096 + 200);
    CHECK(file_size(old) >= 4096);
    CHECK(file_size(old) <= 4096 + 200);

    /* an unwritable place is an error value, not a crash */
    CHECK(oqsdm_log_append("/proc/oqsdm-cannot-exist", 4096, "connection", "ok", "ok", "") != 0);

    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return check_done("test_log");
}
