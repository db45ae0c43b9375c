/* screen_scrutin.c: one scrutin: its state, its turnout, the transitions
 * the lifecycle allows from here (with the bureau's codes when the step
 * needs them, R-BUR-3/4), the seal (create, verify), its ceremonies'
 * checklists (R-BUR-10), its keys (« l »), its test vote (« t »), its
 * émargement list after the closing (« e ») and its journal. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lifecycle.h"
#include "screens.h"
#include "seal.h"

#define SCR_REFRESH_MS 2000
#define SCR_LIST (UI_TOP + 6)   /* first line of the transitions */

struct scr {
	struct console *c;
	unsigned id;
	json_t *row;                      /* console_scrutins row, or NULL */
	enum lc_state state;
	enum lc_state next[LC_NSTATES];   /* allowed transitions */
	enum lc_auth auth[LC_NSTATES];
	struct ui_list l;
};

/* The transitions lifecycle_check allows from the current state. */
static void
scr_next(struct scr *s)
{
	char label[LC_LABEL_MAX];
	struct err e;

	console_scrutin_label(s->row, label);
	s->l.n = 0;
	for (int to = 0; to < LC_NSTATES; to++)
		if (lifecycle_check(s->state, (enum lc_state)to, label, &s->auth[s->l.n], &e) == 0)
			s->next[s->l.n++] = (enum lc_state)to;
}

static void
scr_load(struct scr *s)
{
	json_t *all, *r;
	struct err e;
	size_t i;

	if ((all = console_scrutins(s->c, &e)) == NULL) {
		ui_status(UI_ERROR, "Lecture du scrutin impossible : %s", e.msg);
		return;
	}
	json_array_foreach(all, i, r) {
		if ((unsigned)json_integer_value(json_object_get(r, "id")) != s->id)
			continue;
		json_decref(s->row);
		s->row = json_incref(r);
		if (lifecycle_state_parse(json_string_value(json_object_get(r, "etat")), &s->state,
		    &e) == 0)
			scr_next(s);
	}
	json_decref(all);
}

static void
scr_draw_head(struct scr *s)
{
	char label[LC_LABEL_MAX], line[LC_LABEL_MAX + 64], state[64], *dot;
	char pct[24];

	console_scrutin_label(s->row, label);
	snprintf(line, sizeof(line), " Scrutin n° %u — %s", s->id, label);
	ui_frame(line, " ↵ étape c sceau s vérif. k cérém. l clés t test e émarg. d dépouil."
	    " j journal q");
	console_state_label(s->row, state, sizeof(state));
	snprintf(line, sizeof(line), "État : %s", state);
	ui_text(UI_TOP + 1, 2, COLS - 4, line, A_BOLD);
	snprintf(pct, sizeof(pct), "%s", json_string_value(json_object_get(s->row, "participation")));
	if ((dot = strchr(pct, '.')) != NULL)
		*dot = ',';
	snprintf(line, sizeof(line), "Inscrits : %lld   Votants : %lld   Participation : %s %%",
	    (long long)json_integer_value(json_object_get(s->row, "inscrits")),
	    (long long)json_integer_value(json_object_get(s->row, "votants")), pct);
	ui_text(UI_TOP + 2, 2, COLS - 4, line, A_NORMAL);
	ui_text(SCR_LIST - 1, 2, COLS - 4, s->l.n > 0 ? "Étapes possibles :" :
	    "Aucune étape possible depuis cet état.", A_UNDERLINE);
}

static void
scr_draw(void *self)
{
	struct scr *s = self;
	int rows = UI_BOTTOM - SCR_LIST;

	if (s->row == NULL) {
		ui_frame(" Scrutin", " q retour");
		refresh();
		return;
	}
	scr_draw_head(s);
	ui_list_fit(&s->l, rows);
	for (int i = 0; i < rows && s->l.top + i < s->l.n; i++) {
		int k = s->l.top + i;
		char step[128], line[256];
		snprintf(line, sizeof(line), "Passer à « %s »", lifecycle_state_label(s->next[k]));
		ui_pad(step, sizeof(step), line, 42);
		snprintf(line, sizeof(line), "%s %s%s", k == s->l.sel ? "▶" : " ", step,
		    s->auth[k] == LC_AUTH_NONE ? "" : "codes du bureau exigés");
		ui_text(SCR_LIST + i, 2, COLS - 4, line, k == s->l.sel ? A_REVERSE : A_NORMAL);
	}
	refresh();
}

/* What the step needs from those present: the codes of the bureau with
 * authority for it and an optional note, or a confirmation. 1 to go on,
 * 0 when cancelled, -1 on error (e). */
