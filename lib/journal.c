/* journal.c: the hash-chained journal (docs/model.md, "Journal"). Every
 * entry commits to the one before it; the head row serialises appenders
 * and names the last entry, so a deleted tail is noticed too. */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "db.h"
#include "group.h"
#include "journal.h"
#include "xmalloc.h"

#define JOURNAL_DOMAIN "isoloir-journal-1"
#define JOURNAL_ACTOR_MAX 512     /* VARCHAR(128) in utf8mb4 */
#define JOURNAL_ACTION_MAX 256    /* VARCHAR(64) */
#define JOURNAL_DETAIL_MAX 65535  /* TEXT */

/* A netstring "<len>:<bytes>," : no separator can be forged by a field. */
static void
journal_ns(struct buf *b, const char *s, size_t n)
{
	buf_printf(b, "%zu:", n);
	buf_append(b, s, n);
	buf_putc(b, ',');
}

static void
journal_ns_str(struct buf *b, const char *s)
{
	journal_ns(b, s, strlen(s));
}

void
journal_canonical(const struct journal_entry *je, struct buf *out)
{
	char num[24];

	journal_ns_str(out, JOURNAL_DOMAIN);
	snprintf(num, sizeof(num), "%" PRIu64, je->seq);
	journal_ns_str(out, num);
	journal_ns_str(out, je->at);
	journal_ns_str(out, je->actor);
	journal_ns_str(out, je->action);
	num[0] = '\0';
	if (je->scrutin_id != 0)
		snprintf(num, sizeof(num), "%u", je->scrutin_id);
	journal_ns_str(out, num);
	journal_ns_str(out, je->detail);
}

void
journal_hash(const struct journal_entry *je, unsigned char out[JOURNAL_HASH_LEN])
{
	struct buf b = BUF_INIT;

	buf_append(&b, je->prev_hash, JOURNAL_HASH_LEN);
	journal_canonical(je, &b);
	EVP_Digest(b.data, b.len, out, NULL, EVP_sha256(), NULL);
	buf_free(&b);
}

void
journal_hex(const unsigned char *p, size_t n, char *out)
{
	group_hex(p, n, out);
}

/* Lock the head row; fills seq, hash and the database's current time. */
static int
journal_lock_head(MYSQL *m, uint64_t *seq, unsigned char hash[JOURNAL_HASH_LEN],
    char at[JOURNAL_AT_LEN + 1], struct err *e)
{
	MYSQL_BIND out[3];
	unsigned long hl = 0, al = 0;
	MYSQL_STMT *st;
	int rc = -1;

	st = db_query(m, e, "SELECT seq, hash, DATE_FORMAT(UTC_TIMESTAMP(6),"
	    " '%Y-%m-%d %H:%i:%s.%f') FROM journal_head WHERE id = 1 FOR UPDATE", "");
	if (st == NULL)
		return err_prefix(e, "journal : ");
	db_bind(&out[0], MYSQL_TYPE_LONGLONG, seq, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_BLOB, hash, JOURNAL_HASH_LEN, &hl);
	db_bind(&out[2], MYSQL_TYPE_STRING, at, JOURNAL_AT_LEN, &al);
	if (mysql_stmt_bind_result(st, out) != 0 || mysql_stmt_fetch(st) != 0 ||
	    hl != JOURNAL_HASH_LEN || al != JOURNAL_AT_LEN) {
		err_set(e, "journal : tête du chaînage illisible");
		goto out;
	}
	at[JOURNAL_AT_LEN] = '\0';
	rc = 0;
out:
	db_done(st);
	return rc;
}

int
journal_append_tx(MYSQL *m, const char *actor, const char *action,
    unsigned scrutin_id, const char *detail, uint64_t *seq, struct err *e)
{
	struct journal_entry je = { .actor = actor, .action = action,
		.scrutin_id = scrutin_id, .detail = detail };
	uint64_t head;

	if (strlen(actor) > JOURNAL_ACTOR_MAX || strlen(action) > JOURNAL_ACTION_MAX ||
	    strlen(detail) > JOURNAL_DETAIL_MAX)
		return err_set(e, "journal : entrée trop longue");
	if (journal_lock_head(m, &head, je.prev_hash, je.at, e) == -1)
		return -1;
	je.seq = head + 1;
	journal_hash(&je, je.hash);
	if (db_run(m, e, "INSERT INTO journal (seq, at, actor, action, scrutin_id,"
	    " detail, prev_hash, hash) VALUES (?, ?, ?, ?, NULLIF(?, 0), ?, ?, ?)",
	    "Usssusbb", je.seq, je.at, actor, action, scrutin_id, detail,
	    je.prev_hash, (size_t)JOURNAL_HASH_LEN, je.hash, (size_t)JOURNAL_HASH_LEN) != 1 ||
	    db_run(m, e, "UPDATE journal_head SET seq = ?, hash = ? WHERE id = 1",
	    "Ub", je.seq, je.hash, (size_t)JOURNAL_HASH_LEN) != 1)
		return err_prefix(e, "journal : ");
	if (seq != NULL)
		*seq = je.seq;
	return 0;
}

