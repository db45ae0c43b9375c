/* screen_count.c: the count of a scrutin (R-BUR-8, R-RES-1/3, R-OPS-3),
 * « d » from its screen, in the order of the counting meeting: the urn's
 * encrypted totals written for the key holders (after the closing only),
 * their partial decryptions read back from the same directory (every
 * proof checked; what is set aside is said with its reason), the seats by
 * the counting law shown to the bureau (ties the law leaves open named,
 * decided by the bureau's draw by lot), the proclamation with the
 * bureau's codes, then the PV. The same lib/ calls as `tally`,
 * `isoloir-verify count`, `results proclaim` and `pv` (tui/act_count.c);
 * the files it writes are those the subcommands read. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "count.h"
#include "election.h"
#include "proclaim.h"
#include "rules.h"
#include "screens.h"
#include "threshold.h"

#define CNT_URNS 3

struct cnt {
	struct console *c;
	unsigned id;
	const char *label;
	enum lc_state state;
	char dir[ACT_PATH_MAX];
	char psha[PROCLAIM_SHA_HEX], pv[ACT_PATH_MAX + 32];
	char pvf[ACT_PATH_MAX + 48]; /* the fonctionnaires' PV (R-ORG-5) */
	/* [0] the whole urn; [1] salariés, [2] fonctionnaires when the
	 * scrutin counts them apart (R-ORG-5) */
	json_t *totals[CNT_URNS], *counts[CNT_URNS], *result[CNT_URNS];
	char tsha[CNT_URNS][65];
	json_t *lots, *set_aside;
	char sumnote[512]; /* what the partial sums' update had to say */
	size_t files;
	int proclaimed, subs, round;
	int res_line; /* where the results begin in t, or -1 */
	struct screen_lines t;
};

static void
cnt_draw(void *self)
{
	struct cnt *s = self;
	char title[LC_LABEL_MAX + 48];

	snprintf(title, sizeof(title), " Dépouillement — scrutin n° %u : %s",
	    s->id, s->label);
	ui_frame(title, " t totaux  r déchiffr.  d dépouillé  l tirage  p "
	                "proclamer  v PV  q retour");
	screen_lines_draw(&s->t, UI_TOP + 1);
	refresh();
}

/* "50,00" from the law's "50.00": two decimals, French comma. */
static void
cnt_decimal(const char *d, char *out, size_t cap)
{
	const char *dot = d != NULL ? strchr(d, '.') : NULL;

	if (dot == NULL)
		snprintf(out, cap, "%s", d != NULL ? d : "");
	else
		snprintf(out, cap, "%.*s,%.2s", (int)(dot - d), d, dot + 1);
}

