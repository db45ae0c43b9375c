/* cmd_pv.c: `isoloir-console pv --rules RESULTAT.json --header EN-TETE.json
 * --out PV.pdf [--csv PV.csv]`: the procès-verbal (R-RES-3) from the
 * counting law's output and the election's header, both files, so the
 * bureau can print it on a machine without the databases. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "pv.h"

int
cmd_pv(int argc, char **argv)
{
	const char *rules = NULL, *header = NULL, *out = NULL, *csv = NULL;
	struct pv_doc *d = NULL;
	struct err e;
	int rc = 1;

	for (int i = 0; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--rules") == 0)
			rules = argv[i + 1];
		else if (strcmp(argv[i], "--header") == 0)
			header = argv[i + 1];
		else if (strcmp(argv[i], "--out") == 0)
			out = argv[i + 1];
		else if (strcmp(argv[i], "--csv") == 0)
			csv = argv[i + 1];
		else
			rules = header = NULL;   /* unknown option: usage */
	}
	if (rules == NULL || header == NULL || out == NULL || argc % 2 != 0) {
		fprintf(stderr, "usage : isoloir-console pv --rules RESULTAT.json --header EN-TETE.json "
		    "--out PV.pdf [--csv PV.csv]\n");
		return 2;
	}
	if ((d = pv_doc_load(rules, header, &e)) == NULL || pv_pdf_write(d, out, &e) == -1 ||
	    (csv != NULL && pv_csv_write(d, csv, &e) == -1)) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	printf("%s écrit (empreinte des résultats %s)\n", out, d->digest);
	if (csv != NULL)
		printf("%s écrit\n", csv);
	rc = 0;
out:
	pv_doc_free(d);
	return rc;
}
