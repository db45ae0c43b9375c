/* pv_model.c: the boundary of the PV: the counting law's output and the
 * header document, checked field by field into struct pv_doc, so that the
 * PDF and CSV writers never meet a missing or mistyped value. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "pv.h"
#include "xmalloc.h"

/* Validation state: the first error wins, later checks are no-ops. */
struct pvx {
	struct err *e;
	int bad;
	char path[128];
};

static void
pvx_fail(struct pvx *x, const char *key, const char *what)
{
	if (!x->bad)
		err_set(x->e, "%s%s%s : %s", x->path, *x->path ? "." : "", key, what);
	x->bad = 1;
}

/* An optional string (def when absent); an error when not a string. */
static const char *
pvx_str(struct pvx *x, const json_t *o, const char *key, const char *def)
{
	const json_t *v = json_object_get(o, key);

	if (v == NULL || json_is_null(v))
		return def;
	if (!json_is_string(v)) {
		pvx_fail(x, key, "texte attendu");
		return def;
	}
	return json_string_value(v);
}

static const char *
pvx_str_req(struct pvx *x, const json_t *o, const char *key)
{
	const char *s = pvx_str(x, o, key, NULL);

	if (s == NULL && !x->bad)
		pvx_fail(x, key, "champ obligatoire absent");
	return s != NULL ? s : "";
}

static int64_t
pvx_int(struct pvx *x, const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < 0) {
		pvx_fail(x, key, "entier positif attendu");
		return 0;
	}
	return json_integer_value(v);
}

static int
pvx_bool(struct pvx *x, const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	if (!json_is_boolean(v))
		pvx_fail(x, key, "booléen attendu");
	return json_is_true(v);
}

static const json_t *
pvx_array(struct pvx *x, const json_t *o, const char *key, int required)
{
	const json_t *v = json_object_get(o, key);

	if (v == NULL && !required)
		return NULL;
	if (!json_is_array(v)) {
		pvx_fail(x, key, "tableau attendu");
		return NULL;
	}
	return v;
}

static void
pv_cand_parse(struct pvx *x, const json_t *j, struct pv_cand *c)
{
	const char *sex = pvx_str(x, j, "sex", "");

	c->name = pvx_str_req(x, j, "name");
	c->sex = strcmp(sex, "F") == 0 ? 'F' : strcmp(sex, "H") == 0 ? 'H' : '?';
	c->votes = pvx_int(x, j, "votes");
	c->strikes = pvx_int(x, j, "strikes");
	c->effective = pvx_int(x, j, "effective_votes");
	c->counted = pvx_bool(x, j, "strikes_counted");
	c->rank = (int)pvx_int(x, j, "rank");
	c->elected = pvx_bool(x, j, "elected");
}

static void
pv_list_parse(struct pvx *x, const json_t *j, const json_t *unions, struct pv_list *l)
{
	const json_t *cands = pvx_array(x, j, "candidates", 1), *u;
	const json_t *pct = json_object_get(j, "representativeness_pct");

	l->name = pvx_str_req(x, j, "name");
	u = json_object_get(unions, l->name);
	l->syndicat = pvx_str(x, u, "syndicat", "");
	l->affiliation = pvx_str(x, u, "affiliation", "");
	l->ballots = pvx_int(x, j, "ballots");
	l->average = pvx_str_req(x, j, "average");
	l->average_decimal = pvx_str_req(x, j, "average_decimal");
	l->pct = json_is_string(pct) ? json_string_value(pct) : NULL;
	l->representative = pvx_bool(x, j, "representative");
	l->seats_quotient = pvx_int(x, j, "seats_quotient");
	l->seats_remainder = pvx_int(x, j, "seats_remainder");
	l->seats_total = pvx_int(x, j, "seats_total");
	l->seats_unfilled = pvx_int(x, j, "seats_unfilled");
	l->ncand = json_array_size(cands);
	l->cand = xcalloc(l->ncand + 1, sizeof(*l->cand));
	for (size_t i = 0, n = strlen(x->path); i < l->ncand && !x->bad; i++) {
		snprintf(x->path + n, sizeof(x->path) - n, ".candidates[%zu]", i);
		pv_cand_parse(x, json_array_get(cands, i), &l->cand[i]);
		if (!x->bad)
			x->path[n] = '\0';
	}
}

