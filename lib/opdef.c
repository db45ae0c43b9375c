/* opdef.c: parse and check an operation description file (lib/opdef.h,
 * docs/operations.md). Every section is read and every error collected
 * before the caller may write anything, so that the cellule d'assistance
 * technique fixes the whole file in one go. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "opdef.h"
#include "xmalloc.h"

enum opdef_kind {
	K_OPERATION,
	K_REGLAGES,
	K_ETAB,
	K_COLLEGE,
	K_BUREAU,
	K_SCRUTIN,
	K_NKINDS
};

static const char *const opdef_prefix[K_NKINDS] = {
    "operation",
    "reglages",
    "etablissement",
    "college",
    "bureau",
    "scrutin",
};

/* Keys each kind of section may hold; NULL-terminated. Bureau members
 * (président, ...) are recognised apart. */
static const char *const opdef_keys[K_NKINDS][13] = {
    {"code", "nom", "ouverture", "cloture", "prolongation", "formation", NULL},
    {"ouverture_automatique", "bulletin_nul", "president_requis",
        "ressaisie_mot_de_passe", "reference_requise", "scellement_allege",
        "gel_electeurs", "delai_recours_jours", "recepisse_courriel",
        "mot_de_passe_oublie", "mobile_saisi", "sous_urnes_statut", NULL},
    {"nom", NULL},
    {"nom", NULL},
    {"nom", "etablissement", "membres_requis", NULL},
    {"etablissement", "college", "categories", "tour", "sieges", "bureau",
        NULL},
};

struct opdef_section {
	const char *name; /* "scrutin.niort-oe" */
	enum opdef_kind kind;
	int line; /* of its first key */
};

struct opdef_ctx {
	struct opdef *d;
	struct opdef_report *rep;
	struct opdef_section *secs;
	size_t nsecs;
	size_t nerrors;
};

