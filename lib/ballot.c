/* ballot.c: encrypted ballots: encryption with proofs, strict decoding and
 * verification, canonical form and tracker. The proofs (lib/proof.c):
 *   choice i      (A_i, B_i) ∈ {0,1}         context "scrutin=S;choice=i"
 *   sum           Σ_i (A_i, B_i) = 1          "scrutin=S;sum"
 *   order l.j     choice_l − cand_lj ∈ {0,1}  "scrutin=S;order=l.j"
 *   range l       Σ_j cand_lj − choice_l ∈ {0..n_l−1}  "scrutin=S;range=l"
 * (order: a name is kept only on the chosen list; range: a chosen list
 * keeps at least one name). Versions 2 and 3 also proved each candidate
 * (A_lj, B_lj) ∈ {0,1} ("scrutin=S;candidate=l.j"): order and range
 * already imply it (docs/protocol.md §6), so version 4 dropped it.
 * Version 5 sends the ciphertexts' points uncompressed (no square root
 * to decode them), hashed compressed as before. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "ballot.h"
#include "group.h"
#include "jtree.h"
#include "proof.h"

/* A ciphertext with its randomness (encryption side) or proof. */
struct ct {
	EC_POINT *a, *b;
	BIGNUM *r;
};

/* Everything a ballot operation shares. */
struct bctx {
	const struct ballot_shape *shape;
	const struct ballot_election *el;
	BN_CTX *bn;
	struct err *e;
	struct proof_batch *batch; /* verification: the equations go there */
	struct proof_pt y;         /* verification: the key, decoded once */
	unsigned char *pts;        /* verification: decoded points out, or NULL */
	size_t npts;               /* ciphertexts written to pts */
	int version;               /* verification: the ballot's version */
	const struct jtree *t;     /* verification: the ballot read */
};

/* A ciphertext on the verification side: public points in the verifier's
 * own arithmetic (lib/p256_*.c), with their encodings. */
struct vct {
	struct proof_pt a, b;
};

static const unsigned set01[] = { 0, 1 };
static const unsigned set1[] = { 1 };

size_t
ballot_slots(const struct ballot_shape *s)
{
	return s->lists + 1 + (s->nul ? 1 : 0);
}

size_t
ballot_positions(const struct ballot_shape *s)
{
	size_t n = ballot_slots(s);

	for (size_t l = 0; l < s->lists; l++)
		n += s->candidates[l];
	return n;
}

static void
ct_init(struct ct *c)
{
	c->a = EC_POINT_new(group_curve());
	c->b = EC_POINT_new(group_curve());
	c->r = BN_new();
}

static void
ct_clear(struct ct *c)
{
	EC_POINT_free(c->a);
	EC_POINT_free(c->b);
	BN_clear_free(c->r);
}

/* c = (r·G, m·G + r·Y), fresh r. */
static int
ct_encrypt(struct bctx *x, unsigned m, struct ct *c)
{
	BIGNUM *mb = BN_new();
	int rc = -1;

	if (mb != NULL && BN_set_word(mb, m) == 1 &&
	    group_random_scalar(c->r, x->bn, x->e) == 0 &&
	    group_mul2(c->a, c->r, NULL, NULL, x->bn) == 0 &&
	    group_mul2(c->b, mb, x->el->y, c->r, x->bn) == 0)
		rc = 0;
	BN_free(mb);
	return rc;
}

