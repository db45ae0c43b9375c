/* test-kdf: Argon2id through lib/kdf.c, in the caller and on a pool of
 * two threads (issue 6: a worker's memory for Argon2id no longer grows
 * with its request threads). */
#include "config.h"

#include <pthread.h>
#include <string.h>

#include <argon2.h>

#include "cu.h"
#include "kdf.h"

#define CALLERS 8

static char encoded[128];

struct call {
	int wrong, rc;
};

static void *
caller(void *arg)
{
	struct call *c = arg;
	const char *pw = c->wrong ? "autre-mot" : "2345-6789-ABCD";

	c->rc = kdf_verify(encoded, pw, strlen(pw));
	return NULL;
}

/* CALLERS threads at once: every answer right. */
static void
run_callers(void)
{
	pthread_t t[CALLERS];
	struct call c[CALLERS];

	for (int i = 0; i < CALLERS; i++) {
		c[i].wrong = i % 3 == 1;
		c[i].rc = -1000;
		CU_ASSERT_FATAL(
		    pthread_create(&t[i], NULL, caller, &c[i]) == 0);
	}
	for (int i = 0; i < CALLERS; i++) {
		pthread_join(t[i], NULL);
		CU_ASSERT_EQUAL(
		    c[i].rc, c[i].wrong ? ARGON2_VERIFY_MISMATCH : ARGON2_OK);
	}
}

static void
test_direct(void)
{
	const unsigned char salt[16] = "isoloir-kdf-test";
	const char *pw = "2345-6789-ABCD";

	/* the cost of an elector's password (lib/credential.c) */
	CU_ASSERT_EQUAL(kdf_hash_encoded(2, 8192, 1, pw, strlen(pw), salt,
	                    sizeof(salt), 32, encoded, sizeof(encoded)),
	    ARGON2_OK);
	CU_ASSERT_EQUAL(argon2id_verify(encoded, pw, strlen(pw)), ARGON2_OK);
	CU_ASSERT_EQUAL(kdf_verify(encoded, pw, strlen(pw)), ARGON2_OK);
	CU_ASSERT_EQUAL(
	    kdf_verify(encoded, "2345-6789-ABCE", 14), ARGON2_VERIFY_MISMATCH);
	CU_ASSERT_NOT_EQUAL(
	    kdf_verify("$argon2id$v=19$m=8192", pw, strlen(pw)), ARGON2_OK);
	/* without a pool, the callers compute side by side */
	run_callers();
}

static void
test_pool(void)
{
	const unsigned char salt[16] = "isoloir-kdf-tst2";
	char again[128];
	struct err e;

	CU_ASSERT_FATAL(kdf_pool_start(2, &e) == 0);
	run_callers();
	CU_ASSERT(kdf_peak() >= 1);
	CU_ASSERT(kdf_peak() <= 2); /* never more than the pool's threads */
	CU_ASSERT_EQUAL(kdf_hash_encoded(1, 1024, 1, "x", 1, salt, sizeof(salt),
	                    32, again, sizeof(again)),
	    ARGON2_OK);
	CU_ASSERT_EQUAL(argon2id_verify(again, "x", 1), ARGON2_OK);
	kdf_pool_stop();
	CU_ASSERT(kdf_pool_start(0, &e) == -1);
	CU_ASSERT(kdf_pool_start(17, &e) == -1);
	/* stopped: back in the caller */
	CU_ASSERT_EQUAL(kdf_verify(again, "x", 1), ARGON2_OK);
}

int
main(void)
{
	CU_TestInfo tests[] = {
	    {"in the caller", test_direct},
	    {"on a pool of two threads", test_pool},
	    CU_TEST_INFO_NULL,
	};

	return cu_run("kdf", tests);
}
