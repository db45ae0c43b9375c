/* lifecycle.c: the state machine of a scrutin (docs/model.md). The table
 * below is the single source of the rules in C; the electors database
 * holds the same rows in lifecycle_transition for its trigger. */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "buf.h"
#include "ceremony.h"
#include "db.h"
#include "election.h"
#include "journal.h"
#include "lifecycle.h"
#include "seal.h"
#include "testvote.h"

struct lc_state_info {
	const char *name;
	const char *label;   /* "Le scrutin … est « label »" */
	const char *verb;    /* "impossible … sans <verb>" */
};

static const struct lc_state_info lc_states[LC_NSTATES] = {
	[LC_DRAFT] = { "draft", "en préparation", "le remettre en préparation" },
	[LC_LISTS_IMPORTED] = { "lists_imported", "listes importées", "importer ses listes" },
	[LC_KEYS_GENERATED] = { "keys_generated", "clés générées", "générer ses clés" },
	[LC_TEST_VOTE] = { "test_vote", "en vote à blanc", "faire le vote à blanc" },
	[LC_RESET] = { "reset", "remis à zéro", "remettre l'urne à zéro" },
	[LC_SEALED] = { "sealed", "scellé", "le sceller" },
	[LC_OPEN] = { "open", "ouvert", "l'ouvrir" },
	[LC_SUSPENDED] = { "suspended", "suspendu", "le suspendre" },
	[LC_CLOSED] = { "closed", "clos", "le clore" },
	[LC_COUNTED] = { "counted", "dépouillé", "le dépouiller" },
	[LC_SEALED_AFTER_COUNT] = { "sealed_after_count", "scellé après dépouillement",
		"le sceller après dépouillement" },
	[LC_ARCHIVED] = { "archived", "archivé", "l'archiver" },
	[LC_DESTROYED] = { "destroyed", "détruit", "le détruire" },
	[LC_STOPPED] = { "stopped", "arrêté", "l'arrêter" },
};

struct lc_edge {
	enum lc_state from, to;
	enum lc_auth auth;
};

/* Every allowed transition; anything else is refused. Mirrored by
 * schema/electors/003_model.sql (lifecycle_transition). */
static const struct lc_edge lc_edges[] = {
	{ LC_DRAFT, LC_LISTS_IMPORTED, LC_AUTH_NONE },
	{ LC_LISTS_IMPORTED, LC_KEYS_GENERATED, LC_AUTH_NONE },
	{ LC_KEYS_GENERATED, LC_TEST_VOTE, LC_AUTH_NONE },
	{ LC_TEST_VOTE, LC_RESET, LC_AUTH_NONE },
	{ LC_RESET, LC_TEST_VOTE, LC_AUTH_NONE },       /* a new test vote */
	{ LC_RESET, LC_SEALED, LC_AUTH_QUORUM },
	{ LC_SEALED, LC_RESET, LC_AUTH_QUORUM },        /* unsealing */
	{ LC_SEALED, LC_OPEN, LC_AUTH_QUORUM_OR_AUTO },
	{ LC_OPEN, LC_SUSPENDED, LC_AUTH_QUORUM },
	{ LC_OPEN, LC_CLOSED, LC_AUTH_QUORUM_OR_AUTO },
	{ LC_SUSPENDED, LC_OPEN, LC_AUTH_QUORUM },
	{ LC_SUSPENDED, LC_CLOSED, LC_AUTH_QUORUM },    /* early stop */
	{ LC_CLOSED, LC_COUNTED, LC_AUTH_QUORUM },
	{ LC_COUNTED, LC_SEALED_AFTER_COUNT, LC_AUTH_QUORUM },
	{ LC_SEALED_AFTER_COUNT, LC_ARCHIVED, LC_AUTH_NONE },
	{ LC_ARCHIVED, LC_DESTROYED, LC_AUTH_QUORUM },
	{ LC_DRAFT, LC_STOPPED, LC_AUTH_QUORUM },
	{ LC_LISTS_IMPORTED, LC_STOPPED, LC_AUTH_QUORUM },
	{ LC_KEYS_GENERATED, LC_STOPPED, LC_AUTH_QUORUM },
	{ LC_TEST_VOTE, LC_STOPPED, LC_AUTH_QUORUM },
	{ LC_RESET, LC_STOPPED, LC_AUTH_QUORUM },
	{ LC_SEALED, LC_STOPPED, LC_AUTH_QUORUM },
	{ LC_OPEN, LC_STOPPED, LC_AUTH_QUORUM },
	{ LC_SUSPENDED, LC_STOPPED, LC_AUTH_QUORUM },
	{ LC_STOPPED, LC_ARCHIVED, LC_AUTH_NONE },
};
#define LC_NEDGES (sizeof(lc_edges) / sizeof(lc_edges[0]))

const char *
lifecycle_state_name(enum lc_state s)
{
	return s < LC_NSTATES ? lc_states[s].name : "?";
}