/* out = sign_a·a + sign_b·b component-wise (signs +1 / −1), r likewise. */
static int
ct_combine(struct bctx *x, struct ct *out, const struct ct *a, int sa,
    const struct ct *b, int sb)
{
	const EC_GROUP *g = group_curve();
	const BIGNUM *n = group_order();
	EC_POINT *ta = EC_POINT_dup(a->a, g), *tb = EC_POINT_dup(a->b, g);
	EC_POINT *ua = EC_POINT_dup(b->a, g), *ub = EC_POINT_dup(b->b, g);
	int rc = -1;

	if (ta == NULL || tb == NULL || ua == NULL || ub == NULL)
		goto out;
	if ((sa < 0 && (EC_POINT_invert(g, ta, x->bn) != 1 || EC_POINT_invert(g, tb, x->bn) != 1)) ||
	    (sb < 0 && (EC_POINT_invert(g, ua, x->bn) != 1 || EC_POINT_invert(g, ub, x->bn) != 1)))
		goto out;
	if (EC_POINT_add(g, out->a, ta, ua, x->bn) != 1 || EC_POINT_add(g, out->b, tb, ub, x->bn) != 1)
		goto out;
	if (a->r != NULL && b->r != NULL && out->r != NULL) {
		BIGNUM *ra = BN_dup(a->r), *rb = BN_dup(b->r);
		if (sa < 0)
			BN_mod_sub(ra, n, ra, n, x->bn);
		if (sb < 0)
			BN_mod_sub(rb, n, rb, n, x->bn);
		BN_mod_add(out->r, ra, rb, n, x->bn);
		BN_clear_free(ra);
		BN_clear_free(rb);
	}
	rc = 0;
out:
	EC_POINT_free(ta);
	EC_POINT_free(tb);
	EC_POINT_free(ua);
	EC_POINT_free(ub);
	return rc;
}

/* ---------------------------------------------------------------- JSON */

/* [[c_i, s_i, a_i, b_i], ...], a_i and b_i uncompressed (docs/protocol.md
 * §5, version 3). */
static json_t *
proof_to_json(const struct proof *p)
{
	char c[GROUP_SCALAR_HEX + 1], s[GROUP_SCALAR_HEX + 1];
	char a[GROUP_POINT_FULL_HEX + 1], b[GROUP_POINT_FULL_HEX + 1];
	json_t *arr = json_array();

	for (size_t i = 0; i < p->k; i++) {
		group_scalar_encode_sc(&p->c[i], c);
		group_scalar_encode_sc(&p->s[i], s);
		group_hex(p->ca[i], GROUP_POINT_FULL_LEN, a);
		group_hex(p->cb[i], GROUP_POINT_FULL_LEN, b);
		json_array_append_new(arr, json_pack("[s, s, s, s]", c, s, a, b));
	}
	return arr;
}

/* A commitment of version 3: strict lowercase hex of an uncompressed
 * point (prefix 04); whether it is on the curve is checked with the
 * equations (proof.c, no square root). */
static int
commitment_decode(const char *hex, unsigned char out[GROUP_POINT_FULL_LEN], struct err *e)
{
	if (hex == NULL || group_unhex(hex, out, GROUP_POINT_FULL_LEN) == -1 ||
	    out[0] != 0x04)
		return err_set(e, "engagement mal encodé");
	return 0;
}

/* A commitment of version 2 (compressed, read only to verify boards of
 * earlier elections): its square root now, held uncompressed like the
 * commitments of version 3 (same point, same compressed form hashed). */
static int
commitment_decode_v2(const char *hex, unsigned char out[GROUP_POINT_FULL_LEN], struct err *e)
{
	unsigned char b[GROUP_POINT_LEN];
	struct p256_aff a;

	if (hex == NULL || group_unhex(hex, b, GROUP_POINT_LEN) == -1 ||
	    (b[0] != 0x02 && b[0] != 0x03))
		return err_set(e, "engagement mal encodé");
	if (p256_aff_decode(&a, b) == -1 || p256_aff_encode_full(out, &a) == -1)
		return err_set(e, "engagement hors de la courbe");
	return 0;
}

static int
proof_from_json(int version, const struct jtree *t, jt_ref j, size_t k, struct proof *p,
    struct err *e)
{
	int (*decode)(const char *, unsigned char *, struct err *) =
	    version == 2 ? commitment_decode_v2 : commitment_decode;
	jt_ref pair;

	p->k = 0;
	if (k > PROOF_MAX_SET || !jt_is(t, j, JT_ARRAY) || jt_array_size(t, j) != k)
		return err_set(e, "preuve : nombre de branches incorrect");
	/* the elements follow each other in the tree; pair + 2 is the second
	 * element only because the first was a string (checked in order) */
	pair = j + 1;
	for (size_t i = 0; i < k; i++, pair = (jt_ref)t->n[pair].end) {
		if (!jt_is(t, pair, JT_ARRAY) || jt_array_size(t, pair) != 4 ||
		    group_scalar_decode_sc(jt_string(t, pair + 1), &p->c[i], e) == -1 ||
		    group_scalar_decode_sc(jt_string(t, pair + 2), &p->s[i], e) == -1 ||
		    decode(jt_string(t, pair + 3), p->ca[i], e) == -1 ||
		    decode(jt_string(t, pair + 4), p->cb[i], e) == -1)
			return err_prefix(e, "preuve : ");
	}
	p->k = k;
	return 0;
}

