/* p256_point.c: P-256 points (y² = x³ − 3x + b) in affine and Jacobian
 * coordinates, their SEC1 encodings and the bridge to OpenSSL.
 * VARIABLE-TIME, public data only (see p256.h). The formulas are the
 * standard ones for a = −3 (Bernstein–Lange Explicit-Formulas Database:
 * dbl-2001-b, add-2007-bl, madd-2007-bl); the exceptional cases they do
 * not cover (infinity, P + P, P + (−P)) are tested before use. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "group.h"
#include "p256_fe.h"

static struct p256_aff p256_g;
static p256_fe p256_b;
static pthread_once_t p256_once = PTHREAD_ONCE_INIT;

static void
p256_init(void)
{
	static const unsigned char b[32] = {0x5a, 0xc6, 0x35, 0xd8, 0xaa, 0x3a,
	    0x93, 0xe7, 0xb3, 0xeb, 0xbd, 0x55, 0x76, 0x98, 0x86, 0xbc, 0x65,
	    0x1d, 0x06, 0xb0, 0xcc, 0x53, 0xb0, 0xf6, 0x3b, 0xce, 0x3c, 0x3e,
	    0x27, 0xd2, 0x60, 0x4b};
	static const unsigned char gx[32] = {0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c,
	    0x42, 0x47, 0xf8, 0xbc, 0xe6, 0xe5, 0x63, 0xa4, 0x40, 0xf2, 0x77,
	    0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0, 0xf4, 0xa1, 0x39, 0x45,
	    0xd8, 0x98, 0xc2, 0x96};
	static const unsigned char gy[32] = {0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a,
	    0x7f, 0x9b, 0x8e, 0xe7, 0xeb, 0x4a, 0x7c, 0x0f, 0x9e, 0x16, 0x2b,
	    0xce, 0x33, 0x57, 0x6b, 0x31, 0x5e, 0xce, 0xcb, 0xb6, 0x40, 0x68,
	    0x37, 0xbf, 0x51, 0xf5};

	p256_fe_from_bytes(&p256_b, b);
	p256_fe_from_bytes(&p256_g.x, gx);
	p256_fe_from_bytes(&p256_g.y, gy);
	p256_g.inf = 0;
}

const struct p256_aff *
p256_generator(void)
{
	pthread_once(&p256_once, p256_init);
	return &p256_g;
}

void
p256_jac_infinity(struct p256_jac *r)
{
	memset(r, 0, sizeof(*r));
	p256_fe_one(&r->x);
	p256_fe_one(&r->y);
}

int
p256_jac_is_infinity(const struct p256_jac *p)
{
	return p256_fe_is_zero(&p->z);
}

void
p256_jac_from_aff(struct p256_jac *r, const struct p256_aff *a)
{
	if (a->inf) {
		p256_jac_infinity(r);
		return;
	}
	r->x = a->x;
	r->y = a->y;
	p256_fe_one(&r->z);
}

/* dbl-2001-b (a = −3): 3M + 5S. Infinity doubles to infinity (Z3 = 0). */
void
p256_jac_dbl(struct p256_jac *r, const struct p256_jac *p)
{
	p256_fe delta, gamma, beta, alpha, t, u;

	fe_sqr(&delta, &p->z);
	fe_sqr(&gamma, &p->y);
	fe_mul(&beta, &p->x, &gamma);
	fe_sub(&t, &p->x, &delta);
	fe_add(&u, &p->x, &delta);
	fe_mul(&alpha, &t, &u);
	fe_add(&t, &alpha, &alpha);
	fe_add(&alpha, &t, &alpha); /* alpha = 3(X − δ)(X + δ) */
	fe_add(&t, &p->y, &p->z);
	fe_sqr(&t, &t);
	fe_sub(&t, &t, &gamma);
	fe_sub(&r->z, &t, &delta); /* Z3 = (Y + Z)² − γ − δ */
	fe_add(&beta, &beta, &beta);
	fe_add(&beta, &beta, &beta); /* 4β */
	fe_sqr(&t, &alpha);
	fe_sub(&t, &t, &beta);
	fe_sub(&r->x, &t, &beta); /* X3 = α² − 8β */
	fe_sub(&u, &beta, &r->x);
	fe_mul(&u, &alpha, &u);
	fe_sqr(&gamma, &gamma);
	fe_add(&gamma, &gamma, &gamma);
	fe_add(&gamma, &gamma, &gamma);
	fe_add(&gamma, &gamma, &gamma); /* 8γ² */
	fe_sub(&r->y, &u, &gamma);
}