const char *
lifecycle_state_label(enum lc_state s)
{
	return s < LC_NSTATES ? lc_states[s].label : "?";
}

const char *
lifecycle_auth_name(enum lc_auth a)
{
	static const char *const names[] = { "none", "quorum", "quorum_or_auto" };

	return names[a];
}

int
lifecycle_state_parse(const char *name, enum lc_state *s, struct err *e)
{
	struct buf all = BUF_INIT;

	for (int i = 0; i < LC_NSTATES; i++) {
		if (strcmp(name, lc_states[i].name) == 0) {
			*s = (enum lc_state)i;
			return 0;
		}
	}
	for (int i = 0; i < LC_NSTATES; i++)
		buf_printf(&all, "%s%s", i == 0 ? "" : ", ", lc_states[i].name);
	err_set(e, "état inconnu « %s » (états : %s)", name, all.data);
	buf_free(&all);
	return -1;
}

static const struct lc_edge *
lc_edge_find(enum lc_state from, enum lc_state to)
{
	for (size_t i = 0; i < LC_NEDGES; i++)
		if (lc_edges[i].from == from && lc_edges[i].to == to)
			return &lc_edges[i];
	return NULL;
}

/* Shortest path from -> to (breadth first), never through "stopped": an
 * arrêt is not a way to reach another state. Fills prev[]; 1 if found. */
static int
lc_path(enum lc_state from, enum lc_state to, int prev[LC_NSTATES])
{
	int queue[LC_NSTATES], head = 0, tail = 0;

	for (int i = 0; i < LC_NSTATES; i++)
		prev[i] = -2;
	prev[from] = -1;
	queue[tail++] = from;
	while (head < tail) {
		int s = queue[head++];
		if (s == (int)to)
			return 1;
		if (s == LC_STOPPED && s != (int)from)
			continue;
		for (size_t i = 0; i < LC_NEDGES; i++) {
			int t = lc_edges[i].to;
			if ((int)lc_edges[i].from == s && prev[t] == -2) {
				prev[t] = s;
				queue[tail++] = t;
			}
		}
	}
	return 0;
}

/* "sans l'ouvrir et le clore": the states between from and to. */
static void
lc_missing_steps(enum lc_state to, const int prev[LC_NSTATES], struct buf *b)
{
	int steps[LC_NSTATES], n = 0;

	for (int s = prev[to]; s >= 0 && prev[s] != -1; s = prev[s])
		steps[n++] = s;
	for (int i = n - 1; i >= 0; i--)
		buf_printf(b, "%s%s", i == n - 1 ? " sans " : i == 0 ? " et " : ", ",
		    lc_states[steps[i]].verb);
}

static int
lc_refuse(enum lc_state from, enum lc_state to, const char *label, struct err *e)
{
	const char *fl = lc_states[from].label, *tl = lc_states[to].label;
	int prev[LC_NSTATES];
	struct buf b = BUF_INIT;
	int rc;

	if (from == to)
		return err_set(e, "Le scrutin « %s » est déjà « %s ».", label, fl);
	if (from == LC_DESTROYED)
		return err_set(e, "Le scrutin « %s » est « %s » : plus aucun changement"
		    " d'état n'est possible.", label, fl);
	if (to == LC_STOPPED)
		return err_set(e, "Le scrutin « %s » est « %s » : il ne peut plus être"
		    " arrêté.", label, fl);
	if (!lc_path(from, to, prev))
		return err_set(e, "Le scrutin « %s » est « %s » : impossible de %s à « %s ».",
		    label, fl, to < from ? "revenir" : "passer", tl);
	lc_missing_steps(to, prev, &b);
	rc = err_set(e, "Le scrutin « %s » est « %s » : impossible de passer à « %s »%s.",
	    label, fl, tl, b.data != NULL ? b.data : "");
	buf_free(&b);
	return rc;
}

int
lifecycle_check(enum lc_state from, enum lc_state to, const char *label,
    enum lc_auth *auth, struct err *e)
{
	const struct lc_edge *edge;

	if (from >= LC_NSTATES || to >= LC_NSTATES)
		return err_set(e, "Le scrutin « %s » : état invalide.", label);
	if ((edge = lc_edge_find(from, to)) == NULL)
		return lc_refuse(from, to, label, e);
	if (auth != NULL)
		*auth = edge->auth;
	return 0;
}

void
lifecycle_label(const char *establishment, const char *college,
    const char *category, unsigned round, char out[LC_LABEL_MAX])
{
	const char *cat = strcmp(category, "suppleants") == 0 ? "suppléants" : category;

	snprintf(out, LC_LABEL_MAX, "%s, %s, %s, %u%s tour", establishment, college,
	    cat, round, round == 1 ? "er" : "e");
}

/* ------------------------------------------------------------ database */

/* What lifecycle_apply needs of the locked scrutin row. */
struct lc_row {
	enum lc_state state;
	unsigned bureau_id;
	char label[LC_LABEL_MAX];
};

