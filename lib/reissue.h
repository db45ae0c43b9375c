/* reissue.h: the hotline's reissue of credentials (R-AUTH-4): only after
 * the elector's identity is checked (name, birth date, postal code,
 * challenge), only while there is a scrutin left to vote in; the old
 * credentials stop working (and their sessions, through the generation);
 * the journal records it for the bureau. The operator sees the new
 * identifier (which may be read out) but never the password, which goes to
 * the delivery channel. */
#ifndef ISOLOIR_REISSUE_H
#define ISOLOIR_REISSUE_H

#include <jansson.h>
#include <mysql.h>

#include "credential.h"
#include "err.h"

struct reissue_identity {
	const char *nom;
	int naissance;          /* YYYYMMDD */
	const char *code_postal;
	const char *cle_nir;
};

enum reissue_outcome { REISSUE_DONE, REISSUE_IDENTITY, REISSUE_VOTED };

struct reissue_result {
	enum reissue_outcome outcome;
	char message[256];                  /* French, for the operator */
	char identifier[CRED_TEXT_MAX];     /* REISSUE_DONE only */
	char password[CRED_TEXT_MAX];       /* for the channel, never shown */
	unsigned generation;
};

int reissue(MYSQL *db, const unsigned char login_key[32], const char *operator_name,
    unsigned elector_id, const struct reissue_identity *id, struct reissue_result *res,
    struct err *e);

/* The electors whose nom or nom d'usage is exactly nom (the hotline's
 * search; names only, nothing of the identity it will check):
 * [{"id","nom","prenom","etablissement"}], at most REISSUE_SEARCH_MAX. */
#define REISSUE_SEARCH_MAX 50
#define REISSUE_SEARCH_MAX_S "50"
json_t *reissue_search(MYSQL *db, const char *nom, struct err *e);

#endif
