/* cmd_failover.c: `isoloir-console failover --web WEB.conf [--detail TEXTE]
 * [-c CONF]`, the takeover of the standby platform (R-OPS-2,
 * lib/failover.c): settles the casts the primary left half-done (web
 * account and cast key), checks the journals, the seals and the urn against the
 * émargement (console account), and only then journals the takeover.
 * scripts/stack failover calls it with both configurations pointing at the
 * standby databases; exit 1 means "do not promote: the bureau decides". */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "act.h"
#include "cmd.h"
#include "failover.h"

int
cmd_failover(int argc, char **argv)
{
	const char *conf = NULL, *web = NULL,
	           *detail = "scripts/stack failover";
	struct act_dbs d = {NULL, NULL}, w = {NULL, NULL};
	struct conf *c = NULL, *wc = NULL;
	unsigned char key[CAST_KEY_LEN];
	struct failover_report r;
	struct err e;
	int rc = 1;

	memset(&r, 0, sizeof(r));
	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--web") == 0 && v != NULL)
			web = argv[++i];
		else if (strcmp(argv[i], "--detail") == 0 && v != NULL)
			detail = argv[++i];
		else if (strcmp(argv[i], "-c") == 0 && v != NULL)
			conf = argv[++i];
		else
			web = NULL, i = argc;
	}
	if (web == NULL) {
		fprintf(stderr, "usage : isoloir-console failover --web "
		                "WEB.conf [--detail TEXTE] [-c CONF]\n");
		return 2;
	}
	if ((wc = act_conf_load(web, &e)) == NULL ||
	    cast_key_load(wc, key, &e) == -1 ||
	    act_connect(wc, &w, 1, &e) == -1 ||
	    failover_settle(w.el, w.urn, key, &r, &e) == -1)
		goto refused;
	/* Settled casts stay settled even when a check then refuses the
	 * takeover: said first, so that a second attempt's zero is understood.
	 */
	printf("Votes interrompus repris : %u validé(s), %u annulé(s), %u "
	       "décision(s) "
	       "nettoyée(s).\n",
	    r.settled.committed, r.settled.aborted, r.settled.cleaned);
	fflush(stdout);
	if ((c = act_conf_load(conf, &e)) == NULL ||
	    act_connect(c, &d, 1, &e) == -1 ||
	    failover_check(d.el, d.urn, &r, &e) == -1)
		goto refused;
	if (failover_record(d.el, act_actor(), &r, detail, &e) == -1) {
		fprintf(stderr,
		    "BASCULE REFUSÉE : journalisation impossible (%s).\n",
		    e.msg);
		goto out;
	}
	printf("Contrôles conformes : journaux vérifiés (%llu + %llu entrées), "
	       "%u scellement(s) "
	       "conforme(s), %llu bulletin(s) = émargements sur %u scrutin(s). "
	       "Bascule "
	       "journalisée pour le bureau.\n",
	    (unsigned long long)r.journal_electors,
	    (unsigned long long)r.journal_urn, r.sealed, r.ballots, r.scrutins);
	rc = 0;
	goto out;
refused:
	fprintf(stderr,
	    "BASCULE REFUSÉE : %s.\nLa plateforme de secours n'est pas mise en "
	    "service : "
	    "prévenez le bureau de vote, qui décide de la suite "
	    "(docs/operations.md, "
	    "« Fail over to the standby platform »).\n",
	    e.msg);
out:
	act_close(&w);
	act_close(&d);
	conf_free(wc);
	conf_free(c);
	return rc;
}
