/* board_verify.c: the verifier of a scrutin's bulletin board
 * (docs/protocol.md §10): the checks run in the order the document lists,
 * and the first failure stops them, saying which ballot, total or holder. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "count.h"
#include "dlog.h"
#include "group.h"
#include "rules.h"
#include "tally.h"
#include "xmalloc.h"

struct bv {
	struct ballot_shape shape;
	struct ballot_election el;
	EC_POINT *y, *vk[THR_MAX];
	size_t k, n, npos;
	struct tally *tally;
	const json_t *totals;           /* the published ones, once checked */
	unsigned xs[THR_MAX];           /* holders combined (the first k) */
	const json_t *dec[THR_MAX];     /* their "partials" arrays */
	unsigned long *counts;          /* recomputed */
	BN_CTX *ctx;
	struct err *e;
};

/* ---------------------------------------------------------------- election */

static int
bv_vkeys(struct bv *v, const json_t *pub, EC_POINT *const *vk)
{
	EC_POINT *p = EC_POINT_new(group_curve());
	int rc = 0;

	if (json_array_size(pub) != v->n)
		rc = err_set(v->e, "clés de vérification : %zu attendues", v->n);
	for (size_t i = 0; rc == 0 && i < v->n; i++)
		if (group_point_decode(json_string_value(json_array_get(pub, i)), p, v->ctx, v->e) == -1 ||
		    EC_POINT_cmp(group_curve(), p, vk[i], v->ctx) != 0)
			rc = err_set(v->e, "la clé de vérification publiée du détenteur %zu ne découle pas "
			    "des engagements", i + 1);
	EC_POINT_free(p);
	return rc;
}

static int
bv_election(struct bv *v, const json_t *j)
{
	const char *fp, *y;
	json_int_t k, n;
	json_t *deals, *vks;
	json_error_t je;
	EC_POINT *ycomp = EC_POINT_new(group_curve());
	int rc = -1;

	if (json_unpack_ex((json_t *)j, &je, JSON_STRICT, "{s:s, s:s, s:I, s:I, s:o, s:o}",
	    "fingerprint", &fp, "public_key", &y, "threshold", &k, "holders", &n, "deals", &deals,
	    "verification_keys", &vks) == -1) {
		err_set(v->e, "élection : %s", je.text);
		goto out;
	}
	if (k < 1 || n < k || n > THR_MAX || group_unhex(fp, v->el.fingerprint, 32) == -1 ||
	    group_point_decode(y, v->y, v->ctx, v->e) == -1) {
		err_set(v->e, "élection : empreinte, clé publique ou seuil invalide");
		goto out;
	}
	v->k = (size_t)k;
	v->n = (size_t)n;
	for (size_t i = 0; i < v->n; i++)
		v->vk[i] = EC_POINT_new(group_curve());
	if (board_keys(deals, v->el.fingerprint, v->k, v->n, ycomp, v->vk, v->e) == -1)
		goto out;
	if (EC_POINT_cmp(group_curve(), ycomp, v->y, v->ctx) != 0) {
		err_set(v->e, "la clé publique de l'élection n'est pas la somme des engagements des détenteurs");
		goto out;
	}
	rc = bv_vkeys(v, vks, v->vk);
out:
	EC_POINT_free(ycomp);
	return rc;
}

static int
bv_scrutin(struct bv *v, const json_t *j)
{
	json_int_t id;
	const char *title;
	json_t *cands;
	int nul;
	json_error_t je;

	if (json_unpack_ex((json_t *)j, &je, JSON_STRICT, "{s:I, s:s, s:o, s:b}", "id", &id, "title",
	    &title, "candidates", &cands, "nul", &nul) == -1)
		return err_set(v->e, "scrutin : %s", je.text);
	if (id < 1 || id > 0xffffffffLL || !json_is_array(cands) || json_array_size(cands) > BALLOT_MAX_LISTS)
		return err_set(v->e, "scrutin : numéro ou listes invalides");
	v->shape.scrutin = (unsigned)id;
	v->shape.nul = nul;
	v->shape.lists = json_array_size(cands);
	v->npos = ballot_slots(&v->shape);
	for (size_t l = 0; l < v->shape.lists; l++) {
		json_int_t c = json_integer_value(json_array_get(cands, l));
		if (!json_is_integer(json_array_get(cands, l)) || c < 1 || c > BALLOT_MAX_CANDIDATES)
			return err_set(v->e, "scrutin : liste %zu : nombre de candidats invalide", l + 1);
		v->shape.candidates[l] = (size_t)c;
		v->npos += (size_t)c;
	}
	return 0;
}

