/* destroy_pdf.c: the « certificat de destruction » (R-BUR-9, R-OPS-5):
 * what was destroyed, when, on whose authority, with the fingerprints
 * taken just before, and what is kept and why. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "destroy.h"
#include "journal.h"
#include "pv_draw.h"

struct cert {
	struct destroy_status st;
	char authorised[512], actor[128];
	unsigned long long seq;
	char head[65];
};

/* "AAAA-MM-JJ HH:MM:SS" (UTC) as "JJ/MM/AAAA à HH:MM:SS UTC". */
static void
cert_date(const char *iso, char *out, size_t len)
{
	if (strlen(iso) < 19) {
		snprintf(out, len, "—");
		return;
	}
	snprintf(out, len, "%.2s/%.2s/%.4s à %.8s UTC", iso + 8, iso + 5, iso,
	    iso + 11);
}

static int
cert_who(MYSQL *el, unsigned op, struct cert *c, struct err *e)
{
	unsigned long l[2] = {0};
	MYSQL_BIND out[2];
	MYSQL_STMT *q;
	int f;

	q = db_query(el, e,
	    "SELECT authorised_by, actor FROM destruction WHERE operation_id = "
	    "?"
	    " ORDER BY step LIMIT 1",
	    "u", op);
	if (q == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, c->authorised,
	    sizeof(c->authorised) - 1, &l[0]);
	db_bind(
	    &out[1], MYSQL_TYPE_STRING, c->actor, sizeof(c->actor) - 1, &l[1]);
	f = mysql_stmt_bind_result(q, out) == 0 ? mysql_stmt_fetch(q) : 1;
	db_done(q);
	if (f != 0 && f != MYSQL_DATA_TRUNCATED)
		return err_set(e, "base des électeurs : lecture de la "
		                  "destruction impossible");
	db_cstr(c->authorised, sizeof(c->authorised), l[0]);
	db_cstr(c->actor, sizeof(c->actor), l[1]);
	return 0;
}

static void
cert_steps(struct pvd *d, const struct cert *c)
{
	static const struct pvd_col cols[] = {
	    {"Étape", 0.08, PVD_RIGHT, 0},
	    {"Données détruites", 0.47, PVD_LEFT, 0},
	    {"Lignes", 0.12, PVD_RIGHT, 0},
	    {"Détruites le", 0.33, PVD_LEFT, 0},
	};
	char n[8], rows[32], when[64], fp[128];

	pvd_table_begin(d, cols, 4);
	for (int i = 0; i < DESTROY_STEPS; i++) {
		const struct destroy_step *s = &c->st.steps[i];
		const char *row[4] = {n, s->what, rows, when};
		snprintf(n, sizeof(n), "%d", i + 1);
		snprintf(rows, sizeof(rows), "%lld", s->rows);
		cert_date(s->destroyed_at, when, sizeof(when));
		pvd_table_row(d, row, 0, 0);
	}
	pvd_table_end(d);
	pvd_space(d, 6);
	pvd_para(d,
	    "Empreintes SHA-256 prises juste avant chaque étape :", PVD_NORMAL,
	    PVD_LEFT);
	for (int i = 0; i < DESTROY_STEPS; i++) {
		snprintf(
		    fp, sizeof(fp), "étape %d : %s", i + 1, c->st.steps[i].sha);
		pvd_para(d, fp, PVD_MONO, PVD_LEFT);
	}
}

