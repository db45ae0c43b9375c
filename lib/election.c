/* election.c: the election fingerprint of a scrutin and the installation
 * of its keys (election.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "db.h"
#include "election.h"
#include "operation.h"
#include "group.h"
#include "lifecycle.h"
#include "threshold.h"

#define ELECTION_TAG "isoloir-v1-election"

/* The scrutin's place and seats. */
static json_t *
params_head(MYSQL *el, unsigned scrutin, int nul, struct err *e)
{
	char op[65], etab[256], college[256], cat[16];
	unsigned long l[4];
	unsigned seats = 0, round = 0;
	MYSQL_BIND out[6];
	MYSQL_STMT *st;
	json_t *j = NULL;
	int f;

	st = db_query(el, e, "SELECT o.code, es.name, co.name, s.category, s.round, s.seats"
	    " FROM scrutin s JOIN operation o ON o.id = s.operation_id"
	    " JOIN establishment es ON es.id = s.establishment_id"
	    " JOIN college co ON co.id = s.college_id WHERE s.id = ?", "u", scrutin);
	if (st == NULL)
		return NULL;
	db_bind(&out[0], MYSQL_TYPE_STRING, op, sizeof(op) - 1, &l[0]);
	db_bind(&out[1], MYSQL_TYPE_STRING, etab, sizeof(etab) - 1, &l[1]);
	db_bind(&out[2], MYSQL_TYPE_STRING, college, sizeof(college) - 1, &l[2]);
	db_bind(&out[3], MYSQL_TYPE_STRING, cat, sizeof(cat) - 1, &l[3]);
	db_bind(&out[4], MYSQL_TYPE_LONG, &round, 0, NULL);
	db_bind(&out[5], MYSQL_TYPE_LONG, &seats, 0, NULL);
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f == MYSQL_NO_DATA) {
		err_set(e, "scrutin %u inconnu", scrutin);
		return NULL;
	}
	if (f == 1) {
		err_set(e, "base des électeurs : lecture du scrutin impossible");
		return NULL;
	}
	db_cstr(op, sizeof(op), l[0]);
	db_cstr(etab, sizeof(etab), l[1]);
	db_cstr(college, sizeof(college), l[2]);
	db_cstr(cat, sizeof(cat), l[3]);
	j = json_pack("{s:i, s:s, s:i, s:s, s:s, s:s, s:i, s:i, s:b, s:[]}", "version", 1,
	    "operation", op, "scrutin", (int)scrutin, "etablissement", etab, "college", college,
	    "categorie", cat, "tour", (int)round, "sieges", (int)seats, "nul", nul, "listes");
	if (j == NULL)
		err_set(e, "paramètres du scrutin invalides (UTF-8 ?)");
	return j;
}

/* The lists in drawn order with their candidates in order. */
static int
params_lists(MYSQL *el, unsigned scrutin, json_t *lists, struct err *e)
{
	char lname[256], unions[256], nom[256], prenom[256], sexe[2];
	unsigned long l[5];
	unsigned lpos = 0, cpos = 0, last = 0;
	my_bool cnull = 0;
	MYSQL_BIND out[7];
	MYSQL_STMT *st;
	json_t *cur = NULL;
	int f, rc = -1;

	st = db_query(el, e, "SELECT l.position, l.name, l.unions, c.position, c.nom, c.prenom,"
	    " c.sexe FROM candidate_list l LEFT JOIN candidate c ON c.list_id = l.id"
	    " WHERE l.scrutin_id = ? ORDER BY l.position, c.position", "u", scrutin);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, &lpos, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, lname, sizeof(lname) - 1, &l[0]);
	db_bind(&out[2], MYSQL_TYPE_STRING, unions, sizeof(unions) - 1, &l[1]);
	db_bind(&out[3], MYSQL_TYPE_LONG, &cpos, 0, NULL);
	out[3].is_null = &cnull;
	db_bind(&out[4], MYSQL_TYPE_STRING, nom, sizeof(nom) - 1, &l[2]);
	db_bind(&out[5], MYSQL_TYPE_STRING, prenom, sizeof(prenom) - 1, &l[3]);
	db_bind(&out[6], MYSQL_TYPE_STRING, sexe, sizeof(sexe) - 1, &l[4]);
	if (mysql_stmt_bind_result(st, out) != 0) {
		err_set(e, "base des électeurs : %s", mysql_stmt_error(st));
		goto out;
	}
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		db_cstr(lname, sizeof(lname), l[0]);
		db_cstr(unions, sizeof(unions), l[1]);
		if (cur == NULL || lpos != last) {
			cur = json_pack("{s:i, s:s, s:s, s:[]}", "position", (int)lpos, "nom", lname,
			    "syndicats", unions, "candidats");
			if (cur == NULL || json_array_append_new(lists, cur) != 0) {
				err_set(e, "liste invalide « %s »", lname);
				goto out;
			}
			last = lpos;
		}
		if (cnull)
			continue;
		db_cstr(nom, sizeof(nom), l[2]);
		db_cstr(prenom, sizeof(prenom), l[3]);
		db_cstr(sexe, sizeof(sexe), l[4]);
		if (json_array_append_new(json_object_get(cur, "candidats"), json_pack("{s:s, s:s, s:s}",
		    "nom", nom, "prenom", prenom, "sexe", sexe)) != 0) {
			err_set(e, "candidat invalide « %s »", nom);
			goto out;
		}
	}
	rc = 0;