/* "A, B, C" from the tied lists of a seat (R-BUR-8), cut whole names. */
static void
pv_tied_join(const json_t *arr, char *out, size_t len)
{
	const json_t *t;
	size_t i, used = 0;

	out[0] = '\0';
	json_array_foreach(arr, i, t) {
		const char *n = json_string_value(t);
		size_t need = strlen(n ?: "") + (i ? 2 : 0);
		if (n == NULL || used + need + 1 > len)
			break;
		used += (size_t)snprintf(out + used, len - used, "%s%s", i ? ", " : "", n);
	}
}

static void
pv_rounds_parse(struct pvx *x, const json_t *arr, struct pv_cat *c)
{
	c->nrounds = json_array_size(arr);
	c->rounds = xcalloc(c->nrounds + 1, sizeof(*c->rounds));
	for (size_t i = 0; i < c->nrounds && !x->bad; i++) {
		const json_t *r = json_array_get(arr, i);
		c->rounds[i].seat = pvx_int(x, r, "seat");
		c->rounds[i].winner = pvx_str(x, r, "winner", NULL);
		c->rounds[i].filled = pvx_bool(x, r, "filled");
		c->rounds[i].tie_break = pvx_str(x, r, "tie_break", NULL);
		pv_tied_join(json_object_get(r, "tied"), c->rounds[i].tied, sizeof(c->rounds[i].tied));
	}
}

static void
pv_cat_numbers(struct pvx *x, const json_t *j, struct pv_cat *c)
{
	const json_t *qt = json_object_get(j, "quorum_threshold");

	c->seats = pvx_int(x, j, "seats");
	c->inscrits = pvx_int(x, j, "inscrits");
	c->votants = pvx_int(x, j, "votants");
	c->blancs = pvx_int(x, j, "blancs");
	c->nuls = pvx_int(x, j, "nuls");
	c->sve = pvx_int(x, j, "sve");
	c->seats_filled = pvx_int(x, j, "seats_filled");
	c->vacant_seats = pvx_int(x, j, "vacant_seats");
	c->qe = pvx_str_req(x, j, "qe");
	c->qe_decimal = pvx_str_req(x, j, "qe_decimal");
	c->quorum_reached = pvx_bool(x, j, "quorum_reached");
	c->no_valid_votes = strcmp(pvx_str_req(x, j, "status"), "no_valid_votes") == 0;
	/* inscrits / 2 in French: "250" or "250,5" */
	if (json_is_integer(qt))
		snprintf(c->quorum_threshold, sizeof(c->quorum_threshold), "%lld",
		    (long long)json_integer_value(qt));
	else if (json_is_number(qt))
		snprintf(c->quorum_threshold, sizeof(c->quorum_threshold), "%lld,5",
		    (long long)json_number_value(qt));
	else
		pvx_fail(x, "quorum_threshold", "nombre attendu");
}

static void
pv_cat_parse(struct pvx *x, const json_t *j, const json_t *unions, struct pv_cat *c)
{
	const json_t *lists = pvx_array(x, j, "lists", 1);
	const json_t *w = pvx_array(x, j, "warnings", 0);
	size_t n = strlen(x->path);

	pv_cat_numbers(x, j, c);
	c->nlists = json_array_size(lists);
	c->carence = c->nlists == 0;
	c->lists = xcalloc(c->nlists + 1, sizeof(*c->lists));
	for (size_t i = 0; i < c->nlists && !x->bad; i++) {
		snprintf(x->path + n, sizeof(x->path) - n, ".lists[%zu]", i);
		pv_list_parse(x, json_array_get(lists, i), unions, &c->lists[i]);
	}
	x->path[n] = '\0';
	pv_rounds_parse(x, pvx_array(x, j, "remainder_rounds", 1), c);
	c->nwarnings = json_array_size(w);
	c->warnings = xcalloc(c->nwarnings + 1, sizeof(*c->warnings));
	for (size_t i = 0; i < c->nwarnings; i++)
		c->warnings[i] = json_is_string(json_array_get(w, i)) ?
		    json_string_value(json_array_get(w, i)) : "";
}

