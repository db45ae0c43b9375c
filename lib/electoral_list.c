/* electoral_list.c: the electoral list (R-DATA-1) of one establishment ×
 * collège, as the unions receive it: every elector in name order with the
 * "E" mark of eligibility, as PDF (libisopv.a, the PV's page machinery) and
 * CSV. Test electors are not listed. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv.h"
#include "db.h"
#include "electoral_list.h"
#include "pv_draw.h"
#include "text.h"
#include "xmalloc.h"

struct el_row {
	char matricule[65], nom[256], prenom[256], naissance[16], site[256];
	int eligible;
};

typedef int (*el_fn)(const struct el_row *r, void *ctx);

/* Each elector of the establishment × collège, in name order. */
static int
el_each(MYSQL *el, unsigned etab, unsigned college, el_fn fn, void *ctx, unsigned long *n,
    struct err *e)
{
	struct el_row r;
	unsigned long l[5];
	signed char elig = 0;
	MYSQL_BIND out[6];
	MYSQL_STMT *st;
	int f, rc = -1;

	*n = 0;
	st = db_query(el, e, "SELECT matricule, IF(nom_usage <> '', CONCAT(nom_usage, ' née ', nom), nom),"
	    " prenom, DATE_FORMAT(date_naissance, '%d/%m/%Y'), site, eligible FROM elector"
	    " WHERE establishment_id = ? AND college_id = ? AND NOT test_elector"
	    " ORDER BY IF(nom_usage <> '', nom_usage, nom), prenom, matricule", "uu", etab, college);
	if (st == NULL)
		return -1;
	memset(&r, 0, sizeof(r));
	db_bind(&out[0], MYSQL_TYPE_STRING, r.matricule, sizeof(r.matricule) - 1, &l[0]);
	db_bind(&out[1], MYSQL_TYPE_STRING, r.nom, sizeof(r.nom) - 1, &l[1]);
	db_bind(&out[2], MYSQL_TYPE_STRING, r.prenom, sizeof(r.prenom) - 1, &l[2]);
	db_bind(&out[3], MYSQL_TYPE_STRING, r.naissance, sizeof(r.naissance) - 1, &l[3]);
	db_bind(&out[4], MYSQL_TYPE_STRING, r.site, sizeof(r.site) - 1, &l[4]);
	db_bind(&out[5], MYSQL_TYPE_TINY, &elig, 0, NULL);
	if (mysql_stmt_bind_result(st, out) != 0) {
		err_set(e, "base des électeurs : %s", mysql_stmt_error(st));
		goto out;
	}
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		db_cstr(r.matricule, sizeof(r.matricule), l[0]);
		db_cstr(r.nom, sizeof(r.nom), l[1]);
		db_cstr(r.prenom, sizeof(r.prenom), l[2]);
		db_cstr(r.naissance, sizeof(r.naissance), l[3]);
		db_cstr(r.site, sizeof(r.site), l[4]);
		r.eligible = elig != 0;
		++*n;
		if (fn != NULL && fn(&r, ctx) == -1) {
			err_set(e, "écriture de la liste électorale impossible");
			goto out;
		}
	}
	rc = f == 1 ? err_set(e, "lecture des électeurs impossible") : 0;
out:
	db_done(st);
	return rc;
}

/* ------------------------------------------------------------ CSV */


static int
csv_row(const struct el_row *r, void *ctx)
{
	FILE *f = ctx;

	csv_write_field(f, r->nom, 0);
	csv_write_field(f, r->prenom, 0);
	csv_write_field(f, r->matricule, 0);
	csv_write_field(f, r->naissance, 0);
	csv_write_field(f, r->site, 0);
	csv_write_field(f, r->eligible ? "E" : "", 1);
	return ferror(f) ? -1 : 0;
}

/* ------------------------------------------------------------ PDF */

static const struct pvd_col cols[] = {
	{ "Nom", 0.30, PVD_LEFT, PVD_COL_PLAIN },
	{ "Prénom", 0.20, PVD_LEFT, PVD_COL_PLAIN },
	{ "Matricule", 0.13, PVD_LEFT, PVD_COL_PLAIN },
	{ "Naissance", 0.13, PVD_LEFT, PVD_COL_PLAIN },
	{ "Site", 0.17, PVD_LEFT, PVD_COL_PLAIN },
	{ "Éligible", 0.07, PVD_CENTER, PVD_COL_PLAIN },
};

static int
pdf_row(const struct el_row *r, void *ctx)
{
	const char *cells[6] = { r->nom, r->prenom, r->matricule, r->naissance, r->site,
		r->eligible ? "E" : "" };

	pvd_table_row(ctx, cells, 0, 0);
	return 0;
}

static int
pdf_draw(MYSQL *el, const struct electoral_list *l, struct pvd *d, unsigned long *n,
    struct err *e)
{
	char buf[1200];