/* ---------------------------------------------------------------- ballots */

static int
bv_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A ballot published twice would be counted twice: look for a repeated
 * tracker wherever the copy was put. */
static int
bv_duplicates(struct bv *v, const json_t *ballots)
{
	size_t n = json_array_size(ballots);
	const char **tr = xcalloc(n + 1, sizeof(*tr));
	int rc = 0;

	for (size_t i = 0; i < n; i++)
		tr[i] = json_string_value(json_object_get(json_array_get(ballots, i), "tracker")) ?: "";
	qsort(tr, n, sizeof(*tr), bv_cmp);
	for (size_t i = 1; rc == 0 && i < n; i++)
		if (*tr[i] != '\0' && strcmp(tr[i - 1], tr[i]) == 0)
			rc = err_set(v->e, "traceur %s publié deux fois : bulletin en double", tr[i]);
	free(tr);
	return rc;
}

static int
bv_ballot(struct bv *v, size_t i, const json_t *entry, const char *prev)
{
	const char *tr;
	json_t *ballot;
	json_error_t je;
	unsigned char h[32];
	char hex[65], *canon;

	if (json_unpack_ex((json_t *)entry, &je, JSON_STRICT, "{s:s, s:o}", "tracker", &tr,
	    "ballot", &ballot) == -1)
		return err_set(v->e, "bulletin n° %zu : %s", i + 1, je.text);
	if (ballot_verify(&v->shape, &v->el, ballot, v->e) == -1)
		return err_prefix(v->e, "bulletin n° %zu (traceur %s) : ", i + 1, tr);
	canon = ballot_canonical(ballot);
	ballot_tracker(canon, h);
	free(canon);
	group_hex(h, 32, hex);
	if (strcmp(hex, tr) != 0)
		return err_set(v->e, "bulletin n° %zu : le traceur publié %s n'est pas l'empreinte du "
		    "bulletin (%s)", i + 1, tr, hex);
	if (prev != NULL && strcmp(prev, tr) >= 0)
		return err_set(v->e, "bulletin n° %zu (traceur %s) : bulletins non classés par traceur", i + 1, tr);
	if (tally_add(v->tally, ballot, v->e) == -1)
		return err_prefix(v->e, "bulletin n° %zu (traceur %s) : ", i + 1, tr);
	return 0;
}

static int
bv_ballots(struct bv *v, const json_t *ballots)
{
	const char *prev = NULL;
	const json_t *b;
	size_t i;

	if (!json_is_array(ballots))
		return err_set(v->e, "bulletins : tableau attendu");
	if (bv_duplicates(v, ballots) == -1)
		return -1;
	v->tally = tally_new(&v->shape);
	json_array_foreach(ballots, i, b) {
		if (bv_ballot(v, i, b, prev) == -1)
			return -1;
		prev = json_string_value(json_object_get(b, "tracker"));
	}
	return 0;
}

/* ---------------------------------------------------------------- totals */

static int
bv_tally(struct bv *v, const json_t *pub)
{
	json_t *mine = tally_to_json(v->tally), *totals;
	json_int_t n;
	json_error_t je;
	char pos[96];
	int rc = 0;

	if (json_unpack_ex((json_t *)pub, &je, JSON_STRICT, "{s:I, s:o}", "ballots", &n, "totals", &totals) == -1)
		rc = err_set(v->e, "totaux : %s", je.text);
	else if (n < 0 || (unsigned long)n != v->tally->ballots)
		rc = err_set(v->e, "totaux : %lu bulletin(s) publié(s) mais %lld annoncé(s) dans les totaux",
		    v->tally->ballots, (long long)n);
	else if (json_array_size(totals) != v->npos)
		rc = err_set(v->e, "totaux : %zu attendus, %zu publiés", v->npos, json_array_size(totals));
	for (size_t i = 0; rc == 0 && i < v->npos; i++)
		if (!json_equal(json_array_get(totals, i), json_array_get(json_object_get(mine, "totals"), i))) {
			board_position(&v->shape, i, pos, sizeof(pos));
			rc = err_set(v->e, "total %zu (%s) : différent de la somme des bulletins publiés", i, pos);
		}
	json_decref(mine);
	v->totals = totals;
	return rc;
}

