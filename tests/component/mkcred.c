/* mkcred.c: test helper: print the SQL that gives an elector the given
 * identifier and password (digest with the stack's login key, Argon2id),
 * the way credential generation will store them. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "conf.h"
#include "credential.h"

int
main(int argc, char **argv)
{
	char nid[CRED_TEXT_MAX], npw[CRED_TEXT_MAX], hash[CRED_HASH_MAX];
	unsigned char key[32], digest[CRED_DIGEST_LEN];
	struct conf *c;
	struct err e;

	if (argc != 5) {
		fprintf(stderr, "usage: mkcred CONSOLE.conf ELECTOR_ID IDENTIFIER PASSWORD\n");
		return 2;
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
