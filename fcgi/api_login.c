/* api_login.c: GET /api/session (CSRF token, anonymous session), POST
 * /api/connexion, POST /api/deconnexion, GET /api/electeur. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "operation.h"
#include "phone.h"
#include "recover.h"
#include "testvote.h"
#include "voter.h"
#include "worker.h"

static void
api_csrf_reply(struct req *r, const struct session *s, int connected)
{
	char csrf[SESSION_CSRF_MAX];

	session_csrf(r->t->wc->session_key, s, csrf);
	if (s->observer) /* the observers' page (api_observer.c) */
		resp_json(r, 200, json_pack("{s:s, s:b, s:b}", "csrf", csrf, "connecte", 0, "observateur", 1));
	else
		resp_json(r, 200, json_pack("{s:s, s:b}", "csrf", csrf, "connecte", connected));
}

void
api_session(struct req *r)
{
	struct session s;
	struct err e;

	if (auth_session(r, &s) == 0) {
		api_csrf_reply(r, &s, s.elector_id != 0 && !s.observer);
		return;
	}
	if (session_new(&s, 0, 0, (int64_t)time(NULL), &e) == -1) {
		resp_error(r, 503, "Service momentanément indisponible.");
		return;
	}
	auth_set_cookie(r, &s);
	api_csrf_reply(r, &s, 0);
}

/* The operation this site serves; on failure the 503 is written. */
static int
api_load_operation(struct req *r, struct operation *op)
{
	struct err e;
	MYSQL *db = dbconn_electors(r->t);

	if (db == NULL || operation_load(db, r->t->wc->operation, op, &e) == -1) {
		if (db != NULL)
			log_error("%s", e.msg);
		resp_error(r, 503, "Service momentanément indisponible, réessayez dans un instant.");
		return -1;
	}
	return 0;
}

void
api_operation(struct req *r)
{
	struct operation op;
	json_t *j;

	if (api_load_operation(r, &op) == -1)
		return;
	j = operation_public(&op, (int64_t)time(NULL));
	json_object_set_new(j, "assistance", json_string(r->t->wc->hotline));
	{
		/* R-AUTH-6: the login page links to the retrieval when offered */
		enum recover_offer o = RECOVER_OFF;
		const char *why;
		struct err e;
		int typed = 0;

		if (recover_offered(dbconn_electors(r->t), &op, (int64_t)time(NULL), &o, &why, &e) == -1 ||
		    (o == RECOVER_OFFERED && recover_typed_offered(dbconn_electors(r->t), &op, &typed, &e) == -1))
			log_error("%s", e.msg);
		json_object_set_new(j, "mot_de_passe_oublie", json_boolean(o == RECOVER_OFFERED));
		json_object_set_new(j, "mobile_saisi", json_boolean(o == RECOVER_OFFERED && typed));
	}
	resp_json(r, 200, j);
}

/* A short string field of the login form, or NULL. */
static const char *
api_field(json_t *j, const char *name)
{
	const char *v = json_string_value(json_object_get(j, name));

	return v != NULL && strlen(v) <= 64 ? v : NULL;
}

static void
api_login_checked(struct req *r, json_t *body)
{
	const char *id = api_field(body, "identifiant");
	const char *pw = api_field(body, "mot_de_passe");
	const char *ch = api_field(body, "reponse");
	struct login_result res;
	struct operation op;
	struct session s;
	struct err e;
	MYSQL *db;
	int closed, testing = 0;

	if (id == NULL || pw == NULL || ch == NULL) {
		resp_error(r, 400, "Veuillez remplir les trois champs.");
		return;
	}
	if (api_load_operation(r, &op) == -1)
		return;
	/* No new login outside the voting period, grace period included; only
	 * the test electors of a running test vote (R-BUR-2) come in then. */
	closed = !calendar_may_login(&op.cal, (int64_t)time(NULL));
	if ((db = dbconn_electors(r->t)) == NULL ||
	    (closed && testvote_running(db, &testing, &e) == -1)) {
		resp_error(r, 503, "Service momentanément indisponible, réessayez dans un instant.");
		return;
	}
	if (closed && !testing) {
		resp_error(r, 403, calendar_phase_fr(calendar_phase(&op.cal, (int64_t)time(NULL))));
		return;
	}
	if (login_attempt(db, &r->t->wc->login, id, pw, ch, &res, &e) == -1) {
		resp_error(r, 503, "Service momentanément indisponible, réessayez dans un instant.");
		return;
	}
	if (res.outcome != LOGIN_OK) {
		resp_error(r, res.outcome == LOGIN_LOCKED ? 423 : 401, res.message);
		return;
	}
	if (closed && !res.test) {
		resp_error(r, 403, calendar_phase_fr(calendar_phase(&op.cal, (int64_t)time(NULL))));
		return;
	}
	/* A fresh session id at login: no fixation of the anonymous one. */
	if (session_new(&s, res.elector_id, res.generation, (int64_t)time(NULL), &e) == -1) {
		resp_error(r, 503, "Service momentanément indisponible.");
		return;
	}
	auth_set_cookie(r, &s);
	api_csrf_reply(r, &s, 1);
}

void
api_login(struct req *r)
{
	struct session anon;
	json_t *body;

	if (auth_session(r, &anon) == -1 || !auth_csrf_ok(r, &anon)) {
		resp_error(r, 403, "Session expirée : rechargez la page et recommencez.");
		return;
	}
	if ((body = req_json_body(r)) == NULL)
		return;
	api_login_checked(r, body);
	json_decref(body);
}

