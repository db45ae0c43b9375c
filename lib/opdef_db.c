/* opdef_db.c: write an operation description into the electors database
 * (create, or update before the sealing) in one transaction journaled
 * with the file's digest, and print an operation back as a description.
 * Rows are matched by name (establishments, collèges), by establishment
 * (bureaux), by establishment × collège × category × round (scrutins) and
 * by role and identity (members, who keep their personal code). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cast.h"
#include "db.h"
#include "journal.h"
#include "opdef_db.h"
#include "xmalloc.h"

#define OPDEF_COLS 9
#define OPDEF_CELL 1024

/* Ids given to the description's items in this database. */
struct opdef_ids {
	unsigned op;
	unsigned *etab, *college, *bureau;
};

/* The one number a query answers; 0 when no row. */
static int
opdef_int(MYSQL_STMT *st, unsigned *out, struct err *e)
{
	long long v = 0;

	if (db_fetch_int(st, &v, e) == -1)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* ------------------------------------------------------------ write */

static int
opdef_places(MYSQL *el, unsigned op, const char *table,
    const struct opdef_place *p, size_t n, unsigned *ids, struct err *e)
{
	char sel[128], ins[128];

	snprintf(sel, sizeof(sel),
	    "SELECT id FROM %s WHERE operation_id = ? AND name = ?", table);
	snprintf(ins, sizeof(ins),
	    "INSERT INTO %s (operation_id, name) VALUES (?, ?)", table);
	for (size_t i = 0; i < n; i++) {
		if (opdef_int(db_query(el, e, sel, "us", op, p[i].name),
		        &ids[i], e) == -1)
			return -1;
		if (ids[i] == 0) {
			if (db_run(el, e, ins, "us", op, p[i].name) == -1)
				return -1;
			ids[i] = (unsigned)mysql_insert_id(el);
		}
	}
	return 0;
}

/* Members absent from the file leave (their code with them); those found
 * stay as they are; the others are added. */
static int
opdef_members(MYSQL *el, unsigned bid, const struct opdef_bureau *b,
    struct opdef_result *r, struct err *e)
{
	unsigned *keep = xcalloc(b->nmembers + 1, sizeof(*keep));
	long long gone;
	int rc = -1;

	for (size_t i = 0; i < b->nmembers; i++) {
		const struct opdef_member *m = &b->members[i];
		if (opdef_int(
		        db_query(el, e,
		            "SELECT id FROM bureau_member WHERE bureau_id = ?"
		            " AND role = ? AND nom = ? AND prenom = ? AND "
		            "matricule = ?",
		            "ussss", bid, bureau_role_name(m->role), m->nom,
		            m->prenom, m->matricule),
		        &keep[i], e) == -1)
			goto out;
	}
	/* the kept ids, as a JSON array the server can search */
	{
		struct buf ids = BUF_INIT;
		buf_puts(&ids, "[");
		for (size_t i = 0; i < b->nmembers; i++)
			buf_printf(&ids, "%s%u", i > 0 ? "," : "", keep[i]);
		buf_puts(&ids, "]");
		gone = db_run(el, e,
		    "DELETE FROM bureau_member WHERE bureau_id = ? AND"
		    " JSON_CONTAINS(?, CAST(id AS CHAR)) = 0",
		    "us", bid, ids.data);
		buf_free(&ids);
		if (gone == -1)
			goto out;
		r->members_removed += (unsigned)gone;
	}
	for (size_t i = 0; i < b->nmembers; i++) {
		const struct opdef_member *m = &b->members[i];
		if (keep[i] != 0)
			continue;
		if (db_run(el, e,
		        "INSERT INTO bureau_member (bureau_id, role, nom, "
		        "prenom, matricule)"
		        " VALUES (?, ?, ?, ?, ?)",
		        "ussss", bid, bureau_role_name(m->role), m->nom,
		        m->prenom, m->matricule) == -1)
			goto out;
		r->members_new++;
	}
	rc = 0;
out:
	free(keep);
	return rc;
}

static int
opdef_bureaux(MYSQL *el, const struct opdef *d, struct opdef_ids *ids,
    struct opdef_result *r, struct err *e)
{
	for (size_t i = 0; i < d->nbureaux; i++) {
		const struct opdef_bureau *b = &d->bureaux[i];
		unsigned etab = b->etab >= 0 ? ids->etab[b->etab] : 0;
		if (opdef_int(db_query(el, e,
		                  "SELECT id FROM bureau WHERE operation_id = ?"
		                  " AND scope = ?",
		                  "uu", ids->op, etab),
		        &ids->bureau[i], e) == -1)
			return -1;
		if (ids->bureau[i] != 0 &&
		    db_run(el, e,
		        "UPDATE bureau SET name = ?, min_others = ?"
		        " WHERE id = ?",
		        "suu", b->name, b->min_others, ids->bureau[i]) == -1)
			return -1;
		if (ids->bureau[i] == 0) {
			if (db_run(el, e,
			        "INSERT INTO bureau (operation_id, "
			        "establishment_id, name,"
			        " min_others) VALUES (?, NULLIF(?, 0), ?, ?)",
			        "uusu", ids->op, etab, b->name,
			        b->min_others) == -1)
				return -1;
			ids->bureau[i] = (unsigned)mysql_insert_id(el);
		}
		if (opdef_members(el, ids->bureau[i], b, r, e) == -1)
			return -1;
		r->bureaux++;
	}
	return 0;
}

/* Fewer seats than a list already imported has candidates would make that
 * list invalid (the candidates import refuses it too). */
static int
opdef_seats_fit(MYSQL *el, unsigned id, unsigned seats, struct err *e)
{
	unsigned longest;

	if (opdef_int(
	        db_query(el, e,
	            "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n"
	            " FROM candidate c JOIN candidate_list l ON l.id ="
	            " c.list_id WHERE l.scrutin_id = ? GROUP BY l.id) t",
	            "u", id),
	        &longest, e) == -1)
		return -1;
	if (longest > seats)
		return err_set(e,
		    "scrutin %u : %u siège%s, mais une liste importée compte "
		    "%u "
		    "candidats ; importer d'abord des listes plus courtes",
		    id, seats, seats > 1 ? "s" : "", longest);
	return 0;
}

static int
opdef_scrutins(MYSQL *el, const struct opdef *d, const struct opdef_ids *ids,
    struct opdef_result *r, struct err *e)
{
	unsigned id, total;

	for (size_t i = 0; i < d->nscrutins; i++) {
		const struct opdef_scrutin *s = &d->scrutins[i];
		unsigned et = ids->etab[s->etab], co = ids->college[s->college];
		const char *cat = opdef_category_name(s->cat);
		if (opdef_int(
		        db_query(el, e,
		            "SELECT id FROM scrutin WHERE operation_id = ? AND"
		            " establishment_id = ? AND college_id = ? AND "
		            "category = ? AND round = ?",
		            "uuusu", ids->op, et, co, cat, s->round),
		        &id, e) == -1)
			return -1;
		if (id != 0 &&
		    (opdef_seats_fit(el, id, s->seats, e) == -1 ||
		        db_run(el, e,
		            "UPDATE scrutin SET seats = ?, bureau_id = ?"
		            " WHERE id = ?",
		            "uuu", s->seats, ids->bureau[s->bureau], id) == -1))
			return -1;
		if (id == 0 &&
		    db_run(el, e,
		        "INSERT INTO scrutin (operation_id, establishment_id,"
		        " college_id, category, round, seats, bureau_id) "
		        "VALUES (?, ?, ?, ?, ?, ?, ?)",
		        "uuusuuu", ids->op, et, co, cat, s->round, s->seats,
		        ids->bureau[s->bureau]) == -1)
			return -1;
		r->scrutins_new += id == 0;
	}
	if (opdef_int(db_query(el, e,
	                  "SELECT COUNT(*) FROM scrutin WHERE operation_id = ?",
	                  "u", ids->op),
	        &total, e) == -1)
		return -1;
	r->scrutins_kept = total - (unsigned)d->nscrutins;
	return 0;
}

/* The operation row: inserted (create) or brought to the file (update). */
static int
opdef_operation_row(
    MYSQL *el, const struct opdef *d, int create, unsigned *op, struct err *e)
{
	char *settings = json_dumps(d->settings, JSON_COMPACT | JSON_SORT_KEYS);
	char opens[24], closes[24];
	long long n;

	snprintf(opens, sizeof(opens), "%lld", (long long)d->opens);
	snprintf(closes, sizeof(closes), "%lld", (long long)d->closes);
	if (create)
		n = db_run(el, e,
		    "INSERT INTO operation (code, name, training, opens_at, "
		    "closes_at,"
		    " grace_seconds, settings) VALUES (?, ?, ?, "
		    "FROM_UNIXTIME(?), FROM_UNIXTIME(?), ?, ?)",
		    "ssussus", d->code, d->name, (unsigned)d->training, opens,
		    closes, d->grace_s, settings);
	else
		n = db_run(el, e,
		    "UPDATE operation SET name = ?, training = ?, opens_at ="
		    " FROM_UNIXTIME(?), closes_at = FROM_UNIXTIME(?), "
		    "grace_seconds = ?, settings = ?"
		    " WHERE id = ?",
		    "sussusu", d->name, (unsigned)d->training, opens, closes,
		    d->grace_s, settings, *op);
	free(settings);
	if (n == -1)
		return -1;
	if (create)
		*op = (unsigned)mysql_insert_id(el);
	return 0;
}

/* Refuse once a scrutin of the operation is sealed or beyond: what the
 * seal covers cannot change (R-BUR-3). */
static int
opdef_check_editable(MYSQL *el, unsigned op, struct err *e)
{
	unsigned first;

	if (opdef_int(db_query(el, e,
	                  "SELECT COALESCE(MIN(s.id), 0) FROM scrutin s JOIN"
	                  " lifecycle_state l ON l.name = s.state WHERE "
	                  "s.operation_id = ? AND NOT l.editable",
	                  "u", op),
	        &first, e) == -1)
		return -1;
	if (first != 0)
		return err_set(e,
		    "modification refusée : le scrutin %u (au moins) est "
		    "scellé ou "
		    "au-delà ; une opération ne se modifie plus après le "
		    "scellement",
		    first);
	return 0;
}

static int
opdef_write(MYSQL *el, const struct opdef *d, int create, const char *sha256,
    const char *actor, struct opdef_result *r, struct err *e)
{
	struct opdef_ids ids = {0, NULL, NULL, NULL};
	int rc = -1, began = 0;

	memset(r, 0, sizeof(*r));
	ids.etab = xcalloc(d->netabs + 1, sizeof(unsigned));
	ids.college = xcalloc(d->ncolleges + 1, sizeof(unsigned));
	ids.bureau = xcalloc(d->nbureaux + 1, sizeof(unsigned));
	if (db_exec(el, "START TRANSACTION", e) == -1)
		goto out;
	began = 1;
	if (opdef_int(db_query(el, e,
	                  "SELECT id FROM operation WHERE code = ? FOR UPDATE",
	                  "s", d->code),
	        &ids.op, e) == -1)
		goto out;
	if (create && ids.op != 0) {
		err_set(e,
		    "l'opération « %s » existe déjà (« operation update » pour "
		    "la modifier)",
		    d->code);
		goto out;
	}
	if (!create && ids.op == 0) {
		err_set(e,
		    "aucune opération « %s » (« operation create » d'abord)",
		    d->code);
		goto out;
	}
	if ((!create && opdef_check_editable(el, ids.op, e) == -1) ||
	    opdef_operation_row(el, d, create, &ids.op, e) == -1 ||
	    opdef_places(el, ids.op, "establishment", d->etabs, d->netabs,
	        ids.etab, e) == -1 ||
	    opdef_places(el, ids.op, "college", d->colleges, d->ncolleges,
	        ids.college, e) == -1)
		goto out;
	cast_fault("opdef-insert");
	if (opdef_bureaux(el, d, &ids, r, e) == -1 ||
	    opdef_scrutins(el, d, &ids, r, e) == -1 ||
	    journal_append_json_tx(el, actor,
	        create ? "operation_creation" : "operation_modification", 0,
	        json_pack("{s:s, s:s, s:I, s:I, s:I, s:I}", "code", d->code,
	            "sha256", sha256, "scrutins", (json_int_t)d->nscrutins,
	            "bureaux", (json_int_t)d->nbureaux, "membres_ajoutes",
	            (json_int_t)r->members_new, "membres_retires",
	            (json_int_t)r->members_removed),
	        e) == -1)
		goto out;
	cast_fault("opdef-commit");
	if (db_exec(el, "COMMIT", e) == -1)
		goto out;
	began = 0;
	r->operation_id = ids.op;
	rc = 0;
out:
	if (began)
		db_exec(el, "ROLLBACK", NULL);
	free(ids.etab);
	free(ids.college);
	free(ids.bureau);
	return rc;
}

int
opdef_create(MYSQL *el, const struct opdef *d, const char *sha256,
    const char *actor, struct opdef_result *r, struct err *e)
{
	return opdef_write(el, d, 1, sha256, actor, r, e);
}

int
opdef_update(MYSQL *el, const struct opdef *d, const char *sha256,
    const char *actor, struct opdef_result *r, struct err *e)
{
	return opdef_write(el, d, 0, sha256, actor, r, e);
}

/* ------------------------------------------------------------ show */

/* What the rows are written to, and the last bureau written (its members
 * follow it in the same result). */
struct opdef_out {
	struct buf *buf;
	char last_bureau[32];
};

typedef void (*opdef_row_fn)(struct opdef_out *out, char cols[][OPDEF_CELL]);

/* Run a query of n string columns with the operation id as its one
 * parameter; fn gets each row. */
static int
opdef_rows(MYSQL *el, unsigned op, const char *sql, int n, opdef_row_fn fn,
    struct opdef_out *out, struct err *e)
{
	char cols[OPDEF_COLS][OPDEF_CELL];
	unsigned long len[OPDEF_COLS];
	my_bool isnull[OPDEF_COLS];
	MYSQL_BIND b[OPDEF_COLS];
	MYSQL_STMT *st = db_query(el, e, sql, "u", op);
	int f;

	if (st == NULL)
		return -1;
	for (int i = 0; i < n; i++) {
		db_bind(
		    &b[i], MYSQL_TYPE_STRING, cols[i], OPDEF_CELL - 1, &len[i]);
		b[i].is_null = &isnull[i];
	}
	if (mysql_stmt_bind_result(st, b) != 0) {
		db_done(st);
		return err_set(
		    e, "base des électeurs : %s", mysql_stmt_error(st));
	}
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		for (int i = 0; i < n; i++)
			if (isnull[i])
				cols[i][0] = '\0';
			else
				db_cstr(cols[i], OPDEF_CELL, len[i]);
		fn(out, cols);
	}
	db_done(st);
	return f == MYSQL_NO_DATA
	           ? 0
	           : err_set(e, "base des électeurs : lecture impossible");
}