int
journal_append_json_tx(MYSQL *m, const char *actor, const char *action,
    unsigned scrutin_id, json_t *detail, struct err *e)
{
	char *s = detail != NULL ? json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	int rc;

	json_decref(detail);
	if (s == NULL)
		return err_set(e, "journal : détail invalide (mémoire ou UTF-8)");
	rc = journal_append_tx(m, actor, action, scrutin_id, s, NULL, e);
	free(s);
	return rc;
}

int
journal_append(MYSQL *m, const char *actor, const char *action,
    unsigned scrutin_id, const char *detail, uint64_t *seq, struct err *e)
{
	if (db_exec(m, "START TRANSACTION", e) == -1)
		return err_prefix(e, "journal : ");
	if (journal_append_tx(m, actor, action, scrutin_id, detail, seq, e) == -1 ||
	    db_exec(m, "COMMIT", e) == -1) {
		mysql_query(m, "ROLLBACK");
		return -1;
	}
	return 0;
}

int
journal_head(MYSQL *m, uint64_t *seq, unsigned char hash[JOURNAL_HASH_LEN],
    struct err *e)
{
	MYSQL_BIND out[2];
	unsigned long hl = 0;
	MYSQL_STMT *st;
	int rc = -1;

	st = db_query(m, e, "SELECT seq, hash FROM journal_head WHERE id = 1", "");
	if (st == NULL)
		return err_prefix(e, "journal : ");
	db_bind(&out[0], MYSQL_TYPE_LONGLONG, seq, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_BLOB, hash, JOURNAL_HASH_LEN, &hl);
	if (mysql_stmt_bind_result(st, out) != 0 || mysql_stmt_fetch(st) != 0 ||
	    hl != JOURNAL_HASH_LEN)
		err_set(e, "journal : tête du chaînage illisible");
	else
		rc = 0;
	db_done(st);
	return rc;
}

/* One fetched row with its buffers (the detail can be 64 KiB). */
struct journal_row {
	struct journal_entry je;
	MYSQL_BIND out[8];
	my_bool null_scrutin;
	unsigned long len[8];
	char actor[JOURNAL_ACTOR_MAX + 1];
	char action[JOURNAL_ACTION_MAX + 1];
	char detail[JOURNAL_DETAIL_MAX + 1];
};

static MYSQL_STMT *
journal_select(MYSQL *m, struct journal_row *r, uint64_t upto, struct err *e)
{
	MYSQL_STMT *st;

	st = db_query(m, e, "SELECT seq, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'),"
	    " actor, action, scrutin_id, detail, prev_hash, hash FROM journal"
	    " WHERE seq <= ? ORDER BY seq", "U", upto);
	if (st == NULL) {
		err_prefix(e, "journal : ");
		return NULL;
	}
	db_bind(&r->out[0], MYSQL_TYPE_LONGLONG, &r->je.seq, 0, NULL);
	db_bind(&r->out[1], MYSQL_TYPE_STRING, r->je.at, JOURNAL_AT_LEN + 1, &r->len[1]);
	db_bind(&r->out[2], MYSQL_TYPE_STRING, r->actor, JOURNAL_ACTOR_MAX, &r->len[2]);
	db_bind(&r->out[3], MYSQL_TYPE_STRING, r->action, JOURNAL_ACTION_MAX, &r->len[3]);
	db_bind(&r->out[4], MYSQL_TYPE_LONG, &r->je.scrutin_id, 0, NULL);
	r->out[4].is_null = &r->null_scrutin;
	db_bind(&r->out[5], MYSQL_TYPE_STRING, r->detail, JOURNAL_DETAIL_MAX, &r->len[5]);
	db_bind(&r->out[6], MYSQL_TYPE_BLOB, r->je.prev_hash, JOURNAL_HASH_LEN, &r->len[6]);
	db_bind(&r->out[7], MYSQL_TYPE_BLOB, r->je.hash, JOURNAL_HASH_LEN, &r->len[7]);
	if (mysql_stmt_bind_result(st, r->out) != 0) {
		err_set(e, "journal : lecture impossible (%s)", mysql_stmt_error(st));
		db_done(st);
		return NULL;
	}
	return st;
}

/* Fetch the next row: 1 = got one, 0 = end, -1 = error. */
static int
journal_fetch(MYSQL_STMT *st, struct journal_row *r, struct err *e)
{
	int rc = mysql_stmt_fetch(st);

	if (rc == MYSQL_NO_DATA)
		return 0;
	if (rc != 0 || r->len[6] != JOURNAL_HASH_LEN || r->len[7] != JOURNAL_HASH_LEN)
		return err_set(e, "journal : entrée illisible (%s)",
		    rc == 0 ? "empreinte de taille invalide" : mysql_stmt_error(st));
	db_cstr(r->je.at, sizeof(r->je.at), r->len[1]);
	db_cstr(r->actor, sizeof(r->actor), r->len[2]);
	db_cstr(r->action, sizeof(r->action), r->len[3]);
	db_cstr(r->detail, sizeof(r->detail), r->len[5]);
	if (r->null_scrutin)
		r->je.scrutin_id = 0;
	r->je.actor = r->actor;
	r->je.action = r->action;
	r->je.detail = r->detail;
	return 1;
}

