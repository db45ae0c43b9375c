/* ceremony_db.c: a ceremony in the electors database (ceremony.h): start
 * with those present, steps done once and in order (checked again under
 * the ceremony's row lock, so two consoles cannot both do a step), each
 * journaled; a refused step is journaled with its reason. The checks and
 * actions themselves are in lib/ceremony_check.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ceremony.h"
#include "ceremony_check.h"
#include "db.h"
#include "journal.h"

#define CER_CELL 4096

json_t *
cer_rows(MYSQL *m, struct err *e, const char *sql, unsigned id, unsigned ncols)
{
	char(*cell)[CER_CELL] = calloc(ncols, CER_CELL);
	unsigned long *len = calloc(ncols, sizeof(*len));
	my_bool *isnull = calloc(ncols, sizeof(*isnull));
	MYSQL_BIND *out = calloc(ncols, sizeof(*out));
	MYSQL_STMT *st = NULL;
	json_t *rows = NULL;
	int f;

	if (cell == NULL || len == NULL || isnull == NULL || out == NULL) {
		err_set(e, "mémoire insuffisante");
		goto out;
	}
	if ((st = db_query(m, e, sql, "u", id)) == NULL)
		goto out;
	for (unsigned i = 0; i < ncols; i++) {
		db_bind(
		    &out[i], MYSQL_TYPE_STRING, cell[i], CER_CELL - 1, &len[i]);
		out[i].is_null = &isnull[i];
	}
	if (mysql_stmt_bind_result(st, out) != 0) {
		err_set(e, "lecture impossible (%s)", mysql_stmt_error(st));
		goto out;
	}
	rows = json_array();
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		json_t *r = json_array();
		for (unsigned i = 0; i < ncols; i++) {
			db_cstr(cell[i], CER_CELL, len[i]);
			json_array_append_new(
			    r, isnull[i] ? json_null() : json_string(cell[i]));
		}
		json_array_append_new(rows, r);
	}
	if (f != MYSQL_NO_DATA) {
		err_set(e, "lecture impossible (%s)", mysql_stmt_error(st));
		json_decref(rows);
		rows = NULL;
	}
out:
	if (st != NULL)
		db_done(st);
	free(cell);
	free(len);
	free(isnull);
	free(out);
	return rows;
}

const char *
cer_cell(json_t *rows, size_t row, size_t col)
{
	const char *s =
	    json_string_value(json_array_get(json_array_get(rows, row), col));

	return s != NULL ? s : "";
}

/* What a step needs of its ceremony. */
struct cer_row {
	unsigned scrutin;
	enum cer_kind kind;
	int finished;
	size_t done;
};

static int
cer_load(MYSQL *el, unsigned id, int lock, struct cer_row *c, struct err *e)
{
	json_t *r;
	int rc = -1;

	r = cer_rows(el, e,
	    lock ? "SELECT c.scrutin_id, c.kind, c.finished_at IS NOT NULL,"
	           " (SELECT COUNT(*) FROM ceremony_step s WHERE s.ceremony_id "
	           "= c.id) FROM ceremony c"
	           " WHERE c.id = ? FOR UPDATE"
	         : "SELECT c.scrutin_id, c.kind, c.finished_at IS NOT NULL,"
	           " (SELECT COUNT(*) FROM ceremony_step s WHERE s.ceremony_id "
	           "= c.id) FROM ceremony c"
	           " WHERE c.id = ?",
	    id, 4);
	if (r == NULL)
		return -1;
	if (json_array_size(r) == 0) {
		err_set(e, "Cérémonie n° %u inconnue.", id);
		goto out;
	}
	c->scrutin = (unsigned)strtoul(cer_cell(r, 0, 0), NULL, 10);
	c->finished = strcmp(cer_cell(r, 0, 2), "1") == 0;
	c->done = (size_t)strtoul(cer_cell(r, 0, 3), NULL, 10);
	rc = ceremony_kind_parse(cer_cell(r, 0, 1), &c->kind, e);
out:
	json_decref(r);
	return rc;
}

int
ceremony_find(
    MYSQL *el, unsigned scrutin, enum cer_kind k, unsigned *id, struct err *e)
{
	long long v = 0;
	int f =
	    db_fetch_int(db_query(el, e,
	                     "SELECT id FROM ceremony WHERE scrutin_id = ? AND"
	                     " kind = ? ORDER BY id DESC LIMIT 1",
	                     "us", scrutin, ceremony_kind_name(k)),
	        &v, e);

	*id = f == 1 ? (unsigned)v : 0;
	return f == -1 ? -1 : 0;
}

