/* candidates.c: the candidates file, read and checked (candidates.h).
 * The file is small (a few thousand rows at most): it is held in memory,
 * grouped by scrutin and list in the order of first appearance, then each
 * group is checked as a whole. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "candidates.h"
#include "csv.h"
#include "text.h"
#include "xmalloc.h"

enum ccol {
	K_ETAB, K_COLLEGE, K_CATEGORIE, K_LISTE_ORDRE, K_LISTE_NOM, K_SYNDICAT,
	K_CAND_ORDRE, K_MATRICULE, K_NOM, K_PRENOM, K_SEXE, K_NAISSANCE, K_TOUR, K_COUNT
};
#define K_REQUIRED_COLUMNS K_TOUR

static const char *const kcol_names[K_COUNT] = {
	"etablissement", "college", "categorie", "liste_ordre", "liste_nom", "syndicat",
	"candidat_ordre", "matricule", "nom", "prenom", "sexe", "date_naissance", "tour",
};

struct cctx {
	struct import_report *rep;
	int col[K_COUNT];
	size_t width;
};

#define kpush import_report_push
#define kerr(x, ...) import_report_err((x)->rep, __VA_ARGS__)

static size_t
kcol(const struct cctx *x, enum ccol c)
{
	return (size_t)x->col[c] + 1;
}

static const char *
kget(const struct cctx *x, const struct csv_record *r, enum ccol c)
{
	return r->field[x->col[c]];
}

static int
header_map(struct cctx *x, const struct csv_record *h)
{
	int ok = 1;

	for (int c = 0; c < K_COUNT; c++)
		x->col[c] = -1;
	x->width = h->n;
	for (size_t i = 0; i < h->n; i++) {
		char *f = text_fold(h->field[i]);
		for (int c = 0; c < K_COUNT; c++) {
			if (strcmp(f, kcol_names[c]) != 0)
				continue;
			if (x->col[c] >= 0) {
				kerr(x, h->line, i + 1, "colonne « %s » en double dans l'en-tête", kcol_names[c]);
				ok = 0;
			}
			x->col[c] = (int)i;
		}
		free(f);
	}
	for (int c = 0; c < K_REQUIRED_COLUMNS; c++)
		if (x->col[c] < 0) {
			kerr(x, h->line, h->n + 1, "colonne obligatoire « %s » absente de l'en-tête",
			    kcol_names[c]);
			ok = 0;
		}
	return ok;
}

/* ------------------------------------------------------------- unions */

static int
union_name_ok(const char *s, size_t n)
{
	if (n == 0 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == ':' || s[i] == '+' || s[i] == '"' || s[i] == '\\' ||
		    (unsigned char)s[i] < 0x20)
			return 0;
	return 1;
}

int
candidates_unions(const char *s, char **unions, char **split, struct err *e)
{
	struct buf u = BUF_INIT, j = BUF_INIT;
	const char *p = s, *plus, *colon;
	int n = 0, with = -1, total = 0, rc = -1;

	*unions = *split = NULL;
	if (*s == '\0') {
		*unions = xstrdup("");
		return 0;
	}
	for (;;) {
		size_t len;
		long share = 0;
		plus = strchr(p, '+');
		len = plus != NULL ? (size_t)(plus - p) : strlen(p);
		colon = memchr(p, ':', len);
		if (n == CAND_MAX_UNIONS) {
			err_set(e, "plus de %d syndicats sur une liste commune", CAND_MAX_UNIONS);
			goto out;
		}
		if (!union_name_ok(p, colon != NULL ? (size_t)(colon - p) : len)) {
			err_set(e, "syndicat invalide « %s » (ex. « CFDT », « CFDT+UNSA » ou « CFDT:60+UNSA:40 »)", s);
			goto out;
		}
		if ((colon != NULL) != (with != 0) && with != -1) {
			err_set(e, "clé de répartition incomplète « %s » : toutes les parts ou aucune", s);
			goto out;
		}
		with = colon != NULL;
		if (colon != NULL) {
			const char *d = colon + 1;
			if (d == p + len || p + len - d > 3) {
				err_set(e, "part invalide dans « %s » (pourcentage entier attendu)", s);
				goto out;
			}
			for (; d < p + len; d++) {
				if (!isdigit((unsigned char)*d)) {
					err_set(e, "part invalide dans « %s » (pourcentage entier attendu)", s);
					goto out;
				}
				share = share * 10 + (*d - '0');
			}
			if (share <= 0 || share >= 100) {
				err_set(e, "part invalide dans « %s » (entre 1 et 99 %%)", s);
				goto out;
			}
			total += (int)share;
		}
		buf_printf(&u, "%s%.*s", n ? "+" : "", (int)(colon != NULL ? colon - p : (long)len), p);
		if (colon != NULL)
			buf_printf(&j, "%s\"%.*s\":%ld", n ? "," : "{", (int)(colon - p), p, share);
		n++;
		if (plus == NULL)
			break;
		p = plus + 1;
	}
	if (with == 1 && n < 2) {
		err_set(e, "clé de répartition sans liste commune « %s »", s);
		goto out;
	}
	if (with == 1 && total != 100) {
		err_set(e, "les parts de « %s » font %d %% au lieu de 100 %%", s, total);
		goto out;
	}
	*unions = buf_take(&u);
	if (with == 1) {
		buf_putc(&j, '}');
		*split = buf_take(&j);
	}
	rc = 0;
out:
	buf_free(&u);
	buf_free(&j);
	return rc;
}

