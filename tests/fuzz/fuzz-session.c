/* fuzz-session: session and anti-CSRF tokens (lib/session.c), as the
 * worker reads them from the Cookie and X-CSRF-Token headers. Input: one
 * mode byte, 8 bytes of "now", then the token (mode 0) or the 41 bytes of
 * a session body that the harness signs with the key, as only the server
 * can (mode 1: reaches the lifetime checks with any field values).
 * Invariants: an accepted token re-encodes to exactly itself; it is within
 * its lifetimes; its CSRF token is accepted and a changed one refused. */
#include "config.h"

#include <openssl/hmac.h>

#include "b64url.h"
#include "fuzz.h"
#include "session.h"

static const unsigned char key[SESSION_KEY_LEN] = "fuzz-fuzz-fuzz-fuzz-fuzz-fuzz-k";
static const struct session_limits lim = { 900, 7200 };

/* The token of a body, signed as session_encode signs. */
static void
sign_body(const uint8_t *body, char out[SESSION_TOKEN_MAX])
{
	unsigned char raw[41 + 32], m[18 + 41];
	unsigned len = 32;

	memcpy(raw, body, 41);
	memcpy(m, "isoloir-session-v1", 18);
	memcpy(m + 18, body, 41);
	HMAC(EVP_sha256(), key, SESSION_KEY_LEN, m, sizeof(m), raw + 41, &len);
	b64url_encode(raw, sizeof(raw), out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char tok[SESSION_TOKEN_MAX], back[SESSION_TOKEN_MAX], csrf[SESSION_CSRF_MAX], *s = NULL;
	int64_t now = 0;
	struct session ses;
	struct err e;

	if (size < 9)
		return 0;
	/* now is time(NULL) for the worker: from 0 to year 36812 */
	for (int i = 1; i < 9; i++)
		now = (int64_t)((uint64_t)now << 8 | data[i]);
	now &= ((int64_t)1 << 40) - 1;
	if (data[0] & 1) {
		if (size < 9 + 41)
			return 0;
		sign_body(data + 9, tok);
		s = tok;
	} else {
		s = fuzz_str(data + 9, size - 9);
	}
	if (session_decode(key, s, now, &lim, &ses, &e) == 0) {
		session_encode(key, &ses, back);
		FUZZ_CHECK(strcmp(back, s) == 0);
		FUZZ_CHECK(ses.issued <= ses.seen && now - ses.seen <= lim.idle_s &&
		    now - ses.issued <= lim.absolute_s);
		session_csrf(key, &ses, csrf);
		FUZZ_CHECK(session_csrf_ok(key, &ses, csrf));
		csrf[0] = csrf[0] == 'A' ? 'B' : 'A';
		FUZZ_CHECK(!session_csrf_ok(key, &ses, csrf));
	} else {
		FUZZ_CHECK(e.msg[0] != '\0');
	}
	if (s != tok)
		free(s);
	return 0;
}