out:
	db_done(st);
	return rc;
}

json_t *
election_params(MYSQL *el, unsigned scrutin, int nul, struct err *e)
{
	json_t *j = params_head(el, scrutin, nul, e);

	if (j != NULL && params_lists(el, scrutin, json_object_get(j, "listes"), e) == -1) {
		json_decref(j);
		return NULL;
	}
	return j;
}

char *
election_canonical(const json_t *params)
{
	return json_dumps(params, JSON_COMPACT | JSON_SORT_KEYS);
}

int
election_fingerprint(const json_t *params, unsigned char fp[ELECTION_FP_LEN], struct err *e)
{
	char *s = election_canonical(params);
	unsigned len = 0;
	int ok;

	if (s == NULL)
		return err_set(e, "mémoire insuffisante");
	{
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	/* the tag and its NUL separate this hash from every other one */
	ok = c != NULL && EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1 &&
	    EVP_DigestUpdate(c, ELECTION_TAG, sizeof(ELECTION_TAG)) == 1 &&
	    EVP_DigestUpdate(c, s, strlen(s)) == 1 && EVP_DigestFinal_ex(c, fp, &len) == 1;
	EVP_MD_CTX_free(c);
	}
	free(s);
	return ok ? 0 : err_set(e, "empreinte impossible");
}

int
election_nul_setting(MYSQL *el, unsigned scrutin, int *nul, struct err *e)
{
	return election_setting(el, scrutin, "bulletin_nul", nul, e);
}

int
election_setting(MYSQL *el, unsigned scrutin, const char *key, int *on, struct err *e)
{
	int found;

	/* the settings are the operation's; one query, as the cast asks too */
	if (operation_setting_query(el,
	        "SELECT JSON_EXTRACT(o.settings, ?) FROM scrutin s"
	        " JOIN operation o ON o.id = s.operation_id WHERE s.id = ?",
	        scrutin, key, on, &found, e) == -1)
		return -1;
	return found ? 0 : err_set(e, "scrutin %u inconnu", scrutin);
}

/* ------------------------------------------------------------ install */

/* One key: its fingerprint, threshold and points; y gets its public key. */
static int
check_key(const json_t *pub, const char *fphex, const char *what, EC_POINT *y, BN_CTX *ctx,
    struct err *e)
{
	const char *election = json_string_value(json_object_get(pub, "election"));
	const char *key = json_string_value(json_object_get(pub, "public_key"));
	json_int_t k = json_integer_value(json_object_get(pub, "threshold"));
	json_int_t n = json_integer_value(json_object_get(pub, "holders"));
	const json_t *vk = json_object_get(pub, "verification_keys");
	EC_POINT *p = EC_POINT_new(group_curve());
	int rc = -1;

