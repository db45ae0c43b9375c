/* screen_operation.c: load an operation description file (the same check
 * as `operation create --check`, lib/opdef.c): every error listed with its
 * line, or what the file describes (scrutins, bureaux); then « c » creates
 * the operation in one transaction, « m » updates it (before the sealing),
 * both journaled with the file's SHA-256 (lib/opdef_db.c). */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_db.h"
#include "opdef_db.h"
#include "screens.h"
#include "xmalloc.h"

#define OPS_LIST (UI_TOP + 3)
#define OPS_FIELD 1024

struct ops {
	char path[OPS_FIELD];
	struct opdef *d; /* the checked description, NULL if refused */
	char **lines;    /* errors, or what the file describes */
	size_t nlines;
	char summary[OPS_FIELD + 160];
	struct ui_list l;
};

static void
ops_draw(void *self)
{
	struct ops *m = self;
	int rows = UI_BOTTOM - OPS_LIST;

	ui_frame(" Opération : fichier de description",
	    m->d != NULL ? " ↑↓ parcourir  c créer  m mettre à jour  n nouveau "
	                   "fichier  a archive  q retour"
	                 : " ↑↓ parcourir  n nouveau fichier  a archive  q retour");
	ui_text(UI_TOP + 1, 1, COLS - 2, m->summary, A_BOLD);
	ui_list_fit(&m->l, rows);
	for (int i = 0; i < rows && m->l.top + i < m->l.n; i++)
		ui_text(OPS_LIST + i, 1, COLS - 2, m->lines[m->l.top + i],
		    m->l.top + i == m->l.sel ? A_REVERSE : A_NORMAL);
	refresh();
}

static void
ops_forget(struct ops *m)
{
	for (size_t i = 0; i < m->nlines; i++)
		free(m->lines[i]);
	free(m->lines);
	m->lines = NULL;
	m->nlines = 0;
	opdef_free(m->d);
	m->d = NULL;
	m->l = (struct ui_list){0};
}

static void
ops_line(struct ops *m, char *s)
{
	m->lines = xreallocarray(m->lines, m->nlines + 1, sizeof(*m->lines));
	m->lines[m->nlines++] = s;
	m->l.n = (int)m->nlines;
}

/* What a valid file describes: one line per scrutin, then the bureaux. */
static void
ops_describe(struct ops *m)
{
	const struct opdef *d = m->d;
	char o[32], c[32];

	opdef_utc_to_paris(d->opens, o);
	opdef_utc_to_paris(d->closes, c);
	ops_line(m, xasprintf("« %s » (%s), du %s au %s (heure de Paris)",
	                d->name, d->code, o, c));
	for (size_t i = 0; i < d->nscrutins; i++) {
		const struct opdef_scrutin *s = &d->scrutins[i];
		ops_line(
		    m, xasprintf(
		           "scrutin : %s — %s — %s, tour %u, %u siège%s — %s",
		           d->etabs[s->etab].name, d->colleges[s->college].name,
		           s->cat == OPDEF_TITULAIRES ? "titulaires"
		                                      : "suppléants",
		           s->round, s->seats, s->seats > 1 ? "s" : "",
		           d->bureaux[s->bureau].name));
	}
	for (size_t i = 0; i < d->nbureaux; i++) {
		const struct opdef_bureau *b = &d->bureaux[i];
		size_t p = 0;
		while (p + 1 < b->nmembers &&
		       b->members[p].role != BUREAU_PRESIDENT)
			p++;
		ops_line(
		    m, xasprintf("bureau : %s, %zu membres, président %s %s",
		           b->name, b->nmembers, b->members[p].prenom,
		           b->members[p].nom));
	}
}

/* Ask for the file, then check it. */
static void
ops_check(struct ops *m)
{
	struct ui_view v = {ops_draw, m};
	struct opdef_report rep;
	struct err e;

	if (!ui_prompt(
	        &v, "Fichier de description :", m->path, sizeof(m->path), 0))
		return;
	ops_forget(m);
	m->d = opdef_load(m->path, &rep, &e);
	for (size_t i = 0; i < rep.nerrors; i++)
		ops_line(m, xstrdup(rep.errors[i]));
	opdef_report_free(&rep);
	if (m->d == NULL) {
		snprintf(m->summary, sizeof(m->summary),
		    "Description refusée (rien ne sera "
		    "enregistré) :");
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	snprintf(m->summary, sizeof(m->summary),
	    "Description valide : %zu scrutin%s, %zu "
	    "bureau%s.",
	    m->d->nscrutins, m->d->nscrutins > 1 ? "s" : "", m->d->nbureaux,
	    m->d->nbureaux > 1 ? "x" : "");
	ops_describe(m);
	ui_status(UI_OK, "%s", m->path);
}

/* The checked description into the database. */
static void
ops_write(struct console *c, struct ops *m, int create)
{
	struct opdef_result r;
	char sha[65];
	struct err e;

	if (m->d == NULL)
		return;
	if (console_db(c, 0, &e) == -1 ||
	    import_file_sha256(m->path, sha, &e) == -1 ||
	    (create ? opdef_create : opdef_update)(
	        c->db.el, m->d, sha, act_actor(), &r, &e) == -1) {
		ui_status(UI_ERROR, "%s ; rien n'est enregistré", e.msg);
		return;
	}
	snprintf(m->summary, sizeof(m->summary),
	    "Opération « %s » %s : %u scrutin%s nouveau%s, "
	    "%u membre%s ajouté%s, %u retiré%s.",
	    m->d->code, create ? "créée" : "mise à jour", r.scrutins_new,
	    r.scrutins_new > 1 ? "s" : "", r.scrutins_new > 1 ? "x" : "",
	    r.members_new, r.members_new > 1 ? "s" : "",
	    r.members_new > 1 ? "s" : "", r.members_removed,
	    r.members_removed > 1 ? "s" : "");
	ui_status(UI_OK, "Journalisé ; SHA-256 du fichier : %s", sha);
}

void
screen_operation(struct console *c)
{
	struct ops m = {.path = ""};
	int k = 'n';

	ui_status_clear();
	while (!ui_is_back(k)) {
		if (k == 'n')
			ops_check(&m);
		else if (k == 'c' || k == 'm')
			ops_write(c, &m, k == 'c');
		else if (k == 'a') {
			struct ui_view v = {ops_draw, &m};
			screen_archive(c, &v);
		}
		ops_draw(&m);
		k = ui_key(-1);
		ui_list_key(&m.l, k, UI_BOTTOM - OPS_LIST);
	}
	ops_forget(&m);
	ui_status_clear();
}
