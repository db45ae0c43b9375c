/* api_vote.c: GET /api/bulletin?scrutin=N (the ballot page's content) and
 * POST /api/vote (verify the encrypted ballot, record it with the
 * émargement atomically, return the signed receipt). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "burst.h"
#include "cast.h"
#include "group.h"
#include "log.h"
#include "operation.h"
#include "election.h"
#include "login.h"
#include "mail.h"
#include "receipt.h"
#include "testvote.h"
#include "scrutin.h"
#include "voter.h"
#include "xmalloc.h"
#include "worker.h"

void
api_ballot(struct req *r)
{
	unsigned id = req_query_scrutin(r->query);
	struct scrutin_params p;
	struct session s;
	struct err e;
	MYSQL *db;
	json_t *j;
	int in, again = 0;

	if (auth_elector(r, &s) == -1)
		return;
	db = dbconn_electors(r->t);
	if (id == 0 || (in = voter_in_scrutin(db, s.elector_id, id, &e)) == 0) {
		resp_error(r, 404, "Ce scrutin n'existe pas ou vous n'en êtes pas électeur.");
		return;
	}
	if (in == -1 || scrutin_params_load(db, id, &p, &e) == -1) {
		log_error("bulletin %u : %s", id, e.msg);
		resp_error(r, 503, "Service momentanément indisponible.");
		return;
	}
	j = scrutin_ballot_json(db, &p, &e);
	scrutin_params_free(&p);
	if (j == NULL || election_setting(db, id, "ressaisie_mot_de_passe", &again, &e) == -1) {
		json_decref(j);
		resp_error(r, 503, "Service momentanément indisponible.");
		return;
	}
	/* R-VOTE-4: the summary asks for the password again */
	json_object_set_new(j, "ressaisie_mot_de_passe", json_boolean(again));
	/* R-VOTE-6: the receipt may also be sent by email (masked address) */
	{
		char masked[MAIL_ADDR_MAX];
		int offer = mail_offer(db, s.elector_id, id, masked, sizeof(masked), &e);

		if (offer == -1) {
			json_decref(j);
			resp_error(r, 503, "Service momentanément indisponible.");
			return;
		}
		json_object_set_new(j, "courriel_recepisse", offer == 1 ? json_string(masked) : json_null());
	}
	resp_json(r, 200, j);
}

static void
api_iso_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
api_receipt(struct req *r, const struct operation *op, const struct scrutin_params *p,
    const char *tracker, const char *message)
{
	struct receipt rc = { op->code, p->shape.scrutin, p->title, NULL, tracker };
	char when[32], sig[RECEIPT_SIG_MAX] = "";
	struct err e;

	api_iso_now(when);
	rc.voted_at = when;
	if (receipt_sign(r->t->wc->receipt_key, &rc, sig, &e) == -1)
		log_error("récépissé : %s", e.msg);
	cast_fault("before-response");
	resp_json(r, 200, json_pack("{s:s, s:{s:s, s:i, s:s, s:s, s:s, s:s}}", "message", message,
	    "recepisse", "operation", op->code, "scrutin_id", (int)p->shape.scrutin,
	    "scrutin", p->title, "horodatage", when, "empreinte", tracker, "signature", sig));
}

/* Count the cast against its client address (in memory, written once a
 * second, lib/burst.h); a failure here must not fail the vote, which is
 * already recorded. */
static void
api_burst(struct req *r)
{
	const char *addr = req_header(r, "REMOTE_ADDR");

	if (addr != NULL && r->t->wc->burst != NULL &&
	    burst_count(r->t->wc->burst, r->t->wc->session_key, addr, (int64_t)time(NULL)))
		worker_burst_flush(r->t);
}

static int
api_cast_status(enum cast_outcome o)
{
	switch (o) {
	case CAST_RECORDED:
	case CAST_ALREADY_HERE: return 200;
	case CAST_NOT_ELECTOR: return 403;
	case CAST_RETRY: return 503;
	default: return 409;
	}
}

/* Verify and record; the response is written in every case. */
static void
api_cast(struct req *r, const struct session *s, const struct operation *op,
    struct scrutin_params *p, const struct jtree *t, jt_ref ballot)
{
	unsigned char tr[32];
	char trh[65], *canon;
	struct cast_ballot cb;
	struct cast_result res;
	struct err e;
	size_t plen = BALLOT_POINTS_LEN(ballot_positions(&p->shape));
	unsigned char *pts = xmalloc(plen);

