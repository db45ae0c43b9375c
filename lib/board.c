/* board.c: the public bulletin board of a scrutin, built from the
 * databases after the count (docs/protocol.md §10); what both the export
 * and the verifier need (key transcript, position names). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board.h"
#include "board_scan.h"
#include "bpack.h"
#include "count.h"
#include "db.h"
#include "group.h"
#include "proclaim.h"
#include "results.h"
#include "rules.h"
#include "scrutin.h"
#include "tally.h"
#include "xmalloc.h"

void
board_position(const struct ballot_shape *s, size_t i, char *out, size_t len)
{
	size_t slots = ballot_slots(s);

	if (i < s->lists) {
		snprintf(out, len, "liste %zu", i + 1);
		return;
	}
	if (i < slots) {
		snprintf(out, len, "%s", i == s->lists ? "blanc" : "nul");
		return;
	}
	i -= slots;
	for (size_t l = 0; l < s->lists; i -= s->candidates[l++])
		if (i < s->candidates[l]) {
			snprintf(
			    out, len, "liste %zu, candidat %zu", l + 1, i + 1);
			return;
		}
	snprintf(out, len, "position %zu", i);
}

/* ---------------------------------------------------------------- keys */

/* Holder x's commitments, its proof of knowledge checked. */
static int
board_deal(const json_t *d, const unsigned char fp[32], size_t x, size_t k,
    EC_POINT **c, BN_CTX *ctx, struct err *e)
{
	BIGNUM *pc = BN_new(), *pz = BN_new();
	json_int_t h;
	json_t *coms, *pok;
	json_error_t je;
	int rc = -1;

	if (json_unpack_ex((json_t *)d, &je, JSON_STRICT, "{s:I, s:o, s:o}",
	        "holder", &h, "commitments", &coms, "pok", &pok) == -1 ||
	    h != (json_int_t)x || json_array_size(coms) != k ||
	    json_array_size(pok) != 2) {
		err_set(e,
		    "transcription des clés : distribution n° %zu mal formée",
		    x);
		goto out;
	}
	for (size_t l = 0; l < k; l++)
		if (group_point_decode(
		        json_string_value(json_array_get(coms, l)), c[l], ctx,
		        e) == -1) {
			err_set(e,
			    "transcription des clés : engagement %zu du "
			    "détenteur %zu invalide",
			    l, x);
			goto out;
		}
	if (group_scalar_decode(
	        json_string_value(json_array_get(pok, 0)), pc, e) == -1 ||
	    group_scalar_decode(
	        json_string_value(json_array_get(pok, 1)), pz, e) == -1 ||
	    !thr_pok_verify(fp, (unsigned)x, c[0], pc, pz)) {
		err_set(e,
		    "transcription des clés : preuve de connaissance du "
		    "détenteur %zu invalide",
		    x);
		goto out;
	}
	rc = 0;
out:
	BN_free(pc);
	BN_free(pz);
	return rc;
}

int
board_keys(const json_t *deals, const unsigned char fp[32], size_t k, size_t n,
    EC_POINT *y, EC_POINT **vk, struct err *e)
{
	const EC_GROUP *g = group_curve();
	EC_POINT *c[THR_MAX][THR_MAX], *t = EC_POINT_new(g);
	BN_CTX *ctx = BN_CTX_new();
	int rc = -1;

	for (size_t x = 0; x < THR_MAX; x++)
		for (size_t l = 0; l < THR_MAX; l++)
			c[x][l] = EC_POINT_new(g);
	if (k < 1 || k > n || n > THR_MAX || json_array_size(deals) != n) {
		err_set(e,
		    "transcription des clés : %zu distributions attendues", n);
		goto out;
	}
	EC_POINT_set_to_infinity(g, y);
	for (size_t x = 0; x < n; x++) {
		if (board_deal(json_array_get(deals, x), fp, x + 1, k, c[x],
		        ctx, e) == -1)
			goto out;
		EC_POINT_add(g, y, y, c[x][0], ctx);
	}
	/* Y_v = Σ_x f_x(v)·G, from the commitments alone */
	for (size_t v = 0; v < n; v++) {
		EC_POINT_set_to_infinity(g, vk[v]);
		for (size_t x = 0; x < n; x++) {
			thr_expected(c[x], k, (unsigned)v + 1, t);
			EC_POINT_add(g, vk[v], vk[v], t, ctx);
		}
	}
	rc = 0;
out:
	for (size_t x = 0; x < THR_MAX; x++)
		for (size_t l = 0; l < THR_MAX; l++)
			EC_POINT_free(c[x][l]);
	EC_POINT_free(t);
	BN_CTX_free(ctx);
	return rc;
}

