/* api_listfile.c: GET /api/listes/fichier?liste=N&type=logo|profession, a
 * list's logo or profession de foi (R-VOTE-2, R-VOTE-9), public like the
 * lists themselves. Served with the type checked at import, nosniff,
 * noindex, and for an SVG a policy that runs nothing even when opened
 * directly. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listfile.h"
#include "log.h"
#include "worker.h"

/* "liste=N&type=logo" exactly (either order); -1 when malformed. */
static int
api_listfile_query(const char *q, unsigned *list, enum listfile_kind *k)
{
	const char *l = strstr(q, "liste="), *t = strstr(q, "type=");
	char *end;
	unsigned long v;

	if (l == NULL || t == NULL || (l != q && l[-1] != '&') ||
	    (t != q && t[-1] != '&') || !isdigit((unsigned char)l[6]))
		return -1;
	v = strtoul(l + 6, &end, 10);
	if ((*end != '\0' && *end != '&') || v == 0 || v > 100000000)
		return -1;
	*list = (unsigned)v;
	t += 5;
	if (strncmp(t, "logo", 4) == 0 && (t[4] == '\0' || t[4] == '&'))
		*k = LISTFILE_LOGO;
	else if (strncmp(t, "profession", 10) == 0 &&
	         (t[10] == '\0' || t[10] == '&'))
		*k = LISTFILE_PROFESSION;
	else
		return -1;
	return 0;
}

void
api_listfile(struct req *r)
{
	enum listfile_kind k;
	struct listfile f;
	char type[64], headers[384];
	unsigned id;
	struct err e;
	MYSQL *db;
	int found;

	if (api_listfile_query(r->query, &id, &k) == -1) {
		resp_error(r, 400, "Requête invalide.");
		return;
	}
	if ((db = dbconn_electors(r->t)) == NULL ||
	    (found = listfile_get(db, id, k, &f, type, &e)) == -1) {
		resp_error(r, 503,
		    "Service momentanément indisponible, réessayez dans un "
		    "instant.");
		return;
	}
	if (found == 0) {
		resp_error(
		    r, 404, "Cette liste n'a pas de fichier de ce type.");
		return;
	}
	snprintf(headers, sizeof(headers),
	    "X-Robots-Tag: noindex, nofollow\r\n"
	    "Cache-Control: no-cache\r\nContent-Disposition: inline; "
	    "filename=\"%s-%u.%s\"\r\n%s",
	    k == LISTFILE_LOGO ? "logo-liste" : "profession-de-foi-liste", id,
	    strcmp(type, "image/png") == 0         ? "png"
	    : strcmp(type, "application/pdf") == 0 ? "pdf"
	                                           : "svg",
	    strcmp(type, "image/svg+xml") == 0
	        ? "Content-Security-Policy: default-src 'none'; style-src "
	          "'unsafe-inline'; sandbox\r\n"
	        : "");
	resp_bytes(r, type, headers, f.data, f.len);
	listfile_free(&f);
}
