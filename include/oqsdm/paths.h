/*
 * paths.h: where oqsdm's files are, with --root applied.
 *
 * Every path oqsdm reads or writes is a Windows path on C:\ in the guide
 * (C:\ProgramData\OQS\OQSDistroApp\config\OQSDistroApp.ini, ...). --root
 * DIR maps C:\ to DIR, so the same code can read a copied tree (tests, a
 * vendor's copy of a terminal). Without --root the platform's known
 * folders are used.
 */
#ifndef OQSDM_PATHS_H
#define OQSDM_PATHS_H

#include <stddef.h>
#include "platform.h"

/* The INI, relative to ProgramData. */
#define OQSDM_INI_REL "OQS\\OQSDistroApp\\config\\OQSDistroApp.ini"
/* oqsdm's own state (log, caches, backups), relative to ProgramData. */
#define OQSDM_STATE_REL "OQS\\OQSDistroApp\\oqsdm"

/* Path of `rel` (backslash-separated) inside a known folder. With a root
 * the folder is <root>/ProgramData or <root>/Program Files. 0 on success,
 * -1 if it does not fit. */
int oqsdm_path_in_folder(const char *root, oqsdm_folder f, const char *rel,
                         char *out, size_t size);

/* Maps a Windows path from a setting ("C:\certs\ca.pem") under root, or
 * returns it unchanged without root. A relative path is taken relative to
 * `base_dir`. 0 on success, -1 if it does not fit. */
int oqsdm_path_map(const char *root, const char *base_dir, const char *winpath,
                   char *out, size_t size);

/* Folder part of a path (everything before the last separator). */
void oqsdm_path_dirname(const char *path, char *out, size_t size);

#endif
