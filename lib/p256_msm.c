/* p256_msm.c: scalar and multi-scalar multiplications on P-256 for
 * VERIFICATION ONLY: variable-time (digits pick table entries and branch),
 * so never give these functions a secret scalar (see p256.h).
 *  - p256_mul: one point, width-5 NAF;
 *  - p256_msm: Σ k_i·P_i, Straus (interleaved NAF, doublings shared by all
 *    points) when few points, Pippenger (signed buckets) when many;
 *  - fixed-base tables: every signed 7-bit digit of every window
 *    precomputed, so k·B is 37 additions and no doubling. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "p256.h"

#define NAF_W 5
#define NAF_TABLE (1 << (NAF_W - 2)) /* P, 3P, ..., 15P */
#define NAF_MAX 258
#define STRAUS_MAX 24 /* above this, Pippenger wins (bench-crypto) */

#define FB_W 7
#define FB_WINDOWS 37 /* 37 × 7 = 259 bits: 256 and the last carry */
#define FB_ENTRIES (1 << (FB_W - 1))

struct p256_table {
	struct p256_aff t[FB_WINDOWS][FB_ENTRIES]; /* (j+1)·2^(7w)·B */
};

/* Bits [pos, pos + w) of k, w ≤ 32. */
static uint32_t
sc_bits(const p256_sc *k, unsigned pos, unsigned w)
{
	unsigned limb = pos / 64, off = pos % 64;
	uint64_t x;

	if (limb >= 4)
		return 0;
	x = k->v[limb] >> off;
	if (off + w > 64 && limb + 1 < 4)
		x |= k->v[limb + 1] << (64 - off);
	return (uint32_t)(x & ((1ULL << w) - 1));
}

/* Signed base-2^w digits in [−2^(w−1), 2^(w−1)]: k = Σ d_i·2^(w·i). */
static void
sc_signed_digits(int32_t *d, size_t nd, const p256_sc *k, unsigned w)
{
	int32_t carry = 0, half = 1 << (w - 1);

	for (size_t i = 0; i < nd; i++) {
		int32_t x = (int32_t)sc_bits(k, (unsigned)(i * w), w) + carry;
		carry = x > half;
		d[i] = carry ? x - (1 << w) : x;
	}
}

/* Width-w NAF: odd digits in (−2^(w−1), 2^(w−1)), any two non-zero digits
 * at least w apart. Returns the length. */
static int
sc_naf(int8_t naf[NAF_MAX], const p256_sc *k)
{
	uint64_t x[5] = {k->v[0], k->v[1], k->v[2], k->v[3], 0};
	int len = 0;

	memset(naf, 0, NAF_MAX);
	while ((x[0] | x[1] | x[2] | x[3] | x[4]) != 0) {
		int d = 0;
		if (x[0] & 1) {
			d = (int)(x[0] & ((1 << NAF_W) - 1));
			if (d >= 1 << (NAF_W - 1))
				d -= 1 << NAF_W;
			/* x −= d */
			if (d > 0) {
				uint64_t b = (uint64_t)d;
				for (int i = 0; i < 5 && b; i++) {
					uint64_t o = x[i];
					x[i] -= b;
					b = o < b;
				}
			} else {
				uint64_t c = (uint64_t)-d;
				for (int i = 0; i < 5 && c; i++) {
					x[i] += c;
					c = x[i] < c;
				}
			}
		}
		naf[len++] = (int8_t)d;
		for (int i = 0; i < 4; i++)
			x[i] = x[i] >> 1 | x[i + 1] << 63;
		x[4] >>= 1;
	}
	return len;
}

/* tab[0..7] = P, 3P, ..., 15P as Jacobian (converted by the caller). */
static void
naf_table(struct p256_jac *tab, const struct p256_aff *p)
{
	struct p256_jac p2;

	p256_jac_from_aff(&tab[0], p);
	p256_jac_dbl(&p2, &tab[0]);
	for (int i = 1; i < NAF_TABLE; i++)
		p256_jac_add(&tab[i], &tab[i - 1], &p2);
}

static void
add_signed(struct p256_jac *acc, const struct p256_aff *t, int d)
{
	struct p256_aff neg;

	if (d > 0) {
		p256_jac_add_aff(acc, acc, &t[d / 2]);
	} else if (d < 0) {
		p256_aff_neg(&neg, &t[-d / 2]);
		p256_jac_add_aff(acc, acc, &neg);
	}
}

/* Straus: one doubling chain for all the points. */
static int
msm_straus(
    struct p256_jac *r, const struct p256_aff *p, const p256_sc *k, size_t n)
{
	struct p256_jac tj[STRAUS_MAX * NAF_TABLE] = {0};
	struct p256_aff ta[STRAUS_MAX * NAF_TABLE];
	int8_t naf[STRAUS_MAX][NAF_MAX];
	int len = 0;

	for (size_t i = 0; i < n; i++) {
		int l = sc_naf(naf[i], &k[i]);
		if (l > len)
			len = l;
		naf_table(&tj[i * NAF_TABLE], &p[i]);
	}
	if (p256_batch_to_aff(ta, tj, n * NAF_TABLE) == -1)
		return -1;
	p256_jac_infinity(r);
	for (int b = len - 1; b >= 0; b--) {
		p256_jac_dbl(r, r);
		for (size_t i = 0; i < n; i++)
			add_signed(r, &ta[i * NAF_TABLE], naf[i][b]);
	}
	return 0;
}