int
ceremony_start(MYSQL *el, unsigned scrutin, enum cer_kind k,
    const struct cer_present *p, size_t np, const char *actor, unsigned *id,
    struct err *e)
{
	char label[LC_LABEL_MAX];
	enum lc_state s;
	long long open = 0;
	json_t *who = NULL;
	int tx = 0, rc = -1;

	if (np == 0)
		return err_set(e, "Indiquez les personnes présentes (au moins "
		                  "le président du bureau).");
	if (np > CER_MAX_PRESENT)
		return err_set(
		    e, "au plus %d personnes présentes", CER_MAX_PRESENT);
	if (lifecycle_describe(el, scrutin, label, e) == -1 ||
	    lifecycle_state_of(el, scrutin, &s, e) == -1 ||
	    ceremony_start_check(k, s, label, e) == -1)
		return -1;
	if (db_exec(el, "START TRANSACTION", e) == -1)
		return -1;
	tx = 1;
	/* the scrutin's row lock orders two consoles starting the same one */
	if (db_fetch_int(db_query(el, e,
	                     "SELECT id FROM scrutin WHERE id = ? FOR UPDATE",
	                     "u", scrutin),
	        &open, e) == -1 ||
	    db_fetch_int(
	        db_query(el, e,
	            "SELECT COUNT(*) FROM ceremony WHERE scrutin_id = ? AND"
	            " kind = ? AND finished_at IS NULL",
	            "us", scrutin, ceremony_kind_name(k)),
	        &open, e) == -1)
		goto out;
	if (open != 0) {
		err_set(e,
		    "Une %s du scrutin « %s » est déjà en cours : "
		    "poursuivez-la.",
		    ceremony_kind_label(k), label);
		goto out;
	}
	if (db_run(el, e,
	        "INSERT INTO ceremony (scrutin_id, kind, started_at, "
	        "started_by) VALUES"
	        " (?, ?, UTC_TIMESTAMP(6), ?)",
	        "uss", scrutin, ceremony_kind_name(k), actor) != 1)
		goto out;
	*id = (unsigned)mysql_insert_id(el);
	who = json_array();
	for (size_t i = 0; i < np; i++) {
		if (p[i].nom == NULL || p[i].nom[0] == '\0' ||
		    p[i].role == NULL || p[i].role[0] == '\0') {
			err_set(e, "personne présente sans nom ou sans rôle");
			goto out;
		}
		if (db_run(el, e,
		        "INSERT INTO ceremony_present (ceremony_id, seq, nom, "
		        "role) VALUES"
		        " (?, ?, ?, ?)",
		        "uuss", *id, (unsigned)(i + 1), p[i].nom,
		        p[i].role) != 1)
			goto out;
		json_array_append_new(who,
		    json_pack("{s:s,s:s}", "nom", p[i].nom, "role", p[i].role));
	}
	if (journal_append_json_tx(el, actor, "ceremonie_debut", scrutin,
	        json_pack("{s:i,s:s,s:O}", "ceremonie", (int)*id, "genre",
	            ceremony_kind_name(k), "presents", who),
	        e) == -1 ||
	    db_exec(el, "COMMIT", e) == -1)
		goto out;
	tx = 0;
	rc = 0;
out:
	json_decref(who);
	if (tx) {
		struct err ignored;
		db_exec(el, "ROLLBACK", &ignored);
	}
	return rc;
}

/* A statement is confirmed by someone recorded as present. */
static int
cer_confirm(
    MYSQL *el, unsigned id, const char *who, char *result, struct err *e)
{
	long long n = 0;

	if (who == NULL || who[0] == '\0')
		return err_set(e,
		    "ce constat doit être confirmé par une personne présente "
		    "(--confirme \"Prénom Nom\")");
	if (db_fetch_int(db_query(el, e,
	                     "SELECT COUNT(*) FROM ceremony_present WHERE"
	                     " ceremony_id = ? AND nom = ?",
	                     "us", id, who),
	        &n, e) == -1)
		return -1;
	if (n == 0)
		return err_set(
		    e, "« %s » n'est pas parmi les personnes présentes", who);
	snprintf(result, CER_RESULT_MAX, "Constaté par %s.", who);
	return 0;
}

