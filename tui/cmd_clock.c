/* cmd_clock.c: `scrutin tick`, the election's clock (lib/clock.c), run
 * every minute by a timer on the bastion (docs/operations.md). It prints
 * what the tick did; a refused transition or a seal mismatch exits 1, so
 * that the timer's logs show it. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "act.h"
#include "clock.h"
#include "cmd.h"

static void
tick_say(unsigned scrutin, enum clock_event ev, enum lc_state to, const char *msg, void *ctx)
{
	(void)ctx;
	if (ev == CLOCK_MOVED)
		printf("Scrutin n° %u : « %s » (automatique, à l'heure prévue).\n", scrutin,
		    lifecycle_state_label(to));
	else if (ev == CLOCK_SEAL_ALERT)
		fprintf(stderr, "ALERTE : scrutin n° %u : scellement non conforme : %s\n", scrutin, msg);
	else
		fprintf(stderr, "isoloir-console : scrutin n° %u : %s\n", scrutin, msg);
}

int
cmd_scrutin_tick(int argc, char **argv)
{
	const char *conf = NULL;
	struct clock_report r;
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	struct err e;
	int rc = 1;

	if (argc == 2 && strcmp(argv[0], "-c") == 0)
		conf = argv[1];
	else if (argc != 0) {
		fprintf(stderr, "usage : isoloir-console scrutin tick [-c CONF]   (chaque minute)\n");
		return 2;
	}
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 1, &e) == -1 ||
	    clock_tick(d.el, d.urn, act_actor(), tick_say, NULL, &r, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	if (r.moved == 0 && r.refused == 0)
		printf("Rien à faire : aucun scrutin n'atteint son heure d'ouverture ou de clôture.\n");
	if (r.seal_alerts == 0 && r.sealed_ok > 0)
		printf("Scellements vérifiés : %u scrutin%s en vote, conforme%s.\n", r.sealed_ok,
		    r.sealed_ok > 1 ? "s" : "", r.sealed_ok > 1 ? "s" : "");
	rc = r.refused > 0 || r.seal_alerts > 0 ? 1 : 0;
out:
	act_close(&d);
	conf_free(c);
	return rc;
}
