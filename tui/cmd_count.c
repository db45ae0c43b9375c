/* cmd_count.c: `isoloir-console tally --conf CONF --scrutin N`: the
 * homomorphic totals of a scrutin from the urn (lib/count.c), written as
 * JSON for the key holders (isoloir-trustee decrypt). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "cmd.h"
#include "conf.h"
#include "count.h"
#include "db.h"
#include "results.h"
#include "turnout.h"
#include "rules.h"

int
cmd_tally(int argc, char **argv)
{
	const char *conf = NULL;
	unsigned scrutin = 0, sub = 0;
	struct db_params pe, pu;
	struct conf *c = NULL;
	MYSQL *el = NULL, *urn = NULL;
	json_t *j = NULL;
	struct err e;
	int rc = 1;

	for (int i = 0; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--conf") == 0 || strcmp(argv[i], "-c") == 0)
			conf = argv[i + 1];
		else if (strcmp(argv[i], "--scrutin") == 0)
			scrutin = (unsigned)strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--sub-urn") == 0)
			sub = (unsigned)strtoul(argv[i + 1], NULL, 10);
	}
	if (conf == NULL || scrutin == 0 || sub > 2 || argc % 2 != 0) {
		fprintf(stderr, "usage : isoloir-console tally --scrutin N [--sub-urn 1|2] -c CONF\n");
		return 2;
	}
	if ((c = conf_load(conf, &e)) == NULL || db_params_from_conf(c, "electors_db", &pe, &e) == -1 ||
	    db_params_from_conf(c, "urn_db", &pu, &e) == -1 || (el = db_connect(&pe, &e)) == NULL ||
	    (urn = db_connect(&pu, &e)) == NULL || count_may_total(el, scrutin, &e) == -1 ||
	    (j = count_totals(el, urn, scrutin, sub, &e)) == NULL) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	/* R-ORG-5: a small sub-group's totals could reveal how its members voted */
	if (sub > 0 && json_integer_value(json_object_get(j, "ballots")) < 10)
		fprintf(stderr, "attention : la sous-urne %u ne compte que %lld bulletin(s) : ses totaux "
		    "publiés à part pourraient révéler des votes\n", sub,
		    (long long)json_integer_value(json_object_get(j, "ballots")));
	if (count_journal_totals(el, j, act_actor(), &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	json_dumpf(j, stdout, JSON_INDENT(1));
	putchar('\n');
	rc = 0;
out:
	json_decref(j);
	db_close(el);
	db_close(urn);
	conf_free(c);
	return rc;
}

/* `isoloir-console results --scrutin N --counts FILE -c CONF`: the seats
 * from the decrypted counts (isoloir-verify count's output) and the
 * scrutin's lists, by the counting law; prints rules-schema.md's output. */
int
cmd_results(int argc, char **argv)
{
	const char *conf = NULL, *counts = NULL;
	unsigned scrutin = 0;
	struct db_params pe;
	struct conf *c = NULL;
	MYSQL *el = NULL;
	json_t *cnt = NULL, *in = NULL, *out = NULL;
	json_error_t je;
	struct err e;
	int rc = 1;

	for (int i = 0; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "--conf") == 0)
			conf = argv[i + 1];
		else if (strcmp(argv[i], "--scrutin") == 0)
			scrutin = (unsigned)strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--counts") == 0)
			counts = argv[i + 1];
	}
	if (conf == NULL || counts == NULL || scrutin == 0 || argc % 2 != 0) {
		fprintf(stderr, "usage : isoloir-console results --scrutin N --counts FICHIER -c CONF\n");
		return 2;
	}
	if ((cnt = json_load_file(counts, 0, &je)) == NULL) {
		fprintf(stderr, "isoloir-console : %s : %s\n", counts, je.text);
		return 1;
	}
	if ((c = conf_load(conf, &e)) == NULL || db_params_from_conf(c, "electors_db", &pe, &e) == -1 ||
	    (el = db_connect(&pe, &e)) == NULL || (in = results_rules_input(el, scrutin, cnt, &e)) == NULL) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	out = rules_run_json(in);
	json_dumpf(out, stdout, JSON_INDENT(2));
	putchar('\n');
	rc = json_is_true(json_object_get(out, "valid")) ? 0 : 1;
out:
	json_decref(out);
	json_decref(in);
	json_decref(cnt);
	db_close(el);
	conf_free(c);
	return rc;
}

/* `isoloir-console turnout -c CONF`: turnout of every scrutin (R-BUR-5). */
int
cmd_turnout(int argc, char **argv)
{
	const char *conf = argc == 2 && strcmp(argv[0], "-c") == 0 ? argv[1] : NULL;
	struct db_params pe;
	struct conf *c = NULL;
	MYSQL *el = NULL;
	json_t *t = NULL, *s;
	struct err e;
	size_t i;
	int rc = 1;

	if (conf == NULL) {
		fprintf(stderr, "usage : isoloir-console turnout -c CONF\n");
		return 2;
	}
	if ((c = conf_load(conf, &e)) == NULL || db_params_from_conf(c, "electors_db", &pe, &e) == -1 ||
	    (el = db_connect(&pe, &e)) == NULL || (t = turnout_all(el, &e)) == NULL) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	printf("%4s  %-44s %-12s %8s %8s %8s\n", "n°", "scrutin", "état", "inscrits", "votants", "%");
	json_array_foreach(t, i, s)
		printf("%4d  %-44s %-12s %8lld %8lld %7s%%\n", (int)json_integer_value(json_object_get(s, "id")),
		    json_string_value(json_object_get(s, "scrutin")), json_string_value(json_object_get(s, "etat")),
		    (long long)json_integer_value(json_object_get(s, "inscrits")),
		    (long long)json_integer_value(json_object_get(s, "votants")),
		    json_string_value(json_object_get(s, "participation")));
	rc = 0;
out:
	json_decref(t);
	db_close(el);
	conf_free(c);
	return rc;
}
