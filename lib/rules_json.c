/* rules_json.c: the boundary of the counting law: validation of the input
 * document (every problem listed, with its path) and the output document
 * of rules-schema.md. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "text.h"
#include "xmalloc.h"

struct rctx {
	json_t *errors;
	char path[256];
};

static void
rerr(struct rctx *x, const char *fmt, ...)
{
	char msg[512], full[800];
	va_list ap;

	va_start(ap, fmt);
	/* a long name cut mid-character would make json_string() fail and
	 * the error vanish: the input would then pass as valid */
	if (vsnprintf(msg, sizeof(msg), fmt, ap) >= (int)sizeof(msg))
		text_utf8_cut(msg);
	va_end(ap);
	snprintf(full, sizeof(full), "%s: %s", x->path, msg);
	json_array_append_new(x->errors, json_string(full));
}

/* A non-negative integer field; -1 (and an error) otherwise. */
static int64_t
rint_field(struct rctx *x, const json_t *o, const char *key, int64_t min, int required)
{
	const json_t *v = json_object_get(o, key);

	if (v == NULL && !required)
		return 0;
	if (!json_is_integer(v)) {
		rerr(x, "%s : entier attendu", key);
		return -1;
	}
	if (json_integer_value(v) < min || json_integer_value(v) > 100000000) {
		rerr(x, "%s : doit être ≥ %lld (et raisonnable)", key, (long long)min);
		return -1;
	}
	return json_integer_value(v);
}

