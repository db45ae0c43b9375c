/* pv.c: the content of the PV PDF (R-RES-3): the sections of CERFA 15822
 * / 15823 for each collège and category, the PV de carence (CERFA 15248)
 * for categories without any list, and the annexes (seals, observations of
 * the bureau, journal summary: R-BUR-7). Layout primitives in pv_draw.c. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pv.h"
#include "rules.h"
#include "pv_draw.h"

#define NUM 32

/* 1234567 → "1 234 567" (no-break spaces, as French numbers are written) */
static const char *
pv_num(int64_t v, char *out)
{
	char raw[NUM];
	size_t n, o = 0;

	snprintf(raw, sizeof(raw), "%lld", (long long)v);
	n = strlen(raw);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && raw[i] != '-' && (n - i) % 3 == 0 && raw[0] != '-') {
			out[o++] = (char)0xc2;
			out[o++] = (char)0xa0;
		}
		out[o++] = raw[i];
	}
	out[o] = '\0';
	return out;
}

/* "57.142857" → "57,142857" */
static const char *
pv_dec(const char *s, char *out)
{
	snprintf(out, NUM, "%s", s);
	for (char *p = out; *p; p++)
		if (*p == '.')
			*p = ',';
	return out;
}

static const char *
pv_kind(const struct pv_cat *c)
{
	return c->suppleants ? "suppléants" : "titulaires";
}

static void
pv_title(struct pvd *d, const struct pv_doc *doc, const struct pv_cat *c)
{
	char s[512];

	snprintf(s, sizeof(s), "Établi selon le modèle CERFA n° %s — procès-verbal des élections des "
	    "membres %s", c->suppleants ? "15823" : "15822", pv_kind(c));
	pvd_para(d, s, PVD_SMALL, PVD_LEFT);
	pvd_space(d, 4);
	snprintf(s, sizeof(s), "PROCÈS-VERBAL DES ÉLECTIONS DES MEMBRES %s\nDE LA DÉLÉGATION DU "
	    "PERSONNEL — %s", c->suppleants ? "SUPPLÉANTS" : "TITULAIRES", doc->h.institution);
	pvd_para(d, s, PVD_TITLE, PVD_CENTER);
	snprintf(s, sizeof(s), "%s tour de scrutin — vote électronique par internet — collège : %s",
	    doc->h.tour == 2 ? "Second" : "Premier", c->college);
	pvd_para(d, s, PVD_BOLD, PVD_CENTER);
	pvd_space(d, 4);
}

/* Two-column label / value table. */
static void
pv_pairs(struct pvd *d, const char *const *kv, size_t n)
{
	static const struct pvd_col cols[] = {
		{ NULL, 0.50, PVD_LEFT, PVD_COL_KEY }, { NULL, 0.50, PVD_LEFT, 0 },
	};

	pvd_table_begin(d, cols, 2);
	for (size_t i = 0; i + 1 < 2 * n; i += 2)
		pvd_table_row(d, kv + i, 0, 0);
	pvd_table_end(d);
}

static void
pv_company(struct pvd *d, const struct pv_header *h)
{
	const char *kv[] = {
		"Raison sociale", h->raison_sociale,
		"Établissement", *h->etablissement ? h->etablissement : "—",
		"Adresse", *h->adresse ? h->adresse : "—",
		"N° SIRET", *h->siret ? h->siret : "—",
		"Convention collective (IDCC)", *h->idcc ? h->idcc : "—",
	};

	pvd_heading(d, "1. Entreprise ou établissement", 40);
	pv_pairs(d, kv, 5);
}

static void
pv_scrutin(struct pvd *d, const struct pv_doc *doc, const struct pv_cat *c)
{
	char seats[NUM], open[96], close[96], cat[64];
	const char *kv[] = {
		"Institution", doc->h.institution,
		"Collège", c->college,
		"Catégorie", cat,
		"Tour de scrutin", doc->h.tour == 2 ? "2nd tour" : "1er tour",
		"Nombre de sièges à pourvoir", pv_num(c->seats, seats),
		"Ouverture du scrutin", open,
		"Clôture du scrutin", close,
		"Modalité de vote", "Vote électronique par internet",
	};

	snprintf(cat, sizeof(cat), "Membres %s", pv_kind(c));
	pv_format_datetime(*doc->h.ouverture ? doc->h.ouverture : "non renseignée", open, sizeof(open));
	pv_format_datetime(*doc->h.cloture ? doc->h.cloture : "non renseignée", close, sizeof(close));
	pvd_heading(d, "2. Scrutin", 40);
	pv_pairs(d, kv, 8);
}

