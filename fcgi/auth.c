/* auth.c: the session cookie (__Host- prefixed: Secure, Path=/, no Domain),
 * its refresh on activity, and the anti-CSRF header of every POST. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "voter.h"
#include "worker.h"

#define AUTH_COOKIE "__Host-isoloir"

/* Find NAME=value in the Cookie header; copies at most cap - 1 bytes. */
static int
auth_cookie_value(const char *cookies, char *out, size_t cap)
{
	const size_t nl = strlen(AUTH_COOKIE);
	const char *p = cookies;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		if (strncmp(p, AUTH_COOKIE, nl) == 0 && p[nl] == '=') {
			size_t n = strcspn(p + nl + 1, ";");
			if (n >= cap)
				return -1;
			memcpy(out, p + nl + 1, n);
			out[n] = '\0';
			return 0;
		}
		p = strchr(p, ';');
	}
	return -1;
}

int
auth_session(struct req *r, struct session *s)
{
	const char *cookies = req_header(r, "HTTP_COOKIE");
	char tok[SESSION_TOKEN_MAX];
	struct err e;

	if (cookies == NULL || auth_cookie_value(cookies, tok, sizeof(tok)) == -1)
		return -1;
	return session_decode(r->t->wc->session_key, tok, (int64_t)time(NULL),
	    &r->t->wc->limits, s, &e);
}

void
auth_set_cookie(struct req *r, const struct session *s)
{
	char tok[SESSION_TOKEN_MAX];

	session_encode(r->t->wc->session_key, s, tok);
	snprintf(r->set_cookie, sizeof(r->set_cookie),
	    AUTH_COOKIE "=%s; Path=/; Secure; HttpOnly; SameSite=Strict", tok);
}

void
auth_clear_cookie(struct req *r)
{
	snprintf(r->set_cookie, sizeof(r->set_cookie), AUTH_COOKIE
	    "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
}

int
auth_csrf_ok(struct req *r, const struct session *s)
{
	const char *h = req_header(r, "HTTP_X_CSRF_TOKEN");

	return h != NULL && session_csrf_ok(r->t->wc->session_key, s, h);
}

int
auth_elector(struct req *r, struct session *s)
{
	MYSQL *db;
	unsigned gen;
	struct err e;

	if (auth_session(r, s) == -1 || s->elector_id == 0) {
		resp_error(r, 401, "Votre session a expiré : veuillez vous reconnecter.");
		return -1;
	}
	if (s->observer) {
		resp_error(r, 403, "Compte d'observation : consultation seulement.");
		return -1;
	}
	if ((db = dbconn_electors(r->t)) == NULL ||
	    voter_generation(db, s->elector_id, &gen, &e) == -1) {
		resp_error(r, 503, "Service momentanément indisponible, réessayez dans un instant.");
		return -1;
	}
	/* Credentials reissued since this login: the session is void (R-AUTH-4). */
	if (gen != s->generation) {
		auth_clear_cookie(r);
		resp_error(r, 401, "Vos identifiants ont été renouvelés : veuillez vous reconnecter.");
		return -1;
	}
	s->seen = (int64_t)time(NULL);
	auth_set_cookie(r, s);
	return 0;
}
