/* import_electors.c: the electors file, field by field. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "import_electors.h"
#include "phone.h"
#include "text.h"
#include "xmalloc.h"

enum col {
	C_MATRICULE, C_NOM, C_NOM_USAGE, C_PRENOM, C_SEXE, C_NAISSANCE, C_ETAB, C_SITE,
	C_COLLEGE, C_STATUT, C_ADRESSE, C_CP, C_VILLE, C_EMAIL, C_TEL, C_NIR,
	C_CIVILITE, C_ENTREE, C_ELIGIBLE, C_COUNT
};

/* Canonical header names (folded), required ones first. */
static const char *const col_names[C_COUNT] = {
	"matricule", "nom", "nom_usage", "prenom", "sexe", "date_naissance", "etablissement",
	"site", "college", "statut", "adresse", "code_postal", "ville", "email", "telephone",
	"cle_nir", "civilite", "date_entree", "eligible",
};
#define C_REQUIRED_COLUMNS C_CIVILITE
/* Columns whose value may be empty. */
static const int col_optional_value[C_COUNT] = {
	[C_NOM_USAGE] = 1, [C_SITE] = 1, [C_EMAIL] = 1, [C_TEL] = 1,
	[C_CIVILITE] = 1, [C_ENTREE] = 1, [C_ELIGIBLE] = 1,
};

/* Matricules seen so far: open addressing, grows at half full. */
struct seen {
	char **key;
	unsigned long *line;
	size_t cap, n;
};

struct ictx {
	const struct import_opts *o;
	struct import_report *rep;
	int col[C_COUNT];          /* field index of each column, or -1 */
	size_t width;              /* header field count */
	struct seen seen;
	char **colleges_folded;
	char **etabs_folded;       /* NULL: any establishment accepted */
};

void
import_report_push(struct import_report *rep, const char *msg)
{
	rep->nerrors++;
	if (rep->kept < IMPORT_MAX_KEPT) {
		rep->errors = xreallocarray(rep->errors, rep->kept + 1, sizeof(char *));
		rep->errors[rep->kept++] = xstrdup(msg);
	}
}

void
import_report_err(struct import_report *rep, unsigned long line, size_t col, const char *fmt, ...)
{
	char msg[768], full[900];
	va_list ap;

	va_start(ap, fmt);
	/* a quoted value can be 64 KiB: the cut must not split a character */
	if (vsnprintf(msg, sizeof(msg), fmt, ap) >= (int)sizeof(msg))
		text_utf8_cut(msg);
	va_end(ap);
	snprintf(full, sizeof(full), "ligne %lu, colonne %zu : %s", line, col, msg);
	import_report_push(rep, full);
}

#define ipush import_report_push
#define ierr(x, ...) import_report_err((x)->rep, __VA_ARGS__)

/* ---------------------------------------------------------------- seen */

static size_t
seen_hash(const char *s, size_t cap)
{
	size_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h & (cap - 1);
}

static void seen_put(struct seen *t, const char *k, unsigned long line);

static void
seen_grow(struct seen *t)
{
	struct seen n = { xcalloc(t->cap ? t->cap * 2 : 1024, sizeof(char *)),
		xcalloc(t->cap ? t->cap * 2 : 1024, sizeof(unsigned long)), t->cap ? t->cap * 2 : 1024, 0 };

	for (size_t i = 0; i < t->cap; i++)
		if (t->key[i] != NULL) {
			seen_put(&n, t->key[i], t->line[i]);
			free(t->key[i]);
		}
	free(t->key);
	free(t->line);
	*t = n;
}

static void
seen_put(struct seen *t, const char *k, unsigned long line)
{
	size_t i;

	if (2 * (t->n + 1) > t->cap)
		seen_grow(t);
	for (i = seen_hash(k, t->cap); t->key[i] != NULL; i = (i + 1) & (t->cap - 1))
		;
	t->key[i] = xstrdup(k);
	t->line[i] = line;
	t->n++;
}

static unsigned long
seen_get(const struct seen *t, const char *k)
{
	if (t->cap == 0)
		return 0;
	for (size_t i = seen_hash(k, t->cap); t->key[i] != NULL; i = (i + 1) & (t->cap - 1))
		if (strcmp(t->key[i], k) == 0)
			return t->line[i];
	return 0;
}

