/* ceremony_pdf.c: the record of a ceremony as PDF (R-BUR-10), for those
 * present to sign: title, operation and scrutin, when (Europe/Paris), who
 * was present with their role, each step with its result and time, for
 * the sealing meeting the lists validated and the test vote's comparison,
 * the fingerprints (seal, F, journal heads) and the signature boxes. Part
 * of libisopv.a (the PV's page machinery, lib/pv_draw.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ceremony.h"
#include "ceremony_check.h"
#include "journal.h"
#include "pv.h"
#include "pv_draw.h"
#include "seal.h"
#include "testvote.h"

/* What the record shows besides the status. */
struct cer_doc {
	json_t *st;    /* ceremony_status */
	json_t *lists; /* the ballot's lists (sealing), or NULL */
	json_t *cmp;   /* the test vote's latest comparison, or NULL */
	char cmp_report[CER_RESULT_MAX];
	char seal[80], fp[80], jel[160], jurn[160];
	char now[32];
};

static const char *
cd_str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s != NULL ? s : "";
}

/* "2026-11-30 14:05:09" UTC → "30/11/2026 à 15 h 05" in Paris. */
static void
cd_paris(const char *utc, char *out, size_t cap)
{
	char p[32];

	pv_utc_to_paris(utc, p, sizeof(p));
	pv_format_datetime(p, out, cap);
}

static void
cd_para_kv(struct pvd *d, const char *k, const char *v)
{
	char line[LC_LABEL_MAX + 256];

	snprintf(line, sizeof(line), "%s : %s", k, v);
	pvd_para(d, line, PVD_NORMAL, PVD_LEFT);
}

static void
cd_head(struct pvd *d, const struct cer_doc *c)
{
	char when[64], line[LC_LABEL_MAX + 128];
	const json_t *st = c->st;

	pvd_para(d, cd_str(st, "titre"), PVD_TITLE, PVD_CENTER);
	pvd_space(d, 4);
	pvd_para(d, "Vote électronique par internet", PVD_ITALIC, PVD_CENTER);
	pvd_space(d, 10);
	snprintf(line, sizeof(line), "%s (%s)", cd_str(st, "operation"),
	    cd_str(st, "code_operation"));
	cd_para_kv(d, "Opération", line);
	snprintf(line, sizeof(line), "n° %lld — %s",
	    (long long)json_integer_value(json_object_get(st, "scrutin")),
	    cd_str(st, "libelle"));
	cd_para_kv(d, "Scrutin", line);
	snprintf(line, sizeof(line), "%s (cérémonie n° %lld)",
	    cd_str(st, "libelle_genre"),
	    (long long)json_integer_value(json_object_get(st, "id")));
	cd_para_kv(d, "Séance", line);
	cd_paris(cd_str(st, "debut"), when, sizeof(when));
	snprintf(line, sizeof(line), "le %s (heure de Paris)", when);
	cd_para_kv(d, "Ouverte", line);
	if (json_string_value(json_object_get(st, "fin")) != NULL) {
		cd_paris(cd_str(st, "fin"), when, sizeof(when));
		snprintf(line, sizeof(line), "le %s (heure de Paris)", when);
		cd_para_kv(d, "Terminée", line);
	} else {
		snprintf(line, sizeof(line),
		    "%lld étape(s) faite(s) sur %zu : séance en cours",
		    (long long)json_integer_value(
		        json_object_get(st, "faites")),
		    json_array_size(json_object_get(st, "etapes")));
		cd_para_kv(d, "Avancement", line);
	}
	cd_para_kv(d, "État du scrutin", cd_str(st, "etat"));
	cd_paris(c->now, when, sizeof(when));
	snprintf(line, sizeof(line), "le %s (heure de Paris)", when);
	cd_para_kv(d, "Procès-verbal édité", line);
	pvd_space(d, 8);
}

static void
cd_present(struct pvd *d, const struct cer_doc *c)
{
	static const struct pvd_col cols[] = {
	    {"Nom", 0.5, PVD_LEFT, PVD_COL_PLAIN},
	    {"Qualité", 0.5, PVD_LEFT, PVD_COL_PLAIN},
	};
	const json_t *p;
	size_t i;

	pvd_heading(d, "Personnes présentes", 60);
	pvd_table_begin(d, cols, 2);
	json_array_foreach(json_object_get(c->st, "presents"), i, p)
	{
		const char *cells[2] = {cd_str(p, "nom"), cd_str(p, "role")};
		pvd_table_row(d, cells, 0, 0);
	}
	pvd_table_end(d);
	pvd_space(d, 8);
}

