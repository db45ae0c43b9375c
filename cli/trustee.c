/* trustee.c: isoloir-trustee, a bureau key holder's tool (docs/protocol.md
 * §8–9), through files, so that a bureau can run a key ceremony and a count
 * from the command line:
 *   deal    --election FP --holder X --threshold K --holders N --dir DIR
 *   key     --election FP --holder Y --dir DIR --passphrase-file F --out KEY
 *   public  --election FP --dir DIR                  (prints public.json)
 *   decrypt --key KEY --passphrase-file F --totals T --out PARTIAL [--group G]
 *   group   --election FP --group G        (prints the group's fingerprint)
 *   combine --election FP --president PUB --others PUB  (prints public.json)
 * "President required" (docs/protocol.md §8.1): the president and a named
 * substitute hold one part of the secret, the other members another; each
 * group holds its ceremony for the fingerprint `group` prints, `combine`
 * adds the two public keys, `decrypt --group` decrypts with a group's key.
 * Files share-X-for-Y.json hold secrets: each goes to holder Y only, by
 * hand (sealed envelope, own USB key); deal-X.json files are public. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "count.h"
#include "group.h"
#include "keyfile.h"
#include "tally.h"
#include "threshold.h"

struct targs {
	const char *election, *dir, *pass_file, *out, *key, *totals, *group, *pres, *others;
	unsigned holder, k, n;
	unsigned char fp[32];
};

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "isoloir-trustee : ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

static int
parse(int argc, char **argv, struct targs *a)
{
	memset(a, 0, sizeof(*a));
	for (int i = 2; i + 1 < argc; i += 2) {
		const char *o = argv[i], *v = argv[i + 1];
		if (strcmp(o, "--election") == 0) a->election = v;
		else if (strcmp(o, "--dir") == 0) a->dir = v;
		else if (strcmp(o, "--passphrase-file") == 0) a->pass_file = v;
		else if (strcmp(o, "--out") == 0) a->out = v;
		else if (strcmp(o, "--key") == 0) a->key = v;
		else if (strcmp(o, "--totals") == 0) a->totals = v;
		else if (strcmp(o, "--holder") == 0) a->holder = (unsigned)atoi(v);
		else if (strcmp(o, "--threshold") == 0) a->k = (unsigned)atoi(v);
		else if (strcmp(o, "--holders") == 0) a->n = (unsigned)atoi(v);
		else if (strcmp(o, "--group") == 0) a->group = v;
		else if (strcmp(o, "--president") == 0) a->pres = v;
		else if (strcmp(o, "--others") == 0) a->others = v;
		else return -1;
	}
	if (a->election != NULL && group_unhex(a->election, a->fp, 32) == -1)
		return -1;
	return (argc % 2) == 0 ? 0 : -1;
}

static int
write_json(const char *path, json_t *j, int secret)
{
	/* secrets are created readable by their owner only */
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, secret ? 0600 : 0644);
	FILE *f;
	int rc;

	if (fd == -1 || (f = fdopen(fd, "w")) == NULL) {
		if (fd != -1)
			close(fd);
		return -1;
	}
	rc = json_dumpf(j, f, JSON_INDENT(1) | JSON_SORT_KEYS);
	fputc('\n', f);
	return fclose(f) == 0 && rc == 0 ? 0 : -1;
}

/* The first line of the file, without its end; a longer one than a key
 * file accepts is refused rather than cut (the browser's code would not
 * cut it: docs/protocol.md §8.2). */
static char *
read_pass(const char *path)
{
	static char buf[KEYFILE_PASS_MAX + 2];
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL) {
		fail("phrase secrète illisible : %s", path);
		return NULL;
	}
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	if (strlen(buf) > KEYFILE_PASS_MAX) {
		fail("phrase secrète trop longue (%d octets au plus)", KEYFILE_PASS_MAX);
		return NULL;
	}
	return buf;
}

