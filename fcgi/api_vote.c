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
#include "castcache.h"
#include "group.h"
#include "log.h"
#include "operation.h"
#include "election.h"
#include "login.h"
#include "mail.h"
#include "receipt.h"
#include "testvote.h"
#include "vcombine.h"
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

/* Where one attempt at a cast stands. A refusal decided on kept values
 * (lib/castcache.h) is not written at once: the caller first checks that
 * they are still the database's. */
enum api_step {
	API_GO,      /* go on to the next check */
	API_DONE,    /* the response is written */
	API_REFUSED, /* refused on the entry's values: *v, not yet written */
	API_STALE,   /* the locked read found other values: nothing stored */
};

struct api_refusal {
	int status;
	const char *message;
};

static enum api_step
api_refuse(struct api_refusal *v, int status, const char *message)
{
	v->status = status;
	v->message = message;
	return API_REFUSED;
}

static enum api_step
api_unavailable(struct req *r)
{
	resp_error(r, 503, "Service momentanément indisponible.");
	return API_DONE;
}

/* Record a verified ballot; b->expect holds what it was checked against. */
static enum api_step
api_record(struct req *r, const struct session *s, const struct castcache_entry *x,
    const struct cast_ballot *b, const char *trh)
{
	struct cast_result res;
	struct err e;

	if (cast_record(dbconn_electors(r->t), dbconn_urn(r->t), r->t->wc->cast_key,
	    &r->t->cast, s->elector_id, b, &res, &e) == -1) {
		log_error("vote non enregistré : %s", e.msg);
		resp_error(r, 503, "Votre vote n'a pas pu être enregistré. Réessayez dans un instant : "
		    "vous ne pourrez pas voter deux fois.");
	} else if (res.outcome == CAST_STALE) {
		log_info("scrutin %u : paramètres changés depuis leur lecture, relus", b->scrutin_id);
		return API_STALE;
	} else if (res.outcome == CAST_RECORDED || res.outcome == CAST_ALREADY_HERE) {
		if (res.outcome == CAST_RECORDED)
			api_burst(r);
		api_receipt(r, &x->op, &x->params, trh, res.message);
	} else {
		resp_error(r, api_cast_status(res.outcome), res.message);
	}
	return API_DONE;
}

/* Verify against the entry's parameters, then record. */
static enum api_step
api_cast(struct req *r, const struct session *s, const struct castcache_entry *x,
    const struct jtree *t, jt_ref ballot, struct api_refusal *v)
{
	const struct scrutin_params *p = &x->params;
	size_t plen = BALLOT_POINTS_LEN(ballot_positions(&p->shape));
	unsigned char tr[32], *pts = xmalloc(plen);
	struct cast_ballot cb = { 0 };
	char trh[65], *canon = NULL;
	enum api_step rc;
	struct err e;

	/* with the other threads' ballots ready at the same time */
	if (vcombine_verify_tree(r->t->wc->vc, &p->shape, &p->election, t, ballot, pts, &e) == -1) {
		log_warn("bulletin refusé (scrutin %u) : %s", p->shape.scrutin, e.msg);
		rc = api_refuse(v, 400, "Bulletin refusé : il n'a pas pu être vérifié. "
		    "Rechargez la page et recommencez.");
		goto out;
	}
	cast_fault("after-verify");
	if ((canon = ballot_canonical_tree(t, ballot, &cb.body_len)) == NULL) {
		rc = api_unavailable(r);
		goto out;
	}
	ballot_tracker(canon, tr);
	group_hex(tr, 32, trh);
	cb.scrutin_id = p->shape.scrutin;
	memcpy(cb.tracker, tr, 32);
	cb.body = canon;
	cb.points = pts;
	cb.points_len = plen;
	cb.expect = &x->expect;
	rc = api_record(r, s, x, &cb, trh);
out:
	free(canon);
	free(pts);
	return rc;
}

/* R-ORG-4 against the current clock, on the entry's calendar. */
static enum api_step
api_vote_open(struct req *r, const struct session *s, const struct castcache_entry *x,
    struct api_refusal *v)
{
	int64_t now = (int64_t)time(NULL);
	struct err e;
	int test = 0;

