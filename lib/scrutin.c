/* scrutin.c: a scrutin's ballot parameters and content from the electors
 * database. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "group.h"
#include "scrutin.h"

static int
scrutin_head(MYSQL *db, unsigned id, struct scrutin_params *p, char *y, char *fp,
    struct err *e)
{
	char etab[256], college[256], cat[16];
	unsigned long l[6] = { 0 };
	int nul = 0, f, rc = -1;
	MYSQL_BIND out[7];
	MYSQL_STMT *st;

	st = db_query(db, e, "SELECT es.name, co.name, s.category, s.state, k.public_key,"
	    " k.fingerprint, k.nul_slot FROM scrutin s"
	    " JOIN establishment es ON es.id = s.establishment_id"
	    " JOIN college co ON co.id = s.college_id"
	    " JOIN scrutin_crypto k ON k.scrutin_id = s.id WHERE s.id = ?", "u", id);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, etab, sizeof(etab) - 1, &l[0]);
	db_bind(&out[1], MYSQL_TYPE_STRING, college, sizeof(college) - 1, &l[1]);
	db_bind(&out[2], MYSQL_TYPE_STRING, cat, sizeof(cat) - 1, &l[2]);
	db_bind(&out[3], MYSQL_TYPE_STRING, p->state, sizeof(p->state) - 1, &l[3]);
	db_bind(&out[4], MYSQL_TYPE_STRING, y, GROUP_POINT_HEX, &l[4]);
	db_bind(&out[5], MYSQL_TYPE_STRING, fp, 64, &l[5]);
	db_bind(&out[6], MYSQL_TYPE_LONG, &nul, 0, NULL);
	mysql_stmt_bind_result(st, out);
	f = mysql_stmt_fetch(st);
	if (f == 0 || f == MYSQL_DATA_TRUNCATED) {
		db_cstr(etab, sizeof(etab), l[0]);
		db_cstr(college, sizeof(college), l[1]);
		db_cstr(cat, sizeof(cat), l[2]);
		db_cstr(p->state, sizeof(p->state), l[3]);
		db_cstr(y, GROUP_POINT_HEX + 1, l[4]);
		db_cstr(fp, 65, l[5]);
		snprintf(p->title, sizeof(p->title), "%s — %s — %s", etab, college,
		    strcmp(cat, "titulaires") == 0 ? "Titulaires" : "Suppléants");
		p->shape.nul = nul;
		rc = 0;
	} else {
		err_set(e, "scrutin %u inconnu ou sans clé", id);
	}
	db_done(st);
	return rc;
}

/* Candidates per list, lists in drawn order. */
static int
scrutin_shape(MYSQL *db, unsigned id, struct ballot_shape *s, struct err *e)
{
	unsigned count = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	int f;

	st = db_query(db, e, "SELECT COUNT(c.id) FROM candidate_list l"
	    " LEFT JOIN candidate c ON c.list_id = l.id WHERE l.scrutin_id = ?"
	    " GROUP BY l.id ORDER BY l.position", "u", id);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, &count, 0, NULL);
	mysql_stmt_bind_result(st, out);
	s->lists = 0;
	while ((f = mysql_stmt_fetch(st)) == 0 && s->lists < BALLOT_MAX_LISTS)
		s->candidates[s->lists++] = count;
	db_done(st);
	if (f != MYSQL_NO_DATA && f != 0)
		return err_set(e, "scrutin %u : trop de listes", id);
	return 0;
}

int
scrutin_params_load(MYSQL *db, unsigned id, struct scrutin_params *p, struct err *e)
{
	BN_CTX *ctx;
	int rc = -1;

	memset(p, 0, sizeof(*p));
	p->shape.scrutin = id;
	if (scrutin_head(db, id, p, p->key_hex, p->fp_hex, e) == -1 || scrutin_shape(db, id, &p->shape, e) == -1)
		return -1;
	if ((ctx = BN_CTX_new()) == NULL || (p->y = EC_POINT_new(group_curve())) == NULL)
		goto out;
	if (group_point_decode(p->key_hex, p->y, ctx, e) == -1 ||
	    group_unhex(p->fp_hex, p->election.fingerprint, 32) == -1) {
		err_set(e, "scrutin %u : paramètres cryptographiques invalides", id);
		goto out;
	}
	p->election.y = p->y;
	rc = 0;
out:
	BN_CTX_free(ctx);
	if (rc == -1)
		scrutin_params_free(p);
	return rc;
}

