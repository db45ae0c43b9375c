/* presum.c: partial sums of the urn by tracker bucket (presum.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "bpack.h"
#include "cast.h"
#include "db.h"
#include "group.h"
#include "presum.h"
#include "xmalloc.h"

/* ------------------------------------------------------------ pure parts */

unsigned
presum_bucket(const unsigned char tr[32])
{
	return ((unsigned)tr[0] << 4) | (tr[1] >> 4);
}

void
presum_bounds(unsigned b, unsigned char lo[32], unsigned char hi[32])
{
	memset(lo, 0, 32);
	memset(hi, 0xff, 32);
	lo[0] = hi[0] = (unsigned char)(b >> 4);
	lo[1] = (unsigned char)((b & 0xf) << 4);
	hi[1] = (unsigned char)(lo[1] | 0x0f);
}

static void
be32(unsigned char *o, unsigned long v)
{
	o[0] = (unsigned char)(v >> 24);
	o[1] = (unsigned char)(v >> 16);
	o[2] = (unsigned char)(v >> 8);
	o[3] = (unsigned char)v;
}

void
presum_digest(unsigned scrutin, unsigned sub, unsigned bucket,
    unsigned long ballots, const unsigned char *members,
    const unsigned char *sums, size_t sums_len,
    unsigned char out[PRESUM_DIGEST_LEN])
{
	static const char tag[] = "isoloir-presum-v1";
	unsigned char h[16];
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	be32(h, scrutin);
	be32(h + 4, sub);
	be32(h + 8, bucket);
	be32(h + 12, ballots);
	/* the tag with its NUL: a fixed prefix; a failure leaves zeros, which
	 * no row's digest matches, so the bucket is rebuilt */
	memset(out, 0, PRESUM_DIGEST_LEN);
	if (c == NULL || EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1 ||
	    EVP_DigestUpdate(c, tag, sizeof(tag)) != 1 ||
	    EVP_DigestUpdate(c, h, sizeof(h)) != 1 ||
	    EVP_DigestUpdate(c, members, 32 * ballots) != 1 ||
	    EVP_DigestUpdate(c, sums, sums_len) != 1 ||
	    EVP_DigestFinal_ex(c, out, NULL) != 1)
		memset(out, 0, PRESUM_DIGEST_LEN);
	EVP_MD_CTX_free(c);
}

int
presum_members_ok(const unsigned char *m, size_t n, unsigned b)
{
	for (size_t i = 0; i < n; i++)
		if (presum_bucket(m + 32 * i) != b ||
		    (i > 0 && memcmp(m + 32 * (i - 1), m + 32 * i, 32) >= 0))
			return -1;
	return 0;
}

int
presum_diff(const unsigned char *have, size_t nh, const unsigned char *now,
    size_t nn, unsigned char *fresh, size_t *nf)
{
	size_t i = 0, j = 0;

	*nf = 0;
	while (i < nh) {
		int c = j < nn ? memcmp(have + 32 * i, now + 32 * j, 32) : -1;
		if (c < 0)
			return -1; /* covered, no longer in the urn */
		if (c == 0)
			i++;
		else
			memcpy(fresh + 32 * (*nf)++, now + 32 * j, 32);
		j++;
	}
	for (; j < nn; j++)
		memcpy(fresh + 32 * (*nf)++, now + 32 * j, 32);
	return 0;
}

int
presum_add_ballot(struct p256_jac *acc, const unsigned char *pts, size_t npts)
{
	struct p256_aff q = {.inf = 0};

	for (size_t i = 0; i < npts; i++, pts += BALLOT_POINT_LEN) {
		if (p256_fe_from_bytes(&q.x, pts) == -1 ||
		    p256_fe_from_bytes(&q.y, pts + 32) == -1 ||
		    !p256_aff_on_curve(&q))
			return -1;
		p256_jac_add_aff(&acc[i], &acc[i], &q);
	}
	return 0;
}