/* add-2007-bl: 11M + 5S. */
void
p256_jac_add(
    struct p256_jac *r, const struct p256_jac *p, const struct p256_jac *q)
{
	p256_fe z1z1, z2z2, u1, u2, s1, s2, h, i, j, rr, v, t;

	if (p256_jac_is_infinity(p)) {
		*r = *q;
		return;
	}
	if (p256_jac_is_infinity(q)) {
		*r = *p;
		return;
	}
	fe_sqr(&z1z1, &p->z);
	fe_sqr(&z2z2, &q->z);
	fe_mul(&u1, &p->x, &z2z2);
	fe_mul(&u2, &q->x, &z1z1);
	fe_mul(&s1, &p->y, &q->z);
	fe_mul(&s1, &s1, &z2z2);
	fe_mul(&s2, &q->y, &p->z);
	fe_mul(&s2, &s2, &z1z1);
	fe_sub(&h, &u2, &u1);
	fe_sub(&rr, &s2, &s1);
	if (p256_fe_is_zero(&h)) {
		if (p256_fe_is_zero(&rr)) /* P = Q */
			p256_jac_dbl(r, p);
		else /* P = −Q */
			p256_jac_infinity(r);
		return;
	}
	fe_add(&rr, &rr, &rr);
	fe_add(&i, &h, &h);
	fe_sqr(&i, &i);
	fe_mul(&j, &h, &i);
	fe_mul(&v, &u1, &i);
	fe_add(&t, &p->z, &q->z); /* Z3 before X, Y: r may alias p or q */
	fe_sqr(&t, &t);
	fe_sub(&t, &t, &z1z1);
	fe_sub(&t, &t, &z2z2);
	fe_mul(&r->z, &t, &h);
	fe_sqr(&t, &rr);
	fe_sub(&t, &t, &j);
	fe_sub(&t, &t, &v);
	fe_sub(&r->x, &t, &v);
	fe_sub(&t, &v, &r->x);
	fe_mul(&t, &rr, &t);
	fe_mul(&s1, &s1, &j);
	fe_add(&s1, &s1, &s1);
	fe_sub(&r->y, &t, &s1);
}

/* madd-2007-bl: 7M + 4S, q affine. */
void
p256_jac_add_aff(
    struct p256_jac *r, const struct p256_jac *p, const struct p256_aff *q)
{
	p256_fe z1z1, u2, s2, h, hh, i, j, rr, v, t, y1;

	if (q->inf) {
		*r = *p;
		return;
	}
	if (p256_jac_is_infinity(p)) {
		p256_jac_from_aff(r, q);
		return;
	}
	fe_sqr(&z1z1, &p->z);
	fe_mul(&u2, &q->x, &z1z1);
	fe_mul(&s2, &q->y, &p->z);
	fe_mul(&s2, &s2, &z1z1);
	fe_sub(&h, &u2, &p->x);
	fe_sub(&rr, &s2, &p->y);
	if (p256_fe_is_zero(&h)) {
		if (p256_fe_is_zero(&rr))
			p256_jac_dbl(r, p);
		else
			p256_jac_infinity(r);
		return;
	}
	fe_add(&rr, &rr, &rr);
	fe_sqr(&hh, &h);
	fe_add(&i, &hh, &hh);
	fe_add(&i, &i, &i);
	fe_mul(&j, &h, &i);
	fe_mul(&v, &p->x, &i);
	y1 = p->y;
	fe_add(&t, &p->z, &h);
	fe_sqr(&t, &t);
	fe_sub(&t, &t, &z1z1);
	fe_sub(&r->z, &t, &hh);
	fe_sqr(&t, &rr);
	fe_sub(&t, &t, &j);
	fe_sub(&t, &t, &v);
	fe_sub(&r->x, &t, &v);
	fe_sub(&t, &v, &r->x);
	fe_mul(&t, &rr, &t);
	fe_mul(&y1, &y1, &j);
	fe_add(&y1, &y1, &y1);
	fe_sub(&r->y, &t, &y1);
}