static void
cd_steps(struct pvd *d, const struct cer_doc *c)
{
	static const struct pvd_col cols[] = {
	    {"n°", 0.05, PVD_CENTER, PVD_COL_PLAIN},
	    {"Étape", 0.30, PVD_LEFT, PVD_COL_PLAIN},
	    {"Heure (Paris)", 0.15, PVD_LEFT, PVD_COL_PLAIN},
	    {"Résultat", 0.50, PVD_LEFT, PVD_COL_PLAIN},
	};
	const json_t *s;
	size_t i;

	pvd_heading(d, "Déroulement de la séance", 60);
	pvd_table_begin(d, cols, 4);
	json_array_foreach(json_object_get(c->st, "etapes"), i, s)
	{
		char no[24], when[64] = "—", step[512],
		             res[CER_RESULT_MAX + 300];
		const char *cells[4] = {no, step, when, res};
		int made = json_is_true(json_object_get(s, "faite"));
		snprintf(no, sizeof(no), "%zu", i + 1);
		snprintf(step, sizeof(step), "%s (%s)", cd_str(s, "libelle"),
		    cd_str(s, "nature"));
		if (made) {
			cd_paris(cd_str(s, "heure"), when, sizeof(when));
			snprintf(res, sizeof(res), "%s", cd_str(s, "resultat"));
		} else
			snprintf(res, sizeof(res), "Non faite.");
		pvd_table_row(d, cells, 0, 0);
	}
	pvd_table_end(d);
	pvd_space(d, 8);
}

/* Sealing: the lists as validated, then the test vote's comparison. */
static void
cd_sealing(struct pvd *d, const struct cer_doc *c)
{
	static const struct pvd_col lcols[] = {
	    {"Ordre", 0.08, PVD_CENTER, PVD_COL_PLAIN},
	    {"Liste", 0.32, PVD_LEFT, PVD_COL_PLAIN},
	    {"Candidats, dans l'ordre de présentation", 0.60, PVD_LEFT,
	        PVD_COL_PLAIN},
	};
	static const struct pvd_col tcols[] = {
	    {"Liste ou candidat", 0.60, PVD_LEFT, PVD_COL_PLAIN},
	    {"Attendu (plan)", 0.20, PVD_RIGHT, PVD_COL_PLAIN},
	    {"Obtenu", 0.20, PVD_RIGHT, PVD_COL_PLAIN},
	};
	const json_t *l, *r;
	size_t i;

	if (c->lists != NULL) {
		pvd_heading(d,
		    "Listes de candidats validées (ordre du tirage au sort)",
		    60);
		pvd_table_begin(d, lcols, 3);
		json_array_foreach(c->lists, i, l)
		{
			char no[24], names[4096] = "";
			const char *cells[3] = {no, cd_str(l, "nom"), names};
			const json_t *k;
			size_t j, len = 0;
			snprintf(no, sizeof(no), "%zu", i + 1);
			json_array_foreach(json_object_get(l, "candidats"), j,
			    k) if (len < sizeof(names)) len +=
			    (size_t)snprintf(names + len, sizeof(names) - len,
			        "%s%s %s", j > 0 ? ", " : "",
			        cd_str(k, "prenom"), cd_str(k, "nom"));
			pvd_table_row(d, cells, 0, 0);
		}
		pvd_table_end(d);
		pvd_space(d, 8);
	}
	pvd_heading(d, "Vote à blanc : résultats attendus et obtenus", 60);
	if (c->cmp == NULL) {
		pvd_para(
		    d, "Aucune comparaison enregistrée.", PVD_ITALIC, PVD_LEFT);
		return;
	}
	pvd_table_begin(d, tcols, 3);
	json_array_foreach(c->cmp, i, r)
	{
		char want[32], got[32];
		const char *cells[3] = {cd_str(r, "ligne"), want, got};
		json_t *g = json_object_get(r, "obtenu");
		snprintf(want, sizeof(want), "%lld",
		    (long long)json_integer_value(
		        json_object_get(r, "attendu")));
		snprintf(got, sizeof(got), json_is_integer(g) ? "%lld" : "—",
		    (long long)json_integer_value(g));
		pvd_table_row(d, cells,
		    json_integer_value(json_object_get(r, "attendu")) !=
		            json_integer_value(g) ||
		        !json_is_integer(g),
		    0);
	}
	pvd_table_end(d);
	pvd_space(d, 4);
	pvd_notice(d, c->cmp_report);
	pvd_space(d, 8);
}

