/* destroy.c: recourse period, disputes and the ordered destruction of an
 * operation's personal data (destroy.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include "bpack.h"
#include "cast.h"
#include "db.h"
#include "destroy.h"
#include "group.h"
#include "journal.h"

static const char *const destroy_what[DESTROY_STEPS] = {
    "fichier des électeurs et identifiants de vote",
    "liste d'émargement",
    "bulletins chiffrés de l'urne",
};

/* A row of one string column per data row: longer rows are refused, so
 * that a fingerprint never silently covers a cut row. */
#define DESTROY_ROW_MAX 16384
/* A ballot's body: at most a MEDIUMBLOB, so no row is ever cut. */
#define DESTROY_BODY_MAX (1ul << 24)

/* ------------------------------------------------------------ status */

static int
destroy_head(MYSQL *el, unsigned op, struct destroy_status *st, struct err *e)
{
	unsigned long l[5] = {0};
	my_bool nul[5] = {0};
	long long days = 0, past = 0;
	MYSQL_BIND out[7];
	MYSQL_STMT *q;
	int f;

	/* the recourse ends DAYS after the last proclamation, or at the last
	 * dispute's final decision when that is later */
	q = db_query(el, e,
	    "SELECT o.name, o.code, t.days,"
	    " DATE_FORMAT(t.lastp, '%Y-%m-%d %H:%i:%s'),"
	    " DATE_FORMAT(GREATEST(t.lastp + INTERVAL t.days DAY, "
	    "COALESCE(t.lastd, t.lastp)),"
	    "  '%Y-%m-%d %H:%i:%s'),"
	    " t.lastp IS NOT NULL AND NOW(6) > GREATEST(t.lastp + INTERVAL "
	    "t.days DAY,"
	    "  COALESCE(t.lastd, t.lastp))"
	    " FROM operation o JOIN (SELECT"
	    "  COALESCE(CAST(JSON_VALUE(o2.settings, '$.delai_recours_jours') "
	    "AS UNSIGNED), ?) days,"
	    "  (SELECT MAX(p.proclaimed_at) FROM proclamation p JOIN scrutin s "
	    "ON s.id = p.scrutin_id"
	    "   WHERE s.operation_id = o2.id) lastp,"
	    "  (SELECT MAX(d.closed_at) FROM dispute d WHERE d.operation_id = "
	    "o2.id) lastd"
	    "  FROM operation o2 WHERE o2.id = ?) t WHERE o.id = ?",
	    "uuu", (unsigned)DESTROY_RECOURSE_DAYS, op, op);
	if (q == NULL)
		return -1;
	db_bind(
	    &out[0], MYSQL_TYPE_STRING, st->name, sizeof(st->name) - 1, &l[0]);
	db_bind(
	    &out[1], MYSQL_TYPE_STRING, st->code, sizeof(st->code) - 1, &l[1]);
	db_bind(&out[2], MYSQL_TYPE_LONGLONG, &days, 0, NULL);
	db_bind(&out[3], MYSQL_TYPE_STRING, st->last_proclaimed,
	    sizeof(st->last_proclaimed) - 1, &l[3]);
	db_bind(&out[4], MYSQL_TYPE_STRING, st->deadline,
	    sizeof(st->deadline) - 1, &l[4]);
	db_bind(&out[5], MYSQL_TYPE_LONGLONG, &past, 0, NULL);
	out[3].is_null = &nul[3];
	out[4].is_null = &nul[4];
	f = mysql_stmt_bind_result(q, out) == 0 ? mysql_stmt_fetch(q) : 1;
	db_done(q);
	if (f == MYSQL_NO_DATA)
		return err_set(e, "opération %u inconnue", op);
	if (f != 0 && f != MYSQL_DATA_TRUNCATED)
		return err_set(e, "base des électeurs : lecture du délai de "
		                  "recours impossible");
	db_cstr(st->name, sizeof(st->name), l[0]);
	db_cstr(st->code, sizeof(st->code), l[1]);
	db_cstr(st->last_proclaimed, sizeof(st->last_proclaimed),
	    nul[3] ? 0 : l[3]);
	db_cstr(st->deadline, sizeof(st->deadline), nul[4] ? 0 : l[4]);
	st->recourse_days = (int)days;
	st->past_deadline = past != 0;
	return 0;
}

