/* cast.c: atomic cast across the electors and urn databases.
 *
 * 1. electors: XA START x; check the elector votes in this open scrutin,
 *    and that the key, calendar and setting the caller checked against are
 *    still the database's (shared lock on the scrutin row, so closing waits
 *    for casts in flight, and on those rows); INSERT the émargement (UNIQUE: a second vote fails here); XA PREPARE x.
 * 2. urn: one local transaction inserts the ballot and the row
 *    cast_decision(HMAC(k, x), 'commit'). Its COMMIT is the decision.
 * 3. electors: XA COMMIT x.   4. urn: drop the decision row: in the same
 *    connection's next step 2, whose decision it becomes (UPDATE of its
 *    tag: one durable commit and one statement fewer per cast), or at
 *    once when the caller keeps no per-connection state.
 * A crash before 2 leaves x prepared without decision: recovery inserts
 * cast_decision(HMAC(k, x), 'abort') and rolls x back. The primary key on
 * the tag makes the worker's 'commit' and recovery's 'abort' mutually
 * exclusive, so no timing assumption is needed for safety.
 * The urn never sees x (R-VOTE-5): x is in the electors database and its
 * binary log, next to the elector's id, while the urn's tables and binary
 * log hold only the tag HMAC(k, x), under the cast key k that only the
 * workers and the recovery hold ([web] cast_key). Whoever holds both binary
 * logs but not k cannot pair a tag with an xid. The time in x stays on the
 * electors side only, where the émargement carries its time anyway. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mysqld_error.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "bpack.h"
#include "cast.h"
#include "db.h"
#include "log.h"
#include "operation.h"
#include "xmalloc.h"

#define CAST_XID_MAX 64
#define CAST_TAG_LEN 32

/* Hashed with the cast key, the fingerprint the urn keeps of it (never an
 * xid: those start with "ic-"). */
static const char cast_key_probe[] = "isoloir-cast-key-check-v1";

int
cast_key_load(
    const struct conf *c, unsigned char key[CAST_KEY_LEN], struct err *e)
{
	return conf_get_hex(c, "web", "cast_key", key, CAST_KEY_LEN, e);
}

/* The urn's name for a cast: HMAC-SHA256(k, xid). */
static void
cast_tag(const unsigned char key[CAST_KEY_LEN], const char *xid,
    unsigned char tag[CAST_TAG_LEN])
{
	unsigned int len = CAST_TAG_LEN;

	HMAC(EVP_sha256(), key, CAST_KEY_LEN, (const unsigned char *)xid,
	    strlen(xid), tag, &len);
}

void
cast_fault(const char *step)
{
#ifdef ISOLOIR_FAULT_INJECTION
	const char *f = getenv("ISOLOIR_FAULT");
	const char *p = getenv("ISOLOIR_FAULT_PAUSE");

	if (f != NULL && strcmp(f, step) == 0)
		raise(SIGKILL);
	/* A pause lets a test kill a database at exactly this step. */
	if (p != NULL && strcmp(p, step) == 0)
		sleep(3);
#else
	(void)step;
#endif
}

/* "ic-<unix time>-<32 hex>": the time lets recovery leave young casts
 * alone. It is only ever written in the electors database (XA RECOVER gives
 * no age otherwise), whose émargement row holds the same time anyway; the
 * urn gets the tag, which shows neither the time nor the random part. */
static int
cast_xid(char xid[CAST_XID_MAX], struct err *e)
{
	unsigned char r[16];
	int n;

	if (RAND_bytes(r, sizeof(r)) != 1)
		return err_set(e, "générateur aléatoire indisponible");
	n = snprintf(xid, CAST_XID_MAX, "ic-%lld-", (long long)time(NULL));
	for (size_t i = 0; i < sizeof(r); i++)
		n += snprintf(xid + n, CAST_XID_MAX - (size_t)n, "%02x", r[i]);
	return 0;
}