	if (ballot_verify_tree(&p->shape, &p->election, t, ballot, pts, &e) == -1) {
		log_warn("bulletin refusé (scrutin %u) : %s", p->shape.scrutin, e.msg);
		resp_error(r, 400, "Bulletin refusé : il n'a pas pu être vérifié. Rechargez la page et recommencez.");
		free(pts);
		return;
	}
	cast_fault("after-verify");
	if ((canon = ballot_canonical_tree(t, ballot, &cb.body_len)) == NULL) {
		resp_error(r, 503, "Service momentanément indisponible.");
		free(pts);
		return;
	}
	ballot_tracker(canon, tr);
	group_hex(tr, 32, trh);
	cb.scrutin_id = p->shape.scrutin;
	memcpy(cb.tracker, tr, 32);
	cb.body = canon;
	cb.points = pts;
	cb.points_len = plen;
	if (cast_record(dbconn_electors(r->t), dbconn_urn(r->t), r->t->wc->cast_key,
	    &r->t->cast, s->elector_id, &cb, &res, &e) == -1) {
		log_error("vote non enregistré : %s", e.msg);
		resp_error(r, 503, "Votre vote n'a pas pu être enregistré. Réessayez dans un instant : "
		    "vous ne pourrez pas voter deux fois.");
	} else if (res.outcome == CAST_RECORDED || res.outcome == CAST_ALREADY_HERE) {
		if (res.outcome == CAST_RECORDED)
			api_burst(r);
		api_receipt(r, op, p, trh, res.message);
	} else {
		resp_error(r, api_cast_status(res.outcome), res.message);
	}
	free(canon);
	free(pts);
}

static int
api_vote_open(struct req *r, const struct session *s, struct operation *op)
{
	struct err e;

	if (dbconn_urn(r->t) == NULL ||
	    operation_load(dbconn_electors(r->t), r->t->wc->operation, op, &e) == -1) {
		resp_error(r, 503, "Service momentanément indisponible.");
		return -1;
	}
	if (!calendar_may_cast(&op->cal, (int64_t)time(NULL), s->issued)) {
		/* a test elector votes outside the period (the state decides) */
		int test = 0;
		if (testvote_is_test(dbconn_electors(r->t), s->elector_id, &test, &e) == -1) {
			resp_error(r, 503, "Service momentanément indisponible.");
			return -1;
		}
		if (!test) {
			resp_error(r, 409, calendar_phase_fr(calendar_phase(&op->cal, (int64_t)time(NULL))));
			return -1;
		}
	}
	return 0;
}

/* R-VOTE-4: when the operation asks for it, the password typed again at
 * the confirmation; nothing is cast without it. 0 to go on. */
static int
api_vote_recheck(struct req *r, const struct session *s, unsigned scrutin, const char *pw)
{
	MYSQL *db = dbconn_electors(r->t);
	struct err e;
	int again = 0, ok = 0;

	if (db == NULL || election_setting(db, scrutin, "ressaisie_mot_de_passe", &again, &e) == -1) {
		resp_error(r, 503, "Service momentanément indisponible.");
		return -1;
	}
	if (!again)
		return 0;
	if (pw == NULL || *pw == '\0') {
		resp_error(r, 400, "Saisissez à nouveau votre mot de passe pour confirmer votre vote.");
		return -1;
	}
	if (login_recheck(db, s->elector_id, pw, &ok, &e) == -1) {
		resp_error(r, 503, "Service momentanément indisponible.");
		return -1;
	}
	if (!ok) {
		resp_error(r, 401, "Mot de passe incorrect : votre vote n'est pas enregistré.");
		return -1;
	}
	return 0;
}

void
api_vote(struct req *r)
{
	struct scrutin_params p;
	struct operation op;
	struct session s;
	struct err e;
	struct jtree body;
	long long id;

	if (auth_elector(r, &s) == -1)
		return;
	if (!auth_csrf_ok(r, &s)) {
		resp_error(r, 403, "Session expirée : rechargez la page et recommencez.");
		return;
	}
	if (req_jt_body(r, &body) == -1)
		return;
	id = jt_integer(&body, jt_get(&body, JT_ROOT, "scrutin"));
	if (id <= 0 || id > 1000000 || !jt_is(&body, jt_get(&body, JT_ROOT, "bulletin"), JT_OBJECT)) {
		resp_error(r, 400, "Requête invalide.");
	} else if (api_vote_recheck(r, &s, (unsigned)id,
	    jt_string(&body, jt_get(&body, JT_ROOT, "mot_de_passe"))) == 0 &&
	    api_vote_open(r, &s, &op) == 0) {
		if (scrutin_params_load(dbconn_electors(r->t), (unsigned)id, &p, &e) == -1) {
			resp_error(r, 404, "Ce scrutin n'existe pas.");
		} else {
			api_cast(r, &s, &op, &p, &body, jt_get(&body, JT_ROOT, "bulletin"));
			scrutin_params_free(&p);
		}
	}
	jt_free(&body);
}
