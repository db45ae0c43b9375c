/* cmd_round2.c: `scrutin round2`, the second round of a counted scrutin
 * (R-ORG-3, lib/round2.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "cmd.h"
#include "round2.h"

int
cmd_scrutin_round2(int argc, char **argv)
{
	const char *conf = NULL, *reason = NULL;
	unsigned from = 0, seats = 0;
	struct round2_result r;
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	struct err e;
	int rc = 1;

	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--seats") == 0 && v != NULL)
			seats = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--reason") == 0 && v != NULL)
			reason = argv[++i];
		else if (strcmp(argv[i], "-c") == 0 && v != NULL)
			conf = argv[++i];
		else if (argv[i][0] != '-' && from == 0)
			from = (unsigned)strtoul(argv[i], NULL, 10);
		else
			from = 0, argc = -1;
	}
	if (from == 0) {
		fprintf(stderr, "usage : isoloir-console scrutin round2 SCRUTIN [--seats N] "
		    "[--reason TEXTE] [-c CONF]\n");
		return 2;
	}
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1 ||
	    round2_create(d.el, from, seats, act_actor(), reason, &r, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	printf("Second tour créé : scrutin n° %u « en préparation », %lu électeurs, %lu liste%s "
	    "reportée%s (%lu candidats) ; un fichier de candidatures avec tour = 2 les remplace.\n",
	    r.scrutin, r.electors, r.lists, r.lists > 1 ? "s" : "", r.lists > 1 ? "s" : "",
	    r.candidates);
	rc = 0;
out:
	act_close(&d);
	conf_free(c);
	return rc;
}