/* ------------------------------------------------------------- rows */

static int
parse_order(const char *s, unsigned *v)
{
	unsigned long n = 0;

	if (*s == '\0' || strlen(s) > 4)
		return -1;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		n = n * 10 + (unsigned long)(*s - '0');
	}
	if (n == 0)
		return -1;
	*v = (unsigned)n;
	return 0;
}

static int
parse_category(const char *s, int *supp)
{
	char *f = text_fold(s);
	int rc = 0;

	if (strcmp(f, "titulaire") == 0 || strcmp(f, "titulaires") == 0)
		*supp = 0;
	else if (strcmp(f, "suppleant") == 0 || strcmp(f, "suppleants") == 0)
		*supp = 1;
	else
		rc = -1;
	free(f);
	return rc;
}

/* The scrutin of a row (same establishment, collège and category, case
 * and accents ignored), created at its first row. */
static struct cand_scrutin *
scrutin_of(struct cand_file *f, const char *etab, const char *college, int supp, unsigned round,
    unsigned long line)
{
	char *fe = text_fold(etab), *fc = text_fold(college);
	struct cand_scrutin *s = NULL;

	for (size_t i = 0; i < f->n && s == NULL; i++) {
		char *a = text_fold(f->s[i].etablissement), *b = text_fold(f->s[i].college);
		if (strcmp(a, fe) == 0 && strcmp(b, fc) == 0 && f->s[i].suppleants == supp &&
		    f->s[i].round == round)
			s = &f->s[i];
		free(a);
		free(b);
	}
	if (s == NULL) {
		f->s = xreallocarray(f->s, f->n + 1, sizeof(*f->s));
		s = &f->s[f->n++];
		memset(s, 0, sizeof(*s));
		s->line = line;
		s->etablissement = xstrdup(etab);
		s->college = xstrdup(college);
		s->suppleants = supp;
		s->round = round;
	}
	free(fe);
	free(fc);
	return s;
}

static struct cand_list *
list_of(struct cand_scrutin *s, unsigned order, unsigned long line)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->l[i].order == order)
			return &s->l[i];
	s->l = xreallocarray(s->l, s->n + 1, sizeof(*s->l));
	memset(&s->l[s->n], 0, sizeof(*s->l));
	s->l[s->n].order = order;
	s->l[s->n].line = line;
	return &s->l[s->n++];
}

