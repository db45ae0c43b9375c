/* fuzz-credential: what the login form's fields go through before any
 * database access (lib/credential.c): normalisation of the typed
 * identifier and password, and the challenge comparison. Invariants: a
 * normalised credential has exactly the expected number of symbols, all
 * from CRED_ALPHABET; normalising it again is the identity; the grouped
 * form normalises to the same. */
#include "config.h"

#include "credential.h"
#include "fuzz.h"

static void
check(const char *in, size_t symbols)
{
	char out[CRED_TEXT_MAX], again[CRED_TEXT_MAX], grouped[CRED_TEXT_MAX + 8];
	struct err e;
	size_t o = 0;

	if (cred_normalize(in, symbols, out, &e) == -1) {
		FUZZ_CHECK(e.msg[0] != '\0');
		return;
	}
	FUZZ_CHECK(strlen(out) == symbols && strspn(out, CRED_ALPHABET) == symbols);
	FUZZ_CHECK(cred_normalize(out, symbols, again, &e) == 0 && strcmp(again, out) == 0);
	for (size_t i = 0; i < symbols; i++) {
		if (i > 0 && i % 4 == 0)
			grouped[o++] = '-';
		grouped[o++] = out[i];
	}
	grouped[o] = '\0';
	FUZZ_CHECK(cred_normalize(grouped, symbols, again, &e) == 0 && strcmp(again, out) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);

	check(s, CRED_ID_SYMBOLS);
	check(s, CRED_PW_SYMBOLS);
	/* as api_login: the expected answer against what was typed */
	FUZZ_CHECK(cred_challenge_ok(s, s) == (*s != '\0'));
	free(s);
	return 0;
}
