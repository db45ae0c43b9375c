/* cmd.c: the table of isoloir-console's subcommands. */
#include "config.h"

#include <stddef.h>

#include "cmd.h"

const struct cmd cmd_table[] = {
	{ "import electors", cmd_import_electors,
	    "import electors --check FICHIER --colleges \"A,B\" --election-date AAAA-MM-JJ" },
	{ "tally", cmd_tally, "tally --conf FICHIER.conf --scrutin N   (totaux chiffrés de l'urne)" },
	{ NULL, NULL, NULL },
};
