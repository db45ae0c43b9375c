/* phone.c: telephone numbers, French mobiles normalised to E.164 (see
 * phone.h). The electors file and the retrieval page share these rules,
 * so that a number typed by an elector and one of the list have the same
 * form in the outbox. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "phone.h"

/* Overseas mobiles are numbered in the French plan (06 39, 06 90…) but
 * called under their own country code: "+33 6 92…" would not reach La
 * Réunion. */
static const struct {
	char national[5]; /* the first four digits, the 0 included */
	char cc[4];
} phone_overseas[] = {
    {"0639", "262"}, /* Mayotte */
    {"0690", "590"}, /* Guadeloupe, Saint-Martin, Saint-Barthélemy */
    {"0691", "590"},
    {"0692", "262"}, /* La Réunion */
    {"0693", "262"},
    {"0694", "594"}, /* Guyane */
    {"0696", "596"}, /* Martinique */
    {"0697", "596"},
};
#define PHONE_NOVERSEAS (sizeof(phone_overseas) / sizeof(*phone_overseas))

/* The digits of s into d (at most 20): spaces, dots and dashes skipped;
 * *plus when s starts with '+'. */
static int
phone_digits(const char *s, char d[21], int *plus, struct err *e)
{
	size_t n = 0;

	*plus = *s == '+';
	for (const char *p = s + *plus; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p) && n < 20)
			d[n++] = *p;
		else if (isdigit((unsigned char)*p))
			return err_set(e, "trop de chiffres");
		else if (*p != ' ' && *p != '.' && *p != '-')
			return err_set(e,
			    "seuls des chiffres, des espaces, des "
			    "points ou des tirets sont permis (et + "
			    "au début)");
	}
	d[n] = '\0';
	return n == 0 ? err_set(e, "aucun chiffre") : 0;
}

/* A French number in its national form (0 and 9 digits): a mobile gets
 * its E.164 form in out, anything else an empty out. */
static void
phone_national(const char *nat, char out[PHONE_E164_MAX], enum phone_kind *k)
{
	out[0] = '\0';
	*k = PHONE_OTHER;
	if (nat[1] != '6' && nat[1] != '7')
		return;
	*k = PHONE_MOBILE_FR;
	for (size_t i = 0; i < PHONE_NOVERSEAS; i++)
		if (strncmp(nat, phone_overseas[i].national, 4) == 0) {
			snprintf(out, PHONE_E164_MAX, "+%s%s",
			    phone_overseas[i].cc, nat + 1);
			return;
		}
	snprintf(out, PHONE_E164_MAX, "+33%s", nat + 1);
}

/* The French number (9 digits after the 0 or after 33) into nat. */
static int
phone_french(const char *rest, char nat[11], struct err *e)
{
	if (strlen(rest) != 9 || rest[0] == '0')
		return err_set(e, "un numéro français a 10 chiffres (06 12 34 "
		                  "56 78) ou s'écrit +33 suivi de 9 chiffres "
		                  "(+33 6 12 34 56 78)");
	snprintf(nat, 11, "0%s", rest);
	return 0;
}

int
phone_check(const char *in, char out[PHONE_E164_MAX], enum phone_kind *kind,
    struct err *e)
{
	char d[21], nat[11];
	int plus;

	out[0] = '\0';
	*kind = PHONE_OTHER;
	if (phone_digits(in, d, &plus, e) == -1)
		return -1;
	if (plus && strncmp(d, "33", 2) != 0) {
		if (strlen(d) < 8 || strlen(d) > 15)
			return err_set(e, "un numéro international a de 8 à 15 "
			                  "chiffres après le +");
		/* +262 692…: already E.164; an overseas mobile all the same */
		snprintf(out, PHONE_E164_MAX, "+%s", d);
		if (phone_is_mobile_e164(out))
			*kind = PHONE_MOBILE_FR;
		else
			out[0] = '\0';
		return 0;
	}
	if (!plus && d[0] != '0')
		return err_set(e, "un numéro français commence par 0 (06 12 "
		                  "34 56 78), un numéro étranger par + et "
		                  "l'indicatif du pays");
	if (!plus && d[1] == '0' && strncmp(d, "0033", 4) != 0)
		return err_set(e, "un numéro étranger s'écrit + et l'indicatif "
		                  "du pays (+32 …), sans 00");
	if (phone_french(plus          ? d + 2
	                 : d[1] == '0' ? d + 4
	                               : d + 1,
	        nat, e) == -1)
		return -1;
	phone_national(nat, out, kind);
	return 0;
}

int
phone_mobile_fr(const char *in, char out[PHONE_E164_MAX], struct err *e)
{
	enum phone_kind k;

	if (phone_check(in, out, &k, e) == -1)
		return -1;
	if (k != PHONE_MOBILE_FR)
		return err_set(e,
		    "ce n'est pas un numéro de mobile français (06 "
		    "ou 07)");
	return 0;
}

int
phone_is_mobile_e164(const char *s)
{
	size_t n = strlen(s);

	if (s[0] != '+' || n < 12)
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	if (n == 12 && strncmp(s + 1, "33", 2) == 0)
		return s[3] == '6' || s[3] == '7';
	for (size_t i = 0; n == 13 && i < PHONE_NOVERSEAS; i++)
		if (strncmp(s + 1, phone_overseas[i].cc, 3) == 0 &&
		    strncmp(s + 4, phone_overseas[i].national + 1, 3) == 0)
			return 1;
	return 0;
}
