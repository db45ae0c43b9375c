/* bench-board.c: a synthetic bulletin board of N 8×7 ballots for the
 * scaling figures of docs/performance.md (bench/bench-board.sh): a 2-of-3
 * key, N ballots encrypted with their proofs, sorted by tracker, the
 * totals, holders 1 and 2's partial decryptions and the counts, written
 * in board_text()'s layout with the ballots streamed (each ballot is
 * kept on disk, not in memory, until it is written). No result section
 * (isoloir-verify then checks everything but the seats).
 * The ballots are encrypted on every core (BENCH_JOBS threads when set).
 * Usage: bench-board N OUT.json
 * bench-board --sql N SCRUTIN FP Y n_1,n_2,... prints instead N ballots
 * for that scrutin's key and shape (list i mod L, every name kept) as
 * INSERT statements of the urn's ballot table, for the export benchmark
 * (bench/bench-board-export.sh); with --casts, only the ballots' canonical
 * JSON, one a line, for the cast benchmark (bench/bench-cast.sh). With --sql-points N SCRUTIN FP Y
 * n_1,... SUB START, ballot i votes list (START + i) mod L, goes to
 * sub-urn SUB and carries the points a worker stores at cast time (the
 * partial sums' test and benchmark: tests/component/count-presum.sh). */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ballot.h"
#include "board.h"
#include "board_pool.h"
#include "count.h"
#include "group.h"
#include "tally.h"
#include "threshold.h"

#define HOLDERS 3
#define K 2

static const unsigned char fp[32] = {8, 7};

struct slot {
	char tracker[65];
	int file; /* the generating thread's temp file */
	long off;
	size_t len;
};

/* One generating thread: ballots k, k + T, k + 2T... into its own temp
 * file and tally (encryption is the cost: ~30 ms an 8×7 ballot). */
struct gen {
	pthread_t th;
	const struct ballot_shape *shape;
	struct ballot_election el;
	EC_POINT *y;
	struct slot *slots;
	size_t n, k, step;
	FILE *tmp;
	struct tally *t;
	int fail;
};

static void *
gen_run(void *arg)
{
	struct gen *g = arg;
	struct err e;

	for (size_t i = g->k; i < g->n; i += g->step) {
		struct ballot_choice ch = {(int)(i % 8), {0}};
		unsigned char tr[32];
		json_t *b;
		char *canon;
		memset(ch.kept, 1, 7);
		if ((b = ballot_encrypt(g->shape, &g->el, &ch, &e)) == NULL) {
			g->fail = 1;
			return NULL;
		}
		canon = ballot_canonical(b);
		ballot_tracker(canon, tr);
		group_hex(tr, 32, g->slots[i].tracker);
		g->slots[i].file = (int)g->k;
		g->slots[i].off = ftell(g->tmp);
		g->slots[i].len = strlen(canon);
		fputs(canon, g->tmp);
		tally_add(g->t, b, &e);
		free(canon);
		json_decref(b);
	}
	return NULL;
}

static json_t *
pt(const EC_POINT *p, BN_CTX *ctx)
{
	char h[GROUP_POINT_HEX + 1];

	group_point_encode(p, h, ctx);
	return json_string(h);
}

static json_t *
sc(const BIGNUM *s)
{
	char h[GROUP_SCALAR_HEX + 1];

	group_scalar_encode(s, h);
	return json_string(h);
}

static int
by_tracker(const void *a, const void *b)
{
	return strcmp(((const struct slot *)a)->tracker,
	    ((const struct slot *)b)->tracker);
}

