/* count.c: totals from the urn and combination of partial decryptions. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpack.h"
#include "count.h"
#include "db.h"
#include "dlog.h"
#include "group.h"
#include "lifecycle.h"
#include "presum.h"
#include "scrutin.h"
#include "tally.h"
#include "threshold.h"
#include "xmalloc.h"

void
count_context(unsigned scrutin, unsigned sub, size_t i, char *out, size_t len)
{
	if (sub > 0)
		snprintf(out, len, "scrutin=%u;sub=%u;total=%zu", scrutin, sub, i);
	else
		snprintf(out, len, "scrutin=%u;total=%zu", scrutin, i);
}

/* Ballots cast before urn migration 006 have no stored points: each one
 * is verified again and its body decoded (a square root per point). */
static int
count_read_bodies(MYSQL *urn, const struct scrutin_params *p, unsigned sub, struct tally *t,
    struct err *e)
{
	const unsigned long cap = 1 << 20;   /* a ballot body is capped far below */
	char *body = xmalloc(cap);
	unsigned long len = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	int f, rc = 0;

	st = db_query(urn, e, "SELECT body FROM ballot WHERE scrutin_id = ? AND (? = 0 OR sub_urn = ?)"
	    " AND points IS NULL ORDER BY tracker", "uuu", p->shape.scrutin, sub, sub);
	if (st == NULL) {
		free(body);
		return -1;
	}
	db_bind(&out[0], MYSQL_TYPE_BLOB, body, cap - 1, &len);
	mysql_stmt_bind_result(st, out);
	while (rc == 0 && (f = mysql_stmt_fetch(st)) == 0) {
		json_t *b = bpack_json((unsigned char *)body, len, e);
		if (b == NULL || ballot_verify(&p->shape, &p->election, b, e) == -1 ||
		    tally_add(t, b, e) == -1) {
			err_prefix(e, "urne altérée : un bulletin ne se vérifie pas (%s) : ", b ? "preuve" : "lecture");
			rc = -1;
		}
		json_decref(b);
	}
	if (rc == 0 && f != MYSQL_NO_DATA)
		rc = err_set(e, "lecture de l'urne impossible (%s)", mysql_stmt_error(st));
	db_done(st);
	free(body);
	return rc;
}

/* How many ballots' points are summed at once (8×7: 8.3 KB each). */
#define COUNT_CHUNK 4096

/* The points each worker decoded and checked at cast time (urn 006),
 * summed by chunks over every core, in the index's order (a sum needs
 * none; ORDER BY tracker made MariaDB scan the whole urn's primary key).
 * Their proofs are not verified again here: that, and that the points
 * are those of the bodies, is the board's verification (docs/protocol.md
 * §9.1). A bad row is named by its tracker. */
static int
count_read_points(MYSQL *urn, const struct scrutin_params *p, unsigned sub, struct tally *t,
    struct err *e)
{
	const size_t plen = BALLOT_POINTS_LEN(t->n);
	unsigned char *buf = xmalloc(COUNT_CHUNK * plen), (*tr)[32] = xmalloc(COUNT_CHUNK * 32);
	unsigned long len = 0, tlen = 0;
	size_t nb = 0, bad = 0;
	MYSQL_BIND out[2];
	MYSQL_STMT *st;
	char hex[65];
	int f = 0, rc = 0;

