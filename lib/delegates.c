/* delegates.c: the délégués de liste file into the electors database
 * (delegates.h). The file is small: checked whole in memory against the
 * scrutins and lists of the operation, then written in one transaction. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "csv.h"
#include "db.h"
#include "delegates.h"
#include "journal.h"
#include "operation.h"
#include "text.h"
#include "xmalloc.h"

enum { D_ETAB, D_COLLEGE, D_CAT, D_LISTE, D_NOM, D_PRENOM, D_EMAIL, D_TEL, D_COUNT };
static const char *const dnames[D_COUNT] = { "etablissement", "college", "categorie",
	"liste_nom", "nom", "prenom", "email", "telephone" };

struct drow {
	unsigned scrutin;
	char *f[D_COUNT];
};

/* The round-1 scrutin of (establishment, collège, category), names folded. */
static unsigned
find_scrutin(MYSQL *el, unsigned op, const char *etab, const char *college, const char *cat,
    struct err *e)
{
	char en[256], cn[256], ca[16];
	char *fe = text_fold(etab), *fc = text_fold(college), *fk = text_fold(cat);
	unsigned long l1, l2, l3;
	unsigned id = 0, found = 0;
	MYSQL_BIND out[4];
	MYSQL_STMT *st;
	int f;
	const char *want = strncmp(fk, "suppleant", 9) == 0 ? "suppleants" :
	    strncmp(fk, "titulaire", 9) == 0 ? "titulaires" : "";

	st = db_query(el, e, "SELECT s.id, es.name, co.name, s.category FROM scrutin s"
	    " JOIN establishment es ON es.id = s.establishment_id JOIN college co"
	    " ON co.id = s.college_id WHERE s.operation_id = ? AND s.round = 1", "u", op);
	if (st != NULL) {
		db_bind(&out[0], MYSQL_TYPE_LONG, &id, 0, NULL);
		db_bind(&out[1], MYSQL_TYPE_STRING, en, sizeof(en) - 1, &l1);
		db_bind(&out[2], MYSQL_TYPE_STRING, cn, sizeof(cn) - 1, &l2);
		db_bind(&out[3], MYSQL_TYPE_STRING, ca, sizeof(ca) - 1, &l3);
		if (mysql_stmt_bind_result(st, out) == 0)
			while (found == 0 && ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED)) {
				char *a, *b;
				db_cstr(en, sizeof(en), l1);
				db_cstr(cn, sizeof(cn), l2);
				db_cstr(ca, sizeof(ca), l3);
				a = text_fold(en);
				b = text_fold(cn);
				if (strcmp(a, fe) == 0 && strcmp(b, fc) == 0 && strcmp(ca, want) == 0)
					found = id;
				free(a);
				free(b);
			}
		db_done(st);
	}
	free(fe);
	free(fc);
	free(fk);
	return found;
}

static int
list_exists(MYSQL *el, unsigned scrutin, const char *name, int *yes, struct err *e)
{
	long long n = 0;

	if (db_fetch_int(db_query(el, e, "SELECT COUNT(*) FROM candidate_list WHERE scrutin_id = ?"
	    " AND name = ?", "us", scrutin, name), &n, e) != 1)
		return -1;
	*yes = n > 0;
	return 0;
}

/* Read and check every row; rows kept only when the file is clean. */
static int
read_rows(MYSQL *el, unsigned op, const char *path, struct drow **rows, size_t *n,
    struct import_report *rep, struct err *e)
{
	struct csv_reader r;
	struct csv_record rec;
	int col[D_COUNT], rc;