static void
pv_numbers(struct pvd *d, const struct pv_cat *c)
{
	char b[5][NUM], quorum[128], qlabel[128], qe[96], dec[NUM];
	const char *kv[] = {
		"Nombre d'électeurs inscrits", pv_num(c->inscrits, b[0]),
		"Nombre de votants", pv_num(c->votants, b[1]),
		"Nombre de bulletins blancs", pv_num(c->blancs, b[2]),
		"Nombre de bulletins nuls", pv_num(c->nuls, b[3]),
		"Nombre de suffrages valablement exprimés (SVE)", pv_num(c->sve, b[4]),
		qlabel, quorum,
		"Quotient électoral (SVE ÷ sièges à pourvoir)", qe,
	};

	snprintf(qlabel, sizeof(qlabel), "Quorum (SVE ≥ moitié des inscrits : %s)",
	    c->quorum_threshold);
	snprintf(quorum, sizeof(quorum), "%s atteint    %s non atteint",
	    c->quorum_reached ? "☒" : "☐", c->quorum_reached ? "☐" : "☒");
	if (c->no_valid_votes)
		snprintf(qe, sizeof(qe), "sans objet (aucun suffrage exprimé)");
	else
		snprintf(qe, sizeof(qe), "%s = %s", c->qe, pv_dec(c->qe_decimal, dec));
	pvd_heading(d, "3. Résultats du scrutin", 60);
	pv_pairs(d, kv, 7);
}

/* What the bureau must read before the seats. */
static void
pv_notices(struct pvd *d, const struct pv_doc *doc, const struct pv_cat *c)
{
	char s[512];

	if (c->no_valid_votes)
		pvd_notice(d, "Aucun suffrage valablement exprimé : aucun siège n'est attribué, "
		    "tous les sièges restent à pourvoir.");
	else if (rules_indicative(doc->h.tour, c->quorum_reached))
		pvd_notice(d, "Quorum non atteint : personne n'est élu à ce premier tour. La répartition "
		    "ci-dessous est donnée à titre indicatif ; ses résultats comptent pour la "
		    "représentativité des organisations syndicales. Un second tour est organisé.");
	if (c->vacant_seats > 0 && !c->no_valid_votes) {
		snprintf(s, sizeof(s), "Sièges non pourvus : %lld sur %lld (à pourvoir au second tour le "
		    "cas échéant).", (long long)c->vacant_seats, (long long)c->seats);
		pvd_notice(d, s);
	}
}

static void
pv_list_row(struct pvd *d, const struct pv_list *l)
{
	char b[4][NUM], avg[96], dec[NUM], pct[NUM], org[256];
	const char *row[8];

	snprintf(org, sizeof(org), "%s%s%s%s", l->syndicat, *l->affiliation ? " (" : "",
	    l->affiliation, *l->affiliation ? ")" : "");
	snprintf(avg, sizeof(avg), "%s\n(%s)", pv_dec(l->average_decimal, dec), l->average);
	row[0] = l->name;
	row[1] = *org ? org : "—";
	row[2] = pv_num(l->ballots, b[0]);
	row[3] = avg;
	row[4] = pv_num(l->seats_quotient, b[1]);
	row[5] = pv_num(l->seats_remainder, b[2]);
	row[6] = pv_num(l->seats_total, b[3]);
	row[7] = l->pct != NULL ? pv_dec(l->pct, pct) : "—";
	pvd_table_row(d, row, 0, 0);
}

