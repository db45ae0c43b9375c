/* cmd_ceremony.c: the bureau's ceremonies without a screen (R-BUR-10,
 * lib/ceremony*.c), and the test vote's comparison (R-BUR-2):
 *   ceremony start scellement|ouverture|cloture|depouillement SCRUTIN[,…]
 *       --present "Prénom Nom:rôle"...
 *   ceremony step CEREMONIE[,…] ETAPE [--confirme "Prénom Nom"]
 *       [--codes FICHIER|-] [--note TEXTE] [--avis TEXTE --autorisation TEXTE]
 *   ceremony status CEREMONIE [--json]
 *   ceremony record CEREMONIE[,…] --out FICHIER.pdf
 * A list is a meeting over several scrutins: one checklist per scrutin,
 * the same step done in each, one record.
 *   test compare SCRUTIN --counts RESULTATS.json */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "ceremony.h"
#include "cmd.h"
#include "pv.h"
#include "testvote.h"

#define CMD_CER_CODES 4096

/* Options shared by the ceremony commands; argv[0..npos) positional. */
struct cer_opts {
	const char *conf, *out, *confirm, *codes, *note, *counts, *advice,
	    *authorisation;
	const char *pos[2];
	size_t npos;
	struct cer_present present[CER_MAX_PRESENT];
	char *pbuf[CER_MAX_PRESENT];
	size_t np;
	int json;
};

static void
cer_opts_free(struct cer_opts *o)
{
	for (size_t i = 0; i < o->np; i++)
		free(o->pbuf[i]);
}

static int
cer_opts_parse(int argc, char **argv, struct cer_opts *o)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		const char **slot = strcmp(a, "-c") == 0           ? &o->conf
		                    : strcmp(a, "--out") == 0      ? &o->out
		                    : strcmp(a, "--confirme") == 0 ? &o->confirm
		                    : strcmp(a, "--codes") == 0    ? &o->codes
		                    : strcmp(a, "--note") == 0     ? &o->note
		                    : strcmp(a, "--counts") == 0   ? &o->counts
		                    : strcmp(a, "--avis") == 0     ? &o->advice
		                    : strcmp(a, "--autorisation") == 0
		                        ? &o->authorisation
		                        : NULL;
		if (slot != NULL && v != NULL) {
			*slot = argv[++i];
		} else if (strcmp(a, "--present") == 0 && v != NULL &&
		           o->np < CER_MAX_PRESENT) {
			/* "Prénom Nom:rôle" */
			char *copy = strdup(argv[++i]),
			     *colon = copy != NULL ? strrchr(copy, ':') : NULL;
			if (colon == NULL) {
				free(copy);
				return -1;
			}
			*colon = '\0';
			o->pbuf[o->np] = copy;
			o->present[o->np].nom = copy;
			o->present[o->np++].role = colon + 1;
		} else if (strcmp(a, "--json") == 0) {
			o->json = 1;
		} else if (a[0] != '-' && o->npos < 2) {
			o->pos[o->npos++] = a;
		} else {
			return -1;
		}
	}
	return 0;
}

static int
cer_usage(const char *u)
{
	fprintf(stderr, "usage : isoloir-console %s [-c CONF]\n", u);
	return 2;
}

static int
cer_fail(struct err *e)
{
	fprintf(stderr, "isoloir-console : %s\n", e->msg);
	return 1;
}

static unsigned
cer_id(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	return *end == '\0' && v > 0 && v < 1000000000UL ? (unsigned)v : 0;
}

#define CMD_CER_MAX 64

/* "1,2,3": a meeting over several scrutins (or its ceremonies); the number
 * of ids, 0 when malformed. */
static size_t
cer_ids(const char *s, unsigned *ids, size_t cap)
{
	char buf[512], *save = NULL, *t;
	size_t n = 0;

	if (strlen(s) >= sizeof(buf))
		return 0;
	snprintf(buf, sizeof(buf), "%s", s);
	for (t = strtok_r(buf, ",", &save); t != NULL;
	     t = strtok_r(NULL, ",", &save)) {
		if (n == cap || (ids[n] = cer_id(t)) == 0)
			return 0;
		n++;
	}
	return n;
}

