/* fuzz-receipt: receipts (lib/receipt.c): the canonical text that is
 * signed, and the verification of a base64url signature from outside.
 * Input: operation, scrutin, voted_at, tracker and signature separated by
 * NUL bytes (the scrutin id is the input's length). Invariants: the
 * canonical text parses back into exactly the fields (one text, one
 * receipt: nothing can be smuggled from one field into another); a fresh
 * signature verifies and no longer does once a field changes; a foreign
 * signature is 0 or 1, never an error. */
#include "config.h"

#include <openssl/ec.h>
#include <openssl/evp.h>

#include "fuzz.h"
#include "receipt.h"

/* Undo receipt_field's escapes of one "key=value" line; NULL when malformed. */
static char *
unescape_line(const char **p, const char *key)
{
	size_t kl = strlen(key);
	char *out, *o;

	if (strncmp(*p, key, kl) != 0 || (*p)[kl] != '=')
		return NULL;
	*p += kl + 1;
	o = out = malloc(strlen(*p) + 1);
	FUZZ_CHECK(out != NULL);
	for (; **p != '\n'; (*p)++) {
		FUZZ_CHECK(**p != '\0');
		if (**p == '\\') {
			(*p)++;
			FUZZ_CHECK(**p == 'n' || **p == '\\');
			*o++ = **p == 'n' ? '\n' : '\\';
		} else {
			*o++ = **p;
		}
	}
	(*p)++;
	*o = '\0';
	return out;
}

static void
check_canonical(const struct receipt *r)
{
	static const char *const keys[] = { "isoloir-receipt", "operation", "scrutin_id",
		"scrutin", "voted_at", "tracker" };
	char *c = receipt_canonical(r), id[16];
	const char *want[6] = { "1", r->operation, id, r->scrutin, r->voted_at, r->tracker };
	const char *p = c;

	snprintf(id, sizeof(id), "%u", r->scrutin_id);
	for (int i = 0; i < 6; i++) {
		char *v = unescape_line(&p, keys[i]);
		FUZZ_CHECK(v != NULL && strcmp(v, want[i]) == 0);
		free(v);
	}
	FUZZ_CHECK(*p == '\0');
	free(c);
}

static EVP_PKEY *
fuzz_key(void)
{
	static EVP_PKEY *k;

	if (k == NULL)
		k = EVP_EC_gen("P-256");
	FUZZ_CHECK(k != NULL);
	return k;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 6), *part[5], sig[RECEIPT_SIG_MAX], *p;
	struct receipt r;
	struct err e;
	size_t n = 0;

	FUZZ_CHECK(buf != NULL);
	memcpy(buf, data, size);
	memset(buf + size, 0, 6);
	/* five NUL-separated strings; missing ones are empty */
	for (p = buf; n < 5; p += strlen(p) + 1)
		part[n++] = p < buf + size ? p : buf + size;
	r = (struct receipt){ part[0], (unsigned)size, part[1], part[2], part[3] };
	check_canonical(&r);
	FUZZ_CHECK(receipt_verify(fuzz_key(), &r, part[4], &e) >= 0);
	FUZZ_CHECK(receipt_sign(fuzz_key(), &r, sig, &e) == 0);
	FUZZ_CHECK(strlen(sig) < RECEIPT_SIG_MAX);
	FUZZ_CHECK(receipt_verify(fuzz_key(), &r, sig, &e) == 1);
	r.scrutin_id++;
	FUZZ_CHECK(receipt_verify(fuzz_key(), &r, sig, &e) == 0);
	free(buf);
	return 0;
}
