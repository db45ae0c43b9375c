/* board_site.c: the bulletin board on the public site (R-VOTE-5/6):
 * published once by the console after the count, read by the web worker,
 * which also tells an elector whether a tracker is on it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include "board.h"
#include "board_scan.h"
#include "buf.h"
#include "cast.h"
#include "db.h"
#include "destroy.h"
#include "group.h"
#include "journal.h"
#include "proclaim.h"
#include "scrutin.h"
#include "xmalloc.h"

char *
board_text(const json_t *board)
{
	return json_dumps(board, JSON_INDENT(1) | JSON_SORT_KEYS);
}

/* Only a counted scrutin's board goes on the site: until then a partial
 * view of the urn could be published early. */
static int
board_counted(const char *state)
{
	return strcmp(state, "counted") == 0 || strcmp(state, "sealed_after_count") == 0 ||
	    strcmp(state, "archived") == 0;
}

/* R-BUR-8: the results go public once the bureau has proclaimed them,
 * and the board shows exactly the proclaimed result. */
static int
board_proclaimed(MYSQL *el, const json_t *board, unsigned scrutin, struct err *e)
{
	const json_t *out = json_object_get(json_object_get(board, "result"), "output");
	char sha[PROCLAIM_SHA_HEX], mine[PROCLAIM_SHA_HEX];
	int f = proclaim_get(el, scrutin, sha, e);

	if (f == -1)
		return -1;
	if (f == 0)
		return err_set(e, "scrutin %u : le bureau n'a pas proclamé les résultats ; le tableau "
		    "ne se publie qu'après la proclamation", scrutin);
	if (out == NULL)
		return err_set(e, "le tableau doit porter le résultat proclamé");
	proclaim_digest(out, mine);
	if (strcmp(sha, mine) != 0)
		return err_set(e, "le résultat du tableau (empreinte %.16s…) n'est pas celui que le bureau "
		    "a proclamé (%.16s…)", mine, sha);
	return 0;
}

/* The board (its document without ballots, verified) is this
 * scrutin's, of its election and key, counted and proclaimed. */
static int
board_publishable(MYSQL *el, const json_t *board, unsigned *scrutin, struct err *e)
{
	const json_t *elj = json_object_get(board, "election");
	struct scrutin_params p;
	char fp[65], y[GROUP_POINT_HEX + 1];
	BN_CTX *ctx;
	int rc = -1;

	*scrutin = (unsigned)json_integer_value(json_object_get(json_object_get(board, "scrutin"), "id"));
	if (scrutin_params_load(el, *scrutin, &p, e) == -1)
		return -1;
	ctx = BN_CTX_new();
	group_hex(p.election.fingerprint, 32, fp);
	group_point_encode(p.y, y, ctx);
	if (!board_counted(p.state))
		err_set(e, "scrutin %u « %s » : le tableau ne se publie sur le site qu'après le dépouillement",
		    *scrutin, p.state);
	else if (strcmp(fp, json_string_value(json_object_get(elj, "fingerprint"))) != 0 ||
	    strcmp(y, json_string_value(json_object_get(elj, "public_key"))) != 0)
		err_set(e, "ce tableau n'est pas celui de l'élection du scrutin %u", *scrutin);
	else
		rc = board_proclaimed(el, board, *scrutin, e);
	BN_CTX_free(ctx);
	scrutin_params_free(&p);
	return rc;
}

/* R-OPS-5: the end of the recourse period as it stands at publication
 * (operation setting delai_recours_jours after the last proclamation),
 * shown on the page. */
static int
board_recourse(MYSQL *el, unsigned scrutin, char *out, size_t len, struct err *e)
{
	struct destroy_status st;
	long long op = 0;

	if (db_fetch_int(db_query(el, e, "SELECT operation_id FROM scrutin WHERE id = ?", "u", scrutin),
	        &op, e) != 1)
		return -1;
	memset(&st, 0, sizeof(st));
	if (destroy_status(el, (unsigned)op, &st, e) == -1)
		return -1;
	snprintf(out, len, "%s", st.deadline);
	return 0;
}

/* Publication under way: the file, the chunks' chain, the trackers. */
struct board_pub {
	MYSQL *urn;
	unsigned scrutin;
	struct buf sql;                 /* trackers waiting for their INSERT */
	size_t pending;
	/* left by a publication cut short: chunks 0… and trackers 0… */
	unsigned long long have_chunks, have_trackers;
};

#define BOARD_TRACKER_BATCH 500