static void
cert_draw(struct pvd *d, const struct cert *c)
{
	static const struct pvd_col sig[] = {
	    {"Membre du bureau de vote", 0.5, PVD_LEFT, 0},
	    {"Signature", 0.5, PVD_LEFT, 0},
	};
	const char *blank[2] = {"", ""};
	char buf[1400], a[64], b[64];

	pvd_new_page(d);
	pvd_para(d, "CERTIFICAT DE DESTRUCTION", PVD_TITLE, PVD_CENTER);
	pvd_para(d, "des données personnelles du vote électronique", PVD_BOLD,
	    PVD_CENTER);
	pvd_space(d, 10);
	snprintf(
	    buf, sizeof(buf), "Opération : %s (%s)", c->st.name, c->st.code);
	pvd_para(d, buf, PVD_BOLD, PVD_LEFT);
	pvd_space(d, 6);
	cert_date(c->st.last_proclaimed, a, sizeof(a));
	cert_date(c->st.deadline, b, sizeof(b));
	snprintf(buf, sizeof(buf),
	    "Dernière proclamation des résultats : %s. Délai de recours : %d "
	    "jours ; contentieux consignés : %lld (aucun en cours) ; fin de la "
	    "période de conservation "
	    "pour recours : %s.",
	    a, c->st.recourse_days, c->st.disputes, b);
	pvd_para(d, buf, PVD_NORMAL, PVD_LEFT);
	pvd_space(d, 6);
	pvd_para(d,
	    "Fondement : article R2314-17 du code du travail (conservation "
	    "sous scellés "
	    "jusqu'à l'expiration du délai de recours ou, lorsqu'une action "
	    "contentieuse a été "
	    "engagée, jusqu'à la décision juridictionnelle devenue définitive, "
	    "puis destruction) ; "
	    "délibération CNIL n° 2019-053 (durée de conservation limitée, "
	    "destruction des fichiers "
	    "d'émargement et des identifiants).",
	    PVD_NORMAL, PVD_LEFT);
	pvd_space(d, 10);
	pvd_heading(d, "1. Données détruites, dans l'ordre", 80);
	cert_steps(d, c);
	pvd_space(d, 6);
	pvd_para(d,
	    "Chaque empreinte est le SHA-256 des lignes détruites, lues juste "
	    "avant leur "
	    "effacement dans un ordre fixe (docs/operations.md, « Destroy ») ; "
	    "elle permet de "
	    "constater qu'une copie éventuellement retrouvée est bien celle "
	    "qui a été détruite.",
	    PVD_SMALL, PVD_LEFT);
	pvd_space(d, 10);
	pvd_heading(d, "2. Autorisation", 60);
	snprintf(buf, sizeof(buf),
	    "Destruction autorisée par les codes du bureau de vote — %s — et "
	    "opérée par %s. Chaque étape est inscrite au journal chaîné "
	    "(action « destruction »), "
	    "dont la tête est, à l'établissement du présent certificat, "
	    "l'entrée n° %llu "
	    "d'empreinte :",
	    c->authorised, c->actor, c->seq);
	pvd_para(d, buf, PVD_NORMAL, PVD_LEFT);
	pvd_para(d, c->head, PVD_MONO, PVD_LEFT);
	pvd_space(d, 10);
	pvd_heading(d, "3. Données conservées", 60);
	pvd_para(d,
	    "Sont conservés : les procès-verbaux et les résultats proclamés "
	    "(avec les "
	    "comptes déchiffrés et les tirages au sort), le journal des "
	    "opérations, les scellements, "
	    "le tableau public des bulletins chiffrés (déjà publié, sans "
	    "identité), les listes de "
	    "candidats et la composition du bureau. Les lignes d'électeurs ne "
	    "gardent que leur "
	    "numéro interne, leur établissement, leur collège et leur statut "
	    "(nombre d'inscrits des "
	    "procès-verbaux).",
	    PVD_NORMAL, PVD_LEFT);
	pvd_space(d, 14);
	pvd_need(d, 140);
	pvd_para(d,
	    "Certifié exact par les membres du bureau de vote :", PVD_NORMAL,
	    PVD_LEFT);
	pvd_space(d, 6);
	pvd_table_begin(d, sig, 2);
	pvd_table_row(d, blank, 0, 40);
	pvd_table_row(d, blank, 0, 40);
	pvd_table_row(d, blank, 0, 40);
	pvd_table_end(d);
}

int
destroy_certificate_pdf(MYSQL *el, unsigned op, const char *pdf, struct err *e)
{
	unsigned char h[JOURNAL_HASH_LEN];
	struct cert c;
	struct pvd d;
	uint64_t seq = 0;
	int pages;

	memset(&c, 0, sizeof(c));
	if (destroy_status(el, op, &c.st, e) == -1)
		return -1;
	for (int i = 0; i < DESTROY_STEPS; i++)
		if (!c.st.steps[i].done)
			return err_set(e,
			    "destruction inachevée : l'étape %d (%s) n'est pas "
			    "faite ; "
			    "relancer isoloir-console destroy",
			    i + 1, c.st.steps[i].what);
	if (cert_who(el, op, &c, e) == -1 || journal_head(el, &seq, h, e) == -1)
		return -1;
	c.seq = (unsigned long long)seq;
	for (int i = 0; i < 32; i++)
		snprintf(c.head + 2 * i, 3, "%02x", h[i]);
	if (pvd_open(&d, NULL, 0, e) == -1)
		return -1;
	cert_draw(&d, &c);
	pages = d.page;
	if (pvd_close(&d, e) == -1 || pvd_open(&d, pdf, pages, e) == -1)
		return -1;
	snprintf(d.footer, sizeof(d.footer),
	    "Certificat de destruction — %.200s", c.st.name);
	pvd_set_title(&d, "Certificat de destruction", c.st.name);
	cert_draw(&d, &c);
	return pvd_close(&d, e);
}