/* --sql: ballots of a real scrutin, for the urn database. */
static int
sql_ballots(int argc, char **argv)
{
	struct ballot_shape shape = {0};
	struct ballot_election el = { { 0 }, NULL, 0 };
	EC_POINT *y = EC_POINT_new(group_curve());
	BN_CTX *ctx = BN_CTX_new();
	size_t n = strtoul(argv[2], NULL, 10);
	char *p = argv[6], hex[65];
	struct err e;
	int pts = strcmp(argv[1], "--sql-points") == 0;
	int casts = strcmp(argv[1], "--casts") == 0;
	unsigned sub = pts && argc == 9 ? (unsigned)strtoul(argv[7], NULL, 10) : 0;
	size_t start = pts && argc == 9 ? strtoul(argv[8], NULL, 10) : 0;

	if (argc != (pts ? 9 : 7) || n == 0 ||
	    group_unhex(argv[4], el.fingerprint, 32) == -1 ||
	    group_point_decode(argv[5], y, ctx, &e) == -1)
		return fprintf(stderr, "usage : bench-board --sql N SCRUTIN F "
		                       "Y n1,n2,...\n"),
		       2;
	shape.scrutin = (unsigned)strtoul(argv[3], NULL, 10);
	while (*p != '\0' && shape.lists < BALLOT_MAX_LISTS) {
		shape.candidates[shape.lists++] = strtoul(p, &p, 10);
		p += *p == ',';
	}
	el.y = y;
	for (size_t i = 0; i < n; i++) {
		struct ballot_choice ch = {(int)((start + i) % shape.lists), {0}};
		unsigned char tr[32];
		json_t *b;
		char *canon;
		memset(ch.kept, 1, shape.candidates[ch.list]);
		if ((b = ballot_encrypt(&shape, &el, &ch, &e)) == NULL)
			return fprintf(stderr, "bench-board : %s\n", e.msg), 1;
		canon = ballot_canonical(b);
		ballot_tracker(canon, tr);
		group_hex(tr, 32, hex);
		if (casts) {
			puts(canon);
		} else if (pts) {
			size_t len = BALLOT_POINTS_LEN(ballot_positions(&shape));
			unsigned char *bin = malloc(len);
			char *h = malloc(2 * len + 1);
			if (bin == NULL || h == NULL ||
			    ballot_verify_points(&shape, &el, b, bin, &e) == -1)
				return fprintf(stderr, "bench-board : %s\n", e.msg), 1;
			group_hex(bin, len, h);
			printf("INSERT INTO ballot (tracker, scrutin_id, sub_urn, "
			       "body, points) VALUES (UNHEX('%s'), %u, %u, '%s', "
			       "UNHEX('%s'));\n",
			    hex, shape.scrutin, sub, canon, h);
			free(bin);
			free(h);
		} else
			printf("INSERT INTO ballot (tracker, scrutin_id, sub_urn, "
			       "body) VALUES (UNHEX('%s'), %u, 0, '%s');\n",
			    hex, shape.scrutin, canon);
		free(canon);
		json_decref(b);
	}
	EC_POINT_free(y);
	BN_CTX_free(ctx);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "--sql") == 0 ||
	                    strcmp(argv[1], "--sql-points") == 0 ||
	                    strcmp(argv[1], "--casts") == 0))
		return sql_ballots(argc, argv);

	struct ballot_shape shape = {1, 8, {7, 7, 7, 7, 7, 7, 7, 7}, 0};
	struct thr_poly p[HOLDERS + 1];
	EC_POINT *c[HOLDERS + 1][K], *y = EC_POINT_new(group_curve()),
	                             *vk[HOLDERS + 1];
	EC_POINT *a = EC_POINT_new(group_curve()),
	         *d = EC_POINT_new(group_curve());
	BIGNUM *share[HOLDERS + 1], *f = BN_new(), *pc = BN_new(),
	                            *pz = BN_new();
	BN_CTX *ctx = BN_CTX_new();
	json_t *deals = json_array(), *vks = json_array(), *cnt = json_array(),
	       *parts = json_array();
	struct tally *t = tally_new(&shape);
	struct slot *slots;
	size_t n, npos;
	unsigned long per_list[8] = {0};
	FILE *out;
	struct err e;
	char fph[65];

	if (argc != 3 || (n = strtoul(argv[1], NULL, 10)) == 0)
		return fprintf(stderr, "usage : bench-board N SORTIE.json\n"),
		       2;
	slots = calloc(n, sizeof(*slots));
	EC_POINT_set_to_infinity(group_curve(), y);
	for (unsigned x = 1; x <= HOLDERS; x++) {
		json_t *coms = json_array();
		thr_poly_new(&p[x], K, &e);
		for (int l = 0; l < K; l++)
			c[x][l] = EC_POINT_new(group_curve());
		thr_commit(&p[x], c[x]);
		for (int l = 0; l < K; l++)
			json_array_append_new(coms, pt(c[x][l], ctx));
		thr_pok_prove(fp, x, p[x].a[0], c[x][0], pc, pz);
		json_array_append_new(
		    deals, json_pack("{s:i, s:o, s:[o,o]}", "holder", (int)x,
		               "commitments", coms, "pok", sc(pc), sc(pz)));
		EC_POINT_add(group_curve(), y, y, c[x][0], ctx);
	}
	for (unsigned h = 1; h <= HOLDERS; h++) {
		share[h] = BN_new();
		BN_zero(share[h]);
		for (unsigned x = 1; x <= HOLDERS; x++) {
			thr_eval(&p[x], h, f);
			BN_mod_add(share[h], share[h], f, group_order(), ctx);
		}
		vk[h] = EC_POINT_new(group_curve());
		group_mul2(vk[h], share[h], NULL, NULL, ctx);
		json_array_append_new(vks, pt(vk[h], ctx));
	}
	/* the ballots: list i mod 8, every name kept; each to a temp file,
	 * on every core (BENCH_JOBS threads when set) */
	const char *bj = getenv("BENCH_JOBS");
	size_t ng = bpool_jobs(bj ? (unsigned)strtoul(bj, NULL, 10) : 0);
	struct gen *g = calloc(ng, sizeof(*g));
	for (size_t k = 0; k < ng; k++) {
		g[k].shape = &shape;
		g[k].y = EC_POINT_dup(y, group_curve());
		g[k].el.y = g[k].y;
		memcpy(g[k].el.fingerprint, fp, 32);
		g[k].slots = slots;
		g[k].n = n;
		g[k].k = k;
		g[k].step = ng;
		g[k].t = tally_new(&shape);
		if ((g[k].tmp = tmpfile()) == NULL ||
		    pthread_create(&g[k].th, NULL, gen_run, &g[k]) != 0)
			return fprintf(stderr, "bench-board : fil impossible\n"),
			       1;
	}
	for (size_t k = 0; k < ng; k++) {
		pthread_join(g[k].th, NULL);
		if (g[k].fail || tally_merge(t, g[k].t, &e) == -1)
			return fprintf(stderr, "bench-board : chiffrement impossible\n"),
			       1;
	}
	for (size_t i = 0; i < n; i++)
		per_list[i % 8]++;
	qsort(slots, n, sizeof(*slots), by_tracker);
	json_t *tj = tally_to_json(t), *tot = json_object_get(tj, "totals");
	npos = json_array_size(tot);
	for (size_t i = 0; i < npos; i++) {
		size_t l = i < 8 ? i : i < 9 ? 8 : (i - 9) / 7;
		json_array_append_new(
		    cnt, json_integer(l == 8 ? 0 : (json_int_t)per_list[l]));
	}
	/* holders 1 and 2 decrypt every total */
	for (unsigned h = 1; h <= 2; h++) {
		json_t *arr = json_array();
		for (size_t i = 0; i < npos; i++) {
			const char *ah = json_string_value(
			    json_object_get(json_array_get(tot, i), "a"));
			char cs[64];
			if (strcmp(ah, "00") == 0) {
				json_array_append_new(
				    arr, json_pack(
				             "{s:s, s:n}", "d", "00", "proof"));
				continue;
			}
			count_context(shape.scrutin, 0, i, cs, sizeof(cs));
			group_point_decode(ah, a, ctx, &e);
			thr_partial(fp, cs, share[h], vk[h], a, d, pc, pz);
			json_array_append_new(
			    arr, json_pack("{s:o, s:[o,o]}", "d", pt(d, ctx),
			             "proof", sc(pc), sc(pz)));
		}
		json_array_append_new(parts,
		    json_pack("{s:i, s:o}", "holder", (int)h, "partials", arr));
	}
	group_hex(fp, 32, fph);
	json_t *cands = json_array();
	for (int l = 0; l < 8; l++)
		json_array_append_new(cands, json_integer(7));
	json_t *doc =
	    json_pack("{s:s, s:i, s:{s:s, s:o, s:i, s:i, s:o, s:o},"
	              " s:{s:i, s:s, s:o, s:b, s:b}, s:[], s:o, s:o, s:o}",
	        "format", BOARD_FORMAT, "version", BOARD_VERSION, "election",
	        "fingerprint", fph, "public_key", pt(y, ctx), "threshold", K,
	        "holders", HOLDERS, "deals", deals, "verification_keys", vks,
	        "scrutin", "id", 1, "title", "Banc d'essai 8×7", "candidates",
	        cands, "nul", 0, "sub_urns", 0, "ballots", "tally", tj,
	        "partials", parts, "counts", cnt);
	/* the document's text, the ballots streamed where "ballots": [] is */
	char *text = board_text(doc), *buf = malloc((4u << 20));
	const char *rest = strstr(text, "[]") + 2;
	if ((out = fopen(argv[2], "w")) == NULL)
		return perror(argv[2]), 1;
	fwrite(text, 1, (size_t)(strstr(text, "[]") + 1 - text), out);
	for (size_t i = 0; i < n; i++) {
		json_t *b, *entry;
		char *et, *q, *nl;
		FILE *tmp = g[slots[i].file].tmp;
		fseek(tmp, slots[i].off, SEEK_SET);
		if (fread(buf, 1, slots[i].len, tmp) != slots[i].len)
			return fprintf(stderr,
			           "bench-board : relecture impossible\n"),
			       1;
		b = json_loadb(buf, slots[i].len, 0, NULL);
		entry = json_pack(
		    "{s:s, s:o}", "tracker", slots[i].tracker, "ballot", b);
		et = board_text(entry);
		fputs(i ? ",\n  " : "\n  ", out);
		for (q = et; (nl = strchr(q, '\n')) != NULL; q = nl + 1) {
			fwrite(q, 1, (size_t)(nl - q), out);
			fputs("\n  ", out);
		}
		fputs(q, out);
		free(et);
		json_decref(entry);
	}
	fputs("\n ]", out);
	fputs(rest, out);
	fclose(out);
	fprintf(stderr, "bench-board : %zu bulletins 8×7 écrits dans %s\n", n,
	    argv[2]);
	return 0;
}