static int
board_pub_flush(struct board_pub *p, struct err *e)
{
	if (p->pending == 0)
		return 0;
	/* each batch its own transaction (autocommit): bounded */
	if (mysql_real_query(p->urn, p->sql.data, p->sql.len) != 0)
		return err_set(e, "tableau : index des traceurs impossible (%s)", mysql_error(p->urn));
	buf_reset(&p->sql);
	p->pending = 0;
	return 0;
}

/* One tracker row (the board verified: the tracker is 64 hex digits). */
static int
board_pub_tracker(void *arg, size_t i, const char *raw, size_t len, struct err *e)
{
	struct board_pub *p = arg;
	json_t *t = bscan_member(raw, len, "tracker"), *s = bscan_member(raw, len, "sub_urn");
	const char *hex = json_string_value(t);
	int rc = 0;

	if (hex == NULL || strlen(hex) != 64 || strspn(hex, "0123456789abcdef") != 64)
		rc = err_set(e, "bulletin n° %zu : traceur illisible", i + 1);
	else if (i >= p->have_trackers) {
		buf_printf(&p->sql, "%s(%u, %zu, UNHEX('%s'), %d)", p->pending ? ", " :
		    "INSERT INTO board_tracker (scrutin_id, seq, tracker, sub_urn) VALUES ", p->scrutin, i, hex,
		    (int)json_integer_value(s));
		if (++p->pending == BOARD_TRACKER_BATCH)
			rc = board_pub_flush(p, e);
	}
	json_decref(t);
	json_decref(s);
	return rc;
}

/* The file's bytes as chunks (stored when p is not NULL); sha the
 * file's SHA-256, chain the last link. */
static int
board_pub_chunks(struct board_pub *p, FILE *f, size_t chunk, unsigned char sha[32],
    unsigned char chain[32], unsigned *n, unsigned long long *bytes, struct err *e)
{
	EVP_MD_CTX *whole = EVP_MD_CTX_new();
	unsigned char *body = xmalloc(chunk), dg[32], link[64];
	size_t got;
	int rc = -1;

	memset(chain, 0, 32);
	*n = 0;
	*bytes = 0;
	if (whole == NULL || EVP_DigestInit_ex(whole, EVP_sha256(), NULL) != 1)
		goto out;
	while ((got = fread(body, 1, chunk, f)) > 0) {
		SHA256(body, got, dg);
		memcpy(link, chain, 32);
		memcpy(link + 32, dg, 32);
		SHA256(link, 64, chain);
		EVP_DigestUpdate(whole, body, got);
		if (p != NULL && *n < p->have_chunks) {
			/* written by a publication cut short: kept only if this
			 * file begins the same (the chain covers the prefix) */
			long long same = 0;
			if (*n + 1 == p->have_chunks &&
			    db_fetch_int(db_query(p->urn, e, "SELECT chain = ? FROM board_chunk"
			    " WHERE scrutin_id = ? AND seq = ?", "buu", chain, (size_t)32, p->scrutin, *n),
			    &same, e) != 1)
				goto out;
			if (*n + 1 == p->have_chunks && !same) {
				err_set(e, "tableau du scrutin %u : une publication interrompue a laissé %llu "
				    "morceau(x) d'un autre fichier ; publiez le même fichier, ou faites-les "
				    "effacer par l'administrateur de la base (docs/operations.md)", p->scrutin,
				    p->have_chunks);
				goto out;
			}
		} else if (p != NULL && db_run(p->urn, e, "INSERT INTO board_chunk (scrutin_id, seq, digest,"
		    " chain, body) VALUES (?, ?, ?, ?, ?)", "uubbb", p->scrutin, *n, dg, (size_t)32, chain,
		    (size_t)32, body, got) == -1)
			goto out;
		/* each chunk is its own transaction: a crash test stops here */
		if (p != NULL && *n == 1)
			cast_fault("board-publish-chunk");
		(*n)++;
		*bytes += got;
	}
	if (ferror(f)) {
		err_set(e, "tableau : lecture du fichier impossible");
		goto out;
	}
	EVP_DigestFinal_ex(whole, sha, NULL);
	rc = 0;
out:
	EVP_MD_CTX_free(whole);
	free(body);
	return rc;
}

int
board_chunks(const char *path, size_t chunk, struct board_meta *m, struct err *e)
{
	unsigned char sha[32], chain[32];
	FILE *f = fopen(path, "r");
	int rc;

	memset(m, 0, sizeof(*m));
	if (f == NULL)
		return err_set(e, "%s : lecture impossible", path);
	if (chunk < BOARD_CHUNK_MIN)
		chunk = BOARD_CHUNK_MIN;
	rc = board_pub_chunks(NULL, f, chunk, sha, chain, &m->chunks, &m->bytes, e);
	fclose(f);
	group_hex(sha, 32, m->sha256);
	group_hex(chain, 32, m->chain);
	return rc;
}