	if (p == NULL) {
		err_set(e, "mémoire insuffisante");
		goto out;
	}
	if (election == NULL || key == NULL || !json_is_array(vk)) {
		err_set(e, "%s : fichier de clé publique invalide (election, public_key, "
		    "verification_keys)", what);
		goto out;
	}
	if (strcmp(election, fphex) != 0) {
		err_set(e, "%s : la cérémonie des clés a été faite pour l'empreinte %.16s…, celle "
		    "attendue est %.16s… : les listes ou les paramètres ont changé depuis, refaites la "
		    "cérémonie", what, election, fphex);
		goto out;
	}
	if (k < 1 || n < k || (size_t)n != json_array_size(vk)) {
		err_set(e, "%s : seuil invalide : %lld sur %lld détenteurs", what, (long long)k,
		    (long long)n);
		goto out;
	}
	if (group_point_decode(key, y, ctx, e) == -1) {
		err_prefix(e, "%s : clé publique : ", what);
		goto out;
	}
	for (size_t i = 0; i < json_array_size(vk); i++)
		if (!json_is_string(json_array_get(vk, i)) ||
		    group_point_decode(json_string_value(json_array_get(vk, i)), p, ctx, e) == -1) {
			err_prefix(e, "%s : clé de vérification %zu : ", what, i + 1);
			goto out;
		}
	rc = 0;
out:
	EC_POINT_free(p);
	return rc;
}

/* The ceremony's public.json: one key, or with "president required" the
 * president's group and the others' whose keys add up to the election's
 * (docs/protocol.md §8.1). */
static int
check_public(const json_t *pub, const unsigned char fp[ELECTION_FP_LEN], const char *fphex,
    char y[GROUP_POINT_HEX + 1], struct err *e)
{
	const json_t *groups = json_object_get(pub, "groups");
	const char *names[2] = { THR_GROUP_PRESIDENT, THR_GROUP_OTHERS };
	const char *key = json_string_value(json_object_get(pub, "public_key"));
	BN_CTX *ctx = BN_CTX_new();
	EC_POINT *sum = EC_POINT_new(group_curve()), *p = EC_POINT_new(group_curve());
	int rc = -1;

	if (ctx == NULL || sum == NULL || p == NULL) {
		err_set(e, "mémoire insuffisante");
		goto out;
	}
	if (groups == NULL) {
		if (check_key(pub, fphex, "clés", p, ctx, e) == -1)
			goto out;
	} else {
		if (!json_is_array(groups) || json_array_size(groups) != 2 ||
		    strcmp(json_string_value(json_object_get(pub, "election")) ?: "", fphex) != 0) {
			err_set(e, "clés « président requis » : deux groupes (president, autres) pour "
			    "l'empreinte %.16s… attendus", fphex);
			goto out;
		}
		EC_POINT_set_to_infinity(group_curve(), sum);
		for (size_t j = 0; j < 2; j++) {
			const json_t *g = json_array_get(groups, j);
			unsigned char gf[ELECTION_FP_LEN];
			char gh[2 * ELECTION_FP_LEN + 1], what[64];
			if (strcmp(json_string_value(json_object_get(g, "group")) ?: "", names[j]) != 0) {
				err_set(e, "clés : le groupe %zu doit être « %s »", j + 1, names[j]);
				goto out;
			}
			thr_group_fingerprint(fp, names[j], gf);
			group_hex(gf, sizeof(gf), gh);
			snprintf(what, sizeof(what), "groupe « %s »", names[j]);
			if (check_key(g, gh, what, p, ctx, e) == -1)
				goto out;
			/* §8.1: the president and at most one substitute; more holders
			 * and the president would no longer be needed */
			if (j == 0 && json_integer_value(json_object_get(g, "holders")) > 2) {
				err_set(e, "clés : le groupe du président compte le président et au plus un "
				    "suppléant (%lld détenteurs)",
				    (long long)json_integer_value(json_object_get(g, "holders")));
				goto out;
			}
			EC_POINT_add(group_curve(), sum, sum, p, ctx);
		}
		/* Y = s_P·G + s_O·G, as the combined file says */
		if (key == NULL || group_point_decode(key, p, ctx, e) == -1 ||
		    EC_POINT_cmp(group_curve(), p, sum, ctx) != 0) {
			err_set(e, "clés : la clé publique n'est pas la somme des clés des deux groupes");
			goto out;
		}
	}
	group_point_encode(p, y, ctx);
	rc = 0;
out:
	EC_POINT_free(sum);
	EC_POINT_free(p);
	BN_CTX_free(ctx);
	return rc;
}

