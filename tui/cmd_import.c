/* cmd_import.c: import commands. `import electors --check` validates an
 * electors file without any database, for HR before sending it;
 * `import electors FILE` runs the same validation and writes the file into
 * the electors database, all or nothing (lib/import_db.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "act.h"
#include "buf.h"
#include "candidates.h"
#include "candidates_db.h"
#include "delegates.h"
#include "cmd.h"
#include "import_db.h"
#include "import_electors.h"

struct import_args {
	const char *file;
	struct act_import chk;        /* collèges and date of the check */
	int check;
	const char *conf, *operation, *justification;
};

static int
import_usage(const char *why)
{
	fprintf(stderr, "isoloir-console : %s\nusage : isoloir-console import electors --check FICHIER "
	    "--colleges \"A,B,C\" --election-date AAAA-MM-JJ\n"
	    "        isoloir-console import electors FICHIER [--operation CODE] "
	    "[--justification TEXTE] [-c CONF]\n", why);
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
			if (act_import_colleges(&a->chk, argv[++i], &e) == -1)
				return import_usage(e.msg);
		} else if (strcmp(argv[i], "--election-date") == 0 && v != NULL) {
			if (act_import_date(&a->chk, argv[++i], &e) == -1)
				return import_usage(e.msg);
		} else if (strcmp(argv[i], "--operation") == 0 && v != NULL) {
			a->operation = argv[++i];
		} else if (strcmp(argv[i], "--justification") == 0 && v != NULL) {
			a->justification = argv[++i];
		} else if (strcmp(argv[i], "-c") == 0 && v != NULL) {
			a->conf = argv[++i];
		} else if (argv[i][0] != '-' && a->file == NULL) {
			a->file = argv[i];
		} else {
			return import_usage("option inconnue ou incomplète");
		}
	}
	if (a->file == NULL)
		return import_usage("fichier manquant");
	if (!a->check) {
		if (a->chk.ncolleges > 0 || a->chk.date != 0)
			return import_usage("--colleges et --election-date ne servent qu'avec --check : "
			    "l'import les prend dans l'opération");
		return 0;
	}
	if (a->chk.ncolleges == 0 || a->chk.date == 0)
		return import_usage("--colleges et --election-date sont obligatoires");
	return 0;
}

/* Every error of the report, then the count; 0 when the file is clean. */
static int
print_report(const struct import_report *rep)
{
	for (size_t i = 0; i < rep->kept; i++)
		fprintf(stderr, "%s\n", rep->errors[i]);
	if (rep->nerrors > rep->kept)
		fprintf(stderr, "… et %lu autres erreurs\n", rep->nerrors - rep->kept);
	if (rep->nerrors > 0)
		fprintf(stderr, "import refusé : %lu erreur%s, rien n'est enregistré\n",
		    rep->nerrors, rep->nerrors > 1 ? "s" : "");
	return rep->nerrors == 0 ? 0 : 1;
}

