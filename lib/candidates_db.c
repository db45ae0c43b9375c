/* candidates_db.c: the candidates file into the electors database
 * (candidates_db.h). Checks read the database first, outside any
 * transaction; the writes then run in one transaction that locks the
 * operation row and checks again that every scrutin is still open to
 * changes (the triggers of 003_model.sql hold them too). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "candidates.h"
#include "candidates_db.h"
#include "db.h"
#include "journal.h"
#include "listfile.h"
#include "lifecycle.h"
#include "operation.h"
#include "parity.h"
#include "text.h"
#include "xmalloc.h"

#define CAND_MAX_SCRUTINS 512

/* A scrutin of the operation. */
struct dbs {
	unsigned id, seats, etab, college, round;
	int suppleants;
	char etab_name[256], college_name[256], state[33];
};

struct dbscrutins {
	struct dbs s[CAND_MAX_SCRUTINS];
	size_t n;
};

#define rerr import_report_err

static int
load_scrutins(MYSQL *el, unsigned op, struct dbscrutins *d, struct err *e)
{
	struct dbs s;
	char cat[16];
	unsigned long l1, l2, l3, l4;
	MYSQL_BIND out[9];
	MYSQL_STMT *st;
	int f, rc = -1;

	d->n = 0;
	st = db_query(el, e, "SELECT s.id, s.seats, s.establishment_id, s.college_id, s.category,"
	    " e.name, c.name, s.state, s.round FROM scrutin s JOIN establishment e ON"
	    " e.id = s.establishment_id JOIN college c ON c.id = s.college_id WHERE"
	    " s.operation_id = ? ORDER BY s.id", "u", op);
	if (st == NULL)
		return -1;
	memset(&s, 0, sizeof(s));
	db_bind(&out[0], MYSQL_TYPE_LONG, &s.id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_LONG, &s.seats, 0, NULL);
	db_bind(&out[2], MYSQL_TYPE_LONG, &s.etab, 0, NULL);
	db_bind(&out[3], MYSQL_TYPE_LONG, &s.college, 0, NULL);
	db_bind(&out[4], MYSQL_TYPE_STRING, cat, sizeof(cat) - 1, &l1);
	db_bind(&out[5], MYSQL_TYPE_STRING, s.etab_name, sizeof(s.etab_name) - 1, &l2);
	db_bind(&out[6], MYSQL_TYPE_STRING, s.college_name, sizeof(s.college_name) - 1, &l3);
	db_bind(&out[7], MYSQL_TYPE_STRING, s.state, sizeof(s.state) - 1, &l4);
	db_bind(&out[8], MYSQL_TYPE_LONG, &s.round, 0, NULL);
	if (mysql_stmt_bind_result(st, out) != 0) {
		err_set(e, "base des électeurs : %s", mysql_stmt_error(st));
		goto out;
	}
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		if (d->n == CAND_MAX_SCRUTINS) {
			err_set(e, "plus de %d scrutins dans l'opération", CAND_MAX_SCRUTINS);
			goto out;
		}
		db_cstr(cat, sizeof(cat), l1);
		db_cstr(s.etab_name, sizeof(s.etab_name), l2);
		db_cstr(s.college_name, sizeof(s.college_name), l3);
		db_cstr(s.state, sizeof(s.state), l4);
		s.suppleants = strcmp(cat, "suppleants") == 0;
		d->s[d->n++] = s;
	}
	rc = 0;
out:
	db_done(st);
	return rc;
}

static const struct dbs *
find_scrutin(const struct dbscrutins *d, const struct cand_scrutin *cs)
{
	char *fe = text_fold(cs->etablissement), *fc = text_fold(cs->college);
	const struct dbs *found = NULL;

	for (size_t i = 0; i < d->n && found == NULL; i++) {
		char *a = text_fold(d->s[i].etab_name), *b = text_fold(d->s[i].college_name);
		if (strcmp(a, fe) == 0 && strcmp(b, fc) == 0 && d->s[i].suppleants == cs->suppleants &&
		    d->s[i].round == cs->round)
			found = &d->s[i];
		free(a);
		free(b);
	}
	free(fe);
	free(fc);
	return found;
}