int
p256_mul(struct p256_jac *r, const struct p256_aff *p, const p256_sc *k)
{
	return msm_straus(r, p, k, 1);
}

/* Pippenger's cost model in field multiplications: per window one mixed
 * addition per point, two Jacobian additions per bucket, c doublings. */
static unsigned
pippenger_window(size_t n)
{
	unsigned best = 4;
	double best_cost = 1e300;

	for (unsigned c = 4; c <= 16; c++) {
		double w = 256.0 / c + 1;
		double cost =
		    w * ((double)n * 11 + (double)(1u << c) * 16 + c * 8);
		if (cost < best_cost) {
			best_cost = cost;
			best = c;
		}
	}
	return best;
}

static int
msm_pippenger(
    struct p256_jac *r, const struct p256_aff *p, const p256_sc *k, size_t n)
{
	unsigned c = pippenger_window(n);
	size_t nw = 256 / c + 2, nb = (size_t)1 << (c - 1);
	int32_t *dig = malloc(n * nw * sizeof(*dig));
	struct p256_jac *bucket = malloc(nb * sizeof(*bucket)), sum, tot;
	struct p256_aff neg;
	int rc = -1;

	if (dig == NULL || bucket == NULL)
		goto out;
	for (size_t i = 0; i < n; i++)
		sc_signed_digits(&dig[i * nw], nw, &k[i], c);
	p256_jac_infinity(r);
	for (size_t w = nw; w-- > 0;) {
		for (unsigned j = 0; j < c; j++)
			p256_jac_dbl(r, r);
		for (size_t b = 0; b < nb; b++)
			p256_jac_infinity(&bucket[b]);
		for (size_t i = 0; i < n; i++) {
			int32_t d = dig[i * nw + w];
			if (d > 0) {
				p256_jac_add_aff(
				    &bucket[d - 1], &bucket[d - 1], &p[i]);
			} else if (d < 0) {
				p256_aff_neg(&neg, &p[i]);
				p256_jac_add_aff(
				    &bucket[-d - 1], &bucket[-d - 1], &neg);
			}
		}
		/* Σ (b+1)·bucket[b] as a running sum from the top. */
		p256_jac_infinity(&sum);
		p256_jac_infinity(&tot);
		for (size_t b = nb; b-- > 0;) {
			p256_jac_add(&sum, &sum, &bucket[b]);
			p256_jac_add(&tot, &tot, &sum);
		}
		p256_jac_add(r, r, &tot);
	}
	rc = 0;
out:
	free(dig);
	free(bucket);
	return rc;
}

int
p256_msm(
    struct p256_jac *r, const struct p256_aff *p, const p256_sc *k, size_t n)
{
	if (n == 0) {
		p256_jac_infinity(r);
		return 0;
	}
	if (n <= STRAUS_MAX)
		return msm_straus(r, p, k, n);
	return msm_pippenger(r, p, k, n);
}

struct p256_table *
p256_table_new(const struct p256_aff *base)
{
	struct p256_table *t = malloc(sizeof(*t));
	struct p256_jac *tj = malloc(FB_WINDOWS * FB_ENTRIES * sizeof(*tj));
	struct p256_jac bw;

	if (t == NULL || tj == NULL || base->inf)
		goto fail;
	p256_jac_from_aff(&bw, base);
	for (int w = 0; w < FB_WINDOWS; w++) {
		struct p256_jac *row = &tj[w * FB_ENTRIES];
		row[0] = bw;
		for (int j = 1; j < FB_ENTRIES; j++)
			p256_jac_add(&row[j], &row[j - 1], &bw);
		p256_jac_dbl(&bw, &row[FB_ENTRIES - 1]); /* 2^7 · 2^(7w)·B */
	}
	if (p256_batch_to_aff(&t->t[0][0], tj, FB_WINDOWS * FB_ENTRIES) == -1)
		goto fail;
	free(tj);
	return t;
fail:
	free(t);
	free(tj);
	return NULL;
}

void
p256_table_free(struct p256_table *t)
{
	free(t);
}

void
p256_table_mul(struct p256_jac *r, const struct p256_table *t, const p256_sc *k)
{
	int32_t d[FB_WINDOWS];
	struct p256_aff neg;

	sc_signed_digits(d, FB_WINDOWS, k, FB_W);
	p256_jac_infinity(r);
	for (int w = 0; w < FB_WINDOWS; w++) {
		if (d[w] > 0) {
			p256_jac_add_aff(r, r, &t->t[w][d[w] - 1]);
		} else if (d[w] < 0) {
			p256_aff_neg(&neg, &t->t[w][-d[w] - 1]);
			p256_jac_add_aff(r, r, &neg);
		}
	}
}

static struct p256_table *p256_gtab;
static pthread_once_t p256_gtab_once = PTHREAD_ONCE_INIT;

static void
gtab_init(void)
{
	p256_gtab = p256_table_new(p256_generator());
}

const struct p256_table *
p256_generator_table(void)
{
	pthread_once(&p256_gtab_once, gtab_init);
	return p256_gtab;
}