static int
import_into_db(const struct import_args *a)
{
	struct import_db_opts o = { a->operation, act_actor(), a->justification, time(NULL), NULL };
	struct import_db_result res;
	struct import_report rep = { 0 };
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	struct err e;
	int rc = 1;

	if ((c = act_conf_load(a->conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1 ||
	    import_electors_db(d.el, a->file, &o, &rep, &res, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	if (print_report(&rep) != 0)
		goto out;
	printf("%lu électeur%s importé%s (%lu ajouté%s, %lu modifié%s, %lu retiré%s), "
	    "%u inscription%s aux scrutins, import n° %u, SHA-256 %s\n",
	    res.rows, res.rows > 1 ? "s" : "", res.rows > 1 ? "s" : "",
	    res.inserted, res.inserted > 1 ? "s" : "", res.updated, res.updated > 1 ? "s" : "",
	    res.removed, res.removed > 1 ? "s" : "", res.links, res.links > 1 ? "s" : "",
	    res.run, res.sha256);
	if (res.without_scrutin > 0)
		printf("attention : %lu électeur%s sans scrutin (établissement et collège sans "
		    "scrutin créé)\n", res.without_scrutin, res.without_scrutin > 1 ? "s" : "");
	rc = 0;
out:
	import_report_free(&rep);
	act_close(&d);
	conf_free(c);
	return rc;
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
	if (!a.check) {
		rc = import_into_db(&a);
		goto out;
	}
	if (act_import_check(a.file, &a.chk, &rep, &e) == -1) {
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
	act_import_free(&a.chk);
	return rc;
}

/* ------------------------------------------------------------ candidates */

static int
cand_usage(const char *why)
{
	fprintf(stderr, "isoloir-console : %s\nusage : isoloir-console import candidates FICHIER "
	    "[--fichiers DOSSIER] [--operation CODE] [-c CONF]\n        isoloir-console import candidates --check "
	    "FICHIER\n", why);
	return 2;
}

/* The file alone: its fields and the shape of its lists. */
static int
cand_check(const char *file)
{
	struct import_report rep;
	struct cand_file f;
	struct err e;
	int rc;

	if (candidates_read(file, &f, &rep, &e) == -1) {
		fprintf(stderr, "%s\n", e.msg);
		return 1;
	}
	rc = print_report(&rep);
	if (rc == 0)
		printf("%lu candidat%s, %zu scrutin%s\n", f.rows, f.rows > 1 ? "s" : "", f.n,
		    f.n > 1 ? "s" : "");
	candidates_free(&f);
	import_report_free(&rep);
	return rc;
}

int
cmd_import_candidates(int argc, char **argv)
{
	const char *file = NULL, *conf = NULL, *opcode = NULL;
	struct import_db_opts o = { NULL, act_actor(), NULL, time(NULL), NULL };
	struct import_report rep = { 0 };
	struct cand_db_result res;
	struct buf control = BUF_INIT;
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	struct err e;
	int check = 0, rc = 1;

	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--check") == 0)
			check = 1;
		else if (strcmp(argv[i], "--operation") == 0 && v != NULL)
			opcode = argv[++i];
		else if (strcmp(argv[i], "--fichiers") == 0 && v != NULL)
			o.files_dir = argv[++i];
		else if (strcmp(argv[i], "-c") == 0 && v != NULL)
			conf = argv[++i];
		else if (argv[i][0] != '-' && file == NULL)
			file = argv[i];
		else
			return cand_usage("option inconnue ou incomplète");
	}
	if (file == NULL)
		return cand_usage("fichier manquant");
	if (check)
		return cand_check(file);
	o.operation = opcode;
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1 ||
	    candidates_import_db(d.el, file, &o, &rep, &res, &control, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	if (print_report(&rep) != 0) {
		rc = 1;
		goto out;
	}
	/* the control list (R-DATA-3), then the summary */
	fputs(control.data != NULL ? control.data : "", stdout);
	printf("%u candidat%s sur %u liste%s dans %u scrutin%s importé%s, import n° %u, SHA-256 %s\n",
	    res.candidates, res.candidates > 1 ? "s" : "", res.lists, res.lists > 1 ? "s" : "",
	    res.scrutins, res.scrutins > 1 ? "s" : "", res.candidates > 1 ? "s" : "", res.run,
	    res.sha256);
	if (o.files_dir != NULL)
		printf("%u fichier%s (logos, professions de foi) enregistré%s depuis %s\n", res.files,
		    res.files > 1 ? "s" : "", res.files > 1 ? "s" : "", o.files_dir);
	if (res.warnings > 0)
		printf("%u avertissement%s de représentation équilibrée (voir ATTENTION ci-dessus)\n",
		    res.warnings, res.warnings > 1 ? "s" : "");
	rc = 0;
out:
	buf_free(&control);
	import_report_free(&rep);
	act_close(&d);
	conf_free(c);
	return rc;
}

/* `import delegates FILE`: the délégués de liste (R-DATA-2). */
int
cmd_import_delegates(int argc, char **argv)
{
	const char *file = NULL, *conf = NULL, *opcode = NULL;
	struct import_db_opts o = { NULL, act_actor(), NULL, time(NULL), NULL };
	struct import_report rep = { 0 };
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	unsigned long n = 0;
	char sha[65];
	struct err e;
	int rc = 1;

	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--operation") == 0 && v != NULL)
			opcode = argv[++i];
		else if (strcmp(argv[i], "-c") == 0 && v != NULL)
			conf = argv[++i];
		else if (argv[i][0] != '-' && file == NULL)
			file = argv[i];
		else
			file = NULL, argc = -1;
	}
	if (file == NULL) {
		fprintf(stderr, "usage : isoloir-console import delegates FICHIER [--operation CODE] "
		    "[-c CONF]\n");
		return 2;
	}
	o.operation = opcode;
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1 ||
	    delegates_import_db(d.el, file, &o, &rep, &n, sha, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	if (print_report(&rep) != 0)
		goto out;
	printf("%lu délégué%s de liste importé%s, SHA-256 %s\n", n, n > 1 ? "s" : "",
	    n > 1 ? "s" : "", sha);
	rc = 0;
out:
	import_report_free(&rep);
	act_close(&d);
	conf_free(c);
	return rc;
}
