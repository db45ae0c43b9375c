/* bench-crypto.c: crypto figures for docs/performance.md: the reference
 * (OpenSSL variable-base multiplication), then ballot encryption and
 * verification for the 4×3 and 8×7 shapes (+ blank), as times and as
 * multiples of the reference, so that slow or busy machines still give
 * comparable ratios. Writes bench/results/crypto.json. Not a test. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ballot.h"
#include "dlog.h"
#include "group.h"
#include "tally.h"

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double
ref_mult_ms(BN_CTX *ctx)
{
	EC_POINT *p = EC_POINT_new(group_curve()), *q = EC_POINT_new(group_curve());
	BIGNUM *k = BN_new();
	struct err e;
	double t0;
	int n = 2000;

	group_random_scalar(k, ctx, &e);
	group_mul2(p, k, NULL, NULL, ctx);
	t0 = now_ms();
	for (int i = 0; i < n; i++)
		EC_POINT_mul(group_curve(), q, NULL, p, k, ctx);
	t0 = (now_ms() - t0) / n;
	EC_POINT_free(p);
	EC_POINT_free(q);
	BN_free(k);
	return t0;
}

static json_t *
bench_shape(const char *name, const struct ballot_shape *s, const struct ballot_election *el,
    double ref, int rounds)
{
	struct ballot_choice c = { 0, { 0 } };
	double te = 0, tv = 0;
	struct err e;

	memset(c.kept, 1, sizeof(c.kept));
	c.kept[1] = 0;
	for (int i = 0; i < rounds; i++) {
		double t0 = now_ms();
		json_t *b = ballot_encrypt(s, el, &c, &e);
		te += now_ms() - t0;
		t0 = now_ms();
		if (b == NULL || ballot_verify(s, el, b, &e) == -1) {
			fprintf(stderr, "bench: %s\n", e.msg);
			exit(1);
		}
		tv += now_ms() - t0;
		json_decref(b);
	}
	te /= rounds;
	tv /= rounds;
	printf("%-6s encrypt %8.2f ms (%5.0f ref)   verify %8.2f ms (%5.0f ref)\n", name, te,
	    te / ref, tv, tv / ref);
	return json_pack("{s:s, s:f, s:f, s:f, s:f}", "shape", name, "encrypt_ms", te,
	    "encrypt_ref", te / ref, "verify_ms", tv, "verify_ref", tv / ref);
}

/* Homomorphic sum of n copies of one 8×7 ballot (decoding included, proofs
 * not re-verified), then decryption of the 65 totals with the election
 * secret and the discrete logs bounded by n. */
static json_t *
bench_tally(const struct ballot_shape *s, const struct ballot_election *el, const BIGNUM *sk,
    unsigned long n)
{
	struct ballot_choice c = { 3, { 1, 1, 0, 1, 1, 1, 1 } };
	EC_POINT *d = EC_POINT_new(group_curve());
	BN_CTX *ctx = BN_CTX_new();
	struct tally *t = tally_new(s);
	unsigned long m, ok = 0;
	double t0, tsum, tdec;
	struct err e;
	json_t *b = ballot_encrypt(s, el, &c, &e);

	t0 = now_ms();
	for (unsigned long i = 0; i < n; i++)
		tally_add(t, b, &e);
	tsum = now_ms() - t0;
	t0 = now_ms();
	for (size_t i = 0; i < t->n; i++) {
		EC_POINT_mul(group_curve(), d, NULL, t->a[i], sk, ctx);
		EC_POINT_invert(group_curve(), d, ctx);
		EC_POINT_add(group_curve(), d, t->b[i], d, ctx);
		ok += dlog_small(d, n, &m, &e) == 0;
	}
	tdec = now_ms() - t0;
	printf("tally  %lu ballots 8x7: sum %.0f ms, decrypt + dlog of %zu totals %.0f ms (%lu solved)\n",
	    n, tsum, t->n, tdec, ok);
	tally_free(t);
	json_decref(b);
	EC_POINT_free(d);
	BN_CTX_free(ctx);
	return json_pack("{s:I, s:f, s:f}", "ballots", (json_int_t)n, "sum_ms", tsum, "decrypt_ms", tdec);
}

int
main(int argc, char **argv)
{
	struct ballot_shape s43 = { 1, 4, { 3, 3, 3, 3 }, 0 }, s87 = { 2, 8, { 7, 7, 7, 7, 7, 7, 7, 7 }, 0 };
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *sk = BN_new();
	EC_POINT *y = EC_POINT_new(group_curve());
	struct ballot_election el;
	struct err e;
	double ref;
	json_t *out;

	group_random_scalar(sk, ctx, &e);
	group_mul2(y, sk, NULL, NULL, ctx);
	memset(el.fingerprint, 7, 32);
	el.y = y;
	ref = ref_mult_ms(ctx);
	printf("reference: OpenSSL P-256 variable-base multiplication %.4f ms\n", ref);
	json_t *a = bench_shape("4x3", &s43, &el, ref, 20);
	json_t *b = bench_shape("8x7", &s87, &el, ref, 5);
	json_t *tl = bench_tally(&s87, &el, sk, 100000);
	out = json_pack("{s:s, s:f, s:[o, o], s:o}", "bench", "crypto", "ref_mult_ms", ref, "shapes", a, b,
	    "tally", tl);
	if (argc > 1)
		json_dump_file(out, argv[1], JSON_INDENT(1));
	json_decref(out);
	BN_free(sk);
	EC_POINT_free(y);
	BN_CTX_free(ctx);
	return 0;
}