static int
destroy_steps_read(
    MYSQL *el, unsigned op, struct destroy_status *st, struct err *e)
{
	struct destroy_step s;
	unsigned long l[3] = {0};
	my_bool nul = 0;
	long long step = 0;
	MYSQL_BIND out[5];
	MYSQL_STMT *q;
	int f;

	q = db_query(el, e,
	    "SELECT step, row_count, sha256,"
	    " DATE_FORMAT(fingerprinted_at, '%Y-%m-%d %H:%i:%s'),"
	    " DATE_FORMAT(destroyed_at, '%Y-%m-%d %H:%i:%s')"
	    " FROM destruction WHERE operation_id = ? ORDER BY step",
	    "u", op);
	if (q == NULL)
		return -1;
	memset(&s, 0, sizeof(s));
	db_bind(&out[0], MYSQL_TYPE_LONGLONG, &step, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_LONGLONG, &s.rows, 0, NULL);
	db_bind(&out[2], MYSQL_TYPE_STRING, s.sha, sizeof(s.sha) - 1, &l[0]);
	db_bind(&out[3], MYSQL_TYPE_STRING, s.fingerprinted_at,
	    sizeof(s.fingerprinted_at) - 1, &l[1]);
	db_bind(&out[4], MYSQL_TYPE_STRING, s.destroyed_at,
	    sizeof(s.destroyed_at) - 1, &l[2]);
	out[4].is_null = &nul;
	if (mysql_stmt_bind_result(q, out) != 0) {
		db_done(q);
		return err_set(e, "base des électeurs : lecture de la "
		                  "destruction impossible");
	}
	while ((f = mysql_stmt_fetch(q)) == 0) {
		if (step < 1 || step > DESTROY_STEPS)
			continue;
		struct destroy_step *d = &st->steps[step - 1];
		d->rows = s.rows;
		memcpy(d->sha, s.sha, sizeof(d->sha));
		db_cstr(d->sha, sizeof(d->sha), l[0]);
		memcpy(d->fingerprinted_at, s.fingerprinted_at,
		    sizeof(d->fingerprinted_at));
		db_cstr(d->fingerprinted_at, sizeof(d->fingerprinted_at), l[1]);
		memcpy(
		    d->destroyed_at, s.destroyed_at, sizeof(d->destroyed_at));
		db_cstr(
		    d->destroyed_at, sizeof(d->destroyed_at), nul ? 0 : l[2]);
		d->recorded = 1;
		d->done = !nul;
	}
	db_done(q);
	if (f != MYSQL_NO_DATA)
		return err_set(e, "base des électeurs : lecture de la "
		                  "destruction impossible");
	return 0;
}

int
destroy_status(MYSQL *el, unsigned op, struct destroy_status *st, struct err *e)
{
	memset(st, 0, sizeof(*st));
	for (int i = 0; i < DESTROY_STEPS; i++)
		snprintf(st->steps[i].what, sizeof(st->steps[i].what), "%s",
		    destroy_what[i]);
	if (destroy_head(el, op, st, e) == -1 ||
	    destroy_steps_read(el, op, st, e) == -1)
		return -1;
	/* a scrutin with lists must have been proclaimed (a carence has none)
	 */
	if (db_fetch_int(
	        db_query(el, e,
	            "SELECT COUNT(*) FROM scrutin s WHERE s.operation_id = ?"
	            " AND EXISTS (SELECT 1 FROM candidate_list l WHERE "
	            "l.scrutin_id = s.id)"
	            " AND NOT EXISTS (SELECT 1 FROM proclamation p WHERE "
	            "p.scrutin_id = s.id)",
	            "u", op),
	        &st->unproclaimed, e) == -1 ||
	    db_fetch_int(
	        db_query(el, e,
	            "SELECT COUNT(*) FROM dispute WHERE operation_id = ?", "u",
	            op),
	        &st->disputes, e) == -1 ||
	    db_fetch_int(
	        db_query(el, e,
	            "SELECT COUNT(*) FROM dispute WHERE operation_id = ?"
	            " AND closed_at IS NULL",
	            "u", op),
	        &st->disputes_open, e) == -1)
		return -1;
	return 0;
}

