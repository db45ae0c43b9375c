/* pv_copy_pdf.c: the « bordereau d'envoi des procès-verbaux » (R-RES-3):
 * per proclaimed scrutin, each copy due, to whom, when and how it was
 * sent, or that it is still to send. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pv_copy.h"
#include "pv_draw.h"

struct bord {
	struct pvd *d;
	unsigned last;
	int pending;
};

static void
bord_date(const char *iso, char *out, size_t len)
{
	if (strlen(iso) == 10)
		snprintf(out, len, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	else
		snprintf(out, len, "%s", iso);
}

static const struct pvd_col bord_cols[] = {
    {"Destinataire", 0.20, PVD_LEFT, 0},
    {"Nature", 0.27, PVD_LEFT, 0},
    {"Envoyé le", 0.20, PVD_LEFT, 0},
    {"Moyen", 0.33, PVD_LEFT, 0},
};

static int
bord_row(const struct pv_copy_row *r, void *ctx)
{
	struct bord *b = ctx;
	char head[512], sent[64], due[64], proc[16];
	const char *kind =
	    strcmp(r->kind, "direction") == 0   ? "direction"
	    : strcmp(r->kind, "syndicat") == 0  ? "organisation syndicale"
	    : strcmp(r->kind, "affichage") == 0 ? "affichage"
	                                        : "administration du travail";
	const char *row[4] = {r->recipient, kind, sent, r->means};

	if (r->scrutin != b->last) {
		if (b->last != 0)
			pvd_table_end(b->d);
		bord_date(r->proclaimed, proc, sizeof(proc));
		snprintf(head, sizeof(head),
		    "Scrutin n° %u — %s — proclamé le %s", r->scrutin,
		    r->scrutin_label, proc);
		pvd_heading(b->d, head, 60);
		pvd_table_begin(b->d, bord_cols, 4);
		b->last = r->scrutin;
	}
	if (*r->sent_on != '\0')
		bord_date(r->sent_on, sent, sizeof(sent));
	else {
		b->pending++;
		bord_date(r->due, due, sizeof(due));
		snprintf(sent, sizeof(sent),
		    *r->due ? "À ENVOYER avant le %s" : "À ENVOYER", due);
	}
	pvd_table_row(b->d, row, *r->sent_on == '\0', 0);
	return 0;
}

static int
bord_draw(MYSQL *el, unsigned op, struct pvd *d, struct err *e)
{
	struct bord b = {d, 0, 0};
	char buf[256];

	pvd_new_page(d);
	pvd_para(
	    d, "BORDEREAU D'ENVOI DES PROCÈS-VERBAUX", PVD_TITLE, PVD_CENTER);
	pvd_para(d,
	    "Copies remises à la direction, aux organisations syndicales ayant "
	    "présenté une "
	    "liste, pour affichage, et à l'administration du travail (DREETS, "
	    "télé-procédure Cerfa, "
	    "dans les 15 jours de la proclamation).",
	    PVD_NORMAL, PVD_CENTER);
	pvd_space(d, 8);
	if (pv_copies_list(el, op, 0, bord_row, &b, e) == -1)
		return -1;
	if (b.last != 0)
		pvd_table_end(d);
	else
		pvd_para(d,
		    "Aucun résultat proclamé : aucun procès-verbal à envoyer.",
		    PVD_ITALIC, PVD_LEFT);
	pvd_space(d, 10);
	snprintf(buf, sizeof(buf),
	    b.pending ? "%d copie(s) restent à envoyer."
	              : "Toutes les copies ont été envoyées.",
	    b.pending);
	pvd_para(d, buf, PVD_BOLD, PVD_LEFT);
	return 0;
}

int
pv_copies_pdf(MYSQL *el, unsigned operation, const char *pdf, struct err *e)
{
	struct err ignored;
	struct pvd d;
	int pages;

	if (pvd_open(&d, NULL, 0, e) == -1)
		return -1;
	if (bord_draw(el, operation, &d, e) == -1) {
		pvd_close(&d, &ignored);
		return -1;
	}
	pages = d.page;
	if (pvd_close(&d, e) == -1 || pvd_open(&d, pdf, pages, e) == -1)
		return -1;
	snprintf(
	    d.footer, sizeof(d.footer), "Bordereau d'envoi des procès-verbaux");
	pvd_set_title(&d, "Bordereau d'envoi des procès-verbaux", "R-RES-3");
	if (bord_draw(el, operation, &d, e) == -1) {
		pvd_close(&d, &ignored);
		remove(pdf);
		return -1;
	}
	return pvd_close(&d, e);
}
