/* seed-count.c: writes corpus/count/*.json, a 2-of-3 count of the ballot
 * of tests/vectors/ballot-4x3.json (its secret key shared as f(x) = s +
 * a·x, a fixed): public key and verification keys, the totals of that one
 * ballot and the three holders' partial decryptions. Not built by make;
 * from a configured build directory B:
 *   gcc -IB -Ilib $(pkg-config --cflags libmariadb) tests/fuzz/seed-count.c B/libisoloir.a -lcrypto -ljansson \
 *       -lmariadb -largon2 -o /tmp/seed-count
 *   /tmp/seed-count tests/vectors/ballot-4x3.json > tests/fuzz/corpus/count/4x3.json */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ballot.h"
#include "count.h"
#include "group.h"
#include "tally.h"
#include "threshold.h"

static json_t *
partials(const unsigned char fp[32], unsigned holder, const BIGNUM *s, const json_t *tot,
    BN_CTX *ctx)
{
	EC_POINT *yx = EC_POINT_new(group_curve()), *a = EC_POINT_new(group_curve()),
	    *d = EC_POINT_new(group_curve());
	BIGNUM *c = BN_new(), *r = BN_new();
	json_t *arr = json_array(), *t;
	char cs[64], dh[GROUP_POINT_HEX + 1], ch[65], rh[65];
	size_t i;
	struct err e;

	group_mul2(yx, s, NULL, NULL, ctx);
	json_array_foreach(json_object_get(tot, "totals"), i, t) {
		count_context((unsigned)json_integer_value(json_object_get(tot, "scrutin")), 0, i, cs, sizeof(cs));
		group_point_decode(json_string_value(json_object_get(t, "a")), a, ctx, &e);
		thr_partial(fp, cs, s, yx, a, d, c, r);
		group_point_encode(d, dh, ctx);
		group_scalar_encode(c, ch);
		group_scalar_encode(r, rh);
		json_array_append_new(arr, json_pack("{s:s, s:[s,s]}", "d", dh, "proof", ch, rh));
	}
	EC_POINT_free(yx);
	EC_POINT_free(a);
	EC_POINT_free(d);
	BN_free(c);
	BN_free(r);
	return json_pack("{s:i, s:s, s:i, s:i, s:o}", "version", 1, "election",
	    json_string_value(json_object_get(tot, "election")), "scrutin",
	    (int)json_integer_value(json_object_get(tot, "scrutin")), "holder", (int)holder,
	    "partials", arr);
}

int
main(int argc, char **argv)
{
	json_error_t je;
	json_t *v = argc == 2 ? json_load_file(argv[1], 0, &je) : NULL, *tot, *vks, *parts;
	const json_t *sh = json_object_get(v, "shape"), *el = json_object_get(v, "election");
	struct ballot_shape shape = { 0 };
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *s = BN_new(), *a = BN_new(), *si = BN_new(), *x = BN_new();
	EC_POINT *p = EC_POINT_new(group_curve());
	unsigned char fp[32];
	char h[GROUP_POINT_HEX + 1];
	struct tally *t;
	struct err e;

	if (v == NULL)
		return 2;
	shape.scrutin = (unsigned)json_integer_value(json_object_get(sh, "scrutin"));
	shape.lists = json_array_size(json_object_get(sh, "candidates"));
	for (size_t l = 0; l < shape.lists; l++)
		shape.candidates[l] = (size_t)json_integer_value(json_array_get(json_object_get(sh, "candidates"), l));
	group_unhex(json_string_value(json_object_get(el, "fingerprint")), fp, 32);
	group_scalar_decode(json_string_value(json_object_get(v, "secret")), s, &e);
	BN_set_word(a, 123456789);
	t = tally_new(&shape);
	tally_add(t, json_object_get(v, "ballot"), &e);
	tot = tally_to_json(t);
	json_object_set_new(tot, "version", json_integer(1));
	json_object_set(tot, "election", json_object_get(el, "fingerprint"));
	json_object_set_new(tot, "scrutin", json_integer(shape.scrutin));
	vks = json_array();
	parts = json_array();
	for (unsigned i = 1; i <= 3; i++) {
		BN_set_word(x, i);
		BN_mod_mul(si, a, x, group_order(), ctx);
		BN_mod_add(si, si, s, group_order(), ctx);
		group_mul2(p, si, NULL, NULL, ctx);
		group_point_encode(p, h, ctx);
		json_array_append_new(vks, json_string(h));
		json_array_append_new(parts, partials(fp, i, si, tot, ctx));
	}
	json_dumpf(json_pack("{s:{s:i, s:O, s:i, s:i, s:O, s:o}, s:o, s:o}", "public", "version", 1,
	    "election", json_object_get(el, "fingerprint"), "threshold", 2, "holders", 3,
	    "public_key", json_object_get(el, "y"), "verification_keys", vks, "totals", tot,
	    "partials", parts), stdout, JSON_COMPACT | JSON_SORT_KEYS);
	putchar('\n');
	tally_free(t);
	return 0;
}
