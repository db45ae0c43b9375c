/* test-seal.c: canonical form and fingerprint of a seal (pinned to a
 * vector computed independently), its JSON content, and the comparison
 * that names what changed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cu.h"
#include "journal.h"
#include "seal.h"

static struct seal_parts
sample(void)
{
	struct seal_parts p;

	memset(&p, 0, sizeof(p));
	p.scrutin_id = 7;
	strcpy(p.kind, "sealed");
	memset(p.params, 1, SEAL_LEN);
	memset(p.lists, 2, SEAL_LEN);
	memset(p.electors, 3, SEAL_LEN);
	p.nbin = 2;
	strcpy(p.bin[0].path, "/usr/bin/a");
	memset(p.bin[0].digest, 4, SEAL_LEN);
	strcpy(p.bin[1].path, "/usr/bin/b c");
	memset(p.bin[1].digest, 5, SEAL_LEN);
	p.journal_seq = 42;
	memset(p.journal_hash, 6, SEAL_LEN);
	memset(p.prev, 7, SEAL_LEN);
	return p;
}

static void
fp_hex(const struct seal_parts *p, char out[65])
{
	unsigned char fp[SEAL_LEN];

	seal_fingerprint(p, fp);
	journal_hex(fp, SEAL_LEN, out);
}

static void
test_seal_fingerprint_matches_independent_vector(void)
{
	struct seal_parts p = sample();
	char hex[65];

	fp_hex(&p, hex);
	CU_ASSERT_STRING_EQUAL(hex, "194ff547152099fb53640f5046a4251600277aa426c91f68af77082dc6115a23");
}

static void
test_seal_fingerprint_covers_every_component(void)
{
	struct seal_parts base = sample(), p;
	char ref[65], h[65];

	fp_hex(&base, ref);
#define CHANGED(stmt) do { p = base; stmt; fp_hex(&p, h); CU_ASSERT_STRING_NOT_EQUAL(h, ref); } while (0)
	CHANGED(p.scrutin_id = 8);
	CHANGED(strcpy(p.kind, "sealed_after_count"));
	CHANGED(p.params[0] ^= 1);
	CHANGED(p.lists[31] ^= 1);
	CHANGED(p.electors[5] ^= 1);
	CHANGED(p.bin[1].path[0] = 'X');
	CHANGED(p.bin[0].digest[0] ^= 1);
	CHANGED(p.nbin = 1);
	CHANGED(p.journal_seq = 43);
	CHANGED(p.journal_hash[0] ^= 1);
	CHANGED(p.prev[0] ^= 1);
#undef CHANGED
}

static void
test_seal_fields_encode_null_and_boundaries(void)
{
	struct buf a = BUF_INIT, b = BUF_INIT;

	seal_field(&a, "ab", 2), seal_field(&a, "c", 1), seal_row_end(&a);
	seal_field(&b, "a", 1), seal_field(&b, "bc", 2), seal_row_end(&b);
	CU_ASSERT_STRING_EQUAL(a.data, "2:ab,1:c,;");
	CU_ASSERT_STRING_NOT_EQUAL(a.data, b.data);
	buf_reset(&a), buf_reset(&b);
	seal_null(&a), seal_row_end(&a);
	seal_field(&b, "", 0), seal_row_end(&b);
	CU_ASSERT_STRING_EQUAL(a.data, "~;");
	CU_ASSERT_STRING_EQUAL(b.data, "0:,;");
	buf_free(&a), buf_free(&b);
}

static void
test_seal_content_round_trips(void)
{
	struct seal_parts p = sample(), q;
	json_t *c = seal_content(&p);
	char *text = json_dumps(c, JSON_COMPACT);
	char a[65], b[65];
	struct err e;

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"chemin\":\"/usr/bin/b c\""));
	CU_ASSERT_EQUAL(seal_content_parse(text, &q, &e), 0);
	fp_hex(&p, a);
	fp_hex(&q, b);
	CU_ASSERT_STRING_EQUAL(a, b);
	free(text);
	json_decref(c);
}

static void
test_seal_content_rejects_malformed(void)
{
	struct seal_parts p = sample(), q;
	json_t *c = seal_content(&p);
	char *text;
	struct err e;

	CU_ASSERT_EQUAL(seal_content_parse("{", &q, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "contenu du scellement illisible");
	json_object_set_new(c, "listes", json_string("0202"));
	text = json_dumps(c, JSON_COMPACT);
	CU_ASSERT_EQUAL(seal_content_parse(text, &q, &e), -1);
	free(text);
	/* Uppercase hex is not canonical. */
	json_object_set_new(c, "listes", json_string(
	    "0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A0A"));
	text = json_dumps(c, JSON_COMPACT);
	CU_ASSERT_EQUAL(seal_content_parse(text, &q, &e), -1);
	free(text);
	json_object_del(c, "journal");
	text = json_dumps(c, JSON_COMPACT);
	CU_ASSERT_EQUAL(seal_content_parse(text, &q, &e), -1);
	free(text);
	json_decref(c);
}

static void
test_seal_compare_names_what_changed(void)
{
	struct seal_parts s = sample(), n = sample();
	struct err e;

	CU_ASSERT_EQUAL(seal_compare(&s, &n, &e), 0);
	n.lists[0] ^= 1;
	n.electors[0] ^= 1;
	CU_ASSERT_EQUAL(seal_compare(&s, &n, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "modifié depuis le scellement : listes et candidats ;"
	    " fichier des électeurs");
	n = sample();
	n.params[3] ^= 1;
	n.bin[1].digest[0] ^= 1;
	CU_ASSERT_EQUAL(seal_compare(&s, &n, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "modifié depuis le scellement : paramètres ;"
	    " binaire /usr/bin/b c");
}

static void
test_seal_file_digest_is_sha256(void)
{
	char path[] = "/tmp/test-seal-XXXXXX", hex[65];
	unsigned char d[SEAL_LEN];
	struct err e;
	int fd = mkstemp(path);

	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(write(fd, "abc", 3), 3);
	close(fd);
	CU_ASSERT_EQUAL(seal_file_digest(path, d, &e), 0);
	journal_hex(d, SEAL_LEN, hex);
	CU_ASSERT_STRING_EQUAL(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	unlink(path);
	CU_ASSERT_EQUAL(seal_file_digest(path, d, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "illisible"));
}

static CU_TestInfo tests[] = {
	{ "fingerprint matches independent vector", test_seal_fingerprint_matches_independent_vector },
	{ "fingerprint covers every component", test_seal_fingerprint_covers_every_component },
	{ "field encoding", test_seal_fields_encode_null_and_boundaries },
	{ "content round trips", test_seal_content_round_trips },
	{ "content rejects malformed", test_seal_content_rejects_malformed },
	{ "compare names what changed", test_seal_compare_names_what_changed },
	{ "file digest", test_seal_file_digest_is_sha256 },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("seal", tests);
}
