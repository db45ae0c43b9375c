/* drbg.h: the deterministic generator of the shared test vectors
 * (docs/protocol.md, "Test vectors"): call i returns
 * expand_message_xmd(seed || I2OSP(i, 8), "isoloir-test-drbg", n). */
#ifndef ISOLOIR_DRBG_H
#define ISOLOIR_DRBG_H

#include <string.h>

#include "h2s.h"

static unsigned char drbg_seed[32];
static unsigned long long drbg_counter;

static inline void
drbg_init(const unsigned char seed[32])
{
	memcpy(drbg_seed, seed, 32);
	drbg_counter = 0;
}

static inline int
drbg_bytes(unsigned char *out, size_t n)
{
	unsigned char msg[40];

	memcpy(msg, drbg_seed, 32);
	for (int i = 0; i < 8; i++)
		msg[32 + i] = (unsigned char)(drbg_counter >> (56 - 8 * i));
	drbg_counter++;
	return h2s_expand_xmd(msg, sizeof(msg), "isoloir-test-drbg", out, n);
}

#endif
