/* voter.c: the elector's own view: names and scrutins, voted or not. */
#include "config.h"

#include <string.h>

#include "db.h"
#include "scrutin.h"
#include "voter.h"

int
voter_generation(MYSQL *db, unsigned elector_id, unsigned *gen, struct err *e)
{
	MYSQL_STMT *st;
	MYSQL_BIND out[1];
	int rc = -1;

	*gen = 0;
	st = db_query(db, e, "SELECT generation FROM credential WHERE elector_id = ?",
	    "u", elector_id);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, gen, 0, NULL);
	if (mysql_stmt_bind_result(st, out) == 0) {
		int f = mysql_stmt_fetch(st);
		rc = (f == 0 || f == MYSQL_NO_DATA) ? 0 : -1;
	}
	if (rc == -1)
		err_set(e, "lecture impossible (%s)", mysql_stmt_error(st));
	db_done(st);
	return rc;
}

static json_t *
voter_names(MYSQL *db, unsigned elector_id, struct err *e)
{
	char prenom[256], nom[256], usage[256];
	unsigned long lp = 0, ln = 0, lu = 0;
	MYSQL_BIND out[3];
	MYSQL_STMT *st;
	json_t *j = NULL;
	int f;

	st = db_query(db, e, "SELECT prenom, nom, nom_usage FROM elector WHERE id = ?",
	    "u", elector_id);
	if (st == NULL)
		return NULL;
	db_bind(&out[0], MYSQL_TYPE_STRING, prenom, sizeof(prenom) - 1, &lp);
	db_bind(&out[1], MYSQL_TYPE_STRING, nom, sizeof(nom) - 1, &ln);
	db_bind(&out[2], MYSQL_TYPE_STRING, usage, sizeof(usage) - 1, &lu);
	if (mysql_stmt_bind_result(st, out) != 0 || (f = mysql_stmt_fetch(st)) == 1 ||
	    f == MYSQL_NO_DATA) {
		err_set(e, "électeur introuvable");
		goto out;
	}
	db_cstr(prenom, sizeof(prenom), lp);
	db_cstr(nom, sizeof(nom), ln);
	db_cstr(usage, sizeof(usage), lu);
	j = json_pack("{s:s, s:s}", "prenom", prenom, "nom", lu > 0 ? usage : nom);
out:
	db_done(st);
	return j;
}

static json_t *
voter_scrutins(MYSQL *db, unsigned elector_id, struct err *e)
{
	char etab[256], college[256], cat[16], state[32];
	unsigned long l1 = 0, l2 = 0, l3 = 0, l4 = 0;
	unsigned id = 0, round = 0;
	int voted = 0, f;
	MYSQL_BIND out[7];
	MYSQL_STMT *st;
	json_t *arr = json_array();

	st = db_query(db, e,
	    "SELECT s.id, es.name, co.name, s.category, s.round, s.state,"
	    " emargement_has_voted(s.id, es_link.elector_id)"
	    " FROM elector_scrutin es_link JOIN scrutin s ON s.id = es_link.scrutin_id"
	    " JOIN establishment es ON es.id = s.establishment_id"
	    " JOIN college co ON co.id = s.college_id"
	    " WHERE es_link.elector_id = ? ORDER BY s.round, es.name, co.name, s.category",
	    "u", elector_id);
	if (st == NULL) {
		json_decref(arr);
		return NULL;
	}
	db_bind(&out[0], MYSQL_TYPE_LONG, &id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, etab, sizeof(etab) - 1, &l1);
	db_bind(&out[2], MYSQL_TYPE_STRING, college, sizeof(college) - 1, &l2);
	db_bind(&out[3], MYSQL_TYPE_STRING, cat, sizeof(cat) - 1, &l3);
	db_bind(&out[4], MYSQL_TYPE_LONG, &round, 0, NULL);
	db_bind(&out[5], MYSQL_TYPE_STRING, state, sizeof(state) - 1, &l4);
	db_bind(&out[6], MYSQL_TYPE_LONG, &voted, 0, NULL);
	mysql_stmt_bind_result(st, out);
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		db_cstr(etab, sizeof(etab), l1);
		db_cstr(college, sizeof(college), l2);
		db_cstr(cat, sizeof(cat), l3);
		db_cstr(state, sizeof(state), l4);
		json_array_append_new(arr, json_pack("{s:i, s:s, s:s, s:s, s:i, s:s, s:b}",
		    "id", (int)id, "etablissement", etab, "college", college,
		    "categorie", cat, "tour", (int)round, "etat", state, "a_vote", voted));
	}
	if (f != MYSQL_NO_DATA) {
		err_set(e, "lecture des scrutins impossible (%s)", mysql_stmt_error(st));
		json_decref(arr);
		arr = NULL;
	}
	db_done(st);
	return arr;
}

json_t *
voter_summary(MYSQL *db, unsigned elector_id, struct err *e)
{
	json_t *j = voter_names(db, elector_id, e), *s;

	if (j == NULL)
		return NULL;
	if ((s = voter_scrutins(db, elector_id, e)) == NULL) {
		json_decref(j);
		return NULL;
	}
	json_object_set_new(j, "scrutins", s);
	return j;
}

