/* group.c: P-256 scalars and points with strict, canonical encodings. */
#include "config.h"

#include <pthread.h>
#include <string.h>

#include <openssl/obj_mac.h>
#include <openssl/rand.h>

#include "group.h"
#include "p256.h"

static EC_GROUP *group_g;
static pthread_once_t group_once = PTHREAD_ONCE_INIT;

static void
group_init(void)
{
	group_g = EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1);
}

const EC_GROUP *
group_curve(void)
{
	pthread_once(&group_once, group_init);
	return group_g;
}

const BIGNUM *
group_order(void)
{
	return EC_GROUP_get0_order(group_curve());
}

const EC_POINT *
group_generator(void)
{
	return EC_GROUP_get0_generator(group_curve());
}

void
group_hex(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Each lowercase hex digit's value + 1; 0 for every other byte (uppercase
 * is not canonical). A table, not comparisons: digits and letters come in
 * random order in points and scalars, and the branches of a comparison
 * chain were mispredicted about half the time (~2 % of a cast's CPU). */
static const unsigned char group_hexval[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
	['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
};

int
group_unhex(const char *hex, unsigned char *out, size_t n)
{
	unsigned bad = 0;

	if (strlen(hex) != 2 * n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned hi = group_hexval[(unsigned char)hex[2 * i]];
		unsigned lo = group_hexval[(unsigned char)hex[2 * i + 1]];

		bad |= (hi == 0) | (lo == 0);
		out[i] = (unsigned char)((hi - 1) << 4 | (lo - 1));
	}
	return bad ? -1 : 0;
}

int
group_scalar_decode(const char *hex, BIGNUM *out, struct err *e)
{
	unsigned char b[32];

	if (hex == NULL || group_unhex(hex, b, sizeof(b)) == -1)
		return err_set(e, "scalaire mal encodé");
	if (BN_bin2bn(b, sizeof(b), out) == NULL)
		return err_set(e, "scalaire illisible");
	if (BN_cmp(out, group_order()) >= 0)
		return err_set(e, "scalaire hors du groupe (≥ n)");
	return 0;
}

int
group_scalar_decode_sc(const char *hex, p256_sc *out, struct err *e)
{
	unsigned char b[32];

	if (hex == NULL || group_unhex(hex, b, sizeof(b)) == -1)
		return err_set(e, "scalaire mal encodé");
	if (p256_sc_from_bytes(out, b) == -1)
		return err_set(e, "scalaire hors du groupe (≥ n)");
	return 0;
}

void
group_scalar_encode_sc(const p256_sc *s, char out[GROUP_SCALAR_HEX + 1])
{
	unsigned char b[32];

	p256_sc_to_bytes(b, s);
	group_hex(b, sizeof(b), out);
}

void
group_scalar_encode(const BIGNUM *s, char out[GROUP_SCALAR_HEX + 1])
{
	unsigned char b[32];

	BN_bn2binpad(s, b, sizeof(b));
	group_hex(b, sizeof(b), out);
}

int
group_point_decode(const char *hex, EC_POINT *out, BN_CTX *ctx, struct err *e)
{
	unsigned char b[GROUP_POINT_LEN];
	struct p256_aff a;

	if (hex == NULL || group_unhex(hex, b, sizeof(b)) == -1)
		return err_set(e, "point mal encodé");
	if (b[0] != 0x02 && b[0] != 0x03)
		return err_set(e, "point non compressé ou à l'infini");
	/* Public data: our own square root (lib/p256_field.c, ~2× OpenSSL's
	 * generic BN_mod_sqrt, which decoding ballots and totals spends most
	 * of its time in), then OpenSSL's own check of the curve equation. */
	if (p256_aff_decode(&a, b) == -1 || p256_aff_to_ec(out, &a, ctx) == -1)
		return err_set(e, "point hors de la courbe");
	return 0;
}

int
group_point_decode_full(const char *hex, unsigned char out[GROUP_POINT_FULL_LEN],
    struct p256_aff *a, struct err *e)
{
	if (hex == NULL || group_unhex(hex, out, GROUP_POINT_FULL_LEN) == -1)
		return err_set(e, "point mal encodé");
	if (out[0] != 0x04)
		return err_set(e, "point compressé ou à l'infini (04 attendu)");
	if (p256_fe_from_bytes(&a->x, out + 1) == -1 || p256_fe_from_bytes(&a->y, out + 33) == -1)
		return err_set(e, "coordonnée de point hors du corps (≥ p)");
	a->inf = 0;
	if (!p256_aff_on_curve(a))
		return err_set(e, "point hors de la courbe");
	return 0;
}

int
group_point_encode_full(const EC_POINT *p, char out[GROUP_POINT_FULL_HEX + 1], BN_CTX *ctx)
{
	unsigned char b[GROUP_POINT_FULL_LEN];

	if (EC_POINT_is_at_infinity(group_curve(), p) ||
	    EC_POINT_point2oct(group_curve(), p, POINT_CONVERSION_UNCOMPRESSED, b, sizeof(b),
	        ctx) != sizeof(b))
		return -1;
	group_hex(b, sizeof(b), out);
	return 0;
}

int
group_point_bytes(const EC_POINT *p, unsigned char out[GROUP_POINT_LEN], BN_CTX *ctx)
{
	if (EC_POINT_is_at_infinity(group_curve(), p))
		return -1;
	return EC_POINT_point2oct(group_curve(), p, POINT_CONVERSION_COMPRESSED, out,
	    GROUP_POINT_LEN, ctx) == GROUP_POINT_LEN ? 0 : -1;
}

int
group_point_encode(const EC_POINT *p, char out[GROUP_POINT_HEX + 1], BN_CTX *ctx)
{
	unsigned char b[GROUP_POINT_LEN];

	if (group_point_bytes(p, b, ctx) == -1)
		return -1;
	group_hex(b, sizeof(b), out);
	return 0;
}

static int (*group_test_rng)(unsigned char *, size_t);

void
group_set_test_rng(int (*fn)(unsigned char *out, size_t n))
{
	group_test_rng = fn;
}

static int
group_rand(unsigned char *b, size_t n)
{
	if (group_test_rng != NULL)
		return group_test_rng(b, n) == 0;
	return RAND_bytes(b, (int)n);
}

int
group_random_scalar(BIGNUM *out, BN_CTX *ctx, struct err *e)
{
	unsigned char b[48];

	do {
		if (group_rand(b, sizeof(b)) != 1 || BN_bin2bn(b, sizeof(b), out) == NULL ||
		    BN_nnmod(out, out, group_order(), ctx) != 1)
			return err_set(e, "générateur aléatoire indisponible");
	} while (BN_is_zero(out));
	OPENSSL_cleanse(b, sizeof(b));
	return 0;
}

int
group_mul2(EC_POINT *r, const BIGNUM *a, const EC_POINT *p, const BIGNUM *b,
    BN_CTX *ctx)
{
	return EC_POINT_mul(group_curve(), r, a, p, b, ctx) == 1 ? 0 : -1;
}

int
group_mul_small(EC_POINT *r, unsigned long m, BN_CTX *ctx)
{
	BIGNUM *k = BN_new();
	int rc = -1;

	if (k != NULL && BN_set_word(k, m) == 1)
		rc = group_mul2(r, k, NULL, NULL, ctx);
	BN_free(k);
	return rc;
}