static void opdef_error(struct opdef_ctx *x, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
opdef_error(struct opdef_ctx *x, int line, const char *fmt, ...)
{
	char msg[ERR_MSG_MAX], *full;
	va_list ap;

	x->nerrors++;
	if (x->rep == NULL || x->rep->nerrors >= OPDEF_MAX_ERRORS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		full = xasprintf("ligne %d : %s", line, msg);
	else
		full = xstrdup(msg);
	x->rep->errors =
	    xreallocarray(x->rep->errors, x->rep->nerrors + 1, sizeof(char *));
	x->rep->lines =
	    xreallocarray(x->rep->lines, x->rep->nerrors + 1, sizeof(int));
	x->rep->errors[x->rep->nerrors] = full;
	x->rep->lines[x->rep->nerrors++] = line;
}

/* Errors in line order, so the file is fixed from top to bottom (an
 * insertion sort: stable, and the list is short). */
static void
opdef_sort(struct opdef_report *rep)
{
	for (size_t i = 1; rep != NULL && i < rep->nerrors; i++)
		for (size_t j = i; j > 0 && rep->lines[j - 1] > rep->lines[j];
		     j--) {
			char *m = rep->errors[j];
			int l = rep->lines[j];
			rep->errors[j] = rep->errors[j - 1];
			rep->lines[j] = rep->lines[j - 1];
			rep->errors[j - 1] = m;
			rep->lines[j - 1] = l;
		}
}

/* ------------------------------------------------------------ sections */

static int
opdef_kind_of(const char *section, enum opdef_kind *k)
{
	const char *dot = strchr(section, '.');
	size_t plen = dot != NULL ? (size_t)(dot - section) : strlen(section);

	for (int i = 0; i < K_NKINDS; i++)
		if (strlen(opdef_prefix[i]) == plen &&
		    strncmp(section, opdef_prefix[i], plen) == 0) {
			/* operation and reglages stand alone, the others are
			 * named */
			if ((i <= K_REGLAGES) != (dot == NULL) ||
			    (dot != NULL && dot[1] == '\0'))
				return -1;
			*k = (enum opdef_kind)i;
			return 0;
		}
	return -1;
}

static int
opdef_member_key(const char *key, enum bureau_role *r)
{
	char role[16];
	size_t n = strcspn(key, ".");

	if (n >= sizeof(role))
		return -1;
	memcpy(role, key, n);
	role[n] = '\0';
	return bureau_role_parse(role, r);
}

static int
opdef_key_known(enum opdef_kind k, const char *key)
{
	enum bureau_role r;

	for (size_t i = 0; opdef_keys[k][i] != NULL; i++)
		if (strcmp(opdef_keys[k][i], key) == 0)
			return 1;
	return k == K_BUREAU && opdef_member_key(key, &r) == 0;
}

/* One entry per section, in file order; unknown sections and keys are
 * errors. */
static void
opdef_sections(struct opdef_ctx *x)
{
	struct conf *c = x->d->conf;
	const char *s, *k, *v;
	enum opdef_kind kind;
	size_t i, j;
	int line;

	for (i = 0; i < conf_count(c); i++) {
		line = conf_item(c, i, &s, &k, &v);
		for (j = 0; j < x->nsecs && strcmp(x->secs[j].name, s) != 0;
		     j++)
			;
		if (j == x->nsecs) {
			if (opdef_kind_of(s, &kind) == -1) {
				kind = K_NKINDS; /* said once, its keys not
				                    checked */
				opdef_error(x, conf_section_line(c, s),
				    "section inconnue [%s] (attendu : "
				    "operation, reglages, etablissement.X, "
				    "college.X, scrutin.X, bureau.X)",
				    s);
			}
			x->secs = xreallocarray(
			    x->secs, x->nsecs + 1, sizeof(*x->secs));
			x->secs[x->nsecs++] = (struct opdef_section){s, kind,
			    conf_section_line(c, s) > 0
			        ? conf_section_line(c, s)
			        : line};
		}
		/* the meeting became the default (R-BUR-10): say so
		 * rather than "unknown" to whoever kept the old key */
		if (x->secs[j].kind == K_REGLAGES &&
		    strcmp(k, "ceremonie_scellement") == 0)
			opdef_error(x, line,
			    "« ceremonie_scellement » n'existe plus : la "
			    "réunion de scellement est toujours exigée, "
			    "sauf « scellement_allege = oui »");
		else if (x->secs[j].kind != K_NKINDS &&
		    !opdef_key_known(x->secs[j].kind, k))
			opdef_error(
			    x, line, "clé inconnue « %s » dans [%s]", k, s);
	}
}

/* Line of section.key, or the section's first line when absent. */
static int
opdef_line(
    const struct opdef_ctx *x, const struct opdef_section *sec, const char *key)
{
	const char *s, *k, *v;
	int line;

	for (size_t i = 0; i < conf_count(x->d->conf); i++) {
		line = conf_item(x->d->conf, i, &s, &k, &v);
		if (strcmp(s, sec->name) == 0 && strcmp(k, key) == 0)
			return line;
	}
	return sec->line;
}

/* ------------------------------------------------------------ values */

static const char *
opdef_need(
    struct opdef_ctx *x, const struct opdef_section *sec, const char *key)
{
	const char *v = conf_get(x->d->conf, sec->name, key);

	if (v == NULL || *v == '\0') {
		opdef_error(
		    x, sec->line, "[%s] : « %s » manquant", sec->name, key);
		return NULL;
	}
	if (strlen(v) > 255) {
		opdef_error(x, opdef_line(x, sec, key),
		    "[%s] : « %s » trop long (255 octets au plus)", sec->name,
		    key);
		return NULL;
	}
	return v;
}

static int
opdef_uint(struct opdef_ctx *x, const struct opdef_section *sec,
    const char *key, long def, long min, long max, const char *what,
    unsigned *out)
{
	const char *v = conf_get(x->d->conf, sec->name, key);
	char *end;
	long n;

	*out = (unsigned)def;
	if (v == NULL)
		return 0;
	n = strtol(v, &end, 10);
	if (end == v || *end != '\0' || n < min || n > max) {
		opdef_error(x, opdef_line(x, sec, key),
		    "%s invalide « %s » : un entier de %ld à %ld "
		    "attendu",
		    what, v, min, max);
		return -1;
	}
	*out = (unsigned)n;
	return 0;
}

/* "oui" / "non"; def when absent. */
static int
opdef_bool(struct opdef_ctx *x, const struct opdef_section *sec,
    const char *key, int def)
{
	const char *v = conf_get(x->d->conf, sec->name, key);

	if (v == NULL)
		return def;
	if (strcmp(v, "oui") == 0)
		return 1;
	if (strcmp(v, "non") == 0)
		return 0;
	opdef_error(x, opdef_line(x, sec, key),
	    "[%s] %s : « oui » ou « non » attendu, pas « %s »", sec->name, key,
	    v);
	return def;
}

static int64_t
opdef_time(
    struct opdef_ctx *x, const struct opdef_section *sec, const char *key)
{
	const char *v = opdef_need(x, sec, key);
	int64_t t = 0;
	struct err e;

	if (v != NULL && opdef_paris_to_utc(v, &t, &e) == -1) {
		opdef_error(x, opdef_line(x, sec, key), "%s : %s", key, e.msg);
		return 0;
	}
	return t;
}

/* ------------------------------------------------------------ operation */

static int
opdef_code_ok(const char *s)
{
	if (*s == '\0' || strlen(s) > 64)
		return 0;
	for (; *s != '\0'; s++)
		if (!islower((unsigned char)*s) &&
		    !isdigit((unsigned char)*s) && *s != '-' && *s != '_')
			return 0;
	return 1;
}

static void
opdef_operation(struct opdef_ctx *x, const struct opdef_section *sec)
{
	struct opdef *d = x->d;
	unsigned minutes;
	char o[32], c[32];

	if ((d->code = opdef_need(x, sec, "code")) != NULL &&
	    !opdef_code_ok(d->code))
		opdef_error(x, opdef_line(x, sec, "code"),
		    "code d'opération invalide « %s » "
		    "(minuscules, chiffres, - et _ ; 64 au plus)",
		    d->code);
	d->name = opdef_need(x, sec, "nom");
	d->opens = opdef_time(x, sec, "ouverture");
	d->closes = opdef_time(x, sec, "cloture");
	if (d->opens != 0 && d->closes != 0 && d->closes <= d->opens) {
		opdef_utc_to_paris(d->opens, o);
		opdef_utc_to_paris(d->closes, c);
		opdef_error(x, opdef_line(x, sec, "cloture"),
		    "la clôture (%s) n'est pas après "
		    "l'ouverture (%s)",
		    c, o);
	}
	opdef_uint(x, sec, "prolongation", 0, 0, 24 * 60,
	    "prolongation (minutes)", &minutes);
	d->grace_s = minutes * 60;
	d->training = opdef_bool(x, sec, "formation", 0);
}

static void
opdef_reglages(struct opdef_ctx *x, const struct opdef_section *sec)
{
	static const char *const flags[] = {"ouverture_automatique",
	    "bulletin_nul", "president_requis", "ressaisie_mot_de_passe",
	    "reference_requise", "scellement_allege", "recepisse_courriel",
	    "mot_de_passe_oublie", "mobile_saisi", "sous_urnes_statut"};
	const char *v;
	unsigned days;
	int y, m, dd;
	char tail;

	for (size_t i = 0; i < sizeof(flags) / sizeof(*flags); i++)
		if (conf_get(x->d->conf, sec->name, flags[i]) != NULL)
			json_object_set_new(x->d->settings, flags[i],
			    json_boolean(opdef_bool(x, sec, flags[i], 0)));
	/* R-AUTH-6: a typed mobile number only within the retrieval */
	if (json_is_true(json_object_get(x->d->settings, "mobile_saisi")) &&
	    !json_is_true(
	        json_object_get(x->d->settings, "mot_de_passe_oublie")))
		opdef_error(x, opdef_line(x, sec, "mobile_saisi"),
		    "mobile_saisi = oui demande aussi mot_de_passe_oublie = oui");
	/* R-BUR-9: the recourse period before destruction (lib/destroy.c) */
	if (conf_get(x->d->conf, sec->name, "delai_recours_jours") != NULL &&
	    opdef_uint(x, sec, "delai_recours_jours", 15, 1, 3650,
	        "délai de recours (jours)", &days) == 0)
		json_object_set_new(x->d->settings, "delai_recours_jours",
		    json_integer(days));
	if ((v = conf_get(x->d->conf, sec->name, "gel_electeurs")) == NULL)
		return;
	if (strlen(v) != 10 ||
	    sscanf(v, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3 || m < 1 ||
	    m > 12 || dd < 1 || dd > 31)
		opdef_error(x, opdef_line(x, sec, "gel_electeurs"),
		    "date de gel invalide « %s » : "
		    "AAAA-MM-JJ attendu",
		    v);
	else
		json_object_set_new(
		    x->d->settings, "gel_electeurs", json_string(v));
}

/* ------------------------------------------------------------ places */

static const char *
opdef_key_of(const struct opdef_section *sec)
{
	return strchr(sec->name, '.') + 1;
}

static void
opdef_place(struct opdef_ctx *x, const struct opdef_section *sec,
    struct opdef_place **arr, size_t *n, const char *what)
{
	const char *name = opdef_need(x, sec, "nom");

	if (name == NULL)
		return;
	for (size_t i = 0; i < *n; i++)
		if (strcasecmp((*arr)[i].name, name) == 0) {
			opdef_error(x, opdef_line(x, sec, "nom"),
			    "%s « %s » en double (déjà ligne %d)", what, name,
			    (*arr)[i].line);
			return;
		}
	*arr = xreallocarray(*arr, *n + 1, sizeof(**arr));
	(*arr)[(*n)++] = (struct opdef_place){
	    opdef_key_of(sec), name, opdef_line(x, sec, "nom")};
}

/* Index of the place whose key is the value of sec.key; -1 (and an error
 * naming the known ones) when unknown, -2 when absent. */
static long
opdef_ref(struct opdef_ctx *x, const struct opdef_section *sec, const char *key,
    const struct opdef_place *arr, size_t n, const char *what)
{
	const char *v = conf_get(x->d->conf, sec->name, key);
	char known[256] = "";

	if (v == NULL || *v == '\0')
		return -2;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(arr[i].key, v) == 0)
			return (long)i;
		if (strlen(known) + strlen(arr[i].key) + 3 < sizeof(known))
			snprintf(known + strlen(known),
			    sizeof(known) - strlen(known), "%s%s",
			    i > 0 ? ", " : "", arr[i].key);
	}
	opdef_error(x, opdef_line(x, sec, key),
	    "%s inconnu « %s » (décrits : %s)", what, v,
	    n > 0 ? known : "aucun");
	return -1;
}

/* ------------------------------------------------------------ bureaux */

static char *
opdef_trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* "nom ; prénom [; matricule]" */
static int
opdef_member_parse(struct opdef_member *m, const char *value)
{
	char *p[3] = {NULL, NULL, NULL}, *s;
	int n = 0;

	m->text = xstrdup(value);
	for (s = m->text; n < 3; n++) {
		p[n] = s;
		if ((s = strchr(s, ';')) == NULL) {
			n++;
			break;
		}
		*s++ = '\0';
	}
	if (s != NULL || n < 2)
		return -1;
	m->nom = opdef_trim(p[0]);
	m->prenom = opdef_trim(p[1]);
	m->matricule = p[2] != NULL ? opdef_trim(p[2]) : "";
	return *m->nom != '\0' && *m->prenom != '\0' ? 0 : -1;
}

static int
opdef_same_person(const struct opdef_member *a, const struct opdef_member *b)
{
	if (*a->matricule != '\0' && *b->matricule != '\0')
		return strcmp(a->matricule, b->matricule) == 0;
	return strcasecmp(a->nom, b->nom) == 0 &&
	       strcasecmp(a->prenom, b->prenom) == 0;
}

static void
opdef_member(struct opdef_ctx *x, struct opdef_bureau *b, enum bureau_role r,
    const char *key, const char *value, int line)
{
	struct opdef_member m = {.role = r, .line = line};

	if (opdef_member_parse(&m, value) == -1) {
		opdef_error(x, line,
		    "%s : « nom ; prénom ; matricule » attendu (matricule "
		    "facultatif), "
		    "pas « %s »",
		    key, value);
		free(m.text);
		return;
	}
	for (size_t i = 0; i < b->nmembers; i++) {
		if (opdef_same_person(&b->members[i], &m)) {
			opdef_error(x, line,
			    "%s %s est déjà membre de ce bureau (ligne %d, %s) "
			    ": "
			    "un membre n'a qu'un rôle",
			    m.prenom, m.nom, b->members[i].line,
			    bureau_role_label(b->members[i].role));
			free(m.text);
			return;
		}
		if (r <= BUREAU_SECRETAIRE && b->members[i].role == r) {
			opdef_error(x, line,
			    "deux membres « %s » dans le bureau (déjà ligne "
			    "%d)",
			    bureau_role_label(r), b->members[i].line);
			free(m.text);
			return;
		}
	}
	b->members =
	    xreallocarray(b->members, b->nmembers + 1, sizeof(*b->members));
	b->members[b->nmembers++] = m;
}

static void
opdef_bureau(struct opdef_ctx *x, const struct opdef_section *sec)
{
	struct opdef *d = x->d;
	struct opdef_bureau b = {.key = opdef_key_of(sec), .line = sec->line};
	const char *s, *k, *v;
	enum bureau_role r;
	int line, pres = 0;

	b.name = opdef_need(x, sec, "nom");
	b.etab = opdef_ref(
	    x, sec, "etablissement", d->etabs, d->netabs, "établissement");
	opdef_uint(x, sec, "membres_requis", 2, 1, 20, "membres requis",
	    &b.min_others);
	for (size_t i = 0; i < conf_count(d->conf); i++) {
		line = conf_item(d->conf, i, &s, &k, &v);
		if (strcmp(s, sec->name) == 0 && opdef_member_key(k, &r) == 0)
			opdef_member(x, &b, r, k, v, line);
	}
	for (size_t i = 0; i < b.nmembers; i++)
		pres |= b.members[i].role == BUREAU_PRESIDENT;
	if (!pres)
		opdef_error(
		    x, sec->line, "bureau [%s] sans président", sec->name);
	else if (b.nmembers - 1 < b.min_others)
		opdef_error(x, sec->line,
		    "bureau [%s] : %zu membre(s) outre le président, il en "
		    "faut "
		    "au moins %u (membres_requis)",
		    sec->name, b.nmembers - 1, b.min_others);
	for (size_t i = 0; b.etab != -1 && i < d->nbureaux; i++)
		if (d->bureaux[i].etab == (b.etab == -2 ? -1 : b.etab))
			opdef_error(x, sec->line,
			    "bureau [%s] : %s a déjà un bureau (ligne %d)",
			    sec->name,
			    b.etab == -2 ? "l'opération (bureau centralisateur)"
			                 : "cet établissement",
			    d->bureaux[i].line);
	if (b.etab == -2)
		b.etab = -1;
	d->bureaux =
	    xreallocarray(d->bureaux, d->nbureaux + 1, sizeof(*d->bureaux));
	d->bureaux[d->nbureaux++] = b;
}

/* ------------------------------------------------------------ scrutins */

const char *
opdef_category_name(enum opdef_category c)
{
	return c == OPDEF_TITULAIRES ? "titulaires" : "suppleants";
}

/* "titulaires, suppléants" into a bit set (1 titulaires, 2 suppléants). */
static int
opdef_categories(const char *v)
{
	char *copy = xstrdup(v), *tok, *save = NULL;
	int set = 0;

	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		tok = opdef_trim(tok);
		if (strcmp(tok, "titulaires") == 0 ||
		    strcmp(tok, "titulaire") == 0)
			set |= 1;
		else if (strcmp(tok, "suppléants") == 0 ||
		         strcmp(tok, "suppleants") == 0 ||
		         strcmp(tok, "suppléant") == 0 ||
		         strcmp(tok, "suppleant") == 0)
			set |= 2;
		else
			set = -1;
		if (set == -1)
			break;
	}
	free(copy);
	return set;
}

