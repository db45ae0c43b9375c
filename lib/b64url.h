/* b64url.h: base64url without padding (RFC 4648 §5), for cookies and
 * tokens that travel in URLs and headers. */
#ifndef ISOLOIR_B64URL_H
#define ISOLOIR_B64URL_H

#include <stddef.h>

/* Length of the encoding of n bytes, without the NUL. */
size_t b64url_len(size_t n);
/* Encode n bytes into out (b64url_len(n) + 1 bytes). */
void b64url_encode(const unsigned char *in, size_t n, char *out);
/* Decode exactly: -1 on any character outside the alphabet, on padding, on
 * a length that is not a valid encoding, or when more than max bytes. */
int b64url_decode(const char *in, unsigned char *out, size_t max, size_t *outlen);

#endif
