/* cmd_bureau.c: the bureaux de vote from the console (R-BUR-3): list the
 * members (no code is ever shown), and let a member set their personal
 * code, typed at the console without echo (or read from stdin by a
 * script); lib/bureau.c hashes it (Argon2id) and journals the change. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <openssl/crypto.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "act.h"
#include "bureau.h"
#include "cmd.h"
#include "conf.h"
#include "db.h"

static const char *
bureau_conf_arg(int *argc, char **argv)
{
	const char *path = NULL;

	for (int i = 0; i + 1 < *argc; i++)
		if (strcmp(argv[i], "-c") == 0) {
			path = argv[i + 1];
			memmove(&argv[i], &argv[i + 2], (size_t)(*argc - i - 2) * sizeof(*argv));
			*argc -= 2;
			break;
		}
	return path;
}

int
cmd_bureau_list(int argc, char **argv)
{
	const char *conf = bureau_conf_arg(&argc, argv);
	char bname[256], nom[256], prenom[256], role[16];
	unsigned long l[4];
	unsigned bid = 0, mid = 0, last = 0;
	signed char has_code = 0;
	MYSQL_BIND out[7];
	MYSQL_STMT *st = NULL;
	struct conf *c = NULL;
	struct act_dbs d = { NULL, NULL };
	struct err e;
	enum bureau_role r;
	int f, rc = 1;

	if (argc != 0) {
		fprintf(stderr, "usage : isoloir-console bureau list [-c CONF]\n");
		return 2;
	}
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1 ||
	    (st = db_query(d.el, &e, "SELECT b.id, b.name, m.id, m.role, m.nom, m.prenom,"
	    " m.code_hash IS NOT NULL FROM bureau b JOIN bureau_member m ON m.bureau_id = b.id"
	    " ORDER BY b.id, FIELD(m.role, 'president', 'secretaire', 'assesseur', 'delegue'), m.id",
	    "")) == NULL)
		goto fail;
	db_bind(&out[0], MYSQL_TYPE_LONG, &bid, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, bname, sizeof(bname) - 1, &l[0]);
	db_bind(&out[2], MYSQL_TYPE_LONG, &mid, 0, NULL);
	db_bind(&out[3], MYSQL_TYPE_STRING, role, sizeof(role) - 1, &l[1]);
	db_bind(&out[4], MYSQL_TYPE_STRING, nom, sizeof(nom) - 1, &l[2]);
	db_bind(&out[5], MYSQL_TYPE_STRING, prenom, sizeof(prenom) - 1, &l[3]);
	db_bind(&out[6], MYSQL_TYPE_TINY, &has_code, 0, NULL);
	if (mysql_stmt_bind_result(st, out) != 0) {
		err_set(&e, "base des électeurs : %s", mysql_stmt_error(st));
		goto fail;
	}
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		db_cstr(bname, sizeof(bname), l[0]);
		db_cstr(role, sizeof(role), l[1]);
		db_cstr(nom, sizeof(nom), l[2]);
		db_cstr(prenom, sizeof(prenom), l[3]);
		if (bid != last)
			printf("%s%s\n", last != 0 ? "\n" : "", bname);
		last = bid;
		printf("  %4u  %-12s %s %s — %s\n", mid,
		    bureau_role_parse(role, &r) == 0 ? bureau_role_label(r) : role, prenom, nom,
		    has_code ? "code personnel défini" : "code personnel À DÉFINIR");
	}
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "isoloir-console : %s\n", e.msg);
out:
	if (st != NULL)
		db_done(st);
	act_close(&d);
	conf_free(c);
	return rc;
}

/* One line from stdin, without echo when it is a terminal. */
static int
read_secret(const char *prompt, char *buf, size_t cap)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO), ok;

	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	ok = fgets(buf, (int)cap, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (!ok)
		return -1;
	buf[strcspn(buf, "\r\n")] = '\0';
	return 0;
}

