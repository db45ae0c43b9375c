/* test-threshold.c: a 2-of-3 election end to end (R-BUR-1, R-BUR-8): three
 * holders deal their shares (checked against the commitments, with proofs
 * of knowledge), six ballots are encrypted and summed, and any two holders
 * decrypt the totals exactly (partial decryptions with proofs, Lagrange,
 * discrete log); one holder alone cannot. Forged shares, partial
 * decryptions and proofs are refused. */
#include "config.h"

#include <string.h>

#include "ballot.h"
#include "cu.h"
#include "dlog.h"
#include "group.h"
#include "tally.h"
#include "threshold.h"

#define N 3
#define K 2

static const unsigned char fp[32] = { 9, 9, 9 };
static struct thr_poly poly[N + 1];
static EC_POINT *com[N + 1][K];
static BIGNUM *share[N + 1];   /* s_y */
static EC_POINT *vkey[N + 1];  /* Y_y = s_y·G */
static EC_POINT *y;
static const struct ballot_shape shape = { 5, 3, { 2, 2, 1 }, 0 };
static struct tally *tally;
/* choices: list0, list1, list2, blank; then candidates 0.0 0.1 1.0 1.1 2.0 */
static const unsigned long expected[] = { 3, 1, 1, 1, 3, 2, 0, 1, 1 };

static void
deal(void)
{
	struct err e;
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *f = BN_new();

	y = EC_POINT_new(group_curve());
	EC_POINT_set_to_infinity(group_curve(), y);
	for (unsigned x = 1; x <= N; x++) {
		thr_poly_new(&poly[x], K, &e);
		for (int l = 0; l < K; l++)
			com[x][l] = EC_POINT_new(group_curve());
		thr_commit(&poly[x], com[x]);
		EC_POINT_add(group_curve(), y, y, com[x][0], ctx);
	}
	for (unsigned h = 1; h <= N; h++) {
		share[h] = BN_new();
		BN_zero(share[h]);
		vkey[h] = EC_POINT_new(group_curve());
		for (unsigned x = 1; x <= N; x++) {
			thr_eval(&poly[x], h, f);
			CU_ASSERT_TRUE(thr_share_ok(com[x], K, h, f));
			BN_mod_add(share[h], share[h], f, group_order(), ctx);
		}
		group_mul2(vkey[h], share[h], NULL, NULL, ctx);
	}
	BN_free(f);
	BN_CTX_free(ctx);
}

static void
vote(void)
{
	const struct ballot_choice votes[] = {
		{ 0, { 1, 1 } }, { 0, { 1, 0 } }, { 1, { 0, 1 } },
		{ BALLOT_BLANK, { 0 } }, { 2, { 1 } }, { 0, { 1, 1 } },
	};
	struct ballot_election el = { { 0 }, y, 0 };
	struct err e;

	memcpy(el.fingerprint, fp, 32);
	tally = tally_new(&shape);
	for (size_t i = 0; i < sizeof(votes) / sizeof(votes[0]); i++) {
		json_t *b = ballot_encrypt(&shape, &el, &votes[i], &e);
		CU_ASSERT_EQUAL_FATAL(ballot_verify(&shape, &el, b, &e), 0);
		CU_ASSERT_EQUAL(tally_add(tally, b, &e), 0);
		json_decref(b);
	}
	CU_ASSERT_EQUAL(tally->ballots, 6);
	CU_ASSERT_EQUAL(tally->n, 9);
}

/* Decrypt every total with the holders xs; 0 when all equal expected. */
static int
decrypt_with(const unsigned *xs, size_t m)
{
	EC_POINT *d[N], *mg = EC_POINT_new(group_curve());
	BIGNUM *c = BN_new(), *r = BN_new();
	int bad = 0;
	struct err e;

	for (size_t i = 0; i < m; i++)
		d[i] = EC_POINT_new(group_curve());
	for (size_t pos = 0; pos < tally->n; pos++) {
		unsigned long v = 999;
		for (size_t i = 0; i < m; i++) {
			CU_ASSERT_EQUAL(thr_partial(fp, "total=0", share[xs[i]], vkey[xs[i]], tally->a[pos], d[i], c, r), 0);
			CU_ASSERT_TRUE(thr_partial_verify(fp, "total=0", vkey[xs[i]], tally->a[pos], d[i], c, r));
		}
		thr_combine(xs, d, m, tally->b[pos], mg);
		if (dlog_small(mg, tally->ballots, &v, &e) == -1 || v != expected[pos])
			bad++;
	}
	for (size_t i = 0; i < m; i++)
		EC_POINT_free(d[i]);
	EC_POINT_free(mg);
	BN_free(c);
	BN_free(r);
	return bad;
}