/* Read the scrutin's state; with lock, lock its row (the only row locked). */
static int
lc_read_state(MYSQL *el, unsigned id, int lock, struct lc_row *row, struct err *e)
{
	char state[33];
	unsigned long sl = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	int rc = -1, f;

	st = db_query(el, e, lock ? "SELECT state FROM scrutin WHERE id = ? FOR UPDATE" :
	    "SELECT state FROM scrutin WHERE id = ?", "u", id);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, state, sizeof(state) - 1, &sl);
	if (mysql_stmt_bind_result(st, out) != 0 || (f = mysql_stmt_fetch(st)) == 1) {
		err_set(e, "scrutin illisible (%s)", mysql_stmt_error(st));
		goto out;
	}
	if (f == MYSQL_NO_DATA) {
		err_set(e, "Scrutin n° %u inconnu.", id);
		goto out;
	}
	db_cstr(state, sizeof(state), sl);
	rc = lifecycle_state_parse(state, &row->state, e);
out:
	db_done(st);
	return rc;
}

/* The scrutin's name for messages and its bureau. */
static int
lc_describe(MYSQL *el, unsigned id, struct lc_row *row, struct err *e)
{
	char etab[1024], col[1024], cat[16];
	unsigned long l[3] = { 0 };
	unsigned round = 0, bureau = 0;
	my_bool bnull = 0;
	MYSQL_BIND out[5];
	MYSQL_STMT *st;
	int rc = -1;

	st = db_query(el, e, "SELECT es.name, co.name, s.category, s.round, s.bureau_id"
	    " FROM scrutin s JOIN establishment es ON es.id = s.establishment_id"
	    " JOIN college co ON co.id = s.college_id WHERE s.id = ?", "u", id);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, etab, sizeof(etab) - 1, &l[0]);
	db_bind(&out[1], MYSQL_TYPE_STRING, col, sizeof(col) - 1, &l[1]);
	db_bind(&out[2], MYSQL_TYPE_STRING, cat, sizeof(cat) - 1, &l[2]);
	db_bind(&out[3], MYSQL_TYPE_LONG, &round, 0, NULL);
	db_bind(&out[4], MYSQL_TYPE_LONG, &bureau, 0, NULL);
	out[4].is_null = &bnull;
	if (mysql_stmt_bind_result(st, out) != 0 || mysql_stmt_fetch(st) != 0) {
		err_set(e, "Scrutin n° %u illisible.", id);
		goto out;
	}
	db_cstr(etab, sizeof(etab), l[0]);
	db_cstr(col, sizeof(col), l[1]);
	db_cstr(cat, sizeof(cat), l[2]);
	lifecycle_label(etab, col, cat, round, row->label);
	row->bureau_id = bnull ? 0 : bureau;
	rc = 0;
out:
	db_done(st);
	return rc;
}

int
lifecycle_authority(MYSQL *el, unsigned scrutin_id, enum lc_state to,
    unsigned *bureau_id, struct err *e)
{
	unsigned own = 0, central = 0;
	my_bool onull = 0, cnull = 0;
	MYSQL_BIND out[2];
	MYSQL_STMT *st;
	int rc = -1, central_acts;

	st = db_query(el, e, "SELECT s.bureau_id, (SELECT b.id FROM bureau b"
	    " WHERE b.operation_id = s.operation_id AND b.establishment_id IS NULL)"
	    " FROM scrutin s WHERE s.id = ?", "u", scrutin_id);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, &own, 0, NULL);
	out[0].is_null = &onull;
	db_bind(&out[1], MYSQL_TYPE_LONG, &central, 0, NULL);
	out[1].is_null = &cnull;
	if (mysql_stmt_bind_result(st, out) != 0 || mysql_stmt_fetch(st) != 0) {
		err_set(e, "Scrutin n° %u inconnu.", scrutin_id);
		goto out;
	}
	/* The centralisateur holds the sealing and counting codes (MACIF). */
	central_acts = to == LC_SEALED || to == LC_RESET || to == LC_COUNTED ||
	    to == LC_SEALED_AFTER_COUNT;
	*bureau_id = central_acts && !cnull ? central : onull ? 0 : own;
	if (*bureau_id == 0)
		err_set(e, "Le scrutin n° %u n'est rattaché à aucun bureau de vote.", scrutin_id);
	else
		rc = 0;
out:
	db_done(st);
	return rc;
}

int
lifecycle_describe(MYSQL *el, unsigned scrutin_id, char label[LC_LABEL_MAX], struct err *e)
{
	struct lc_row row;

	if (lc_describe(el, scrutin_id, &row, e) == -1)
		return -1;
	memcpy(label, row.label, LC_LABEL_MAX);
	return 0;
}

int
lifecycle_state_of(MYSQL *el, unsigned scrutin_id, enum lc_state *s, struct err *e)
{
	struct lc_row row;

	if (lc_read_state(el, scrutin_id, 0, &row, e) == -1)
		return -1;
	*s = row.state;
	return 0;
}

