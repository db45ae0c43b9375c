/* act.h: what a console action needs around the lib/ calls, shared by the
 * subcommands (tui/cmd_*.c) and the screens (tui/screen_*.c): the
 * configuration, the connections, who operates, a transition with the
 * bureau's codes, the electors file check, the hotline's password spool. */
#ifndef ISOLOIR_ACT_H
#define ISOLOIR_ACT_H

#include <stddef.h>
#include <stdint.h>

#include <mysql.h>

#include "bureau.h"
#include "ceremony.h"
#include "conf.h"
#include "destroy.h"
#include "emargement.h"
#include "err.h"
#include "import_electors.h"
#include "observer.h"
#include "pv.h"
#include "lifecycle.h"
#include "reissue.h"
#include "seal.h"

/* Connections of one action; either may stay NULL when not needed. */
struct act_dbs {
	MYSQL *el, *urn;
};

/* path, else $ISOLOIR_CONSOLE_CONF, else /etc/isoloir/console.conf. */
struct conf *act_conf_load(const char *path, struct err *e);
/* Connect what is not connected yet (the electors database, and the urn's
 * when need_urn); on failure both are closed. */
int act_connect(const struct conf *c, struct act_dbs *d, int need_urn, struct err *e);
void act_close(struct act_dbs *d);

/* "console:<login>": who operated, for the journal. */
const char *act_actor(void);

/* How a transition is asked for. */
struct act_opts {
	const struct bureau_code *codes;  /* NULL: no codes typed */
	size_t ncodes;
	const char *note;
	const char *advice, *authorisation;   /* R-BUR-4, lifecycle_needs_reasons */
	int automatic;
	const char *bins[SEAL_MAX_BINARIES];  /* none: [seal] binaries */
	size_t nbin;
};

/* Check the codes against the bureau with authority for this step (when
 * given), then apply the transition (lifecycle_apply). d must have both
 * databases. */
int act_transition(const struct conf *c, struct act_dbs *d, unsigned id,
    enum lc_state to, const struct act_opts *o, struct err *e);
/* A step of a ceremony (lib/ceremony_db.c): codes checked against the
 * bureau with authority for an action step (when given), the seal's
 * binaries from [seal] binaries. d must have both databases. */
struct act_step {
	unsigned ceremony;
	const char *key;
	const struct bureau_code *codes;   /* NULL: no codes typed */
	size_t ncodes;
	const char *confirmed_by;
	const char *note;
	const char *advice, *authorisation;   /* closing a suspended scrutin */
};
int act_ceremony_step(const struct conf *c, struct act_dbs *d, const struct act_step *s,
    char *result, struct err *e);

/* The state a seal is made by from the scrutin's state: "sealed", or
 * "sealed_after_count" once counted. */
enum lc_state act_seal_state(enum lc_state now);

/* A codes file: one "MEMBRE CODE" per line, '#' comments, "-" is stdin;
 * codes point into text (cap bytes), which the caller wipes after use. */
int act_read_codes(const char *path, char *text, size_t cap, struct bureau_code *codes,
    size_t *n, struct err *e);

/* Check the journal of one database; count may be NULL. */
int act_journal_verify(MYSQL *m, uint64_t *count, struct err *e);

/* The electors file check without database (R-DATA-1): colleges is "A,B",
 * date AAAA-MM-JJ. Fills rep (import_report_free it) on success. */
struct act_import {
	char *buf;
	const char *colleges[16];
	size_t ncolleges;
	int date;
};
int act_import_colleges(struct act_import *a, const char *colleges, struct err *e);
int act_import_date(struct act_import *a, const char *date, struct err *e);
int act_import_check(const char *path, const struct act_import *a,
    struct import_report *rep, struct err *e);
void act_import_free(struct act_import *a);

/* The login key of the hotline (credentials.login_key). */
int act_login_key(const struct conf *c, unsigned char key[32], struct err *e);
/* The new password for the delivery channel, a 0600 file in dir; never on
 * the screen. */