/* XA statements take no parameters; the xid is our own [a-z0-9-] string. */
static int
cast_xa(MYSQL *m, const char *verb, const char *xid, struct err *e)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "XA %s '%s'", verb, xid);
	if (db_exec(m, sql, e) == -1) {
		err_prefix(e, "XA %s : ", verb);
		return -1;
	}
	return 0;
}

static void
cast_say(struct cast_result *res, enum cast_outcome o, const char *msg)
{
	res->outcome = o;
	snprintf(res->message, sizeof(res->message), "%s", msg);
}

/* The locked read's row: the elector's admission, and the values a
 * struct cast_expect must find again. */
struct cast_row {
	char state[32], statut[16], ressaisie[16];
	unsigned long len[5];
	int split, test;
	struct cast_expect now;
};

/* The row of (scrutin, elector) under a shared lock on every row it joins:
 * the scrutin (closing waits for the casts in flight), its key row, the
 * operation whose calendar the caller checked and the scrutin's operation
 * (its settings): a change to any of them waits for the casts in flight,
 * and a cast after it sees it. 1 = read, 0 = no such row, -1 error. */
static int
cast_read_row(MYSQL *el, unsigned elector_id, const struct cast_ballot *b,
    struct cast_row *w, struct err *e)
{
	struct cast_expect *n = &w->now;
	MYSQL_BIND out[12];
	MYSQL_STMT *st;
	int f;

	memset(w, 0, sizeof(*w));
	st = db_query(el, e, "SELECT s.state, e.statut, COALESCE(k.sub_urns, 0), e.test_elector,"
	    " k.public_key, k.fingerprint, k.nul_slot, o.id, UNIX_TIMESTAMP(o.opens_at),"
	    " UNIX_TIMESTAMP(o.closes_at), o.grace_seconds,"
	    " JSON_EXTRACT(so.settings, '$.ressaisie_mot_de_passe') FROM scrutin s"
	    " JOIN elector_scrutin es ON es.scrutin_id = s.id JOIN elector e ON e.id = es.elector_id"
	    " JOIN operation so ON so.id = s.operation_id"
	    " LEFT JOIN scrutin_crypto k ON k.scrutin_id = s.id LEFT JOIN operation o ON o.id = ?"
	    " WHERE s.id = ? AND es.elector_id = ? LOCK IN SHARE MODE", "uuu",
	    b->expect != NULL ? b->expect->operation : 0, b->scrutin_id, elector_id);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, w->state, sizeof(w->state) - 1, &w->len[0]);
	db_bind(&out[1], MYSQL_TYPE_STRING, w->statut, sizeof(w->statut) - 1, &w->len[1]);
	db_bind(&out[2], MYSQL_TYPE_LONG, &w->split, 0, NULL);
	db_bind(&out[3], MYSQL_TYPE_LONG, &w->test, 0, NULL);
	db_bind(&out[4], MYSQL_TYPE_STRING, n->public_key, sizeof(n->public_key) - 1, &w->len[2]);
	db_bind(&out[5], MYSQL_TYPE_STRING, n->fingerprint, sizeof(n->fingerprint) - 1, &w->len[3]);
	db_bind(&out[6], MYSQL_TYPE_LONG, &n->nul_slot, 0, NULL);
	db_bind(&out[7], MYSQL_TYPE_LONG, &n->operation, 0, NULL);
	db_bind(&out[8], MYSQL_TYPE_LONGLONG, &n->cal.opens, 0, NULL);
	db_bind(&out[9], MYSQL_TYPE_LONGLONG, &n->cal.closes, 0, NULL);
	db_bind(&out[10], MYSQL_TYPE_LONGLONG, &n->cal.grace_s, 0, NULL);
	db_bind(&out[11], MYSQL_TYPE_STRING, w->ressaisie, sizeof(w->ressaisie) - 1, &w->len[4]);
	mysql_stmt_bind_result(st, out);
	f = mysql_stmt_fetch(st);
	if (f == 0 || f == MYSQL_DATA_TRUNCATED) {
		db_cstr(w->state, sizeof(w->state), w->len[0]);
		db_cstr(w->statut, sizeof(w->statut), w->len[1]);
		db_cstr(n->public_key, sizeof(n->public_key), w->len[2]);
		db_cstr(n->fingerprint, sizeof(n->fingerprint), w->len[3]);
		db_cstr(w->ressaisie, sizeof(w->ressaisie), w->len[4]);
		/* NULL (no such key): "" and 0, which no expectation holds */
		n->ressaisie = operation_setting_on(w->len[4] > 0 ? w->ressaisie : NULL);
	} else if (f != MYSQL_NO_DATA) {
		err_set(e, "lecture du scrutin impossible (%s)", mysql_stmt_error(st));
	}
	db_done(st);
	return f == MYSQL_NO_DATA ? 0 : f == 0 || f == MYSQL_DATA_TRUNCATED ? 1 : -1;
}

