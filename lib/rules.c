/* rules.c: seat allocation on exact fractions (see rules.h). Comparisons
 * of a/b and c/d are done as a·d versus c·b in 128-bit integers. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "xmalloc.h"

typedef __int128 i128;

static int64_t
gcd64(int64_t a, int64_t b)
{
	while (b != 0) {
		int64_t t = a % b;
		a = b;
		b = t;
	}
	return a < 0 ? -a : a;
}

/* -1, 0, 1 as a/b <, =, > c/d (b, d > 0). */
static int
frac_cmp(int64_t a, int64_t b, int64_t c, int64_t d)
{
	i128 l = (i128)a * d, r = (i128)c * b;

	return l < r ? -1 : l > r;
}

int
rules_indicative(int round, int quorum_reached)
{
	return round == 1 && !quorum_reached;
}

void
rules_fraction(int64_t num, int64_t den, char *out, size_t len)
{
	int64_t g = gcd64(num, den);

	if (g == 0)
		g = 1;
	snprintf(out, len, "%lld/%lld", (long long)(num / g), (long long)(den / g));
}

void
rules_decimal(int64_t num, int64_t den, int digits, char *out, size_t len)
{
	i128 scale = 1, v;

	for (int i = 0; i < digits; i++)
		scale *= 10;
	/* half-up: floor((2·num·scale + den) / (2·den)), num >= 0 */
	v = ((i128)2 * num * scale + den) / ((i128)2 * den);
	snprintf(out, len, "%lld.%0*lld", (long long)(v / scale), digits, (long long)(v % scale));
}

/* ---------------------------------------------------------------- lists */

/* Candidate votes, the 10 % rule, ranking; the average. */
static void
rules_list_prepare(struct rules_list *l)
{
	int64_t sum = 0, g;

	for (size_t j = 0; j < l->ncand; j++) {
		struct rules_candidate *c = &l->cand[j];
		c->votes = l->ballots - c->strikes;
		sum += c->votes;
		/* strikes count when they reach 10 % of the list's ballots */
		c->strikes_counted = c->strikes > 0 && 10 * c->strikes >= l->ballots;
		c->effective = c->strikes_counted ? c->votes : l->ballots;
		l->order[j] = j;
	}
	/* stable insertion sort by effective votes, descending */
	for (size_t i = 1; i < l->ncand; i++) {
		size_t k = l->order[i], j = i;
		while (j > 0 && l->cand[l->order[j - 1]].effective < l->cand[k].effective) {
			l->order[j] = l->order[j - 1];
			j--;
		}
		l->order[j] = k;
	}
	for (size_t r = 0; r < l->ncand; r++)
		l->cand[l->order[r]].rank = (int)r + 1;
	g = gcd64(sum, (int64_t)l->ncand);
	l->avg_num = g ? sum / g : 0;
	l->avg_den = g ? (int64_t)l->ncand / g : 1;
}

static int
rules_filled(const struct rules_list *l)
{
	int s = l->seats_quotient + l->seats_remainder - l->seats_unfilled;

	return s < (int)l->ncand ? s : (int)l->ncand;
}

/* Seats counted in the divisor: everything attributed, vacant included. */
static int
rules_attributed(const struct rules_list *l)
{
	return l->seats_quotient + l->seats_remainder;
}

/* ---------------------------------------------------------------- rounds */

/* Does list i beat list j for this seat? Sets *why to the deciding rule. */
static int
rules_beats(const struct rules_category *c, size_t i, size_t j, const char **why)
{
	const struct rules_list *a = &c->lists[i], *b = &c->lists[j];
	int cmp = frac_cmp(a->avg_num, (int64_t)a->avg_den * (rules_attributed(a) + 1),
	    b->avg_num, (int64_t)b->avg_den * (rules_attributed(b) + 1));
	int fa, fb;

	if (cmp != 0)
		return cmp > 0;
	if ((cmp = frac_cmp(a->avg_num, a->avg_den, b->avg_num, b->avg_den)) != 0) {
		*why = "votes";
		return cmp > 0;
	}
	/* the next candidate to be elected, in designation order: older wins */
	fa = rules_filled(a);
	fb = rules_filled(b);
	if (fa < (int)a->ncand && fb < (int)b->ncand) {
		int ba = a->cand[a->order[fa]].birth, bb = b->cand[b->order[fb]].birth;
		if (ba != bb) {
			*why = "age";
			return ba < bb;
		}
	} else if (fa < (int)a->ncand || fb < (int)b->ncand) {
		*why = "age";
		return fa < (int)a->ncand;
	}
	*why = "list_order";
	return i < j;
}

static int
rules_competes(const struct rules_list *l, enum rules_surplus surplus)
{
	if (l->avg_num == 0)
		return 0;
	return surplus == RULES_VACANT || rules_filled(l) < (int)l->ncand;
}