int
voter_in_scrutin(MYSQL *db, unsigned elector_id, unsigned scrutin_id, struct err *e)
{
	MYSQL_STMT *st = db_query(db, e, "SELECT 1 FROM elector_scrutin"
	    " WHERE elector_id = ? AND scrutin_id = ?", "uu", elector_id, scrutin_id);
	int n;

	if (st == NULL)
		return -1;
	mysql_stmt_store_result(st);
	n = mysql_stmt_num_rows(st) > 0;
	db_done(st);
	return n;
}

int
voter_voted_at(MYSQL *db, unsigned elector_id, unsigned scrutin_id, char out[32], struct err *e)
{
	MYSQL_STMT *st = db_query(db, e, "SELECT DATE_FORMAT(emargement_voted_at(?, ?),"
	    " '%Y-%m-%dT%H:%i:%sZ')", "uu", scrutin_id, elector_id);
	unsigned long len = 0;
	my_bool null = 0;
	MYSQL_BIND b[1];
	int f;

	if (st == NULL)
		return -1;
	db_bind(&b[0], MYSQL_TYPE_STRING, out, 31, &len);
	b[0].is_null = &null;
	f = mysql_stmt_bind_result(st, b) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f != 0)
		return err_set(e, "heure du vote illisible");
	db_cstr(out, 32, len);
	return null ? 0 : 1;
}

/* "jean.dupont@example.fr" -> "j•••@example.fr"; "06 12 34 56 78" -> "•• 78". */
static void
voter_mask(const char *in, int email, char *out, size_t len)
{
	const char *at = strchr(in, '@');
	size_t n = strlen(in);

	if (*in == '\0')
		snprintf(out, len, "—");
	else if (email && at != NULL)
		snprintf(out, len, "%c•••%s", in[0], at);
	else
		snprintf(out, len, "•• %s", n > 2 ? in + n - 2 : in);
}

json_t *
voter_own_data(MYSQL *db, unsigned id, struct err *e)
{
	char f[10][256], mail[300], tel[300];
	unsigned long l[10] = { 0 };
	MYSQL_BIND out[10];
	MYSQL_STMT *st;
	json_t *j = NULL;

	st = db_query(db, e, "SELECT e.nom, e.prenom, DATE_FORMAT(e.date_naissance, '%d/%m/%Y'),"
	    " es.name, co.name, e.statut, e.adresse, CONCAT(e.code_postal, ' ', e.ville), e.email,"
	    " e.telephone FROM elector e JOIN establishment es ON es.id = e.establishment_id"
	    " JOIN college co ON co.id = e.college_id WHERE e.id = ?", "u", id);
	if (st == NULL)
		return NULL;
	for (int i = 0; i < 10; i++)
		db_bind(&out[i], MYSQL_TYPE_STRING, f[i], sizeof(f[i]) - 1, &l[i]);
	mysql_stmt_bind_result(st, out);
	if (mysql_stmt_fetch(st) != 0) {
		err_set(e, "électeur introuvable");
		goto out;
	}
	for (int i = 0; i < 10; i++)
		db_cstr(f[i], sizeof(f[i]), l[i]);
	voter_mask(f[8], 1, mail, sizeof(mail));
	voter_mask(f[9], 0, tel, sizeof(tel));
	j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "nom", f[0], "prenom", f[1],
	    "naissance", f[2], "etablissement", f[3], "college", f[4],
	    "statut", strcmp(f[5], "fonctionnaire") == 0 ? "fonctionnaire" : "salarié",
	    "adresse", f[6], "ville", f[7], "email", mail, "telephone", tel);
out:
	db_done(st);
	return j;
}

json_t *
voter_published_lists(MYSQL *db, struct err *e)
{
	MYSQL_STMT *st = db_query(db, e, "SELECT DISTINCT s.id FROM scrutin s"
	    " JOIN scrutin_crypto k ON k.scrutin_id = s.id ORDER BY s.id", "");
	json_t *arr = json_array();
	unsigned ids[256], id = 0;
	size_t n = 0;
	MYSQL_BIND out[1];

	if (st == NULL) {
		json_decref(arr);
		return NULL;
	}
	db_bind(&out[0], MYSQL_TYPE_LONG, &id, 0, NULL);
	mysql_stmt_bind_result(st, out);
	while (n < 256 && mysql_stmt_fetch(st) == 0)
		ids[n++] = id;
	db_done(st);
	for (size_t i = 0; i < n; i++) {
		struct scrutin_params p;
		json_t *b;
		if (scrutin_params_load(db, ids[i], &p, e) == -1 || (b = scrutin_ballot_json(db, &p, e)) == NULL) {
			json_decref(arr);
			return NULL;
		}
		json_array_append_new(arr, json_pack("{s:O, s:O}", "scrutin", json_object_get(b, "titre"),
		    "listes", json_object_get(b, "listes")));
		json_decref(b);
		scrutin_params_free(&p);
	}
	return arr;
}
