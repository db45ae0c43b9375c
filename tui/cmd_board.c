/* cmd_board.c: `isoloir-console board export SCRUTIN --deals DIR
 * [--deals DIR2] --partials P... --out FILE [--publish] -c CONF`: the
 * public bulletin board of a scrutin after its close (docs/protocol.md
 * §10): DIR holds the holders' deal-X.json (two directories for the two
 * groups of "president required"), the partials are those of the whole
 * urn and of each sub-urn (R-ORG-5); the board is verified
 * before it is written; --publish also puts it on the public site once
 * the scrutin is counted. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "cmd.h"
#include "conf.h"
#include "db.h"

struct bargs {
	const char *conf, *out;
	const char *deals[2];           /* one key, or the two groups' (§8.1) */
	size_t ndeals;
	unsigned scrutin;
	const char *partials[BOARD_MAX_PARTIALS];
	size_t npartials;
	int publish;
};

static int
board_args(int argc, char **argv, struct bargs *a)
{
	memset(a, 0, sizeof(*a));
	if (argc < 1 || (a->scrutin = (unsigned)strtoul(argv[0], NULL, 10)) == 0)
		return -1;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--partials") == 0) {
			while (i + 1 < argc && strncmp(argv[i + 1], "-", 1) != 0 && a->npartials < BOARD_MAX_PARTIALS)
				a->partials[a->npartials++] = argv[++i];
			continue;
		}
		if (strcmp(argv[i], "--publish") == 0) {
			a->publish = 1;
			continue;
		}
		if (i + 1 >= argc)
			return -1;
		if (strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "--conf") == 0)
			a->conf = argv[++i];
		else if (strcmp(argv[i], "--deals") == 0 && a->ndeals < 2)
			a->deals[a->ndeals++] = argv[++i];
		else if (strcmp(argv[i], "--out") == 0)
			a->out = argv[++i];
		else
			return -1;
	}
	return a->conf && a->ndeals > 0 && a->out && a->npartials > 0 ? 0 : -1;
}

/* DIR/deal-1.json .. deal-N.json, N read from deal-1.json. */
static size_t
board_load_deals(const char *dir, json_t **deals)
{
	char path[4096];
	json_error_t je;
	size_t n = 0, want = 1;

	for (size_t x = 1; x <= want && x <= THR_MAX; x++) {
		snprintf(path, sizeof(path), "%s/deal-%zu.json", dir, x);
		if ((deals[n] = json_load_file(path, JSON_REJECT_DUPLICATES, &je)) == NULL) {
			fprintf(stderr, "isoloir-console : %s : %s\n", path, je.text);
			break;
		}
		if (x == 1)
			want = (size_t)json_integer_value(json_object_get(deals[0], "holders"));
		n++;
	}
	if (n != want || n == 0) {
		fprintf(stderr, "isoloir-console : distributions des détenteurs incomplètes dans %s\n", dir);
		return 0;
	}
	return n;
}

int
cmd_board_export(int argc, char **argv)
{
	struct bargs a;
	struct db_params pe, pu;
	struct conf *c = NULL;
	MYSQL *el = NULL, *urn = NULL;
	json_t *deals[2 * THR_MAX] = { 0 }, *parts[BOARD_MAX_PARTIALS] = { 0 };
	struct board_summary sum;
	json_error_t je;
	size_t nd = 0, np = 0;
	long chunk = BOARD_CHUNK_DEFAULT;
	struct err e;
	int rc = 1;

	if (board_args(argc, argv, &a) == -1) {
		fprintf(stderr, "usage : isoloir-console board export SCRUTIN --deals DOSSIER "
		    "[--deals DOSSIER2] --partials PARTIEL... --out TABLEAU.json [--publish] -c CONF\n");
		return 2;
	}
	for (size_t i = 0; i < a.ndeals; i++) {
		size_t got = board_load_deals(a.deals[i], deals + nd);
		if (got == 0)
			goto out;
		nd += got;
	}
	for (; np < a.npartials; np++)
		if ((parts[np] = json_load_file(a.partials[np], JSON_REJECT_DUPLICATES, &je)) == NULL) {
			fprintf(stderr, "isoloir-console : %s : %s\n", a.partials[np], je.text);
			goto out;
		}
	if ((c = conf_load(a.conf, &e)) == NULL || db_params_from_conf(c, "electors_db", &pe, &e) == -1 ||
	    db_params_from_conf(c, "urn_db", &pu, &e) == -1 || (el = db_connect(&pe, &e)) == NULL ||
	    (urn = db_connect(&pu, &e)) == NULL ||
	    /* the site's chunk size (docs/protocol.md §10.5); tests make it small */
	    conf_get_int(c, "board", "chunk_bytes", BOARD_CHUNK_DEFAULT, BOARD_CHUNK_MIN, 256L << 20,
	        &chunk, &e) == -1 ||
	    board_export(el, urn, a.scrutin, deals, nd, parts, np, a.out, &sum, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	printf("tableau du scrutin %u : %s (%lu bulletins), vérifié\n", a.scrutin, a.out, sum.ballots);
	if (a.publish && board_publish(el, urn, a.out, (size_t)chunk, "console", &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	if (a.publish)
		printf("publié sur le site : /tableau/%u.json\n", a.scrutin);
	rc = 0;
out:
	for (size_t i = 0; i < 2 * THR_MAX; i++)
		json_decref(deals[i]);
	for (size_t i = 0; i < BOARD_MAX_PARTIALS; i++)
		json_decref(parts[i]);
	db_close(el);
	db_close(urn);
	conf_free(c);
	return rc;
}