void
scrutin_params_free(struct scrutin_params *p)
{
	EC_POINT_free(p->y);
	p->y = NULL;
}

/* A new list of the ballot, with the addresses of its logo and profession
 * de foi when it has them (kinds: "logo,profession", R-VOTE-2). */
static json_t *
scrutin_list_new(unsigned lid, const char *name, const char *unions, const char *kinds)
{
	json_t *j = json_pack("{s:s, s:s, s:[]}", "nom", name, "syndicats", unions, "candidats");
	char url[96];

	if (strstr(kinds, "logo") != NULL) {
		snprintf(url, sizeof(url), "/api/listes/fichier?liste=%u&type=logo", lid);
		json_object_set_new(j, "logo", json_string(url));
	}
	if (strstr(kinds, "profession") != NULL) {
		snprintf(url, sizeof(url), "/api/listes/fichier?liste=%u&type=profession", lid);
		json_object_set_new(j, "profession_de_foi", json_string(url));
	}
	return j;
}

static json_t *
scrutin_lists(MYSQL *db, unsigned id, struct err *e)
{
	char lname[256], unions[256], nom[256], prenom[256], kinds[32];
	unsigned long l[5] = { 0 };
	unsigned lid = 0, last = 0;
	MYSQL_BIND out[6];
	MYSQL_STMT *st;
	json_t *lists = json_array(), *cur = NULL;
	int f;

	st = db_query(db, e, "SELECT l.id, l.name, l.unions, c.nom, c.prenom, COALESCE((SELECT"
	    " GROUP_CONCAT(f.kind) FROM list_file f WHERE f.list_id = l.id), '')"
	    " FROM candidate_list l JOIN candidate c ON c.list_id = l.id"
	    " WHERE l.scrutin_id = ? ORDER BY l.position, c.position", "u", id);
	if (st == NULL) {
		json_decref(lists);
		return NULL;
	}
	db_bind(&out[0], MYSQL_TYPE_LONG, &lid, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, lname, sizeof(lname) - 1, &l[0]);
	db_bind(&out[2], MYSQL_TYPE_STRING, unions, sizeof(unions) - 1, &l[1]);
	db_bind(&out[3], MYSQL_TYPE_STRING, nom, sizeof(nom) - 1, &l[2]);
	db_bind(&out[4], MYSQL_TYPE_STRING, prenom, sizeof(prenom) - 1, &l[3]);
	db_bind(&out[5], MYSQL_TYPE_STRING, kinds, sizeof(kinds) - 1, &l[4]);
	mysql_stmt_bind_result(st, out);
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		db_cstr(lname, sizeof(lname), l[0]);
		db_cstr(unions, sizeof(unions), l[1]);
		db_cstr(nom, sizeof(nom), l[2]);
		db_cstr(prenom, sizeof(prenom), l[3]);
		db_cstr(kinds, sizeof(kinds), l[4]);
		if (cur == NULL || lid != last) {
			cur = scrutin_list_new(lid, lname, unions, kinds);
			json_array_append_new(lists, cur);
			last = lid;
		}
		json_array_append_new(json_object_get(cur, "candidats"),
		    json_pack("{s:s, s:s}", "nom", nom, "prenom", prenom));
	}
	db_done(st);
	return lists;
}

json_t *
scrutin_ballot_json(MYSQL *db, const struct scrutin_params *p, struct err *e)
{
	char y[GROUP_POINT_HEX + 1], fp[65];
	json_t *lists = scrutin_lists(db, p->shape.scrutin, e), *cands = json_array();
	BN_CTX *ctx = BN_CTX_new();

	if (lists == NULL) {
		json_decref(cands);
		BN_CTX_free(ctx);
		return NULL;
	}
	group_point_encode(p->y, y, ctx);
	group_hex(p->election.fingerprint, 32, fp);
	BN_CTX_free(ctx);
	for (size_t l = 0; l < p->shape.lists; l++)
		json_array_append_new(cands, json_integer((json_int_t)p->shape.candidates[l]));
	return json_pack("{s:i, s:s, s:s, s:{s:s, s:s}, s:{s:i, s:o, s:b}, s:o}",
	    "id", (int)p->shape.scrutin, "titre", p->title, "etat", p->state,
	    "election", "fingerprint", fp, "y", y,
	    "forme", "scrutin", (int)p->shape.scrutin, "candidates", cands, "nul", p->shape.nul,
	    "listes", lists);
}