int
destroy_allowed(const struct destroy_status *st, struct err *e)
{
	if (st->steps[0].recorded)
		return 0; /* started: only resuming is left */
	if (st->disputes_open > 0)
		return err_set(e,
		    "un contentieux est en cours (%lld) : rien n'est détruit "
		    "avant la "
		    "décision définitive (archive dispute close)",
		    st->disputes_open);
	if (st->unproclaimed == 0 && *st->last_proclaimed == '\0')
		return err_set(e, "aucun résultat n'a été proclamé : le délai de recours ne court "
		    "pas encore");
	if (st->unproclaimed > 0)
		return err_set(e,
		    "%lld scrutin(s) avec des listes ne sont pas proclamés : "
		    "le délai "
		    "de recours ne court pas encore",
		    st->unproclaimed);
	if (!st->past_deadline)
		return err_set(e,
		    "le délai de recours (%d jours après la dernière "
		    "proclamation du "
		    "%s UTC) court jusqu'au %s UTC : le recomptage doit rester "
		    "possible, rien n'est "
		    "détruit avant",
		    st->recourse_days, st->last_proclaimed, st->deadline);
	return 0;
}

int
destroy_bureau(MYSQL *el, unsigned op, unsigned *bureau, struct err *e)
{
	long long n = 0, b = 0;

	*bureau = 0;
	if (db_fetch_int(
	        db_query(el, e,
	            "SELECT COUNT(DISTINCT bureau_id) FROM scrutin"
	            " WHERE operation_id = ? AND bureau_id IS NOT NULL",
	            "u", op),
	        &n, e) == -1)
		return -1;
	if (n == 0)
		return err_set(e,
		    "aucun bureau de vote n'est désigné pour l'opération %u",
		    op);
	if (n > 1)
		return 0;
	if (db_fetch_int(
	        db_query(el, e,
	            "SELECT MIN(bureau_id) FROM scrutin WHERE operation_id = ?",
	            "u", op),
	        &b, e) == -1)
		return -1;
	*bureau = (unsigned)b;
	return 0;
}

int
destroy_bureau_check(MYSQL *el, unsigned op, unsigned bureau, struct err *e)
{
	long long mine = 0, central = 0;

	if (db_fetch_int(db_query(el, e, "SELECT COUNT(*) FROM bureau WHERE id = ? AND operation_id = ?",
	        "uu", bureau, op), &mine, e) == -1 ||
	    db_fetch_int(db_query(el, e, "SELECT COALESCE(MIN(id), 0) FROM bureau WHERE operation_id = ?"
	        " AND establishment_id IS NULL", "u", op), &central, e) == -1)
		return -1;
	if (mine == 0)
		return err_set(e, "le bureau n° %u n'est pas un bureau de l'opération %u", bureau, op);
	if (central != 0 && central != (long long)bureau)
		return err_set(e, "l'opération %u a un bureau centralisateur (n° %lld) : c'est lui qui décide",
		    op, central);
	return 0;
}

/* ------------------------------------------------------------ dispute */

