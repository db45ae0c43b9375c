/* testvote.c: the test vote's fictitious electors (testvote.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <openssl/crypto.h>

#include "credential.h"
#include "db.h"
#include "journal.h"
#include "lifecycle.h"
#include "testvote.h"

#define TESTVOTE_MAX 200


int
testvote_running(MYSQL *el, int *running, struct err *e)
{
	long long n = 0;
	int f = db_fetch_int(db_query(el, e, "SELECT EXISTS (SELECT 1 FROM scrutin WHERE state ="
	    " 'test_vote')", ""), &n, e);

	*running = f == 1 && n != 0;
	return f == -1 ? -1 : 0;
}

int
testvote_is_test(MYSQL *el, unsigned elector, int *test, struct err *e)
{
	long long n = 0;
	int f = db_fetch_int(db_query(el, e, "SELECT test_elector FROM elector WHERE id = ?", "u",
	    elector), &n, e);

	*test = f == 1 && n != 0;
	return f == -1 ? -1 : 0;
}

int
testvote_create(MYSQL *el, unsigned scrutin, unsigned n, const unsigned char login_key[32],
    const char *actor, FILE *out, struct err *e)
{
	enum lc_state s;
	struct tv_case cases[TV_MAX_CASES];
	size_t ncases;
	json_t *page = NULL;
	int nul = 0;
	char ident[CRED_TEXT_MAX], pw[CRED_TEXT_MAX], nid[CRED_TEXT_MAX], npw[CRED_TEXT_MAX];
	char hash[CRED_HASH_MAX], mat[64], first[32];
	unsigned char digest[CRED_DIGEST_LEN];
	int tx = 0, rc = -1;

	if (n == 0 || n > TESTVOTE_MAX)
		return err_set(e, "de 1 à %d électeurs de test", TESTVOTE_MAX);
	if (lifecycle_state_of(el, scrutin, &s, e) == -1)
		return -1;
	if (s != LC_TEST_VOTE)
		return err_set(e, "le scrutin %u est « %s » : les électeurs de test se créent pendant le "
		    "vote à blanc", scrutin, lifecycle_state_label(s));
	/* the plan covers the ballot's cases, cycling over the electors */
	if ((page = testvote_page(el, scrutin, &nul, e)) == NULL)
		return -1;
	ncases = testvote_cases(json_object_get(page, "listes"), nul, cases, TV_MAX_CASES);
	json_decref(page);
	if (ncases == 0)
		return err_set(e, "le scrutin %u n'a pas de liste : pas de plan de vote à blanc", scrutin);
	if (db_exec(el, "START TRANSACTION", e) == -1)
		return -1;
	tx = 1;
	if (db_run(el, e, "DELETE FROM test_vote_plan WHERE scrutin_id = ?", "u", scrutin) == -1)
		goto out;
	for (unsigned i = 1; i <= n; i++) {
		const struct tv_case *k = &cases[(i - 1) % ncases];
		snprintf(mat, sizeof(mat), "TEST-%u-%u", scrutin, i);
		snprintf(first, sizeof(first), "n° %u", i);
		if (db_run(el, e, "INSERT INTO elector (operation_id, matricule, nom, prenom, sexe,"
		    " date_naissance, establishment_id, college_id, statut, adresse, code_postal, ville,"
		    " cle_nir, test_elector) SELECT operation_id, ?, 'Électeur de test', ?, IF(? % 2, 'F',"
		    " 'M'), '1980-01-01', establishment_id, college_id, 'salarie', 'vote à blanc', '00000',"
		    " 'vote à blanc', '42', TRUE FROM scrutin WHERE id = ? ON DUPLICATE KEY UPDATE"
		    " test_elector = TRUE", "ssuu", mat, first, i, scrutin) == -1)
			goto out;
		if (db_run(el, e, "INSERT IGNORE INTO elector_scrutin (elector_id, scrutin_id) SELECT id, ?"
		    " FROM elector WHERE matricule = ? AND operation_id = (SELECT operation_id FROM scrutin"
		    " WHERE id = ?)", "usu", scrutin, mat, scrutin) == -1)
			goto out;
		if (cred_generate(ident, CRED_ID_SYMBOLS, e) == -1 ||
		    cred_generate(pw, CRED_PW_SYMBOLS, e) == -1 ||
		    cred_normalize(ident, CRED_ID_SYMBOLS, nid, e) == -1 ||
		    cred_normalize(pw, CRED_PW_SYMBOLS, npw, e) == -1 ||
		    cred_login_digest(login_key, 32, nid, digest, e) == -1 ||
		    cred_hash_password(npw, &cred_cost_default, hash, e) == -1)
			goto out;
		/* a new credential every time (REPLACE: a second batch renews them) */
		if (db_run(el, e, "REPLACE INTO credential (elector_id, login_digest, password_hash)"
		    " SELECT id, ?, ? FROM elector WHERE matricule = ? AND test_elector", "bss", digest,
		    (size_t)CRED_DIGEST_LEN, hash, mat) == -1)
			goto out;
		if (db_run(el, e, "INSERT INTO test_vote_plan (scrutin_id, seq, matricule, choice, kept,"
		    " label) VALUES (?, ?, ?, ?, ?, ?)", "uusiss", scrutin, i, mat, k->choice, k->kept,
		    k->label) != 1)
			goto out;
		fprintf(out, "%s;%s;%s;42;%s;%d;%s\n", mat, ident, pw, k->label, k->choice, k->kept);
	}
	if (journal_append_json_tx(el, actor, "electeurs_de_test", scrutin,
	    json_pack("{s:i,s:i,s:b}", "nombre", (int)n,
	    "cas", (int)ncases, "tous_les_cas", n >= ncases), e) == -1 || db_exec(el, "COMMIT", e) == -1)
		goto out;
	tx = 0;
	rc = 0;
out:
	OPENSSL_cleanse(pw, sizeof(pw));
	OPENSSL_cleanse(npw, sizeof(npw));
	if (tx) {
		struct err ignored;
		db_exec(el, "ROLLBACK", &ignored);
	}
	return rc;
}

int
testvote_remove(MYSQL *el, unsigned scrutin, long long *removed, struct err *e)
{
	/* their émargements went with emargement_reset_test; the electors go
	 * only if they vote in no other scrutin */
	if (db_run(el, e, "DELETE c FROM credential c JOIN elector_scrutin x ON x.elector_id ="
	    " c.elector_id JOIN elector v ON v.id = c.elector_id WHERE x.scrutin_id = ? AND"
	    " v.test_elector", "u", scrutin) == -1)
		return -1;
	if ((*removed = db_run(el, e, "DELETE x FROM elector_scrutin x JOIN elector v ON v.id ="
	    " x.elector_id WHERE x.scrutin_id = ? AND v.test_elector", "u", scrutin)) == -1)
		return -1;
	return db_run(el, e, "DELETE v FROM elector v LEFT JOIN elector_scrutin x ON x.elector_id ="
	    " v.id WHERE v.test_elector AND x.elector_id IS NULL AND NOT EXISTS (SELECT 1 FROM"
	    " credential c WHERE c.elector_id = v.id)", "") == -1 ? -1 : 0;
}