static void
seen_free(struct seen *t)
{
	for (size_t i = 0; i < t->cap; i++)
		free(t->key[i]);
	free(t->key);
	free(t->line);
}

/* ---------------------------------------------------------------- fields */

int
import_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;
	char tail;

	if (strlen(s) != 10)
		return 0;
	if (s[2] == '/' && s[5] == '/' && sscanf(s, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3)
		;
	else if (s[4] == '-' && s[7] == '-' && sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3)
		;
	else
		return 0;
	for (int i = 0; i < 10; i++)
		if (!isdigit((unsigned char)s[i]) && s[i] != '/' && s[i] != '-')
			return 0;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	return y * 10000 + m * 100 + d;
}

/* Age in whole years at date `at`, both YYYYMMDD. */
static int
age_at(int birth, int at)
{
	return (at - birth) / 10000;
}

static int
valid_email(const char *s)
{
	const char *at = strchr(s, '@');

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL || strchr(at, '.') == NULL ||
	    at[strlen(at) - 1] == '.' || at[1] == '.')
		return 0;
	for (; *s; s++)
		if (isspace((unsigned char)*s) || *s == ',' || *s == ';')
			return 0;
	return 1;
}

static const char *
fget(struct ictx *x, const struct csv_record *r, enum col c)
{
	return x->col[c] < 0 ? "" : r->field[x->col[c]];
}

static size_t
fcol(struct ictx *x, enum col c)
{
	return (size_t)x->col[c] + 1;
}

/* ---------------------------------------------------------------- header */

static int
header_map(struct ictx *x, const struct csv_record *h)
{
	int ok = 1;

	for (int c = 0; c < C_COUNT; c++)
		x->col[c] = -1;
	x->width = h->n;
	for (size_t i = 0; i < h->n; i++) {
		char *f = text_fold(h->field[i]);
		if (strcmp(f, "date_de_naissance") == 0 || strcmp(f, "nom_d'usage") == 0) {
			char *alias = xstrdup(f[0] == 'd' ? "date_naissance" : "nom_usage");
			free(f);
			f = alias;
		}
		for (int c = 0; c < C_COUNT; c++) {
			if (strcmp(f, col_names[c]) != 0)
				continue;
			if (x->col[c] >= 0) {
				ierr(x, h->line, i + 1, "colonne « %s » en double dans l'en-tête", col_names[c]);
				ok = 0;
			}
			x->col[c] = (int)i;
		}
		free(f);
	}
	for (int c = 0; c < C_REQUIRED_COLUMNS; c++)
		if (x->col[c] < 0) {
			ierr(x, h->line, h->n + 1, "colonne obligatoire « %s » absente de l'en-tête", col_names[c]);
			ok = 0;
		}
	return ok;
}

/* ---------------------------------------------------------------- rows */

static int
check_required(struct ictx *x, const struct csv_record *r)
{
	int ok = 1;

	for (int c = 0; c < C_COUNT; c++) {
		const char *v = fget(x, r, (enum col)c);
		if (x->col[c] >= 0 && strlen(v) > 255) {
			ierr(x, r->line, fcol(x, c), "%s trop long (255 caractères au plus)", col_names[c]);
			ok = 0;
		} else if (x->col[c] >= 0 && !col_optional_value[c] && *v == '\0') {
			ierr(x, r->line, fcol(x, c), "%s obligatoire", col_names[c]);
			ok = 0;
		}
	}
	return ok;
}

static int
check_identity(struct ictx *x, const struct csv_record *r, struct elector_row *e)
{
	const char *sexe = fget(x, r, C_SEXE), *dob = fget(x, r, C_NAISSANCE);
	unsigned long first;
	int ok = 1;

	if (*e->matricule != '\0' && (first = seen_get(&x->seen, e->matricule)) != 0) {
		ierr(x, r->line, fcol(x, C_MATRICULE), "matricule « %s » en double (déjà en ligne %lu)",
		    e->matricule, first);
		ok = 0;
	} else if (*e->matricule != '\0') {
		seen_put(&x->seen, e->matricule, r->line);
	}
	if (strcasecmp(sexe, "F") == 0)
		e->sexe = 'F';
	else if (strcasecmp(sexe, "M") == 0 || strcasecmp(sexe, "H") == 0)
		e->sexe = 'M';
	else if (*sexe != '\0') {
		ierr(x, r->line, fcol(x, C_SEXE), "sexe invalide « %s » (F ou M attendu)", sexe);
		ok = 0;
	}
	if (*dob != '\0' && (e->naissance = import_date(dob)) == 0) {
		ierr(x, r->line, fcol(x, C_NAISSANCE),
		    "date_naissance invalide « %s » (JJ/MM/AAAA ou AAAA-MM-JJ)", dob);
		ok = 0;
	} else if (*dob != '\0' && x->o->election_date != 0) {
		int age = age_at(e->naissance, x->o->election_date);
		if (age < 16 || age > 100) {
			ierr(x, r->line, fcol(x, C_NAISSANCE), "âge hors limites : %d ans à la date du "
			    "scrutin (16 à 100 ans)", age);
			ok = 0;
		}
	}
	return ok;
}