static void
cd_prints(struct pvd *d, const struct cer_doc *c)
{
	static const struct pvd_col cols[] = {
	    {NULL, 0.30, PVD_LEFT, PVD_COL_KEY},
	    {NULL, 0.70, PVD_LEFT, PVD_COL_MONO},
	};
	const char *rows[4][2] = {
	    {"Scellement (dernier)", c->seal[0] != '\0' ? c->seal : "aucun"},
	    {"Empreinte F de l'élection",
	        c->fp[0] != '\0' ? c->fp : "aucune (clés non installées)"},
	    {"Tête du journal des électeurs", c->jel},
	    {"Tête du journal de l'urne", c->jurn},
	};

	pvd_heading(d, "Empreintes", 80);
	pvd_table_begin(d, cols, 2);
	for (size_t i = 0; i < 4; i++)
		pvd_table_row(d, rows[i], 0, 0);
	pvd_table_end(d);
	pvd_space(d, 12);
}

static void
cd_signatures(struct pvd *d, const struct cer_doc *c)
{
	static const struct pvd_col cols[] = {
	    {"Nom et qualité", 0.5, PVD_LEFT, PVD_COL_KEY},
	    {"Signature", 0.5, PVD_LEFT, PVD_COL_PLAIN},
	};
	const json_t *p;
	size_t i;
	size_t n = json_array_size(json_object_get(c->st, "presents"));
	double all = 40 + 52.0 * (double)(n + 1);

	/* the signatures together on one page when they fit on one */
	pvd_need(d, all < PVD_PAGE_H - 2 * PVD_MARGIN - 60 ? all : 120);
	pvd_heading(d, "Signatures des personnes présentes", 100);
	pvd_table_begin(d, cols, 2);
	json_array_foreach(json_object_get(c->st, "presents"), i, p)
	{
		char who[600];
		const char *cells[2] = {who, ""};
		snprintf(who, sizeof(who), "%s, %s", cd_str(p, "nom"),
		    cd_str(p, "role"));
		pvd_table_row(d, cells, 0, 48);
	}
	pvd_table_end(d);
}

static void
cd_draw(struct pvd *d, const struct cer_doc *c)
{
	pvd_new_page(d);
	cd_head(d, c);
	cd_present(d, c);
	cd_steps(d, c);
	if (strcmp(cd_str(c->st, "genre"), "sealing") == 0)
		cd_sealing(d, c);
	cd_prints(d, c);
	cd_signatures(d, c);
}

/* The fingerprints and the sealing meeting's extra content. */
static int
cd_load(MYSQL *el, MYSQL *urn, struct cer_doc *c, struct err *e)
{
	unsigned scrutin =
	    (unsigned)json_integer_value(json_object_get(c->st, "scrutin"));
	unsigned char h[JOURNAL_HASH_LEN];
	char hex[2 * JOURNAL_HASH_LEN + 1];
	uint64_t seq = 0;
	json_t *r;
	int nul = 0;

	if ((r = cer_rows(urn, e,
	         "SELECT LOWER(HEX(fingerprint)) FROM seal WHERE scrutin_id = ?"
	         " ORDER BY id DESC LIMIT 1",
	         scrutin, 1)) == NULL)
		return -1;
	snprintf(c->seal, sizeof(c->seal), "%s", cer_cell(r, 0, 0));
	json_decref(r);
	if ((r = cer_rows(el, e,
	         "SELECT fingerprint FROM scrutin_crypto WHERE scrutin_id = ? "
	         "AND"
	         " key_transcript IS NOT NULL",
	         scrutin, 1)) == NULL)
		return -1;
	snprintf(c->fp, sizeof(c->fp), "%s", cer_cell(r, 0, 0));
	json_decref(r);
	if (journal_head(el, &seq, h, e) == -1)
		return -1;
	journal_hex(h, JOURNAL_HASH_LEN, hex);
	snprintf(c->jel, sizeof(c->jel), "n° %llu : %s",
	    (unsigned long long)seq, hex);
	if (journal_head(urn, &seq, h, e) == -1)
		return -1;
	journal_hex(h, JOURNAL_HASH_LEN, hex);
	snprintf(c->jurn, sizeof(c->jurn), "n° %llu : %s",
	    (unsigned long long)seq, hex);
	if (strcmp(cd_str(c->st, "genre"), "sealing") != 0)
		return 0;
	if ((r = testvote_page(el, scrutin, &nul, e)) != NULL) {
		c->lists = json_incref(json_object_get(r, "listes"));
		json_decref(r);
	}
	if ((r = cer_rows(el, e,
	         "SELECT comparison, report FROM test_vote_check WHERE"
	         " scrutin_id = ? ORDER BY id DESC LIMIT 1",
	         scrutin, 2)) == NULL)
		return -1;
	if (json_array_size(r) > 0) {
		c->cmp = json_loads(cer_cell(r, 0, 0), 0, NULL);
		snprintf(c->cmp_report, sizeof(c->cmp_report),
		    "Vote à blanc : %s", cer_cell(r, 0, 1));
	}
	json_decref(r);
	return 0;
}

