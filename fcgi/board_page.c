/* board_page.c: the public bulletin board on the site (R-VOTE-5/6,
 * docs/protocol.md §10), once the console has published it after the
 * count: GET /tableau/<scrutin>.json gives the board, GET
 * /tableau/<scrutin>.html?page=K the same as a French page (lib/
 * board_html.c), GET /tableau/ the published scrutins, GET
 * /tableau/<scrutin>/<tracker> tells an elector whether their tracker is
 * on it. No session: the board is public. The board is stored in chunks
 * (docs/protocol.md §10.5): the JSON goes out chunk by chunk, the page
 * reads the summary and one page of the tracker index, the lookup one
 * index row; nothing parses the whole board. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "log.h"
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

/* The page of a scrutin: its summary (the board without its ballots)
 * and one page of trackers from the index. */
static void
board_html_page(struct req *r, MYSQL *urn, unsigned scrutin, size_t page)
{
	char (*trackers)[65] = calloc(BOARD_HTML_PER_PAGE, sizeof(*trackers)), *html;
	unsigned subs[BOARD_HTML_PER_PAGE];
	struct board_meta m;
	size_t n = 0, pages;
	struct err e;
	int found = trackers == NULL ? -1 : board_meta_get(urn, scrutin, 1, &m, &e);

	if (found == 0)
		resp_error(r, 404, "Le tableau de ce scrutin n'est pas encore publié.");
	if (found != 1)
		goto out;
	pages = m.ballots == 0 ? 1 : (m.ballots + BOARD_HTML_PER_PAGE - 1) / BOARD_HTML_PER_PAGE;
	if (page > pages)
		page = pages;
	if (board_trackers(urn, scrutin, (page - 1) * BOARD_HTML_PER_PAGE, BOARD_HTML_PER_PAGE,
	    trackers, subs, &n, &e) == -1)
		found = -1;
	else {
		html = board_html(&m, page, trackers, subs, n);
		resp_text(r, 200, "text/html; charset=utf-8", html);
		free(html);
	}
	json_decref(m.summary);
out:
	if (found == -1)
		resp_error(r, 503, "Service momentanément indisponible.");
	free(trackers);
}

/* The board's bytes, chunk after chunk, each checked against its digest
 * and the chain before it goes out; a chunk found altered ends the
 * response short of its Content-Length, so no client takes it for the
 * board. */
static void
board_json(struct req *r, MYSQL *urn, unsigned scrutin)
{
	unsigned char chain[32] = { 0 };
	struct board_meta m;
	struct err e;
	char head[320], etag[72], *chunk;
	const char *inm;
	size_t len;
	int found = board_meta_get(urn, scrutin, 0, &m, &e), n;

	if (found == 0) {
		resp_error(r, 404, "Le tableau de ce scrutin n'est pas encore publié.");
		return;
	}
	/* nginx's cached copy revalidated: the same board, no bytes */
	snprintf(etag, sizeof(etag), "\"%s\"", found == 1 ? m.sha256 : "");
	inm = req_header(r, "HTTP_IF_NONE_MATCH");
	if (found == 1 && inm != NULL && strcmp(inm, etag) == 0) {
		n = snprintf(head, sizeof(head), "Status: 304 Not Modified\r\nETag: %s\r\n\r\n", etag);
		FCGX_PutStr(head, n, r->t->fcgi.out);
		return;
	}
	if (found == -1 || (chunk = board_chunk_get(urn, scrutin, 0, chain, &len, &e)) == NULL) {
		if (found == 1)
			log_error("%s", e.msg);
		resp_error(r, 503, "Service momentanément indisponible.");
		return;
	}
	n = snprintf(head, sizeof(head), "Status: 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
	    "Content-Length: %llu\r\nETag: %s\r\nX-Content-Type-Options: nosniff\r\n\r\n", m.bytes, etag);
	FCGX_PutStr(head, n, r->t->fcgi.out);
	for (unsigned i = 0;;) {
		FCGX_PutStr(chunk, (int)len, r->t->fcgi.out);
		free(chunk);
		if (++i >= m.chunks)
			break;
		if ((chunk = board_chunk_get(urn, scrutin, i, chain, &len, &e)) == NULL) {
			log_error("%s", e.msg);
			FCGX_SetExitStatus(1, r->t->fcgi.out);
			break;
		}
	}
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
	if (html == 1)
		board_html_page(r, urn, scrutin, board_query_page(r->query));
	else
		board_json(r, urn, scrutin);
}
