/* tally.c: homomorphic sums of ballots: from their JSON (the board, the
 * verifier) or from the points stored at cast time (the count). */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "group.h"
#include "p256.h"
#include "tally.h"
#include "xmalloc.h"

#define TALLY_MAX_THREADS 16

struct tally *
tally_new(const struct ballot_shape *s)
{
	struct tally *t = xcalloc(1, sizeof(*t));

	t->n = ballot_slots(s);
	for (size_t l = 0; l < s->lists; l++)
		t->n += s->candidates[l];
	t->a = xcalloc(t->n, sizeof(*t->a));
	t->b = xcalloc(t->n, sizeof(*t->b));
	for (size_t i = 0; i < t->n; i++) {
		t->a[i] = EC_POINT_new(group_curve());
		t->b[i] = EC_POINT_new(group_curve());
		EC_POINT_set_to_infinity(group_curve(), t->a[i]);
		EC_POINT_set_to_infinity(group_curve(), t->b[i]);
	}
	return t;
}

void
tally_free(struct tally *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->n; i++) {
		EC_POINT_free(t->a[i]);
		EC_POINT_free(t->b[i]);
	}
	free(t->a);
	free(t->b);
	free(t);
}

/* A ciphertext point as the ballot's version writes it: compressed before
 * version 5, uncompressed since (docs/protocol.md §6). */
static int
tally_point_decode(int full, const char *hex, EC_POINT *out, BN_CTX *ctx, struct err *e)
{
	unsigned char b[GROUP_POINT_FULL_LEN];
	struct p256_aff a;

	if (!full)
		return group_point_decode(hex, out, ctx, e);
	if (group_point_decode_full(hex, b, &a, e) == -1)
		return -1;
	if (p256_aff_to_ec(out, &a, ctx) == -1)
		return err_set(e, "point hors de la courbe");
	return 0;
}

static int
tally_add_ct(struct tally *t, size_t pos, int full, const json_t *ct, EC_POINT *tmp,
    BN_CTX *ctx, struct err *e)
{
	if (pos >= t->n)
		return err_set(e, "bulletin plus grand que le scrutin");
	if (tally_point_decode(full, json_string_value(json_object_get(ct, "a")), tmp, ctx, e) == -1 ||
	    EC_POINT_add(group_curve(), t->a[pos], t->a[pos], tmp, ctx) != 1 ||
	    tally_point_decode(full, json_string_value(json_object_get(ct, "b")), tmp, ctx, e) == -1 ||
	    EC_POINT_add(group_curve(), t->b[pos], t->b[pos], tmp, ctx) != 1)
		return -1;
	return 0;
}

int
tally_add(struct tally *t, const json_t *ballot, struct err *e)
{
	EC_POINT *tmp = EC_POINT_new(group_curve());
	BN_CTX *ctx = BN_CTX_new();
	const json_t *lists = json_object_get(ballot, "lists"), *ct, *lj;
	size_t pos = 0, i, l;
	int rc = -1, full = json_integer_value(json_object_get(ballot, "version")) >= 5;

	json_array_foreach(json_object_get(ballot, "choices"), i, ct)
		if (tally_add_ct(t, pos++, full, ct, tmp, ctx, e) == -1)
			goto out;
	json_array_foreach(lists, l, lj)
		json_array_foreach(json_object_get(lj, "candidates"), i, ct)
			if (tally_add_ct(t, pos++, full, ct, tmp, ctx, e) == -1)
				goto out;
	if (pos != t->n) {
		err_set(e, "bulletin de forme différente du scrutin");
		goto out;
	}
	t->ballots++;
	rc = 0;
out:
	EC_POINT_free(tmp);
	BN_CTX_free(ctx);
	return rc;
}

static json_t *
tally_point(const EC_POINT *p, BN_CTX *ctx)
{
	char h[GROUP_POINT_HEX + 1];

	return json_string(group_point_encode(p, h, ctx) == 0 ? h : "00");
}

json_t *
tally_to_json(const struct tally *t)
{
	json_t *arr = json_array();
	BN_CTX *ctx = BN_CTX_new();

	for (size_t i = 0; i < t->n; i++)
		json_array_append_new(arr, json_pack("{s:o, s:o}", "a", tally_point(t->a[i], ctx),
		    "b", tally_point(t->b[i], ctx)));
	BN_CTX_free(ctx);
	return json_pack("{s:I, s:o}", "ballots", (json_int_t)t->ballots, "totals", arr);
}

int
tally_merge(struct tally *t, const struct tally *o, struct err *e)
{
	BN_CTX *ctx = BN_CTX_new();
	int rc = -1;

	if (ctx == NULL || o->n != t->n) {
		err_set(e, "sommes de formes différentes");
		goto out;
	}
	for (size_t i = 0; i < t->n; i++)
		if (EC_POINT_add(group_curve(), t->a[i], t->a[i], o->a[i], ctx) != 1 ||
		    EC_POINT_add(group_curve(), t->b[i], t->b[i], o->b[i], ctx) != 1) {
			err_set(e, "somme impossible");
			goto out;
		}
	t->ballots += o->ballots;
	rc = 0;
out:
	BN_CTX_free(ctx);
	return rc;
}

/* ------------------------------------------------ sums of stored points */