/* The bureau of a scrutin: named, else its establishment's. */
static long
opdef_scrutin_bureau(
    struct opdef_ctx *x, const struct opdef_section *sec, long etab)
{
	const char *v = conf_get(x->d->conf, sec->name, "bureau");

	for (size_t i = 0; i < x->d->nbureaux; i++)
		if (v != NULL ? strcmp(x->d->bureaux[i].key, v) == 0
		              : x->d->bureaux[i].etab == etab)
			return (long)i;
	if (v != NULL)
		opdef_error(x, opdef_line(x, sec, "bureau"),
		    "bureau inconnu « %s »", v);
	else
		opdef_error(x, sec->line,
		    "scrutin [%s] sans bureau : ni « bureau = … », ni bureau "
		    "de son établissement",
		    sec->name);
	return -1;
}

static void
opdef_scrutin_add(struct opdef_ctx *x, const struct opdef_scrutin *s)
{
	struct opdef *d = x->d;

	for (size_t i = 0; i < d->nscrutins; i++)
		if (d->scrutins[i].etab == s->etab &&
		    d->scrutins[i].college == s->college &&
		    d->scrutins[i].cat == s->cat &&
		    d->scrutins[i].round == s->round) {
			opdef_error(x, s->line,
			    "scrutin en double : %s, %s, %s, tour %u déjà "
			    "décrit "
			    "ligne %d",
			    d->etabs[s->etab].name,
			    d->colleges[s->college].name,
			    s->cat == OPDEF_TITULAIRES ? "titulaires"
			                               : "suppléants",
			    s->round, d->scrutins[i].line);
			return;
		}
	d->scrutins =
	    xreallocarray(d->scrutins, d->nscrutins + 1, sizeof(*d->scrutins));
	d->scrutins[d->nscrutins++] = *s;
}

