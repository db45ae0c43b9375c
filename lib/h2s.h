/* h2s.h: hashing to a scalar (docs/protocol.md §3): RFC 9380
 * expand_message_xmd with SHA-256, 48 bytes reduced mod n (hash_to_field
 * with L = 48), over a transcript of length-prefixed parts. */
#ifndef ISOLOIR_H2S_H
#define ISOLOIR_H2S_H

#include <stddef.h>

#include <openssl/bn.h>
#include <openssl/ec.h>

#include "buf.h"
#include "p256.h"

/* RFC 9380 §5.3.1; len <= 255 * 32, dst length <= 255. 0 / -1. */
int h2s_expand_xmd(const unsigned char *msg, size_t msglen, const char *dst,
    unsigned char *out, size_t len);
/* Transcript parts: 4-byte big-endian length, then the bytes. */
void h2s_part(struct buf *t, const void *p, size_t n);
void h2s_part_str(struct buf *t, const char *s);
void h2s_part_u64(struct buf *t, unsigned long long v);
int h2s_part_point(struct buf *t, const EC_POINT *p, BN_CTX *ctx);
/* out = OS2IP(expand_xmd(transcript, dst, 48)) mod n. */
int h2s_scalar(const struct buf *t, const char *dst, BIGNUM *out, BN_CTX *ctx);
/* The same on limbs (the verifier's path: no BIGNUM). */
int h2s_scalar_sc(const struct buf *t, const char *dst, p256_sc *out);

#endif