static void
pv_seats(struct pvd *d, const struct pv_doc *doc, const struct pv_cat *c)
{
	static const struct pvd_col cols[] = {
		{ "Liste", 0.15, PVD_LEFT, 0 }, { "Organisation syndicale (affiliation)", 0.22, PVD_LEFT, 0 },
		{ "Bulletins", 0.09, PVD_RIGHT, 0 }, { "Voix de la liste (moyenne)", 0.14, PVD_RIGHT, 0 },
		{ "Sièges au quotient", 0.10, PVD_RIGHT, 0 }, { "Sièges à la plus forte moyenne", 0.12, PVD_RIGHT, 0 },
		{ "Total des sièges", 0.09, PVD_RIGHT, 0 }, { "% des SVE", 0.09, PVD_RIGHT, 0 },
	};
	char b[4][NUM];
	int64_t sum[4] = { 0 };
	const char *tot[8] = { "Total", "", b[0], "", b[1], b[2], b[3], "" };

	pvd_heading(d, "4. Répartition des sièges entre les listes", 60);
	pvd_table_begin(d, cols, 8);
	for (size_t i = 0; i < c->nlists; i++) {
		pv_list_row(d, &c->lists[i]);
		sum[0] += c->lists[i].ballots;
		sum[1] += c->lists[i].seats_quotient;
		sum[2] += c->lists[i].seats_remainder;
		sum[3] += c->lists[i].seats_total;
	}
	for (int k = 0; k < 4; k++)
		pv_num(sum[k], b[k]);
	pvd_table_row(d, tot, 1, 0);
	pvd_table_end(d);
	pvd_para(d, strcmp(doc->surplus, "vacant") == 0 ?
	    "Siège gagné par une liste sans candidat restant : laissé vacant." :
	    "Siège gagné par une liste sans candidat restant : reporté sur la liste suivante à la plus "
	    "forte moyenne.", PVD_ITALIC, PVD_LEFT);
}

static void
pv_rounds(struct pvd *d, const struct pv_cat *c)
{
	static const struct pvd_col cols[] = {
		{ "Siège n°", 0.15, PVD_RIGHT, 0 }, { "Attribué à la liste", 0.45, PVD_LEFT, 0 },
		{ "Départage", 0.40, PVD_LEFT, 0 },
	};
	char n[NUM];

	if (c->nrounds == 0)
		return;
	pvd_heading(d, "Attribution des sièges restants à la plus forte moyenne", 40);
	pvd_table_begin(d, cols, 3);
	for (size_t i = 0; i < c->nrounds; i++) {
		const struct pv_round *r = &c->rounds[i];
		char who[300], tie[700];
		const char *row[3] = { pv_num(r->seat, n), who, tie };

		if (r->tie_break == NULL)
			snprintf(tie, sizeof(tie), "—");
		else if (strcmp(r->tie_break, "votes") == 0)
			snprintf(tie, sizeof(tie), "au plus grand nombre de voix");
		else if (strcmp(r->tie_break, "age") == 0)
			snprintf(tie, sizeof(tie), "au candidat le plus âgé");
		else if (strcmp(r->tie_break, "lot") == 0)
			snprintf(tie, sizeof(tie), "égalité complète entre %s : tirage au sort par le bureau",
			    r->tied);
		else
			snprintf(tie, sizeof(tie), "égalité complète entre %s : ordre des listes (tirage au "
			    "sort à consigner)", r->tied);

		if (r->winner == NULL)
			snprintf(who, sizeof(who), "aucune : siège vacant");
		else
			snprintf(who, sizeof(who), "%s%s", r->winner, r->filled ? "" : " (sans candidat : siège vacant)");
		pvd_table_row(d, row, 0, 0);
	}
	pvd_table_end(d);
}

/* provisional: quorum not reached at round 1, nobody is really elected */
static void
pv_candidates(struct pvd *d, const struct pv_list *l, int provisional)
{
	static const struct pvd_col cols[] = {
		{ "N°", 0.06, PVD_RIGHT, 0 }, { "Nom et prénom", 0.34, PVD_LEFT, 0 }, { "Sexe", 0.07, PVD_CENTER, 0 },
		{ "Voix", 0.10, PVD_RIGHT, 0 }, { "Ratures", 0.10, PVD_RIGHT, 0 },
		{ "Ratures ≥ 10 % prises en compte", 0.13, PVD_CENTER, 0 }, { "Rang", 0.08, PVD_RIGHT, 0 },
		{ "Élu(e)", 0.12, PVD_CENTER, 0 },
	};
	char h[512], b[4][NUM];

	snprintf(h, sizeof(h), "« %s »%s%s — %lld bulletin%s — %lld siège%s", l->name,
	    *l->syndicat ? " — " : "", l->syndicat, (long long)l->ballots, l->ballots > 1 ? "s" : "",
	    (long long)l->seats_total, l->seats_total > 1 ? "s" : "");
	pvd_space(d, 2);
	pvd_need(d, 70);  /* the list's name with its header and first row */
	pvd_para(d, h, PVD_BOLD, PVD_LEFT);
	pvd_table_begin(d, cols, 8);
	for (size_t i = 0; i < l->ncand; i++) {
		const struct pv_cand *c = &l->cand[i];
		char sex[2] = { c->sex, '\0' };
		const char *row[8] = { pv_num((int64_t)i + 1, b[0]), c->name, sex, pv_num(c->votes, b[1]),
			pv_num(c->strikes, b[2]), c->counted ? "oui" : "non", pv_num(c->rank, b[3]),
			c->elected ? (provisional ? "(indicatif)" : "ÉLU(E)") : "" };
		pvd_table_row(d, row, c->elected, 0);
	}
	pvd_table_end(d);
}