/* The channel and the typed number of a retrieval request, checked; 0, or
 * -1 with the 400 answered. The number is normalised into typed. */
static int
api_recovery_channel(struct req *r, MYSQL *db, const struct operation *op, json_t *body,
    struct recover_request *rq, char typed[PHONE_E164_MAX])
{
	const char *canal = api_field(body, "canal"), *mobile = api_field(body, "mobile");
	struct err e;
	int on = 0;

	rq->channel = RECOVER_EMAIL;
	rq->typed = NULL;
	if (canal != NULL && strcmp(canal, "sms") == 0)
		rq->channel = RECOVER_SMS;
	else if (canal != NULL && strcmp(canal, "courriel") != 0) {
		resp_error(r, 400, "Choisissez l'envoi par courriel ou par SMS.");
		return -1;
	}
	if (mobile == NULL || *mobile == '\0')
		return 0;
	if (rq->channel != RECOVER_SMS) {
		resp_error(r, 400, "Un numéro de mobile ne sert qu'à l'envoi par SMS.");
		return -1;
	}
	if (recover_typed_offered(db, op, &on, &e) == -1) {
		log_error("%s", e.msg);
		resp_error(r, 503, "Service momentanément indisponible, réessayez dans un instant.");
		return -1;
	}
	/* the same refusal for everyone: it says nothing of the identifier */
	if (!on) {
		resp_error(r, 400, "Le SMS ne peut partir qu'au numéro de mobile transmis par "
		    "votre employeur : laissez le champ du numéro vide.");
		return -1;
	}
	if (phone_mobile_fr(mobile, typed, &e) == -1) {
		char msg[ERR_MSG_MAX + 64];

		snprintf(msg, sizeof(msg), "Numéro de mobile invalide : %s.", e.msg);
		resp_error(r, 400, msg);
		return -1;
	}
	rq->typed = typed;
	return 0;
}

/* POST /api/mot-de-passe {identifiant, reponse, canal, mobile} (R-AUTH-6):
 * a new password by email or SMS (canal "courriel", the default, or
 * "sms"; mobile: a number typed by the elector, when the operation allows
 * it) when the operation offers it; the same answer whatever happened, so
 * that nobody learns whether an identifier exists. */
void
api_password_recovery(struct req *r)
{
	struct session anon;
	struct recover_request rq;
	enum recover_outcome out;
	enum recover_offer offer;
	struct operation op;
	char typed[PHONE_E164_MAX];
	const char *why;
	struct err e;
	json_t *body;
	MYSQL *db;

	if (auth_session(r, &anon) == -1 || !auth_csrf_ok(r, &anon)) {
		resp_error(r, 403, "Session expirée : rechargez la page et recommencez.");
		return;
	}
	if (api_load_operation(r, &op) == -1)
		return;
	db = dbconn_electors(r->t);
	if (recover_offered(db, &op, (int64_t)time(NULL), &offer, &why, &e) == -1) {
		log_error("%s", e.msg);
		resp_error(r, 503, "Service momentanément indisponible, réessayez dans un instant.");
		return;
	}
	if (offer != RECOVER_OFFERED) {
		resp_error(r, offer == RECOVER_OFF ? 404 : 403, why);
		return;
	}
	if ((body = req_json_body(r)) == NULL)
		return;
	rq.identifier = api_field(body, "identifiant");
	rq.challenge = api_field(body, "reponse");
	if (rq.identifier == NULL || rq.challenge == NULL || *rq.identifier == '\0' ||
	    *rq.challenge == '\0') {
		resp_error(r, 400, "Veuillez remplir les deux champs.");
		goto out;
	}
	if (api_recovery_channel(r, db, &op, body, &rq, typed) == -1)
		goto out;
	if (recover_password(db, &r->t->wc->login, &rq, &out, &e) == -1) {
		log_error("mot de passe oublié : %s", e.msg);
		resp_error(r, 503, "Service momentanément indisponible, réessayez dans un instant.");
		goto out;
	}
	resp_json(r, 200, json_pack("{s:s}", "message", recover_answer(&rq)));
out:
	json_decref(body);
}

void
api_logout(struct req *r)
{
	struct session s;

	if (auth_session(r, &s) == 0 && !auth_csrf_ok(r, &s)) {
		resp_error(r, 403, "Session expirée : rechargez la page et recommencez.");
		return;
	}
	auth_clear_cookie(r);
	resp_json(r, 200, json_pack("{s:b}", "connecte", 0));
}

void
api_elector(struct req *r)
{
	struct session s;
	struct err e;
	json_t *j;

	if (auth_elector(r, &s) == -1)
		return;
	if ((j = voter_summary(dbconn_electors(r->t), s.elector_id, &e)) == NULL) {
		log_error("électeur %u : %s", s.elector_id, e.msg);
		resp_error(r, 503, "Service momentanément indisponible.");
		return;
	}
	resp_json(r, 200, j);
}

void
api_own_data(struct req *r)
{
	struct session s;
	struct err e;
	json_t *j;

	if (auth_elector(r, &s) == -1)
		return;
	if ((j = voter_own_data(dbconn_electors(r->t), s.elector_id, &e)) == NULL) {
		resp_error(r, 503, "Service momentanément indisponible.");
		return;
	}
	resp_json(r, 200, j);
}

void
api_lists(struct req *r)
{
	struct err e;
	MYSQL *db = dbconn_electors(r->t);
	json_t *j = db == NULL ? NULL : voter_published_lists(db, &e);

	if (j == NULL) {
		resp_error(r, 503, "Service momentanément indisponible.");
		return;
	}
	resp_json(r, 200, j);
}