static void
add_row(struct cctx *x, struct cand_file *f, const struct csv_record *r)
{
	const char *cat = kget(x, r, K_CATEGORIE), *sexe = kget(x, r, K_SEXE);
	unsigned lorder = 0, corder = 0;
	char *unions = NULL, *split = NULL;
	int supp = 0, dob, ok = 1;
	unsigned round = 1;
	struct cand_scrutin *s;
	struct cand_list *l;
	struct cand *c;
	struct err e;
	char sx = 0;

	if (r->n != x->width) {
		kerr(x, r->line, (r->n < x->width ? r->n : x->width) + 1, "%zu champs au lieu de %zu",
		    r->n, x->width);
		return;
	}
	for (int k = 0; k < K_REQUIRED_COLUMNS; k++) {
		if (k == K_SYNDICAT)
			continue;
		if (*kget(x, r, (enum ccol)k) == '\0') {
			kerr(x, r->line, kcol(x, (enum ccol)k), "%s manquant", kcol_names[k]);
			ok = 0;
		} else if (strlen(kget(x, r, (enum ccol)k)) > 255) {
			kerr(x, r->line, kcol(x, (enum ccol)k), "%s trop long (255 caractères au plus)",
			    kcol_names[k]);
			ok = 0;
		}
	}
	if (x->col[K_TOUR] >= 0 && *kget(x, r, K_TOUR) != '\0' &&
	    strcmp(kget(x, r, K_TOUR), "1") != 0 && strcmp(kget(x, r, K_TOUR), "2") != 0) {
		kerr(x, r->line, kcol(x, K_TOUR), "tour invalide « %s » (1 ou 2)", kget(x, r, K_TOUR));
		ok = 0;
	} else if (x->col[K_TOUR] >= 0 && strcmp(kget(x, r, K_TOUR), "2") == 0) {
		round = 2;
	}
	if (*cat != '\0' && parse_category(cat, &supp) == -1) {
		kerr(x, r->line, kcol(x, K_CATEGORIE), "categorie invalide « %s » (titulaire ou suppleant)", cat);
		ok = 0;
	}
	if (*kget(x, r, K_LISTE_ORDRE) != '\0' && parse_order(kget(x, r, K_LISTE_ORDRE), &lorder) == -1) {
		kerr(x, r->line, kcol(x, K_LISTE_ORDRE), "liste_ordre invalide « %s » (entier à partir de 1)",
		    kget(x, r, K_LISTE_ORDRE));
		ok = 0;
	}
	if (*kget(x, r, K_CAND_ORDRE) != '\0' && parse_order(kget(x, r, K_CAND_ORDRE), &corder) == -1) {
		kerr(x, r->line, kcol(x, K_CAND_ORDRE), "candidat_ordre invalide « %s » (entier à partir de 1)",
		    kget(x, r, K_CAND_ORDRE));
		ok = 0;
	}
	if (strcasecmp(sexe, "F") == 0)
		sx = 'F';
	else if (strcasecmp(sexe, "M") == 0 || strcasecmp(sexe, "H") == 0)
		sx = 'M';
	else if (*sexe != '\0') {
		kerr(x, r->line, kcol(x, K_SEXE), "sexe invalide « %s » (F ou M attendu)", sexe);
		ok = 0;
	}
	dob = import_date(kget(x, r, K_NAISSANCE));
	if (*kget(x, r, K_NAISSANCE) != '\0' && dob == 0) {
		kerr(x, r->line, kcol(x, K_NAISSANCE), "date_naissance invalide « %s » (JJ/MM/AAAA ou AAAA-MM-JJ)",
		    kget(x, r, K_NAISSANCE));
		ok = 0;
	}
	if (candidates_unions(kget(x, r, K_SYNDICAT), &unions, &split, &e) == -1) {
		kerr(x, r->line, kcol(x, K_SYNDICAT), "%s", e.msg);
		ok = 0;
	}
	if (!ok)
		goto out;
	s = scrutin_of(f, kget(x, r, K_ETAB), kget(x, r, K_COLLEGE), supp, round, r->line);
	l = list_of(s, lorder, r->line);
	if (l->name == NULL) {
		l->name = xstrdup(kget(x, r, K_LISTE_NOM));
		l->unions = unions;
		l->split = split;
		unions = split = NULL;
	} else if (strcmp(l->name, kget(x, r, K_LISTE_NOM)) != 0) {
		kerr(x, r->line, kcol(x, K_LISTE_NOM), "la liste n° %u s'appelle « %s » à la ligne %lu, "
		    "pas « %s »", lorder, l->name, l->line, kget(x, r, K_LISTE_NOM));
		goto out;
	} else if (strcmp(l->unions, unions) != 0 || (l->split == NULL) != (split == NULL) ||
	    (split != NULL && strcmp(l->split, split) != 0)) {
		kerr(x, r->line, kcol(x, K_SYNDICAT), "syndicat « %s » différent de celui de la ligne %lu "
		    "pour la même liste", kget(x, r, K_SYNDICAT), l->line);
		goto out;
	}
	l->c = xreallocarray(l->c, l->n + 1, sizeof(*l->c));
	c = &l->c[l->n++];
	c->line = r->line;
	c->order = corder;
	c->matricule = xstrdup(kget(x, r, K_MATRICULE));
	c->nom = xstrdup(kget(x, r, K_NOM));
	c->prenom = xstrdup(kget(x, r, K_PRENOM));
	c->sexe = sx;
	c->naissance = dob;
	f->rows++;
out:
	free(unions);
	free(split);
}

/* ---------------------------------------------------------- structure */

static int
cmp_list(const void *a, const void *b)
{
	const struct cand_list *x = a, *y = b;

	return (x->order > y->order) - (x->order < y->order);
}

static int
cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	return (x->order > y->order) - (x->order < y->order);
}

