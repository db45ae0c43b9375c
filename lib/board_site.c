/* board_site.c: the bulletin board on the public site (R-VOTE-5/6):
 * published once by the console after the count, read by the web worker,
 * which also tells an elector whether a tracker is on it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "board.h"
#include "db.h"
#include "group.h"
#include "journal.h"
#include "proclaim.h"
#include "scrutin.h"
#include "xmalloc.h"

char *
board_text(const json_t *board)
{
	return json_dumps(board, JSON_INDENT(1) | JSON_SORT_KEYS);
}

/* Only a counted scrutin's board goes on the site: until then a partial
 * view of the urn could be published early. */
static int
board_counted(const char *state)
{
	return strcmp(state, "counted") == 0 || strcmp(state, "sealed_after_count") == 0 ||
	    strcmp(state, "archived") == 0;
}

/* R-BUR-8: the results go public once the bureau has proclaimed them,
 * and the board shows exactly the proclaimed result. */
static int
board_proclaimed(MYSQL *el, const json_t *board, unsigned scrutin, struct err *e)
{
	const json_t *out = json_object_get(json_object_get(board, "result"), "output");
	char sha[PROCLAIM_SHA_HEX], mine[PROCLAIM_SHA_HEX];
	int f = proclaim_get(el, scrutin, sha, e);

	if (f == -1)
		return -1;
	if (f == 0)
		return err_set(e, "scrutin %u : le bureau n'a pas proclamé les résultats ; le tableau "
		    "ne se publie qu'après la proclamation", scrutin);
	if (out == NULL)
		return err_set(e, "le tableau doit porter le résultat proclamé");
	proclaim_digest(out, mine);
	if (strcmp(sha, mine) != 0)
		return err_set(e, "le résultat du tableau (empreinte %.16s…) n'est pas celui que le bureau "
		    "a proclamé (%.16s…)", mine, sha);
	return 0;
}

/* The board is this scrutin's, of its election and key, and verifies. */
static int
board_publishable(MYSQL *el, const json_t *board, unsigned *scrutin, struct err *e)
{
	const json_t *elj = json_object_get(board, "election");
	struct board_summary sum;
	struct scrutin_params p;
	char fp[65], y[GROUP_POINT_HEX + 1];
	BN_CTX *ctx;
	int rc = -1;

	*scrutin = (unsigned)json_integer_value(json_object_get(json_object_get(board, "scrutin"), "id"));
	if (board_verify(board, &sum, e) == -1)
		return err_prefix(e, "tableau invalide : ");
	if (scrutin_params_load(el, *scrutin, &p, e) == -1)
		return -1;
	ctx = BN_CTX_new();
	group_hex(p.election.fingerprint, 32, fp);
	group_point_encode(p.y, y, ctx);
	if (!board_counted(p.state))
		err_set(e, "scrutin %u « %s » : le tableau ne se publie sur le site qu'après le dépouillement",
		    *scrutin, p.state);
	else if (strcmp(fp, json_string_value(json_object_get(elj, "fingerprint"))) != 0 ||
	    strcmp(y, json_string_value(json_object_get(elj, "public_key"))) != 0)
		err_set(e, "ce tableau n'est pas celui de l'élection du scrutin %u", *scrutin);
	else
		rc = board_proclaimed(el, board, *scrutin, e);
	BN_CTX_free(ctx);
	scrutin_params_free(&p);
	return rc;
}