/* One thread's share: ballots [from, to) summed into its own Jacobian
 * accumulators (2 per position), in our variable-time arithmetic: every
 * value here is public (the ballots are published on the board). */
struct tsum {
	const unsigned char *pts;
	size_t n, from, to;
	struct p256_jac *acc;
	size_t bad; /* first ballot with an invalid point, or SIZE_MAX */
};

static void *
tally_sum_range(void *arg)
{
	struct tsum *w = arg;
	size_t len = BALLOT_POINTS_LEN(w->n);
	struct p256_aff q = { .inf = 0 };

	for (size_t i = 0; i < 2 * w->n; i++)
		p256_jac_infinity(&w->acc[i]);
	w->bad = SIZE_MAX;
	for (size_t b = w->from; b < w->to; b++) {
		const unsigned char *p = w->pts + b * len;
		for (size_t i = 0; i < 2 * w->n; i++, p += BALLOT_POINT_LEN) {
			if (p256_fe_from_bytes(&q.x, p) == -1 || p256_fe_from_bytes(&q.y, p + 32) == -1 ||
			    !p256_aff_on_curve(&q)) {
				w->bad = b;
				return NULL;
			}
			/* mixed addition: 7M + 4S, no inversion, no square root */
			p256_jac_add_aff(&w->acc[i], &w->acc[i], &q);
		}
	}
	return NULL;
}

int
tally_add_points(struct tally *t, const unsigned char *pts, size_t nb, unsigned nthreads,
    size_t *badp, struct err *e)
{
	struct tsum w[TALLY_MAX_THREADS];
	pthread_t th[TALLY_MAX_THREADS];
	int started[TALLY_MAX_THREADS] = { 0 };
	EC_POINT *tmp = NULL;
	BN_CTX *ctx = NULL;
	size_t bad = SIZE_MAX;
	unsigned k;
	int rc = -1;

	if (nthreads == 0) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);
		nthreads = c > 0 ? (unsigned)c : 1;
	}
	if (nthreads > TALLY_MAX_THREADS)
		nthreads = TALLY_MAX_THREADS;
	/* a thread for fewer than 64 ballots costs more than it saves */
	if (nthreads > nb / 64 + 1)
		nthreads = (unsigned)(nb / 64 + 1);
	for (k = 0; k < nthreads; k++) {
		w[k].pts = pts;
		w[k].n = t->n;
		w[k].from = nb * k / nthreads;
		w[k].to = nb * (k + 1) / nthreads;
		w[k].acc = xmalloc(2 * t->n * sizeof(*w[k].acc));
	}
	for (k = 1; k < nthreads; k++)
		started[k] = pthread_create(&th[k], NULL, tally_sum_range, &w[k]) == 0;
	tally_sum_range(&w[0]);
	for (k = 1; k < nthreads; k++)
		if (started[k])
			pthread_join(th[k], NULL);
		else
			tally_sum_range(&w[k]); /* no thread: do it here */
	for (k = 0; k < nthreads; k++)
		if (w[k].bad != SIZE_MAX && w[k].bad < bad)
			bad = w[k].bad;
	if (bad != SIZE_MAX) {
		if (badp != NULL)
			*badp = bad;
		err_set(e, "bulletin %zu : point enregistré hors de la courbe", bad + 1);
		goto out;
	}
	tmp = EC_POINT_new(group_curve());
	ctx = BN_CTX_new();
	if (tmp == NULL || ctx == NULL)
		goto fail;
	/* into the totals only once every thread's share is valid */
	for (k = 0; k < nthreads; k++)
		for (size_t i = 0; i < t->n; i++)
			if (p256_jac_to_ec(tmp, &w[k].acc[2 * i], ctx) == -1 ||
			    EC_POINT_add(group_curve(), t->a[i], t->a[i], tmp, ctx) != 1 ||
			    p256_jac_to_ec(tmp, &w[k].acc[2 * i + 1], ctx) == -1 ||
			    EC_POINT_add(group_curve(), t->b[i], t->b[i], tmp, ctx) != 1)
				goto fail;
	t->ballots += nb;
	rc = 0;
	goto out;
fail:
	err_set(e, "somme impossible");
out:
	for (k = 0; k < nthreads; k++)
		free(w[k].acc);
	EC_POINT_free(tmp);
	BN_CTX_free(ctx);
	return rc;
}

int
tally_add_jac(struct tally *t, const struct p256_jac *acc, unsigned long ballots, struct err *e)
{
	EC_POINT *tmp = EC_POINT_new(group_curve());
	BN_CTX *ctx = BN_CTX_new();
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < t->n; i++)
		if (tmp == NULL || ctx == NULL || p256_jac_to_ec(tmp, &acc[2 * i], ctx) == -1 ||
		    EC_POINT_add(group_curve(), t->a[i], t->a[i], tmp, ctx) != 1 ||
		    p256_jac_to_ec(tmp, &acc[2 * i + 1], ctx) == -1 ||
		    EC_POINT_add(group_curve(), t->b[i], t->b[i], tmp, ctx) != 1)
			rc = err_set(e, "somme impossible");
	if (rc == 0)
		t->ballots += ballots;
	EC_POINT_free(tmp);
	BN_CTX_free(ctx);
	return rc;
}
