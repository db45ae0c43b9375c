/* screen_ceremony.c: the checklist of a scrutin's ceremony (R-BUR-10,
 * lib/ceremony*.c): the latest one, its steps ticked with their results,
 * the next one highlighted. « n » starts a ceremony (kind, those
 * present), Entrée does the next step (a check by the system, a statement
 * confirmed by someone present, an action with the bureau's codes), « p »
 * writes the record PDF. The same lib/ calls as `isoloir-console ceremony`. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ceremony.h"
#include "pv.h"
#include "screens.h"

#define CRM_LIST (UI_TOP + 5)

struct crm {
	struct console *c;
	unsigned scrutin, id;
	json_t *st; /* ceremony_status, or NULL when none */
};

static void
crm_load(struct crm *m)
{
	struct err e;
	unsigned id, best = 0;

	if (console_db(m->c, 0, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	for (int k = 0; k < CER_NKINDS; k++)
		if (ceremony_find(m->c->db.el, m->scrutin, (enum cer_kind)k,
		        &id, &e) == 0 &&
		    id > best)
			best = id;
	m->id = best;
	json_decref(m->st);
	m->st = NULL;
	if (best != 0 &&
	    (m->st = ceremony_status(m->c->db.el, best, &e)) == NULL) {
		ui_status(UI_ERROR, "%s", e.msg);
		console_db_lost(m->c);
	}
}

static const char *
crm_str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

static void
crm_draw(void *self)
{
	struct crm *m = self;
	char line[LC_LABEL_MAX + 256];
	const json_t *s, *p;
	size_t i, len = 0;
	int y = CRM_LIST;

	snprintf(
	    line, sizeof(line), " Cérémonies du scrutin n° %u", m->scrutin);
	ui_frame(line, " Entrée étape suivante  n nouvelle cérémonie  p "
	               "procès-verbal PDF  q retour");
	if (m->st == NULL) {
		ui_text(UI_TOP + 1, 2, COLS - 4,
		    "Aucune cérémonie : « n » pour commencer la réunion de "
		    "scellement.",
		    A_NORMAL);
		refresh();
		return;
	}
	snprintf(line, sizeof(line), "%s (cérémonie n° %u)",
	    crm_str(m->st, "titre"), m->id);
	ui_text(UI_TOP + 1, 2, COLS - 4, line, A_BOLD);
	snprintf(line, sizeof(line), "Scrutin : %s — %s",
	    crm_str(m->st, "libelle"), crm_str(m->st, "etat"));
	ui_text(UI_TOP + 2, 2, COLS - 4, line, A_NORMAL);
	len = (size_t)snprintf(line, sizeof(line), "Présents :");
	json_array_foreach(json_object_get(m->st, "presents"), i,
	    p) if (len < sizeof(line)) len +=
	    (size_t)snprintf(line + len, sizeof(line) - len, "%s %s (%s)",
	        i ? "," : "", crm_str(p, "nom"), crm_str(p, "role"));
	ui_text(UI_TOP + 3, 2, COLS - 4, line, A_NORMAL);
	json_array_foreach(json_object_get(m->st, "etapes"), i, s)
	{
		int made = json_is_true(json_object_get(s, "faite"));
		int next =
		    strcmp(crm_str(m->st, "prochaine"), crm_str(s, "cle")) == 0;
		if (y >= UI_BOTTOM)
			break;
		snprintf(line, sizeof(line), "%s [%s] %zu. %s",
		    next ? "▶" : " ", made ? "x" : " ", i + 1,
		    crm_str(s, "libelle"));
		ui_text(y++, 2, COLS - 4, line,
		    next   ? A_REVERSE
		    : made ? A_NORMAL
		           : A_DIM);
		if (made && y < UI_BOTTOM)
			y += ui_wrap(y, 10, COLS - 12, 2,
			    crm_str(s, "resultat"), A_NORMAL);
	}
	if (json_string_value(json_object_get(m->st, "prochaine")) == NULL &&
	    y < UI_BOTTOM)
		ui_text(y, 2, COLS - 4, "Cérémonie terminée.", A_BOLD);
	refresh();
}

/* « n »: the kind, then those present as "Prénom Nom:rôle; …". */
static void
crm_start(struct crm *m)
{
	struct ui_view v = {crm_draw, m};
	char kind[64] = "scellement", who[2048] = "", *save = NULL, *t;
	struct cer_present p[CER_MAX_PRESENT];
	size_t np = 0;
	enum cer_kind k;
	unsigned id;
	struct err e;

	if (!ui_prompt(&v,
	        "Cérémonie (scellement, ouverture, cloture, depouillement) :",
	        kind, sizeof(kind), 0))
		return;
	if (ceremony_kind_parse(kind, &k, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	if (!ui_prompt(
	        &v, "Présents (Prénom Nom:rôle; …) :", who, sizeof(who), 0))
		return;
	for (t = strtok_r(who, ";", &save); t != NULL && np < CER_MAX_PRESENT;
	     t = strtok_r(NULL, ";", &save)) {
		char *colon = strrchr(t, ':');
		while (*t == ' ')
			t++;
		if (colon == NULL) {
			ui_status(UI_ERROR,
			    "« %s » : indiquez le rôle après « : ».", t);
			return;
		}
		*colon = '\0';
		p[np].nom = t;
		p[np++].role = colon + 1;
	}
	if (console_db(m->c, 0, &e) == -1 ||
	    ceremony_start(
	        m->c->db.el, m->scrutin, k, p, np, act_actor(), &id, &e) == -1)
		ui_status(UI_ERROR, "%s", e.msg);
	else
		ui_status(UI_OK, "Cérémonie n° %u commencée : %s.", id,
		    ceremony_kind_label(k));
}

/* The next step's nature decides what is asked: nothing, who confirms,
 * or the bureau's codes. */
static void
crm_step(struct crm *m)
{
	struct ui_view v = {crm_draw, m};
	const char *key =
	    json_string_value(json_object_get(m->st, "prochaine"));
	struct screen_codes sc = {.n = 0};
	struct act_step s = {.ceremony = m->id};
	char who[512] = "", result[CER_RESULT_MAX], advice[1024] = "",
	     authz[1024] = "";
	const json_t *def = NULL, *x;
	unsigned bureau = 0;
	struct err e;
	size_t i;
	int go = 1;

	if (key == NULL) {
		ui_status(UI_INFO, "La cérémonie est terminée : « p » pour son "
		                   "procès-verbal.");
		return;
	}
	json_array_foreach(json_object_get(m->st, "etapes"), i,
	    x) if (strcmp(crm_str(x, "cle"), key) == 0) def = x;
	s.key = key;
	if (console_db(m->c, 1, &e) == -1 ||
	    ceremony_step_authority(
	        m->c->db.el, m->id, key, &bureau, NULL, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	if (strstr(crm_str(def, "nature"), "constat") != NULL) {
		go = ui_prompt(&v, "Constaté par (Prénom Nom, présent) :", who,
		    sizeof(who), 0);
		s.confirmed_by = who;
	} else if (bureau != 0) {
		go = screen_codes(m->c, bureau, crm_str(def, "libelle"), &sc);
		s.codes = sc.codes;
		s.ncodes = sc.n;
		/* an early stop records why and who allowed it (R-BUR-4) */
		if (go && strcmp(crm_str(m->st, "etat"), "suspendu") == 0)
			go = ui_prompt(&v, "Avis préalable reçu :", advice,
			         sizeof(advice), 0) &&
			     ui_prompt(&v,
			         "Autorisation de l'organisateur :", authz,
			         sizeof(authz), 0);
		s.advice = advice[0] != '\0' ? advice : NULL;
		s.authorisation = authz[0] != '\0' ? authz : NULL;
	}
	if (!go) {
		ui_status(UI_INFO, "Annulé : l'étape n'est pas faite.");
	} else {
		ui_status(UI_INFO, "Étape en cours…");
		crm_draw(m);
		if (act_ceremony_step(m->c->conf, &m->c->db, &s, result, &e) ==
		    -1)
			ui_status(UI_ERROR, "%s", e.msg);
		else
			ui_status(UI_OK, "Étape faite : %s", result);
	}
	screen_codes_wipe(&sc);
}

static void
crm_record(struct crm *m)
{
	struct ui_view v = {crm_draw, m};
	char path[1024], title[256], sha[65];
	struct err e;

	snprintf(path, sizeof(path), "ceremonie-%u.pdf", m->id);
	if (!ui_prompt(&v, "Fichier PDF :", path, sizeof(path), 0))
		return;
	if (console_db(m->c, 1, &e) == -1 ||
	    ceremony_pdf(m->c->db.el, m->c->db.urn, &m->id, 1, path,
	        act_actor(), title, sizeof(title), sha, &e) == -1)
		ui_status(UI_ERROR, "%s", e.msg);
	else
		ui_status(UI_OK, "%s : %s", title, path);
	/* fontconfig's and pango's caches, kept otherwise until exit */
	pv_release();
}

void
screen_ceremony(struct console *c, unsigned scrutin)
{
	struct crm m = {.c = c, .scrutin = scrutin};
	int k = 0;

	ui_status_clear();
	crm_load(&m);
	while (!ui_is_back(k)) {
		crm_draw(&m);
		k = ui_key(-1);
		if (k == 'n')
			crm_start(&m);
		else if (ui_is_enter(k) && m.st != NULL)
			crm_step(&m);
		else if (k == 'p' && m.st != NULL)
			crm_record(&m);
		else
			continue;
		crm_load(&m);
	}
	ui_status_clear();
	json_decref(m.st);
}