/* One row of lifecycle_list. */
static json_t *
lc_list_row(unsigned id, const char *state, const struct lc_row *row, my_bool bnull)
{
	enum lc_state s;
	struct err e;
	int known = lifecycle_state_parse(state, &s, &e) == 0;

	return json_pack("{s:i,s:s,s:s,s:s,s:o}", "id", (int)id, "scrutin", row->label,
	    "etat", state, "libelle_etat", known ? lc_states[s].label : state,
	    "bureau", bnull ? json_null() : json_integer(row->bureau_id));
}

json_t *
lifecycle_list(MYSQL *el, struct err *e)
{
	char etab[1024], col[1024], cat[16], state[33];
	unsigned long l[4] = { 0 };
	unsigned id = 0, round = 0;
	struct lc_row row = { 0 };
	my_bool bnull = 0;
	MYSQL_BIND out[7];
	MYSQL_STMT *st;
	json_t *list;
	int f;

	st = db_query(el, e, "SELECT s.id, es.name, co.name, s.category, s.round, s.state,"
	    " s.bureau_id FROM scrutin s JOIN establishment es ON es.id = s.establishment_id"
	    " JOIN college co ON co.id = s.college_id ORDER BY s.id", "");
	if (st == NULL)
		return NULL;
	db_bind(&out[0], MYSQL_TYPE_LONG, &id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, etab, sizeof(etab) - 1, &l[0]);
	db_bind(&out[2], MYSQL_TYPE_STRING, col, sizeof(col) - 1, &l[1]);
	db_bind(&out[3], MYSQL_TYPE_STRING, cat, sizeof(cat) - 1, &l[2]);
	db_bind(&out[4], MYSQL_TYPE_LONG, &round, 0, NULL);
	db_bind(&out[5], MYSQL_TYPE_STRING, state, sizeof(state) - 1, &l[3]);
	db_bind(&out[6], MYSQL_TYPE_LONG, &row.bureau_id, 0, NULL);
	out[6].is_null = &bnull;
	list = json_array();
	mysql_stmt_bind_result(st, out);
	while ((f = mysql_stmt_fetch(st)) == 0) {
		db_cstr(etab, sizeof(etab), l[0]);
		db_cstr(col, sizeof(col), l[1]);
		db_cstr(cat, sizeof(cat), l[2]);
		db_cstr(state, sizeof(state), l[3]);
		lifecycle_label(etab, col, cat, round, row.label);
		json_array_append_new(list, lc_list_row(id, state, &row, bnull));
	}
	if (f != MYSQL_NO_DATA) {
		err_set(e, "scrutins illisibles (%s)", mysql_stmt_error(st));
		json_decref(list);
		list = NULL;
	}
	db_done(st);
	return list;
}

static int lc_count(MYSQL *m, const char *sql, unsigned id, uint64_t *n, struct err *e);

/* An automatic step happens only once its time has come (R-ORG-4): the
 * opening at the set time, the closing at the set time plus the grace
 * period. Before that, only the bureau's codes can open or close. */
static int
lc_check_clock(MYSQL *el, const struct lifecycle_req *r, const struct lc_row *row,
    struct err *e)
{
	uint64_t due = 0;
	const char *sql = r->to == LC_OPEN ?
	    "SELECT o.opens_at <= UTC_TIMESTAMP() AND UTC_TIMESTAMP() < o.closes_at FROM scrutin s"
	    " JOIN operation o ON o.id = s.operation_id WHERE s.id = ?" :
	    "SELECT o.closes_at + INTERVAL o.grace_seconds SECOND <= UTC_TIMESTAMP() FROM scrutin s"
	    " JOIN operation o ON o.id = s.operation_id WHERE s.id = ?";

	if (lc_count(el, sql, r->scrutin_id, &due, e) == -1)
		return -1;
	if (!due)
		return err_set(e, "Le scrutin « %s » ne peut pas passer à « %s » automatiquement"
		    " avant l'heure prévue%s : il faut les codes du bureau.", row->label,
		    lc_states[r->to].label, r->to == LC_CLOSED ? " (clôture et prolongation)" : "");
	return 0;
}

static int
lc_check_auth(MYSQL *el, const struct lifecycle_req *r, const struct lc_row *row,
    enum lc_auth need, struct err *e)
{
	unsigned bureau;

	if (need == LC_AUTH_NONE)
		return 0;
	if (r->automatic && need == LC_AUTH_QUORUM_OR_AUTO)
		return lc_check_clock(el, r, row, e);
	if (r->automatic)
		return err_set(e, "Le scrutin « %s » ne peut pas passer à « %s »"
		    " automatiquement.", row->label, lc_states[r->to].label);
	if (lifecycle_authority(el, r->scrutin_id, r->to, &bureau, e) == -1)
		return -1;
	if (r->auth == NULL || r->auth->bureau_id != bureau)
		return err_set(e, "Passer le scrutin « %s » à « %s » exige les codes du"
		    " président et des membres de son bureau de vote.", row->label,
		    lc_states[r->to].label);
	return 0;
}

