/* cmd_emargement.c: `emargement export`, the émargement list of a closed
 * scrutin for its bureau (R-BUR-6): CSV and PDF, journaled with their
 * digests. Run with the bureau's configuration (bureau.conf): the
 * console's account cannot read the émargement. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "act.h"
#include "cmd.h"
#include "csv.h"
#include "db.h"
#include "emargement.h"
#include "import_db.h"
#include "journal.h"
#include "pv.h"


static int
csv_row(const struct emarg_row *r, void *ctx)
{
	FILE *f = ctx;
	char paris[32] = "";

	if (r->voted)
		pv_utc_to_paris(r->at, paris, sizeof(paris));
	csv_write_field(f, r->etablissement, 0);
	csv_write_field(f, r->college, 0);
	csv_write_field(f, r->matricule, 0);
	csv_write_field(f, r->nom, 0);
	csv_write_field(f, r->prenom, 0);
	csv_write_field(f, r->voted ? "oui" : "non", 0);
	csv_write_field(f, paris, 1);
	return ferror(f) ? -1 : 0;
}

int
cmd_emargement_export(int argc, char **argv)
{
	const char *conf = NULL, *csv = NULL, *pdf = NULL;
	unsigned scrutin = 0;
	char sha_csv[65] = "", sha_pdf[65] = "";
	struct emarg_summary sum;
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	FILE *f = NULL;
	struct err e;
	int rc = 1, created = 0, pdf_made = 0;

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
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1)
		goto fail;
	/* personal data: readable by its owner only */
	umask(077);
	if ((f = fopen(csv, "w")) == NULL) {
		err_set(&e, "écriture impossible de « %s »", csv);
		goto fail;
	}
	created = 1;
	fputs("\xEF\xBB\xBF" "etablissement;college;matricule;nom;prenom;a_vote;date_heure\n", f);
	if (emargement_list(d.el, scrutin, csv_row, f, &sum, &e) == -1)
		goto fail;
	if (fclose(f) != 0) {
		f = NULL;
		err_set(&e, "écriture impossible de « %s »", csv);
		goto fail;
	}
	f = NULL;
	if (import_file_sha256(csv, sha_csv, &e) == -1)
		goto fail;
	if (pdf != NULL) {
		pdf_made = 1;
		if (emargement_pdf(d.el, scrutin, pdf, &sum, &e) == -1 ||
		    import_file_sha256(pdf, sha_pdf, &e) == -1)
			goto fail;
	}
	if (db_exec(d.el, "START TRANSACTION", &e) == -1 ||
	    journal_append_json_tx(d.el, act_actor(), "emargement_export", scrutin,
	    json_pack("{s:I, s:I, s:s, s:s?}", "inscrits", (json_int_t)sum.inscrits, "votants",
	    (json_int_t)sum.votants, "sha256_csv", sha_csv, "sha256_pdf", pdf != NULL ? sha_pdf : NULL),
	    &e) == -1 || db_exec(d.el, "COMMIT", &e) == -1)
		goto fail;
	printf("liste d'émargement du scrutin « %s » : %lu inscrits, %lu votants\n  %s  SHA-256 %s\n",
	    sum.title, sum.inscrits, sum.votants, csv, sha_csv);
	if (pdf != NULL)
		printf("  %s  SHA-256 %s\n", pdf, sha_pdf);
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "isoloir-console : %s\n", e.msg);
	if (f != NULL)
		fclose(f);
	/* only what this run wrote: a previous export stays */
	if (created)
		remove(csv);
	if (pdf_made)
		remove(pdf);
out:
	/* the font caches of the PDF, so that leak checkers see none */
	pv_release();
	act_close(&d);
	conf_free(c);
	return rc;
}
