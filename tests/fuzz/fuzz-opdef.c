/* fuzz-opdef: the operation description parser (lib/opdef.c). Invariants:
 * an accepted file describes a consistent operation (closing after
 * opening, every scrutin's establishment, collège and bureau in range,
 * seats and round in bounds, each bureau with exactly one president and
 * enough members, no duplicate scrutin); a refused one lists at least one
 * error, in line order, and says how many. */
#include "config.h"

#include "fuzz.h"
#include "opdef.h"

static void
check_model(const struct opdef *d)
{
	FUZZ_CHECK(d->closes > d->opens && d->nscrutins > 0);
	for (size_t i = 0; i < d->nscrutins; i++) {
		const struct opdef_scrutin *s = &d->scrutins[i];
		FUZZ_CHECK(s->etab < d->netabs && s->college < d->ncolleges &&
		           s->bureau < d->nbureaux);
		FUZZ_CHECK(s->seats >= 1 && s->seats <= OPDEF_SEATS_MAX);
		FUZZ_CHECK(s->round == 1 || s->round == 2);
		for (size_t j = 0; j < i; j++)
			FUZZ_CHECK(d->scrutins[j].etab != s->etab ||
			           d->scrutins[j].college != s->college ||
			           d->scrutins[j].cat != s->cat ||
			           d->scrutins[j].round != s->round);
	}
	for (size_t i = 0; i < d->nbureaux; i++) {
		const struct opdef_bureau *b = &d->bureaux[i];
		size_t pres = 0;
		for (size_t j = 0; j < b->nmembers; j++)
			pres += b->members[j].role == BUREAU_PRESIDENT;
		FUZZ_CHECK(pres == 1 && b->nmembers >= 1 + b->min_others);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_str(data, size);
	struct opdef_report rep;
	struct opdef *d;
	struct err e;

	d = opdef_parse(text, "fuzz.conf", &rep, &e);
	if (d != NULL) {
		FUZZ_CHECK(rep.nerrors == 0);
		check_model(d);
	} else {
		FUZZ_CHECK(rep.nerrors >= 1 &&
		           strstr(e.msg, "rien n'est enregistré") != NULL);
		for (size_t i = 1; i < rep.nerrors; i++)
			FUZZ_CHECK(rep.lines[i - 1] <= rep.lines[i]);
	}
	opdef_free(d);
	opdef_report_free(&rep);
	free(text);
	return 0;
}