/* The elector a candidate names, checked against the electors file. */
struct elector_ref {
	unsigned id, etab, college;
	int found, eligible, naissance;
	char nom[256], nom_usage[256], prenom[256];
};

static int
load_elector(MYSQL *el, unsigned op, const char *matricule, struct elector_ref *r, struct err *e)
{
	char dob[16];
	unsigned long l1, l2, l3, l4;
	signed char elig = 0;
	MYSQL_BIND out[8];
	MYSQL_STMT *st;
	int f;

	memset(r, 0, sizeof(*r));
	st = db_query(el, e, "SELECT id, establishment_id, college_id, eligible, nom, nom_usage,"
	    " prenom, DATE_FORMAT(date_naissance, '%Y%m%d') FROM elector WHERE operation_id = ?"
	    " AND matricule = ? AND NOT test_elector", "us", op, matricule);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, &r->id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_LONG, &r->etab, 0, NULL);
	db_bind(&out[2], MYSQL_TYPE_LONG, &r->college, 0, NULL);
	db_bind(&out[3], MYSQL_TYPE_TINY, &elig, 0, NULL);
	db_bind(&out[4], MYSQL_TYPE_STRING, r->nom, sizeof(r->nom) - 1, &l1);
	db_bind(&out[5], MYSQL_TYPE_STRING, r->nom_usage, sizeof(r->nom_usage) - 1, &l2);
	db_bind(&out[6], MYSQL_TYPE_STRING, r->prenom, sizeof(r->prenom) - 1, &l3);
	db_bind(&out[7], MYSQL_TYPE_STRING, dob, sizeof(dob) - 1, &l4);
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f == 1)
		return err_set(e, "base des électeurs : lecture des électeurs impossible");
	if (f == MYSQL_NO_DATA)
		return 0;
	db_cstr(r->nom, sizeof(r->nom), l1);
	db_cstr(r->nom_usage, sizeof(r->nom_usage), l2);
	db_cstr(r->prenom, sizeof(r->prenom), l3);
	db_cstr(dob, sizeof(dob), l4);
	r->naissance = atoi(dob);
	r->eligible = elig != 0;
	r->found = 1;
	return 0;
}

static int
same_folded(const char *a, const char *b)
{
	char *x = text_fold(a), *y = text_fold(b);
	int same = strcmp(x, y) == 0;

	free(x);
	free(y);
	return same;
}

/* The one number an executed COUNT query returns; closes st. */
static int
fetch_count(MYSQL_STMT *st, long long *v, struct err *e)
{
	return db_fetch_int(st, v, e) == 1 ? 0 : -1;
}

static void
fmt_date(int ymd, char out[16])
{
	snprintf(out, 16, "%02d/%02d/%04d", ymd % 100 % 100, ymd / 100 % 100, ymd / 10000 % 10000);
}

/* One candidate against the electors file and the bureaux. */
static int
check_candidate(MYSQL *el, unsigned op, const struct cand_file *f, const struct dbs *s,
    const struct cand *c, struct import_report *rep, struct err *e)
{
	struct elector_ref r;
	long long members = 0;
	char d1[16], d2[16];

	if (load_elector(el, op, c->matricule, &r, e) == -1)
		return -1;
	if (!r.found) {
		rerr(rep, c->line, f->col_matricule, "%s %s (matricule %s) n'est pas sur la liste "
		    "électorale", c->prenom, c->nom, c->matricule);
		return 0;
	}
	if (r.etab != s->etab || r.college != s->college)
		rerr(rep, c->line, f->col_matricule, "%s %s (matricule %s) n'est pas électeur de "
		    "« %s, %s »", c->prenom, c->nom, c->matricule, s->etab_name, s->college_name);
	if (!r.eligible)
		rerr(rep, c->line, f->col_matricule, "%s %s (matricule %s) n'est pas éligible",
		    c->prenom, c->nom, c->matricule);
	if ((!same_folded(c->nom, r.nom) && !same_folded(c->nom, r.nom_usage)) ||
	    !same_folded(c->prenom, r.prenom) || c->naissance != r.naissance) {
		fmt_date(c->naissance, d1);
		fmt_date(r.naissance, d2);
		rerr(rep, c->line, f->col_matricule, "le matricule %s est celui de %s %s né(e) le %s "
		    "sur la liste électorale, pas de %s %s né(e) le %s", c->matricule, r.prenom,
		    r.nom, d2, c->prenom, c->nom, d1);
	}
	if (fetch_count(db_query(el, e, "SELECT COUNT(*) FROM bureau_member m JOIN bureau b ON"
	    " b.id = m.bureau_id WHERE b.operation_id = ? AND m.matricule = ?", "us", op,
	    c->matricule), &members, e) == -1)
		return -1;
	if (members > 0)
		rerr(rep, c->line, f->col_matricule, "%s %s (matricule %s) est membre d'un bureau de "
		    "vote : un membre du bureau ne peut pas être candidat", c->prenom, c->nom,
		    c->matricule);
	return 0;
}

