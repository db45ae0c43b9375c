/* bench-crypto.c: crypto figures for docs/performance.md: the reference
 * (OpenSSL variable-base multiplication), then ballot encryption and
 * verification for the 4×3 and 8×7 shapes (+ blank), as times and as
 * multiples of the reference, so that slow or busy machines still give
 * comparable ratios; then the kernels of the batch verification (our
 * P-256 code: decompression, the curve-equation check of an uncompressed
 * commitment, multi-scalar multiplication of a ballot's size), and the
 * ballot's size and JSON parse time (what a cast parses before verifying). Times are the minimum over the rounds (the machine is shared:
 * the minimum is the least disturbed run), means are given beside.
 * BENCH_TALLY=N sets the number of ballots summed (default 1000000, 0
 * skips it). Writes bench/results/crypto.json. Not a test.
 * `bench-crypto --shapes` prints the ballot figures only (no kernels,
 * no tally, no file), for bench/bench-belenios.sh.
 * `bench-crypto --combine K separate|merged` verifies K distinct 8×7
 * ballots, one multiplication each or one for all (lib/vcombine.h), for
 * valgrind --tool=callgrind --toggle-collect=combine_run (instruction
 * counts: bench/bench-combine.sh). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "ballot.h"
#include "dlog.h"
#include "group.h"
#include "p256.h"
#include "jtree.h"
#include "proof.h"
#include "tally.h"
#include "vcombine.h"

static double
min_d(double a, double b)
{
	return a < b ? a : b;
}

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Minimum over 20 batches of 100 multiplications. */
static double
ref_mult_ms(BN_CTX *ctx)
{
	EC_POINT *p = EC_POINT_new(group_curve()), *q = EC_POINT_new(group_curve());
	BIGNUM *k = BN_new();
	struct err e;
	double best = 1e9;

	group_random_scalar(k, ctx, &e);
	group_mul2(p, k, NULL, NULL, ctx);
	for (int r = 0; r < 20; r++) {
		double t0 = now_ms();
		for (int i = 0; i < 100; i++)
			EC_POINT_mul(group_curve(), q, NULL, p, k, ctx);
		t0 = (now_ms() - t0) / 100;
		if (t0 < best)
			best = t0;
	}
	EC_POINT_free(p);
	EC_POINT_free(q);
	BN_free(k);
	return best;
}

static json_t *
bench_shape(const char *name, const struct ballot_shape *s, const struct ballot_election *el,
    double ref, int rounds)
{
	struct ballot_choice c = { 0, { 0 } };
	double te = 1e9, tv = 1e9, mv = 0, tp = 1e9;
	size_t len = 0;
	struct err e;

	memset(c.kept, 1, sizeof(c.kept));
	c.kept[1] = 0;
	for (int i = 0; i < rounds; i++) {
		double t0 = now_ms(), t;
		json_t *b = ballot_encrypt(s, el, &c, &e);
		if ((t = now_ms() - t0) < te)
			te = t;
		t0 = now_ms();
		if (b == NULL || ballot_verify(s, el, b, &e) == -1) {
			fprintf(stderr, "bench: %s\n", e.msg);
			exit(1);
		}
		t = now_ms() - t0;
		mv += t / rounds;
		if (t < tv)
			tv = t;
		/* what a cast parses: the ballot's text (canonical form) */
		char *text = ballot_canonical(b);
		len = strlen(text);
		t0 = now_ms();
		json_decref(json_loads(text, JSON_REJECT_DUPLICATES, NULL));
		tp = min_d(tp, now_ms() - t0);
		free(text);
		json_decref(b);
	}
	printf("%-6s encrypt %8.2f ms (%5.0f ref)   verify %8.2f ms (%5.0f ref; mean %.2f ms)\n"
	       "       %zu bytes (canonical), JSON parse %.3f ms\n",
	    name, te, te / ref, tv, tv / ref, mv, len, tp);
	return json_pack("{s:s, s:f, s:f, s:f, s:f, s:f, s:I, s:f}", "shape", name, "encrypt_ms", te,
	    "encrypt_ref", te / ref, "verify_ms", tv, "verify_ref", tv / ref, "verify_mean_ms", mv,
	    "ballot_bytes", (json_int_t)len, "json_parse_ms", tp);
}

