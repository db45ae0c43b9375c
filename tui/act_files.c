/* act_files.c: console actions that write files for people (act.h): the
 * test vote's electors file, the credentials letters; one implementation
 * for the subcommands and the screens. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sys/stat.h>

#include "act.h"
#include "import_db.h"
#include "letters.h"
#include "operation.h"
#include "pv.h"
#include "testvote.h"

int
act_test_electors(const struct conf *c, struct act_dbs *d, unsigned scrutin,
    unsigned n, const char *path, struct err *e)
{
	unsigned char key[32];
	FILE *f = NULL;
	int fd, created = 0, rc = -1;

	if (act_login_key(c, key, e) == -1 || act_connect(c, d, 0, e) == -1)
		goto out;
	/* the passwords of the test electors: owner only, never overwritten */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) ==
	        -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		err_set(e,
		    "écriture impossible de « %s » (il ne doit pas exister)",
		    path);
		goto out;
	}
	created = 1;
	fputs(
	    "matricule;identifiant;mot_de_passe;cle;consigne;choix;conserves\n",
	    f);
	if (testvote_create(d->el, scrutin, n, key, act_actor(), f, e) == -1)
		goto out;
	rc = fclose(f);
	f = NULL;
	if (rc != 0) {
		rc = -1;
		err_set(e, "écriture impossible de « %s »", path);
	}
out:
	if (f != NULL)
		fclose(f);
	if (rc == -1 && created)
		unlink(path);
	explicit_bzero(key, sizeof(key));
	return rc;
}

/* "07/12/2026 à 09 h 00", French time, from a UTC unix time. */
static void
french_time(int64_t t, char *out, size_t len)
{
	char utc[32], paris[32];
	time_t s = (time_t)t;
	struct tm tm;
	int y, mo, d, h, mi;

	gmtime_r(&s, &tm);
	strftime(utc, sizeof(utc), "%Y-%m-%d %H:%M", &tm);
	pv_utc_to_paris(utc, paris, sizeof(paris));
	if (sscanf(paris, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi) == 5)
		snprintf(
		    out, len, "%02d/%02d/%04d à %02d h %02d", d, mo, y, h, mi);
	else
		snprintf(out, len, "%s", paris);
}

int
act_letters(const struct conf *c, struct act_dbs *d, const char *dir,
    const char *hotline, const char *opcode, struct act_letters *r,
    struct err *e)
{
	char opens[64], closes[64], csv[4096];
	struct letters_info in = {NULL, opens, closes, hotline};
	struct operation op;
	mode_t old =
	    umask(077); /* the letters hold secrets, like the CSV files */
	int rc = -1;

	memset(r, 0, sizeof(*r));
	if (act_connect(c, d, 0, e) == -1 ||
	    operation_load(d->el, opcode, &op, e) == -1)
		goto out;
	in.operation = op.name;
	french_time(op.cal.opens, opens, sizeof(opens));
	french_time(op.cal.closes, closes, sizeof(closes));
	snprintf(csv, sizeof(csv), "%s/courrier-identifiants.csv", dir);
	snprintf(r->pid, sizeof(r->pid), "%s/courrier-identifiants.pdf", dir);
	if (letters_pdf(LETTERS_IDENTIFIER, csv, &in, r->pid, &r->nid, e) == -1)
		goto out;
	if (r->nid == 0) {
		err_set(e, "aucun courrier d'identifiant dans « %s »", csv);
		goto out;
	}
	if (import_file_sha256(r->pid, r->sid, e) == -1)
		goto out;
	snprintf(csv, sizeof(csv), "%s/canal-mots-de-passe.csv", dir);
	snprintf(r->ppw, sizeof(r->ppw), "%s/courrier-mots-de-passe.pdf", dir);
	if (letters_pdf(LETTERS_PASSWORD, csv, &in, r->ppw, &r->npw, e) == -1 ||
	    (r->npw > 0 && import_file_sha256(r->ppw, r->spw, e) == -1))
		goto out;
	rc = 0;
out:
	umask(old);
	/* the font caches of the PDF, so that leak checkers see none */
	pv_release();
	return rc;
}