	*rows = NULL;
	*n = 0;
	if (csv_open(&r, path, e) == -1) {
		if (strncmp(e->msg, "ligne ", 6) != 0)
			return -1;
		import_report_push(rep, e->msg);
		return 0;
	}
	for (int c = 0; c < D_COUNT; c++)
		col[c] = -1;
	if ((rc = csv_next(&r, &rec, e)) == 1) {
		for (size_t i = 0; i < rec.n; i++) {
			char *f = text_fold(rec.field[i]);
			for (int c = 0; c < D_COUNT; c++)
				if (strcmp(f, dnames[c]) == 0)
					col[c] = (int)i;
			free(f);
		}
		for (int c = 0; c < D_COUNT; c++)
			if (col[c] < 0)
				import_report_err(rep, rec.line, rec.n + 1, "colonne obligatoire « %s » absente "
				    "de l'en-tête", dnames[c]);
	}
	/* every row checked (every error listed), once the header is right */
	int header_ok = rep->nerrors == 0;
	while (header_ok && (rc = csv_next(&r, &rec, e)) == 1) {
		struct drow d = { 0, { NULL } };
		int ok = 1, yes = 0;
		for (int c = 0; c < D_COUNT; c++) {
			if ((size_t)col[c] >= rec.n) {
				import_report_err(rep, rec.line, (size_t)col[c] + 1, "champ %s manquant", dnames[c]);
				ok = 0;
				break;
			}
			if (c <= D_PRENOM && rec.field[col[c]][0] == '\0') {
				import_report_err(rep, rec.line, (size_t)col[c] + 1, "%s manquant", dnames[c]);
				ok = 0;
			}
		}
		if (!ok)
			continue;
		if (rec.field[col[D_EMAIL]][0] != '\0' && strchr(rec.field[col[D_EMAIL]], '@') == NULL) {
			import_report_err(rep, rec.line, (size_t)col[D_EMAIL] + 1, "email invalide « %s »",
			    rec.field[col[D_EMAIL]]);
			continue;
		}
		d.scrutin = find_scrutin(el, op, rec.field[col[D_ETAB]], rec.field[col[D_COLLEGE]],
		    rec.field[col[D_CAT]], e);
		if (d.scrutin == 0) {
			import_report_err(rep, rec.line, (size_t)col[D_ETAB] + 1, "aucun scrutin « %s, %s, %s »",
			    rec.field[col[D_ETAB]], rec.field[col[D_COLLEGE]], rec.field[col[D_CAT]]);
			continue;
		}
		if (list_exists(el, d.scrutin, rec.field[col[D_LISTE]], &yes, e) == -1)
			goto fail;
		if (!yes) {
			import_report_err(rep, rec.line, (size_t)col[D_LISTE] + 1, "aucune liste « %s » dans "
			    "ce scrutin", rec.field[col[D_LISTE]]);
			continue;
		}
		for (int c = 0; c < D_COUNT; c++)
			d.f[c] = xstrdup(rec.field[col[c]]);
		*rows = xreallocarray(*rows, *n + 1, sizeof(**rows));
		(*rows)[(*n)++] = d;
	}
	if (rc == -1)
		import_report_push(rep, e->msg);
	if (rep->nerrors == 0 && *n == 0)
		import_report_push(rep, "aucun délégué");
	csv_close(&r);
	return 0;
fail:
	csv_close(&r);
	return -1;
}

static void
rows_free(struct drow *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < D_COUNT; c++)
			free(rows[i].f[c]);
	free(rows);
}

int
delegates_import_db(MYSQL *el, const char *path, const struct import_db_opts *o,
    struct import_report *rep, unsigned long *count, char sha[65], struct err *e)
{
	struct operation op;
	struct drow *rows = NULL;
	size_t n = 0;
	int tx = 0, rc = -1;

	memset(rep, 0, sizeof(*rep));
	*count = 0;
	if (operation_load(el, o->operation, &op, e) == -1 ||
	    import_file_sha256(path, sha, e) == -1 ||
	    read_rows(el, op.id, path, &rows, &n, rep, e) == -1)
		goto out;
	if (rep->nerrors > 0) {
		rc = 0;
		goto out;
	}
	if (db_exec(el, "START TRANSACTION", e) == -1)
		goto out;
	tx = 1;
	if (import_lock_operation(el, op.id, e) == -1)
		goto out;
	/* the délégués of each scrutin named are replaced */
	for (size_t i = 0; i < n; i++) {
		int first = 1;
		for (size_t j = 0; j < i; j++)
			first &= rows[j].scrutin != rows[i].scrutin;
		if (first && db_run(el, e, "DELETE FROM delegate WHERE scrutin_id = ?", "u",
		    rows[i].scrutin) == -1)
			goto out;
	}
	for (size_t i = 0; i < n; i++)
		if (db_run(el, e, "INSERT INTO delegate (scrutin_id, list_name, nom, prenom, email,"
		    " telephone) VALUES (?, ?, ?, ?, ?, ?)", "ussss" "s", rows[i].scrutin,
		    rows[i].f[D_LISTE], rows[i].f[D_NOM], rows[i].f[D_PRENOM], rows[i].f[D_EMAIL],
		    rows[i].f[D_TEL]) == -1)
			goto out;
	if (journal_append_json_tx(el, o->actor, "import_delegues", 0, json_pack("{s:s, s:I}",
	    "sha256", sha, "delegues", (json_int_t)n), e) == -1 || db_exec(el, "COMMIT", e) == -1)
		goto out;
	tx = 0;
	*count = n;
	rc = 0;
out:
	if (tx) {
		struct err ignored;
		db_exec(el, "ROLLBACK", &ignored);
	}
	rows_free(rows, n);
	return rc;
}
