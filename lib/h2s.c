/* h2s.c: RFC 9380 expand_message_xmd (SHA-256) and hash to scalar. */
#include "config.h"

#include <pthread.h>
#include <string.h>

#include <openssl/evp.h>

#include "group.h"
#include "h2s.h"

/* SHA-256 fetched once: with EVP_sha256(), every EVP_DigestInit_ex
 * fetches the implementation again (a fifth of a ballot's hashing, which
 * is ~2,000 digests; callgrind). */
static EVP_MD *h2s_md;
static pthread_once_t h2s_once = PTHREAD_ONCE_INIT;

static void
h2s_md_init(void)
{
	h2s_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

/* SHA-256 of up to four pieces. */
static void
h2s_sha256(EVP_MD_CTX *c, const void *a, size_t al, const void *b, size_t bl,
    const void *d, size_t dl, const void *f, size_t fl, unsigned char out[32])
{
	pthread_once(&h2s_once, h2s_md_init);
	EVP_DigestInit_ex(c, h2s_md != NULL ? h2s_md : EVP_sha256(), NULL);
	EVP_DigestUpdate(c, a, al);
	EVP_DigestUpdate(c, b, bl);
	EVP_DigestUpdate(c, d, dl);
	EVP_DigestUpdate(c, f, fl);
	EVP_DigestFinal_ex(c, out, NULL);
}

int
h2s_expand_xmd(const unsigned char *msg, size_t msglen, const char *dst,
    unsigned char *out, size_t len)
{
	const size_t dl = strlen(dst), ell = (len + 31) / 32;
	unsigned char b0[32], bi[32], zpad[64] = { 0 }, head[3], tail[256];
	EVP_MD_CTX *c;

	if (ell > 255 || len > 65535 || dl > 255 || (c = EVP_MD_CTX_new()) == NULL)
		return -1;
	/* msg_prime = Z_pad || msg || I2OSP(len, 2) || I2OSP(0, 1) || DST_prime */
	head[0] = (unsigned char)(len >> 8);
	head[1] = (unsigned char)len;
	head[2] = 0;
	memcpy(tail, dst, dl);
	tail[dl] = (unsigned char)dl;   /* DST_prime = DST || I2OSP(len(DST), 1) */
	h2s_sha256(c, zpad, sizeof(zpad), msg, msglen, head, 3, tail, dl + 1, b0);
	for (size_t i = 1; i <= ell; i++) {
		/* b_1 = H(b_0 || 1 || DST'), b_i = H((b_0 xor b_(i-1)) || i || DST') */
		unsigned char x[32], ctr = (unsigned char)i;
		for (int k = 0; k < 32; k++)
			x[k] = i == 1 ? b0[k] : (unsigned char)(b0[k] ^ bi[k]);
		h2s_sha256(c, x, 32, &ctr, 1, tail, dl + 1, "", 0, bi);
		memcpy(out + (i - 1) * 32, bi, i * 32 <= len ? 32 : len - (i - 1) * 32);
	}
	EVP_MD_CTX_free(c);
	return 0;
}

void
h2s_part(struct buf *t, const void *p, size_t n)
{
	unsigned char l[4] = { (unsigned char)(n >> 24), (unsigned char)(n >> 16),
		(unsigned char)(n >> 8), (unsigned char)n };

	buf_append(t, l, 4);
	buf_append(t, p, n);
}

void
h2s_part_str(struct buf *t, const char *s)
{
	h2s_part(t, s, strlen(s));
}

void
h2s_part_u64(struct buf *t, unsigned long long v)
{
	unsigned char b[8];

	for (int i = 7; i >= 0; i--, v >>= 8)
		b[i] = (unsigned char)v;
	h2s_part(t, b, 8);
}

int
h2s_part_point(struct buf *t, const EC_POINT *p, BN_CTX *ctx)
{
	unsigned char b[GROUP_POINT_LEN];

	if (group_point_bytes(p, b, ctx) == -1) {
		/* The point at infinity is hashed as one zero byte. */
		h2s_part(t, "", 1);
		return 0;
	}
	h2s_part(t, b, sizeof(b));
	return 0;
}

int
h2s_scalar(const struct buf *t, const char *dst, BIGNUM *out, BN_CTX *ctx)
{
	unsigned char u[48];

	if (h2s_expand_xmd((const unsigned char *)(t->data == NULL ? "" : t->data),
	    t->len, dst, u, sizeof(u)) == -1)
		return -1;
	if (BN_bin2bn(u, sizeof(u), out) == NULL || BN_nnmod(out, out, group_order(), ctx) != 1)
		return -1;
	return 0;
}

int
h2s_scalar_sc(const struct buf *t, const char *dst, p256_sc *out)
{
	unsigned char u[48];

	if (h2s_expand_xmd((const unsigned char *)(t->data == NULL ? "" : t->data),
	    t->len, dst, u, sizeof(u)) == -1)
		return -1;
	return p256_sc_from_wide_bytes(out, u, sizeof(u));
}