void
p256_jac_neg(struct p256_jac *r, const struct p256_jac *p)
{
	*r = *p;
	p256_fe_neg(&r->y, &p->y);
}

void
p256_aff_neg(struct p256_aff *r, const struct p256_aff *p)
{
	*r = *p;
	p256_fe_neg(&r->y, &p->y);
}

/* X1·Z2² = X2·Z1² and Y1·Z2³ = Y2·Z1³. */
int
p256_jac_eq(const struct p256_jac *p, const struct p256_jac *q)
{
	p256_fe z1z1, z2z2, a, b;
	int pi = p256_jac_is_infinity(p), qi = p256_jac_is_infinity(q);

	if (pi || qi)
		return pi && qi;
	fe_sqr(&z1z1, &p->z);
	fe_sqr(&z2z2, &q->z);
	fe_mul(&a, &p->x, &z2z2);
	fe_mul(&b, &q->x, &z1z1);
	if (!p256_fe_eq(&a, &b))
		return 0;
	fe_mul(&z2z2, &z2z2, &q->z);
	fe_mul(&z1z1, &z1z1, &p->z);
	fe_mul(&a, &p->y, &z2z2);
	fe_mul(&b, &q->y, &z1z1);
	return p256_fe_eq(&a, &b);
}

static void
jac_to_aff_zi(struct p256_aff *r, const struct p256_jac *p, const p256_fe *zi)
{
	p256_fe zi2;

	fe_sqr(&zi2, zi);
	fe_mul(&r->x, &p->x, &zi2);
	fe_mul(&zi2, &zi2, zi);
	fe_mul(&r->y, &p->y, &zi2);
	r->inf = 0;
}

void
p256_jac_to_aff(struct p256_aff *r, const struct p256_jac *p)
{
	p256_fe zi;

	if (p256_jac_is_infinity(p)) {
		memset(r, 0, sizeof(*r));
		r->inf = 1;
		return;
	}
	p256_fe_inv(&zi, &p->z);
	jac_to_aff_zi(r, p, &zi);
}

/* Montgomery's trick: prefix products of the non-zero Z, one inversion,
 * then walk back. r and p must not overlap. */
int
p256_batch_to_aff(struct p256_aff *r, const struct p256_jac *p, size_t n)
{
	p256_fe *pre, acc, inv, zi;

	if (n == 0)
		return 0;
	if ((pre = malloc(n * sizeof(*pre))) == NULL)
		return -1;
	p256_fe_one(&acc);
	for (size_t i = 0; i < n; i++) {
		pre[i] = acc;
		if (!p256_jac_is_infinity(&p[i]))
			fe_mul(&acc, &acc, &p[i].z);
	}
	p256_fe_inv(&inv, &acc);
	for (size_t i = n; i-- > 0;) {
		if (p256_jac_is_infinity(&p[i])) {
			memset(&r[i], 0, sizeof(r[i]));
			r[i].inf = 1;
			continue;
		}
		fe_mul(&zi, &inv, &pre[i]); /* 1 / Z_i */
		fe_mul(&inv, &inv, &p[i].z);
		jac_to_aff_zi(&r[i], &p[i], &zi);
	}
	free(pre);
	return 0;
}

/* x³ − 3x + b */
static void
curve_rhs(p256_fe *r, const p256_fe *x)
{
	p256_fe t, x3;

	pthread_once(&p256_once, p256_init);
	fe_sqr(&t, x);
	fe_mul(&x3, &t, x);
	fe_add(&t, x, x);
	fe_add(&t, &t, x);
	fe_sub(&x3, &x3, &t);
	fe_add(r, &x3, &p256_b);
}

