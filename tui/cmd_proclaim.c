/* cmd_proclaim.c: `results proclaim`, the bureau proclaims a counted
 * scrutin's results with its codes (R-BUR-8, lib/proclaim.c). */
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
	const char *conf = NULL, *counts = NULL, *codes = NULL, *lot = NULL;
	unsigned scrutin = 0, bureau;
	char *text = calloc(1, PROCLAIM_CODES_MAX), sha[PROCLAIM_SHA_HEX];
	struct bureau_code code[BUREAU_MAX_CODES];
	struct bureau_auth auth;
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	json_t *cnt = NULL, *result = NULL;
	json_error_t je;
	size_t n = 0;
	struct err e;
	int rc = 1;

	for (int i = 0; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--scrutin") == 0)
			scrutin = (unsigned)strtoul(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--counts") == 0)
			counts = argv[i + 1];
		else if (strcmp(argv[i], "--codes") == 0)
			codes = argv[i + 1];
		else if (strcmp(argv[i], "--lot") == 0)
			lot = argv[i + 1];
		else if (strcmp(argv[i], "-c") == 0)
			conf = argv[i + 1];
		else
			scrutin = 0;
	}
	if (text == NULL || scrutin == 0 || counts == NULL || codes == NULL || argc % 2 != 0) {
		fprintf(stderr, "usage : isoloir-console results proclaim --scrutin N --counts COMPTES.json "
		    "--codes FICHIER [--lot LISTE] [-c CONF]\n");
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
	    proclaim(d.el, scrutin, cnt, &auth, act_actor(), lot, &result, sha, &e) == -1) {
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
	act_close(&d);
	conf_free(c);
	return rc;
}
