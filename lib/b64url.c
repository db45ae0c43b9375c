/* b64url.c: base64url (no padding) encoder and strict decoder. */
#include "config.h"

#include <string.h>

#include "b64url.h"

static const char b64url_alpha[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

size_t
b64url_len(size_t n)
{
	return n / 3 * 4 + (n % 3 == 0 ? 0 : n % 3 + 1);
}

void
b64url_encode(const unsigned char *in, size_t n, char *out)
{
	size_t i, o = 0;

	for (i = 0; i + 2 < n; i += 3) {
		unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
		for (int k = 3; k >= 0; k--)
			out[o++] = b64url_alpha[(v >> (6 * k)) & 63];
	}
	if (n - i == 1) {
		out[o++] = b64url_alpha[in[i] >> 2];
		out[o++] = b64url_alpha[(in[i] & 3) << 4];
	} else if (n - i == 2) {
		unsigned v = (unsigned)in[i] << 8 | in[i + 1];
		out[o++] = b64url_alpha[v >> 10];
		out[o++] = b64url_alpha[(v >> 4) & 63];
		out[o++] = b64url_alpha[(v & 15) << 2];
	}
	out[o] = '\0';
}

static int
b64url_value(char c)
{
	const char *p = c == '\0' ? NULL : strchr(b64url_alpha, c);

	return p == NULL ? -1 : (int)(p - b64url_alpha);
}

int
b64url_decode(const char *in, unsigned char *out, size_t max, size_t *outlen)
{
	size_t n = strlen(in), o = 0;
	unsigned acc = 0;
	int bits = 0;

	if (n % 4 == 1 || n / 4 * 3 + (n % 4 ? n % 4 - 1 : 0) > max)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int v = b64url_value(in[i]);
		if (v < 0)
			return -1;
		acc = (acc << 6 | (unsigned)v) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(acc >> bits);
		}
	}
	/* Leftover bits must be zero: one byte string, one encoding. */
	if ((acc & ((1u << bits) - 1)) != 0)
		return -1;
	*outlen = o;
	return 0;
}