/* Check one entry against the running chain (seq and hash so far). */
static int
journal_check_entry(const struct journal_entry *je, uint64_t last,
    const unsigned char running[JOURNAL_HASH_LEN], struct err *e)
{
	unsigned char h[JOURNAL_HASH_LEN];

	if (je->seq != last + 1)
		return err_set(e, "journal altéré à l'entrée n° %" PRIu64
		    " : entrée manquante", last + 1);
	if (memcmp(je->prev_hash, running, JOURNAL_HASH_LEN) != 0)
		return err_set(e, "journal altéré à l'entrée n° %" PRIu64
		    " : elle ne suit pas l'entrée précédente (chaînage rompu)", je->seq);
	journal_hash(je, h);
	if (memcmp(h, je->hash, JOURNAL_HASH_LEN) != 0)
		return err_set(e, "journal altéré à l'entrée n° %" PRIu64
		    " : son contenu ne correspond plus à son empreinte", je->seq);
	return 0;
}

/* After the last entry: is it the expected one (the head row's, or the
 * sealed entry's) with the expected hash? */
static int
journal_check_end(uint64_t last, const unsigned char running[JOURNAL_HASH_LEN],
    uint64_t upto, const unsigned char *want, int whole, struct err *e)
{
	if (last != upto && whole)
		return err_set(e, "journal altéré : la tête du chaînage annonce l'entrée n° %"
		    PRIu64 ", la dernière présente est la n° %" PRIu64, upto, last);
	if (last != upto)
		return err_set(e, "journal altéré : l'entrée n° %" PRIu64 " est absente", upto);
	if (want != NULL && memcmp(want, running, JOURNAL_HASH_LEN) != 0)
		return err_set(e, whole ? "journal altéré : la tête du chaînage ne correspond"
		    " pas à l'entrée n° %" PRIu64 : "journal altéré : l'entrée n° %" PRIu64
		    " n'est plus celle qui a été scellée", upto);
	return 0;
}

int
journal_verify(MYSQL *m, uint64_t upto, const unsigned char *want,
    uint64_t *count, struct err *e)
{
	struct journal_row *r = xcalloc(1, sizeof(*r));
	unsigned char running[JOURNAL_HASH_LEN] = { 0 }, head[JOURNAL_HASH_LEN];
	uint64_t last = 0;
	MYSQL_STMT *st = NULL;
	int rc = -1, got, whole = upto == 0;

	/* The head first: entries up to it were committed with it, so appends
	 * running meanwhile cannot make a sound journal look truncated. */
	if (whole && journal_head(m, &upto, head, e) == -1)
		goto out;
	if (whole)
		want = head;
	if ((st = journal_select(m, r, upto, e)) == NULL)
		goto out;
	while ((got = journal_fetch(st, r, e)) == 1) {
		if (journal_check_entry(&r->je, last, running, e) == -1)
			goto out;
		last = r->je.seq;
		memcpy(running, r->je.hash, JOURNAL_HASH_LEN);
	}
	if (got == -1 || journal_check_end(last, running, upto, want, whole, e) == -1)
		goto out;
	if (count != NULL)
		*count = last;
	rc = 0;
out:
	if (st != NULL)
		db_done(st);
	free(r);
	return rc;
}

static int
journal_export_row(const struct journal_entry *je, FILE *out)
{
	char ph[2 * JOURNAL_HASH_LEN + 1], h[2 * JOURNAL_HASH_LEN + 1];
	json_t *o;
	char *s;
	int rc;

	journal_hex(je->prev_hash, JOURNAL_HASH_LEN, ph);
	journal_hex(je->hash, JOURNAL_HASH_LEN, h);
	o = json_pack("{s:I,s:s,s:s,s:s,s:o,s:s,s:s,s:s}", "seq", (json_int_t)je->seq,
	    "at", je->at, "acteur", je->actor, "action", je->action, "scrutin",
	    je->scrutin_id != 0 ? json_integer(je->scrutin_id) : json_null(),
	    "detail", je->detail, "hash_precedent", ph, "hash", h);
	if (o == NULL)
		return -1;
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (s == NULL)
		return -1;
	rc = fprintf(out, "%s\n", s) < 0 ? -1 : 0;
	free(s);
	return rc;
}

int
journal_export(MYSQL *m, FILE *out, struct err *e)
{
	struct journal_row *r = xcalloc(1, sizeof(*r));
	MYSQL_STMT *st;
	int rc = -1, got;

	if ((st = journal_select(m, r, UINT64_MAX, e)) == NULL)
		goto out;
	while ((got = journal_fetch(st, r, e)) == 1) {
		if (journal_export_row(&r->je, out) == -1) {
			err_set(e, "journal : export de l'entrée n° %" PRIu64 " impossible",
			    r->je.seq);
			goto out;
		}
	}
	if (got == 0)
		rc = 0;
out:
	if (st != NULL)
		db_done(st);
	free(r);
	return rc;
}
