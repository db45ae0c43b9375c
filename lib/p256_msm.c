/* p256_msm.c: scalar and multi-scalar multiplications on P-256 for
 * VERIFICATION ONLY: variable-time (digits pick table entries and branch),
 * so never give these functions a secret scalar (see p256.h).
 *  - p256_mul: one point, width-5 NAF;
 *  - p256_msm: Σ k_i·P_i, Straus (interleaved NAF, doublings shared by all
 *    points) when few points, Pippenger (signed buckets, filled and
 *    summed by batches of affine additions sharing one inversion) when
 *    many;
 *  - fixed-base tables: every signed 7-bit digit of every window
 *    precomputed, so k·B is 37 additions and no doubling. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "p256_fe.h"

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

/* Pippenger with batch-affine buckets. Every window has its own buckets
 * (W windows of 2^(c−1) signed buckets), all filled in one pass over the
 * (point, window) pairs, so that a batch of a few hundred additions rarely
 * hits one bucket twice. A bucket holds an affine point; the additions of
 * a batch are affine (λ = Δy/Δx, 1M + 1S + 3M for their share of one
 * shared inversion by Montgomery's trick) instead of mixed Jacobian ones
 * (7M + 4S). Exceptional cases, decided when the addition is queued:
 *  - empty bucket: the point is copied in, no addition;
 *  - bucket = point: doubling, λ = (3x² − 3)/2y, in the same batch;
 *  - bucket = −point: the bucket becomes empty at once;
 *  - bucket already the target of an addition in this batch: the pair
 *    waits for the next batch (BA_DEFER of them), beyond that it goes
 *    into a Jacobian overflow bucket (mixed addition), so that many
 *    copies of one point cost no more than before.
 * The buckets are then summed per window (running sums, Jacobian) and
 * the windows joined by doublings. */
#define BA_BATCH 512
#define BA_DEFER 512

struct ba_add {
	struct p256_aff *t;  /* target: t += (x2, ·) */
	unsigned char *busy; /* its busy flag, or NULL */
	const p256_fe *x2;   /* the added point's x (t's for a doubling) */
	p256_fe num, den;    /* λ = num / den */
};

struct ba {
	struct p256_aff *bk; /* W × 2^(c−1) affine buckets (inf: empty) */
	struct p256_jac *ov; /* overflow buckets, valid where ovf[b] */
	unsigned char *busy, *ovf;
	struct ba_add add[BA_BATCH + BA_DEFER];
	p256_fe pre[BA_BATCH + BA_DEFER];
	size_t nadd;
};

FE_INLINE int
fe_zero(const p256_fe *a)
{
	return (a->v[0] | a->v[1] | a->v[2] | a->v[3]) == 0;
}

FE_INLINE int
fe_same(const p256_fe *a, const p256_fe *b)
{
	return ((a->v[0] ^ b->v[0]) | (a->v[1] ^ b->v[1]) |
	           (a->v[2] ^ b->v[2]) | (a->v[3] ^ b->v[3])) == 0;
}

/* Queue t += (x, y), t and (x, y) affine, (x, y) not infinity; the cases
 * an affine addition does not cover are settled here. 1 when queued (t
 * must then stay untouched until ba_flush), 0 when already done. */
static int
ba_queue(struct ba *s, struct p256_aff *t, const p256_fe *x, const p256_fe *y)
{
	struct ba_add *a;
	p256_fe u;

	if (t->inf) {
		t->x = *x;
		t->y = *y;
		t->inf = 0;
		return 0;
	}
	a = &s->add[s->nadd];
	fe_sub(&a->den, x, &t->x);
	if (fe_zero(&a->den)) {
		/* T + (−T), or 2T with y = 0 (no such point on P-256) */
		if (!fe_same(y, &t->y) || fe_zero(y)) {
			t->inf = 1;
			return 0;
		}
		fe_sqr(&u, &t->x);
		fe_sub(&u, &u, &P256_ONE);
		fe_add(&a->num, &u, &u);
		fe_add(&a->num, &a->num, &u); /* 3x² − 3 */
		fe_add(&a->den, y, y);
	} else {
		fe_sub(&a->num, y, &t->y);
	}
	a->t = t;
	a->busy = NULL;
	a->x2 = x;
	s->nadd++;
	return 1;
}

/* Queue bucket b += sign(d)·p. 1 when b is busy in this batch. */
static int
ba_push(struct ba *s, uint32_t b, const struct p256_aff *p, int32_t d)
{
	static const p256_fe zero;
	p256_fe y;

	if (s->busy[b])
		return 1;
	y = p->y;
	if (d < 0)
		fe_sub(&y, &zero, &p->y);
	if (ba_queue(s, &s->bk[b], &p->x, &y)) {
		s->add[s->nadd - 1].busy = &s->busy[b];
		s->busy[b] = 1;
	}
	return 0;
}