static void
cnt_category(struct cnt *s, const char *name, const json_t *cat)
{
	const json_t *l, *n;
	char avg[32], names[512], ties[1024];
	size_t i, j, used;

	screen_lines_add(&s->t, "   %s : %lld siège(s), quotient %s", name,
	    (long long)json_integer_value(json_object_get(cat, "seats")),
	    json_string_value(json_object_get(cat, "qe")) ?: "");
	screen_lines_add(&s->t,
	    "   Inscrits %lld · votants %lld · blancs %lld · nuls %lld · "
	    "SVE %lld · quorum %s",
	    (long long)json_integer_value(json_object_get(cat, "inscrits")),
	    (long long)json_integer_value(json_object_get(cat, "votants")),
	    (long long)json_integer_value(json_object_get(cat, "blancs")),
	    (long long)json_integer_value(json_object_get(cat, "nuls")),
	    (long long)json_integer_value(json_object_get(cat, "sve")),
	    json_is_true(json_object_get(cat, "quorum_reached"))
	        ? "atteint"
	        : "non atteint");
	/* rules.md: below the quorum at round 1 nobody is elected by it */
	if (rules_indicative(
	        s->round, json_is_true(json_object_get(cat, "quorum_reached"))))
		screen_lines_add(&s->t,
		    "   Quorum non atteint au 1er tour : sièges et "
		    "élus indicatifs, un second tour les pourvoit.");
	/* before the table, so that it is seen: the seats shown for it are the
	 * engine's provisional choice (list order) */
	if (proclaim_undecided_ties(s->result[0], ties, sizeof(ties)) &&
	    !s->proclaimed) {
		screen_lines_add(
		    &s->t, "   Égalité que la loi ne tranche pas : %s", ties);
		screen_lines_add(&s->t,
		    "   → tirage au sort du bureau (« l ») ; sièges ci-dessous "
		    "provisoires.");
	}
	screen_lines_add(&s->t, "   %-36s %8s %10s %7s", "Liste", "Voix",
	    "% des SVE", "Sièges");
	json_array_foreach(json_object_get(cat, "lists"), i, l)
	{
		char nm[160];
		cnt_decimal(json_string_value(
		                json_object_get(l, "representativeness_pct")),
		    avg, sizeof(avg));
		ui_pad(nm, sizeof(nm),
		    json_string_value(json_object_get(l, "name")) ?: "", 36);
		screen_lines_add(&s->t, "   %s %8lld %10s %7lld", nm,
		    (long long)json_integer_value(
		        json_object_get(l, "ballots")),
		    avg,
		    (long long)json_integer_value(
		        json_object_get(l, "seats_total")));
		used = 0;
		names[0] = '\0';
		json_array_foreach(json_object_get(l, "elected"), j, n) used +=
		    (size_t)snprintf(names + used,
		        used < sizeof(names) ? sizeof(names) - used : 0, "%s%s",
		        j ? ", " : "", json_string_value(n));
		if (used > 0)
			screen_lines_add(&s->t, "      élu(e)s : %s", names);
	}
}

static long long
cnt_ballots(const json_t *totals)
{
	return json_integer_value(json_object_get(totals, "ballots"));
}

/* R-ORG-5: the sub-urns' totals, with the warning the law's secrecy asks
 * for when one is small. */
static void
cnt_sub_totals(struct cnt *s)
{
	long long sal = cnt_ballots(s->totals[1]),
	          fon = cnt_ballots(s->totals[2]);

	screen_lines_add(&s->t,
	    "   Sous-urnes : salariés %lld, fonctionnaires %lld bulletin(s) "
	    "(…-sous-urne-1, -2)",
	    sal, fon);
	if (count_sub_urn_small(sal) || count_sub_urn_small(fon))
		screen_lines_add(&s->t, "   Attention : sous-urne de moins de "
		                        "10 bulletins, ses totaux à part "
		                        "pourraient révéler des votes.");
}

/* A sub-urn's own figures (its PV), under the whole urn's table. */
static void
cnt_sub_result(struct cnt *s, unsigned u)
{
	const json_t *cat, *l;
	char line[512];
	size_t i, used = 0;

	cat = json_array_get(json_object_get(s->result[u], "colleges"), 0);
	cat = json_object_get(cat, "titulaires")
	          ?: json_object_get(cat, "suppleants");
	if (cat == NULL)
		return;
	screen_lines_add(&s->t,
	    "   Sous-urne des %s : votants %lld · blancs %lld · SVE %lld",
	    u == 2 ? "fonctionnaires" : "salariés",
	    (long long)json_integer_value(json_object_get(cat, "votants")),
	    (long long)json_integer_value(json_object_get(cat, "blancs")),
	    (long long)json_integer_value(json_object_get(cat, "sve")));
	line[0] = '\0';
	json_array_foreach(json_object_get(cat, "lists"), i, l) used +=
	    (size_t)snprintf(line + used,
	        used < sizeof(line) ? sizeof(line) - used : 0, "%s%s %lld",
	        i ? " · " : "", json_string_value(json_object_get(l, "name")),
	        (long long)json_integer_value(json_object_get(l, "ballots")));
	screen_lines_add(&s->t, "     voix : %s", line);
}

/* "1, 3", or with the président requis (R-BUR-1) "président 1 ; autres
 * 2, 3": the holders whose partial decryptions were combined. */
