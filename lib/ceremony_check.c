/* ceremony_check.c: what the system checks or does at each step of a
 * ceremony (ceremony.h). A check reads and compares; an action moves the
 * scrutin through lib/lifecycle.c with the bureau's codes (or records
 * that the system already did it at the set time). Each returns a French
 * result for the record, or -1 with the reason the step is refused. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ceremony_check.h"
#include "db.h"
#include "election.h"
#include "journal.h"
#include "seal.h"

static int
cer_int(MYSQL *m, struct err *e, const char *sql, unsigned id, long long *v)
{
	*v = 0;
	return db_fetch_int(db_query(m, e, sql, "u", id), v, e) == -1 ? -1 : 0;
}

/* Lists complete and in drawn order: positions 1..n, each list with its
 * candidates numbered 1..m, none with more candidates than seats. */
static int
cer_lists(const struct cer_ctx *c, char *res, struct err *e)
{
	long long nl, maxp, minp, cands, empty, gaps, over;

	if (cer_int(c->el, e,
	        "SELECT COUNT(*) FROM candidate_list WHERE scrutin_id = ?",
	        c->scrutin, &nl) == -1 ||
	    cer_int(c->el, e,
	        "SELECT COALESCE(MAX(position), 0) FROM candidate_list WHERE"
	        " scrutin_id = ?",
	        c->scrutin, &maxp) == -1 ||
	    cer_int(c->el, e,
	        "SELECT COALESCE(MIN(position), 0) FROM candidate_list WHERE"
	        " scrutin_id = ?",
	        c->scrutin, &minp) == -1 ||
	    cer_int(c->el, e,
	        "SELECT COUNT(*) FROM candidate c JOIN candidate_list l ON "
	        "l.id ="
	        " c.list_id WHERE l.scrutin_id = ?",
	        c->scrutin, &cands) == -1 ||
	    cer_int(c->el, e,
	        "SELECT COUNT(*) FROM candidate_list l WHERE l.scrutin_id = ? "
	        "AND NOT"
	        " EXISTS (SELECT 1 FROM candidate c WHERE c.list_id = l.id)",
	        c->scrutin, &empty) == -1 ||
	    cer_int(c->el, e,
	        "SELECT COUNT(*) FROM candidate_list l WHERE l.scrutin_id = ? "
	        "AND"
	        " (SELECT COUNT(*) FROM candidate c WHERE c.list_id = l.id) <> "
	        "(SELECT"
	        " COALESCE(MAX(position), 0) FROM candidate c WHERE c.list_id "
	        "= l.id)",
	        c->scrutin, &gaps) == -1 ||
	    cer_int(c->el, e,
	        "SELECT COUNT(*) FROM candidate_list l JOIN scrutin s ON s.id ="
	        " l.scrutin_id WHERE l.scrutin_id = ? AND (SELECT COUNT(*) "
	        "FROM candidate c WHERE"
	        " c.list_id = l.id) > s.seats",
	        c->scrutin, &over) == -1)
		return -1;
	if (nl == 0)
		return err_set(e, "Aucune liste de candidats n'est importée "
		                  "pour ce scrutin.");
	if (minp != 1 || maxp != nl)
		return err_set(e,
		    "Les listes ne sont pas numérotées de 1 à %lld dans "
		    "l'ordre du tirage"
		    " au sort (de %lld à %lld).",
		    nl, minp, maxp);
	if (empty != 0)
		return err_set(e, "%lld liste(s) sans candidat.", empty);
	if (gaps != 0)
		return err_set(e,
		    "%lld liste(s) dont les candidats ne sont pas numérotés "
		    "sans trou.",
		    gaps);
	if (over != 0)
		return err_set(e,
		    "%lld liste(s) avec plus de candidats que de sièges.",
		    over);
	snprintf(res, CER_RESULT_MAX,
	    "%lld liste%s dans l'ordre du tirage au sort (1 à %lld), "
	    "%lld candidat%s.",
	    nl, nl > 1 ? "s" : "", nl, cands, cands > 1 ? "s" : "");
	return 0;
}

/* Keys installed by the key ceremony, for this very election: F
 * recomputed now from the parameters and lists equals the stored F. */
