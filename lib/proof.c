/* proof.c: disjunctive Chaum–Pedersen proofs of set membership.
 * For each member m_i: commitments a_i = s_i·G − c_i·A and
 * b_i = s_i·Y − c_i·(B − m_i·G); the proof is valid when
 * Σ c_i = H(election, Y, A, B, context, S, a_0, b_0, ..., a_k-1, b_k-1)
 * and the 2k commitment equations hold. The proof carries a_i, b_i, so
 * the verifier hashes them (compressed) and checks the equations in a
 * batch (docs/protocol.md §5, docs/performance.md). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "buf.h"
#include "group.h"
#include "h2s.h"
#include "p256.h"
#include "proof.h"

void
proof_commit_compress(unsigned char out[GROUP_POINT_LEN],
    const unsigned char full[GROUP_POINT_FULL_LEN])
{
	out[0] = (unsigned char)(0x02 | (full[GROUP_POINT_FULL_LEN - 1] & 1));
	memcpy(out + 1, full + 1, 32);
}

/* A commitment as a part of the transcript: its compressed form. */
static void
part_commit(struct buf *t, const unsigned char full[GROUP_POINT_FULL_LEN])
{
	unsigned char b[GROUP_POINT_LEN];

	proof_commit_compress(b, full);
	h2s_part(t, b, sizeof(b));
}

/* SEC1 uncompressed; the point at infinity (probability 2^-256 for a
 * commitment) has no encoding. */
static int
commit_bytes(const EC_POINT *p, unsigned char out[GROUP_POINT_FULL_LEN], BN_CTX *ctx)
{
	if (EC_POINT_is_at_infinity(group_curve(), p))
		return -1;
	return EC_POINT_point2oct(group_curve(), p, POINT_CONVERSION_UNCOMPRESSED, out,
	    GROUP_POINT_FULL_LEN, ctx) == GROUP_POINT_FULL_LEN ? 0 : -1;
}

/* The statement part of the transcript, before the commitments. */
static void
proof_statement(const struct proof_ctx *pc, const EC_POINT *a, const EC_POINT *b,
    const unsigned *set, size_t k, struct buf *t)
{
	h2s_part(t, pc->election, sizeof(pc->election));
	h2s_part_point(t, pc->y, pc->bn);
	h2s_part_point(t, a, pc->bn);
	h2s_part_point(t, b, pc->bn);
	h2s_part_str(t, pc->context);
	h2s_part_u64(t, k);
	for (size_t i = 0; i < k; i++)
		h2s_part_u64(t, set[i]);
}

/* a_i = s·G − c·A; b_i = s·Y − c·(B − m·G) = s·Y + (c·m)·G − c·B. */
static int
proof_commit(const struct proof_ctx *pc, const EC_POINT *a, const EC_POINT *b,
    unsigned m, const BIGNUM *c, const BIGNUM *s, EC_POINT *ca, EC_POINT *cb)
{
	const EC_GROUP *g = group_curve();
	const BIGNUM *n = group_order();
	BIGNUM *negc = BN_new(), *cm = BN_new();
	EC_POINT *tmp = EC_POINT_new(g);
	int rc = -1;

	if (negc == NULL || cm == NULL || tmp == NULL ||
	    BN_mod_sub(negc, n, c, n, pc->bn) != 1 ||
	    BN_set_word(cm, m) != 1 || BN_mod_mul(cm, cm, c, n, pc->bn) != 1)
		goto out;
	if (group_mul2(ca, s, a, negc, pc->bn) == -1 ||          /* s·G − c·A */
	    group_mul2(tmp, cm, b, negc, pc->bn) == -1 ||        /* (c·m)·G − c·B */
	    EC_POINT_mul(g, cb, NULL, pc->y, s, pc->bn) != 1 ||  /* s·Y */
	    EC_POINT_add(g, cb, cb, tmp, pc->bn) != 1)
		goto out;
	rc = 0;
out:
	BN_free(negc);
	BN_free(cm);
	EC_POINT_free(tmp);
	return rc;
}

/* Real commitment of the true branch: w·G, w·Y. */
static int
proof_commit_real(const struct proof_ctx *pc, const BIGNUM *w, EC_POINT *ca, EC_POINT *cb)
{
	return group_mul2(ca, w, NULL, NULL, pc->bn) == -1 ||
	    EC_POINT_mul(group_curve(), cb, NULL, pc->y, w, pc->bn) != 1 ? -1 : 0;
}