/* ---------------------------------------------------------------- export */

/* Which key a deal or partial file is for: 0 the election's own (F), 1 the
 * president's group (F_president), 2 the others' (F_autres); -1 none. */
static int
board_key_of(const unsigned char f[32], const char *hex)
{
	static const char *const names[2] = {
	    THR_GROUP_PRESIDENT, THR_GROUP_OTHERS};
	unsigned char got[32], want[32];

	if (hex == NULL || group_unhex(hex, got, 32) == -1)
		return -1;
	if (memcmp(got, f, 32) == 0)
		return 0;
	for (int j = 0; j < 2; j++) {
		thr_group_fingerprint(f, names[j], want);
		if (memcmp(got, want, 32) == 0)
			return j + 1;
	}
	return -1;
}

/* One key's public transcript from isoloir-trustee's deal-X.json files
 * (those whose "election" is fp), in holder order: {"fingerprint"?,
 * "threshold","holders","deals","verification_keys","public_key"?}. */
static json_t *
board_keyset(const unsigned char fp[32], json_t *const *deals, size_t nd,
    EC_POINT *y, struct err *e)
{
	EC_POINT *vk[THR_MAX];
	BN_CTX *ctx = BN_CTX_new();
	json_t *arr = json_array(), *vks = json_array(), *out = NULL;
	const json_t *mine[THR_MAX + 1] = {0};
	size_t k = 0, n = 0;
	char fph[65], h[GROUP_POINT_HEX + 1];

	group_hex(fp, 32, fph);
	for (size_t i = 0; i < THR_MAX; i++)
		vk[i] = EC_POINT_new(group_curve());
	for (size_t i = 0; i < nd; i++) {
		const json_t *d = deals[i];
		json_int_t x = json_integer_value(json_object_get(d, "holder"));
		if (strcmp(
		        json_string_value(json_object_get(d, "election")) ?: "",
		        fph) != 0)
			continue;
		if (n == 0) {
			k = (size_t)json_integer_value(
			    json_object_get(d, "threshold"));
			n = (size_t)json_integer_value(
			    json_object_get(d, "holders"));
		}
		if (n > THR_MAX || x < 1 || (size_t)x > n || mine[x] != NULL ||
		    json_integer_value(json_object_get(d, "threshold")) !=
		        (json_int_t)k ||
		    json_integer_value(json_object_get(d, "holders")) !=
		        (json_int_t)n) {
			err_set(e,
			    "distribution du détenteur %lld : en double ou "
			    "incohérente",
			    (long long)x);
			goto out;
		}
		mine[x] = d;
	}
	for (size_t x = 1; x <= n; x++) {
		if (mine[x] == NULL) {
			err_set(
			    e, "distribution du détenteur %zu manquante", x);
			goto out;
		}
		json_array_append_new(arr,
		    json_pack("{s:I, s:O, s:O}", "holder", (json_int_t)x,
		        "commitments", json_object_get(mine[x], "commitments"),
		        "pok", json_object_get(mine[x], "pok")));
	}
	if (n == 0) {
		err_set(e, "aucune distribution pour cette clé");
		goto out;
	}
	if (board_keys(arr, fp, k, n, y, vk, e) == -1)
		goto out;
	for (size_t v = 0; v < n; v++) {
		group_point_encode(vk[v], h, ctx);
		json_array_append_new(vks, json_string(h));
	}
	out = json_pack("{s:I, s:I, s:O, s:O}", "threshold", (json_int_t)k,
	    "holders", (json_int_t)n, "deals", arr, "verification_keys", vks);
out:
	for (size_t i = 0; i < THR_MAX; i++)
		EC_POINT_free(vk[i]);
	BN_CTX_free(ctx);
	json_decref(arr);
	json_decref(vks);
	return out;
}

/* The board's "election": one key's transcript, or with "president
 * required" the two groups' (docs/protocol.md §8.1, §10.1); the key must
 * be the scrutin's installed one. */
