/* keyfile.c: passphrase-sealed secret shares (scrypt + AES-256-GCM). */
#include "config.h"

#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "group.h"
#include "keyfile.h"

#define KF_N 32768
#define KF_R 8
#define KF_P 1

static int
kf_derive(const char *pass, const unsigned char salt[16], unsigned char key[32])
{
	return EVP_PBE_scrypt(pass, strlen(pass), salt, 16, KF_N, KF_R, KF_P,
	    64 * 1024 * 1024, key, 32) == 1 ? 0 : -1;
}

static void
kf_aad(char *aad, size_t len, const char *election, unsigned holder)
{
	snprintf(aad, len, "isoloir-v1-keyfile;%s;%u", election, holder);
}

/* AES-256-GCM, in place sizes: out has inlen bytes, tag 16. */
static int
kf_gcm(int enc, const unsigned char key[32], const unsigned char iv[12], const char *aad,
    const unsigned char *in, int inlen, unsigned char *out, unsigned char tag[16])
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int len, ok;

	ok = c != NULL && EVP_CipherInit_ex(c, EVP_aes_256_gcm(), NULL, key, iv, enc) == 1 &&
	    EVP_CipherUpdate(c, NULL, &len, (const unsigned char *)aad, (int)strlen(aad)) == 1 &&
	    EVP_CipherUpdate(c, out, &len, in, inlen) == 1 &&
	    (enc || EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, tag) == 1) &&
	    EVP_CipherFinal_ex(c, out + len, &len) == 1 &&
	    (!enc || EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, tag) == 1);
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -1;
}

json_t *
keyfile_seal(const char *election, unsigned holder, unsigned k, unsigned n,
    const BIGNUM *share, const char *pass, struct err *e)
{
	unsigned char salt[16], iv[12], key[32], tag[16], ct[GROUP_SCALAR_HEX];
	char plain[GROUP_SCALAR_HEX + 1], aad[160], hs[33], hi[25], hc[2 * GROUP_SCALAR_HEX + 1], ht[33];
	json_t *j = NULL;

	if (strlen(pass) < 12) {
		err_set(e, "phrase secrète trop courte (12 caractères au moins)");
		return NULL;
	}
	/* docs/protocol.md §8.2: what isoloir-trustee can read back */
	if (strlen(pass) > KEYFILE_PASS_MAX) {
		err_set(e, "phrase secrète trop longue (%d octets au plus)", KEYFILE_PASS_MAX);
		return NULL;
	}
	group_scalar_encode(share, plain);
	kf_aad(aad, sizeof(aad), election, holder);
	if (RAND_bytes(salt, 16) != 1 || RAND_bytes(iv, 12) != 1 || kf_derive(pass, salt, key) == -1 ||
	    kf_gcm(1, key, iv, aad, (unsigned char *)plain, GROUP_SCALAR_HEX, ct, tag) == -1) {
		err_set(e, "chiffrement du fichier de clé impossible");
		goto out;
	}
	group_hex(salt, 16, hs);
	group_hex(iv, 12, hi);
	group_hex(ct, GROUP_SCALAR_HEX, hc);
	group_hex(tag, 16, ht);
	j = json_pack("{s:i, s:s, s:i, s:i, s:i, s:{s:s, s:i, s:i, s:i, s:s}, s:{s:s, s:s, s:s, s:s}}",
	    "version", 1, "election", election, "holder", (int)holder, "threshold", (int)k,
	    "holders", (int)n, "kdf", "alg", "scrypt", "N", KF_N, "r", KF_R, "p", KF_P, "salt", hs,
	    "cipher", "alg", "aes-256-gcm", "iv", hi, "ciphertext", hc, "tag", ht);
out:
	OPENSSL_cleanse(key, sizeof(key));
	OPENSSL_cleanse(plain, sizeof(plain));
	return j;
}

int
keyfile_open(const json_t *kf, const char *pass, BIGNUM *share, struct err *e)
{
	const json_t *kd = json_object_get(kf, "kdf"), *ci = json_object_get(kf, "cipher");
	const char *election = json_string_value(json_object_get(kf, "election"));
	unsigned char salt[16], iv[12], key[32], tag[16], ct[GROUP_SCALAR_HEX];
	char plain[GROUP_SCALAR_HEX + 1], aad[160];
	int rc = -1;

	/* One format only (docs/protocol.md §8.2): other parameters would
	 * otherwise pass for a wrong passphrase. */
	if (election == NULL || strcmp(json_string_value(json_object_get(kd, "alg")) ?: "", "scrypt") != 0 ||
	    json_integer_value(json_object_get(kd, "N")) != KF_N ||
	    json_integer_value(json_object_get(kd, "r")) != KF_R ||
	    json_integer_value(json_object_get(kd, "p")) != KF_P ||
	    strcmp(json_string_value(json_object_get(ci, "alg")) ?: "", "aes-256-gcm") != 0 ||
	    group_unhex(json_string_value(json_object_get(kd, "salt")) ?: "", salt, 16) == -1 ||
	    group_unhex(json_string_value(json_object_get(ci, "iv")) ?: "", iv, 12) == -1 ||
	    group_unhex(json_string_value(json_object_get(ci, "ciphertext")) ?: "", ct, sizeof(ct)) == -1 ||
	    group_unhex(json_string_value(json_object_get(ci, "tag")) ?: "", tag, 16) == -1)
		return err_set(e, "fichier de clé mal formé");
	kf_aad(aad, sizeof(aad), election, (unsigned)json_integer_value(json_object_get(kf, "holder")));
	if (kf_derive(pass, salt, key) == -1 ||
	    kf_gcm(0, key, iv, aad, ct, sizeof(ct), (unsigned char *)plain, tag) == -1) {
		err_set(e, "phrase secrète incorrecte ou fichier de clé altéré");
		goto out;
	}
	plain[GROUP_SCALAR_HEX] = '\0';
	rc = group_scalar_decode(plain, share, e);
out:
	OPENSSL_cleanse(key, sizeof(key));
	OPENSSL_cleanse(plain, sizeof(plain));
	return rc;
}