static void rules_warn(struct rules_category *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
rules_warn(struct rules_category *c, const char *fmt, ...)
{
	va_list ap;

	if (c->nwarnings >= sizeof(c->warnings) / sizeof(c->warnings[0]))
		return;
	va_start(ap, fmt);
	vsnprintf(c->warnings[c->nwarnings++], sizeof(c->warnings[0]), fmt, ap);
	va_end(ap);
}

/* The lists the law cannot separate from the winner of a seat decided by
 * list order; the bureau's draw for that seat, if any, replaces it. */
static void
rules_lot(struct rules_category *c, struct rules_round *r, int *best, const char **why)
{
	const char *w;

	for (size_t i = 0; i < c->nlists; i++) {
		w = NULL;
		r->tied[i] = (int)i == *best || (r->competing[i] &&
		    frac_cmp(r->val_num[i], r->val_den[i], r->val_num[*best], r->val_den[*best]) == 0 &&
		    (rules_beats(c, (size_t)*best, i, &w), w != NULL && strcmp(w, "list_order") == 0));
	}
	for (size_t k = 0; k < c->nlots; k++) {
		struct rules_lot *l = &c->lots[k];
		if (l->seat != r->seat)
			continue;
		for (size_t i = 0; i < c->nlists; i++)
			if (r->tied[i] && strcmp(c->lists[i].name, l->winner) == 0) {
				*best = (int)i;
				*why = "lot";
				l->used = 1;
				return;
			}
		l->not_tied = 1;
	}
	rules_warn(c, "égalité parfaite pour le siège %d : attribué à « %s » par l'ordre des listes "
	    "(à départager par tirage au sort)", r->seat, c->lists[*best].name);
}

/* The deepest rule that separated the winner from a list of the same
 * value (votes, then age, then list order), NULL when none had it. */
static const char *
rules_deciding(const struct rules_category *c, const struct rules_round *r, int best)
{
	static const char *const depth[] = { "votes", "age", "list_order" };
	int deepest = -1;

	for (size_t i = 0; i < c->nlists; i++) {
		const char *w = NULL;
		if ((int)i == best || !r->competing[i] ||
		    frac_cmp(r->val_num[i], r->val_den[i], r->val_num[best], r->val_den[best]) != 0)
			continue;
		rules_beats(c, (size_t)best, i, &w);
		for (int k = 0; k < 3; k++)
			if (w != NULL && strcmp(w, depth[k]) == 0 && k > deepest)
				deepest = k;
	}
	return deepest < 0 ? NULL : depth[deepest];
}

/* Hand out one seat at the plus forte moyenne. */
static void
rules_round(struct rules_category *c, enum rules_surplus surplus, struct rules_round *r)
{
	int best = -1;
	const char *why = NULL;

	r->winner = -1;
	r->filled = 0;
	r->tie_break = NULL;
	for (size_t i = 0; i < c->nlists; i++) {
		struct rules_list *l = &c->lists[i];
		r->competing[i] = rules_competes(l, surplus);
		r->val_num[i] = l->avg_num;
		r->val_den[i] = l->avg_den * (rules_attributed(l) + 1);
		if (!r->competing[i])
			continue;
		if (best < 0) {
			best = (int)i;
			continue;
		}
		const char *w = NULL;
		if (rules_beats(c, i, (size_t)best, &w))
			best = (int)i;
	}
	if (best < 0)
		return;
	why = rules_deciding(c, r, best);
	if (why != NULL && strcmp(why, "list_order") == 0)
		rules_lot(c, r, &best, &why);
	r->winner = best;
	r->tie_break = why;
	struct rules_list *w = &c->lists[best];
	r->filled = rules_filled(w) < (int)w->ncand;
	w->seats_remainder++;
	if (!r->filled)
		w->seats_unfilled++;
}

static void
rules_quotient(struct rules_category *c, enum rules_surplus surplus)
{
	for (size_t i = 0; i < c->nlists; i++) {
		struct rules_list *l = &c->lists[i];
		/* floor(average / QE) = floor(avg_num·S / (avg_den·SVE)) */
		int64_t q = (int64_t)(((i128)l->avg_num * c->seats) / ((i128)l->avg_den * c->sve));
		if (q > (int64_t)l->ncand) {
			if (surplus == RULES_VACANT)
				l->seats_unfilled = (int)(q - (int64_t)l->ncand);
			else
				q = (int64_t)l->ncand;
		}
		l->seats_quotient = (int)q;
	}
}

void
rules_allocate(struct rules_category *c, enum rules_surplus surplus)
{
	int given = 0;

	c->sve = c->votants - c->blancs - c->nuls;
	c->quorum_reached = 2 * c->sve >= c->inscrits;
	c->no_valid_votes = c->sve == 0;
	for (size_t i = 0; i < c->nlists; i++) {
		rules_list_prepare(&c->lists[i]);
		if (c->lists[i].ncand > (size_t)c->seats)
			rules_warn(c, "la liste « %s » a plus de candidats que de sièges", c->lists[i].name);
	}
	c->rounds = xcalloc((size_t)c->seats, sizeof(*c->rounds));
	if (!c->no_valid_votes) {
		rules_quotient(c, surplus);
		for (size_t i = 0; i < c->nlists; i++)
			given += rules_attributed(&c->lists[i]);
		for (int s = given + 1; s <= c->seats; s++) {
			struct rules_round *r = &c->rounds[c->nrounds++];
			r->seat = s;
			rules_round(c, surplus, r);
		}
	}
	c->seats_filled = 0;
	for (size_t i = 0; i < c->nlists; i++) {
		struct rules_list *l = &c->lists[i];
		int f = rules_filled(l);
		for (int k = 0; k < f; k++)
			l->cand[l->order[k]].elected = 1;
		c->seats_filled += f;
	}
}

void
rules_category_free(struct rules_category *c)
{
	free(c->rounds);
	c->rounds = NULL;
}