/* {"a", "b", "proof"}, or {"a", "b"} when proof is NULL (a candidate of
 * version 4 on); takes the reference to proof. The points compressed
 * before version 5, uncompressed since (docs/protocol.md §6). */
static json_t *
ct_to_json(struct bctx *x, const struct ct *c, json_t *proof)
{
	char a[GROUP_POINT_FULL_HEX + 1], b[GROUP_POINT_FULL_HEX + 1];
	int rc;

	if (x->version >= 5)
		rc = group_point_encode_full(c->a, a, x->bn) == -1 ||
		    group_point_encode_full(c->b, b, x->bn) == -1 ? -1 : 0;
	else
		rc = group_point_encode(c->a, a, x->bn) == -1 ||
		    group_point_encode(c->b, b, x->bn) == -1 ? -1 : 0;
	if (rc == -1) {
		json_decref(proof);
		return NULL;
	}
	if (proof == NULL)
		return json_pack("{s:s, s:s}", "a", a, "b", b);
	return json_pack("{s:s, s:s, s:o}", "a", a, "b", b, "proof", proof);
}

/* A ciphertext point of a ballot, decoded by our own code and kept with
 * the compressed encoding the transcripts hash. Before version 5 it is
 * sent compressed (same strictness and messages as group_point_decode: a
 * square root); since, uncompressed (the curve equation; its compressed
 * form taken from the bytes, as for the commitments, §5), and its x ‖ y
 * go to xy (when not NULL) as sent. */
static int
vpoint_decode(struct bctx *x, const char *hex, struct proof_pt *r, unsigned char xy[64])
{
	unsigned char full[GROUP_POINT_FULL_LEN];

	r->lin = 0;
	r->nlin = 0;
	if (x->version >= 5) {
		if (group_point_decode_full(hex, full, &r->p, x->e) == -1)
			return -1;
		proof_commit_compress(r->enc, full);
		if (xy != NULL)
			memcpy(xy, full + 1, 64);
		return 0;
	}
	if (hex == NULL || group_unhex(hex, r->enc, GROUP_POINT_LEN) == -1)
		return err_set(x->e, "point mal encodé");
	if (r->enc[0] != 0x02 && r->enc[0] != 0x03)
		return err_set(x->e, "point non compressé ou à l'infini");
	if (p256_aff_decode(&r->p, r->enc) == -1)
		return err_set(x->e, "point hors de la courbe");
	if (xy != NULL) {
		p256_fe_to_bytes(xy, &r->p.x);
		p256_fe_to_bytes(xy + 32, &r->p.y);
	}
	return 0;
}

static void vpt_base(struct bctx *x, struct proof_pt *p);

/* Strict: an object with exactly a, b, proof; or exactly a, b when p is
 * NULL (a candidate of version 4: no proof of its own). */
static int
ct_from_json(struct bctx *x, jt_ref j, struct vct *c, struct proof *p, size_t k)
{
	/* choices then candidates list by list: the order of the totals */
	unsigned char *o = x->pts == NULL ? NULL : x->pts + x->npts * 2 * BALLOT_POINT_LEN;

	if (!jt_is(x->t, j, JT_OBJECT) || jt_object_size(x->t, j) != (p == NULL ? 2 : 3))
		return err_set(x->e, "chiffré mal formé");
	if (vpoint_decode(x, jt_string(x->t, jt_get(x->t, j, "a")), &c->a, o) == -1 ||
	    vpoint_decode(x, jt_string(x->t, jt_get(x->t, j, "b")), &c->b,
	        o == NULL ? NULL : o + BALLOT_POINT_LEN) == -1)
		return -1;
	x->npts++;
	vpt_base(x, &c->a);
	vpt_base(x, &c->b);
	if (p == NULL)
		return 0;
	return proof_from_json(x->version, x->t, jt_get(x->t, j, "proof"), k, p, x->e);
}