static void
opdef_show_settings(struct buf *out, const char *text)
{
	json_t *s = json_loads(text, 0, NULL), *v;
	const char *k;

	if (s == NULL || json_object_size(s) == 0) {
		json_decref(s);
		return;
	}
	buf_puts(out, "\n[reglages]\n");
	json_object_foreach(s, k, v)
	{
		if (json_is_boolean(v))
			buf_printf(out, "%s = %s\n", k,
			    json_is_true(v) ? "oui" : "non");
		else if (json_is_string(v))
			buf_printf(out, "%s = %s\n", k, json_string_value(v));
	}
	json_decref(s);
}

static void
opdef_show_op(struct opdef_out *o, char c[][OPDEF_CELL])
{
	char opens[32], closes[32];

	opdef_utc_to_paris(strtoll(c[2], NULL, 10), opens);
	opdef_utc_to_paris(strtoll(c[3], NULL, 10), closes);
	buf_printf(o->buf,
	    "# Opération telle qu'enregistrée (isoloir-console operation "
	    "show) ;\n# heures de Paris. Relue par « operation update ».\n"
	    "[operation]\ncode = %s\nnom = %s\nouverture = %s\n"
	    "cloture = %s\nprolongation = %ld\nformation = %s\n",
	    c[0], c[1], opens, closes, strtol(c[4], NULL, 10) / 60,
	    strcmp(c[5], "1") == 0 ? "oui" : "non");
	opdef_show_settings(o->buf, c[6]);
}

