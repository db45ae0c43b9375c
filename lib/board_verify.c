/* board_verify.c: the verifier of a scrutin's bulletin board
 * (docs/protocol.md §10): the checks run in the order the document lists,
 * and the first failure stops them, saying which ballot, total or holder. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "board_pool.h"
#include "board_scan.h"
#include "count.h"
#include "dlog.h"
#include "group.h"
#include "rules.h"
#include "tally.h"
#include "xmalloc.h"

/* One group of holders: the whole key, or with "president required" the
 * president's group or the others' (docs/protocol.md §8.1). */
struct bgroup {
	const char *name;     /* NULL: no groups */
	unsigned char fp[32]; /* what its proofs are bound to */
	size_t k, n;
	EC_POINT *y, *vk[THR_MAX];
};

/* The whole urn (sub 0) or a sub-urn (R-ORG-5): its tally, the published
 * totals once checked, the first k valid partials of each group. */
struct burn {
	unsigned sub;
	struct tally *tally;
	const json_t *totals;
	size_t chosen[2];
	unsigned xs[2][THR_MAX];
	const json_t *dec[2][THR_MAX];
	unsigned long *counts; /* recomputed */
	size_t partials;       /* published and checked */
};

struct bv {
	struct ballot_shape shape;
	struct ballot_election el;
	EC_POINT *y;
	struct bgroup g[2];
	size_t ng;
	int sub_urns;
	struct burn u[3]; /* whole urn, then sub-urns 1 and 2 */
	size_t nu, npos;
	BN_CTX *ctx;
	struct err *e;
};

/* ---------------------------------------------------------------- election */

static int
bv_vkeys(struct bv *v, const struct bgroup *g, const json_t *pub)
{
	EC_POINT *p = EC_POINT_new(group_curve());
	int rc = 0;

	if (json_array_size(pub) != g->n)
		rc =
		    err_set(v->e, "clés de vérification : %zu attendues", g->n);
	for (size_t i = 0; rc == 0 && i < g->n; i++)
		if (group_point_decode(
		        json_string_value(json_array_get(pub, i)), p, v->ctx,
		        v->e) == -1 ||
		    EC_POINT_cmp(group_curve(), p, g->vk[i], v->ctx) != 0)
			rc = err_set(v->e,
			    "la clé de vérification publiée du détenteur %zu "
			    "ne découle pas "
			    "des engagements",
			    i + 1);
	EC_POINT_free(p);
	return rc;
}

/* A group's key from its deals: every proof of knowledge, y = Σ C_x,0,
 * the published verification keys. */
static int
bv_keyset(struct bv *v, struct bgroup *g, json_int_t k, json_int_t n,
    const json_t *deals, const json_t *vks)
{
	if (k < 1 || n < k || n > THR_MAX)
		return err_set(v->e, "élection : seuil invalide");
	g->k = (size_t)k;
	g->n = (size_t)n;
	g->y = EC_POINT_new(group_curve());
	for (size_t i = 0; i < g->n; i++)
		g->vk[i] = EC_POINT_new(group_curve());
	if (board_keys(deals, g->fp, g->k, g->n, g->y, g->vk, v->e) == -1)
		return -1;
	return bv_vkeys(v, g, vks);
}

/* "groups": the president's, then the others', each bound to F_g. */
static int
bv_groups(struct bv *v, const json_t *gs)
{
	static const char *const names[2] = {
	    THR_GROUP_PRESIDENT, THR_GROUP_OTHERS};
	EC_POINT *sum = EC_POINT_new(group_curve()),
	         *gy = EC_POINT_new(group_curve());
	int rc = -1;

	if (!json_is_array(gs) || json_array_size(gs) != 2) {
		err_set(v->e,
		    "élection : deux groupes attendus (président, autres)");
		goto out;
	}
	EC_POINT_set_to_infinity(group_curve(), sum);
	for (size_t j = 0; j < 2; j++) {
		struct bgroup *g = &v->g[j];
		const char *name, *fp, *y;
		json_int_t k, n;
		json_t *deals, *vks;
		json_error_t je;
		unsigned char got[32];

		if (json_unpack_ex(json_array_get(gs, j), &je, JSON_STRICT,
		        "{s:s, s:s, s:s, s:I, s:I, s:o, s:o}", "group", &name,
		        "fingerprint", &fp, "public_key", &y, "threshold", &k,
		        "holders", &n, "deals", &deals, "verification_keys",
		        &vks) == -1) {
			err_set(
			    v->e, "élection : groupe %zu : %s", j + 1, je.text);
			goto out;
		}
		if (strcmp(name, names[j]) != 0) {
			err_set(v->e, "élection : groupes « president » puis « "
			              "autres » attendus");
			goto out;
		}
		g->name = names[j];
		thr_group_fingerprint(v->el.fingerprint, g->name, g->fp);
		if (group_unhex(fp, got, 32) == -1 ||
		    memcmp(got, g->fp, 32) != 0) {
			err_set(v->e,
			    "élection : le groupe « %s » n'est pas celui de "
			    "cette élection",
			    name);
			goto out;
		}
		if (bv_keyset(v, g, k, n, deals, vks) == -1) {
			err_prefix(v->e, "groupe « %s » : ", name);
			goto out;
		}
		if (group_point_decode(y, gy, v->ctx, v->e) == -1 ||
		    EC_POINT_cmp(group_curve(), gy, g->y, v->ctx) != 0) {
			err_set(v->e,
			    "groupe « %s » : sa clé publique n'est pas la "
			    "somme des engagements",
			    name);
			goto out;
		}
		EC_POINT_add(group_curve(), sum, sum, g->y, v->ctx);
	}
	v->ng = 2;
	if (EC_POINT_cmp(group_curve(), sum, v->y, v->ctx) != 0) {
		err_set(v->e, "la clé publique de l'élection n'est pas la "
		              "somme des clés des deux groupes");
		goto out;
	}
	rc = 0;
out:
	EC_POINT_free(sum);
	EC_POINT_free(gy);
	return rc;
}

