/* board.c: the public bulletin board of a scrutin, built from the
 * databases after the count (docs/protocol.md §10); what both the export
 * and the verifier need (key transcript, position names). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "count.h"
#include "db.h"
#include "group.h"
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
			snprintf(out, len, "liste %zu, candidat %zu", l + 1, i + 1);
			return;
		}
	snprintf(out, len, "position %zu", i);
}

/* ---------------------------------------------------------------- keys */

/* Holder x's commitments, its proof of knowledge checked. */
static int
board_deal(const json_t *d, const unsigned char fp[32], size_t x, size_t k, EC_POINT **c,
    BN_CTX *ctx, struct err *e)
{
	BIGNUM *pc = BN_new(), *pz = BN_new();
	json_int_t h;
	json_t *coms, *pok;
	json_error_t je;
	int rc = -1;

	if (json_unpack_ex((json_t *)d, &je, JSON_STRICT, "{s:I, s:o, s:o}", "holder", &h,
	    "commitments", &coms, "pok", &pok) == -1 || h != (json_int_t)x ||
	    json_array_size(coms) != k || json_array_size(pok) != 2) {
		err_set(e, "transcription des clés : distribution n° %zu mal formée", x);
		goto out;
	}
	for (size_t l = 0; l < k; l++)
		if (group_point_decode(json_string_value(json_array_get(coms, l)), c[l], ctx, e) == -1) {
			err_set(e, "transcription des clés : engagement %zu du détenteur %zu invalide", l, x);
			goto out;
		}
	if (group_scalar_decode(json_string_value(json_array_get(pok, 0)), pc, e) == -1 ||
	    group_scalar_decode(json_string_value(json_array_get(pok, 1)), pz, e) == -1 ||
	    !thr_pok_verify(fp, (unsigned)x, c[0], pc, pz)) {
		err_set(e, "transcription des clés : preuve de connaissance du détenteur %zu invalide", x);
		goto out;
	}
	rc = 0;
out:
	BN_free(pc);
	BN_free(pz);
	return rc;
}