/* The elected, list by list, in designation order (CERFA: "élus"). */
static void
pv_elected(struct pvd *d, const struct pv_cat *c, int tour)
{
	static const struct pvd_col cols[] = {
		{ "Nom et prénom", 0.40, PVD_LEFT, 0 }, { "Sexe", 0.08, PVD_CENTER, 0 },
		{ "Liste", 0.32, PVD_LEFT, 0 }, { "Voix", 0.20, PVD_RIGHT, 0 },
	};
	char b[NUM], sex[2];
	int any = 0;

	pvd_heading(d, !rules_indicative(tour, c->quorum_reached) ? "5. Élus" :
	    "5. Élus — à titre indicatif : quorum non atteint, personne n'est élu à ce tour", 40);
	pvd_table_begin(d, cols, 4);
	for (size_t i = 0; i < c->nlists; i++)
		for (int rank = 1; rank <= (int)c->lists[i].ncand; rank++)
			for (size_t k = 0; k < c->lists[i].ncand; k++) {
				const struct pv_cand *p = &c->lists[i].cand[k];
				const char *row[4] = { p->name, sex, c->lists[i].name, pv_num(p->votes, b) };
				if (p->rank != rank || !p->elected)
					continue;
				sex[0] = p->sex;
				sex[1] = '\0';
				pvd_table_row(d, row, 0, 0);
				any = 1;
			}
	if (!any) {
		const char *row[4] = { "Aucun élu", "", "", "" };
		pvd_table_row(d, row, 0, 0);
	}
	pvd_table_end(d);
}

/* The signature block: lead is the sentence above it; people the
 * signatories (the bureau; for a carence the employer's representative). */
static void
pv_signatures(struct pvd *d, const char *what, const char *lead, const struct pv_member *people,
    size_t n, const struct pv_member *blank, size_t nblank)
{
	static const struct pvd_col cols[] = {
		{ "Nom et prénom", 0.35, PVD_LEFT, 0 }, { "Qualité", 0.25, PVD_LEFT, 0 },
		{ "Signature", 0.40, PVD_LEFT, 0 },
	};

	/* the whole block on one page: no signature apart from the text */
	pvd_need(d, 80 + 38.0 * (double)(n > 0 ? n : nblank));
	pvd_heading(d, what, 0);
	pvd_para(d, lead, PVD_NORMAL, PVD_LEFT);
	pvd_table_begin(d, cols, 3);
	if (n == 0) {
		people = blank;
		n = nblank;
	}
	for (size_t i = 0; i < n; i++) {
		const char *row[3] = { people[i].nom, people[i].qualite, "" };
		pvd_table_row(d, row, 0, 38);
	}
	pvd_table_end(d);
}

static void
pv_made_at(const struct pv_header *h, const char *first, char *out, size_t len)
{
	char date[96];

	pv_format_datetime(*h->date_pv ? h->date_pv : "…", date, sizeof(date));
	snprintf(out, len, "%sFait à %s, le %s, en autant d'exemplaires que de destinataires "
	    "(direction, organisations syndicales, affichage, administration du travail).", first,
	    *h->lieu ? h->lieu : "…", date);
}

static void
pv_bureau_signs(struct pvd *d, const struct pv_header *h)
{
	static const struct pv_member blank[] = {
		{ "", "Président(e)" }, { "", "Assesseur" }, { "", "Assesseur" },
	};
	char s[512];

	pv_made_at(h, "Établi immédiatement à l'issue du dépouillement ; les résultats ont été "
	    "proclamés par le président du bureau. ", s, sizeof(s));
	pv_signatures(d, "7. Proclamation et signatures des membres du bureau de vote", s,
	    h->bureau, h->nbureau, blank, 3);
}