/* Match field col against the operation's names (case and accents
 * ignored); *out gets the operation's spelling. what: "collège". */
static int
check_named(struct ictx *x, const struct csv_record *r, int col, const char *const *names,
    char *const *folded, size_t n, const char *what, const char **out)
{
	const char *v = fget(x, r, col);
	char *f, list[512] = "";
	int found = -1;

	if (*v == '\0')
		return 0;
	f = text_fold(v);
	for (size_t i = 0; i < n; i++)
		if (strcmp(f, folded[i]) == 0)
			found = (int)i;
	free(f);
	if (found >= 0) {
		*out = names[found];
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "",
		    names[i]);
	ierr(x, r->line, fcol(x, col), "%s inconnu « %s » (attendu : %s)", what, v, list);
	return 0;
}

static int
check_college(struct ictx *x, const struct csv_record *r, struct elector_row *e)
{
	int ok = check_named(x, r, C_COLLEGE, x->o->colleges, x->colleges_folded,
	    x->o->ncolleges, "collège", &e->college);

	if (x->etabs_folded != NULL && !check_named(x, r, C_ETAB, x->o->establishments,
	    x->etabs_folded, x->o->nestablishments, "établissement", &e->etablissement))
		ok = 0;
	return ok;
}

/* A French mobile is stored in E.164 (+33612345678): the one form an SMS
 * gateway takes (R-AUTH-6); other numbers stay as written. */
static int
check_contact(struct ictx *x, const struct csv_record *r, struct elector_row *e)
{
	const char *mail = fget(x, r, C_EMAIL), *tel = fget(x, r, C_TEL);
	enum phone_kind kind;
	struct err why;
	int ok = 1;

	if (*mail != '\0' && !valid_email(mail)) {
		ierr(x, r->line, fcol(x, C_EMAIL), "email invalide « %s »", mail);
		ok = 0;
	}
	if (*tel != '\0' && phone_check(tel, e->tel_e164, &kind, &why) == -1) {
		ierr(x, r->line, fcol(x, C_TEL), "telephone invalide « %s » : %s", tel, why.msg);
		ok = 0;
	} else if (*tel != '\0' && kind == PHONE_MOBILE_FR) {
		e->telephone = e->tel_e164;
	}
	return ok;
}

static int
check_codes(struct ictx *x, const struct csv_record *r, struct elector_row *e)
{
	const char *st = fget(x, r, C_STATUT), *nir = fget(x, r, C_NIR);
	const char *el = fget(x, r, C_ELIGIBLE), *en = fget(x, r, C_ENTREE);
	char *f = text_fold(st);
	int ok = 1;

	if (strcmp(f, "salarie") == 0)
		e->fonctionnaire = 0;
	else if (strcmp(f, "fonctionnaire") == 0)
		e->fonctionnaire = 1;
	else if (*st != '\0') {
		ierr(x, r->line, fcol(x, C_STATUT), "statut invalide « %s » (salarié ou fonctionnaire)", st);
		ok = 0;
	}
	free(f);
	ok &= check_contact(x, r, e);
	if (*nir != '\0' && !(strlen(nir) == 2 && isdigit((unsigned char)nir[0]) &&
	    isdigit((unsigned char)nir[1]) && atoi(nir) >= 1 && atoi(nir) <= 97)) {
		ierr(x, r->line, fcol(x, C_NIR), "cle_nir invalide « %s » (deux chiffres de 01 à 97)", nir);
		ok = 0;
	} else {
		snprintf(e->cle_nir, sizeof(e->cle_nir), "%s", nir);
	}
	e->eligible = 1;
	if (strcasecmp(el, "N") == 0 || strcasecmp(el, "non") == 0)
		e->eligible = 0;
	else if (*el != '\0' && strcasecmp(el, "O") != 0 && strcasecmp(el, "oui") != 0) {
		ierr(x, r->line, fcol(x, C_ELIGIBLE), "eligible invalide « %s » (O ou N)", el);
		ok = 0;
	}
	if (*en != '\0' && (e->entree = import_date(en)) == 0) {
		ierr(x, r->line, fcol(x, C_ENTREE), "date_entree invalide « %s »", en);
		ok = 0;
	}
	return ok;
}