/* A count from a one-column query with the scrutin id as parameter. */
static int
lc_count(MYSQL *m, const char *sql, unsigned id, uint64_t *n, struct err *e)
{
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	int rc = -1;

	if ((st = db_query(m, e, sql, "u", id)) == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONGLONG, n, 0, NULL);
	if (mysql_stmt_bind_result(st, out) != 0 || mysql_stmt_fetch(st) != 0)
		err_set(e, "comptage impossible (%s)", mysql_stmt_error(st));
	else
		rc = 0;
	db_done(st);
	return rc;
}

/* Both the urn and the émargement of the scrutin are empty (R-BUR-2/4). */
static int
lc_prove_empty(MYSQL *el, MYSQL *urn, const struct lc_row *row, unsigned id,
    json_t *detail, struct err *e)
{
	uint64_t ballots, voted;

	if (urn == NULL)
		return err_set(e, "base de l'urne requise");
	if (lc_count(urn, "SELECT COUNT(*) FROM ballot WHERE scrutin_id = ?", id, &ballots, e) == -1 ||
	    lc_count(el, "SELECT emargement_count(?)", id, &voted, e) == -1)
		return -1;
	if (ballots != 0 || voted != 0)
		return err_set(e, "Le scrutin « %s » n'a pas une urne et un émargement vides"
		    " (%" PRIu64 " bulletins, %" PRIu64 " émargements).", row->label,
		    ballots, voted);
	json_object_set_new(detail, "preuve_vide", json_string("urne : 0 bulletin ;"
	    " émargement : 0"));
	return 0;
}

/* The closing freezes the urn and the émargement (R-BUR-8): their counts
 * and the digest of the urn's trackers in order go in the journal entry of
 * the closing; a difference between ballots and émargements is recorded
 * as an incident (it must never happen: the cast writes both or neither). */
static int
lc_freeze(MYSQL *el, MYSQL *urn, unsigned id, json_t *detail, struct err *e)
{
	unsigned char tracker[64], md[32];
	char hex[65];
	unsigned long len = 0;
	unsigned mdlen = 0;
	uint64_t ballots = 0, voted;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	EVP_MD_CTX *c;
	int f, rc = -1;

	if (lc_count(el, "SELECT emargement_count(?)", id, &voted, e) == -1 ||
	    (st = db_query(urn, e, "SELECT tracker FROM ballot WHERE scrutin_id = ? ORDER BY tracker",
	    "u", id)) == NULL)
		return -1;
	if ((c = EVP_MD_CTX_new()) == NULL || EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1) {
		err_set(e, "empreinte de l'urne impossible");
		goto out;
	}
	db_bind(&out[0], MYSQL_TYPE_BLOB, tracker, sizeof(tracker), &len);
	if (mysql_stmt_bind_result(st, out) != 0) {
		err_set(e, "urne : %s", mysql_stmt_error(st));
		goto out;
	}
	while ((f = mysql_stmt_fetch(st)) == 0) {
		EVP_DigestUpdate(c, tracker, len < sizeof(tracker) ? len : sizeof(tracker));
		ballots++;
	}
	if (f != MYSQL_NO_DATA || EVP_DigestFinal_ex(c, md, &mdlen) != 1) {
		err_set(e, "lecture de l'urne impossible");
		goto out;
	}
	for (unsigned i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	json_object_set_new(detail, "bulletins", json_integer((json_int_t)ballots));
	json_object_set_new(detail, "emargements", json_integer((json_int_t)voted));
	json_object_set_new(detail, "empreinte_urne", json_string(hex));
	if (ballots != voted)
		json_object_set_new(detail, "incident", json_string("le nombre de bulletins diffère "
		    "du nombre d'émargements"));
	rc = 0;
out:
	EVP_MD_CTX_free(c);
	db_done(st);
	return rc;
}

/* The reset after the test vote: empty the urn, then the émargement. */
static int
lc_reset(MYSQL *el, MYSQL *urn, const struct lc_row *row, unsigned id,
    json_t *detail, struct err *e)
{
	long long deleted, testers = 0;

	if (urn == NULL)
		return err_set(e, "base de l'urne requise");
	/* the test ballots' partial sums go with them (lib/presum.c) */
	if ((deleted = db_run(urn, e, "DELETE FROM ballot WHERE scrutin_id = ?", "u", id)) < 0 ||
	    db_run(urn, e, "DELETE FROM tally_bucket WHERE scrutin_id = ?", "u", id) < 0 ||
	    db_run(el, e, "CALL emargement_reset_test(?)", "u", id) < 0 ||
	    testvote_remove(el, id, &testers, e) == -1)
		return err_prefix(e, "remise à zéro : ");
	json_object_set_new(detail, "bulletins_de_test_supprimes", json_integer(deleted));
	json_object_set_new(detail, "electeurs_de_test_retires", json_integer(testers));
	return lc_prove_empty(el, urn, row, id, detail, e);
}

/* Keys installed by the console (with their transcript) were made for the
 * fingerprint of the lists of that moment: the lists must not have changed
 * since (docs/protocol.md §6.1), or the ballots would prove choices among
 * other lists than those shown. */
static int
lc_keys_match(MYSQL *el, unsigned scrutin, struct err *e)
{
	char stored[65] = "", now[65];
	unsigned char fp[ELECTION_FP_LEN];
	unsigned long len = 0;
	long long installed = 0;
	MYSQL_BIND out[2];
	MYSQL_STMT *st;
	json_t *params = NULL;
	int nul, f, rc = -1;

	st = db_query(el, e, "SELECT fingerprint, key_transcript IS NOT NULL FROM scrutin_crypto"
	    " WHERE scrutin_id = ?", "u", scrutin);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, stored, sizeof(stored) - 1, &len);
	db_bind(&out[1], MYSQL_TYPE_LONGLONG, &installed, 0, NULL);
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f == MYSQL_NO_DATA || (f == 0 && !installed))
		return 0;
	if (f != 0)
		return err_set(e, "base des électeurs : lecture des clés impossible");
	db_cstr(stored, sizeof(stored), len);
	if (election_nul_setting(el, scrutin, &nul, e) == -1 ||
	    (params = election_params(el, scrutin, nul, e)) == NULL ||
	    election_fingerprint(params, fp, e) == -1)
		goto out;
	for (unsigned i = 0; i < ELECTION_FP_LEN; i++)
		snprintf(now + 2 * i, 3, "%02x", fp[i]);
	if (strcmp(now, stored) != 0) {
		err_set(e, "Les listes ou les paramètres du scrutin ont changé depuis la cérémonie des "
		    "clés (empreinte %.16s… au lieu de %.16s…) : refaites la cérémonie avant de sceller.",
		    now, stored);
		goto out;
	}
	rc = 0;
