/* cmd_proclaim.c: `results proclaim`, the bureau proclaims a counted
 * scrutin's results with its codes (R-BUR-8, lib/proclaim.c), with one
 * `--lot SEAT:LIST` per seat the law leaves tied. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "act.h"
#include "cmd.h"
#include "proclaim.h"

#define PROCLAIM_CODES_MAX 4096

static void
print_seats(const json_t *result)
{
	const json_t *c, *l;
	size_t i, j;

	json_array_foreach(json_object_get(result, "colleges"), i, c) {
		const char *cats[2] = { "titulaires", "suppleants" };
		for (int k = 0; k < 2; k++) {
			const json_t *cat = json_object_get(c, cats[k]);
			if (cat == NULL)
				continue;
			json_array_foreach(json_object_get(cat, "lists"), j, l)
				printf("  %s : %lld siège(s)\n", json_string_value(json_object_get(l, "name")),
				    (long long)json_integer_value(json_object_get(l, "seats_total")));
		}
	}
}

int
cmd_results_proclaim(int argc, char **argv)
{
	const char *conf = NULL, *counts = NULL, *codes = NULL;
	unsigned scrutin = 0, bureau;
	char *text = calloc(1, PROCLAIM_CODES_MAX), sha[PROCLAIM_SHA_HEX];
	struct bureau_code code[BUREAU_MAX_CODES];
	struct bureau_auth auth;
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	json_t *cnt = NULL, *result = NULL, *lots = NULL;
	json_error_t je;
	size_t n = 0;
	struct err e;
	int rc = 1, badlot = 0;

	for (int i = 0; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--scrutin") == 0)
			scrutin = (unsigned)strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--counts") == 0)
			counts = argv[i + 1];
		else if (strcmp(argv[i], "--codes") == 0)
			codes = argv[i + 1];
		else if (strcmp(argv[i], "--lot") == 0 && proclaim_lot_parse(argv[i + 1], &lots, &e) == -1)
			badlot = 1;
		else if (strcmp(argv[i], "--lot") == 0)
			continue;
		else if (strcmp(argv[i], "-c") == 0)
			conf = argv[i + 1];
		else
			scrutin = 0;
	}
	if (badlot) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		rc = 2;
		goto out;
	}
	if (text == NULL || scrutin == 0 || counts == NULL || codes == NULL || argc % 2 != 0) {
		fprintf(stderr, "usage : isoloir-console results proclaim --scrutin N --counts COMPTES.json "
		    "--codes FICHIER [--lot SIÈGE:LISTE]... [-c CONF]\n");
		rc = 2;
		goto out;
	}
	if ((cnt = json_load_file(counts, 0, &je)) == NULL) {
		fprintf(stderr, "isoloir-console : « %s » illisible : %s\n", counts, je.text);
		goto out;
	}
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1 ||
	    act_read_codes(codes, text, PROCLAIM_CODES_MAX, code, &n, &e) == -1 ||
	    lifecycle_authority(d.el, scrutin, LC_COUNTED, &bureau, &e) == -1 ||
	    bureau_authorise(d.el, bureau, code, n, act_actor(), "proclamation", scrutin, &auth,
	    &e) == -1 ||
	    proclaim(d.el, scrutin, cnt, &auth, act_actor(), lots, &result, sha, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	printf("Résultats du scrutin n° %u proclamés par le bureau (%s) ; empreinte %s\n", scrutin,
	    auth.quorum.summary, sha);
	print_seats(result);
	rc = 0;
out:
	if (text != NULL)
		OPENSSL_cleanse(text, PROCLAIM_CODES_MAX);
	free(text);
	json_decref(cnt);
	json_decref(result);
	json_decref(lots);
	act_close(&d);
	conf_free(c);
	return rc;
}

/* `bureau observation|decision SCRUTIN --texte T --codes F`: the bureau's
 * own words in the journal and the PV (R-BUR-7). */
static int
record(int argc, char **argv, int decision)
{
	const char *conf = NULL, *codes = NULL, *text = NULL;
	unsigned scrutin = 0, bureau;
	char *buf = calloc(1, PROCLAIM_CODES_MAX);
	struct bureau_code code[BUREAU_MAX_CODES];
	struct bureau_auth auth;
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	size_t n = 0;
	struct err e;
	int rc = 1;

	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--texte") == 0 && v != NULL)
			text = argv[++i];
		else if (strcmp(argv[i], "--codes") == 0 && v != NULL)
			codes = argv[++i];
		else if (strcmp(argv[i], "-c") == 0 && v != NULL)
			conf = argv[++i];
		else if (argv[i][0] != '-' && scrutin == 0)
			scrutin = (unsigned)strtoul(argv[i], NULL, 10);
		else
			scrutin = 0, argc = -1;
	}
	if (buf == NULL || scrutin == 0 || text == NULL || codes == NULL) {
		fprintf(stderr, "usage : isoloir-console bureau %s SCRUTIN --texte TEXTE --codes FICHIER "
		    "[-c CONF]\n", decision ? "decision" : "observation");
		rc = 2;
		goto out;
	}
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1 ||
	    act_read_codes(codes, buf, PROCLAIM_CODES_MAX, code, &n, &e) == -1 ||
	    lifecycle_authority(d.el, scrutin, LC_OPEN, &bureau, &e) == -1 ||
	    bureau_authorise(d.el, bureau, code, n, act_actor(), decision ? "decision" : "observation",
	    scrutin, &auth, &e) == -1 ||
	    bureau_record(d.el, scrutin, &auth, act_actor(), decision, text, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	printf("%s du bureau enregistrée au journal du scrutin n° %u (%s)\n",
	    decision ? "Décision" : "Observation", scrutin, auth.quorum.summary);
	rc = 0;
out:
	if (buf != NULL)
		OPENSSL_cleanse(buf, PROCLAIM_CODES_MAX);
	free(buf);
	act_close(&d);
	conf_free(c);
	return rc;
}

int
cmd_bureau_observation(int argc, char **argv)
{
	return record(argc, argv, 0);
}

int
cmd_bureau_decision(int argc, char **argv)
{
	return record(argc, argv, 1);
}