int
presum_sums_encode(unsigned char *out, const struct p256_jac *acc, size_t npts)
{
	struct p256_aff *a = xmalloc(npts * sizeof(*a));

	if (p256_batch_to_aff(a, acc, npts) == -1) {
		free(a);
		return -1;
	}
	for (size_t i = 0; i < npts; i++, out += BALLOT_POINT_LEN)
		if (a[i].inf) {
			memset(out, 0, BALLOT_POINT_LEN);
		} else {
			p256_fe_to_bytes(out, &a[i].x);
			p256_fe_to_bytes(out + 32, &a[i].y);
		}
	free(a);
	return 0;
}

int
presum_sums_decode(struct p256_jac *acc, const unsigned char *in, size_t npts)
{
	static const unsigned char zero[BALLOT_POINT_LEN];
	struct p256_aff q = {.inf = 0};

	for (size_t i = 0; i < npts; i++, in += BALLOT_POINT_LEN) {
		if (memcmp(in, zero, BALLOT_POINT_LEN) == 0) {
			p256_jac_infinity(&acc[i]);
			continue;
		}
		if (p256_fe_from_bytes(&q.x, in) == -1 ||
		    p256_fe_from_bytes(&q.y, in + 32) == -1 ||
		    !p256_aff_on_curve(&q))
			return -1;
		p256_jac_from_aff(&acc[i], &q);
	}
	return 0;
}

/* ------------------------------------------------------------ the update */

/* Rows written per transaction outside the count: a killed update loses
 * at most these; short transactions keep the standby close. */
#define PRESUM_BATCH 256
/* How long an update waits for another one of the same scrutin: 10 min
 * by 2 s. */
#define PRESUM_LOCK_TRIES 300
/* A body is capped far below (as in count.c). */
#define PRESUM_BODY_CAP (1ul << 20)

/* A growing list of trackers. */
struct trs {
	unsigned char *p;
	size_t n, cap;
};

static void
trs_push(struct trs *l, const unsigned char tr[32])
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->p = xrealloc(l->p, 32 * l->cap);
	}
	memcpy(l->p + 32 * l->n++, tr, 32);
}

/* One tally_bucket row as read. */
struct prow {
	unsigned long ballots;
	unsigned char *members, *sums, digest[PRESUM_DIGEST_LEN];
	unsigned long mlen, slen, dlen;
};

struct pctx {
	MYSQL *urn;
	const struct scrutin_params *p;
	unsigned scrutin, sub; /* sub 0: every sub-urn */
	int count;             /* one transaction, sums into t */
	size_t npts, plen;
	unsigned char *pts; /* one ballot's points */
	char *body;
	struct prow *rows[256]; /* per sub-urn, PRESUM_BUCKETS each, or NULL */
	struct trs urn_tr; /* the urn's trackers, by sub-urn then tracker */
	unsigned char *urn_sub; /* their sub-urns */
	size_t urn_cap;
	MYSQL_STMT *look; /* one ballot by tracker */
	unsigned char look_tr[32];
	unsigned long look_len;
	unsigned pending; /* rows written in the open transaction */
	struct presum_stats *st;
};

static void
pctx_free(struct pctx *c)
{
	for (size_t s = 0; s < 256; s++) {
		if (c->rows[s] == NULL)
			continue;
		for (size_t b = 0; b < PRESUM_BUCKETS; b++) {
			free(c->rows[s][b].members);
			free(c->rows[s][b].sums);
		}
		free(c->rows[s]);
	}
	free(c->urn_tr.p);
	free(c->urn_sub);
	free(c->pts);
	free(c->body);
	if (c->look != NULL)
		db_done(c->look);
}

/* Fetch a column that did not fit its (empty) buffer into a new one. */
static int
fetch_blob(MYSQL_STMT *st, MYSQL_BIND *b, unsigned col, unsigned char **out,
    unsigned long len)
{
	*out = xmalloc(len + 1);
	b->buffer = *out;
	b->buffer_length = len;
	return mysql_stmt_fetch_column(st, b, col, 0) == 0 ? 0 : -1;
}

