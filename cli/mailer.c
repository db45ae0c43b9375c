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
 * over. Without --once it passes every --interval seconds (default 10) until
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
	    "électeurs.\n");
	return 2;
}

struct mailer {
	const struct conf *conf;
	MYSQL *el;
	struct mail_site site;
	const char *relay, *cafile;
	int starttls;
	long max_attempts;
};

/* One pass over one outbox: *sent and *failed counted; -1 when the
 * database fails. */
static int
mailer_box(struct mailer *m, enum mail_box box, unsigned *sent,
    unsigned *failed, struct err *e)
{
	static const char *const action[] = {
	    [MAIL_RECEIPTS] = "recepisses_courriel",
	    [MAIL_PASSWORDS] = "mots_de_passe_courriel"};
	struct mail_job jobs[MAILER_BATCH];
	size_t n;

	*sent = *failed = 0;
	do {
		if (mail_outbox_pending(m->el, box, (unsigned)m->max_attempts,
		        jobs, MAILER_BATCH, &n, e) == -1)
			return -1;
		for (size_t i = 0; i < n; i++) {
			struct buf msg = BUF_INIT;
			struct err me;
			int ok =
			    mail_message(&jobs[i], &m->site, &msg, &me) == 0 &&
			    mail_smtp_send(m->relay, m->starttls, m->cafile,
			        m->site.from, jobs[i].to, &msg, &me) == 0;

			/* a password message holds the password */
			if (msg.data != NULL)
				OPENSSL_cleanse(msg.data, msg.len);
			buf_free(&msg);
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

/* One pass over both outboxes; counts of each. */
static int
mailer_pass(
    struct mailer *m, unsigned sent[2], unsigned failed[2], struct err *e)
{
	return mailer_box(m, MAIL_RECEIPTS, &sent[0], &failed[0], e) == -1 ||
	               mailer_box(m, MAIL_PASSWORDS, &sent[1], &failed[1], e) ==
	                   -1
	           ? -1
	           : 0;
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
	        m->el, conf_get(m->conf, "mail", "operation"), op, e) == -1)
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
	unsigned sent[2], failed[2];
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
	do {
		if (mailer_pass(&m, sent, failed, &e) == -1) {
			fprintf(stderr, "isoloir-mailer : %s\n", e.msg);
			rc = 2;
			goto out;
		}
		if (once || sent[0] + failed[0] > 0)
			printf(
			    "%u accusé%s de réception envoyé%s, %u échec%s\n",
			    sent[0], sent[0] > 1 ? "s" : "",
			    sent[0] > 1 ? "s" : "", failed[0],
			    failed[0] > 1 ? "s" : "");
		if (sent[1] + failed[1] > 0)
			printf("%u mot%s de passe envoyé%s, %u échec%s\n",
			    sent[1], sent[1] > 1 ? "s" : "",
			    sent[1] > 1 ? "s" : "", failed[1],
			    failed[1] > 1 ? "s" : "");
		fflush(stdout);
		rc = failed[0] + failed[1] > 0 ? 1 : 0;
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