/* Gender balance of one list, each warning on a line of the control list. */
static unsigned
list_warnings(const char *sexes, long long women, long long men, struct buf *control)
{
	struct buf w = BUF_INIT;
	int n = parity_check(sexes, (unsigned long)women, (unsigned long)men, &w);

	for (char *line = w.data, *nl; n > 0 && line != NULL && *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		buf_printf(control, "    ATTENTION, %.*s\n", (int)(nl - line), line);
	}
	buf_free(&w);
	return (unsigned)n;
}

/* The checks of one scrutin of the file; warnings to control. */
static int
check_scrutin(MYSQL *el, unsigned op, const struct cand_file *f, const struct cand_scrutin *cs,
    const struct dbscrutins *d, const struct dbs **out, struct import_report *rep,
    struct buf *control, unsigned *warnings, struct err *e)
{
	const struct dbs *s = find_scrutin(d, cs);
	long long women = 0, men = 0;
	enum lc_state state;

	*out = s;
	if (s == NULL) {
		rerr(rep, cs->line, f->col_etab, "aucun scrutin « %s, %s, %s » au %s tour dans "
		    "l'opération", cs->etablissement, cs->college, cs->suppleants ? "suppléants" :
		    "titulaires", cs->round == 2 ? "2d" : "1er");
		return 0;
	}
	if (lifecycle_state_parse(s->state, &state, e) == -1)
		return -1;
	if (state != LC_DRAFT && state != LC_LISTS_IMPORTED)
		rerr(rep, cs->line, f->col_etab, "le scrutin « %s, %s, %s » est « %s » : les listes se "
		    "déposent avant la génération des clés", s->etab_name, s->college_name,
		    s->suppleants ? "suppléants" : "titulaires", lifecycle_state_label(state));
	if (fetch_count(db_query(el, e, "SELECT COUNT(*) FROM elector WHERE operation_id = ? AND"
	    " establishment_id = ? AND college_id = ? AND sexe = 'F' AND NOT test_elector", "uuu",
	    op, s->etab, s->college), &women, e) == -1 ||
	    fetch_count(db_query(el, e, "SELECT COUNT(*) FROM elector WHERE operation_id = ? AND"
	    " establishment_id = ? AND college_id = ? AND sexe = 'M' AND NOT test_elector", "uuu",
	    op, s->etab, s->college), &men, e) == -1)
		return -1;
	buf_printf(control, "Scrutin « %s, %s, %s » (%u siège%s ; électeurs : %lld femme%s, %lld "
	    "homme%s)\n", s->etab_name, s->college_name, s->suppleants ? "suppléants" : "titulaires",
	    s->seats, s->seats > 1 ? "s" : "", women, women > 1 ? "s" : "", men, men > 1 ? "s" : "");
	for (size_t i = 0; i < cs->n; i++) {
		const struct cand_list *l = &cs->l[i];
		char sexes[1024];
		size_t k;

		/* R-DATA-2: at round 1 only unions file lists (L2314-29) */
		if (s->round == 1 && *l->unions == '\0')
			rerr(rep, l->line, f->col_liste_nom, "la liste « %s » n'a pas de syndicat : au premier "
			    "tour, seules les organisations syndicales présentent des listes", l->name);
		if (l->n > s->seats)
			rerr(rep, l->line, f->col_liste_nom, "la liste « %s » compte %zu candidats pour %u "
			    "siège%s", l->name, l->n, s->seats, s->seats > 1 ? "s" : "");
		buf_printf(control, "  Liste %u : %s%s%s%s\n", l->order, l->name,
		    *l->unions != '\0' ? " (" : "", l->unions, *l->unions != '\0' ? ")" : "");
		for (k = 0; k < l->n && k < sizeof(sexes) - 1; k++) {
			char born[16];
			if (check_candidate(el, op, f, s, &l->c[k], rep, e) == -1)
				return -1;
			fmt_date(l->c[k].naissance, born);
			buf_printf(control, "    %u. %s %s, %s, né%s le %s (matricule %s)\n",
			    l->c[k].order, l->c[k].nom, l->c[k].prenom, l->c[k].sexe == 'F' ? "F" : "M",
			    l->c[k].sexe == 'F' ? "e" : "", born, l->c[k].matricule);
			sexes[k] = l->c[k].sexe;
		}
		sexes[k] = '\0';
		*warnings += list_warnings(sexes, women, men, control);
	}
	return 0;
}

