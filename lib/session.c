/* session.c: HMAC-SHA256 signed session tokens and CSRF tokens.
 * Token = b64url(version || elector_id || generation || issued || seen ||
 * nonce || HMAC(key, "isoloir-session-v1" || those bytes)). The version
 * byte also tells an observer's session (2) from an elector's (1): an
 * observer's id can never be taken for an elector's. */
#include "config.h"

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "b64url.h"
#include "session.h"

#define SESSION_VERSION 1
#define SESSION_VERSION_OBSERVER 2
#define SESSION_BODY_LEN (1 + 4 + 4 + 8 + 8 + 16)
#define SESSION_RAW_LEN (SESSION_BODY_LEN + 32)

static void
put_be(unsigned char *p, uint64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)v;
}

static uint64_t
get_be(const unsigned char *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

static void
session_mac(const unsigned char *key, const char *tag, const unsigned char *m,
    size_t n, unsigned char out[32])
{
	unsigned int len = 32;
	unsigned char buf[64 + SESSION_BODY_LEN];
	size_t tl = strlen(tag);

	memcpy(buf, tag, tl);
	memcpy(buf + tl, m, n);
	HMAC(EVP_sha256(), key, SESSION_KEY_LEN, buf, tl + n, out, &len);
}

int
session_new(struct session *s, uint32_t elector_id, uint32_t generation,
    int64_t now, struct err *e)
{
	memset(s, 0, sizeof(*s));
	s->elector_id = elector_id;
	s->generation = generation;
	s->issued = s->seen = now;
	if (RAND_bytes(s->nonce, sizeof(s->nonce)) != 1)
		return err_set(e, "générateur aléatoire indisponible");
	return 0;
}

static void
session_body(const struct session *s, unsigned char b[SESSION_BODY_LEN])
{
	b[0] = s->observer ? SESSION_VERSION_OBSERVER : SESSION_VERSION;
	put_be(b + 1, s->elector_id, 4);
	put_be(b + 5, s->generation, 4);
	put_be(b + 9, (uint64_t)s->issued, 8);
	put_be(b + 17, (uint64_t)s->seen, 8);
	memcpy(b + 25, s->nonce, 16);
}

void
session_encode(const unsigned char key[SESSION_KEY_LEN], const struct session *s,
    char out[SESSION_TOKEN_MAX])
{
	unsigned char raw[SESSION_RAW_LEN];

	session_body(s, raw);
	session_mac(key, "isoloir-session-v1", raw, SESSION_BODY_LEN,
	    raw + SESSION_BODY_LEN);
	b64url_encode(raw, sizeof(raw), out);
}

int
session_decode(const unsigned char key[SESSION_KEY_LEN], const char *token,
    int64_t now, const struct session_limits *lim, struct session *s,
    struct err *e)
{
	unsigned char raw[SESSION_RAW_LEN], mac[32];
	size_t n;

	if (strlen(token) >= SESSION_TOKEN_MAX ||
	    b64url_decode(token, raw, sizeof(raw), &n) == -1 || n != sizeof(raw))
		return err_set(e, "session illisible");
	session_mac(key, "isoloir-session-v1", raw, SESSION_BODY_LEN, mac);
	if (CRYPTO_memcmp(mac, raw + SESSION_BODY_LEN, 32) != 0 ||
	    (raw[0] != SESSION_VERSION && raw[0] != SESSION_VERSION_OBSERVER))
		return err_set(e, "session non authentique");
	s->observer = raw[0] == SESSION_VERSION_OBSERVER;
	s->elector_id = (uint32_t)get_be(raw + 1, 4);
	s->generation = (uint32_t)get_be(raw + 5, 4);
	s->issued = (int64_t)get_be(raw + 9, 8);
	s->seen = (int64_t)get_be(raw + 17, 8);
	memcpy(s->nonce, raw + 25, 16);
	/* issued >= 0 also keeps now - issued from overflowing */
	if (s->issued < 0 || s->seen < s->issued || s->seen > now + 60)
		return err_set(e, "session incohérente");
	if (now - s->seen > lim->idle_s)
		return err_set(e, "session expirée (inactivité)");
	if (now - s->issued > lim->absolute_s)
		return err_set(e, "session expirée");
	return 0;
}

void
session_csrf(const unsigned char key[SESSION_KEY_LEN], const struct session *s,
    char out[SESSION_CSRF_MAX])
{
	unsigned char mac[32];

	session_mac(key, "isoloir-csrf-v1", s->nonce, sizeof(s->nonce), mac);
	b64url_encode(mac, 24, out);
}

int
session_csrf_ok(const unsigned char key[SESSION_KEY_LEN], const struct session *s,
    const char *given)
{
	char want[SESSION_CSRF_MAX];
	size_t n;

	session_csrf(key, s, want);
	n = strlen(want);
	return strlen(given) == n && CRYPTO_memcmp(want, given, n) == 0;
}