static int
cer_keys(const struct cer_ctx *c, char *res, struct err *e)
{
	unsigned char fp[ELECTION_FP_LEN];
	char now[2 * ELECTION_FP_LEN + 1];
	json_t *rows, *params = NULL;
	int nul, rc = -1;

	rows = cer_rows(c->el, e,
	    "SELECT fingerprint, key_transcript IS NOT NULL, public_key FROM"
	    " scrutin_crypto WHERE scrutin_id = ?",
	    c->scrutin, 3);
	if (rows == NULL)
		return -1;
	if (json_array_size(rows) == 0 ||
	    strcmp(cer_cell(rows, 0, 1), "1") != 0) {
		err_set(e, "Les clés du scrutin ne sont pas installées "
		           "(isoloir-console keys install).");
		goto out;
	}
	if (election_nul_setting(c->el, c->scrutin, &nul, e) == -1 ||
	    (params = election_params(c->el, c->scrutin, nul, e)) == NULL ||
	    election_fingerprint(params, fp, e) == -1)
		goto out;
	journal_hex(fp, ELECTION_FP_LEN, now);
	if (strcmp(now, cer_cell(rows, 0, 0)) != 0) {
		err_set(e,
		    "L'empreinte F des paramètres et des listes (%.16s…) n'est "
		    "pas celle de la "
		    "cérémonie des clés (%.16s…) : refaites la cérémonie des "
		    "clés.",
		    now, cer_cell(rows, 0, 0));
		goto out;
	}
	snprintf(res, CER_RESULT_MAX, "Empreinte F : %s ; clé publique : %s.",
	    now, cer_cell(rows, 0, 2));
	rc = 0;
out:
	json_decref(params);
	json_decref(rows);
	return rc;
}

/* The latest comparison of the test vote with its plan (lib/testvote.c). */
static int
cer_test_vote(const struct cer_ctx *c, char *res, struct err *e)
{
	json_t *rows;
	int rc = -1;

	rows = cer_rows(c->el, e,
	    "SELECT conformes, complete, report FROM test_vote_check WHERE"
	    " scrutin_id = ? ORDER BY id DESC LIMIT 1",
	    c->scrutin, 3);
	if (rows == NULL)
		return -1;
	if (json_array_size(rows) == 0)
		err_set(e, "Aucun résultat du vote à blanc n'a été comparé au "
		           "plan : faites le vote à "
		           "blanc, son dépouillement, puis « isoloir-console "
		           "test compare ».");
	else if (strcmp(cer_cell(rows, 0, 0), "1") != 0)
		err_set(e,
		    "Les résultats du vote à blanc ne sont pas conformes au "
		    "plan (%s) : le "
		    "scellement est impossible.",
		    cer_cell(rows, 0, 2));
	else if (strcmp(cer_cell(rows, 0, 1), "1") != 0)
		err_set(e,
		    "Le vote à blanc ne couvre pas tous les cas (%s) : "
		    "refaites-le avec plus "
		    "d'électeurs de test.",
		    cer_cell(rows, 0, 2));
	else {
		snprintf(res, CER_RESULT_MAX, "%s", cer_cell(rows, 0, 2));
		rc = 0;
	}
	json_decref(rows);
	return rc;
}

static int
cer_apply(const struct cer_ctx *c, enum lc_state to,
    const struct bureau_auth *auth, struct err *e)
{
	struct lifecycle_req r = {.scrutin_id = c->scrutin,
	    .to = to,
	    .actor = c->actor,
	    .auth = auth,
	    .note = c->req->note,
	    .advice = c->req->advice,
	    .authorisation = c->req->authorisation,
	    .bins = c->req->bins,
	    .nbin = c->req->nbin};

	return lifecycle_apply(c->el, c->urn, &r, e);
}