/* YYYY-MM-DD, a real date; 0 when invalid. */
static int
rdate(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;
	char tail;

	if (s == NULL || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    s[4] != '-' || s[7] != '-' || y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	return y * 10000 + m * 100 + d;
}

static int
rname(struct rctx *x, const json_t *o, const char **out)
{
	const char *s = json_string_value(json_object_get(o, "name"));

	if (s == NULL || *s == '\0') {
		rerr(x, "name : chaîne non vide attendue");
		return -1;
	}
	*out = s;
	return 0;
}

static void
rcandidate(struct rctx *x, const json_t *j, struct rules_candidate *c, int64_t ballots)
{
	const char *sex = json_string_value(json_object_get(j, "sex"));

	if (!json_is_object(j)) {
		rerr(x, "objet attendu");
		return;
	}
	rname(x, j, &c->name);
	if (sex == NULL || (strcmp(sex, "F") != 0 && strcmp(sex, "H") != 0))
		rerr(x, "sex : « F » ou « H » attendu");
	else
		c->sex = sex[0];
	if ((c->birth = rdate(json_string_value(json_object_get(j, "birthdate")))) == 0)
		rerr(x, "birthdate : date AAAA-MM-JJ valide attendue");
	c->strikes = rint_field(x, j, "strikes", 0, 0);
	if (c->strikes > ballots && ballots >= 0)
		rerr(x, "strikes (%lld) dépasse les bulletins de la liste (%lld)",
		    (long long)c->strikes, (long long)ballots);
}

static void
rlist(struct rctx *x, const json_t *j, struct rules_list *l)
{
	const json_t *cands = json_object_get(j, "candidates");
	size_t base = strlen(x->path), k;
	const json_t *cj;

	if (!json_is_object(j)) {
		rerr(x, "objet attendu");
		return;
	}
	rname(x, j, &l->name);
	l->ballots = rint_field(x, j, "ballots", 0, 1);
	if (!json_is_array(cands) || json_array_size(cands) == 0 ||
	    json_array_size(cands) > RULES_MAX_CANDIDATES) {
		rerr(x, "candidates : liste non vide attendue (au plus %d)", RULES_MAX_CANDIDATES);
		return;
	}
	l->ncand = json_array_size(cands);
	json_array_foreach(cands, k, cj) {
		snprintf(x->path + base, sizeof(x->path) - base, ".candidates[%zu]", k);
		rcandidate(x, cj, &l->cand[k], l->ballots);
		for (size_t m = 0; m < k && l->cand[k].name != NULL; m++)
			if (l->cand[m].name != NULL && strcmp(l->cand[m].name, l->cand[k].name) == 0)
				rerr(x, "name : « %s » en double dans la liste", l->cand[k].name);
	}
	x->path[base] = '\0';
}

/* The bureau's draws by lot (R-BUR-8): [{"seat": n, "winner": list}],
 * one per seat, naming a list of the category. Whether the seat really is
 * tied is known only once the seats before it are handed out. */
static void
rlots(struct rctx *x, const json_t *j, struct rules_category *c)
{
	const json_t *lots = json_object_get(j, "lots"), *lj;
	size_t base = strlen(x->path), k;

	if (lots == NULL)
		return;
	if (!json_is_array(lots) || json_array_size(lots) > RULES_MAX_LOTS) {
		rerr(x, "lots : tableau attendu (au plus %d tirages)", RULES_MAX_LOTS);
		return;
	}
	c->nlots = json_array_size(lots);
	json_array_foreach(lots, k, lj) {
		struct rules_lot *l = &c->lots[k];
		size_t m;
		snprintf(x->path + base, sizeof(x->path) - base, ".lots[%zu]", k);
		l->seat = (int)rint_field(x, lj, "seat", 1, 1);
		l->winner = json_string_value(json_object_get(lj, "winner"));
		if (l->seat > c->seats && c->seats > 0)
			rerr(x, "seat : le scrutin n'a que %lld sièges", (long long)c->seats);
		for (m = 0; m < k; m++)
			if (c->lots[m].seat == l->seat && l->seat > 0)
				rerr(x, "seat : deux tirages pour le siège %d", l->seat);
		for (m = 0; l->winner != NULL && m < c->nlists; m++)
			if (c->lists[m].name != NULL && strcmp(c->lists[m].name, l->winner) == 0)
				break;
		if (l->winner == NULL || m == c->nlists)
			rerr(x, "winner : nom d'une liste du scrutin attendu");
	}
	x->path[base] = '\0';
}

/* After the allocation: every draw must have decided a tied seat. */
static void
rlots_check(struct rctx *x, const struct rules_category *c)
{
	for (size_t k = 0; k < c->nlots; k++) {
		const struct rules_lot *l = &c->lots[k];
		if (l->not_tied)
			rerr(x, "lots[%zu] : « %s » n'est pas à égalité pour le siège %d", k, l->winner,
			    l->seat);
		else if (!l->used)
			rerr(x, "lots[%zu] : le siège %d n'est pas une égalité que la loi laisse au "
			    "tirage au sort", k, l->seat);
	}
}

static void
rcategory(struct rctx *x, const json_t *j, struct rules_category *c)
{
	const json_t *lists = json_object_get(j, "lists"), *lj;
	size_t base = strlen(x->path), k;
	int64_t sum = 0;

	if (!json_is_object(j)) {
		rerr(x, "objet attendu");
		return;
	}
	c->seats = rint_field(x, j, "seats", 1, 1);
	/* rules_allocate keeps one record per seat: bound it */
	if (c->seats > RULES_MAX_SEATS) {
		rerr(x, "seats : au plus %d sièges", RULES_MAX_SEATS);
		c->seats = -1;
	}
	c->inscrits = rint_field(x, j, "inscrits", 1, 1);
	c->votants = rint_field(x, j, "votants", 0, 1);
	c->blancs = rint_field(x, j, "blancs", 0, 1);
	c->nuls = rint_field(x, j, "nuls", 0, 1);
	if (c->votants > c->inscrits && c->inscrits > 0)
		rerr(x, "votants (%lld) dépasse inscrits (%lld)", (long long)c->votants, (long long)c->inscrits);
	if (c->blancs >= 0 && c->nuls >= 0 && c->votants >= 0 && c->blancs + c->nuls > c->votants)
		rerr(x, "blancs + nuls (%lld) dépasse votants (%lld)",
		    (long long)(c->blancs + c->nuls), (long long)c->votants);
	if (!json_is_array(lists) || json_array_size(lists) > RULES_MAX_LISTS) {
		rerr(x, "lists : tableau attendu (au plus %d listes)", RULES_MAX_LISTS);
		return;
	}
	c->nlists = json_array_size(lists);
	json_array_foreach(lists, k, lj) {
		snprintf(x->path + base, sizeof(x->path) - base, ".lists[%zu]", k);
		rlist(x, lj, &c->lists[k]);
		sum += c->lists[k].ballots > 0 ? c->lists[k].ballots : 0;
		for (size_t m = 0; m < k && c->lists[k].name != NULL; m++)
			if (c->lists[m].name != NULL && strcmp(c->lists[m].name, c->lists[k].name) == 0)
				rerr(x, "name : liste « %s » en double", c->lists[k].name);
	}
	x->path[base] = '\0';
	rlots(x, j, c);
	if (c->votants >= c->blancs + c->nuls && sum != c->votants - c->blancs - c->nuls)
		rerr(x, "la somme des bulletins des listes (%lld) diffère des suffrages exprimés (%lld)",
		    (long long)sum, (long long)(c->votants - c->blancs - c->nuls));
}

/* ---------------------------------------------------------------- output */

static json_t *
rfrac(int64_t n, int64_t d)
{
	char s[64];

	rules_fraction(n, d, s, sizeof(s));
	return json_string(s);
}

static json_t *
rdec(int64_t n, int64_t d, int digits)
{
	char s[64];

	rules_decimal(n, d, digits, s, sizeof(s));
	return json_string(s);
}

static json_t *
rout_candidates(const struct rules_list *l)
{
	json_t *arr = json_array();

	for (size_t j = 0; j < l->ncand; j++) {
		const struct rules_candidate *c = &l->cand[j];
		char sex[2] = { c->sex, '\0' };

		/* sex is echoed (last, after the documented fields) for the PV */
		json_array_append_new(arr, json_pack("{s:s, s:I, s:I, s:b, s:I, s:i, s:b, s:s}",
		    "name", c->name, "votes", (json_int_t)c->votes, "strikes", (json_int_t)c->strikes,
		    "strikes_counted", c->strikes_counted, "effective_votes", (json_int_t)c->effective,
		    "rank", c->rank, "elected", c->elected, "sex", sex));
	}
	return arr;
}

static json_t *
rout_list(const struct rules_category *c, const struct rules_list *l)
{
	json_t *elected = json_array(), *o;
	/* Reported seats are filled seats: at the quotient at most the number
	 * of candidates, the rest at the remainder; vacant ones apart. */
	int total = l->seats_quotient + l->seats_remainder - l->seats_unfilled;
	int q = l->seats_quotient < (int)l->ncand ? l->seats_quotient : (int)l->ncand;

	for (int k = 0; k < total; k++)
		json_array_append_new(elected, json_string(l->cand[l->order[k]].name));
	o = json_pack("{s:s, s:I, s:i, s:o, s:o, s:i, s:i, s:i, s:i, s:o}",
	    "name", l->name, "ballots", (json_int_t)l->ballots, "candidates_count", (int)l->ncand,
	    "average", rfrac(l->avg_num, l->avg_den), "average_decimal", rdec(l->avg_num, l->avg_den, 6),
	    "seats_quotient", q, "seats_remainder", total - q, "seats_total", total,
	    "seats_unfilled", l->seats_unfilled, "elected", elected);
	json_object_set_new(o, "representativeness_pct",
	    c->sve > 0 ? rdec(l->ballots * 100, c->sve, 2) : json_null());
	json_object_set_new(o, "representative", json_boolean(c->sve > 0 && 10 * l->ballots >= c->sve));
	json_object_set_new(o, "candidates", rout_candidates(l));
	return o;
}

static json_t *
rout_rounds(const struct rules_category *c)
{
	json_t *arr = json_array();

	for (size_t k = 0; k < c->nrounds; k++) {
		const struct rules_round *r = &c->rounds[k];
		json_t *vals = json_object(), *o;
		for (size_t i = 0; i < c->nlists; i++)
			if (r->competing[i])
				json_object_set_new(vals, c->lists[i].name, rdec(r->val_num[i], r->val_den[i], 6));
		o = json_pack("{s:i, s:o, s:b, s:o, s:o}", "seat", r->seat,
		    "winner", r->winner >= 0 ? json_string(c->lists[r->winner].name) : json_null(),
		    "filled", r->filled,
		    "tie_break", r->tie_break ? json_string(r->tie_break) : json_null(), "values", vals);
		/* the lists the law left tied, for the PV to name them */
		if (r->tie_break != NULL && (strcmp(r->tie_break, "list_order") == 0 ||
		    strcmp(r->tie_break, "lot") == 0)) {
			json_t *t = json_array();
			for (size_t i = 0; i < c->nlists; i++)
				if (r->tied[i])
					json_array_append_new(t, json_string(c->lists[i].name));
			json_object_set_new(o, "tied", t);
		}
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *
rout_category(const struct rules_category *c)
{
	json_t *lists = json_array(), *warn = json_array(), *o;

	for (size_t i = 0; i < c->nlists; i++)
		json_array_append_new(lists, rout_list(c, &c->lists[i]));
	for (size_t i = 0; i < c->nwarnings; i++)
		json_array_append_new(warn, json_string(c->warnings[i]));
	o = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I}",
	    "status", c->no_valid_votes ? "no_valid_votes" : "ok", "seats", (json_int_t)c->seats,
	    "inscrits", (json_int_t)c->inscrits, "votants", (json_int_t)c->votants,
	    "blancs", (json_int_t)c->blancs, "nuls", (json_int_t)c->nuls, "sve", (json_int_t)c->sve);
	json_object_set_new(o, "qe", c->sve > 0 ? rfrac(c->sve, c->seats) : json_string("0/1"));
	json_object_set_new(o, "qe_decimal", c->sve > 0 ? rdec(c->sve, c->seats, 6) : json_string("0.000000"));
	json_object_set_new(o, "quorum_threshold", c->inscrits % 2 == 0 ?
	    json_integer(c->inscrits / 2) : json_real((double)c->inscrits / 2.0));
	json_object_set_new(o, "quorum_reached", json_boolean(c->quorum_reached));
	json_object_set_new(o, "seats_filled", json_integer(c->seats_filled));
	json_object_set_new(o, "vacant_seats", json_integer(c->seats - c->seats_filled));
	json_object_set_new(o, "lists", lists);
	json_object_set_new(o, "remainder_rounds", rout_rounds(c));
	json_object_set_new(o, "warnings", warn);
	return o;
}

/* ---------------------------------------------------------------- run */

static const char *const rules_cats[] = { "titulaires", "suppleants" };

json_t *
rules_run_json(const json_t *in)
{
	struct rctx x = { json_array(), "" };
	const json_t *colleges = json_object_get(in, "colleges"), *opt = json_object_get(in, "options"), *cj;
	enum rules_surplus surplus = RULES_PASS;
	size_t ncol = json_array_size(colleges), k;
	struct rules_category *cats = xcalloc(ncol * 2 + 1, sizeof(*cats));
	json_t *out = NULL;

	if (!json_is_object(in))
		rerr(&x, "objet JSON attendu");
	if (opt != NULL) {
		const char *s = json_string_value(json_object_get(opt, "surplus"));
		if (!json_is_object(opt) || (json_object_get(opt, "surplus") != NULL &&
		    (s == NULL || (strcmp(s, "pass") != 0 && strcmp(s, "vacant") != 0))))
			rerr(&x, "options.surplus : « pass » ou « vacant » attendu");
		else if (s != NULL && strcmp(s, "vacant") == 0)
			surplus = RULES_VACANT;
	}
	if (!json_is_array(colleges) || ncol == 0)
		rerr(&x, "colleges : tableau non vide attendu");
	json_array_foreach(colleges, k, cj) {
		const char *name = json_string_value(json_object_get(cj, "name"));
		snprintf(x.path, sizeof(x.path), "colleges[%zu]", k);
		if (name == NULL || *name == '\0')
			rerr(&x, "name : chaîne non vide attendue");
		for (size_t m = 0; m < k && name != NULL; m++) {
			const char *o = json_string_value(json_object_get(json_array_get(colleges, m), "name"));
			if (o != NULL && strcmp(o, name) == 0)
				rerr(&x, "name : collège « %s » en double", name);
		}
		if (json_object_get(cj, "titulaires") == NULL && json_object_get(cj, "suppleants") == NULL)
			rerr(&x, "titulaires ou suppleants requis");
		for (int t = 0; t < 2; t++) {
			const json_t *catj = json_object_get(cj, rules_cats[t]);
			if (catj == NULL)
				continue;
			snprintf(x.path, sizeof(x.path), "colleges[%zu].%s", k, rules_cats[t]);
			rcategory(&x, catj, &cats[2 * k + t]);
		}
	}
	if (json_array_size(x.errors) > 0) {
		out = json_pack("{s:b, s:O}", "valid", 0, "errors", x.errors);
		goto out;
	}
	json_t *cols = json_array();
	json_array_foreach(colleges, k, cj) {
		json_t *co = json_pack("{s:s}", "name", json_string_value(json_object_get(cj, "name")));
		for (int t = 0; t < 2; t++) {
			if (json_object_get(cj, rules_cats[t]) == NULL)
				continue;
			rules_allocate(&cats[2 * k + t], surplus);
			snprintf(x.path, sizeof(x.path), "colleges[%zu].%s", k, rules_cats[t]);
			rlots_check(&x, &cats[2 * k + t]);
			json_object_set_new(co, rules_cats[t], rout_category(&cats[2 * k + t]));
		}
		json_array_append_new(cols, co);
	}
	if (json_array_size(x.errors) > 0) {
		json_decref(cols);
		out = json_pack("{s:b, s:O}", "valid", 0, "errors", x.errors);
		goto out;
	}
	out = json_pack("{s:b, s:{s:s}, s:o}", "valid", 1, "options", "surplus",
	    surplus == RULES_VACANT ? "vacant" : "pass", "colleges", cols);
out:
	for (size_t i = 0; i < ncol * 2; i++)
		rules_category_free(&cats[i]);
	free(cats);
	json_decref(x.errors);
	return out;
}
