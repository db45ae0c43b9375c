/* test-phone.c: telephone numbers (lib/phone.c, R-AUTH-6): French mobiles
 * in every usual spelling normalised to E.164, the overseas ranges under
 * their own country codes, other numbers accepted as written, and every
 * malformed number refused with its French reason. */
#include "config.h"

#include <string.h>

#include "cu.h"
#include "phone.h"

static void
expect_mobile(const char *in, const char *want)
{
	char out[PHONE_E164_MAX];
	enum phone_kind k = PHONE_OTHER;
	struct err e;

	CU_ASSERT_EQUAL(phone_check(in, out, &k, &e), 0);
	CU_ASSERT_EQUAL(k, PHONE_MOBILE_FR);
	CU_ASSERT_STRING_EQUAL(out, want);
	CU_ASSERT_EQUAL(phone_mobile_fr(in, out, &e), 0);
	CU_ASSERT_STRING_EQUAL(out, want);
	CU_ASSERT_TRUE(phone_is_mobile_e164(out));
}

/* Refused by phone_check with this reason. */
static void
expect_bad(const char *in, const char *why)
{
	char out[PHONE_E164_MAX];
	enum phone_kind k;
	struct err e;

	CU_ASSERT_EQUAL(phone_check(in, out, &k, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, why);
	CU_ASSERT_EQUAL(phone_mobile_fr(in, out, &e), -1);
}

static void
test_french_mobiles_normalised(void)
{
	expect_mobile("06 12 34 56 78", "+33612345678");
	expect_mobile("0612345678", "+33612345678");
	expect_mobile("06.12.34.56.78", "+33612345678");
	expect_mobile("07-80-12-34-56", "+33780123456");
	expect_mobile("+33 6 12 34 56 78", "+33612345678");
	expect_mobile("+33612345678", "+33612345678");
	expect_mobile("0033 7 80 12 34 56", "+33780123456");
}

static void
test_overseas_mobiles_under_their_code(void)
{
	expect_mobile("06 92 12 34 56", "+262692123456"); /* La Réunion */
	expect_mobile("0639 12 34 56", "+262639123456");  /* Mayotte */
	expect_mobile("0690123456", "+590690123456");     /* Guadeloupe */
	expect_mobile("06 94 12 34 56", "+594694123456"); /* Guyane */
	expect_mobile("0697123456", "+596697123456");     /* Martinique */
	expect_mobile("+262 692 12 34 56", "+262692123456");
	expect_mobile("+33 6 92 12 34 56", "+262692123456");
}

static void
test_other_numbers_accepted_not_mobiles(void)
{
	const char *ok[] = {"01 23 45 67 89", "05.49.12.34.56",
	    "+33 1 23 45 67 89", "+32 470 12 34 56", "+44 20 7946 0000",
	    "+262 262 12 34 56"};
	char out[PHONE_E164_MAX];
	enum phone_kind k;
	struct err e;

	for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++) {
		CU_ASSERT_EQUAL(phone_check(ok[i], out, &k, &e), 0);
		CU_ASSERT_EQUAL(k, PHONE_OTHER);
		CU_ASSERT_STRING_EQUAL(out, "");
		CU_ASSERT_EQUAL(phone_mobile_fr(ok[i], out, &e), -1);
		CU_ASSERT_STRING_EQUAL(e.msg,
		    "ce n'est pas un numéro de mobile français (06 ou 07)");
	}
}

static void
test_malformed_numbers_refused(void)
{
	const char *fr = "un numéro français a 10 chiffres (06 12 34 56 78) ou "
	                 "s'écrit +33 suivi de 9 chiffres (+33 6 12 34 56 78)";

	expect_bad("06 12 34 56", fr);
	expect_bad("06 12 34 56 78 9", fr);
	expect_bad("+33 6 12 34 56", fr);
	expect_bad("+33 06 12 34 56 78", fr);
	expect_bad("0033 6 12 34 56", fr);
	expect_bad("6 12 34 56 78", "un numéro français commence par 0 (06 12 "
	                            "34 56 78), un numéro étranger par + et "
	                            "l'indicatif du pays");
	expect_bad("0044 20 7946 0000",
	    "un numéro étranger s'écrit + et l'indicatif du pays (+32 …), sans "
	    "00");
	expect_bad("+32 470", "un numéro international a de 8 à 15 chiffres "
	                      "après le +");
	expect_bad("+1234567890123456",
	    "un numéro international a de 8 à 15 chiffres après le +");
	expect_bad("06 12 34 56 7a", "seuls des chiffres, des espaces, des "
	                             "points ou des tirets sont permis (et + "
	                             "au début)");
	expect_bad("06 12 34 56 78;rm", "seuls des chiffres, des espaces, des "
	                                "points ou des tirets sont permis (et "
	                                "+ au début)");
	expect_bad("++33612345678", "seuls des chiffres, des espaces, des "
	                            "points ou des tirets sont permis (et + "
	                            "au début)");
	expect_bad("+", "aucun chiffre");
	expect_bad(" - ", "aucun chiffre");
	expect_bad("012345678901234567890123", "trop de chiffres");
}

static void
test_e164_mobile_form_only(void)
{
	const char *no[] = {"", "+", "+3361234567", "+336123456789",
	    "+33512345678", "0612345678", "+33 612345678", "+3361234567a",
	    "+262262123456", "+590590123456", "+596695123456", "+26269212345",
	    "+2626921234567"};

	for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++)
		CU_ASSERT_FALSE(phone_is_mobile_e164(no[i]));
	CU_ASSERT_TRUE(phone_is_mobile_e164("+33712345678"));
	CU_ASSERT_TRUE(phone_is_mobile_e164("+596696123456"));
}

static CU_TestInfo tests[] = {
    {"French mobiles normalised to E.164", test_french_mobiles_normalised},
    {"overseas mobiles under their own code",
        test_overseas_mobiles_under_their_code},
    {"other numbers accepted, not mobiles",
        test_other_numbers_accepted_not_mobiles},
    {"malformed numbers refused with the reason",
        test_malformed_numbers_refused},
    {"E.164 mobile form only", test_e164_mobile_form_only},
    CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("phone", tests);
}
