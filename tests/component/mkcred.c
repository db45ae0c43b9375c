/* mkcred.c: test and bench helper: print the SQL that gives an elector the
 * given identifier and password (digest with the stack's login key,
 * Argon2id), the way credential generation will store them.
 *   mkcred CONF ELECTOR_ID IDENTIFIER PASSWORD
 *   mkcred CONF --bulk N PASSWORD   electors 1..N, identifiers bench_id(i)
 * In bulk mode every elector shares one password hash (the cost of a login
 * is the same; only the generation is faster). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "credential.h"

/* A deterministic identifier for elector i: 12 symbols of the alphabet. */
static void
bench_id(unsigned i, char out[CRED_TEXT_MAX])
{
	const size_t n = sizeof(CRED_ALPHABET) - 1;

	for (int k = 11; k >= 0; k--, i /= n)
		out[k] = CRED_ALPHABET[i % n];
	out[12] = '\0';
}

static void
print_digest(const unsigned char *d)
{
	printf("X'");
	for (size_t i = 0; i < CRED_DIGEST_LEN; i++)
		printf("%02x", d[i]);
	printf("'");
}

static int
bulk(const unsigned char *key, unsigned count, const char *pw, struct err *e)
{
	char npw[CRED_TEXT_MAX], hash[CRED_HASH_MAX], id[CRED_TEXT_MAX];
	unsigned char digest[CRED_DIGEST_LEN];

	if (cred_normalize(pw, CRED_PW_SYMBOLS, npw, e) == -1 ||
	    cred_hash_password(npw, &cred_cost_default, hash, e) == -1)
		return -1;
	for (unsigned i = 1; i <= count; i++) {
		bench_id(i, id);
		if (cred_login_digest(key, 32, id, digest, e) == -1)
			return -1;
		printf("%sINSERT INTO credential (elector_id, login_digest, password_hash) VALUES (%u, ",
		    "", i);
		print_digest(digest);
		printf(", '%s');\n", hash);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	char nid[CRED_TEXT_MAX], npw[CRED_TEXT_MAX], hash[CRED_HASH_MAX];
	unsigned char key[32], digest[CRED_DIGEST_LEN];
	struct conf *c;
	struct err e;

	if (argc != 5) {
		fprintf(stderr, "usage: mkcred CONSOLE.conf ELECTOR_ID IDENTIFIER PASSWORD\n"
		    "       mkcred CONSOLE.conf --bulk N PASSWORD\n");
		return 2;
	}
	if (strcmp(argv[2], "--bulk") == 0) {
		int rc = 1;
		if ((c = conf_load(argv[1], &e)) != NULL &&
		    conf_get_hex(c, "credentials", "login_key", key, sizeof(key), &e) == 0 &&
		    bulk(key, (unsigned)atoi(argv[3]), argv[4], &e) == 0)
			rc = 0;
		else
			fprintf(stderr, "mkcred: %s\n", e.msg);
		conf_free(c);
		return rc;
	}
	if ((c = conf_load(argv[1], &e)) == NULL ||
	    conf_get_hex(c, "credentials", "login_key", key, sizeof(key), &e) == -1 ||
	    cred_normalize(argv[3], CRED_ID_SYMBOLS, nid, &e) == -1 ||
	    cred_normalize(argv[4], CRED_PW_SYMBOLS, npw, &e) == -1 ||
	    cred_login_digest(key, sizeof(key), nid, digest, &e) == -1 ||
	    cred_hash_password(npw, &cred_cost_default, hash, &e) == -1) {
		fprintf(stderr, "mkcred: %s\n", e.msg);
		return 1;
	}
	printf("INSERT INTO credential (elector_id, login_digest, password_hash) VALUES (%s, X'",
	    argv[2]);
	for (size_t i = 0; i < sizeof(digest); i++)
		printf("%02x", digest[i]);
	printf("', '%s');\n", hash);
	conf_free(c);
	return 0;
}
