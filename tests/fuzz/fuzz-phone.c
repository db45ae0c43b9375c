/* fuzz-phone: telephone numbers of the electors file and of the password
 * retrieval page (lib/phone.c, R-AUTH-6). Invariants: a number accepted
 * as a French mobile gives an E.164 mobile form that is accepted again as
 * itself (one number, one form), and only then; an accepted number is
 * made of digits and separators only; phone_mobile_fr agrees. */
#include "config.h"

#include <ctype.h>

#include "fuzz.h"
#include "phone.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), out[PHONE_E164_MAX],
	     again[PHONE_E164_MAX];
	enum phone_kind k, k2;
	struct err e;
	int ok = phone_check(s, out, &k, &e) == 0;

	FUZZ_CHECK(ok || e.msg[0] != '\0');
	if (ok) {
		for (const char *p = s; *p != '\0'; p++)
			FUZZ_CHECK(isdigit((unsigned char)*p) ||
			           strchr(" .-", *p) != NULL ||
			           (p == s && *p == '+'));
		FUZZ_CHECK(k == PHONE_MOBILE_FR ? phone_is_mobile_e164(out)
		                                : out[0] == '\0');
	}
	if (ok && k == PHONE_MOBILE_FR) {
		FUZZ_CHECK(phone_check(out, again, &k2, &e) == 0 &&
		           k2 == PHONE_MOBILE_FR);
		FUZZ_CHECK(strcmp(again, out) == 0);
	}
	FUZZ_CHECK((phone_mobile_fr(s, again, &e) == 0) ==
	           (ok && k == PHONE_MOBILE_FR));
	free(s);
	return 0;
}