/* DIR/deal-X.json (to == 0) or DIR/share-X-for-TO.json. */
static json_t *
load(const char *dir, unsigned x, unsigned to)
{
	char path[4096];
	json_error_t je;

	if (to == 0)
		snprintf(path, sizeof(path), "%s/deal-%u.json", dir, x);
	else
		snprintf(path, sizeof(path), "%s/share-%u-for-%u.json", dir, x, to);
	return json_load_file(path, JSON_REJECT_DUPLICATES, &je);
}

/* ---------------------------------------------------------------- deal */

static int
cmd_deal(struct targs *a)
{
	struct thr_poly p;
	EC_POINT *c[THR_MAX];
	BIGNUM *pc = BN_new(), *pz = BN_new(), *f = BN_new();
	BN_CTX *ctx = BN_CTX_new();
	char h[GROUP_POINT_HEX + 1], s1[65], s2[65], path[4096];
	json_t *coms = json_array(), *deal;
	struct err e;
	int rc = 1;

	if (a->election == NULL || a->dir == NULL || a->k < 1 || a->k > a->n || a->n > THR_MAX ||
	    a->holder < 1 || a->holder > a->n)
		return fail("%s", "deal : paramètres invalides");
	if (thr_poly_new(&p, a->k, &e) == -1)
		return fail("%s", e.msg);
	for (unsigned l = 0; l < a->k; l++)
		c[l] = EC_POINT_new(group_curve());
	thr_commit(&p, c);
	for (unsigned l = 0; l < a->k; l++) {
		group_point_encode(c[l], h, ctx);
		json_array_append_new(coms, json_string(h));
	}
	thr_pok_prove(a->fp, a->holder, p.a[0], c[0], pc, pz);
	group_scalar_encode(pc, s1);
	group_scalar_encode(pz, s2);
	deal = json_pack("{s:i, s:s, s:i, s:i, s:i, s:o, s:[s,s]}", "version", 1, "election", a->election,
	    "holder", (int)a->holder, "threshold", (int)a->k, "holders", (int)a->n, "commitments", coms,
	    "pok", s1, s2);
	snprintf(path, sizeof(path), "%s/deal-%u.json", a->dir, a->holder);
	if (write_json(path, deal, 0) == -1)
		goto out;
	for (unsigned y = 1; y <= a->n; y++) {
		thr_eval(&p, y, f);
		group_scalar_encode(f, s1);
		json_t *sh = json_pack("{s:i, s:s, s:i, s:i, s:s}", "version", 1, "election", a->election,
		    "from", (int)a->holder, "to", (int)y, "share", s1);
		snprintf(path, sizeof(path), "%s/share-%u-for-%u.json", a->dir, a->holder, y);
		int w = write_json(path, sh, 1);
		json_decref(sh);
		if (w == -1)
			goto out;
	}
	printf("part %u distribuée : %s/deal-%u.json (public) et %u fichiers de parts "
	    "à remettre en main propre\n", a->holder, a->dir, a->holder, a->n);
	rc = 0;
out:
	if (rc != 0)
		fail("écriture impossible dans %s", a->dir);
	json_decref(deal);
	for (unsigned l = 0; l < a->k; l++)
		EC_POINT_free(c[l]);
	thr_poly_free(&p);
	BN_free(pc);
	BN_free(pz);
	BN_clear_free(f);
	BN_CTX_free(ctx);
	return rc;
}

/* ---------------------------------------------------------------- deals */