	if (calendar_may_cast(&x->op.cal, now, s->issued))
		return API_GO;
	/* a test elector votes outside the period (the state decides) */
	if (testvote_is_test(dbconn_electors(r->t), s->elector_id, &test, &e) == -1)
		return api_unavailable(r);
	return test ? API_GO : api_refuse(v, 409, calendar_phase_fr(calendar_phase(&x->op.cal, now)));
}

/* R-VOTE-4: when the operation asks for it, the password typed again at
 * the confirmation; nothing is cast without it. */
static enum api_step
api_vote_recheck(struct req *r, const struct session *s, const struct castcache_entry *x,
    const char *pw, struct api_refusal *v)
{
	struct err e;
	int ok = 0;

	if (!x->ressaisie)
		return API_GO;
	if (pw == NULL || *pw == '\0')
		return api_refuse(v, 400, "Saisissez à nouveau votre mot de passe pour confirmer votre vote.");
	if (login_recheck(dbconn_electors(r->t), s->elector_id, pw, &ok, &e) == -1)
		return api_unavailable(r);
	return ok ? API_GO : api_refuse(v, 401, "Mot de passe incorrect : votre vote n'est pas enregistré.");
}

static enum api_step
api_vote_try(struct req *r, const struct session *s, const struct castcache_entry *x,
    const struct jtree *body, struct api_refusal *v)
{
	enum api_step rc;

	rc = api_vote_recheck(r, s, x, jt_string(body, jt_get(body, JT_ROOT, "mot_de_passe")), v);
	if (rc == API_GO)
		rc = api_vote_open(r, s, x, v);
	if (rc == API_GO)
		rc = api_cast(r, s, x, body, jt_get(body, JT_ROOT, "bulletin"), v);
	return rc;
}

/* The entry failed to load (castcache_get's -1 or -2): the response. */
static void
api_vote_noentry(struct req *r, unsigned scrutin, int rc, const struct err *e)
{
	log_error("vote, scrutin %u : %s", scrutin, e->msg);
	if (rc == -2)
		resp_error(r, 404, "Ce scrutin n'existe pas.");
	else
		resp_error(r, 503, "Service momentanément indisponible.");
}

/* The cast of a valid request, on kept values when the thread has them.
 * Refused on kept values, it is decided again only when they changed; a
 * cast the locked read found stale is tried once more on values read now,
 * then given up (nothing stored: the elector retries). */
static void
api_vote_scrutin(struct req *r, const struct session *s, unsigned id, const struct jtree *body)
{
	const struct castcache_entry *x;
	struct castcache *c = &r->t->cache;
	const char *opcode = r->t->wc->operation;
	MYSQL *el = dbconn_electors(r->t);
	struct api_refusal v;
	enum api_step rc;
	int fresh, changed, k;
	struct err e;

	/* the connections first: a new one empties the cache (dbconn.c) */
	if (el == NULL || dbconn_urn(r->t) == NULL) {
		api_unavailable(r);
		return;
	}
	if ((k = castcache_get(c, el, opcode, id, &x, &fresh, &e)) != 0) {
		api_vote_noentry(r, id, k, &e);
		return;
	}
	rc = api_vote_try(r, s, x, body, &v);
	if (rc == API_STALE || (rc == API_REFUSED && !fresh)) {
		if ((k = castcache_reload(c, el, opcode, id, &x, &changed, &e)) != 0) {
			api_vote_noentry(r, id, k, &e);
			return;
		}
		if (rc == API_STALE || changed)
			rc = api_vote_try(r, s, x, body, &v);
	}
	if (rc == API_REFUSED)
		resp_error(r, v.status, v.message);
	else if (rc == API_STALE)
		resp_error(r, 503, "Votre vote n'a pas pu être enregistré. Réessayez dans un instant : "
		    "vous ne pourrez pas voter deux fois.");
}

void
api_vote(struct req *r)
{
	struct session s;
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
	if (id <= 0 || id > 1000000 || !jt_is(&body, jt_get(&body, JT_ROOT, "bulletin"), JT_OBJECT))
		resp_error(r, 400, "Requête invalide.");
	else
		api_vote_scrutin(r, &s, (unsigned)id, &body);
	jt_free(&body);
}
