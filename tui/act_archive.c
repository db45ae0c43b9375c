/* act_archive.c: where an operation stands in its retention (recourse
 * period, disputes, each destruction step), as French lines for `archive
 * status` and the console's archive screen (R-BUR-9, R-OPS-5). */
#include "config.h"

#include <stdio.h>

#include "act.h"

void
act_archive_lines(const struct destroy_status *st, act_line_fn line, void *ctx)
{
	char b[1024];

	snprintf(b, sizeof(b), "Opération « %s » (%s)", st->name, st->code);
	line(b, ctx);
	if (*st->last_proclaimed == '\0')
		snprintf(b, sizeof(b),
		    "Aucun résultat proclamé : le délai de recours ne court "
		    "pas.");
	else
		snprintf(b, sizeof(b),
		    "Dernière proclamation : %s UTC ; délai de recours : %d "
		    "jours ; "
		    "fin : %s UTC (%s)",
		    st->last_proclaimed, st->recourse_days, st->deadline,
		    st->past_deadline ? "échu"
		                      : "en cours : recomptage possible");
	line(b, ctx);
	if (st->unproclaimed > 0) {
		snprintf(b, sizeof(b),
		    "Scrutins avec listes non proclamés : %lld",
		    st->unproclaimed);
		line(b, ctx);
	}
	snprintf(b, sizeof(b), "Contentieux : %lld consigné(s), %lld en cours",
	    st->disputes, st->disputes_open);
	line(b, ctx);
	for (int i = 0; i < DESTROY_STEPS; i++) {
		const struct destroy_step *s = &st->steps[i];
		if (s->done)
			snprintf(b, sizeof(b),
			    "Étape %d, %s : détruite le %s UTC (%lld lignes, "
			    "empreinte %s)",
			    i + 1, s->what, s->destroyed_at, s->rows, s->sha);
		else if (s->recorded)
			snprintf(b, sizeof(b),
			    "Étape %d, %s : DESTRUCTION INTERROMPUE (empreinte "
			    "prise "
			    "le %s UTC) : relancer isoloir-console destroy",
			    i + 1, s->what, s->fingerprinted_at);
		else if (st->steps[0].recorded)
			snprintf(b, sizeof(b),
			    "Étape %d, %s : DESTRUCTION INTERROMPUE avant "
			    "cette "
			    "étape : relancer isoloir-console destroy",
			    i + 1, s->what);
		else
			snprintf(b, sizeof(b), "Étape %d, %s : conservée",
			    i + 1, s->what);
		line(b, ctx);
	}
}