/* Load deal-1..n, check they agree and their proofs; c[x][l] filled. */
static int
load_deals(struct targs *a, EC_POINT *c[THR_MAX + 1][THR_MAX])
{
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *pc = BN_new(), *pz = BN_new();
	struct err e;
	int rc = -1;

	for (unsigned x = 1; x <= a->n; x++) {
		json_t *d = load(a->dir, x, 0);
		const json_t *coms = json_object_get(d, "commitments"), *pok = json_object_get(d, "pok");
		int ok = d != NULL && strcmp(json_string_value(json_object_get(d, "election")) ?: "", a->election) == 0 &&
		    json_integer_value(json_object_get(d, "threshold")) == a->k &&
		    json_integer_value(json_object_get(d, "holders")) == a->n &&
		    json_integer_value(json_object_get(d, "holder")) == x && json_array_size(coms) == a->k;
		for (unsigned l = 0; ok && l < a->k; l++)
			ok = group_point_decode(json_string_value(json_array_get(coms, l)), c[x][l], ctx, &e) == 0;
		ok = ok && group_scalar_decode(json_string_value(json_array_get(pok, 0)), pc, &e) == 0 &&
		    group_scalar_decode(json_string_value(json_array_get(pok, 1)), pz, &e) == 0 &&
		    thr_pok_verify(a->fp, x, c[x][0], pc, pz);
		json_decref(d);
		if (!ok) {
			fprintf(stderr, "isoloir-trustee : distribution du détenteur %u absente, "
			    "incohérente ou non prouvée\n", x);
			goto out;
		}
	}
	rc = 0;
out:
	BN_free(pc);
	BN_free(pz);
	BN_CTX_free(ctx);
	return rc;
}

static void
alloc_points(EC_POINT *c[THR_MAX + 1][THR_MAX])
{
	for (unsigned x = 0; x <= THR_MAX; x++)
		for (unsigned l = 0; l < THR_MAX; l++)
			c[x][l] = EC_POINT_new(group_curve());
}

static void
free_points(EC_POINT *c[THR_MAX + 1][THR_MAX])
{
	for (unsigned x = 0; x <= THR_MAX; x++)
		for (unsigned l = 0; l < THR_MAX; l++)
			EC_POINT_free(c[x][l]);
}

/* Deals must be read with the same k and n as given on the command line;
 * read them from deal-1.json when absent. */
static int
deal_params(struct targs *a)
{
	json_t *d = load(a->dir, 1, 0);

	if (d == NULL)
		return fail("%s", "deal-1.json introuvable");
	if (a->k == 0)
		a->k = (unsigned)json_integer_value(json_object_get(d, "threshold"));
	if (a->n == 0)
		a->n = (unsigned)json_integer_value(json_object_get(d, "holders"));
	json_decref(d);
	return a->k >= 1 && a->k <= a->n && a->n <= THR_MAX ? 0 : fail("%s", "paramètres de seuil invalides");
}

/* ---------------------------------------------------------------- key */

static int
cmd_key(struct targs *a)
{
	EC_POINT *c[THR_MAX + 1][THR_MAX];
	BIGNUM *s = BN_secure_new(), *f = BN_secure_new();
	BN_CTX *ctx = BN_CTX_new();
	const char *pass;
	json_t *kf = NULL;
	struct err e;
	int rc = 1;

	alloc_points(c);
	if (a->election == NULL || a->dir == NULL || a->out == NULL || a->pass_file == NULL ||
	    (pass = read_pass(a->pass_file)) == NULL || deal_params(a) != 0 || load_deals(a, c) == -1)
		goto out;
	BN_zero(s);
	for (unsigned x = 1; x <= a->n; x++) {
		json_t *sh = load(a->dir, x, a->holder);
		int ok = sh != NULL && json_integer_value(json_object_get(sh, "to")) == a->holder &&
		    group_scalar_decode(json_string_value(json_object_get(sh, "share")), f, &e) == 0 &&
		    thr_share_ok(c[x], a->k, a->holder, f);
		json_decref(sh);
		if (!ok) {
			fprintf(stderr, "isoloir-trustee : la part reçue du détenteur %u est absente ou "
			    "fausse : la cérémonie doit être recommencée\n", x);
			goto out;
		}
		BN_mod_add(s, s, f, group_order(), ctx);
	}
	if ((kf = keyfile_seal(a->election, a->holder, a->k, a->n, s, pass, &e)) == NULL) {
		fail("%s", e.msg);
		goto out;
	}
	if (write_json(a->out, kf, 1) == -1) {
		fail("écriture impossible : %s", a->out);
		goto out;
	}
	printf("clé du détenteur %u scellée dans %s ; détruisez maintenant les fichiers "
	    "share-*-for-%u.json\n", a->holder, a->out, a->holder);
	rc = 0;
out:
	json_decref(kf);
	free_points(c);
	BN_clear_free(s);
	BN_clear_free(f);
	BN_CTX_free(ctx);
	return rc;
}