/* The printed record's digest goes in the journal. */
static int
cd_journal(MYSQL *el, const char *actor, unsigned ceremony,
    const struct cer_doc *c, const char *sha256, struct err *e)
{
	json_t *d = json_pack("{s:i,s:s,s:s,s:i}", "ceremonie", (int)ceremony,
	    "titre", cd_str(c->st, "titre"), "sha256", sha256, "etapes_faites",
	    (int)json_integer_value(json_object_get(c->st, "faites")));
	char *s =
	    d != NULL ? json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	int rc;

	if (s == NULL)
		rc = err_set(e, "journal : détail invalide (UTF-8 ?)");
	else
		rc = journal_append(el, actor, "ceremonie_pv",
		    (unsigned)json_integer_value(
		        json_object_get(c->st, "scrutin")),
		    s, NULL, e);
	free(s);
	json_decref(d);
	return rc;
}

#define CER_PDF_MAX 64

static void
cd_free(struct cer_doc *docs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		json_decref(docs[i].st);
		json_decref(docs[i].lists);
		json_decref(docs[i].cmp);
	}
	free(docs);
}

int
ceremony_pdf(MYSQL *el, MYSQL *urn, const unsigned *ids, size_t n,
    const char *pdf, const char *actor, char *title, size_t cap,
    char sha256[65], struct err *e)
{
	unsigned char md[SEAL_LEN];
	struct cer_doc *docs;
	time_t t = time(NULL);
	char now[32];
	struct tm tm;
	struct pvd d;
	int pages, rc = -1;

	if (n == 0 || n > CER_PDF_MAX)
		return err_set(
		    e, "de 1 à %d cérémonies par procès-verbal", CER_PDF_MAX);
	if ((docs = calloc(n, sizeof(*docs))) == NULL)
		return err_set(e, "mémoire insuffisante");
	gmtime_r(&t, &tm);
	strftime(now, sizeof(now), "%Y-%m-%d %H:%M:%S", &tm);
	for (size_t i = 0; i < n; i++) {
		memcpy(docs[i].now, now, sizeof(now));
		if ((docs[i].st = ceremony_status(el, ids[i], e)) == NULL ||
		    cd_load(el, urn, &docs[i], e) == -1)
			goto out;
		/* one record is one kind of ceremony, over one or more scrutins
		 */
		if (strcmp(cd_str(docs[i].st, "titre"),
		        cd_str(docs[0].st, "titre")) != 0) {
			err_set(e,
			    "la cérémonie n° %u (%s) n'est pas du même genre "
			    "ni au même point que "
			    "la n° %u (%s)",
			    ids[i], cd_str(docs[i].st, "titre"), ids[0],
			    cd_str(docs[0].st, "titre"));
			goto out;
		}
	}
	snprintf(title, cap, "%s", cd_str(docs[0].st, "titre"));
	/* first pass: count the pages, so that each says "n / N" */
	if (pvd_open(&d, NULL, 0, e) == -1)
		goto out;
	for (size_t i = 0; i < n; i++)
		cd_draw(&d, &docs[i]);
	pages = d.page;
	if (pvd_close(&d, e) == -1 || pvd_open(&d, pdf, pages, e) == -1)
		goto out;
	if (n == 1)
		snprintf(d.footer, sizeof(d.footer), "%.90s — %.120s", title,
		    cd_str(docs[0].st, "libelle"));
	else
		snprintf(d.footer, sizeof(d.footer), "%.90s — %zu scrutins",
		    title, n);
	pvd_set_title(&d, title,
	    n == 1 ? cd_str(docs[0].st, "libelle")
	           : cd_str(docs[0].st, "operation"));
	for (size_t i = 0; i < n; i++)
		cd_draw(&d, &docs[i]);
	if (pvd_close(&d, e) == -1 || seal_file_digest(pdf, md, e) == -1)
		goto out;
	journal_hex(md, SEAL_LEN, sha256);
	for (size_t i = 0; i < n; i++)
		if (cd_journal(el, actor, ids[i], &docs[i], sha256, e) == -1)
			goto out;
	rc = 0;
out:
	cd_free(docs, n);
	return rc;
}