/* ------------------------------------------------ verification sums */

/* A decoded ballot point becomes a base of the batch: the points derived
 * from it (sums, differences) put their coefficients on it. */
static void
vpt_base(struct bctx *x, struct proof_pt *p)
{
	int idx;

	p->lin = 0;
	p->nlin = 0;
	if (x->batch != NULL && (idx = proof_batch_base(x->batch, &p->p)) >= 0) {
		p->lin = 1;
		p->nlin = 1;
		p->lin_idx[0] = (uint16_t)idx;
		p->lin_sign[0] = 1;
	}
}

static void
lin_acc(struct proof_pt *r, const struct proof_pt *u, int sign)
{
	if (!r->lin)
		return;
	if (!u->lin || r->nlin + u->nlin > PROOF_MAX_LIN) {
		r->lin = 0; /* the batch then takes the point itself */
		return;
	}
	for (size_t i = 0; i < u->nlin; i++) {
		r->lin_idx[r->nlin] = u->lin_idx[i];
		r->lin_sign[r->nlin++] = (int8_t)(sign * u->lin_sign[i]);
	}
}

/* A ciphertext computed as a signed sum: Jacobian until vacc_normalise
 * gives its affine points and encodings (one inversion for many). */
struct vacc {
	struct p256_jac ja, jb;
	struct vct v;
};

static void
vacc_init(struct vacc *s)
{
	p256_jac_infinity(&s->ja);
	p256_jac_infinity(&s->jb);
	s->v.a.lin = s->v.b.lin = 1;
	s->v.a.nlin = s->v.b.nlin = 0;
}

static void
vacc_add(struct vacc *s, const struct vct *c, int sign)
{
	struct p256_aff na, nb;

	if (sign < 0) {
		p256_aff_neg(&na, &c->a.p);
		p256_aff_neg(&nb, &c->b.p);
		p256_jac_add_aff(&s->ja, &s->ja, &na);
		p256_jac_add_aff(&s->jb, &s->jb, &nb);
	} else {
		p256_jac_add_aff(&s->ja, &s->ja, &c->a.p);
		p256_jac_add_aff(&s->jb, &s->jb, &c->b.p);
	}
	lin_acc(&s->v.a, &c->a, sign);
	lin_acc(&s->v.b, &c->b, sign);
}

static int
vacc_normalise(struct vacc *s, size_t m)
{
	struct p256_jac *j = calloc(2 * m, sizeof(*j));
	struct p256_aff *q = malloc(2 * m * sizeof(*q));
	int rc = -1;

	if (j == NULL || q == NULL)
		goto out;
	for (size_t i = 0; i < m; i++) {
		j[2 * i] = s[i].ja;
		j[2 * i + 1] = s[i].jb;
	}
	if (p256_batch_to_aff(q, j, 2 * m) == -1)
		goto out;
	for (size_t i = 0; i < m; i++) {
		s[i].v.a.p = q[2 * i];
		s[i].v.b.p = q[2 * i + 1];
		proof_pt_encode(&s[i].v.a);
		proof_pt_encode(&s[i].v.b);
	}
	rc = 0;
out:
	free(j);
	free(q);
	return rc;
}

/* ---------------------------------------------------------------- proofs */

static int
bprove(struct bctx *x, const char *slot, const struct ct *c, const unsigned *set,
    size_t k, size_t t, json_t **out)
{
	struct proof_ctx pc = { { 0 }, x->el->y, NULL, x->bn };
	char context[96];
	struct proof p;

	memcpy(pc.election, x->el->fingerprint, 32);
	snprintf(context, sizeof(context), "scrutin=%u;%s", x->shape->scrutin, slot);
	pc.context = context;
	if (proof_prove(&pc, c->a, c->b, c->r, set, k, t, &p, x->e) == -1)
		return -1;
	*out = proof_to_json(&p);
	return 0;
}