int
destroy_dispute(MYSQL *el, unsigned op, int open, const char *text,
    const struct bureau_auth *auth, const char *actor, struct err *e)
{
	struct destroy_status st;
	long long n;

	if (text == NULL || *text == '\0')
		return err_set(e, "le contentieux se consigne avec son texte "
		                  "(juridiction, affaire, "
		                  "décision)");
	if (destroy_status(el, op, &st, e) == -1)
		return -1;
	if (open && st.steps[0].recorded)
		return err_set(e, "la destruction des données a commencé : un "
		                  "contentieux ne peut "
		                  "plus les faire conserver");
	if (!open && st.disputes_open == 0)
		return err_set(
		    e, "aucun contentieux en cours pour l'opération %u", op);
	if (db_exec(el, "START TRANSACTION", e) == -1)
		return -1;
	if (open)
		n = db_run(el, e,
		    "INSERT INTO dispute (operation_id, opened_text, opened_by)"
		    " VALUES (?, ?, ?)",
		    "uss", op, text, auth->quorum.summary);
	else
		n = db_run(el, e,
		    "UPDATE dispute SET closed_text = ?, closed_by = ?, "
		    "closed_at = NOW(6)"
		    " WHERE operation_id = ? AND closed_at IS NULL",
		    "ssu", text, auth->quorum.summary, op);
	if (n < 0 ||
	    journal_append_json_tx(el, actor,
	        open ? "contentieux_ouvert" : "contentieux_clos", 0,
	        json_pack("{s:i, s:s, s:s}", "operation", (int)op, "texte",
	            text, "autorisation", auth->quorum.summary),
	        e) == -1 ||
	    db_exec(el, "COMMIT", e) == -1) {
		struct err ignored;
		db_exec(el, "ROLLBACK", &ignored);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ fingerprints */

/* Feed each row (one string column) of a query, then "\n", to ctx. */
static int
destroy_hash_rows(MYSQL *m, EVP_MD_CTX *ctx, long long *rows, struct err *e,
    const char *sql, unsigned arg)
{
	char *row = malloc(DESTROY_ROW_MAX);
	unsigned long len = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *q;
	int f, rc = -1;

	if (row == NULL)
		return err_set(e, "mémoire insuffisante");
	if ((q = db_query(m, e, sql, "u", arg)) == NULL)
		goto out;
	db_bind(&out[0], MYSQL_TYPE_STRING, row, DESTROY_ROW_MAX - 1, &len);
	if (mysql_stmt_bind_result(q, out) != 0) {
		err_set(e, "lecture impossible pour l'empreinte");
		goto close;
	}
	while ((f = mysql_stmt_fetch(q)) == 0) {
		EVP_DigestUpdate(ctx, row, len);
		EVP_DigestUpdate(ctx, "\n", 1);
		(*rows)++;
	}
	if (f != MYSQL_NO_DATA) {
		err_set(e,
		    f == MYSQL_DATA_TRUNCATED
		        ? "une ligne dépasse %d octets : empreinte "
		          "impossible"
		        : "lecture impossible pour l'empreinte",
		    DESTROY_ROW_MAX - 1);
		goto close;
	}
	rc = 0;
close:
	db_done(q);
out:
	free(row);
	return rc;
}

/* Step 1: every field of the operation's electors with their credential. */
static int
destroy_fp_electors(
    MYSQL *el, unsigned op, long long *rows, char sha[65], struct err *e)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned char md[32];
	int rc = -1;

	*rows = 0;
	if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
		err_set(e, "SHA-256 indisponible");
		goto out;
	}
	if (destroy_hash_rows(el, ctx, rows, e,
	        "SELECT CONCAT_WS('|', e.id, e.matricule, e.nom,"
	        " e.nom_usage, e.prenom, e.civilite, e.sexe, e.date_naissance, "
	        "e.establishment_id, e.site,"
	        " e.college_id, e.statut, e.adresse, e.code_postal, e.ville, "
	        "e.email, e.telephone,"
	        " e.cle_nir, COALESCE(e.date_entree, ''), e.eligible, "
	        "COALESCE(HEX(c.login_digest), ''),"
	        " COALESCE(c.password_hash, ''), COALESCE(c.generation, ''))"
	        " FROM elector e LEFT JOIN credential c ON c.elector_id = e.id"
	        " WHERE e.operation_id = ? ORDER BY e.id",
	        op) == -1)
		goto out;
	EVP_DigestFinal_ex(ctx, md, NULL);
	group_hex(md, 32, sha);
	rc = 0;
out:
	EVP_MD_CTX_free(ctx);
	return rc;
}

/* Step 2: through the definer procedure (the console cannot read it). */
static int
destroy_fp_emargement(
    MYSQL *el, unsigned op, long long *rows, char sha[65], struct err *e)
{
	unsigned long len = 0;
	MYSQL_BIND out[2];
	MYSQL_STMT *q;
	int f;

	if (db_run(el, e,
	        "CALL emargement_fingerprint(?, @isoloir_rows, @isoloir_sha)",
	        "u", op) < 0 ||
	    (q = db_query(el, e, "SELECT @isoloir_rows, @isoloir_sha", "")) ==
	        NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONGLONG, rows, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, sha, 64, &len);
	f = mysql_stmt_bind_result(q, out) == 0 ? mysql_stmt_fetch(q) : 1;
	db_done(q);
	if (f != 0 || len != 64)
		return err_set(e, "empreinte de l'émargement impossible");
	sha[64] = '\0';
	return 0;
}