int
cmd_bureau_code(int argc, char **argv)
{
	const char *conf = bureau_conf_arg(&argc, argv);
	char code[256], again[256], old[256];
	int has = 0, pending = 0;
	struct conf *c = NULL;
	struct act_dbs d = { NULL, NULL };
	struct err e;
	int rc = 1;

	if (argc != 1 || strtoul(argv[0], NULL, 10) == 0) {
		fprintf(stderr, "usage : isoloir-console bureau code MEMBRE [-c CONF]   (le code est lu "
		    "sur l'entrée, sans écho)\n");
		return 2;
	}
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1 ||
	    bureau_has_code(d.el, (unsigned)strtoul(argv[0], NULL, 10), &has, &e) == -1 ||
	    bureau_reset_pending(d.el, (unsigned)strtoul(argv[0], NULL, 10), &pending, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	/* a code already set changes only with the current one, a code reset
	 * by the bureau only with the token handed to the member (first line) */
	if ((has && read_secret("Code actuel : ", old, sizeof(old)) == -1) ||
	    (pending && read_secret("Jeton de réinitialisation remis par le bureau : ", old,
	    sizeof(old)) == -1) ||
	    read_secret("Nouveau code personnel : ", code, sizeof(code)) == -1 ||
	    (isatty(STDIN_FILENO) && (read_secret("Le même, encore : ", again, sizeof(again)) == -1 ||
	    strcmp(code, again) != 0))) {
		fprintf(stderr, "isoloir-console : codes absents ou différents, rien n'a changé\n");
		goto out;
	}
	if (bureau_change_code(d.el, (unsigned)strtoul(argv[0], NULL, 10),
	    has || pending ? old : NULL, code,
	    &bureau_cost_default, act_actor(), &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	printf("code personnel du membre %s enregistré\n", argv[0]);
	rc = 0;
out:
	explicit_bzero(code, sizeof(code));
	explicit_bzero(again, sizeof(again));
	explicit_bzero(old, sizeof(old));
	act_close(&d);
	conf_free(c);
	return rc;
}

#define BUREAU_CODES_TEXT 4096

/* `bureau code-reset MEMBRE --codes FICHIER|- [--validite MINUTES]`: the
 * member forgot their code; the president and two other members (their
 * codes) clear it; the one-time token printed goes to the member, who sets
 * a new code with it (`bureau code`) before it expires. */
int
cmd_bureau_code_reset(int argc, char **argv)
{
	const char *conf = bureau_conf_arg(&argc, argv), *codes = NULL;
	char text[BUREAU_CODES_TEXT], token[CRED_TEXT_MAX] = "";
	struct bureau_code code[BUREAU_MAX_CODES];
	struct bureau_auth auth;
	unsigned member = 0, minutes = BUREAU_RESET_DEFAULT_MINUTES;
	char *end;
	size_t n = 0;
	struct conf *c = NULL;
	struct act_dbs d = { NULL, NULL };
	struct err e;
	int rc = 1, bad = 0;

	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--codes") == 0 && i + 1 < argc)
			codes = argv[++i];
		else if (strcmp(argv[i], "--validite") == 0 && i + 1 < argc) {
			minutes = (unsigned)strtoul(argv[++i], &end, 10);
			bad |= *end != '\0';
		} else if (member == 0)
			member = (unsigned)strtoul(argv[i], NULL, 10);
		else
			bad = 1;
	if (bad || member == 0 || codes == NULL) {
		fprintf(stderr, "usage : isoloir-console bureau code-reset MEMBRE --codes FICHIER|- "
		    "[--validite MINUTES] [-c CONF]   (codes du président et d'au moins deux autres "
		    "membres ; jeton valable %d minutes par défaut)\n", BUREAU_RESET_DEFAULT_MINUTES);
		return 2;
	}
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1 ||
	    act_read_codes(codes, text, sizeof(text), code, &n, &e) == -1 ||
	    bureau_code_reset(d.el, member, code, n, act_actor(), minutes, &auth, token,
	    &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	printf("code personnel du membre %u effacé, autorisé par %s ; le bureau en est informé par "
	    "le journal.\nJeton de réinitialisation (à remettre au membre seul, valable %u min, "
	    "une seule fois) : %s\nLe membre choisit son nouveau code avec ce jeton : "
	    "isoloir-console bureau code %u\n", member, auth.quorum.summary, minutes, token,
	    member);
	rc = 0;
out:
	OPENSSL_cleanse(text, sizeof(text));
	OPENSSL_cleanse(token, sizeof(token));
	act_close(&d);
	conf_free(c);
	return rc;
}
