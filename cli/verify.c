/* verify.c: isoloir-verify, the independent verifier (docs/protocol.md §10).
 * `isoloir-verify ballot FILE` checks one ballot given with its shape and
 * election ({"shape", "election", "ballot"}) and prints "OK <tracker>";
 * `isoloir-verify count PUBLIC TOTALS PARTIAL...` checks the partial
 * decryptions of a scrutin's totals and prints the counts;
 * `isoloir-verify election BOARD` rechecks a scrutin's whole bulletin board
 * (every ballot, totals, decryptions, counts, seats); `isoloir-verify chain
 * BOARD BYTES` prints the fingerprints journaled when the site stored it
 * in chunks of BYTES. Exit 0 / 1. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ballot.h"
#include "board.h"
#include "board_pool.h"
#include "count.h"
#include "group.h"
#include "threshold.h"

static int
load_shape(const json_t *j, struct ballot_shape *s, struct err *e)
{
	const json_t *c = json_object_get(j, "candidates");

	memset(s, 0, sizeof(*s));
	if (!json_is_integer(json_object_get(j, "scrutin")) || !json_is_array(c) ||
	    json_array_size(c) > BALLOT_MAX_LISTS)
		return err_set(e, "forme du scrutin invalide");
	s->scrutin = (unsigned)json_integer_value(json_object_get(j, "scrutin"));
	s->nul = json_is_true(json_object_get(j, "nul"));
	s->lists = json_array_size(c);
	for (size_t l = 0; l < s->lists; l++)
		s->candidates[l] = (size_t)json_integer_value(json_array_get(c, l));
	return 0;
}

static int
verify_ballot_file(const char *path)
{
	struct ballot_shape s;
	struct ballot_election el = { { 0 }, NULL, 0 };
	json_error_t je;
	json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	EC_POINT *y = EC_POINT_new(group_curve());
	BN_CTX *ctx = BN_CTX_new();
	unsigned char tr[32];
	char trh[65], *canon;
	struct err e;
	int rc = 1;

	if (doc == NULL) {
		fprintf(stderr, "ÉCHEC : %s : JSON illisible (ligne %d : %s)\n", path, je.line, je.text);
		goto out;
	}
	const json_t *ej = json_object_get(doc, "election");
	if (load_shape(json_object_get(doc, "shape"), &s, &e) == -1 ||
	    group_unhex(json_string_value(json_object_get(ej, "fingerprint")) ? json_string_value(json_object_get(ej, "fingerprint")) : "", el.fingerprint, 32) == -1 ||
	    group_point_decode(json_string_value(json_object_get(ej, "y")), y, ctx, &e) == -1) {
		fprintf(stderr, "ÉCHEC : paramètres de l'élection invalides\n");
		goto out;
	}
	el.y = y;
	if (ballot_verify(&s, &el, json_object_get(doc, "ballot"), &e) == -1) {
		fprintf(stderr, "ÉCHEC : %s\n", e.msg);
		goto out;
	}
	canon = ballot_canonical(json_object_get(doc, "ballot"));
	ballot_tracker(canon, tr);
	free(canon);
	group_hex(tr, 32, trh);
	printf("OK %s\n", trh);
	rc = 0;
out:
	json_decref(doc);
	EC_POINT_free(y);
	BN_CTX_free(ctx);
	return rc;
}

/* count PUBLIC TOTALS PARTIAL...: check every partial decryption and print
 * the decrypted counts. */
static int
verify_count(int argc, char **argv)
{
	json_t *pub, *tot, *parts[THR_MAX], *res = NULL;
	json_error_t je;
	struct err e;
	int m = 0, rc = 1;

	pub = json_load_file(argv[0], 0, &je);
	tot = json_load_file(argv[1], 0, &je);
	for (int i = 2; i < argc && m < THR_MAX; i++)
		if ((parts[m] = json_load_file(argv[i], 0, &je)) != NULL)
			m++;
	if (pub == NULL || tot == NULL) {
		fprintf(stderr, "ÉCHEC : clé publique ou totaux illisibles\n");
	} else if ((res = count_combine(pub, tot, parts, (size_t)m, &e)) == NULL) {
		fprintf(stderr, "ÉCHEC : %s\n", e.msg);
	} else {
		json_dumpf(res, stdout, JSON_COMPACT);
		printf("\nOK\n");
		rc = 0;
	}
	json_decref(res);
	json_decref(pub);
	json_decref(tot);
	for (int i = 0; i < m; i++)
		json_decref(parts[i]);
	return rc;
}