/* Bucket b's overflow += sign(d)·p (Jacobian, any case). */
static void
ba_overflow(struct ba *s, uint32_t b, const struct p256_aff *p, int32_t d)
{
	struct p256_aff q = *p;

	if (d < 0)
		p256_aff_neg(&q, p);
	if (!s->ovf[b]) {
		p256_jac_from_aff(&s->ov[b], &q);
		s->ovf[b] = 1;
	} else {
		p256_jac_add_aff(&s->ov[b], &s->ov[b], &q);
	}
}

/* The queued additions, with one inversion: prefix products of the
 * denominators, their inverse, then back. No denominator is zero. */
static void
ba_flush(struct ba *s)
{
	p256_fe acc = P256_ONE, inv, t, l;

	if (s->nadd == 0)
		return;
	for (size_t i = 0; i < s->nadd; i++) {
		s->pre[i] = acc;
		fe_mul(&acc, &acc, &s->add[i].den);
	}
	p256_fe_inv(&inv, &acc);
	for (size_t i = s->nadd; i-- > 0;) {
		struct ba_add *a = &s->add[i];
		struct p256_aff *bk = a->t;

		fe_mul(&t, &inv, &s->pre[i]); /* 1 / den_i */
		fe_mul(&inv, &inv, &a->den);
		fe_mul(&l, &a->num, &t);
		fe_sqr(&t, &l);
		fe_sub(&t, &t, &bk->x);
		fe_sub(&t, &t, a->x2); /* x3 = λ² − x1 − x2 */
		fe_sub(&bk->x, &bk->x, &t);
		fe_mul(&l, &l, &bk->x);
		fe_sub(&bk->y, &l, &bk->y); /* y3 = λ(x1 − x3) − y1 */
		bk->x = t;
		if (a->busy != NULL)
			*a->busy = 0;
	}
	s->nadd = 0;
}

/* Pippenger's windows: bits [pos, pos + c) of every scalar as a signed
 * digit, 2^(c−1) buckets from off. Their widths may differ (narrower
 * above the 128-bit weights, where only the long scalars have digits);
 * the last one, of width 1, takes the final carry. */
struct win {
	unsigned pos, c;
	size_t off;
};

/* Σ_b (b+1)·bucket[w][b] for every window w, Horner-joined into r. The
 * running sums (sum += bucket, tot += sum, from the top bucket down) are
 * affine too: the windows' buckets cut into segments of nl (or a whole
 * window when smaller), all segments stepped side by side, so that each
 * step is a batch of independent additions; a segment's (tot, sum) then
 * counts for tot + (its first bucket's offset)·sum, joined in Jacobian. */