/* The urn and the émargement of the scrutin are empty; no test elector. */
static int
cer_empty(const struct cer_ctx *c, char *res, struct err *e)
{
	long long ballots, voted, testers;

	if (c->urn == NULL)
		return err_set(e, "base de l'urne requise");
	if (cer_int(c->urn, e,
	        "SELECT COUNT(*) FROM ballot WHERE scrutin_id = ?", c->scrutin,
	        &ballots) == -1 ||
	    cer_int(c->el, e, "SELECT emargement_count(?)", c->scrutin,
	        &voted) == -1 ||
	    cer_int(c->el, e,
	        "SELECT COUNT(*) FROM elector_scrutin x JOIN elector v ON v.id "
	        "="
	        " x.elector_id WHERE x.scrutin_id = ? AND v.test_elector",
	        c->scrutin, &testers) == -1)
		return -1;
	if (ballots != 0 || voted != 0 || testers != 0)
		return err_set(e,
		    "L'urne ou l'émargement n'est pas vide (%lld bulletin(s), "
		    "%lld "
		    "émargement(s), %lld électeur(s) de test).",
		    ballots, voted, testers);
	snprintf(res, CER_RESULT_MAX,
	    "Urne : 0 bulletin ; émargement : 0 ; électeurs de test : 0.");
	return 0;
}

/* Before the opening the urn and émargement are checked now; once the
 * system has opened the scrutin at the set time (votes may have come
 * since), the proof it journaled at that opening is what the bureau
 * records. */
static int
cer_empty_at_opening(const struct cer_ctx *c, char *res, struct err *e)
{
	enum lc_state s;
	json_t *rows;
	int rc = -1;

	if (lifecycle_state_of(c->el, c->scrutin, &s, e) == -1)
		return -1;
	if (s != LC_OPEN)
		return cer_empty(c, res, e);
	rows = cer_rows(c->el, e,
	    "SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), JSON_VALUE(detail, "
	    "'$.preuve_vide')"
	    " FROM journal WHERE scrutin_id = ? AND action = 'transition' AND"
	    " JSON_VALUE(detail, '$.vers') = 'open' ORDER BY seq DESC LIMIT 1",
	    c->scrutin, 2);
	if (rows == NULL)
		return -1;
	if (json_array_size(rows) == 0 || cer_cell(rows, 0, 1)[0] == '\0')
		err_set(e, "L'ouverture du scrutin n'a pas de preuve d'urne "
		           "vide au journal.");
	else {
		snprintf(res, CER_RESULT_MAX,
		    "Constaté à l'ouverture du %s UTC : %s.",
		    cer_cell(rows, 0, 0), cer_cell(rows, 0, 1));
		rc = 0;
	}
	json_decref(rows);
	return rc;
}

/* After the test vote: the reset (done here when still « en vote à
 * blanc »), then the proof that urn and émargement are empty. */
static int
cer_reset(const struct cer_ctx *c, char *res, struct err *e)
{
	enum lc_state s;

	if (lifecycle_state_of(c->el, c->scrutin, &s, e) == -1)
		return -1;
	if (s == LC_TEST_VOTE && cer_apply(c, LC_RESET, NULL, e) == -1)
		return -1;
	if (s != LC_TEST_VOTE && s != LC_RESET)
		return err_set(e,
		    "Le scrutin est « %s » : la remise à zéro suit le vote à "
		    "blanc.",
		    lifecycle_state_label(s));
	return cer_empty(c, res, e);
}

/* The latest seal's fingerprint (hex), "" when none. */
static int
cer_seal_hex(const struct cer_ctx *c, char *hex, size_t cap, char *who,
    size_t wcap, struct err *e)
{
	json_t *rows = cer_rows(c->urn, e,
	    "SELECT HEX(fingerprint), authorised_by, kind FROM seal"
	    " WHERE scrutin_id = ? ORDER BY id DESC LIMIT 1",
	    c->scrutin, 3);

	if (rows == NULL)
		return -1;
	snprintf(hex, cap, "%s", cer_cell(rows, 0, 0));
	for (char *p = hex; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'F')
			*p = (char)(*p - 'A' + 'a');
	if (who != NULL)
		snprintf(who, wcap, "%s", cer_cell(rows, 0, 1));
	json_decref(rows);
	return 0;
}

/* seal_check, journaled either way, and the fingerprint. */
static int
cer_seal_verify(const struct cer_ctx *c, char *res, struct err *e)
{
	char hex[2 * SEAL_LEN + 1];

	if (c->urn == NULL)
		return err_set(e, "base de l'urne requise");
	if (seal_check(c->el, c->urn, c->scrutin, c->actor, e) == -1 ||
	    cer_seal_hex(c, hex, sizeof(hex), NULL, 0, e) == -1)
		return -1;
	snprintf(
	    res, CER_RESULT_MAX, "Scellement conforme ; empreinte : %s.", hex);
	return 0;
}

