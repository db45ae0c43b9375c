/* cmd_emargement.c: `emargement export`, the émargement list of a closed
 * scrutin for its bureau (R-BUR-6): CSV and PDF, journaled with their
 * digests (tui/act_emargement.c). Run with the bureau's configuration (bureau.conf): the
 * console's account cannot read the émargement. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "cmd.h"
#include "pv.h"


int
cmd_emargement_export(int argc, char **argv)
{
	const char *conf = NULL, *csv = NULL, *pdf = NULL;
	unsigned scrutin = 0;
	struct act_emarg x;
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	struct err e;
	int rc = 1;

	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--out") == 0 && v != NULL)
			csv = argv[++i];
		else if (strcmp(argv[i], "--pdf") == 0 && v != NULL)
			pdf = argv[++i];
		else if (strcmp(argv[i], "-c") == 0 && v != NULL)
			conf = argv[++i];
		else if (argv[i][0] != '-' && scrutin == 0)
			scrutin = (unsigned)strtoul(argv[i], NULL, 10);
		else
			scrutin = 0, argc = -1;
	}
	if (scrutin == 0 || csv == NULL) {
		fprintf(stderr, "usage : isoloir-console emargement export SCRUTIN --out LISTE.csv "
		    "[--pdf LISTE.pdf] -c bureau.conf\n");
		return 2;
	}
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1 ||
	    act_emargement_export(d.el, scrutin, csv, pdf, &x, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	printf("liste d'émargement du scrutin « %s » : %lu inscrits, %lu votants\n  %s  SHA-256 %s\n",
	    x.sum.title, x.sum.inscrits, x.sum.votants, csv, x.sha_csv);
	if (pdf != NULL)
		printf("  %s  SHA-256 %s\n", pdf, x.sha_pdf);
	rc = 0;
out:
	/* the font caches of the PDF, so that leak checkers see none */
	pv_release();
	act_close(&d);
	conf_free(c);
	return rc;
}