/* ---------------------------------------------------------------- public */

static int
cmd_public(struct targs *a)
{
	EC_POINT *c[THR_MAX + 1][THR_MAX], *y = EC_POINT_new(group_curve()), *t = EC_POINT_new(group_curve());
	BN_CTX *ctx = BN_CTX_new();
	char h[GROUP_POINT_HEX + 1];
	json_t *vk = json_array(), *out;
	int rc = 1;

	alloc_points(c);
	if (a->election == NULL || a->dir == NULL || deal_params(a) != 0 || load_deals(a, c) == -1)
		goto out;
	EC_POINT_set_to_infinity(group_curve(), y);
	for (unsigned x = 1; x <= a->n; x++)
		EC_POINT_add(group_curve(), y, y, c[x][0], ctx);
	for (unsigned v = 1; v <= a->n; v++) {
		EC_POINT *acc = EC_POINT_new(group_curve());
		EC_POINT_set_to_infinity(group_curve(), acc);
		for (unsigned x = 1; x <= a->n; x++) {
			thr_expected(c[x], a->k, v, t);
			EC_POINT_add(group_curve(), acc, acc, t, ctx);
		}
		group_point_encode(acc, h, ctx);
		json_array_append_new(vk, json_string(h));
		EC_POINT_free(acc);
	}
	group_point_encode(y, h, ctx);
	out = json_pack("{s:i, s:s, s:i, s:i, s:s, s:O}", "version", 1, "election", a->election,
	    "threshold", (int)a->k, "holders", (int)a->n, "public_key", h, "verification_keys", vk);
	json_dumpf(out, stdout, JSON_INDENT(1) | JSON_SORT_KEYS);
	putchar('\n');
	json_decref(out);
	rc = 0;
out:
	json_decref(vk);
	free_points(c);
	EC_POINT_free(y);
	EC_POINT_free(t);
	BN_CTX_free(ctx);
	return rc;
}

/* ---------------------------------------------------------------- decrypt */

static int
decrypt_one(struct targs *a, unsigned scrutin, unsigned sub, size_t pos, const json_t *t,
    const BIGNUM *s, const EC_POINT *yx, json_t *out, BN_CTX *ctx)
{
	EC_POINT *A = EC_POINT_new(group_curve()), *d = EC_POINT_new(group_curve());
	BIGNUM *c = BN_new(), *r = BN_new();
	char ctxs[64], dh[GROUP_POINT_HEX + 1], ch[65], rh[65];
	const char *ah = json_string_value(json_object_get(t, "a"));
	struct err e;
	int rc = -1;

	if (ah != NULL && strcmp(ah, "00") == 0) {
		/* an empty urn: nothing to decrypt */
		json_array_append_new(out, json_pack("{s:s, s:n}", "d", "00", "proof"));
		rc = 0;
		goto out;
	}
	count_context(scrutin, sub, pos, ctxs, sizeof(ctxs));
	if (group_point_decode(ah, A, ctx, &e) == -1 ||
	    thr_partial(a->fp, ctxs, s, yx, A, d, c, r) == -1 || group_point_encode(d, dh, ctx) == -1)
		goto out;
	group_scalar_encode(c, ch);
	group_scalar_encode(r, rh);
	json_array_append_new(out, json_pack("{s:s, s:[s,s]}", "d", dh, "proof", ch, rh));
	rc = 0;
out:
	EC_POINT_free(A);
	EC_POINT_free(d);
	BN_free(c);
	BN_free(r);
	return rc;
}

/* The totals are those of the key's election: the same fingerprint, or,
 * with --group, the key's is that group's fingerprint of the totals'. */