/* The operation's scrutins, ascending; *n of them. */
static int
destroy_scrutins(
    MYSQL *el, unsigned op, unsigned **ids, size_t *n, struct err *e)
{
	long long id = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *q;
	size_t cap = 16;
	int f;

	*n = 0;
	if ((*ids = malloc(cap * sizeof(**ids))) == NULL)
		return err_set(e, "mémoire insuffisante");
	if ((q = db_query(el, e,
	         "SELECT id FROM scrutin WHERE operation_id = ? ORDER BY id",
	         "u", op)) == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONGLONG, &id, 0, NULL);
	mysql_stmt_bind_result(q, out);
	while ((f = mysql_stmt_fetch(q)) == 0) {
		if (*n == cap) {
			unsigned *t = realloc(*ids, 2 * cap * sizeof(**ids));
			if (t == NULL)
				break;
			*ids = t;
			cap *= 2;
		}
		(*ids)[(*n)++] = (unsigned)id;
	}
	db_done(q);
	if (f != MYSQL_NO_DATA)
		return err_set(
		    e, "base des électeurs : lecture des scrutins impossible");
	return 0;
}

/* SHA-256 in hex of a ballot's canonical text, its stored body unpacked
 * (docs/protocol.md §9.3): the fingerprint means what it meant before
 * bodies were packed, whichever form each row is in. A body that does not
 * unpack (altered) is digested as stored, as before: the urn can still be
 * destroyed, and its fingerprint still covers what was there. */
static void
destroy_body_sha(const unsigned char *body, size_t len, char hex[65])
{
	unsigned char md[SHA256_DIGEST_LENGTH];
	size_t tl = 0;
	char *t = bpack_unpack(body, len, &tl, NULL);

	if (t != NULL)
		SHA256((const unsigned char *)t, tl, md);
	else
		SHA256(body, len, md);
	free(t);
	group_hex(md, sizeof(md), hex);
}

/* One scrutin's ballots by tracker, each row "HEX(tracker)|scrutin|
 * sub-urn|SHA-256 of its canonical text" then "\n", fed to ctx: the rows
 * SQL's CONCAT_WS and SHA2(body, 256) wrote when bodies were stored as
 * text. The digest is taken here since SQL cannot unpack a body. */
static int
destroy_hash_ballots(MYSQL *urn, EVP_MD_CTX *ctx, unsigned scrutin,
    long long *rows, struct err *e)
{
	unsigned char *body = malloc(DESTROY_BODY_MAX);
	unsigned long hl = 0, bl = 0;
	char head[128], sha[65];
	MYSQL_BIND out[2];
	MYSQL_STMT *q = NULL;
	int f, rc = -1;

	if (body == NULL)
		return err_set(e, "mémoire insuffisante");
	if ((q = db_query(urn, e,
	         "SELECT CONCAT_WS('|', HEX(tracker), scrutin_id, sub_urn),"
	         " body FROM ballot WHERE scrutin_id = ? ORDER BY tracker",
	         "u", scrutin)) == NULL)
		goto out;
	db_bind(&out[0], MYSQL_TYPE_STRING, head, sizeof(head) - 1, &hl);
	db_bind(&out[1], MYSQL_TYPE_BLOB, body, DESTROY_BODY_MAX, &bl);
	if (mysql_stmt_bind_result(q, out) != 0) {
		err_set(e, "lecture impossible pour l'empreinte");
		goto out;
	}
	while ((f = mysql_stmt_fetch(q)) == 0) {
		destroy_body_sha(body, bl, sha);
		EVP_DigestUpdate(ctx, head, hl);
		EVP_DigestUpdate(ctx, "|", 1);
		EVP_DigestUpdate(ctx, sha, 64);
		EVP_DigestUpdate(ctx, "\n", 1);
		(*rows)++;
	}
	if (f != MYSQL_NO_DATA) {
		err_set(e, "lecture impossible pour l'empreinte");
		goto out;
	}
	rc = 0;
out:
	if (q != NULL)
		db_done(q);
	free(body);
	return rc;
}

/* Step 3: the urn's ballots of those scrutins, by scrutin then tracker. */
static int
destroy_fp_urn(MYSQL *urn, const unsigned *ids, size_t n, long long *rows,
    char sha[65], struct err *e)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned char md[32];
	int rc = -1;

	*rows = 0;
	if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
		err_set(e, "SHA-256 indisponible");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		if (destroy_hash_ballots(urn, ctx, ids[i], rows, e) == -1)
			goto out;
	EVP_DigestFinal_ex(ctx, md, NULL);
	group_hex(md, 32, sha);
	rc = 0;
out:
	EVP_MD_CTX_free(ctx);
	return rc;
}

/* ------------------------------------------------------------ steps */