int
p256_aff_on_curve(const struct p256_aff *p)
{
	p256_fe l, r;

	if (p->inf)
		return 1;
	fe_sqr(&l, &p->y);
	curve_rhs(&r, &p->x);
	return p256_fe_eq(&l, &r);
}

int
p256_aff_decode(struct p256_aff *r, const unsigned char b[33])
{
	unsigned char yb[32];
	p256_fe rhs;

	if (b[0] != 0x02 && b[0] != 0x03)
		return -1;
	if (p256_fe_from_bytes(&r->x, b + 1) == -1)
		return -1;
	curve_rhs(&rhs, &r->x);
	if (p256_fe_sqrt(&r->y, &rhs) == -1)
		return -1;
	p256_fe_to_bytes(yb, &r->y);
	if ((yb[31] & 1) != (b[0] & 1))
		p256_fe_neg(&r->y, &r->y);
	r->inf = 0;
	return 0;
}

/* No square root: the coordinates are given, so the check is the curve
 * equation, y² = x³ − 3x + b (one squaring, two products). */
int
p256_aff_decode_full(struct p256_aff *r, const unsigned char b[65])
{
	if (b[0] != 0x04 || p256_fe_from_bytes(&r->x, b + 1) == -1 ||
	    p256_fe_from_bytes(&r->y, b + 33) == -1)
		return -1;
	r->inf = 0;
	return p256_aff_on_curve(r) ? 0 : -1;
}

int
p256_aff_encode_full(unsigned char b[65], const struct p256_aff *p)
{
	if (p->inf)
		return -1;
	b[0] = 0x04;
	p256_fe_to_bytes(b + 1, &p->x);
	p256_fe_to_bytes(b + 33, &p->y);
	return 0;
}

int
p256_aff_encode(unsigned char b[33], const struct p256_aff *p)
{
	unsigned char yb[32];

	if (p->inf)
		return -1;
	p256_fe_to_bytes(b + 1, &p->x);
	p256_fe_to_bytes(yb, &p->y);
	b[0] = (unsigned char)(0x02 | (yb[31] & 1));
	return 0;
}

int
p256_aff_from_ec(struct p256_aff *r, const EC_POINT *p, BN_CTX *ctx)
{
	unsigned char b[65];

	memset(r, 0, sizeof(*r));
	if (EC_POINT_is_at_infinity(group_curve(), p)) {
		r->inf = 1;
		return 0;
	}
	if (EC_POINT_point2oct(group_curve(), p, POINT_CONVERSION_UNCOMPRESSED,
	        b, sizeof(b), ctx) != sizeof(b) ||
	    p256_fe_from_bytes(&r->x, b + 1) == -1 ||
	    p256_fe_from_bytes(&r->y, b + 33) == -1)
		return -1;
	return p256_aff_on_curve(r) ? 0 : -1;
}

int
p256_aff_to_ec(EC_POINT *r, const struct p256_aff *p, BN_CTX *ctx)
{
	unsigned char b[65];

	if (p->inf)
		return EC_POINT_set_to_infinity(group_curve(), r) == 1 ? 0 : -1;
	b[0] = 0x04;
	p256_fe_to_bytes(b + 1, &p->x);
	p256_fe_to_bytes(b + 33, &p->y);
	return EC_POINT_oct2point(group_curve(), r, b, sizeof(b), ctx) == 1
	           ? 0
	           : -1;
}

int
p256_jac_to_ec(EC_POINT *r, const struct p256_jac *p, BN_CTX *ctx)
{
	struct p256_aff a;

	p256_jac_to_aff(&a, p);
	return p256_aff_to_ec(r, &a, ctx);
}

int
p256_sc_from_bn(p256_sc *r, const BIGNUM *b)
{
	unsigned char buf[32];

	if (BN_is_negative(b) || BN_num_bytes(b) > 32 ||
	    BN_bn2binpad(b, buf, sizeof(buf)) != sizeof(buf))
		return -1;
	for (int i = 0; i < 4; i++) {
		uint64_t w = 0;
		for (int j = 0; j < 8; j++)
			w = w << 8 | buf[(3 - i) * 8 + j];
		r->v[i] = w;
	}
	return 0;
}
