/*
 * log.c: the check log in oqsdm's state folder.
 *
 * One line per check, appended and flushed at once, so nothing is lost if
 * the program dies afterwards. When the file passes its bound it becomes
 * oqsdm.log.1 (replacing the previous one) and a new file starts: the log
 * never grows past about twice the bound, and yesterday is still there.
 */
#include "oqsdm/log.h"
#include "oqsdm/platform.h"

#include <stdio.h>
#include <string.h>

static void put_field(FILE *f, const char *s)
{
    for (; s && *s; s++)
        fputc((*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s, f);
}

int oqsdm_log_append(const char *state_dir, size_t max_bytes, const char *check,
                     const char *result, const char *reason_code, const char *reason)
{
    char path[1100], old[1110], when[64];
    if (oqsdm_plat_mkdirs(state_dir))
        return -1;
    if (snprintf(path, sizeof path, "%s%c%s", state_dir, oqsdm_plat_sep, OQSDM_LOG_NAME) >= (int)sizeof path)
        return -1;

    FILE *f = oqsdm_plat_fopen(path, "ab");
    if (!f)
        return -1;
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        if (size > 0 && (size_t)size >= max_bytes) {
            fclose(f);
            snprintf(old, sizeof old, "%s.1", path);
            if (oqsdm_plat_replace_file(path, old))
                return -1;
            f = oqsdm_plat_fopen(path, "ab");
            if (!f)
                return -1;
        }
    }
    oqsdm_plat_local_time_iso8601(when, sizeof when);
    put_field(f, when);
    fputc('\t', f);
    put_field(f, check);
    fputc('\t', f);
    put_field(f, result);
    fputc('\t', f);
    put_field(f, reason_code);
    fputc('\t', f);
    put_field(f, reason);
    fputs("\r\n", f); /* read with Notepad on the terminal */
    int bad = fflush(f) != 0 || ferror(f);
    bad |= fclose(f) != 0;
    return bad ? -1 : 0;
}
