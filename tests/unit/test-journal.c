/* test-journal.c: canonical form and hash of a journal entry, pinned to a
 * vector computed independently (Python hashlib, see docs/model.md), and
 * sensitivity of the hash to every field. */
#include "config.h"

#include <string.h>

#include "cu.h"
#include "journal.h"

static struct journal_entry
sample(void)
{
	struct journal_entry je = { .seq = 1, .actor = "console:alice",
		.action = "transition", .scrutin_id = 7,
		.detail = "{\"de\":\"draft\",\"vers\":\"lists_imported\"}" };

	strcpy(je.at, "2026-03-01 08:00:00.000001");
	return je;
}

static void
hash_hex(const struct journal_entry *je, char out[65])
{
	unsigned char h[JOURNAL_HASH_LEN];

	journal_hash(je, h);
	journal_hex(h, sizeof(h), out);
}

static void
test_journal_canonical_form_is_netstrings_in_fixed_order(void)
{
	struct journal_entry je = sample();
	struct buf b = BUF_INIT;

	journal_canonical(&je, &b);
	CU_ASSERT_STRING_EQUAL(b.data, "17:isoloir-journal-1,1:1,26:2026-03-01 08:00:00.000001,"
	    "13:console:alice,10:transition,1:7,38:{\"de\":\"draft\",\"vers\":\"lists_imported\"},");
	buf_free(&b);
}

static void
test_journal_hash_matches_independent_vector(void)
{
	struct journal_entry je = sample();
	char hex[65];

	hash_hex(&je, hex);
	CU_ASSERT_STRING_EQUAL(hex, "01ba67b1bcacb2e9420efe890f47ecb809f6356dd0ab83834979bb04176e50b4");
}

static void
test_journal_hash_covers_every_field(void)
{
	struct journal_entry base = sample(), je;
	char ref[65], h[65];

	hash_hex(&base, ref);
	je = base, je.seq = 2, hash_hex(&je, h);
	CU_ASSERT_STRING_NOT_EQUAL(h, ref);
	je = base, je.at[25] = '2', hash_hex(&je, h);
	CU_ASSERT_STRING_NOT_EQUAL(h, ref);
	je = base, je.actor = "console:bob", hash_hex(&je, h);
	CU_ASSERT_STRING_NOT_EQUAL(h, ref);
	je = base, je.action = "transitio", hash_hex(&je, h);
	CU_ASSERT_STRING_NOT_EQUAL(h, ref);
	je = base, je.scrutin_id = 0, hash_hex(&je, h);
	CU_ASSERT_STRING_NOT_EQUAL(h, ref);
	je = base, je.detail = "{}", hash_hex(&je, h);
	CU_ASSERT_STRING_NOT_EQUAL(h, ref);
	je = base, je.prev_hash[31] = 1, hash_hex(&je, h);
	CU_ASSERT_STRING_NOT_EQUAL(h, ref);
}

static void
test_journal_fields_cannot_slide_into_each_other(void)
{
	struct journal_entry a = sample(), b = sample();
	char ha[65], hb[65];

	a.actor = "ab", a.action = "c";
	b.actor = "a", b.action = "bc";
	hash_hex(&a, ha);
	hash_hex(&b, hb);
	CU_ASSERT_STRING_NOT_EQUAL(ha, hb);
}

static void
test_journal_entry_without_scrutin_has_empty_field(void)
{
	struct journal_entry je = sample();
	struct buf b = BUF_INIT;

	je.scrutin_id = 0;
	journal_canonical(&je, &b);
	CU_ASSERT_PTR_NOT_NULL(strstr(b.data, ",10:transition,0:,38:"));
	buf_free(&b);
}

static void
test_journal_hex_is_lowercase(void)
{
	unsigned char p[3] = { 0x00, 0xab, 0xff };
	char out[7];

	journal_hex(p, 3, out);
	CU_ASSERT_STRING_EQUAL(out, "00abff");
}

static CU_TestInfo tests[] = {
	{ "canonical form", test_journal_canonical_form_is_netstrings_in_fixed_order },
	{ "hash matches independent vector", test_journal_hash_matches_independent_vector },
	{ "hash covers every field", test_journal_hash_covers_every_field },
	{ "fields cannot slide", test_journal_fields_cannot_slide_into_each_other },
	{ "no scrutin: empty field", test_journal_entry_without_scrutin_has_empty_field },
	{ "hex lowercase", test_journal_hex_is_lowercase },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("journal", tests);
}
