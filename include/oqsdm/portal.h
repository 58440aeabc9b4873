/*
 * portal.h: the latest versions, as the portal page publishes them.
 *
 * The guide (p.3) sends staff to a page of the portal site and its section
 * "application version information" (the heading text is kept, escaped, in
 * portal.c). Its markup is not published and will change, so the page is
 * read the way a person reads it: the bytes are decoded the way a browser
 * decodes them, the section is found by its heading text, and the rows or
 * lines in it are matched by application name. Nothing outside that section
 * is ever taken, and whatever cannot be read is "unknown" with a reason.
 *
 * What comes back is the version TEXT of each application (the cell or the
 * rest of the line, whitespace collapsed, e.g. "Ver.1.0.10"); turning it
 * into a number is version.h's job. The card reader's app may be listed per
 * vendor: those rows come back per vendor beside the one for all vendors.
 *
 * Pure and portable: no network, no files. The caller fetches or loads the
 * page and passes its bytes with the HTTP Content-Type value, if any.
 * Everything here is bounded: pages above OQSDM_PORTAL_MAX_PAGE are refused,
 * texts are cut at OQSDM_PORTAL_TEXT_MAX bytes (at a UTF-8 boundary).
 *
 * Threads: libxml2 must be initialised once before threads use it; call
 * oqsdm_portal_init() from the main thread at start-up (the extractor also
 * calls it, which is enough in a single-threaded program).
 */
#ifndef OQSDM_PORTAL_H
#define OQSDM_PORTAL_H

#include <stddef.h>
#include "error.h"

/* Largest page accepted, in bytes as received (the real page is ~100 KB). */
#define OQSDM_PORTAL_MAX_PAGE ((size_t)8 * 1024 * 1024)
/* Size of a version text buffer, NUL included. */
#define OQSDM_PORTAL_TEXT_MAX 256

typedef enum oqsdm_portal_app {
    OQSDM_PORTAL_DISTRO = 0,  /* haishin apurikeeshon, OQSDistroApp */
    OQSDM_PORTAL_COM = 1,     /* renkei apurikeeshon, OqsComApp */
    OQSDM_PORTAL_FACE = 2,    /* kao ninshou raiburari, OqsFaceApp */
    OQSDM_PORTAL_READER = 3,  /* the face-auth card reader's app */
    OQSDM_PORTAL_APP_COUNT = 4
} oqsdm_portal_app;

/* The guide's five card reader vendors (p.14-19). */
typedef enum oqsdm_portal_vendor {
    OQSDM_PORTAL_FUJITSU = 0,    /* Fujitsu Japan (Caora) */
    OQSDM_PORTAL_PANASONIC = 1,  /* Panasonic Connect */
    OQSDM_PORTAL_ALMEX = 2,      /* ALMEX (Myna Touch) */
    OQSDM_PORTAL_CANON = 3,      /* Canon Marketing Japan */
    OQSDM_PORTAL_ATLAS = 4,      /* Atlas Information Service (EXC-9000) */
    OQSDM_PORTAL_VENDOR_COUNT = 5
} oqsdm_portal_vendor;

/* Why a text is unknown; stable numbers (and names, for JSON). */
typedef enum oqsdm_portal_reason {
    OQSDM_PORTAL_FOUND = 0,        /* "found": the text is set */
    OQSDM_PORTAL_R_TOO_LARGE = 1,  /* "page_too_large": above OQSDM_PORTAL_MAX_PAGE */
    OQSDM_PORTAL_R_ENCODING = 2,   /* "encoding": a charset we cannot decode */
    OQSDM_PORTAL_R_NOT_HTML = 3,   /* "not_html": libxml2 made no document of it */
    OQSDM_PORTAL_R_NO_SECTION = 4, /* "no_section": no heading with the section's name */
    OQSDM_PORTAL_R_NOT_LISTED = 5, /* "not_listed": the section does not name it */
    OQSDM_PORTAL_R_NO_VERSION = 6, /* "no_version": named, but no text with a digit beside it */
    OQSDM_PORTAL_R_PER_VENDOR = 7, /* "per_vendor": reader only, see the vendor rows */
    OQSDM_PORTAL_R_NO_MEMORY = 8   /* "no_memory" */
} oqsdm_portal_reason;

typedef enum oqsdm_portal_encoding {
    OQSDM_PORTAL_UTF8 = 0,
    OQSDM_PORTAL_SHIFT_JIS = 1,    /* decoded as CP932, Windows' Shift_JIS, as browsers do */
    OQSDM_PORTAL_EUC_JP = 2,
    OQSDM_PORTAL_UTF16LE = 3,
    OQSDM_PORTAL_UTF16BE = 4,
    OQSDM_PORTAL_WINDOWS_1252 = 5  /* also what "iso-8859-1" and "us-ascii" mean to a browser */
} oqsdm_portal_encoding;

