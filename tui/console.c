/* console.c: isoloir-console, the console of the cellule d'assistance
 * technique: the interactive screens (no command, `ui`, `--hotline`, on a
 * terminal: tui/screen_main.c) or a subcommand for scripts. Exit status:
 * 0 ok, 1 refused, 2 usage. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "screens.h"

static int
usage(FILE *f)
{
	fprintf(f, "usage : isoloir-console [ui] [-c CONF]   (écrans interactifs, sur un terminal)\n"
	    "        isoloir-console --hotline -c CONF [--spool DOSSIER] [--operateur NOM]\n"
	    "        isoloir-console --projection [-c CONF] [--scrutin N]   (cérémonies publiques)\n"
	    "        isoloir-console COMMANDE [OPTIONS]\n\nCommandes :\n");
	for (const struct cmd *c = cmd_table; c->words != NULL; c++)
		fprintf(f, "  isoloir-console %s\n", c->help);
	return f == stdout ? 0 : 2;
}

/* Number of words of c->words matched at argv, or 0. */
static int
matches(const struct cmd *c, int argc, char **argv)
{
	char words[128], *w, *save = NULL;
	int n = 0;

	snprintf(words, sizeof(words), "%s", c->words);
	for (w = strtok_r(words, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save), n++)
		if (n >= argc || strcmp(argv[n], w) != 0)
			return 0;
	return n;
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		return usage(stdout);
	/* no command, or only the screens' options: the interactive console */
	if (argc < 2 || argv[1][0] == '-' || strcmp(argv[1], "ui") == 0) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
			return usage(stderr);
		return argc >= 2 && strcmp(argv[1], "ui") == 0 ? screen_main(argc - 2, argv + 2) :
		    screen_main(argc - 1, argv + 1);
	}
	for (const struct cmd *c = cmd_table; c->words != NULL; c++) {
		int n = matches(c, argc - 1, argv + 1);
		if (n > 0)
			return c->run(argc - 1 - n, argv + 1 + n);
	}
	fprintf(stderr, "isoloir-console : commande inconnue « %s »\n", argv[1]);
	return usage(stderr);
}
