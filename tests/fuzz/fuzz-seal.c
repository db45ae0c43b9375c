/* fuzz-seal: the content of a stored seal (lib/seal.c), read back from the
 * urn database when a seal is verified: the database is what the seal
 * guards, so its content is untrusted. Invariants: what parses is written
 * back by seal_content to a document that parses to the very same parts,
 * with the same fingerprint; a refusal says why. */
#include "config.h"

#include "fuzz.h"
#include "seal.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_str(data, size), *again;
	struct seal_parts *p = calloc(2, sizeof(*p));
	unsigned char f1[SEAL_LEN], f2[SEAL_LEN];
	struct err e;
	json_t *j;

	FUZZ_CHECK(p != NULL);
	if (seal_content_parse(text, &p[0], &e) == 0) {
		j = seal_content(&p[0]);
		FUZZ_CHECK(j != NULL);
		again = json_dumps(j, JSON_COMPACT);
		FUZZ_CHECK(again != NULL && seal_content_parse(again, &p[1], &e) == 0);
		FUZZ_CHECK(memcmp(&p[0], &p[1], sizeof(*p)) == 0);
		seal_fingerprint(&p[0], f1);
		seal_fingerprint(&p[1], f2);
		FUZZ_CHECK(memcmp(f1, f2, SEAL_LEN) == 0);
		FUZZ_CHECK(seal_compare(&p[0], &p[1], &e) == 0);
		json_decref(j);
		free(again);
	} else {
		FUZZ_CHECK(e.msg[0] != '\0');
	}
	free(p);
	free(text);
	return 0;
}
