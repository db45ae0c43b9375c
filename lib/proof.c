/* proof.c: disjunctive Chaum–Pedersen proofs of set membership.
 * For each member m_i: commitments a_i = s_i·G − c_i·A and
 * b_i = s_i·Y − c_i·(B − m_i·G); the proof is valid when
 * Σ c_i = H(election, Y, A, B, context, S, a_0, b_0, ..., a_k-1, b_k-1). */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "group.h"
#include "h2s.h"
#include "proof.h"

void
proof_init(struct proof *p, size_t k)
{
	memset(p, 0, sizeof(*p));
	p->k = k;
	for (size_t i = 0; i < k; i++) {
		p->c[i] = BN_new();
		p->s[i] = BN_new();
	}
}

void
proof_free(struct proof *p)
{
	for (size_t i = 0; i < p->k; i++) {
		BN_free(p->c[i]);
		BN_free(p->s[i]);
	}
	p->k = 0;
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
	BIGNUM *w = BN_new(), *c = BN_new();
	struct buf tr = BUF_INIT;
	int rc = -1;

	if (k == 0 || k > PROOF_MAX_SET || t >= k)
		return err_set(e, "preuve : ensemble invalide");
	proof_init(out, k);
	proof_statement(pc, a, b, set, k, &tr);
	if (group_random_scalar(w, pc->bn, e) == -1)
		goto out;
	for (size_t i = 0; i < k; i++) {
		if (i == t) {
			if (proof_commit_real(pc, w, ca, cb) == -1)
				goto fail;
		} else if (group_random_scalar(out->c[i], pc->bn, e) == -1 ||
		    group_random_scalar(out->s[i], pc->bn, e) == -1 ||
		    proof_commit(pc, a, b, set[i], out->c[i], out->s[i], ca, cb) == -1) {
			goto fail;
		}
		h2s_part_point(&tr, ca, pc->bn);
		h2s_part_point(&tr, cb, pc->bn);
	}
	if (h2s_scalar(&tr, PROOF_DST, c, pc->bn) == -1)
		goto fail;
	/* c_t = c − Σ_{i≠t} c_i ; s_t = w + c_t·r */
	for (size_t i = 0; i < k; i++)
		if (i != t && BN_mod_sub(c, c, out->c[i], n, pc->bn) != 1)
			goto fail;
	if (BN_copy(out->c[t], c) == NULL ||
	    BN_mod_mul(out->s[t], c, r, n, pc->bn) != 1 ||
	    BN_mod_add(out->s[t], out->s[t], w, n, pc->bn) != 1)
		goto fail;
	rc = 0;
	goto out;
fail:
	err_set(e, "preuve : calcul impossible");
out:
	if (rc == -1)
		proof_free(out);
	BN_clear_free(w);
	BN_free(c);
	EC_POINT_free(ca);
	EC_POINT_free(cb);
	buf_free(&tr);
	return rc;
}

int
proof_verify(const struct proof_ctx *pc, const EC_POINT *a, const EC_POINT *b,
    const unsigned *set, size_t k, const struct proof *p, struct err *e)
{
	const BIGNUM *n = group_order();
	EC_POINT *ca = EC_POINT_new(group_curve()), *cb = EC_POINT_new(group_curve());
	BIGNUM *c = BN_new(), *sum = BN_new();
	struct buf tr = BUF_INIT;
	int rc = -1;

	if (p->k != k || k == 0 || k > PROOF_MAX_SET) {
		err_set(e, "preuve : nombre de branches incorrect");
		goto out;
	}
	BN_zero(sum);
	proof_statement(pc, a, b, set, k, &tr);
	for (size_t i = 0; i < k; i++) {
		if (proof_commit(pc, a, b, set[i], p->c[i], p->s[i], ca, cb) == -1 ||
		    BN_mod_add(sum, sum, p->c[i], n, pc->bn) != 1) {
			err_set(e, "preuve : calcul impossible");
			goto out;
		}
		h2s_part_point(&tr, ca, pc->bn);
		h2s_part_point(&tr, cb, pc->bn);
	}
	if (h2s_scalar(&tr, PROOF_DST, c, pc->bn) == -1 || BN_cmp(c, sum) != 0) {
		err_set(e, "preuve invalide (défi incorrect)");
		goto out;
	}
	rc = 0;
out:
	BN_free(c);
	BN_free(sum);
	EC_POINT_free(ca);
	EC_POINT_free(cb);
	buf_free(&tr);
	return rc;
}