/* Where the encoding was decided, in a browser's order of precedence. */
typedef enum oqsdm_portal_enc_source {
    OQSDM_PORTAL_SRC_BOM = 0,      /* a byte order mark wins over everything */
    OQSDM_PORTAL_SRC_HEADER = 1,   /* charset= of the HTTP Content-Type */
    OQSDM_PORTAL_SRC_META = 2,     /* <meta charset> / http-equiv in the first 1024 bytes */
    OQSDM_PORTAL_SRC_SNIFFED = 3   /* (mostly) valid UTF-8, else Shift_JIS (see portal_decode.c) */
} oqsdm_portal_enc_source;

typedef struct oqsdm_portal_decoded {
    char *text;         /* malloc'd UTF-8, NUL-terminated, no NUL inside */
    size_t len;
    oqsdm_portal_encoding encoding;
    oqsdm_portal_enc_source source;
    size_t replaced;    /* undecodable sequences (now U+FFFD) and dropped controls */
    char detail[160];   /* English detail when decoding failed */
} oqsdm_portal_decoded;

/* One application's (or one vendor row's) latest version text. */
typedef struct oqsdm_portal_text {
    oqsdm_portal_reason reason;          /* OQSDM_PORTAL_FOUND when text is set */
    char text[OQSDM_PORTAL_TEXT_MAX];    /* UTF-8, "" unless found; never empty when found */
} oqsdm_portal_text;

typedef struct oqsdm_portal_result {
    oqsdm_portal_reason page;     /* FOUND when the section was found, else the page's reason */
    char detail[256];             /* English detail of `page` (what, how large, which charset) */
    int decoded;                  /* 1 when encoding/source below are set */
    oqsdm_portal_encoding encoding;
    oqsdm_portal_enc_source encoding_source;
    oqsdm_portal_text app[OQSDM_PORTAL_APP_COUNT];
    oqsdm_portal_text vendor[OQSDM_PORTAL_VENDOR_COUNT];  /* reader rows per vendor */
} oqsdm_portal_result;

/* Initialises libxml2 once; see the threads note above. */
void oqsdm_portal_init(void);

/* Decodes page bytes to UTF-8 as a browser would: BOM, then the charset of
 * `content_type` (may be NULL), then a <meta> in the first 1024 bytes, then
 * sniffing. Invalid sequences become U+FFFD, NUL and the other C0
 * controls but tab, CR, LF are dropped (form feed is a space), so the text
 * is safe for libxml2 and reads as a browser shows it. Returns
 * OQSDM_PORTAL_FOUND with out->text set, or TOO_LARGE, ENCODING (detail
 * set) or NO_MEMORY with out->text NULL. */
oqsdm_portal_reason oqsdm_portal_decode(const char *page, size_t len, const char *content_type,
                                        oqsdm_portal_decoded *out);
void oqsdm_portal_decoded_free(oqsdm_portal_decoded *d);

/* Extracts the four versions (and the reader's vendor rows) from a page.
 * Returns OQSDM_OK whenever `out` is filled, even if everything in it is
 * unknown (a page without the section is a result, not an error);
 * OQSDM_E_NOMEM if memory ran out, OQSDM_E_USAGE for NULL arguments, with
 * `err` (may be NULL) set and every text unknown. */
oqsdm_err oqsdm_portal_extract(const char *page, size_t len, const char *content_type,
                               oqsdm_portal_result *out, oqsdm_error *err);

/* The reader's text for `vendor`: its own row when found, else the row for
 * all vendors when found, else NULL. vendor < 0 asks for the latter only. */
const char *oqsdm_portal_reader_text(const oqsdm_portal_result *r, int vendor);

/* "distro", "com", "face", "reader"; NULL when out of range. */
const char *oqsdm_portal_app_id(oqsdm_portal_app a);
/* The application's Japanese name as the guide spells it (UTF-8). */
const char *oqsdm_portal_app_name(oqsdm_portal_app a);
/* "fujitsu", "panasonic", "almex", "canon", "atlas"; NULL when out of range. */
const char *oqsdm_portal_vendor_id(oqsdm_portal_vendor v);
/* The vendor's Japanese name as the guide spells it (UTF-8). */
const char *oqsdm_portal_vendor_name(oqsdm_portal_vendor v);
/* The vendor named in a UTF-8 text (a row of the page, an installed
 * program's DisplayName), by the same width-insensitive names the extractor
 * matches; -1 when none. */
int oqsdm_portal_vendor_find(const char *utf8);
/* "found", "page_too_large", ... as listed at oqsdm_portal_reason. */
const char *oqsdm_portal_reason_name(oqsdm_portal_reason r);
/* "UTF-8", "Shift_JIS", "EUC-JP", "UTF-16LE", "UTF-16BE", "windows-1252". */
const char *oqsdm_portal_encoding_name(oqsdm_portal_encoding e);
/* "bom", "header", "meta", "sniffed". */
const char *oqsdm_portal_enc_source_name(oqsdm_portal_enc_source s);

#endif
