/* tally.c: homomorphic sums of ballots. */
#include "config.h"

#include <stdlib.h>

#include "group.h"
#include "tally.h"
#include "xmalloc.h"

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

static int
tally_add_ct(struct tally *t, size_t pos, const json_t *ct, EC_POINT *tmp, BN_CTX *ctx,
    struct err *e)
{
	if (pos >= t->n)
		return err_set(e, "bulletin plus grand que le scrutin");
	if (group_point_decode(json_string_value(json_object_get(ct, "a")), tmp, ctx, e) == -1 ||
	    EC_POINT_add(group_curve(), t->a[pos], t->a[pos], tmp, ctx) != 1 ||
	    group_point_decode(json_string_value(json_object_get(ct, "b")), tmp, ctx, e) == -1 ||
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
	int rc = -1;

	json_array_foreach(json_object_get(ballot, "choices"), i, ct)
		if (tally_add_ct(t, pos++, ct, tmp, ctx, e) == -1)
			goto out;
	json_array_foreach(lists, l, lj)
		json_array_foreach(json_object_get(lj, "candidates"), i, ct)
			if (tally_add_ct(t, pos++, ct, tmp, ctx, e) == -1)
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
