/* castcache.c: the per-thread copy of what casts are checked against
 * (castcache.h).
 * Only scrutins open when loaded are kept. From « ouvert » no transition
 * leads back to a state where lists may change (lifecycle_transition and
 * the candidate triggers, schema/electors/003_model.sql), so the shape,
 * which the locked read does not compare, cannot change under a kept
 * entry; the key, the calendar and the setting still can (a console
 * change, an operator's or an attacker's SQL), and the locked read
 * compares those. Before the opening (the test vote, lists still
 * editable) each cast loads its entry, as before. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "castcache.h"
#include "election.h"
#include "xmalloc.h"

/* Scrutins kept per thread; past it all are dropped and kept again as
 * casts come (an operation has tens of scrutins, rarely hundreds). */
#define CASTCACHE_MAX 1024

/* What the locked read will compare (lib/cast.c). */
static void
castcache_expect(struct castcache_entry *x)
{
	struct cast_expect *w = &x->expect;

	memset(w, 0, sizeof(*w));
	w->operation = x->op.id;
	w->cal = x->op.cal;
	w->ressaisie = x->ressaisie;
	snprintf(w->public_key, sizeof(w->public_key), "%s", x->params.key_hex);
	snprintf(
	    w->fingerprint, sizeof(w->fingerprint), "%s", x->params.fp_hex);
	w->nul_slot = x->params.shape.nul;
}

/* 0, -1 the database failed, -2 no such scrutin or no key. */
static int
castcache_load(MYSQL *el, const char *opcode, unsigned scrutin,
    struct castcache_entry *x, struct err *e)
{
	memset(x, 0, sizeof(*x));
	x->scrutin = scrutin;
	if (scrutin_params_load(el, scrutin, &x->params, e) == -1)
		return -2;
	if (operation_load(el, opcode, &x->op, e) == -1 ||
	    election_setting(el, scrutin, "ressaisie_mot_de_passe",
	        &x->ressaisie, e) == -1) {
		scrutin_params_free(&x->params);
		return -1;
	}
	castcache_expect(x);
	return 0;
}

/* 1 when a decision taken on a may differ on b. */
static int
castcache_differ(
    const struct castcache_entry *a, const struct castcache_entry *b)
{
	const struct ballot_shape *s = &a->params.shape, *t = &b->params.shape;

	if (!cast_expect_same(&a->expect, &b->expect) || s->lists != t->lists)
		return 1;
	for (size_t i = 0; i < s->lists; i++)
		if (s->candidates[i] != t->candidates[i])
			return 1;
	return 0;
}

static struct castcache_entry *
castcache_find(struct castcache *c, unsigned scrutin)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->kept[i].scrutin == scrutin)
			return &c->kept[i];
	return NULL;
}

static void
castcache_drop_once(struct castcache *c)
{
	if (c->has_once)
		scrutin_params_free(&c->once.params);
	c->has_once = 0;
}

/* Kept (x's scrutin open), or held for this cast only. */
static const struct castcache_entry *
castcache_store(struct castcache *c, const struct castcache_entry *x)
{
	if (strcmp(x->params.state, "open") != 0) {
		c->once = *x;
		c->has_once = 1;
		return &c->once;
	}
	if (c->n == CASTCACHE_MAX)
		castcache_clear(c);
	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 8 : 2 * c->cap;
		c->kept = xreallocarray(c->kept, c->cap, sizeof(*c->kept));
	}
	c->kept[c->n] = *x;
	return &c->kept[c->n++];
}

int
castcache_get(struct castcache *c, MYSQL *el, const char *opcode,
    unsigned scrutin, const struct castcache_entry **out, int *fresh,
    struct err *e)
{
	struct castcache_entry x, *k;
	int rc;

	castcache_drop_once(c);
	*fresh = (k = castcache_find(c, scrutin)) == NULL;
	if (k != NULL) {
		*out = k;
		return 0;
	}
	if ((rc = castcache_load(el, opcode, scrutin, &x, e)) != 0)
		return rc;
	*out = castcache_store(c, &x);
	return 0;
}

int
castcache_reload(struct castcache *c, MYSQL *el, const char *opcode,
    unsigned scrutin, const struct castcache_entry **out, int *changed,
    struct err *e)
{
	struct castcache_entry x, *old = castcache_find(c, scrutin);
	int rc = castcache_load(el, opcode, scrutin, &x, e);

	if (old == NULL && c->has_once && c->once.scrutin == scrutin)
		old = &c->once;
	*changed = old == NULL || rc != 0 || castcache_differ(old, &x);
	if (old != NULL && old != &c->once) {
		scrutin_params_free(&old->params);
		*old = c->kept[--c->n];
	}
	castcache_drop_once(c);
	if (rc != 0)
		return rc;
	*out = castcache_store(c, &x);
	return 0;
}

void
castcache_clear(struct castcache *c)
{
	for (size_t i = 0; i < c->n; i++)
		scrutin_params_free(&c->kept[i].params);
	free(c->kept);
	c->kept = NULL;
	c->n = c->cap = 0;
	castcache_drop_once(c);
}