static int
destroy_record(MYSQL *el, unsigned op, int step, long long rows,
    const char *sha, const struct bureau_auth *auth, const char *actor,
    struct err *e)
{
	return db_run(el, e,
	           "INSERT INTO destruction (operation_id, step, what, "
	           "row_count, sha256,"
	           " authorised_by, actor) VALUES (?, ?, ?, ?, ?, ?, ?)",
	           "uisUsss", op, step, destroy_what[step - 1], (uint64_t)rows,
	           sha, auth->quorum.summary, actor) < 0
	           ? -1
	           : 0;
}

static int
destroy_mark_done(MYSQL *el, unsigned op, int step, long long rows,
    const char *sha, const struct bureau_auth *auth, const char *actor,
    struct err *e)
{
	if (db_run(el, e,
	        "UPDATE destruction SET destroyed_at = NOW(6) WHERE "
	        "operation_id = ?"
	        " AND step = ?",
	        "ui", op, step) < 0)
		return -1;
	return journal_append_json_tx(el, actor, "destruction", 0,
	    json_pack("{s:i, s:i, s:s, s:I,"
	              " s:s, s:s}",
	        "operation", (int)op, "etape", step, "donnees",
	        destroy_what[step - 1], "lignes", (json_int_t)rows,
	        "empreinte_sha256", sha, "autorisation", auth->quorum.summary),
	    e);
}

static int
destroy_rollback(MYSQL *el)
{
	struct err ignored;

	db_exec(el, "ROLLBACK", &ignored);
	return -1;
}

/* Step 1 in one transaction: fingerprint recorded, credentials deleted,
 * every identifying field of the electors erased (the rows stay, without
 * identity, for the inscrits of the kept PVs and the émargement's step). */
static int
destroy_electors(MYSQL *el, unsigned op, const struct bureau_auth *auth,
    const char *actor, struct err *e)
{
	long long rows;
	char sha[65];

	if (db_exec(el, "START TRANSACTION", e) == -1)
		return -1;
	if (destroy_fp_electors(el, op, &rows, sha, e) == -1 ||
	    destroy_record(el, op, 1, rows, sha, auth, actor, e) == -1 ||
	    db_run(el, e,
	        "DELETE c FROM credential c JOIN elector v ON v.id = "
	        "c.elector_id"
	        " WHERE v.operation_id = ?",
	        "u", op) < 0 ||
	    /* receipt emails (R-VOTE-6): an unsent one still holds a tracker */
	    db_run(el, e,
	        "DELETE m FROM mail_outbox m JOIN elector v ON v.id = m.elector_id"
	        " WHERE v.operation_id = ?",
	        "u", op) < 0 ||
	    db_run(el, e,
	        "DELETE m FROM password_outbox m JOIN elector v ON v.id = m.elector_id"
	        " WHERE v.operation_id = ?",
	        "u", op) < 0 ||
	    db_run(el, e,
	        "UPDATE elector SET matricule = CONCAT('détruit-', id), nom = "
	        "'',"
	        " nom_usage = '', prenom = '', civilite = '', date_naissance = "
	        "'1900-01-01', site = '',"
	        " adresse = '', code_postal = '', ville = '', email = '', "
	        "telephone = '', cle_nir = '00',"
	        " date_entree = NULL WHERE operation_id = ?",
	        "u", op) < 0 ||
	    destroy_mark_done(el, op, 1, rows, sha, auth, actor, e) == -1 ||
	    db_exec(el, "COMMIT", e) == -1)
		return destroy_rollback(el);
	return 0;
}

/* Step 2 in one transaction, through the definer procedures. */
static int
destroy_emargement(MYSQL *el, unsigned op, const struct bureau_auth *auth,
    const char *actor, struct err *e)
{
	long long rows;
	char sha[65];

	if (db_exec(el, "START TRANSACTION", e) == -1)
		return -1;
	if (destroy_fp_emargement(el, op, &rows, sha, e) == -1 ||
	    destroy_record(el, op, 2, rows, sha, auth, actor, e) == -1 ||
	    db_run(el, e, "CALL emargement_destroy(?)", "u", op) < 0 ||
	    destroy_mark_done(el, op, 2, rows, sha, auth, actor, e) == -1 ||
	    db_exec(el, "COMMIT", e) == -1)
		return destroy_rollback(el);
	return 0;
}

/* Step 3 spans two databases: the fingerprint is recorded first (its own
 * commit), then the urn's ballots go (with the urn journal's entry), then
 * the step is marked done. A resume after a crash finds the recorded
 * fingerprint: the ballots still there must match it before they go; none
 * left means they went just before the crash. */