/* The checklist as text: "[x] 1. … — result" / "[ ] 2. …". */
static void
cer_print(const json_t *st)
{
	const json_t *s;
	size_t i;

	printf("%s — scrutin n° %lld, %s (cérémonie n° %lld)\n",
	    json_string_value(json_object_get(st, "titre")),
	    (long long)json_integer_value(json_object_get(st, "scrutin")),
	    json_string_value(json_object_get(st, "libelle")),
	    (long long)json_integer_value(json_object_get(st, "id")));
	json_array_foreach(json_object_get(st, "etapes"), i, s)
	{
		int made = json_is_true(json_object_get(s, "faite"));
		printf("[%s] %zu. %s (%s) : %s%s%s\n", made ? "x" : " ", i + 1,
		    json_string_value(json_object_get(s, "libelle")),
		    json_string_value(json_object_get(s, "cle")),
		    json_string_value(json_object_get(s, "nature")),
		    made ? " — " : "",
		    made ? json_string_value(json_object_get(s, "resultat"))
		         : "");
	}
	if (json_string_value(json_object_get(st, "prochaine")) != NULL)
		printf("Prochaine étape : %s\n",
		    json_string_value(json_object_get(st, "prochaine")));
	else
		printf("Cérémonie terminée.\n");
}

int
cmd_ceremony_start(int argc, char **argv)
{
	static const char u[] =
	    "ceremony start scellement|ouverture|cloture|depouillement "
	    "SCRUTIN[,SCRUTIN...] "
	    "--present \"Prénom Nom:rôle\"...";
	struct cer_opts o = {0};
	struct act_dbs d = {NULL, NULL};
	struct conf *c = NULL;
	enum cer_kind k;
	unsigned id = 0, scrutins[CMD_CER_MAX];
	size_t n;
	json_t *st = NULL;
	struct err e;
	int rc = 1;

	if (cer_opts_parse(argc, argv, &o) == -1 || o.npos != 2 ||
	    (n = cer_ids(o.pos[1], scrutins, CMD_CER_MAX)) == 0) {
		cer_opts_free(&o);
		return cer_usage(u);
	}
	if (ceremony_kind_parse(o.pos[0], &k, &e) == -1 ||
	    (c = act_conf_load(o.conf, &e)) == NULL ||
	    act_connect(c, &d, 0, &e) == -1) {
		rc = cer_fail(&e);
		goto out;
	}
	/* a meeting over several scrutins: one checklist each, the same people
	 */
	for (size_t i = 0; i < n; i++) {
		if (ceremony_start(d.el, scrutins[i], k, o.present, o.np,
		        act_actor(), &id, &e) == -1 ||
		    (st = ceremony_status(d.el, id, &e)) == NULL) {
			rc = cer_fail(&e);
			goto out;
		}
		printf("Cérémonie n° %u commencée : %s du scrutin n° %u.\n", id,
		    ceremony_kind_label(k), scrutins[i]);
		cer_print(st);
		json_decref(st);
		st = NULL;
	}
	rc = 0;
out:
	json_decref(st);
	act_close(&d);
	conf_free(c);
	cer_opts_free(&o);
	return rc;
}

int
cmd_ceremony_step(int argc, char **argv)
{
	static const char u[] =
	    "ceremony step CEREMONIE[,CEREMONIE...] ETAPE [--confirme \"Prénom "
	    "Nom\"] "
	    "[--codes FICHIER|-] [--note TEXTE] [--avis TEXTE --autorisation "
	    "TEXTE]";
	struct cer_opts o = {0};
	struct act_dbs d = {NULL, NULL};
	struct bureau_code codes[BUREAU_MAX_CODES];
	struct act_step s = {0};
	char text[CMD_CER_CODES], result[CER_RESULT_MAX];
	unsigned ids[CMD_CER_MAX];
	struct conf *c = NULL;
	struct err e;
	size_t n;
	int rc = 1;

	if (cer_opts_parse(argc, argv, &o) == -1 || o.npos != 2 ||
	    (n = cer_ids(o.pos[0], ids, CMD_CER_MAX)) == 0)
		return cer_usage(u);
	s.key = o.pos[1];
	s.confirmed_by = o.confirm;
	s.note = o.note;
	s.advice = o.advice;
	s.authorisation = o.authorisation;
	if (o.codes != NULL) {
		if (act_read_codes(o.codes, text, sizeof(text), codes,
		        &s.ncodes, &e) == -1) {
			rc = cer_fail(&e);
			goto out;
		}
		s.codes = codes;
	}
	if ((c = act_conf_load(o.conf, &e)) == NULL ||
	    act_connect(c, &d, 1, &e) == -1) {
		rc = cer_fail(&e);
		goto out;
	}
	/* several ceremonies: the same step in each, stopping at a refusal */
	for (size_t i = 0; i < n; i++) {
		s.ceremony = ids[i];
		if (act_ceremony_step(c, &d, &s, result, &e) == -1) {
			if (n > 1)
				err_prefix(&e, "cérémonie n° %u : ", ids[i]);
			rc = cer_fail(&e);
			goto out;
		}
		if (n > 1)
			printf("Cérémonie n° %u : ", ids[i]);
		printf("Étape « %s » faite : %s\n", s.key, result);
	}
	rc = 0;
out:
	explicit_bzero(text, sizeof(text));
	act_close(&d);
	conf_free(c);
	return rc;
}

