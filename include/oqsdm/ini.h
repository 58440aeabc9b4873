/*
 * ini.h: reading OQSDistroApp.ini the way Windows reads INI files.
 *
 * The file belongs to the distribution app and to vendors' tools as much as
 * to oqsdm, so the parser keeps every line as it was (for a later rewrite
 * that loses nothing) and only interprets [sections] and key=value lines.
 * Section and key names match case-insensitively (ASCII), values are
 * trimmed and lose one pair of surrounding quotes, as with
 * GetPrivateProfileString; the first occurrence of a key wins.
 *
 * The writer changes only what it is asked to: a value replaced in place
 * keeps its line's indentation, the key's spelling, the spacing around '='
 * and the quotes; a key or section that is missing is added; every other
 * byte, the encoding and the line ends are written back as they were read.
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
    OQSDM_INI_ENC_UTF16LE,      /* with BOM, as Notepad writes "Unicode", or without: kept so */
    OQSDM_INI_ENC_UTF16BE,      /* likewise */
    OQSDM_INI_ENC_ANSI          /* not UTF-8: taken as CP932 bytes, kept raw */
} oqsdm_ini_encoding;

typedef struct oqsdm_ini oqsdm_ini;

typedef enum oqsdm_ini_status {
    OQSDM_INI_OK = 0,
    OQSDM_INI_NOMEM,
    OQSDM_INI_TOO_LARGE,
    OQSDM_INI_BAD_ENCODING,    /* UTF-16 with an odd length or broken surrogates; on write: the
                                  result would read back in another encoding */
    OQSDM_INI_BAD_NAME,        /* a section or key name the file could not hold */
    OQSDM_INI_BAD_VALUE,       /* a value with CR or LF, or not UTF-8 */
    OQSDM_INI_NOT_CP932        /* an ANSI (CP932) file cannot hold a character of the value */
} oqsdm_ini_status;

/* Parses `len` bytes. On success *out is set (free with oqsdm_ini_free). */
oqsdm_ini_status oqsdm_ini_parse(const unsigned char *data, size_t len, oqsdm_ini **out);

/* Value of key in section, or NULL when absent. The text is UTF-8 for
 * Unicode files and the raw bytes for ANSI files. The pointer is valid
 * until the next change of the INI. */
const char *oqsdm_ini_get(const oqsdm_ini *ini, const char *section, const char *key);

/* The value as UTF-8, malloc'd into *out: an ANSI file's CP932 converted,
 * as oqsdm_ini_set converts it back. OK with *out NULL when the key is
 * absent; BAD_VALUE when the bytes are not CP932 (or memory ran out during
 * the conversion, which the platform does not tell apart); NOMEM. */
oqsdm_ini_status oqsdm_ini_get_utf8(const oqsdm_ini *ini, const char *section, const char *key, char **out);

/* 1 if the section exists (any case). */
int oqsdm_ini_has_section(const oqsdm_ini *ini, const char *section);

/* 1 if nothing but `section` is in the file: every line is blank, that
 * section's header or one of its keys (no other section, no comment, no
 * key before the first section). Who may delete a shared file asks this. */
int oqsdm_ini_only_section(const oqsdm_ini *ini, const char *section);

oqsdm_ini_encoding oqsdm_ini_encoding_of(const oqsdm_ini *ini);

/* 1 when the file's lines end in CRLF (the majority decides). */
int oqsdm_ini_uses_crlf(const oqsdm_ini *ini);

size_t oqsdm_ini_line_count(const oqsdm_ini *ini);

void oqsdm_ini_free(oqsdm_ini *ini);

/* --- writing --- */

/* A new, empty INI as Notepad writes one: UTF-8 without BOM, CRLF. */
oqsdm_ini_status oqsdm_ini_new(oqsdm_ini **out);

/* Sets key in section to `value` (UTF-8), matching names as
 * oqsdm_ini_get does:
 *  - the first occurrence (the one oqsdm_ini_get returns) is replaced in
 *    place; a value that would not read back as it is (blanks at its ends,
 *    or a pair of quotes around it) is written in double quotes, and a
 *    value that was quoted stays quoted;
 *  - a missing key is added as `Key=Value` after the last key line of the
 *    first such section, before the blank and comment lines that end it;
 *  - a missing section is added at the end of the file after a blank line.
 * Added lines take the file's line end (the majority; CRLF in a file that
 * has none yet, and where a bare CR would pair with a neighbour's LF), and
 * a last line without one gets it first.
 * In an ANSI file a non-ASCII value is converted to CP932
 * (oqsdm_plat_utf8_to_cp932). BAD_VALUE: CR or LF in the value, or not
 * UTF-8; NOT_CP932: an ANSI file cannot hold it; BAD_NAME: an empty name,
 * blanks at its ends, CR or LF, ']' in a section, a key with '=' or one
 * that starts with ';' or '[', and for a name that must be added: not
 * UTF-8, or not ASCII in an ANSI file. On these errors nothing changed
 * (NOMEM may leave a new section without its key). */
oqsdm_ini_status oqsdm_ini_set(oqsdm_ini *ini, const char *section, const char *key, const char *value);

/* Adds `[section]` at the end (after a blank line) unless the section is
 * there already. Same name rules as oqsdm_ini_set. */
oqsdm_ini_status oqsdm_ini_add_section(oqsdm_ini *ini, const char *section);

/* The file's bytes: its encoding and BOM, every line and line end as read
 * or as set. *out is malloc'd (free it); a result larger than
 * OQSDM_INI_MAX_BYTES is refused (TOO_LARGE), so what is written can be
 * read again. */
oqsdm_ini_status oqsdm_ini_serialize(const oqsdm_ini *ini, unsigned char **out, size_t *out_len);

#endif