static int
check_row(struct ictx *x, const struct csv_record *r, struct elector_row *e)
{
	int ok;

	if (r->n != x->width) {
		ierr(x, r->line, (r->n < x->width ? r->n : x->width) + 1,
		    "%zu champs au lieu de %zu", r->n, x->width);
		return 0;
	}
	memset(e, 0, sizeof(*e));
	e->line = r->line;
	e->matricule = fget(x, r, C_MATRICULE);
	e->nom = fget(x, r, C_NOM);
	e->nom_usage = fget(x, r, C_NOM_USAGE);
	e->prenom = fget(x, r, C_PRENOM);
	e->civilite = fget(x, r, C_CIVILITE);
	e->etablissement = fget(x, r, C_ETAB);
	e->site = fget(x, r, C_SITE);
	e->adresse = fget(x, r, C_ADRESSE);
	e->code_postal = fget(x, r, C_CP);
	e->ville = fget(x, r, C_VILLE);
	e->email = fget(x, r, C_EMAIL);
	e->telephone = fget(x, r, C_TEL);
	ok = check_required(x, r);
	ok &= check_identity(x, r, e);
	ok &= check_college(x, r, e);
	ok &= check_codes(x, r, e);
	return ok;
}

/* ---------------------------------------------------------------- file */

int
import_electors(const char *path, const struct import_opts *o, import_row_fn fn,
    void *ctx, struct import_report *rep, struct err *e)
{
	struct ictx x = { o, rep, { 0 }, 0, { 0 }, NULL, NULL };
	struct csv_reader r;
	struct csv_record rec;
	struct elector_row row;
	int rc;

	memset(rep, 0, sizeof(*rep));
	if (csv_open(&r, path, e) == -1) {
		/* an encoding error names its line: it is reported like the others */
		if (strncmp(e->msg, "ligne ", 6) != 0)
			return -1;
		ipush(rep, e->msg);
		return 0;
	}
	x.colleges_folded = xcalloc(o->ncolleges + 1, sizeof(char *));
	for (size_t i = 0; i < o->ncolleges; i++)
		x.colleges_folded[i] = text_fold(o->colleges[i]);
	if (o->establishments != NULL) {
		x.etabs_folded = xcalloc(o->nestablishments + 1, sizeof(char *));
		for (size_t i = 0; i < o->nestablishments; i++)
			x.etabs_folded[i] = text_fold(o->establishments[i]);
	}
	if ((rc = csv_next(&r, &rec, e)) == 1 && header_map(&x, &rec)) {
		while ((rc = csv_next(&r, &rec, e)) == 1) {
			if (!check_row(&x, &rec, &row))
				continue;
			rep->rows++;
			/* rows go to the caller only while the file is clean so far */
			if (fn != NULL && rep->nerrors == 0 && fn(&row, ctx) == -1)
				ierr(&x, rec.line, 1, "enregistrement refusé");
		}
	}
	if (rc == -1)
		ipush(rep, e->msg);
	if (rep->nerrors == 0 && rep->rows == 0)
		ipush(rep, "aucun électeur");
	for (size_t i = 0; i < o->ncolleges; i++)
		free(x.colleges_folded[i]);
	free(x.colleges_folded);
	for (size_t i = 0; x.etabs_folded != NULL && i < o->nestablishments; i++)
		free(x.etabs_folded[i]);
	free(x.etabs_folded);
	seen_free(&x.seen);
	csv_close(&r);
	return 0;
}

void
import_report_free(struct import_report *rep)
{
	for (size_t i = 0; i < rep->kept; i++)
		free(rep->errors[i]);
	free(rep->errors);
	memset(rep, 0, sizeof(*rep));
}