static int
presum_read_buckets(struct pctx *c, struct err *e)
{
	MYSQL_BIND out[6];
	MYSQL_STMT *st;
	unsigned sub = 0, bucket = 0;
	unsigned long ballots = 0, mlen = 0, slen = 0, dlen = 0;
	struct prow *r;
	int f, rc = 0;

	st = db_query(c->urn, e,
	    "SELECT sub_urn, bucket, ballots, members, sums, digest"
	    " FROM tally_bucket"
	    " WHERE scrutin_id = ? AND (? = 0 OR sub_urn = ?)",
	    "uuu", c->scrutin, c->sub, c->sub);
	if (st == NULL)
		return -1;
	if (mysql_stmt_store_result(st) != 0) {
		db_done(st);
		return err_set(e,
		    "lecture des sommes partielles impossible (%s)",
		    mysql_stmt_error(st));
	}
	for (;;) {
		db_bind(&out[0], MYSQL_TYPE_LONG, &sub, 0, NULL);
		db_bind(&out[1], MYSQL_TYPE_LONG, &bucket, 0, NULL);
		db_bind(&out[2], MYSQL_TYPE_LONG, &ballots, 0, NULL);
		db_bind(&out[3], MYSQL_TYPE_BLOB, NULL, 0, &mlen);
		db_bind(&out[4], MYSQL_TYPE_BLOB, NULL, 0, &slen);
		db_bind(&out[5], MYSQL_TYPE_BLOB, NULL, 0, &dlen);
		out[0].is_unsigned = out[1].is_unsigned = out[2].is_unsigned =
		    1;
		mysql_stmt_bind_result(st, out);
		f = mysql_stmt_fetch(st);
		if (f != 0 && f != MYSQL_DATA_TRUNCATED)
			break;
		if (sub > 255 || bucket >= PRESUM_BUCKETS)
			continue; /* not ours to read: the schema's types forbid
			             it */
		if (c->rows[sub] == NULL)
			c->rows[sub] =
			    xcalloc(PRESUM_BUCKETS, sizeof(struct prow));
		r = &c->rows[sub][bucket];
		r->ballots = ballots;
		r->mlen = mlen;
		r->slen = slen;
		r->dlen = dlen;
		if (fetch_blob(st, &out[3], 3, &r->members, mlen) == -1 ||
		    fetch_blob(st, &out[4], 4, &r->sums, slen) == -1) {
			rc = err_set(e,
			    "lecture des sommes partielles impossible (%s)",
			    mysql_stmt_error(st));
			break;
		}
		if (dlen == PRESUM_DIGEST_LEN) {
			out[5].buffer = r->digest;
			out[5].buffer_length = PRESUM_DIGEST_LEN;
			if (mysql_stmt_fetch_column(st, &out[5], 5, 0) != 0)
				r->dlen = 0;
		}
	}
	if (rc == 0 && f != MYSQL_NO_DATA)
		rc = err_set(e, "lecture des sommes partielles impossible (%s)",
		    mysql_stmt_error(st));
	db_done(st);
	return rc;
}

/* Every tracker of the scrutin, 32 bytes each, from the (scrutin_id,
 * sub_urn) index alone: for 1 M ballots, 32 MB, not their 8 GB of points. */
static int
presum_read_trackers(struct pctx *c, struct err *e)
{
	unsigned char tr[32];
	unsigned sub = 0;
	unsigned long tlen = 0;
	MYSQL_BIND out[2];
	MYSQL_STMT *st;
	int f;

	if (c->sub > 0)
		st = db_query(c->urn, e,
		    "SELECT sub_urn, tracker FROM ballot"
		    " WHERE scrutin_id = ? AND sub_urn = ?"
		    " ORDER BY sub_urn, tracker",
		    "uu", c->scrutin, c->sub);
	else
		st = db_query(c->urn, e,
		    "SELECT sub_urn, tracker FROM ballot"
		    " WHERE scrutin_id = ? ORDER BY sub_urn, tracker",
		    "u", c->scrutin);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, &sub, 0, NULL);
	out[0].is_unsigned = 1;
	db_bind(&out[1], MYSQL_TYPE_BLOB, tr, 32, &tlen);
	mysql_stmt_bind_result(st, out);
	while ((f = mysql_stmt_fetch(st)) == 0) {
		if (tlen != 32 || sub > 255)
			continue; /* BINARY(32), TINYINT UNSIGNED: cannot be */
		trs_push(&c->urn_tr, tr);
		if (c->urn_cap < c->urn_tr.cap) {
			c->urn_cap = c->urn_tr.cap;
			c->urn_sub = xrealloc(c->urn_sub, c->urn_cap);
		}
		c->urn_sub[c->urn_tr.n - 1] = (unsigned char)sub;
	}
	db_done(st);
	if (f != MYSQL_NO_DATA)
		return err_set(e, "lecture de l'urne impossible");
	return 0;
}