/* ------------------------------------------------------------- writes */

/* The list's logo and profession de foi from dir, when there. */
static int
write_files(MYSQL *el, const char *dir, unsigned list_id, const char *name, unsigned *count,
    struct err *e)
{
	enum listfile_kind kinds[] = { LISTFILE_LOGO, LISTFILE_PROFESSION };
	struct listfile f;

	for (size_t i = 0; dir != NULL && i < 2; i++) {
		int r = listfile_load(dir, name, kinds[i], &f, e);
		if (r == 1) {
			r = listfile_store(el, list_id, &f, e) == -1 ? -1 : 1;
			listfile_free(&f);
			*count += r == 1;
		}
		if (r == -1)
			return -1;
	}
	return 0;
}

static int
write_scrutin(MYSQL *el, const struct dbs *s, const struct cand_scrutin *cs, const char *dir,
    unsigned *files, struct err *e)
{
	if (db_run(el, e, "DELETE c FROM candidate c JOIN candidate_list l ON l.id = c.list_id"
	    " WHERE l.scrutin_id = ?", "u", s->id) == -1 ||
	    db_run(el, e, "DELETE FROM candidate_list WHERE scrutin_id = ?", "u", s->id) == -1)
		return -1;
	for (size_t i = 0; i < cs->n; i++) {
		const struct cand_list *l = &cs->l[i];
		unsigned list_id;

		if (db_run(el, e, "INSERT INTO candidate_list (scrutin_id, position, name, unions, split)"
		    " VALUES (?, ?, ?, ?, NULLIF(?, ''))", "uusss", s->id, l->order, l->name, l->unions,
		    l->split != NULL ? l->split : "") == -1)
			return -1;
		list_id = (unsigned)mysql_insert_id(el);
		if (write_files(el, dir, list_id, l->name, files, e) == -1)
			return -1;
		for (size_t k = 0; k < l->n; k++) {
			const struct cand *c = &l->c[k];
			char dob[16], sx[2] = { c->sexe, '\0' };
			snprintf(dob, sizeof(dob), "%04d-%02d-%02d", c->naissance / 10000 % 10000,
			    c->naissance / 100 % 100, c->naissance % 100);
			if (db_run(el, e, "INSERT INTO candidate (list_id, position, elector_id, nom, prenom,"
			    " sexe, date_naissance) SELECT ?, ?, id, ?, ?, ?, ? FROM elector WHERE"
			    " operation_id = (SELECT operation_id FROM scrutin WHERE id = ?) AND"
			    " matricule = ? AND NOT test_elector", "uussssus", list_id, c->order, c->nom,
			    c->prenom, sx, dob, s->id, c->matricule) != 1)
				return e->msg[0] != '\0' ? -1 : err_set(e, "candidat %s introuvable", c->matricule);
		}
	}
	return 0;
}

