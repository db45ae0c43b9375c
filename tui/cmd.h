/* cmd.h: isoloir-console's commands: each screen action is also a
 * non-interactive subcommand (table in tui/cmd.c). */
#ifndef ISOLOIR_CMD_H
#define ISOLOIR_CMD_H

struct cmd {
	const char *words;        /* "import electors" */
	int (*run)(int argc, char **argv);  /* argv after the words */
	const char *help;         /* French, one line */
};

extern const struct cmd cmd_table[];

/* The operation description file (tui/cmd_operation.c). */
int cmd_operation_create(int argc, char **argv);
int cmd_operation_update(int argc, char **argv);
int cmd_operation_show(int argc, char **argv);
/* The import commands (tui/cmd_import.c). */
int cmd_import_electors(int argc, char **argv);
int cmd_import_candidates(int argc, char **argv);
int cmd_import_delegates(int argc, char **argv);
/* The electoral lists (tui/cmd_electoral_list.c). */
int cmd_electors_list(int argc, char **argv);
/* Credentials (tui/cmd_credentials.c). */
int cmd_credentials_generate(int argc, char **argv);
int cmd_credentials_letters(int argc, char **argv);
/* The émargement list (tui/cmd_emargement.c). */
int cmd_emargement_export(int argc, char **argv);
/* The election's clock (tui/cmd_clock.c). */
int cmd_scrutin_tick(int argc, char **argv);
/* The test vote's electors (tui/cmd_testvote.c). */
int cmd_test_electors(int argc, char **argv);
/* A technical intervention for the journal (tui/cmd_intervention.c). */
int cmd_intervention(int argc, char **argv);
/* The standby platform's takeover (tui/cmd_failover.c). */
int cmd_failover(int argc, char **argv);
/* The ceremonies and the test vote's comparison (tui/cmd_ceremony.c). */
int cmd_ceremony_start(int argc, char **argv);
int cmd_ceremony_step(int argc, char **argv);
int cmd_ceremony_status(int argc, char **argv);
int cmd_ceremony_record(int argc, char **argv);
int cmd_test_compare(int argc, char **argv);
/* The certified release's reference digests (tui/cmd_release.c). */
int cmd_release_manifest(int argc, char **argv);
int cmd_release_certify(int argc, char **argv);
int cmd_release_show(int argc, char **argv);
/* The second round (tui/cmd_round2.c). */
int cmd_scrutin_round2(int argc, char **argv);
/* Bureaux (tui/cmd_bureau.c). */
int cmd_bureau_list(int argc, char **argv);
int cmd_bureau_code(int argc, char **argv);
int cmd_bureau_code_reset(int argc, char **argv);
/* Keys (tui/cmd_keys.c). */
int cmd_keys_fingerprint(int argc, char **argv);
int cmd_keys_install(int argc, char **argv);
/* The count (tui/cmd_count.c). */
int cmd_tally(int argc, char **argv);
int cmd_results(int argc, char **argv);
/* Representativeness over several scrutins (tui/cmd_represent.c). */
int cmd_results_consolidate(int argc, char **argv);
/* The bureau's proclamation (tui/cmd_proclaim.c). */
int cmd_results_proclaim(int argc, char **argv);
int cmd_bureau_observation(int argc, char **argv);
int cmd_bureau_decision(int argc, char **argv);
int cmd_turnout(int argc, char **argv);
/* The procès-verbal (tui/cmd_pv.c). */
int cmd_pv(int argc, char **argv);
/* The PVs' copies and their sending (tui/cmd_pvcopy.c). */
int cmd_pv_copies(int argc, char **argv);
int cmd_pv_sent(int argc, char **argv);
/* Recourse, disputes, destruction (tui/cmd_archive.c). */
int cmd_archive_status(int argc, char **argv);
int cmd_archive_dispute_open(int argc, char **argv);
int cmd_archive_dispute_close(int argc, char **argv);
int cmd_archive_certificate(int argc, char **argv);
int cmd_destroy(int argc, char **argv);
/* The public bulletin board (tui/cmd_board.c). */
int cmd_board_export(int argc, char **argv);
/* Observer accounts (tui/cmd_observer.c). */
int cmd_observer_add(int argc, char **argv);
int cmd_observer_revoke(int argc, char **argv);
int cmd_observer_list(int argc, char **argv);
/* The hotline (tui/cmd_hotline.c). */
int cmd_hotline_search(int argc, char **argv);
int cmd_hotline_reissue(int argc, char **argv);

/* The election model commands (tui/cmd_model.c). */
int cmd_model_scrutin_list(int argc, char **argv);
int cmd_model_scrutin_transition(int argc, char **argv);
int cmd_model_journal_verify(int argc, char **argv);
int cmd_model_journal_export(int argc, char **argv);
int cmd_model_seal_create(int argc, char **argv);
int cmd_model_seal_verify(int argc, char **argv);

#endif
