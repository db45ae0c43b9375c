/* api_receipt.c: the receipt as a PDF (R-VOTE-6), made by the worker
 * (lib/receipt_pdf.c): POST /api/recepisse with the receipt the cast
 * returned (its signature checked: only a receipt this platform signed
 * for this elector's vote is printed, tracker included), and GET
 * /api/recepisse?scrutin=N later, after a new login: the scrutin and the
 * émargement time, signed again, without the tracker the server never
 * kept. Never the choice. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "mail.h"
#include "operation.h"
#include "receipt.h"
#include "scrutin.h"
#include "voter.h"
#include "worker.h"

static const char unavailable[] =
    "Service momentanément indisponible, réessayez dans un instant.";

static void
api_receipt_send(struct req *r, const struct receipt *rc, const char *op_name,
    const char *sig)
{
	char headers[256];
	size_t len;
	char *pdf = receipt_pdf(rc, op_name, sig, &len);

	snprintf(headers, sizeof(headers),
	    "Content-Disposition: attachment; "
	    "filename=\"accuse-reception-scrutin-%u.pdf\"\r\nCache-Control: "
	    "no-store\r\n",
	    rc->scrutin_id);
	resp_bytes(r, "application/pdf", headers, pdf, len);
	free(pdf);
}

/* 1 voted, 0 not (404 written), -1 error (503 written). */
static int
api_receipt_voted(
    struct req *r, unsigned elector, unsigned scrutin, char when[32])
{
	struct err e;
	int v =
	    voter_voted_at(dbconn_electors(r->t), elector, scrutin, when, &e);

	if (v == -1) {
		log_error("récépissé (scrutin %u) : %s", scrutin, e.msg);
		resp_error(r, 503, unavailable);
	} else if (v == 0) {
		resp_error(r, 404,
		    "Vous n'avez pas voté dans ce scrutin : il n'y a pas "
		    "d'accusé de réception.");
	}
	return v;
}

void
api_receipt_again(struct req *r)
{
	unsigned id = req_query_scrutin(r->query);
	char when[32], sig[RECEIPT_SIG_MAX];
	struct scrutin_params p;
	struct operation op;
	struct receipt rc;
	struct session s;
	struct err e;

	if (auth_elector(r, &s) == -1)
		return;
	if (id == 0) {
		resp_error(r, 404,
		    "Ce scrutin n'existe pas ou vous n'en êtes pas électeur.");
		return;
	}
	if (api_receipt_voted(r, s.elector_id, id, when) != 1)
		return;
	if (operation_load(
	        dbconn_electors(r->t), r->t->wc->operation, &op, &e) == -1 ||
	    scrutin_params_load(dbconn_electors(r->t), id, &p, &e) == -1) {
		resp_error(r, 503, unavailable);
		return;
	}
	rc = (struct receipt){op.code, id, p.title, when, ""};
	if (receipt_sign(r->t->wc->receipt_key, &rc, sig, &e) == -1)
		resp_error(r, 503, unavailable);
	else
		api_receipt_send(r, &rc, op.name, sig);
	scrutin_params_free(&p);
}

/* The receipt object of the cast's answer, checked field by field. */
static int
api_receipt_parse(json_t *j, struct receipt *rc, const char **sig)
{
	json_int_t id = json_integer_value(json_object_get(j, "scrutin_id"));

	rc->operation = json_string_value(json_object_get(j, "operation"));
	rc->scrutin = json_string_value(json_object_get(j, "scrutin"));
	rc->voted_at = json_string_value(json_object_get(j, "horodatage"));
	rc->tracker = json_string_value(json_object_get(j, "empreinte"));
	*sig = json_string_value(json_object_get(j, "signature"));
	rc->scrutin_id = (unsigned)id;
	return id > 0 && id < 1000000 && rc->operation && rc->scrutin &&
	               rc->voted_at && rc->tracker && *sig &&
	               strlen(rc->scrutin) < 600 && strlen(rc->voted_at) < 32 &&
	               strlen(rc->tracker) <= 64
	           ? 0
	           : -1;
}

/* 1 the receipt in body is genuine and of this elector's vote (rc, sig
 * filled), 0 not (the answer written). */
static int
api_receipt_genuine(struct req *r, const struct session *s, json_t *body,
    struct receipt *rc, const char **sig)
{
	char when[32];
	struct err e;
	int ok;

	if (api_receipt_parse(json_object_get(body, "recepisse"), rc, sig) == -1) {
		resp_error(r, 400, "Requête invalide.");
		return 0;
	}
	if ((ok = receipt_verify(r->t->wc->receipt_key, rc, *sig, &e)) != 1) {
		resp_error(r, ok == -1 ? 503 : 400,
		    ok == -1 ? unavailable
		             : "Accusé de réception non reconnu : il n'a pas "
		               "été signé par cette plateforme.");
		return 0;
	}
	/* a genuine receipt, but of this elector's vote only */
	return api_receipt_voted(r, s->elector_id, rc->scrutin_id, when) == 1;
}

static void
api_receipt_checked(struct req *r, const struct session *s, json_t *body)
{
	struct operation op;
	struct receipt rc;
	const char *sig;
	struct err e;

	if (!api_receipt_genuine(r, s, body, &rc, &sig))
		return;
	if (operation_load(
	        dbconn_electors(r->t), r->t->wc->operation, &op, &e) == -1) {
		resp_error(r, 503, unavailable);
		return;
	}
	api_receipt_send(r, &rc, op.name, sig);
}

/* The JSON body of an elector's POST with its CSRF token; NULL when the
 * answer is already written. */
static json_t *
api_receipt_post(struct req *r, struct session *s)
{
	if (auth_elector(r, s) == -1)
		return NULL;
	if (!auth_csrf_ok(r, s)) {
		resp_error(r, 403,
		    "Session expirée : rechargez la page et recommencez.");
		return NULL;
	}
	return req_json_body(r);
}

void
api_receipt_pdf(struct req *r)
{
	struct session s;
	json_t *body;

	if ((body = api_receipt_post(r, &s)) == NULL)
		return;
	api_receipt_checked(r, &s, body);
	json_decref(body);
}

/* POST /api/recepisse/courriel {recepisse}: the receipt of the cast, sent
 * later by isoloir-mailer to the address of the electors list (never one
 * given here), once per scrutin, when the operation offers it. */
void
api_receipt_mail(struct req *r)
{
	struct mail_request_result res;
	struct session s;
	struct receipt rc;
	const char *sig;
	struct err e;
	json_t *body;

	if ((body = api_receipt_post(r, &s)) == NULL)
		return;
	if (!api_receipt_genuine(r, &s, body, &rc, &sig))
		goto out;
	if (mail_request(dbconn_electors(r->t), s.elector_id, &rc, sig, &res, &e) == -1) {
		log_error("récépissé par courriel (scrutin %u) : %s", rc.scrutin_id, e.msg);
		resp_error(r, 503, unavailable);
	} else if (res.outcome == MAIL_NOT_OFFERED) {
		resp_error(r, 409, res.message);
	} else {
		resp_json(r, 200, json_pack("{s:s, s:b}", "message", res.message, "deja_demande",
		                      res.outcome == MAIL_ALREADY));
	}
out:
	json_decref(body);
}