out:
	json_decref(params);
	return rc;
}

/* R-BUR-2, R-BUR-10: what the sealing requires. By default (the stricter
 * setting, R-ORG-6) the test vote run since the last one began has been
 * compared with its plan and found « conformes », and the scrutin is sealed
 * at the sealing meeting's seal step, every step before it done in order
 * (lib/ceremony.c). The reset proven empty is the only way into « remis à
 * zéro » (lc_reset). Only the operation setting "scellement_allege" relaxes
 * the comparison and the meeting; the transition then says so in the
 * journal (and the PV prints it, lib/pv_db.c). A comparison that found
 * differences blocks the seal whatever the setting. */
struct lc_seal_gate {
	int relaxed;
	int compared;  /* a comparison of the latest test vote exists */
	int ceremony;  /* at the seal step of an open sealing meeting */
};

static int
lc_test_vote_ok(MYSQL *el, unsigned scrutin, struct lc_seal_gate *g, struct err *e)
{
	char report[1024];
	unsigned long len = 0;
	long long conformes = 0;
	MYSQL_BIND out[2];
	MYSQL_STMT *st;
	int f;

	/* only a comparison made after the latest test vote began counts */
	st = db_query(el, e, "SELECT c.conformes, c.report FROM test_vote_check c WHERE"
	    " c.scrutin_id = ? AND c.checked_at >= COALESCE((SELECT MAX(j.at) FROM journal j WHERE"
	    " j.scrutin_id = c.scrutin_id AND j.action = 'transition' AND"
	    " JSON_VALUE(j.detail, '$.vers') = 'test_vote'), '1000-01-01')"
	    " ORDER BY c.id DESC LIMIT 1", "u", scrutin);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONGLONG, &conformes, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, report, sizeof(report) - 1, &len);
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f == MYSQL_NO_DATA) {
		if (g->relaxed)
			return 0;
		return err_set(e, "Le vote à blanc n'a pas été comparé avec son plan (isoloir-console "
		    "test compare, pendant le vote à blanc) : le scellement exige des résultats "
		    "« conformes » (réglage scellement_allege pour s'en passer).");
	}
	if (f != 0 && f != MYSQL_DATA_TRUNCATED)
		return err_set(e, "base des électeurs : vote à blanc illisible");
	db_cstr(report, sizeof(report), len);
	if (!conformes)
		return err_set(e, "Les résultats du vote à blanc ne sont pas conformes au plan (%s) : le "
		    "scellement est impossible.", report);
	g->compared = 1;
	return 0;
}

static int
lc_ceremony_ok(MYSQL *el, unsigned scrutin, struct lc_seal_gate *g, struct err *e)
{
	size_t n;
	const struct cer_step_def *steps = ceremony_steps(CER_SEALING, &n);
	long long ready = 0;
	unsigned at = 0;

	while (at < n && strcmp(steps[at].key, "scellement") != 0)
		at++;
	if (db_fetch_int(db_query(el, e, "SELECT COUNT(*) FROM ceremony c WHERE c.scrutin_id = ? AND"
	    " c.kind = 'sealing' AND c.finished_at IS NULL AND (SELECT COUNT(*) FROM ceremony_step s"
	    " WHERE s.ceremony_id = c.id) = ?", "uu", scrutin, at), &ready, e) == -1)
		return -1;
	g->ceremony = ready != 0;
	if (!g->ceremony && !g->relaxed)
		return err_set(e, "Le scrutin se scelle à l'étape « %s » de la réunion de scellement, "
		    "après les %u précédentes (isoloir-console ceremony ; réglage scellement_allege "
		    "pour s'en passer).", steps[at].label, at);
	return 0;
}