/* ---------------------------------------------------------------- partials */

static int
bv_one_partial(struct bv *v, unsigned h, size_t i, const json_t *p, EC_POINT *a, EC_POINT *d,
    BIGNUM *c, BIGNUM *r)
{
	const char *ah = json_string_value(json_object_get(json_array_get(v->totals, i), "a"));
	const json_t *proof = json_object_get(p, "proof");
	char cs[64], pos[96];

	board_position(&v->shape, i, pos, sizeof(pos));
	if (json_object_size(p) != 2 || proof == NULL)
		return err_set(v->e, "déchiffrement partiel du détenteur %u, total %zu (%s) : mal formé", h, i, pos);
	if (strcmp(ah, "00") == 0) {
		/* an empty sum: nothing to decrypt, nothing to prove */
		if (strcmp(json_string_value(json_object_get(p, "d")) ?: "", "00") != 0 || !json_is_null(proof))
			return err_set(v->e, "déchiffrement partiel du détenteur %u, total %zu (%s) : "
			    "« 00 » attendu", h, i, pos);
		return 0;
	}
	count_context(v->shape.scrutin, 0, i, cs, sizeof(cs));
	if (group_point_decode(ah, a, v->ctx, v->e) == -1 ||
	    group_point_decode(json_string_value(json_object_get(p, "d")), d, v->ctx, v->e) == -1 ||
	    json_array_size(proof) != 2 ||
	    group_scalar_decode(json_string_value(json_array_get(proof, 0)), c, v->e) == -1 ||
	    group_scalar_decode(json_string_value(json_array_get(proof, 1)), r, v->e) == -1 ||
	    !thr_partial_verify(v->el.fingerprint, cs, v->vk[h - 1], a, d, c, r))
		return err_set(v->e, "déchiffrement partiel du détenteur %u, total %zu (%s) : preuve invalide",
		    h, i, pos);
	return 0;
}

static int
bv_holder(struct bv *v, const json_t *entry, unsigned *seen, size_t idx)
{
	EC_POINT *a = EC_POINT_new(group_curve()), *d = EC_POINT_new(group_curve());
	BIGNUM *c = BN_new(), *r = BN_new();
	json_int_t h = 0;
	json_t *parts;
	json_error_t je;
	int rc = 0;

	if (json_unpack_ex((json_t *)entry, &je, JSON_STRICT, "{s:I, s:o}", "holder", &h, "partials", &parts) == -1)
		rc = err_set(v->e, "déchiffrement partiel n° %zu : %s", idx + 1, je.text);
	else if (h < 1 || (size_t)h > v->n)
		rc = err_set(v->e, "déchiffrement partiel n° %zu : détenteur %lld inconnu", idx + 1, (long long)h);
	else if (seen[h]++)
		rc = err_set(v->e, "déchiffrement partiel du détenteur %lld publié deux fois", (long long)h);
	else if (!json_is_array(parts) || json_array_size(parts) != v->npos)
		rc = err_set(v->e, "déchiffrement partiel du détenteur %lld : %zu totaux attendus", (long long)h, v->npos);
	for (size_t i = 0; rc == 0 && i < v->npos; i++)
		rc = bv_one_partial(v, (unsigned)h, i, json_array_get(parts, i), a, d, c, r);
	if (rc == 0 && idx < v->k) {
		v->xs[idx] = (unsigned)h;
		v->dec[idx] = parts;
	}
	EC_POINT_free(a);
	EC_POINT_free(d);
	BN_free(c);
	BN_free(r);
	return rc;
}

static int
bv_partials(struct bv *v, const json_t *partials, struct board_summary *sum)
{
	unsigned seen[THR_MAX + 1] = { 0 };
	const json_t *p;
	size_t i;

	if (!json_is_array(partials))
		return err_set(v->e, "déchiffrements partiels : tableau attendu");
	json_array_foreach(partials, i, p)
		if (bv_holder(v, p, seen, i) == -1)
			return -1;
	if (json_array_size(partials) < v->k)
		return err_set(v->e, "%zu déchiffrement(s) partiel(s) publié(s), %zu requis",
		    json_array_size(partials), v->k);
	sum->partials = json_array_size(partials);
	return 0;
}

/* ---------------------------------------------------------------- counts */

