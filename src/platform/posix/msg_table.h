/*
 * msg_table.h: the catalogue as a C table, generated at build time from
 * res/messages.tsv (the native build has no STRINGTABLE to read).
 */
#ifndef OQSDM_MSG_TABLE_H
#define OQSDM_MSG_TABLE_H

extern const char *const oqsdm_msg_table[][2];
extern const int oqsdm_msg_table_count;

#endif
