/* emarg_pdf.c: the émargement list as PDF (R-BUR-6), for the bureau to
 * sign and annex to the PV: one row per elector of the scrutin (name,
 * first name, matricule, when they voted, French time), the totals and the
 * signatures. Part of libisopv.a (the PV's page machinery). The list is
 * read twice from the database: once to count the pages, once to draw. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "emargement.h"
#include "pv.h"
#include "pv_draw.h"

static const struct pvd_col cols[] = {
	{ "Nom", 0.30, PVD_LEFT, PVD_COL_PLAIN },
	{ "Prénom", 0.25, PVD_LEFT, PVD_COL_PLAIN },
	{ "Matricule", 0.15, PVD_LEFT, PVD_COL_PLAIN },
	{ "Émargement électronique", 0.30, PVD_LEFT, PVD_COL_PLAIN },
};

static int
row(const struct emarg_row *r, void *ctx)
{
	struct pvd *d = ctx;
	char when[64] = "—", paris[32];
	const char *cells[4] = { r->nom, r->prenom, r->matricule, when };

	if (r->voted) {
		int y, mo, dd, h, mi;
		pv_utc_to_paris(r->at, paris, sizeof(paris));
		if (sscanf(paris, "%d-%d-%d %d:%d", &y, &mo, &dd, &h, &mi) == 5)
			snprintf(when, sizeof(when), "a voté le %02d/%02d/%04d à %02d h %02d", dd, mo, y, h, mi);
	}
	pvd_table_row(d, cells, 0, 0);
	return 0;
}

static int
draw(MYSQL *el, unsigned scrutin, struct pvd *d, struct emarg_summary *sum, struct err *e)
{
	char buf[LC_LABEL_MAX + 100];
	static const struct pvd_col sig[] = {
		{ NULL, 0.5, PVD_LEFT, PVD_COL_KEY }, { NULL, 0.5, PVD_LEFT, PVD_COL_PLAIN },
	};
	const char *pres[2] = { "Le président du bureau de vote", "" };
	const char *secr[2] = { "Le secrétaire", "" };

	pvd_new_page(d);
	pvd_para(d, "LISTE D'ÉMARGEMENT", PVD_TITLE, PVD_CENTER);
	pvd_space(d, 6);
	/* the title needs the summary: read it with a first pass that draws nothing */
	if (emargement_list(el, scrutin, NULL, NULL, sum, e) == -1)
		return -1;
	snprintf(buf, sizeof(buf), "Scrutin : %s — vote électronique par internet", sum->title);
	pvd_para(d, buf, PVD_BOLD, PVD_CENTER);
	pvd_space(d, 10);
	pvd_table_begin(d, cols, sizeof(cols) / sizeof(cols[0]));
	if (emargement_list(el, scrutin, row, d, sum, e) == -1)
		return -1;
	pvd_table_end(d);
	pvd_space(d, 10);
	snprintf(buf, sizeof(buf), "Électeurs inscrits : %lu — votants (émargements) : %lu",
	    sum->inscrits, sum->votants);
	pvd_para(d, buf, PVD_BOLD, PVD_LEFT);
	pvd_space(d, 12);
	pvd_need(d, 120);
	pvd_para(d, "Certifié conforme par les membres du bureau de vote :", PVD_NORMAL, PVD_LEFT);
	pvd_space(d, 6);
	pvd_table_begin(d, sig, 2);
	pvd_table_row(d, pres, 0, 50);
	pvd_table_row(d, secr, 0, 50);
	pvd_table_end(d);
	return 0;
}

int
emargement_pdf(MYSQL *el, unsigned scrutin, const char *pdf, struct emarg_summary *sum,
    struct err *e)
{
	struct pvd d;
	int pages;

	/* first pass: count the pages, so that each says "n / N" */
	if (pvd_open(&d, NULL, 0, e) == -1)
		return -1;
	if (draw(el, scrutin, &d, sum, e) == -1) {
		struct err ignored;
		pvd_close(&d, &ignored);
		return -1;
	}
	pages = d.page;
	if (pvd_close(&d, e) == -1 || pvd_open(&d, pdf, pages, e) == -1)
		return -1;
	/* the footer is short: the title is cut if it must be (%.200s) */
	snprintf(d.footer, sizeof(d.footer), "Liste d'émargement — %.200s", sum->title);
	pvd_set_title(&d, "Liste d'émargement", sum->title);
	if (draw(el, scrutin, &d, sum, e) == -1) {
		struct err ignored;
		pvd_close(&d, &ignored);
		remove(pdf);
		return -1;
	}
	return pvd_close(&d, e);
}