static int
totals_match(const json_t *tot, const struct targs *a)
{
	const char *te = json_string_value(json_object_get(tot, "election"));
	unsigned char f[32], g[32];
	char gh[65];

	if (te == NULL)
		return 0;
	if (a->group == NULL)
		return strcmp(te, a->election) == 0;
	if (group_unhex(te, f, 32) == -1)
		return 0;
	thr_group_fingerprint(f, a->group, g);
	group_hex(g, 32, gh);
	return strcmp(gh, a->election) == 0;
}

static int
valid_group(const char *g)
{
	return g != NULL && (strcmp(g, THR_GROUP_PRESIDENT) == 0 || strcmp(g, THR_GROUP_OTHERS) == 0);
}

/* ---------------------------------------------------------------- groups */

static int
cmd_group(struct targs *a)
{
	unsigned char g[32];
	char gh[65];

	if (a->election == NULL || !valid_group(a->group))
		return fail("%s", "group : --election et --group president|autres sont requis");
	thr_group_fingerprint(a->fp, a->group, g);
	group_hex(g, 32, gh);
	printf("%s\n", gh);
	return 0;
}

/* One group's public.json, checked against the election and its name. */
static json_t *
load_group(const struct targs *a, const char *path, const char *name, EC_POINT *y, BN_CTX *ctx)
{
	json_error_t je;
	json_t *p = json_load_file(path, 0, &je);
	unsigned char g[32];
	char gh[65];
	struct err e;

	thr_group_fingerprint(a->fp, name, g);
	group_hex(g, 32, gh);
	if (p == NULL) {
		fail("%s illisible : %s", path, je.text);
		return NULL;
	}
	if (strcmp(json_string_value(json_object_get(p, "election")) ?: "", gh) != 0 ||
	    group_point_decode(json_string_value(json_object_get(p, "public_key")), y, ctx, &e) == -1) {
		fail("%s : pas la clé du groupe « %s » de cette élection (empreinte %s attendue)", path,
		    name, gh);
		json_decref(p);
		return NULL;
	}
	json_object_set_new(p, "group", json_string(name));
	json_object_del(p, "version");
	return p;
}

static int
cmd_combine(struct targs *a)
{
	EC_POINT *yp = EC_POINT_new(group_curve()), *yo = EC_POINT_new(group_curve());
	BN_CTX *ctx = BN_CTX_new();
	json_t *p = NULL, *o = NULL, *out;
	char h[GROUP_POINT_HEX + 1];
	int rc = 1;

	if (a->election == NULL || a->pres == NULL || a->others == NULL) {
		fail("%s", "combine : --election, --president et --others sont requis");
		goto out;
	}
	if ((p = load_group(a, a->pres, THR_GROUP_PRESIDENT, yp, ctx)) == NULL ||
	    (o = load_group(a, a->others, THR_GROUP_OTHERS, yo, ctx)) == NULL)
		goto out;
	/* Y = s_P·G + s_O·G */
	EC_POINT_add(group_curve(), yp, yp, yo, ctx);
	group_point_encode(yp, h, ctx);
	out = json_pack("{s:i, s:s, s:s, s:[O,O]}", "version", 1, "election", a->election,
	    "public_key", h, "groups", p, o);
	json_dumpf(out, stdout, JSON_INDENT(1) | JSON_SORT_KEYS);
	putchar('\n');
	json_decref(out);
	rc = 0;
out:
	json_decref(p);
	json_decref(o);
	EC_POINT_free(yp);
	EC_POINT_free(yo);
	BN_CTX_free(ctx);
	return rc;
}