	st = db_query(urn, e, "SELECT tracker, points FROM ballot WHERE scrutin_id = ?"
	    " AND (? = 0 OR sub_urn = ?) AND points IS NOT NULL", "uuu", p->shape.scrutin, sub, sub);
	if (st == NULL) {
		free(buf);
		free(tr);
		return -1;
	}
	while (rc == 0) {
		db_bind(&out[0], MYSQL_TYPE_BLOB, tr[nb], 32, &tlen);
		db_bind(&out[1], MYSQL_TYPE_BLOB, buf + nb * plen, plen, &len);
		mysql_stmt_bind_result(st, out);
		f = mysql_stmt_fetch(st);
		if (f == 0 || f == MYSQL_DATA_TRUNCATED) {
			if (f == MYSQL_DATA_TRUNCATED || len != plen || tlen != 32) {
				group_hex(tr[nb], 32, hex);
				rc = err_set(e, "urne altérée : bulletin %s : points de taille %lu au lieu de %zu",
				    hex, len, plen);
				break;
			}
			if (++nb < COUNT_CHUNK)
				continue;
		}
		if (nb > 0 && tally_add_points(t, buf, nb, 0, &bad, e) == -1) {
			group_hex(tr[bad], 32, hex);
			rc = err_set(e, "urne altérée : bulletin %s : point enregistré hors de la courbe", hex);
		}
		nb = 0;
		if (f != 0)
			break;
	}
	if (rc == 0 && f != MYSQL_NO_DATA)
		rc = err_set(e, "lecture de l'urne impossible (%s)", mysql_stmt_error(st));
	db_done(st);
	free(buf);
	free(tr);
	return rc;
}

static int
count_read_urn(MYSQL *urn, const struct scrutin_params *p, unsigned sub, struct tally *t,
    struct err *e)
{
	return count_read_points(urn, p, sub, t, e) == -1 ||
	    count_read_bodies(urn, p, sub, t, e) == -1 ? -1 : 0;
}

/* The urn refuses to store the partial sums: read-only (a standby not
 * promoted, R-OPS-2), no grant, or not migrated to urn 007 yet. */
static int
count_presum_unwritable(int code)
{
	return code == 1290 /* ER_OPTION_PREVENTS_STATEMENT: read_only */ ||
	    code == 1036 /* ER_OPEN_AS_READONLY */ || code == 1142 /* ER_TABLEACCESS_DENIED */ ||
	    code == 1146 /* ER_NO_SUCH_TABLE */;
}

json_t *
count_totals(MYSQL *el, MYSQL *urn, unsigned scrutin, unsigned sub, int full,
    struct presum_stats *ps, struct err *e)
{
	struct presum_stats ign;
	struct scrutin_params p;
	int rc;
	struct tally *t;
	char fp[65];
	json_t *j = NULL;

	if (scrutin_params_load(el, scrutin, &p, e) == -1)
		return NULL;
	t = tally_new(&p.shape);
	if (full)
		rc = count_read_urn(urn, &p, sub, t, e);
	else if ((rc = presum_update(urn, &p, sub, t, ps != NULL ? ps : &ign, e)) == -1 &&
	    count_presum_unwritable(e->code)) {
		/* the count must not depend on a cache it cannot write */
		if (ps != NULL)
			snprintf(ps->note, sizeof(ps->note), "sommes partielles non enregistrables "
			    "(%.400s) : somme de chaque bulletin", e->msg);
		tally_free(t);
		t = tally_new(&p.shape);
		rc = count_read_urn(urn, &p, sub, t, e);
	}
	if (rc == 0) {
		j = tally_to_json(t);
		group_hex(p.election.fingerprint, 32, fp);
		json_object_set_new(j, "version", json_integer(1));
		json_object_set_new(j, "election", json_string(fp));
		json_object_set_new(j, "scrutin", json_integer(scrutin));
		if (sub > 0)
			json_object_set_new(j, "sub_urn", json_integer(sub));
	}
	tally_free(t);
	scrutin_params_free(&p);
	return j;
}

/* ---------------------------------------------------------------- combine */

struct cpart {
	unsigned holder;
	const json_t *partials;
};