static int
journal_import(MYSQL *el, const struct import_db_opts *o, const struct cand_db_result *res,
    struct err *e)
{
	return journal_append_json_tx(el, o->actor, "import_candidats", 0,
	    json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I}",
	    "fichier", "candidats", "sha256",
	    res->sha256, "scrutins", (json_int_t)res->scrutins, "listes", (json_int_t)res->lists,
	    "candidats", (json_int_t)res->candidates, "import", (json_int_t)res->run,
	    "logos_professions", (json_int_t)res->files), e);
}

int
candidates_import_db(MYSQL *el, const char *path, const struct import_db_opts *o,
    struct import_report *rep, struct cand_db_result *res, struct buf *control,
    struct err *e)
{
	struct cand_file f = { 0 };
	struct dbscrutins *d = xcalloc(1, sizeof(*d));
	const struct dbs **map = NULL;
	struct operation op;
	int tx = 0, rc = -1;

	memset(res, 0, sizeof(*res));
	err_clear(e);
	if (operation_load(el, o->operation, &op, e) == -1 ||
	    import_file_sha256(path, res->sha256, e) == -1 ||
	    candidates_read(path, &f, rep, e) == -1)
		goto out;
	if (rep->nerrors > 0) {
		rc = 0;
		goto out;
	}
	if (load_scrutins(el, op.id, d, e) == -1)
		goto out;
	map = xcalloc(f.n + 1, sizeof(*map));
	for (size_t i = 0; i < f.n; i++)
		if (check_scrutin(el, op.id, &f, &f.s[i], d, &map[i], rep, control, &res->warnings,
		    e) == -1)
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
	for (size_t i = 0; i < f.n; i++) {
		enum lc_state st;
		/* again under the lock: keys may have been installed meanwhile */
		if (lifecycle_state_of(el, map[i]->id, &st, e) == -1)
			goto out;
		if (st != LC_DRAFT && st != LC_LISTS_IMPORTED) {
			err_set(e, "le scrutin %u est passé à « %s » pendant l'import : rien n'est "
			    "enregistré", map[i]->id, lifecycle_state_label(st));
			goto out;
		}
		if (write_scrutin(el, map[i], &f.s[i], o->files_dir, &res->files, e) == -1)
			goto out;
		res->scrutins++;
		res->lists += (unsigned)f.s[i].n;
		for (size_t j = 0; j < f.s[i].n; j++)
			res->candidates += (unsigned)f.s[i].l[j].n;
	}
	if (db_run(el, e, "INSERT INTO import_run (operation_id, kind, file_sha256, row_count,"
	    " inserted, updated, removed, actor) VALUES (?, 'candidats', ?, ?, ?, 0, 0, ?)", "usuus",
	    op.id, res->sha256, res->candidates, res->candidates, o->actor) == -1)
		goto out;
	res->run = (unsigned)mysql_insert_id(el);
	if (journal_import(el, o, res, e) == -1 || db_exec(el, "COMMIT", e) == -1)
		goto out;
	tx = 0;
	/* the scrutins still in preparation now have their lists */
	for (size_t i = 0; i < f.n; i++) {
		struct lifecycle_req r = { .scrutin_id = map[i]->id, .to = LC_LISTS_IMPORTED,
			.actor = o->actor };
		if (strcmp(map[i]->state, "draft") == 0 && lifecycle_apply(el, NULL, &r, e) == -1) {
			err_prefix(e, "listes enregistrées, mais le scrutin %u reste « en préparation » "
			    "(à passer à « listes importées ») : ", map[i]->id);
			goto out;
		}
	}
	rc = 0;
out:
	if (tx) {
		struct err ignored;
		db_exec(el, "ROLLBACK", &ignored);
	}
	free(map);
	free(d);
	candidates_free(&f);
	return rc;
}