/* R-ORG-5: with the operation's setting, a round-1 titulaires scrutin
 * counts its fonctionnaires apart from its salariés. */
static int
election_sub_urns_due(MYSQL *el, unsigned scrutin, int *due, struct err *e)
{
	long long first_tit = 0;
	int on;

	*due = 0;
	if (election_setting(el, scrutin, "sous_urnes_statut", &on, e) == -1)
		return -1;
	if (!on)
		return 0;
	if (db_fetch_int(db_query(el, e, "SELECT round = 1 AND category = 'titulaires' FROM scrutin"
	    " WHERE id = ?", "u", scrutin), &first_tit, e) == -1)
		return -1;
	*due = first_tit == 1;
	return 0;
}

int
election_round(MYSQL *el, unsigned scrutin, int *round, struct err *e)
{
	long long v = 0;
	int rc = db_fetch_int(db_query(el, e, "SELECT round FROM scrutin WHERE id = ?", "u",
	    scrutin), &v, e);

	if (rc == 0)
		return err_set(e, "scrutin %u inconnu", scrutin);
	*round = (int)v;
	return rc == -1 ? -1 : 0;
}

int
election_sub_urns(MYSQL *el, unsigned scrutin, int *on, struct err *e)
{
	long long v = 0;
	int rc = db_fetch_int(db_query(el, e, "SELECT sub_urns FROM scrutin_crypto WHERE"
	    " scrutin_id = ?", "u", scrutin), &v, e);

	*on = rc == 1 && v != 0;
	return rc == -1 ? -1 : 0;
}

int
election_install_keys(MYSQL *el, unsigned scrutin, const json_t *public_json,
    const char *actor, struct err *e)
{
	unsigned char fp[ELECTION_FP_LEN];
	char fphex[2 * ELECTION_FP_LEN + 1], y[GROUP_POINT_HEX + 1];
	struct lifecycle_req r = { .scrutin_id = scrutin, .to = LC_KEYS_GENERATED, .actor = actor };
	enum lc_state state;
	json_t *params = NULL;
	char *transcript = NULL;
	int nul, pres, subs, rc = -1;

	if (lifecycle_state_of(el, scrutin, &state, e) == -1)
		return -1;
	if (state != LC_LISTS_IMPORTED)
		return err_set(e, "le scrutin %u est « %s » : les clés s'installent quand ses listes "
		    "sont importées", scrutin, lifecycle_state_label(state));
	if (election_nul_setting(el, scrutin, &nul, e) == -1 ||
	    election_setting(el, scrutin, "president_requis", &pres, e) == -1 ||
	    election_sub_urns_due(el, scrutin, &subs, e) == -1 ||
	    (params = election_params(el, scrutin, nul, e)) == NULL ||
	    election_fingerprint(params, fp, e) == -1)
		goto out;
	group_hex(fp, sizeof(fp), fphex);
	if (pres && json_object_get(public_json, "groups") == NULL) {
		err_set(e, "l'opération exige le président (réglage president_requis) : la cérémonie "
		    "doit réunir le groupe du président et celui des autres membres");
		goto out;
	}
	if (check_public(public_json, fp, fphex, y, e) == -1)
		goto out;
	if ((transcript = json_dumps(public_json, JSON_COMPACT | JSON_SORT_KEYS)) == NULL) {
		err_set(e, "mémoire insuffisante");
		goto out;
	}
	/* the row first: the transition's journal entry then refers to keys
	 * that exist; a failed transition leaves the scrutin where it was and
	 * the installation can be run again */
	if (db_run(el, e, "INSERT INTO scrutin_crypto (scrutin_id, public_key, fingerprint,"
	    " nul_slot, key_transcript, sub_urns) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
	    " public_key = VALUES(public_key), fingerprint = VALUES(fingerprint),"
	    " nul_slot = VALUES(nul_slot), key_transcript = VALUES(key_transcript),"
	    " sub_urns = VALUES(sub_urns)", "ussusu",
	    scrutin, y, fphex, (unsigned)nul, transcript, (unsigned)subs) == -1 ||
	    lifecycle_apply(el, NULL, &r, e) == -1)
		goto out;
	rc = 0;
out:
	free(transcript);
	json_decref(params);
	return rc;
}