/* Check one holder's partial decryptions of every total. */
static int
count_check_partial(const unsigned char fp[32], unsigned scrutin, unsigned sub,
    const EC_POINT *vk, const json_t *totals, const json_t *parts, struct err *e)
{
	EC_POINT *A = EC_POINT_new(group_curve()), *d = EC_POINT_new(group_curve());
	BIGNUM *c = BN_new(), *r = BN_new();
	BN_CTX *ctx = BN_CTX_new();
	char cs[64];
	int rc = 0;

	if (json_array_size(parts) != json_array_size(totals))
		rc = err_set(e, "nombre de déchiffrements partiels incorrect");
	for (size_t i = 0; rc == 0 && i < json_array_size(totals); i++) {
		const json_t *t = json_array_get(totals, i), *p = json_array_get(parts, i);
		const char *ah = json_string_value(json_object_get(t, "a"));
		if (ah != NULL && strcmp(ah, "00") == 0)
			continue;
		count_context(scrutin, sub, i, cs, sizeof(cs));
		if (group_point_decode(ah, A, ctx, e) == -1 ||
		    group_point_decode(json_string_value(json_object_get(p, "d")), d, ctx, e) == -1 ||
		    group_scalar_decode(json_string_value(json_array_get(json_object_get(p, "proof"), 0)), c, e) == -1 ||
		    group_scalar_decode(json_string_value(json_array_get(json_object_get(p, "proof"), 1)), r, e) == -1 ||
		    !thr_partial_verify(fp, cs, vk, A, d, c, r))
			rc = err_set(e, "total %zu : preuve de déchiffrement invalide", i);
	}
	EC_POINT_free(A);
	EC_POINT_free(d);
	BN_free(c);
	BN_free(r);
	BN_CTX_free(ctx);
	return rc;
}

/* One group of holders: the whole key, or with "president required" the
 * president's group or the others' (docs/protocol.md §8.1). */
struct cgroup {
	const json_t *pub;          /* election, threshold, verification_keys */
	const char *name;           /* NULL: no group */
	unsigned char fp[32];       /* what its proofs are bound to */
	size_t k, n;                /* threshold, valid partials chosen */
	struct cpart ch[THR_MAX];
};

/* m for total idx: B minus each group's Lagrange combination. */
static int
count_one(const json_t *totals, size_t idx, const struct cgroup *g, size_t ng,
    unsigned long bound, unsigned long *m, struct err *e)
{
	const json_t *t = json_array_get(totals, idx);
	const char *ah = json_string_value(json_object_get(t, "a"));
	EC_POINT *mg = EC_POINT_new(group_curve()), *d[THR_MAX];
	unsigned xs[THR_MAX];
	BN_CTX *ctx = BN_CTX_new();
	int rc = -1;

	for (size_t i = 0; i < THR_MAX; i++)
		d[i] = EC_POINT_new(group_curve());
	if (ah != NULL && strcmp(ah, "00") == 0) {
		*m = 0;
		rc = 0;
		goto out;
	}
	if (group_point_decode(json_string_value(json_object_get(t, "b")), mg, ctx, e) == -1)
		goto out;
	for (size_t j = 0; j < ng; j++) {
		for (size_t i = 0; i < g[j].k; i++) {
			const json_t *p = json_array_get(g[j].ch[i].partials, idx);
			xs[i] = g[j].ch[i].holder;
			if (group_point_decode(json_string_value(json_object_get(p, "d")), d[i], ctx, e) == -1)
				goto out;
		}
		/* s·A = Σ_groups Σ_i λ_i d_i: take each group's share off in turn */
		if (thr_combine(xs, d, g[j].k, mg, mg) == -1) {
			err_set(e, "combinaison impossible");
			goto out;
		}
	}
	rc = dlog_small(mg, bound, m, e);
out:
	for (size_t i = 0; i < THR_MAX; i++)
		EC_POINT_free(d[i]);
	EC_POINT_free(mg);
	BN_CTX_free(ctx);
	return rc;
}

