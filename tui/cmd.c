/* cmd.c: the table of isoloir-console's subcommands. */
#include "config.h"

#include <stddef.h>

#include "cmd.h"

const struct cmd cmd_table[] = {
	{ "operation create", cmd_operation_create,
	    "operation create FICHIER [--check] [-c CONF]   (opération, scrutins, bureaux ; tout ou rien)" },
	{ "operation update", cmd_operation_update, "operation update FICHIER [-c CONF]   (avant le scellement)" },
	{ "operation show", cmd_operation_show, "operation show [CODE] [-c CONF]   (au format du fichier)" },
	{ "import electors", cmd_import_electors,
	    "import electors FICHIER [--operation CODE] [--justification TEXTE] [-c CONF]\n"
	    "  isoloir-console import electors --check FICHIER --colleges \"A,B\" --election-date AAAA-MM-JJ" },
	{ "import delegates", cmd_import_delegates, "import delegates FICHIER [--operation CODE] [-c CONF]   (délégués de liste)" },
	{ "electors list", cmd_electors_list,
	    "electors list --out DOSSIER [--operation CODE] [-c CONF]   (listes électorales PDF et CSV)" },
	{ "import candidates", cmd_import_candidates,
	    "import candidates FICHIER [--fichiers DOSSIER] [--operation CODE] [-c CONF] | --check FICHIER\n"
	    "  (DOSSIER : « NOM DE LA LISTE.png » ou « .svg » pour le logo, « .pdf » pour la profession de foi)" },
	{ "emargement export", cmd_emargement_export,
	    "emargement export SCRUTIN --out LISTE.csv [--pdf LISTE.pdf] -c bureau.conf   (après la clôture)" },
	{ "test electors", cmd_test_electors, "test electors SCRUTIN --count N --out FICHIER [-c CONF]   (vote à blanc)" },
	{ "test compare", cmd_test_compare,
	    "test compare SCRUTIN --counts RESULTATS.json [-c CONF]   (vote à blanc : attendu / obtenu)" },
	{ "ceremony start", cmd_ceremony_start, "ceremony start scellement|ouverture|cloture|depouillement "
	    "SCRUTIN[,SCRUTIN...] --present \"Prénom Nom:rôle\"... [-c CONF]" },
	{ "ceremony step", cmd_ceremony_step, "ceremony step CEREMONIE[,CEREMONIE...] ETAPE [--confirme \"Prénom Nom\"] "
	    "[--codes FICHIER|-] [--note TEXTE] [--avis TEXTE --autorisation TEXTE] [-c CONF]" },
	{ "ceremony status", cmd_ceremony_status, "ceremony status CEREMONIE [--json] [-c CONF]" },
	{ "ceremony record", cmd_ceremony_record, "ceremony record CEREMONIE[,CEREMONIE...] --out FICHIER.pdf [-c CONF]   (procès-verbal de la séance)" },
	{ "scrutin round2", cmd_scrutin_round2, "scrutin round2 SCRUTIN [--seats N] [--reason TEXTE] [-c CONF]   (second tour)" },
	{ "scrutin tick", cmd_scrutin_tick, "scrutin tick [-c CONF]   (ouverture et clôture à l'heure prévue ; chaque minute)" },
	{ "bureau observation", cmd_bureau_observation,
	    "bureau observation SCRUTIN --texte TEXTE --codes FICHIER [-c CONF]   (au journal et au PV)" },
	{ "bureau decision", cmd_bureau_decision,
	    "bureau decision SCRUTIN --texte TEXTE --codes FICHIER [-c CONF]" },
	{ "bureau list", cmd_bureau_list, "bureau list [-c CONF]" },
	{ "bureau code-reset", cmd_bureau_code_reset,
	    "bureau code-reset MEMBRE --codes FICHIER|- [-c CONF]   (code oublié : le bureau l'efface)" },
	{ "bureau code", cmd_bureau_code, "bureau code MEMBRE [-c CONF]   (code lu sans écho)" },
	{ "keys fingerprint", cmd_keys_fingerprint, "keys fingerprint SCRUTIN [--json] [-c CONF]" },
	{ "keys install", cmd_keys_install, "keys install SCRUTIN PUBLIC.json [-c CONF]" },
	{ "credentials letters", cmd_credentials_letters,
	    "credentials letters DOSSIER [--hotline TEXTE] [--operation CODE] [-c CONF]   (courriers PDF)" },
	{ "credentials generate", cmd_credentials_generate,
	    "credentials generate --out DOSSIER [--operation CODE] [--site URL] [--threads N] [-c CONF]" },
	{ "tally", cmd_tally, "tally --scrutin N [--sub-urn 1|2] [--full] -c CONF   (totaux chiffrés de l'urne)\n"
	    "  tally --update [--scrutin N] -c CONF   (sommes partielles, pendant le vote)" },
	{ "results proclaim", cmd_results_proclaim,
	    "results proclaim --scrutin N --counts COMPTES.json --codes FICHIER [--lot SIÈGE:LISTE]... [-c CONF]   (proclamation, tirages au sort)" },
	{ "results consolidate", cmd_results_consolidate,
	    "results consolidate --counts COMPTES.json... [--seats N] [-c CONF]   (représentativité consolidée)" },
	{ "results", cmd_results, "results --scrutin N --counts FICHIER -c CONF   (sièges et élus)" },
	{ "archive status", cmd_archive_status, "archive status --operation N [-c CONF]   (délai de recours, contentieux, destruction)" },
	{ "archive dispute open", cmd_archive_dispute_open,
	    "archive dispute open --operation N --texte TEXTE --codes FICHIER [--bureau N] [-c CONF]   (contentieux)" },
	{ "archive dispute close", cmd_archive_dispute_close,
	    "archive dispute close --operation N --texte DÉCISION --codes FICHIER [--bureau N] [-c CONF]" },
	{ "archive certificate", cmd_archive_certificate,
	    "archive certificate --operation N --out CERTIFICAT.pdf [-c CONF]" },
	{ "destroy", cmd_destroy, "destroy --operation N --codes FICHIER --certificat CERTIFICAT.pdf [--bureau N] [-c CONF]"
	    "   (après le délai de recours : électeurs, émargement, urne)" },
	{ "pv copies", cmd_pv_copies, "pv copies --operation N|--scrutin N [--bordereau BORDEREAU.pdf] [-c CONF]"
	    "   (copies des PV dues et envoyées)" },
	{ "pv sent", cmd_pv_sent, "pv sent --to DESTINATAIRE --date AAAA-MM-JJ [--moyen TEXTE] --scrutin N|--operation N [-c CONF]" },
	{ "pv", cmd_pv, "pv --rules RESULTAT.json --header EN-TETE.json --out PV.pdf [--csv PV.csv] | "
	    "pv --scrutin N --counts FICHIER [--header EN-TETE.json] --out PV.pdf [--csv PV.csv] -c CONF   (procès-verbal)" },
	{ "board export", cmd_board_export, "board export SCRUTIN --deals DOSSIER [--deals DOSSIER2] "
	    "--partials PARTIEL... --out TABLEAU.json [--publish] -c CONF   (tableau public vérifiable)" },
	{ "turnout", cmd_turnout, "turnout -c CONF   (participation par scrutin, sans résultat partiel)" },
	{ "observer add", cmd_observer_add, "observer add --qualite delegue_liste|delegue_syndical|huissier|expert "
	    "--nom NOM --prenom PRENOM --scrutins 1,2 --out FICHIER [-c CONF]   (compte d'observation)" },
	{ "observer revoke", cmd_observer_revoke, "observer revoke ID [-c CONF]" },
	{ "observer list", cmd_observer_list, "observer list [-c CONF]" },
	{ "hotline search", cmd_hotline_search, "hotline search --nom NOM -c CONF" },
	{ "hotline reissue", cmd_hotline_reissue, "hotline reissue --electeur ID --nom NOM --naissance DATE "
	    "--code-postal CP --cle-nir NN --operateur NOM --spool DOSSIER -c CONF" },
	{ "scrutin list", cmd_model_scrutin_list, "scrutin list [-c CONF]" },
	{ "scrutin transition", cmd_model_scrutin_transition,
	    "scrutin transition ID ETAT [--codes FICHIER|-] [--auto] [--note TEXTE] [--bin CHEMIN]... [-c CONF]" },
	{ "journal verify", cmd_model_journal_verify, "journal verify [electors|urn] [-c CONF]" },
	{ "journal export", cmd_model_journal_export, "journal export [electors|urn] [-c CONF]" },
	{ "seal create", cmd_model_seal_create, "seal create ID --codes FICHIER|- [--bin CHEMIN]... [-c CONF]" },
	{ "seal verify", cmd_model_seal_verify, "seal verify ID [-c CONF]" },
	{ "intervention", cmd_intervention, "intervention TYPE --detail TEXTE [-c CONF]   (intervention technique, journalisée pour le bureau)" },
	{ "failover", cmd_failover, "failover --web WEB.conf [--detail TEXTE] [-c CONF]   (bascule sur la plateforme de secours : contrôles, puis journalisation)" },
	{ "release manifest", cmd_release_manifest, "release manifest PROGRAMME...   (empreintes à faire certifier par l'expert)" },
	{ "release certify", cmd_release_certify, "release certify MANIFESTE.json --expert NOM [-c CONF]" },
	{ "release show", cmd_release_show, "release show [-c CONF]   (version de référence certifiée)" },
	{ NULL, NULL, NULL },
};
