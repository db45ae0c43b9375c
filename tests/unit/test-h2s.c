/* test-h2s.c: RFC 9380 expand_message_xmd (SHA-256) against the RFC's own
 * test vectors (Appendix K.1), and hash to scalar. */
#include "config.h"

#include <string.h>

#include "cu.h"
#include "group.h"
#include "h2s.h"

static const char *dst = "QUUX-V01-CS02-with-expander-SHA256-128";

static void
check_xmd(const char *msg, size_t len, const char *want)
{
	unsigned char out[256];
	char hex[513];

	CU_ASSERT_EQUAL_FATAL(h2s_expand_xmd((const unsigned char *)msg, strlen(msg), dst,
	    out, len), 0);
	group_hex(out, len, hex);
	CU_ASSERT_STRING_EQUAL(hex, want);
}

static void
test_rfc9380_k1_vectors(void)
{
	check_xmd("", 0x20, "68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235");
	check_xmd("abc", 0x20, "d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615");
}

static void
test_long_output_blocks_chain(void)
{
	unsigned char a[80], b[32];

	/* The first 32 bytes do not depend on len only through l_i_b_str. */
	CU_ASSERT_EQUAL(h2s_expand_xmd((const unsigned char *)"x", 1, dst, a, 80), 0);
	CU_ASSERT_EQUAL(h2s_expand_xmd((const unsigned char *)"x", 1, dst, b, 32), 0);
	CU_ASSERT(memcmp(a, b, 32) != 0);
	CU_ASSERT_EQUAL(h2s_expand_xmd((const unsigned char *)"x", 1, dst, a, 255 * 32 + 1), -1);
}

static void
test_scalar_depends_on_every_part_and_boundary(void)
{
	struct buf t1 = BUF_INIT, t2 = BUF_INIT;
	BIGNUM *s1 = BN_new(), *s2 = BN_new();
	BN_CTX *ctx = BN_CTX_new();

	/* ("ab","c") and ("a","bc") must differ: parts are length-prefixed. */
	h2s_part_str(&t1, "ab");
	h2s_part_str(&t1, "c");
	h2s_part_str(&t2, "a");
	h2s_part_str(&t2, "bc");
	CU_ASSERT_EQUAL(h2s_scalar(&t1, "isoloir-test", s1, ctx), 0);
	CU_ASSERT_EQUAL(h2s_scalar(&t2, "isoloir-test", s2, ctx), 0);
	CU_ASSERT(BN_cmp(s1, s2) != 0);
	CU_ASSERT(BN_cmp(s1, group_order()) < 0);
	CU_ASSERT_EQUAL(h2s_scalar(&t1, "isoloir-other", s2, ctx), 0);
	CU_ASSERT(BN_cmp(s1, s2) != 0);
	buf_free(&t1);
	buf_free(&t2);
	BN_free(s1);
	BN_free(s2);
	BN_CTX_free(ctx);
}

static CU_TestInfo tests[] = {
	{ "RFC 9380 K.1 vectors", test_rfc9380_k1_vectors },
	{ "long output blocks chain", test_long_output_blocks_chain },
	{ "scalar depends on every part and boundary", test_scalar_depends_on_every_part_and_boundary },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("h2s", tests);
}