/* Keep the group's partials whose every proof holds, up to its threshold. */
static void
count_choose(struct cgroup *g, const json_t *totals, json_t *const *partials, size_t m,
    unsigned scrutin, unsigned sub, json_t *set_aside, struct err *e)
{
	EC_POINT *vk = EC_POINT_new(group_curve());
	BN_CTX *ctx = BN_CTX_new();

	g->n = 0;
	for (size_t i = 0; i < m && g->n < g->k; i++) {
		const char *pg = json_string_value(json_object_get(partials[i], "group"));
		unsigned h = (unsigned)json_integer_value(json_object_get(partials[i], "holder"));
		const char *vkh = json_string_value(json_array_get(json_object_get(g->pub,
		    "verification_keys"), h - 1));
		int dup = 0;
		/* another group's partials are not this group's to check */
		if ((g->name == NULL) != (pg == NULL) || (pg != NULL && strcmp(pg, g->name) != 0))
			continue;
		for (size_t j = 0; j < g->n; j++)
			dup |= g->ch[j].holder == h;
		if (h == 0 || dup || vkh == NULL || group_point_decode(vkh, vk, ctx, e) == -1 ||
		    (unsigned)json_integer_value(json_object_get(partials[i], "scrutin")) != scrutin ||
		    count_check_partial(g->fp, scrutin, sub, vk, totals, json_object_get(partials[i],
		    "partials"), e) == -1) {
			if (set_aside != NULL)
				json_array_append_new(set_aside, json_pack("{s:i, s:s?, s:s}", "holder",
				    (int)h, "group", pg, "reason", e->msg));
			else
				fprintf(stderr, "déchiffrement partiel du détenteur %u%s%s écarté : %s\n", h,
				    pg != NULL ? " du groupe " : "", pg != NULL ? pg : "", e->msg);
			continue;
		}
		g->ch[g->n].holder = h;
		g->ch[g->n++].partials = json_object_get(partials[i], "partials");
	}
	EC_POINT_free(vk);
	BN_CTX_free(ctx);
}

/* The groups of pub: its "groups" (each bound to the election F), or the
 * key itself. */
static int
count_groups(const json_t *pub, const unsigned char fp[32], struct cgroup *g, size_t *ng,
    struct err *e)
{
	const json_t *gs = json_object_get(pub, "groups");

	memset(g, 0, 2 * sizeof(*g));
	if (gs == NULL) {
		g[0].pub = pub;
		memcpy(g[0].fp, fp, 32);
		*ng = 1;
	} else {
		if (!json_is_array(gs) || json_array_size(gs) != 2)
			return err_set(e, "clé publique : deux groupes attendus (président, autres)");
		for (size_t j = 0; j < 2; j++) {
			unsigned char want[32], got[32];
			g[j].pub = json_array_get(gs, j);
			g[j].name = json_string_value(json_object_get(g[j].pub, "group"));
			if (g[j].name == NULL || strcmp(g[j].name, j == 0 ? THR_GROUP_PRESIDENT :
			    THR_GROUP_OTHERS) != 0)
				return err_set(e, "clé publique : groupes « president » puis « autres » attendus");
			thr_group_fingerprint(fp, g[j].name, want);
			if (group_unhex(json_string_value(json_object_get(g[j].pub, "election")) ?: "", got,
			    32) == -1 || memcmp(want, got, 32) != 0)
				return err_set(e, "clé publique : le groupe « %s » n'est pas celui de cette élection",
				    g[j].name);
			memcpy(g[j].fp, want, 32);
		}
		*ng = 2;
	}
	for (size_t j = 0; j < *ng; j++) {
		g[j].k = (size_t)json_integer_value(json_object_get(g[j].pub, "threshold"));
		if (g[j].k == 0 || g[j].k > THR_MAX)
			return err_set(e, "clé publique : seuil invalide");
	}
	return 0;
}

static json_t *
count_holders(const struct cgroup *g, size_t ng)
{
	json_t *h = ng == 1 ? json_array() : json_object();

	for (size_t j = 0; j < ng; j++) {
		json_t *a = ng == 1 ? h : json_array();
		for (size_t i = 0; i < g[j].k; i++)
			json_array_append_new(a, json_integer(g[j].ch[i].holder));
		if (ng > 1)
			json_object_set_new(h, g[j].name, a);
	}
	return h;
}

