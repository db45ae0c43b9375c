/* dlog.c: baby-step giant-step for m·G with m in [0, bound]: a table of
 * j·G for j < s = ceil(sqrt(bound + 1)), then p − i·s·G for i = 0, 1, ...
 * Points are keyed by their compressed encoding in an open-addressing
 * table. O(sqrt(bound)) time and memory. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dlog.h"
#include "group.h"

struct dlog_slot {
	unsigned char key[GROUP_POINT_LEN];
	unsigned long j;
	int used;
};

static size_t
dlog_hash(const unsigned char *k, size_t cap)
{
	size_t h = 0;

	memcpy(&h, k + 1, sizeof(h)); /* x is uniformly distributed */
	return h & (cap - 1);
}

static void
dlog_put(struct dlog_slot *t, size_t cap, const unsigned char *k, unsigned long j)
{
	size_t i = dlog_hash(k, cap);

	while (t[i].used && memcmp(t[i].key, k, GROUP_POINT_LEN) != 0)
		i = (i + 1) & (cap - 1);
	if (!t[i].used) {
		memcpy(t[i].key, k, GROUP_POINT_LEN);
		t[i].j = j;
		t[i].used = 1;
	}
}

static long
dlog_get(const struct dlog_slot *t, size_t cap, const unsigned char *k)
{
	for (size_t i = dlog_hash(k, cap); t[i].used; i = (i + 1) & (cap - 1))
		if (memcmp(t[i].key, k, GROUP_POINT_LEN) == 0)
			return (long)t[i].j;
	return -1;
}

int
dlog_small(const EC_POINT *p, unsigned long bound, unsigned long *m, struct err *e)
{
	const EC_GROUP *g = group_curve();
	unsigned long s = 1, i;
	size_t cap = 16;
	struct dlog_slot *t = NULL;
	EC_POINT *cur = EC_POINT_new(g), *step = EC_POINT_new(g);
	BN_CTX *ctx = BN_CTX_new();
	unsigned char k[GROUP_POINT_LEN];
	int rc = -1;

	if (EC_POINT_is_at_infinity(g, p)) {
		*m = 0;
		rc = 0;
		goto out;
	}
	while (s * s < bound + 1)
		s++;
	while (cap < 2 * s)
		cap *= 2;
	if ((t = calloc(cap, sizeof(*t))) == NULL || cur == NULL || step == NULL || ctx == NULL) {
		err_set(e, "mémoire insuffisante");
		goto out;
	}
	/* Baby steps: j·G for j = 1 .. s−1 (j = 0 is the infinity, tested apart). */
	EC_POINT_copy(cur, group_generator());
	for (unsigned long j = 1; j < s; j++) {
		group_point_bytes(cur, k, ctx);
		dlog_put(t, cap, k, j);
		EC_POINT_add(g, cur, cur, group_generator(), ctx);
	}
	/* cur = s·G; giant step subtracts it. */
	EC_POINT_copy(step, cur);
	EC_POINT_invert(g, step, ctx);
	EC_POINT_copy(cur, p);
	for (i = 0; i * s <= bound; i++) {
		if (EC_POINT_is_at_infinity(g, cur)) {
			*m = i * s;
			rc = 0;
			break;
		}
		group_point_bytes(cur, k, ctx);
		long j = dlog_get(t, cap, k);
		if (j >= 0 && i * s + (unsigned long)j <= bound) {
			*m = i * s + (unsigned long)j;
			rc = 0;
			break;
		}
		EC_POINT_add(g, cur, cur, step, ctx);
	}
	if (rc == -1)
		err_set(e, "total introuvable (au-delà de %lu bulletins) : déchiffrement incohérent", bound);
out:
	free(t);
	EC_POINT_free(cur);
	EC_POINT_free(step);
	BN_CTX_free(ctx);
	return rc;
}