static int
bverify(struct bctx *x, const char *slot, const struct vct *c, const unsigned *set,
    size_t k, const struct proof *p)
{
	struct proof_ctx pc = { { 0 }, x->el->y, NULL, x->bn };
	char context[96];

	memcpy(pc.election, x->el->fingerprint, 32);
	snprintf(context, sizeof(context), "scrutin=%u;%s", x->shape->scrutin, slot);
	pc.context = context;
	if (proof_verify_pt(&pc, &x->y, &c->a, &c->b, set, k, p, x->batch, x->e) == -1)
		return err_prefix(x->e, "%s : ", slot);
	return 0;
}

static int
bverify_json(struct bctx *x, const char *slot, const struct vct *c, const unsigned *set,
    size_t k, jt_ref j)
{
	/* not zeroed: 12 kB, filled by proof_from_json */
	struct proof p;
	int rc = proof_from_json(x->version, x->t, j, k, &p, x->e) == 0 ?
	    bverify(x, slot, c, set, k, &p) : -1;

	if (rc == -1 && strncmp(x->e->msg, slot, strlen(slot)) != 0)
		err_prefix(x->e, "%s : ", slot);
	return rc;
}

static void
range_set(unsigned *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		set[i] = (unsigned)i;
}

/* ---------------------------------------------------------------- encrypt */

static int
shape_check(const struct ballot_shape *s, struct err *e)
{
	if (s->lists > BALLOT_MAX_LISTS)
		return err_set(e, "trop de listes (%zu)", s->lists);
	for (size_t l = 0; l < s->lists; l++)
		if (s->candidates[l] == 0 || s->candidates[l] > BALLOT_MAX_CANDIDATES)
			return err_set(e, "liste %zu : nombre de candidats invalide", l + 1);
	return 0;
}

static int
choice_check(const struct ballot_shape *s, const struct ballot_choice *c, struct err *e)
{
	size_t kept = 0;

	if (c->list == BALLOT_BLANK || (c->list == BALLOT_NUL && s->nul))
		return 0;
	if (c->list < 0 || (size_t)c->list >= s->lists)
		return err_set(e, "choix invalide");
	for (size_t j = 0; j < s->candidates[c->list]; j++)
		kept += c->kept[j] != 0;
	if (kept == 0)
		return err_set(e, "tous les candidats sont rayés : c'est un vote blanc");
	return 0;
}

/* Value of choice slot i. */
static unsigned
choice_value(const struct ballot_shape *s, const struct ballot_choice *c, size_t i)
{
	if (i < s->lists)
		return c->list == (int)i;
	if (i == s->lists)
		return c->list == BALLOT_BLANK;
	return c->list == BALLOT_NUL;
}

static int
set_infinity(struct ct *c)
{
	BN_zero(c->r);
	return EC_POINT_set_to_infinity(group_curve(), c->a) == 1 &&
	    EC_POINT_set_to_infinity(group_curve(), c->b) == 1 ? 0 : -1;
}

/* Encrypt one list's candidates with their proofs. */
static json_t *
encrypt_list(struct bctx *x, const struct ballot_choice *c, size_t l, const struct ct *choice)
{
	size_t n = x->shape->candidates[l];
	unsigned set[BALLOT_MAX_CANDIDATES + 1], kept = 0, xl = c->list == (int)l;
	json_t *cands = json_array(), *orders = json_array(), *pj, *range = NULL;
	struct ct cj, d, sum;
	char slot[64];
	int ok = 1;

	ct_init(&cj);
	ct_init(&d);
	ct_init(&sum);
	set_infinity(&sum);
	for (size_t j = 0; ok && j < n; j++) {
		unsigned k = xl && c->kept[j];
		kept += k;
		ok = ct_encrypt(x, k, &cj) == 0;
		pj = NULL;
		if (ok && x->version == 3) {
			snprintf(slot, sizeof(slot), "candidate=%zu.%zu", l, j);
			ok = bprove(x, slot, &cj, set01, 2, k, &pj) == 0;
		}
		if (ok) {
			json_array_append_new(cands, ct_to_json(x, &cj, pj));
			snprintf(slot, sizeof(slot), "order=%zu.%zu", l, j);
			ok = ct_combine(x, &d, choice, 1, &cj, -1) == 0 &&
			    bprove(x, slot, &d, set01, 2, xl - k, &pj) == 0;
		}
		if (ok) {
			json_array_append_new(orders, pj);
			ok = ct_combine(x, &sum, &sum, 1, &cj, 1) == 0;
		}
	}
	range_set(set, n);
	snprintf(slot, sizeof(slot), "range=%zu", l);
	ok = ok && ct_combine(x, &d, &sum, 1, choice, -1) == 0 &&
	    bprove(x, slot, &d, set, n, kept - xl, &range) == 0;
	ct_clear(&cj);
	ct_clear(&d);
	ct_clear(&sum);
	if (!ok) {
		json_decref(cands);
		json_decref(orders);
		return NULL;
	}
	return json_pack("{s:o, s:o, s:o}", "candidates", cands, "order", orders, "range", range);
}