static int
bv_election(struct bv *v, const json_t *j)
{
	const char *fp, *y;
	json_int_t k = 0, n = 0;
	json_t *deals = NULL, *vks = NULL, *gs = NULL;
	json_error_t je;

	if (json_unpack_ex((json_t *)j, &je, JSON_STRICT,
	        "{s:s, s:s, s?I, s?I, s?o, s?o, s?o}", "fingerprint", &fp,
	        "public_key", &y, "threshold", &k, "holders", &n, "deals",
	        &deals, "verification_keys", &vks, "groups", &gs) == -1)
		return err_set(v->e, "élection : %s", je.text);
	if (group_unhex(fp, v->el.fingerprint, 32) == -1 ||
	    group_point_decode(y, v->y, v->ctx, v->e) == -1)
		return err_set(v->e,
		    "élection : empreinte, clé publique ou seuil invalide");
	/* either the groups, or one key's transcript: never both */
	if (gs != NULL)
		return deals != NULL || vks != NULL || k != 0 || n != 0
		           ? err_set(v->e, "élection : groupes et "
		                           "transcription unique à la fois")
		           : bv_groups(v, gs);
	if (deals == NULL || vks == NULL)
		return err_set(
		    v->e, "élection : transcription des clés manquante");
	v->ng = 1;
	memcpy(v->g[0].fp, v->el.fingerprint, 32);
	if (bv_keyset(v, &v->g[0], k, n, deals, vks) == -1)
		return -1;
	if (EC_POINT_cmp(group_curve(), v->g[0].y, v->y, v->ctx) != 0)
		return err_set(v->e, "la clé publique de l'élection n'est pas "
		                     "la somme des engagements des détenteurs");
	return 0;
}

