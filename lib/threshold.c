/* threshold.c: Feldman shares, proofs of knowledge, partial decryptions
 * with Chaum–Pedersen proofs, Lagrange combination. */
#include "config.h"

#include <string.h>

#include <openssl/evp.h>

#include "buf.h"
#include "group.h"
#include "h2s.h"
#include "threshold.h"

int
thr_poly_new(struct thr_poly *p, size_t k, struct err *e)
{
	BN_CTX *ctx = BN_CTX_new();
	int rc = 0;

	memset(p, 0, sizeof(*p));
	if (k == 0 || k > THR_MAX)
		rc = err_set(e, "seuil invalide : %zu", k);
	for (size_t l = 0; rc == 0 && l < k; l++) {
		p->a[l] = BN_secure_new();
		p->k = l + 1;
		rc = group_random_scalar(p->a[l], ctx, e);
	}
	BN_CTX_free(ctx);
	return rc;
}

void
thr_poly_free(struct thr_poly *p)
{
	for (size_t l = 0; l < p->k; l++)
		BN_clear_free(p->a[l]);
	p->k = 0;
}

int
thr_commit(const struct thr_poly *p, EC_POINT **c)
{
	BN_CTX *ctx = BN_CTX_new();
	int rc = 0;

	for (size_t l = 0; rc == 0 && l < p->k; l++)
		rc = group_mul2(c[l], p->a[l], NULL, NULL, ctx);
	BN_CTX_free(ctx);
	return rc;
}

int
thr_eval(const struct thr_poly *p, unsigned x, BIGNUM *out)
{
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *bx = BN_new();
	int rc = -1;

	/* Horner: f(x) = a_0 + x(a_1 + x(a_2 + ...)) mod n */
	if (ctx == NULL || bx == NULL || BN_set_word(bx, x) != 1)
		goto out;
	BN_zero(out);
	for (size_t l = p->k; l-- > 0;)
		if (BN_mod_mul(out, out, bx, group_order(), ctx) != 1 ||
		    BN_mod_add(out, out, p->a[l], group_order(), ctx) != 1)
			goto out;
	rc = 0;
out:
	BN_free(bx);
	BN_CTX_free(ctx);
	return rc;
}

int
thr_expected(EC_POINT *const *c, size_t k, unsigned x, EC_POINT *out)
{
	const EC_GROUP *g = group_curve();
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *pw = BN_new(), *bx = BN_new();
	EC_POINT *t = EC_POINT_new(g);
	int rc = -1;

	if (ctx == NULL || pw == NULL || bx == NULL || t == NULL || BN_set_word(bx, x) != 1)
		goto out;
	BN_one(pw);
	EC_POINT_set_to_infinity(g, out);
	for (size_t l = 0; l < k; l++) {
		if (EC_POINT_mul(g, t, NULL, c[l], pw, ctx) != 1 || EC_POINT_add(g, out, out, t, ctx) != 1 ||
		    BN_mod_mul(pw, pw, bx, group_order(), ctx) != 1)
			goto out;
	}
	rc = 0;
out:
	BN_free(pw);
	BN_free(bx);
	EC_POINT_free(t);
	BN_CTX_free(ctx);
	return rc;
}

int
thr_share_ok(EC_POINT *const *c, size_t k, unsigned x, const BIGNUM *share)
{
	const EC_GROUP *g = group_curve();
	EC_POINT *want = EC_POINT_new(g), *got = EC_POINT_new(g);
	BN_CTX *ctx = BN_CTX_new();
	int ok = 0;

	if (thr_expected(c, k, x, want) == 0 && group_mul2(got, share, NULL, NULL, ctx) == 0)
		ok = EC_POINT_cmp(g, want, got, ctx) == 0;
	EC_POINT_free(want);
	EC_POINT_free(got);
	BN_CTX_free(ctx);
	return ok;
}

/* ---------------------------------------------------------------- proofs */

/* H(dst; election, label, points...) */
static int
thr_challenge(const char *dst, const unsigned char election[32], const char *label,
    EC_POINT *const *pts, size_t n, BIGNUM *out)
{
	struct buf t = BUF_INIT;
	BN_CTX *ctx = BN_CTX_new();
	int rc;

	h2s_part(&t, election, 32);
	h2s_part_str(&t, label);
	for (size_t i = 0; i < n; i++)
		h2s_part_point(&t, pts[i], ctx);
	rc = h2s_scalar(&t, dst, out, ctx);
	buf_free(&t);
	BN_CTX_free(ctx);
	return rc;
}