json_t *
ballot_encrypt(const struct ballot_shape *s, const struct ballot_election *el,
    const struct ballot_choice *c, struct err *e)
{
	struct bctx x = { .shape = s, .el = el, .bn = BN_CTX_new(), .e = e,
		.version = el->version == 0 ? BALLOT_VERSION : el->version };
	struct ct ch[BALLOT_MAX_LISTS + 2], sum;
	size_t ns = ballot_slots(s), done = 0;
	/* done: how many ch[] are initialised (all of them, or none on a bad shape) */
	json_t *choices = json_array(), *lists = json_array(), *sp = NULL, *res = NULL, *pj;
	char fp[65], slot[48];

	if (x.version < 3 || x.version > BALLOT_VERSION) {
		err_set(e, "version de bulletin inconnue");
		goto out;
	}
	if (shape_check(s, e) == -1 || choice_check(s, c, e) == -1)
		goto out;
	ct_init(&sum);
	set_infinity(&sum);
	for (done = 0; done < ns; done++)
		ct_init(&ch[done]);
	for (size_t i = 0; i < ns; i++) {
		unsigned v = choice_value(s, c, i);
		snprintf(slot, sizeof(slot), "choice=%zu", i);
		if (ct_encrypt(&x, v, &ch[i]) == -1 ||
		    bprove(&x, slot, &ch[i], set01, 2, v, &pj) == -1 ||
		    ct_combine(&x, &sum, &sum, 1, &ch[i], 1) == -1)
			goto clear;
		json_array_append_new(choices, ct_to_json(&x, &ch[i], pj));
	}
	if (bprove(&x, "sum", &sum, set1, 1, 0, &sp) == -1)
		goto clear;
	for (size_t l = 0; l < s->lists; l++) {
		json_t *lj = encrypt_list(&x, c, l, &ch[l]);
		if (lj == NULL)
			goto clear;
		json_array_append_new(lists, lj);
	}
	group_hex(el->fingerprint, 32, fp);
	res = json_pack("{s:i, s:s, s:I, s:O, s:O, s:O}", "version", x.version, "election", fp,
	    "scrutin", (json_int_t)s->scrutin, "choices", choices, "sum", sp, "lists", lists);
clear:
	for (size_t i = 0; i < done; i++)
		ct_clear(&ch[i]);
	ct_clear(&sum);
out:
	json_decref(choices);
	json_decref(lists);
	json_decref(sp);
	BN_CTX_free(x.bn);
	return res;
}

/* ---------------------------------------------------------------- verify */

static int
top_check(struct bctx *x, jt_ref b)
{
	const struct jtree *t = x->t;
	const char *el;
	char fp[65];
	jt_ref v;

	if (!jt_is(t, b, JT_OBJECT) || jt_object_size(t, b) != 6)
		return err_set(x->e, "bulletin mal formé");
	v = jt_get(t, b, "version");
	if (!jt_is(t, v, JT_INTEGER) || jt_integer(t, v) != x->version)
		return err_set(x->e, "version de bulletin inconnue");
	group_hex(x->el->fingerprint, 32, fp);
	if ((el = jt_string(t, jt_get(t, b, "election"))) == NULL || strcmp(el, fp) != 0)
		return err_set(x->e, "bulletin d'une autre élection");
	v = jt_get(t, b, "scrutin");
	if (!jt_is(t, v, JT_INTEGER) || jt_integer(t, v) != (long long)x->shape->scrutin)
		return err_set(x->e, "bulletin d'un autre scrutin");
	if (jt_array_size(t, jt_get(t, b, "choices")) != ballot_slots(x->shape) ||
	    jt_array_size(t, jt_get(t, b, "lists")) != x->shape->lists)
		return err_set(x->e, "bulletin : nombre de listes incorrect");
	return 0;
}

