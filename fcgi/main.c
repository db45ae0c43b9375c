/* main.c: isoloir-fcgi, the FastCGI worker process: listens on its own unix
 * socket (one per process, so nginx can drain and restart workers one at a
 * time), runs N threads each accepting requests, stops cleanly on SIGTERM
 * after finishing the requests in flight. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>

#include "burst.h"
#include "cast.h"
#include "kdf.h"
#include "log.h"
#include "receipt.h"
#include "vcombine.h"
#include "worker.h"
#include "xmalloc.h"

static void
usage(void)
{
	fprintf(stderr, "usage : isoloir-fcgi -c FICHIER.conf -s SOCKET [-t THREADS]\n");
	exit(2);
}

/* Bind the unix socket ourselves: FCGX_OpenSocket may exit() on errors. */
static int
listen_unix(const char *path, struct err *e)
{
	struct sockaddr_un sa;
	mode_t old;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa.sun_path))
		return err_set(e, "chemin de socket trop long : %s", path);
	strcpy(sa.sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return err_set(e, "socket : %s", strerror(errno));
	unlink(path);
	old = umask(0077);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    listen(fd, 1024) == -1) {
		umask(old);
		close(fd);
		return err_set(e, "%s : %s", path, strerror(errno));
	}
	umask(old);
	return fd;
}

/* [web]: session, identifier and cast keys, lockout policy, hotline number. */
static int
load_web(const struct conf *c, struct worker_conf *wc, struct err *e)
{
	long fails, lock, idle, maxlife;
	const char *keypath;

	if (conf_get_hex(c, "web", "session_key", wc->session_key,
	    sizeof(wc->session_key), e) == -1 ||
	    conf_get_hex(c, "web", "login_key", wc->login.login_key,
	    sizeof(wc->login.login_key), e) == -1 ||
	    cast_key_load(c, wc->cast_key, e) == -1 ||
	    conf_get_int(c, "web", "max_failures", 5, 1, 100, &fails, e) == -1 ||
	    conf_get_int(c, "web", "lock_minutes", 15, 1, 1440, &lock, e) == -1 ||
	    conf_get_int(c, "web", "idle_minutes", 15, 1, 240, &idle, e) == -1 ||
	    conf_get_int(c, "web", "session_hours", 2, 1, 24, &maxlife, e) == -1 ||
	    conf_get_int(c, "web", "burst_casts", 50, 0, 1000000, &wc->burst_casts, e) == -1)
		return -1;
	wc->login.max_failures = (unsigned)fails;
	wc->login.lock_minutes = (unsigned)lock;
	wc->hotline = conf_get_def(c, "web", "hotline", "indiqué sur votre courrier");
	wc->login.hotline = wc->hotline;
	wc->operation = conf_get(c, "web", "operation");
	if (conf_need(c, "web", "receipt_key", &keypath, e) == -1 ||
	    (wc->receipt_key = receipt_key_load(keypath, e)) == NULL)
		return -1;
	wc->login.cost = cred_cost_default;
	wc->limits.idle_s = idle * 60;
	wc->limits.absolute_s = maxlife * 3600;
	return 0;
}

static int
load_conf(const char *path, struct worker_conf *wc, struct err *e)
{
	memset(wc, 0, sizeof(*wc));
	if ((wc->conf = conf_load(path, e)) == NULL)
		return -1;
	if (db_params_from_conf(wc->conf, "electors_db", &wc->electors, e) == -1 ||
	    db_params_from_conf(wc->conf, "urn_db", &wc->urn, e) == -1 ||
	    conf_get_int(wc->conf, "fcgi", "max_body", 1024 * 1024, 1024,
	    16 * 1024 * 1024, &wc->max_body, e) == -1)
		return -1;
	return load_web(wc->conf, wc, e);
}

static void
serve_one(struct worker_thread *t)
{
	struct req r;
	int rc = req_read(t, &r);

	dbconn_new_request(t);
	if (rc == -2)
		resp_error(&r, 413, "Requête trop volumineuse.");
	else if (rc == -1)
		resp_error(&r, 400, "Requête invalide.");
	else
		route_dispatch(&r);
	req_free(&r);
	FCGX_Finish_r(&t->fcgi);
}

static void *
thread_main(void *arg)
{
	struct worker_thread *t = arg;

	mysql_thread_init();
	while (FCGX_Accept_r(&t->fcgi) >= 0)
		serve_one(t);
	cast_conn_flush(t->urn, &t->cast);
	dbconn_close(t);
	mysql_thread_end();
	return NULL;
}

/* Every worker settles casts abandoned by a crashed process (its own or
 * another's). Only casts older than 30 s are touched, so that casts in
 * flight finish normally; lib/cast.c arbitrates races by the decision row. */
static volatile sig_atomic_t stopping;

static void *
recovery_main(void *arg)
{
	struct worker_thread *t = arg;
	struct cast_recovery st;
	struct err e;

	mysql_thread_init();
	while (!stopping) {
		MYSQL *el, *urn;

		dbconn_new_request(t);
		el = dbconn_electors(t);
		urn = dbconn_urn(t);
		if (el != NULL && urn != NULL) {
			if (cast_recover(el, urn, t->wc->cast_key, 30, &st, &e) == -1)
				log_warn("reprise des votes interrompus : %s", e.msg);
			else if (st.committed + st.aborted + st.cleaned + st.busy > 0)
				log_info("reprise des votes interrompus : %u validé(s), %u annulé(s), %u nettoyé(s), "
				    "%u laissé(s) à leur session encore ouverte",
				    st.committed, st.aborted, st.cleaned, st.busy);
		}
		for (int i = 0; i < 150 && !stopping; i++) {
			usleep(100000);
			/* the counts per address of a quiet second (casts write
			 * them themselves while they come) */
			if (i % 10 == 9 && t->wc->burst != NULL &&
			    burst_due(t->wc->burst, (int64_t)time(NULL))) {
				dbconn_new_request(t);
				worker_burst_flush(t);
			}
		}
	}
	/* Every request thread has ended: the last counts. */
	if (t->wc->burst != NULL) {
		dbconn_new_request(t);
		worker_burst_flush(t);
	}
	dbconn_close(t);
	mysql_thread_end();
	return NULL;
}

