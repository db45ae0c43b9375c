/* api_observer.c: the observers' pages (R-AUTH-7): POST
 * /api/observateur/connexion (identifier + password) and GET
 * /api/observateur/participation[?scrutin=N] (the turnout of their
 * scrutins, refreshed by the page; never a result, never who voted).
 * Observers are read-only: route.c refuses any other POST of theirs. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "observer.h"
#include "turnout.h"
#include "worker.h"

static const char unavailable[] =
    "Service momentanément indisponible, réessayez dans un instant.";

int
auth_observer(struct req *r, struct session *s)
{
	int active = 0;
	struct err e;
	MYSQL *db;

	if (auth_session(r, s) == -1 || !s->observer || s->elector_id == 0) {
		resp_error(r, 401,
		    "Votre session a expiré : veuillez vous reconnecter.");
		return -1;
	}
	if ((db = dbconn_electors(r->t)) == NULL ||
	    observer_active(db, s->elector_id, &active, &e) == -1) {
		resp_error(r, 503, unavailable);
		return -1;
	}
	/* Revoked since this login: the session is void at once. */
	if (!active) {
		auth_clear_cookie(r);
		resp_error(r, 401, "Ce compte d'observation a été révoqué.");
		return -1;
	}
	s->seen = (int64_t)time(NULL);
	auth_set_cookie(r, s);
	return 0;
}

static void
api_observer_login_checked(struct req *r, json_t *body)
{
	const char *id =
	    json_string_value(json_object_get(body, "identifiant"));
	const char *pw =
	    json_string_value(json_object_get(body, "mot_de_passe"));
	char csrf[SESSION_CSRF_MAX];
	struct login_result res;
	struct session s;
	struct err e;
	MYSQL *db;

	if (id == NULL || pw == NULL || strlen(id) > 64 || strlen(pw) > 64) {
		resp_error(r, 400, "Veuillez remplir les deux champs.");
		return;
	}
	if ((db = dbconn_electors(r->t)) == NULL ||
	    observer_login(db, &r->t->wc->login, id, pw, &res, &e) == -1) {
		resp_error(r, 503, unavailable);
		return;
	}
	if (res.outcome != LOGIN_OK) {
		resp_error(
		    r, res.outcome == LOGIN_LOCKED ? 423 : 401, res.message);
		return;
	}
	/* a fresh session (no fixation), marked as an observer's */
	if (session_new(&s, res.elector_id, 0, (int64_t)time(NULL), &e) == -1) {
		resp_error(r, 503, unavailable);
		return;
	}
	s.observer = 1;
	auth_set_cookie(r, &s);
	session_csrf(r->t->wc->session_key, &s, csrf);
	resp_json(r, 200,
	    json_pack("{s:s, s:b, s:b}", "csrf", csrf, "connecte", 1,
	        "observateur", 1));
}

void
api_observer_login(struct req *r)
{
	struct session anon;
	json_t *body;

	if (auth_session(r, &anon) == -1 || !auth_csrf_ok(r, &anon)) {
		resp_error(r, 403,
		    "Session expirée : rechargez la page et recommencez.");
		return;
	}
	if ((body = req_json_body(r)) == NULL)
		return;
	api_observer_login_checked(r, body);
	json_decref(body);
}

/* Keep only scrutin id in the turnout (the groups are dropped: they would
 * sum over this one scrutin). */
static void
api_observer_only(json_t *t, long id)
{
	json_t *rows = json_object_get(t, "scrutins"), *keep = json_array(),
	       *row;
	size_t i;

	json_array_foreach(rows, i, row) {
		if (json_integer_value(json_object_get(row, "id")) == id)
			json_array_append(keep, row);
	}
	json_object_set_new(t, "scrutins", keep);
	json_object_del(t, "colleges");
	json_object_del(t, "etablissements");
}

void
api_observer_turnout(struct req *r)
{
	/* none: all their scrutins; scrutin=N: that one; anything else: 400 */
	long id = *r->query == '\0' ? 0 : (long)req_query_scrutin(r->query);
	struct session s;
	struct err e;
	json_t *t, *who;
	int yes = 1;

	if (auth_observer(r, &s) == -1)
		return;
	if (id == 0 && *r->query != '\0') {
		resp_error(r, 400, "Requête invalide.");
		return;
	}
	if (id > 0 && observer_scoped(dbconn_electors(r->t), s.elector_id,
	                  (unsigned)id, &yes, &e) == -1) {
		resp_error(r, 503, unavailable);
		return;
	}
	if (!yes) {
		resp_error(r, 403,
		    "Ce scrutin ne fait pas partie de ceux que vous observez.");
		return;
	}
	if ((t = turnout_observer(dbconn_electors(r->t), s.elector_id, &e)) ==
	        NULL ||
	    (who = observer_identity(
	         dbconn_electors(r->t), s.elector_id, &e)) == NULL) {
		log_error(
		    "participation (observateur %u) : %s", s.elector_id, e.msg);
		json_decref(t);
		resp_error(r, 503, unavailable);
		return;
	}
	if (id > 0)
		api_observer_only(t, id);
	json_object_set_new(t, "observateur", who);
	json_object_set_new(
	    t, "horodatage", json_integer((json_int_t)time(NULL)));
	resp_json(r, 200, t);
}