int
board_keys(const json_t *deals, const unsigned char fp[32], size_t k, size_t n, EC_POINT *y,
    EC_POINT **vk, struct err *e)
{
	const EC_GROUP *g = group_curve();
	EC_POINT *c[THR_MAX][THR_MAX], *t = EC_POINT_new(g);
	BN_CTX *ctx = BN_CTX_new();
	int rc = -1;

	for (size_t x = 0; x < THR_MAX; x++)
		for (size_t l = 0; l < THR_MAX; l++)
			c[x][l] = EC_POINT_new(g);
	if (k < 1 || k > n || n > THR_MAX || json_array_size(deals) != n) {
		err_set(e, "transcription des clés : %zu distributions attendues", n);
		goto out;
	}
	EC_POINT_set_to_infinity(g, y);
	for (size_t x = 0; x < n; x++) {
		if (board_deal(json_array_get(deals, x), fp, x + 1, k, c[x], ctx, e) == -1)
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

/* The public part of isoloir-trustee's deal-X.json files, in holder order,
 * with the key and verification keys they give. */
static json_t *
board_election(const struct scrutin_params *p, json_t *const *deals, size_t n, struct err *e)
{
	EC_POINT *y = EC_POINT_new(group_curve()), *vk[THR_MAX];
	BN_CTX *ctx = BN_CTX_new();
	json_t *arr = json_array(), *vks = json_array(), *out = NULL;
	size_t k = n > 0 ? (size_t)json_integer_value(json_object_get(deals[0], "threshold")) : 0;
	char fp[65], h[GROUP_POINT_HEX + 1];

	group_hex(p->election.fingerprint, 32, fp);
	for (size_t i = 0; i < THR_MAX; i++)
		vk[i] = EC_POINT_new(group_curve());
	for (size_t x = 0; x < n; x++) {
		const json_t *d = deals[x];
		if (strcmp(json_string_value(json_object_get(d, "election")) ?: "", fp) != 0 ||
		    json_integer_value(json_object_get(d, "holder")) != (json_int_t)(x + 1) ||
		    json_integer_value(json_object_get(d, "threshold")) != (json_int_t)k ||
		    json_integer_value(json_object_get(d, "holders")) != (json_int_t)n) {
			err_set(e, "distribution du détenteur %zu : d'une autre élection ou incohérente", x + 1);
			goto out;
		}
		json_array_append_new(arr, json_pack("{s:I, s:O, s:O}", "holder", (json_int_t)(x + 1),
		    "commitments", json_object_get(d, "commitments"), "pok", json_object_get(d, "pok")));
	}
	if (board_keys(arr, p->election.fingerprint, k, n, y, vk, e) == -1)
		goto out;
	if (EC_POINT_cmp(group_curve(), y, p->y, ctx) != 0) {
		err_set(e, "les distributions ne donnent pas la clé publique du scrutin");
		goto out;
	}
	for (size_t v = 0; v < n; v++) {
		group_point_encode(vk[v], h, ctx);
		json_array_append_new(vks, json_string(h));
	}
	group_point_encode(p->y, h, ctx);
	out = json_pack("{s:s, s:s, s:I, s:I, s:O, s:O}", "fingerprint", fp, "public_key", h,
	    "threshold", (json_int_t)k, "holders", (json_int_t)n, "deals", arr, "verification_keys", vks);
out:
	for (size_t i = 0; i < THR_MAX; i++)
		EC_POINT_free(vk[i]);
	EC_POINT_free(y);
	BN_CTX_free(ctx);
	json_decref(arr);
	json_decref(vks);
	return out;
}

/* Every ballot of the scrutin (all sub-urns), in tracker order, and their
 * sums. The board's verification rechecks each one. */
static json_t *
board_ballots(MYSQL *urn, const struct scrutin_params *p, struct tally *t, struct err *e)
{
	const unsigned long cap = 1 << 20;   /* a ballot body is capped far below */
	char *body = xmalloc(cap), hex[65], *canon;
	unsigned long len = 0;
	unsigned char tr[32];
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	json_t *arr = json_array(), *b;
	json_error_t je;
	int f = 0, ok = 1;

	st = db_query(urn, e, "SELECT body FROM ballot WHERE scrutin_id = ? ORDER BY tracker", "u",
	    p->shape.scrutin);
	if (st == NULL)
		goto fail;
	db_bind(&out[0], MYSQL_TYPE_BLOB, body, cap - 1, &len);
	mysql_stmt_bind_result(st, out);
	while (ok && (f = mysql_stmt_fetch(st)) == 0) {
		if ((b = json_loadb(body, len, 0, &je)) == NULL || tally_add(t, b, e) == -1) {
			err_set(e, "urne altérée : un bulletin est illisible");
			ok = 0;
		} else {
			canon = ballot_canonical(b);
			ballot_tracker(canon, tr);
			free(canon);
			group_hex(tr, 32, hex);
			json_array_append_new(arr, json_pack("{s:s, s:O}", "tracker", hex, "ballot", b));
		}
		json_decref(b);
	}
	if (ok && f != MYSQL_NO_DATA) {
		err_set(e, "lecture de l'urne impossible (%s)", mysql_stmt_error(st));
		ok = 0;
	}
	mysql_stmt_close(st);
	if (ok) {
		free(body);
		return arr;
	}
fail:
	free(body);
	json_decref(arr);
	return NULL;
}

/* The holders' partial decryptions of the whole urn's totals. */
static json_t *
board_partials(const struct scrutin_params *p, const char *fp, json_t *const *partials, size_t m,
    struct err *e)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < m; i++) {
		const json_t *d = partials[i];
		if (strcmp(json_string_value(json_object_get(d, "election")) ?: "", fp) != 0 ||
		    json_integer_value(json_object_get(d, "scrutin")) != (json_int_t)p->shape.scrutin ||
		    json_object_get(d, "sub_urn") != NULL) {
			err_set(e, "déchiffrement partiel n° %zu : pas celui des totaux de ce scrutin (urne entière)", i + 1);
			json_decref(arr);
			return NULL;
		}
		json_array_append_new(arr, json_pack("{s:O, s:O}", "holder", json_object_get(d, "holder"),
		    "partials", json_object_get(d, "partials")));
	}
	return arr;
}

