/* fuzz-keyfile: a key holder's sealed share (lib/keyfile.c) as
 * isoloir-trustee reads it from a file, opened with the passphrase
 * "fuzz-passphrase". scrypt (N = 2^15, ~100 ms) would leave a few runs a
 * second, so this program replaces EVP_PBE_scrypt by HMAC-SHA256(pass,
 * salt): the parsing, the AES-256-GCM opening and the share decoding are
 * lib/'s own code; corpus/keyfile/ is sealed with that stand-in.
 * Invariants: an opened share is a scalar < n; sealing it again and
 * opening the result gives it back; the wrong passphrase never opens. */
#include "config.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "fuzz.h"
#include "group.h"
#include "keyfile.h"

#define PASS "fuzz-passphrase"

/* The stand-in KDF (see above): same inputs and output size as scrypt. */
int
EVP_PBE_scrypt(const char *pass, size_t passlen, const unsigned char *salt, size_t saltlen,
    uint64_t N, uint64_t r, uint64_t p, uint64_t maxmem, unsigned char *key, size_t keylen)
{
	unsigned char out[32];
	unsigned len = 32;

	if (keylen != 32 || HMAC(EVP_sha256(), pass, (int)passlen, salt, saltlen, out, &len) == NULL)
		return 0;
	memcpy(key, out, 32);
	return 1;
}

static void
check_opened(const json_t *kf, const BIGNUM *share)
{
	const char *election = json_string_value(json_object_get(kf, "election"));
	BIGNUM *again = BN_new();
	json_t *sealed;
	struct err e;

	FUZZ_CHECK(BN_cmp(share, group_order()) < 0);
	sealed = keyfile_seal(election, 3, 2, 3, share, PASS, &e);
	FUZZ_CHECK(sealed != NULL);
	FUZZ_CHECK(keyfile_open(sealed, PASS, again, &e) == 0 && BN_cmp(again, share) == 0);
	FUZZ_CHECK(keyfile_open(sealed, PASS "!", again, &e) == -1);
	json_decref(sealed);
	BN_free(again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *kf = fuzz_json(data, size);
	BIGNUM *share = BN_new();
	struct err e;

	if (kf != NULL) {
		if (keyfile_open(kf, PASS, share, &e) == 0)
			check_opened(kf, share);
		else
			FUZZ_NOTE("refused: %s\n", e.msg);
		FUZZ_CHECK(keyfile_open(kf, "another passphrase", share, &e) == -1);
	}
	json_decref(kf);
	BN_free(share);
	return 0;
}
