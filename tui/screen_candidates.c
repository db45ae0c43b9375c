/* screen_candidates.c: the candidates file (R-DATA-2, R-DATA-3), « c »
 * from the import screen: « n » checks a file alone (as `import candidates
 * --check`: its fields and the shape of its lists), « i » imports it
 * (lib/candidates_db.c, as `import candidates`: all or nothing) and shows
 * the control list with the gender-balance warnings. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "candidates.h"
#include "candidates_db.h"
#include "screens.h"

#define CNS_FIELD 1024

struct cns {
	struct console *c;
	char path[CNS_FIELD], files[CNS_FIELD];
	int checked; /* the file passed the check */
	char summary[CNS_FIELD + 160];
	struct screen_lines t;
};

static void
cns_draw(void *self)
{
	struct cns *m = self;

	ui_frame(" Import des candidats",
	    m->checked ? " ↑↓ parcourir  i importer dans la base  n nouveau "
	                 "fichier  q retour"
	               : " ↑↓ parcourir  n nouveau fichier  q retour");
	ui_text(UI_TOP + 1, 1, COLS - 2, m->summary, A_BOLD);
	screen_lines_draw(&m->t, UI_TOP + 3);
	refresh();
}

static const char *
cns_base(const char *path)
{
	return strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
}

/* Every error of a report, and the summary of a refused file. */
static void
cns_errors(struct cns *m, const struct import_report *rep)
{
	for (size_t i = 0; i < rep->kept; i++)
		screen_lines_add(&m->t, "%s", rep->errors[i]);
	if (rep->nerrors > rep->kept)
		screen_lines_add(
		    &m->t, "… et %lu autres erreurs", rep->nerrors - rep->kept);
	snprintf(m->summary, sizeof(m->summary),
	    "%s : fichier refusé, %lu erreur%s (rien ne sera "
	    "importé).",
	    cns_base(m->path), rep->nerrors, rep->nerrors > 1 ? "s" : "");
	ui_status(UI_ERROR, "%s", rep->kept > 0 ? rep->errors[0] : m->path);
}

/* « n »: the file alone. */
static void
cns_check(struct cns *m)
{
	struct ui_view v = {cns_draw, m};
	struct import_report rep;
	struct cand_file f;
	struct err e;

	if (!ui_prompt(
	        &v, "Fichier des candidats :", m->path, sizeof(m->path), 0))
		return;
	screen_lines_clear(&m->t);
	m->checked = 0;
	m->summary[0] = '\0';
	if (candidates_read(m->path, &f, &rep, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	if (rep.nerrors > 0) {
		cns_errors(m, &rep);
	} else {
		m->checked = 1;
		snprintf(m->summary, sizeof(m->summary),
		    "%s : fichier conforme, %lu candidat%s, %zu "
		    "scrutin%s.",
		    cns_base(m->path), f.rows, f.rows > 1 ? "s" : "", f.n,
		    f.n > 1 ? "s" : "");
		ui_status(UI_OK, "« i » pour l'importer dans la base.");
		candidates_free(&f);
	}
	import_report_free(&rep);
}

/* « i »: into the database; the control list replaces the check. */
static void
cns_import(struct cns *m)
{
	struct ui_view v = {cns_draw, m};
	struct import_db_opts o = {NULL, act_actor(), NULL, time(NULL), NULL};
	struct import_report rep = {0};
	struct buf control = BUF_INIT;
	struct cand_db_result res;
	struct err e;

	if (!m->checked ||
	    !ui_prompt(&v,
	        "Dossier des logos et professions de foi (facultatif) :",
	        m->files, sizeof(m->files), 0))
		return;
	o.files_dir = m->files[0] != '\0' ? m->files : NULL;
	ui_status(UI_INFO, "Import en cours…");
	cns_draw(m);
	if (console_db(m->c, 0, &e) == -1 ||
	    candidates_import_db(
	        m->c->db.el, m->path, &o, &rep, &res, &control, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		goto out;
	}
	screen_lines_clear(&m->t);
	m->checked = 0;
	if (rep.nerrors > 0) {
		cns_errors(m, &rep);
		goto out;
	}
	/* the control list (R-DATA-3), its warnings included */
	screen_lines_split(&m->t, control.data != NULL ? control.data : "");
	snprintf(m->summary, sizeof(m->summary),
	    "Importé : %u candidat%s sur %u liste%s dans %u "
	    "scrutin%s, import n° %u.",
	    res.candidates, res.candidates > 1 ? "s" : "", res.lists,
	    res.lists > 1 ? "s" : "", res.scrutins, res.scrutins > 1 ? "s" : "",
	    res.run);
	if (o.files_dir != NULL)
		screen_lines_add(&m->t,
		    "%u fichier%s (logos, professions de foi) enregistré%s "
		    "depuis %s",
		    res.files, res.files > 1 ? "s" : "",
		    res.files > 1 ? "s" : "", o.files_dir);
	if (res.warnings > 0)
		ui_status(UI_ERROR,
		    "%u avertissement%s de représentation équilibrée (voir "
		    "ATTENTION "
		    "dans la liste de contrôle).",
		    res.warnings, res.warnings > 1 ? "s" : "");
	else
		ui_status(UI_OK, "SHA-256 du fichier : %s", res.sha256);
out:
	buf_free(&control);
	import_report_free(&rep);
}

void
screen_candidates(struct console *c)
{
	struct cns m = {.c = c};
	int k = 'n';

	ui_status_clear();
	while (!ui_is_back(k)) {
		if (k == 'n')
			cns_check(&m);
		else if (k == 'i')
			cns_import(&m);
		cns_draw(&m);
		k = ui_key(-1);
		ui_list_key(&m.t.l, k, UI_BOTTOM - UI_TOP - 3);
	}
	screen_lines_clear(&m.t);
	ui_status_clear();
}