int
board_publish(MYSQL *el, MYSQL *urn, const json_t *board, const char *actor, struct err *e)
{
	unsigned char dg[32];
	char hex[65], detail[128], *text;
	unsigned scrutin;
	int rc = -1;

	if (board_publishable(el, board, &scrutin, e) == -1)
		return -1;
	text = board_text(board);
	SHA256((const unsigned char *)text, strlen(text), dg);
	group_hex(dg, 32, hex);
	snprintf(detail, sizeof(detail), "sha256=%s bulletins=%zu", hex,
	    json_array_size(json_object_get(board, "ballots")));
	if (db_exec(urn, "START TRANSACTION", e) == -1)
		goto out;
	if (db_run(urn, e, "INSERT INTO board (scrutin_id, digest, body) VALUES (?, ?, ?)", "ubb", scrutin,
	    dg, (size_t)32, text, strlen(text)) == -1 ||
	    journal_append_tx(urn, actor, "tableau_publie", scrutin, detail, NULL, e) == -1 ||
	    db_exec(urn, "COMMIT", e) == -1) {
		mysql_query(urn, "ROLLBACK");
		if (e->code == 1062)   /* ER_DUP_ENTRY */
			err_set(e, "le tableau du scrutin %u est déjà publié", scrutin);
		goto out;
	}
	rc = 0;
out:
	free(text);
	return rc;
}

char *
board_published(MYSQL *urn, unsigned scrutin, int *found, struct err *e)
{
	unsigned long len = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	char *body = NULL;
	int f;

	*found = -1;
	if ((st = db_query(urn, e, "SELECT body FROM board WHERE scrutin_id = ?", "u", scrutin)) == NULL)
		return NULL;
	/* fetch the length first, then the whole blob */
	db_bind(&out[0], MYSQL_TYPE_BLOB, NULL, 0, &len);
	mysql_stmt_bind_result(st, out);
	f = mysql_stmt_fetch(st);
	if (f == 0 || f == MYSQL_DATA_TRUNCATED) {
		body = xmalloc(len + 1);
		out[0].buffer = body;
		out[0].buffer_length = len;
		if (len > 0 && mysql_stmt_fetch_column(st, &out[0], 0, 0) != 0) {
			err_set(e, "lecture du tableau impossible (%s)", mysql_stmt_error(st));
			free(body);
			body = NULL;
		} else {
			body[len] = '\0';
			*found = 1;
		}
	} else if (f == MYSQL_NO_DATA) {
		*found = 0;
	} else {
		err_set(e, "lecture du tableau impossible (%s)", mysql_stmt_error(st));
	}
	mysql_stmt_close(st);
	return body;
}

int
board_lookup(MYSQL *urn, unsigned scrutin, const char *tracker, struct err *e)
{
	unsigned char tr[32];
	char needle[96];
	int present = 0, f, rc;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;

	if (group_unhex(tracker, tr, 32) == -1)
		return 0;
	/* the exact line board_text() writes for a ballot's tracker */
	snprintf(needle, sizeof(needle), "\"tracker\": \"%s\"", tracker);
	st = db_query(urn, e, "SELECT LOCATE(?, body) > 0 FROM board WHERE scrutin_id = ?", "su",
	    needle, scrutin);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, &present, 0, NULL);
	mysql_stmt_bind_result(st, out);
	f = mysql_stmt_fetch(st);
	rc = f == 0 ? present != 0 : f == MYSQL_NO_DATA ? -2 : err_set(e, "recherche impossible (%s)",
	    mysql_stmt_error(st));
	mysql_stmt_close(st);
	return rc;
}

int
board_published_list(MYSQL *urn, unsigned *ids, char **titles, size_t max, size_t *n,
    struct err *e)
{
	char title[512];
	unsigned long len = 0;
	long long id = 0;
	my_bool nul = 0;
	MYSQL_BIND out[2];
	MYSQL_STMT *st;
	int f;

	*n = 0;
	st = db_query(urn, e, "SELECT scrutin_id, JSON_VALUE(CONVERT(body USING utf8mb4),"
	    " '$.scrutin.title') FROM board ORDER BY scrutin_id", "");
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONGLONG, &id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, title, sizeof(title) - 1, &len);
	out[1].is_null = &nul;
	mysql_stmt_bind_result(st, out);
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		if (*n == max)
			continue;
		db_cstr(title, sizeof(title), nul ? 0 : len);
		ids[*n] = (unsigned)id;
		titles[(*n)++] = xstrdup(title);
	}
	mysql_stmt_close(st);
	if (f != MYSQL_NO_DATA)
		return err_set(e, "lecture des tableaux publiés impossible");
	return 0;
}