/* The kernels of an 8×7 batch verification with our P-256 code: one
 * variable-base and one fixed-base multiplication, one decompression (the
 * ciphertexts), one uncompressed decode (the commitments), and
 * the multi-scalar multiplication of a ballot's batch (598 commitments
 * with 128-bit weights, the 130 decoded ciphertext points and G, Y with
 * full-size scalars). */
static json_t *
bench_kernels(double ref)
{
	enum { N = 730, N128 = 598 };
	struct p256_aff *pt = malloc(N * sizeof(*pt));
	p256_sc *sc = malloc(N * sizeof(*sc));
	struct p256_jac j;
	unsigned char enc[33], full[65];
	double tmul = 1e9, tfix = 1e9, tdec = 1e9, tmsm = 1e9, tfull = 1e9, tbase = 1e9;
	int adx;

	for (int i = 0; i < N; i++) {
		RAND_bytes((unsigned char *)&sc[i], sizeof(sc[i]));
		p256_table_mul(&j, p256_generator_table(), &sc[i]);
		p256_jac_to_aff(&pt[i], &j);
		if (i < N128)
			sc[i].v[2] = sc[i].v[3] = 0;
	}
	p256_aff_encode(enc, &pt[7]);
	p256_aff_encode_full(full, &pt[7]);
	for (int r = 0; r < 10; r++) {
		double t0 = now_ms();
		for (int i = 0; i < 100; i++)
			p256_mul(&j, &pt[i], &sc[N - 1 - i]);
		tmul = min_d(tmul, (now_ms() - t0) / 100);
		t0 = now_ms();
		for (int i = 0; i < 100; i++)
			p256_table_mul(&j, p256_generator_table(), &sc[N - 1 - i]);
		tfix = min_d(tfix, (now_ms() - t0) / 100);
		t0 = now_ms();
		for (int i = 0; i < 100; i++)
			p256_aff_decode(&pt[0], enc);
		tdec = min_d(tdec, (now_ms() - t0) / 100);
		t0 = now_ms();
		for (int i = 0; i < 100; i++)
			p256_aff_decode_full(&pt[0], full);
		tfull = min_d(tfull, (now_ms() - t0) / 100);
		t0 = now_ms();
		p256_msm(&j, pt, sc, N);
		tmsm = min_d(tmsm, now_ms() - t0);
		/* the same with the baseline field product (no MULX/ADX) */
		adx = p256_fe_use_adx(0);
		t0 = now_ms();
		p256_msm(&j, pt, sc, N);
		tbase = min_d(tbase, now_ms() - t0);
		p256_fe_use_adx(adx);
	}
	printf("p256   mul %.4f ms (%.2f ref)  fixed-base G %.4f ms (%.2f ref)  decompress %.4f ms "
	       "(%.2f ref)\n       MSM of an 8x7 batch (%d points, %d of them 128-bit) %.2f ms (%.0f "
	       "ref; field product with MULX/ADX: %s; baseline product %.2f ms)\n       decode: 130 ciphertext points (square root) %.2f ms, %d "
	       "commitments (version 3: curve equation, %.5f ms each) %.3f ms\n",
	    tmul, tmul / ref, tfix, tfix / ref, tdec, tdec / ref, N, N128, tmsm, tmsm / ref,
	    adx ? "yes" : "no", tbase,
	    (N - N128 - 2) * tdec, N128, tfull, N128 * tfull);
	free(pt);
	free(sc);
	return json_pack("{s:f, s:f, s:f, s:f, s:f, s:f, s:b, s:i}", "p256_mul_ms", tmul,
	    "p256_fixed_g_ms", tfix, "p256_decompress_ms", tdec, "p256_decode_uncompressed_ms", tfull,
	    "msm_8x7_ms", tmsm, "msm_8x7_baseline_product_ms", tbase, "mulx_adx", adx, "msm_points", N);
}

