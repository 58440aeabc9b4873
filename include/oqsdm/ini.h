/*
 * ini.h: reading OQSDistroApp.ini the way Windows reads INI files.
 *
 * The file belongs to the distribution app and to vendors' tools as much as
 * to oqsdm, so the parser keeps every line as it was (for a later rewrite
 * that loses nothing) and only interprets [sections] and key=value lines.
 * Section and key names match case-insensitively (ASCII), values are
 * trimmed and lose one pair of surrounding quotes, as with
 * GetPrivateProfileString; the first occurrence of a key wins.
 */
#ifndef OQSDM_INI_H
#define OQSDM_INI_H

#include <stddef.h>

/* INI files larger than this are refused: the real one is a few hundred
 * bytes, and a bound keeps a damaged file from eating memory. */
#define OQSDM_INI_MAX_BYTES (1024 * 1024)

typedef enum oqsdm_ini_encoding {
    OQSDM_INI_ENC_UTF8 = 0,     /* valid UTF-8 (or plain ASCII), no BOM */
    OQSDM_INI_ENC_UTF8_BOM,
    OQSDM_INI_ENC_UTF16LE,      /* with BOM, as Notepad writes "Unicode" */
    OQSDM_INI_ENC_UTF16BE,      /* with BOM */
    OQSDM_INI_ENC_ANSI          /* not UTF-8: taken as CP932 bytes, kept raw */
} oqsdm_ini_encoding;

typedef struct oqsdm_ini oqsdm_ini;

typedef enum oqsdm_ini_status {
    OQSDM_INI_OK = 0,
    OQSDM_INI_NOMEM,
    OQSDM_INI_TOO_LARGE,
    OQSDM_INI_BAD_ENCODING     /* UTF-16 with an odd length or broken surrogates */
} oqsdm_ini_status;

/* Parses `len` bytes. On success *out is set (free with oqsdm_ini_free). */
oqsdm_ini_status oqsdm_ini_parse(const unsigned char *data, size_t len, oqsdm_ini **out);

/* Value of key in section, or NULL when absent. The text is UTF-8 for
 * Unicode files and the raw bytes for ANSI files. */
const char *oqsdm_ini_get(const oqsdm_ini *ini, const char *section, const char *key);

/* 1 if the section exists (any case). */
int oqsdm_ini_has_section(const oqsdm_ini *ini, const char *section);

oqsdm_ini_encoding oqsdm_ini_encoding_of(const oqsdm_ini *ini);

/* 1 when the file's lines end in CRLF (the majority decides). */
int oqsdm_ini_uses_crlf(const oqsdm_ini *ini);

size_t oqsdm_ini_line_count(const oqsdm_ini *ini);

void oqsdm_ini_free(oqsdm_ini *ini);

#endif
