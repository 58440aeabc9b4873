/*
 * msg.h: user-visible text, looked up by id from the one message catalogue.
 *
 * The catalogue is res/messages.tsv; the build generates msg_ids.h from it.
 * Where the strings come from is the platform's business (the Windows build
 * reads its STRINGTABLE, the native build a generated C table), so the core
 * only ever asks for an id in a language and gets UTF-8 back.
 */
#ifndef OQSDM_MSG_H
#define OQSDM_MSG_H

#include <stddef.h>
#include "msg_ids.h"

typedef enum oqsdm_lang {
    OQSDM_LANG_JA = 0,
    OQSDM_LANG_EN = 1
} oqsdm_lang;

/* The text of message `id` in `lang`, UTF-8, never NULL (an unknown id
 * yields a visible placeholder rather than a crash). */
const char *oqsdm_msg(oqsdm_lang lang, int id);

/* Formats message `id`, replacing {0}..{9} by args[0..nargs-1] (NULL args
 * print as empty). Always NUL-terminates; truncates at a UTF-8 boundary.
 * Returns buf. */
char *oqsdm_msgf(char *buf, size_t size, oqsdm_lang lang, int id,
                 const char *const *args, int nargs);

/* Convenience forms for one to four arguments. */
char *oqsdm_msgf1(char *buf, size_t size, oqsdm_lang lang, int id, const char *a0);
char *oqsdm_msgf2(char *buf, size_t size, oqsdm_lang lang, int id, const char *a0, const char *a1);
char *oqsdm_msgf4(char *buf, size_t size, oqsdm_lang lang, int id, const char *a0,
                  const char *a1, const char *a2, const char *a3);

/* The number of the message called `name` in the catalogue
 * ("READER_STEPS_FUJITSU"), -1 when there is none. */
int oqsdm_msg_id(const char *name);

/* "ja" / "en" to a language; returns 0 on success, -1 for anything else. */
int oqsdm_lang_parse(const char *s, oqsdm_lang *out);

#endif
