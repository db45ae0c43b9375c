/* receipt.c: canonical form, signature and verification of receipts. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/pem.h>

#include "b64url.h"
#include "buf.h"
#include "receipt.h"

static void
receipt_field(struct buf *b, const char *key, const char *value)
{
	buf_puts(b, key);
	buf_putc(b, '=');
	for (; *value != '\0'; value++) {
		if (*value == '\n')
			buf_puts(b, "\\n");
		else if (*value == '\\')
			buf_puts(b, "\\\\");
		else
			buf_putc(b, *value);
	}
	buf_putc(b, '\n');
}

char *
receipt_canonical(const struct receipt *r)
{
	struct buf b = BUF_INIT;
	char id[16];

	snprintf(id, sizeof(id), "%u", r->scrutin_id);
	receipt_field(&b, "isoloir-receipt", "1");
	receipt_field(&b, "operation", r->operation);
	receipt_field(&b, "scrutin_id", id);
	receipt_field(&b, "scrutin", r->scrutin);
	receipt_field(&b, "voted_at", r->voted_at);
	receipt_field(&b, "tracker", r->tracker);
	return buf_take(&b);
}

EVP_PKEY *
receipt_key_load(const char *path, struct err *e)
{
	EVP_PKEY *k = NULL;
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		err_set(e, "clé de signature des récépissés illisible : %s", path);
		return NULL;
	}
	k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (k == NULL || !EVP_PKEY_is_a(k, "EC")) {
		EVP_PKEY_free(k);
		err_set(e, "clé de signature des récépissés invalide : %s", path);
		return NULL;
	}
	return k;
}

EVP_PKEY *
receipt_pubkey_load(const char *path, struct err *e)
{
	EVP_PKEY *k = NULL;
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		err_set(e, "clé publique des récépissés illisible : %s", path);
		return NULL;
	}
	k = PEM_read_PUBKEY(f, NULL, NULL, NULL);
	fclose(f);
	if (k == NULL || !EVP_PKEY_is_a(k, "EC")) {
		EVP_PKEY_free(k);
		err_set(e, "clé publique des récépissés invalide : %s", path);
		return NULL;
	}
	return k;
}

int
receipt_sign(EVP_PKEY *key, const struct receipt *r, char sig[RECEIPT_SIG_MAX],
    struct err *e)
{
	char *msg = receipt_canonical(r);
	unsigned char der[80];
	size_t dl = sizeof(der);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int rc = -1;

	if (ctx == NULL || EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, key) != 1 ||
	    EVP_DigestSign(ctx, der, &dl, (unsigned char *)msg, strlen(msg)) != 1) {
		err_set(e, "signature du récépissé impossible");
		goto out;
	}
	b64url_encode(der, dl, sig);
	rc = 0;
out:
	EVP_MD_CTX_free(ctx);
	free(msg);
	return rc;
}

int
receipt_verify(EVP_PKEY *key, const struct receipt *r, const char *sig,
    struct err *e)
{
	unsigned char der[80];
	size_t dl;
	char *msg;
	EVP_MD_CTX *ctx;
	int rc;

	if (strlen(sig) >= RECEIPT_SIG_MAX || b64url_decode(sig, der, sizeof(der), &dl) == -1)
		return 0;
	if ((ctx = EVP_MD_CTX_new()) == NULL)
		return err_set(e, "mémoire insuffisante");
	msg = receipt_canonical(r);
	rc = EVP_DigestVerifyInit(ctx, NULL, EVP_sha256(), NULL, key) == 1 &&
	    EVP_DigestVerify(ctx, der, dl, (unsigned char *)msg, strlen(msg)) == 1;
	EVP_MD_CTX_free(ctx);
	free(msg);
	return rc;
}
