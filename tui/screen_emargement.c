/* screen_emargement.c: the émargement list of a scrutin (R-BUR-6), « e »
 * from its screen: after the closing only, written as CSV (0600) and as
 * a PDF to sign, journaled with their digests (as `emargement export N
 * --out F --pdf P`, tui/act_emargement.c). Before the closing the screen
 * says why nothing can be exported. The console's own account cannot read
 * the émargement: the bureau runs the console with its configuration. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "pv.h"
#include "screens.h"

#define EM_FIELD 1024

struct em {
	struct console *c;
	unsigned id;
	char csv[EM_FIELD], pdf[EM_FIELD];
	char why[ERR_MSG_MAX + 32]; /* refusal before the closing, or "" */
	struct screen_lines t;
};

static void
em_draw(void *self)
{
	struct em *m = self;
	char title[64];

	snprintf(title, sizeof(title), " Liste d'émargement du scrutin n° %u",
	    m->id);
	ui_frame(
	    title, m->why[0] != '\0'
	               ? " q retour"
	               : " x exporter (CSV et PDF)  ↑↓ parcourir  q retour");
	if (m->why[0] != '\0')
		ui_wrap(UI_TOP + 1, 1, COLS - 2, 4, m->why, A_BOLD);
	else if (m->t.n == 0)
		ui_wrap(UI_TOP + 1, 1, COLS - 2, 4,
		    "« x » : la liste d'émargement (électeurs, a voté, date et "
		    "heure) en CSV "
		    "et en PDF à signer, lisibles par vous seul ; l'export est "
		    "journalisé avec "
		    "les empreintes des fichiers.",
		    A_NORMAL);
	screen_lines_draw(&m->t, UI_TOP + 1);
	refresh();
}

static void
em_export(struct em *m)
{
	struct ui_view v = {em_draw, m};
	struct act_emarg x;
	struct err e;

	if (!ui_prompt(
	        &v, "Fichier CSV à créer :", m->csv, sizeof(m->csv), 0) ||
	    m->csv[0] == '\0' ||
	    !ui_prompt(&v, "Fichier PDF à créer (vide : aucun) :", m->pdf,
	        sizeof(m->pdf), 0))
		return;
	ui_status(UI_INFO, "Export de la liste d'émargement…");
	em_draw(m);
	if (console_db(m->c, 0, &e) == -1 ||
	    act_emargement_export(m->c->db.el, m->id, m->csv,
	        m->pdf[0] != '\0' ? m->pdf : NULL, &x, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	screen_lines_clear(&m->t);
	screen_lines_add(&m->t, "Scrutin « %s » : %lu inscrits, %lu votants",
	    x.sum.title, x.sum.inscrits, x.sum.votants);
	screen_lines_add(&m->t, "  %s", m->csv);
	screen_lines_add(&m->t, "    SHA-256 %s", x.sha_csv);
	if (m->pdf[0] != '\0') {
		screen_lines_add(&m->t, "  %s", m->pdf);
		screen_lines_add(&m->t, "    SHA-256 %s", x.sha_pdf);
	}
	ui_status(UI_OK, "Liste d'émargement exportée et journalisée.");
}

void
screen_emargement(struct console *c, unsigned scrutin)
{
	struct em m = {.c = c, .id = scrutin};
	struct err e;
	int k = 0;

	ui_status_clear();
	if (console_db(c, 0, &e) == -1 ||
	    emargement_check_closed(c->db.el, scrutin, &e) == -1) {
		snprintf(
		    m.why, sizeof(m.why), "Export impossible : %s.", e.msg);
		ui_status(UI_ERROR, "%s", m.why);
	}
	while (!ui_is_back(k)) {
		if (k == 'x' && m.why[0] == '\0')
			em_export(&m);
		em_draw(&m);
		k = ui_key(-1);
		ui_list_key(&m.t.l, k, UI_BOTTOM - UI_TOP - 1);
	}
	/* the font caches of the PDF, so that leak checkers see none */
	pv_release();
	screen_lines_clear(&m.t);
	ui_status_clear();
}