int
proof_prove(const struct proof_ctx *pc, const EC_POINT *a, const EC_POINT *b,
    const BIGNUM *r, const unsigned *set, size_t k, size_t t, struct proof *out,
    struct err *e)
{
	const BIGNUM *n = group_order();
	EC_POINT *ca = EC_POINT_new(group_curve()), *cb = EC_POINT_new(group_curve());
	BIGNUM *w = BN_new(), *c = BN_new(), *ci = BN_new(), *si = BN_new();
	struct buf tr = BUF_INIT;
	int rc = -1;

	if (k == 0 || k > PROOF_MAX_SET || t >= k)
		return err_set(e, "preuve : ensemble invalide");
	out->k = 0;
	if (w == NULL || c == NULL || ci == NULL || si == NULL)
		goto fail;
	proof_statement(pc, a, b, set, k, &tr);
	if (group_random_scalar(w, pc->bn, e) == -1)
		goto out;
	BN_zero(c); /* Σ_{i≠t} c_i */
	for (size_t i = 0; i < k; i++) {
		if (i == t) {
			if (proof_commit_real(pc, w, ca, cb) == -1)
				goto fail;
		} else if (group_random_scalar(ci, pc->bn, e) == -1 ||
		    group_random_scalar(si, pc->bn, e) == -1 ||
		    proof_commit(pc, a, b, set[i], ci, si, ca, cb) == -1 ||
		    p256_sc_from_bn(&out->c[i], ci) == -1 || p256_sc_from_bn(&out->s[i], si) == -1 ||
		    BN_mod_add(c, c, ci, n, pc->bn) != 1) {
			goto fail;
		}
		/* A commitment at infinity (probability 2^-256) has no
		 * encoding: the proof fails and the caller may retry. */
		if (commit_bytes(ca, out->ca[i], pc->bn) == -1 ||
		    commit_bytes(cb, out->cb[i], pc->bn) == -1)
			goto fail;
		part_commit(&tr, out->ca[i]);
		part_commit(&tr, out->cb[i]);
	}
	/* c_t = H − Σ_{i≠t} c_i ; s_t = w + c_t·r */
	if (h2s_scalar(&tr, PROOF_DST, ci, pc->bn) == -1 ||
	    BN_mod_sub(c, ci, c, n, pc->bn) != 1 ||
	    BN_mod_mul(si, c, r, n, pc->bn) != 1 ||
	    BN_mod_add(si, si, w, n, pc->bn) != 1 ||
	    p256_sc_from_bn(&out->c[t], c) == -1 || p256_sc_from_bn(&out->s[t], si) == -1)
		goto fail;
	out->k = k;
	rc = 0;
	goto out;
fail:
	err_set(e, "preuve : calcul impossible");
out:
	BN_clear_free(w);
	BN_clear_free(si); /* s_t = w + c_t·r would give r away with w */
	BN_free(c);
	BN_free(ci);
	EC_POINT_free(ca);
	EC_POINT_free(cb);
	buf_free(&tr);
	return rc;
}

/* ------------------------------------------------------------ batch */

struct proof_batch {
	struct p256_aff y;
	uint64_t gw[8], yw[8]; /* coefficients of G and Y, summed unreduced */
	struct p256_aff *pt;
	p256_sc *sc;
	size_t n, cap;
	struct p256_aff *base; /* proof_batch_base, with their coefficients */
	p256_sc *bk;
	size_t nbase, capbase;
	/* the weights, drawn 4 kB at a time: one CSPRNG call per ~30 proofs
	 * instead of one per proof (~1.5 % of a verification) */
	unsigned char rnd[4096];
	size_t rpos;
};

/* len ≤ sizeof(b->rnd) fresh random bytes, never handed out twice. */
static int
batch_random(struct proof_batch *b, void *out, size_t len)
{
	if (len > sizeof(b->rnd))
		return -1;
	if (len > sizeof(b->rnd) - b->rpos) {
		if (RAND_bytes(b->rnd, (int)sizeof(b->rnd)) != 1)
			return -1;
		b->rpos = 0;
	}
	memcpy(out, b->rnd + b->rpos, len);
	OPENSSL_cleanse(b->rnd + b->rpos, len);
	b->rpos += len;
	return 0;
}