static const char *
scrutin_name(const struct cand_scrutin *s, char *out, size_t cap)
{
	snprintf(out, cap, "%s, %s, %s%s", s->etablissement, s->college,
	    s->suppleants ? "suppléants" : "titulaires", s->round == 2 ? ", 2d tour" : "");
	return out;
}

/* Lists 1..n, distinct names, candidates 1..k, nobody twice. */
static void
check_scrutin(struct cctx *x, struct cand_scrutin *s)
{
	char name[800];

	qsort(s->l, s->n, sizeof(*s->l), cmp_list);
	for (size_t i = 0; i < s->n; i++) {
		struct cand_list *l = &s->l[i];
		if (l->order != i + 1)
			kerr(x, l->line, kcol(x, K_LISTE_ORDRE), "scrutin « %s » : liste n° %u alors que "
			    "la liste n° %zu manque (ordre du tirage 1, 2, 3…)",
			    scrutin_name(s, name, sizeof(name)), l->order, i + 1);
		for (size_t j = 0; j < i; j++)
			if (strcmp(s->l[j].name, l->name) == 0)
				kerr(x, l->line, kcol(x, K_LISTE_NOM), "deux listes s'appellent « %s » dans "
				    "le scrutin « %s »", l->name, scrutin_name(s, name, sizeof(name)));
		qsort(l->c, l->n, sizeof(*l->c), cmp_cand);
		for (size_t k = 0; k < l->n; k++) {
			if (l->c[k].order != k + 1) {
				kerr(x, l->c[k].line, kcol(x, K_CAND_ORDRE), "liste « %s » : candidat n° %u "
				    "alors que le n° %zu manque ou est en double", l->name, l->c[k].order, k + 1);
				break;
			}
		}
	}
	/* nobody on two lists of one scrutin, nor twice on one list */
	for (size_t i = 0; i < s->n; i++)
		for (size_t k = 0; k < s->l[i].n; k++)
			for (size_t j = 0; j <= i; j++)
				for (size_t m = 0; m < (j == i ? k : s->l[j].n); m++)
					if (strcmp(s->l[j].c[m].matricule, s->l[i].c[k].matricule) == 0)
						kerr(x, s->l[i].c[k].line, kcol(x, K_MATRICULE),
						    "le matricule %s est déjà candidat ligne %lu (liste « %s ») "
						    "dans le même scrutin", s->l[i].c[k].matricule,
						    s->l[j].c[m].line, s->l[j].name);
}

int
candidates_read(const char *path, struct cand_file *f, struct import_report *rep,
    struct err *e)
{
	struct cctx x = { rep, { 0 }, 0 };
	struct csv_reader r;
	struct csv_record rec;
	int rc;

	memset(rep, 0, sizeof(*rep));
	memset(f, 0, sizeof(*f));
	if (csv_open(&r, path, e) == -1) {
		if (strncmp(e->msg, "ligne ", 6) != 0)
			return -1;
		kpush(rep, e->msg);
		return 0;
	}
	if ((rc = csv_next(&r, &rec, e)) == 1 && header_map(&x, &rec))
		while ((rc = csv_next(&r, &rec, e)) == 1)
			add_row(&x, f, &rec);
	if (rc == -1)
		kpush(rep, e->msg);
	csv_close(&r);
	if (x.col[K_MATRICULE] >= 0) {
		f->col_etab = kcol(&x, K_ETAB);
		f->col_liste_nom = kcol(&x, K_LISTE_NOM);
		f->col_matricule = kcol(&x, K_MATRICULE);
	}
	/* the shape is checked even after bad rows, so that one pass lists
	 * (nearly) every error; a dropped row may add a "missing" one */
	for (size_t i = 0; i < f->n; i++)
		check_scrutin(&x, &f->s[i]);
	if (rep->nerrors == 0 && f->rows == 0)
		kpush(rep, "aucun candidat");
	rep->rows = f->rows;
	if (rep->nerrors > 0)
		candidates_free(f);
	return 0;
}

void
candidates_free(struct cand_file *f)
{
	for (size_t i = 0; i < f->n; i++) {
		struct cand_scrutin *s = &f->s[i];
		for (size_t j = 0; j < s->n; j++) {
			for (size_t k = 0; k < s->l[j].n; k++) {
				free(s->l[j].c[k].matricule);
				free(s->l[j].c[k].nom);
				free(s->l[j].c[k].prenom);
			}
			free(s->l[j].c);
			free(s->l[j].name);
			free(s->l[j].unions);
			free(s->l[j].split);
		}
		free(s->l);
		free(s->etablissement);
		free(s->college);
	}
	free(f->s);
	memset(f, 0, sizeof(*f));
}
