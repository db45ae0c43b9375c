/* import_db.c: the electors file into the electors database (import_db.h).
 * Rows are upserted by batches of multi-row INSERTs inside one transaction
 * while the file is validated (memory stays bounded whatever its size);
 * the first bad line stops the writes and the transaction is rolled back. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "buf.h"
#include "cast.h"
#include "db.h"
#include "import_db.h"
#include "journal.h"
#include "lifecycle.h"
#include "operation.h"
#include "xmalloc.h"

#define IMPORT_BATCH 500
#define IMPORT_MAX_NAMES 256

/* The operation's collèges or establishments: id and spelling. */
struct names {
	unsigned id[IMPORT_MAX_NAMES];
	char *name[IMPORT_MAX_NAMES];
	size_t n;
};

struct upsert {
	MYSQL *el;
	unsigned op, run;
	const struct names *colleges, *etabs;
	struct buf sql;
	size_t pending;
	unsigned long long affected;
	struct err err;            /* the first database error */
	int failed;
};

static void
names_free(struct names *n)
{
	for (size_t i = 0; i < n->n; i++)
		free(n->name[i]);
	n->n = 0;
}

static int
names_load(MYSQL *el, const char *table, unsigned op, struct names *n, struct err *e)
{
	char sql[160], name[256];
	unsigned long len;
	unsigned id;
	MYSQL_BIND out[2];
	MYSQL_STMT *st;
	int rc = -1, f;

	n->n = 0;
	snprintf(sql, sizeof(sql), "SELECT id, name FROM %s WHERE operation_id = ? ORDER BY id", table);
	if ((st = db_query(el, e, sql, "u", op)) == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, &id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, name, sizeof(name) - 1, &len);
	if (mysql_stmt_bind_result(st, out) != 0) {
		err_set(e, "base des électeurs : %s", mysql_stmt_error(st));
		goto out;
	}
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		if (n->n == IMPORT_MAX_NAMES) {
			err_set(e, "plus de %d entrées dans %s", IMPORT_MAX_NAMES, table);
			goto out;
		}
		db_cstr(name, sizeof(name), len);
		n->id[n->n] = id;
		n->name[n->n++] = xstrdup(name);
	}
	rc = 0;
out:
	db_done(st);
	return rc;
}

/* Index of the spelling the validation returned (a pointer into n). */
static unsigned
names_id(const struct names *n, const char *spelling)
{
	for (size_t i = 0; i < n->n; i++)
		if (n->name[i] == spelling)
			return n->id[i];
	return 0;
}

/* ------------------------------------------------------------ checks */

/* Refused once a scrutin of the operation is past the editable states. */
static int
check_editable(MYSQL *el, unsigned op, struct err *e)
{
	char state[64];
	unsigned long len;
	unsigned id = 0;
	enum lc_state s;
	MYSQL_BIND out[2];
	MYSQL_STMT *st;
	int f, rc = -1;

	st = db_query(el, e, "SELECT s.id, s.state FROM scrutin s JOIN lifecycle_state l"
	    " ON l.name = s.state WHERE s.operation_id = ? AND NOT l.editable ORDER BY s.id LIMIT 1",
	    "u", op);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, &id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, state, sizeof(state) - 1, &len);
	if (mysql_stmt_bind_result(st, out) != 0) {
		err_set(e, "base des électeurs : %s", mysql_stmt_error(st));
		goto out;
	}
	f = mysql_stmt_fetch(st);
	if (f == MYSQL_NO_DATA) {
		rc = 0;
		goto out;
	}
	db_cstr(state, sizeof(state), len);
	if (lifecycle_state_parse(state, &s, e) == -1)
		goto out;
	err_set(e, "import refusé : le scrutin %u est « %s » ; la liste électorale ne change plus "
	    "après le scellement", id, lifecycle_state_label(s));
out:
	db_done(st);
	return rc;
}

/* The freeze date of the operation's settings, as YYYYMMDD, or 0. */
static int
freeze_date(MYSQL *el, unsigned op, int *ymd, struct err *e)
{
	char v[32] = "";
	unsigned long len = 0;
	my_bool isnull = 1;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	int rc = -1;

	*ymd = 0;
	st = db_query(el, e, "SELECT JSON_UNQUOTE(JSON_EXTRACT(settings, '$.gel_electeurs'))"
	    " FROM operation WHERE id = ?", "u", op);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, v, sizeof(v) - 1, &len);
	out[0].is_null = &isnull;
	if (mysql_stmt_bind_result(st, out) != 0 || mysql_stmt_fetch(st) == 1) {
		err_set(e, "base des électeurs : %s", mysql_stmt_error(st));
		goto out;
	}
	if (!isnull) {
		db_cstr(v, sizeof(v), len);
		if (strlen(v) != 10 || (*ymd = import_date(v)) == 0) {
			err_set(e, "réglage gel_electeurs invalide « %s » (AAAA-MM-JJ attendu)", v);
			goto out;
		}
	}
	rc = 0;
