/* test-credential.c: credentials (R-AUTH-1/2): alphabet, grouping,
 * normalisation of typed input, keyed identifier digest, Argon2id. */
#include "config.h"

#include <string.h>

#include "credential.h"
#include "cu.h"

static void
test_generate_uses_only_the_typo_proof_alphabet(void)
{
	char id[CRED_TEXT_MAX];
	int seen[256] = { 0 };
	struct err e;

	for (int k = 0; k < 500; k++) {
		CU_ASSERT_EQUAL_FATAL(cred_generate(id, CRED_ID_SYMBOLS, &e), 0);
		CU_ASSERT_EQUAL(strlen(id), 14);
		CU_ASSERT(id[4] == '-' && id[9] == '-');
		for (const char *p = id; *p; p++) {
			if (*p == '-')
				continue;
			CU_ASSERT_PTR_NOT_NULL(strchr(CRED_ALPHABET, *p));
			seen[(unsigned char)*p]++;
		}
	}
	/* 6000 draws over 31 symbols: every symbol shows up, none of 0 O 1 I L. */
	for (const char *p = CRED_ALPHABET; *p; p++)
		CU_ASSERT(seen[(unsigned char)*p] > 0);
	CU_ASSERT(seen['0'] + seen['O'] + seen['1'] + seen['I'] + seen['L'] == 0);
}

static void
test_two_credentials_differ(void)
{
	char a[CRED_TEXT_MAX], b[CRED_TEXT_MAX];
	struct err e;

	CU_ASSERT_EQUAL(cred_generate(a, CRED_PW_SYMBOLS, &e), 0);
	CU_ASSERT_EQUAL(cred_generate(b, CRED_PW_SYMBOLS, &e), 0);
	CU_ASSERT_EQUAL(strlen(a), 19);
	CU_ASSERT_STRING_NOT_EQUAL(a, b);
}

static void
test_normalize_accepts_lowercase_spaces_and_dashes(void)
{
	char out[CRED_TEXT_MAX];
	struct err e;

	CU_ASSERT_EQUAL(cred_normalize(" abcd-efgh jkmn ", 12, out, &e), 0);
	CU_ASSERT_STRING_EQUAL(out, "ABCDEFGHJKMN");
}

static void
test_normalize_refuses_foreign_characters_and_bad_length(void)
{
	char out[CRED_TEXT_MAX];
	struct err e;

	CU_ASSERT_EQUAL(cred_normalize("ABCD-EFGH-JKM0", 12, out, &e), -1);
	CU_ASSERT_EQUAL(cred_normalize("ABCD-EFGH-JKMI", 12, out, &e), -1);
	CU_ASSERT_EQUAL(cred_normalize("ABCD-EFGH-JKM", 12, out, &e), -1);
	CU_ASSERT_EQUAL(cred_normalize("ABCD-EFGH-JKMNP", 12, out, &e), -1);
	CU_ASSERT_EQUAL(cred_normalize("ABCD-EFGH-JKMÉ", 12, out, &e), -1);
	CU_ASSERT_EQUAL(cred_normalize("", 12, out, &e), -1);
}

static void
test_login_digest_is_keyed(void)
{
	const unsigned char k1[32] = { 1 }, k2[32] = { 2 };
	unsigned char d1[32], d2[32], d3[32];
	struct err e;

	CU_ASSERT_EQUAL(cred_login_digest(k1, 32, "ABCDEFGHJKMN", d1, &e), 0);
	CU_ASSERT_EQUAL(cred_login_digest(k2, 32, "ABCDEFGHJKMN", d2, &e), 0);
	CU_ASSERT_EQUAL(cred_login_digest(k1, 32, "ABCDEFGHJKMP", d3, &e), 0);
	CU_ASSERT(memcmp(d1, d2, 32) != 0);
	CU_ASSERT(memcmp(d1, d3, 32) != 0);
	CU_ASSERT_EQUAL(cred_login_digest(k1, 8, "ABCDEFGHJKMN", d1, &e), -1);
}

static void
test_password_hash_verifies_only_the_right_password(void)
{
	const struct cred_cost cheap = { 1, 1024, 1 };
	char h[CRED_HASH_MAX], h2[CRED_HASH_MAX];
	struct err e;

	CU_ASSERT_EQUAL_FATAL(cred_hash_password("ABCDEFGHJKMNPQRS", &cheap, h, &e), 0);
	CU_ASSERT_EQUAL(strncmp(h, "$argon2id$", 10), 0);
	CU_ASSERT_PTR_NULL(strstr(h, "ABCDEFGHJKMNPQRS"));
	CU_ASSERT_EQUAL(cred_verify_password(h, "ABCDEFGHJKMNPQRS", &e), 1);
	CU_ASSERT_EQUAL(cred_verify_password(h, "ABCDEFGHJKMNPQRT", &e), 0);
	/* Salted: the same password never gives the same hash. */
	CU_ASSERT_EQUAL(cred_hash_password("ABCDEFGHJKMNPQRS", &cheap, h2, &e), 0);
	CU_ASSERT_STRING_NOT_EQUAL(h, h2);
	CU_ASSERT_EQUAL(cred_verify_password("$argon2id$garbage", "X", &e), -1);
}

static void
test_default_cost_is_the_documented_profile(void)
{
	CU_ASSERT_EQUAL(cred_cost_default.m_kib, 8192);
	CU_ASSERT_EQUAL(cred_cost_default.t_cost, 2);
	CU_ASSERT_EQUAL(cred_cost_default.lanes, 1);
}

static void
test_challenge_compares_exactly(void)
{
	CU_ASSERT_TRUE(cred_challenge_ok("42", "42"));
	CU_ASSERT_FALSE(cred_challenge_ok("42", "43"));
	CU_ASSERT_FALSE(cred_challenge_ok("42", "4"));
	CU_ASSERT_FALSE(cred_challenge_ok("42", "420"));
	CU_ASSERT_FALSE(cred_challenge_ok("", ""));
}

static CU_TestInfo tests[] = {
	{ "generate uses only the typo-proof alphabet", test_generate_uses_only_the_typo_proof_alphabet },
	{ "two credentials differ", test_two_credentials_differ },
	{ "normalize accepts lowercase, spaces, dashes", test_normalize_accepts_lowercase_spaces_and_dashes },
	{ "normalize refuses foreign chars and bad length", test_normalize_refuses_foreign_characters_and_bad_length },
	{ "login digest is keyed", test_login_digest_is_keyed },
	{ "password hash verifies only the right password", test_password_hash_verifies_only_the_right_password },
	{ "default cost is the documented profile", test_default_cost_is_the_documented_profile },
	{ "challenge compares exactly", test_challenge_compares_exactly },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("credential", tests);
}
