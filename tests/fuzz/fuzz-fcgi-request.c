/* fuzz-fcgi-request: the worker's own parsing of request headers, which
 * lives in static functions of fcgi/ (compiled here as they are, with the
 * rest of those files: nothing replaced): the session cookie out of the
 * Cookie header (auth.c), the scrutin number of GET /api/bulletin's
 * query string (request.c), and the list and kind of a list's file
 * (api_listfile.c). The bodies of login and vote are JSON handed
 * to lib/ (fuzz-credential; the vote's read by lib/jtree.c: fuzz-jtree,
 * fuzz-ballot). Input: one byte choosing the
 * buffer size for the cookie (as small as 1), then the header text.
 * Invariants: a cookie value is found only after "__Host-isoloir=" at the
 * start of a cookie, holds no ';' and fits its buffer; a scrutin number is
 * 0 (none) or 1..999999, the digits after "scrutin=" in the query; a
 * list's file is asked for only with "liste=" digits (1..100000000) and
 * "type=logo" or "type=profession" as whole parameters. */
#include "../../fcgi/auth.c"
#include "../../fcgi/api_listfile.c"
#include "../../fcgi/api_vote.c"
#include "../../fcgi/dbconn.c"
#include "../../fcgi/request.c"

#include "fuzz.h"

static void
check_cookie(const char *header, size_t cap)
{
	char *out = malloc(cap);
	const char *p;

	FUZZ_CHECK(out != NULL);
	if (auth_cookie_value(header, out, cap) == 0) {
		FUZZ_CHECK(strlen(out) < cap && strchr(out, ';') == NULL);
		for (p = strstr(header, AUTH_COOKIE "="); p != NULL; p = strstr(p + 1, AUTH_COOKIE "="))
			if (strncmp(p + strlen(AUTH_COOKIE) + 1, out, strlen(out)) == 0)
				break;
		FUZZ_CHECK(p != NULL);
	}
	free(out);
}

static void
check_query(const char *q)
{
	unsigned id = req_query_scrutin(q);
	const char *p = strstr(q, "scrutin=");
	unsigned long v = 0;

	if (id == 0)
		return;
	/* the first "scrutin=" is the parameter; its value is only digits */
	FUZZ_CHECK(p != NULL && (p == q || p[-1] == '&'));
	for (p += 8; *p != '\0' && *p != '&'; p++) {
		FUZZ_CHECK(*p >= '0' && *p <= '9');
		v = v * 10 + (unsigned long)(*p - '0');
	}
	FUZZ_CHECK(v == id && id < 1000000);
}

static void
check_listfile_query(const char *q)
{
	enum listfile_kind k;
	unsigned id;
	const char *l = strstr(q, "liste="), *t = strstr(q, "type=");

	if (api_listfile_query(q, &id, &k) == -1)
		return;
	FUZZ_CHECK(l != NULL && t != NULL && (l == q || l[-1] == '&') && (t == q || t[-1] == '&'));
	FUZZ_CHECK(id >= 1 && id <= 100000000 && strtoul(l + 6, NULL, 10) == id);
	t += 5;
	FUZZ_CHECK(k == LISTFILE_LOGO ? strncmp(t, "logo", 4) == 0 && (t[4] == '\0' || t[4] == '&') :
	    strncmp(t, "profession", 10) == 0 && (t[10] == '\0' || t[10] == '&'));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;

	if (size < 1)
		return 0;
	s = fuzz_str(data + 1, size - 1);
	check_cookie(s, (size_t)data[0] % SESSION_TOKEN_MAX + 1);
	check_query(s);
	check_listfile_query(s);
	free(s);
	return 0;
}
