/*
 * entry_posix.c: native entry point; arguments are already UTF-8.
 */
#include "cli.h"

int main(int argc, char **argv)
{
    return oqsdm_cli_main(argc, argv);
}
