/* screen_credentials.c: the electors' credentials (R-AUTH-1, R-DATA-3), « d »
 * from the dashboard: « g » generates them for every elector who has none
 * into a new directory (lib/credgen.c, as `credentials generate --out DIR
 * --site URL`), then offers the letters' PDF (as `credentials letters DIR
 * --hotline …`). The counts and the files written are shown; a password
 * never is. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "credgen.h"
#include "screens.h"

#define CRS_FIELD 1024

struct crs {
	struct console *c;
	char out[CRS_FIELD], site[CRS_FIELD], hotline[CRS_FIELD];
	struct screen_lines t;
};

static void
crs_draw(void *self)
{
	struct crs *m = self;

	ui_frame(" Identifiants des électeurs",
	    " ↑↓ parcourir  g générer  q retour");
	if (m->t.n == 0)
		ui_wrap(UI_TOP + 1, 1, COLS - 2, 4,
		    "« g » : identifiants et mots de passe de chaque "
		    "électeur qui n'en a pas, dans un nouveau dossier (0700), "
		    "puis les courriers en "
		    "PDF. Aucun mot de passe n'est affiché.",
		    A_NORMAL);
	screen_lines_draw(&m->t, UI_TOP + 1);
	refresh();
}

/* The letters of the new directory, when asked for. */
static void
crs_letters(struct crs *m, const char *dir)
{
	struct ui_view v = {crs_draw, m};
	struct act_letters l;
	struct err e;

	if (!ui_confirm(&v, "Produire les courriers en PDF maintenant ?") ||
	    !ui_prompt(&v,
	        "Assistance téléphonique (sur les courriers ; facultatif) :",
	        m->hotline, sizeof(m->hotline), 0))
		return;
	ui_status(UI_INFO, "Courriers en cours…");
	crs_draw(m);
	if (act_letters(m->c->conf, &m->c->db, dir,
	        m->hotline[0] != '\0' ? m->hotline : NULL, NULL, &l,
	        &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	screen_lines_add(&m->t, "%lu courrier%s d'identifiant :", l.nid,
	    l.nid > 1 ? "s" : "");
	screen_lines_add(&m->t, "  %s", l.pid);
	screen_lines_add(&m->t, "  SHA-256 %s", l.sid);
	if (l.npw == 0) {
		screen_lines_add(
		    &m->t, "Aucun mot de passe à envoyer par courrier.");
	} else {
		screen_lines_add(&m->t,
		    "%lu courrier%s de mot de passe (à poster un autre jour) :",
		    l.npw, l.npw > 1 ? "s" : "");
		screen_lines_add(&m->t, "  %s", l.ppw);
		screen_lines_add(&m->t, "  SHA-256 %s", l.spw);
	}
	ui_status(UI_OK, "Identifiants et courriers prêts dans %s", dir);
}

/* « g »: the same run as `credentials generate`. */
static void
crs_generate(struct crs *m)
{
	struct ui_view v = {crs_draw, m};
	unsigned char key[32];
	struct credgen_opts o = {.actor = act_actor(),
	    .login_key = key,
	    .keylen = sizeof(key),
	    .cost = &cred_cost_default};
	struct credgen_result r;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	struct err e;
	int rc;

	if (m->site[0] == '\0')
		snprintf(m->site, sizeof(m->site), "%s",
		    conf_get_def(m->c->conf, "site", "url", ""));
	if (!ui_prompt(&v,
	        "Dossier où créer le nouveau dossier des identifiants :",
	        m->out, sizeof(m->out), 0) ||
	    !ui_prompt(&v, "Adresse du site (sur les courriers) :", m->site,
	        sizeof(m->site), 0))
		return;
	if (m->out[0] == '\0' || m->site[0] == '\0') {
		ui_status(UI_ERROR,
		    "Le dossier et l'adresse du site sont obligatoires.");
		return;
	}
	screen_lines_clear(&m->t);
	o.outdir = m->out;
	o.site_url = m->site;
	o.threads = cpus > 0 ? (unsigned)cpus : 1;
	ui_status(UI_INFO, "Génération en cours…");
	crs_draw(m);
	if (act_login_key(m->c->conf, key, &e) == -1 ||
	    console_db(m->c, 0, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		goto out;
	}
	rc = credgen_run(m->c->db.el, &o, &r, &e);
	if (r.recovered > 0)
		screen_lines_add(&m->t,
		    "Génération interrompue après enregistrement : %u "
		    "dossier%s "
		    "renommé%s.",
		    r.recovered, r.recovered > 1 ? "s" : "",
		    r.recovered > 1 ? "s" : "");
	if (r.discarded > 0)
		screen_lines_add(&m->t,
		    "Génération interrompue avant enregistrement : %u "
		    "dossier%s "
		    "temporaire%s supprimé%s.",
		    r.discarded, r.discarded > 1 ? "s" : "",
		    r.discarded > 1 ? "s" : "", r.discarded > 1 ? "s" : "");
	if (rc == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		goto out;
	}
	screen_lines_add(&m->t, "%lu identifiant%s généré%s", r.generated,
	    r.generated > 1 ? "s" : "", r.generated > 1 ? "s" : "");
	screen_lines_add(&m->t,
	    "Mots de passe par email : %lu, par SMS : %lu, par courrier : %lu",
	    r.by_email, r.by_sms, r.by_post);
	screen_lines_add(&m->t, "Dossier : %s", r.dir);
	screen_lines_add(&m->t, "  courrier-identifiants.csv  SHA-256 %.16s…",
	    r.sha_letters);
	screen_lines_add(&m->t, "  canal-mots-de-passe.csv    SHA-256 %.16s…",
	    r.sha_channel);
	screen_lines_add(&m->t, "  liste-controle.csv         SHA-256 %.16s…",
	    r.sha_control);
	ui_status(UI_OK, "%lu identifiant%s généré%s dans %s", r.generated,
	    r.generated > 1 ? "s" : "", r.generated > 1 ? "s" : "", r.dir);
	if (r.generated > 0)
		crs_letters(m, r.dir);
out:
	explicit_bzero(key, sizeof(key));
}

void
screen_credentials(struct console *c)
{
	struct crs m = {.c = c};
	int k = 0;

	ui_status_clear();
	while (!ui_is_back(k)) {
		if (k == 'g')
			crs_generate(&m);
		crs_draw(&m);
		k = ui_key(-1);
		ui_list_key(&m.t.l, k, UI_BOTTOM - UI_TOP - 1);
	}
	screen_lines_clear(&m.t);
	ui_status_clear();
}
