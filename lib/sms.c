/* sms.c: the retrieval's new password by SMS (see sms.h): the text, and
 * the gateway's command run by fork and execv, never through a shell, so
 * that nothing in a number or a text can become a command. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "phone.h"
#include "sms.h"

int
sms_gateway_check(const struct sms_gateway *g, struct err *e)
{
	struct stat st;

	if (g->command[0] != '/' || stat(g->command, &st) == -1 ||
	    !S_ISREG(st.st_mode) || access(g->command, X_OK) == -1)
		return err_set(e,
		    "[sms] commande : « %s » n'est pas le chemin absolu d'un "
		    "programme exécutable",
		    g->command);
	return 0;
}

/* A password this platform made: its symbols, ASCII, no control. */
static int
sms_password_ok(const char *pw)
{
	if (pw == NULL || *pw == '\0' || strlen(pw) > 64)
		return 0;
	for (; *pw != '\0'; pw++)
		if ((unsigned char)*pw <= 0x20 || (unsigned char)*pw >= 0x7f)
			return 0;
	return 1;
}

int
sms_message(const struct mail_job *j, const struct mail_site *s,
    struct buf *out, struct err *e)
{
	json_error_t je;
	json_t *p = json_loads(j->payload, 0, &je);
	const char *pw = json_string_value(json_object_get(p, "mot_de_passe"));
	int rc = -1;

	if (!sms_password_ok(pw) || !phone_is_mobile_e164(j->to)) {
		err_set(e, "SMS %llu : demande illisible", j->id);
		goto out;
	}
	/* short: two or three SMS; the elector has the identifier already, and
	 * both in one message would be one whole credential */
	buf_printf(out,
	    "%s : vous avez demandé un nouveau mot de passe de vote.\n"
	    "Nouveau mot de passe : %s\n"
	    "Votre identifiant ne change pas ; l'ancien mot de passe ne "
	    "fonctionne plus.\n",
	    s->operation, pw);
	if (s->site != NULL && s->site[0] != '\0')
		buf_printf(out, "Pour voter : %s/connexion.html\n", s->site);
	buf_puts(out, "Si vous n'avez rien demandé, appelez l'assistance");
	if (s->hotline != NULL && s->hotline[0] != '\0')
		buf_printf(out, " au %s", s->hotline);
	buf_puts(out, ".\n");
	rc = 0;
out:
	json_decref(p);
	return rc;
}

/* In the child: the text on stdin, the command's output to our stderr
 * (the mailer's log: its stdout is the summary), nothing else inherited.
 * Only async-signal-safe calls until execv. */
static void
sms_child(const char *cmd, const char *to, int fd)
{
	char *argv[] = {(char *)cmd, (char *)to, NULL};

	setpgid(0, 0);
	if (dup2(fd, STDIN_FILENO) == -1 ||
	    dup2(STDERR_FILENO, STDOUT_FILENO) == -1)
		_exit(126);
	closefrom(STDERR_FILENO + 1);
	execv(cmd, argv);
	_exit(127);
}

/* The whole text into the pipe; a command that exits without reading
 * (EPIPE) is judged by its exit status. The text is far below the pipe's
 * capacity, so this never waits for the command. */
static void
sms_write(int fd, const struct buf *text)
{
	size_t done = 0;

	while (done < text->len) {
		ssize_t w = write(fd, text->data + done, text->len - done);

		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		done += (size_t)w;
	}
}

/* Wait up to timeout seconds; then the command and whatever it started
 * are killed. -1 on a timeout. */
static int
sms_wait(pid_t pid, long timeout, int *status)
{
	struct timespec start, now, nap = {0, 10 * 1000 * 1000};

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		pid_t w = waitpid(pid, status, WNOHANG);

		if (w == pid)
			return 0;
		if (w == -1 && errno != EINTR)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec >= timeout)
			break;
		nanosleep(&nap, NULL);
	}
	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	while (waitpid(pid, status, 0) == -1 && errno == EINTR)
		;
	return -1;
}

int
sms_send(const struct sms_gateway *g, const char *to, const struct buf *text,
    struct err *e)
{
	int in[2], status = 0;
	pid_t pid;

	if (pipe2(in, O_CLOEXEC) == -1)
		return err_set(e, "passerelle SMS : tube impossible (%s)",
		    strerror(errno));
	if ((pid = fork()) == -1) {
		close(in[0]);
		close(in[1]);
		return err_set(e, "passerelle SMS : lancement impossible (%s)",
		    strerror(errno));
	}
	if (pid == 0)
		sms_child(g->command, to, in[0]);
	setpgid(pid, pid); /* either of the two calls wins the race */
	close(in[0]);
	sms_write(in[1], text);
	close(in[1]);
	if (sms_wait(pid, g->timeout, &status) == -1)
		return err_set(e,
		    "passerelle SMS : pas de réponse en %ld s, commande "
		    "arrêtée",
		    g->timeout);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return err_set(e,
		    "passerelle SMS : la commande n'a pas pu être "
		    "lancée (code de sortie 127)");
	if (WIFEXITED(status))
		return err_set(e,
		    "passerelle SMS : échec de la commande (code de sortie %d)",
		    WEXITSTATUS(status));
	return err_set(e, "passerelle SMS : commande arrêtée par le signal %d",
	    WTERMSIG(status));
}
