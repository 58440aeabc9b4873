/*
 * cli.h: oqsdm-cli, the console twin of the dialog.
 *
 * cli.c parses the global options and hands the rest of the command line
 * to one command, each in a file of its own (cmd_<name>.c). Every command
 * follows the same contract, so a vendor's script can rely on it:
 *   exit 0 all green, 1 something red, 2 usage or configuration error
 *   (nothing was checked), 3 checked, nothing red, something unknown;
 *   with --json exactly one JSON object on stdout, and on exit 2 that
 *   object is {"error":{"code":"...","message":"..."}}.
 */
#ifndef OQSDM_CLI_H
#define OQSDM_CLI_H

#include "oqsdm/app.h"
#include "oqsdm/error.h"

#include <cjson/cJSON.h>

enum { OQSDM_EXIT_GREEN = 0, OQSDM_EXIT_RED = 1, OQSDM_EXIT_USAGE = 2, OQSDM_EXIT_UNKNOWN = 3 };

typedef struct oqsdm_cli {
    oqsdm_options opt;   /* global options: --config, --root, --lang */
    int json;            /* --json, anywhere on the line */
    int argc;            /* the command's own arguments, --json taken out */
    char **argv;
} oqsdm_cli;

/* Body of main, called by the platform's entry point with UTF-8 argv. */
int oqsdm_cli_main(int argc, char **argv);

/* Prints an error (JSON error object with --json, else the message on
 * stderr, and the usage text for usage errors) and returns exit 2. */
int oqsdm_cli_fail(const oqsdm_cli *c, oqsdm_err code, const char *message);

/* A usage error naming the word that was not understood. */
int oqsdm_cli_bad_arg(const oqsdm_cli *c, const char *word);

/* Prints o on one line and frees it. */
void oqsdm_cli_print_json(cJSON *o);

/* The value after option argv[*i] (advancing *i), or NULL when there is
 * none: then the caller reports a usage error. */
const char *oqsdm_cli_value(const oqsdm_cli *c, int *i);

/* The commands. */
int oqsdm_cmd_check_connection(oqsdm_cli *c);
int oqsdm_cmd_versions(oqsdm_cli *c);
int oqsdm_cmd_diagnose(oqsdm_cli *c);
int oqsdm_cmd_fix(oqsdm_cli *c);
int oqsdm_cmd_settings(oqsdm_cli *c);

#endif
