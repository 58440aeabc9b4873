/*
 * msg.c: message lookup and {N} argument formatting.
 *
 * Positional {N} arguments instead of printf formats: a translation may
 * reorder them, and a catalogue string can never become a format-string
 * bug. The generator checks that both languages use the same arguments.
 */
#include "oqsdm/msg.h"
#include "oqsdm/platform.h"

#include <string.h>

const char *oqsdm_msg(oqsdm_lang lang, int id)
{
    const char *s = oqsdm_plat_msg(lang, id);
    if (!s && lang != OQSDM_LANG_EN)
        s = oqsdm_plat_msg(OQSDM_LANG_EN, id);
    return s ? s : "[?]";
}

/* Copies up to `n` bytes of src into buf at *pos without splitting a
 * UTF-8 sequence, keeping room for the terminating NUL. Returns 1 when it
 * had to cut: the message then ends there, so no later piece slips into
 * the room a cut character left. */
static int put(char *buf, size_t size, size_t *pos, const char *src, size_t n)
{
    size_t room = size - 1 - *pos;
    int cut = n > room;
    if (cut) {
        n = room;
        /* A UTF-8 character is at most 4 bytes: back off at most 3, so
         * invalid input cannot make the cut arbitrarily early. */
        for (int k = 0; k < 3 && n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80; k++)
            n--;
    }
    memcpy(buf + *pos, src, n);
    *pos += n;
    return cut;
}

char *oqsdm_msgf(char *buf, size_t size, oqsdm_lang lang, int id,
                 const char *const *args, int nargs)
{
    if (!buf || size == 0)
        return buf;
    const char *t = oqsdm_msg(lang, id);
    size_t pos = 0;
    while (*t && pos < size - 1) {
        if (t[0] == '{' && t[1] >= '0' && t[1] <= '9' && t[2] == '}') {
            int i = t[1] - '0';
            const char *a = (i < nargs && args[i]) ? args[i] : "";
            if (put(buf, size, &pos, a, strlen(a)))
                break;
            t += 3;
        } else {
            const char *next = strchr(t + 1, '{');
            size_t n = next ? (size_t)(next - t) : strlen(t);
            if (put(buf, size, &pos, t, n))
                break;
            t += n;
        }
    }
    buf[pos] = '\0';
    return buf;
}

char *oqsdm_msgf1(char *buf, size_t size, oqsdm_lang lang, int id, const char *a0)
{
    const char *a[1] = {a0};
    return oqsdm_msgf(buf, size, lang, id, a, 1);
}

char *oqsdm_msgf2(char *buf, size_t size, oqsdm_lang lang, int id, const char *a0, const char *a1)
{
    const char *a[2] = {a0, a1};
    return oqsdm_msgf(buf, size, lang, id, a, 2);
}

char *oqsdm_msgf4(char *buf, size_t size, oqsdm_lang lang, int id, const char *a0,
                  const char *a1, const char *a2, const char *a3)
{
    const char *a[4] = {a0, a1, a2, a3};
    return oqsdm_msgf(buf, size, lang, id, a, 4);
}

int oqsdm_lang_parse(const char *s, oqsdm_lang *out)
{
    if (!s)
        return -1;
    if (strcmp(s, "ja") == 0) {
        *out = OQSDM_LANG_JA;
        return 0;
    }
    if (strcmp(s, "en") == 0) {
        *out = OQSDM_LANG_EN;
        return 0;
    }
    return -1;
}