/* Rows (tracker, points, body when there are no points) of an executed
 * statement: each ballot added into acc, its tracker appended to mem. A
 * ballot without points (cast before urn 006) is verified and decoded. */
static int
presum_read_rows(struct pctx *c, MYSQL_STMT *st, struct p256_jac *acc,
    struct trs *mem, struct err *e)
{
	unsigned char tr[32];
	unsigned long tlen = 0, plen = 0, blen = 0;
	my_bool pnull = 0, bnull = 0, perr = 0, berr = 0;
	MYSQL_BIND out[3];
	char hex[65];
	int f;

	db_bind(&out[0], MYSQL_TYPE_BLOB, tr, 32, &tlen);
	db_bind(&out[1], MYSQL_TYPE_BLOB, c->pts, c->plen, &plen);
	db_bind(&out[2], MYSQL_TYPE_BLOB, c->body, PRESUM_BODY_CAP - 1, &blen);
	out[1].is_null = &pnull;
	out[2].is_null = &bnull;
	out[1].error = &perr;
	out[2].error = &berr;
	mysql_stmt_bind_result(st, out);
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		if (tlen != 32)
			return err_set(
			    e, "lecture de l'urne impossible (traceur)");
		/* for the messages: cheap next to a sum */
		group_hex(tr, 32, hex);
		if (!pnull) {
			if (perr || plen != c->plen)
				return err_set(e,
				    "urne altérée : bulletin %s : points de "
				    "taille %lu au lieu de %zu",
				    hex, plen, c->plen);
		} else {
			json_t *b = bnull || berr
			                ? NULL
			                : bpack_json((unsigned char *)c->body,
			                      blen, e);
			int ok = b != NULL &&
			         ballot_verify_points(&c->p->shape,
			             &c->p->election, b, c->pts, e) == 0;
			json_decref(b);
			if (!ok)
				return err_set(e,
				    "urne altérée : le bulletin %s "
				    "ne se vérifie pas",
				    hex);
		}
		if (presum_add_ballot(acc, c->pts, c->npts) == -1)
			return err_set(e,
			    "urne altérée : bulletin %s : point enregistré "
			    "hors de la courbe",
			    hex);
		trs_push(mem, tr);
	}
	if (f != MYSQL_NO_DATA)
		return err_set(e, "lecture de l'urne impossible (%s)",
		    mysql_stmt_error(st));
	return 0;
}

#define PRESUM_COLS "tracker, points, IF(points IS NULL, body, NULL)"

/* Every ballot of bucket b of sub-urn s now in the urn, from scratch. */
static int
presum_read_range(struct pctx *c, unsigned s, unsigned b, struct p256_jac *acc,
    struct trs *mem, struct err *e)
{
	unsigned char lo[32], hi[32];
	MYSQL_STMT *st;
	int rc;

	presum_bounds(b, lo, hi);
	st = db_query(c->urn, e,
	    "SELECT " PRESUM_COLS
	    " FROM ballot WHERE scrutin_id = ? AND sub_urn = ?"
	    " AND tracker BETWEEN ? AND ? ORDER BY tracker",
	    "uubb", c->scrutin, s, lo, (size_t)32, hi, (size_t)32);
	if (st == NULL)
		return -1;
	rc = presum_read_rows(c, st, acc, mem, e);
	db_done(st);
	return rc;
}

/* The ballots fresh (nf) by their trackers: 1 when one has gone since the
 * trackers were read (the bucket is left for the next update). */
