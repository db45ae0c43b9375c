/* cmd_count.c: `isoloir-console tally --conf CONF --scrutin N`: the
 * homomorphic totals of a scrutin from the urn (lib/count.c), written as
 * JSON for the key holders (isoloir-trustee decrypt); `tally --update`:
 * the partial sums kept during the vote (lib/presum.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "act.h"
#include "cmd.h"
#include "conf.h"
#include "count.h"
#include "db.h"
#include "presum.h"
#include "results.h"
#include "turnout.h"
#include "rules.h"

/* `tally --update [--scrutin N]`: the partial sums of one scrutin, or of
 * every scrutin the urn holds, brought up to date (run periodically
 * during the vote: docs/operations.md). */
static int
tally_update(MYSQL *el, MYSQL *urn, unsigned scrutin)
{
	unsigned *ids = NULL, one = scrutin;
	size_t n = 1;
	struct err e;
	int rc = 0;

	if (scrutin == 0 && presum_scrutins(urn, &ids, &n, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned id = ids != NULL ? ids[i] : one;
		struct scrutin_params p;
		struct presum_stats st;
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (scrutin_params_load(el, id, &p, &e) == -1) {
			fprintf(stderr, "isoloir-console : scrutin %u : %s\n", id, e.msg);
			rc = 1;
			continue;
		}
		if (presum_update(urn, &p, 0, NULL, &st, &e) == -1) {
			fprintf(stderr, "isoloir-console : scrutin %u : %s\n", id, e.msg);
			rc = 1;
		} else {
			clock_gettime(CLOCK_MONOTONIC, &t1);
			printf("scrutin %u : %lu bulletin(s) dans les sommes partielles, %lu lu(s) dans l'urne, "
			    "%lu groupe(s) recalculé(s), %lu ligne(s) écrite(s), %lu groupe(s) laissé(s) pour "
			    "la prochaine fois (%.2f s)\n", id, st.ballots, st.added, st.rebuilt, st.written,
			    st.skipped, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
			if (st.note[0] != '\0')
				fprintf(stderr, "%s\n", st.note);
		}
		scrutin_params_free(&p);
	}
	free(ids);
	return rc;
}

/* The count reads a whole urn: a query over a million ballots may run
 * minutes before its first row (the scan for ballots without stored
 * points), longer than the configured read timeout, which is meant for
 * the short queries of the screens. */
static MYSQL *
count_urn_connect(struct db_params *pu, struct err *e)
{
	pu->read_s = 3600;
	return db_connect(pu, e);
}

int
cmd_tally(int argc, char **argv)
{
	const char *conf = NULL;
	unsigned scrutin = 0, sub = 0;
	int full = 0, update = 0, bad = 0;
	struct presum_stats ps = { 0 };
	struct db_params pe, pu;
	struct conf *c = NULL;
	MYSQL *el = NULL, *urn = NULL;
	json_t *j = NULL;
	struct err e;
	int rc = 1;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--full") == 0)
			full = 1;
		else if (strcmp(argv[i], "--update") == 0)
			update = 1;
		else if (i + 1 == argc)
			bad = 1;
		else if (strcmp(argv[i], "--conf") == 0 || strcmp(argv[i], "-c") == 0)
			conf = argv[++i];
		else if (strcmp(argv[i], "--scrutin") == 0)
			scrutin = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--sub-urn") == 0)
			sub = (unsigned)strtoul(argv[++i], NULL, 10);
		else
			bad = 1;
	}
	if (conf == NULL || (scrutin == 0 && !update) || sub > 2 || bad || (update && (full || sub))) {
		fprintf(stderr, "usage : isoloir-console tally --scrutin N [--sub-urn 1|2] [--full] -c CONF\n"
		    "        isoloir-console tally --update [--scrutin N] -c CONF\n");
		return 2;
	}
	if ((c = conf_load(conf, &e)) == NULL || db_params_from_conf(c, "electors_db", &pe, &e) == -1 ||
	    db_params_from_conf(c, "urn_db", &pu, &e) == -1 || (el = db_connect(&pe, &e)) == NULL ||
	    (urn = count_urn_connect(&pu, &e)) == NULL) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	if (update) {
		rc = tally_update(el, urn, scrutin);
		goto out;
	}
	/* the update makes no totals (encrypted sums never decrypted): it runs
	 * during the vote; the count only once the urn may be totalled */
	if (count_may_total(el, scrutin, &e) == -1 ||
	    (j = count_totals(el, urn, scrutin, sub, full, &ps, &e)) == NULL) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	if (ps.note[0] != '\0')
		fprintf(stderr, "%s\n", ps.note);
	if (!full)
		fprintf(stderr, "sommes partielles : %lu bulletin(s), %lu lu(s) dans l'urne, %lu groupe(s) "
		    "recalculé(s)\n", ps.ballots, ps.added, ps.rebuilt);
	/* R-ORG-5: a small sub-group's totals could reveal how its members voted */
	if (sub > 0 && count_sub_urn_small(json_integer_value(json_object_get(j, "ballots"))))
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
