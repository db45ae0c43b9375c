/* sms.h: the new password of a self-service retrieval (R-AUTH-6) sent by
 * SMS. The platform holds no SMS protocol of its own: isoloir-mailer runs
 * the program of the operator's gateway ([sms] commande in mailer.conf)
 * without a shell, the number (E.164) as its only argument and the French
 * text on its standard input; exit status 0 means sent, anything else is
 * retried at the next pass, and a command that does not finish in time is
 * killed with its process group. */
#ifndef ISOLOIR_SMS_H
#define ISOLOIR_SMS_H

#include "buf.h"
#include "err.h"
#include "mail.h"

struct sms_gateway {
	const char *command; /* absolute path of the program */
	long timeout;        /* seconds */
};

/* 0 when the command is an absolute path to an executable file. */
int sms_gateway_check(const struct sms_gateway *g, struct err *e);

/* The text of one request of MAIL_PASSWORDS_SMS: the password, what to do
 * if not asked, never the identifier. -1 when the row is not a password
 * to a French mobile number. */
int sms_message(const struct mail_job *j, const struct mail_site *s,
    struct buf *out, struct err *e);

/* Run the gateway's command for one message. The caller ignores SIGPIPE
 * (a command may exit without reading its input). -1 with the French
 * reason when the command failed, was killed or could not run. */
int sms_send(const struct sms_gateway *g, const char *to,
    const struct buf *text, struct err *e);

#endif