/* The journal says what a relaxed sealing went without. */
static void
lc_seal_relaxed_note(const struct lc_seal_gate *g, json_t *detail)
{
	const char *what = !g->compared && !g->ceremony ?
	    "sans comparaison du vote à blanc avec son plan ni réunion de scellement" :
	    !g->compared ? "sans comparaison du vote à blanc avec son plan" :
	    !g->ceremony ? "hors réunion de scellement" : NULL;

	if (g->relaxed && what != NULL)
		json_object_set_new(detail, "scellement_allege", json_string(what));
}

static int
lc_seal(MYSQL *el, MYSQL *urn, const struct lifecycle_req *r, json_t *detail,
    struct err *e)
{
	unsigned char fp[SEAL_LEN];
	char hex[2 * SEAL_LEN + 1];
	const char *who = r->auth != NULL ? r->auth->quorum.summary : r->actor;
	struct lc_seal_gate g = { 0, 0, 0 };

	if (urn == NULL)
		return err_set(e, "base de l'urne requise");
	if (r->to == LC_SEALED) {
		if (election_setting(el, r->scrutin_id, "scellement_allege", &g.relaxed, e) == -1 ||
		    lc_keys_match(el, r->scrutin_id, e) == -1 ||
		    lc_test_vote_ok(el, r->scrutin_id, &g, e) == -1 ||
		    lc_ceremony_ok(el, r->scrutin_id, &g, e) == -1)
			return -1;
	}
	if (seal_create(el, urn, r->scrutin_id, lc_states[r->to].name, r->bins,
	    r->nbin, who, fp, e) == -1)
		return -1;
	journal_hex(fp, SEAL_LEN, hex);
	json_object_set_new(detail, "empreinte", json_string(hex));
	lc_seal_relaxed_note(&g, detail);
	return 0;
}

/* Preconditions and side effects of entering r->to. A failed seal check
 * returns -2 so the caller journals it after the rollback. */
/* R-BUR-8: the titulaires are counted first, then the suppléants of the
 * same establishment, collège and round (a titulaires scrutin that was
 * stopped is no obstacle). */
static int
lc_titulaires_first(MYSQL *el, unsigned scrutin, struct err *e)
{
	long long tit = 0;

	if (db_fetch_int(db_query(el, e, "SELECT COALESCE(MIN(t.id), 0) FROM scrutin s JOIN scrutin t"
	        " ON t.operation_id = s.operation_id AND t.establishment_id = s.establishment_id AND"
	        " t.college_id = s.college_id AND t.round = s.round AND t.category = 'titulaires'"
	        " WHERE s.id = ? AND s.category = 'suppleants' AND t.state NOT IN ('counted',"
	        " 'sealed_after_count', 'archived', 'destroyed', 'stopped')", "u", scrutin),
	        &tit, e) == -1)
		return -1;
	if (tit == 0)
		return 0;
	return err_set(e, "Dépouillez d'abord les titulaires (scrutin n° %lld) : les suppléants "
	    "se dépouillent après eux.", tit);
}

static int
lc_enter(MYSQL *el, MYSQL *urn, const struct lifecycle_req *r,
    const struct lc_row *row, json_t *detail, struct err *e)
{
	if (r->to == LC_COUNTED && lc_titulaires_first(el, r->scrutin_id, e) == -1)
		return -1;
	if (r->to == LC_RESET && row->state == LC_TEST_VOTE)
		return lc_reset(el, urn, row, r->scrutin_id, detail, e);
	if (r->to == LC_SEALED || r->to == LC_SEALED_AFTER_COUNT)
		return lc_seal(el, urn, r, detail, e);
	if (r->to == LC_OPEN || r->to == LC_CLOSED || r->to == LC_COUNTED) {
		if (urn == NULL)
			return err_set(e, "base de l'urne requise");
		if (seal_verify(el, urn, r->scrutin_id, e) == -1) {
			err_prefix(e, "Scellement non conforme, action bloquée : ");
			return -2;
		}
		json_object_set_new(detail, "scellement", json_string("conforme"));
	}
	if (r->to == LC_OPEN && row->state == LC_SEALED)
		return lc_prove_empty(el, urn, row, r->scrutin_id, detail, e);
	if (r->to == LC_CLOSED)
		return lc_freeze(el, urn, r->scrutin_id, detail, e);
	/* R-BUR-4: an arrêt during the vote cancels it; its ballots and
	 * émargements are void (the state never leads to a count) and kept
	 * for the judge, their numbers and the urn's digest frozen */
	if (r->to == LC_STOPPED && (row->state == LC_OPEN || row->state == LC_SUSPENDED)) {
		if (urn == NULL)
			return err_set(e, "base de l'urne requise");
		json_object_set_new(detail, "bulletins_annules", json_true());
		return lc_freeze(el, urn, r->scrutin_id, detail, e);
	}
	return 0;
}

