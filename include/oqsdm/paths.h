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

/* Resolves `rel` (separated by '\\' or '/') below the folder `base`,
 * matching every component in any ASCII letter case, as Windows does (the
 * guide spells both Version.info and Version.Info; a tree copied to Linux
 * keeps whichever the terminal had). An exact match is preferred. 0 when
 * every component exists (out is the real path), 1 when one does not (out
 * goes on with the rest as given, so opening it finds nothing), -1 if out
 * is too small or a component longer than 255 bytes. `base` itself is
 * taken as it is. */
int oqsdm_path_resolve_ci(const char *base, const char *rel, char *out, size_t size);

/* oqsdm_path_in_folder with the folder's name under root (or, without
 * root, `rel` under the platform's folder) resolved by
 * oqsdm_path_resolve_ci. Same results. */
int oqsdm_path_in_folder_ci(const char *root, oqsdm_folder f, const char *rel,
                            char *out, size_t size);

/* Folder part of a path (everything before the last separator). */
void oqsdm_path_dirname(const char *path, char *out, size_t size);

#endif
