/* fuzz-conf: the isoloir.conf parser (lib/conf.c), from text and from a
 * file. Invariants: both agree; an accepted text has no NUL; every value
 * found again by conf_get is trimmed and on one line; conf_get_int and
 * conf_get_hex either fail with a message or return a value that obeys
 * their bounds; a refusal names the file and line. */
#include "config.h"

#include <ctype.h>

#include "conf.h"
#include "fuzz.h"

/* Look up the keys that the programs read, and the first key of the text. */
static void
check_lookups(const struct conf *c)
{
	static const char *const keys[][2] = {
		{ "web", "max_body" }, { "web", "session_key" }, { "electors_db", "port" },
		{ "urn_db", "password" }, { "a", "b" },
	};
	unsigned char hex[32];
	struct err e;
	long n;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *v = conf_get(c, keys[i][0], keys[i][1]);
		if (v != NULL) {
			FUZZ_CHECK(strchr(v, '\n') == NULL);
			FUZZ_CHECK(*v == '\0' || (!isspace((unsigned char)v[0]) &&
			    !isspace((unsigned char)v[strlen(v) - 1])));
		}
		e.msg[0] = '\0';
		if (conf_get_int(c, keys[i][0], keys[i][1], 7, -5, 1000, &n, &e) == 0)
			FUZZ_CHECK(n >= -5 && n <= 1000);
		else
			FUZZ_CHECK(e.msg[0] != '\0');
		if (conf_get_hex(c, keys[i][0], keys[i][1], hex, sizeof(hex), &e) == 0)
			FUZZ_CHECK(v != NULL && strlen(v) == 64);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_str(data, size), path[32];
	int fd = fuzz_file(data, size, path);
	struct conf *a, *b;
	struct err e1, e2;

	a = conf_parse(text, "fuzz.conf", &e1);
	b = conf_load(path, &e2);
	if (memchr(data, '\0', size) == NULL) {
		FUZZ_CHECK((a == NULL) == (b == NULL));
		if (a == NULL)
			FUZZ_CHECK(strcmp(strchr(e1.msg, ':'), strchr(e2.msg, ':')) == 0);
	} else {
		FUZZ_CHECK(b == NULL);
	}
	if (a == NULL)
		FUZZ_CHECK(strncmp(e1.msg, "fuzz.conf:", 10) == 0);
	else
		check_lookups(a);
	conf_free(a);
	conf_free(b);
	free(text);
	close(fd);
	return 0;
}
