/* phone.h: telephone numbers of the electors list and of the password
 * retrieval page (R-AUTH-6): French mobile numbers, as people write them
 * (06 12 34 56 78, +33 6 12 34 56 78, 0033…), normalised to E.164
 * (+33612345678) so that an SMS gateway gets one form; the overseas
 * mobile ranges (0639, 069x) get their own country codes. */
#ifndef ISOLOIR_PHONE_H
#define ISOLOIR_PHONE_H

#include "err.h"

/* '+', at most 15 digits, NUL */
#define PHONE_E164_MAX 17

enum phone_kind {
	PHONE_MOBILE_FR, /* French mobile (mainland or overseas): out is E.164
	                  */
	PHONE_OTHER,     /* a landline or a foreign number */
};

/* Check a number of the electors file: a French mobile is normalised
 * into out; any other number (national 0X XX XX XX XX, or + with the
 * country code and 8 to 15 digits) is accepted as it is written, out
 * empty. Digits with spaces, dots or dashes. -1 with the French reason in
 * e. */
int phone_check(const char *in, char out[PHONE_E164_MAX], enum phone_kind *kind,
    struct err *e);

/* A French mobile number only (what an elector may type for an SMS),
 * normalised into out (at least PHONE_E164_MAX bytes). -1 with the French
 * reason in e. */
int phone_mobile_fr(const char *in, char out[PHONE_E164_MAX], struct err *e);

/* 1 when s is already the E.164 form of a French mobile (what the
 * mailer accepts as an SMS destination). */
int phone_is_mobile_e164(const char *s);

#endif