static int
presum_read_some(struct pctx *c, unsigned s, const unsigned char *fresh,
    size_t nf, struct p256_jac *acc, struct trs *mem, struct err *e)
{
	MYSQL_BIND in[3];
	unsigned scrutin = c->scrutin;

	if (c->look == NULL) {
		static const char q[] =
		    "SELECT " PRESUM_COLS " FROM ballot WHERE tracker = ?"
		    " AND scrutin_id = ? AND sub_urn = ?";
		if ((c->look = mysql_stmt_init(c->urn)) == NULL ||
		    mysql_stmt_prepare(c->look, q, sizeof(q) - 1) != 0)
			return err_set(e, "lecture de l'urne impossible (%s)",
			    mysql_error(c->urn));
	}
	for (size_t i = 0; i < nf; i++) {
		size_t before = mem->n;
		memcpy(c->look_tr, fresh + 32 * i, 32);
		c->look_len = 32;
		db_bind(&in[0], MYSQL_TYPE_BLOB, c->look_tr, 32, &c->look_len);
		db_bind(&in[1], MYSQL_TYPE_LONG, &scrutin, 0, NULL);
		db_bind(&in[2], MYSQL_TYPE_LONG, &s, 0, NULL);
		in[1].is_unsigned = in[2].is_unsigned = 1;
		if (mysql_stmt_bind_param(c->look, in) != 0 ||
		    mysql_stmt_execute(c->look) != 0)
			return err_set(e, "lecture de l'urne impossible (%s)",
			    mysql_stmt_error(c->look));
		if (presum_read_rows(c, c->look, acc, mem, e) == -1)
			return -1;
		if (mem->n != before + 1)
			return 1;
	}
	return 0;
}

static int
presum_commit(struct pctx *c, int last, struct err *e)
{
	if (c->count || (!last && ++c->pending < PRESUM_BATCH))
		return 0;
	cast_fault("presum-uncommitted");
	if (db_exec(c->urn, "COMMIT", e) == -1)
		return -1;
	c->pending = 0;
	cast_fault("presum-committed");
	return last ? 0 : db_exec(c->urn, "START TRANSACTION", e);
}

/* Write bucket b's row: members (sorted) and their sums; none: no row. */
static int
presum_write(struct pctx *c, unsigned s, unsigned b, const struct trs *mem,
    const struct p256_jac *acc, struct err *e)
{
	unsigned char *sums = xmalloc(c->plen), dg[PRESUM_DIGEST_LEN];
	long long r;

	if (mem->n == 0)
		r = db_run(c->urn, e,
		    "DELETE FROM tally_bucket"
		    " WHERE scrutin_id = ? AND sub_urn = ? AND bucket = ?",
		    "uuu", c->scrutin, s, b);
	else if (presum_sums_encode(sums, acc, c->npts) == -1)
		r = err_set(e, "somme impossible");
	else {
		presum_digest(
		    c->scrutin, s, b, mem->n, mem->p, sums, c->plen, dg);
		r = db_run(c->urn, e,
		    "INSERT INTO tally_bucket (scrutin_id, sub_urn, bucket,"
		    " ballots, members, sums, digest)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
		    " ballots = VALUES(ballots), members = VALUES(members),"
		    " sums = VALUES(sums), digest = VALUES(digest)",
		    "uuuubbb", c->scrutin, s, b, (unsigned)mem->n, mem->p,
		    32 * mem->n, sums, c->plen, dg, (size_t)PRESUM_DIGEST_LEN);
	}
	free(sums);
	if (r < 0)
		return err_prefix(e, "écriture des sommes partielles : ");
	c->st->written++;
	return presum_commit(c, 0, e);
}

/* Why row r of bucket b cannot be trusted, or NULL. */
static const char *
presum_row_bad(const struct pctx *c, unsigned s, unsigned b,
    const struct prow *r, struct p256_jac *acc)
{
	unsigned char dg[PRESUM_DIGEST_LEN];

	if (r->mlen != 32 * r->ballots || r->slen != c->plen ||
	    r->dlen != PRESUM_DIGEST_LEN)
		return "tailles incohérentes";
	presum_digest(
	    c->scrutin, s, b, r->ballots, r->members, r->sums, r->slen, dg);
	if (memcmp(dg, r->digest, sizeof(dg)) != 0)
		return "empreinte fausse";
	if (presum_members_ok(r->members, r->ballots, b) == -1)
		return "liste des bulletins invalide";
	if (presum_sums_decode(acc, r->sums, c->npts) == -1)
		return "point hors de la courbe";
	return NULL;
}

