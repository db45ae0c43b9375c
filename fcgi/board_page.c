/* board_page.c: the public bulletin board on the site (R-VOTE-5/6,
 * docs/protocol.md §10), once the console has published it after the
 * count: GET /tableau/<scrutin>.json gives the board, GET
 * /tableau/<scrutin>/<tracker> tells an elector whether their tracker is
 * on it. No session: the board is public. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "worker.h"

/* "/tableau/12.json" or "/tableau/12/<64 hex>": the scrutin and the
 * tracker (NULL for the board); -1 for anything else. */
static int
board_path(const char *path, unsigned *scrutin, const char **tracker)
{
	const char *p = path + strlen("/tableau/");
	char *end;
	unsigned long n;

	if (*p < '1' || *p > '9')
		return -1;
	n = strtoul(p, &end, 10);
	if (n == 0 || n > 0xffffffffUL)
		return -1;
	*scrutin = (unsigned)n;
	*tracker = NULL;
	if (strcmp(end, ".json") == 0)
		return 0;
	if (*end != '/' || strlen(end + 1) != 64 || strspn(end + 1, "0123456789abcdef") != 64)
		return -1;
	*tracker = end + 1;
	return 0;
}

static void
board_tracker(struct req *r, MYSQL *urn, unsigned scrutin, const char *tracker)
{
	struct err e;
	int rc = board_lookup(urn, scrutin, tracker, &e);

	if (rc == -1)
		resp_error(r, 503, "Service momentanément indisponible.");
	else if (rc == -2)
		resp_error(r, 404, "Le tableau de ce scrutin n'est pas encore publié.");
	else
		resp_json(r, 200, json_pack("{s:i, s:s, s:b, s:s}", "scrutin", (int)scrutin, "traceur", tracker,
		    "present", rc, "message", rc ? "Votre bulletin est dans l'urne et compté." :
		    "Ce traceur n'est pas dans l'urne de ce scrutin."));
}

void
board_page(struct req *r)
{
	MYSQL *urn = dbconn_urn(r->t);
	const char *tracker;
	unsigned scrutin;
	struct err e;
	char *body;
	int found;

	if (board_path(r->path, &scrutin, &tracker) == -1) {
		resp_error(r, 404, "Page introuvable.");
		return;
	}
	if (urn == NULL) {
		resp_error(r, 503, "Service momentanément indisponible.");
		return;
	}
	if (tracker != NULL) {
		board_tracker(r, urn, scrutin, tracker);
		return;
	}
	body = board_published(urn, scrutin, &found, &e);
	if (found == 1)
		resp_text(r, 200, "application/json; charset=utf-8", body);
	else if (found == 0)
		resp_error(r, 404, "Le tableau de ce scrutin n'est pas encore publié.");
	else
		resp_error(r, 503, "Service momentanément indisponible.");
	free(body);
}
