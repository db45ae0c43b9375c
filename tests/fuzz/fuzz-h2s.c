/* fuzz-h2s: hashing to a scalar (docs/protocol.md §3) on arbitrary
 * transcripts, DSTs and lengths. Input: 2 bytes output length, 1 byte DST
 * length, the DST, then the message. Invariants: expand_message_xmd agrees
 * with a second, naive transcription of RFC 9380 §5.3.1 below (one byte
 * string per b_i, built in full), refuses exactly the lengths the RFC
 * refuses, and h2s_scalar gives a scalar < n equal to the first 48 bytes
 * reduced mod n. */
#include "config.h"

#include <openssl/evp.h>

#include "fuzz.h"
#include "group.h"
#include "h2s.h"

static void
sha256(const unsigned char *m, size_t n, unsigned char out[32])
{
	FUZZ_CHECK(EVP_Digest(m, n, out, NULL, EVP_sha256(), NULL) == 1);
}

/* RFC 9380 §5.3.1, step by step, with fresh buffers. -1 when it aborts. */
static int
ref_xmd(const unsigned char *msg, size_t ml, const unsigned char *dst, size_t dl,
    unsigned char *out, size_t len)
{
	size_t ell = (len + 31) / 32, pl = 64 + ml + 3 + dl + 1;
	unsigned char *prime = calloc(1, pl), b0[32], bi[32], in[32 + 1 + 256];

	if (ell > 255 || len > 65535 || dl > 255) {
		free(prime);
		return -1;
	}
	memcpy(prime + 64, msg, ml);
	prime[64 + ml] = (unsigned char)(len >> 8);
	prime[64 + ml + 1] = (unsigned char)len;
	prime[64 + ml + 2] = 0;
	memcpy(prime + 64 + ml + 3, dst, dl);
	prime[pl - 1] = (unsigned char)dl;
	sha256(prime, pl, b0);
	for (size_t i = 1; i <= ell; i++) {
		for (size_t k = 0; k < 32; k++)
			in[k] = i == 1 ? b0[k] : b0[k] ^ bi[k];
		in[32] = (unsigned char)i;
		memcpy(in + 33, dst, dl);
		in[33 + dl] = (unsigned char)dl;
		sha256(in, 34 + dl, bi);
		for (size_t k = 0; k < 32 && (i - 1) * 32 + k < len; k++)
			out[(i - 1) * 32 + k] = bi[k];
	}
	free(prime);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len, dl;
	unsigned char *got, *want, u[48];
	char dst[256];
	struct buf t = BUF_INIT;
	BIGNUM *s = BN_new(), *r = BN_new();
	BN_CTX *ctx = BN_CTX_new();

	if (size < 3)
		goto out;
	len = (size_t)data[0] << 8 | data[1];
	dl = data[2];
	if (size < 3 + dl)
		goto out;
	/* the DST is a C string: no NUL inside */
	memcpy(dst, data + 3, dl);
	dst[dl] = '\0';
	dl = strlen(dst);
	got = malloc(len + 1);
	want = malloc(len + 1);
	FUZZ_CHECK(got != NULL && want != NULL);
	int rc = h2s_expand_xmd(data + 3 + dl, size - 3 - dl, dst, got, len);
	FUZZ_CHECK(rc == ref_xmd(data + 3 + dl, size - 3 - dl, (const unsigned char *)dst, dl, want, len));
	FUZZ_CHECK(rc == -1 || memcmp(got, want, len) == 0);
	free(got);
	free(want);
	/* h2s_scalar over the same bytes as a transcript */
	buf_append(&t, data + 3 + dl, size - 3 - dl);
	FUZZ_CHECK(h2s_scalar(&t, dst, s, ctx) == 0);
	FUZZ_CHECK(BN_cmp(s, group_order()) < 0);
	FUZZ_CHECK(ref_xmd(data + 3 + dl, size - 3 - dl, (const unsigned char *)dst, dl, u, 48) == 0);
	FUZZ_CHECK(BN_bin2bn(u, 48, r) != NULL && BN_nnmod(r, r, group_order(), ctx) == 1 &&
	    BN_cmp(r, s) == 0);
out:
	buf_free(&t);
	BN_free(s);
	BN_free(r);
	BN_CTX_free(ctx);
	return 0;
}
