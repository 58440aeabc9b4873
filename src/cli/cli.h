/*
 * cli.h: the console program's body, called by a per-platform entry point
 * that hands over the arguments as UTF-8.
 */
#ifndef OQSDM_CLI_H
#define OQSDM_CLI_H

int oqsdm_cli_main(int argc, char **argv);

#endif
