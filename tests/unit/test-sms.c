/* test-sms.c: the retrieval's password by SMS (lib/sms.c, R-AUTH-6): the
 * text (the password, never a row that is not one), and the gateway's
 * command: run without a shell with the number as its only argument and
 * the text on stdin, its exit status read, a hung command killed. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cu.h"
#include "sms.h"

static char dir[] = "/tmp/test-sms-XXXXXX";

static const struct mail_site site = {"Élections <vote@example.fr>",
    "Élections du CSE 2026", "https://vote.example.fr", "0 800 000 000", NULL};

static struct mail_job
job(const char *to, const char *payload)
{
	struct mail_job j;

	memset(&j, 0, sizeof(j));
	j.box = MAIL_PASSWORDS_SMS;
	j.id = 7;
	snprintf(j.to, sizeof(j.to), "%s", to);
	j.payload = (char *)payload;
	return j;
}

/* A gateway script in dir: name, body after "#!/bin/sh". */
static char *
script(const char *name, const char *body)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	chmod(path, 0700);
	return path;
}

static void
test_text_holds_the_password(void)
{
	struct mail_job j =
	    job("+33612345678", "{\"mot_de_passe\":\"ABCD-EFGH-JKMN-PQRS\"}");
	struct buf b = BUF_INIT;
	struct err e;

	CU_ASSERT_EQUAL_FATAL(sms_message(&j, &site, &b, &e), 0);
	CU_ASSERT_STRING_EQUAL(b.data,
	    "Élections du CSE 2026 : vous avez demandé un nouveau mot de passe "
	    "de vote.\n"
	    "Nouveau mot de passe : ABCD-EFGH-JKMN-PQRS\n"
	    "Votre identifiant ne change pas ; l'ancien mot de passe ne "
	    "fonctionne plus.\n"
	    "Pour voter : https://vote.example.fr/connexion.html\n"
	    "Si vous n'avez rien demandé, appelez l'assistance au 0 800 000 "
	    "000.\n");
	buf_free(&b);
}

static void
test_text_refuses_other_rows(void)
{
	const char *bad[][2] = {
	    {"06 12 34 56 78", "{\"mot_de_passe\":\"ABCD\"}"},
	    {"+33112345678", "{\"mot_de_passe\":\"ABCD\"}"},
	    {"zoe@example.fr", "{\"mot_de_passe\":\"ABCD\"}"},
	    {"+33612345678", "{\"mot_de_passe\":\"AB CD\"}"},
	    {"+33612345678", "{\"mot_de_passe\":\"AB\\nCD\"}"},
	    {"+33612345678", "{\"mot_de_passe\":\"é\"}"},
	    {"+33612345678", "{\"mot_de_passe\":\"\"}"},
	    {"+33612345678", "{\"mot_de_passe\":12}"},
	    {"+33612345678", "{\"empreinte\":\"ab\"}"},
	    {"+33612345678", "pas du JSON"},
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct mail_job j = job(bad[i][0], bad[i][1]);
		struct buf b = BUF_INIT;
		struct err e;

		CU_ASSERT_EQUAL(sms_message(&j, &site, &b, &e), -1);
		CU_ASSERT_STRING_EQUAL(e.msg, "SMS 7 : demande illisible");
		buf_free(&b);
	}
}

