/* mail.c: receipt emails, the requests side (see mail.h): the offer and the
 * request by the web worker, the outbox as the mailer reads and updates
 * it. */
#include "config.h"

#include <errmsg.h>
#include <mysqld_error.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "db.h"
#include "election.h"
#include "mail.h"
#include "voter.h"

/* A receipt is a few hundred bytes: 8 KiB bounds a row written by someone
 * else than the web worker. */
#define MAIL_PAYLOAD_MAX 8192

void
mail_mask(const char *addr, char *out, size_t cap)
{
	const char *at = strchr(addr, '@');

	/* only ASCII addresses are offered (mail_offer) */
	if (at == NULL || at == addr)
		snprintf(out, cap, "***");
	else
		snprintf(out, cap, "%c***%s", addr[0], at);
}

/* The elector's address; "" when none. */
static int
mail_address(MYSQL *el, unsigned elector, char *addr, size_t cap, struct err *e)
{
	unsigned long len = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	int f;

	addr[0] = '\0';
	st = db_query(
	    el, e, "SELECT email FROM elector WHERE id = ?", "u", elector);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, addr, cap - 1, &len);
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f == 1)
		return err_set(e, "base des électeurs : lecture impossible");
	if (f == MYSQL_NO_DATA)
		addr[0] = '\0';
	else
		db_cstr(addr, cap, len);
	return 0;
}

int
mail_offer(MYSQL *el, unsigned elector, unsigned scrutin, char *masked,
    size_t cap, struct err *e)
{
	char addr[MAIL_ADDR_MAX];
	int on = 0;

	masked[0] = '\0';
	if (election_setting(el, scrutin, "recepisse_courriel", &on, e) == -1)
		return -1;
	if (!on)
		return 0;
	if (mail_address(el, elector, addr, sizeof(addr), e) == -1)
		return -1;
	/* an address the import accepted has one '@'; anything else is not
	 * offered rather than sent to a malformed recipient */
	if (addr[0] == '\0' || strchr(addr, '@') == NULL ||
	    strpbrk(addr, " \r\n<>\",;") != NULL)
		return 0;
	for (const char *p = addr; *p != '\0'; p++)
		if ((unsigned char)*p >=
		    0x80) /* SMTPUTF8 is not required of relays */
			return 0;
	mail_mask(addr, masked, cap);
	return 1;
}

int
mail_request(MYSQL *el, unsigned elector, const struct receipt *rc,
    const char *sig, struct mail_request_result *res, struct err *e)
{
	char masked[MAIL_ADDR_MAX];
	json_t *j;
	char *payload;
	long long n;
	int ok;

	memset(res, 0, sizeof(*res));
	if ((ok = mail_offer(
	         el, elector, rc->scrutin_id, masked, sizeof(masked), e)) == -1)
		return -1;
	if (ok == 0) {
		res->outcome = MAIL_NOT_OFFERED;
		snprintf(res->message, sizeof(res->message),
		    "L'envoi de l'accusé de réception par courriel n'est pas "
		    "proposé pour "
		    "ce scrutin, ou votre adresse n'est pas connue.");
		return 0;
	}
	j = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s}", "operation",
	    rc->operation, "scrutin_id", (json_int_t)rc->scrutin_id, "scrutin",
	    rc->scrutin, "horodatage", rc->voted_at, "empreinte", rc->tracker,
	    "signature", sig);
	payload =
	    j != NULL ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(j);
	if (payload == NULL)
		return err_set(e, "mémoire insuffisante");
	n = db_run(el, e,
	    "INSERT INTO mail_outbox (elector_id, scrutin_id, kind, payload)"
	    " VALUES (?, ?, 'recepisse', ?)",
	    "uus", elector, rc->scrutin_id, payload);
	free(payload);
	if (n == -1 && e->code != ER_DUP_ENTRY)
		return -1;
	/* one request per scrutin: a second one is said, not recorded */
	res->outcome = n == -1 ? MAIL_ALREADY : MAIL_REQUESTED;
	snprintf(res->message, sizeof(res->message),
	    n == -1 ? "L'accusé de réception de ce scrutin a déjà été demandé "
	              ": il est "
	              "envoyé à %s."
	            : "L'accusé de réception sera envoyé à %s dans quelques "
	              "minutes.",
	    masked);
	return 0;
}