int
cast_expect_same(const struct cast_expect *x, const struct cast_expect *now)
{
	return x->operation == now->operation && x->cal.opens == now->cal.opens &&
	    x->cal.closes == now->cal.closes && x->cal.grace_s == now->cal.grace_s &&
	    x->ressaisie == now->ressaisie && x->nul_slot == now->nul_slot &&
	    strcmp(x->public_key, now->public_key) == 0 &&
	    strcmp(x->fingerprint, now->fingerprint) == 0;
}

/* Inside the XA branch: 1 = may vote, 0 = refused (res filled), -1 error.
 * *sub_urn: the statut sub-urn when the scrutin counts them apart (R-ORG-5),
 * else 0. The decision to record is taken here, on the locked row only:
 * what the caller checked before is trusted only when the row confirms it. */
static int
cast_check_elector(MYSQL *el, unsigned elector_id, const struct cast_ballot *b,
    unsigned *sub_urn, struct cast_result *res, struct err *e)
{
	struct cast_row w;
	int rc = cast_read_row(el, elector_id, b, &w, e);

	if (rc == 0)
		cast_say(res, CAST_NOT_ELECTOR, "Vous n'êtes pas électeur de ce scrutin.");
	if (rc != 1)
		return rc;
	*sub_urn = !w.split ? 0 : strcmp(w.statut, "fonctionnaire") == 0 ? 2 : 1;
	/* R-BUR-2: the test vote takes test electors only, the vote real
	 * electors only */
	rc = w.test ? strcmp(w.state, "test_vote") == 0 : strcmp(w.state, "open") == 0;
	if (!rc) {
		cast_say(res, CAST_NOT_OPEN, strcmp(w.state, "suspended") == 0 ?
		    "Le vote est suspendu par le bureau de vote : réessayez plus tard." : w.test ?
		    "Électeur de test : ce scrutin n'est pas en vote à blanc." :
		    "Ce scrutin n'est pas ouvert au vote.");
	} else if (b->expect != NULL && !cast_expect_same(b->expect, &w.now)) {
		cast_say(res, CAST_STALE, "Le vote n'a pas pu être enregistré : veuillez réessayer.");
		rc = 0;
	}
	return rc;
}

/* 1 when this exact ballot is in the urn. */
static int
cast_tracker_present(MYSQL *urn, const struct cast_ballot *b, struct err *e)
{
	MYSQL_STMT *st = db_query(urn, e,
	    "SELECT 1 FROM ballot WHERE tracker = ? AND scrutin_id = ?", "bu",
	    b->tracker, (size_t)CAST_TRACKER_LEN, b->scrutin_id);
	int f;

	if (st == NULL)
		return -1;
	mysql_stmt_store_result(st);
	f = (int)mysql_stmt_num_rows(st) > 0;
	db_done(st);
	return f;
}

/* Drop an XA branch that is active or idle (errors ignored: the branch
 * may already be gone with the connection). */
static void
cast_xa_abandon(MYSQL *el, const char *xid)
{
	struct err ignored;

	cast_xa(el, "END", xid, &ignored);
	cast_xa(el, "ROLLBACK", xid, &ignored);
}

/* The émargement exists already: a retry of this very ballot, or a second
 * vote. 0 with res filled, -1 on error. */