static void
cnt_holders(const json_t *holders, char *out, size_t cap)
{
	const char *group;
	const json_t *g, *x;
	size_t i, used = 0;

	out[0] = '\0';
	if (json_is_array(holders)) {
		json_array_foreach(holders, i, x) used += (size_t)snprintf(
		    out + used, used < cap ? cap - used : 0, "%s%lld",
		    i ? ", " : "", (long long)json_integer_value(x));
		return;
	}
	json_object_foreach((json_t *)holders, group, g)
	{
		used += (size_t)snprintf(out + used,
		    used < cap ? cap - used : 0, "%s%s ", used ? " ; " : "",
		    strcmp(group, THR_GROUP_PRESIDENT) == 0 ? "président"
		                                            : group);
		json_array_foreach(g, i, x) used += (size_t)snprintf(out + used,
		    used < cap ? cap - used : 0, "%s%lld", i ? ", " : "",
		    (long long)json_integer_value(x));
	}
}

/* A path in the count's directory by its name only (the directory is
 * shown above), any other whole. */
static const char *
cnt_in_dir(const struct cnt *s, const char *path)
{
	size_t n = strlen(s->dir);

	return strncmp(path, s->dir, n) == 0 && path[n] == '/' ? path + n + 1
	                                                       : path;
}

/* The screen's lines from what is known: the steps done and their results. */
static void
cnt_lines(struct cnt *s)
{
	static const char *const cats[2] = {"titulaires", "suppleants"};
	static const char *const catl[2] = {"Titulaires", "Suppléants"};
	const json_t *c, *x;
	size_t i;

	screen_lines_clear(&s->t);
	screen_lines_add(&s->t,
	    "État : %s. Dossier des fichiers échangés avec les détenteurs de "
	    "clés :",
	    lifecycle_state_label(s->state));
	screen_lines_add(&s->t, "   %s", s->dir);
	if (s->totals[0] == NULL) {
		screen_lines_add(&s->t, "1. Totaux chiffrés : pas encore "
		                        "écrits (« t », après la clôture).");
	} else {
		screen_lines_add(&s->t,
		    "1. Totaux chiffrés de %lld bulletin(s) : "
		    "totaux-scrutin-%u.json",
		    (long long)json_integer_value(
		        json_object_get(s->totals[0], "ballots")),
		    s->id);
		screen_lines_add(&s->t, "   SHA-256 %s", s->tsha[0]);
		if (s->sumnote[0] != '\0')
			screen_lines_add(&s->t, "   %s", s->sumnote);
		if (s->totals[1] != NULL)
			cnt_sub_totals(s);
	}
	if (s->counts[0] == NULL) {
		screen_lines_add(&s->t, "2. Déchiffrements partiels : %s",
		    s->totals[0] == NULL
		        ? "après les totaux."
		        : "les détenteurs déchiffrent les totaux, puis « r ».");
	} else {
		char h[128] = "";
		cnt_holders(
		    json_object_get(s->counts[0], "holders"), h, sizeof(h));
		screen_lines_add(&s->t,
		    "2. Déchiffrements partiels : %zu fichier(s) lu(s), "
		    "preuves vérifiées ;",
		    s->files);
		screen_lines_add(
		    &s->t, "   totaux déchiffrés par les détenteurs %s.", h);
	}
	json_array_foreach(s->set_aside, i, x)
	{
		if (json_object_get(x, "file") != NULL)
			screen_lines_add(&s->t, "   Écarté : %s :",
			    json_string_value(json_object_get(x, "file")));
		else
			screen_lines_add(&s->t, "   Écarté : détenteur %lld :",
			    (long long)json_integer_value(
			        json_object_get(x, "holder")));
		screen_lines_add(&s->t, "     %s",
		    json_string_value(json_object_get(x, "reason")));
	}
	s->res_line = s->result[0] != NULL ? (int)s->t.n : -1;
	if (s->result[0] != NULL) {
		screen_lines_add(&s->t, "3. Résultats%s :",
		    s->proclaimed
		        ? " proclamés"
		        : ", vus du seul bureau jusqu'à leur proclamation");
		json_array_foreach(
		    json_object_get(s->result[0], "colleges"), i, c)
		{
			for (int k = 0; k < 2; k++)
				if ((x = json_object_get(c, cats[k])) != NULL)
					cnt_category(s, catl[k], x);
		}
		for (unsigned u = 1; u < CNT_URNS; u++)
			cnt_sub_result(s, u);
	}
	if (s->proclaimed) {
		screen_lines_add(&s->t,
		    "4. Proclamés par le bureau ; empreinte du résultat :");
		screen_lines_add(&s->t, "   %s", s->psha);
		if (s->state == LC_COUNTED)
			screen_lines_add(&s->t,
			    "   Ensuite : scellement après dépouillement "
			    "(écran du scrutin, « c »).");
	} else if (s->counts[0] != NULL)
		screen_lines_add(&s->t,
		    "4. Proclamation : « p » (codes du "
		    "bureau), le scrutin « dépouillé » (« d »).");
	if (s->pv[0] != '\0')
		screen_lines_add(
		    &s->t, "5. PV écrit : %s", cnt_in_dir(s, s->pv));
	if (s->pvf[0] != '\0')
		screen_lines_add(&s->t, "   PV des fonctionnaires : %s",
		    cnt_in_dir(s, s->pvf));
}