int act_spool_password(const char *dir, unsigned elector, const struct reissue_result *r,
    struct err *e);

/* The test vote's fictitious electors (R-BUR-2): n of them for scrutin,
 * their credentials and plan into a new 0600 file (refused when it
 * exists; removed on failure). Connects d's electors database. */
int act_test_electors(const struct conf *c, struct act_dbs *d, unsigned scrutin, unsigned n,
    const char *path, struct err *e);

/* The letters of a generation directory (courrier-identifiants.pdf, and
 * courrier-mots-de-passe.pdf when passwords go by post), owner only. */
struct act_letters {
	unsigned long nid, npw;   /* npw 0: no password letter written */
	char pid[4096], ppw[4096], sid[65], spw[65];
};
int act_letters(const struct conf *c, struct act_dbs *d, const char *dir, const char *hotline,
    const char *opcode, struct act_letters *r, struct err *e);

/* The émargement list of a closed scrutin as CSV (0600) and, when pdf is
 * not NULL, as PDF to sign; journaled « emargement_export » with both
 * digests. Refused before the closing and with the console's account
 * (the bureau's is required); a failure leaves none of this run's files. */
struct act_emarg {
	struct emarg_summary sum;
	char sha_csv[65], sha_pdf[65];
};
int act_emargement_export(MYSQL *el, unsigned scrutin, const char *csv, const char *pdf,
    struct act_emarg *out, struct err *e);

/* "1,2,5" into o->scrutins; -1 when malformed or empty. */
int act_observer_scrutins(const char *s, struct observer_new *o);
/* A new observer account; its identifier and password written to out, a
 * new 0600 file (refused if it exists), the password never returned;
 * ident gets the identifier. On a failed write the account is revoked. */
int act_observer_add(const struct conf *c, MYSQL *el, const struct observer_new *o,
    const char *scrutins, const char *out, unsigned *id, char ident[CRED_TEXT_MAX],
    struct err *e);

/* The retention state of an operation (destroy_status) as French lines,
 * each given to line: `archive status` prints them, the archive screen
 * lists them. */
typedef void (*act_line_fn)(const char *line, void *ctx);
void act_archive_lines(const struct destroy_status *st, act_line_fn line, void *ctx);

/* The count's files (R-BUR-8, tui/act_count.c) in a directory shared with
 * the key holders: totaux-scrutin-N.json (for isoloir-trustee decrypt) and
 * comptes-scrutin-N.json (the decrypted counts, for `results proclaim` and
 * `pv --counts`); a sub-urn's (R-ORG-5, sub 1 salariés, 2 fonctionnaires)
 * end in -sous-urne-S. */
#define ACT_PATH_MAX 1024
void act_count_paths(const char *dir, unsigned scrutin, unsigned sub,
    char totals[ACT_PATH_MAX], char counts[ACT_PATH_MAX]);
/* The urn's (sub 0) or a sub-urn's encrypted totals (refused before the
 * closing), written to dir (created 0700 if needed); *totals and the
 * file's SHA-256. */
int act_count_totals(MYSQL *el, MYSQL *urn, unsigned scrutin, unsigned sub, const char *dir,
    json_t **totals, char sha[65], struct err *e);
/* The *.json of dir other than the count's own files read as holders'
 * partial decryptions; those of sub-urn `sub` combined with the installed
 * keys (each proof checked); the counts written beside. What was set aside
 * is appended to set_aside ({"file"|"holder", "reason"}; unreadable files
 * only with sub 0); *files: how many of this sub-urn's files were read. */
json_t *act_count_combine(MYSQL *el, unsigned scrutin, unsigned sub, const char *dir,
    const json_t *totals, json_t *set_aside, size_t *files, struct err *e);
/* The PV of these counts from the databases (with the draws by lot of the
 * proclamation); base: the employer's identity, or NULL. */
struct pv_doc *act_pv_doc(MYSQL *el, MYSQL *urn, unsigned scrutin, const json_t *counts,
    const json_t *base, struct err *e);

#endif
