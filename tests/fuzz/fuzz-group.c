/* fuzz-group: the strict decoders of scalars and points (docs/protocol.md
 * §2), and group_unhex under them. Invariants: an accepted scalar is < n
 * and re-encodes to the input; an accepted point is on the curve, not the
 * infinity, and re-encodes to the input (uncompressed too, where
 * OpenSSL's own decoding must agree); group_unhex accepts only
 * lowercase hex whose re-encoding is the input. */
#include "config.h"

#include "fuzz.h"
#include "group.h"

static void
check_scalar(const char *s)
{
	BIGNUM *b = BN_new();
	char back[GROUP_SCALAR_HEX + 1];
	struct err e;

	if (group_scalar_decode(s, b, &e) == 0) {
		FUZZ_CHECK(BN_cmp(b, group_order()) < 0 && !BN_is_negative(b));
		group_scalar_encode(b, back);
		FUZZ_CHECK(strcmp(back, s) == 0);
	}
	BN_free(b);
}

static void
check_point(const char *s)
{
	EC_POINT *p = EC_POINT_new(group_curve());
	BN_CTX *ctx = BN_CTX_new();
	char back[GROUP_POINT_HEX + 1];
	struct err e;

	if (group_point_decode(s, p, ctx, &e) == 0) {
		FUZZ_CHECK(EC_POINT_is_on_curve(group_curve(), p, ctx) == 1);
		FUZZ_CHECK(!EC_POINT_is_at_infinity(group_curve(), p));
		FUZZ_CHECK(group_point_encode(p, back, ctx) == 0 && strcmp(back, s) == 0);
	}
	EC_POINT_free(p);
	BN_CTX_free(ctx);
}

/* The uncompressed decoder (ballots version 5): what it accepts OpenSSL
 * accepts too, as the same point, and it re-encodes to the input. */
static void
check_point_full(const char *s)
{
	EC_POINT *p = EC_POINT_new(group_curve()), *q = EC_POINT_new(group_curve());
	BN_CTX *ctx = BN_CTX_new();
	unsigned char b[GROUP_POINT_FULL_LEN];
	char back[GROUP_POINT_FULL_HEX + 1];
	struct p256_aff a;
	struct err e;

	if (group_point_decode_full(s, b, &a, &e) == 0) {
		FUZZ_CHECK(p256_aff_to_ec(p, &a, ctx) == 0);
		FUZZ_CHECK(EC_POINT_oct2point(group_curve(), q, b, sizeof(b), ctx) == 1);
		FUZZ_CHECK(EC_POINT_cmp(group_curve(), p, q, ctx) == 0);
		FUZZ_CHECK(!EC_POINT_is_at_infinity(group_curve(), p));
		FUZZ_CHECK(group_point_encode_full(p, back, ctx) == 0 && strcmp(back, s) == 0);
	} else
		FUZZ_CHECK(e.msg[0] != '\0');
	EC_POINT_free(p);
	EC_POINT_free(q);
	BN_CTX_free(ctx);
}

static void
check_unhex(const char *s)
{
	size_t n = strlen(s) / 2;
	unsigned char *b = malloc(n + 1);
	char *back = malloc(2 * n + 1);

	FUZZ_CHECK(b != NULL && back != NULL);
	if (group_unhex(s, b, n) == 0) {
		group_hex(b, n, back);
		FUZZ_CHECK(strcmp(back, s) == 0);
	}
	free(b);
	free(back);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);

	check_scalar(s);
	check_point(s);
	check_point_full(s);
	check_unhex(s);
	free(s);
	return 0;
}
