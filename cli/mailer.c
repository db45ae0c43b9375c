/* mailer.c: isoloir-mailer, the receipts asked for by email (R-VOTE-6):
 *   isoloir-mailer -c FILE [--once] [--interval SECONDS]
 * takes the pending requests of the electors database (lib/mail.c), checks
 * each receipt against the platform's public receipt key, builds the
 * message (text + PDF) and hands it to the mail relay of [mail] relais.
 * A sent request loses its receipt; a failed one is retried at the next
 * pass, up to [mail] essais_max times. Each pass that did something is
 * journaled (counts only: no address, no tracker). --once: one pass, exit 0
 * when every request went, 1 when one failed, 2 on a usage or setup error.
 * The new passwords electors asked for (R-AUTH-6, lib/recover.c) go the
 * same way, text only, the password cleared from the database once handed
 * over; those asked for by SMS go through the command of [sms] commande
 * (lib/sms.c), and wait, with an error each pass, while none is set.
 * Without --once it passes every --interval seconds (default 10) until
 * SIGTERM or SIGINT. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/crypto.h>

#include "conf.h"
#include "db.h"
#include "journal.h"
#include "mail.h"
#include "operation.h"
#include "sms.h"

#define MAILER_BATCH 50

static volatile sig_atomic_t mailer_stop;

static void
mailer_signal(int sig)
{
	(void)sig;
	mailer_stop = 1;
}

static int
usage(void)
{
	fprintf(stderr,
	    "usage : isoloir-mailer -c FICHIER [--once] [--interval SECONDES]\n"
	    "Envoie les accusés de réception demandés par courriel par les "
	    "électeurs\net les nouveaux mots de passe demandés (courriel ou "
	    "SMS).\n");
	return 2;
}

struct mailer {
	const struct conf *conf;
	MYSQL *el;
	struct mail_site site;
	const char *relay, *cafile;
	int starttls;
	long max_attempts;
	struct sms_gateway sms; /* sms.command NULL: no gateway */
};

/* One message built and handed over; 1 sent, 0 not (reason in me). */
static int
mailer_send(struct mailer *m, const struct mail_job *j, struct err *me)
{
	struct buf msg = BUF_INIT;
	int ok;

	if (j->box == MAIL_PASSWORDS_SMS)
		ok = sms_message(j, &m->site, &msg, me) == 0 &&
		     sms_send(&m->sms, j->to, &msg, me) == 0;
	else
		ok = mail_message(j, &m->site, &msg, me) == 0 &&
		     mail_smtp_send(m->relay, m->starttls, m->cafile,
		         m->site.from, j->to, &msg, me) == 0;
	/* a password message holds the password */
	if (msg.data != NULL)
		OPENSSL_cleanse(msg.data, msg.len);
	buf_free(&msg);
	return ok;
}

/* One pass over one outbox: *sent and *failed counted; -1 when the
 * database fails. */
static int
mailer_box(struct mailer *m, enum mail_box box, unsigned *sent,
    unsigned *failed, struct err *e)
{
	static const char *const action[] = {
	    [MAIL_RECEIPTS] = "recepisses_courriel",
	    [MAIL_PASSWORDS] = "mots_de_passe_courriel",
	    [MAIL_PASSWORDS_SMS] = "mots_de_passe_sms"};
	struct mail_job jobs[MAILER_BATCH];
	size_t n;

	*sent = *failed = 0;
	do {
		if (mail_outbox_pending(m->el, box, (unsigned)m->max_attempts,
		        jobs, MAILER_BATCH, &n, e) == -1)
			return -1;
		for (size_t i = 0; i < n; i++) {
			struct err me;
			int ok = mailer_send(m, &jobs[i], &me);

			if (ok ? mail_outbox_sent(m->el, box, jobs[i].id, e) ==
			             -1
			       : mail_outbox_failed(
			             m->el, box, jobs[i].id, me.msg, e) == -1) {
				for (; i < n; i++)
					mail_job_free(&jobs[i]);
				return -1;
			}
			if (ok) {
				(*sent)++;
			} else {
				(*failed)++;
				fprintf(
				    stderr, "isoloir-mailer : %s\n", me.msg);
			}
			mail_job_free(&jobs[i]);
		}
	} while (n == MAILER_BATCH && !mailer_stop);
	if (*sent + *failed > 0) {
		char detail[128];

		snprintf(detail, sizeof(detail),
		    "{\"echecs\":%u,\"envoyes\":%u}", *failed, *sent);
		if (journal_append(m->el, "isoloir-mailer", action[box], 0,
		        detail, NULL, e) == -1)
			return -1;
	}
	return 0;
}

/* Without a gateway the SMS requests wait (no attempt counted, so that
 * they go once one is set): said once a pass. */
static int
mailer_sms_waiting(struct mailer *m, unsigned long *n, struct err *e)
{
	if (mail_outbox_waiting(m->el, MAIL_PASSWORDS_SMS,
	        (unsigned)m->max_attempts, n, e) == -1)
		return -1;
	if (*n > 0)
		fprintf(stderr,
		    "isoloir-mailer : %lu mot%s de passe à envoyer par SMS en "
		    "attente : aucune passerelle SMS n'est configurée (section "
		    "[sms], clé commande)\n",
		    *n, *n > 1 ? "s" : "");
	return 0;
}

/* One pass over every outbox; counts of each, and the SMS requests left
 * waiting for want of a gateway. */