static int
cmd_decrypt(struct targs *a)
{
	json_error_t je;
	json_t *kf = a->key ? json_load_file(a->key, 0, &je) : NULL;
	json_t *tot = a->totals ? json_load_file(a->totals, 0, &je) : NULL, *parts = json_array(), *out;
	BIGNUM *s = BN_secure_new();
	EC_POINT *yx = EC_POINT_new(group_curve());
	BN_CTX *ctx = BN_CTX_new();
	const char *pass = a->pass_file ? read_pass(a->pass_file) : NULL;
	unsigned scrutin;
	const json_t *t;
	struct err e;
	size_t i;
	int rc = 1;

	if (kf == NULL || tot == NULL || pass == NULL || a->out == NULL) {
		fail("%s", "decrypt : --key, --passphrase-file, --totals et --out sont requis");
		goto out;
	}
	a->election = json_string_value(json_object_get(kf, "election"));
	a->holder = (unsigned)json_integer_value(json_object_get(kf, "holder"));
	if (a->election == NULL || group_unhex(a->election, a->fp, 32) == -1 ||
	    !totals_match(tot, a)) {
		fail("%s", a->group != NULL ? "les totaux ne sont pas ceux de l'élection de cette clé "
		    "pour ce groupe" : "les totaux ne sont pas ceux de cette élection");
		goto out;
	}
	if (keyfile_open(kf, pass, s, &e) == -1) {
		fail("%s", e.msg);
		goto out;
	}
	group_mul2(yx, s, NULL, NULL, ctx);
	scrutin = (unsigned)json_integer_value(json_object_get(tot, "scrutin"));
	json_array_foreach(json_object_get(tot, "totals"), i, t)
		if (decrypt_one(a, scrutin, (unsigned)json_integer_value(json_object_get(tot, "sub_urn")),
		    i, t, s, yx, parts, ctx) == -1) {
			fail("%s", "totaux illisibles");
			goto out;
		}
	out = json_pack("{s:i, s:s, s:i, s:i, s:O}", "version", 1, "election", a->election,
	    "scrutin", (int)scrutin, "holder", (int)a->holder, "partials", parts);
	if (a->group != NULL)
		json_object_set_new(out, "group", json_string(a->group));
	/* which urn these are of (R-ORG-5): the board files them by it */
	if (json_integer_value(json_object_get(tot, "sub_urn")) > 0)
		json_object_set(out, "sub_urn", json_object_get(tot, "sub_urn"));
	rc = write_json(a->out, out, 0) == 0 ? 0 : fail("écriture impossible : %s", a->out);
	json_decref(out);
	if (rc == 0)
		printf("déchiffrement partiel du détenteur %u : %s\n", a->holder, a->out);
out:
	json_decref(kf);
	json_decref(tot);
	json_decref(parts);
	BN_clear_free(s);
	EC_POINT_free(yx);
	BN_CTX_free(ctx);
	return rc;
}

int
main(int argc, char **argv)
{
	struct targs a;

	if (argc < 2 || parse(argc, argv, &a) == -1 || (a.group != NULL && !valid_group(a.group))) {
		fprintf(stderr, "usage : isoloir-trustee deal|key|public|decrypt|group|combine [OPTIONS]\n"
		    "  deal    --election EMPREINTE --holder X --threshold K --holders N --dir DOSSIER\n"
		    "  key     --election EMPREINTE --holder Y --dir DOSSIER --passphrase-file F --out CLE\n"
		    "  public  --election EMPREINTE --dir DOSSIER\n"
		    "  decrypt --key CLE --passphrase-file F --totals TOTAUX --out PARTIEL [--group G]\n"
		    "  group   --election EMPREINTE --group president|autres\n"
		    "  combine --election EMPREINTE --president PUBLIC --others PUBLIC\n");
		return 2;
	}
	if (strcmp(argv[1], "deal") == 0)
		return cmd_deal(&a);
	if (strcmp(argv[1], "key") == 0)
		return cmd_key(&a);
	if (strcmp(argv[1], "public") == 0)
		return cmd_public(&a);
	if (strcmp(argv[1], "decrypt") == 0)
		return cmd_decrypt(&a);
	if (strcmp(argv[1], "group") == 0)
		return cmd_group(&a);
	if (strcmp(argv[1], "combine") == 0)
		return cmd_combine(&a);
	fprintf(stderr, "isoloir-trustee : commande inconnue « %s »\n", argv[1]);
	return 2;
}