static void
opdef_show_etab(struct opdef_out *o, char c[][OPDEF_CELL])
{
	buf_printf(o->buf, "\n[etablissement.e%s]\nnom = %s\n", c[0], c[1]);
}

static void
opdef_show_college(struct opdef_out *o, char c[][OPDEF_CELL])
{
	buf_printf(o->buf, "\n[college.c%s]\nnom = %s\n", c[0], c[1]);
}

static void
opdef_show_bureau(struct opdef_out *o, char c[][OPDEF_CELL])
{
	buf_printf(o->buf, "\n[bureau.b%s]\nnom = %s\n", c[0], c[1]);
	if (c[2][0] != '\0')
		buf_printf(o->buf, "etablissement = e%s\n", c[2]);
	buf_printf(o->buf, "membres_requis = %s\n", c[3]);
}

static void
opdef_show_member(struct opdef_out *o, char c[][OPDEF_CELL])
{
	int single =
	    strcmp(c[1], "president") == 0 || strcmp(c[1], "secretaire") == 0;

	buf_printf(o->buf, "%s%s%s = %s ; %s%s%s\n", c[1], single ? "" : ".",
	    single ? "" : c[0], c[2], c[3], c[4][0] != '\0' ? " ; " : "", c[4]);
}

static void
opdef_show_scrutin(struct opdef_out *o, char c[][OPDEF_CELL])
{
	buf_printf(o->buf,
	    "\n[scrutin.s%s]\netablissement = e%s\ncollege = c%s\ncategories = "
	    "%s\n"
	    "tour = %s\nsieges = %s\n",
	    c[0], c[1], c[2],
	    strcmp(c[3], "titulaires") == 0 ? "titulaires" : "suppléants", c[4],
	    c[5]);
	if (c[6][0] != '\0')
		buf_printf(o->buf, "bureau = b%s\n", c[6]);
	buf_printf(o->buf, "# état : %s\n", c[7]);
}

