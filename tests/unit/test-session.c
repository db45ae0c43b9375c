/* test-session.c: signed session and CSRF tokens; base64url. */
#include "config.h"

#include <string.h>

#include "b64url.h"
#include "cu.h"
#include "session.h"

static const unsigned char key[SESSION_KEY_LEN] = { 7, 7, 7 };
static const struct session_limits lim = { 900, 7200 };

static void
test_session_round_trip(void)
{
	struct session s, t;
	char tok[SESSION_TOKEN_MAX];
	struct err e;

	CU_ASSERT_EQUAL_FATAL(session_new(&s, 42, 3, 1000, &e), 0);
	session_encode(key, &s, tok);
	CU_ASSERT_EQUAL(session_decode(key, tok, 1100, &lim, &t, &e), 0);
	CU_ASSERT_EQUAL(t.elector_id, 42);
	CU_ASSERT_EQUAL(t.generation, 3);
	CU_ASSERT_EQUAL(t.issued, 1000);
	CU_ASSERT_EQUAL(memcmp(s.nonce, t.nonce, 16), 0);
}

/* R-AUTH-7: an observer's session stays one after a round trip, and an
 * elector's never turns into one. */
static void
test_session_observer_flag_kept(void)
{
	struct session s, t;
	char tok[SESSION_TOKEN_MAX];
	struct err e;

	CU_ASSERT_EQUAL_FATAL(session_new(&s, 7, 0, 1000, &e), 0);
	CU_ASSERT_EQUAL(s.observer, 0);
	session_encode(key, &s, tok);
	CU_ASSERT_EQUAL(session_decode(key, tok, 1100, &lim, &t, &e), 0);
	CU_ASSERT_EQUAL(t.observer, 0);
	s.observer = 1;
	session_encode(key, &s, tok);
	CU_ASSERT_EQUAL(session_decode(key, tok, 1100, &lim, &t, &e), 0);
	CU_ASSERT_EQUAL(t.observer, 1);
	CU_ASSERT_EQUAL(t.elector_id, 7);
}

static void
test_session_rejects_any_flipped_character(void)
{
	struct session s, t;
	char tok[SESSION_TOKEN_MAX];
	struct err e;
	int accepted = 0;

	session_new(&s, 42, 3, 1000, &e);
	session_encode(key, &s, tok);
	for (size_t i = 0; tok[i]; i++) {
		char c = tok[i];
		tok[i] = c == 'A' ? 'B' : 'A';
		accepted += session_decode(key, tok, 1100, &lim, &t, &e) == 0;
		tok[i] = c;
	}
	CU_ASSERT_EQUAL(accepted, 0);
}

static void
test_session_rejects_other_key(void)
{
	unsigned char other[SESSION_KEY_LEN] = { 8 };
	struct session s, t;
	char tok[SESSION_TOKEN_MAX];
	struct err e;

	session_new(&s, 1, 1, 1000, &e);
	session_encode(key, &s, tok);
	CU_ASSERT_EQUAL(session_decode(other, tok, 1000, &lim, &t, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "session non authentique");
}

static void
test_session_expires_idle_and_absolute(void)
{
	struct session s, t;
	char tok[SESSION_TOKEN_MAX];
	struct err e;

	session_new(&s, 1, 1, 1000, &e);
	session_encode(key, &s, tok);
	CU_ASSERT_EQUAL(session_decode(key, tok, 1900, &lim, &t, &e), 0);
	CU_ASSERT_EQUAL(session_decode(key, tok, 1901, &lim, &t, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "session expirée (inactivité)");
	s.seen = 8000;
	session_encode(key, &s, tok);
	CU_ASSERT_EQUAL(session_decode(key, tok, 8300, &lim, &t, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "session expirée");
}

static void
test_session_rejects_garbage(void)
{
	struct session t;
	struct err e;

	CU_ASSERT_EQUAL(session_decode(key, "", 0, &lim, &t, &e), -1);
	CU_ASSERT_EQUAL(session_decode(key, "!!!!", 0, &lim, &t, &e), -1);
	CU_ASSERT_EQUAL(session_decode(key, "QUJD", 0, &lim, &t, &e), -1);
}

static void
test_csrf_bound_to_session(void)
{
	struct session s1, s2;
	char c1[SESSION_CSRF_MAX], c2[SESSION_CSRF_MAX];
	struct err e;

	session_new(&s1, 1, 1, 1000, &e);
	session_new(&s2, 1, 1, 1000, &e);
	session_csrf(key, &s1, c1);
	session_csrf(key, &s2, c2);
	CU_ASSERT_TRUE(session_csrf_ok(key, &s1, c1));
	CU_ASSERT_FALSE(session_csrf_ok(key, &s1, c2));
	CU_ASSERT_FALSE(session_csrf_ok(key, &s1, ""));
	c1[3] ^= 1;
	CU_ASSERT_FALSE(session_csrf_ok(key, &s1, c1));
}

static void
test_b64url_vectors_and_strictness(void)
{
	char out[16];
	unsigned char back[16];
	size_t n;

	b64url_encode((const unsigned char *)"foob", 4, out);
	CU_ASSERT_STRING_EQUAL(out, "Zm9vYg");
	b64url_encode((const unsigned char *)"\xfb\xff", 2, out);
	CU_ASSERT_STRING_EQUAL(out, "-_8");
	CU_ASSERT_EQUAL(b64url_decode("Zm9vYg", back, sizeof(back), &n), 0);
	CU_ASSERT_EQUAL(n, 4);
	CU_ASSERT_EQUAL(memcmp(back, "foob", 4), 0);
	CU_ASSERT_EQUAL(b64url_decode("Zm9vYh", back, sizeof(back), &n), -1);
	CU_ASSERT_EQUAL(b64url_decode("Zm9vYg==", back, sizeof(back), &n), -1);
	CU_ASSERT_EQUAL(b64url_decode("Z", back, sizeof(back), &n), -1);
	CU_ASSERT_EQUAL(b64url_decode("Zm9vYg", back, 3, &n), -1);
}

static CU_TestInfo tests[] = {
	{ "session round trip", test_session_round_trip },
	{ "session observer flag kept", test_session_observer_flag_kept },
	{ "session rejects any flipped character", test_session_rejects_any_flipped_character },
	{ "session rejects other key", test_session_rejects_other_key },
	{ "session expires idle and absolute", test_session_expires_idle_and_absolute },
	{ "session rejects garbage", test_session_rejects_garbage },
	{ "csrf bound to session", test_csrf_bound_to_session },
	{ "b64url vectors and strictness", test_b64url_vectors_and_strictness },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("session", tests);
}