static void
opdef_scrutin(struct opdef_ctx *x, const struct opdef_section *sec)
{
	struct opdef *d = x->d;
	struct opdef_scrutin s = {.line = sec->line};
	long etab, col, bur = -1;
	const char *cats;
	int set = 0;

	etab = opdef_ref(
	    x, sec, "etablissement", d->etabs, d->netabs, "établissement");
	col =
	    opdef_ref(x, sec, "college", d->colleges, d->ncolleges, "collège");
	if (etab == -2)
		opdef_error(x, sec->line, "[%s] : « etablissement » manquant",
		    sec->name);
	if (col == -2)
		opdef_error(
		    x, sec->line, "[%s] : « college » manquant", sec->name);
	if ((cats = opdef_need(x, sec, "categories")) != NULL &&
	    (set = opdef_categories(cats)) <= 0)
		opdef_error(x, opdef_line(x, sec, "categories"),
		    "catégories invalides « %s » "
		    "(titulaires, suppléants ou les deux)",
		    cats);
	if (opdef_uint(x, sec, "tour", 1, 1, 2, "tour", &s.round) == -1 ||
	    conf_get(d->conf, sec->name, "sieges") == NULL)
		opdef_error(
		    x, sec->line, "[%s] : « sieges » manquant", sec->name);
	opdef_uint(x, sec, "sieges", 0, 1, OPDEF_SEATS_MAX, "nombre de sièges",
	    &s.seats);
	if (etab >= 0)
		bur = opdef_scrutin_bureau(x, sec, etab);
	if (etab < 0 || col < 0 || set <= 0 || bur < 0 || s.seats == 0)
		return;
	s.etab = (size_t)etab;
	s.college = (size_t)col;
	s.bureau = (size_t)bur;
	for (int c = 0; c < 2; c++)
		if (set & (1 << c)) {
			s.cat = (enum opdef_category)c;
			opdef_scrutin_add(x, &s);
		}
}