/* The summary after "OK": what was checked and the counts. */
static void
print_summary(const json_t *doc, const struct board_summary *s)
{
	const json_t *out = json_object_get(json_object_get(doc, "result"), "output");
	const json_t *col = json_array_get(json_object_get(out, "colleges"), 0), *l;
	const json_t *cat = json_object_get(col, "titulaires") ?: json_object_get(col, "suppleants");
	size_t i;

	printf("OK\nscrutin %u « %s » : %lu bulletin(s) vérifié(s), traceurs uniques, totaux recalculés, "
	    "%zu déchiffrement(s) partiel(s) vérifié(s), combinés : %s", s->scrutin,
	    json_string_value(json_object_get(json_object_get(doc, "scrutin"), "title")), s->ballots, s->partials,
	    s->holders);
	printf("\ncomptes : ");
	json_dumpf(json_object_get(doc, "counts"), stdout, JSON_COMPACT);
	/* R-ORG-5: each sub-urn checked and decrypted apart */
	for (i = 0; i < s->sub_urns; i++) {
		printf("\nsous-urne %zu (%s) : %lu bulletin(s), comptes : ", i + 1,
		    i == 0 ? "salariés" : "fonctionnaires", s->sub_ballots[i]);
		json_dumpf(json_object_get(json_array_get(json_object_get(doc, "sub_urns"), i), "counts"), stdout,
		    JSON_COMPACT);
	}
	if (!s->result_checked) {
		printf("\nsièges : pas de résultat publié\n");
		return;
	}
	printf("\nsièges recalculés :");
	json_array_foreach(json_object_get(cat, "lists"), i, l)
		printf("%s %s %lld", i ? "," : "", json_string_value(json_object_get(l, "name")),
		    (long long)json_integer_value(json_object_get(l, "seats_total")));
	putchar('\n');
}

/* election BOARD: the whole count of a scrutin, from its public board,
 * read in two passes with one ballot in memory at a time (docs/protocol.md
 * §10.4): a board of gigabytes verifies in bounded memory, its ballots
 * checked on jobs threads (0: one per online CPU) with the verdict of
 * one. */
static int
verify_election(const char *path, unsigned jobs)
{
	struct board_summary s;
	json_t *doc = NULL;
	struct err e;
	int rc = 1;

	if (board_verify_file_jobs(path, jobs, &s, &doc, &e) == -1)
		fprintf(stderr, "ÉCHEC : %s\n", e.msg);
	else {
		print_summary(doc, &s);
		rc = 0;
	}
	json_decref(doc);
	return rc;
}

/* chain BOARD BYTES: the file's SHA-256 and the chained fingerprint of its
 * chunks of BYTES bytes, as journaled at publication (docs/protocol.md
 * §10.5): a copy, or the site's chunks put end to end, is tied to the
 * journal line. */
static int
verify_chain(const char *path, const char *bytes)
{
	struct board_meta m;
	struct err e;
	char *end;
	unsigned long n = strtoul(bytes, &end, 10);

	if (*end != '\0' || n < BOARD_CHUNK_MIN || n > (256UL << 20)) {
		fprintf(stderr, "ÉCHEC : taille de morceau invalide (%u à %lu octets)\n", BOARD_CHUNK_MIN,
		    256UL << 20);
		return 2;
	}
	if (board_chunks(path, (size_t)n, &m, &e) == -1) {
		fprintf(stderr, "ÉCHEC : %s\n", e.msg);
		return 1;
	}
	printf("sha256=%s morceaux=%u chaine=%s\n", m.sha256, m.chunks, m.chain);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "election") == 0)
		return verify_election(argv[2], 0);
	if (argc == 5 && strcmp(argv[1], "election") == 0 &&
	    strcmp(argv[2], "--jobs") == 0) {
		char *end;
		unsigned long j = strtoul(argv[3], &end, 10);
		if (*argv[3] == '\0' || *end != '\0' || j < 1 || j > BPOOL_MAX_JOBS) {
			fprintf(stderr, "ÉCHEC : --jobs : de 1 à %d fils\n", BPOOL_MAX_JOBS);
			return 2;
		}
		return verify_election(argv[4], (unsigned)j);
	}
	if (argc == 4 && strcmp(argv[1], "chain") == 0)
		return verify_chain(argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "ballot") == 0)
		return verify_ballot_file(argv[2]);
	if (argc >= 5 && strcmp(argv[1], "count") == 0)
		return verify_count(argc - 2, argv + 2);
	fprintf(stderr, "usage : isoloir-verify election [--jobs N] TABLEAU.json\n"
	    "        isoloir-verify chain TABLEAU.json OCTETS_PAR_MORCEAU\n"
	    "        isoloir-verify ballot FICHIER\n"
	    "        isoloir-verify count PUBLIC.json TOTAUX.json PARTIEL.json...\n");
	return 2;
}