static int
ba_reduce(struct ba *s, struct p256_jac *r, const struct win *win, size_t nw)
{
	size_t nl = 1, nlane, nov = 0, nbt = win[nw - 1].off + 1;
	struct p256_aff *sum = NULL, *tot = NULL, *ova = NULL;
	struct p256_jac *ovj = NULL, acc, u, t;
	uint32_t *ovb = NULL;
	int rc = -1;

	/* the shortest segments (most lanes) that fit in one batch */
	for (;;) {
		nlane = 0;
		for (size_t w = 0; w < nw; w++)
			nlane += ((size_t)1 << (win[w].c - 1)) / nl
			             ? ((size_t)1 << (win[w].c - 1)) / nl
			             : 1;
		if (nlane <= BA_BATCH)
			break;
		nl *= 2;
	}
	/* the overflow buckets first, into their affine ones */
	for (size_t b = 0; b < nbt; b++)
		nov += s->ovf[b] && !p256_jac_is_infinity(&s->ov[b]);
	sum = malloc(nlane * sizeof(*sum));
	tot = malloc(nlane * sizeof(*tot));
	ovj = malloc((nov ? nov : 1) * sizeof(*ovj));
	ova = malloc((nov ? nov : 1) * sizeof(*ova));
	ovb = malloc((nov ? nov : 1) * sizeof(*ovb));
	if (sum == NULL || tot == NULL || ovj == NULL || ova == NULL ||
	    ovb == NULL)
		goto out;
	nov = 0;
	for (size_t b = 0; b < nbt; b++)
		if (s->ovf[b] && !p256_jac_is_infinity(&s->ov[b])) {
			ovj[nov] = s->ov[b];
			ovb[nov++] = (uint32_t)b;
		}
	if (p256_batch_to_aff(ova, ovj, nov) == -1)
		goto out;
	for (size_t i = 0; i < nov; i++) {
		if (s->nadd >= BA_BATCH)
			ba_flush(s);
		ba_queue(s, &s->bk[ovb[i]], &ova[i].x, &ova[i].y);
	}
	ba_flush(s);

	for (size_t l = 0; l < nlane; l++)
		sum[l].inf = tot[l].inf = 1;
	for (size_t j = nl; j-- > 0;) {
		size_t l = 0;
		for (size_t w = 0; w < nw; w++) {
			size_t nb = (size_t)1 << (win[w].c - 1);
			for (size_t st = 0; st < nb; st += nl, l++) {
				const struct p256_aff *bk;
				if (j >= nb) /* a window narrower than nl */
					continue;
				bk = &s->bk[win[w].off + st + j];
				if (!bk->inf)
					ba_queue(s, &sum[l], &bk->x, &bk->y);
			}
		}
		ba_flush(s);
		for (l = 0; l < nlane; l++)
			if (!sum[l].inf)
				ba_queue(s, &tot[l], &sum[l].x, &sum[l].y);
		ba_flush(s);
	}

	/* window w = Σ_k tot[w][k] + nl·Σ_k k·sum[w][k]; r by Horner */
	p256_jac_infinity(r);
	for (size_t w = nw, l = nlane; w-- > 0;) {
		size_t nb = (size_t)1 << (win[w].c - 1);
		size_t ns = nb > nl ? nb / nl : 1;
		const struct p256_aff *sw = &sum[l - ns], *tw = &tot[l - ns];
		l -= ns;
		if (w + 1 < nw)
			for (unsigned j = win[w].pos; j < win[w + 1].pos; j++)
				p256_jac_dbl(r, r);
		p256_jac_infinity(&acc);
		p256_jac_infinity(&u);
		for (size_t k = ns; k-- > 1;) {
			p256_jac_add_aff(&acc, &acc, &sw[k]);
			p256_jac_add(&u, &u, &acc);
		}
		for (size_t m = nl; m > 1 && ns > 1; m /= 2)
			p256_jac_dbl(&u, &u);
		t = u;
		for (size_t k = 0; k < ns; k++)
			p256_jac_add_aff(&t, &t, &tw[k]);
		p256_jac_add(r, r, &t);
	}
	for (unsigned j = 0; j < win[0].pos; j++)
		p256_jac_dbl(r, r);
	rc = 0;
out:
	free(sum);
	free(tot);
	free(ovj);
	free(ova);
	free(ovb);
	return rc;
}

/* Windows of width lo up to bit split, then of width hi up to 256,
 * then the carry's. Returns their number (≤ PIP_MAXW). */
#define PIP_MAXW 80
static size_t
pip_layout(struct win *win, unsigned split, unsigned lo, unsigned hi)
{
	size_t nw = 0, off = 0;
	unsigned pos = 0;

	while (pos < 256) {
		unsigned c = pos < split ? lo : hi;
		win[nw].pos = pos;
		win[nw].c = c;
		win[nw++].off = off;
		off += (size_t)1 << (c - 1);
		pos += c;
	}
	win[nw].pos = pos;
	win[nw].c = 1;
	win[nw++].off = off;
	return nw;
}

/* top[b] = 1 + the index of the first window at or above bit b, for b
 * = 0..256 (0 for b = 0): a scalar of b bits has no digit in the
 * windows from there on. */
static void
pip_tops(size_t top[257], const struct win *win, size_t nw)
{
	size_t w = 0;

	top[0] = 0;
	for (unsigned b = 1; b <= 256; b++) {
		while (w + 1 < nw && win[w].pos < b)
			w++;
		top[b] = w + 1;
	}
}

/* The layout of least cost for these scalar lengths (hist: how many
 * scalars have each length), in field multiplications: per (point,
 * window) pair below its scalar's length ~6 for the affine addition and
 * ~3 more for the queueing, the deferred pairs and the overflow; per
 * bucket two affine additions of the reduction, ~7 with their share of
 * the inversions; doublings. Either one width throughout, or (when some
 * scalars are ≤ 128 bits, the verifier's weights) one below bit 128
 * and another above. Fitted on callgrind counts at 730 points (8×7
 * ballot). */
static size_t
pip_choose(struct win *win, const size_t *hist)
{
	unsigned lens[257], nl = 0, best[3] = {256, 8, 8};
	double best_cost = 1e300;
	struct win t[PIP_MAXW];

	for (unsigned b = 0; b <= 256; b++)
		if (hist[b] != 0 && b != 0)
			lens[nl++] = b;
	for (unsigned split = 128; split <= 256; split += 128)
		for (unsigned lo = 4; lo <= 10; lo++)
			for (unsigned hi = 4; hi <= 10; hi++) {
				size_t nw;
				double cost = 0;
				if (split == 256 && hi != lo)
					continue;
				nw = pip_layout(t, split, lo, hi);
				/* lens ascending: one walk over the windows */
				for (size_t i = 0, w = 0; i < nl; i++) {
					while (w + 1 < nw && t[w].pos < lens[i])
						w++;
					cost += 9.0 * (double)hist[lens[i]] *
					        (double)(w + 1);
				}
				for (size_t w = 0; w < nw; w++)
					cost += (double)((size_t)1
					                 << (t[w].c - 1)) *
					            7 +
					        t[w].c * 8;
				if (cost < best_cost) {
					best_cost = cost;
					best[0] = split;
					best[1] = lo;
					best[2] = hi;
				}
			}
	return pip_layout(win, best[0], best[1], best[2]);
}