/* Bucket b of sub-urn s, whose ballots now are now[0..nn): up to date,
 * written, its sums added into tot (when not NULL). */
static int
presum_bucket_update(struct pctx *c, unsigned s, unsigned b,
    const unsigned char *now, size_t nn, struct p256_jac *tot, struct err *e)
{
	struct prow *r = c->rows[s] != NULL && c->rows[s][b].members != NULL
	                     ? &c->rows[s][b]
	                     : NULL;
	struct p256_jac *acc = xmalloc(c->npts * sizeof(*acc));
	unsigned char *fresh = xmalloc(32 * nn + 1);
	struct trs mem = {0};
	const char *why = NULL;
	size_t nf = 0;
	int rebuild = 1, rc = -1;

	for (size_t i = 0; i < c->npts; i++)
		p256_jac_infinity(&acc[i]);
	if (r != NULL) {
		why = presum_row_bad(c, s, b, r, acc);
		if (why == NULL && presum_diff(r->members, r->ballots, now, nn,
		                       fresh, &nf) == -1)
			why = "bulletin disparu de l'urne";
		rebuild = why != NULL;
	}
	if (why != NULL) {
		size_t used = strlen(c->st->note);
		if (used + 1 < sizeof(c->st->note))
			snprintf(c->st->note + used, sizeof(c->st->note) - used,
			    "%ssomme partielle du scrutin %u, sous-urne %u, "
			    "groupe %u : %s : recalculée depuis l'urne",
			    used > 0 ? " ; " : "", c->scrutin, s, b, why);
		c->st->rebuilt++;
	}
	/* a rebuild, or most of the bucket new: read it whole, in one query */
	if (rebuild || 4 * nf > 3 * nn) {
		for (size_t i = 0; i < c->npts; i++)
			p256_jac_infinity(&acc[i]);
		if (presum_read_range(c, s, b, acc, &mem, e) == -1)
			goto out;
		c->st->added += mem.n;
	} else if (nf > 0) {
		struct trs add = {0};
		int got = presum_read_some(c, s, fresh, nf, acc, &add, e);
		if (got == 0) { /* members: the old ones and the fresh ones, in
			           order */
			size_t i = 0, j = 0;
			while (i < r->ballots || j < add.n)
				if (j == add.n ||
				    (i < r->ballots &&
				        memcmp(r->members + 32 * i,
				            add.p + 32 * j, 32) < 0))
					trs_push(&mem, r->members + 32 * i++);
				else
					trs_push(&mem, add.p + 32 * j++);
			c->st->added += add.n;
		}
		free(add.p);
		if (got == -1)
			goto out;
		if (got == 1) {
			if (c->count) {
				err_set(e,
				    "l'urne a changé pendant le dépouillement");
				goto out;
			}
			c->st->skipped++; /* a ballot went meanwhile (a reset):
			                     next time */
			rc = 0;
			goto out;
		}
	} else { /* up to date */
		c->st->ballots += r->ballots;
		if (tot != NULL)
			for (size_t i = 0; i < c->npts; i++)
				p256_jac_add(&tot[i], &tot[i], &acc[i]);
		rc = 0;
		goto out;
	}
	if (presum_write(c, s, b, &mem, acc, e) == -1)
		goto out;
	c->st->ballots += mem.n;
	if (tot != NULL)
		for (size_t i = 0; i < c->npts; i++)
			p256_jac_add(&tot[i], &tot[i], &acc[i]);
	rc = 0;
out:
	free(mem.p);
	free(fresh);
	free(acc);
	return rc;
}

int
presum_update(MYSQL *urn, const struct scrutin_params *p, unsigned sub,
    struct tally *t, struct presum_stats *st, struct err *e)
{
	struct pctx c = {.urn = urn,
	    .p = p,
	    .scrutin = p->shape.scrutin,
	    .sub = sub,
	    .count = t != NULL,
	    .st = st};
	struct p256_jac *tot = NULL;
	struct err ign; /* the outcome is already decided */
	char lock[64];
	long long got = 0;
	size_t i = 0;
	int rc = -1, tx = 0;