json_t *
count_combine(const json_t *pub, const json_t *tot, json_t *const *partials, size_t m,
    struct err *e)
{
	return count_combine_noted(pub, tot, partials, m, NULL, e);
}

json_t *
count_combine_noted(const json_t *pub, const json_t *tot, json_t *const *partials, size_t m,
    json_t *set_aside, struct err *e)
{
	const char *el = json_string_value(json_object_get(pub, "election"));
	const json_t *totals = json_object_get(tot, "totals"), *bj = json_object_get(tot, "ballots");
	unsigned scrutin = (unsigned)json_integer_value(json_object_get(tot, "scrutin"));
	unsigned sub = (unsigned)json_integer_value(json_object_get(tot, "sub_urn"));
	unsigned long bound, v;
	struct cgroup g[2];
	size_t ng = 0;
	unsigned char fp[32];
	json_t *counts, *res;

	if (el == NULL || group_unhex(el, fp, 32) == -1 ||
	    strcmp(json_string_value(json_object_get(tot, "election")) ?: "", el) != 0) {
		err_set(e, "clé publique et totaux de deux élections différentes");
		return NULL;
	}
	/* "ballots" is not under any proof: unchecked, -1 (or 2^60) would make
	 * the search for a tampered total run for ever */
	if (!json_is_integer(bj) || json_integer_value(bj) < 0 ||
	    json_integer_value(bj) > COUNT_MAX_BALLOTS) {
		err_set(e, "totaux : nombre de bulletins invalide");
		return NULL;
	}
	bound = (unsigned long)json_integer_value(bj);
	if (count_groups(pub, fp, g, &ng, e) == -1)
		return NULL;
	for (size_t j = 0; j < ng; j++) {
		count_choose(&g[j], totals, partials, m, scrutin, sub, set_aside, e);
		if (g[j].n < g[j].k) {
			if (g[j].name != NULL && strcmp(g[j].name, THR_GROUP_PRESIDENT) == 0)
				err_set(e, "la part du président manque : %zu déchiffrement(s) partiel(s) "
				    "valide(s) du président ou de son suppléant sur les %zu requis", g[j].n, g[j].k);
			else if (g[j].name != NULL)
				err_set(e, "%zu déchiffrement(s) partiel(s) valide(s) des autres membres sur les "
				    "%zu requis", g[j].n, g[j].k);
			else
				err_set(e, "%zu déchiffrement(s) partiel(s) valide(s) sur les %zu requis", g[j].n,
				    g[j].k);
			return NULL;
		}
	}
	counts = json_array();
	for (size_t i = 0; i < json_array_size(totals); i++) {
		if (count_one(totals, i, g, ng, bound, &v, e) == -1) {
			json_decref(counts);
			return NULL;
		}
		json_array_append_new(counts, json_integer((json_int_t)v));
	}
	res = json_pack("{s:i, s:I, s:o, s:o}", "scrutin", (int)scrutin, "ballots",
	    (json_int_t)bound, "holders", count_holders(g, ng), "counts", counts);
	if (sub > 0)
		json_object_set_new(res, "sub_urn", json_integer(sub));
	return res;
}

int
count_may_total(MYSQL *el, unsigned scrutin, struct err *e)
{
	enum lc_state s;

	if (lifecycle_state_of(el, scrutin, &s, e) == -1)
		return -1;
	switch (s) {
	case LC_TEST_VOTE:   /* the test vote's own count, compared with its plan */
	case LC_CLOSED:
	case LC_COUNTED:
	case LC_SEALED_AFTER_COUNT:
	case LC_ARCHIVED:    /* a recount asked for during the recourse period */
		return 0;
	default:
		return err_set(e, "le scrutin %u est « %s » : ses totaux ne se calculent qu'après la "
		    "clôture (ou pendant le vote à blanc), jamais pendant le vote", scrutin,
		    lifecycle_state_label(s));
	}
}

int
count_sub_urn_small(long long ballots)
{
	return ballots > 0 && ballots < COUNT_SUB_URN_SMALL;
}