static json_t *
board_election(const struct scrutin_params *p, json_t *const *deals, size_t n,
    struct err *e)
{
	static const char *const names[2] = {
	    THR_GROUP_PRESIDENT, THR_GROUP_OTHERS};
	EC_POINT *y = EC_POINT_new(group_curve()),
	         *sum = EC_POINT_new(group_curve());
	BN_CTX *ctx = BN_CTX_new();
	json_t *out = NULL, *ks = NULL, *groups = NULL;
	int kinds[3] = {0};
	char fp[65], h[GROUP_POINT_HEX + 1];

	group_hex(p->election.fingerprint, 32, fp);
	for (size_t x = 0; x < n; x++) {
		int k = board_key_of(p->election.fingerprint,
		    json_string_value(json_object_get(deals[x], "election")));
		if (k < 0) {
			err_set(e, "distribution n° %zu : d'une autre élection",
			    x + 1);
			goto out;
		}
		kinds[k]++;
	}
	if (kinds[0] > 0 && (kinds[1] > 0 || kinds[2] > 0)) {
		err_set(e, "distributions de la clé de l'élection et de "
		           "groupes à la fois");
		goto out;
	}
	if (kinds[0] > 0) {
		if ((ks = board_keyset(
		         p->election.fingerprint, deals, n, sum, e)) == NULL)
			goto out;
	} else {
		EC_POINT_set_to_infinity(group_curve(), sum);
		groups = json_array();
		for (int j = 0; j < 2; j++) {
			unsigned char fg[32];
			char fgh[65];
			json_t *g;
			thr_group_fingerprint(
			    p->election.fingerprint, names[j], fg);
			if ((g = board_keyset(fg, deals, n, y, e)) == NULL) {
				err_prefix(e, "groupe « %s » : ", names[j]);
				goto out;
			}
			group_hex(fg, 32, fgh);
			group_point_encode(y, h, ctx);
			json_object_set_new(g, "group", json_string(names[j]));
			json_object_set_new(g, "fingerprint", json_string(fgh));
			json_object_set_new(g, "public_key", json_string(h));
			json_array_append_new(groups, g);
			EC_POINT_add(group_curve(), sum, sum, y, ctx);
		}
	}
	if (EC_POINT_cmp(group_curve(), sum, p->y, ctx) != 0) {
		err_set(e, "les distributions ne donnent pas la clé publique "
		           "du scrutin");
		goto out;
	}
	group_point_encode(p->y, h, ctx);
	out = json_pack("{s:s, s:s}", "fingerprint", fp, "public_key", h);
	if (ks != NULL)
		json_object_update(out, ks);
	else
		json_object_set(out, "groups", groups);
out:
	EC_POINT_free(y);
	EC_POINT_free(sum);
	BN_CTX_free(ctx);
	json_decref(ks);
	json_decref(groups);
	return out;
}

/* The urn's ballots of the scrutin in tracker order, one at a time: fn
 * gets each parsed ballot, its tracker and its sub-urn (0 without). A
 * prepared statement is not buffered: one row is held at a time. */
typedef int (*board_row_fn)(void *arg, const json_t *ballot, const char *tracker,
    unsigned sub, struct err *e);

static int
board_rows(MYSQL *urn, unsigned scrutin, board_row_fn fn, void *arg,
    struct err *e)
{
	const unsigned long cap = BSCAN_ENTRY_MAX;
	char *body = xmalloc(cap), hex[65], *canon;
	unsigned long len = 0;
	unsigned char tr[32], sub = 0;
	MYSQL_BIND out[2];
	MYSQL_STMT *st;
	json_t *b;
	int f = 0, rc = 0;

	st = db_query(urn, e,
	    "SELECT body, sub_urn FROM ballot WHERE scrutin_id = ? ORDER BY "
	    "tracker",
	    "u", scrutin);
	if (st == NULL) {
		free(body);
		return -1;
	}
	db_bind(&out[0], MYSQL_TYPE_BLOB, body, cap - 1, &len);
	db_bind(&out[1], MYSQL_TYPE_TINY, &sub, 0, NULL);
	out[1].is_unsigned = 1;
	mysql_stmt_bind_result(st, out);
	while (rc == 0 && (f = mysql_stmt_fetch(st)) == 0) {
		if ((b = bpack_json((unsigned char *)body, len, e)) == NULL) {
			rc = err_prefix(e, "urne altérée : un bulletin est illisible : ");
			break;
		}
		canon = ballot_canonical(b);
		ballot_tracker(canon, tr);
		free(canon);
		group_hex(tr, 32, hex);
		rc = fn(arg, b, hex, sub, e);
		json_decref(b);
	}
	if (rc == 0 && f != MYSQL_NO_DATA)
		rc = err_set(e, "lecture de l'urne impossible (%s)",
		    mysql_stmt_error(st));
	db_done(st);
	free(body);
	return rc;
}

