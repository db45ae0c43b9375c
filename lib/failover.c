/* failover.c: the checks before a standby takes over (failover.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "failover.h"
#include "intervention.h"
#include "journal.h"
#include "seal.h"
#include "xmalloc.h"

int
failover_settle(MYSQL *el_web, MYSQL *urn_web,
    const unsigned char cast_key[CAST_KEY_LEN], struct failover_report *r,
    struct err *e)
{
	/* Age 0: no cast is still in flight once the primary is stopped, so
	 * every prepared émargement follows its decision row (or is aborted
	 * when the urn never committed its ballot). The decision rows are
	 * named by HMAC(cast key, xid): the standby needs the primary's key
	 * (same [web] cast_key), else cast_recover refuses. */
	if (cast_recover(el_web, urn_web, cast_key, 0, &r->settled, e) == -1)
		return err_prefix(e, "reprise des votes interrompus");
	return 0;
}

/* The ids of one query's first column (at most cap). */
static int
failover_ids(MYSQL *m, const char *sql, unsigned *ids, size_t cap, size_t *n,
    struct err *e)
{
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	unsigned id = 0;
	int f;

	*n = 0;
	if ((st = db_query(m, e, sql, "")) == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, &id, 0, NULL);
	out[0].is_unsigned = 1;
	if (mysql_stmt_bind_result(st, out) != 0 ||
	    mysql_stmt_store_result(st) != 0) {
		err_set(e, "lecture impossible (%s)", mysql_stmt_error(st));
		db_done(st);
		return -1;
	}
	while ((f = mysql_stmt_fetch(st)) == 0 && *n < cap)
		ids[(*n)++] = id;
	db_done(st);
	if (f != 0 && f != MYSQL_NO_DATA && *n < cap)
		return err_set(e, "lecture impossible");
	return *n < cap ? 0
	                : err_set(e, "trop de scrutins (plus de %zu)", cap - 1);
}

/* Ballots in the urn and émargements for one scrutin must be equal: every
 * cast writes both or neither (lib/cast.c), once the half-done casts are
 * settled. */
static int
failover_counts(MYSQL *el, MYSQL *urn, unsigned id, struct failover_report *r,
    struct err *e)
{
	long long ballots = 0, marks = 0;

	if (db_fetch_int(db_query(urn, e,
	                     "SELECT COUNT(*) FROM ballot WHERE scrutin_id = ?",
	                     "u", id),
	        &ballots, e) != 1 ||
	    db_fetch_int(db_query(el, e, "SELECT emargement_count(?)", "u", id),
	        &marks, e) != 1)
		return err_prefix(e, "scrutin n° %u : comptage impossible", id);
	if (ballots != marks)
		return err_set(e,
		    "scrutin n° %u : %lld bulletin(s) dans l'urne mais %lld "
		    "émargement(s) : l'urne et la liste d'émargement ne "
		    "concordent pas",
		    id, ballots, marks);
	r->ballots += (unsigned long long)ballots;
	return 0;
}

#define FAILOVER_MAX_SCRUTINS 4096

int
failover_check(MYSQL *el, MYSQL *urn, struct failover_report *r, struct err *e)
{
	unsigned *ids = xcalloc(FAILOVER_MAX_SCRUTINS, sizeof(*ids));
	size_t n = 0;
	int rc = -1;

	if (journal_verify(el, 0, NULL, &r->journal_electors, e) == -1) {
		err_prefix(e, "journal de la base des électeurs");
		goto out;
	}
	if (journal_verify(urn, 0, NULL, &r->journal_urn, e) == -1) {
		err_prefix(e, "journal de l'urne");
		goto out;
	}
	/* Every scrutin that was ever sealed: its latest seal must hold. */
	if (failover_ids(urn,
	        "SELECT DISTINCT scrutin_id FROM seal ORDER BY scrutin_id", ids,
	        FAILOVER_MAX_SCRUTINS, &n, e) == -1)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (seal_verify(el, urn, ids[i], e) == -1) {
			err_prefix(e, "scellement du scrutin n° %u", ids[i]);
			goto out;
		}
		r->sealed++;
	}
	if (failover_ids(el, "SELECT id FROM scrutin ORDER BY id", ids,
	        FAILOVER_MAX_SCRUTINS, &n, e) == -1)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (failover_counts(el, urn, ids[i], r, e) == -1)
			goto out;
		r->scrutins++;
	}
	/* A ballot of a scrutin the electors base does not know has no
	 * émargement anywhere. */
	if (failover_ids(urn,
	        "SELECT DISTINCT scrutin_id FROM ballot ORDER BY scrutin_id",
	        ids, FAILOVER_MAX_SCRUTINS, &n, e) == -1)
		goto out;
	for (size_t i = 0; i < n; i++) {
		long long known = 0;
		if (db_fetch_int(
		        db_query(el, e,
		            "SELECT COUNT(*) FROM scrutin WHERE id = ?", "u",
		            ids[i]),
		        &known, e) != 1)
			goto out;
		if (known == 0) {
			err_set(e,
			    "l'urne contient des bulletins du scrutin n° %u, "
			    "inconnu de la "
			    "base des électeurs",
			    ids[i]);
			goto out;
		}
	}
	rc = 0;
out:
	free(ids);
	return rc;
}

int
failover_record(MYSQL *el, const char *actor, const struct failover_report *r,
    const char *detail, struct err *e)
{
	char text[1024];

	snprintf(text, sizeof(text),
	    "bascule sur la plateforme de secours (%s) : journaux "
	    "vérifiés (%llu + %llu entrées), %u scellement(s) conforme(s), "
	    "%llu bulletin(s) = "
	    "émargements sur %u scrutin(s), votes interrompus repris : %u "
	    "validé(s), "
	    "%u annulé(s)",
	    detail, (unsigned long long)r->journal_electors,
	    (unsigned long long)r->journal_urn, r->sealed, r->ballots,
	    r->scrutins, r->settled.committed, r->settled.aborted);
	return intervention_record(el, actor, "bascule", text, e);
}