static int
scr_ask(struct scr *s, enum lc_state to, enum lc_auth need, struct screen_codes *sc,
    char *note, size_t cap, char *advice, char *authorisation, size_t rcap, struct err *e)
{
	struct ui_view v = { scr_draw, s };
	unsigned bureau;
	char q[256];

	if (need == LC_AUTH_NONE) {
		snprintf(q, sizeof(q), "Passer le scrutin n° %u à « %s » ?", s->id,
		    lifecycle_state_label(to));
		return ui_confirm(&v, q);
	}
	if (lifecycle_authority(s->c->db.el, s->id, to, &bureau, e) == -1)
		return -1;
	if (!screen_codes(s->c, bureau, lifecycle_state_label(to), sc))
		return 0;
	/* R-BUR-4: a suspension or an arrêt records the advice and the
	 * organiser's authorisation (lib/ refuses it without them) */
	if (lifecycle_needs_reasons(s->state, to))
		return ui_prompt(&v, "Avis préalable reçu (obligatoire) :", advice, rcap, 0) &&
		    ui_prompt(&v, "Autorisation de l'organisateur (obligatoire) :", authorisation, rcap, 0) &&
		    ui_prompt(&v, "Note (motif ; facultatif) :", note, cap, 0);
	return ui_prompt(&v, "Note (avis reçu, motif ; facultatif) :", note, cap, 0);
}

/* Ask, then apply the step through lib/ (act_transition). */
static void
scr_apply(struct scr *s, enum lc_state to, enum lc_auth need)
{
	struct screen_codes sc = { .n = 0 };
	struct act_opts o = { 0 };
	char note[512] = "", advice[512] = "", authorisation[512] = "";
	struct err e;
	int go;

	go = console_db(s->c, 1, &e) == -1 ? -1 :
	    scr_ask(s, to, need, &sc, note, sizeof(note), advice, authorisation, sizeof(advice), &e);
	if (go == 0) {
		ui_status(UI_INFO, "Annulé : l'état du scrutin n'a pas changé.");
	} else if (go == 1) {
		o.codes = need != LC_AUTH_NONE ? sc.codes : NULL;
		o.ncodes = sc.n;
		o.note = note[0] != '\0' ? note : NULL;
		o.advice = advice[0] != '\0' ? advice : NULL;
		o.authorisation = authorisation[0] != '\0' ? authorisation : NULL;
		ui_status(UI_INFO, "Vérification en cours…");
		scr_draw(s);
		go = act_transition(s->c->conf, &s->c->db, s->id, to, &o, &e);
		if (go == 0)
			ui_status(UI_OK, "Scrutin n° %u : « %s ».", s->id, lifecycle_state_label(to));
	}
	if (go == -1)
		ui_status(UI_ERROR, "%s", e.msg);
	screen_codes_wipe(&sc);
}

/* « c »: the seal is the transition to "scellé" (or after the count). */
static void
scr_seal(struct scr *s)
{
	enum lc_state to = act_seal_state(s->state);
	char label[LC_LABEL_MAX];
	enum lc_auth need;
	struct err e;

	console_scrutin_label(s->row, label);
	if (lifecycle_check(s->state, to, label, &need, &e) == -1)
		ui_status(UI_ERROR, "%s", e.msg);
	else
		scr_apply(s, to, need);
}

static void
scr_verify(struct scr *s)
{
	struct err e;

	ui_status(UI_INFO, "Vérification du scellement…");
	scr_draw(s);
	if (console_db(s->c, 1, &e) == 0 &&
	    seal_check(s->c->db.el, s->c->db.urn, s->id, act_actor(), &e) == 0)
		ui_status(UI_OK, "Scrutin n° %u : scellement conforme.", s->id);
	else
		ui_status(UI_ERROR, "%s", e.msg);
}

/* « d »: the count, under the scrutin's own title. */
static void
scr_count(struct scr *s)
{
	char label[LC_LABEL_MAX];

	console_scrutin_label(s->row, label);
	screen_count(s->c, s->id, label);
}

static int
scr_key(struct scr *s, int k)
{
	if (ui_is_enter(k) && s->l.n > 0)
		scr_apply(s, s->next[s->l.sel], s->auth[s->l.sel]);
	else if (k == 'c')
		scr_seal(s);
	else if (k == 's')
		scr_verify(s);
	else if (k == 'j')
		screen_journal(s->c, "electors", s->id);
	else if (k == 'k')
		screen_ceremony(s->c, s->id);
	else if (k == 'l')
		screen_keys(s->c, s->id);
	else if (k == 't')
		screen_testvote(s->c, s->id);
	else if (k == 'e')
		screen_emargement(s->c, s->id);
	else if (k == 'd')
		scr_count(s);
	else
		return 0;
	return 1;
}

void
screen_scrutin(struct console *c, unsigned id)
{
	struct scr s = { .c = c, .id = id };
	struct timespec t0, t;
	int k = 0;

	ui_status_clear();
	scr_load(&s);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!ui_is_back(k)) {
		scr_draw(&s);
		k = ui_key(SCR_REFRESH_MS);
		if (s.row != NULL && scr_key(&s, k))
			scr_load(&s);
		else if (s.row != NULL)
			ui_list_key(&s.l, k, UI_BOTTOM - SCR_LIST);
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (k == UI_TIMEOUT || t.tv_sec - t0.tv_sec >= SCR_REFRESH_MS / 1000) {
			scr_load(&s);
			t0 = t;
		}
	}
	ui_status_clear();
	json_decref(s.row);
}