static unsigned
sc_bitlen(const p256_sc *k)
{
	for (int i = 3; i >= 0; i--)
		if (k->v[i] != 0)
			return (
			    unsigned)(64 * i + 64 - __builtin_clzll(k->v[i]));
	return 0;
}

static int
msm_pippenger(
    struct p256_jac *r, const struct p256_aff *p, const p256_sc *k, size_t n)
{
	unsigned *bits = malloc(n * sizeof(*bits));
	size_t nw, nbt, ndef = 0, hist[257] = {0}, top[257];
	struct win win[PIP_MAXW];
	int32_t *dig = NULL;
	struct ba *s = calloc(1, sizeof(*s));
	struct {
		uint32_t i, w;
	} def[BA_DEFER];
	int rc = -1;

	if (bits == NULL || s == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		bits[i] = p[i].inf ? 0 : sc_bitlen(&k[i]);
		hist[bits[i]]++;
	}
	nw = pip_choose(win, hist);
	nbt = win[nw - 1].off + 1;
	/* the digits above a scalar's length are 0 but the last carry */
	pip_tops(top, win, nw);
	dig = malloc(n * nw * sizeof(*dig));
	s->bk = malloc(nbt * sizeof(*s->bk));
	s->ov = malloc(nbt * sizeof(*s->ov));
	s->busy = calloc(nbt, 1);
	s->ovf = calloc(nbt, 1);
	if (dig == NULL || s->bk == NULL || s->ov == NULL || s->busy == NULL ||
	    s->ovf == NULL)
		goto out;
	for (size_t b = 0; b < nbt; b++)
		s->bk[b].inf = 1;
	for (size_t i = 0; i < n; i++) {
		int32_t carry = 0, *d = &dig[i * nw];
		for (size_t w = 0; w < nw; w++) {
			unsigned c = win[w].c;
			int32_t x =
			    (int32_t)sc_bits(&k[i], win[w].pos, c) + carry;
			carry = x > (1 << (c - 1));
			d[w] = carry ? x - (1 << c) : x;
		}
	}

	/* Fill the buckets: pairs (i, w) in order, deferred ones first. */
	for (size_t i = 0;;) {
		size_t nd = 0;
		for (size_t j = 0; j < ndef; j++) {
			int32_t d = dig[def[j].i * nw + def[j].w];
			uint32_t b =
			    (uint32_t)(win[def[j].w].off + (size_t)abs(d) - 1);
			if (ba_push(s, b, &p[def[j].i], d))
				def[nd++] = def[j];
		}
		ndef = nd;
		/* whole points, so a batch may pass BA_BATCH by < nw */
		for (; i < n && s->nadd < BA_BATCH; i++) {
			for (size_t w = 0; w < top[bits[i]]; w++) {
				int32_t d = dig[i * nw + w];
				uint32_t b;
				if (d == 0)
					continue;
				b = (uint32_t)(win[w].off + (size_t)abs(d) - 1);
				if (!ba_push(s, b, &p[i], d))
					continue;
				if (ndef < BA_DEFER) {
					def[ndef].i = (uint32_t)i;
					def[ndef++].w = (uint32_t)w;
				} else {
					ba_overflow(s, b, &p[i], d);
				}
			}
		}
		/* The last pairs crowd into a few buckets (the top windows
		 * of the scalars have few digit values): an inversion for a
		 * handful of additions would cost more than mixed ones. */
		if (i >= n && s->nadd < BA_BATCH / 8) {
			for (size_t j = 0; j < ndef; j++) {
				int32_t d = dig[def[j].i * nw + def[j].w];
				uint32_t b = (uint32_t)(win[def[j].w].off +
				                        (size_t)abs(d) - 1);
				ba_overflow(s, b, &p[def[j].i], d);
			}
			ndef = 0;
		}
		if (s->nadd == 0 && ndef == 0 && i >= n)
			break;
		ba_flush(s);
	}
	rc = ba_reduce(s, r, win, nw);
out:
	if (s != NULL) {
		free(s->bk);
		free(s->ov);
		free(s->busy);
		free(s->ovf);
	}
	free(s);
	free(dig);
	free(bits);
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