int
lifecycle_needs_reasons(enum lc_state from, enum lc_state to)
{
	return to == LC_SUSPENDED || (from == LC_SUSPENDED && (to == LC_CLOSED || to == LC_OPEN)) ||
	    (to == LC_STOPPED && (from == LC_SEALED || from == LC_OPEN || from == LC_SUSPENDED));
}

static int
lc_reason_ok(const char *s)
{
	return s != NULL && *s != '\0' && strlen(s) <= 2000;
}

static int
lc_check_reasons(const struct lifecycle_req *r, const struct lc_row *row, struct err *e)
{
	if (r->automatic || !lifecycle_needs_reasons(row->state, r->to))
		return 0;
	if (!lc_reason_ok(r->advice) || !lc_reason_ok(r->authorisation))
		return err_set(e, "Le scrutin « %s » ne passe à « %s » qu'avec l'avis préalable reçu "
		    "(--avis) et l'autorisation de l'organisateur (--autorisation), consignés (de 1 à "
		    "2000 caractères chacun).", row->label, lc_states[r->to].label);
	return 0;
}

static json_t *
lc_detail(const struct lifecycle_req *r, const struct lc_row *row)
{
	json_t *d = json_pack("{s:s,s:s,s:s}", "de", lc_states[row->state].name,
	    "vers", lc_states[r->to].name, "scrutin", row->label);

	if (r->automatic)
		json_object_set_new(d, "automatique", json_true());
	if (r->auth != NULL)
		json_object_set_new(d, "autorisation", json_string(r->auth->quorum.summary));
	if (r->note != NULL)
		json_object_set_new(d, "note", json_string(r->note));
	if (r->advice != NULL)
		json_object_set_new(d, "avis_prealable", json_string(r->advice));
	if (r->authorisation != NULL)
		json_object_set_new(d, "autorisation_organisateur", json_string(r->authorisation));
	return d;
}

static int
lc_journal(MYSQL *el, const struct lifecycle_req *r, json_t *detail, struct err *e)
{
	char *s = json_dumps(detail, JSON_COMPACT | JSON_PRESERVE_ORDER);
	int rc;

	if (s == NULL)
		return err_set(e, "journal : détail invalide (UTF-8 ?)");
	rc = journal_append_tx(el, r->actor, "transition", r->scrutin_id, s, NULL, e);
	free(s);
	return rc;
}

/* Check, enter, update and journal, inside the open transaction. */
static int
lc_apply_tx(MYSQL *el, MYSQL *urn, const struct lifecycle_req *r,
    struct lc_row *row, struct err *e)
{
	enum lc_auth need;
	json_t *detail = NULL;
	int rc = -1;

	if (lc_read_state(el, r->scrutin_id, 1, row, e) == -1 ||
	    lc_describe(el, r->scrutin_id, row, e) == -1 ||
	    lifecycle_check(row->state, r->to, row->label, &need, e) == -1 ||
	    lc_check_reasons(r, row, e) == -1 ||
	    lc_check_auth(el, r, row, need, e) == -1)
		return -1;
	detail = lc_detail(r, row);
	if ((rc = lc_enter(el, urn, r, row, detail, e)) != 0)
		goto out;
	rc = -1;
	if (db_run(el, e, "UPDATE scrutin SET state = ? WHERE id = ?", "su",
	    lc_states[r->to].name, r->scrutin_id) != 1 ||
	    lc_journal(el, r, detail, e) == -1)
		goto out;
	rc = 0;
out:
	json_decref(detail);
	return rc;
}

/* After a rollback: a refused seal check still leaves a trace. */
static void
lc_journal_refusal(MYSQL *el, const struct lifecycle_req *r, const char *why)
{
	json_t *d = json_pack("{s:s,s:s}", "vers", lc_states[r->to].name, "motif", why);
	char *s = json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER);
	struct err ignored;

	if (s != NULL)
		journal_append(el, r->actor, "scellement_non_conforme", r->scrutin_id,
		    s, NULL, &ignored);
	free(s);
	json_decref(d);
}

int
lifecycle_apply(MYSQL *el, MYSQL *urn, const struct lifecycle_req *r, struct err *e)
{
	struct lc_row row = { 0 };
	int rc;

	if (r->to >= LC_NSTATES)
		return err_set(e, "état demandé invalide");
	if (db_exec(el, "START TRANSACTION", e) == -1)
		return -1;
	rc = lc_apply_tx(el, urn, r, &row, e);
	if (rc == 0 && db_exec(el, "COMMIT", e) == 0)
		return 0;
	mysql_query(el, "ROLLBACK");
	if (rc == -2 && e != NULL)
		lc_journal_refusal(el, r, e->msg);
	return -1;
}