/* ------------------------------------------------------------ whole */

static void
opdef_check(struct opdef_ctx *x)
{
	static const enum opdef_kind order[] = {
	    K_OPERATION, K_REGLAGES, K_ETAB, K_COLLEGE, K_BUREAU, K_SCRUTIN};
	struct opdef *d = x->d;
	int seen_op = 0;

	opdef_sections(x);
	for (size_t o = 0; o < sizeof(order) / sizeof(*order); o++)
		for (size_t i = 0; i < x->nsecs; i++) {
			const struct opdef_section *sec = &x->secs[i];
			if (sec->kind != order[o])
				continue;
			switch (sec->kind) {
			case K_OPERATION:
				opdef_operation(x, sec);
				seen_op = 1;
				break;
			case K_REGLAGES: opdef_reglages(x, sec); break;
			case K_ETAB:
				opdef_place(x, sec, &d->etabs, &d->netabs,
				    "établissement");
				break;
			case K_COLLEGE:
				opdef_place(x, sec, &d->colleges, &d->ncolleges,
				    "collège");
				break;
			case K_BUREAU: opdef_bureau(x, sec); break;
			default: opdef_scrutin(x, sec); break;
			}
		}
	if (!seen_op)
		opdef_error(x, 0, "section [operation] manquante");
	if (d->nscrutins == 0 && x->nerrors == 0)
		opdef_error(x, 0, "aucun scrutin décrit");
}

