/*
 * fuzz_msgf.c: libFuzzer target for the message formatter oqsdm_msgf
 * (src/core/msg.c) with fuzzed arguments (INI values, paths and server
 * texts end up in them), every catalogue id and a few unknown ones.
 *
 * Input: byte 0 the language (bit 0), byte 1 the id (first id - 2 and on,
 * so unknown ids come up too), byte 2 the buffer size - 1 (1..256), then
 * up to ten arguments separated by newlines; an argument "~" is NULL.
 *
 * Invariants asserted (besides ASan/UBSan finding nothing):
 *  - the output is terminated inside the buffer, whatever its size;
 *  - truncation only cuts the end: the output is a prefix of the same
 *    message formatted into a buffer large enough, and it is shorter than
 *    that by at most the three bytes of a partial UTF-8 sequence.
 *    (This found a real bug: after backing off to a character boundary,
 *    msgf went on and appended 1-3 bytes of the next piece; id 1039, ja,
 *    size 2, arg "da&4" gave "d". -DFUZZ_MSGF_STRICT_TRUNCATION=0 turns
 *    the check off.)
 *  - with valid UTF-8 arguments the output is valid UTF-8 (the cut falls
 *    on a character boundary);
 *  - a NULL or zero-sized buffer is left alone; an unknown id prints "[?]".
 */
#include "fuzz_common.h"
#include "oqsdm/msg.h"

#define MAX_ARGS 10

#ifndef FUZZ_MSGF_STRICT_TRUNCATION
#define FUZZ_MSGF_STRICT_TRUNCATION 1
#endif

static int valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t k;
        unsigned cp, min;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) { k = 1; cp = c & 0x1F; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { k = 2; cp = c & 0x0F; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { k = 3; cp = c & 0x07; min = 0x10000; }
        else return 0;
        if (n - i <= k) return 0;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80) return 0;
            cp = cp << 6 | (s[i + j] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        i += k + 1;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    oqsdm_lang lang = (data[0] & 1) ? OQSDM_LANG_EN : OQSDM_LANG_JA;
    int id = OQSDM_MSG_FIRST - 2 + data[1] % (OQSDM_MSG_COUNT + 4);
    size_t bufsize = (size_t)data[2] + 1;
    data += 3;
    size -= 3;

    char *args[MAX_ARGS];
    const char *argv[MAX_ARGS];
    int nargs = 0, args_utf8 = 1;
    size_t total = 0;
    for (size_t pos = 0; nargs < MAX_ARGS && (pos < size || nargs == 0);) {
        size_t end = pos;
        while (end < size && data[end] != '\n') end++;
        args[nargs] = fuzz_strndup(data + pos, end - pos);
        argv[nargs] = strcmp(args[nargs], "~") == 0 ? NULL : args[nargs];
        size_t n = strlen(args[nargs]);
        total += n;
        args_utf8 &= valid_utf8((const unsigned char *)args[nargs], n);
        nargs++;
        pos = end + 1;
    }

    const char *tpl = oqsdm_msg(lang, id);
    if (id < OQSDM_MSG_FIRST || id >= OQSDM_MSG_FIRST + OQSDM_MSG_COUNT)
        FUZZ_CHECK(strcmp(tpl, "[?]") == 0);
    size_t tl = strlen(tpl);
    size_t fullsize = tl + (tl / 3 + 1) * total + 1;   /* each {N} can take the longest arg */
    char *full = malloc(fullsize);
    if (!full) abort();
    FUZZ_CHECK(oqsdm_msgf(full, fullsize, lang, id, argv, nargs) == full);
    size_t fl = strlen(full);
    FUZZ_CHECK(fl < fullsize);
    if (args_utf8 && valid_utf8((const unsigned char *)tpl, tl))
        FUZZ_CHECK(valid_utf8((const unsigned char *)full, fl));

    char *buf = malloc(bufsize);
    if (!buf) abort();
    memset(buf, 'X', bufsize);
    FUZZ_CHECK(oqsdm_msgf(buf, bufsize, lang, id, argv, nargs) == buf);
    FUZZ_CHECK(fuzz_terminated(buf, bufsize));
    size_t bl = strlen(buf);
    FUZZ_CHECK(bl < bufsize);
#if FUZZ_MSGF_STRICT_TRUNCATION
    FUZZ_CHECK(bl <= fl && memcmp(buf, full, bl) == 0);
    size_t want = fl < bufsize - 1 ? fl : bufsize - 1;
    FUZZ_CHECK(bl + 3 >= want);
#endif
    if (args_utf8 && valid_utf8((const unsigned char *)tpl, tl))
        FUZZ_CHECK(valid_utf8((const unsigned char *)buf, bl));

    char untouched = 'U';
    FUZZ_CHECK(oqsdm_msgf(&untouched, 0, lang, id, argv, nargs) == &untouched && untouched == 'U');
    FUZZ_CHECK(oqsdm_msgf(NULL, 16, lang, id, argv, nargs) == NULL);

    free(buf);
    free(full);
    for (int i = 0; i < nargs; i++)
        free(args[i]);
    return 0;
}