static int
bv_scrutin(struct bv *v, const json_t *j)
{
	json_int_t id;
	const char *title;
	json_t *cands;
	int nul, sub_urns;
	json_error_t je;

	if (json_unpack_ex((json_t *)j, &je, JSON_STRICT,
	        "{s:I, s:s, s:o, s:b, s:b}", "id", &id, "title", &title,
	        "candidates", &cands, "nul", &nul, "sub_urns", &sub_urns) == -1)
		return err_set(v->e, "scrutin : %s", je.text);
	if (id < 1 || id > 0xffffffffLL || !json_is_array(cands) ||
	    json_array_size(cands) > BALLOT_MAX_LISTS)
		return err_set(v->e, "scrutin : numéro ou listes invalides");
	v->shape.scrutin = (unsigned)id;
	v->shape.nul = nul;
	v->shape.lists = json_array_size(cands);
	v->npos = ballot_slots(&v->shape);
	for (size_t l = 0; l < v->shape.lists; l++) {
		json_int_t c = json_integer_value(json_array_get(cands, l));
		if (!json_is_integer(json_array_get(cands, l)) || c < 1 ||
		    c > BALLOT_MAX_CANDIDATES)
			return err_set(v->e,
			    "scrutin : liste %zu : nombre de candidats "
			    "invalide",
			    l + 1);
		v->shape.candidates[l] = (size_t)c;
		v->npos += (size_t)c;
	}
	v->sub_urns = sub_urns;
	v->nu = sub_urns ? 3 : 1;
	for (size_t u = 0; u < v->nu; u++) {
		v->u[u].sub = (unsigned)u;
		v->u[u].tally = tally_new(&v->shape);
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
		tr[i] = json_string_value(json_object_get(
		            json_array_get(ballots, i), "tracker"))
		            ?: "";
	qsort(tr, n, sizeof(*tr), bv_cmp);
	for (size_t i = 1; rc == 0 && i < n; i++)
		if (*tr[i] != '\0' && strcmp(tr[i - 1], tr[i]) == 0)
			rc = err_set(v->e,
			    "traceur %s publié deux fois : bulletin en double",
			    tr[i]);
	free(tr);
	return rc;
}

/* Step 5 on one ballot but for its order: the sub-urn, §6 verification,
 * the tracker; *tr, *ballot and *sub are the entry's. Only reads v (the
 * worker threads share it). */
static int
bv_ballot_check(const struct bv *v, const struct ballot_election *el,
    size_t i, const json_t *entry, const char **tr, json_t **ballot,
    json_int_t *sub, struct err *e)
{
	json_error_t je;
	unsigned char h[32];
	char hex[65], *canon;

	*sub = 0;
	if (json_unpack_ex((json_t *)entry, &je, JSON_STRICT, "{s:s, s:o, s?I}",
	        "tracker", tr, "ballot", ballot, "sub_urn", sub) == -1)
		return err_set(e, "bulletin n° %zu : %s", i + 1, je.text);
	/* R-ORG-5: each ballot of a scrutin with sub-urns says which one */
	if (v->sub_urns ? *sub < 1 || *sub > 2
	                : json_object_get(entry, "sub_urn") != NULL)
		return err_set(e, "bulletin n° %zu (traceur %s) : sous-urne %s",
		    i + 1, *tr,
		    v->sub_urns ? "manquante ou invalide"
		                : "inattendue (scrutin sans sous-urnes)");
	if (ballot_verify(&v->shape, el, *ballot, e) == -1)
		return err_prefix(e, "bulletin n° %zu (traceur %s) : ", i + 1, *tr);
	canon = ballot_canonical(*ballot);
	ballot_tracker(canon, h);
	free(canon);
	group_hex(h, 32, hex);
	if (strcmp(hex, *tr) != 0)
		return err_set(e,
		    "bulletin n° %zu : le traceur publié %s n'est pas "
		    "l'empreinte du "
		    "bulletin (%s)",
		    i + 1, *tr, hex);
	return 0;
}

static int
bv_ballot_order(size_t i, const char *prev, const char *tr, struct err *e)
{
	if (prev != NULL && strcmp(prev, tr) >= 0)
		return err_set(e,
		    "bulletin n° %zu (traceur %s) : bulletins non classés par "
		    "traceur",
		    i + 1, tr);
	return 0;
}

/* Into the whole urn's tally t[0] and its sub-urn's t[sub]. */
static int
bv_ballot_add(struct tally *const *t, size_t i, const char *tr,
    const json_t *ballot, json_int_t sub, struct err *e)
{
	if (tally_add(t[0], ballot, e) == -1 ||
	    (sub > 0 && tally_add(t[sub], ballot, e) == -1))
		return err_prefix(e, "bulletin n° %zu (traceur %s) : ", i + 1, tr);
	return 0;
}

/* One ballot version per board, the first ballot's: the current one, or
 * 2, 3 or 4 for the board of an election held before version 5 (the cast
 * accepted one version per election; two encodings of one ballot would
 * have two trackers). */
static int
bv_version(const json_t *ballot)
{
	json_int_t v = json_integer_value(json_object_get(ballot, "version"));

	return v >= 2 && v <= 4 ? (int)v : 0;
}

static int
bv_ballot(struct bv *v, size_t i, const json_t *entry, const char *prev)
{
	struct tally *t[3] = {v->u[0].tally, v->u[1].tally, v->u[2].tally};
	const char *tr;
	json_t *ballot;
	json_int_t sub;

	if (i == 0)
		v->el.version = bv_version(json_object_get(entry, "ballot"));
	if (bv_ballot_check(v, &v->el, i, entry, &tr, &ballot, &sub, v->e) ==
	        -1 ||
	    bv_ballot_order(i, prev, tr, v->e) == -1)
		return -1;
	return bv_ballot_add(t, i, tr, ballot, sub, v->e);
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
	json_array_foreach(ballots, i, b)
	{
		if (bv_ballot(v, i, b, prev) == -1)
			return -1;
		prev = json_string_value(json_object_get(b, "tracker"));
	}
	return 0;
}

/* ---------------------------------------------------------------- totals */

static int
bv_tally(struct bv *v, struct burn *u, const json_t *pub)
{
	json_t *mine = tally_to_json(u->tally), *totals;
	json_int_t n;
	json_error_t je;
	char pos[96];
	int rc = 0;

	if (json_unpack_ex((json_t *)pub, &je, JSON_STRICT, "{s:I, s:o}",
	        "ballots", &n, "totals", &totals) == -1)
		rc = err_set(v->e, "totaux : %s", je.text);
	else if (n < 0 || (unsigned long)n != u->tally->ballots)
		rc = err_set(v->e,
		    "totaux : %lu bulletin(s) publié(s) mais %lld annoncé(s) "
		    "dans les totaux",
		    u->tally->ballots, (long long)n);
	else if (json_array_size(totals) != v->npos)
		rc = err_set(v->e, "totaux : %zu attendus, %zu publiés",
		    v->npos, json_array_size(totals));
	for (size_t i = 0; rc == 0 && i < v->npos; i++)
		if (!json_equal(json_array_get(totals, i),
		        json_array_get(json_object_get(mine, "totals"), i))) {
			board_position(&v->shape, i, pos, sizeof(pos));
			rc = err_set(v->e,
			    "total %zu (%s) : différent de la somme des "
			    "bulletins publiés",
			    i, pos);
		}
	json_decref(mine);
	u->totals = totals;
	return rc;
}

/* ---------------------------------------------------------------- partials */

/* "du détenteur 3" or "du détenteur 1 du groupe president" */
static void
bv_who(const struct bgroup *g, unsigned h, char *out, size_t len)
{
	if (g->name != NULL)
		snprintf(out, len, "du détenteur %u du groupe %s", h, g->name);
	else
		snprintf(out, len, "du détenteur %u", h);
}

static int
bv_one_partial(struct bv *v, const struct bgroup *g, const struct burn *u,
    unsigned h, size_t i, const json_t *p, EC_POINT *a, EC_POINT *d, BIGNUM *c,
    BIGNUM *r)
{
	const char *ah = json_string_value(
	    json_object_get(json_array_get(u->totals, i), "a"));
	const json_t *proof = json_object_get(p, "proof");
	char cs[64], pos[96], who[64];

	board_position(&v->shape, i, pos, sizeof(pos));
	bv_who(g, h, who, sizeof(who));
	if (json_object_size(p) != 2 || proof == NULL)
		return err_set(v->e,
		    "déchiffrement partiel %s, total %zu (%s) : mal formé", who,
		    i, pos);
	if (strcmp(ah, "00") == 0) {
		/* an empty sum: nothing to decrypt, nothing to prove */
		if (strcmp(json_string_value(json_object_get(p, "d")) ?: "",
		        "00") != 0 ||
		    !json_is_null(proof))
			return err_set(v->e,
			    "déchiffrement partiel %s, total %zu (%s) : « 00 » "
			    "attendu",
			    who, i, pos);
		return 0;
	}
	count_context(v->shape.scrutin, u->sub, i, cs, sizeof(cs));
	if (group_point_decode(ah, a, v->ctx, v->e) == -1 ||
	    group_point_decode(json_string_value(json_object_get(p, "d")), d,
	        v->ctx, v->e) == -1 ||
	    json_array_size(proof) != 2 ||
	    group_scalar_decode(
	        json_string_value(json_array_get(proof, 0)), c, v->e) == -1 ||
	    group_scalar_decode(
	        json_string_value(json_array_get(proof, 1)), r, v->e) == -1 ||
	    !thr_partial_verify(g->fp, cs, g->vk[h - 1], a, d, c, r))
		return err_set(v->e,
		    "déchiffrement partiel %s, total %zu (%s) : preuve "
		    "invalide",
		    who, i, pos);
	return 0;
}

/* The group an entry names: none without groups, one of the two with. */
static int
bv_entry_group(struct bv *v, const char *name, size_t idx, size_t *j)
{
	for (*j = 0; *j < v->ng; (*j)++)
		if ((name == NULL && v->g[*j].name == NULL) ||
		    (name != NULL && v->g[*j].name != NULL &&
		        strcmp(name, v->g[*j].name) == 0))
			return 0;
	return err_set(v->e, "déchiffrement partiel n° %zu : groupe %s%s%s",
	    idx + 1, name ? "« " : "", name ?: "manquant",
	    name ? " » inconnu" : "");
}

static int
bv_holder(struct bv *v, struct burn *u, const json_t *entry,
    unsigned seen[2][THR_MAX + 1], size_t idx)
{
	EC_POINT *a = EC_POINT_new(group_curve()),
	         *d = EC_POINT_new(group_curve());
	BIGNUM *c = BN_new(), *r = BN_new();
	const char *gname = NULL;
	const struct bgroup *g = NULL;
	json_int_t h = 0;
	json_t *parts;
	json_error_t je;
	char who[64];
	size_t j = 0;
	int rc = -1;

	if (json_unpack_ex((json_t *)entry, &je, JSON_STRICT, "{s:I, s:o, s?s}",
	        "holder", &h, "partials", &parts, "group", &gname) == -1) {
		err_set(v->e, "déchiffrement partiel n° %zu : %s", idx + 1,
		    je.text);
		goto out;
	}
	if (bv_entry_group(v, gname, idx, &j) == -1)
		goto out;
	g = &v->g[j];
	if (h < 1 || (size_t)h > g->n) {
		err_set(v->e,
		    "déchiffrement partiel n° %zu : détenteur %lld inconnu",
		    idx + 1, (long long)h);
		goto out;
	}
	bv_who(g, (unsigned)h, who, sizeof(who));
	if (seen[j][h]++) {
		err_set(v->e, "déchiffrement partiel %s publié deux fois", who);
		goto out;
	}
	if (!json_is_array(parts) || json_array_size(parts) != v->npos) {
		err_set(v->e, "déchiffrement partiel %s : %zu totaux attendus",
		    who, v->npos);
		goto out;
	}
	for (size_t i = 0; i < v->npos; i++)
		if (bv_one_partial(v, g, u, (unsigned)h, i,
		        json_array_get(parts, i), a, d, c, r) == -1)
			goto out;
	if (u->chosen[j] < g->k) {
		u->xs[j][u->chosen[j]] = (unsigned)h;
		u->dec[j][u->chosen[j]++] = parts;
	}
	rc = 0;
out:
	EC_POINT_free(a);
	EC_POINT_free(d);
	BN_free(c);
	BN_free(r);
	return rc;
}

static int
bv_partials(struct bv *v, struct burn *u, const json_t *partials)
{
	unsigned seen[2][THR_MAX + 1];
	const json_t *p;
	size_t i;

	memset(seen, 0, sizeof(seen));
	if (!json_is_array(partials))
		return err_set(
		    v->e, "déchiffrements partiels : tableau attendu");
	json_array_foreach(
	    partials, i, p) if (bv_holder(v, u, p, seen, i) == -1) return -1;
	for (size_t j = 0; j < v->ng; j++) {
		const struct bgroup *g = &v->g[j];
		if (u->chosen[j] >= g->k)
			continue;
		/* without the president's part nothing can be decrypted (§8.1)
		 */
		if (g->name != NULL &&
		    strcmp(g->name, THR_GROUP_PRESIDENT) == 0)
			return err_set(v->e,
			    "la part du président manque : %zu "
			    "déchiffrement(s) partiel(s) "
			    "publié(s) du président ou de son suppléant, %zu "
			    "requis",
			    u->chosen[j], g->k);
		if (g->name != NULL)
			return err_set(v->e,
			    "%zu déchiffrement(s) partiel(s) publié(s) des "
			    "autres membres, %zu requis",
			    u->chosen[j], g->k);
		return err_set(v->e,
		    "%zu déchiffrement(s) partiel(s) publié(s), %zu requis",
		    u->chosen[j], g->k);
	}
	u->partials = json_array_size(partials);
	return 0;
}

/* ---------------------------------------------------------------- counts */

/* m of total i: B minus each group's Lagrange combination at 0 of its
 * first k holders' partials. */
static int
bv_combine(struct bv *v, const struct burn *u, size_t i, unsigned long *m)
{
	const json_t *t = json_array_get(u->totals, i);
	EC_POINT *mg = EC_POINT_new(group_curve()), *d[THR_MAX];
	int empty =
	        strcmp(json_string_value(json_object_get(t, "a")), "00") == 0,
	    rc = -1;
	const char *bh = json_string_value(json_object_get(t, "b"));

	for (size_t j = 0; j < THR_MAX; j++)
		d[j] = EC_POINT_new(group_curve());
	if (strcmp(bh, "00") == 0)
		EC_POINT_set_to_infinity(group_curve(), mg);
	else if (group_point_decode(bh, mg, v->ctx, v->e) == -1)
		goto out;
	for (size_t gi = 0; gi < v->ng; gi++) {
		for (size_t j = 0; j < v->g[gi].k; j++)
			if (empty)
				EC_POINT_set_to_infinity(group_curve(), d[j]);
			else if (group_point_decode(
			             json_string_value(json_object_get(
			                 json_array_get(u->dec[gi][j], i),
			                 "d")),
			             d[j], v->ctx, v->e) == -1)
				goto out;
		if (thr_combine(u->xs[gi], d, v->g[gi].k, mg, mg) == -1) {
			err_set(v->e, "combinaison impossible");
			goto out;
		}
	}
	rc = dlog_small(mg, u->tally->ballots, m, v->e);
out:
	for (size_t j = 0; j < THR_MAX; j++)
		EC_POINT_free(d[j]);
	EC_POINT_free(mg);
	return rc;
}

static int
bv_counts(struct bv *v, struct burn *u, const json_t *counts)
{
	char pos[96];

	if (json_array_size(counts) != v->npos)
		return err_set(v->e, "comptes : %zu attendus, %zu publiés",
		    v->npos, json_array_size(counts));
	u->counts = xcalloc(v->npos, sizeof(*u->counts));
	for (size_t i = 0; i < v->npos; i++) {
		const json_t *c = json_array_get(counts, i);
		board_position(&v->shape, i, pos, sizeof(pos));
		if (bv_combine(v, u, i, &u->counts[i]) == -1)
			return err_prefix(v->e, "total %zu (%s) : ", i, pos);
		if (!json_is_integer(c) ||
		    json_integer_value(c) != (json_int_t)u->counts[i])
			return err_set(v->e,
			    "compte publié du total %zu (%s) : %s, déchiffré : "
			    "%lu",
			    i, pos,
			    json_is_integer(c) ? "différent" : "invalide",
			    u->counts[i]);
	}
	return 0;
}

/* One urn's totals, partial decryptions and counts. */
static int
bv_urn(struct bv *v, struct burn *u, const json_t *tally,
    const json_t *partials, const json_t *counts)
{
	int rc = bv_tally(v, u, tally) == -1 ||
	                 bv_partials(v, u, partials) == -1 ||
	                 bv_counts(v, u, counts) == -1
	             ? -1
	             : 0;

	if (rc == -1 && u->sub > 0)
		err_prefix(v->e, "sous-urne %u : ", u->sub);
	return rc;
}

/* "sub_urns": [{"sub_urn": 1, "tally", "partials", "counts"}, {… 2 …}]
 * exactly when the scrutin has sub-urns (R-ORG-5). */
static int
bv_sub_urns(struct bv *v, const json_t *subs)
{
	if (!v->sub_urns)
		return subs == NULL
		           ? 0
		           : err_set(v->e, "sous-urnes publiées pour un "
		                           "scrutin qui n'en a pas");
	if (!json_is_array(subs) || json_array_size(subs) != 2)
		return err_set(v->e, "sous-urnes : les deux sous-urnes (1 "
		                     "salariés, 2 fonctionnaires) attendues");
	for (unsigned s = 1; s <= 2; s++) {
		json_t *t, *p, *c;
		json_int_t n;
		json_error_t je;
		if (json_unpack_ex(json_array_get(subs, s - 1), &je,
		        JSON_STRICT, "{s:I, s:o, s:o, s:o}", "sub_urn", &n,
		        "tally", &t, "partials", &p, "counts", &c) == -1 ||
		    n != (json_int_t)s)
			return err_set(v->e, "sous-urne %u : mal formée", s);
		if (bv_urn(v, &v->u[s], t, p, c) == -1)
			return -1;
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
	const json_t *col = json_array_get(json_object_get(in, "colleges"), 0),
	             *lists, *l;
	size_t slots = ballot_slots(&v->shape), pos = slots, li;
	unsigned long *c = v->u[0].counts, L = v->shape.lists;

	*cat = json_object_get(col, "titulaires")
	           ?: json_object_get(col, "suppleants");
	lists = json_object_get(*cat, "lists");
	if (json_array_size(json_object_get(in, "colleges")) != 1 ||
	    json_object_size(col) != 2 || *cat == NULL ||
	    json_array_size(lists) != L)
		return err_set(v->e, "résultat : données de calcul d'une autre "
		                     "forme que le scrutin");
	if (json_integer_value(json_object_get(*cat, "votants")) !=
	        (json_int_t)v->u[0].tally->ballots ||
	    json_integer_value(json_object_get(*cat, "blancs")) !=
	        (json_int_t)c[L] ||
	    json_integer_value(json_object_get(*cat, "nuls")) !=
	        (json_int_t)(v->shape.nul ? c[L + 1] : 0))
		return err_set(v->e, "résultat : votants, blancs ou nuls "
		                     "différents des comptes déchiffrés");
	json_array_foreach(lists, li, l)
	{
		const json_t *cands = json_object_get(l, "candidates");
		if (json_integer_value(json_object_get(l, "ballots")) !=
		        (json_int_t)c[li] ||
		    json_array_size(cands) != v->shape.candidates[li])
			return err_set(v->e,
			    "résultat : liste %zu : voix différentes des "
			    "comptes déchiffrés",
			    li + 1);
		for (size_t j = 0; j < v->shape.candidates[li]; j++, pos++)
			if (json_integer_value(json_object_get(
			        json_array_get(cands, j), "strikes")) !=
			    (json_int_t)c[li] - (json_int_t)c[pos])
				return err_set(v->e,
				    "résultat : liste %zu, candidat %zu : "
				    "ratures différentes "
				    "des comptes déchiffrés",
				    li + 1, j + 1);
	}
	return 0;
}

/* Name the first list whose seats or elected differ. */
static int
bv_result_diff(struct bv *v, const json_t *mine, const json_t *pub)
{
	const json_t *ml = json_object_get(mine, "lists"),
	             *pl = json_object_get(pub, "lists"), *l;
	size_t i;

	json_array_foreach(ml, i, l)
	{
		const json_t *p = json_array_get(pl, i);
		const char *name =
		    json_string_value(json_object_get(l, "name"));
		if (!json_equal(json_object_get(l, "seats_total"),
		        json_object_get(p, "seats_total")))
			return err_set(v->e,
			    "résultat publié faux : « %s » : %lld siège(s) "
			    "publié(s), %lld recalculé(s)",
			    name,
			    (long long)json_integer_value(
			        json_object_get(p, "seats_total")),
			    (long long)json_integer_value(
			        json_object_get(l, "seats_total")));
		if (!json_equal(json_object_get(l, "elected"),
		        json_object_get(p, "elected")))
			return err_set(v->e,
			    "résultat publié faux : « %s » : élus publiés "
			    "différents des élus recalculés",
			    name);
	}
	return err_set(v->e, "résultat publié différent du résultat recalculé "
	                     "par les règles de calcul");
}

static int
bv_result(struct bv *v, const json_t *res)
{
	json_t *input, *output, *mine;
	const json_t *cat, *mcat, *pcat;
	json_error_t je;
	int rc;

	if (json_unpack_ex((json_t *)res, &je, JSON_STRICT, "{s:o, s:o}",
	        "input", &input, "output", &output) == -1)
		return err_set(v->e, "résultat : %s", je.text);
	if (bv_result_input(v, input, &cat) == -1)
		return -1;
	mine = rules_run_json(input);
	rc = json_equal(mine, output) ? 0 : -1;
	if (rc == -1) {
		const char *k =
		    json_object_get(
		        json_array_get(json_object_get(input, "colleges"), 0),
		        "titulaires")
		        ? "titulaires"
		        : "suppleants";
		mcat = json_object_get(
		    json_array_get(json_object_get(mine, "colleges"), 0), k);
		pcat = json_object_get(
		    json_array_get(json_object_get(output, "colleges"), 0), k);
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
	for (size_t j = 0; j < 2; j++) {
		EC_POINT_free(v->g[j].y);
		for (size_t i = 0; i < THR_MAX; i++)
			EC_POINT_free(v->g[j].vk[i]);
	}
	for (size_t u = 0; u < 3; u++) {
		tally_free(v->u[u].tally);
		free(v->u[u].counts);
	}
	BN_CTX_free(v->ctx);
}

/* "détenteurs 1 3" or "groupe president : 1 ; groupe autres : 1 3" */
static void
bv_summary(const struct bv *v, struct board_summary *sum)
{
	size_t o = 0;

	sum->scrutin = v->shape.scrutin;
	sum->ballots = v->u[0].tally->ballots;
	sum->partials = v->u[0].partials;
	sum->sub_urns = v->sub_urns ? 2 : 0;
	for (size_t j = 0; j < v->ng; j++) {
		if (v->g[j].name != NULL)
			o += (size_t)snprintf(sum->holders + o,
			    sizeof(sum->holders) - o,
			    "%sgroupe %s :", j ? " ; " : "", v->g[j].name);
		else
			o += (size_t)snprintf(sum->holders + o,
			    sizeof(sum->holders) - o, "détenteurs");
		for (size_t i = 0; i < v->g[j].k && o < sizeof(sum->holders);
		     i++)
			o += (size_t)snprintf(sum->holders + o,
			    sizeof(sum->holders) - o, " %u", v->u[0].xs[j][i]);
	}
	for (size_t u = 1; u < v->nu; u++)
		sum->sub_ballots[u - 1] = v->u[u].tally->ballots;
}

/* Steps 1–3: format and top-level keys, the key transcript, the shape;
 * the ballots (step 4 on) are then given one at a time. */
static int
bv_begin(struct bv *v, const json_t *board, struct err *e)
{
	const char *fmt;
	json_int_t ver;
	json_t *el, *sc, *ballots, *tally, *partials, *counts, *subs = NULL,
	                                                       *result = NULL;
	json_error_t je;

	memset(v, 0, sizeof(*v));
	v->e = e;
	v->ctx = BN_CTX_new();
	v->y = EC_POINT_new(group_curve());
	v->el.y = v->y;
	if (json_unpack_ex((json_t *)board, &je, JSON_STRICT,
	        "{s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s?o, s?o}", "format",
	        &fmt, "version", &ver, "election", &el, "scrutin", &sc,
	        "ballots", &ballots, "tally", &tally, "partials", &partials,
	        "counts", &counts, "sub_urns", &subs, "result",
	        &result) == -1)
		return err_set(e,
		    "tableau mal formé : clé manquante, en trop ou de mauvais "
		    "type (%s)",
		    je.text);
	if (strcmp(fmt, BOARD_FORMAT) != 0 || ver != BOARD_VERSION)
		return err_set(e, "format de tableau inconnu (%s, version %lld)",
		    fmt, (long long)ver);
	if (!json_is_array(ballots))
		return err_set(e, "bulletins : tableau attendu");
	return bv_election(v, el) == -1 || bv_scrutin(v, sc) == -1 ? -1 : 0;
}

/* Steps 6–9, once every ballot is in the tallies. */
static int
bv_end(struct bv *v, const json_t *board, struct board_summary *sum)
{
	const json_t *result = json_object_get(board, "result");

	if (bv_urn(v, &v->u[0], json_object_get(board, "tally"),
	        json_object_get(board, "partials"),
	        json_object_get(board, "counts")) == -1 ||
	    bv_sub_urns(v, json_object_get(board, "sub_urns")) == -1 ||
	    (result != NULL && bv_result(v, result) == -1))
		return -1;
	bv_summary(v, sum);
	sum->result_checked = result != NULL;
	return 0;
}

int
board_verify(const json_t *board, struct board_summary *sum, struct err *e)
{
	struct bv v;
	int rc = -1;

	memset(sum, 0, sizeof(*sum));
	if (bv_begin(&v, board, e) == 0 &&
	    bv_ballots(&v, json_object_get(board, "ballots")) == 0 &&
	    bv_end(&v, board, sum) == 0)
		rc = 0;
	bv_free(&v);
	return rc;
}


/* ---------------------------------------------------------------- threads */

/* One worker thread's own state: its copy of the key (no OpenSSL object
 * is shared between threads but read-only ones) and its own tallies,
 * added into the board's once every ballot is checked (a sum in any
 * order is the same sum). */
struct bvw {
	const struct bv *v;
	struct ballot_election el;
	EC_POINT *y;
	struct tally *t[3];
};

/* What a worker found on ballot i, taken back in board order. */
struct bvres {
	int pre;           /* -1: failed before the order check */
	int post;          /* -1: failed after it (its tally) */
	char tracker[65];  /* when pre is 0 */
	struct err err;
};

static void
bvw_work(void *ws, size_t i, const char *raw, size_t len, void *res)
{
	struct bvw *w = ws;
	struct bvres *r = res;
	json_error_t je;
	json_t *b = json_loadb(raw, len, JSON_REJECT_DUPLICATES, &je), *ballot;
	const char *tr;
	json_int_t sub;

	memset(r, 0, sizeof(*r));
	if (b == NULL) {
		r->pre = err_set(&r->err, "bulletin n° %zu : JSON invalide (%s)",
		    i + 1, je.text);
		return;
	}
	if (bv_ballot_check(w->v, &w->el, i, b, &tr, &ballot, &sub,
	        &r->err) == -1)
		r->pre = -1;
	else {
		snprintf(r->tracker, sizeof(r->tracker), "%s", tr);
		r->post = bv_ballot_add(w->t, i, tr, ballot, sub, &r->err);
	}
	json_decref(b);
}

/* ---------------------------------------------------------------- file */

/* The streaming verification's state between ballots. */
struct bvf {
	struct bv *v;
	char (*trackers)[65]; /* first pass: every tracker, for step 4 */
	size_t n, cap;
	char *prev;           /* second pass: the previous tracker */
	struct bpool *pool;   /* second pass on several threads */
	int pool_failed;      /* a ballot's failure stopped the reader */
	int version;          /* the first ballot's (bv_version) */
};

/* First pass: the trackers only (the ballot itself is not parsed). */
static int
bvf_tracker(void *arg, size_t i, const char *raw, size_t len, struct err *e)
{
	struct bvf *s = arg;
	json_t *t = bscan_member(raw, len, "tracker"), *b;

	(void)e;
	/* the workers must know it before any ballot is checked */
	if (i == 0) {
		b = bscan_member(raw, len, "ballot");
		s->version = bv_version(b);
		json_decref(b);
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->trackers = xrealloc(s->trackers, s->cap * sizeof(*s->trackers));
	}
	/* a tracker that is no string or too long fails at step 5 */
	snprintf(s->trackers[s->n++], 65, "%s", json_string_value(t) ?: "");
	json_decref(t);
	return 0;
}

static int
bvf_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Second pass: each ballot as board_verify checks it. */
static int
bvf_ballot(void *arg, size_t i, const char *raw, size_t len, struct err *e)
{
	struct bvf *s = arg;
	json_error_t je;
	json_t *b = json_loadb(raw, len, JSON_REJECT_DUPLICATES, &je);
	int rc;

	if (b == NULL)
		return err_set(e, "bulletin n° %zu : JSON invalide (%s)", i + 1,
		    je.text);
	rc = bv_ballot(s->v, i, b, s->prev);
	if (rc == 0) {
		free(s->prev);
		s->prev = xstrdup(
		    json_string_value(json_object_get(b, "tracker")));
	}
	json_decref(b);
	return rc;
}

/* In board order: the check of ballot i as bv_ballot makes it, its parts
 * in the same order (the order check sits between the worker's two). */
static int
bvf_take(void *arg, size_t i, void *res, struct err *e)
{
	struct bvf *s = arg;
	struct bvres *r = res;

	if (r->pre == -1 ||
	    bv_ballot_order(i, s->prev, r->tracker, &r->err) == -1 ||
	    r->post == -1) {
		*e = r->err;
		return -1;
	}
	free(s->prev);
	s->prev = xstrdup(r->tracker);
	return 0;
}

static int
bvf_put(void *arg, size_t i, const char *raw, size_t len, struct err *e)
{
	struct bvf *s = arg;

	if (bpool_put(s->pool, i, raw, len, e) == -1) {
		s->pool_failed = 1;
		return -1;
	}
	return 0;
}

static void
bvw_free(struct bvw *w, unsigned n)
{
	for (unsigned j = 0; j < n; j++) {
		EC_POINT_free(w[j].y);
		for (size_t u = 0; u < 3; u++)
			tally_free(w[j].t[u]);
	}
	free(w);
}

/* Pass 2 on jobs threads: the reader hands the ballots over, the first
 * failure in board order is reported (a reader's error after it is not:
 * the ballots before it come first), the workers' tallies are summed. */
static int
bvf_pass2_jobs(struct bvf *s, FILE *f, unsigned jobs, struct err *e)
{
	struct bv *v = s->v;
	struct bvw *w = xcalloc(jobs, sizeof(*w));
	void *ws[BPOOL_MAX_JOBS];
	struct err e2;
	int rc = -1;

	for (unsigned j = 0; j < jobs; j++) {
		w[j].v = v;
		memcpy(w[j].el.fingerprint, v->el.fingerprint, 32);
		w[j].el.version = s->version;
		w[j].y = EC_POINT_dup(v->y, group_curve());
		w[j].el.y = w[j].y;
		for (size_t u = 0; u < v->nu; u++)
			w[j].t[u] = tally_new(&v->shape);
		ws[j] = &w[j];
	}
	s->pool = bpool_new(jobs, ws, sizeof(struct bvres), bvw_work,
	    bvf_take, s);
	if (s->pool == NULL) {
		err_set(e, "vérification : aucun fil d'exécution");
		goto out;
	}
	if (bscan_board(f, NULL, bvf_put, s, e) == -1) {
		if (!s->pool_failed && bpool_finish(s->pool, &e2) == -1)
			*e = e2;
		goto out;
	}
	if (bpool_finish(s->pool, e) == -1)
		goto out;
	bpool_free(s->pool);
	s->pool = NULL;
	for (unsigned j = 0; j < jobs; j++)
		for (size_t u = 0; u < v->nu; u++)
			if (tally_merge(v->u[u].tally, w[j].t[u], e) == -1)
				goto out;
	rc = 0;
out:
	bpool_free(s->pool);
	s->pool = NULL;
	bvw_free(w, jobs);
	return rc;
}

int
board_verify_file(const char *path, struct board_summary *sum, json_t **hdr,
    struct err *e)
{
	return board_verify_file_jobs(path, 0, sum, hdr, e);
}

int
board_verify_file_jobs(const char *path, unsigned jobs,
    struct board_summary *sum, json_t **hdr, struct err *e)
{
	struct bv v;
	struct bvf s = {&v, NULL, 0, 0, NULL, NULL, 0, 0};
	json_t *h = NULL;
	FILE *f = fopen(path, "r");
	int rc = -1, began = 0;

	memset(sum, 0, sizeof(*sum));
	if (f == NULL)
		return err_set(e, "%s : lecture impossible", path);
	/* pass 1: everything but the ballots, and the trackers */
	if (bscan_board(f, &h, bvf_tracker, &s, e) == -1)
		goto out;
	began = 1;
	if (bv_begin(&v, h, e) == -1)
		goto out;
	/* step 4, on the trackers alone */
	if (s.n > 1)
		qsort(s.trackers, s.n, sizeof(*s.trackers), bvf_cmp);
	for (size_t i = 1; i < s.n; i++)
		if (s.trackers[i][0] != '\0' &&
		    strcmp(s.trackers[i - 1], s.trackers[i]) == 0) {
			err_set(e, "traceur %s publié deux fois : bulletin en double",
			    s.trackers[i]);
			goto out;
		}
	free(s.trackers);
	s.trackers = NULL;
	/* pass 2: each ballot, then the totals, decryptions and result */
	rewind(f);
	jobs = bpool_jobs(jobs);
	if ((jobs > 1 ? bvf_pass2_jobs(&s, f, jobs, e)
	              : bscan_board(f, NULL, bvf_ballot, &s, e)) == -1 ||
	    bv_end(&v, h, sum) == -1)
		goto out;
	rc = 0;
out:
	if (began)
		bv_free(&v);
	fclose(f);
	free(s.trackers);
	free(s.prev);
	if (rc == 0 && hdr != NULL)
		*hdr = h;
	else
		json_decref(h);
	return rc;
}