/* First pass: the sums, t[0] the whole urn, t[1], t[2] the sub-urns when
 * the scrutin has them. */
struct board_sums {
	struct tally **t;
	int sub_urns;
};

static int
board_sum_row(void *arg, const json_t *b, const char *tracker, unsigned sub,
    struct err *e)
{
	struct board_sums *s = arg;

	(void)tracker;
	if (tally_add(s->t[0], b, e) == -1 ||
	    (s->sub_urns &&
	        (sub < 1 || sub > 2 || tally_add(s->t[sub], b, e) == -1)))
		return err_set(e, "urne altérée : un bulletin est illisible "
		                  "ou hors sous-urne");
	return 0;
}

/* Second pass: each ballot written as board_text() would have written it
 * inside the document (two more spaces of indentation). */
struct board_out {
	FILE *f;
	int sub_urns;
	unsigned long n;
};

static void
board_put(struct board_out *o, const char *s, size_t n)
{
	fwrite(s, 1, n, o->f);
}

static int
board_write_row(void *arg, const json_t *b, const char *tracker,
    unsigned sub, struct err *e)
{
	struct board_out *o = arg;
	json_t *entry = json_pack("{s:s, s:O}", "tracker", tracker, "ballot", b);
	char *text, *p, *nl;

	(void)e;
	if (o->sub_urns)
		json_object_set_new(entry, "sub_urn", json_integer(sub));
	text = board_text(entry);
	if (o->n++ > 0)
		board_put(o, ",", 1);
	board_put(o, "\n  ", 3);
	for (p = text; (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		board_put(o, p, (size_t)(nl - p));
		board_put(o, "\n  ", 3);
	}
	board_put(o, p, strlen(p));
	free(text);
	json_decref(entry);
	return 0;
}
/* The partial decryption files of urn `sub` (0 the whole urn), in the
 * order given; *m their number. */
static size_t
board_partials_of(
    json_t *const *partials, size_t m, unsigned sub, json_t **mine)
{
	size_t n = 0;

	for (size_t i = 0; i < m; i++)
		if ((unsigned)json_integer_value(
		        json_object_get(partials[i], "sub_urn")) == sub)
			mine[n++] = partials[i];
	return n;
}

/* The holders' partial decryptions of one urn's totals, as the board
 * lists them. */
static json_t *
board_partials(const struct scrutin_params *p, json_t *const *partials,
    size_t m, struct err *e)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < m; i++) {
		const json_t *d = partials[i];
		json_t *entry;
		if (board_key_of(p->election.fingerprint,
		        json_string_value(json_object_get(d, "election"))) <
		        0 ||
		    json_integer_value(json_object_get(d, "scrutin")) !=
		        (json_int_t)p->shape.scrutin) {
			err_set(e,
			    "déchiffrement partiel n° %zu : pas celui des "
			    "totaux de ce scrutin",
			    i + 1);
			json_decref(arr);
			return NULL;
		}
		entry = json_pack("{s:O, s:O}", "holder",
		    json_object_get(d, "holder"), "partials",
		    json_object_get(d, "partials"));
		if (json_object_get(d, "group") != NULL)
			json_object_set(
			    entry, "group", json_object_get(d, "group"));
		json_array_append_new(arr, entry);
	}
	return arr;
}

/* The public key in isoloir-trustee's public.json shape, for count_combine. */
static json_t *
board_pub(const json_t *elj)
{
	const json_t *gs = json_object_get(elj, "groups"), *g;
	json_t *pub, *arr;
	size_t j;

	if (gs == NULL)
		return json_pack("{s:O, s:O, s:O}", "election",
		    json_object_get(elj, "fingerprint"), "threshold",
		    json_object_get(elj, "threshold"), "verification_keys",
		    json_object_get(elj, "verification_keys"));
	arr = json_array();
	json_array_foreach(gs, j, g) json_array_append_new(
	    arr, json_pack("{s:O, s:O, s:O, s:O}", "group",
	             json_object_get(g, "group"), "election",
	             json_object_get(g, "fingerprint"), "threshold",
	             json_object_get(g, "threshold"), "verification_keys",
	             json_object_get(g, "verification_keys")));
	pub = json_pack("{s:O, s:o}", "election",
	    json_object_get(elj, "fingerprint"), "groups", arr);
	return pub;
}