static void
pv_one(struct pvd *d, const struct pv_doc *doc, const struct pv_cat *c)
{
	snprintf(d->footer, sizeof(d->footer), "PV %s — %s — %s tour", pv_kind(c), c->college,
	    doc->h.tour == 2 ? "2nd" : "1er");
	pvd_new_page(d);
	pv_title(d, doc, c);
	pv_company(d, &doc->h);
	pv_scrutin(d, doc, c);
	pv_numbers(d, c);
	pv_notices(d, doc, c);
	pv_seats(d, doc, c);
	pv_rounds(d, c);
	pv_elected(d, c, doc->h.tour);
	pvd_heading(d, "6. Détail des voix par candidat", 60);
	for (size_t i = 0; i < c->nlists; i++)
		pv_candidates(d, &c->lists[i], rules_indicative(doc->h.tour, c->quorum_reached));
	pvd_para(d, "Les ratures ne sont prises en compte pour désigner les élus que si elles "
	    "atteignent 10 % des bulletins de la liste ; elles réduisent toujours la moyenne de la "
	    "liste.", PVD_ITALIC, PVD_LEFT);
	pv_bureau_signs(d, &doc->h);
}

/* CERFA 15248: every category without any list, on one PV. */
static void
pv_carence(struct pvd *d, const struct pv_doc *doc)
{
	static const struct pvd_col cols[] = {
		{ "Collège", 0.28, PVD_LEFT, 0 }, { "Catégorie", 0.24, PVD_LEFT, 0 },
		{ "Sièges à pourvoir", 0.16, PVD_RIGHT, 0 }, { "Électeurs inscrits", 0.16, PVD_RIGHT, 0 },
		{ "Carence", 0.16, PVD_CENTER, 0 },
	};
	char s[768], t1[96], t2[96], b[2][NUM];
	const struct pv_member employer = { doc->h.representant, "Employeur ou son représentant" };

	snprintf(d->footer, sizeof(d->footer), "PV de carence");
	pvd_new_page(d);
	pvd_para(d, "Établi selon le modèle CERFA n° 15248 — procès-verbal de carence",
	    PVD_SMALL, PVD_LEFT);
	pvd_space(d, 4);
	snprintf(s, sizeof(s), "PROCÈS-VERBAL DE CARENCE\nÉlections de la délégation du personnel — %s",
	    doc->h.institution);
	pvd_para(d, s, PVD_TITLE, PVD_CENTER);
	pvd_space(d, 4);
	pv_company(d, &doc->h);
	pvd_heading(d, "2. Constat de carence", 60);
	pv_format_datetime(*doc->h.carence_tour1 ? doc->h.carence_tour1 : "…", t1, sizeof(t1));
	pv_format_datetime(*doc->h.carence_tour2 ? doc->h.carence_tour2 : "…", t2, sizeof(t2));
	snprintf(s, sizeof(s), "Aucune liste de candidats n'a été déposée pour le premier tour, "
	    "fixé au %s. Le second tour a été organisé le %s : aucune candidature n'a été "
	    "présentée. La carence est constatée pour les collèges et catégories suivants :", t1, t2);
	pvd_para(d, s, PVD_NORMAL, PVD_LEFT);
	pvd_space(d, 2);
	pvd_table_begin(d, cols, 5);
	for (size_t i = 0; i < doc->ncat; i++) {
		const struct pv_cat *c = &doc->cat[i];
		const char *row[5] = { c->college, c->suppleants ? "membres suppléants" : "membres titulaires",
			pv_num(c->seats, b[0]),
			pv_num(c->inscrits, b[1]), "totale" };
		if (c->carence)
			pvd_table_row(d, row, 0, 0);
	}
	pvd_table_end(d);
	pv_made_at(&doc->h, "", s, sizeof(s));
	pv_signatures(d, "3. Signature de l'employeur ou de son représentant", s, &employer, 1, NULL, 0);
}

