/* cmd_model.c: console commands of the election model (docs/model.md):
 * scrutins and their lifecycle, the journal, the seals; the rules live in
 * lib/ (lifecycle, bureau, journal, seal). Every command takes -c CONF
 * (default $ISOLOIR_CONSOLE_CONF, then /etc/isoloir/console.conf).
 *   scrutin list
 *   scrutin transition ID ETAT [--codes FICHIER|-] [--auto] [--note TEXTE]
 *     [--avis TEXTE --autorisation TEXTE] [--bin CHEMIN]...
 *   journal verify [electors|urn]        journal export [electors|urn]
 *   seal create ID --codes FICHIER|- [--bin CHEMIN]...     seal verify ID */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "act.h"
#include "cmd.h"
#include "db.h"
#include "journal.h"
#include "xmalloc.h"

#define CMD_CODES_MAX 4096

static int
cmd_model_fail(const struct err *e)
{
	fprintf(stderr, "isoloir-console : %s\n", e->msg);
	return 1;
}

/* Options of transitions and seals. */
struct cmd_opts {
	const char *codes_path;
	struct act_opts act;
};

static int
cmd_model_opts(int argc, char **argv, struct cmd_opts *o, struct err *e)
{
	memset(o, 0, sizeof(*o));
	for (int i = 0; i < argc; i++) {
		int more = i + 1 < argc;
		if (strcmp(argv[i], "--auto") == 0)
			o->act.automatic = 1;
		else if (strcmp(argv[i], "--codes") == 0 && more)
			o->codes_path = argv[++i];
		else if (strcmp(argv[i], "--note") == 0 && more)
			o->act.note = argv[++i];
		else if (strcmp(argv[i], "--avis") == 0 && more)
			o->act.advice = argv[++i];
		else if (strcmp(argv[i], "--autorisation") == 0 && more)
			o->act.authorisation = argv[++i];
		else if (strcmp(argv[i], "--bin") == 0 && more && o->act.nbin < SEAL_MAX_BINARIES)
			o->act.bins[o->act.nbin++] = argv[++i];
		else
			return err_set(e, "option inconnue ou incomplète « %s »", argv[i]);
	}
	return 0;
}

static int
cmd_model_transition(const struct conf *c, unsigned id, enum lc_state to,
    struct cmd_opts *o, struct err *e)
{
	struct bureau_code codes[BUREAU_MAX_CODES];
	struct act_dbs d = { 0 };
	char *text = xmalloc(CMD_CODES_MAX);
	int rc = -1;

	if (o->codes_path != NULL) {
		if (act_read_codes(o->codes_path, text, CMD_CODES_MAX, codes,
		    &o->act.ncodes, e) == -1)
			goto out;
		o->act.codes = codes;
	}
	if (act_connect(c, &d, 1, e) == -1)
		goto out;
	if ((rc = act_transition(c, &d, id, to, &o->act, e)) == 0)
		printf("Scrutin n° %u : « %s ».\n", id, lifecycle_state_label(to));
out:
	act_close(&d);
	OPENSSL_cleanse(text, CMD_CODES_MAX);
	free(text);
	return rc;
}

/* printf's %-Ns counts bytes: pad French labels by characters. */
static void
cmd_model_pad(const char *s, int width)
{
	int chars = 0;

	for (const char *p = s; *p != '\0'; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	printf("%s%*s", s, width > chars ? width - chars : 0, "");
}

static int
cmd_model_list(const struct conf *c, struct err *e)
{
	struct act_dbs d = { 0 };
	json_t *list = NULL, *s;
	size_t i;
	int rc = -1;

	if (act_connect(c, &d, 0, e) == -1 || (list = lifecycle_list(d.el, e)) == NULL)
		goto out;
	json_array_foreach(list, i, s) {
		printf("%4d  ", (int)json_integer_value(json_object_get(s, "id")));
		cmd_model_pad(json_string_value(json_object_get(s, "libelle_etat")), 28);
		printf("  %s\n", json_string_value(json_object_get(s, "scrutin")));
	}
	rc = 0;
out:
	json_decref(list);
	act_close(&d);
	return rc;
}

static int
cmd_model_id(const char *s, unsigned *id, struct err *e)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v == 0 || v > 0xffffffffUL)
		return err_set(e, "numéro de scrutin invalide « %s »", s);
	*id = (unsigned)v;
	return 0;
}

static int
cmd_model_journal_one(const struct conf *c, const char *section, const char *label,
    int export, struct err *e)
{
	struct db_params p;
	uint64_t count = 0;
	MYSQL *m;
	int rc = -1;

	if (db_params_from_conf(c, section, &p, e) == -1 || (m = db_connect(&p, e)) == NULL)
		return -1;
	if (export)
		rc = journal_export(m, stdout, e);
	else if ((rc = act_journal_verify(m, &count, e)) == 0)
		printf("Journal %s : %llu entrées, chaînage intact.\n", label,
		    (unsigned long long)count);
	db_close(m);
	if (rc == -1)
		err_prefix(e, "journal %s : ", label);
	return rc;
}

static int
cmd_model_check_seal(const struct conf *c, unsigned id, struct err *e)
{
	struct act_dbs d = { 0 };
	int rc = -1;

	if (act_connect(c, &d, 1, e) == 0 &&
	    (rc = seal_check(d.el, d.urn, id, act_actor(), e)) == 0)
		printf("Scrutin n° %u : scellement conforme.\n", id);
	act_close(&d);
	return rc;
}

/* Sealing is the transition to "sealed" (or "sealed_after_count" once
 * counted): the seal is made by lifecycle_apply. */