/* The count's homomorphic sum of n 8×7 ballots from the points stored at
 * cast time (tally_add_points, every core, chunks of 4096 ballots as
 * lib/count.c reads them; 64 distinct ballots cycled), then decryption of
 * the 65 totals with the election secret and the discrete logs bounded by
 * n. Before (the JSON path, a square root per point, one core, the board's
 * and the verifier's sum) on n / 100 ballots, scaled. */
static json_t *
bench_tally(const struct ballot_shape *s, const struct ballot_election *el, const BIGNUM *sk,
    unsigned long n)
{
	enum { DISTINCT = 64, CHUNK = 4096 };
	struct ballot_choice c = { 3, { 1, 1, 0, 1, 1, 1, 1 } };
	EC_POINT *d = EC_POINT_new(group_curve());
	BN_CTX *ctx = BN_CTX_new();
	struct tally *t = tally_new(s), *tj = tally_new(s);
	const size_t plen = BALLOT_POINTS_LEN(t->n);
	unsigned char *pts = malloc(CHUNK * plen);
	unsigned long m, ok = 0, nj = n / 100 > 0 ? n / 100 : 1;
	double t0, tsum, tdec, tjson;
	struct err e;
	json_t *b = NULL;

	for (int i = 0; i < DISTINCT; i++) {
		json_decref(b);
		b = ballot_encrypt(s, el, &c, &e);
		if (b == NULL || ballot_verify_points(s, el, b, pts + i * plen, &e) == -1) {
			fprintf(stderr, "bench: %s\n", e.msg);
			exit(1);
		}
	}
	for (int i = DISTINCT; i < CHUNK; i++)
		memcpy(pts + i * plen, pts + (i % DISTINCT) * plen, plen);
	t0 = now_ms();
	for (unsigned long i = 0; i < nj; i++)
		tally_add(tj, b, &e);
	tjson = (now_ms() - t0) * n / nj;
	t0 = now_ms();
	for (unsigned long done = 0; done < n;) {
		size_t k = n - done < CHUNK ? n - done : CHUNK;
		if (tally_add_points(t, pts, k, 0, NULL, &e) == -1) {
			fprintf(stderr, "bench: %s\n", e.msg);
			exit(1);
		}
		done += k;
	}
	tsum = now_ms() - t0;
	t0 = now_ms();
	for (size_t i = 0; i < t->n; i++) {
		EC_POINT_mul(group_curve(), d, NULL, t->a[i], sk, ctx);
		EC_POINT_invert(group_curve(), d, ctx);
		EC_POINT_add(group_curve(), d, t->b[i], d, ctx);
		ok += dlog_small(d, n, &m, &e) == 0;
	}
	tdec = now_ms() - t0;
	printf("tally  %lu ballots 8x7: sum of stored points %.0f ms (%ld threads), decrypt + dlog of "
	       "%zu totals %.0f ms (%lu solved)\n"
	       "       before: sum from the JSON %.0f ms (one core, %lu ballots scaled)\n",
	    n, tsum, sysconf(_SC_NPROCESSORS_ONLN), t->n, tdec, ok, tjson, nj);
	tally_free(t);
	tally_free(tj);
	json_decref(b);
	free(pts);
	EC_POINT_free(d);
	BN_CTX_free(ctx);
	return json_pack("{s:I, s:f, s:f, s:f, s:I}", "ballots", (json_int_t)n, "sum_ms", tsum,
	    "decrypt_ms", tdec, "json_sum_ms_scaled", tjson, "solved", (json_int_t)ok);
}

/* What callgrind counts: K verifications of trees already read (the
 * cast's parse is not verification), separate or merged. */