static void
pv_annex_seals(struct pvd *d, const struct pv_doc *doc)
{
	static const struct pvd_col cols[] = {
		{ "Scellement", 0.25, PVD_LEFT, 0 }, { "Date", 0.22, PVD_LEFT, 0 },
		{ "Empreinte SHA-256", 0.53, PVD_LEFT, PVD_COL_MONO },
	};
	char date[96], s[160];

	pvd_heading(d, "Annexe 1 — Empreintes de scellement", 40);
	snprintf(s, sizeof(s), "Empreinte SHA-256 des résultats du décompte (document JSON canonique) :\n%s",
	    doc->digest);
	pvd_para(d, s, PVD_NORMAL, PVD_LEFT);
	if (doc->h.nseals == 0) {
		pvd_para(d, "Aucun scellement renseigné.", PVD_ITALIC, PVD_LEFT);
		return;
	}
	pvd_table_begin(d, cols, 3);
	for (size_t i = 0; i < doc->h.nseals; i++) {
		const char *row[3] = { doc->h.seals[i].label, date, doc->h.seals[i].fingerprint };
		pv_format_datetime(doc->h.seals[i].date, date, sizeof(date));
		pvd_table_row(d, row, 0, 0);
	}
	pvd_table_end(d);
}

static void
pv_annex_events(struct pvd *d, const char *title, const struct pv_event *ev, size_t n, const char *none)
{
	static const struct pvd_col cols[] = {
		{ "Date", 0.22, PVD_LEFT, 0 }, { "Événement ou observation", 0.78, PVD_LEFT, 0 },
	};
	char date[96];

	pvd_heading(d, title, 40);
	if (n == 0) {
		pvd_para(d, none, PVD_ITALIC, PVD_LEFT);
		return;
	}
	pvd_table_begin(d, cols, 2);
	for (size_t i = 0; i < n; i++) {
		const char *row[2] = { date, ev[i].text };
		pv_format_datetime(ev[i].date, date, sizeof(date));
		pvd_table_row(d, row, 0, 0);
	}
	pvd_table_end(d);
}

static void
pv_annexes(struct pvd *d, const struct pv_doc *doc)
{
	char s[256];

	snprintf(d->footer, sizeof(d->footer), "Annexes au procès-verbal");
	pvd_new_page(d);
	pvd_para(d, "ANNEXES AU PROCÈS-VERBAL", PVD_TITLE, PVD_CENTER);
	pv_annex_seals(d, doc);
	pv_annex_events(d, "Annexe 2 — Observations, incidents et décisions du bureau de vote",
	    doc->h.obs, doc->h.nobs, "Néant : le bureau n'a consigné aucune observation.");
	pv_annex_events(d, "Annexe 3 — Résumé du journal des opérations", doc->h.journal,
	    doc->h.njournal, "Aucun événement retenu.");
	snprintf(s, sizeof(s), "Le journal complet, chaîné par empreintes, compte %lld entrée(s)%s%s.",
	    (long long)doc->h.journal_total, *doc->h.journal_head ? " ; empreinte de tête : " : "",
	    doc->h.journal_head);
	pvd_para(d, s, PVD_SMALL, PVD_LEFT);
	for (size_t i = 0; i < doc->ncat; i++)
		for (size_t k = 0; k < doc->cat[i].nwarnings; k++) {
			snprintf(s, sizeof(s), "Avertissement du décompte (%s, %s) : %s", doc->cat[i].college,
			    pv_kind(&doc->cat[i]), doc->cat[i].warnings[k]);
			pvd_para(d, s, PVD_SMALL, PVD_LEFT);
		}
}

static int
pv_render(const struct pv_doc *doc, const char *path, int total, int *pages, struct err *e)
{
	struct pvd d;
	int carence = 0;

	if (pvd_open(&d, path, total, e) == -1)
		return -1;
	d.digest = doc->digest;
	pvd_set_title(&d, "Procès-verbal des élections", doc->h.raison_sociale);
	for (size_t i = 0; i < doc->ncat; i++) {
		if (doc->cat[i].carence)
			carence = 1;
		else
			pv_one(&d, doc, &doc->cat[i]);
	}
	if (carence)
		pv_carence(&d, doc);
	pv_annexes(&d, doc);
	*pages = d.page;
	return pvd_close(&d, e);
}

int
pv_pdf_write(const struct pv_doc *doc, const char *path, struct err *e)
{
	int pages = 0;

	/* first pass: count the pages for "Page n / N" */
	if (pv_render(doc, NULL, 0, &pages, e) == -1)
		return -1;
	return pv_render(doc, path, pages, &pages, e);
}

void
pv_release(void)
{
	pvd_release_caches();
}