void
mail_job_free(struct mail_job *j)
{
	free(j->payload);
	j->payload = NULL;
}

/* The outboxes: receipts (019) and passwords (020), by email or SMS
 * (021: the row holds its destination; rows older than 021 have none and
 * go to the list's address); fixed texts. */
static const char *const mail_pending_sql[] = {
    [MAIL_RECEIPTS] =
        "SELECT m.id, m.scrutin_id, v.email, v.prenom, v.nom, m.payload"
        " FROM mail_outbox m JOIN elector v ON v.id = m.elector_id"
        " WHERE m.sent_at IS NULL AND m.payload IS NOT NULL"
        " AND m.attempts < ? ORDER BY m.id LIMIT ?",
    [MAIL_PASSWORDS] =
        "SELECT m.id, 0, IF(m.destination = '', v.email, m.destination),"
        " v.prenom, v.nom, m.payload"
        " FROM password_outbox m JOIN elector v ON v.id = m.elector_id"
        " WHERE m.channel = 'courriel' AND m.sent_at IS NULL"
        " AND m.payload IS NOT NULL AND m.attempts < ? ORDER BY m.id LIMIT ?",
    [MAIL_PASSWORDS_SMS] =
        "SELECT m.id, 0, m.destination, v.prenom, v.nom, m.payload"
        " FROM password_outbox m JOIN elector v ON v.id = m.elector_id"
        " WHERE m.channel = 'sms' AND m.sent_at IS NULL"
        " AND m.payload IS NOT NULL AND m.attempts < ? ORDER BY m.id LIMIT ?",
};
static const char *const mail_waiting_sql[] = {
    [MAIL_RECEIPTS] = "SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL"
                      " AND payload IS NOT NULL AND attempts < ?",
    [MAIL_PASSWORDS] =
        "SELECT COUNT(*) FROM password_outbox WHERE channel = 'courriel'"
        " AND sent_at IS NULL AND payload IS NOT NULL AND attempts < ?",
    [MAIL_PASSWORDS_SMS] =
        "SELECT COUNT(*) FROM password_outbox WHERE channel = 'sms'"
        " AND sent_at IS NULL AND payload IS NOT NULL AND attempts < ?",
};
static const char *const mail_sent_sql[] = {
    [MAIL_RECEIPTS] = "UPDATE mail_outbox SET sent_at = NOW(6), payload = NULL,"
                      " last_error = '' WHERE id = ? AND sent_at IS NULL",
    [MAIL_PASSWORDS] =
        "UPDATE password_outbox SET sent_at = NOW(6), payload = NULL,"
        " last_error = '' WHERE id = ? AND sent_at IS NULL",
    [MAIL_PASSWORDS_SMS] =
        "UPDATE password_outbox SET sent_at = NOW(6), payload = NULL,"
        " last_error = '' WHERE id = ? AND sent_at IS NULL",
};
static const char *const mail_failed_sql[] = {
    [MAIL_RECEIPTS] =
        "UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?"
        " WHERE id = ? AND sent_at IS NULL",
    [MAIL_PASSWORDS] =
        "UPDATE password_outbox SET attempts = attempts + 1, last_error = ?"
        " WHERE id = ? AND sent_at IS NULL",
    [MAIL_PASSWORDS_SMS] =
        "UPDATE password_outbox SET attempts = attempts + 1, last_error = ?"
        " WHERE id = ? AND sent_at IS NULL",
};

int
mail_outbox_waiting(MYSQL *el, enum mail_box box, unsigned max_attempts,
    unsigned long *n, struct err *e)
{
	unsigned long long count = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	int f;

	*n = 0;
	if ((st = db_query(el, e, mail_waiting_sql[box], "u", max_attempts)) ==
	    NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONGLONG, &count, 0, NULL);
	out[0].is_unsigned = 1;
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f != 0)
		return err_set(e, "base des électeurs : lecture de la file des "
		                  "envois impossible");
	*n = (unsigned long)count;
	return 0;
}

