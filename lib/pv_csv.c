/* pv_csv.c: the PV's numbers as CSV for the labour administration and the
 * unions (R-RES-3): UTF-8 without BOM, ';' separator, RFC 4180 quotes,
 * decimal point; one row per candidate, so each row stands alone. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "pv.h"

static const char *pv_csv_head =
    "college;categorie;tour;sieges;inscrits;votants;blancs;nuls;sve;quotient;quotient_decimal;"
    "quorum_atteint;sieges_pourvus;sieges_vacants;liste;syndicat;affiliation;bulletins;moyenne;"
    "moyenne_decimal;sieges_quotient;sieges_plus_forte_moyenne;sieges_total;pct_sve;"
    "representative;candidat;sexe;voix;ratures;ratures_comptees;rang;elu\n";


static void
pv_csv_int(FILE *f, int64_t v)
{
	fprintf(f, "%lld;", (long long)v);
}

static void
pv_csv_cat(FILE *f, const struct pv_doc *d, const struct pv_cat *c)
{
	csv_write_field(f, c->college, 0);
	csv_write_field(f, c->suppleants ? "suppleants" : "titulaires", 0);
	pv_csv_int(f, d->h.tour);
	pv_csv_int(f, c->seats);
	pv_csv_int(f, c->inscrits);
	pv_csv_int(f, c->votants);
	pv_csv_int(f, c->blancs);
	pv_csv_int(f, c->nuls);
	pv_csv_int(f, c->sve);
	csv_write_field(f, c->qe, 0);
	csv_write_field(f, c->qe_decimal, 0);
	csv_write_field(f, c->quorum_reached ? "oui" : "non", 0);
	pv_csv_int(f, c->seats_filled);
	pv_csv_int(f, c->vacant_seats);
}

static void
pv_csv_list(FILE *f, const struct pv_list *l)
{
	csv_write_field(f, l->name, 0);
	csv_write_field(f, l->syndicat, 0);
	csv_write_field(f, l->affiliation, 0);
	pv_csv_int(f, l->ballots);
	csv_write_field(f, l->average, 0);
	csv_write_field(f, l->average_decimal, 0);
	pv_csv_int(f, l->seats_quotient);
	pv_csv_int(f, l->seats_remainder);
	pv_csv_int(f, l->seats_total);
	csv_write_field(f, l->pct != NULL ? l->pct : "", 0);
	csv_write_field(f, l->representative ? "oui" : "non", 0);
}

static void
pv_csv_cand(FILE *f, const struct pv_cand *c)
{
	char sex[2] = { c->sex, '\0' };

	csv_write_field(f, c->name, 0);
	csv_write_field(f, sex, 0);
	pv_csv_int(f, c->votes);
	pv_csv_int(f, c->strikes);
	csv_write_field(f, c->counted ? "oui" : "non", 0);
	pv_csv_int(f, c->rank);
	csv_write_field(f, c->elected ? "oui" : "non", 1);
}

int
pv_csv_write(const struct pv_doc *d, const char *path, struct err *e)
{
	FILE *f = fopen(path, "w");
	int rc;

	if (f == NULL)
		return err_set(e, "%s : impossible d'écrire", path);
	fputs(pv_csv_head, f);
	for (size_t i = 0; i < d->ncat; i++) {
		const struct pv_cat *c = &d->cat[i];
		if (c->carence) {
			/* the list and candidate columns stay empty: 18 fields */
			pv_csv_cat(f, d, c);
			fputs("CARENCE;;;;;;;;;;;;;;;;;\n", f);
		}
		for (size_t k = 0; k < c->nlists; k++)
			for (size_t j = 0; j < c->lists[k].ncand; j++) {
				pv_csv_cat(f, d, c);
				pv_csv_list(f, &c->lists[k]);
				pv_csv_cand(f, &c->lists[k].cand[j]);
			}
	}
	rc = ferror(f) ? -1 : 0;
	if (fclose(f) != 0 || rc == -1)
		return err_set(e, "%s : erreur d'écriture", path);
	return 0;
}