__attribute__((noinline)) static int
combine_run(const struct ballot_shape *s, const struct ballot_election *el,
    const struct jtree *t, size_t k, int merged, struct err *e)
{
	struct proof_batch *b[VCOMBINE_MAX] = { NULL };
	int rc[VCOMBINE_MAX], bad = 0;

	for (size_t i = 0; i < k && i < VCOMBINE_MAX; i++) {
		if (!merged) {
			bad |= ballot_verify_tree(s, el, &t[i], JT_ROOT, NULL, e);
			continue;
		}
		b[i] = proof_batch_new(el->y, NULL);
		if (b[i] == NULL || ballot_verify_collect(s, el, &t[i], JT_ROOT, NULL, b[i], e) == -1)
			return -1;
	}
	if (merged) {
		vcombine_round(b, rc, k);
		for (size_t i = 0; i < k; i++) {
			bad |= rc[i];
			proof_batch_free(b[i]);
		}
	}
	return bad ? -1 : 0;
}

static int
bench_combine(const struct ballot_shape *s, const struct ballot_election *el, size_t k,
    int merged)
{
	struct ballot_choice c = { 0, { 0 } };
	struct jtree t[VCOMBINE_MAX];
	json_t *j[VCOMBINE_MAX];
	struct err e;

	if (k < 1 || k > VCOMBINE_MAX)
		return 2;
	memset(c.kept, 1, sizeof(c.kept));
	for (size_t i = 0; i < k; i++) {
		c.list = (int)(i % s->lists);
		j[i] = ballot_encrypt(s, el, &c, &e);
		if (j[i] == NULL || jt_from_json(&t[i], j[i]) == -1) {
			fprintf(stderr, "bench: %s\n", e.msg);
			return 1;
		}
	}
	if (combine_run(s, el, t, k, merged, &e) == -1) {
		fprintf(stderr, "bench: %s\n", e.msg);
		return 1;
	}
	printf("combine %zu ballots 8x7 %s: verified\n", k, merged ? "merged" : "separate");
	for (size_t i = 0; i < k; i++) {
		jt_free(&t[i]);
		json_decref(j[i]);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct ballot_shape s43 = { 1, 4, { 3, 3, 3, 3 }, 0 }, s87 = { 2, 8, { 7, 7, 7, 7, 7, 7, 7, 7 }, 0 };
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *sk = BN_new();
	EC_POINT *y = EC_POINT_new(group_curve());
	struct ballot_election el = { { 0 }, NULL, 0 };
	struct err e;
	double ref;
	json_t *out;

	group_random_scalar(sk, ctx, &e);
	group_mul2(y, sk, NULL, NULL, ctx);
	memset(el.fingerprint, 7, 32);
	el.y = y;
	if (argc > 3 && strcmp(argv[1], "--combine") == 0)
		return bench_combine(&s87, &el, strtoul(argv[2], NULL, 10),
		    strcmp(argv[3], "merged") == 0);
	ref = ref_mult_ms(ctx);
	printf("reference: OpenSSL P-256 variable-base multiplication %.4f ms\n", ref);
	json_t *a = bench_shape("4x3", &s43, &el, ref, 20);
	json_t *b = bench_shape("8x7", &s87, &el, ref, 10);
	int shapes_only = argc > 1 && strcmp(argv[1], "--shapes") == 0;
	printf("ratio  8x7 verification / reference = %.0f (target <= ~180, i.e. 5 ms at 0.028 ms)\n",
	    json_real_value(json_object_get(b, "verify_ref")));
	json_t *k = shapes_only ? json_null() : bench_kernels(ref);
	const char *nt = getenv("BENCH_TALLY");
	unsigned long ntally = nt != NULL ? strtoul(nt, NULL, 10) : 1000000;
	json_t *tl = ntally > 0 && !shapes_only ? bench_tally(&s87, &el, sk, ntally) : json_null();
	out = json_pack("{s:s, s:f, s:[o, o], s:o, s:o}", "bench", "crypto", "ref_mult_ms", ref,
	    "shapes", a, b, "kernels", k, "tally", tl);
	if (argc > 1 && !shapes_only)
		json_dump_file(out, argv[1], JSON_INDENT(1));
	json_decref(out);
	BN_free(sk);
	EC_POINT_free(y);
	BN_CTX_free(ctx);
	return 0;
}
