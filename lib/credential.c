/* credential.c: generation, normalisation, hashing and checking of electors'
 * credentials. Nothing here ever writes a password or identifier anywhere. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "credential.h"
#include "kdf.h"

const struct cred_cost cred_cost_default = { 2, 8192, 1 };

/* One symbol, uniformly: rejection sampling on random bytes (no modulo
 * bias: 248 = 8 × 31 is the largest multiple of 31 below 256). */
static int
cred_symbol(char *out, struct err *e)
{
	const size_t n = sizeof(CRED_ALPHABET) - 1;
	unsigned char b;

	do {
		if (RAND_bytes(&b, 1) != 1)
			return err_set(e, "générateur aléatoire indisponible");
	} while (b >= 256 - 256 % n);
	*out = CRED_ALPHABET[b % n];
	return 0;
}

int
cred_generate(char out[CRED_TEXT_MAX], size_t symbols, struct err *e)
{
	size_t o = 0;

	if (symbols == 0 || symbols + symbols / 4 >= CRED_TEXT_MAX)
		return err_set(e, "longueur d'identifiant invalide");
	for (size_t i = 0; i < symbols; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		if (cred_symbol(&out[o++], e) == -1)
			return -1;
	}
	out[o] = '\0';
	return 0;
}

int
cred_normalize(const char *in, size_t symbols, char out[CRED_TEXT_MAX],
    struct err *e)
{
	size_t o = 0;

	for (; *in != '\0'; in++) {
		char c = (char)toupper((unsigned char)*in);
		if (c == ' ' || c == '-' || c == '\t')
			continue;
		if (strchr(CRED_ALPHABET, c) == NULL || c == '\0')
			return err_set(e, "caractère non valide");
		if (o >= symbols)
			return err_set(e, "longueur non valide");
		out[o++] = c;
	}
	if (o != symbols)
		return err_set(e, "longueur non valide");
	out[o] = '\0';
	return 0;
}

int
cred_login_digest(const unsigned char *key, size_t keylen,
    const char *normalized_id, unsigned char out[CRED_DIGEST_LEN], struct err *e)
{
	unsigned int len = CRED_DIGEST_LEN;

	if (keylen < 16)
		return err_set(e, "clé d'identifiant trop courte");
	if (HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)normalized_id,
	    strlen(normalized_id), out, &len) == NULL)
		return err_set(e, "HMAC indisponible");
	return 0;
}

int
cred_hash_password(const char *normalized_pw, const struct cred_cost *cost,
    char out[CRED_HASH_MAX], struct err *e)
{
	unsigned char salt[16];
	int rc;

	if (RAND_bytes(salt, sizeof(salt)) != 1)
		return err_set(e, "générateur aléatoire indisponible");
	rc = kdf_hash_encoded(cost->t_cost, cost->m_kib, cost->lanes,
	    normalized_pw, strlen(normalized_pw), salt, sizeof(salt), 32, out,
	    CRED_HASH_MAX);
	if (rc != ARGON2_OK)
		return err_set(e, "Argon2id : %s", argon2_error_message(rc));
	return 0;
}

int
cred_verify_password(const char *encoded, const char *normalized_pw,
    struct err *e)
{
	int rc = kdf_verify(encoded, normalized_pw, strlen(normalized_pw));

	if (rc == ARGON2_OK)
		return 1;
	if (rc == ARGON2_VERIFY_MISMATCH)
		return 0;
	return err_set(e, "empreinte de mot de passe illisible (%s)",
	    argon2_error_message(rc));
}

int
cred_challenge_ok(const char *expected, const char *given)
{
	size_t n = strlen(expected);

	/* Length is not secret (e.g. always 2 digits); contents are. */
	if (strlen(given) != n || n == 0)
		return 0;
	return CRYPTO_memcmp(expected, given, n) == 0;
}