/* Every category of every collège, titulaires before suppléants. */
static void
pv_rules_parse(struct pvx *x, struct pv_doc *d)
{
	static const char *kinds[2] = { "titulaires", "suppleants" };
	const json_t *cols, *unions = json_object_get(d->header, "listes");
	size_t i;

	if (!json_is_true(json_object_get(d->rules, "valid"))) {
		pvx_fail(x, "valid", "le résultat du décompte n'est pas valide");
		return;
	}
	d->surplus = pvx_str(x, json_object_get(d->rules, "options"), "surplus", "pass");
	cols = pvx_array(x, d->rules, "colleges", 1);
	d->cat = xcalloc(2 * json_array_size(cols) + 1, sizeof(*d->cat));
	for (i = 0; i < json_array_size(cols) && !x->bad; i++) {
		const json_t *co = json_array_get(cols, i);
		for (int k = 0; k < 2 && !x->bad; k++) {
			const json_t *cj = json_object_get(co, kinds[k]);
			struct pv_cat *c = &d->cat[d->ncat];
			if (cj == NULL)
				continue;
			snprintf(x->path, sizeof(x->path), "colleges[%zu].%s", i, kinds[k]);
			c->college = pvx_str_req(x, co, "name");
			c->suppleants = k;
			pv_cat_parse(x, cj, unions, c);
			d->ncat++;
		}
	}
	if (d->ncat == 0)
		pvx_fail(x, "colleges", "aucun scrutin dans le résultat");
	x->path[0] = '\0';
}

static void
pv_events_parse(struct pvx *x, const json_t *arr, struct pv_event **out, size_t *n)
{
	*n = json_array_size(arr);
	*out = xcalloc(*n + 1, sizeof(**out));
	for (size_t i = 0; i < *n; i++) {
		const json_t *o = json_array_get(arr, i);
		(*out)[i].date = pvx_str(x, o, "date", "");
		(*out)[i].text = pvx_str_req(x, o, "texte");
	}
}

static void
pv_people_parse(struct pvx *x, const json_t *h, struct pv_header *p)
{
	const json_t *b = pvx_array(x, h, "bureau", 0), *s = pvx_array(x, h, "scellements", 0);

	p->nbureau = json_array_size(b);
	p->bureau = xcalloc(p->nbureau + 1, sizeof(*p->bureau));
	for (size_t i = 0; i < p->nbureau; i++) {
		p->bureau[i].nom = pvx_str_req(x, json_array_get(b, i), "nom");
		p->bureau[i].qualite = pvx_str(x, json_array_get(b, i), "qualite", "");
	}
	p->nseals = json_array_size(s);
	p->seals = xcalloc(p->nseals + 1, sizeof(*p->seals));
	for (size_t i = 0; i < p->nseals; i++) {
		p->seals[i].label = pvx_str_req(x, json_array_get(s, i), "libelle");
		p->seals[i].date = pvx_str(x, json_array_get(s, i), "date", "");
		p->seals[i].fingerprint = pvx_str_req(x, json_array_get(s, i), "empreinte");
	}
}

static void
pv_header_parse(struct pvx *x, const json_t *h, struct pv_header *p)
{
	const json_t *ent = json_object_get(h, "entreprise"), *j = json_object_get(h, "journal");
	const json_t *car = json_object_get(h, "carence"), *tour = json_object_get(h, "tour");

	strcpy(x->path, "entreprise");
	p->raison_sociale = pvx_str_req(x, ent, "raison_sociale");
	p->etablissement = pvx_str(x, ent, "etablissement", "");
	p->adresse = pvx_str(x, ent, "adresse", "");
	p->siret = pvx_str(x, ent, "siret", "");
	p->idcc = pvx_str(x, ent, "idcc", "");
	p->representant = pvx_str(x, ent, "representant", "");
	x->path[0] = '\0';
	p->institution = pvx_str(x, h, "institution", "Comité social et économique");
	p->tour = tour == NULL ? 1 : (int)json_integer_value(tour);
	if (p->tour != 1 && p->tour != 2)
		pvx_fail(x, "tour", "1 ou 2 attendu");
	p->ouverture = pvx_str(x, h, "ouverture", "");
	p->cloture = pvx_str(x, h, "cloture", "");
	p->lieu = pvx_str(x, h, "lieu", "");
	p->date_pv = pvx_str(x, h, "date_pv", "");
	p->carence_tour1 = pvx_str(x, car, "tour1", "");
	p->carence_tour2 = pvx_str(x, car, "tour2", "");
	pv_people_parse(x, h, p);
	pv_events_parse(x, pvx_array(x, h, "observations", 0), &p->obs, &p->nobs);
	pv_events_parse(x, pvx_array(x, j, "evenements", 0), &p->journal, &p->njournal);
	p->journal_total = json_is_integer(json_object_get(j, "total")) ?
	    json_integer_value(json_object_get(j, "total")) : (int64_t)p->njournal;
	p->journal_head = pvx_str(x, j, "tete", "");
}