/* r = w + c·x mod n */
static int
thr_response(const BIGNUM *w, const BIGNUM *c, const BIGNUM *x, BIGNUM *r)
{
	BN_CTX *ctx = BN_CTX_new();
	int rc = BN_mod_mul(r, c, x, group_order(), ctx) == 1 &&
	    BN_mod_add(r, r, w, group_order(), ctx) == 1 ? 0 : -1;

	BN_CTX_free(ctx);
	return rc;
}

int
thr_pok_prove(const unsigned char election[32], unsigned dealer, const BIGNUM *a0,
    const EC_POINT *c0, BIGNUM *c, BIGNUM *z)
{
	EC_POINT *t = EC_POINT_new(group_curve());
	BIGNUM *w = BN_secure_new();
	BN_CTX *ctx = BN_CTX_new();
	char label[32];
	struct err e;
	int rc = -1;

	snprintf(label, sizeof(label), "dealer=%u", dealer);
	if (group_random_scalar(w, ctx, &e) == 0 && group_mul2(t, w, NULL, NULL, ctx) == 0 &&
	    thr_challenge("isoloir-v1-dkg-pok", election, label,
	    (EC_POINT *[]){ (EC_POINT *)c0, t }, 2, c) == 0)
		rc = thr_response(w, c, a0, z);
	BN_clear_free(w);
	EC_POINT_free(t);
	BN_CTX_free(ctx);
	return rc;
}

int
thr_pok_verify(const unsigned char election[32], unsigned dealer, const EC_POINT *c0,
    const BIGNUM *c, const BIGNUM *z)
{
	EC_POINT *t = EC_POINT_new(group_curve());
	BIGNUM *negc = BN_new(), *want = BN_new();
	BN_CTX *ctx = BN_CTX_new();
	char label[32];
	int ok = 0;

	/* t = z·G − c·C0 */
	snprintf(label, sizeof(label), "dealer=%u", dealer);
	if (BN_mod_sub(negc, group_order(), c, group_order(), ctx) == 1 &&
	    group_mul2(t, z, c0, negc, ctx) == 0 &&
	    thr_challenge("isoloir-v1-dkg-pok", election, label,
	    (EC_POINT *[]){ (EC_POINT *)c0, t }, 2, want) == 0)
		ok = BN_cmp(want, c) == 0;
	EC_POINT_free(t);
	BN_free(negc);
	BN_free(want);
	BN_CTX_free(ctx);
	return ok;
}

int
thr_partial(const unsigned char election[32], const char *context, const BIGNUM *s,
    const EC_POINT *yx, const EC_POINT *a, EC_POINT *d, BIGNUM *c, BIGNUM *r)
{
	const EC_GROUP *g = group_curve();
	EC_POINT *t1 = EC_POINT_new(g), *t2 = EC_POINT_new(g);
	BIGNUM *w = BN_secure_new();
	BN_CTX *ctx = BN_CTX_new();
	struct err e;
	int rc = -1;

	if (EC_POINT_mul(g, d, NULL, a, s, ctx) == 1 && group_random_scalar(w, ctx, &e) == 0 &&
	    group_mul2(t1, w, NULL, NULL, ctx) == 0 && EC_POINT_mul(g, t2, NULL, a, w, ctx) == 1 &&
	    thr_challenge("isoloir-v1-decrypt", election, context,
	    (EC_POINT *[]){ (EC_POINT *)yx, (EC_POINT *)a, d, t1, t2 }, 5, c) == 0)
		rc = thr_response(w, c, s, r);
	BN_clear_free(w);
	EC_POINT_free(t1);
	EC_POINT_free(t2);
	BN_CTX_free(ctx);
	return rc;
}