/* Bureaux and their members come in one ordered pass (a join), the
 * bureau's section written when its id changes. */
static void
opdef_show_bureau_row(struct opdef_out *o, char c[][OPDEF_CELL])
{
	if (strcmp(o->last_bureau, c[0]) != 0) {
		snprintf(o->last_bureau, sizeof(o->last_bureau), "%s", c[0]);
		opdef_show_bureau(o, c);
	}
	if (c[4][0] != '\0')
		opdef_show_member(o, c + 4);
}

int
opdef_show(MYSQL *el, const char *code, struct buf *out, struct err *e)
{
	struct opdef_out o = {out, ""};
	unsigned op;

	if (opdef_int(db_query(el, e,
	                  "SELECT COALESCE(MIN(id), 0) FROM operation WHERE"
	                  " ? = '' OR code = ?",
	                  "ss", code ? code : "", code ? code : ""),
	        &op, e) == -1)
		return -1;
	if (op == 0)
		return err_set(e, "aucune opération%s%s", code ? " « " : "",
		    code ? code : "");
	if (opdef_rows(el, op,
	        "SELECT code, name, UNIX_TIMESTAMP(opens_at), "
	        "UNIX_TIMESTAMP(closes_at),"
	        " grace_seconds, training, CAST(settings AS CHAR) FROM "
	        "operation WHERE id = ?",
	        7, opdef_show_op, &o, e) == -1 ||
	    opdef_rows(el, op,
	        "SELECT id, name FROM establishment WHERE operation_id = ? "
	        "ORDER BY id",
	        2, opdef_show_etab, &o, e) == -1 ||
	    opdef_rows(el, op,
	        "SELECT id, name FROM college WHERE operation_id = ? ORDER BY "
	        "id",
	        2, opdef_show_college, &o, e) == -1)
		return -1;
	/* a new bureau is recognised by its id changing */
	if (opdef_rows(el, op,
	        "SELECT b.id, b.name, b.establishment_id, b.min_others, m.id, "
	        "m.role,"
	        " m.nom, m.prenom, m.matricule FROM bureau b LEFT JOIN "
	        "bureau_member m ON m.bureau_id = b.id"
	        " WHERE b.operation_id = ? ORDER BY b.id, FIELD(m.role, "
	        "'president', 'secretaire',"
	        " 'assesseur', 'delegue'), m.id",
	        9, opdef_show_bureau_row, &o, e) == -1)
		return -1;
	return opdef_rows(el, op,
	    "SELECT s.id, s.establishment_id, s.college_id, s.category, "
	    "s.round,"
	    " s.seats, s.bureau_id, l.label FROM scrutin s JOIN "
	    "lifecycle_state l ON l.name = s.state"
	    " WHERE s.operation_id = ? ORDER BY s.id",
	    8, opdef_show_scrutin, &o, e);
}
