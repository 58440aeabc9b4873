/*
 * version_file.c: a Version.info file's bytes to a version, or to the
 * reason there is none.
 *
 * Decoding comes first and is all or nothing: the bytes are turned into
 * UTF-8 as a whole (BOM, else UTF-16 told by its NULs, else valid UTF-8,
 * else CP932 through the platform), so oqsdm_version_find() always sees real characters and a
 * CP932 trail byte can never pass for a digit or a dot. The decoders here
 * are the file reader's own small copies (the INI reader keeps its UTF-16
 * bytes for a lossless rewrite; this one only reads).
 */
#include "oqsdm/version_file.h"
#include "oqsdm/fileio.h"
#include "oqsdm/platform.h"

#include "oqsdm/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* UTF-16 without BOM to UTF-8, with this module's reasons. */
static oqsdm_vfile_reason utf16_to_utf8(const unsigned char *p, size_t n, int big_endian,
                                        char **out, size_t *out_len)
{
    switch (oqsdm_text_utf16_to_utf8(p, n, big_endian, out, out_len)) {
    case OQSDM_TEXT_OK: return OQSDM_VFILE_R_NONE;
    case OQSDM_TEXT_NOMEM: return OQSDM_VFILE_R_NOMEM;
    default: return OQSDM_VFILE_R_BAD_ENCODING;
    }
}

/* The whole file as UTF-8 text without NULs, or the reason it is not. */
static oqsdm_vfile_reason decode(const unsigned char *d, size_t n, oqsdm_vfile_encoding *enc,
                                 char **text, size_t *text_len)
{
    *text = NULL;
    *text_len = 0;
    if (n >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF))) {
        int be = d[0] == 0xFE;
        *enc = be ? OQSDM_VFILE_ENC_UTF16BE : OQSDM_VFILE_ENC_UTF16LE;
        d += 2;
        n -= 2;
        while (n >= 2 && n % 2 == 0 && d[n - 1] == 0 && d[n - 2] == 0)
            n -= 2;   /* a terminator written out */
        oqsdm_vfile_reason r = utf16_to_utf8(d, n, be, text, text_len);
        if (r == OQSDM_VFILE_R_NONE && memchr(*text, '\0', *text_len)) {
            free(*text);
            *text = NULL;
            r = OQSDM_VFILE_R_BAD_ENCODING;
        }
        return r;
    }

    /* UTF-16 without BOM (some tools write it so; Notepad still shows it):
     * NULs in text that is mostly ASCII stand all on one side of each
     * pair. UTF-8 and CP932 text never holds a NUL, so this takes nothing
     * from them; nor from such text with its terminator written out: NULs
     * only at the very end are that terminator ("1.2\0" would otherwise
     * pass for two UTF-16 LE units), and real UTF-16 of two or more ASCII
     * characters has one before them. */
    size_t body = n;
    while (body > 0 && d[body - 1] == 0)
        body--;
    if (n >= 4 && n % 2 == 0 && !(d[0] == 0xEF && d[1] == 0xBB) && memchr(d, '\0', body)) {
        size_t zero_even = 0, zero_odd = 0;
        for (size_t i = 0; i < n; i += 2) {
            zero_even += d[i] == 0 && d[i + 1] != 0;
            zero_odd += d[i + 1] == 0 && d[i] != 0;
        }
        size_t units = n / 2;
        int le = zero_odd * 2 >= units && zero_even == 0;
        int be = zero_even * 2 >= units && zero_odd == 0;
        if (le || be) {
            *enc = be ? OQSDM_VFILE_ENC_UTF16BE : OQSDM_VFILE_ENC_UTF16LE;
            while (n >= 2 && d[n - 1] == 0 && d[n - 2] == 0)
                n -= 2;   /* a terminator written out */
            oqsdm_vfile_reason r = utf16_to_utf8(d, n, be, text, text_len);
            if (r == OQSDM_VFILE_R_NONE && memchr(*text, '\0', *text_len)) {
                free(*text);
                *text = NULL;
                r = OQSDM_VFILE_R_BAD_ENCODING;
            }
            return r;
        }
    }

    int bom = n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF;
    if (bom) {
        *enc = OQSDM_VFILE_ENC_UTF8_BOM;
        d += 3;
        n -= 3;
    }
    while (n > 0 && d[n - 1] == 0)
        n--;
    /* CP932 never uses 0x00 inside a character, so this holds for all three. */
    if (memchr(d, '\0', n))
        return OQSDM_VFILE_R_BAD_ENCODING;
    if (bom || oqsdm_text_valid_utf8(d, n)) {
        *enc = bom ? OQSDM_VFILE_ENC_UTF8_BOM : OQSDM_VFILE_ENC_UTF8;
        if (!oqsdm_text_valid_utf8(d, n))
            return OQSDM_VFILE_R_BAD_ENCODING;
        char *t = malloc(n + 1);
        if (!t)
            return OQSDM_VFILE_R_NOMEM;
        if (n)
            memcpy(t, d, n);
        t[n] = '\0';
        *text = t;
        *text_len = n;
        return OQSDM_VFILE_R_NONE;
    }
    *enc = OQSDM_VFILE_ENC_CP932;
    if (oqsdm_plat_cp932_to_utf8((const char *)d, n, text, text_len) != 0)
        return OQSDM_VFILE_R_BAD_ENCODING;
    return OQSDM_VFILE_R_NONE;
}

