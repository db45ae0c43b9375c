/* route.c: map (method, path) to a handler. */
#include "config.h"

#include <string.h>

#include "worker.h"

struct route {
	const char *method;
	const char *path;
	handler_fn fn;
};

static const struct route routes[] = {
	{ "GET", "/healthz", healthz_handle },
	{ "HEAD", "/healthz", healthz_handle },
	{ "GET", "/api/session", api_session },
	{ "GET", "/api/operation", api_operation },
	{ "GET", "/api/bulletin", api_ballot },
	{ "POST", "/api/vote", api_vote },
	{ "POST", "/api/connexion", api_login },
	{ "POST", "/api/mot-de-passe", api_password_recovery },
	{ "POST", "/api/deconnexion", api_logout },
	{ "GET", "/api/electeur", api_elector },
	{ "GET", "/api/electeur/donnees", api_own_data },
	{ "GET", "/api/listes", api_lists },
	{ "GET", "/api/recepisse", api_receipt_again },
	{ "GET", "/api/listes/fichier", api_listfile },
	{ "POST", "/api/recepisse", api_receipt_pdf },
	{ "POST", "/api/recepisse/courriel", api_receipt_mail },
	{ "POST", "/api/observateur/connexion", api_observer_login },
	{ "GET", "/api/observateur/participation", api_observer_turnout },
};

/* R-AUTH-7: an observer's session may read, log in again or out, nothing
 * else; checked here once for every route, present and future. */
static int
route_observer_write(struct req *r)
{
	struct session s;

	if (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0 ||
	    strcmp(r->path, "/api/connexion") == 0 || strcmp(r->path, "/api/deconnexion") == 0 ||
	    strcmp(r->path, "/api/observateur/connexion") == 0)
		return 0;
	return auth_session(r, &s) == 0 && s.observer;
}

void
route_dispatch(struct req *r)
{
	int path_known = 0;

	if (route_observer_write(r)) {
		resp_error(r, 403, "Compte d'observation : consultation seulement.");
		return;
	}
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (strcmp(routes[i].path, r->path) != 0)
			continue;
		path_known = 1;
		if (strcmp(routes[i].method, r->method) == 0) {
			routes[i].fn(r);
			return;
		}
	}
	/* /tableau/<scrutin>.json and /tableau/<scrutin>/<tracker> */
	if (!path_known && strncmp(r->path, "/tableau/", 9) == 0) {
		if (strcmp(r->method, "GET") == 0)
			board_page(r);
		else
			resp_error(r, 405, "Méthode non autorisée.");
		return;
	}
	if (path_known)
		resp_error(r, 405, "Méthode non autorisée.");
	else
		resp_error(r, 404, "Page introuvable.");
}