/* One publication of a scrutin at a time (a named lock, freed with the
 * connection if the console dies), not over a published board, and what
 * a publication cut short left (docs/protocol.md §10.5). */
static int
board_pub_begin(struct board_pub *p, char *lock, size_t len, struct err *e)
{
	long long got = 0, published = 0;

	snprintf(lock, len, "isoloir_tableau_%u", p->scrutin);
	if (db_fetch_int(db_query(p->urn, e, "SELECT GET_LOCK(?, 0)", "s", lock), &got, e) != 1) {
		lock[0] = '\0';
		return -1;
	}
	if (got != 1) {
		lock[0] = '\0';
		return err_set(e, "le tableau du scrutin %u est en cours de publication par ailleurs",
		    p->scrutin);
	}
	if (db_fetch_int(db_query(p->urn, e, "SELECT COUNT(*) FROM board WHERE scrutin_id = ?", "u",
	    p->scrutin), &published, e) != 1)
		return -1;
	if (published)
		return err_set(e, "le tableau du scrutin %u est déjà publié", p->scrutin);
	/* written in order, each row or batch committed: prefixes */
	if (db_fetch_int(db_query(p->urn, e, "SELECT COUNT(*) FROM board_chunk WHERE scrutin_id = ?", "u",
	    p->scrutin), (long long *)&p->have_chunks, e) != 1 ||
	    db_fetch_int(db_query(p->urn, e, "SELECT COUNT(*) FROM board_tracker WHERE scrutin_id = ?", "u",
	    p->scrutin), (long long *)&p->have_trackers, e) != 1)
		return -1;
	return 0;
}

/* Every chunk and every tracker row there, and no more, before the board
 * row points at them. */
static int
board_pub_complete(struct board_pub *p, unsigned chunks, unsigned long ballots, struct err *e)
{
	long long c = 0, t = 0;

	if (db_fetch_int(db_query(p->urn, e, "SELECT COUNT(*) FROM board_chunk WHERE scrutin_id = ?", "u",
	    p->scrutin), &c, e) != 1 ||
	    db_fetch_int(db_query(p->urn, e, "SELECT COUNT(*) FROM board_tracker WHERE scrutin_id = ?", "u",
	    p->scrutin), &t, e) != 1)
		return -1;
	if (c != (long long)chunks || t != (long long)ballots)
		return err_set(e, "tableau du scrutin %u : %lld morceau(x) et %lld traceur(s) en base, %u et "
		    "%lu attendus ; faites effacer ceux d'une publication interrompue par l'administrateur "
		    "de la base (docs/operations.md)", p->scrutin, c, t, chunks, ballots);
	return 0;
}

int
board_publish(MYSQL *el, MYSQL *urn, const char *path, size_t chunk, const char *actor,
    struct err *e)
{
	struct board_pub p = { urn, 0, BUF_INIT, 0, 0, 0 };
	struct board_summary sum;
	char lock[64] = "";
	unsigned char sha[32], chain[32];
	unsigned long long bytes = 0;
	char hex[65], chex[65], detail[256], recourse[32], *summary = NULL;
	const char *title;
	json_t *hdr = NULL;
	unsigned n = 0;
	FILE *f = NULL;
	int rc = -1;

