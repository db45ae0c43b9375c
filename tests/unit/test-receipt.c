/* test-receipt.c: receipts (R-VOTE-6): canonical form, signature, and
 * rejection of any change to any field or to the signature. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/ec.h>
#include <openssl/evp.h>

#include "cu.h"
#include "receipt.h"

static EVP_PKEY *
new_key(void)
{
	return EVP_EC_gen("P-256");
}

static const struct receipt base = { "cse-2026", 7, "Siège — Cadres — Titulaires",
	"2026-11-24T09:15:02Z", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" };

static void
test_canonical_form_is_exact(void)
{
	struct receipt r = base;
	char *c;

	r.scrutin = "a\nb\\c";
	c = receipt_canonical(&r);
	CU_ASSERT_STRING_EQUAL(c, "isoloir-receipt=1\noperation=cse-2026\nscrutin_id=7\n"
	    "scrutin=a\\nb\\\\c\nvoted_at=2026-11-24T09:15:02Z\n"
	    "tracker=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n");
	free(c);
}

static void
test_signature_verifies(void)
{
	EVP_PKEY *k = new_key();
	char sig[RECEIPT_SIG_MAX];
	struct err e;

	CU_ASSERT_EQUAL_FATAL(receipt_sign(k, &base, sig, &e), 0);
	CU_ASSERT_EQUAL(receipt_verify(k, &base, sig, &e), 1);
	EVP_PKEY_free(k);
}

static void
test_any_change_breaks_the_signature(void)
{
	EVP_PKEY *k = new_key(), *other = new_key();
	char sig[RECEIPT_SIG_MAX];
	struct receipt r;
	struct err e;

	receipt_sign(k, &base, sig, &e);
	r = base; r.scrutin_id = 8;
	CU_ASSERT_EQUAL(receipt_verify(k, &r, sig, &e), 0);
	r = base; r.voted_at = "2026-11-24T09:15:03Z";
	CU_ASSERT_EQUAL(receipt_verify(k, &r, sig, &e), 0);
	r = base; r.tracker = "";
	CU_ASSERT_EQUAL(receipt_verify(k, &r, sig, &e), 0);
	r = base; r.operation = "cse-2027";
	CU_ASSERT_EQUAL(receipt_verify(k, &r, sig, &e), 0);
	CU_ASSERT_EQUAL(receipt_verify(other, &base, sig, &e), 0);
	sig[5] = sig[5] == 'A' ? 'B' : 'A';
	CU_ASSERT_EQUAL(receipt_verify(k, &base, sig, &e), 0);
	CU_ASSERT_EQUAL(receipt_verify(k, &base, "not base64!", &e), 0);
	EVP_PKEY_free(k);
	EVP_PKEY_free(other);
}

static void
test_key_load_errors_in_french(void)
{
	struct err e;

	CU_ASSERT_PTR_NULL(receipt_key_load("/nonexistent.pem", &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "illisible"));
}

/* R-VOTE-6: the PDF is well formed (every cross-reference offset points at
 * its object, startxref at the table), French text in WinAnsi bytes, the
 * time in Paris, the tracker grouped, the signed text whole. */
static void
test_pdf_is_well_formed_and_french(void)
{
	struct receipt r = { "cse-2026", 1, "Siège — Cadres — Titulaires", "2026-11-30T14:42:10Z",
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" };
	size_t len, xref;
	char *pdf = receipt_pdf(&r, "Élections CSE 2026", "c2lnbmF0dXJl", &len), *p, want[32];
	int n;

	CU_ASSERT_EQUAL_FATAL(memcmp(pdf, "%PDF-1.4\n", 9), 0);
	CU_ASSERT_EQUAL(strlen(pdf), len); /* no NUL inside */
	p = strstr(pdf, "startxref\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	xref = strtoul(p + 10, NULL, 10);
	CU_ASSERT_EQUAL_FATAL(strncmp(pdf + xref, "xref\n0 9\n", 9), 0);
	p = pdf + xref + 9 + 20;
	for (n = 1; n < 9; n++, p += 20) {
		snprintf(want, sizeof(want), "%d 0 obj\n", n);
		CU_ASSERT_EQUAL(strncmp(pdf + strtoul(p, NULL, 10), want, strlen(want)), 0);
	}
	CU_ASSERT_PTR_NOT_NULL(strstr(pdf, "(Accus\xe9 de r\xe9" "ception de votre vote)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(pdf, "(Si\xe8ge \x97 Cadres \x97 Titulaires)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(pdf, "le 30 novembre 2026 \xe0 15 h 42 min 10 s \\(heure de Paris\\)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(pdf, "(01234567 89abcdef 01234567"));
	CU_ASSERT_PTR_NOT_NULL(strstr(pdf, "(tracker=0123456789abcdef"));
	CU_ASSERT_PTR_NOT_NULL(strstr(pdf, "/Encoding /WinAnsiEncoding"));
	free(pdf);
}

/* Downloaded again later: no tracker, and the PDF says why. */
static void
test_pdf_without_tracker_says_why(void)
{
	struct receipt r = { "cse-2026", 2, "Siège (Paris) \\ test", "2026-07-01T10:00:00Z", "" };
	size_t len;
	char *pdf = receipt_pdf(&r, "Op", "c2ln", &len);

	CU_ASSERT_PTR_NOT_NULL(strstr(pdf, "Non conserv\xe9"));
	CU_ASSERT_PTR_NOT_NULL(strstr(pdf, "le 1 juillet 2026 \xe0 12 h 00 min 00 s"));
	/* ( ) and \\ escaped in PDF strings */
	CU_ASSERT_PTR_NOT_NULL(strstr(pdf, "Si\xe8ge \\(Paris\\) \\\\ test"));
	free(pdf);
}

static CU_TestInfo tests[] = {
	{ "pdf is well formed and French", test_pdf_is_well_formed_and_french },
	{ "pdf without tracker says why", test_pdf_without_tracker_says_why },
	{ "canonical form is exact", test_canonical_form_is_exact },
	{ "signature verifies", test_signature_verifies },
	{ "any change breaks the signature", test_any_change_breaks_the_signature },
	{ "key load errors in French", test_key_load_errors_in_french },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("receipt", tests);
}