struct proof_batch *
proof_batch_new(const EC_POINT *y, BN_CTX *bn)
{
	struct proof_batch *b = calloc(1, sizeof(*b));

	if (b == NULL)
		return NULL;
	b->rpos = sizeof(b->rnd); /* empty */
	if (p256_aff_from_ec(&b->y, y, bn) == -1) {
		proof_batch_free(b);
		return NULL;
	}
	return b;
}

void
proof_batch_free(struct proof_batch *b)
{
	if (b == NULL)
		return;
	free(b->pt);
	free(b->sc);
	free(b->base);
	free(b->bk);
	OPENSSL_cleanse(b->rnd, sizeof(b->rnd));
	free(b);
}

int
proof_batch_base(struct proof_batch *b, const struct p256_aff *p)
{
	if (b->nbase == b->capbase) {
		size_t cap = b->capbase ? 2 * b->capbase : 128;
		struct p256_aff *base = realloc(b->base, cap * sizeof(*base));
		if (base == NULL)
			return -1;
		b->base = base;
		p256_sc *bk = realloc(b->bk, cap * sizeof(*bk));
		if (bk == NULL)
			return -1;
		b->bk = bk;
		b->capbase = cap;
	}
	if (b->nbase > UINT16_MAX)
		return -1;
	memset(&b->bk[b->nbase], 0, sizeof(b->bk[0]));
	b->base[b->nbase] = *p;
	return (int)b->nbase++;
}

static int batch_term_sc(struct proof_batch *b, const struct p256_aff *p, const p256_sc *k);

/* The coefficient k of point q: on q's registered bases when it has some
 * (and they belong to this batch), else on (−q) as a term of its own. */
static int
batch_coef(struct proof_batch *b, const struct proof_pt *q, const p256_sc *k, int own)
{
	struct p256_aff neg;

	if (!q->lin || own) {
		p256_aff_neg(&neg, &q->p);
		return batch_term_sc(b, &neg, k);
	}
	for (size_t i = 0; i < q->nlin; i++) {
		p256_sc *c = &b->bk[q->lin_idx[i]];
		/* the bases enter negated at the check: same sign as the term */
		if (q->lin_sign[i] > 0)
			p256_sc_add(c, c, k);
		else
			p256_sc_sub(c, c, k);
	}
	return 0;
}

static int
batch_term_sc(struct proof_batch *b, const struct p256_aff *p, const p256_sc *k)
{
	if (b->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 256;
		struct p256_aff *pt = realloc(b->pt, cap * sizeof(*pt));
		if (pt == NULL)
			return -1;
		b->pt = pt;
		p256_sc *sc = realloc(b->sc, cap * sizeof(*sc));
		if (sc == NULL)
			return -1;
		b->sc = sc;
		b->cap = cap;
	}
	b->sc[b->n] = *k;
	b->pt[b->n++] = *p;
	return 0;
}

typedef unsigned __int128 u128;

/* acc += x·y on little-endian 64-bit limbs; acc has 8 limbs, and every
 * sum of a ballot stays far below 2^512 (598 terms < 2^391 each). */
static void
wide_mac(uint64_t acc[8], const uint64_t *x, size_t nx, const uint64_t *y, size_t ny)
{
	for (size_t i = 0; i < nx; i++) {
		u128 c = 0;
		size_t j;
		for (j = 0; j < ny; j++) {
			c += (u128)x[i] * y[j] + acc[i + j];
			acc[i + j] = (uint64_t)c;
			c >>= 64;
		}
		for (j = i + ny; j < 8 && c != 0; j++) {
			c += acc[j];
			acc[j] = (uint64_t)c;
			c >>= 64;
		}
	}
}

/* The 2k equations of one proof, weighted by fresh ρ_i, σ_i < 2^128:
 *   ρ_i·(s_i·G − c_i·A − a_i) + σ_i·(s_i·Y + c_i·m_i·G − c_i·B − b_i)
 * summed into the batch: G and Y get one coefficient each for the whole
 * batch, A and B one per proof, each commitment its own 128-bit weight
 * (on the negated point, so that the scalar stays short). */
