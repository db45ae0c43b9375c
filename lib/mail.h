/* mail.h: the receipt sent by email on the elector's request (R-VOTE-6).
 *
 * The web worker offers it when the operation's setting recepisse_courriel
 * is on and the elector has an address in the electors list (mail_offer),
 * then records the request with the receipt of the cast, its signature
 * checked by the caller (mail_request). isoloir-mailer takes the requests
 * (mail_outbox_*), builds the message (mail_message: text and the receipt
 * PDF, never the choice) and hands it to the platform's mail relay
 * (mail_smtp_send, libcurl). A sent request keeps no receipt. */
#ifndef ISOLOIR_MAIL_H
#define ISOLOIR_MAIL_H

#include <stddef.h>

#include <mysql.h>

#include "buf.h"
#include "err.h"
#include "receipt.h"

#define MAIL_ADDR_MAX 256

/* "z***@example.fr": what the page shows of the address. */
void mail_mask(const char *addr, char *out, size_t cap);

/* 1 the receipt can be sent to this elector (masked address in out), 0 not
 * (setting off or no address), -1 error. */
int mail_offer(MYSQL *el, unsigned elector, unsigned scrutin, char *masked,
    size_t cap, struct err *e);

enum mail_request_outcome {
	MAIL_REQUESTED, /* recorded */
	MAIL_ALREADY,   /* asked before for this scrutin: not recorded again */
	MAIL_NOT_OFFERED, /* setting off or no address */
};

struct mail_request_result {
	enum mail_request_outcome outcome;
	char message[MAIL_ADDR_MAX + 160]; /* French, for the elector */
};

/* Record the request for this checked receipt, when offered (mail_offer).
 * -1 only on a system error. */
int mail_request(MYSQL *el, unsigned elector, const struct receipt *rc,
    const char *sig, struct mail_request_result *res, struct err *e);

/* The outboxes: receipts asked for (mail.c), new passwords (recover.c) by
 * email and by SMS (one table, password_outbox, told apart by channel). */
enum mail_box { MAIL_RECEIPTS, MAIL_PASSWORDS, MAIL_PASSWORDS_SMS };
#define MAIL_NBOXES 3

/* One pending request, as the mailer sees it. */
struct mail_job {
	enum mail_box box;
	unsigned long long id;
	unsigned scrutin_id;
	/* the address; for an SMS, the mobile number (E.164) */
	char to[MAIL_ADDR_MAX], prenom[256], nom[256];
	char *payload; /* the receipt JSON; freed by mail_job_free */
};

void mail_job_free(struct mail_job *j);

/* Up to max pending requests (oldest first, fewer than max_attempts
 * failures); *n of them. */
int mail_outbox_pending(MYSQL *el, enum mail_box box, unsigned max_attempts,
    struct mail_job *jobs, size_t max, size_t *n, struct err *e);
/* How many requests wait in box (fewer than max_attempts failures). */
int mail_outbox_waiting(MYSQL *el, enum mail_box box, unsigned max_attempts,
    unsigned long *n, struct err *e);
/* Sent: the payload is cleared. */
int mail_outbox_sent(
    MYSQL *el, enum mail_box box, unsigned long long id, struct err *e);
/* Not sent this time: one more attempt counted, the reason kept. */
int mail_outbox_failed(MYSQL *el, enum mail_box box, unsigned long long id,
    const char *why, struct err *e);

struct mail_site {
	const char *from;      /* "Élections <vote@example.fr>" */
	const char *operation; /* operation name, for the text */
	const char *site;      /* https://vote.example.fr (verification link) */
	const char *hotline;   /* may be NULL */
	EVP_PKEY
	*receipt_pub; /* when set, only receipts it verifies are sent */
};

/* The address part of "Name <addr>" (or addr itself). */
void mail_from_address(const char *from, char *addr, size_t cap);

/* The whole message (RFC 5322 + MIME, CRLF line ends, UTF-8 header words
 * encoded): for a receipt, the text and the receipt PDF attached; for a
 * password, the text only. -1 when the payload is not what the box
 * holds. */
int mail_message(const struct mail_job *j, const struct mail_site *s,
    struct buf *out, struct err *e);

/* Hand one message to the relay: url "smtp://host:port" (or smtps://);
 * starttls 1 requires STARTTLS on smtp://. The envelope sender is the
 * address inside s->from. */
int mail_smtp_send(const char *url, int starttls, const char *cafile,
    const char *from, const char *to, const struct buf *msg, struct err *e);

#endif