/* The closing's turnout statement carries the figures the bureau saw. */
static int
cer_turnout(MYSQL *el, unsigned scrutin, char *result, struct err *e)
{
	long long inscrits = 0, votants = 0;
	size_t len = strlen(result);

	if (db_fetch_int(
	        db_query(el, e,
	            "SELECT COUNT(*) FROM elector_scrutin x JOIN elector v ON"
	            " v.id = x.elector_id WHERE x.scrutin_id = ? AND NOT "
	            "v.test_elector",
	            "u", scrutin),
	        &inscrits, e) == -1 ||
	    db_fetch_int(
	        db_query(el, e, "SELECT emargement_count(?)", "u", scrutin),
	        &votants, e) == -1)
		return -1;
	snprintf(result + len, CER_RESULT_MAX - len,
	    " Inscrits : %lld ; votants : %lld.", inscrits, votants);
	return 0;
}

/* The sealing meeting's statement on professions de foi and logos
 * carries what the candidates import stored (R-BUR-10, R-VOTE-2): how
 * many lists have each, and the first lists without a profession de foi,
 * for the bureau to see before confirming. */
static int
cer_list_files(MYSQL *el, unsigned scrutin, char *result, struct err *e)
{
	long long lists = 0, prof = 0, logos = 0;
	size_t len = strlen(result);
	char name[256];
	unsigned long nl = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	int f, shown = 0;

	if (db_fetch_int(db_query(el, e, "SELECT COUNT(*) FROM candidate_list WHERE scrutin_id = ?", "u",
	        scrutin), &lists, e) == -1 ||
	    db_fetch_int(db_query(el, e, "SELECT COUNT(*) FROM list_file f JOIN candidate_list l ON"
	        " l.id = f.list_id WHERE l.scrutin_id = ? AND f.kind = 'profession'", "u", scrutin),
	        &prof, e) == -1 ||
	    db_fetch_int(db_query(el, e, "SELECT COUNT(*) FROM list_file f JOIN candidate_list l ON"
	        " l.id = f.list_id WHERE l.scrutin_id = ? AND f.kind = 'logo'", "u", scrutin),
	        &logos, e) == -1)
		return -1;
	len += (size_t)snprintf(result + len, CER_RESULT_MAX - len,
	    " Fichiers enregistrés : profession de foi pour %lld liste(s) sur %lld, logo pour %lld.",
	    prof, lists, logos);
	if (prof == lists || len >= CER_RESULT_MAX)
		return 0;
	st = db_query(el, e, "SELECT l.name FROM candidate_list l WHERE l.scrutin_id = ? AND NOT EXISTS"
	    " (SELECT 1 FROM list_file f WHERE f.list_id = l.id AND f.kind = 'profession')"
	    " ORDER BY l.position LIMIT 5", "u", scrutin);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, name, sizeof(name) - 1, &nl);
	mysql_stmt_bind_result(st, out);
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		db_cstr(name, sizeof(name), nl);
		len = strlen(result);
		snprintf(result + len, CER_RESULT_MAX - len, "%s« %s »", shown++ ? ", " : " Sans profession de foi : ",
		    name);
	}
	db_done(st);
	len = strlen(result);
	snprintf(result + len, CER_RESULT_MAX - len, "%s.", prof + 5 < lists ? ", …" : "");
	return 0;
}

static void
cer_journal_refusal(MYSQL *el, unsigned id, unsigned scrutin, const char *key,
    const char *actor, const char *why)
{
	json_t *d = json_pack(
	    "{s:i,s:s,s:s}", "ceremonie", (int)id, "etape", key, "motif", why);
	char *s =
	    d != NULL ? json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	struct err ignored;

	if (s != NULL)
		journal_append(
		    el, actor, "ceremonie_refus", scrutin, s, NULL, &ignored);
	free(s);
	json_decref(d);
}