static const struct {
	enum cer_kind kind;
	const char *key;
	enum lc_state to;
} cer_actions[] = {
    {CER_SEALING, "scellement", LC_SEALED},
    {CER_OPENING, "ouverture", LC_OPEN},
    {CER_CLOSING, "cloture", LC_CLOSED},
    {CER_COUNTING, "depouillement", LC_COUNTED},
    {CER_COUNTING, "scellement_final", LC_SEALED_AFTER_COUNT},
};

int
cer_action_target(enum cer_kind k, const char *key, enum lc_state *to)
{
	for (size_t i = 0; i < sizeof(cer_actions) / sizeof(cer_actions[0]);
	     i++)
		if (cer_actions[i].kind == k &&
		    strcmp(cer_actions[i].key, key) == 0) {
			*to = cer_actions[i].to;
			return 0;
		}
	return -1;
}

/* An action: the transition with the bureau's codes, or, when the system
 * already made it at the set time (opening, closing), its record. */
static int
cer_action(const struct cer_ctx *c, enum lc_state to, char *res, struct err *e)
{
	char hex[2 * SEAL_LEN + 1], who[BUREAU_SUMMARY_MAX];
	enum lc_state s;
	int done;

	if (lifecycle_state_of(c->el, c->scrutin, &s, e) == -1)
		return -1;
	done = s == to || (to == LC_CLOSED && s == LC_CLOSED);
	if (!done) {
		if (c->req->auth == NULL)
			return err_set(e,
			    "Passer le scrutin à « %s » exige les codes du "
			    "président et des"
			    " membres du bureau de vote (--codes FICHIER).",
			    lifecycle_state_label(to));
		if (cer_apply(c, to, c->req->auth, e) == -1)
			return -1;
	}
	if (to == LC_SEALED || to == LC_SEALED_AFTER_COUNT) {
		if (cer_seal_hex(c, hex, sizeof(hex), who, sizeof(who), e) ==
		    -1)
			return -1;
		snprintf(res, CER_RESULT_MAX,
		    "Scrutin « %s » ; empreinte du scellement : %s ; "
		    "autorisé par : %.1500s.",
		    lifecycle_state_label(to), hex, who);
	} else if (done)
		snprintf(res, CER_RESULT_MAX,
		    "Le scrutin était déjà « %s » (fait par le système à "
		    "l'heure prévue, ou étape reprise) : constaté.",
		    lifecycle_state_label(to));
	else
		snprintf(res, CER_RESULT_MAX,
		    "Scrutin « %s » ; autorisé par : %.1500s.",
		    lifecycle_state_label(to), c->req->auth->quorum.summary);
	return 0;
}

/* The freeze of the closing, as journaled by lifecycle.c. */
static int
cer_frozen(const struct cer_ctx *c, char *res, struct err *e)
{
	json_t *rows, *d = NULL;
	int rc = -1;

	rows = cer_rows(c->el, e,
	    "SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), detail FROM journal"
	    " WHERE scrutin_id = ? AND action = 'transition' AND "
	    "JSON_VALUE(detail, '$.vers') ="
	    " 'closed' ORDER BY seq DESC LIMIT 1",
	    c->scrutin, 2);
	if (rows == NULL)
		return -1;
	if (json_array_size(rows) == 0 ||
	    (d = json_loads(cer_cell(rows, 0, 1), 0, NULL)) == NULL) {
		err_set(e, "La clôture du scrutin n'est pas au journal.");
		goto out;
	}
	snprintf(res, CER_RESULT_MAX,
	    "Figés le %s UTC : %lld bulletin(s), %lld émargement(s) ; "
	    "empreinte de l'urne : %s%s%s.",
	    cer_cell(rows, 0, 0),
	    (long long)json_integer_value(json_object_get(d, "bulletins")),
	    (long long)json_integer_value(json_object_get(d, "emargements")),
	    json_string_value(json_object_get(d, "empreinte_urne")) != NULL
	        ? json_string_value(json_object_get(d, "empreinte_urne"))
	        : "?",
	    json_object_get(d, "incident") != NULL ? " ; incident : " : "",
	    json_object_get(d, "incident") != NULL
	        ? json_string_value(json_object_get(d, "incident"))
	        : "");
	rc = 0;
out:
	json_decref(d);
	json_decref(rows);
	return rc;
}