static void
cnt_state(struct cnt *s)
{
	struct err e;

	if (console_db(s->c, 1, &e) == -1 ||
	    lifecycle_state_of(s->c->db.el, s->id, &s->state, &e) == -1 ||
	    election_sub_urns(s->c->db.el, s->id, &s->subs, &e) == -1 ||
	    election_round(s->c->db.el, s->id, &s->round, &e) == -1 ||
	    (s->proclaimed = proclaim_get(s->c->db.el, s->id, s->psha, &e)) ==
	        -1) {
		s->proclaimed = 0;
		console_db_lost(s->c);
		ui_status(UI_ERROR, "%s", e.msg);
	}
}

/* The law's seats for the counts (with the draws typed, if any). */
static void
cnt_result(struct cnt *s, unsigned u)
{
	struct err e;

	json_decref(s->result[u]);
	/* a sub-urn's seats are for information: no draw by lot there */
	s->result[u] = proclaim_preview(
	    s->c->db.el, s->id, s->counts[u], u == 0 ? s->lots : NULL, &e);
	if (s->result[u] == NULL)
		ui_status(UI_ERROR, "%s", e.msg);
	else if (!json_is_true(json_object_get(s->result[u], "valid")) &&
	         json_object_get(s->result[u], "errors") != NULL)
		ui_status(UI_ERROR,
		    "Comptes incohérents avec les listes du scrutin.");
}

static void
cnt_totals(struct cnt *s)
{
	struct ui_view v = {cnt_draw, s};
	struct err e;
	json_t *t;

	if (!ui_prompt(&v, "Dossier des fichiers du dépouillement :", s->dir,
	        sizeof(s->dir), 0) ||
	    s->dir[0] == '\0')
		return;
	ui_status(UI_INFO, "Somme des bulletins de l'urne…");
	cnt_draw(s);
	s->sumnote[0] = '\0';
	for (unsigned u = 0; u < (s->subs ? CNT_URNS : 1u); u++) {
		struct presum_stats ps = {0};
		int rc = console_db(s->c, 1, &e) == -1
		             ? -1
		             : act_count_totals(s->c->db.el, s->c->db.urn,
		                   s->id, u, s->dir, &t, s->tsha[u], &ps, &e);
		if (ps.note[0] != '\0' && s->sumnote[0] == '\0')
			snprintf(s->sumnote, sizeof(s->sumnote), "%s", ps.note);
		if (rc == -1) {
			ui_status(UI_ERROR, "%s", e.msg);
			return;
		}
		json_decref(s->totals[u]);
		s->totals[u] = t;
		json_decref(s->counts[u]);
		s->counts[u] = NULL;
		json_decref(s->result[u]);
		s->result[u] = NULL;
	}
	ui_status(UI_OK, "Totaux chiffrés écrits pour les détenteurs de clés "
	                 "(isoloir-trustee decrypt "
	                 "ou page du dépositaire).");
}

