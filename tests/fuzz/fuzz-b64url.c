/* fuzz-b64url: the strict base64url decoder (cookies, receipt signatures).
 * Invariants: what it accepts re-encodes to exactly the input (one byte
 * string, one encoding); it never writes more than max bytes; encoding
 * the input bytes always decodes back to them. */
#include "config.h"

#include "b64url.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), *enc = malloc(b64url_len(size) + 1);
	/* max from the first byte: also the "more than max" refusals */
	size_t max = size > 0 ? data[0] % 64 + (size * 3) / 4 - (size * 3) / 4 % 64 : 0, n = 0;
	unsigned char *out = malloc(max + 1), *back = malloc(size + 1);

	FUZZ_CHECK(enc != NULL && out != NULL && back != NULL);
	if (b64url_decode(s, out, max, &n) == 0) {
		char *re = malloc(b64url_len(n) + 1);
		FUZZ_CHECK(re != NULL && n <= max);
		b64url_encode(out, n, re);
		FUZZ_CHECK(strcmp(re, s) == 0);
		free(re);
	}
	b64url_encode(data, size, enc);
	FUZZ_CHECK(strlen(enc) == b64url_len(size));
	FUZZ_CHECK(b64url_decode(enc, back, size, &n) == 0 && n == size &&
	    memcmp(back, data, size) == 0);
	free(s);
	free(enc);
	free(out);
	free(back);
	return 0;
}
