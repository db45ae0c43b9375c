/* cmd_import.c: import commands. `import electors --check` validates an
 * electors file without any database, for HR before sending it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "import_electors.h"
#include "xmalloc.h"

#define MAX_COLLEGES 16

struct import_args {
	const char *file;
	char *colleges_buf;
	const char *colleges[MAX_COLLEGES];
	size_t ncolleges;
	int date;
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
parse_colleges(struct import_args *a, const char *s)
{
	char *save = NULL, *t;

	a->colleges_buf = xstrdup(s);
	for (t = strtok_r(a->colleges_buf, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		if (*t == '\0' || a->ncolleges == MAX_COLLEGES)
			return -1;
		a->colleges[a->ncolleges++] = t;
	}
	return a->ncolleges > 0 ? 0 : -1;
}

static int
parse_args(int argc, char **argv, struct import_args *a)
{
	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--check") == 0 && v != NULL) {
			a->check = 1;
			a->file = argv[++i];
		} else if (strcmp(argv[i], "--colleges") == 0 && v != NULL) {
			if (parse_colleges(a, argv[++i]) == -1)
				return import_usage("liste de collèges invalide");
		} else if (strcmp(argv[i], "--election-date") == 0 && v != NULL) {
			if (strlen(v) != 10 || v[4] != '-' || (a->date = import_date(argv[++i])) == 0)
				return import_usage("date du scrutin invalide (AAAA-MM-JJ attendu)");
		} else {
			return import_usage("option inconnue ou incomplète");
		}
	}
	if (!a->check)
		return import_usage("seule la vérification (--check) est disponible sans base de données");
	if (a->ncolleges == 0 || a->date == 0)
		return import_usage("--colleges et --election-date sont obligatoires");
	return 0;
}

int
cmd_import_electors(int argc, char **argv)
{
	struct import_args a = { 0 };
	struct import_opts o;
	struct import_report rep;
	struct err e;
	int rc;

	if ((rc = parse_args(argc, argv, &a)) != 0)
		goto out;
	o.colleges = a.colleges;
	o.ncolleges = a.ncolleges;
	o.election_date = a.date;
	if (import_electors(a.file, &o, NULL, NULL, &rep, &e) == -1) {
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
	free(a.colleges_buf);
	return rc;
}