/* The candidates of list l first (with their own proofs before version
 * 4), then (their differences with the list's choice normalised together)
 * the order proofs and the range. */
static int
verify_list(struct bctx *x, jt_ref lj, size_t l, const struct vct *choice)
{
	const struct jtree *t = x->t;
	size_t n = x->shape->candidates[l];
	jt_ref cands = jt_get(t, lj, "candidates"), orders = jt_get(t, lj, "order"), c;
	unsigned set[BALLOT_MAX_CANDIDATES + 1];
	struct vct cj;
	struct vacc *d = NULL;
	char slot[64];
	int rc = -1;

	if (!jt_is(t, lj, JT_OBJECT) || jt_object_size(t, lj) != 3 ||
	    jt_array_size(t, cands) != n || jt_array_size(t, orders) != n)
		return err_set(x->e, "liste %zu : nombre de candidats incorrect", l);
	if ((d = malloc((n + 1) * sizeof(*d))) == NULL)
		return err_set(x->e, "vérification impossible");
	vacc_init(&d[n]); /* range: Σ_j cand − choice */
	c = cands + 1; /* the elements follow each other in the tree */
	for (size_t j = 0; j < n; j++, c = (jt_ref)t->n[c].end) {
		struct proof p; /* filled by ct_from_json */
		int ok;
		snprintf(slot, sizeof(slot), "candidate=%zu.%zu", l, j);
		if (x->version >= 4) {
			ok = ct_from_json(x, c, &cj, NULL, 0) == 0;
			if (!ok)
				err_prefix(x->e, "%s : ", slot);
		} else {
			ok = ct_from_json(x, c, &cj, &p, 2) == 0 &&
			    bverify(x, slot, &cj, set01, 2, &p) == 0;
		}
		if (!ok)
			goto out;
		vacc_init(&d[j]); /* order: choice − cand */
		vacc_add(&d[j], choice, 1);
		vacc_add(&d[j], &cj, -1);
		vacc_add(&d[n], &cj, 1);
	}
	vacc_add(&d[n], choice, -1);
	if (vacc_normalise(d, n + 1) == -1) {
		err_set(x->e, "vérification impossible");
		goto out;
	}
	c = orders + 1;
	for (size_t j = 0; j < n; j++, c = (jt_ref)t->n[c].end) {
		snprintf(slot, sizeof(slot), "order=%zu.%zu", l, j);
		if (bverify_json(x, slot, &d[j].v, set01, 2, c) == -1)
			goto out;
	}
	range_set(set, n);
	snprintf(slot, sizeof(slot), "range=%zu", l);
	if (bverify_json(x, slot, &d[n].v, set, n, jt_get(t, lj, "range")) == -1)
		goto out;
	rc = 0;
out:
	free(d);
	return rc;
}

/* Every proof of the ballot: challenges and encodings at once, the
 * equations into x->batch when set (else proof by proof). */
static int
verify_all(struct bctx *x, jt_ref b)
{
	const struct ballot_shape *s = x->shape;
	const struct jtree *t = x->t;
	struct vct ch[BALLOT_MAX_LISTS + 2];
	struct vacc sum;
	size_t ns = ballot_slots(s);
	jt_ref cj = jt_get(t, b, "choices") + 1, lj = jt_get(t, b, "lists") + 1;
	char slot[64];

	/* top_check saw ns choices and s->lists lists: the elements follow
	 * each other in the tree */
	vacc_init(&sum);
	for (size_t i = 0; i < ns; i++, cj = (jt_ref)t->n[cj].end) {
		struct proof p; /* filled by ct_from_json */
		int ok;
		snprintf(slot, sizeof(slot), "choice=%zu", i);
		ok = ct_from_json(x, cj, &ch[i], &p, 2) == 0 &&
		    bverify(x, slot, &ch[i], set01, 2, &p) == 0;
		if (!ok)
			return -1;
		vacc_add(&sum, &ch[i], 1);
	}
	if (vacc_normalise(&sum, 1) == -1)
		return err_set(x->e, "vérification impossible");
	if (bverify_json(x, "sum", &sum.v, set1, 1, jt_get(t, b, "sum")) == -1)
		return -1;
	for (size_t l = 0; l < s->lists; l++, lj = (jt_ref)t->n[lj].end)
		if (verify_list(x, lj, l, &ch[l]) == -1)
			return -1;
	return 0;
}