static int
batch_add(struct proof_batch *b, const struct proof_pt *a, const struct proof_pt *bb,
    const unsigned *set, size_t k, const struct proof *p, int own, struct err *e)
{
	uint64_t w[PROOF_MAX_SET][2][2], ka[8] = { 0 }, kb[8] = { 0 };
	struct p256_aff ca, cb;
	p256_sc rho, sig, kab, kbb;
	const p256_sc *c, *s;
	int rc = -1;

	if (batch_random(b, w, k * sizeof(w[0])) == -1) {
		err_set(e, "preuve : vérification impossible");
		goto out;
	}
	memset(&rho, 0, sizeof(rho));
	memset(&sig, 0, sizeof(sig));
	for (size_t i = 0; i < k; i++) {
		uint64_t t[8] = { 0 }, m = set[i];
		/* the curve equation, not a square root (ballot version 3) */
		if (p256_aff_decode_full(&ca, p->ca[i]) == -1 ||
		    p256_aff_decode_full(&cb, p->cb[i]) == -1) {
			err_set(e, "preuve : engagement hors de la courbe");
			goto out;
		}
		p256_aff_neg(&ca, &ca);
		p256_aff_neg(&cb, &cb);
		rho.v[0] = w[i][0][0];
		rho.v[1] = w[i][0][1];
		sig.v[0] = w[i][1][0];
		sig.v[1] = w[i][1][1];
		c = &p->c[i];
		s = &p->s[i];
		if (batch_term_sc(b, &ca, &rho) == -1 || batch_term_sc(b, &cb, &sig) == -1)
			goto fail;
		/* G: ρ·s + σ·c·m; Y: σ·s; −A: ρ·c; −B: σ·c (reduced later) */
		wide_mac(b->gw, rho.v, 2, s->v, 4);
		wide_mac(b->yw, sig.v, 2, s->v, 4);
		wide_mac(ka, rho.v, 2, c->v, 4);
		wide_mac(t, sig.v, 2, c->v, 4);
		wide_mac(kb, t, 6, (const uint64_t[]){ 1 }, 1);
		if (m != 0)
			wide_mac(b->gw, t, 6, &m, 1);
	}
	p256_sc_reduce(&kab, ka);
	p256_sc_reduce(&kbb, kb);
	if (batch_coef(b, a, &kab, own) == -1 || batch_coef(b, bb, &kbb, own) == -1)
		goto fail;
	rc = 0;
	goto out;
fail:
	err_set(e, "preuve : vérification impossible");
out:
	OPENSSL_cleanse(w, sizeof(w));
	return rc;
}

/* Y's coefficient in the merged multiplication: added to the term of an
 * equal key already there (ny of them at ys[]), else a term of its own. */
static void
merge_key(struct p256_aff *pt, p256_sc *sc, size_t *n, size_t *ys, size_t *ny,
    const struct p256_aff *y, const p256_sc *k)
{
	for (size_t i = 0; i < *ny; i++) {
		const struct p256_aff *q = &pt[ys[i]];
		if (p256_fe_eq(&q->x, &y->x) && p256_fe_eq(&q->y, &y->y)) {
			p256_sc_add(&sc[ys[i]], &sc[ys[i]], k);
			return;
		}
	}
	ys[(*ny)++] = *n;
	pt[*n] = *y;
	sc[(*n)++] = *k;
}

/* One batch's terms, its bases (negated, as their coefficients are) and
 * its key into the merged arrays; its G coefficient into *gk. */
static void
merge_one(const struct proof_batch *b, struct p256_aff *pt, p256_sc *sc, size_t *n,
    size_t *ys, size_t *ny, p256_sc *gk)
{
	p256_sc k;

	memcpy(pt + *n, b->pt, b->n * sizeof(*pt));
	memcpy(sc + *n, b->sc, b->n * sizeof(*sc));
	*n += b->n;
	for (size_t i = 0; i < b->nbase; i++) {
		p256_aff_neg(&pt[*n], &b->base[i]);
		sc[(*n)++] = b->bk[i];
	}
	p256_sc_reduce(&k, b->gw);
	p256_sc_add(gk, gk, &k);
	p256_sc_reduce(&k, b->yw);
	merge_key(pt, sc, n, ys, ny, &b->y, &k);
}

/* Each equation keeps the weight its own batch drew, so the merged sum
 * is a random combination of all of them: a false one anywhere makes it
 * differ from O but with probability 2^-128, whatever the other batches
 * hold (docs/protocol.md §5). The batches stay usable. Keys need not be
 * equal: a key's terms are merged with an equal one's, else kept apart. */