	pvd_new_page(d);
	pvd_para(d, "LISTE ÉLECTORALE", PVD_TITLE, PVD_CENTER);
	pvd_space(d, 4);
	snprintf(buf, sizeof(buf), "%s — établissement : %s — collège : %s", l->operation,
	    l->establishment, l->college);
	pvd_para(d, buf, PVD_BOLD, PVD_CENTER);
	pvd_space(d, 4);
	pvd_para(d, "« E » : électeur éligible (candidature possible). Liste arrêtée pour le premier "
	    "tour ; toute contestation est portée devant le tribunal judiciaire dans les trois jours.",
	    PVD_SMALL, PVD_CENTER);
	pvd_space(d, 8);
	pvd_table_begin(d, cols, sizeof(cols) / sizeof(cols[0]));
	if (el_each(el, l->establishment_id, l->college_id, pdf_row, d, n, e) == -1)
		return -1;
	pvd_table_end(d);
	pvd_space(d, 8);
	snprintf(buf, sizeof(buf), "%lu électeur%s inscrit%s.", *n, *n > 1 ? "s" : "", *n > 1 ? "s" : "");
	pvd_para(d, buf, PVD_BOLD, PVD_LEFT);
	return 0;
}

int
electoral_list_write(MYSQL *el, const struct electoral_list *l, const char *csv, const char *pdf,
    unsigned long *n, struct err *e)
{
	struct pvd d;
	FILE *f;
	int pages, rc;

	if ((f = fopen(csv, "w")) == NULL)
		return err_set(e, "écriture impossible de « %s »", csv);
	fputs("\xEF\xBB\xBF" "nom;prenom;matricule;date_naissance;site;eligible\n", f);
	rc = el_each(el, l->establishment_id, l->college_id, csv_row, f, n, e);
	if (fclose(f) != 0 && rc == 0)
		rc = err_set(e, "écriture impossible de « %s »", csv);
	if (rc == -1)
		return -1;
	/* two passes: the page count first, for "Page n / N" */
	if (pvd_open(&d, NULL, 0, e) == -1)
		return -1;
	rc = pdf_draw(el, l, &d, n, e);
	pages = d.page;
	if (pvd_close(&d, e) == -1 || rc == -1 || pvd_open(&d, pdf, pages, e) == -1)
		return -1;
	snprintf(d.footer, sizeof(d.footer), "Liste électorale — %.80s — %.60s", l->establishment,
	    l->college);
	pvd_set_title(&d, "Liste électorale", l->operation);
	if (pdf_draw(el, l, &d, n, e) == -1) {
		struct err ignored;
		pvd_close(&d, &ignored);
		return -1;
	}
	return pvd_close(&d, e);
}

/* ------------------------------------------------------------ all of them */

/* A file name from a French name: "Siège de Niort" → "siege-de-niort". */
static void
slug(const char *s, char *out, size_t cap)
{
	char *f = text_fold(s);   /* lowercase, accents removed */
	size_t o = 0;
	int dash = 0;

	for (const char *p = f; *p != '\0' && o + 2 < cap; p++) {
		if (isalnum((unsigned char)*p)) {
			if (dash && o > 0)
				out[o++] = '-';
			out[o++] = *p;
			dash = 0;
		} else {
			dash = 1;
		}
	}
	out[o] = '\0';
	free(f);
}

struct el_pair {
	unsigned etab, college;
	char etab_name[256], college_name[256];
};

int
electoral_lists_write(MYSQL *el, unsigned operation_id, const char *operation_name,
    const char *dir, electoral_done_fn fn, void *ctx, struct err *e)
{
	struct el_pair cur, *pairs = NULL;
	char se[128], sc[128], csv[4096], pdf[4096];
	unsigned long l1, l2, n;
	size_t np = 0;
	MYSQL_BIND out[4];
	MYSQL_STMT *st;
	int f, rc = -1;

	st = db_query(el, e, "SELECT e.id, e.name, c.id, c.name FROM establishment e JOIN college c"
	    " ON c.operation_id = e.operation_id WHERE e.operation_id = ? ORDER BY e.id, c.id", "u",
	    operation_id);
	if (st == NULL)
		return -1;
	memset(&cur, 0, sizeof(cur));
	db_bind(&out[0], MYSQL_TYPE_LONG, &cur.etab, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, cur.etab_name, sizeof(cur.etab_name) - 1, &l1);
	db_bind(&out[2], MYSQL_TYPE_LONG, &cur.college, 0, NULL);
	db_bind(&out[3], MYSQL_TYPE_STRING, cur.college_name, sizeof(cur.college_name) - 1, &l2);
	if (mysql_stmt_bind_result(st, out) != 0) {
		err_set(e, "base des électeurs : %s", mysql_stmt_error(st));
		db_done(st);
		return -1;
	}
	/* read them all first: the lists use the same connection */
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		db_cstr(cur.etab_name, sizeof(cur.etab_name), l1);
		db_cstr(cur.college_name, sizeof(cur.college_name), l2);
		pairs = xreallocarray(pairs, np + 1, sizeof(*pairs));
		pairs[np++] = cur;
	}
	db_done(st);
	mkdir(dir, 0700);
	for (size_t i = 0; i < np; i++) {
		struct electoral_list l = { pairs[i].etab, pairs[i].college, operation_name,
			pairs[i].etab_name, pairs[i].college_name };
		slug(pairs[i].etab_name, se, sizeof(se));
		slug(pairs[i].college_name, sc, sizeof(sc));
		snprintf(csv, sizeof(csv), "%s/liste-electorale-%s-%s.csv", dir, se, sc);
		snprintf(pdf, sizeof(pdf), "%s/liste-electorale-%s-%s.pdf", dir, se, sc);
		if (electoral_list_write(el, &l, csv, pdf, &n, e) == -1)
			goto out;
		fn(pairs[i].etab_name, pairs[i].college_name, pdf, n, ctx);
	}
	rc = 0;
out:
	free(pairs);
	return rc;
}