static void
cnt_read(struct cnt *s)
{
	struct ui_view v = {cnt_draw, s};
	struct err e;
	json_t *counts;

	if (s->totals[0] == NULL) {
		ui_status(
		    UI_ERROR, "Écrire d'abord les totaux chiffrés (« t »).");
		return;
	}
	if (!ui_prompt(&v, "Dossier des déchiffrements partiels :", s->dir,
	        sizeof(s->dir), 0) ||
	    s->dir[0] == '\0')
		return;
	json_array_clear(s->set_aside);
	ui_status(UI_INFO, "Vérification des preuves de déchiffrement…");
	cnt_draw(s);
	for (unsigned u = 0; u < (s->subs ? CNT_URNS : 1u); u++) {
		size_t files = 0;
		if (console_db(s->c, 0, &e) == -1 ||
		    (counts = act_count_combine(s->c->db.el, s->id, u, s->dir,
		         s->totals[u], s->set_aside, &files, &e)) == NULL) {
			ui_status(
			    UI_ERROR, "Dépouillement impossible : %s.", e.msg);
			return;
		}
		if (u == 0)
			s->files = files;
		json_decref(s->counts[u]);
		s->counts[u] = counts;
		cnt_result(s, u);
	}
	ui_status(UI_OK,
	    "Totaux déchiffrés, preuves vérifiées ; comptes écrits dans "
	    "comptes-scrutin-%u.json.",
	    s->id);
}