/* ------------------------------------------------------------ status */

json_t *
election_keys_info(MYSQL *el, unsigned scrutin, struct err *e)
{
	char y[GROUP_POINT_HEX + 2], fp[2 * ELECTION_FP_LEN + 2];
	unsigned long l[3] = { 0, 0, 0 };
	size_t cap = 1 << 20;   /* the transcript: a few kB per holder */
	char *t = malloc(cap);
	my_bool tnull = 1;
	MYSQL_BIND out[3];
	MYSQL_STMT *st;
	json_t *pub = NULL, *j = NULL, *g;
	size_t i;
	int f;

	if (t == NULL) {
		err_set(e, "mémoire insuffisante");
		return NULL;
	}
	st = db_query(el, e, "SELECT public_key, fingerprint, key_transcript FROM scrutin_crypto"
	    " WHERE scrutin_id = ?", "u", scrutin);
	if (st == NULL)
		goto out;
	db_bind(&out[0], MYSQL_TYPE_STRING, y, sizeof(y) - 1, &l[0]);
	db_bind(&out[1], MYSQL_TYPE_STRING, fp, sizeof(fp) - 1, &l[1]);
	db_bind(&out[2], MYSQL_TYPE_STRING, t, cap - 1, &l[2]);
	out[2].is_null = &tnull;
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f == MYSQL_NO_DATA) {
		j = json_null();
		goto out;
	}
	if (f != 0 || l[2] >= cap - 1) {
		err_set(e, "base des électeurs : lecture des clés du scrutin %u impossible", scrutin);
		goto out;
	}
	db_cstr(y, sizeof(y), l[0]);
	db_cstr(fp, sizeof(fp), l[1]);
	db_cstr(t, cap, l[2]);
	if (!tnull)
		pub = json_loads(t, 0, NULL);
	j = json_pack("{s:s, s:s}", "public_key", y, "fingerprint", fp);
	if (pub != NULL) {
		json_object_set(j, "threshold", json_object_get(pub, "threshold"));
		json_object_set(j, "holders", json_object_get(pub, "holders"));
	}
	if (pub != NULL && json_is_array(g = json_object_get(pub, "groups"))) {
		json_t *gs = json_array(), *x;
		json_array_foreach(g, i, x)
			json_array_append_new(gs, json_pack("{s:O?, s:O?, s:O?}", "group",
			    json_object_get(x, "group"), "threshold", json_object_get(x, "threshold"),
			    "holders", json_object_get(x, "holders")));
		json_object_set_new(j, "groups", gs);
	}
out:
	json_decref(pub);
	free(t);
	return j;
}

json_t *
election_public_json(MYSQL *el, unsigned scrutin, struct err *e)
{
	size_t cap = 1 << 20;   /* a few kB per holder, as election_keys_info */
	char *t = malloc(cap);
	unsigned long l = 0;
	my_bool tnull = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	json_t *j = NULL;
	int f;

	if (t == NULL) {
		err_set(e, "mémoire insuffisante");
		return NULL;
	}
	if ((st = db_query(el, e, "SELECT key_transcript FROM scrutin_crypto WHERE scrutin_id = ?",
	    "u", scrutin)) == NULL)
		goto out;
	db_bind(&out[0], MYSQL_TYPE_STRING, t, cap - 1, &l);
	out[0].is_null = &tnull;
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f == MYSQL_NO_DATA || (f == 0 && tnull)) {
		err_set(e, "les clés du scrutin %u ne sont pas installées (isoloir-console keys "
		    "install)", scrutin);
		goto out;
	}
	if (f != 0 || l >= cap - 1) {
		err_set(e, "base des électeurs : lecture des clés du scrutin %u impossible", scrutin);
		goto out;
	}
	db_cstr(t, cap, l);
	if ((j = json_loads(t, 0, NULL)) == NULL || !json_is_object(j)) {
		json_decref(j);
		j = NULL;
		err_set(e, "clés du scrutin %u : transcription illisible", scrutin);
	}
out:
	free(t);
	return j;
}
