/* cmd_electoral_list.c: `electors list`, the electoral lists of every
 * establishment × collège of the operation as CSV and PDF for the unions
 * and the employer (R-DATA-1, lib/electoral_list.c). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "act.h"
#include "cmd.h"
#include "pv.h"
#include "db.h"
#include "electoral_list.h"
#include "operation.h"
#include "text.h"

/* A file name from a French name: "Siège de Niort" → "siege-de-niort". */
static void
slug(const char *s, char *out, size_t cap)
{
	char *f = text_fold(s);   /* lowercase, accents removed */
	size_t o = 0;
	int dash = 0;

	for (const char *p = f; *p != '\0' && o + 2 < cap; p++) {
		if (isalnum((unsigned char)*p)) {
			if (dash && o > 0)
				out[o++] = '-';
			out[o++] = *p;
			dash = 0;
		} else {
			dash = 1;
		}
	}
	out[o] = '\0';
	free(f);
}

int
cmd_electors_list(int argc, char **argv)
{
	const char *conf = NULL, *dir = NULL, *opcode = NULL;
	char etab[256], college[256], se[128], sc[128], csv[4096], pdf[4096];
	unsigned eid = 0, cid = 0, pairs[512][2];
	char names[512][2][256];
	size_t np = 0;
	unsigned long l1, l2, n;
	struct operation op;
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	MYSQL_BIND out[4];
	MYSQL_STMT *st = NULL;
	struct err e;
	int rc = 1, f;

	for (int i = 0; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--out") == 0)
			dir = argv[i + 1];
		else if (strcmp(argv[i], "--operation") == 0)
			opcode = argv[i + 1];
		else if (strcmp(argv[i], "-c") == 0)
			conf = argv[i + 1];
		else
			dir = NULL;
	}
	if (dir == NULL || argc % 2 != 0) {
		fprintf(stderr, "usage : isoloir-console electors list --out DOSSIER [--operation CODE] "
		    "[-c CONF]\n");
		return 2;
	}
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1 ||
	    operation_load(d.el, opcode, &op, &e) == -1 ||
	    (st = db_query(d.el, &e, "SELECT e.id, e.name, c.id, c.name FROM establishment e JOIN"
	    " college c ON c.operation_id = e.operation_id WHERE e.operation_id = ? ORDER BY e.id,"
	    " c.id", "u", op.id)) == NULL)
		goto fail;
	db_bind(&out[0], MYSQL_TYPE_LONG, &eid, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, etab, sizeof(etab) - 1, &l1);
	db_bind(&out[2], MYSQL_TYPE_LONG, &cid, 0, NULL);
	db_bind(&out[3], MYSQL_TYPE_STRING, college, sizeof(college) - 1, &l2);
	if (mysql_stmt_bind_result(st, out) != 0) {
		err_set(&e, "base des électeurs : %s", mysql_stmt_error(st));
		goto fail;
	}
	while (np < 512 && ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED)) {
		db_cstr(etab, sizeof(etab), l1);
		db_cstr(college, sizeof(college), l2);
		pairs[np][0] = eid;
		pairs[np][1] = cid;
		memcpy(names[np][0], etab, sizeof(etab));
		memcpy(names[np][1], college, sizeof(college));
		np++;
	}
	mysql_stmt_close(st);
	st = NULL;
	/* personal data: readable by the owner only */
	umask(077);
	mkdir(dir, 0700);
	for (size_t i = 0; i < np; i++) {
		struct electoral_list l = { pairs[i][0], pairs[i][1], op.name, names[i][0], names[i][1] };
		slug(names[i][0], se, sizeof(se));
		slug(names[i][1], sc, sizeof(sc));
		snprintf(csv, sizeof(csv), "%s/liste-electorale-%s-%s.csv", dir, se, sc);
		snprintf(pdf, sizeof(pdf), "%s/liste-electorale-%s-%s.pdf", dir, se, sc);
		if (electoral_list_write(d.el, &l, csv, pdf, &n, &e) == -1)
			goto fail;
		printf("%s, %s : %lu électeur%s → %s (et .csv)\n", names[i][0], names[i][1], n,
		    n > 1 ? "s" : "", pdf);
	}
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "isoloir-console : %s\n", e.msg);
out:
	/* the font caches of the PDF, so that leak checkers see none */
	pv_release();
	if (st != NULL)
		mysql_stmt_close(st);
	act_close(&d);
	conf_free(c);
	return rc;
}