static int
cast_explain_duplicate(MYSQL *urn, const struct cast_ballot *b,
    struct cast_result *res, struct err *e)
{
	int here = cast_tracker_present(urn, b, e);

	if (here == -1)
		return -1;
	if (here)
		cast_say(res, CAST_ALREADY_HERE, "Votre vote a bien été enregistré.");
	else
		cast_say(res, CAST_ALREADY_VOTED, "Vous avez déjà voté pour ce scrutin.");
	return 0;
}

/* Step 1. 1 = prepared, 0 = refused (branch dropped, res filled), -1 error. */
static int
cast_prepare_emargement(MYSQL *el, MYSQL *urn, const char *xid,
    unsigned elector_id, const struct cast_ballot *b, unsigned *sub_urn,
    struct cast_result *res, struct err *e)
{
	int rc;

	if (cast_xa(el, "START", xid, e) == -1)
		return -1;
	rc = cast_check_elector(el, elector_id, b, sub_urn, res, e);
	if (rc == 1 && db_run(el, e, "INSERT INTO emargement (scrutin_id,"
	    " elector_id, voted_at) VALUES (?, ?, UTC_TIMESTAMP(6))", "uu",
	    b->scrutin_id, elector_id) < 0)
		rc = e->code == ER_DUP_ENTRY ? 2 : -1;
	if (rc == 1)
		return cast_xa(el, "END", xid, e) == -1 ||
		    cast_xa(el, "PREPARE", xid, e) == -1 ? -1 : 1;
	cast_xa_abandon(el, xid);
	if (rc == 2)
		return cast_explain_duplicate(urn, b, res, e);
	return rc;
}

/* Step 2: ballot + decision in one urn transaction. 1 = decided (commit),
 * 0 = refused (res filled), -1 = not committed (error), -2 = outcome
 * unknown (the COMMIT itself failed: only recovery can tell). */
static int
cast_decide(MYSQL *urn, const unsigned char tag[CAST_TAG_LEN],
    struct cast_conn *cc, const struct cast_ballot *b, unsigned sub_urn,
    struct cast_result *res, struct err *e)
{
	long long n = 0;

	if (db_exec(urn, "START TRANSACTION", e) == -1)
		return -1;
	/* b->body is the packed form here (cast_record); in bulk, so that the
	 * server does not write the ballot out as escaped text (lib/db.h) */
	if ((b->points == NULL ?
	    db_run_bulk(urn, e, "INSERT INTO ballot (tracker, scrutin_id, sub_urn, body)"
	    " VALUES (?, ?, ?, ?)", "buub", b->tracker, (size_t)CAST_TRACKER_LEN,
	    b->scrutin_id, sub_urn, b->body, b->body_len) :
	    db_run_bulk(urn, e, "INSERT INTO ballot (tracker, scrutin_id, sub_urn, body, points)"
	    " VALUES (?, ?, ?, ?, ?)", "buubb", b->tracker, (size_t)CAST_TRACKER_LEN,
	    b->scrutin_id, sub_urn, b->body, b->body_len, b->points, b->points_len)) < 0) {
		int dup = e->code == ER_DUP_ENTRY;
		mysql_rollback(urn);
		if (!dup)
			return -1;
		/* The same ballot cast by someone else: a replay. */
		cast_say(res, CAST_REPLAY, "Ce bulletin a déjà été déposé : il est refusé.");
		return 0;
	}
	/* The decision. The previous cast of this connection is finished (its
	 * émargement committed, so its row is no longer needed): its row
	 * becomes this one's, one statement for a DELETE and an INSERT. When
	 * recovery has cleaned it away already, a row of our own. Either way a
	 * row recovery wrote first for this tag ('abort') refuses ours as a
	 * duplicate. Any error fails the cast: after a deadlock the
	 * transaction is gone and the statements would commit one by one. */
	if (cc != NULL && cc->has_done)
		n = db_run(urn, e, "UPDATE cast_decision SET tag = ? WHERE tag = ? AND decision = 'commit'",
		    "bb", tag, (size_t)CAST_TAG_LEN, cc->done, (size_t)CAST_TAG_LEN);
	if (n == 0)
		n = db_run(urn, e, "INSERT INTO cast_decision (tag, decision) VALUES (?, 'commit')",
		    "b", tag, (size_t)CAST_TAG_LEN);
	if (n < 0) {
		int dup = e->code == ER_DUP_ENTRY;
		mysql_rollback(urn);
		if (!dup)
			return -1;
		/* Recovery judged this cast abandoned and aborted it first. */
		cast_say(res, CAST_RETRY, "Le vote n'a pas pu être enregistré : veuillez réessayer.");
		return 0;
	}
	if (mysql_commit(urn) != 0) {
		err_set(e, "urne : validation incertaine (%s)", mysql_error(urn));
		return -2;
	}
	if (cc != NULL)
		cc->has_done = 0;
	return 1;
}