static void
wake(int sig)
{
	(void)sig; /* only interrupts accept() */
}

/* Stop taking new connections without losing those already queued: nginx
 * has written a request on each (for a cast, a POST it will not send to
 * another worker once sent), and closing the socket would reset them.
 * Unlinking the path makes nginx's next connect() fail at once (ENOENT,
 * nothing sent), so it passes the request to another worker; the threads
 * go on accepting until the queue has stayed empty for 200 ms (bounded
 * by 10 s), and only then are told to stop (R-OPS-1: rolling restart
 * with 0 failed casts). */
static void
drain(int fd, const char *sockpath)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int quiet = 0;

	unlink(sockpath);
	for (int i = 0; i < 500 && quiet < 10; i++) {
		p.revents = 0;
		if (poll(&p, 1, 20) > 0 && (p.revents & POLLIN))
			quiet = 0, usleep(20000);
		else
			quiet++;
	}
}

int
main(int argc, char **argv)
{
	const char *confpath = NULL, *sockpath = NULL;
	struct worker_conf wc;
	struct worker_thread *threads, recovery;
	pthread_t *tids, recovery_tid;
	struct sigaction sa;
	sigset_t stop;
	struct err e;
	long nthreads = 8;
	int ch, fd, sig;

	while ((ch = getopt(argc, argv, "c:s:t:")) != -1) {
		switch (ch) {
		case 'c': confpath = optarg; break;
		case 's': sockpath = optarg; break;
		case 't': nthreads = strtol(optarg, NULL, 10); break;
		default: usage();
		}
	}
	if (confpath == NULL || sockpath == NULL || nthreads < 1 || nthreads > 256)
		usage();
	log_init("isoloir-fcgi", LOG_LVL_INFO, 0);
	if (load_conf(confpath, &wc, &e) == -1) {
		log_error("%s", e.msg);
		return 1;
	}
	if ((wc.burst = burst_pending_new()) == NULL || (wc.vc = vcombine_new()) == NULL) {
		log_error("mémoire insuffisante");
		return 1;
	}
	if (mysql_library_init(0, NULL, NULL) != 0 || FCGX_Init() != 0) {
		log_error("initialisation des bibliothèques impossible");
		return 1;
	}
	if ((fd = listen_unix(sockpath, &e)) == -1) {
		log_error("%s", e.msg);
		return 1;
	}

	/* Workers get SIGUSR1 (no SA_RESTART) to leave accept(); main waits. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = wake;
	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);

	/* Argon2id on a few threads of its own (lib/kdf.h): its memory
	 * (8 MiB per computation) no longer grows with the request threads;
	 * as many as cores, more would only share them. Started with SIGTERM
	 * and SIGINT blocked, as every thread but main's sigwait. */
	{
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		unsigned k = (unsigned)(cores < 2 ? 2 : cores > 8 ? 8 : cores);
		if (kdf_pool_start(k < (unsigned)nthreads ? k : (unsigned)nthreads, &e) == -1) {
			log_error("%s", e.msg);
			return 1;
		}
	}

	threads = xcalloc((size_t)nthreads, sizeof(*threads));
	tids = xcalloc((size_t)nthreads, sizeof(*tids));
	for (long i = 0; i < nthreads; i++) {
		threads[i].wc = &wc;
		FCGX_InitRequest(&threads[i].fcgi, fd, FCGI_FAIL_ACCEPT_ON_INTR);
		pthread_create(&tids[i], NULL, thread_main, &threads[i]);
	}
	memset(&recovery, 0, sizeof(recovery));
	recovery.wc = &wc;
	pthread_create(&recovery_tid, NULL, recovery_main, &recovery);
	log_info("prêt : %s, %ld fils", sockpath, nthreads);

	sigwait(&stop, &sig);
	log_info("arrêt demandé (signal %d) : fin des requêtes en cours", sig);
	drain(fd, sockpath);
	FCGX_ShutdownPending();
	for (long i = 0; i < nthreads; i++)
		pthread_kill(tids[i], SIGUSR1);
	for (long i = 0; i < nthreads; i++)
		pthread_join(tids[i], NULL);
	stopping = 1;
	pthread_join(recovery_tid, NULL);
	kdf_pool_stop();
	close(fd);
	free(threads);
	free(tids);
	burst_pending_free(wc.burst);
	{
		struct vcombine_stats vs;
		vcombine_stats(wc.vc, &vs);
		log_info("vérification groupée : %llu bulletin(s) en %llu tour(s), dont %llu à plusieurs, "
		    "au plus %llu à la fois", (unsigned long long)vs.ballots, (unsigned long long)vs.rounds,
		    (unsigned long long)vs.shared, (unsigned long long)vs.largest);
	}
	vcombine_free(wc.vc);
	EVP_PKEY_free(wc.receipt_key);
	conf_free(wc.conf);
	mysql_library_end();
	log_info("arrêté");
	return 0;
}
