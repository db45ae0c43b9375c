/* test-vectors.c: the C code against the committed shared vectors
 * (tests/vectors/ballot-*.json): same ballot from the same seed, same
 * tracker, and the ballot verifies. A change of encoding or transcript in
 * lib/ fails here (and the JavaScript fails in web/test/crypto.test.mjs). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../vectors/drbg.h"
#include "ballot.h"
#include "cu.h"
#include "group.h"

static void
check_vector(const char *name)
{
	char path[1024], *c1, *c2, trh[65];
	const char *src = getenv("ISOLOIR_SRCDIR");
	struct ballot_shape s = { 0 };
	struct ballot_choice ch = { 0, { 0 } };
	struct ballot_election el;
	unsigned char seed[32], tr[32];
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *sk = BN_new();
	EC_POINT *y = EC_POINT_new(group_curve());
	json_error_t je;
	json_t *v, *b;
	struct err e;

	snprintf(path, sizeof(path), "%s/tests/vectors/%s", src ? src : ".", name);
	v = json_load_file(path, 0, &je);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	json_t *sj = json_object_get(v, "shape");
	s.scrutin = (unsigned)json_integer_value(json_object_get(sj, "scrutin"));
	s.nul = json_is_true(json_object_get(sj, "nul"));
	s.lists = json_array_size(json_object_get(sj, "candidates"));
	for (size_t l = 0; l < s.lists; l++)
		s.candidates[l] = (size_t)json_integer_value(json_array_get(json_object_get(sj, "candidates"), l));
	ch.list = (int)json_integer_value(json_object_get(json_object_get(v, "choice"), "list"));
	const char *kept = json_string_value(json_object_get(json_object_get(v, "choice"), "kept"));
	for (size_t j = 0; kept[j]; j++)
		ch.kept[j] = kept[j] == '1';
	CU_ASSERT_EQUAL_FATAL(group_unhex(json_string_value(json_object_get(v, "seed")), seed, 32), 0);
	drbg_init(seed);
	group_set_test_rng(drbg_bytes);
	group_random_scalar(sk, ctx, &e);
	group_mul2(y, sk, NULL, NULL, ctx);
	drbg_bytes(el.fingerprint, 32);
	el.y = y;
	b = ballot_encrypt(&s, &el, &ch, &e);
	group_set_test_rng(NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	c1 = ballot_canonical(b);
	c2 = ballot_canonical(json_object_get(v, "ballot"));
	CU_ASSERT_STRING_EQUAL(c1, c2);
	ballot_tracker(c2, tr);
	group_hex(tr, 32, trh);
	CU_ASSERT_STRING_EQUAL(trh, json_string_value(json_object_get(v, "tracker")));
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, json_object_get(v, "ballot"), &e), 0);
	free(c1);
	free(c2);
	json_decref(b);
	json_decref(v);
	BN_free(sk);
	EC_POINT_free(y);
	BN_CTX_free(ctx);
}

static void test_vector_4x3(void) { check_vector("ballot-4x3.json"); }
static void test_vector_8x7(void) { check_vector("ballot-8x7.json"); }
static void test_vector_nul(void) { check_vector("ballot-nul.json"); }

static CU_TestInfo tests[] = {
	{ "vector 4x3 (list with a strike)", test_vector_4x3 },
	{ "vector 8x7", test_vector_8x7 },
	{ "vector with a nul slot, nul chosen", test_vector_nul },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("vectors", tests);
}