/* Steps 1 to 4 for b, whose body is already in its stored form. */
static int
cast_steps(MYSQL *el, MYSQL *urn, const unsigned char key[CAST_KEY_LEN],
    struct cast_conn *cc, unsigned elector_id, const struct cast_ballot *b,
    struct cast_result *res, struct err *e)
{
	unsigned char tag[CAST_TAG_LEN];
	char xid[CAST_XID_MAX];
	struct err ignored;
	unsigned sub_urn = 0;
	int rc;

	if (cast_xid(xid, e) == -1)
		return -1;
	rc = cast_prepare_emargement(el, urn, xid, elector_id, b, &sub_urn, res, e);
	if (rc != 1)
		return rc;
	cast_fault("after-electors-prepare");
	cast_tag(key, xid, tag);
	rc = cast_decide(urn, tag, cc, b, sub_urn, res, e);
	/* Not decided: drop the émargement now. Unknown (-2): x stays prepared
	 * and cast_recover() settles it from the decision row. */
	if (rc == 0 || rc == -1)
		cast_xa(el, "ROLLBACK", xid, &ignored);
	if (rc != 1)
		return rc < 0 ? -1 : 0;
	cast_fault("after-urn-commit");
	cast_say(res, CAST_RECORDED, "Votre vote a bien été enregistré.");
	/* The vote is decided. If the émargement commit fails, the decision row
	 * must stay: it is what tells recovery to commit, not abort. */
	if (cast_xa(el, "COMMIT", xid, &ignored) == -1) {
		log_warn("vote décidé, émargement validé plus tard par la reprise (%s)",
		    ignored.msg);
		return 0;
	}
	cast_fault("after-electors-commit");
	/* Only now may the worker drop the row: the émargement is committed. */
	if (cc != NULL) {
		memcpy(cc->done, tag, CAST_TAG_LEN);
		cc->has_done = 1;
	} else {
		db_run(urn, &ignored, "DELETE FROM cast_decision WHERE tag = ?",
		    "b", tag, (size_t)CAST_TAG_LEN);
	}
	return 0;
}

/* The urn stores the body packed (lib/bpack.h): about half the bytes for
 * the statement, the redo and binary logs and the standby. Packed before
 * anything starts, so a body that cannot be stored touches no database. */
int
cast_record(MYSQL *el, MYSQL *urn, const unsigned char key[CAST_KEY_LEN],
    struct cast_conn *cc, unsigned elector_id, const struct cast_ballot *b,
    struct cast_result *res, struct err *e)
{
	unsigned char *packed = xmalloc(BPACK_BOUND(b->body_len));
	struct cast_ballot stored = *b;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	if (bpack_pack(b->body, b->body_len, packed, &stored.body_len, e) == 0) {
		stored.body = (const char *)packed;
		rc = cast_steps(el, urn, key, cc, elector_id, &stored, res, e);
	}
	free(packed);
	return rc;
}