int
cmd_ceremony_status(int argc, char **argv)
{
	struct cer_opts o = {0};
	struct act_dbs d = {NULL, NULL};
	struct conf *c = NULL;
	unsigned id;
	json_t *st = NULL;
	struct err e;
	int rc = 1;

	if (cer_opts_parse(argc, argv, &o) == -1 || o.npos != 1 ||
	    (id = cer_id(o.pos[0])) == 0)
		return cer_usage("ceremony status CEREMONIE [--json]");
	if ((c = act_conf_load(o.conf, &e)) == NULL ||
	    act_connect(c, &d, 0, &e) == -1 ||
	    (st = ceremony_status(d.el, id, &e)) == NULL) {
		rc = cer_fail(&e);
		goto out;
	}
	if (o.json) {
		json_dumpf(st, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
		putchar('\n');
	} else
		cer_print(st);
	rc = 0;
out:
	json_decref(st);
	act_close(&d);
	conf_free(c);
	return rc;
}

int
cmd_ceremony_record(int argc, char **argv)
{
	struct cer_opts o = {0};
	struct act_dbs d = {NULL, NULL};
	struct conf *c = NULL;
	char title[256], sha[65];
	unsigned ids[CMD_CER_MAX];
	struct err e;
	size_t n;
	int rc = 1;

	if (cer_opts_parse(argc, argv, &o) == -1 || o.npos != 1 ||
	    (n = cer_ids(o.pos[0], ids, CMD_CER_MAX)) == 0 || o.out == NULL)
		return cer_usage("ceremony record CEREMONIE[,CEREMONIE...] "
		                 "--out FICHIER.pdf");
	if ((c = act_conf_load(o.conf, &e)) == NULL ||
	    act_connect(c, &d, 1, &e) == -1 ||
	    ceremony_pdf(d.el, d.urn, ids, n, o.out, act_actor(), title,
	        sizeof(title), sha, &e) == -1) {
		rc = cer_fail(&e);
		goto out;
	}
	printf("%s : %s (SHA-256 %s, au journal)\n", title, o.out, sha);
	rc = 0;
out:
	pv_release();
	act_close(&d);
	conf_free(c);
	return rc;
}

int
cmd_test_compare(int argc, char **argv)
{
	struct cer_opts o = {0};
	struct act_dbs d = {NULL, NULL};
	struct conf *c = NULL;
	json_t *count = NULL, *cmp = NULL, *r;
	json_error_t je;
	char report[CER_RESULT_MAX];
	unsigned scrutin;
	int conformes = 0, rc = 1;
	struct err e;
	size_t i;

	if (cer_opts_parse(argc, argv, &o) == -1 || o.npos != 1 ||
	    (scrutin = cer_id(o.pos[0])) == 0 || o.counts == NULL)
		return cer_usage("test compare SCRUTIN --counts RESULTATS.json "
		                 "  (vote à blanc)");
	/* isoloir-verify count writes the counts on its first line */
	if ((count = json_load_file(o.counts, JSON_DISABLE_EOF_CHECK, &je)) ==
	    NULL) {
		err_set(&e, "« %s » illisible : %s", o.counts, je.text);
		rc = cer_fail(&e);
		goto out;
	}
	if ((c = act_conf_load(o.conf, &e)) == NULL ||
	    act_connect(c, &d, 1, &e) == -1 ||
	    testvote_compare(d.el, d.urn, scrutin, count, act_actor(),
	        &conformes, &cmp, report, sizeof(report), &e) == -1) {
		rc = cer_fail(&e);
		goto out;
	}
	printf("%-50s %8s %8s\n", "Liste ou candidat", "attendu", "obtenu");
	json_array_foreach(cmp, i, r)
	{
		json_t *g = json_object_get(r, "obtenu");
		char got[32] = "—";
		if (json_is_integer(g))
			snprintf(got, sizeof(got), "%lld",
			    (long long)json_integer_value(g));
		printf("%-50s %8lld %8s\n",
		    json_string_value(json_object_get(r, "ligne")),
		    (long long)json_integer_value(
		        json_object_get(r, "attendu")),
		    got);
	}
	printf("Vote à blanc du scrutin n° %u : %s\n", scrutin, report);
	/* a mismatch is recorded, and is a failure for scripts */
	rc = conformes ? 0 : 3;
out:
	json_decref(count);
	json_decref(cmp);
	act_close(&d);
	conf_free(c);
	return rc;
}