/* Store the step done, under the ceremony's lock, its order checked again. */
static int
cer_store(MYSQL *el, const struct cer_step_req *r, const char *actor,
    const char *result, struct err *e)
{
	const struct cer_step_def *defs;
	struct cer_row c;
	size_t n, idx;
	int tx = 0, rc = -1;

	if (db_exec(el, "START TRANSACTION", e) == -1)
		return -1;
	tx = 1;
	if (cer_load(el, r->ceremony, 1, &c, e) == -1 ||
	    ceremony_order_check(c.kind, c.done, r->key, &idx, e) == -1)
		goto out;
	defs = ceremony_steps(c.kind, &n);
	if (db_run(el, e,
	        "INSERT INTO ceremony_step (ceremony_id, step_no, step_key, "
	        "done_at,"
	        " actor, confirmed_by, result) VALUES (?, ?, ?, "
	        "UTC_TIMESTAMP(6), ?, NULLIF(?, ''), ?)",
	        "uussss", r->ceremony, (unsigned)(idx + 1), r->key, actor,
	        defs[idx].how == CER_STATEMENT && r->confirmed_by != NULL
	            ? r->confirmed_by
	            : "",
	        result) != 1)
		goto out;
	if (idx + 1 == n &&
	    db_run(el, e,
	        "UPDATE ceremony SET finished_at = UTC_TIMESTAMP(6)"
	        " WHERE id = ?",
	        "u", r->ceremony) != 1)
		goto out;
	if (journal_append_json_tx(el, actor, "ceremonie_etape", c.scrutin,
	        json_pack("{s:i,s:s,s:i,s:s,s:s?,s:s?}", "ceremonie",
	            (int)r->ceremony, "etape", r->key, "numero", (int)(idx + 1),
	            "resultat", result, "confirme_par",
	            defs[idx].how == CER_STATEMENT ? r->confirmed_by : NULL,
	            "note", r->note),
	        e) == -1 ||
	    db_exec(el, "COMMIT", e) == -1)
		goto out;
	tx = 0;
	rc = 0;
out:
	if (tx) {
		struct err ignored;
		db_exec(el, "ROLLBACK", &ignored);
	}
	return rc;
}

int
ceremony_step(MYSQL *el, MYSQL *urn, const struct cer_step_req *r,
    const char *actor, char result[CER_RESULT_MAX], struct err *e)
{
	const struct cer_step_def *defs;
	struct cer_ctx ctx = {.el = el, .urn = urn, .req = r, .actor = actor};
	struct cer_row c;
	size_t n, idx;
	int rc;

	result[0] = '\0';
	if (cer_load(el, r->ceremony, 0, &c, e) == -1 ||
	    ceremony_order_check(c.kind, c.done, r->key, &idx, e) == -1)
		return -1;
	defs = ceremony_steps(c.kind, &n);
	ctx.scrutin = c.scrutin;
	ctx.kind = c.kind;
	if (lifecycle_describe(el, c.scrutin, ctx.label, e) == -1)
		return -1;
	if (defs[idx].how == CER_STATEMENT) {
		rc = cer_confirm(el, r->ceremony, r->confirmed_by, result, e);
		if (rc == 0 && c.kind == CER_CLOSING)
			rc = cer_turnout(el, c.scrutin, result, e);
		if (rc == 0 && c.kind == CER_SEALING && strcmp(defs[idx].key, "professions_de_foi") == 0)
			rc = cer_list_files(el, c.scrutin, result, e);
	} else
		rc = cer_check_run(&ctx, defs[idx].key, result, e);
	if (rc == 0 && r->note != NULL && r->note[0] != '\0') {
		size_t len = strlen(result);
		snprintf(
		    result + len, CER_RESULT_MAX - len, " Note : %s", r->note);
	}
	if (rc == -1) {
		err_prefix(e, "Étape « %s » refusée : ", defs[idx].label);
		cer_journal_refusal(
		    el, r->ceremony, c.scrutin, r->key, actor, e->msg);
		return -1;
	}
	return cer_store(el, r, actor, result, e);
}

int
ceremony_step_authority(MYSQL *el, unsigned ceremony, const char *key,
    unsigned *bureau, unsigned *scrutin, struct err *e)
{
	struct cer_row c;
	enum lc_state to;

	*bureau = 0;
	if (cer_load(el, ceremony, 0, &c, e) == -1)
		return -1;
	if (scrutin != NULL)
		*scrutin = c.scrutin;
	if (cer_action_target(c.kind, key, &to) == -1)
		return 0;
	return lifecycle_authority(el, c.scrutin, to, bureau, e);
}

/* ------------------------------------------------------------ status */