/* m of total i from the first k holders' partials (Lagrange at 0). */
static int
bv_combine(struct bv *v, size_t i, unsigned long *m)
{
	const json_t *t = json_array_get(v->totals, i);
	EC_POINT *b = EC_POINT_new(group_curve()), *mg = EC_POINT_new(group_curve()), *d[THR_MAX];
	int empty = strcmp(json_string_value(json_object_get(t, "a")), "00") == 0, rc = -1;
	const char *bh = json_string_value(json_object_get(t, "b"));

	for (size_t j = 0; j < v->k; j++) {
		d[j] = EC_POINT_new(group_curve());
		if (empty)
			EC_POINT_set_to_infinity(group_curve(), d[j]);
		else if (group_point_decode(json_string_value(json_object_get(json_array_get(v->dec[j], i), "d")),
		    d[j], v->ctx, v->e) == -1)
			goto out;
	}
	if (strcmp(bh, "00") == 0)
		EC_POINT_set_to_infinity(group_curve(), b);
	else if (group_point_decode(bh, b, v->ctx, v->e) == -1)
		goto out;
	if (thr_combine(v->xs, d, v->k, b, mg) == 0)
		rc = dlog_small(mg, v->tally->ballots, m, v->e);
out:
	for (size_t j = 0; j < v->k; j++)
		EC_POINT_free(d[j]);
	EC_POINT_free(b);
	EC_POINT_free(mg);
	return rc;
}

static int
bv_counts(struct bv *v, const json_t *counts)
{
	char pos[96];

	if (json_array_size(counts) != v->npos)
		return err_set(v->e, "comptes : %zu attendus, %zu publiés", v->npos, json_array_size(counts));
	v->counts = xcalloc(v->npos, sizeof(*v->counts));
	for (size_t i = 0; i < v->npos; i++) {
		const json_t *c = json_array_get(counts, i);
		board_position(&v->shape, i, pos, sizeof(pos));
		if (bv_combine(v, i, &v->counts[i]) == -1)
			return err_prefix(v->e, "total %zu (%s) : ", i, pos);
		if (!json_is_integer(c) || json_integer_value(c) != (json_int_t)v->counts[i])
			return err_set(v->e, "compte publié du total %zu (%s) : %s, déchiffré : %lu", i, pos,
			    json_is_integer(c) ? "différent" : "invalide", v->counts[i]);
	}
	return 0;
}

/* ---------------------------------------------------------------- result */

/* The votes of the rules input must be the decrypted counts; the rest
 * (seats, inscrits, names, birth dates for ties) is the scrutin's public
 * data. */
static int
bv_result_input(struct bv *v, const json_t *in, const json_t **cat)
{
	const json_t *col = json_array_get(json_object_get(in, "colleges"), 0), *lists, *l;
	size_t slots = ballot_slots(&v->shape), pos = slots, li;
	unsigned long *c = v->counts, L = v->shape.lists;

	*cat = json_object_get(col, "titulaires") ?: json_object_get(col, "suppleants");
	lists = json_object_get(*cat, "lists");
	if (json_array_size(json_object_get(in, "colleges")) != 1 || json_object_size(col) != 2 ||
	    *cat == NULL || json_array_size(lists) != L)
		return err_set(v->e, "résultat : données de calcul d'une autre forme que le scrutin");
	if (json_integer_value(json_object_get(*cat, "votants")) != (json_int_t)v->tally->ballots ||
	    json_integer_value(json_object_get(*cat, "blancs")) != (json_int_t)c[L] ||
	    json_integer_value(json_object_get(*cat, "nuls")) != (json_int_t)(v->shape.nul ? c[L + 1] : 0))
		return err_set(v->e, "résultat : votants, blancs ou nuls différents des comptes déchiffrés");
	json_array_foreach(lists, li, l) {
		const json_t *cands = json_object_get(l, "candidates");
		if (json_integer_value(json_object_get(l, "ballots")) != (json_int_t)c[li] ||
		    json_array_size(cands) != v->shape.candidates[li])
			return err_set(v->e, "résultat : liste %zu : voix différentes des comptes déchiffrés", li + 1);
		for (size_t j = 0; j < v->shape.candidates[li]; j++, pos++)
			if (json_integer_value(json_object_get(json_array_get(cands, j), "strikes")) !=
			    (json_int_t)c[li] - (json_int_t)c[pos])
				return err_set(v->e, "résultat : liste %zu, candidat %zu : ratures différentes "
				    "des comptes déchiffrés", li + 1, j + 1);
	}
	return 0;
}

