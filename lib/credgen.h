/* credgen.h: generation of the electors' credentials (R-AUTH-1, R-DATA-3).
 * Every elector of the operation who has none gets a random identifier and
 * password (credential.h); the database keeps only the keyed digest of the
 * identifier and the Argon2id hash of the password. Three files come out,
 * in a new directory (0700, files 0600):
 *   courrier-identifiants.csv  mail merge of the identifier letters (postal
 *                              address, identifier, site address);
 *   canal-mots-de-passe.csv    the passwords for the second channel: email
 *                              when the elector has one, else SMS, else a
 *                              second letter;
 *   liste-controle.csv         control list without any secret (who, which
 *                              channel), for the employer and the unions.
 * All or nothing: the rows are written in one transaction; the files are
 * written and synced under a temporary name first and get their final name
 * only after the commit; the journal entry names the temporary directory,
 * so the next run finishes a crashed one: a committed run's directory gets
 * its final name, an uncommitted one is removed (its passwords were never
 * recorded). Journaled with each file's SHA-256. */
#ifndef ISOLOIR_CREDGEN_H
#define ISOLOIR_CREDGEN_H

#include <limits.h>
#include <stddef.h>

#include <mysql.h>

#include "credential.h"
#include "err.h"

struct credgen_opts {
	const char *operation;            /* code, NULL: the first one */
	const char *actor;
	const char *outdir;               /* where the new directory goes */
	const unsigned char *login_key;   /* [credentials] login_key */
	size_t keylen;
	const char *site_url;             /* printed on the letters */
	const struct cred_cost *cost;
	unsigned threads;                 /* Argon2id hashing threads, >= 1 */
};

struct credgen_result {
	unsigned long generated, by_email, by_sms, by_post;
	unsigned recovered, discarded;    /* crashed runs found and finished */
	char dir[PATH_MAX];               /* the final directory */
	char sha_letters[65], sha_channel[65], sha_control[65];
};

int credgen_run(MYSQL *el, const struct credgen_opts *o, struct credgen_result *r,
    struct err *e);

#endif
