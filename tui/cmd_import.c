/* cmd_import.c: import commands. `import electors --check` validates an
 * electors file without any database, for HR before sending it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "cmd.h"

struct import_args {
	const char *file;
	struct act_import a;
	int check;
};

static int
import_usage(const char *why)
{
	fprintf(stderr, "isoloir-console : %s\nusage : isoloir-console import electors --check FICHIER "
	    "--colleges \"A,B,C\" --election-date AAAA-MM-JJ\n", why);
	return 2;
}

static int
parse_args(int argc, char **argv, struct import_args *a)
{
	struct err e;

	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--check") == 0 && v != NULL) {
			a->check = 1;
			a->file = argv[++i];
		} else if (strcmp(argv[i], "--colleges") == 0 && v != NULL) {
			if (act_import_colleges(&a->a, argv[++i], &e) == -1)
				return import_usage(e.msg);
		} else if (strcmp(argv[i], "--election-date") == 0 && v != NULL) {
			if (act_import_date(&a->a, argv[++i], &e) == -1)
				return import_usage(e.msg);
		} else {
			return import_usage("option inconnue ou incomplète");
		}
	}
	if (!a->check)
		return import_usage("seule la vérification (--check) est disponible sans base de données");
	if (a->a.ncolleges == 0 || a->a.date == 0)
		return import_usage("--colleges et --election-date sont obligatoires");
	return 0;
}

int
cmd_import_electors(int argc, char **argv)
{
	struct import_args a = { 0 };
	struct import_report rep;
	struct err e;
	int rc;

	if ((rc = parse_args(argc, argv, &a)) != 0)
		goto out;
	if (act_import_check(a.file, &a.a, &rep, &e) == -1) {
		fprintf(stderr, "%s\n", e.msg);
		rc = 1;
		goto out;
	}
	for (size_t i = 0; i < rep.kept; i++)
		fprintf(stderr, "%s\n", rep.errors[i]);
	if (rep.nerrors > rep.kept)
		fprintf(stderr, "… et %lu autres erreurs\n", rep.nerrors - rep.kept);
	if (rep.nerrors == 0)
		printf("%lu électeur%s\n", rep.rows, rep.rows > 1 ? "s" : "");
	rc = rep.nerrors == 0 ? 0 : 1;
	import_report_free(&rep);
out:
	act_import_free(&a.a);
	return rc;
}
