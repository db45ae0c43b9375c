/* board_page.c: the public bulletin board on the site (R-VOTE-5/6,
 * docs/protocol.md §10), once the console has published it after the
 * count: GET /tableau/<scrutin>.json gives the board, GET
 * /tableau/<scrutin>.html?page=K the same as a French page (lib/
 * board_html.c), GET /tableau/ the published scrutins, GET
 * /tableau/<scrutin>/<tracker> tells an elector whether their tracker is
 * on it. No session: the board is public. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "worker.h"

#define BOARD_INDEX_MAX 1000

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
	if (strcmp(end, ".html") == 0)
		return 1;
	if (*end != '/' || strlen(end + 1) != 64 || strspn(end + 1, "0123456789abcdef") != 64)
		return -1;
	*tracker = end + 1;
	return 0;
}

/* page=K of the query string, 1 when absent or invalid. */
static size_t
board_query_page(const char *q)
{
	const char *p = strstr(q != NULL ? q : "", "page=");
	unsigned long n;

	if (p == NULL || (p != q && p[-1] != '&'))
		return 1;
	n = strtoul(p + 5, NULL, 10);
	return n == 0 || n > 1000000 ? 1 : (size_t)n;
}

static void
board_index(struct req *r, MYSQL *urn)
{
	unsigned *ids = calloc(BOARD_INDEX_MAX, sizeof(*ids));
	char **titles = calloc(BOARD_INDEX_MAX, sizeof(*titles)), *html;
	size_t n = 0;
	struct err e;

	if (ids == NULL || titles == NULL ||
	    board_published_list(urn, ids, titles, BOARD_INDEX_MAX, &n, &e) == -1)
		resp_error(r, 503, "Service momentanément indisponible.");
	else {
		html = board_html_index(ids, titles, n);
		resp_text(r, 200, "text/html; charset=utf-8", html);
		free(html);
	}
	for (size_t i = 0; i < n; i++)
		free(titles[i]);
	free(titles);
	free(ids);
}

static void
board_html_page(struct req *r, const char *body, size_t page)
{
	json_t *doc = json_loads(body, 0, NULL);
	char *html;

	if (doc == NULL) {
		resp_error(r, 503, "Service momentanément indisponible.");
		return;
	}
	html = board_html(doc, page);
	resp_text(r, 200, "text/html; charset=utf-8", html);
	free(html);
	json_decref(doc);
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

	int html = strcmp(r->path, "/tableau/") == 0 ? 2 : board_path(r->path, &scrutin, &tracker);

	if (html == -1) {
		resp_error(r, 404, "Page introuvable.");
		return;
	}
	if (urn == NULL) {
		resp_error(r, 503, "Service momentanément indisponible.");
		return;
	}
	if (html == 2) {
		board_index(r, urn);
		return;
	}
	if (tracker != NULL) {
		board_tracker(r, urn, scrutin, tracker);
		return;
	}
	body = board_published(urn, scrutin, &found, &e);
	if (found == 1 && html == 1)
		board_html_page(r, body, board_query_page(r->query));
	else if (found == 1)
		resp_text(r, 200, "application/json; charset=utf-8", body);
	else if (found == 0)
		resp_error(r, 404, "Le tableau de ce scrutin n'est pas encore publié.");
	else
		resp_error(r, 503, "Service momentanément indisponible.");
	free(body);
}
