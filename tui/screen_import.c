/* screen_import.c: check an electors file before it is imported (R-DATA-1,
 * the same check as `import electors --check`): every error listed with
 * its line, column and reason, scrollable; then « i » imports the checked
 * file into the database (lib/import_db.c: all or nothing, the collèges,
 * establishments and date of the operation, a justification asked for
 * after the freeze date). */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "import_db.h"
#include "screens.h"

#define IMP_LIST (UI_TOP + 3)
#define IMP_FIELD 1024

struct imp {
	char path[IMP_FIELD], colleges[IMP_FIELD], date[16];
	struct import_report rep;
	int have_rep;
	char summary[IMP_FIELD + 128];
	struct ui_list l;
};

static void
imp_draw(void *self)
{
	struct imp *m = self;
	int rows = UI_BOTTOM - IMP_LIST;

	if (m->have_rep && m->l.n > 0)   /* the selected error in full */
		ui_status(UI_ERROR, "%s", m->rep.errors[m->l.sel < m->l.n ? m->l.sel : 0]);
	ui_frame(" Vérification d'un fichier des électeurs",
	    m->have_rep && m->rep.nerrors == 0 ?
	    " ↑↓ parcourir  i importer dans la base  n nouveau fichier  c candidats  q" :
	    " ↑↓ parcourir  n nouveau fichier  c candidats  q retour");
	ui_text(UI_TOP + 1, 1, COLS - 2, m->summary, A_BOLD);
	ui_list_fit(&m->l, rows);
	for (int i = 0; m->have_rep && i < rows && m->l.top + i < m->l.n; i++)
		ui_text(IMP_LIST + i, 1, COLS - 2, m->rep.errors[m->l.top + i],
		    m->l.top + i == m->l.sel ? A_REVERSE : A_NORMAL);
	refresh();
}

static void
imp_forget(struct imp *m)
{
	if (m->have_rep)
		import_report_free(&m->rep);
	m->have_rep = 0;
	m->l = (struct ui_list){ 0 };
}

static void
imp_summary(struct imp *m)
{
	const struct import_report *r = &m->rep;
	const char *base = strrchr(m->path, '/') != NULL ? strrchr(m->path, '/') + 1 : m->path;

	if (r->nerrors == 0)
		snprintf(m->summary, sizeof(m->summary), "%s : fichier conforme, %lu électeur%s.",
		    base, r->rows, r->rows > 1 ? "s" : "");
	else
		snprintf(m->summary, sizeof(m->summary), "%s : fichier refusé, %lu erreur%s%s (rien "
		    "ne sera importé).", base, r->nerrors, r->nerrors > 1 ? "s" : "",
		    r->nerrors > r->kept ? ", les premières ci-dessous" : "");
	ui_status(r->nerrors == 0 ? UI_OK : UI_ERROR, "%s", m->path);
}

/* Ask for the file, the collèges and the date, then check. */
static void
imp_run(struct imp *m)
{
	struct ui_view v = { imp_draw, m };
	struct act_import a = { 0 };
	struct err e;

	if (!ui_prompt(&v, "Fichier :", m->path, sizeof(m->path), 0) ||
	    !ui_prompt(&v, "Collèges (séparés par des virgules) :", m->colleges,
	    sizeof(m->colleges), 0) ||
	    !ui_prompt(&v, "Date du 1er tour (AAAA-MM-JJ) :", m->date, sizeof(m->date), 0))
		return;
	imp_forget(m);
	ui_status(UI_INFO, "Vérification en cours…");
	imp_draw(m);
	if (act_import_colleges(&a, m->colleges, &e) == -1 || act_import_date(&a, m->date, &e) == -1 ||
	    act_import_check(m->path, &a, &m->rep, &e) == -1) {
		m->summary[0] = '\0';
		ui_status(UI_ERROR, "%s", e.msg);
	} else {
		m->have_rep = 1;
		m->l.n = (int)m->rep.kept;
		imp_summary(m);
	}
	act_import_free(&a);
}

/* The checked file into the database; its report replaces the check's. */
static void
imp_database(struct console *c, struct imp *m)
{
	struct ui_view v = { imp_draw, m };
	char why[IMP_FIELD] = "";
	struct import_db_opts o = { NULL, act_actor(), NULL, time(NULL), NULL };
	struct import_db_result res;
	struct import_report rep;
	struct err e;
	int rc;

	if (!m->have_rep || m->rep.nerrors > 0)
		return;
	if (console_db(c, 0, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	ui_status(UI_INFO, "Import en cours…");
	imp_draw(m);
	rc = import_electors_db(c->db.el, m->path, &o, &rep, &res, &e);
	/* after the freeze date: an exceptional change, with its reason */
	if (rc == -1 && strncmp(e.msg, "la liste électorale est gelée", 29) == 0) {
		ui_status(UI_ERROR, "%s", e.msg);
		if (!ui_prompt(&v, "Justification :", why, sizeof(why), 0) || why[0] == '\0')
			return;
		o.justification = why;
		rc = import_electors_db(c->db.el, m->path, &o, &rep, &res, &e);
	}
	if (rc == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	imp_forget(m);
	m->rep = rep;
	m->have_rep = 1;
	m->l.n = (int)rep.kept;
	if (rep.nerrors > 0) {
		imp_summary(m);
		return;
	}
	snprintf(m->summary, sizeof(m->summary), "Importé : %lu électeur%s (%lu ajouté%s, %lu "
	    "modifié%s, %lu retiré%s), import n° %u.", res.rows, res.rows > 1 ? "s" : "",
	    res.inserted, res.inserted > 1 ? "s" : "", res.updated, res.updated > 1 ? "s" : "",
	    res.removed, res.removed > 1 ? "s" : "", res.run);
	ui_status(UI_OK, "SHA-256 du fichier : %s", res.sha256);
}

void
screen_import(struct console *c)
{
	struct imp m = { .path = "" };
	int k = 'n';

	ui_status_clear();
	while (!ui_is_back(k)) {
		if (k == 'n')
			imp_run(&m);
		else if (k == 'i')
			imp_database(c, &m);
		else if (k == 'c')
			screen_candidates(c);
		imp_draw(&m);
		k = ui_key(-1);
		ui_list_key(&m.l, k, UI_BOTTOM - IMP_LIST);
	}
	imp_forget(&m);
	ui_status_clear();
}