/* One batch for the whole ballot (one multi-scalar multiplication); when
 * it fails, the proofs are checked again one by one to name the first bad
 * one, as the verifier must (docs/protocol.md §10.2). */
int
ballot_verify(const struct ballot_shape *s, const struct ballot_election *el,
    const json_t *b, struct err *e)
{
	return ballot_verify_points(s, el, b, NULL, e);
}

int
ballot_verify_points(const struct ballot_shape *s, const struct ballot_election *el,
    const json_t *b, unsigned char *pts, struct err *e)
{
	struct jtree t;
	int rc;

	if (jt_from_json(&t, b) == -1)
		return err_set(e, b == NULL ? "bulletin mal formé" : "vérification impossible");
	rc = ballot_verify_tree(s, el, &t, JT_ROOT, pts, e);
	jt_free(&t);
	return rc;
}

/* The checks before any proof: version, shape, the ballot's top level,
 * the key decoded. */
static int
vctx_open(struct bctx *x, jt_ref b)
{
	if (x->version < 2 || x->version > BALLOT_VERSION)
		return err_set(x->e, "version de bulletin inconnue");
	if (x->bn == NULL)
		return err_set(x->e, "vérification impossible");
	if (shape_check(x->shape, x->e) == -1 || top_check(x, b) == -1)
		return -1;
	if (proof_pt_from_ec(&x->y, x->el->y, x->bn) == -1)
		return err_set(x->e, "vérification impossible");
	return 0;
}

/* batch NULL: each proof checked on its own (ballot_verify_blame). */
int
ballot_verify_collect(const struct ballot_shape *s, const struct ballot_election *el,
    const struct jtree *t, jt_ref b, unsigned char *pts, struct proof_batch *batch,
    struct err *e)
{
	struct bctx x = { .shape = s, .el = el, .bn = BN_CTX_new(), .e = e, .pts = pts,
		.version = el->version == 0 ? BALLOT_VERSION : el->version, .t = t,
		.batch = batch };
	int rc = vctx_open(&x, b) == 0 ? verify_all(&x, b) : -1;

	BN_CTX_free(x.bn);
	return rc;
}

int
ballot_verify_blame(const struct ballot_shape *s, const struct ballot_election *el,
    const struct jtree *t, jt_ref b, struct err *e)
{
	if (ballot_verify_collect(s, el, t, b, NULL, NULL, e) == 0)
		err_set(e, "preuve invalide (engagements incorrects)");
	return -1;
}

int
ballot_verify_tree(const struct ballot_shape *s, const struct ballot_election *el,
    const struct jtree *t, jt_ref b, unsigned char *pts, struct err *e)
{
	struct proof_batch *batch = proof_batch_new(el->y, NULL);
	int rc = -1;

	if (batch == NULL) {
		err_set(e, "vérification impossible");
		goto out;
	}
	if (ballot_verify_collect(s, el, t, b, pts, batch, e) == -1)
		goto out;
	if (proof_batch_check(batch, e) == -1) {
		ballot_verify_blame(s, el, t, b, e);
		goto out;
	}
	rc = 0;
out:
	proof_batch_free(batch);
	return rc;
}

char *
ballot_canonical(const json_t *ballot)
{
	return json_dumps(ballot, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
}

char *
ballot_canonical_tree(const struct jtree *t, jt_ref ballot, size_t *len)
{
	return jt_canonical(t, ballot, len);
}

void
ballot_tracker(const char *canonical, unsigned char out[32])
{
	EVP_Digest(canonical, strlen(canonical), out, NULL, EVP_sha256(), NULL);
}