int
proof_batch_check_all(struct proof_batch *const *b, size_t nb, struct err *e)
{
	struct p256_aff *pt = NULL;
	p256_sc *sc = NULL, gk = { { 0 } };
	size_t n = 0, ny = 0, *ys = NULL, total = 1;
	struct p256_jac r;
	int rc = -1;

	for (size_t i = 0; i < nb; i++)
		total += b[i]->n + b[i]->nbase + 1;
	pt = malloc(total * sizeof(*pt));
	sc = malloc(total * sizeof(*sc));
	ys = malloc((nb + 1) * sizeof(*ys));
	if (pt == NULL || sc == NULL || ys == NULL) {
		err_set(e, "preuve : vérification impossible");
		goto out;
	}
	for (size_t i = 0; i < nb; i++)
		merge_one(b[i], pt, sc, &n, ys, &ny, &gk);
	pt[n] = *p256_generator();
	sc[n++] = gk;
	if (p256_msm(&r, pt, sc, n) == -1) {
		err_set(e, "preuve : vérification impossible");
		goto out;
	}
	if (!p256_jac_is_infinity(&r)) {
		err_set(e, "preuve invalide (engagements incorrects)");
		goto out;
	}
	rc = 0;
out:
	free(pt);
	free(sc);
	free(ys);
	return rc;
}

int
proof_batch_check(struct proof_batch *b, struct err *e)
{
	return proof_batch_check_all(&b, 1, e);
}

/* ------------------------------------------------------------ verify */

int
proof_pt_from_ec(struct proof_pt *r, const EC_POINT *p, BN_CTX *bn)
{
	memset(r, 0, sizeof(*r));
	if (p256_aff_from_ec(&r->p, p, bn) == -1)
		return -1;
	proof_pt_encode(r);
	return 0;
}

void
proof_pt_encode(struct proof_pt *r)
{
	if (p256_aff_encode(r->enc, &r->p) == -1)
		memset(r->enc, 0, sizeof(r->enc));
}

/* A point part of the transcript (docs/protocol.md §3): its encoding, or
 * one zero byte for the point at infinity. */
static void
part_pt(struct buf *t, const struct proof_pt *p)
{
	if (p->p.inf)
		h2s_part(t, "", 1);
	else
		h2s_part(t, p->enc, GROUP_POINT_LEN);
}

int
proof_verify_pt(const struct proof_ctx *pc, const struct proof_pt *y,
    const struct proof_pt *a, const struct proof_pt *b, const unsigned *set,
    size_t k, const struct proof *p, struct proof_batch *batch, struct err *e)
{
	struct proof_batch *own = NULL;
	p256_sc c, sum = { { 0 } };
	struct buf tr = BUF_INIT;
	int rc = -1;

	if (p->k != k || k == 0 || k > PROOF_MAX_SET) {
		err_set(e, "preuve : nombre de branches incorrect");
		goto out;
	}
	h2s_part(&tr, pc->election, sizeof(pc->election));
	part_pt(&tr, y);
	part_pt(&tr, a);
	part_pt(&tr, b);
	h2s_part_str(&tr, pc->context);
	h2s_part_u64(&tr, k);
	for (size_t i = 0; i < k; i++)
		h2s_part_u64(&tr, set[i]);
	for (size_t i = 0; i < k; i++) {
		p256_sc_add(&sum, &sum, &p->c[i]);
		part_commit(&tr, p->ca[i]);
		part_commit(&tr, p->cb[i]);
	}
	if (h2s_scalar_sc(&tr, PROOF_DST, &c) == -1 || !p256_sc_eq(&c, &sum)) {
		err_set(e, "preuve invalide (défi incorrect)");
		goto out;
	}
	if (batch == NULL && (batch = own = proof_batch_new(pc->y, pc->bn)) == NULL) {
		err_set(e, "preuve : vérification impossible");
		goto out;
	}
	if (batch_add(batch, a, b, set, k, p, own != NULL, e) == -1 ||
	    (own != NULL && proof_batch_check(own, e) == -1))
		goto out;
	rc = 0;
out:
	proof_batch_free(own);
	buf_free(&tr);
	return rc;
}

int
proof_verify(const struct proof_ctx *pc, const EC_POINT *a, const EC_POINT *b,
    const unsigned *set, size_t k, const struct proof *p,
    struct proof_batch *batch, struct err *e)
{
	struct proof_pt py, pa, pb;

	if (proof_pt_from_ec(&py, pc->y, pc->bn) == -1 ||
	    proof_pt_from_ec(&pa, a, pc->bn) == -1 || proof_pt_from_ec(&pb, b, pc->bn) == -1)
		return err_set(e, "preuve : point illisible");
	return proof_verify_pt(pc, &py, &pa, &pb, set, k, p, batch, e);
}