static int
cer_proclaimed(const struct cer_ctx *c, char *res, struct err *e)
{
	json_t *rows = cer_rows(c->el, e,
	    "SELECT DATE_FORMAT(proclaimed_at, '%Y-%m-%d %H:%i:%s'),"
	    " result_sha256 FROM proclamation WHERE scrutin_id = ?",
	    c->scrutin, 2);
	int rc = -1;

	if (rows == NULL)
		return -1;
	if (json_array_size(rows) == 0)
		err_set(e, "Les résultats ne sont pas proclamés "
		           "(isoloir-console results proclaim).");
	else {
		snprintf(res, CER_RESULT_MAX,
		    "Proclamés le %s UTC ; empreinte des résultats : %s.",
		    cer_cell(rows, 0, 0), cer_cell(rows, 0, 1));
		rc = 0;
	}
	json_decref(rows);
	return rc;
}

/* Both journals' chains, and their heads for the record. */
static int
cer_journal(const struct cer_ctx *c, char *res, struct err *e)
{
	unsigned char h1[JOURNAL_HASH_LEN], h2[JOURNAL_HASH_LEN];
	char x1[2 * JOURNAL_HASH_LEN + 1], x2[2 * JOURNAL_HASH_LEN + 1];
	uint64_t n1 = 0, n2 = 0, s1 = 0, s2 = 0;

	if (c->urn == NULL)
		return err_set(e, "base de l'urne requise");
	if (journal_verify(c->el, 0, NULL, &n1, e) == -1)
		return err_prefix(e, "journal des électeurs : ");
	if (journal_verify(c->urn, 0, NULL, &n2, e) == -1)
		return err_prefix(e, "journal de l'urne : ");
	if (journal_head(c->el, &s1, h1, e) == -1 ||
	    journal_head(c->urn, &s2, h2, e) == -1)
		return -1;
	journal_hex(h1, JOURNAL_HASH_LEN, x1);
	journal_hex(h2, JOURNAL_HASH_LEN, x2);
	snprintf(res, CER_RESULT_MAX,
	    "Chaînage intact : journal des électeurs, %" PRIu64
	    " entrées, tête n° %" PRIu64 " : %s ; journal de l'urne, %" PRIu64
	    " entrées, tête n° %" PRIu64 " : %s.",
	    n1, s1, x1, n2, s2, x2);
	return 0;
}

int
cer_check_run(const struct cer_ctx *c, const char *key,
    char res[CER_RESULT_MAX], struct err *e)
{
	enum lc_state to;

	if (cer_action_target(c->kind, key, &to) == 0)
		return cer_action(c, to, res, e);
	if (strcmp(key, "journal") == 0)
		return cer_journal(c, res, e);
	if (c->kind == CER_SEALING && strcmp(key, "listes") == 0)
		return cer_lists(c, res, e);
	if (c->kind == CER_SEALING && strcmp(key, "cles") == 0)
		return cer_keys(c, res, e);
	if (c->kind == CER_SEALING && strcmp(key, "vote_blanc") == 0)
		return cer_test_vote(c, res, e);
	if (c->kind == CER_SEALING && strcmp(key, "remise_a_zero") == 0)
		return cer_reset(c, res, e);
	if (strcmp(key, "scellement") == 0)
		return cer_seal_verify(c, res, e);
	if (c->kind == CER_OPENING && strcmp(key, "urne_vide") == 0)
		return cer_empty_at_opening(c, res, e);
	if (c->kind == CER_CLOSING && strcmp(key, "gel") == 0)
		return cer_frozen(c, res, e);
	if (c->kind == CER_COUNTING && strcmp(key, "proclamation") == 0)
		return cer_proclaimed(c, res, e);
	return err_set(e, "étape « %s » sans contrôle", key);
}