static int
cmd_model_make_seal(const struct conf *c, unsigned id, struct cmd_opts *o,
    struct err *e)
{
	struct act_dbs d = { 0 };
	enum lc_state now;
	int rc;

	rc = act_connect(c, &d, 0, e) == 0 ? lifecycle_state_of(d.el, id, &now, e) : -1;
	act_close(&d);
	if (rc == -1)
		return -1;
	return cmd_model_transition(c, id, act_seal_state(now), o, e);
}

/* ------------------------------------------------------------ entries */

/* Take "-c CONF" out of argv and load that configuration. */
static struct conf *
cmd_model_conf(int *argc, char **argv, struct err *e)
{
	const char *path = NULL;

	for (int i = 0; i < *argc; i++) {
		if (strcmp(argv[i], "-c") != 0 || i + 1 == *argc)
			continue;
		path = argv[i + 1];
		memmove(&argv[i], &argv[i + 2], (size_t)(*argc - i - 2) * sizeof(*argv));
		*argc -= 2;
		break;
	}
	return act_conf_load(path, e);
}

static int
cmd_model_usage(const char *usage)
{
	fprintf(stderr, "usage : isoloir-console %s [-c CONF]\n", usage);
	return 2;
}

/* Shared frame: load the configuration, run, report. */
static int
cmd_model_frame(int argc, char **argv, int min, int max, const char *usage,
    int (*run)(const struct conf *, int, char **, struct err *))
{
	struct conf *c;
	struct err e;
	int rc;

	if ((c = cmd_model_conf(&argc, argv, &e)) == NULL)
		return cmd_model_fail(&e);
	if (argc < min || argc > max) {
		conf_free(c);
		return cmd_model_usage(usage);
	}
	rc = run(c, argc, argv, &e) == 0 ? 0 : cmd_model_fail(&e);
	conf_free(c);
	return rc;
}

static int
cmd_model_do_list(const struct conf *c, int argc, char **argv, struct err *e)
{
	return cmd_model_list(c, e);
}

int
cmd_model_scrutin_list(int argc, char **argv)
{
	return cmd_model_frame(argc, argv, 0, 0, "scrutin list", cmd_model_do_list);
}

static int
cmd_model_do_transition(const struct conf *c, int argc, char **argv, struct err *e)
{
	struct cmd_opts o;
	enum lc_state to;
	unsigned id;

	if (cmd_model_id(argv[0], &id, e) == -1 ||
	    lifecycle_state_parse(argv[1], &to, e) == -1 ||
	    cmd_model_opts(argc - 2, argv + 2, &o, e) == -1)
		return -1;
	return cmd_model_transition(c, id, to, &o, e);
}

int
cmd_model_scrutin_transition(int argc, char **argv)
{
	return cmd_model_frame(argc, argv, 2, 64, "scrutin transition ID ETAT [--codes FICHIER]"
	    " [--auto] [--note TEXTE] [--avis TEXTE --autorisation TEXTE] [--bin CHEMIN]...",
	    cmd_model_do_transition);
}

static int
cmd_model_do_journal(const struct conf *c, int argc, char **argv, int export, struct err *e)
{
	const char *db = argc == 1 ? argv[0] : NULL;

	if (db != NULL && strcmp(db, "electors") != 0 && strcmp(db, "urn") != 0)
		return err_set(e, "base inconnue « %s » (electors ou urn)", db);
	if ((db == NULL || strcmp(db, "electors") == 0) &&
	    cmd_model_journal_one(c, "electors_db", "des électeurs", export, e) == -1)
		return -1;
	if ((db == NULL || strcmp(db, "urn") == 0) &&
	    cmd_model_journal_one(c, "urn_db", "de l'urne", export, e) == -1)
		return -1;
	return 0;
}

static int
cmd_model_do_journal_verify(const struct conf *c, int argc, char **argv, struct err *e)
{
	return cmd_model_do_journal(c, argc, argv, 0, e);
}

static int
cmd_model_do_journal_export(const struct conf *c, int argc, char **argv, struct err *e)
{
	return cmd_model_do_journal(c, argc, argv, 1, e);
}

int
cmd_model_journal_verify(int argc, char **argv)
{
	return cmd_model_frame(argc, argv, 0, 1, "journal verify [electors|urn]",
	    cmd_model_do_journal_verify);
}

int
cmd_model_journal_export(int argc, char **argv)
{
	return cmd_model_frame(argc, argv, 0, 1, "journal export [electors|urn]",
	    cmd_model_do_journal_export);
}

static int
cmd_model_do_seal_create(const struct conf *c, int argc, char **argv, struct err *e)
{
	struct cmd_opts o;
	unsigned id;

	if (cmd_model_id(argv[0], &id, e) == -1 ||
	    cmd_model_opts(argc - 1, argv + 1, &o, e) == -1)
		return -1;
	return cmd_model_make_seal(c, id, &o, e);
}

static int
cmd_model_do_seal_verify(const struct conf *c, int argc, char **argv, struct err *e)
{
	unsigned id;

	if (cmd_model_id(argv[0], &id, e) == -1)
		return -1;
	return cmd_model_check_seal(c, id, e);
}

int
cmd_model_seal_create(int argc, char **argv)
{
	return cmd_model_frame(argc, argv, 1, 64, "seal create ID --codes FICHIER"
	    " [--bin CHEMIN]...", cmd_model_do_seal_create);
}

int
cmd_model_seal_verify(int argc, char **argv)
{
	return cmd_model_frame(argc, argv, 1, 1, "seal verify ID", cmd_model_do_seal_verify);
}