	if (chunk < BOARD_CHUNK_MIN)
		chunk = BOARD_CHUNK_MIN;
	if (board_verify_file(path, &sum, &hdr, e) == -1)
		return err_prefix(e, "tableau invalide : ");
	if (board_publishable(el, hdr, &p.scrutin, e) == -1 ||
	    board_recourse(el, p.scrutin, recourse, sizeof(recourse), e) == -1)
		goto out;
	if ((f = fopen(path, "r")) == NULL) {
		err_set(e, "%s : lecture impossible", path);
		goto out;
	}
	title = json_string_value(json_object_get(json_object_get(hdr, "scrutin"), "title"));
	summary = json_dumps(hdr, JSON_COMPACT | JSON_SORT_KEYS);
	if (board_pub_begin(&p, lock, sizeof(lock), e) == -1)
		goto out;
	/* the chunks and the index in their own small transactions, out
	 * of sight: nothing reads them without the board row */
	if (board_pub_chunks(&p, f, chunk, sha, chain, &n, &bytes, e) == -1)
		goto out;
	rewind(f);
	if (bscan_board(f, NULL, board_pub_tracker, &p, e) == -1 || board_pub_flush(&p, e) == -1 ||
	    board_pub_complete(&p, n, sum.ballots, e) == -1)
		goto out;
	group_hex(sha, 32, hex);
	group_hex(chain, 32, chex);
	snprintf(detail, sizeof(detail), "sha256=%s bulletins=%lu morceaux=%u chaine=%s octets_par_morceau=%zu",
	    hex, sum.ballots, n, chex, chunk);
	/* the one small transaction that makes the board visible */
	if (db_exec(urn, "START TRANSACTION", e) == -1)
		goto out;
	if (db_run(urn, e, "INSERT INTO board (scrutin_id, digest, title, bytes, chunks, ballots, chain,"
	    " summary, recourse_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "ubsUuubbs", p.scrutin, sha,
	    (size_t)32, title, (uint64_t)bytes, n, (unsigned)sum.ballots, chain, (size_t)32, summary,
	    strlen(summary), recourse) == -1 ||
	    journal_append_tx(urn, actor, "tableau_publie", p.scrutin, detail, NULL, e) == -1 ||
	    db_exec(urn, "COMMIT", e) == -1)
		goto rollback;
	rc = 0;
	goto out;
rollback:
	mysql_query(urn, "ROLLBACK");
	if (e->code == 1062)   /* ER_DUP_ENTRY */
		err_set(e, "le tableau du scrutin %u est déjà publié", p.scrutin);
out:
	if (lock[0] != '\0')
		db_run(urn, NULL, "DO RELEASE_LOCK(?)", "s", lock);
	if (f != NULL)
		fclose(f);
	buf_free(&p.sql);
	free(summary);
	json_decref(hdr);
	return rc;
}

int
board_meta_get(MYSQL *urn, unsigned scrutin, int with_summary, struct board_meta *m,
    struct err *e)
{
	unsigned char sha[32], chain[32];
	unsigned long lens[4] = { 0 }, slen = 0;
	long long bytes = 0, chunks = 0, ballots = 0;
	MYSQL_BIND out[7];
	MYSQL_STMT *st;
	char *summary = NULL;
	int f, rc = -1;

	memset(m, 0, sizeof(*m));
	m->scrutin = scrutin;
	st = db_query(urn, e, "SELECT digest, chain, bytes, chunks, ballots, recourse_until, summary"
	    " FROM board WHERE scrutin_id = ?", "u", scrutin);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_BLOB, sha, 32, &lens[0]);
	db_bind(&out[1], MYSQL_TYPE_BLOB, chain, 32, &lens[1]);
	db_bind(&out[2], MYSQL_TYPE_LONGLONG, &bytes, 0, NULL);
	db_bind(&out[3], MYSQL_TYPE_LONGLONG, &chunks, 0, NULL);
	db_bind(&out[4], MYSQL_TYPE_LONGLONG, &ballots, 0, NULL);
	db_bind(&out[5], MYSQL_TYPE_STRING, m->recourse, sizeof(m->recourse) - 1, &lens[2]);
	db_bind(&out[6], MYSQL_TYPE_BLOB, NULL, 0, &slen);
	mysql_stmt_bind_result(st, out);
	f = mysql_stmt_fetch(st);
	if (f == MYSQL_NO_DATA) {
		rc = 0;
		goto out;
	}
	if (f != 0 && f != MYSQL_DATA_TRUNCATED) {
		err_set(e, "lecture du tableau impossible (%s)", mysql_stmt_error(st));
		goto out;
	}
	db_cstr(m->recourse, sizeof(m->recourse), lens[2]);
	group_hex(sha, 32, m->sha256);
	group_hex(chain, 32, m->chain);
	m->bytes = (unsigned long long)bytes;
	m->chunks = (unsigned)chunks;
	m->ballots = (unsigned long)ballots;
	if (with_summary) {
		summary = xmalloc(slen + 1);
		out[6].buffer = summary;
		out[6].buffer_length = slen;
		if (slen > 0 && mysql_stmt_fetch_column(st, &out[6], 6, 0) != 0) {
			err_set(e, "lecture du tableau impossible (%s)", mysql_stmt_error(st));
			goto out;
		}
		if ((m->summary = json_loadb(summary, slen, 0, NULL)) == NULL) {
			err_set(e, "tableau : résumé illisible");
			goto out;
		}
	}
	rc = 1;
out:
	free(summary);
	db_done(st);
	return rc;
}

char *
board_chunk_get(MYSQL *urn, unsigned scrutin, unsigned i, unsigned char prev[32], size_t *len,
    struct err *e)
{
	unsigned char dg[32], chain[32], mine[32], link[64];
	unsigned long l[3] = { 0 };
	MYSQL_BIND out[3];
	MYSQL_STMT *st;
	char *body = NULL;
	int f;

