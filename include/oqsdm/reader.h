/*
 * reader.h: the fourth application, the face-auth card reader's app.
 *
 * It runs on the reader itself, so no file on the terminal holds its
 * version: staff read it in the vendor's PC tool (the guide's 別紙) and
 * type it in. What Windows lists under installed programs is that PC
 * tool, whose own version is another number; its DisplayName is used only
 * to guess WHICH vendor's steps to show, from the data file's table.
 *
 * What staff entered is kept in oqsdm's state folder (reader.json), with
 * the date, marked as entered by hand, so the next check still has it.
 * The file is outside input like any other: it is parsed strictly and a
 * damaged one counts as "nothing entered".
 */
#ifndef OQSDM_READER_H
#define OQSDM_READER_H

#include <stddef.h>
#include "data.h"
#include "error.h"
#include "msg.h"
#include "version.h"

#define OQSDM_READER_FILE "reader.json"
#define OQSDM_READER_MAX_BYTES (16 * 1024)

typedef struct oqsdm_reader_entry {
    char vendor[16];                      /* a vendor id of the data file, "" when not chosen */
    int has_version;
    oqsdm_version version;
    char normalised[OQSDM_VERSION_TEXT_MAX];
    char raw[OQSDM_VERSION_RAW_MAX];      /* as typed */
    char entered_at[40];                  /* ISO 8601 local time */
    /* The vendor whose tool the version was read on ("" when none was
     * known then). A version read on one maker's reader says nothing
     * about another's: when the vendor is changed afterwards, the number
     * stays in the file but no longer counts (versions.c). */
    char version_vendor[16];
} oqsdm_reader_entry;

/* Parses reader.json. 0 on success; -1 when it is not such a file (the
 * entry is then empty). */
int oqsdm_reader_entry_parse(const char *json, size_t len, const oqsdm_data *d, oqsdm_reader_entry *out);

/* The entry as reader.json text (malloc'd), NULL when out of memory. */
char *oqsdm_reader_entry_json(const oqsdm_reader_entry *e);

/* Reads <state_dir>/reader.json; a missing or damaged file gives an empty
 * entry (and 1 for damaged, 0 otherwise). */
int oqsdm_reader_entry_load(const char *state_dir, const oqsdm_data *d, oqsdm_reader_entry *out);

/* Writes it atomically, creating the folder. A reader.json that
 * oqsdm_reader_entry_load would not read (damaged, a newer schema, a maker
 * `d` does not know) is first kept as reader.json.bad. */
oqsdm_err oqsdm_reader_entry_save(const char *state_dir, const oqsdm_data *d, const oqsdm_reader_entry *e,
                                  oqsdm_lang lang, oqsdm_error *err);

/* Turns what staff typed ("1.2.3", "Ver.1.2.3", full-width digits) into the
 * entry's version. 0 on success; -1 when it holds no single version. */
int oqsdm_reader_entry_set_version(oqsdm_reader_entry *e, const char *typed);

typedef struct oqsdm_vendor_guess {
    int vendor;             /* index into data->vendors, -1 when none or several */
    int ambiguous;          /* programs of more than one vendor are installed */
    char program[256];      /* the DisplayName that matched (the first, when ambiguous) */
} oqsdm_vendor_guess;

/* Guesses the vendor from installed programs' DisplayNames (pure). A
 * pattern's texts joined by '+' must all occur, ignoring case and width. */
void oqsdm_reader_guess_vendor(const oqsdm_data *d, const char (*names)[256], size_t n,
                               oqsdm_vendor_guess *out);

#endif