static void
test_command_gets_number_and_text(void)
{
	char cmd[600], got[256] = "", out[300];
	struct sms_gateway g = {NULL, 5};
	struct buf t = BUF_INIT;
	struct err e;
	FILE *f;
	size_t n;

	snprintf(out, sizeof(out), "%s/received", dir);
	/* "$#" and "$1" prove a single argument, no shell word splitting */
	snprintf(cmd, sizeof(cmd), "{ echo \"$# $1\"; cat; } >'%s'", out);
	g.command = script("gateway", cmd);
	CU_ASSERT_EQUAL(sms_gateway_check(&g, &e), 0);
	buf_puts(&t, "Nouveau mot de passe : X; $(touch /tmp/x)\n");
	CU_ASSERT_EQUAL(sms_send(&g, "+33612345678", &t, &e), 0);
	f = fopen(out, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	n = fread(got, 1, sizeof(got) - 1, f);
	got[n] = '\0';
	fclose(f);
	CU_ASSERT_STRING_EQUAL(
	    got, "1 +33612345678\nNouveau mot de passe : X; $(touch /tmp/x)\n");
	buf_free(&t);
}

static void
test_command_failure_said(void)
{
	struct sms_gateway g = {NULL, 5};
	struct buf t = BUF_INIT;
	struct err e;

	buf_puts(&t, "x\n");
	g.command = script("fails", "exit 3");
	CU_ASSERT_EQUAL(sms_send(&g, "+33612345678", &t, &e), -1);
	CU_ASSERT_STRING_EQUAL(
	    e.msg, "passerelle SMS : échec de la commande (code de sortie 3)");
	/* exits without reading its text: judged by its status alone */
	g.command = script("deaf", "exit 0");
	CU_ASSERT_EQUAL(sms_send(&g, "+33612345678", &t, &e), 0);
	g.command = script("killed", "kill -9 $$");
	CU_ASSERT_EQUAL(sms_send(&g, "+33612345678", &t, &e), -1);
	CU_ASSERT_STRING_EQUAL(
	    e.msg, "passerelle SMS : commande arrêtée par le signal 9");
	buf_free(&t);
}

/* Running (a zombie waiting for its reaper counts as gone). */
static int
alive(pid_t pid)
{
	char path[64], stat[256] = "", *close_paren;
	FILE *f;

	for (int i = 0; i < 50; i++) {
		snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
		if ((f = fopen(path, "r")) == NULL)
			return 0;
		if (fgets(stat, sizeof(stat), f) == NULL)
			stat[0] = '\0';
		fclose(f);
		close_paren = strrchr(stat, ')');
		if (close_paren != NULL && close_paren[1] == ' ' &&
		    close_paren[2] == 'Z')
			return 0;
		usleep(20 * 1000);
	}
	return 1;
}

static void
test_hung_command_killed(void)
{
	char body[600], pidfile[300];
	struct sms_gateway g = {NULL, 1};
	struct buf t = BUF_INIT;
	struct err e;
	time_t t0 = time(NULL);
	long child = 0;
	FILE *f;

	snprintf(pidfile, sizeof(pidfile), "%s/sleeper.pid", dir);
	/* a grandchild too: the whole process group goes */
	snprintf(body, sizeof(body), "sleep 60 & echo $! >'%s'; wait", pidfile);
	g.command = script("hangs", body);
	buf_puts(&t, "x\n");
	CU_ASSERT_EQUAL(sms_send(&g, "+33612345678", &t, &e), -1);
	CU_ASSERT_STRING_EQUAL(
	    e.msg, "passerelle SMS : pas de réponse en 1 s, commande arrêtée");
	CU_ASSERT(time(NULL) - t0 < 10);
	f = fopen(pidfile, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(fscanf(f, "%ld", &child), 1);
	fclose(f);
	CU_ASSERT(child > 0);
	CU_ASSERT_FALSE(alive((pid_t)child));
	buf_free(&t);
}

static void
test_gateway_must_be_a_program(void)
{
	struct sms_gateway g = {"gateway.sh", 5};
	struct err e;

	CU_ASSERT_EQUAL(sms_gateway_check(&g, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "[sms] commande : « gateway.sh » n'est "
	                              "pas le chemin absolu d'un programme "
	                              "exécutable");
	g.command = "/nonexistent/sms";
	CU_ASSERT_EQUAL(sms_gateway_check(&g, &e), -1);
	g.command = "/tmp";
	CU_ASSERT_EQUAL(sms_gateway_check(&g, &e), -1);
}

static CU_TestInfo tests[] = {
    {"text holds the password", test_text_holds_the_password},
    {"text refuses other rows", test_text_refuses_other_rows},
    {"command gets the number and the text", test_command_gets_number_and_text},
    {"command failure said", test_command_failure_said},
    {"hung command killed", test_hung_command_killed},
    {"gateway must be a program", test_gateway_must_be_a_program},
    CU_TEST_INFO_NULL,
};

int
main(void)
{
	int rc;
	char cmd[64];

	if (mkdtemp(dir) == NULL)
		return 99;
	rc = cu_run("sms", tests);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = rc ? rc : 99;
	return rc;
}