	st = db_query(urn, e, "SELECT digest, chain, body FROM board_chunk WHERE scrutin_id = ? AND seq = ?",
	    "uu", scrutin, i);
	if (st == NULL)
		return NULL;
	db_bind(&out[0], MYSQL_TYPE_BLOB, dg, 32, &l[0]);
	db_bind(&out[1], MYSQL_TYPE_BLOB, chain, 32, &l[1]);
	db_bind(&out[2], MYSQL_TYPE_BLOB, NULL, 0, &l[2]);
	mysql_stmt_bind_result(st, out);
	f = mysql_stmt_fetch(st);
	if (f != 0 && f != MYSQL_DATA_TRUNCATED) {
		err_set(e, "tableau : morceau %u illisible", i);
		goto out;
	}
	body = xmalloc(l[2] + 1);
	out[2].buffer = body;
	out[2].buffer_length = l[2];
	if (l[2] > 0 && mysql_stmt_fetch_column(st, &out[2], 2, 0) != 0) {
		err_set(e, "tableau : morceau %u illisible", i);
		goto fail;
	}
	/* a chunk changed in the database does not go out as the board */
	SHA256((unsigned char *)body, l[2], mine);
	memcpy(link, prev, 32);
	memcpy(link + 32, mine, 32);
	SHA256(link, 64, prev);
	if (memcmp(mine, dg, 32) != 0 || memcmp(prev, chain, 32) != 0) {
		err_set(e, "tableau du scrutin %u : morceau %u altéré (empreinte ou chaînage faux)", scrutin, i);
		goto fail;
	}
	*len = l[2];
	goto out;
fail:
	free(body);
	body = NULL;
out:
	db_done(st);
	return body;
}

int
board_trackers(MYSQL *urn, unsigned scrutin, unsigned long first, size_t max, char (*trackers)[65],
    unsigned *subs, size_t *n, struct err *e)
{
	unsigned char tr[32];
	unsigned long l = 0;
	unsigned char sub = 0;
	MYSQL_BIND out[2];
	MYSQL_STMT *st;
	int f;

	*n = 0;
	/* by rank on the primary key: a page costs the same at the end */
	st = db_query(urn, e, "SELECT tracker, sub_urn FROM board_tracker WHERE scrutin_id = ?"
	    " AND seq >= ? AND seq < ? ORDER BY seq", "uuu", scrutin, (unsigned)first,
	    (unsigned)(first + max));
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_BLOB, tr, 32, &l);
	db_bind(&out[1], MYSQL_TYPE_TINY, &sub, 0, NULL);
	out[1].is_unsigned = 1;
	mysql_stmt_bind_result(st, out);
	while ((f = mysql_stmt_fetch(st)) == 0 && *n < max) {
		group_hex(tr, 32, trackers[*n]);
		subs[(*n)++] = sub;
	}
	db_done(st);
	if (f != 0 && f != MYSQL_NO_DATA)
		return err_set(e, "lecture des traceurs impossible");
	return 0;
}

int
board_lookup(MYSQL *urn, unsigned scrutin, const char *tracker, struct err *e)
{
	unsigned char tr[32];
	long long present = 0;
	int f;

	if (group_unhex(tracker, tr, 32) == -1)
		return 0;
	f = db_fetch_int(db_query(urn, e, "SELECT (SELECT COUNT(*) FROM board_tracker WHERE scrutin_id = ?"
	    " AND tracker = ?) FROM board WHERE scrutin_id = ?", "ubu", scrutin, tr, (size_t)32, scrutin),
	    &present, e);
	return f == -1 ? -1 : f == 0 ? -2 : present > 0;
}

int
board_published_list(MYSQL *urn, unsigned *ids, char **titles, size_t max, size_t *n,
    struct err *e)
{
	char title[512];
	unsigned long len = 0;
	long long id = 0;
	MYSQL_BIND out[2];
	MYSQL_STMT *st;
	int f;

	*n = 0;
	st = db_query(urn, e, "SELECT scrutin_id, title FROM board ORDER BY scrutin_id", "");
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONGLONG, &id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, title, sizeof(title) - 1, &len);
	mysql_stmt_bind_result(st, out);
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		if (*n == max)
			continue;
		db_cstr(title, sizeof(title), len);
		ids[*n] = (unsigned)id;
		titles[(*n)++] = xstrdup(title);
	}
	db_done(st);
	if (f != MYSQL_NO_DATA)
		return err_set(e, "lecture des tableaux publiés impossible");
	return 0;
}