void
cast_conn_flush(MYSQL *urn, struct cast_conn *cc)
{
	struct err ignored;

	if (urn != NULL && cc->has_done &&
	    db_run(urn, &ignored, "DELETE FROM cast_decision WHERE tag = ?",
	        "b", cc->done, (size_t)CAST_TAG_LEN) >= 0)
		cc->has_done = 0;
}

/* ---------------------------------------------------------------- recovery */

/* Age in seconds of a cast xid, or -1 when it is not one of ours. */
static long long
cast_xid_age(const char *xid, time_t now)
{
	long long t;
	char tail;

	if (strncmp(xid, "ic-", 3) != 0 || sscanf(xid + 3, "%lld-%c", &t, &tail) != 2)
		return -1;
	return (long long)now - t;
}

/* A recovery must hold the key the casts used: under another key it would
 * find no decision row and abort casts whose ballot is committed. The urn
 * keeps HMAC(k, probe), written by the first recovery of the platform. */
static int
cast_key_check(MYSQL *urn, const unsigned char key[CAST_KEY_LEN], struct err *e)
{
	unsigned char mine[CAST_TAG_LEN], theirs[CAST_TAG_LEN];
	unsigned long tl = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *q;
	int f;

	cast_tag(key, cast_key_probe, mine);
	if (db_run(urn, e,
	        "INSERT IGNORE INTO cast_key (id, fingerprint) VALUES (1, ?)",
	        "b", mine, (size_t)CAST_TAG_LEN) < 0)
		return -1;
	if ((q = db_query(urn, e,
	         "SELECT fingerprint FROM cast_key WHERE id = 1", "")) == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_BLOB, theirs, sizeof(theirs), &tl);
	mysql_stmt_bind_result(q, out);
	f = mysql_stmt_fetch(q);
	db_done(q);
	if ((f != 0 && f != MYSQL_DATA_TRUNCATED) || tl != CAST_TAG_LEN ||
	    memcmp(mine, theirs, CAST_TAG_LEN) != 0)
		return err_set(e,
		    "la clé des votes ([web] cast_key) n'est pas celle "
		    "des votes déjà enregistrés dans l'urne : aucune reprise "
		    "faite");
	return 0;
}

/* Settle one prepared émargement branch. */
static int
cast_settle(MYSQL *el, MYSQL *urn, const unsigned char key[CAST_KEY_LEN],
    const char *xid, struct cast_recovery *st, struct err *e)
{
	unsigned char tag[CAST_TAG_LEN];
	char decision[16] = "";
	unsigned long dl = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *q;

	cast_tag(key, xid, tag);
	/* Claim the decision: an 'abort' wins unless the cast committed first. */
	if (db_run(urn, e,
	        "INSERT INTO cast_decision (tag, decision) VALUES (?, 'abort')",
	        "b", tag, (size_t)CAST_TAG_LEN) < 0 &&
	    e->code != ER_DUP_ENTRY)
		return -1;
	if ((q = db_query(urn, e,
	         "SELECT decision FROM cast_decision WHERE tag = ?", "b", tag,
	         (size_t)CAST_TAG_LEN)) == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, decision, sizeof(decision) - 1, &dl);
	mysql_stmt_bind_result(q, out);
	if (mysql_stmt_fetch(q) == 0)
		db_cstr(decision, sizeof(decision), dl);
	db_done(q);
	if (strcmp(decision, "commit") != 0 && strcmp(decision, "abort") != 0)
		return err_set(e, "décision introuvable pour un vote interrompu");
	if (cast_xa(el, strcmp(decision, "commit") == 0 ? "COMMIT" : "ROLLBACK", xid, e) == -1) {
		/* Still attached to a live session (a worker stalled past the
		 * age, its connection open): only that session may end it, and
		 * the row decides what it does (an 'abort' refuses its commit).
		 * Left to it; the other branches are settled all the same. */
		if (e->code != ER_XAER_NOTA)
			return -1;
		st->busy++;
		return 0;
	}
	if (strcmp(decision, "abort") == 0) {
		/* The 'abort' row stays (a tombstone, no identity, no time):
		 * a worker stalled before its urn step must still find it
		 * there and have its 'commit' refused, however late it comes. */
		st->aborted++;
		return 0;
	}
	st->committed++;
	return db_run(urn, e, "DELETE FROM cast_decision WHERE tag = ? AND decision = 'commit'", "b",
	           tag, (size_t)CAST_TAG_LEN) < 0
	           ? -1
	           : 0;
}