int
mail_outbox_pending(MYSQL *el, enum mail_box box, unsigned max_attempts,
    struct mail_job *jobs, size_t max, size_t *n, struct err *e)
{
	unsigned long lt = 0, lp = 0, ln = 0, lj = 0;
	struct mail_job j;
	MYSQL_BIND res[6];
	MYSQL_STMT *st;
	char *payload = NULL;
	my_bool trunc = 0;
	int f, rc = -1;

	*n = 0;
	st = db_query(
	    el, e, mail_pending_sql[box], "uu", max_attempts, (unsigned)max);
	if (st == NULL)
		return -1;
	payload = malloc(MAIL_PAYLOAD_MAX);
	memset(&j, 0, sizeof(j));
	db_bind(&res[0], MYSQL_TYPE_LONGLONG, &j.id, 0, NULL);
	res[0].is_unsigned = 1;
	db_bind(&res[1], MYSQL_TYPE_LONG, &j.scrutin_id, 0, NULL);
	res[1].is_unsigned = 1;
	db_bind(&res[2], MYSQL_TYPE_STRING, j.to, sizeof(j.to) - 1, &lt);
	db_bind(
	    &res[3], MYSQL_TYPE_STRING, j.prenom, sizeof(j.prenom) - 1, &lp);
	db_bind(&res[4], MYSQL_TYPE_STRING, j.nom, sizeof(j.nom) - 1, &ln);
	db_bind(&res[5], MYSQL_TYPE_STRING, payload, MAIL_PAYLOAD_MAX - 1, &lj);
	res[5].error = &trunc;
	if (payload == NULL || mysql_stmt_bind_result(st, res) != 0) {
		err_set(e, "base des électeurs : lecture de la file des "
		           "courriels impossible");
		goto out;
	}
	while (*n < max &&
	       ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED)) {
		db_cstr(j.to, sizeof(j.to), lt);
		db_cstr(j.prenom, sizeof(j.prenom), lp);
		db_cstr(j.nom, sizeof(j.nom), ln);
		if (f == MYSQL_DATA_TRUNCATED &&
		    (trunc || lj >= MAIL_PAYLOAD_MAX)) {
			/* not a receipt this platform wrote: never sent */
			err_set(e, "courriel %llu : contenu trop long", j.id);
			goto out;
		}
		db_cstr(payload, MAIL_PAYLOAD_MAX, lj);
		jobs[*n] = j;
		jobs[*n].box = box;
		jobs[*n].payload = strdup(payload);
		if (jobs[*n].payload == NULL) {
			err_set(e, "mémoire insuffisante");
			goto out;
		}
		(*n)++;
	}
	rc = 0;
out:
	if (rc == -1) {
		for (size_t i = 0; i < *n; i++)
			mail_job_free(&jobs[i]);
		*n = 0;
	}
	free(payload);
	db_done(st);
	return rc;
}

int
mail_outbox_sent(
    MYSQL *el, enum mail_box box, unsigned long long id, struct err *e)
{
	return db_run(el, e, mail_sent_sql[box], "U", (uint64_t)id) == -1 ? -1
	                                                                  : 0;
}

int
mail_outbox_failed(MYSQL *el, enum mail_box box, unsigned long long id,
    const char *why, struct err *e)
{
	char reason[256];
	size_t n = strlen(why);

	/* the column holds 255 characters: cut whole UTF-8 characters */
	if (n > sizeof(reason) - 1)
		for (n = sizeof(reason) - 1;
		     n > 0 && ((unsigned char)why[n] & 0xc0) == 0x80; n--)
			;
	memcpy(reason, why, n);
	reason[n] = '\0';
	return db_run(el, e, mail_failed_sql[box], "sU", reason,
	           (uint64_t)id) == -1
	           ? -1
	           : 0;
}