static json_t *
cer_status_steps(
    MYSQL *el, unsigned id, enum cer_kind k, size_t *done, struct err *e)
{
	const struct cer_step_def *defs;
	json_t *rows, *steps;
	size_t n;

	rows = cer_rows(el, e,
	    "SELECT step_no, DATE_FORMAT(done_at, '%Y-%m-%d %H:%i:%s'), result,"
	    " confirmed_by FROM ceremony_step WHERE ceremony_id = ? ORDER BY "
	    "step_no",
	    id, 4);
	if (rows == NULL)
		return NULL;
	defs = ceremony_steps(k, &n);
	*done = json_array_size(rows);
	steps = json_array();
	for (size_t i = 0; i < n; i++) {
		int made = i < *done;
		json_array_append_new(steps,
		    json_pack("{s:s,s:s,s:s,s:b,s:s?,s:s?,s:s?}", "cle",
		        defs[i].key, "libelle", defs[i].label, "nature",
		        ceremony_how_label(defs[i].how), "faite", made, "heure",
		        made ? cer_cell(rows, i, 1) : NULL, "resultat",
		        made ? cer_cell(rows, i, 2) : NULL, "confirme_par",
		        made ? json_string_value(
		                   json_array_get(json_array_get(rows, i), 3))
		             : NULL));
	}
	json_decref(rows);
	return steps;
}

json_t *
ceremony_status(MYSQL *el, unsigned id, struct err *e)
{
	json_t *head = NULL, *pres = NULL, *list, *steps = NULL, *st = NULL;
	char label[LC_LABEL_MAX];
	const struct cer_step_def *defs;
	enum cer_kind k;
	enum lc_state s;
	unsigned scrutin;
	size_t n, done = 0;

	head = cer_rows(el, e,
	    "SELECT c.scrutin_id, c.kind, DATE_FORMAT(c.started_at,"
	    " '%Y-%m-%d %H:%i:%s'), DATE_FORMAT(c.finished_at, '%Y-%m-%d "
	    "%H:%i:%s'), o.name, o.code"
	    " FROM ceremony c JOIN scrutin x ON x.id = c.scrutin_id JOIN "
	    "operation o ON"
	    " o.id = x.operation_id WHERE c.id = ?",
	    id, 6);
	if (head == NULL)
		return NULL;
	if (json_array_size(head) == 0) {
		err_set(e, "Cérémonie n° %u inconnue.", id);
		goto out;
	}
	scrutin = (unsigned)strtoul(cer_cell(head, 0, 0), NULL, 10);
	if (ceremony_kind_parse(cer_cell(head, 0, 1), &k, e) == -1 ||
	    lifecycle_describe(el, scrutin, label, e) == -1 ||
	    lifecycle_state_of(el, scrutin, &s, e) == -1 ||
	    (pres = cer_rows(el, e,
	         "SELECT nom, role FROM ceremony_present WHERE ceremony_id = ?"
	         " ORDER BY seq",
	         id, 2)) == NULL ||
	    (steps = cer_status_steps(el, id, k, &done, e)) == NULL)
		goto out;
	list = json_array();
	for (size_t i = 0; i < json_array_size(pres); i++)
		json_array_append_new(
		    list, json_pack("{s:s,s:s}", "nom", cer_cell(pres, i, 0),
		              "role", cer_cell(pres, i, 1)));
	defs = ceremony_steps(k, &n);
	st = json_pack(
	    "{s:i,s:i,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s?,s:o,s:o,s:s?,s:i}",
	    "id", (int)id, "scrutin", (int)scrutin, "libelle", label, "genre",
	    ceremony_kind_name(k), "libelle_genre", ceremony_kind_label(k),
	    "titre", ceremony_kind_title(k, done == n), "etat",
	    lifecycle_state_label(s), "operation", cer_cell(head, 0, 4),
	    "code_operation", cer_cell(head, 0, 5), "debut",
	    cer_cell(head, 0, 2), "fin",
	    json_string_value(json_array_get(json_array_get(head, 0), 3)),
	    "presents", list, "etapes", steps, "prochaine",
	    done < n ? defs[done].key : NULL, "faites", (int)done);
	steps = NULL;
	if (st == NULL)
		err_set(e, "état de la cérémonie illisible (UTF-8 ?)");
out:
	json_decref(head);
	json_decref(pres);
	json_decref(steps);
	return st;
}