/* SHA-256 of the compact, key-sorted dump: the same results give the same
 * fingerprint whatever the file's formatting. */
static int
pv_digest(const json_t *rules, char out[65], struct err *e)
{
	unsigned char md[32];
	unsigned int mdlen = 0;
	char *s = json_dumps(rules, JSON_COMPACT | JSON_SORT_KEYS);

	if (s == NULL || EVP_Digest(s, strlen(s), md, &mdlen, EVP_sha256(), NULL) != 1) {
		free(s);
		return err_set(e, "empreinte des résultats impossible");
	}
	free(s);
	for (unsigned i = 0; i < mdlen; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
	return 0;
}

struct pv_doc *
pv_doc_new(json_t *rules, json_t *header, struct err *e)
{
	struct pv_doc *d = xcalloc(1, sizeof(*d));
	struct pvx x = { .e = e };

	d->rules = json_incref(rules);
	d->header = json_incref(header);
	if (!json_is_object(header)) {
		err_set(e, "en-tête : objet JSON attendu");
		goto fail;
	}
	pv_header_parse(&x, header, &d->h);
	if (!x.bad)
		pv_rules_parse(&x, d);
	if (x.bad || pv_digest(rules, d->digest, e) == -1)
		goto fail;
	return d;
fail:
	pv_doc_free(d);
	return NULL;
}

struct pv_doc *
pv_doc_load(const char *rules_path, const char *header_path, struct err *e)
{
	json_error_t je;
	json_t *r = NULL, *h = NULL;
	struct pv_doc *d = NULL;

	if ((r = json_load_file(rules_path, 0, &je)) == NULL) {
		err_set(e, "%s : %s (ligne %d)", rules_path, je.text, je.line);
		goto out;
	}
	if ((h = json_load_file(header_path, 0, &je)) == NULL) {
		err_set(e, "%s : %s (ligne %d)", header_path, je.text, je.line);
		goto out;
	}
	if ((d = pv_doc_new(r, h, e)) == NULL)
		err_prefix(e, "%s", rules_path);
out:
	json_decref(r);
	json_decref(h);
	return d;
}

void
pv_doc_free(struct pv_doc *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->ncat; i++) {
		for (size_t k = 0; k < d->cat[i].nlists; k++)
			free(d->cat[i].lists[k].cand);
		free(d->cat[i].lists);
		free(d->cat[i].rounds);
		free(d->cat[i].warnings);
	}
	free(d->cat);
	free(d->h.bureau);
	free(d->h.seals);
	free(d->h.obs);
	free(d->h.journal);
	json_decref(d->rules);
	json_decref(d->header);
	free(d);
}

void
pv_format_datetime(const char *in, char *out, size_t len)
{
	int y, mo, da, h, mi;
	char tail;

	if (sscanf(in, "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &da, &h, &mi, &tail) == 5 ||
	    sscanf(in, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &da, &h, &mi, &tail) == 5)
		snprintf(out, len, "%02d/%02d/%04d à %02d h %02d", da, mo, y, h, mi);
	else if (sscanf(in, "%4d-%2d-%2d%c", &y, &mo, &da, &tail) == 3)
		snprintf(out, len, "%02d/%02d/%04d", da, mo, y);
	else
		snprintf(out, len, "%s", in);
}
