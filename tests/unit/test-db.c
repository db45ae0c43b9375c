/* test-db.c: a connection the worker could not make again (NULL after a
 * crash or a failover of a database) fails every call as a lost server,
 * instead of reaching the client library: found by failover.sh, where a
 * worker cast while the electors database was down and died in
 * mysql_query(NULL). */
#include "config.h"

#include <string.h>

#include <errmsg.h>

#include "cast.h"
#include "cu.h"
#include "db.h"

static void
test_db_calls_on_a_lost_connection(void)
{
	struct err e;

	memset(&e, 0, sizeof(e));
	CU_ASSERT_EQUAL(db_exec(NULL, "SELECT 1", &e), -1);
	CU_ASSERT_EQUAL(e.code, CR_SERVER_GONE_ERROR);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "base indisponible"));
	e.code = 0;
	CU_ASSERT_PTR_NULL(db_query(NULL, &e, "SELECT ?", "u", 1u));
	CU_ASSERT_EQUAL(e.code, CR_SERVER_GONE_ERROR);
	e.code = 0;
	CU_ASSERT_EQUAL(
	    db_run(NULL, &e, "DELETE FROM t WHERE id = ?", "u", 1u), -1);
	CU_ASSERT_EQUAL(e.code, CR_SERVER_GONE_ERROR);
	/* NULL error slot: still refused, still no crash */
	CU_ASSERT_EQUAL(db_exec(NULL, "SELECT 1", NULL), -1);
}

/* The cast on a database that is gone: refused, nothing recorded, the
 * elector told to retry by the caller (503). */
static void
test_cast_without_database(void)
{
	unsigned char key[CAST_KEY_LEN] = {1};
	struct cast_ballot b = {.scrutin_id = 1, .body = "{}", .body_len = 2};
	struct cast_conn cc = {.has_done = 1};
	struct cast_result res;
	struct err e;

	CU_ASSERT_EQUAL(cast_record(NULL, NULL, key, &cc, 7, &b, &res, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "base indisponible"));
	CU_ASSERT_EQUAL(res.message[0], '\0'); /* no outcome: the caller says 503 */
	/* a stopping thread with a pending decision row and no urn */
	cast_conn_flush(NULL, &cc);
}

static CU_TestInfo tests[] = {
    {"every call on a lost connection fails as a lost server",
        test_db_calls_on_a_lost_connection},
    {"a cast without its databases is refused, not a crash",
        test_cast_without_database},
    CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("db", tests);
}
