/* cmd_testvote.c: `test electors`, the fictitious electors of a scrutin's
 * test vote (R-BUR-2, lib/testvote.c); their credentials go to a 0600 file
 * for the bureau and the cellule who run the test vote. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "cmd.h"

int
cmd_test_electors(int argc, char **argv)
{
	const char *conf = NULL, *path = NULL;
	unsigned scrutin = 0, n = 0;
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	struct err e;
	int rc = 1;

	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--count") == 0 && v != NULL)
			n = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--out") == 0 && v != NULL)
			path = argv[++i];
		else if (strcmp(argv[i], "-c") == 0 && v != NULL)
			conf = argv[++i];
		else if (argv[i][0] != '-' && scrutin == 0)
			scrutin = (unsigned)strtoul(argv[i], NULL, 10);
		else
			scrutin = 0, argc = -1;
	}
	if (scrutin == 0 || n == 0 || path == NULL) {
		fprintf(stderr, "usage : isoloir-console test electors SCRUTIN --count N --out FICHIER "
		    "[-c CONF]   (vote à blanc)\n");
		return 2;
	}
	if ((c = act_conf_load(conf, &e)) == NULL ||
	    act_test_electors(c, &d, scrutin, n, path, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	printf("%u électeur%s de test pour le vote à blanc du scrutin n° %u : %s\n", n,
	    n > 1 ? "s" : "", scrutin, path);
	rc = 0;
out:
	act_close(&d);
	conf_free(c);
	return rc;
}