int
thr_partial_verify(const unsigned char election[32], const char *context,
    const EC_POINT *yx, const EC_POINT *a, const EC_POINT *d, const BIGNUM *c,
    const BIGNUM *r)
{
	const EC_GROUP *g = group_curve();
	EC_POINT *t1 = EC_POINT_new(g), *t2 = EC_POINT_new(g);
	BIGNUM *negc = BN_new(), *want = BN_new();
	BN_CTX *ctx = BN_CTX_new();
	int ok = 0;

	/* t1 = r·G − c·Y_x ; t2 = r·A − c·d */
	if (BN_mod_sub(negc, group_order(), c, group_order(), ctx) == 1 &&
	    group_mul2(t1, r, yx, negc, ctx) == 0 &&
	    EC_POINT_mul(g, t2, NULL, a, r, ctx) == 1) {
		EC_POINT *cd = EC_POINT_new(g);
		if (cd != NULL && EC_POINT_mul(g, cd, NULL, d, negc, ctx) == 1 &&
		    EC_POINT_add(g, t2, t2, cd, ctx) == 1 &&
		    thr_challenge("isoloir-v1-decrypt", election, context,
		    (EC_POINT *[]){ (EC_POINT *)yx, (EC_POINT *)a, (EC_POINT *)d, t1, t2 }, 5, want) == 0)
			ok = BN_cmp(want, c) == 0;
		EC_POINT_free(cd);
	}
	EC_POINT_free(t1);
	EC_POINT_free(t2);
	BN_free(negc);
	BN_free(want);
	BN_CTX_free(ctx);
	return ok;
}

int
thr_lagrange(const unsigned *xs, size_t m, size_t i, BIGNUM *out)
{
	const BIGNUM *n = group_order();
	BIGNUM *num = BN_new(), *den = BN_new(), *t = BN_new();
	BN_CTX *ctx = BN_CTX_new();
	int rc = -1;

	BN_one(num);
	BN_one(den);
	for (size_t j = 0; j < m; j++) {
		if (j == i)
			continue;
		if (xs[j] == xs[i] || BN_set_word(t, xs[j]) != 1 || BN_mod_mul(num, num, t, n, ctx) != 1)
			goto out;
		/* den *= x_j − x_i */
		BN_set_word(t, xs[j]);
		BIGNUM *xi = BN_new();
		BN_set_word(xi, xs[i]);
		BN_mod_sub(t, t, xi, n, ctx);
		BN_free(xi);
		if (BN_mod_mul(den, den, t, n, ctx) != 1)
			goto out;
	}
	if (BN_mod_inverse(den, den, n, ctx) == NULL || BN_mod_mul(out, num, den, n, ctx) != 1)
		goto out;
	rc = 0;
out:
	BN_free(num);
	BN_free(den);
	BN_free(t);
	BN_CTX_free(ctx);
	return rc;
}

int
thr_combine(const unsigned *xs, EC_POINT *const *d, size_t m, const EC_POINT *b, EC_POINT *out)
{
	const EC_GROUP *g = group_curve();
	EC_POINT *sa = EC_POINT_new(g), *t = EC_POINT_new(g);
	BIGNUM *l = BN_new();
	BN_CTX *ctx = BN_CTX_new();
	int rc = -1;

	EC_POINT_set_to_infinity(g, sa);
	for (size_t i = 0; i < m; i++)
		if (thr_lagrange(xs, m, i, l) == -1 || EC_POINT_mul(g, t, NULL, d[i], l, ctx) != 1 ||
		    EC_POINT_add(g, sa, sa, t, ctx) != 1)
			goto out;
	if (EC_POINT_invert(g, sa, ctx) != 1 || EC_POINT_add(g, out, b, sa, ctx) != 1)
		goto out;
	rc = 0;
out:
	EC_POINT_free(sa);
	EC_POINT_free(t);
	BN_free(l);
	BN_CTX_free(ctx);
	return rc;
}

void
thr_group_fingerprint(const unsigned char election[32], const char *group, unsigned char out[32])
{
	static const char tag[] = "isoloir-v1-group";
	unsigned len = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	/* the tag with its NUL, then F, then the group's name */
	if (c == NULL || EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1 ||
	    EVP_DigestUpdate(c, tag, sizeof(tag)) != 1 || EVP_DigestUpdate(c, election, 32) != 1 ||
	    EVP_DigestUpdate(c, group, strlen(group)) != 1 || EVP_DigestFinal_ex(c, out, &len) != 1)
		memset(out, 0, 32);   /* never a valid fingerprint: every proof then fails */
	EVP_MD_CTX_free(c);
}