struct opdef *
opdef_parse(
    const char *text, const char *name, struct opdef_report *rep, struct err *e)
{
	struct opdef *d = xcalloc(1, sizeof(*d));
	struct opdef_ctx x = {.d = d, .rep = rep};

	if (rep != NULL)
		*rep = (struct opdef_report){NULL, NULL, 0};
	d->settings = json_object();
	if ((d->conf = conf_parse(text, name, e)) == NULL)
		opdef_error(
		    &x, 0, "%s", e->msg); /* a syntax error stops there */
	else
		opdef_check(&x);
	opdef_sort(rep);
	free(x.secs);
	if (x.nerrors == 0)
		return d;
	err_set(e, "%s : %zu erreur%s, rien n'est enregistré", name, x.nerrors,
	    x.nerrors > 1 ? "s" : "");
	opdef_free(d);
	return NULL;
}

struct opdef *
opdef_load(const char *path, struct opdef_report *rep, struct err *e)
{
	struct buf b = BUF_INIT;
	struct opdef *d = NULL;
	char chunk[4096];
	size_t n;
	FILE *f;

	if (rep != NULL)
		*rep = (struct opdef_report){NULL, NULL, 0};
	if ((f = fopen(path, "r")) == NULL) {
		err_set(e, "%s : lecture impossible", path);
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	if (ferror(f) ||
	    memchr(b.data == NULL ? "" : b.data, '\0', b.len) != NULL)
		err_set(e, "%s : fichier illisible ou binaire", path);
	else
		d = opdef_parse(b.data == NULL ? "" : b.data, path, rep, e);
	fclose(f);
	buf_free(&b);
	return d;
}

void
opdef_free(struct opdef *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->nbureaux; i++) {
		for (size_t j = 0; j < d->bureaux[i].nmembers; j++)
			free(d->bureaux[i].members[j].text);
		free(d->bureaux[i].members);
	}
	free(d->bureaux);
	free(d->scrutins);
	free(d->etabs);
	free(d->colleges);
	json_decref(d->settings);
	conf_free(d->conf);
	free(d);
}

void
opdef_report_free(struct opdef_report *rep)
{
	for (size_t i = 0; i < rep->nerrors; i++)
		free(rep->errors[i]);
	free(rep->errors);
	free(rep->lines);
	*rep = (struct opdef_report){NULL, NULL, 0};
}