static void
test_any_two_holders_decrypt_the_totals(void)
{
	deal();
	vote();
	CU_ASSERT_EQUAL(decrypt_with((unsigned[]){ 1, 2 }, 2), 0);
	CU_ASSERT_EQUAL(decrypt_with((unsigned[]){ 1, 3 }, 2), 0);
	CU_ASSERT_EQUAL(decrypt_with((unsigned[]){ 3, 2 }, 2), 0);
	CU_ASSERT_EQUAL(decrypt_with((unsigned[]){ 1, 2, 3 }, 3), 0);
}

static void
test_one_holder_alone_cannot(void)
{
	CU_ASSERT_EQUAL(decrypt_with((unsigned[]){ 2 }, 1), (int)tally->n);
}

static void
test_forged_share_is_detected(void)
{
	BIGNUM *f = BN_new();

	thr_eval(&poly[1], 2, f);
	BN_add_word(f, 1);
	CU_ASSERT_FALSE(thr_share_ok(com[1], K, 2, f));
	CU_ASSERT_FALSE(thr_share_ok(com[1], K, 3, f));
	BN_free(f);
}

static void
test_forged_partial_decryption_is_refused(void)
{
	EC_POINT *d = EC_POINT_new(group_curve());
	BIGNUM *c = BN_new(), *r = BN_new();
	BN_CTX *ctx = BN_CTX_new();

	thr_partial(fp, "total=3", share[1], vkey[1], tally->a[3], d, c, r);
	CU_ASSERT_TRUE(thr_partial_verify(fp, "total=3", vkey[1], tally->a[3], d, c, r));
	CU_ASSERT_FALSE(thr_partial_verify(fp, "total=4", vkey[1], tally->a[3], d, c, r));
	CU_ASSERT_FALSE(thr_partial_verify(fp, "total=3", vkey[2], tally->a[3], d, c, r));
	EC_POINT_add(group_curve(), d, d, group_generator(), ctx);
	CU_ASSERT_FALSE(thr_partial_verify(fp, "total=3", vkey[1], tally->a[3], d, c, r));
	EC_POINT_free(d);
	BN_free(c);
	BN_free(r);
	BN_CTX_free(ctx);
}

static void
test_proof_of_knowledge_binds_dealer_and_key(void)
{
	BIGNUM *c = BN_new(), *z = BN_new();

	CU_ASSERT_EQUAL(thr_pok_prove(fp, 1, poly[1].a[0], com[1][0], c, z), 0);
	CU_ASSERT_TRUE(thr_pok_verify(fp, 1, com[1][0], c, z));
	CU_ASSERT_FALSE(thr_pok_verify(fp, 2, com[1][0], c, z));
	CU_ASSERT_FALSE(thr_pok_verify(fp, 1, com[2][0], c, z));
	BN_free(c);
	BN_free(z);
}

static void
test_dlog_bounds(void)
{
	EC_POINT *p = EC_POINT_new(group_curve());
	BN_CTX *ctx = BN_CTX_new();
	unsigned long m = 7;
	struct err e;

	EC_POINT_set_to_infinity(group_curve(), p);
	CU_ASSERT_EQUAL(dlog_small(p, 10, &m, &e), 0);
	CU_ASSERT_EQUAL(m, 0);
	group_mul_small(p, 100000, ctx);
	CU_ASSERT_EQUAL(dlog_small(p, 100000, &m, &e), 0);
	CU_ASSERT_EQUAL(m, 100000);
	CU_ASSERT_EQUAL(dlog_small(p, 99999, &m, &e), -1);
	group_mul_small(p, 1, ctx);
	CU_ASSERT_EQUAL(dlog_small(p, 1, &m, &e), 0);
	CU_ASSERT_EQUAL(m, 1);
	EC_POINT_free(p);
	BN_CTX_free(ctx);
}

static CU_TestInfo tests[] = {
	{ "any two holders decrypt the totals", test_any_two_holders_decrypt_the_totals },
	{ "one holder alone cannot", test_one_holder_alone_cannot },
	{ "forged share is detected", test_forged_share_is_detected },
	{ "forged partial decryption is refused", test_forged_partial_decryption_is_refused },
	{ "proof of knowledge binds dealer and key", test_proof_of_knowledge_binds_dealer_and_key },
	{ "discrete log bounds", test_dlog_bounds },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	int rc = cu_run("threshold", tests);

	tally_free(tally);
	for (unsigned x = 1; x <= N; x++) {
		thr_poly_free(&poly[x]);
		for (int l = 0; l < K; l++)
			EC_POINT_free(com[x][l]);
		BN_free(share[x]);
		EC_POINT_free(vkey[x]);
	}
	EC_POINT_free(y);
	return rc;
}