out:
	db_done(st);
	return rc;
}

/* The day in France of a UTC time (Europe/Paris is UTC+1 or +2: +2 h
 * gives the right day except between 22:00 and 23:00 UTC in winter). */
static int
paris_day(int64_t t)
{
	time_t s = (time_t)(t + 7200);
	struct tm tm;

	gmtime_r(&s, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

int
import_file_sha256(const char *path, char hex[65], struct err *e)
{
	unsigned char buf[65536], md[32];
	unsigned mdlen = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	FILE *f = fopen(path, "rb");
	size_t n;
	int rc = -1;

	if (f == NULL) {
		err_set(e, "fichier illisible « %s »", path);
		goto out;
	}
	if (c == NULL || EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1)
		goto crypto;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (EVP_DigestUpdate(c, buf, n) != 1)
			goto crypto;
	if (ferror(f) || EVP_DigestFinal_ex(c, md, &mdlen) != 1)
		goto crypto;
	for (unsigned i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	rc = 0;
	goto out;
crypto:
	err_set(e, "empreinte du fichier impossible");
out:
	if (f != NULL)
		fclose(f);
	EVP_MD_CTX_free(c);
	return rc;
}

/* ------------------------------------------------------------ upserts */

static void
sql_str(struct upsert *u, const char *s)
{
	size_t n = strlen(s);
	char *q = xmalloc(2 * n + 1);

	mysql_real_escape_string(u->el, q, s, (unsigned long)n);
	buf_printf(&u->sql, "'%s'", q);
	free(q);
}

static void
sql_date(struct upsert *u, int ymd)
{
	if (ymd == 0)
		buf_printf(&u->sql, "NULL");
	else
		buf_printf(&u->sql, "'%04d-%02d-%02d'", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

static int
flush(struct upsert *u)
{
	if (u->pending == 0 || u->failed)
		return u->failed ? -1 : 0;
	buf_printf(&u->sql, " ON DUPLICATE KEY UPDATE nom = VALUES(nom), nom_usage = VALUES(nom_usage),"
	    " prenom = VALUES(prenom), civilite = VALUES(civilite), sexe = VALUES(sexe),"
	    " date_naissance = VALUES(date_naissance), establishment_id = VALUES(establishment_id),"
	    " site = VALUES(site), college_id = VALUES(college_id), statut = VALUES(statut),"
	    " adresse = VALUES(adresse), code_postal = VALUES(code_postal), ville = VALUES(ville),"
	    " email = VALUES(email), telephone = VALUES(telephone), cle_nir = VALUES(cle_nir),"
	    " date_entree = VALUES(date_entree), eligible = VALUES(eligible),"
	    " import_run = VALUES(import_run)");
	if (mysql_real_query(u->el, u->sql.data, (unsigned long)u->sql.len) != 0) {
		err_set(&u->err, "base des électeurs : %s", mysql_error(u->el));
		u->failed = 1;
		return -1;
	}
	u->affected += mysql_affected_rows(u->el);
	u->pending = 0;
	buf_reset(&u->sql);
	/* a crash test kills the console here, mid-import */
	cast_fault("import-batch");
	return 0;
}

static int
upsert_row(const struct elector_row *r, void *ctx)
{
	struct upsert *u = ctx;

	if (u->failed)
		return -1;
	if (u->pending == 0)
		buf_printf(&u->sql, "INSERT INTO elector (operation_id, matricule, nom, nom_usage,"
		    " prenom, civilite, sexe, date_naissance, establishment_id, site, college_id,"
		    " statut, adresse, code_postal, ville, email, telephone, cle_nir, date_entree,"
		    " eligible, import_run) VALUES ");
	else
		buf_printf(&u->sql, ",");
	buf_printf(&u->sql, "(%u,", u->op);
	sql_str(u, r->matricule);
	buf_printf(&u->sql, ",");
	sql_str(u, r->nom);
	buf_printf(&u->sql, ",");
	sql_str(u, r->nom_usage);
	buf_printf(&u->sql, ",");
	sql_str(u, r->prenom);
	buf_printf(&u->sql, ",");
	sql_str(u, r->civilite);
	buf_printf(&u->sql, ",'%c',", r->sexe);
	sql_date(u, r->naissance);
	buf_printf(&u->sql, ",%u,", names_id(u->etabs, r->etablissement));
	sql_str(u, r->site);
	buf_printf(&u->sql, ",%u,'%s',", names_id(u->colleges, r->college),
	    r->fonctionnaire ? "fonctionnaire" : "salarie");
	sql_str(u, r->adresse);
	buf_printf(&u->sql, ",");
	sql_str(u, r->code_postal);
	buf_printf(&u->sql, ",");
	sql_str(u, r->ville);
	buf_printf(&u->sql, ",");
	sql_str(u, r->email);
	buf_printf(&u->sql, ",");
	sql_str(u, r->telephone);
	buf_printf(&u->sql, ",'%.2s',", r->cle_nir);
	sql_date(u, r->entree);
	buf_printf(&u->sql, ",%d,%u)", r->eligible ? 1 : 0, u->run);
	if (++u->pending == IMPORT_BATCH)
		return flush(u);
	return 0;
}

/* ------------------------------------------------------- after the rows */

/* Electors of the operation the new file no longer holds go, unless one
 * is a candidate (named) or has signed the émargement (foreign key). */
static int
remove_absent(MYSQL *el, unsigned op, unsigned run, unsigned long *removed, struct err *e)
{
	char mat[65] = "", nom[256] = "";
	unsigned long l1, l2;
	MYSQL_BIND out[2];
	MYSQL_STMT *st;
	long long n;
	int f;

	st = db_query(el, e, "SELECT e.matricule, e.nom FROM elector e JOIN candidate c"
	    " ON c.elector_id = e.id WHERE e.operation_id = ? AND e.import_run <> ?"
	    " AND NOT e.test_elector LIMIT 1", "uu", op, run);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, mat, sizeof(mat) - 1, &l1);
	db_bind(&out[1], MYSQL_TYPE_STRING, nom, sizeof(nom) - 1, &l2);
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f == 1)
		return err_set(e, "base des électeurs : lecture des candidats impossible");
	if (f != MYSQL_NO_DATA) {
		db_cstr(mat, sizeof(mat), l1);
		db_cstr(nom, sizeof(nom), l2);
		return err_set(e, "import refusé : %s (matricule %s), absent du nouveau fichier, est "
		    "candidat ; retirez d'abord sa candidature", nom, mat);
	}
	if (db_run(el, e, "DELETE c FROM credential c JOIN elector e ON e.id = c.elector_id"
	    " WHERE e.operation_id = ? AND e.import_run <> ? AND NOT e.test_elector", "uu",
	    op, run) == -1 ||
	    db_run(el, e, "DELETE es FROM elector_scrutin es JOIN elector e ON e.id = es.elector_id"
	    " WHERE e.operation_id = ? AND e.import_run <> ? AND NOT e.test_elector", "uu",
	    op, run) == -1)
		return -1;
	n = db_run(el, e, "DELETE FROM elector WHERE operation_id = ? AND import_run <> ?"
	    " AND NOT test_elector", "uu", op, run);
	if (n == -1) {
		if (e->code == 1451)   /* ER_ROW_IS_REFERENCED_2: the émargement */
			return err_set(e, "import refusé : un électeur absent du nouveau fichier a "
			    "déjà émargé");
		return -1;
	}
	*removed = (unsigned long)n;
	return 0;
}

/* Each elector votes in the round-1 scrutins of its establishment and
 * collège (titulaires and suppléants). */
static int
link_scrutins(MYSQL *el, unsigned op, struct import_db_result *res, struct err *e)
{
	long long n, orphans = 0;

	if (db_run(el, e, "DELETE es FROM elector_scrutin es JOIN scrutin s ON s.id = es.scrutin_id"
	    " JOIN elector e ON e.id = es.elector_id WHERE s.operation_id = ? AND s.round = 1"
	    " AND NOT e.test_elector", "u", op) == -1)
		return -1;
	n = db_run(el, e, "INSERT INTO elector_scrutin (elector_id, scrutin_id) SELECT e.id, s.id"
	    " FROM elector e JOIN scrutin s ON s.operation_id = e.operation_id AND"
	    " s.establishment_id = e.establishment_id AND s.college_id = e.college_id AND"
	    " s.round = 1 WHERE e.operation_id = ? AND NOT e.test_elector", "u", op);
	if (n == -1)
		return -1;
	res->links = (unsigned)n;
	if (db_fetch_int(db_query(el, e, "SELECT COUNT(*) FROM elector e WHERE e.operation_id = ? AND"
	    " NOT e.test_elector AND NOT EXISTS (SELECT 1 FROM elector_scrutin es"
	    " WHERE es.elector_id = e.id)", "u", op), &orphans, e) != 1)
		return -1;
	res->without_scrutin = (unsigned long)orphans;
	return 0;
}

static int
journal_run(MYSQL *el, const struct import_db_opts *o, const struct import_db_result *res,
    struct err *e)
{
	return journal_append_json_tx(el, o->actor, "import_electeurs", 0,
	    json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:s?}",
	    "fichier", "electeurs",
	    "sha256", res->sha256, "lignes", (json_int_t)res->rows,
	    "ajoutes", (json_int_t)res->inserted, "modifies", (json_int_t)res->updated,
	    "retires", (json_int_t)res->removed, "import", (json_int_t)res->run,
	    "justification", o->justification), e);
}

/* ------------------------------------------------------------- import */

/* (db_run cannot run a SELECT: its affected-rows count is -1.) */
int
import_lock_operation(MYSQL *el, unsigned op, struct err *e)
{
	MYSQL_STMT *st = db_query(el, e, "SELECT id FROM operation WHERE id = ? FOR UPDATE", "u", op);

	if (st == NULL)
		return -1;
	db_done(st);
	return 0;
}

int
import_electors_db(MYSQL *el, const char *path, const struct import_db_opts *o,
    struct import_report *rep, struct import_db_result *res, struct err *e)
{
	struct operation op;
	struct names colleges = { .n = 0 }, etabs = { .n = 0 };
	struct upsert u = { .el = el };
	struct import_opts io = { 0 };
	int frozen, tx = 0, rc = -1;

	memset(rep, 0, sizeof(*rep));
	memset(res, 0, sizeof(*res));
	if (operation_load(el, o->operation, &op, e) == -1 ||
	    names_load(el, "college", op.id, &colleges, e) == -1 ||
	    names_load(el, "establishment", op.id, &etabs, e) == -1 ||
	    freeze_date(el, op.id, &frozen, e) == -1 || import_file_sha256(path, res->sha256, e) == -1)
		goto out;
	if (colleges.n == 0 || etabs.n == 0) {
		err_set(e, "l'opération « %s » n'a ni collège ni établissement : créez-les d'abord",
		    op.code);
		goto out;
	}
	if (frozen != 0 && paris_day(o->now) >= frozen &&
	    (o->justification == NULL || *o->justification == '\0')) {
		err_set(e, "la liste électorale est gelée depuis le %02d/%02d/%04d : une modification "
		    "exceptionnelle exige une justification", frozen % 100, frozen / 100 % 100,
		    frozen / 10000);
		goto out;
	}
	/* the operation row lock serialises imports and sealing's reads */
	if (db_exec(el, "START TRANSACTION", e) == -1)
		goto out;
	tx = 1;
	if (import_lock_operation(el, op.id, e) == -1 || check_editable(el, op.id, e) == -1 ||
	    db_run(el, e, "INSERT INTO import_run (operation_id, kind, file_sha256, row_count,"
	    " inserted, updated, removed, actor, justification) VALUES (?, 'electeurs', ?, 0, 0,"
	    " 0, 0, ?, ?)", "usss", op.id, res->sha256, o->actor,
	    o->justification != NULL ? o->justification : "") == -1)
		goto out;
	u.op = op.id;
	u.run = res->run = (unsigned)mysql_insert_id(el);
	u.colleges = &colleges;
	u.etabs = &etabs;
	io.colleges = (const char *const *)colleges.name;
	io.ncolleges = colleges.n;
	io.establishments = (const char *const *)etabs.name;
	io.nestablishments = etabs.n;
	io.election_date = paris_day(op.cal.opens);
	if (import_electors(path, &io, upsert_row, &u, rep, e) == -1)
		goto out;
	if (rep->nerrors == 0)
		flush(&u);
	if (u.failed) {
		*e = u.err;
		goto out;
	}
	if (rep->nerrors > 0) {
		rc = 0;          /* the report says why; the rollback below undoes the rows */
		goto out;
	}
	res->rows = rep->rows;
	/* every row changes (import_run): an update counts 2, an insert 1 */
	res->updated = (unsigned long)(u.affected - res->rows);
	res->inserted = res->rows - res->updated;
	if (remove_absent(el, op.id, res->run, &res->removed, e) == -1 ||
	    link_scrutins(el, op.id, res, e) == -1 ||
	    db_run(el, e, "UPDATE import_run SET row_count = ?, inserted = ?, updated = ?,"
	    " removed = ? WHERE id = ?", "uuuuu", (unsigned)res->rows, (unsigned)res->inserted,
	    (unsigned)res->updated, (unsigned)res->removed, res->run) == -1 ||
	    journal_run(el, o, res, e) == -1)
		goto out;
	cast_fault("import-commit");
	if (db_exec(el, "COMMIT", e) == -1)
		goto out;
	tx = 0;
	rc = 0;
out:
	if (tx) {
		struct err ignored;
		db_exec(el, "ROLLBACK", &ignored);
	}
	buf_free(&u.sql);
	names_free(&colleges);
	names_free(&etabs);
	return rc;
}