/* Name the first list whose seats or elected differ. */
static int
bv_result_diff(struct bv *v, const json_t *mine, const json_t *pub)
{
	const json_t *ml = json_object_get(mine, "lists"), *pl = json_object_get(pub, "lists"), *l;
	size_t i;

	json_array_foreach(ml, i, l) {
		const json_t *p = json_array_get(pl, i);
		const char *name = json_string_value(json_object_get(l, "name"));
		if (!json_equal(json_object_get(l, "seats_total"), json_object_get(p, "seats_total")))
			return err_set(v->e, "résultat publié faux : « %s » : %lld siège(s) publié(s), %lld recalculé(s)",
			    name, (long long)json_integer_value(json_object_get(p, "seats_total")),
			    (long long)json_integer_value(json_object_get(l, "seats_total")));
		if (!json_equal(json_object_get(l, "elected"), json_object_get(p, "elected")))
			return err_set(v->e, "résultat publié faux : « %s » : élus publiés différents des élus recalculés", name);
	}
	return err_set(v->e, "résultat publié différent du résultat recalculé par les règles de calcul");
}

static int
bv_result(struct bv *v, const json_t *res)
{
	json_t *input, *output, *mine;
	const json_t *cat, *mcat, *pcat;
	json_error_t je;
	int rc;

	if (json_unpack_ex((json_t *)res, &je, JSON_STRICT, "{s:o, s:o}", "input", &input, "output", &output) == -1)
		return err_set(v->e, "résultat : %s", je.text);
	if (bv_result_input(v, input, &cat) == -1)
		return -1;
	mine = rules_run_json(input);
	rc = json_equal(mine, output) ? 0 : -1;
	if (rc == -1) {
		const char *k = json_object_get(json_array_get(json_object_get(input, "colleges"), 0),
		    "titulaires") ? "titulaires" : "suppleants";
		mcat = json_object_get(json_array_get(json_object_get(mine, "colleges"), 0), k);
		pcat = json_object_get(json_array_get(json_object_get(output, "colleges"), 0), k);
		bv_result_diff(v, mcat, pcat);
	}
	json_decref(mine);
	return rc;
}

/* ---------------------------------------------------------------- main */

static void
bv_free(struct bv *v)
{
	EC_POINT_free(v->y);
	for (size_t i = 0; i < THR_MAX; i++)
		EC_POINT_free(v->vk[i]);
	tally_free(v->tally);
	free(v->counts);
	BN_CTX_free(v->ctx);
}

int
board_verify(const json_t *board, struct board_summary *sum, struct err *e)
{
	struct bv v;
	const char *fmt;
	json_int_t ver;
	json_t *el, *sc, *ballots, *tally, *partials, *counts, *result = NULL;
	json_error_t je;
	int rc = -1;

	memset(&v, 0, sizeof(v));
	memset(sum, 0, sizeof(*sum));
	v.e = e;
	v.ctx = BN_CTX_new();
	v.y = EC_POINT_new(group_curve());
	v.el.y = v.y;
	if (json_unpack_ex((json_t *)board, &je, JSON_STRICT, "{s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s?o}",
	    "format", &fmt, "version", &ver, "election", &el, "scrutin", &sc, "ballots", &ballots,
	    "tally", &tally, "partials", &partials, "counts", &counts, "result", &result) == -1) {
		err_set(e, "tableau mal formé : clé manquante, en trop ou de mauvais type (%s)", je.text);
		goto out;
	}
	if (strcmp(fmt, BOARD_FORMAT) != 0 || ver != BOARD_VERSION) {
		err_set(e, "format de tableau inconnu (%s, version %lld)", fmt, (long long)ver);
		goto out;
	}
	if (bv_election(&v, el) == -1 || bv_scrutin(&v, sc) == -1 || bv_ballots(&v, ballots) == -1 ||
	    bv_tally(&v, tally) == -1 || bv_partials(&v, partials, sum) == -1 || bv_counts(&v, counts) == -1 ||
	    (result != NULL && bv_result(&v, result) == -1))
		goto out;
	sum->scrutin = v.shape.scrutin;
	sum->ballots = v.tally->ballots;
	sum->holders_used = v.k;
	memcpy(sum->holders, v.xs, sizeof(v.xs));
	sum->result_checked = result != NULL;
	rc = 0;
out:
	bv_free(&v);
	return rc;
}