static int
mailer_pass(struct mailer *m, unsigned sent[MAIL_NBOXES],
    unsigned failed[MAIL_NBOXES], unsigned long *stuck, struct err *e)
{
	*stuck = 0;
	sent[MAIL_PASSWORDS_SMS] = failed[MAIL_PASSWORDS_SMS] = 0;
	if (mailer_box(m, MAIL_RECEIPTS, &sent[0], &failed[0], e) == -1 ||
	    mailer_box(m, MAIL_PASSWORDS, &sent[1], &failed[1], e) == -1)
		return -1;
	if (m->sms.command == NULL)
		return mailer_sms_waiting(m, stuck, e);
	return mailer_box(m, MAIL_PASSWORDS_SMS, &sent[2], &failed[2], e);
}

/* [sms]: optional; when set, its command must be there. */
static int
mailer_setup_sms(struct mailer *m, struct err *e)
{
	m->sms.command = conf_get(m->conf, "sms", "commande");
	if (m->sms.command == NULL)
		return 0;
	if (conf_get_int(m->conf, "sms", "delai", 30, 1, 600, &m->sms.timeout,
	        e) == -1)
		return -1;
	return sms_gateway_check(&m->sms, e);
}

/* The summary of a pass on stdout, one line per kind that did something
 * (the receipts' line always with --once). */
static void
mailer_report(const unsigned sent[MAIL_NBOXES],
    const unsigned failed[MAIL_NBOXES], int once)
{
	static const char *const how[] = {"", "", " par SMS"};

	if (once || sent[0] + failed[0] > 0)
		printf("%u accusé%s de réception envoyé%s, %u échec%s\n",
		    sent[0], sent[0] > 1 ? "s" : "", sent[0] > 1 ? "s" : "",
		    failed[0], failed[0] > 1 ? "s" : "");
	for (int b = MAIL_PASSWORDS; b < MAIL_NBOXES; b++)
		if (sent[b] + failed[b] > 0)
			printf("%u mot%s de passe envoyé%s%s, %u échec%s\n",
			    sent[b], sent[b] > 1 ? "s" : "",
			    sent[b] > 1 ? "s" : "", how[b], failed[b],
			    failed[b] > 1 ? "s" : "");
	fflush(stdout);
}

static int
mailer_setup(struct mailer *m, struct operation *op, struct err *e)
{
	struct db_params p;
	const char *pub;
	long tls = 0;

	if (conf_need(m->conf, "mail", "relais", &m->relay, e) == -1 ||
	    conf_need(m->conf, "mail", "expediteur", &m->site.from, e) == -1 ||
	    conf_need(m->conf, "mail", "cle_publique_recepisses", &pub, e) ==
	        -1 ||
	    conf_get_int(m->conf, "mail", "starttls", 0, 0, 1, &tls, e) == -1 ||
	    conf_get_int(m->conf, "mail", "essais_max", 5, 1, 100,
	        &m->max_attempts, e) == -1)
		return -1;
	m->starttls = (int)tls;
	m->cafile = conf_get(m->conf, "mail", "ca");
	m->site.site = conf_get(m->conf, "mail", "site");
	m->site.hotline = conf_get(m->conf, "mail", "assistance");
	if ((m->site.receipt_pub = receipt_pubkey_load(pub, e)) == NULL ||
	    db_params_from_conf(m->conf, "electors_db", &p, e) == -1 ||
	    (m->el = db_connect(&p, e)) == NULL ||
	    operation_load(
	        m->el, conf_get(m->conf, "mail", "operation"), op, e) == -1 ||
	    mailer_setup_sms(m, e) == -1)
		return -1;
	m->site.operation = op->name;
	return 0;
}

int
main(int argc, char **argv)
{
	struct mailer m = {0};
	struct operation op;
	const char *cpath = NULL;
	unsigned sent[MAIL_NBOXES], failed[MAIL_NBOXES];
	unsigned long stuck;
	long interval = 10;
	int once = 0, rc = 2;
	struct err e;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			cpath = argv[++i];
		else if (strcmp(argv[i], "--once") == 0)
			once = 1;
		else if (strcmp(argv[i], "--interval") == 0 && i + 1 < argc)
			interval = strtol(argv[++i], NULL, 10);
		else
			return usage();
	}
	if (cpath == NULL || interval < 1 || interval > 3600)
		return usage();
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fprintf(stderr,
		    "isoloir-mailer : initialisation de libcurl impossible\n");
		return 2;
	}
	if ((m.conf = conf_load(cpath, &e)) == NULL ||
	    mailer_setup(&m, &op, &e) == -1) {
		fprintf(stderr, "isoloir-mailer : %s\n", e.msg);
		goto out;
	}
	signal(SIGTERM, mailer_signal);
	signal(SIGINT, mailer_signal);
	/* an SMS command may exit without reading its text (lib/sms.h) */
	signal(SIGPIPE, SIG_IGN);
	do {
		if (mailer_pass(&m, sent, failed, &stuck, &e) == -1) {
			fprintf(stderr, "isoloir-mailer : %s\n", e.msg);
			rc = 2;
			goto out;
		}
		mailer_report(sent, failed, once);
		rc = failed[0] + failed[1] + failed[2] > 0 || stuck > 0 ? 1 : 0;
		for (long s = 0; !once && s < interval && !mailer_stop; s++)
			sleep(1);
	} while (!once && !mailer_stop);
out:
	EVP_PKEY_free(m.site.receipt_pub);
	db_close(m.el);
	conf_free((struct conf *)m.conf);
	curl_global_cleanup();
	return rc;
}