static int
destroy_urn(MYSQL *el, MYSQL *urn, unsigned op, const struct destroy_step *rec,
    const struct bureau_auth *auth, const char *actor, struct err *e)
{
	unsigned *ids = NULL;
	size_t n = 0;
	long long rows, want_rows;
	char sha[65], want[65];
	int rc = -1, tx = 0;

	if (destroy_scrutins(el, op, &ids, &n, e) == -1 ||
	    destroy_fp_urn(urn, ids, n, &rows, sha, e) == -1)
		goto out;
	if (rec->recorded) {
		memcpy(want, rec->sha, sizeof(want));
		want_rows = rec->rows;
		if (rows > 0 && strcmp(sha, want) != 0) {
			err_set(e,
			    "l'urne ne correspond plus à l'empreinte prise "
			    "avant la destruction "
			    "(%lld bulletins, empreinte %.16s… au lieu de "
			    "%.16s…) : arrêt, rien de plus n'est "
			    "effacé ; le bureau doit constater",
			    rows, sha, want);
			goto out;
		}
	} else {
		if (destroy_record(el, op, 3, rows, sha, auth, actor, e) == -1)
			goto out;
		memcpy(want, sha, sizeof(want));
		want_rows = rows;
	}
	cast_fault("destroy-urn-fingerprinted");
	if (db_exec(urn, "START TRANSACTION", e) == -1)
		goto out;
	tx = 1;
	for (size_t i = 0; i < n; i++)
		if (db_run(urn, e, "DELETE FROM ballot WHERE scrutin_id = ?",
		        "u", ids[i]) < 0 ||
		    db_run(urn, e, "DELETE FROM tally_bucket WHERE scrutin_id = ?",
		        "u", ids[i]) < 0) /* derived from the ballots: they go too */
			goto out;
	if (rows > 0 && journal_append_json_tx(urn, actor, "destruction", 0,
	                    json_pack("{s:i, s:I, "
	                              "s:s, s:s}",
	                        "operation", (int)op, "bulletins",
	                        (json_int_t)rows, "empreinte_sha256", want,
	                        "autorisation", auth->quorum.summary),
	                    e) == -1)
		goto out;
	if (db_exec(urn, "COMMIT", e) == -1)
		goto out;
	tx = 0;
	cast_fault("destroy-urn-deleted");
	if (db_exec(el, "START TRANSACTION", e) == -1)
		goto out;
	if (destroy_mark_done(el, op, 3, want_rows, want, auth, actor, e) ==
	        -1 ||
	    db_exec(el, "COMMIT", e) == -1) {
		destroy_rollback(el);
		goto out;
	}
	rc = 0;
out:
	if (tx)
		destroy_rollback(urn);
	free(ids);
	return rc;
}

int
destroy_run(MYSQL *el, MYSQL *urn, unsigned op, const struct bureau_auth *auth,
    const char *actor, destroy_note_fn note, void *ctx, struct err *e)
{
	struct destroy_status st;
	char msg[512];

	if (destroy_status(el, op, &st, e) == -1 ||
	    destroy_allowed(&st, e) == -1)
		return -1;
	for (int i = 0; i < DESTROY_STEPS; i++) {
		struct destroy_step *s = &st.steps[i];
		int r = 0;
		if (s->done) {
			snprintf(msg, sizeof(msg),
			    "étape %d déjà faite le %s UTC : %s (%lld lignes, "
			    "empreinte %s)",
			    i + 1, s->destroyed_at, s->what, s->rows, s->sha);
			note(msg, ctx);
			continue;
		}
		if (i == 0)
			r = destroy_electors(el, op, auth, actor, e);
		else if (i == 1)
			r = destroy_emargement(el, op, auth, actor, e);
		else
			r = destroy_urn(el, urn, op, s, auth, actor, e);
		if (r == -1)
			return -1;
		cast_fault(i == 0   ? "destroy-step-1"
		           : i == 1 ? "destroy-step-2"
		                    : "destroy-step-3");
		if (destroy_status(el, op, &st, e) == -1)
			return -1;
		snprintf(msg, sizeof(msg),
		    "étape %d faite le %s UTC : %s détruit(e)s (%lld lignes, "
		    "empreinte prise juste avant %s)",
		    i + 1, s->destroyed_at, s->what, s->rows, s->sha);
		note(msg, ctx);
	}
	return 0;
}
