/* act_emargement.c: the émargement list of a closed scrutin written as
 * CSV (and PDF), journaled with their digests (R-BUR-6); shared by
 * `emargement export` and the console's screen. The rules (after the
 * closing only, the bureau's account) are lib/emargement.c's and the
 * database's. */
#include "config.h"

#include <stdio.h>
#include <sys/stat.h>

#include <jansson.h>

#include "act.h"
#include "csv.h"
#include "db.h"
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
act_emargement_export(MYSQL *el, unsigned scrutin, const char *csv,
    const char *pdf, struct act_emarg *out, struct err *e)
{
	FILE *f = NULL;
	mode_t old;
	int created = 0, pdf_made = 0;

	out->sha_csv[0] = out->sha_pdf[0] = '\0';
	if (emargement_check_closed(el, scrutin, e) == -1)
		return -1;
	/* personal data: readable by its owner only */
	old = umask(077);
	f = fopen(csv, "w");
	umask(old);
	if (f == NULL) {
		err_set(e, "écriture impossible de « %s »", csv);
		goto fail;
	}
	created = 1;
	fputs("\xEF\xBB\xBF"
	      "etablissement;college;matricule;nom;prenom;a_vote;date_heure\n",
	    f);
	if (emargement_list(el, scrutin, csv_row, f, &out->sum, e) == -1)
		goto fail;
	if (fclose(f) != 0) {
		f = NULL;
		err_set(e, "écriture impossible de « %s »", csv);
		goto fail;
	}
	f = NULL;
	if (import_file_sha256(csv, out->sha_csv, e) == -1)
		goto fail;
	if (pdf != NULL) {
		pdf_made = 1;
		old = umask(077);
		if (emargement_pdf(el, scrutin, pdf, &out->sum, e) == -1) {
			umask(old);
			goto fail;
		}
		umask(old);
		if (import_file_sha256(pdf, out->sha_pdf, e) == -1)
			goto fail;
	}
	if (db_exec(el, "START TRANSACTION", e) == -1 ||
	    journal_append_json_tx(el, act_actor(), "emargement_export",
	        scrutin,
	        json_pack("{s:I, s:I, s:s, s:s?}", "inscrits",
	            (json_int_t)out->sum.inscrits, "votants",
	            (json_int_t)out->sum.votants, "sha256_csv", out->sha_csv,
	            "sha256_pdf", pdf != NULL ? out->sha_pdf : NULL),
	        e) == -1 ||
	    db_exec(el, "COMMIT", e) == -1) {
		mysql_query(el, "ROLLBACK");
		goto fail;
	}
	return 0;
fail:
	if (f != NULL)
		fclose(f);
	/* only what this run wrote: a previous export stays */
	if (created)
		remove(csv);
	if (pdf_made)
		remove(pdf);
	return -1;
}