/* One urn's section: totals, the partials given for it (each proof
 * checked by count_combine), the counts. */
static json_t *
board_urn(const struct scrutin_params *p, const json_t *elj,
    const struct tally *t, unsigned sub, json_t *const *partials, size_t m,
    struct err *e)
{
	json_t *mine[BOARD_MAX_PARTIALS],
	    *tj = tally_to_json(t), *pub = board_pub(elj), *tot, *cnt = NULL,
	    *out = NULL;
	json_t *parts = NULL;
	size_t n = board_partials_of(partials,
	    m < BOARD_MAX_PARTIALS ? m : BOARD_MAX_PARTIALS, sub, mine);

	tot = json_pack("{s:O, s:i, s:O, s:O}", "election",
	    json_object_get(elj, "fingerprint"), "scrutin",
	    (int)p->shape.scrutin, "ballots", json_object_get(tj, "ballots"),
	    "totals", json_object_get(tj, "totals"));
	if (sub > 0)
		json_object_set_new(tot, "sub_urn", json_integer(sub));
	if (n == 0)
		err_set(e, "aucun déchiffrement partiel de %s",
		    sub == 0 ? "l'urne entière" : "cette sous-urne");
	else if ((parts = board_partials(p, mine, n, e)) != NULL &&
	         (cnt = count_combine(pub, tot, mine, n, e)) != NULL)
		out = json_pack("{s:O, s:O, s:O}", "tally", tj, "partials",
		    parts, "counts", json_object_get(cnt, "counts"));
	if (out == NULL && sub > 0)
		err_prefix(e, "sous-urne %u : ", sub);
	json_decref(tj);
	json_decref(pub);
	json_decref(tot);
	json_decref(cnt);
	json_decref(parts);
	return out;
}

static int
board_state_ok(const char *state)
{
	static const char *const after[] = {
	    "closed", "counted", "sealed_after_count", "archived", NULL};

	for (size_t i = 0; after[i] != NULL; i++)
		if (strcmp(state, after[i]) == 0)
			return 1;
	return 0;
}

/* The document without its ballots ("ballots": []): keys, shape,
 * totals, partial decryptions, counts, result. */
static json_t *
board_header(MYSQL *el, unsigned scrutin, const struct scrutin_params *p,
    struct tally **t, long long sub_urns, json_t *const *deals, size_t ndeals,
    json_t *const *partials, size_t m, struct err *e)
{
	json_t *doc = NULL, *elj, *whole = NULL, *subs = NULL,
	       *cands = json_array(), *in, *cnt;

	if ((elj = board_election(p, deals, ndeals, e)) == NULL)
		goto fail;
	for (size_t l = 0; l < p->shape.lists; l++)
		json_array_append_new(
		    cands, json_integer((json_int_t)p->shape.candidates[l]));
	doc = json_pack("{s:s, s:i, s:o, s:{s:I, s:s, s:O, s:b, s:b}, s:[]}",
	    "format", BOARD_FORMAT, "version", BOARD_VERSION, "election", elj,
	    "scrutin", "id", (json_int_t)scrutin, "title", p->title,
	    "candidates", cands, "nul", p->shape.nul, "sub_urns",
	    (int)(sub_urns != 0), "ballots");
	if ((whole = board_urn(p, elj, t[0], 0, partials, m, e)) == NULL)
		goto fail;
	json_object_update(doc, whole);
	if (sub_urns) {
		subs = json_array();
		for (unsigned s = 1; s <= 2; s++) {
			json_t *u = board_urn(p, elj, t[s], s, partials, m, e);
			if (u == NULL)
				goto fail;
			json_object_set_new(u, "sub_urn", json_integer(s));
			json_array_append_new(subs, u);
		}
		json_object_set(doc, "sub_urns", subs);
	}
	/* the seats, from the whole urn's counts */
	cnt = json_pack("{s:I, s:O, s:O}", "scrutin", (json_int_t)scrutin,
	    "ballots",
	    json_object_get(json_object_get(doc, "tally"), "ballots"), "counts",
	    json_object_get(doc, "counts"));
	/* with the bureau's draws by lot, so that the board shows what was
	 * proclaimed and a verifier replays it (R-BUR-8) */
	in = proclaim_rules_input(el, scrutin, cnt, e);
	json_decref(cnt);
	if (in == NULL)
		goto fail;
	json_object_set_new(doc, "result",
	    json_pack("{s:o, s:o}", "output", rules_run_json(in), "input", in));
	goto out;
fail:
	json_decref(doc);
	doc = NULL;
out:
	json_decref(whole);
	json_decref(subs);
	json_decref(cands);
	return doc;
}

