/* cmd_clock.c: `scrutin tick`, the clock of the election (R-ORG-4, R-ORG-6),
 * run every minute by a timer on the bastion (docs/operations.md): a
 * scrutin sealed whose opening time has come opens when the operation
 * says so ("ouverture_automatique": true), one open whose closing time
 * plus grace period has passed closes (a suspended one waits for its
 * bureau, who decides with its codes); each as an automatic
 * transition, which lib/lifecycle.c accepts only once the time has come,
 * journaled with the frozen counts of the urn and the émargement. Every
 * tick also checks the seal of each scrutin in vote (R-BUR-3): a mismatch
 * is an alert on stderr and in the journal (a conforming check is not
 * journaled: once a minute it would drown the journal). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "act.h"
#include "cmd.h"
#include "db.h"
#include "journal.h"
#include "seal.h"
#include "xmalloc.h"

struct due {
	unsigned id;
	char state[33];
	long long open_due, close_due, auto_open;
};

static int
tick_one(const struct conf *c, struct act_dbs *d, const struct due *s, int *changed)
{
	struct act_opts o = { .automatic = 1 };
	enum lc_state to;
	struct err e;

	if (strcmp(s->state, "sealed") == 0 && s->auto_open && s->open_due)
		to = LC_OPEN;
	else if (strcmp(s->state, "open") == 0 && s->close_due)
		to = LC_CLOSED;
	else
		return 0;
	if (act_transition(c, d, s->id, to, &o, &e) == -1) {
		fprintf(stderr, "isoloir-console : scrutin n° %u : %s\n", s->id, e.msg);
		return -1;
	}
	printf("Scrutin n° %u : « %s » (automatique, à l'heure prévue).\n", s->id,
	    lifecycle_state_label(to));
	++*changed;
	return 0;
}

/* The seals of the scrutins in vote; the number of mismatches, -1. */
static int
tick_seals(struct act_dbs *d, unsigned *checked)
{
	unsigned ids[1024], id = 0;
	size_t n = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	struct err e;
	int bad = 0;

	*checked = 0;
	st = db_query(d->el, &e, "SELECT id FROM scrutin WHERE state IN ('open', 'suspended')"
	    " ORDER BY id", "");
	if (st == NULL) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		return -1;
	}
	db_bind(&out[0], MYSQL_TYPE_LONG, &id, 0, NULL);
	if (mysql_stmt_bind_result(st, out) == 0)
		while (n < sizeof(ids) / sizeof(ids[0]) && mysql_stmt_fetch(st) == 0)
			ids[n++] = id;
	mysql_stmt_close(st);
	for (size_t i = 0; i < n; i++) {
		struct err why, je;
		(*checked)++;
		if (seal_verify(d->el, d->urn, ids[i], &why) == 0)
			continue;
		bad++;
		fprintf(stderr, "ALERTE : scrutin n° %u : scellement non conforme : %s\n", ids[i], why.msg);
		if (db_exec(d->el, "START TRANSACTION", &je) == -1 ||
		    journal_append_json_tx(d->el, act_actor(), "scellement_non_conforme", ids[i],
		    json_pack("{s:s, s:s}", "controle", "periodique", "motif", why.msg), &je) == -1 ||
		    db_exec(d->el, "COMMIT", &je) == -1) {
			fprintf(stderr, "isoloir-console : %s\n", je.msg);
			db_exec(d->el, "ROLLBACK", &je);
		}
	}
	return bad;
}

int
cmd_scrutin_tick(int argc, char **argv)
{
	const char *conf = NULL;
	struct due *s = NULL, cur;
	size_t n = 0;
	unsigned long len;
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	MYSQL_BIND out[5];
	MYSQL_STMT *st = NULL;
	struct err e;
	int changed = 0, rc = 1, f;

	if (argc == 2 && strcmp(argv[0], "-c") == 0)
		conf = argv[1];
	else if (argc != 0) {
		fprintf(stderr, "usage : isoloir-console scrutin tick [-c CONF]   (chaque minute)\n");
		return 2;
	}
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 1, &e) == -1 ||
	    (st = db_query(d.el, &e, "SELECT s.id, s.state, o.opens_at <= UTC_TIMESTAMP(),"
	    " o.closes_at + INTERVAL o.grace_seconds SECOND <= UTC_TIMESTAMP(),"
	    " COALESCE(JSON_EXTRACT(o.settings, '$.ouverture_automatique') = TRUE, 0)"
	    " FROM scrutin s JOIN operation o ON o.id = s.operation_id"
	    " WHERE (s.state = 'sealed' AND o.opens_at <= UTC_TIMESTAMP()) OR (s.state = 'open' AND"
	    " o.closes_at + INTERVAL o.grace_seconds SECOND <= UTC_TIMESTAMP()) ORDER BY s.id",
	    "")) == NULL)
		goto fail;
	memset(&cur, 0, sizeof(cur));
	db_bind(&out[0], MYSQL_TYPE_LONG, &cur.id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, cur.state, sizeof(cur.state) - 1, &len);
	db_bind(&out[2], MYSQL_TYPE_LONGLONG, &cur.open_due, 0, NULL);
	db_bind(&out[3], MYSQL_TYPE_LONGLONG, &cur.close_due, 0, NULL);
	db_bind(&out[4], MYSQL_TYPE_LONGLONG, &cur.auto_open, 0, NULL);
	if (mysql_stmt_bind_result(st, out) != 0) {
		err_set(&e, "base des électeurs : %s", mysql_stmt_error(st));
		goto fail;
	}
	/* read them all first: the transitions use the same connection */
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		db_cstr(cur.state, sizeof(cur.state), len);
		s = xreallocarray(s, n + 1, sizeof(*s));
		s[n++] = cur;
	}
	mysql_stmt_close(st);
	st = NULL;
	rc = 0;
	for (size_t i = 0; i < n; i++)
		if (tick_one(c, &d, &s[i], &changed) == -1)
			rc = 1;
	if (changed == 0 && rc == 0)
		printf("Rien à faire : aucun scrutin n'atteint son heure d'ouverture ou de clôture.\n");
	{
		unsigned checked;
		int bad = tick_seals(&d, &checked);
		if (bad != 0)
			rc = 1;
		else if (checked > 0)
			printf("Scellements vérifiés : %u scrutin%s en vote, conforme%s.\n", checked,
			    checked > 1 ? "s" : "", checked > 1 ? "s" : "");
	}
	goto out;
fail:
	fprintf(stderr, "isoloir-console : %s\n", e.msg);
out:
	if (st != NULL)
		mysql_stmt_close(st);
	free(s);
	act_close(&d);
	conf_free(c);
	return rc;
}