/* Counts by count_combine (every partial proof checked), then the seats. */
static int
board_count(MYSQL *el, json_t *doc, json_t *const *partials, size_t m, struct err *e)
{
	const json_t *elj = json_object_get(doc, "election"), *tj = json_object_get(doc, "tally");
	json_t *pub, *tot, *cnt, *in;
	int rc = -1;

	pub = json_pack("{s:O, s:O, s:O}", "election", json_object_get(elj, "fingerprint"), "threshold",
	    json_object_get(elj, "threshold"), "verification_keys", json_object_get(elj, "verification_keys"));
	tot = json_pack("{s:O, s:O, s:O, s:O}", "election", json_object_get(elj, "fingerprint"), "scrutin",
	    json_object_get(json_object_get(doc, "scrutin"), "id"), "ballots", json_object_get(tj, "ballots"),
	    "totals", json_object_get(tj, "totals"));
	if ((cnt = count_combine(pub, tot, partials, m, e)) == NULL)
		goto out;
	json_object_set(doc, "counts", json_object_get(cnt, "counts"));
	if ((in = results_rules_input(el, (unsigned)json_integer_value(json_object_get(cnt, "scrutin")), cnt, e)) == NULL)
		goto out;
	json_object_set_new(doc, "result", json_pack("{s:o, s:o}", "output", rules_run_json(in), "input", in));
	rc = 0;
out:
	json_decref(pub);
	json_decref(tot);
	json_decref(cnt);
	return rc;
}

static int
board_state_ok(const char *state)
{
	static const char *const after[] = { "closed", "counted", "sealed_after_count", "archived", NULL };

	for (size_t i = 0; after[i] != NULL; i++)
		if (strcmp(state, after[i]) == 0)
			return 1;
	return 0;
}

json_t *
board_export(MYSQL *el, MYSQL *urn, unsigned scrutin, json_t *const *deals, size_t ndeals,
    json_t *const *partials, size_t m, struct err *e)
{
	struct scrutin_params p;
	struct board_summary sum;
	struct tally *t = NULL;
	json_t *doc = NULL, *elj, *ballots = NULL, *parts = NULL, *cands = json_array();
	char fp[65];

	if (scrutin_params_load(el, scrutin, &p, e) == -1) {
		json_decref(cands);
		return NULL;
	}
	if (!board_state_ok(p.state)) {
		err_set(e, "scrutin %u « %s » : le tableau ne se publie qu'après la clôture", scrutin, p.state);
		goto fail;
	}
	group_hex(p.election.fingerprint, 32, fp);
	t = tally_new(&p.shape);
	if ((elj = board_election(&p, deals, ndeals, e)) == NULL)
		goto fail;
	for (size_t l = 0; l < p.shape.lists; l++)
		json_array_append_new(cands, json_integer((json_int_t)p.shape.candidates[l]));
	doc = json_pack("{s:s, s:i, s:o, s:{s:I, s:s, s:O, s:b}}", "format", BOARD_FORMAT, "version",
	    BOARD_VERSION, "election", elj, "scrutin", "id", (json_int_t)scrutin, "title", p.title,
	    "candidates", cands, "nul", p.shape.nul);
	if ((ballots = board_ballots(urn, &p, t, e)) == NULL ||
	    (parts = board_partials(&p, fp, partials, m, e)) == NULL)
		goto fail;
	json_object_set_new(doc, "ballots", ballots);
	json_object_set_new(doc, "tally", tally_to_json(t));
	json_object_set_new(doc, "partials", parts);
	ballots = parts = NULL;
	if (board_count(el, doc, partials, m, e) == -1)
		goto fail;
	/* never publish a board that does not verify */
	if (board_verify(doc, &sum, e) == -1) {
		err_prefix(e, "le tableau produit ne se vérifie pas : ");
		goto fail;
	}
	goto out;
fail:
	json_decref(doc);
	json_decref(ballots);
	json_decref(parts);
	doc = NULL;
out:
	json_decref(cands);
	tally_free(t);
	scrutin_params_free(&p);
	return doc;
}