/* The document's text with the ballots streamed in place of the
 * "ballots": [] that sorted keys put first. */
static int
board_write(MYSQL *urn, unsigned scrutin, const json_t *doc, int sub_urns,
    const char *path, struct err *e)
{
	static const char empty[] = "{\n \"ballots\": []";
	struct board_out o = {NULL, sub_urns, 0};
	char *text = board_text(doc);
	int rc = -1;

	if (strncmp(text, empty, sizeof(empty) - 1) != 0) {
		err_set(e, "tableau : « ballots » attendu en tête");
		goto out;
	}
	if ((o.f = fopen(path, "w")) == NULL) {
		err_set(e, "%s : écriture impossible", path);
		goto out;
	}
	board_put(&o, empty, sizeof(empty) - 2);
	if (board_rows(urn, scrutin, board_write_row, &o, e) == -1)
		goto out;
	if (o.n > 0)
		board_put(&o, "\n ]", 3);
	else
		board_put(&o, "]", 1);
	board_put(&o, text + sizeof(empty) - 1, strlen(text + sizeof(empty) - 1));
	if (ferror(o.f))
		err_set(e, "%s : écriture impossible", path);
	else
		rc = 0;
out:
	if (o.f != NULL && fclose(o.f) != 0 && rc == 0)
		rc = err_set(e, "%s : écriture impossible", path);
	free(text);
	return rc;
}

int
board_export(MYSQL *el, MYSQL *urn, unsigned scrutin, json_t *const *deals,
    size_t ndeals, json_t *const *partials, size_t m, const char *path,
    struct board_summary *sum, struct err *e)
{
	struct scrutin_params p;
	struct tally *t[3] = {0};
	struct board_sums sums = {t, 0};
	json_t *doc = NULL;
	long long sub_urns = 0;
	char *tmp = NULL;
	int rc = -1;

	if (scrutin_params_load(el, scrutin, &p, e) == -1)
		return -1;
	if (!board_state_ok(p.state)) {
		err_set(e,
		    "scrutin %u « %s » : le tableau ne se publie qu'après la "
		    "clôture",
		    scrutin, p.state);
		goto out;
	}
	if (db_fetch_int(
	        db_query(el, e,
	            "SELECT sub_urns FROM scrutin_crypto WHERE scrutin_id = ?",
	            "u", scrutin),
	        &sub_urns, e) != 1)
		goto out;
	sums.sub_urns = sub_urns != 0;
	for (int i = 0; i < (sub_urns ? 3 : 1); i++)
		t[i] = tally_new(&p.shape);
	if (board_rows(urn, scrutin, board_sum_row, &sums, e) == -1 ||
	    (doc = board_header(el, scrutin, &p, t, sub_urns, deals, ndeals,
	         partials, m, e)) == NULL)
		goto out;
	/* written beside its place, renamed once verified: never a board
	 * that does not verify under the name asked for */
	tmp = xmalloc(strlen(path) + sizeof(".partiel"));
	sprintf(tmp, "%s.partiel", path);
	if (board_write(urn, scrutin, doc, sums.sub_urns, tmp, e) == -1)
		goto out;
	if (board_verify_file(tmp, sum, NULL, e) == -1) {
		err_prefix(e, "le tableau produit ne se vérifie pas : ");
		goto out;
	}
	if (rename(tmp, path) == -1) {
		err_set(e, "%s : écriture impossible", path);
		goto out;
	}
	rc = 0;
out:
	if (rc == -1 && tmp != NULL)
		unlink(tmp);
	free(tmp);
	json_decref(doc);
	for (int i = 0; i < 3; i++)
		tally_free(t[i]);
	scrutin_params_free(&p);
	return rc;
}