static void copy_span(char *dst, size_t size, const char *text, size_t off, size_t len)
{
    if (len >= size)
        len = size - 1;   /* never: spans of valid versions fit OQSDM_VERSION_RAW_MAX */
    memcpy(dst, text + off, len);
    dst[len] = '\0';
}

void oqsdm_version_file_from_bytes(const unsigned char *data, size_t len, oqsdm_version_file *out)
{
    memset(out, 0, sizeof *out);
    out->status = OQSDM_VFILE_UNKNOWN;
    if (len > OQSDM_VERSION_FILE_MAX) {
        out->reason = OQSDM_VFILE_R_TOO_LARGE;
        return;
    }
    char *text;
    size_t text_len;
    out->reason = decode(data, len, &out->encoding, &text, &text_len);
    if (out->reason != OQSDM_VFILE_R_NONE)
        return;

    oqsdm_version_match m;
    oqsdm_version_find_status st = oqsdm_version_find(text, text_len, &m);
    out->rule = m.rule;
    if (st == OQSDM_VERSION_NONE) {
        out->reason = OQSDM_VFILE_R_NO_VERSION;
    } else {
        copy_span(out->raw, sizeof out->raw, text, m.raw_off, m.raw_len);
        if (st == OQSDM_VERSION_AMBIGUOUS) {
            out->reason = OQSDM_VFILE_R_AMBIGUOUS;
            copy_span(out->raw_other, sizeof out->raw_other, text, m.other_off, m.other_len);
        } else if (oqsdm_version_format(&m.version, out->normalised, sizeof out->normalised) != 0) {
            out->reason = OQSDM_VFILE_R_NO_VERSION;   /* cannot happen: found versions fit */
            out->raw[0] = '\0';
        } else {
            out->status = OQSDM_VFILE_FOUND;
            out->version = m.version;
        }
    }
    free(text);
}

void oqsdm_version_file_read(const char *path, oqsdm_version_file *out)
{
    char *data = NULL;
    size_t len = 0;
    oqsdm_read_status rs = oqsdm_read_file(path, OQSDM_VERSION_FILE_MAX, &data, &len);
    if (rs == OQSDM_READ_OK) {
        oqsdm_version_file_from_bytes((const unsigned char *)data, len, out);
        free(data);
        return;
    }
    memset(out, 0, sizeof *out);
    out->status = OQSDM_VFILE_UNKNOWN;
    switch (rs) {
    case OQSDM_READ_MISSING:
        /* A folder of that name counts as missing (no version file), but
         * its reason says so: "not installed" would send a vendor looking
         * for an installation that is there. */
        out->status = OQSDM_VFILE_MISSING;
        if (oqsdm_plat_dir_exists(path))
            out->reason = OQSDM_VFILE_R_FOLDER;
        break;
    case OQSDM_READ_TOO_LARGE: out->reason = OQSDM_VFILE_R_TOO_LARGE; break;
    case OQSDM_READ_NOMEM: out->reason = OQSDM_VFILE_R_NOMEM; break;
    default: out->reason = OQSDM_VFILE_R_IO; break;
    }
}

const char *oqsdm_vfile_status_name(oqsdm_vfile_status status)
{
    switch (status) {
    case OQSDM_VFILE_FOUND: return "found";
    case OQSDM_VFILE_MISSING: return "missing";
    default: return "unknown";
    }
}

const char *oqsdm_vfile_reason_name(oqsdm_vfile_reason reason)
{
    switch (reason) {
    case OQSDM_VFILE_R_NO_VERSION: return "no_version";
    case OQSDM_VFILE_R_AMBIGUOUS: return "ambiguous";
    case OQSDM_VFILE_R_TOO_LARGE: return "too_large";
    case OQSDM_VFILE_R_BAD_ENCODING: return "bad_encoding";
    case OQSDM_VFILE_R_IO: return "io";
    case OQSDM_VFILE_R_FOLDER: return "folder";
    case OQSDM_VFILE_R_NOMEM: return "nomem";
    default: return "";
    }
}

const char *oqsdm_vfile_encoding_name(oqsdm_vfile_encoding enc)
{
    switch (enc) {
    case OQSDM_VFILE_ENC_UTF8: return "utf-8";
    case OQSDM_VFILE_ENC_UTF8_BOM: return "utf-8-bom";
    case OQSDM_VFILE_ENC_UTF16LE: return "utf-16le";
    case OQSDM_VFILE_ENC_UTF16BE: return "utf-16be";
    case OQSDM_VFILE_ENC_CP932: return "cp932";
    default: return "";
    }
}