#define CAST_CLEAN_MAX 256

/* The 'commit' decision rows ('abort' rows stay, cast_settle), read BEFORE
 * the list of prepared branches: a row seen here was committed after its
 * branch was prepared, so if that branch is not in the later XA RECOVER it
 * has finished and the row is a leftover.
 * (The urn's rows carry no time: this order is what protects a cast in
 * flight, whose row may appear after the XA RECOVER.) */
static int
cast_decisions(
    MYSQL *urn, unsigned char (*tags)[CAST_TAG_LEN], size_t *n, struct err *e)
{
	unsigned long tl = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *q;

	*n = 0;
	if ((q = db_query(urn, e,
	         "SELECT tag FROM cast_decision WHERE decision = 'commit' LIMIT 256", "")) == NULL)
		return -1;
	mysql_stmt_store_result(q);
	while (*n < CAST_CLEAN_MAX) {
		db_bind(&out[0], MYSQL_TYPE_BLOB, tags[*n], CAST_TAG_LEN, &tl);
		mysql_stmt_bind_result(q, out);
		if (mysql_stmt_fetch(q) != 0)
			break;
		if (tl == CAST_TAG_LEN)
			(*n)++;
	}
	db_done(q);
	return 0;
}

int
cast_recover(MYSQL *el, MYSQL *urn, const unsigned char key[CAST_KEY_LEN],
    unsigned min_age_s, struct cast_recovery *st, struct err *e)
{
	unsigned char(*seen)[CAST_TAG_LEN] = NULL,
	         (*prepared)[CAST_TAG_LEN] = NULL;
	time_t now = time(NULL);
	size_t nseen = 0, np = 0;
	MYSQL_RES *res = NULL;
	MYSQL_ROW row;
	int rc = -1;

	memset(st, 0, sizeof(*st));
	if (cast_key_check(urn, key, e) == -1)
		return -1;
	seen = calloc(CAST_CLEAN_MAX, CAST_TAG_LEN);
	if (seen == NULL) {
		err_set(e, "mémoire insuffisante");
		goto out;
	}
	if (cast_decisions(urn, seen, &nseen, e) == -1)
		goto out;
	if (mysql_query(el, "XA RECOVER") != 0 ||
	    (res = mysql_store_result(el)) == NULL) {
		err_set(e, "XA RECOVER : %s", mysql_error(el));
		goto out;
	}
	prepared = calloc(mysql_num_rows(res) + 1, CAST_TAG_LEN);
	if (prepared == NULL) {
		err_set(e, "mémoire insuffisante");
		goto out;
	}
	while ((row = mysql_fetch_row(res)) != NULL) {
		long long age;
		if (row[3] == NULL || (age = cast_xid_age(row[3], now)) < 0)
			continue;
		cast_tag(key, row[3], prepared[np++]);
		if (age >= (long long)min_age_s &&
		    cast_settle(el, urn, key, row[3], st, e) == -1)
			goto out;
	}
	/* Rows of casts no longer prepared (finished, or settled above). */
	for (size_t i = 0; i < nseen; i++) {
		long long gone;
		size_t j = 0;
		while (
		    j < np && memcmp(seen[i], prepared[j], CAST_TAG_LEN) != 0)
			j++;
		if (j < np)
			continue;
		if ((gone = db_run(urn, e,
		         "DELETE FROM cast_decision WHERE tag = ? AND decision = 'commit'", "b",
		         seen[i], (size_t)CAST_TAG_LEN)) < 0)
			goto out;
		st->cleaned += gone > 0;
	}
	rc = 0;
out:
	if (res != NULL)
		mysql_free_result(res);
	free(seen);
	free(prepared);
	return rc;
}
