/*
 * version_file.h: reading an application's Version.info file.
 *
 * The guide (p.3) tells staff to open three plain-text files and read the
 * version; their format is not published and no sample is. So the reader
 * is tolerant in what it decodes and strict in what it concludes:
 *  - at most OQSDM_VERSION_FILE_MAX bytes are read; a larger file is
 *    unknown (too_large), never read in part;
 *  - encodings: UTF-8 with or without BOM, UTF-16 LE/BE with BOM, or
 *    without one when its mostly ASCII text has all its NULs on one side
 *    of each pair (Notepad reads such a file too), else CP932 (what
 *    Notepad and Japanese Windows tools write); bytes that are
 *    none of these are unknown (bad_encoding). NULs at the very end (a C
 *    string's terminator written out) are ignored; a NUL anywhere else
 *    means the file is not text: bad_encoding, not a guess from fragments;
 *  - the text (any line ends, other lines around it) goes to
 *    oqsdm_version_find() (version.h), whose rules decide: found, or
 *    unknown with no_version or ambiguous.
 * A missing file (or a folder at that path) is `missing`: the application
 * is not installed there, which is a status, not an error.
 *
 * The guide's paths, relative to Program Files (resolve them with
 * oqsdm_path_in_folder_ci, paths.h, so --root trees on Linux match in any
 * letter case, as Windows does: the guide itself spells Version.info and
 * Version.Info).
 */
#ifndef OQSDM_VERSION_FILE_H
#define OQSDM_VERSION_FILE_H

#include <stddef.h>
#include "version.h"

#define OQSDM_VERSION_FILE_MAX (64 * 1024)

#define OQSDM_VERSION_FILE_DISTRO_REL "OQS\\OQSDistroApp\\Version.Info"
#define OQSDM_VERSION_FILE_COM_REL "OQS\\OQSComApp\\Version.info"
#define OQSDM_VERSION_FILE_FACE_REL "OQS-Auth\\Version.Info"

typedef enum oqsdm_vfile_status {
    OQSDM_VFILE_FOUND = 0,
    OQSDM_VFILE_MISSING = 1,
    OQSDM_VFILE_UNKNOWN = 2
} oqsdm_vfile_status;

/* Why a file gave no version; stable numbers and names (JSON "reason"). */
typedef enum oqsdm_vfile_reason {
    OQSDM_VFILE_R_NONE = 0,          /* found or missing (no file at all) */
    OQSDM_VFILE_R_NO_VERSION = 1,    /* no version in the text (empty, only dates, ...) */
    OQSDM_VFILE_R_AMBIGUOUS = 2,     /* different versions, none preferred */
    OQSDM_VFILE_R_TOO_LARGE = 3,     /* over OQSDM_VERSION_FILE_MAX */
    OQSDM_VFILE_R_BAD_ENCODING = 4,  /* not text in any encoding read, or a NUL inside */
    OQSDM_VFILE_R_IO = 5,            /* the file exists but could not be read */
    OQSDM_VFILE_R_NOMEM = 6,
    OQSDM_VFILE_R_FOLDER = 7         /* missing: a folder stands where the file should be */
} oqsdm_vfile_reason;

typedef enum oqsdm_vfile_encoding {
    OQSDM_VFILE_ENC_NONE = 0,        /* not decoded */
    OQSDM_VFILE_ENC_UTF8,            /* valid UTF-8 (or ASCII), no BOM */
    OQSDM_VFILE_ENC_UTF8_BOM,
    OQSDM_VFILE_ENC_UTF16LE,         /* with BOM */
    OQSDM_VFILE_ENC_UTF16BE,         /* with BOM */
    OQSDM_VFILE_ENC_CP932            /* not UTF-8, read as CP932 */
} oqsdm_vfile_encoding;

typedef struct oqsdm_version_file {
    oqsdm_vfile_status status;
    oqsdm_vfile_reason reason;
    oqsdm_vfile_encoding encoding;
    oqsdm_version_rule rule;                /* FOUND and AMBIGUOUS: labelled or bare */
    oqsdm_version version;                  /* FOUND */
    char normalised[OQSDM_VERSION_TEXT_MAX];/* FOUND: "1.0.10"; else "" */
    char raw[OQSDM_VERSION_RAW_MAX];        /* FOUND, AMBIGUOUS: the number as written, UTF-8 */
    char raw_other[OQSDM_VERSION_RAW_MAX];  /* AMBIGUOUS: a disagreeing one, UTF-8 */
} oqsdm_version_file;

/* Reads the file at `path` (UTF-8) and fills *out in every case. */
void oqsdm_version_file_read(const char *path, oqsdm_version_file *out);

/* The same for bytes already in memory (the file's whole content). */
void oqsdm_version_file_from_bytes(const unsigned char *data, size_t len, oqsdm_version_file *out);

/* Stable names: "found", "missing", "unknown". */
const char *oqsdm_vfile_status_name(oqsdm_vfile_status status);
/* Stable names: "", "no_version", "ambiguous", "too_large", "bad_encoding", "io", "nomem". */
const char *oqsdm_vfile_reason_name(oqsdm_vfile_reason reason);
/* Stable names: "", "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "cp932". */
const char *oqsdm_vfile_encoding_name(oqsdm_vfile_encoding enc);

#endif