static void
cnt_lot(struct cnt *s)
{
	struct ui_view v = {cnt_draw, s};
	char seat[16] = "", list[256] = "", arg[300];
	struct err e;

	if (s->result[0] == NULL || s->proclaimed) {
		ui_status(UI_ERROR, "Aucune égalité à trancher.");
		return;
	}
	if (!ui_prompt(
	        &v, "Siège tiré au sort (n°) :", seat, sizeof(seat), 0) ||
	    seat[0] == '\0' ||
	    !ui_prompt(
	        &v, "Liste désignée par le sort :", list, sizeof(list), 0) ||
	    list[0] == '\0')
		return;
	snprintf(arg, sizeof(arg), "%s:%s", seat, list);
	if (proclaim_lot_parse(arg, &s->lots, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	cnt_result(s, 0);
	ui_status(UI_INFO,
	    "Tirage au sort noté : siège %s à « %s » ; il sera enregistré avec "
	    "la "
	    "proclamation.",
	    seat, list);
}

/* The bureau whose codes count and proclaim (the centralisateur when the
 * operation has one); -1, said on the screen, when it cannot be read. */
static int
cnt_bureau(struct cnt *s, unsigned *bureau)
{
	struct err e;

	if (console_db(s->c, 1, &e) == -1 ||
	    lifecycle_authority(s->c->db.el, s->id, LC_COUNTED, bureau, &e) ==
	        -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return -1;
	}
	return 0;
}

/* « d »: the bureau marks the scrutin counted, with its codes, once the
 * totals are decrypted (lifecycle_apply checks the rest: titulaires
 * first, R-BUR-8). */
static void
cnt_counted(struct cnt *s)
{
	struct screen_codes sc = {.n = 0};
	struct act_opts o = {0};
	enum lc_auth need;
	unsigned bureau;
	struct err e;

	if (s->counts[0] == NULL) {
		ui_status(UI_ERROR,
		    "Déchiffrer d'abord les totaux (« r ») : le "
		    "scrutin est dépouillé ensuite.");
		return;
	}
	cnt_state(s);
	if (lifecycle_check(s->state, LC_COUNTED, s->label, &need, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	if (cnt_bureau(s, &bureau) == -1)
		return;
	if (!screen_codes(
	        s->c, bureau, lifecycle_state_label(LC_COUNTED), &sc)) {
		ui_status(
		    UI_INFO, "Annulé : l'état du scrutin n'a pas changé.");
		return;
	}
	o.codes = sc.codes;
	o.ncodes = sc.n;
	ui_status(UI_INFO, "Vérification des codes…");
	cnt_draw(s);
	if (act_transition(s->c->conf, &s->c->db, s->id, LC_COUNTED, &o, &e) ==
	    -1)
		ui_status(UI_ERROR, "%s", e.msg);
	else
		ui_status(UI_OK, "Scrutin n° %u : « %s ».", s->id,
		    lifecycle_state_label(LC_COUNTED));
	screen_codes_wipe(&sc);
}

static void
cnt_proclaim(struct cnt *s)
{
	struct screen_codes sc = {.n = 0};
	struct bureau_auth auth;
	json_t *result = NULL;
	unsigned bureau;
	struct err e;

	if (s->counts[0] == NULL) {
		ui_status(UI_ERROR, "Rien à proclamer : les totaux ne sont pas "
		                    "encore déchiffrés (« r »).");
		return;
	}
	/* said before the codes are typed (proclaim() checks it again) */
	if (console_db(s->c, 0, &e) == -1 ||
	    proclaim_may(s->c->db.el, s->id, &bureau, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	if (!screen_codes(s->c, bureau, "proclamation des résultats", &sc)) {
		ui_status(UI_INFO, "Annulé : rien n'est proclamé.");
		return;
	}
	ui_status(UI_INFO, "Vérification des codes…");
	cnt_draw(s);
	if (bureau_authorise(s->c->db.el, bureau, sc.codes, sc.n, act_actor(),
	        "proclamation", s->id, &auth, &e) == -1 ||
	    proclaim(s->c->db.el, s->id, s->counts[0], &auth, act_actor(),
	        s->lots, &result, s->psha, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
	} else {
		json_decref(s->result[0]);
		s->result[0] = result;
		s->proclaimed = 1;
		ui_status(UI_OK, "Résultats proclamés par le bureau (%s).",
		    auth.quorum.summary);
	}
	screen_codes_wipe(&sc);
}

/* What the databases do not know about the PV: the employer, the place
 * and date. From en-tete.json in the directory when there is one (the
 * full header of docs/operations.md), else asked and kept there, so that a
 * reprint carries the same header. NULL when cancelled or unreadable. */
static json_t *
cnt_pv_header(struct cnt *s)
{
	struct ui_view v = {cnt_draw, s};
	char path[ACT_PATH_MAX + 32], rs[256] = "", place[128] = "", date[32],
	                              utc[32];
	time_t now = time(NULL);
	json_error_t je;
	json_t *h;

	snprintf(path, sizeof(path), "%s/en-tete.json", s->dir);
	if (access(path, F_OK) == 0) {
		if ((h = json_load_file(path, 0, &je)) == NULL ||
		    !json_is_object(h)) {
			json_decref(h);
			ui_status(
			    UI_ERROR, "« %s » illisible : %s", path, je.text);
			return NULL;
		}
		return h;
	}
	strftime(utc, sizeof(utc), "%Y-%m-%d %H:%M", gmtime(&now));
	pv_utc_to_paris(utc, date, sizeof(date));
	if (!ui_prompt(
	        &v, "Raison sociale de l'employeur :", rs, sizeof(rs), 0) ||
	    rs[0] == '\0' ||
	    !ui_prompt(
	        &v, "Lieu de signature du PV :", place, sizeof(place), 0) ||
	    place[0] == '\0' ||
	    !ui_prompt(&v, "Date du PV (AAAA-MM-JJ HH:MM, heure de Paris) :",
	        date, sizeof(date), 0))
		return NULL;
	h = json_pack("{s:{s:s}, s:s, s:s}", "entreprise", "raison_sociale", rs,
	    "lieu", place, "date_pv", date);
	if (h != NULL && json_dump_file(h, path, JSON_INDENT(2)) == -1)
		ui_status(UI_ERROR, "En-tête non gardé dans « %s ».", path);
	return h;
}

/* R-ORG-5: the fonctionnaires' own PV, beside the scrutin's. */
static void
cnt_pv_fonctionnaires(struct cnt *s, const json_t *base)
{
	struct pv_doc *d;
	struct err e;

	snprintf(s->pvf, sizeof(s->pvf), "%s/pv-scrutin-%u-fonctionnaires.pdf",
	    s->dir, s->id);
	if ((d = act_pv_doc(s->c->db.el, s->c->db.urn, s->id, s->counts[2],
	         base, &e)) == NULL ||
	    pv_pdf_write(d, s->pvf, &e) == -1) {
		s->pvf[0] = '\0';
		ui_status(UI_ERROR, "PV des fonctionnaires : %s", e.msg);
	}
	pv_doc_free(d);
}

static void
cnt_pv(struct cnt *s)
{
	struct ui_view v = {cnt_draw, s};
	char path[ACT_PATH_MAX + 32], csv[ACT_PATH_MAX + 40];
	struct pv_doc *d = NULL;
	json_t *base;
	struct err e;
	size_t n;

	if (s->counts[0] == NULL) {
		ui_status(UI_ERROR, "Le PV suit le dépouillement : déchiffrer "
		                    "d'abord les totaux (« r »).");
		return;
	}
	if ((base = cnt_pv_header(s)) == NULL)
		return;
	snprintf(path, sizeof(path), "%s/pv-scrutin-%u.pdf", s->dir, s->id);
	if (!ui_prompt(&v, "PV à créer (PDF ; le CSV à côté) :", path,
	        sizeof(path), 0) ||
	    path[0] == '\0') {
		json_decref(base);
		return;
	}
	n = strlen(path);
	snprintf(csv, sizeof(csv), "%.*s.csv",
	    (int)(n > 4 && strcmp(path + n - 4, ".pdf") == 0 ? n - 4 : n),
	    path);
	ui_status(UI_INFO, "Écriture du PV…");
	cnt_draw(s);
	if (console_db(s->c, 1, &e) == -1 ||
	    (d = act_pv_doc(s->c->db.el, s->c->db.urn, s->id, s->counts[0],
	         base, &e)) == NULL ||
	    pv_pdf_write(d, path, &e) == -1 || pv_csv_write(d, csv, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
	} else {
		snprintf(s->pv, sizeof(s->pv), "%s", path);
		ui_status(UI_OK,
		    "PV écrit (empreinte des résultats %s) ; CSV : %s",
		    d->digest, csv);
		if (s->counts[2] != NULL)
			cnt_pv_fonctionnaires(s, base);
	}
	pv_doc_free(d);
	json_decref(base);
}

void
screen_count(struct console *c, unsigned id, const char *label)
{
	struct cnt s = {.c = c, .id = id, .label = label};
	char cwd[ACT_PATH_MAX - 32];
	int k = 0;

	s.set_aside = json_array();
	snprintf(s.dir, sizeof(s.dir), "%s/depouillement-%u",
	    getcwd(cwd, sizeof(cwd)) != NULL ? cwd : ".", id);
	ui_status_clear();
	cnt_state(&s);
	cnt_lines(&s);
	while (!ui_is_back(k)) {
		if (k == 't')
			cnt_totals(&s);
		else if (k == 'r')
			cnt_read(&s);
		else if (k == 'd')
			cnt_counted(&s);
		else if (k == 'l')
			cnt_lot(&s);
		else if (k == 'p')
			cnt_proclaim(&s);
		else if (k == 'v')
			cnt_pv(&s);
		if (k == 't' || k == 'p' || k == 'd')
			cnt_state(&s);
		/* the lines again only after an action: scrolling keeps its
		 * place */
		if (k == 't' || k == 'r' || k == 'd' || k == 'l' || k == 'p' ||
		    k == 'v') {
			cnt_lines(&s);
			/* the step's outcome in view: the totals from the top,
			 * the results from their first line, the proclamation
			 * and the PV at the bottom */
			if (k == 't')
				s.t.l.sel = s.t.l.top = 0;
			else if ((k == 'r' || k == 'l') && s.res_line >= 0)
				s.t.l.sel = s.t.l.top = s.res_line;
			else
				s.t.l.sel = s.t.l.n - 1;
		}
		cnt_draw(&s);
		k = ui_key(-1);
		ui_list_key(&s.t.l, k, UI_BOTTOM - UI_TOP - 1);
	}
	for (unsigned u = 0; u < CNT_URNS; u++) {
		json_decref(s.totals[u]);
		json_decref(s.counts[u]);
		json_decref(s.result[u]);
	}
	json_decref(s.lots);
	json_decref(s.set_aside);
	/* the font caches of the PDF, so that leak checkers see none */
	pv_release();
	screen_lines_clear(&s.t);
	ui_status_clear();
}