	memset(st, 0, sizeof(*st));
	c.npts = 2 * ballot_positions(&p->shape);
	c.plen = BALLOT_POINTS_LEN(c.npts / 2);
	c.pts = xmalloc(c.plen);
	c.body = xmalloc(PRESUM_BODY_CAP);
	/* updates of a scrutin take turns: two would only do the work twice */
	snprintf(lock, sizeof(lock), "isoloir-presum-%u", c.scrutin);
	/* by waits of 2 s: one long wait would outlast the connection's read
	 * timeout (db.c) while the first update of a large urn runs (~2 min) */
	for (int tries = 0; got != 1 && tries < PRESUM_LOCK_TRIES; tries++)
		if (db_fetch_int(
		        db_query(urn, e, "SELECT GET_LOCK(?, 2)", "s", lock),
		        &got, e) == -1)
			goto out;
	if (got != 1) {
		err_set(e,
		    "une autre mise à jour des sommes partielles du scrutin %u "
		    "dure depuis 10 min",
		    c.scrutin);
		goto out;
	}
	if (db_exec(urn,
	        c.count ? "START TRANSACTION WITH CONSISTENT SNAPSHOT"
	                : "START TRANSACTION",
	        e) == -1)
		goto unlock;
	tx = 1;
	/* the rows before the trackers: a row then covers no ballot cast after
	 * the trackers were read (the lock keeps other updates out) */
	if (presum_read_buckets(&c, e) == -1 ||
	    presum_read_trackers(&c, e) == -1)
		goto unlock;
	if (t != NULL) {
		tot = xmalloc(c.npts * sizeof(*tot));
		for (size_t k = 0; k < c.npts; k++)
			p256_jac_infinity(&tot[k]);
	}
	for (unsigned s = 0; s < 256; s++) {
		size_t from = i;
		while (i < c.urn_tr.n && c.urn_sub[i] == s)
			i++;
		if (from == i && c.rows[s] == NULL)
			continue;
		size_t j = from;
		for (unsigned b = 0; b < PRESUM_BUCKETS; b++) {
			size_t k = j;
			while (k < i && presum_bucket(c.urn_tr.p + 32 * k) == b)
				k++;
			if ((k > j || (c.rows[s] != NULL &&
			                  c.rows[s][b].members != NULL)) &&
			    presum_bucket_update(&c, s, b, c.urn_tr.p + 32 * j,
			        k - j, tot, e) == -1)
				goto unlock;
			j = k;
		}
	}
	if (presum_commit(&c, 1, e) == -1 ||
	    (c.count && db_exec(urn, "COMMIT", e) == -1))
		goto unlock;
	tx = 0;
	if (t != NULL && tally_add_jac(t, tot, st->ballots, e) == -1)
		goto unlock;
	rc = 0;
unlock:
	if (tx)
		db_exec(urn, "ROLLBACK", &ign);
	db_run(urn, &ign, "DO RELEASE_LOCK(?)", "s", lock);
out:
	free(tot);
	pctx_free(&c);
	return rc;
}

int
presum_scrutins(MYSQL *urn, unsigned **ids, size_t *n, struct err *e)
{
	unsigned id = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	size_t cap = 0;
	int f;

	*ids = NULL;
	*n = 0;
	st = db_query(urn, e,
	    "SELECT scrutin_id FROM ballot GROUP BY scrutin_id UNION"
	    " SELECT scrutin_id FROM tally_bucket GROUP BY scrutin_id"
	    " ORDER BY 1",
	    "");
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, &id, 0, NULL);
	out[0].is_unsigned = 1;
	mysql_stmt_bind_result(st, out);
	while ((f = mysql_stmt_fetch(st)) == 0) {
		if (*n == cap)
			*ids = xrealloc(
			    *ids, (cap = cap ? 2 * cap : 8) * sizeof(**ids));
		(*ids)[(*n)++] = id;
	}
	db_done(st);
	if (f != MYSQL_NO_DATA) {
		free(*ids);
		*ids = NULL;
		return err_set(e, "lecture de l'urne impossible");
	}
	return 0;
}
